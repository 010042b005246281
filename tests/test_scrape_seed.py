"""Acceptance on the seed page (issue 3): exactly its 8 records, every expected field, no chrome."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from refmerge.cli.app import app
from refmerge.refs.formats.bibtex import parse_bibtex
from refmerge.refs.formats.registry import detect_format, read_path
from refmerge.refs.names import parse_bibtex_names

from conftest import shared_path

SEED = "000_ef60c61dccf8c9d9"


@pytest.fixture(scope="module")
def seed() -> tuple[list, list[dict]]:
    path = shared_path("fixtures", f"{SEED}.txt")
    expected = json.loads(shared_path("fixtures", f"{SEED}.expected.json").read_text())["records"]
    lib = read_path(str(path))
    return lib.references, expected


def _authors(value: str) -> list[str]:
    return [n.bibtex() for n in parse_bibtex_names(value)]


def test_seed_is_detected_as_page_text() -> None:
    path = shared_path("fixtures", f"{SEED}.txt")
    assert detect_format(path.read_text(encoding="utf-8"), path.name) == "text"


def test_seed_gives_exactly_the_expected_records(seed) -> None:
    refs, expected = seed
    assert len(refs) == len(expected) == 8


@pytest.mark.parametrize("index", range(8))
def test_seed_record_fields(seed, index: int) -> None:
    refs, expected = seed
    ref, exp = refs[index], expected[index]
    f = ref.fields
    assert f.get("title") == exp["title"] if exp["title"] else "title" not in f
    assert _authors(f.get("author", "")) == exp["authors"]
    assert f.get("year") == (str(exp["year"]) if exp["year"] else None)
    assert f.get("journal") == exp["venue"]
    assert f.get("volume") == exp["volume"]
    assert f.get("number") == exp["issue"]
    assert f.get("pages") == exp["pages"]
    assert f.get("doi") == exp["doi"]
    if exp["abstract_starts"]:
        assert f["abstract"].startswith(exp["abstract_starts"])
    else:
        assert "abstract" not in f


def test_seed_records_point_at_their_lines(seed) -> None:
    refs, _ = seed
    path = shared_path("fixtures", f"{SEED}.txt")
    lines = path.read_text(encoding="utf-8").split("\n")
    for ref in refs:
        assert ref.origin.format == "text"
        assert ref.origin.line <= ref.origin.end_line
        block = "\n".join(lines[ref.origin.line - 1 : ref.origin.end_line])
        surname = parse_bibtex_names(ref.fields["author"])[0].last
        assert surname.lower() in block.lower()
    starts = [r.origin.line for r in refs]
    assert starts == sorted(starts)


def test_seed_chrome_gives_nothing(seed) -> None:
    refs, _ = seed
    text = " ".join(" ".join(r.fields.values()) for r in refs)
    for chrome in ("Sign in", "Export Citation", "Share Document"):
        assert chrome not in text


def test_seed_types_and_unique_keys(seed) -> None:
    refs, expected = seed
    for ref, exp in zip(refs, expected, strict=True):
        has_venue = exp["venue"] or exp["volume"] or exp["pages"]
        assert ref.entry_type == ("article" if has_venue else "misc")
    keys = [r.key for r in refs]
    assert len(set(keys)) == len(keys)
    assert all(k.isascii() and k == k.lower() for k in keys)
    assert "macsithigh2019" in keys  # author + year, folded to ASCII


def test_convert_seed_writes_eight_clean_entries() -> None:
    path = shared_path("fixtures", f"{SEED}.txt")
    result = CliRunner().invoke(app, ["convert", str(path)])
    assert result.exit_code == 0, result.output
    out = parse_bibtex(result.stdout, "out.bib")
    assert len(out.references) == 8
    assert not out.diagnostics
    cabestan = [r for r in out.references if "Cabestan" in r.fields.get("author", "")]
    assert cabestan[0].fields["author"] == "Cabestan, Jean-Pierre"
    assert cabestan[0].fields["pages"] == "2040003"
