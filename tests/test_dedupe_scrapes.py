"""Duplicate groups in the scraped-page fixtures: titled vs untitled copies, one work in five
citation styles, 2019a vs 2019b kept apart.

The engine is checked on the fixtures' expected records (independent of the scrape reader),
and end to end through the reader once the "text" format is registered.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from refmerge.dedupe.engine import find_duplicates
from refmerge.refs.formats.registry import FORMATS, read_path
from refmerge.refs.model import Origin, Reference

from conftest import REPO, shared_path

SCRAPES = [
    "000_ef60c61dccf8c9d9",
    *[
        f"scrapes/{n}"
        for n in (
            "A01_sciencegate",
            "A02_ouci_en",
            "A03_ouci_uk",
            "A04_bibsonomy",
            "A05_pubmed",
            "A06_arxiv",
            "A07_apa_list",
            "A08_cite_box",
            "A09_scholar",
            "A10_catalogue",
        )
    ],
]


def _expected(name: str) -> dict:
    return json.loads(shared_path("fixtures", f"{name}.expected.json").read_text("utf-8"))


def _reference(n: int, record: dict) -> Reference:
    """A Reference as a reader would build it from one expected record."""
    fields: dict[str, str] = {}
    if record.get("title"):
        fields["title"] = record["title"]
    if record.get("authors"):
        fields["author"] = " and ".join(record["authors"])
    for name, key in (("year", "year"), ("volume", "volume"), ("issue", "number")):
        if record.get(name) is not None:
            fields[key] = str(record[name])
    for name in ("pages", "doi", "pmid", "arxiv"):
        if record.get(name):
            fields["eprint" if name == "arxiv" else name] = str(record[name])
    entry_type = record.get("type") or "misc"
    if record.get("venue"):
        venue_field = {"inproceedings": "booktitle", "incollection": "booktitle"}.get(
            entry_type, "journal" if entry_type == "article" else "publisher"
        )
        fields[venue_field] = record["venue"]
    abstract = record.get("abstract") or record.get("abstract_starts")
    if abstract:
        fields["abstract"] = abstract
    return Reference(entry_type, f"r{n}", fields, Origin("page.txt", n + 1))


def _groups(refs: list[Reference]) -> list[list[int]]:
    return sorted(g.members for g in find_duplicates(refs).groups)


@pytest.mark.parametrize("name", SCRAPES)
def test_engine_finds_exactly_the_expected_groups_on_expected_records(name: str) -> None:
    expected = _expected(name)
    refs = [_reference(n, r) for n, r in enumerate(expected["records"])]
    assert _groups(refs) == sorted(sorted(g) for g in expected["duplicate_groups"])


def _needs_text_reader() -> None:
    if "text" not in FORMATS:
        pytest.skip('the scraped-text reader (format "text") is not registered yet')


@pytest.mark.parametrize("name", SCRAPES)
def test_scraped_pages_end_to_end(name: str) -> None:
    _needs_text_reader()
    expected = _expected(name)
    lib = read_path(str(shared_path("fixtures", f"{name}.txt")))
    refs = lib.references
    # Every shared page gives its records today; a wrong count is a reader regression, not an
    # expected failure (an xfail here could never fail, whatever the reader did).
    assert len(refs) == len(expected["records"]), [r.get("title")[:50] for r in refs]
    assert _groups(refs) == sorted(sorted(g) for g in expected["duplicate_groups"])


def test_seed_fixture_json_reports_the_two_aldendorff_records() -> None:
    _needs_text_reader()
    path = shared_path("fixtures", "000_ef60c61dccf8c9d9.txt")
    run = subprocess.run(
        [sys.executable, "-m", "refmerge.cli", "dupes", str(path), "--format", "json"],
        capture_output=True,
        text=True,
        cwd=Path(REPO),
        check=False,
    )
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    assert len(data["groups"]) == 1
    lib = read_path(str(path))
    by_line = {(r.origin.file, r.origin.line): r for r in lib.references}
    members = [by_line[(m["file"], m["line"])] for m in data["groups"][0]["members"]]
    assert len(members) == 2
    assert all("Aldendorff" in r.get("author") for r in members)
