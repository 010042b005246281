"""A line that is clearly a reference always yields a record (`cite._partial_reference`).

When the rules read nothing and the gates of `_is_reference` refuse the model's reading, a
line may still be clearly a reference: names first, a year, and right after the names (and
the date) a segment the model read as a title, a note or a venue; or an anonymous title
followed by a whole venue statement (journal, volume, pages, year). The record keeps what
was read and the reader names what was not (RM105). Page furniture, prose with years,
headings, navigation, affiliation and acknowledgement lines never make a record.

Invented works only. Readings are given as labelled spans where the test is about the gate
(independent of the shipped model); the end-to-end tests use the shipped model.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_refstring_reader import _reading

from refmerge.refs.model import InputError
from refmerge.refs.scrape import cite, refstring
from refmerge.refs.scrape.reader import read_scrape


@contextmanager
def _model_reads(parsed: refstring.ParsedReference) -> Iterator[None]:
    """The page reader with the model reading every line as `parsed`."""
    real = cite._model_parse
    cite._citation.cache_clear()
    try:
        cite._model_parse = lambda text: parsed  # type: ignore[assignment]
        yield
    finally:
        cite._model_parse = real  # type: ignore[assignment]
        cite._citation.cache_clear()


def _cited(spans: list[tuple[str, str]]) -> tuple[cite.Draft | None, bool]:
    """(the page reader's record of the line, whether the gates alone refused the reading)."""
    parsed, text = _reading(spans)
    with _model_reads(parsed):
        return cite.parse_citation(text, 1), not cite._is_reference(parsed, text)


def test_a_title_the_model_read_as_a_note_after_names_and_date_makes_a_record() -> None:
    """`Okonkwo M., 1997, La Mémoire inventée, Gullwing, Tarnfield.`: author-date styles print
    the title right after the names and the date; the model read it as a note and the line
    gave no record."""
    draft, refused = _cited([
        ("author", "Okonkwo M.,"),
        ("date", "1997,"),
        ("note", "La Mémoire inventée des marées, Gullwing,"),
        ("location", "Tarnfield."),
    ])  # fmt: skip
    assert refused
    assert draft is not None
    assert draft.title == "La Mémoire inventée des marées, Gullwing"
    assert [n.last for n in draft.authors] == ["Okonkwo"]
    assert draft.year == 1997
    assert draft.unread == "venue or publisher"


def test_names_a_title_and_a_year_without_a_venue_make_a_record() -> None:
    """`Ferreira, R., Harbour Building, New Tides, 15 gennaio 1965, pp.`: the date is not last
    (an empty `pp.` follows it), so the authors-title-date gate refused it."""
    draft, refused = _cited([
        ("author", "Ferreira, R.,"),
        ("title", "Harbour Building, New Tides and Nation,"),
        ("date", "15 gennaio 1965,"),
        ("pages", "pp."),
    ])  # fmt: skip
    assert refused
    assert draft is not None and draft.title == "Harbour Building, New Tides and Nation"
    assert draft.year == 1965 and draft.unread == "venue or publisher"


def test_a_body_before_the_date_is_an_author() -> None:
    """`Department of Invented Tides, Fictional Republic (DIT). 2012. Title.`: a corporate
    author is no person's name (`of`), but author-date styles print it before the date."""
    draft, refused = _cited([
        ("author", "Department of Invented Tides, Fictional Republic (DIT)."),
        ("date", "2012."),
        ("title", "Invented Harbour Safety Standards. DIT Manual 6055.09M."),
    ])  # fmt: skip
    assert refused
    assert draft is not None and "Department of Invented Tides" in draft.authors[0].last
    assert draft.title.startswith("Invented Harbour Safety Standards")


def test_a_list_ordered_by_year_with_lower_case_names() -> None:
    """`2008 quell m. Title 667-681 revue des marées 12`: the year heads the entry, and the
    surname-then-initials name printed in lower case keeps its surname."""
    draft, refused = _cited([
        ("date", "2008"),
        ("author", "quell m."),
        ("title", "marées exposées, marées parées, en Occident inventé"),
        ("pages", "667-681"),
    ])  # fmt: skip
    assert refused
    assert draft is not None
    assert [(n.last, n.first) for n in draft.authors] == [("quell", "m.")]
    # also when the title was read as a note (the names are read again with the new labels)
    draft, _ = _cited([
        ("date", "2008"),
        ("author", "quell m."),
        ("note", "marées exposées, marées parées, en Occident inventé"),
        ("pages", "667-681"),
    ])  # fmt: skip
    assert draft is not None and draft.title.startswith("marées exposées")
    assert [(n.last, n.first) for n in draft.authors] == [("quell", "m.")]


def test_an_anonymous_title_with_a_whole_venue_statement_makes_a_record() -> None:
    draft, refused = _cited([
        ("title", "Contribution à l’étude des marées inventées de l’Est,"),
        ("journal", "Revue Imaginaire de l’Est,"),
        ("volume", "4,"),
        ("date", "1909,"),
        ("pages", "p. 102-111."),
    ])  # fmt: skip
    assert refused
    assert draft is not None and draft.title.startswith("Contribution")
    assert draft.volume == "4" and draft.pages == "102--111"
    assert draft.unread == "authors"


@pytest.mark.parametrize("label", ["Остаточну версію опубліковано в:", "Published in:"])
def test_a_venue_statement_after_a_page_label_is_no_anonymous_reference(label: str) -> None:
    """`Остаточну версію опубліковано в: Proceedings …, USA. 2016;113(8):E1074–E1081.` (a
    manuscript page's "final version published in"): the model read the label and the journal
    as a title; a line opened by a label of the lexicon is a labelled field."""
    draft, refused = _cited([
        ("title", f"{label} Journal of Invented Tides and Harbours,"),
        ("journal", "Imaginary."),
        ("volume", "2016;113(8):E1074–E1081."),
    ])  # fmt: skip
    assert refused
    assert draft is None


@pytest.mark.parametrize(
    "spans",
    [
        # names and a year alone: a byline
        [("author", "Hanna Lindqvist, Rin Tanaka,"), ("date", "12 May 2021.")],
        # a title alone with a year: a heading
        [("title", "Tidal clocks of the imaginary coast,"), ("date", "2021.")],
        # a title and a venue without volume and pages: a venue line
        [("title", "Findings of the Imaginary Association:"), ("journal", "FIA 2023,"),
         ("date", "2023.")],
        # names that are no names (a sentence inside), then a title
        [("author", "Posted by the editors. Read more about"), ("title", "our tides policy,"),
         ("date", "2021.")],
        # no year at all
        [("author", "Okonkwo M.,"), ("note", "La Mémoire inventée des marées,"),
         ("location", "Tarnfield.")],
        # a one-letter "name" (initials alone) then a title
        [("author", "A. F."), ("title", "Okafor, Russ. Fabr."), ("date", "2008.")],
    ],
)  # fmt: skip
def test_lines_short_of_a_clear_reference_still_give_no_record(
    spans: list[tuple[str, str]],
) -> None:
    draft, _ = _cited(spans)
    assert draft is None


_SURNAME = st.sampled_from(["Okonkwo", "Lindqvist", "Mbeki-Larsson", "Quellmann", "Tanaka",
                            "Oduya", "Vogel", "Ferreira"])  # fmt: skip
_WORD = st.sampled_from(["tides", "imaginary", "harbour", "memory", "coast", "invented",
                         "currents", "northern", "clocks", "salt"])  # fmt: skip


@settings(max_examples=60, deadline=None)
@given(
    surnames=st.lists(_SURNAME, min_size=1, max_size=4),
    initials=st.lists(st.sampled_from("ABHKMPR"), min_size=4, max_size=4),
    year=st.integers(1850, 2030),
    words=st.lists(_WORD, min_size=2, max_size=8),
    title_label=st.sampled_from(["title", "note"]),
    dated=st.booleans(),
    tail=st.sampled_from([[], [("location", "Tarnfield.")], [("pages", "pp. 3-9.")]]),
)
def test_names_a_year_and_a_title_segment_always_make_a_record(
    surnames: list[str],
    initials: list[str],
    year: int,
    words: list[str],
    title_label: str,
    dated: bool,
    tail: list[tuple[str, str]],
) -> None:
    """Any reading that starts with persons' names, has a year, and puts a segment of two
    words or more right after the names (and the date) gives a record with those names, that
    year and that segment as its title, whatever the gates decided."""
    names = ", ".join(f"{s} {i}." for s, i in zip(surnames, initials, strict=False)) + ","
    title = " ".join(words).capitalize() + "."
    spans = [("author", names)]
    if dated:
        spans += [("date", f"{year},"), (title_label, title)]
    else:
        spans += [(title_label, title), ("date", f"{year}.")]
    draft, _ = _cited(spans + tail)
    assert draft is not None
    assert [n.last for n in draft.authors] == surnames
    assert draft.year == year
    assert draft.title.rstrip(".") == title.rstrip(".")


# ------------------------------------------------------------- the shipped model, end to end

SHIPPED = {
    # an anonymous title (the key `Lindqvist 1909 :` read into it) and a whole venue statement
    "venue_statement": (
        "Lindqvist 1909 : LINDQVIST J. — Contribution à l’étude des marées inventées de l’Est, "
        "Revue Imaginaire de l’Est de la France, 4, 1909, p. 102-111.",
        "Revue Imaginaire de l’Est de la France",
    ),
    # a list ordered by year, lower-case names, no venue the model found
    "year_list": (
        "2009 quell v., vogel r., okafor l. du Bronze inventé au Hallstatt imaginaire : "
        "nouveaux éléments sur les marées SAE, Tarnfield 405-426 in “de l’âge des marées”",
        "",
    ),
}


@pytest.mark.skipif(not refstring.model_available(), reason="the shipped model is needed")
@pytest.mark.parametrize("shape", sorted(SHIPPED))
def test_clear_references_the_gates_refused_make_a_record_with_a_warning(shape: str) -> None:
    line, venue = SHIPPED[shape]
    cite._citation.cache_clear()
    draft = cite.parse_citation(line, 1)
    assert draft is not None and draft.unread and draft.year
    assert draft.venue == venue
    lib = read_scrape(line + "\n", "refs.txt")
    assert len(lib.blocks) == 1
    warned = [d.message for d in lib.diagnostics if d.code == "RM105"]
    assert len(warned) == 1 and "could not be read" in warned[0]
    assert draft.unread in warned[0]


NOT_REFERENCES = [
    # prose with years and names
    "In 2019, Lindqvist and Tanaka showed that imaginary tides follow the moon, as Okafor had "
    "suggested in 2011, although the harbour records of 1909 disagree.",
    "The survey, begun by H. Okonkwo in 1997, was continued by the Gullwing Society until "
    "2004, when the invented coast was closed to visitors.",
    # headings and navigation
    "Chapter 3. Results of the 2021 survey, part II",
    "Home > Publications > 2021 > Tidal clocks of the imaginary coast",
    "Previous article | Next article | Back to issue 44 (2021)",
    # affiliations
    "Department of Fabricated Oceanography, University of Tarnfield, 12 Harbour Road, "
    "Tarnfield 2031, Imaginary Republic",
    "1 Institute of Invented Tides, Gullwing University, Tarnfield, Fictional Kingdom (2019-2023)",
    # notices
    "© 2021 The Authors. Published by Gullwing Press on behalf of the Imaginary Society.",
    "Received 12 March 2021; accepted 3 May 2021; published online 20 May 2021.",
]


@pytest.mark.skipif(not refstring.model_available(), reason="the shipped model is needed")
@pytest.mark.parametrize("line", NOT_REFERENCES)
def test_prose_headings_navigation_affiliations_and_notices_give_no_record(line: str) -> None:
    cite._citation.cache_clear()
    assert cite.parse_citation(line, 1) is None
    with pytest.raises(InputError):
        read_scrape(line + "\n", "page.txt")


@pytest.mark.skipif(not refstring.model_available(), reason="the shipped model is needed")
@pytest.mark.xfail(strict=True, reason="known: the model's first gate takes it (not the fallback)")
def test_an_acknowledgement_with_names_and_a_grant_number_gives_no_record() -> None:
    """The model reads `Acknowledgements: We thank H. Lindqvist and R. Tanaka` as authors, the
    rest as a title and the grant number as pages, and `_is_reference` takes it (names, a
    title, pages) before any fallback is asked; refusing names with a lower-case word among
    capitalised ones lost 3 to 4 right strings and 5 records per dev fold (names with `sous
    la direction`, `with`, `des ressources`), so it stays a known limit."""
    line = (
        "Acknowledgements: We thank H. Lindqvist and R. Tanaka for comments on the 2021 draft, "
        "and the Gullwing Foundation for funding (grant 2019-44)."
    )
    cite._citation.cache_clear()
    assert cite.parse_citation(line, 1) is None


# ------------------------------------------- round 10: gates for forms the styles print


def test_names_and_the_date_before_a_venue_with_its_numbers_make_a_record() -> None:
    """`Vogel, Hanna (1989). Tidal Moralia. 16 vols. 13: 2.`: author-date styles print the date
    between the names and the venue (an APA book's italic title is labelled a container), as
    they print it between the names and a title; with its volume it is no byline."""
    draft, refused = _cited([
        ("author", "Vogel, Hanna"),
        ("date", "(1989)."),
        ("journal", "Tidal Moralia."),
        ("volume", "16 vols. 13: 2."),
    ])  # fmt: skip
    assert refused and draft is not None
    assert [n.last for n in draft.authors] == ["Vogel"] and draft.year == 1989
    assert "Tidal Moralia" in (draft.title, draft.venue)


def test_the_repeated_authors_dash_names_the_authors_in_the_fallback() -> None:
    """`______. De tidibus imaginariis, ed. Hanna Vogel. TCSL 32. Tarnfield, 1962.`: an edition
    cited with its editor, the dash repeating the previous entry's authors; the model ran the
    series and the place into the editor, so no name list reads as persons' and nothing placed
    the work for the gates. The dash names the authors as names would: the dash, a title right
    after it and a year make a record."""
    draft, refused = _cited([
        ("author", "______."),
        ("title", "De tidibus imaginariis,"),
        ("editor", "ed. Hanna Vogel. TCSL 32. Tarnfield,"),
        ("date", "1962."),
    ])  # fmt: skip
    assert refused
    assert draft is not None and draft.title == "De tidibus imaginariis" and draft.year == 1962


def test_one_name_closed_by_a_comma_before_a_book_title_read_as_a_container() -> None:
    """`Plato, Plato in Twelve Volumes, vol. 7, …, trans. … (Cambridge: Harvard UP, 1967).`: a
    one-name author closed by its comma, then the book's title, which anystyle labels a
    container; before, only a title after the name made it a name."""
    draft, _ = _cited([
        ("author", "Quellon,"),
        ("container-title", "Quellon in Twelve Tidal Volumes, vol. 7,"),
        ("editor", "trans. Hanna Vogel"),
        ("location", "(Tarnfield:"),
        ("publisher", "Gullwing UP,"),
        ("date", "1967)."),
    ])  # fmt: skip
    assert draft is not None
    assert [n.last for n in draft.authors] == ["Quellon"] and draft.year == 1967
    # a bare word without its comma stays no name (`Ann Invent Sleep Res.` is a venue line)
    draft, _ = _cited([
        ("author", "Quellon"),
        ("container-title", "Quellon in Twelve Tidal Volumes, vol. 7,"),
        ("location", "(Tarnfield:"),
        ("publisher", "Gullwing UP,"),
        ("date", "1967)."),
    ])  # fmt: skip
    assert draft is None


def test_an_edited_book_cited_by_its_title_then_ed_and_the_editors() -> None:
    """`Ghost Stories. Ed. Peter Washington. New York: Alfred A. Knopf, 2008.`: MLA and Chicago
    cite an edited book by its title, then `Ed.` and the editors; the model ran the title into
    the editor run, and no name list read as persons'."""
    draft, refused = _cited([
        ("editor", "Harbour Tales. Ed. Hanna Vogel."),
        ("location", "Tarnfield:"),
        ("publisher", "Gullwing Press,"),
        ("date", "2008."),
    ])  # fmt: skip
    assert refused and draft is not None
    assert draft.title == "Harbour Tales" and draft.year == 2008
    assert [n.last for n in draft.editors] == ["Vogel"] and not draft.authors
    # without a place or publisher it is no more than a heading and a name
    draft, _ = _cited([
        ("editor", "Harbour Tales. Ed. Hanna Vogel."),
        ("date", "2008."),
    ])  # fmt: skip
    assert draft is None


_LISTED = (
    "Okafor, H. (2019). Invented tides of the northern coast. Journal of Imaginary Oceans, "
    "12(3), 45-67.",
    "Tanaka, R., & Vogel, H. (2020). Salt clocks of the imaginary harbour. Tidal Review, 8(2), "
    "101-119.",
)


def _warned_between_two_entries(lost: str) -> list[tuple[int, str]]:
    """The RM105 warnings (line, message) of a reference list where `lost` stands between two
    entries that read; the two entries must still give their two records."""
    lib = read_scrape("\n".join(["References", _LISTED[0], lost, _LISTED[1]]) + "\n", "refs.txt")
    assert len(lib.blocks) == 2
    return [(d.line, d.message) for d in lib.diagnostics if d.code == "RM105"]


@pytest.mark.skipif(not refstring.model_available(), reason="the shipped model is needed")
def test_a_reference_list_line_that_gives_no_record_is_named() -> None:
    """A line between two entries of a reference list that the model reads as a reference but
    that gives no record (the fields apart by spaces alone and a place without a publisher) is
    named by RM105, not lost silently."""
    lost = (
        "Hanna Vogel Rin Tanaka The imaginary harbour law after twenty years: tidal perspectives "
        "on invented arbitration Tarnfield New Gullwing Juris 2013"
    )
    cite._citation.cache_clear()
    assert cite.parse_citation(lost, 1) is None
    assert _warned_between_two_entries(lost) == [
        (3, "line 3 looks like a reference (names or a title, a year), but no record could be "
            "read from it; not converted")
    ]  # fmt: skip


@pytest.mark.skipif(not refstring.model_available(), reason="the shipped model is needed")
def test_the_notes_of_an_annotated_bibliography_are_not_reported() -> None:
    """An annotated bibliography prints a note under every entry, and a note naming another
    work reads as a reference too; a note under most entries is the list's, not a lost one."""
    note = "A short review of the field. See also the reply by Lindqvist ({}) in the same journal, vol. {}."
    lines = ["Annotated bibliography", ""]
    for k, entry in enumerate(_LISTED):
        lines += [entry, note.format(2015 + k, 12 + k), ""]
    lib = read_scrape("\n".join(lines) + "\n", "notes.txt")
    assert len(lib.blocks) == 2
    assert [d for d in lib.diagnostics if d.code == "RM105"] == []


@pytest.mark.skipif(not refstring.model_available(), reason="the shipped model is needed")
def test_a_reference_taken_for_the_note_of_the_entry_above_is_named() -> None:
    """`La marée de l’an Mil, sous la direction de …, Tarnfield, 1996 (…).` gives no record (the
    model ran the title into the names), and the entry above took it for its note: RM105 says
    so, naming the line, instead of the reference disappearing into an abstract."""
    lost = (
        "La marée de l’an Mil, sous la direction de Hanna Vogel, Rin Tanaka, Tarnfield, 1996 "
        "(Imaginaria, supplément 6)."
    )
    assert _warned_between_two_entries(lost) == [
        (3, "line 3 looks like a reference (names or a title, a year), but was kept as the note "
            "(abstract) of the entry above it")
    ]  # fmt: skip


def test_an_anonymous_book_title_then_its_imprint_and_year_makes_a_record() -> None:
    """`Title of a book, Publisher, Place 1988`: a book cited by its title alone (anonymous
    works, classics, volumes whose editors the list left out) prints its imprint and year
    right after the title; the gates refused it (no names, the date not by the title, the
    title closed by a comma)."""
    draft, refused = _cited([
        ("title", "The quiet life of invented harbours: tides in cultural perspective,"),
        ("publisher", "Gullwing Press,"),
        ("location", "Tarnfield"),
        ("date", "1988"),
    ])  # fmt: skip
    assert refused and draft is not None
    assert draft.title == "The quiet life of invented harbours: tides in cultural perspective"
    assert draft.year == 1988 and draft.type_hint == "book"
    assert draft.unread == "authors"
    # a book title read as a container is the title (the conversion reads a lone one so)
    draft, refused = _cited([
        ("container-title", "Chroniques des rivages inventés, du XIIe au XIVe siècle."),
        ("location", "Tarnville:"),
        ("publisher", "Éditions du Goéland,"),
        ("date", "1986."),
    ])  # fmt: skip
    assert refused and draft is not None
    assert draft.title == "Chroniques des rivages inventés, du XIIe au XIVe siècle"


@pytest.mark.parametrize(
    "spans",
    [
        # a venue line: the journal's publisher, then its volume and pages
        [("title", "Journal of Invented Harbours,"), ("publisher", "Gullwing Press,"),
         ("volume", "12(3),"), ("pages", "45-67,"), ("date", "2019.")],
        # no year: a catalogue's heading and imprint
        [("title", "The quiet life of invented harbours,"), ("publisher", "Gullwing Press,"),
         ("location", "Tarnfield.")],
        # the title not closed as a field is, and of two words
        [("title", "Harbour tides"), ("publisher", "Gullwing Press"), ("date", "1988")],
        # a place alone: a journal's venue line (`Proceedings of …, USA. 2004. PMID: …`)
        [("title", "Proceedings of the Invented Academy of Tides,"), ("location", "USA."),
         ("date", "2004."), ("note", "PMID: 12345678")],
        # an affiliation: an institute, its place and the period of a post
        [("title", "Institute of Invented Tides, Gullwing University,"),
         ("location", "Tarnfield, Fictional Kingdom"), ("date", "(2019-2023)")],
        # a place after the year (`…, Gullwing University, 2031 Tarnfield`: a postcode)
        [("title", "Department of Invented Tides,"), ("publisher", "Gullwing University,"),
         ("date", "2031"), ("location", "Tarnfield.")],
        # a journal after the imprint
        [("title", "Tides of the invented coast,"), ("location", "Tarnfield,"),
         ("journal", "Imaginary Review,"), ("date", "1988.")],
    ],
)  # fmt: skip
def test_title_and_imprint_lines_short_of_an_anonymous_book_give_no_record(
    spans: list[tuple[str, str]],
) -> None:
    draft, _ = _cited(spans)
    assert draft is None


@pytest.mark.skipif(not refstring.model_available(), reason="the shipped model is needed")
@pytest.mark.parametrize(
    "line",
    [
        "The quiet life of invented harbours: tides in cultural perspective, Gullwing Press,"
        " Tarnfield 1988",
        "Chroniques des rivages inventés, du XIIe au XIVe siècle, Éditions du Goéland,"
        " Tarnville 1986.",
        "Sagas of the imaginary fjords, Gullwing Press, Tarnfield, 1974.",
    ],
)
def test_anonymous_books_read_by_the_shipped_model_make_a_record(line: str) -> None:
    cite._citation.cache_clear()
    draft = cite.parse_citation(line, 1)
    assert draft is not None and draft.year in (1974, 1986, 1988)
    assert draft.title and not draft.authors
