"""General page-structure rules of the text reader (issue 13), each on an invented page.

Every junk-record class named in the issue has a test that it is not produced: running
heads and furniture (`Jul`, `Journal Article Type Article`), a work printed several
times (header, "How to cite", a styled citation), visit dates read as years, authors
wrapped onto the next line read as a title, an API record's cited works read as records.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from refmerge.refs.model import InputError, Reference
from refmerge.refs.scrape.copyfix import drop_access_dates, join_hyphenated, unglue_label
from refmerge.refs.scrape.lexicon import Label, field_labels
from refmerge.refs.scrape.lines import (
    is_affiliation,
    is_chrome,
    is_history_date,
    label_of,
    online_dates,
)
from refmerge.refs.scrape.reader import read_scrape

from conftest import DATA

RULES = DATA / "scrape_rules"


def _read(name: str) -> list[Reference]:
    path = RULES / name
    return read_scrape(path.read_text(encoding="utf-8"), str(path)).references


def _years(refs: list[Reference]) -> set[str]:
    return {r.fields.get("year", "") for r in refs}


def test_labels_glued_to_their_values_are_read_and_visit_dates_are_not_years() -> None:
    (ref,) = _read("glued_labels.txt")  # the running head and the cite line add no record
    f = ref.fields
    assert f["title"] == "Tidal memory in invented estuaries"
    assert f["author"] == "Vasquez-Holm, Ingrid and Brenner-Oduya, Tomasz"
    assert f["journal"] == "Journal of Imaginary Hydrology"
    assert (f["year"], f["volume"], f["pages"]) == ("2019", "12", "45--67")
    assert f["doi"] == "10.5555/jih.2019.0045"


def test_one_work_printed_several_times_is_one_record_with_fields_combined() -> None:
    (ref,) = _read("cite_box_header.txt")
    f = ref.fields
    assert f["title"] == "Whispering reeds: Acoustic ecology of fictional marshes"
    assert f["author"] == "Okafor, Amara and Brenner, Jr., Lionel"  # Jr is no surname
    assert (f["year"], f["volume"], f["number"], f["pages"]) == ("2018", "7", "2", "101--119")
    assert f["doi"] == "10.5555/jia.2018.0101"


def test_a_cite_box_alone_keeps_one_record_per_printing() -> None:
    """Without a record of the page's own, each style is an occurrence (merge groups them)."""
    text = (RULES / "cite_box_header.txt").read_text(encoding="utf-8")
    box = text[text.index("How to cite") :]
    refs = read_scrape(box, "box.txt").references
    assert len(refs) == 3
    assert {r.fields["year"] for r in refs} == {"2018"}


def test_listing_without_blank_lines_wrapped_authors_corporate_and_jr() -> None:
    refs = _read("listing_no_blanks.txt")
    assert [r.fields["title"] for r in refs] == [
        "Counting herons on imaginary coasts",
        "Salt marsh governance in fictional republics",
        "The long memory of paper rivers",
    ]
    assert refs[0].fields["author"].endswith("and Vance, K. and Oduya, P.")  # wrapped line
    assert refs[1].fields["author"].startswith("{Nordic Council for Imaginary Statistics} and")
    assert refs[2].fields["author"] == "Oakes, Jr., Henry T."
    assert [r.fields["year"] for r in refs] == ["2017", "2020", "2015"]
    assert refs[0].fields["doi"] == "10.5555/jio.2017.0012"


@pytest.mark.parametrize("name", ["flat_table.txt", "flat_table_lines.txt"])
def test_a_table_flattened_into_labels_then_values_is_read(name: str) -> None:
    (ref,) = _read(name)
    f = ref.fields
    assert f["journal"] in ("Archives of Imaginary Statistics", "Invented Maritime History")
    assert f["year"] in ("2021", "2016")  # never the visit date (2024)
    assert f["pages"] in ("201--219", "77--96")
    assert f["doi"] in ("10.5555/ais.2021.0201", "10.5555/imh.2016.0077")  # one DOI over 2 lines


def test_pdf_hyphenation_is_joined_and_header_without_labels_is_a_record() -> None:
    (ref,) = _read("flat_table.txt")
    assert ref.fields["title"] == "Measuring the unmeasurable: sampling in invented archives"
    assert ref.fields["author"] == "Vasquez-Holm, Ingrid and Kovalenko-Rhys, Marta"


def test_structured_fragments_are_read_by_their_keys() -> None:
    api, wiki = _read("fragments.txt")
    assert api.fields["title"] == "Soil memory in imaginary wetlands"
    assert api.fields["doi"] == "10.5555/jfc.2014.0301"  # not the cited work's DOI
    assert api.fields["author"] == (
        "Oduya, Priya and {Working Group on Invented Archives} and Brennan, Tomas"
    )
    assert (api.fields["year"], api.fields["pages"]) == ("2014", "301--318")
    assert wiki.fields["title"] == "Orchard genetics in invented climates"
    assert wiki.fields["year"] == "2018"  # not the access date
    assert wiki.fields["author"] == "Okonkwo, M. J. and Hallberg, T."


def test_running_heads_and_furniture_make_no_records() -> None:
    (ref,) = _read("furniture.txt")
    assert ref.fields["title"] == "The long memory of paper rivers"
    assert ref.fields["author"] == "Oakes, Jr., Henry T. and {Clarivate Analytics}"
    assert ref.fields["year"] == "2015"  # not 2023 (a running date) or 2024 (retrieved)


def test_descriptions_and_volume_statements_leave_titles() -> None:
    manuscript, book = _read("titles_described.txt")
    assert manuscript.fields["title"] == "Counting imaginary herons"
    assert manuscript.entry_type == "misc"
    assert book.fields["title"] == "The invented archive: Memory without documents"
    assert book.fields["volume"] == "2"


@pytest.mark.parametrize(
    ("line", "label"),
    [
        ("Seite", Label.PAGES), ("стр.", Label.PAGES), ("Verfasser:", Label.AUTHOR),
        ("Enthalten in", Label.VENUE), ("Журнал", Label.VENUE), ("掲載誌", Label.VENUE),
        ("作者", Label.AUTHOR), ("Parole chiave", Label.KEYWORDS), ("Rok wydania", Label.DATE),
        ("Palavras-chave", Label.KEYWORDS), ("Видання", Label.VENUE), ("Band", Label.VOLUME),
    ],
)  # fmt: skip
def test_label_lexicon_reads_interface_words(line: str, label: Label) -> None:
    assert label_of(line) is label


@pytest.mark.parametrize(
    "line",
    ["Zitiert von: 12", "Citato da 64", "被引次数：5", "Cytowania: 3",
     "Ce site utilise des cookies pour améliorer votre expérience. Tout accepter"],
)  # fmt: skip
def test_counters_and_banners_in_other_languages_are_chrome(line: str) -> None:
    assert is_chrome(line)


@pytest.mark.parametrize(
    ("line", "kept"),
    [
        ("Smith J. Title. J X. 2019;1:2. [cited 2021 Jun 19]", "2019"),
        ("Available at: https://x.org (Accessed: 20 June 2024).", "https://x.org"),
        ("Vance R. Cited works in 2019 studies. J X. 2019", "Cited works in 2019"),
        ("Zugriff am 3.6.2024", ""),
    ],
)
def test_visit_dates_are_dropped_and_publication_years_kept(line: str, kept: str) -> None:
    out = drop_access_dates(line)
    assert kept in out
    assert "2024" not in out and "2021 Jun" not in out


def test_glued_labels_are_split_only_at_known_labels() -> None:
    assert unglue_label("Published inJournal of Invented Acoustics") == (
        "Published in: Journal of Invented Acoustics"
    )
    assert unglue_label("作者王小明") == "作者: 王小明"
    assert unglue_label("PhotoSynthesis in invented plants") == "PhotoSynthesis in invented plants"
    assert join_hyphenated("recon- struction of pre- and post-war maps") == (
        "reconstruction of pre- and post-war maps"
    )


_WORDS = st.text(alphabet=st.characters(whitelist_categories=("Lu", "Ll", "Nd", "Zs")), max_size=80)


@settings(max_examples=200, deadline=None)
@given(_WORDS)
def test_copy_repairs_leave_text_without_artefacts_alone(text: str) -> None:
    """Property: text with no visit phrase, label prefix or `- ` comes out unchanged."""
    plain = re.sub(r"\s+", " ", text).strip()
    if not any(label_of(plain[:k]) for k in range(1, min(len(plain), 45) + 1)):
        assert unglue_label(plain) == plain
    assert drop_access_dates(plain) == plain or re.search(r"(?i)cited|viewed|access", plain)
    assert join_hyphenated(plain) == plain


def test_every_label_word_maps_into_the_closed_set() -> None:
    assert set(field_labels().values()) <= set(Label)


def test_hard_wraps_in_a_listing_without_blank_lines() -> None:
    """Organisation heading a wrapped byline, an inner question mark, a three-line title, a title
    line that reads as names (`Using Lead Lines and Tide Tables`) above the byline, a one-author
    byline under a wrapped title, a numbered part (`VIII.`), and `'t`/`op de`/Catalan names."""
    refs = _read("listing_hard_wraps.txt")
    titles = [r.fields["title"] for r in refs]
    assert titles == [
        "Dune grass and the memory of invented shorelines",
        "Do paper lighthouses guide fictional ships? A survey of harbour records in three "
        "invented kingdoms",
        "Ferry timetables as evidence of seasonal migration between invented islands and the "
        "mainland: a reconstruction from harbour ledgers kept by the fictional port authorities "
        "over three decades",
        "Temporal Shifts of Salt Crystal Growth in Imaginary Lagoons under Weak Tidal Wave Action",
        "Estimating the Depth of Invented Harbours from Old Sounding Charts Using Lead Lines and "
        "Tide Tables",
        "Critical Widths for the Collapse of Sand Bridges between Invented Barrier Islands",
        "Studies of invented tides: VIII. Retention of shell patterns on imaginary beaches as a "
        "function of wave height",
        "Prevalence of paper boats in invented harbours: an 8-year survey of three fictional ports",
    ]
    authors = [r.fields["author"] for r in refs]
    assert authors[0] == "{Nordic Council for Imaginary Statistics} and Marsh, L. and Ekwueme, T."
    assert authors[1] == "Aldous, R. and 't Hart, B. M."
    assert authors[2] == "op de Beeck, H. P. and Fontcuberta i Morral, Anna"
    assert authors[4] == "Ruud, K. and Adeyemi, M. and Castellanos, A."
    assert authors[5] == "Berg, Ida"
    years = [r.fields["year"] for r in refs]
    assert years == ["2016", "2012", "2019", "2008", "2011", "2006", "1961", "2003"]


def test_an_unreadable_byline_does_not_shift_the_venues_of_the_entries_below() -> None:
    """A listing prints title, byline, venue per entry: when one entry's byline cannot be read,
    its venue stays alone (RM105) instead of every later entry taking its neighbour's venue."""
    path = RULES / "listing_unreadable_byline.txt"
    lib = read_scrape(path.read_text(encoding="utf-8"), str(path))
    pairs = [(r.fields["title"], r.fields["journal"], r.fields["year"]) for r in lib.references]
    assert pairs == [
        ("Counting otters on imaginary rivers", "Quarterly of Fictional Zoology", "2020"),
        ("Salt and silence in fictional estuaries", "Invented Estuary Review", "2018"),
        ("Herons of the paper marshes", "Annals of Invented Ornithology", "2009"),
    ]
    assert any(d.code == "RM105" and d.line == 9 for d in lib.diagnostics)


def test_a_work_printed_again_with_misread_fields_adds_no_record() -> None:
    for name in ("cite_box_misread.txt", "cite_label_corporate.txt"):
        (ref,) = _read(name)
        assert ref.fields["year"] in ("2015", "2011")


def test_a_citation_line_holding_the_whole_title_or_doi_prints_that_work() -> None:
    """However a citation parser split the line (a corporate author taken for the title's start,
    the title's `A` taken for an initial), the record's title or DOI inside it is this work."""
    from refmerge.refs.names import Name
    from refmerge.refs.scrape.record import Draft

    own = Draft(1, 3, title="A quiet census of invented owls", doi="10.5555/jie.2015.21")
    own.authors = [Name(first="K.", last="Solberg")]
    line = (
        "Working Group on Invented Archives, Solberg K. A quiet census of invented owls. J. 2015."
    )
    assert own.printed_in(line)
    assert own.printed_in("Solberg K. Owls. J Imag Ecol. doi:10.5555/JIE.2015.21")
    assert not own.printed_in("Solberg K. A loud census of invented owls. J. 2015.")
    short = Draft(1, 3, title="Reed songs", year=1936, volume="1", pages="234--240")
    misread = Draft(
        9, 9, title="Working Group on Invented", year=1936, volume="1", pages="234--240"
    )
    assert short.printed_in("Working Group on Invented Archives, Katz D. Reed songs. 1936", misread)
    misread.volume = "2"
    assert not short.printed_in("Working Group, Katz D. Reed songs. 1936", misread)
    cut = Draft(
        5, 5, title="quiet census of invented owls", authors=[Name(first="A.", last="Solberg")]
    )
    own.doi = ""
    assert own.same_work(cut)  # the title's `A` read as an initial: its end is the same title


def test_a_type_line_in_chinese_is_no_glued_label_and_cjk_names_are_read() -> None:
    """`期刊论文` (journal article) starts with `期刊` (journal): a type line, not `期刊: 论文`."""
    assert unglue_label("期刊论文") == "期刊论文"
    assert unglue_label("作者王小明") == "作者: 王小明"
    (ref,) = _read("type_line_cjk.txt")
    assert ref.fields["journal"] == "虚构地理学报"
    assert ref.fields["author"] == "王小明 and 李红"
    assert ref.entry_type == "article"


def test_type_words_are_lexicon_data_in_every_interface_language() -> None:
    from refmerge.refs.scrape.lexicon import languages, type_words
    from refmerge.refs.scrape.lines import type_of

    assert {"en", "de", "fr", "es", "pt", "it", "ru", "uk", "pl", "zh", "ja"} <= languages("types")
    assert type_of("Artigo") == type_of("雑誌論文") == type_of("Статья в журнале") == "article"
    assert type_of("Tesis doctoral") == "phdthesis"
    assert set(type_words().values()) <= {
        "article", "book", "incollection", "inproceedings", "phdthesis", "mastersthesis",
        "techreport", "misc",
    }  # fmt: skip


# -- unlabelled article headers (title, byline with affiliation marks, affiliations, history)


@pytest.mark.parametrize(
    ("name", "title", "authors", "year", "doi"),
    [
        (
            "article_header_marks.txt",
            "Salt marsh echoes and the memory of invented tides",
            "Tovarnik, Amelie and Ekwueme, Jonas P. and Harrowgate-Pim, Lucía",
            "2021",
            "10.5555/jih.2021.0201",
        ),
        (
            "article_header_pdf.txt",
            "Nachhall in Räumen, die es nicht gibt: eine Vermessung erfundener Kirchen",
            "Quastberg, Hannelore and Ostrowe-Nadler, Jr., Till and Yıldırak, Şebnem",
            "2018",
            "10.5555/zea.2018.033",
        ),
        (
            "article_header_unmarked.txt",  # one affiliation, no marks; `et` joins two names
            "Modulation contextuelle des phares inventés",
            "Vantrebois, Aurélie and Kelderwick, Tomasz P.",
            "2011",
            None,
        ),
        (
            "article_header_lone_author.txt",  # one name over its affiliation, no marks
            "The slow clocks of moss on walls that were never built",
            "Brandvold, Ilse",
            "2016",
            None,
        ),
        (
            "article_header_one_author.txt",
            "Lantern ferries of the northern lakes that nobody mapped",
            "Velmundsen, Oskar",
            "2016",
            None,
        ),
    ],
)
def test_an_article_header_without_labels_is_one_record(
    name: str, title: str, authors: str, year: str, doi: str | None
) -> None:
    """Title, a byline whose names carry affiliation marks (letters, superscripts, `*`), the
    affiliation lines, the review history, venue and DOI: one record, and no affiliation line,
    history date or `©` line becomes a record, a title or an author."""
    (ref,) = _read(name)
    f = ref.fields
    assert (f["title"], f["author"], f["year"], f.get("doi")) == (title, authors, year, doi)


def test_review_dates_are_not_the_publication_year() -> None:
    """`Received` / `Accepted` date the review; `Published online` dates the publication."""
    (ref,) = _read("article_header_history.txt")
    assert ref.fields["year"] == "2016"
    assert ref.fields["author"] == "Brandvold, Ilse and Osei-Larkin, Kwame"


@pytest.mark.parametrize(
    "line",
    [
        "Received 3 May 2018; Accepted 9 June 2018",
        "Received in revised form 2 March 2020",
        "Eingegangen: 3. November 2017 / Angenommen: 21. Januar 2018",
        "Reçu le 4 mars 2019",
        "Поступила в редакцию 12.03.2020",
        "收稿日期 2019-03-01",
        "受付日 2019年3月1日",
    ],
)
def test_review_history_lines_in_several_languages(line: str) -> None:
    assert is_history_date(line)


@pytest.mark.parametrize(
    "line",
    ["Received wisdom and the invented archive", "Accepted Manuscript", "Revised edition"],
)
def test_titles_that_start_with_a_history_word_are_not_history_lines(line: str) -> None:
    assert not is_history_date(line)


@pytest.mark.parametrize(
    ("line", "affiliation"),
    [
        ("a Department of Invented Coasts, University of Lowmere", True),
        ("2 Institut für Scheinakustik, Universität Nirgendheim", True),
        ("¹ Кафедра вымышленной физики, Университет Нигдеграда", True),
        ("* Corresponding author. E-mail address: a.smith@example.org", True),
        ("1Department of Invented Coasts, University of Lowmere", True),  # copied without a space
        ("bInstitute for Imaginary Estuaries, Brackwater", True),
        ("Department stores of the invented city", False),  # a title: no mark
        ("university life in an invented town", False),
        ("University rankings in imaginary countries", False),
    ],
)
def test_affiliation_lines_need_a_mark_and_an_institution(line: str, affiliation: bool) -> None:
    assert is_affiliation(line) is affiliation


def test_a_published_online_date_in_the_history_dates_the_work() -> None:
    """`Поступила …; Принята …; Опубликована онлайн 27 января 2009`: the review dates are
    dropped, the online publication dates the work; `Check for updates` is a page control."""
    (ref,) = _read("article_header_online.txt")
    f = ref.fields
    assert f["title"] == "Lantern keepers of lakes nobody mapped: a second survey"
    assert f["author"] == "Velmundsen, Oskar and Tolstobrova, Irina"
    assert f["year"] == "2009"
    assert online_dates("Received 2 May 2018; Published online 3 Jan 2019") == [
        "Published online 3 Jan 2019"
    ]
    assert online_dates("Online veröffentlicht: 4. März 2020") == [
        "Online veröffentlicht: 4. März 2020"
    ]


# ---------------------------------------------------------------- fourth round: reference lists
# and page furniture that reads like references


def test_reference_entries_wrapped_at_the_margin_are_one_record_each() -> None:
    """Vancouver, APA and numbered entries broken over two or three lines, with no blank line
    between them and link lines, page numbers and a result count around them."""
    refs = _read("reference_list_wrapped.txt")
    assert [r.fields["title"] for r in refs] == [
        "Tidal memory in invented estuaries: a survey of imaginary sediment",
        "Counting lanterns in paper harbours",
        "Salt roads of the hypothetical north: a second look",
        "Lighthouses that never were",
        "Reed songs",
        # headed by an organisation, after a running head (`512 Journal of … 14 (2011)`)
        "Tide tables of the paper coast: recorded tides",
        # `CA1` in the title does not end the entry before its venue
        "Bidirectional plasticity of reeds in CA1 in invented marshes",
    ]
    assert refs[1].fields["author"].endswith("and Haverkamp, L. and Ngata, W.")  # wrapped names
    years = ["2011", "2016", "2009", "2020", "2018", "2019", "1995"]
    assert [r.fields["year"] for r in refs] == years
    assert refs[0].fields["pages"] == "101--119"  # from the entry's second line
    assert refs[6].fields["journal"] == "Marsh Letters"
    assert "abstract" not in refs[4].fields  # the next entry is not taken for an abstract


def test_furniture_between_listing_entries_makes_no_records_and_numbers_leave_titles() -> None:
    refs = _read("listing_furniture.txt")
    assert [r.fields["title"] for r in refs] == [
        "Glass eels of the imaginary delta",
        "A census of paper cranes in invented wetlands",
        # a Roman numeral is no initial: the title does not start a reference entry
        "Counting lanterns III. Harbour lights of the invented coast and their keepers",
    ]
    first = refs[0].fields
    # `Journal 12: 101–119 (2014)`: volume, pages and the year in brackets
    assert (first["volume"], first["pages"], first["year"]) == ("12", "101--119", "2014")
    # `Journal (2021)` under a byline: the venue and the year
    assert (refs[2].fields["journal"], refs[2].fields["year"]) == (
        "Notional Maritime Letters",
        "2021",
    )
    assert refs[2].fields["author"] == "Quastberg, Jr., H. and Tanaka, R."


def test_a_short_title_printed_again_with_its_year_and_author_is_the_same_work() -> None:
    """A cite box whose line the parser splits wrongly (an organisation read into the title) is
    the page's own work when the line holds its whole short title, its year and a surname."""
    text = (
        "Lantern Keepers\n"
        "Working Group on Invented Archives, D. Quastberg\n"
        "Notional Maritime Letters, 1936, Vol. 1, pp. 234–240\n\n"
        "How to cite\n"
        "Working Group on Invented Archives, Quastberg D. Lantern Keepers. "
        "Notional Maritime Letters. 1936;1:234-240.\n"
    )
    (ref,) = read_scrape(text, "t.txt").references
    assert ref.fields["title"] == "Lantern Keepers"


@pytest.mark.parametrize(
    "line",
    [
        "Page 7 of 11",
        "Seite 3 von 12",
        "Showing 1–20 of 340 results",
        "Treffer 1–20 von 311",
        "Sort by: Relevance | Date",
        "Сортировать: по релевантности | по дате",
        "« Previous 1 2 3 … 40 Next »",
        "第 7 页，共 29 页",
        "523 件中 1–20 件を表示",
        "Views 247 · Downloads 52",
        "Wyświetlenia 31 · Pobrania 96",
        "Google Scholar",
        "CrossRef",
        "PubMed Google Scholar",
        "171 Journal of Notional Estuaries 7 (1995)",  # a printed page's running head
    ],
)
def test_pagination_metrics_and_link_lines_are_furniture(line: str) -> None:
    assert is_chrome(line)


@pytest.mark.parametrize(
    "line",
    ["2016;8:44-52.", "Next generation sequencing of invented reeds", "Results of 2012 digs"],
)
def test_furniture_needs_interface_words_and_no_other_words(line: str) -> None:
    """Numbers alone end a wrapped reference; a title has words the interface does not use."""
    assert not is_chrome(line)


def test_an_author_date_citation_is_no_venue_statement() -> None:
    """`Surname, Given (1974). Title. Journal, 13(6), 656–663.` once read as a venue line whose
    name was the surname (the citation was lost)."""
    text = (
        "Literaturverzeichnis\n"
        "Quillfeather, Dorian (1974). Order and rehearsal in invented recall. "
        "Journal of Fictional Memory, 13(6), 656–663.\n"
    )
    (ref,) = read_scrape(text, "t.txt").references
    assert ref.fields["title"] == "Order and rehearsal in invented recall"
    assert ref.fields["author"] == "Quillfeather, Dorian"


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(min_value=1, max_value=999), min_size=1, max_size=6))
def test_numbers_alone_are_never_furniture(numbers: list[int]) -> None:
    line = " ".join(str(n) for n in numbers)
    assert is_chrome(line) == (len(numbers) == 1)  # (one number alone is a page number)


def test_an_author_manuscript_page_is_one_record_dated_by_its_venue() -> None:
    """The deposit date (2021) is not the year; `Published in final edited form as:` labels the
    venue; `2,3` after a name is an affiliation mark; `vs.` ends no sentence in the title; the
    body's running text with citation marks `(4, 12)` and `[7]` is no reference."""
    (ref,) = _read("author_manuscript.txt")
    f = ref.fields
    assert f["title"].startswith("Regional vs. whole estuary salinity")
    assert f["author"] == "Quillfeather, A. B. and Marrow, T. and Osei-Brandt, K."
    assert (f["year"], f["volume"], f["pages"]) == ("2018", "12", "45--67")
    assert f["journal"] == "J Fict Hydrol"
    assert f["doi"] == "10.5555/jfh.2018.0045"


@pytest.mark.parametrize(
    ("note", "label"),
    [
        ("著者最終稿；登録日：2021年04月17日", "出版社版の掲載誌"),
        ("Manuskrypt autora; zdeponowano 17.04.2021.", "Wersja ostateczna opublikowana w"),
        ("Autorenmanuskript; im Repositorium seit 19.08.2021.", "Verlagsversion erschienen in"),
    ],
)
def test_deposit_notes_in_other_languages_date_nothing(note: str, label: str) -> None:
    text = (
        f"{note}\n{label}: Notional Tides. 2018;12(3):45–67.\n\n"
        "Tide tables of the paper coast\n\nA. Marrow 1, K. Osei-Brandt 2\n"
    )
    (ref,) = read_scrape(text, "t.txt").references
    assert (ref.fields["year"], ref.fields["journal"]) == ("2018", "Notional Tides")
    assert ref.fields["author"] == "Marrow, A. and Osei-Brandt, K."


def test_running_text_with_citation_marks_is_no_reference() -> None:
    """Body text (here the generator's word salad, which the reference model once read as a
    work by `And a show`) has digits only in its citation marks: it is no reference."""
    line = (
        "And a show a measures in that conditions in method further measures analysis in. "
        "Experiments conditions further of and measures sample analysis results study and groups "
        "of in data. The method analysis of suggests and analysis invented and two study and "
        "(4, 12)."
    )
    text = (
        "Tide tables of the paper coast\nA. Marrow, K. Osei-Brandt\n"
        f"Notional Tides 12: 45–67 (2018)\n\n1. Introduction\n\n{line}\n"
    )
    (ref,) = read_scrape(text, "t.txt").references
    assert ref.fields["title"] == "Tide tables of the paper coast"


def test_an_abstract_database_record_skips_its_similar_articles() -> None:
    """The issue's year, not the Epub date (2011); `Афіліації` (affiliations) over numbered
    addresses; names with affiliation numbers a space apart are a byline, not a citation; the
    similar articles (a long venue line ending in `PMID: …` is no abstract) are not read."""
    (ref,) = _read("abstract_database.txt")
    f = ref.fields
    assert (f["title"], f["year"], f["pages"]) == (
        "Tide tables of the paper coast",
        "2012",
        "188--202",
    )
    assert f["author"] == "Marrow, Amara and Osei-Brandt, Kofi and Quastberg, Lena"
    assert f["pmid"] == "12345678"


@pytest.mark.parametrize(
    ("line", "year", "pages"),
    [
        ("Quarterly of Imaginary Trade. 2003 May:377-395.", 2003, "377--395"),
        ("Notional Tides. 2003:1585-1588.", 2003, "1585--1588"),
        ("Notional Tides. 1978;200:1298–1300.", 1978, "1298--1300"),
        ("Journal of Fictional Ichthyology 12: 101–119 (2014)", 2014, "101--119"),
    ],
)
def test_vancouver_and_dblp_venues_with_a_colon_before_the_pages(
    line: str, year: int, pages: str
) -> None:
    from refmerge.refs.scrape.fields import parse_venue

    info = parse_venue(line)
    assert (info.year, info.pages) == (year, pages)


@pytest.mark.parametrize(
    "text",
    [
        "Notional Tides. 2012 Nov;9(2):188-202. Epub 2011 Sep 8.",
        "Notional Tides. 2012;9(2):188-202. Epub ahead of print.",
    ],
)
def test_an_epub_date_after_the_issue_year_is_left_out(text: str) -> None:
    from refmerge.refs.scrape.copyfix import drop_epub

    assert "Epub" not in drop_epub(text)
    assert drop_epub("Epub 2011 Sep 8.") == "Epub 2011 Sep 8."  # alone it is the only date


def test_scholar_results_with_action_rows_and_initials_first_names() -> None:
    """`Citado por 319 Artigos relacionados Todas as 3 versões` is an action row, not running
    text that swallows the next title; `Y Kang`, `AL Vårdal` are initials, not the particles `y`
    and `al` of an inverted name."""
    text = (
        "Mostrando 1–10 de 311 resultados\n\n"
        "[PDF] Lanterns of the paper coast\n"
        "Y Kang, ST Marrow - Notional Tides, 1993 - nowhere.edu\n"
        "We counted the lanterns of an invented coast across two seasons and tides of the north\n"
        "harbours. The tables differ between the paper harbours and the estuaries …\n"
        "Salvar Citar Citado por 319 Artigos relacionados Todas as 3 versões\n"
        "Salt roads of the hypothetical north\n"
        "AL Vårdal, R Tanaka - Quarterly of Imaginary Trade, 2011 - fictional-press.com\n"
        "Invented salt roads were counted in two regions of the paper coast by the keepers and\n"
        "the tables differ between the regions of the north and the south of the coast …\n"
        "Salvar Citar Citado por 12 Artigos relacionados\n"
    )
    refs = read_scrape(text, "t.txt").references
    assert [r.fields["title"] for r in refs] == [
        "Lanterns of the paper coast",
        "Salt roads of the hypothetical north",
    ]
    assert refs[0].fields["author"] == "Kang, Y. and Marrow, S. T."
    assert refs[1].fields["author"] == "Vårdal, A. L. and Tanaka, R."


def test_junk_classes_of_the_fourth_round_make_no_records() -> None:
    """A venue with a dash (`Pramana - J. Fict. Phys.`) is no search byline of one author; an
    organisation heading a result byline is its first author; a proceedings name with a year
    and pages under an unknown label is the venue, not a titleless work."""
    listing = (
        "Fifty years of invented dielectrics\n"
        "D. B. Marrow, L. Quastberg\n"
        "Pramana - J. Fict. Phys., 2007, Vol. 69 (4), pp. 491–520\n"
    )
    (ref,) = read_scrape(listing, "t.txt").references
    assert (ref.fields["journal"], ref.fields["author"]) == (
        "Pramana - J. Fict. Phys.",
        "Marrow, D. B. and Quastberg, L.",
    )
    results = (
        "Small gaps in invented alloys\n"
        "Working Group on Invented Archives, J Wu, W Marrow - Notional Phys. Lett., 2002 - nowhere.edu\n"
        "Save Cite Cited by 758 Related articles All 6 versions\n"
    )
    (ref,) = read_scrape(results, "t.txt").references
    assert ref.fields["title"] == "Small gaps in invented alloys"
    assert ref.fields["author"].startswith("{Working Group on Invented Archives} and Wu, J.")
    manuscript = (
        "Author manuscript; available in the repository: 28 Mar 2019.\n"
        "Published in final edited form as: Proceedings of the 22nd Annual Conference on "
        "Invented Networking (inet). 2016:2–15.\n\n"
        "Lanterns that talk in the dark\n\nZ. Tanaka 2,3, K. Marrow 1,3\n"
    )
    (ref,) = read_scrape(manuscript, "t.txt").references
    assert (ref.fields["title"], ref.fields["year"]) == ("Lanterns that talk in the dark", "2016")


def test_a_definition_list_copied_label_over_value_or_glued() -> None:
    """A field label alone on its line (`Autores`) is the next row, not the title's last word; a
    glued label before a value with a colon inside (`TitoloLanterns: a survey`) is split."""
    from refmerge.refs.scrape.units import Lines, units_of

    title = "Lanterns of the paper coast and the keepers of the invented northern harbours"
    rows = ["Inicio", "", "Título", title, "Autores", "Marrow, A.; Tanaka, R.", "Publicado en"]
    texts = [u.text for u in units_of(Lines(rows)) if u.text]
    assert title in texts  # (not `… northern harbours Autores`)
    glued = (
        "TitoloLanterns: a survey of the paper coast\nAutoriMarrow, A.; Tanaka, R.\n"
        "Pubblicato inNotional Tides\nAnno2019\n"
    )
    (ref,) = read_scrape(glued, "t.txt").references
    assert ref.fields["title"] == "Lanterns: a survey of the paper coast"
    assert ref.fields["year"] == "2019"


def test_a_publication_list_with_bullets_year_headings_link_words_and_name_marks() -> None:
    """A person's or group's publication list (fifth round): bulleted entries wrapped in a
    narrow column under year headings, link words after or under an entry (`[PDF] [BibTeX]`,
    `Download`, `PDF | DOI | BibTeX`, `(Cited by 41)`), the owner's name marked `*` or `†`."""
    refs = _read("publication_list.txt")
    got = [
        (r.fields["author"].split(" and ")[0], r.fields["title"], r.fields["year"]) for r in refs
    ]
    assert got == [
        ("Marrow, A.", "Tidal memory in invented estuaries", "2021"),
        ("Tanaka, R.", "Whispering reeds in fictional marshes", "2019"),
        ("Okafor, A.", "Salt memory of invented deltas", "2015"),
        ("Quastberg, E.", "Brackish lanterns revisited", "2012"),
        ("Brenner, L.", "Tides that remember", "2010"),
    ]
    assert refs[1].fields["doi"] == "10.5555/na.2019.0101"  # (not `…0101 Download`)
    assert refs[2].fields["author"] == "Okafor, A. and Marrow, A."  # (`Marrow A†.`)
    for ref in refs:
        text = " ".join(ref.fields.values())
        assert not re.search(r"PDF|BibTeX|Download|Cited by|[*†]", text), text


def test_a_course_reading_list_reads_every_entry_under_its_headings() -> None:
    """A course page (fifth round): `Required reading:` / `Further reading` headings over
    entries without blank lines (a wrapped author list right under the heading), notes after
    entries, and a `References` heading that heads more of the page's list: the page has no
    record of its own, so the heading lists no *other* works."""
    refs = _read("course_reading_list.txt")
    assert [r.fields["title"] for r in refs] == [
        "Tidal memory in invented estuaries",
        "Whispering reeds in fictional marshes",
        "Salt memory of invented deltas",
        "Brackish lanterns revisited",
    ]
    assert refs[0].fields["author"].startswith("Marrow, A. and Tanaka, R.")
    assert refs[0].fields["author"].endswith("Vasquez-Holm, I.")
    assert [r.fields["year"] for r in refs] == ["2019", "2004", "2011", "1998"]


def test_a_references_heading_after_a_cite_box_or_a_labelled_record_still_lists_other_works() -> (
    None
):
    """The list-page reading needs two different works read as list entries and no label: a
    cite box printing one work twice, or a labelled record, is a page's own record, and the
    list under `References` is other works (RM109)."""
    cite_box = (
        "Okafor, A., & Brenner, L. (2011). Salt memory of invented deltas. Journal of Imaginary "
        "Hydrology, 4(2), 12–30.\n"
        "Okafor A, Brenner L. Salt memory of invented deltas. J Imag Hydrol. 2011;4(2):12-30.\n"
        "References\n"
        "Quastberg, E. (1998). Brackish lanterns revisited. Notional Acoustics, 2, 77–89.\n"
        "Brenner, L. (2010). Tides that remember. Notional Acoustics, 1, 1–9.\n"
    )
    titles = {r.fields["title"] for r in read_scrape(cite_box, "t.txt").references}
    assert titles == {"Salt memory of invented deltas"}
    labelled = (
        "Title: Salt memory of invented deltas\nAuthors: Okafor, A.; Brenner, L.\n"
        "Quastberg, E. (1998). Brackish lanterns revisited. Notional Acoustics, 2, 77–89.\n"
        "Brenner, L. (2010). Tides that remember. Notional Acoustics, 1, 1–9.\n"
        "References\n"
        "Marrow, A. (2001). Lanterns at low tide. Notional Acoustics, 3, 5–9.\n"
    )
    titles = {r.fields["title"] for r in read_scrape(labelled, "t.txt").references}
    assert "Lanterns at low tide" not in titles


@pytest.mark.parametrize(
    ("line", "kept"),
    [
        ("Roy, J. (2014). Tidal memory. J Imag Hydrol, 12, 3-4. [PDF] [BibTeX]", "3-4."),
        ("Roy, J. (2014). Tidal memory. Nat. Hydrol. https://doi.org/10.5555/x.1 Download", "x.1"),
        ("Roy, J. (2014). Tidal memory. J Imag Hydrol, 14(12), 561–569. (被引次数：366)", "569."),
        ("Roy, J. (2014). Tidal memory. J Imag Hydrol, 14, 784–790. 全文下载", "790."),
        ("Roy, J. (2014). Tidal memory. J Imag Hydrol, 21, 1123–1128. PDF | DOI | BibTeX", "28."),
        ("Roy, J. (2014). Tidal memory. J Imag Hydrol, 21, 1123–1128. Texto completo", "28."),
        ("Roy, J. (2014). Tidal memory. J Imag Hydrol, 21, 11–12. [Link] [Code]", "12."),
    ],
)
def test_link_words_after_an_entry_are_controls(line: str, kept: str) -> None:
    from refmerge.refs.scrape.copyfix import drop_link_tail

    assert drop_link_tail(line).endswith(kept)


@pytest.mark.parametrize(
    "line",
    [
        "Cold Spring Harbor Notional Biology 7: a021808 (2015)",  # a year in brackets
        "Roy, J. (2014). Tidal memory. J Imag Hydrol, 21, 11–12. (optional)",  # a note: no link
        "A study of the download of tidal memory",  # no reference before it
        "Roy, J. (2014). On books. Penguin Books",  # a list heading is no link word
    ],
)
def test_an_entry_without_link_words_keeps_its_end(line: str) -> None:
    from refmerge.refs.scrape.copyfix import drop_link_tail

    assert drop_link_tail(line) == line


@pytest.mark.parametrize(
    "line",
    [
        "Required reading:",
        "Further reading",
        "Selected publications",
        "Journal articles",
        "Bibliografía básica",
        "Weiterführende Literatur",
        "Lectures obligatoires",
        "Обязательная литература",
        "Lektury uzupełniające",
        "必读文献",
        "業績一覧",
    ],
)
def test_headings_of_a_lists_own_sections_are_page_structure(line: str) -> None:
    assert is_chrome(line)


def test_list_section_headings_are_lexicon_data_in_every_interface_language() -> None:
    from refmerge.refs.scrape.lexicon import languages

    assert {"en", "de", "fr", "es", "pt", "it", "ru", "uk", "pl", "zh", "ja"} <= languages(
        "list_headings"
    )


def test_a_hyphen_starts_list_items_only_where_two_lines_start_so() -> None:
    """`• ` always marks a list item; `- ` only where the page starts two lines with it (a
    wrapped title can start a line with `- A review`)."""
    from refmerge.refs.scrape.units import Lines

    lines = Lines(["Theory of invented tides", "- A review of the evidence", "", "• Roy, J. A."])
    assert lines.text[1] == "- A review of the evidence" and 1 not in lines.marked
    assert lines.text[3] == "Roy, J. A." and 3 in lines.marked
    listed = Lines(["- Roy, J. (2014). Tides.", "- Okafor, A. (2011). Salt."])
    assert listed.text == ["Roy, J. (2014). Tides.", "Okafor, A. (2011). Salt."]


def test_a_definition_list_copied_cell_by_cell_with_section_headings() -> None:
    """Labels alone on their lines over their values (`Journal` / `2019, Journal of X, № 3`), and
    section headings (`General information`, `Details`, `Bibliographic Details`) between the
    title and the labels: one record, its title the line above the headings (issue 13: "the
    title lost when … a section heading sits between it and the labels; UI headings chosen as
    titles")."""
    (ref,) = _read("definition_list_cells.txt")
    f = ref.fields
    assert f["title"] == "Tidal memory in invented estuaries"
    assert f["author"] == "Vasquez-Holm, Ingrid and Brenner-Oduya, Tomasz"
    assert (f["journal"], f["year"], f["number"]) == ("Journal of Imaginary Hydrology", "2019", "3")
    assert (f["publisher"], f["doi"]) == ("Invented Press", "10.5555/jih.2019.0045")


@pytest.mark.parametrize(
    "heading", ["General information", "Bibliographic Details", "Citation metadata", "書誌情報"]
)
def test_section_headings_are_never_titles(heading: str) -> None:
    page = f"{heading}\nAuthors: Vasquez-Holm, Ingrid\nJournal: Journal of Imaginary Hydrology\n"
    for ref in read_scrape(page, "t.txt").references:
        assert ref.fields.get("title") != heading


@pytest.mark.parametrize(("tag", "book"), [("[ZITATION]", False), ("[BUCH]", True),
                                           ("[LIVRE]", True), ("[CITAÇÃO]", False),
                                           ("[КНИГА]", True), ("[图书]", True)])  # fmt: skip
def test_result_tags_in_other_languages_leave_titles(tag: str, book: bool) -> None:
    page = (
        f"{tag} Tidal memory in invented estuaries\n"
        "I Vasquez-Holm, T Brenner-Oduya - Invented Press, 2019 - nowhere.edu\n"
    )
    (ref,) = read_scrape(page, "t.txt").references
    assert ref.fields["title"] == "Tidal memory in invented estuaries"
    assert (ref.entry_type == "book") is book


def test_the_issues_glued_labels_and_download_date() -> None:
    """`AuthorDaithí …`, `Published inJournal of …`, `LanguageEnglish` are labels glued to their
    values; `Download date: 07. Jul. 2025` dates the visit, never the work."""
    page = (
        "Tidal memory in invented estuaries\nAuthorDaithí Mac Síthigh\n"
        "Published inJournal of Imaginary Hydrology\nLanguageEnglish\nYear2019\n"
        "Download date: 07. Jul. 2025\n"
    )
    (ref,) = read_scrape(page, "t.txt").references
    f = ref.fields
    assert (f["author"], f["journal"], f["year"]) == (
        "Mac Síthigh, Daithí",
        "Journal of Imaginary Hydrology",
        "2019",
    )
    assert "English" not in " ".join(f.values())


def test_an_identifier_line_under_a_list_entry_keeps_the_page_a_list() -> None:
    """A DOI on its own line under an entry is the entry's, no label of a page's own record:
    the `参考文献` heading after it still heads more of the course page's list."""
    page = (
        "必读文献\n"
        "• Okafor, A., Brenner, L., 2011. Salt memory of invented deltas. J. Imag. Hydrol. 4, 12–30.\n"
        "• Tanaka, R., 2004. Whispering reeds in fictional marshes. Notional Acoustics 8, 101–119.\n"
        "https://doi.org/10.5555/na.2004.0101\n"
        "参考文献\n"
        "• Quastberg, E., 1998. Brackish lanterns revisited. Notional Acoustics 2, 77–89.\n"
    )
    titles = [r.fields["title"] for r in read_scrape(page, "t.txt").references]
    assert titles[-1] == "Brackish lanterns revisited" and len(titles) == 3


def test_a_profile_page_with_metrics_columns_and_person_cards() -> None:
    """A researcher's profile (fifth round): the metrics table (`Citations` over counts is no
    heading over other works), the list's column header (`Title  Cited by  Year`), count and
    year cells after each venue, and name-over-institution cards (the owner, co-authors) that
    are no records."""
    refs = _read("metrics_profile.txt")
    got = [
        (r.fields["title"], r.fields["author"].split(" and ")[0], r.fields["year"]) for r in refs
    ]
    assert got == [
        ("Tidal memory in invented estuaries", "Vasquez-Holm, I.", "2019"),
        ("Salt memory of invented deltas", "Okafor, A.", "2011"),  # (the year from its cell)
    ]
    assert refs[0].fields["pages"] == "45--67"


def test_a_counters_label_over_its_count_is_no_heading() -> None:
    page = (
        "Tidal memory in invented estuaries\nI Vasquez-Holm, T Brenner\n"
        "Journal of Imaginary Hydrology 12 (3), 45-67, 2019\nCitations\n799\n"
        "Salt memory of invented deltas\nA Okafor, L Brenner\nNotional Acoustics 4 (2), 12-30, 2011\n"
    )
    assert len(read_scrape(page, "t.txt").references) == 2


@pytest.mark.parametrize(
    ("line", "header"),
    [
        ("Title Cited by Year", True),
        ("Titel Zitiert von Jahr", True),
        ("标题 引用次数 年份", True),
        ("Journal Year", True),
        ("Tidal memory and the year", False),
        ("Year", False),
        ("Title 2019 Year", False),
    ],
)
def test_a_lists_column_header_is_page_structure(line: str, header: bool) -> None:
    from refmerge.refs.scrape.lines import is_column_header

    assert is_column_header(line.lower()) is header


# ---------------------------------------------------------------- sixth round: article pages


def test_marks_after_the_comma_and_bulleted_affiliations_make_a_byline() -> None:
    """`Ana Quell,1 Tomas Vendrel,2 … and Ilse Marwick1,2` over `• 1Department of …` lines: the
    byline of a citation-first article page, not a title; the language after the pages
    (`English.`) is no venue, the reference list adds no record (junk class: the byline and its
    indented addresses joined into one "citation")."""
    (ref,) = _read("article_page_comma_marks.txt")
    f = ref.fields
    assert f["title"] == "Lanterns over the marsh: a survey of imagined light sources"
    assert f["author"] == "Quell, Ana and Vendrel, Tomas and Okafor, Jr., Mira P. and Marwick, Ilse"
    assert (f["journal"], f["year"], f["volume"], f["number"]) == (
        "Fict Imag Sci",
        "2017",
        "32",
        "11",
    )
    assert f["doi"] == "10.5555/fis.2017.1749"


def test_a_byline_copied_one_cell_per_line_is_one_byline() -> None:
    """`by` / name / `1,*,` / name / `2 and` / name / `1`, then `1` / address and `*` / note:
    the marks go back onto the names and addresses; the links to the next and previous
    articles and the reading controls add no record (junk class: `Arial Georgia Verdana` as a
    venue, an address as a title)."""
    (ref,) = _read("article_page_cells.txt")
    f = ref.fields
    assert f["title"] == "Lanterns over the marsh: a survey of imagined light sources"
    assert f["author"] == (
        "{Nordic Council for Imaginary Statistics} and Quell, Ana and Vendrel, Tomas and Okafor, Mira"
    )
    assert (f["year"], f["volume"], f["number"], f["pages"]) == ("2016", "4", "4", "30")
    assert f["doi"] == "10.5555/imagsci4040030"


def test_one_author_in_cells_and_a_venue_under_the_addresses() -> None:
    """One name and its mark cell (`D. C. Rubin Jr.` / `1*`), addresses, then `PsyArXiv 2021`:
    a byline of one author, and the venue with its year below the affiliation lines (not the
    submission history's years, not a record without a year)."""
    (ref,) = _read("article_page_one_cell.txt")
    f = ref.fields
    assert f["title"] == "Tidal memory in invented estuaries"
    assert f["author"] == "Rubin, Jr., D. C."
    assert f["year"] == "2021" and f["journal"] == "PsyArXiv"


def test_authors_one_per_line_with_bracketed_institutions() -> None:
    """`Ana Quell ( Department of …, University of … )` per line, an organisation above them,
    then `December 2019, Volume 12, Issue 3`: one byline; the journal's name on top is no title
    and the month is no venue (junk class: the bracketed lines joined into a title)."""
    (ref,) = _read("article_page_bracketed.txt")
    f = ref.fields
    assert f["title"] == "Tidal memory in invented estuaries"
    assert f["author"] == "{Working Group on Invented Archives} and Quell, Ana and Vendrel, Tomas"
    assert (f["year"], f["volume"], f["number"]) == ("2019", "12", "3")
    assert f["doi"] == "10.5555/jih.2019.0045"
    assert "December" not in f.get("journal", "")


def test_profile_entries_with_cut_author_lists_and_article_numbers() -> None:
    """A profile's works: an author list cut with `, ...` is a byline (it used to end the entry
    as a sentence and lose the record), `bioRxiv, 511782, 2021` is a venue with an article
    number and year, and a venue naming an academy is not an address."""
    refs = _read("profile_cut_names.txt")
    assert [r.fields.get("year") for r in refs] == ["2019", "2021", "2005"]
    assert refs[0].fields["author"].startswith("Quell, A. and Vendrel, T.")
    assert refs[0].fields["author"].endswith("Brenner, L.")
    assert (refs[1].fields["journal"], refs[1].fields["pages"]) == ("bioRxiv", "511782")
    assert refs[2].fields["volume"] == "102" and refs[2].fields["pages"] == "4602--4607"


def test_mark_cells_join_only_names_and_addresses() -> None:
    """A count cell under a venue line (`9` / `2018`) is no affiliation mark: only a mark under a
    name (one of several cells) or over an address joins its neighbour."""
    from refmerge.refs.scrape.copyfix import join_mark_cells

    text = ["Nature 477, 435-438, 2011", "9", "2018", "", "A title of a work", "Ana Quell", "1"]
    join_mark_cells(text)
    assert text[:3] == ["Nature 477, 435-438, 2011", "9", "2018"]
    assert text[5:] == ["Ana Quell", "1"]  # (a lone `1` under a name, no other cells: kept)
    cells = [
        "Ana Quell",
        "1,*,",
        "Tomas Vendrel",
        "2 and",
        "Mira Okafor",
        "1",
        "1",
        "Dept. of X, Y University",
    ]
    join_mark_cells(cells)
    assert [t for t in cells if t] == [
        "Ana Quell1,*, Tomas Vendrel2 and Mira Okafor1",
        "1 Dept. of X, Y University",
    ]


def test_research_network_profile_prints_authors_last() -> None:
    """Type line, `Full-text available`, title, `Mar 2019 · Journal …` (a date-and-venue line, no
    reference), `DOI:…`, then the names apart by middle dots (`[...]` cutting the list, an
    organisation first) or one name alone, then a row of actions in the page's language: the
    byline belongs to the work above (junk classes: the authors lost, the action row or the
    venue line read as titles, the date-and-venue line parsed as a citation titled `· Proc…`)."""
    refs = _read("network_profile.txt")
    assert [r.fields["title"] for r in refs] == [
        "Lanterns over the marsh: a survey of imagined light sources",
        "Quiet archives of the lowlands",
        "Counting imaginary birds in lowland fields",
    ]
    assert [r.fields["author"] for r in refs] == [
        "Quell, Ana and Vendrel, Tomas and Okafor, Mira",
        "{Working Group on Invented Archives} and Vendrel, Tomas",
        "Marwick, Ilse",
    ]
    assert [r.fields["year"] for r in refs] == ["2019", "2018", "2015"]
    assert refs[0].fields["doi"] == "10.5555/pias.2019.6487"
    assert refs[0].fields["pages"] == "6487--6492"


def test_a_venue_without_volume_after_the_colon_and_the_language_tail() -> None:
    """`Journal of X: 381–394 (1982)` and `bioRxiv: 511782 (2019)` (DBLP-style, no volume) have
    pages and a year; `… 2017 Nov;32(11):1749-1756. English.` loses its language name."""
    from refmerge.refs.scrape.copyfix import drop_language_tail
    from refmerge.refs.scrape.fields import looks_like_venue_line

    info = looks_like_venue_line("Quarterly Journal of Invented Psychology: 381–394 (1982)")
    assert info is not None and (info.year, info.pages) == (1982, "381--394")
    info = looks_like_venue_line("bioRxiv: 511782 (2019)")
    assert info is not None and (info.venue, info.pages) == ("bioRxiv", "511782")
    assert drop_language_tail("Fict Sci. 2017 Nov;32(11):1749-1756. English.") == (
        "Fict Sci. 2017 Nov;32(11):1749-1756."
    )
    assert drop_language_tail("Studies in English.") == "Studies in English."  # (no year)


def test_person_cards_with_a_role_line_or_an_institution_without_comma_are_no_records() -> None:
    """A profile's owner (name, a role line in the page's language, an address) and co-author
    cards whose institution has no comma (`Ren Tanaka` / `Nowhereville Academy of Sciences`)
    are people, not works (junk classes: the role read as a title with the address as its
    authors; the institution as a title with the person as its author)."""
    refs = _read("profile_cards.txt")
    assert [r.fields["title"] for r in refs] == [
        "Lanterns over the marsh: a survey of imagined light sources"
    ]


def test_a_list_under_year_headings_dates_its_entries() -> None:
    """Entries under `2019` / `2017` headings print title, authors (one name alone too) and a
    venue with volume and pages but no year: the heading dates them; an output-type path
    (`… › Article › peer-review`) is a breadcrumb, never the next title's start (junk class:
    the works lost without a year, the breadcrumb glued onto a title)."""
    refs = _read("year_headings.txt")
    assert [r.fields["title"] for r in refs] == [
        "Lanterns over the marsh: a survey of imagined light sources",
        "Counting imaginary birds in lowland fields",
        "Quiet archives of the lowlands",
    ]
    assert [r.fields["year"] for r in refs] == ["2019", "2019", "2017"]
    assert refs[1].fields["author"] == "Marwick, Ilse"
    assert (refs[1].fields["journal"], refs[1].fields["pages"]) == ("J. Fict. Ecol.", "101--109")
    assert refs[1].fields["doi"] == "10.5555/jfe.2019.101"
    assert refs[2].fields["author"] == "Quell, Ana and Vendrel, Tomas"


def test_a_one_author_vancouver_entry_whose_title_opens_with_a_is_no_venue() -> None:
    """`Oduya P. A tale of two fonts. Fict Typogr. 2012;33(2):145-150.`: the `A` after the
    initial opens the title's sentence, so the line is a reference, not a venue statement named
    `Oduya P. A tale of two fonts. Fict Typogr.` (junk class: the entry lost, or glued to the
    session heading above as its title)."""
    refs = _read("reading_list_article_title.txt")
    assert [r.fields["title"] for r in refs] == [
        "A tale of two fonts",
        "Counting the fonts of the lowlands",
    ]
    assert refs[0].fields["author"] == "Oduya, P." and refs[0].fields["year"] == "2012"


def test_a_references_heading_under_a_list_heading_heads_more_of_the_list() -> None:
    """One entry under `Required reading:`, then `References:` (`参考文献` on Chinese and
    Japanese course pages means further reading): the entry was read under a list's own section
    heading, so the page is a list and the heading heads more of it, not other works."""
    refs = _read("reading_list_one_entry.txt")
    assert [r.fields["title"] for r in refs] == [
        "Tidal clocks of the imaginary coast",
        "Whispering reeds in fictional marshes",
        "Salt memory of invented deltas",
    ]


def test_a_list_heading_glued_to_its_first_entry_still_heads_other_works() -> None:
    """`References1. Quell M, …`, `Similar articlesQuell, M., …`: copying glued the heading to
    the list's first entry; the heading still ends the page's own record and its list is of
    other works, so neither that entry nor the rest becomes a record (junk)."""
    refs = _read("glued_stop_heading.txt")
    assert [r.fields["title"] for r in refs] == ["Tidal clocks of the imaginary coast"]


@pytest.mark.parametrize(
    ("line", "head"),
    [
        ("References1. Quell M. Reeds. Marsh Lett. 2004;4:1-9.", "References"),
        ("ReferencesQuell, M. (2004). Reeds. Marsh Letters, 4, 1–9.", "References"),
        ("Список литературы1. Квелл М. Камыши. 2004. С. 1–9.", "Список литературы"),
        ("参考文献[1] 山田太郎. 架空の潮汐. 2004.", "参考文献"),
        ("References to invented tides are many and varied", ""),
        ("Cited by12", ""),
    ],
)
def test_glued_list_headings_are_found_by_the_heading_and_the_entry_start(
    line: str, head: str
) -> None:
    from refmerge.refs.scrape.copyfix import glued_stop_heading

    assert line[: glued_stop_heading(line)] == head


def test_a_running_head_over_labels_is_the_same_record() -> None:
    """`Journal of X 2019; 12(3): 45–67` over `Title…` / `Published inJournal of X`: the journal's
    running head gave the record its venue; the labelled venue printing the same journal is that
    value again, not the start of the next record (a record without a title, and the cite line
    below read as a second record, junk)."""
    refs = _read("running_head_labels.txt")
    assert len(refs) == 1
    assert refs[0].fields["doi"] == "10.1234/jit.2019.45"
    assert refs[0].fields["year"] == "2019"


def test_a_cite_dialog_with_style_names_and_a_dated_head_gives_one_record() -> None:
    """A header `Journal of Invented Coastal Salt Studies 2031` over the title (a dated line ending in a year does not
    start a wrapped title), then style names beside their strings (`MLA<TAB>…`, `APA: …`, labels
    of the cite kind) with visit dates after them: one record, its year the work's."""
    refs = _read("cite_dialog_styles.txt")
    assert [r.fields["title"] for r in refs] == [
        "Tidal clocks of the imaginary coast revisited after thirty years"
    ]
    assert refs[0].fields["year"] == "2031"
    assert refs[0].fields["author"].startswith("Okafor, H")


def test_annotations_under_entries_are_no_records() -> None:
    """An annotated bibliography: a note under each entry that names another work in running
    text (`Compare the earlier account by Lindqvist (2009), which …`, `See also the reply by
    Tanaka (2006) in the same journal, vol. 6.`) is no reference: its "author" holds lower-case
    words no name holds, its "venue" opens with a determiner (`units._sentence_reading`); an entry's second line that opens in lower case runs on from the
    first (`units._runs_on`), though it holds a venue with numbers."""
    refs = _read("annotated_bibliography.txt")
    assert [r.fields["title"] for r in refs] == [
        "Tidal clocks of the imaginary coast",
        "Whispering reeds in fictional marshes",
        "Salt memory of invented deltas in the northern and southern estuaries of the coast",
    ]


@pytest.mark.parametrize("name", ["other_works_headings.txt", "other_works_headings_ru.txt"])
def test_headings_over_other_works_of_the_authors_end_the_page_record(name: str) -> None:
    """`Most read articles by the same author(s)` (the journal software's wording, in its
    translations: `Наиболее читаемые статьи этого автора (авторов)`) heads a list of other works,
    as `Similar articles` does: its entries are not records of the page (junk records before)."""
    refs = _read(name)
    assert len(refs) == 1
    assert refs[0].fields["doi"].startswith("10.5555/ilca.2031.09")


@pytest.mark.parametrize(
    "line",
    [
        "Most read articles by the same author(s)",
        "Similar content being viewed by others",
        "Other articles in this issue",
        "Die meistgelesenen Artikel desselben Autors/derselben Autorin",
        "Articles les plus lus par le même auteur ou la même auteure",
        "Artículos más leídos del mismo autor/a",
        "Artigos mais lidos pelo mesmo(s) autor(es)",
        "Articoli più letti dello stesso autore",
        "Наиболее читаемые статьи этого автора (авторов)",
        "Найбільш читані статті цього автора (авторів)",
        "Najczęściej czytane artykuły tego samego autora (autorów)",
        "同一作者的其他文章",
        "同じ著者の最も読まれた論文",
    ],
)
def test_other_works_headings_in_every_interface_language(line: str) -> None:
    from refmerge.refs.scrape.lines import is_stop_heading

    assert is_stop_heading(line)


def test_a_list_under_a_page_whose_header_was_not_read_is_not_read_either() -> None:
    """A landing page printed its work's fields (`Abstract`, `Keywords:`) but its header gave no
    record (one author with a bracketed institution read as a second title): the `References`
    under it still list other works. Before, with no record found, the list was taken for a
    reference-list page and its two entries became the page's records (junk); now the page gives
    none (`RM002`), which says so instead of naming two other works."""
    from refmerge.refs.model import InputError

    with pytest.raises(InputError):
        _read("unread_header_list.txt")


def test_a_journal_abbreviation_with_a_dash_is_a_venue_not_a_byline() -> None:
    """`Invent. Coast. Acoust. - Lett. Reefs, 2030, Vol. 8 (1)` under a byline is the venue: a
    search-result byline's "name" holding words cut short as journals cut them (surnames
    abbreviate nothing but `St.`) is a journal's name. Read as a byline it made a record of its
    own, the header lost its venue and year, and the cite box's two strings became two more."""
    refs = _read("venue_with_dash.txt")
    assert len(refs) == 1
    assert refs[0].fields["year"] == "2030"
    assert refs[0].fields["journal"].startswith("Invent. Coast. Acoust.")


@pytest.mark.parametrize(
    ("byline", "surnames"),
    [
        ("A. B. Morrow3, A. R. A. Conroy2,3 та J. M. Cheney2,3", ["Morrow", "Conroy", "Cheney"]),
        (
            "T. D. Tomlin1,2*, D. E. Hubert2, C. A. Riethmann3 y E. J. Davel2,3",
            ["Tomlin", "Hubert", "Riethmann", "Davel"],
        ),
        (
            "J. K. Shoemark,1,2 J. R. Halliwell,3 R. L. Hughes,3 et M. J. Joyce1,3",
            ["Shoemark", "Halliwell", "Hughes", "Joyce"],
        ),
        (
            "M. Hellmark,1 M. Bashir,1 H. Riegel,1 e J. M. J. Lopresti1,2",
            ["Hellmark", "Bashir", "Riegel", "Lopresti"],
        ),
        ("A. Rudberg,1 S. Foxley,2 , J. B. Ranck1,2", ["Rudberg", "Foxley", "Ranck"]),
        ("Tomas Hyland Jr.,2 , Ines Jenks1,2", ["Hyland", "Jenks"]),
    ],
)
def test_a_byline_with_marks_and_a_conjunction_is_no_citation(
    byline: str, surnames: list[str]
) -> None:
    """An article header's byline with affiliation marks glued to the names or after the commas,
    its last name joined by the conjunction of the page's language (`та`, `y`, `et`, `e`) or
    following a stray comma after a mark (`Foxley,2 , J.`): its digits are marks, never a
    citation's volume or pages. Read as a citation (with the bulleted addresses below), it gave a
    record titled `Conroy2,3 та` or `Hughes,3 et M` (junk) and the header none."""
    page = (
        "Home\nSearch\n\nSalt clocks of the invented estuaries\n\n"
        f"{byline}\n"
        "• 1Department of Imaginary Linguistics, University of Nowhereville, Port Fable.\n"
        "• 2Lowfield University Hospital, Port Fable.\n"
        "• 3Institute of Invented Studies, Eastmarch.\n"
        "Received March 01, 2030; Accepted November 17, 2030.\n\n"
        "https://doi.org/10.5555/jit.2031.08\n\n"
        "Abstract\nWe count the salt clocks of invented estuaries and find them slow.\n"
    )
    refs = read_scrape(page, "byline.txt").references
    assert len(refs) == 1
    assert refs[0].fields["title"] == "Salt clocks of the invented estuaries"
    got = [a.split(",")[0] for a in refs[0].fields["author"].split(" and ")]
    assert got == surnames


def test_an_entry_whose_first_author_has_a_suffix_starts_an_entry() -> None:
    """`Okafor, Jr., Ambrose F., …` and `Brandt, III, Carl, …` start entries as `Okafor, Ambrose
    F.,` does (APA, MLA and BibTeX print the suffix between surname and given names); before, the
    note or heading above such an entry became its title and the note's sentence a junk record.
    A note whose clauses stand apart by a semicolon (`A careful account; see the later reply by
    Brenvik (2031), …`) is no list of organisations: it is running text, no reference."""
    refs = _read("suffix_entry_heads.txt")
    assert [r.fields["title"] for r in refs] == [
        "Salt clocks of the invented estuaries",
        "Whispering sandbars of an imaginary coast",
        "Foghorn harmonics over invented reefs",
    ]
    assert refs[1].fields["author"].startswith("Okafor, Jr., Ambrose F.")


def test_a_vancouver_venue_under_an_unknown_label_keeps_its_commas() -> None:
    """`Published in final edited form as: Journal of X: Salt, Sand, and Memory. 2029 Sep;12:538–549.`
    names the venue; in a Vancouver statement the journal's name runs to the full stop before the
    year, commas included. Cut at the first comma, the line was read as a citation titled `form
    as` (junk) and the manuscript's record lost its venue and year."""
    refs = _read("manuscript_vancouver_venue.txt")
    assert len(refs) == 1
    assert refs[0].fields["journal"] == "Journal of Invented Tides: Salt, Sand, and Memory"
    assert refs[0].fields["year"] == "2029"
    assert refs[0].fields["pages"] == "538--549"


def test_full_text_badges_are_chrome() -> None:
    """`Texto completo disponible` (`Full-text available`, `Volltext verfügbar`, `全文あり` …) is
    a badge research networks and repositories print above a work's title: page chrome. Read as a
    title, with a title holding a date below it (`… the storm of 3 March 2029: …`), it became a
    record of its own (junk)."""
    refs = _read("fulltext_badges.txt")
    assert [r.fields["title"] for r in refs] == [
        "Sandbars after the storm of 3 March 2029: an invented survey",
        "Salt clocks of the invented estuaries",
    ]
    for line in ("Full-text available", "Volltext verfügbar", "Доступен полный текст", "全文あり"):
        assert is_chrome(line)


def test_one_author_over_a_venue_with_its_year_only_is_the_byline() -> None:
    """Title / `Hedda Marwick` / `Invented Tide Letters, 2031`: a venue printed with its year and
    no numbers (conference and newsletter venues, preprints) is data under a one-author byline
    as a venue statement is, and it is the record's venue. Before, the header gave no record
    (RM105) and each of the cite dialog's three printings became one (two junk records)."""
    refs = _read("one_author_venue_year.txt")
    assert len(refs) == 1
    assert refs[0].fields["author"] == "Marwick, Hedda"
    assert refs[0].fields["year"] == "2031"
    assert refs[0].fields["journal"] == "Invented Tide Letters"


def test_a_cite_box_under_an_unread_header_prints_the_page_work_once() -> None:
    """A landing page printed its work's fields (`Resumen`) but its header gave no record (one
    author with a bracketed institution, a date line): the strings under its `Cómo citar`
    heading print that work, so they are one record, not one per printing (one junk record
    before). A cite box pasted alone, with no fields of the page's work above it, still keeps
    one record per printing (the shared cite-box fixture)."""
    refs = _read("cite_box_unread_header.txt")
    assert len(refs) == 1
    assert refs[0].fields["author"] == "Brenvik, O."
    assert refs[0].fields["year"] == "2031"


def test_a_printing_read_as_a_result_byline_is_the_page_work() -> None:
    """`Quellmark H, … TIDEWATCH - Sandbar acoustics … 2031;15:24-27.` under `How to cite`:
    the dash in the title makes the line read as a search-result byline (`Names - Journal,
    year`), but the line holds the page's whole title, so it prints the page's work again (two
    junk records before: the misread line, and the next printing it cut off from the header)."""
    refs = _read("cite_box_dash_title.txt")
    assert len(refs) == 1
    assert refs[0].fields["title"].startswith("TIDEWATCH - Sandbar")


def test_an_entry_with_a_note_ends_where_the_next_names_and_year_start() -> None:
    """`Okafor, Jr., Ambrose, … 340–346. Presentation: group B` / `Marwick, H. L. (2031). …`:
    the first entry has read its year, and the next line opens with names and their bracketed
    year, so it is the next entry though the note left the line above ending in no full stop
    (before, the two were read as one entry and the second work was lost)."""
    refs = _read("suffix_entry_note.txt")
    assert [r.fields["author"].split(",")[0] for r in refs] == ["Quell", "Okafor", "Marwick"]


def test_a_date_and_venue_row_does_not_continue_a_title_read_as_an_entry() -> None:
    """`Structure, Energetics, and Echoes …` under a `Full-text available` badge opens like a
    reference's names (`Surname, Given,`), but the `Jan 2031 · Journal 25(27):273201` row under
    it is a listing's date-and-venue row, never the rest of an entry: title, venue, DOI and
    byline are one record."""
    refs = _read("network_badge_title.txt")
    assert len(refs) == 1
    assert refs[0].fields["title"] == "Structure, Energetics, and Echoes of Invented Reef Polytypes"
    assert refs[0].fields["author"] == "Marwick, Hedda and Vendrel, Tomas"


def test_a_doi_line_under_a_title_with_no_byline_is_the_titles_record() -> None:
    """Title / DOI / abstract with no byline (names printed as links or images are lost in
    copying): one record with the title and the DOI, not a page without records; the journal's
    name and the search box above are no titles (real-page class, tenth round)."""
    (ref,) = _read("title_doi_no_byline.txt")
    f = ref.fields
    assert f["title"] == "Приливная память вымышленных эстуариев"
    assert f["doi"] == "10.5555/vvg.2021.4.3.94"


def test_how_to_cite_fills_the_record_of_a_lone_doi_line() -> None:
    """`DOI: …` read before any title or author (the header's title lost to a row of fields
    such as `Source of Support: None, Conflict of Interest: None`), then `How to cite this
    article:`: the cite line is the page's own work and completes that record, one record."""
    (ref,) = _read("cite_fills_doi_record.txt")
    f = ref.fields
    assert f["title"] == "Tidal memory in invented estuaries"
    assert f["author"] == "Quell, A. M. and Vendrel, T."
    assert (f["year"], f["doi"]) == ("2019", "10.5555/jih.2019.0045")
    assert "Source" not in f["title"]


def test_share_and_cite_gives_the_authors_a_lost_byline_did_not() -> None:
    """Title / `DOI: …  PDF  HTML  XML  1,204 Downloads` / abstract / `Share and Cite:` / the
    page's work cited with its authors: the byline was lost in copying (names printed as
    links), so the record of title and DOI takes its authors from the page's own citation of
    it, one record (before, it had no author at all)."""
    (ref,) = _read("share_and_cite_authors.txt")
    f = ref.fields
    assert f["author"] == "Okafor, A. and Lindqvist, T."
    assert (f["title"], f["doi"]) == (
        "Whispering Reeds in Invented Marshes",
        "10.5555/jim.2031.84007",
    )
    assert (f["journal"], f["year"]) == ("Journal of Imaginary Marshes", "2031")


def test_a_cited_work_gives_its_authors_only_to_a_record_without_names() -> None:
    """The page's own work cited again fills a record that read no names; a byline that was
    read stays (the cite line abbreviates it), and so do editors read as the record's names
    (`Binstock, R. H., & George, L. K. (Eds.).`), which a cite line may print as authors."""
    from refmerge.refs.names import Name
    from refmerge.refs.scrape.record import Draft

    cited = Draft(
        9, 9, title="Handbook of invented tides", authors=[Name(first="R.", last="Okafor")]
    )
    lost = Draft(1, 3, title="Handbook of invented tides")
    lost.fill_from(cited)
    assert [n.last for n in lost.authors] == ["Okafor"]
    read = Draft(
        1, 3, title="Handbook of invented tides", authors=[Name(first="Ruth", last="Okafor")]
    )
    read.fill_from(cited)
    assert [n.first for n in read.authors] == ["Ruth"]
    edited = Draft(
        1, 3, title="Handbook of invented tides", editors=[Name(first="L.", last="Quell")]
    )
    edited.fill_from(cited)
    assert edited.authors == []


def test_an_author_date_citation_inside_running_text_is_no_record() -> None:
    """`1Pour Mira Okafor (2012), nous habitons …` and `(Lindqvist Tomas, 2009), la pratique
    …`: a bracketed year followed by a comma and lower-case words is a citation inside a
    sentence (a numbered paragraph of an article's full text), not a reference (junk class)."""
    (ref,) = _read("in_text_citation_prose.txt")
    assert ref.fields["title"] == "La mémoire des marées inventées"
    assert ref.fields["author"] == "Quell, Ana and Vendrel, Tomas"


def test_a_venue_statement_over_a_title_without_byline_belongs_to_that_title() -> None:
    """`Journal of X, 2031, 12(3), 45-67` / title / marked addresses / abstract / keywords (a PDF
    first page whose byline was lost): the venue statement on top and the title under it are
    one record (before, the venue stood alone and the title was dropped: no record)."""
    (ref,) = _read("venue_statement_over_title.txt")
    f = ref.fields
    assert f["title"] == "Moss Carpets and the Memory of Invented Rain"
    assert (f["journal"], f["volume"], f["number"], f["pages"], f["year"]) == (
        "Journal of Fictional Ecology", "12", "3", "45--67", "2031",
    )  # fmt: skip
    assert f["keywords"] == "moss, rain, memory"


def test_an_author_date_bracket_dated_in_another_language_is_the_date() -> None:
    """`Lindqvist, M. (2031, 30 de abril). Title. Litoral, 8.`: APA-style lists in Spanish,
    French, German … print the day and month after the year in the page's language; the
    model, trained on English dates, read `de abril` as the title and the title as the venue
    (realpages13: a Spanish university journal's and an Ecuadorian journal's author guides).
    The month names are lexicon data (`months`), and the date is read as a date."""
    refs = _read("dated_brackets_other_languages.txt")
    titles = [r.fields.get("title") for r in refs]
    assert titles == [
        "Memoria de las mareas en las instituciones de educación superior",
        "Cartografía sonora: un método para escuchar las mareas inventadas [sesión de conferencia]",
        "Mareas, memoria y archivos de la costa imaginaria",
        "Les estuaires inventés et leurs archives",
    ]
    first, second = refs[0].fields, refs[1].fields
    assert (first["author"], first["year"], first["month"], first["journal"]) == (
        "Lindqvist, M.", "2031", "apr", "Litoral",
    )  # fmt: skip
    assert (second["year"], second["month"]) == ("2030", "oct")


def test_month_names_of_every_interface_language_are_lexicon_data() -> None:
    from refmerge.refs.scrape.cite import english_dates
    from refmerge.refs.scrape.lexicon import languages, month_numbers

    assert {"en", "de", "fr", "es", "pt", "it", "ru", "uk", "pl", "zh", "ja"} <= languages("months")
    assert month_numbers()["abril"] == month_numbers()["апреля"] == 4
    assert english_dates("Ruiz, A. (2031, 30 de abril). T.") == "Ruiz, A. (2031, April 30). T."
    assert english_dates("Ruiz, A. (2031, junio). T.") == "Ruiz, A. (2031, June). T."
    # an English date, or a bracket that is no date, stays as printed
    assert english_dates("Ruiz, A. (2031, April 30). T.") == "Ruiz, A. (2031, April 30). T."
    assert english_dates("Ruiz, A. (2031, ed. Quell). T.") == "Ruiz, A. (2031, ed. Quell). T."


def test_a_word_presenting_an_example_is_no_author_and_a_note_under_it_no_title() -> None:
    """`Exemple : Quell, R. (2031). Title. Place : Publisher.` (a journal's bibliographic
    norms), `Example: Marwick, H. (2032, March 3). Title. Journal, …` (a guide to citing in
    three styles): the word and its colon are no part of the first author (before: author
    `Exemple : Quell`); and the note printed under an example (`Attention : au-delà de 4
    auteurs, …`, prose) does not become the end of the book's title once the entry's head
    is read as one."""
    refs = _read("example_labels_in_style_guide.txt")
    got = [(r.fields["author"], r.fields["title"], r.fields["year"]) for r in refs]
    assert got == [
        ("Quell, R.", "Les horloges des marées", "2031"),
        ("Vendrel, T. and Okafor, A.", "La mémoire des estuaires", "2030"),
        ("Lindqvist, M.", "Sables et archives", "2029"),
        ("Marwick, H.", "Tidal clocks of invented shores", "2032"),
    ]
    assert refs[0].fields["publisher"] == "Éditions du Large"
    assert refs[3].fields["journal"] == "Journal of Imaginary Tides"


def test_an_annotation_under_a_book_entry_is_no_part_of_its_title() -> None:
    """An annotated bibliography prints each reference, then its annotation as a paragraph on
    the next line (the layout the APA manual gives them). Under a book entry, which ends in
    its publisher rather than volume and pages, the wrapped-entry rule read the annotation as
    the entry's next line: the publisher and the annotation ended the title."""
    refs = _read("annotated_book_entries.txt")
    got = [(r.fields["title"], r.fields.get("publisher")) for r in refs]
    assert got == [
        ("The clocks of invented tides", "Tarrow Press"),
        ("Salt, sand and memory: an invented history", "Harbour Books"),
    ]


def test_a_title_run_into_its_byline_is_cut_where_the_names_start() -> None:
    """A PDF first page copied to a document-sharing site runs the venue statement, the type
    line, the title, the byline and the addresses into one line (`… Research Article <title>
    <Given Surname>,1 <Given I. Surname>,2 and <Given I. Surname>1 1 Department of …`): the
    title ends where the run of names begins, and the venue's year and DOI are the record's
    (before, the line was one paragraph and the page gave no record)."""
    (ref,) = _read("runon_research_article.txt")
    f = ref.fields
    assert f["title"] == "Sediment Memory in Fictional Estuaries under Shifting Tidal Regimes"
    assert f["author"] == "Quellion, Marta and Varnholt, Ilse R. and Brennecke, Tobias K."
    assert (f["year"], f["doi"]) == ("2031", "10.5555/2031/402217")


def test_a_run_on_header_under_a_transcription_note_keeps_its_date_and_doi() -> None:
    """`ORIGINAL RESEARCH published: <date> doi: <doi> <title> <Given Surname> 1 , <Given
    Surname> 2* and …` under a site's `Page content transcription` note: one record with the
    title, the six-word byline cut off, the year and the DOI; the note above takes nothing
    (before: no record)."""
    (ref,) = _read("runon_original_research.txt")
    f = ref.fields
    assert f["title"] == (
        "Harbour Noise and the Song of Invented Whales: A Field Study Over Two Seasons"
    )
    assert f["author"] == "Brekkeli, Anna and Tamberlo, Jonas and Holmquist, Petra"
    assert (f["year"], f["doi"]) == ("2031", "10.5555/fict.2031.00417")


def test_a_byline_of_initials_first_names_is_cut_from_its_title() -> None:
    """`Research Article <title> P. L. Surname1 and K. T. Surname2 1 Instituto …`: the names
    open with initials, so the title keeps its last word (before, `Reed Warblers P. L.
    Marrowby1` was read as an organisation and the title lost its end)."""
    (ref,) = _read("runon_initials_first.txt")
    f = ref.fields
    assert f["title"] == "Coupled Oscillators in an Invented Model of Reed Warblers"
    assert f["author"] == "Marrowby, P. L. and Fennick-Sloane, K. T."


def test_names_inside_a_title_do_not_cut_it() -> None:
    """A title that holds names (`The Collected Letters of Mira Okafor, Tomas Vendrel and Ilse
    Marwick`, `A Reply to Anna Brekkeli and Jonas Tamberlo on …`) is not cut: names that end
    the line unmarked, names followed by more title words or a full stop, a byline alone, and a
    first name whose extent its byline does not decide all leave the line whole."""
    from refmerge.refs.scrape.runon import split_run_on

    for line in (
        "The Collected Letters of Mira Okafor, Tomas Vendrel and Ilse Marwick",
        "A Reply to Anna Brekkeli and Jonas Tamberlo on Coastal Memory in Invented Harbours",
        "Coastal Memory and Tides. Mira Okafor, Tomas Vendrel. Journal of Invented Studies, 2029",
        "Ana Quell 1, Tomas Vendrel 2*, Mira Okafor 1 and Ilse Marwick 3",
        # (`Nor Fatin Farzana Zainuddin, Zuriana Abu Bakar`: names of two forms, no decision)
        "Invented Reed Songs of the Northern Marsh Nor Aina Sofea Rahmat, Siti Abu Karim,"
        " Amira Binti Zulkifli Yusof Faculty of Fictional Music, Universiti Khayalan",
    ):
        assert split_run_on(line) is None, line
    cut = split_run_on(
        "Research Article Invented Reed Songs Ana Quell,1 Tomas Vendrel,2 and Mira Okafor1 1"
    )
    assert cut is not None
    assert (cut.head, cut.title) == ("Research Article", "Invented Reed Songs")
    assert [n.last for n in cut.names] == ["Quell", "Vendrel", "Okafor"]


def test_a_chinese_or_japanese_article_header_without_labels_is_a_record() -> None:
    """Chinese and Japanese first pages print the title, the authors' names (no labels, no
    case, family name first), then `要旨` / `摘要` or the addresses. Counted by spaces, a CJK
    title was one "word" with no capital, so it was never a title, and the page gave no
    record (realpages14: two Japanese journals' first pages on two document sites)."""
    (ja,) = _read("cjk_article_header_ja.txt")
    f = ja.fields
    assert (f["title"], f["author"]) == ("潮汐時計の設計に関する基礎的調査と試案", "潮見花子")
    assert (f["year"], f["volume"], f["pages"]) == ("2031", "7", "45--58")
    (zh,) = _read("cjk_article_header_zh.txt")
    assert zh.fields["title"] == "基于架空潮位数据的潮汐时钟误差分析"
    assert zh.fields["author"] == "王晓潮 and 李海明"  # two names apart by `，`


def test_a_cjk_name_line_needs_a_title_above_and_the_abstract_below() -> None:
    """A short CJK line is as likely a heading as a name: without the header around it, it is
    no byline, and running text (sentences ending in `。`) is never a title."""
    from refmerge.refs.scrape.lines import is_paragraph, is_title_like

    text = "潮汐時計の歴史\n\n山田花子\n\n1. はじめに\n"
    with pytest.raises(Exception, match="RM002"):
        read_scrape(text, "x.txt")
    assert is_title_like("潮汐時計の設計に関する基礎的調査と試案")
    assert not is_title_like("潮位の変化が大きい湾ほど誤差が小さいことが明らかになった。")
    assert is_paragraph(
        "架空の沿岸十か所で潮位と時計の進みを観測し、潮汐時計の設計に必要な条件を調べた。"
    )


def test_a_style_guides_template_entry_is_no_reference() -> None:
    """Style guides print the pattern of an entry in placeholder words (`N. COGNOME, Titolo,
    casa editrice`, `Apellido, A. (2019). Título del artículo.`, `Nachname, V. (2020). Titel
    des Aufsatzes.`; `template_names` and `template_titles` in labels.json): read as
    references they were records of `Cognome, N.` titled `Titolo`. The examples under them
    are read (realpages14: an Italian journal's norms; Italian, Spanish and German guides)."""
    refs = _read("style_guide_templates.txt")
    firsts = [r.fields["author"].split(",")[0] for r in refs]
    assert firsts == ["Quellini", "Vendrelli", "Marino", "Lindqvist"]
    assert refs[2].fields["title"] == "Relojes de mareas inventadas"
    assert refs[3].fields["year"] == "2028"


def test_a_row_of_labelled_questions_is_a_guide_not_a_record() -> None:
    """Citing guides list what each element of a reference holds as labelled questions
    (`Autor: Wer …?`, `Titel: Wie …?`): read as fields they made records of `Wer hat …?`
    (realpages14: a German university's citing course in the study half, a school's citing
    page outside the set). Two labelled questions in a row are such a list; the example under
    them is read."""
    (ref,) = _read("labelled_questions_in_guide.txt")
    assert ref.fields["author"] == "Marwick, H."
    assert ref.fields["title"] == "Gezeitenuhren erfundener Küsten"
    # one labelled question alone is a record's value: a title may ask one
    text = "Title: Who keeps the clocks of invented harbours?\nAuthors: Hedda Marwick\nYear: 2031\n"
    (asks,) = read_scrape(text, "x.txt").references
    assert asks.fields["title"] == "Who keeps the clocks of invented harbours?"


def test_a_posting_statement_under_a_title_gives_its_authors_and_date() -> None:
    """`Mis en ligne le 12 février 2031, par Name, Name` under an article's title (a search
    box's `Moteur de recherche` between): the content-management system's statement of when
    and by whom the article was put online dates it and names its authors (before, the page
    gave no record: the statement was read as an online date alone). With a subtitle line
    under the title the statement does not tell which line is the title: no record rather
    than one titled by the subtitle."""
    (ref,) = _read("posting_statement_under_title.txt")
    f = ref.fields
    assert f["title"] == "Des pavages pour la classe de quatrième"
    assert f["author"] == "Marchetaux, Odile and Vellequin, Bruno"
    assert f["year"] == "2031"
    path = RULES / "posting_statement_subtitle.txt"
    with pytest.raises(InputError):
        read_scrape(path.read_text(encoding="utf-8"), str(path))


def test_a_posting_statement_with_its_name_on_a_line_below_is_read_too() -> None:
    """`Article mis en ligne le …` / `dernière modification le …` / `par Name`: the poster's
    name on a line of its own under the dates is the article's author, the first date its
    date (not the modification's)."""
    (ref,) = _read("posting_statement_name_below.txt")
    f = ref.fields
    assert f["title"] == "Une énigme de l'horloge à trois aiguilles"
    assert f["author"] == "Farradel, Léonie"
    assert f["year"] == "2030"


def test_a_cjk_heading_without_a_byline_under_it_is_no_title() -> None:
    """A Chinese or Japanese line has no case to tell a title from a heading: it is a title
    only over a CJK byline (`units._over_cjk_byline`). On a citing guide's page the heading
    took the title's place and the label sentence under it the journal's (audit12: a junk
    record where the build before this round read none); the article header keeps its record."""
    text = (DATA / "scrape_rules" / "cjk_citing_guide_heading.txt").read_text(encoding="utf-8")
    with pytest.raises(InputError, match="RM002"):
        read_scrape(text, "guide.txt")
    (ref,) = _read("cjk_article_header_ja.txt")
    assert ref.fields["title"]
