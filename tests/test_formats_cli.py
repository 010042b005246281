"""The new formats as a user meets them: `refmerge convert` and a mixed `refmerge merge`."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from refmerge.cli.app import app
from refmerge.refs.formats.registry import read_path

from conftest import DATA

FIXTURES = DATA / "formats"
ALL = ["sample.ris", "sample.nbib", "sample.ciw", "scopus.csv", "sample.json", "endnote.xml"]
runner = CliRunner()


def _convert_all(tmp_path: Path) -> list:
    out = tmp_path / "all.bib"
    result = runner.invoke(app, ["convert", *(str(FIXTURES / f) for f in ALL), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    return read_path(str(out)).references


def test_convert_every_format_to_bibtex(tmp_path: Path) -> None:
    refs = _convert_all(tmp_path)
    expected = [r for f in ALL for r in read_path(str(FIXTURES / f)).references]
    assert len(refs) == len(expected) == 13
    for got, want in zip(refs, expected, strict=True):
        assert (got.entry_type, got.get("title"), got.get("doi")) == (
            want.entry_type,
            want.get("title"),
            want.get("doi"),
        )
    assert "Okafor2021" in [r.key for r in refs]  # keys the sources carry are kept


def test_convert_gives_every_record_a_usable_key(tmp_path: Path) -> None:
    # Readers leave the key empty when the source has none; convert generates it.
    keys = [r.key for r in _convert_all(tmp_path)]
    assert all(len(k) > 2 for k in keys) and len(set(keys)) == 13
    assert "osullivan2022home" in keys


def test_convert_to_ris_and_csljson_by_extension(tmp_path: Path) -> None:
    ris, js = tmp_path / "out.ris", tmp_path / "out.json"
    source = str(FIXTURES / "sample.nbib")
    assert runner.invoke(app, ["convert", source, "-o", str(ris)]).exit_code == 0
    assert runner.invoke(app, ["convert", source, "-o", str(js)]).exit_code == 0
    assert ris.read_text().startswith("TY  - JOUR\n")
    items = json.loads(js.read_text())
    assert [i["PMID"] for i in items] == ["35123456", "34999999"]
    original = read_path(source).references
    for path in (ris, js):
        back = read_path(str(path)).references
        assert [r.fields["doi"] for r in back[:1]] == [original[0].fields["doi"]]
        assert [r.fields["title"] for r in back] == [r.fields["title"] for r in original]


def test_convert_reports_malformed_input_with_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ris"
    bad.write_text("TY  - JOUR\nTI  - Cut short\nPY  - 2020\n")
    result = runner.invoke(app, ["convert", str(bad), "--to", "csl-json"])
    assert result.exit_code == 0  # the record is recovered, with a warning
    assert f"{bad}:1: RM106 " in result.stderr
    assert "RM106" in result.stderr
    assert json.loads(result.stdout)[0]["title"] == "Cut short"


def test_broken_json_is_an_error_with_line_and_column(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('[\n  {"type": "book", "title": "A"}\n  {"type": "book"}\n]\n')
    result = runner.invoke(app, ["convert", str(bad)])
    assert f"{bad}:3:3: RM107 " in result.stderr


def test_mixed_merge_deduplicates_across_all_formats(tmp_path: Path) -> None:
    out = tmp_path / "merged.bib"
    inputs = [str(FIXTURES / "library.bib"), *(str(FIXTURES / f) for f in ALL)]
    inputs.append(str(FIXTURES / "records.csv"))  # the generic CSV reader's layout
    result = runner.invoke(app, ["merge", *inputs, "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    refs = read_path(str(out)).references
    titles = sorted(r.fields["title"].split(":")[0].lower() for r in refs)
    assert titles == [
        "cough sound classification with small convolutional networks",
        "home spirometry telemonitoring after lung transplantation",
        "inhaled corticosteroid withdrawal in mild asthma",
        "pulmonary rehabilitation in the community",
        "spirometry in primary care",
    ]
    okafor = next(r for r in refs if r.fields["title"].lower().startswith("inhaled"))
    assert okafor.key == "okafor:ics2021"  # the existing library's key wins
    assert okafor.fields["pmid"] == "33123456"  # filled in from the exports
    haddad = next(r for r in refs if r.fields["title"].lower().startswith("pulmonary"))
    assert haddad.fields["author"] == "Haddad, Karim and Nakamura, Takeshi"  # full names win
