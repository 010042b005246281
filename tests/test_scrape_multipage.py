"""Several web pages pasted into one text file: every page's own record is read, and the
lists of other works between them are skipped with a note (RM109), never silently.

The fixtures in tests/data/scrape/ are invented pages of different layouts pasted one
after another; each `.expected.json` lists the pages' own records (scored like
bench/scrape_accuracy.py) and, under `skipped`, the RM109 notes: [first line, last line,
heading].
"""

from __future__ import annotations

import importlib.util
import itertools
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from refmerge.cli.app import app
from refmerge.refs.codes import CODES
from refmerge.refs.formats.bibtex import parse_bibtex
from refmerge.refs.model import Severity
from refmerge.refs.scrape.reader import read_scrape

from conftest import DATA, REPO

_spec = importlib.util.spec_from_file_location(
    "scrape_accuracy", REPO / "bench" / "scrape_accuracy.py"
)
accuracy = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(accuracy)

PAGES = sorted((DATA / "scrape").glob("*.txt"))


def _expected(page: Path) -> dict:
    return json.loads(accuracy.expected_path(page).read_text(encoding="utf-8"))


def test_the_fixtures_paste_several_pages() -> None:
    assert len(PAGES) >= 3
    assert all(len(_expected(p)["records"]) >= 2 for p in PAGES)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.stem)
def test_every_pages_own_record_is_read_with_its_fields(page: Path) -> None:
    result = accuracy.score_file(page)
    wrong = [
        f"{(exp or act or {}).get('title')}: {bad}" for exp, act, _, bad in result["rows"] if bad
    ]
    assert wrong == []
    # no listed work (similar articles, references, similar items) became a record
    assert result["read"] == result["expected"] == result["strict_ok"]


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.stem)
def test_each_skipped_list_is_reported_with_its_lines(page: Path) -> None:
    lib = read_scrape(page.read_text(encoding="utf-8"), page.name)
    notes = [d for d in lib.diagnostics if d.code == "RM109"]
    assert [d for d in lib.diagnostics if d.code != "RM109"] == []
    got = [[d.line, d.end_line, d.message.split('"')[1]] for d in notes]
    assert got == _expected(page)["skipped"]
    for note in notes:
        assert note.severity is Severity.INFO and note.file == page.name
        assert f"lines {note.line}-{note.end_line} ({note.end_line - note.line + 1} lines)" in (
            note.message
        )
    # every record was read outside the skipped lines
    for ref in lib.references:
        assert not any(d.line <= ref.origin.line <= d.end_line for d in notes), ref.fields


def test_convert_reports_the_skipped_lines_on_stderr(tmp_path: Path) -> None:
    page = DATA / "scrape" / "M01_pubmed_ouci_catalogue.txt"
    out = tmp_path / "refs.bib"
    result = CliRunner().invoke(app, ["convert", str(page), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    refs = parse_bibtex(out.read_text(encoding="utf-8"), "refs.bib").references
    assert [r.fields["doi"] for r in refs] == [
        "10.5555/cfh.2021.211",
        "10.5555/urih.2020.4.88",
        "10.5555/qia.2017.14.2.130",
    ]
    assert (
        f'{page}:26: RM109 lines 26-51 (26 lines) list other works after "Similar articles"; '
        "not read as records; reading goes on at line 53, where another page starts"
    ) in result.stderr
    assert f'{page}:93: RM109 lines 93-99 (7 lines) list other works after "Similar Items"; ' \
        "not read as records" in result.stderr  # fmt: skip


_PAGE = """\
Orchards under invented moons: a field survey
Authors: Ana Smith, Bo Li
Journal: Journal of Fictional Farming, 2020, 3(1), 1-15
DOI: 10.5555/jff.2020.1
Abstract
Growers in seven invented valleys kept diaries of moonlit harvests. The diaries show that picking at night moved earlier in the season as the fictional orchards aged.
"""


def test_a_list_at_the_end_of_one_page_is_skipped_with_a_note() -> None:
    text = (
        _PAGE + "Similar articles\nMoon and pears: a cohort study.\n"
        "Li B, et al. J Fict Farm. 2018;2(4):50-9. doi: 10.5555/jff.2018.50.\n"
    )
    lib = read_scrape(text, "page.txt")
    assert [r.fields["title"] for r in lib.references] == [
        "Orchards under invented moons: a field survey"
    ]
    (note,) = lib.diagnostics
    assert (note.code, note.line, note.end_line) == ("RM109", 7, 9)
    assert str(note) == (
        'page.txt:7: RM109 lines 7-9 (3 lines) list other works after "Similar articles"; '
        "not read as records"
    )


def test_a_heading_with_nothing_under_it_is_not_reported() -> None:
    lib = read_scrape(_PAGE + "Cited by\n\n", "page.txt")
    assert len(lib.references) == 1 and lib.diagnostics == []


def test_skip_to_main_content_starts_the_next_page() -> None:
    # the second page has no abstract: only its page-top line tells that it is a new page
    second = (
        "Skip to main content\nLedgers of a harbour that never was\n"
        "Authors: Marta Rhys, Oleh Sydorenko\n"
        "Journal: Review of Invented Ports, 2017, 9(2), 40-58\n"
    )
    text = _PAGE + "References\nRhys, M. (2015). Harbours. Port Fictions, 2, 1-9.\n" + second
    lib = read_scrape(text, "two.txt")
    assert [r.fields["title"] for r in lib.references] == [
        "Orchards under invented moons: a field survey",
        "Ledgers of a harbour that never was",
    ]
    assert lib.references[1].fields["journal"] == "Review of Invented Ports"
    (note,) = lib.diagnostics
    assert (note.line, note.end_line) == (7, 8) and "goes on at line 9" in note.message


def test_listed_works_with_authors_are_not_mistaken_for_a_new_page() -> None:
    # title + author + date entries (a catalogue's Similar Items): no abstract, no page top
    listing = "".join(
        f"Similar work number {n} on invented orchards\nby: Smith, Ana\nPublished: (201{n})\n"
        for n in range(4)
    )
    lib = read_scrape(_PAGE + "Similar Items\n" + listing, "page.txt")
    assert len(lib.references) == 1
    (note,) = lib.diagnostics
    assert (note.line, note.end_line) == (7, 19)


def test_rm109_is_a_registered_note() -> None:
    assert CODES["RM109"].severity is Severity.INFO


def test_a_page_top_separates_pages_without_a_list_between() -> None:
    # without the page-top line the second page's labelled journal would join the first record
    text = (
        "Orchards under invented moons: a field survey\nAuthors: Ana Smith, Bo Li\n"
        "Skip to main content\nLedgers of a harbour that never was\n"
        "Journal: Review of Invented Ports, 2017, 9(2), 40-58\nAuthors: Marta Rhys\n"
    )
    first, second = read_scrape(text, "two.txt").references
    assert "journal" not in first.fields
    assert second.fields["title"] == "Ledgers of a harbour that never was"
    assert second.fields["journal"] == "Review of Invented Ports"
    assert second.fields["author"] == "Rhys, Marta"


def test_a_journal_name_above_the_volume_line_after_a_list() -> None:
    # the look-ahead that finds the page must not change what the real reading sees
    text = _PAGE + (
        "References\nSmith, A. (2015). Moons. Port Fictions, 2, 1-9.\n"
        "Journal of Invented Landscapes\nVolume 12, Issue 1, 2019, Pages 1-17\nResearch article\n"
        "Archives of the unbuilt: plans for villages that were never founded\n"
        "Ingrid Solheim1,2, Marta Kovalenko-Rhys2*\n"
        "Abstract\nPlanning offices in three invented regions kept drawings of villages that "
        "were never built, and we catalogue them.\n"
    )
    _, ref = read_scrape(text, "two.txt").references
    assert (
        ref.fields["title"] == "Archives of the unbuilt: plans for villages that were never founded"
    )
    assert ref.fields["journal"] == "Journal of Invented Landscapes"
    assert (ref.fields["volume"], ref.fields["number"], ref.fields["pages"]) == ("12", "1", "1--17")


LANDING = [
    "B02_landing_de", "B04_pubmed_variant", "B05_arxiv_abs", "B09_catalogue_colon",
    "B10_journal_landing", "B12_catalogue_tabs_ru", "B16_catalogue_book", "B17_europepmc_plos",
    "B18_landing_es", "B24_ouci_chapter_thesis", "B25_pubmed_split_spans",
]  # fmt: skip


def test_any_two_landing_pages_pasted_together_read_like_each_alone() -> None:
    """Every ordered pair of our landing-page variants, pasted into one file."""
    wrong = []
    for a, b in itertools.permutations(LANDING, 2):
        pages = [DATA / "scrapes" / f"{name}.txt" for name in (a, b)]
        text = "".join(p.read_text(encoding="utf-8").rstrip("\n") + "\n" for p in pages)
        expected = [r for p in pages for r in _expected(p)["records"]]
        actual = [accuracy.actual_record(r) for r in read_scrape(text, "x").references]
        right = sum(
            ei is not None
            and ai is not None
            and all(accuracy.field_ok(k, expected[ei], actual[ai]) for k in accuracy.KEY_FIELDS)
            for ei, ai in accuracy.align(expected, actual)
        )
        if right != len(expected) or len(actual) != len(expected):
            wrong.append(f"{a} + {b}: {right}/{len(expected)} right, {len(actual)} read")
    assert wrong == []
