"""Page-furniture rules of the eleventh round of junk-record work (issue 13), each on an invented
page in tests/data/scrape_rules/ or on the lexicon's headings: links to the neighbouring article
or page, and result-count headings in every interface language. See docs/scrape.md (eleventh
round)."""

from __future__ import annotations

import pytest

from refmerge.refs.model import InputError, Reference
from refmerge.refs.scrape.lines import is_chrome
from refmerge.refs.scrape.reader import read_scrape

from conftest import DATA

RULES = DATA / "scrape_rules"


def _read(name: str) -> list[Reference]:
    path = RULES / name
    return read_scrape(path.read_text(encoding="utf-8"), str(path)).references


def test_a_link_to_the_next_article_and_the_title_under_it_are_no_record() -> None:
    """`Artículo siguiente` over the next article's title (`A census of imaginary estuaries,
    March 4, 1987`), as journal platforms print them above an article's header: the link was
    read as a title and the neighbour's title, with its date, as the venue and year of a junk
    record beside the page's own."""
    refs = _read("neighbour_article_links.txt")
    assert [r.fields["title"] for r in refs] == ["Reed gauges for imaginary estuaries"]
    assert refs[0].fields["year"] == "2031"


def test_a_line_of_navigation_links_is_no_title() -> None:
    """`Veröffentlichungen Eine Ebene höher Nächste Seite` over a PDF's running head: the line
    of links (a section's name, `up one level`, `next page`) was the title of a junk record
    dated by the running head. Without it the page offers no record it can trust."""
    assert is_chrome("« Previous Article")
    assert is_chrome("Next Article »")
    assert not is_chrome("The next article of faith")
    with pytest.raises(InputError):
        _read("navigation_bar_over_pdf.txt")


@pytest.mark.parametrize(
    "heading",
    [
        "Trefferliste (12)",
        "Résultats de recherche (702)",
        "Resultados de búsqueda (860)",
        "Resultados da pesquisa (41)",
        "Risultati della ricerca (888)",
        "Результаты поиска (12)",
        "Результати пошуку (12)",
        "Wyniki wyszukiwania (139)",
        "检索结果 (52)",
        "検索結果 (52)",
    ],
)
def test_a_result_count_heading_is_page_furniture_in_every_language(heading: str) -> None:
    """A search's result heading with its count is furniture in English; in the other interface
    languages the word for `search` was missing from the lexicon, and the heading became the
    title of a junk record whose authors were the first result's wrapped title."""
    assert is_chrome(heading)
    assert not is_chrome("La ricerca della verità (2019)")


@pytest.mark.parametrize(
    ("page", "title", "author", "year"),
    [
        ("header_type_abstract_zh.txt", "Tidal clocks of the northern marshes", "Okafor", "2029"),
        ("header_type_abstract_ru.txt", "Reed gauges for imaginary estuaries", "Marwick", "2031"),
    ],
)
def test_a_type_line_and_an_abstract_heading_end_no_entry(
    page: str, title: str, author: str, year: str
) -> None:
    """An article header with one author per line (affiliation in brackets), an issue line,
    the type line (`期刊论文`, `Статья в журнале`) and the abstract's heading (`摘要`,
    `Аннотация`) without a blank line: the lines from the byline on were joined as one wrapped
    reference and read as a citation titled with the issue line and the abstract, and the
    page's own record was lost. No reference entry holds a type line or an abstract heading as
    a line of its own; in English the type line stopped the join only by reading as a name."""
    refs = _read(page)
    assert len(refs) == 1
    assert refs[0].fields["title"].startswith(title)
    assert refs[0].fields["author"].startswith(author)
    assert refs[0].fields["year"] == year


def test_issue_words_in_full_are_no_venue() -> None:
    """`Volume 8, Number 12 (December 2031)` under the journal's name: `Number` (like `Tom`,
    `Zeszyt`, `Выпуск`, `Fascicolo` written in full) was no issue word, so it was read as the
    venue, and the journal's name above became the title of a junk record."""
    refs = _read("issue_words_in_full.txt")
    assert len(refs) == 1
    f = refs[0].fields
    assert f["title"] == "Reed gauges for imaginary estuaries"
    assert f["journal"] == "Journal of Invented Hydrology"
    assert (f["volume"], f.get("number")) == ("8", "12")
