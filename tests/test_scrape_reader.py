"""The scraped-text reader's parts and its behaviour on odd input."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from refmerge.refs.formats.registry import detect_format, read_text
from refmerge.refs.model import InputError, Severity
from refmerge.refs.names import format_names
from refmerge.refs.scrape.cite import parse_byline, parse_citation
from refmerge.refs.scrape.fields import find_doi, normalise_pages, parse_venue
from refmerge.refs.scrape.lines import is_chrome
from refmerge.refs.scrape.names import parse_name_list
from refmerge.refs.scrape.reader import read_scrape, sniff_text

# ---------------------------------------------------------------- values


@pytest.mark.parametrize(
    ("text", "venue", "year", "volume", "number", "pages"),
    [
        (
            "Journal X ◽ 2019 ◽ Vol 82 (6) ◽ pp. 1034-1071",
            "Journal X",
            2019,
            "82",
            "6",
            "1034--1071",
        ),
        ("J Fict Med. 2016 Apr 4;4(4):e1000.", "J Fict Med", 2016, "4", "4", "e1000"),
        ("Econ Rev Vol. 33; no. 1; pp. 455 - 65", "Econ Rev", None, "33", "1", "455--465"),
        ("Вісник, 2020, № 2(41), с. 77-89", "Вісник", 2020, "", "2(41)", "77--89"),
        ("J. Invent. Inform. 12 (2021) 33-41", "J. Invent. Inform.", 2021, "12", "", "33--41"),
        ("Hist Rev 12, no. 3 (2020): 455–67.", "Hist Rev", 2020, "12", "3", "455--467"),
        ("2019 ◽ Vol 3 (1 (14)) ◽ pp. 201-215", "", 2019, "3", "1 (14)", "201--215"),
        (
            "Quarterly ◽ 2021 ◽ Vol 9 (02) ◽ pp. 2150017 ◽ Cited By ~ 4",
            "Quarterly",
            2021,
            "9",
            "02",
            "2150017",
        ),
        ("Review, 15, Article e0213.", "Review", None, "15", "", "e0213"),
    ],
)
def test_venue_strings(text, venue, year, volume, number, pages) -> None:
    info = parse_venue(text)
    assert (info.venue, info.year, info.volume, info.number, info.pages) == (
        venue, year, volume, number, pages,
    )  # fmt: skip


@given(st.integers(1, 99_999), st.integers(0, 9_999))
def test_abbreviated_page_ranges_expand_to_a_later_page(start: int, span: int) -> None:
    end = start + span
    full = normalise_pages(f"{start}-{end}")
    assert full == f"{start}--{end}"
    # the short form printers use ("455-67": end digits that differ) means the same range
    first, last = str(start), str(end)
    if len(first) == len(last):
        for keep in range(1, len(last)):
            if first[:-keep] == last[:-keep] and int(last[-keep:]) < start:
                assert normalise_pages(f"{start}–{last[-keep:]}") == full
    assert normalise_pages(full) == full


@pytest.mark.parametrize(
    ("text", "doi"),
    [
        ("doi: 10.5555/jfm.2016.1. PMID: 98765432", "10.5555/jfm.2016.1"),
        ("https://doi.org/10.5555/sli.2021.3.02 · Full text", "10.5555/sli.2021.3.02"),
        ("(see 10.5555/a(b)c).", "10.5555/a(b)c"),
        ("no identifier here 2019", None),
    ],
)
def test_doi_is_bare_without_trailing_punctuation(text: str, doi: str | None) -> None:
    assert find_doi(text) == doi


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Okafor, A., Brenner, L., & Villanueva, S.", "Okafor, A. and Brenner, L. and Villanueva, S."),
        ("Okafor, Amara, Lukas Brenner, and Sofía Villanueva",
         "Okafor, Amara and Brenner, Lukas and Villanueva, Sofía"),
        ("MJ Okonkwo, T Hallberg…", "Okonkwo, M. J. and Hallberg, T."),
        ("Ana Smith 1 2, Bo Li 3", "Smith, Ana and Li, Bo"),
        ("Daithí Mac Síthigh ◽ JEAN-PIERRE CABESTAN", "Mac Síthigh, Daithí and Cabestan, Jean-Pierre"),
        ("J. Weißmüller, und A. Krüger-Özdemir", "Weißmüller, J. and Krüger-Özdemir, A."),
        ("Гнатюк Т., Запорожець О. П.", "Гнатюк, Т. and Запорожець, О. П."),
        ("Haugen S, van Dijk R.", "Haugen, S. and van Dijk, R."),
        ("Oakes, Henry T., Jr.", "Oakes, Jr., Henry T."),
    ],
)  # fmt: skip
def test_author_lists(text: str, names: str) -> None:
    parsed = parse_name_list(text, affiliations=True)
    assert parsed is not None
    assert format_names(parsed) == names


@pytest.mark.parametrize(
    "text",
    ["Counting the uncountable", "Sign in / Sign up", "Number of citations 2", "Vol 3 (2)", ""],
)
def test_text_that_is_not_an_author_list(text: str) -> None:
    assert parse_name_list(text) is None


def test_citation_styles_agree_on_one_work() -> None:
    lines = [
        "Okafor, A., & Brenner, L. (2020). Whispering ledgers. Journal of Ledgers, 12(3), 455–467.",
        'Okafor, Amara, and Lukas Brenner. "Whispering Ledgers." Journal of Ledgers 12, no. 3 '
        "(2020): 455–67.",
        "Okafor A, Brenner L. Whispering ledgers. J Ledg. 2020;12(3):455-67.",
        "Okafor, A. and Brenner, L. (2020) 'Whispering ledgers', Journal of Ledgers, 12(3), "
        "pp. 455–467.",
    ]
    for line in lines:
        draft = parse_citation(line, 1)
        assert draft is not None, line
        assert [n.last for n in draft.authors] == ["Okafor", "Brenner"], line
        assert draft.title.lower() == "whispering ledgers", line
        assert (draft.year, draft.volume, draft.number, draft.pages) == (
            2020,
            "12",
            "3",
            "455--467",
        )


def test_byline_host_and_publisher_are_not_the_venue() -> None:
    draft = parse_byline("A Smith, B Li - Journal of Tests, 2016 - Springer", 3)
    assert draft is not None
    assert draft.venue == "Journal of Tests" and draft.year == 2016
    assert parse_byline("R Castellanos - 2009 - books.example.com", 4).venue == ""
    assert parse_byline("Home - About - Contact", 1) is None


# ---------------------------------------------------------------- reading pages


def test_a_venue_run_without_authors_is_reported_not_dropped() -> None:
    text = (
        "Rev ◽ 2018 ◽ Vol 2\nAuthor(s):\nAna Smith\n\nA long enough abstract paragraph that talks "
        "about the work in some detail and ends here. It has two sentences.\n\n"
        "Some Journal ◽\n2019 ◽\nVol 3 ◽\npp. 1-9\n\nSign in\n"
    )
    lib = read_scrape(text, "page.txt")
    assert len(lib.references) == 1
    warnings = [d for d in lib.diagnostics if d.code == "RM105"]
    assert len(warnings) == 1
    assert warnings[0].severity is Severity.WARNING
    assert (warnings[0].line, warnings[0].end_line) == (7, 10)


def test_origins_cover_each_record() -> None:
    text = "Menu\n\nA Title of Some Length Here\nAuthors: Ana Smith, Bo Li\nJournal: Rev, 2020, 3(1), 1-5\n"
    (ref,) = read_scrape(text, "p.txt").references
    assert (ref.origin.file, ref.origin.line, ref.origin.end_line) == ("p.txt", 3, 5)
    assert ref.origin.format == "text"
    assert ref.fields["journal"] == "Rev" and ref.fields["pages"] == "1--5"


def test_arxiv_ids_become_eprints() -> None:
    text = "arXiv:2101.99871 [cs.DL]\nTitle: A Study of Things\nAuthors: Ana Smith\nSubmitted 3 January, 2021\n"
    (ref,) = read_scrape(text, "x").references
    assert ref.fields["eprint"] == "2101.99871"
    assert ref.fields["archiveprefix"] == "arXiv"
    assert ref.entry_type == "misc" and ref.fields["year"] == "2021"


@pytest.mark.parametrize("text", ["", "   \n\n", "Milk\nEggs\nBread\n", "Sign in / Sign up\n"])
def test_nothing_recognisable_is_an_input_error(text: str) -> None:
    with pytest.raises(InputError) as info:
        read_scrape(text, "list.txt")
    assert info.value.diagnostic.code == "RM002"


def test_a_huge_single_line_is_skipped_with_a_clear_message() -> None:
    line = "Smith, J. (2020). Title. Journal, 1(2), 3-4. ◽ " * 120_000  # ~5 MB, one line
    with pytest.raises(InputError) as info:
        read_scrape(line, "huge.txt")
    assert "too long" in info.value.diagnostic.message


def test_html_source_is_read_as_text_with_a_warning() -> None:
    html = (
        "<!DOCTYPE html><html><head><script>var x = '<p>Not: 2019';</script></head><body>"
        "<h1>Ghost Orchards: Memory and Migration</h1>"
        "<div>Journal of Landscapes ◽ 2018 ◽ Vol 11 (2) ◽ pp. 88-104</div>"
        "<p>Author(s):</p><p>Marta Rhys</p></body></html>"
    )
    lib = read_scrape(html, "page.html")
    assert [d.code for d in lib.diagnostics] == ["RM003"]
    (ref,) = lib.references
    assert ref.fields["title"] == "Ghost Orchards: Memory and Migration"
    assert ref.fields["journal"] == "Journal of Landscapes"
    assert ref.fields["author"] == "Rhys, Marta"


def test_sniffing_lets_structured_formats_win() -> None:
    bib = "@article{a,\n  title = {X},\n  year = {2020}\n}\n"
    assert detect_format(bib, "a.txt") == "bibtex"
    assert 0 < sniff_text("Author(s): Ana Smith\n2019") <= 0.1
    assert sniff_text("   ") == 0.0


def test_forced_text_format_through_read_text() -> None:
    lib = read_text("Title: A Study of Things\nAuthors: Ana Smith, Bo Li\n", "<stdin>", "text")
    assert lib.references[0].fields["author"] == "Smith, Ana and Li, Bo"


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.text(max_size=80),
            st.sampled_from(
                ["Author(s):", "Ana Smith ◽", "2019 ◽", "Vol 3 (2) ◽", "pp. 1-9", "Title: X Y Z",
                 "References", "DOI: 10.5555/x.1", "Abstract", "", "Journal | Rev", " | more",
                 "Smith, A. (2020). T t t. J, 1(2), 3-4.", "[BOOK][B] A b c d", "A Li - 2001 - x.org"]
            ),
        ),
        max_size=25,
    )
)  # fmt: skip
def test_any_text_gives_records_or_an_input_error(lines: list[str]) -> None:
    """Never a traceback: either a Library with valid origins or a clean InputError."""
    text = "\n".join(lines)
    try:
        lib = read_scrape(text, "fuzz.txt")
    except InputError as exc:
        assert exc.diagnostic.code == "RM002"
        return
    n = text.count("\n") + 1
    for ref in lib.references:
        assert 1 <= ref.origin.line <= ref.origin.end_line <= n + 1
        assert ref.key


def test_catalogue_title_drops_its_statement_of_responsibility() -> None:
    text = (
        "Title | Invented tariffs : a reconstruction / Ingrid Vasquez-Holm, Tunde Adeyemi.\n"
        "Main Author | Vasquez-Holm, Ingrid\n"
        "Published in | Journal of Economics, 2019, Vol.33(1), pp.455-465\n"
    )
    (ref,) = read_scrape(text, "x").references
    assert ref.fields["title"] == "Invented tariffs : a reconstruction"
    assert (ref.fields["volume"], ref.fields["number"], ref.fields["pages"]) == (
        "33",
        "1",
        "455--465",
    )


def test_catalogue_subjects_keep_every_row() -> None:
    """`Subjects | A` with continuation rows `| B`: the first row's value was dropped."""
    text = (
        "Title | Invented tariffs and trade\n"
        "Main Author | Vasquez-Holm, Ingrid\n"
        "Subjects | Trade routes\n"
        " | Tariffs\n"
        "Published in | Journal of Economics, 2019, Vol.33(1), pp.455-465\n"
    )
    (ref,) = read_scrape(text, "x").references
    assert ref.fields["keywords"] == "Trade routes, Tariffs"


def test_bare_authors_heading_and_hard_wrapped_abstract() -> None:
    text = (
        "Some Long Title of a Paper About Things\nAuthors\nIryna Bondar\nPeter Lindqvist\n"
        "Abstract\nThis abstract is hard wrapped at a margin so that each line is about seventy\n"
        "characters long and the last line is short.\nKeywords\none; two\n"
    )
    (ref,) = read_scrape(text, "x").references
    assert ref.fields["author"] == "Bondar, Iryna and Lindqvist, Peter"
    assert ref.fields["abstract"].endswith("seventy characters long and the last line is short.")
    assert ref.fields["keywords"] == "one, two"
    assert (ref.origin.line, ref.origin.end_line) == (1, 9)


@pytest.mark.parametrize(
    ("line", "chrome"),
    [
        ("Save Cite Cited by 12 Related articles All 5 versions", True),
        ("Speichern Zitieren Zitiert von: 12 Ähnliche Artikel Alle 5 Versionen", True),
        ("We use cookies to improve your experience. By continuing you accept our policy.", True),
        ("Cited By ~ 4", True),
        ("Copyright © 2016 The Authors.", True),
        ("Print Culture in Invented Cities", False),
        ("Cookies and Privacy in Invented Browsers", False),
        ("Copyright Law in Invented States", False),
    ],
)
def test_page_chrome_is_told_from_titles(line: str, chrome: bool) -> None:
    assert is_chrome(line) is chrome


def test_every_label_word_has_one_meaning() -> None:
    """The lexicon is data: a word listed under two fields would make its reading a toss-up."""
    import json
    from pathlib import Path

    import refmerge.refs.scrape.lexicon as lexicon

    data = json.loads((Path(lexicon.__file__).parent / "data" / "labels.json").read_text())
    meaning: dict[str, str] = {}
    for canon, langs in data["fields"].items():
        for words in langs.values():
            for word in words:
                assert meaning.setdefault(word.lower(), canon) == canon, word
    assert lexicon.field_labels()  # loads without a conflict


def test_the_lexicon_covers_the_interface_languages() -> None:
    from refmerge.refs.scrape.lexicon import Label, languages

    wanted = {"en", "de", "fr", "es", "pt", "it", "ru", "uk", "pl", "zh", "ja"}
    assert wanted <= languages("fields")
    assert wanted <= languages("stop_headings")
    assert wanted <= languages("chrome")
    from refmerge.refs.scrape.lexicon import field_labels

    assert set(field_labels().values()) == set(Label) - {Label.SUBMITTED}


def test_every_unit_kind_and_label_has_a_handler() -> None:
    """Handlers are found in explicit tables: a kind or label without one fails loudly."""
    from refmerge.refs.scrape.assemble import UNIT_HANDLERS
    from refmerge.refs.scrape.fieldhandlers import FIELD_HANDLERS, handle_field
    from refmerge.refs.scrape.lexicon import Label
    from refmerge.refs.scrape.state import RecordState
    from refmerge.refs.scrape.unit import FieldUnit, UnitKind

    assert set(UNIT_HANDLERS) == set(UnitKind)
    assert set(FIELD_HANDLERS) == set(Label)
    unit = FieldUnit(1, 1, "x")
    unit.label = "no such label"  # type: ignore[assignment]
    with pytest.raises(KeyError):
        handle_field(RecordState("x"), unit)


def test_references_broken_at_the_margin_are_joined() -> None:
    text = (
        "References\n"
        "Abernathy, L. M., & Chukwu, O. (2019a). Counting the uncountable: Sampling strategies for\n"
        "imaginary populations. Journal of Invented Statistics, 4(2), 10–20.\n"
        "Vance, R. (2015). The invented archive: Memory without documents. Fabulist Press.\n"
    )
    first, second = read_scrape(text, "x").references
    assert first.fields["title"].endswith("Sampling strategies for imaginary populations")
    assert (first.origin.line, first.origin.end_line) == (2, 3)
    assert first.fields["pages"] == "10--20"
    assert second.entry_type == "book"


def test_a_search_byline_without_a_year() -> None:
    draft = parse_byline("MJ Okonkwo, T Hallberg - Journal of Imaginary Botany - press.org", 1)
    assert draft is not None and draft.year is None
    assert draft.venue == "Journal of Imaginary Botany"
    assert parse_byline("A Smith - fictmed.org", 1).venue == ""
    assert parse_byline("Ana Smith - Journal - x.org", 1) is None  # not the initials shape


def test_keys_of_cyrillic_records_are_transliterated() -> None:
    text = "Автори: Олена Мельник, Андрій Кравець\nВидання: Вісник, 2019, № 2, с. 1-9\n"
    (ref,) = read_scrape(text, "x").references
    assert ref.key == "melnyk2019"
    assert ref.fields["author"] == "Мельник, Олена and Кравець, Андрій"  # the text itself is kept


def test_invisible_characters_and_crlf_do_not_leak_into_fields() -> None:
    text = "Title: Hid\u00adden Riv\u200bers of Things\r\nAuthors: Ana\u00a0Smith, Bo Li\r\n"
    (ref,) = read_scrape(text, "x").references
    assert ref.fields["title"] == "Hidden Rivers of Things"
    assert ref.fields["author"] == "Smith, Ana and Li, Bo"


def test_a_bibtex_tab_on_a_page_is_read_as_bibtex() -> None:
    text = (
        "How to cite this article\nBibTeX\n@article{okafor2020,\n"
        "  title = {Whispering ledgers},\n  author = {Okafor, Amara and Brenner, Lukas},\n"
        "  journal = {Journal of Ledgers}, volume = {12}, pages = {455--467}, year = {2020}\n}\nCopy\n"
    )
    (ref,) = read_scrape(text, "x").references
    assert (ref.origin.line, ref.origin.end_line) == (3, 7)
    assert ref.fields["author"] == "Okafor, Amara and Brenner, Lukas"
    assert (ref.fields["journal"], ref.fields["pages"], ref.fields["year"]) == (
        "Journal of Ledgers", "455--467", "2020",
    )  # fmt: skip
