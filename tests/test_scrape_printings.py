"""One work printed several times on a page is one record; two works with one title stay two
(issue 13; docs/scrape.md, "One work printed several times on a page (multi12)"). Invented
pages in tests/data/scrape_rules/ imitating a landing page with a labelled header over its cite
dialog and a book page whose cite box stands above its header."""

from __future__ import annotations

from refmerge.refs.model import Reference
from refmerge.refs.scrape.reader import read_scrape

from conftest import DATA

RULES = DATA / "scrape_rules"


def _read(name: str) -> list[Reference]:
    path = RULES / name
    return read_scrape(path.read_text(encoding="utf-8"), str(path)).references


def test_a_labelled_header_and_its_cite_dialog_are_one_record() -> None:
    """The header (labels, under a running head that cut the journal's name to `Letters`) and
    three cite strings of the same article: one record, the journal's whole name and the
    header's full given names kept, not four records of one work."""
    refs = _read("header_and_cite_dialog.txt")
    assert len(refs) == 1
    f = refs[0].fields
    assert f["title"] == "Tidal memory in invented lagoons: a two-season survey"
    assert f["journal"] == "Coastal Reverie: Letters"
    assert f["author"] == "Okafor, Amara and Vendrel, Tomas and Lindqvist, Ylva"
    assert (f["year"], f["volume"], f["pages"]) == ("2031", "14", "211--229")


def test_a_cite_box_above_a_book_header_is_one_record() -> None:
    """Three styles of one book (the Harvard line runs the publisher into the title) above the
    book's own header and abstract: one record with the first printing's title, the header's
    full given name, the DOI and the abstract."""
    refs = _read("cite_box_over_book_record.txt")
    assert len(refs) == 1
    f = refs[0].fields
    assert f["title"].endswith("und ihre Folgen für das Seerecht")
    assert f["author"] == "Marwick, Ilse"
    assert f["doi"] == "10.5555/978-3-000-11111-2"
    assert f["year"] == "2030"
    assert f["abstract"].startswith("Die Leuchttürme")


def test_one_title_in_another_year_or_by_another_author_is_another_work() -> None:
    """A landing page (2031) citing the preprint of its work (2029) and another author's work
    with the same title: three records, each with its own year and authors. Before, the
    preprint's line was taken for the page's own work cited again: the record got the
    preprint's year and the other author's work was lost."""
    refs = _read("one_title_two_works.txt")
    got = [(r.fields["author"].split(",")[0], r.fields["year"]) for r in refs]
    assert got == [("Okafor", "2031"), ("Okafor", "2029"), ("Brenner", "2031")]
    assert {r.fields["title"] for r in refs} == {"Tidal memory in invented lagoons"}


def test_one_title_by_another_author_under_the_header_is_another_work() -> None:
    """The same title and year by another author, cited right under the page's header: its
    line held the header's title, and was taken for the page's own work printed again."""
    refs = _read("same_title_other_author.txt")
    assert [r.fields["author"] for r in refs] == ["Okafor, Amara and Vendrel, Tomas", "Brenner, L."]
    assert refs[1].fields["journal"] == "Journal of Fictional Limnology"
