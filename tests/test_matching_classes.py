"""Issue 12 classes, each on invented records: parts, reports, volumes, chapters and versions
are kept apart (versions as version groups); overwhelming evidence merges; the review list
holds only real questions. Every test asserts what `dupes`/`merge` users see: groups,
version groups and review pairs."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from refmerge.cli.app import app
from refmerge.dedupe.compare import Code, Conflict, Level, Verdict, compare, conflict
from refmerge.dedupe.engine import DedupeResult, find_duplicates
from refmerge.dedupe.policy import Policy
from refmerge.refs.model import Origin, Reference
from refmerge.refs.normalize import match_keys

PEOPLE = "Quillfeather, Ondine and Marrowby, Tobiah and Vantrell, Ysolde"


def rec(key: str, entry_type: str = "article", **fields: str) -> Reference:
    return Reference(entry_type, key, dict(fields), Origin("invented.bib", len(key) + 1))


def run(refs: list[Reference], policy: Policy | None = None) -> DedupeResult:
    return find_duplicates(refs, policy or Policy())


def groups(refs: list[Reference], policy: Policy | None = None) -> list[set[str]]:
    return [{refs[m].key for m in g.members} for g in run(refs, policy).groups]


def versions(refs: list[Reference], policy: Policy | None = None) -> list[set[str]]:
    return [{refs[m].key for m in g.members} for g in run(refs, policy).versions]


# ------------------------------------------------------------------ parts are two works


def test_parts_told_apart_only_by_subtitle_are_not_merged() -> None:
    base = {"title": "A History of the Glass Orchards", "author": PEOPLE, "year": "2019"}
    refs = [
        rec("ch13", "online", **base, subtitle="Chapter 13: The Frost Years"),
        rec("ch14", "online", **base, subtitle="Chapter 14: The Frost Years, Continued"),
        rec("add2", "online", **base, titleaddon="Part 2"),
    ]
    assert groups(refs) == []


def test_a_sequel_numbered_at_the_end_of_its_title_is_not_the_first_work() -> None:
    # the same people, journal and year, no pages: only the closing numeral tells them apart
    base = {"author": PEOPLE, "journal": "Journal of Pretend Physics", "year": "2019"}
    title = "Nonlinear damping of coupled oscillators in granular media"
    refs = [
        rec("first", **base, title=title),
        rec("roman", **base, title=f"{title} II"),
        rec("arabic", **base, title=f"{title} 2"),
        rec("braced", **base, title=f"{title} (II)"),
        rec("third", **base, title=f"{title} III"),
    ]
    found = groups(refs)
    # "II", "2" and "(II)" are the one second part written three ways
    assert found == [{"roman", "arabic", "braced"}]
    c = conflict(match_keys(refs[0]), match_keys(refs[1]))
    assert isinstance(c, Conflict) and c.code == Code.PARTS and c.field == "title"


def test_a_closing_number_that_is_a_kind_a_footnote_or_a_short_name_s_version_is_no_part() -> None:
    base = {"author": PEOPLE, "journal": "Journal of Pretend Medicine", "year": "2020"}
    pairs = [
        ("Insulin pumps in adolescents with diabetes type II", "Insulin pumps in adolescents"
         " with diabetes type 2"),  # a kind ("type ii") written two ways
        ("Sensor networks for imaginary irrigation systems 1", "Sensor networks for imaginary"
         " irrigation systems"),  # a footnote mark
        ("Query rewriting in the draft standard SQL 3", "Query rewriting in the draft standard"
         " SQL3"),  # a short name's version, glued or not
        ("Optical properties of invented films grown on {LiAlO}{$_{2}$}", "Optical properties"
         " of invented films grown on {LiAlO2}"),  # a subscript, glued by one source
    ]  # fmt: skip
    for one, other in pairs:
        refs = [rec("a", **base, title=one), rec("b", **base, title=other)]
        assert groups(refs) == [{"a", "b"}], (one, other)


def test_a_dataset_or_software_under_its_paper_s_title_is_not_the_paper() -> None:
    base = {"title": "Tidal clocks of the glass sea", "author": PEOPLE, "year": "2021"}
    refs = [
        rec("paper", **base, journal="Journal of Made-up Oceans", volume="3", pages="1--15"),
        rec("data", "dataset", **base, publisher="Invented Repository"),
    ]
    assert groups(refs) == []
    c = conflict(match_keys(refs[0]), match_keys(refs[1]))
    assert isinstance(c, Conflict) and c.code == Code.DATA_VS_TEXT and c.field == "entrytype"
    # the same deposit exported twice is still one record's duplicate
    twin = rec("data2", "dataset", **base, publisher="Invented Repository")
    assert groups([refs[1], twin]) == [{"data", "data2"}]


def test_two_releases_of_one_program_are_two_versions_to_cite() -> None:
    base = {"title": "Lanternfish: a pretend spectral toolkit", "author": PEOPLE, "year": "2022"}
    refs = [
        rec("v12", "software", **base, version="1.2"),
        rec("v13", "software", **base, version="v1.3"),
        rec("v13b", "software", **base, version="Version 1.3"),
    ]
    assert groups(refs) == [{"v13", "v13b"}]
    c = conflict(match_keys(refs[0]), match_keys(refs[1]))
    assert isinstance(c, Conflict) and c.code == Code.EDITION and str(c.field) == "version"
    assert "versions 1.2 vs 1.3" in c.detail


def test_two_introductions_by_one_person_in_two_books_are_two_chapters() -> None:
    # page 1 starts every book: the shared first page places nothing across two books
    base = {"title": "Introduction", "author": PEOPLE, "editor": "Osk, Ina", "year": "2010"}
    refs = [
        rec("salt", "incollection", **base, booktitle="Collected Tales of the Salt Marsh",
            pages="1--10"),
        rec("ledger", "incollection", **base, booktitle="Lanterns and Ledgers", pages="1--8"),
    ]  # fmt: skip
    assert groups(refs) == []
    # the same chapter from two exports of its one book is still one chapter
    twin = rec("salt2", "incollection", **base, booktitle="Collected tales of the salt marsh",
               pages="1--10")  # fmt: skip
    assert groups([refs[0], twin]) == [{"salt", "salt2"}]
    # and a first page other than 1 still places a short title
    later = [
        rec("p1", "incollection", **base, booktitle="Collected Tales of the Salt Marsh",
            pages="211--230"),
        rec("p2", "incollection", **base, booktitle="Tales of the Marsh, Collected",
            pages="211--230"),
    ]  # fmt: skip
    assert groups(later) == [{"p1", "p2"}]


def test_chapters_of_one_book_cited_by_inbook_are_parts_not_duplicates() -> None:
    # BibTeX's @inbook: the book's title in `title`, the part cited in `chapter`
    base = {"title": "The Salt Roads of Invented Kingdoms", "author": PEOPLE,
            "publisher": "Pretend Press", "year": "2015"}  # fmt: skip
    refs = [
        rec("ch3", "inbook", **base, chapter="3", pages="45--80"),
        rec("ch4", "inbook", **base, chapter="4"),
        rec("named", "inbook", **base, chapter="The ledgers of the north"),
    ]
    assert groups(refs) == []
    c = conflict(match_keys(refs[0]), match_keys(refs[1]))
    assert isinstance(c, Conflict) and c.code == Code.PARTS and c.field == "chapter"
    # one chapter from two exports is one record's duplicate
    assert groups([refs[1], rec("ch4b", "inbook", **base, chapter="4")]) == [{"ch4", "ch4b"}]


def test_the_same_part_with_its_subtitle_in_title_or_subtitle_is_one_work() -> None:
    refs = [
        rec("split", title="Lanterns of Osk", subtitle="a survey of invented lamps",
            author=PEOPLE, year="2018", journal="Journal of Made-up Light", pages="1--20"),
        rec("joined", title="Lanterns of Osk: A Survey of Invented Lamps",
            author=PEOPLE, year="2018", journal="Journal of Made-up Light", pages="1--20"),
    ]  # fmt: skip
    assert groups(refs) == [{"split", "joined"}]


def test_urls_that_differ_only_in_a_part_number_are_two_parts() -> None:
    base = {"title": "Voyager notes on the tin comet", "author": PEOPLE, "year": "2021"}
    refs = [
        rec("p1", "online", **base, url="https://example.org/tin-comet/part-1.html"),
        rec("p2", "online", **base, url="https://example.org/tin-comet/part-2.html"),
    ]
    assert groups(refs) == []
    c = conflict(match_keys(refs[0]), match_keys(refs[1]))
    assert isinstance(c, Conflict) and c.code == Code.URL_PARTS and c.field == "url"


def test_numbered_reports_of_one_series_are_not_merged() -> None:
    base = {
        "title": "Introduction to Imaginary Financial Services",
        "institution": "Invented Research Service",
        "year": "2022",
    }
    refs = [
        rec("if1", "techreport", **base, number="IF90713", author="Pellworth, Anya"),
        rec("if2", "techreport", **base, number="IF90715", author="Pellworth, Anya"),
    ]
    assert groups(refs) == []
    assert run(refs).review == []


def test_volumes_of_one_multi_volume_book_sharing_the_set_isbn_are_not_merged() -> None:
    base = {"title": "Collected Tales of the Salt Marsh", "editor": PEOPLE, "year": "2010",
            "isbn": "978-0-00-000000-2", "publisher": "Nowhere Press"}  # fmt: skip
    refs = [rec("v1", "book", **base, volume="1"), rec("v2", "book", **base, volume="2")]
    assert groups(refs) == []


def test_a_record_that_could_be_either_of_two_works_goes_to_review_not_into_one() -> None:
    # the set cited without a volume matches volume 1 and volume 2 alike: merging it into
    # either would state a volume its source never gave; the same holds for a report cited
    # without its number beside two numbered reports of one series
    base = {"title": "Collected Tales of the Salt Marsh", "editor": PEOPLE, "year": "2010",
            "publisher": "Nowhere Press"}  # fmt: skip
    report = {"title": "Ledger of Invented Harbour Tolls", "author": PEOPLE, "year": "2021",
              "institution": "Office of Pretend Statistics"}  # fmt: skip
    refs = [
        rec("set", "book", **base),
        rec("v1", "book", **base, volume="1"),
        rec("v2", "book", **base, volume="2"),
        rec("bare", "techreport", **report),
        rec("r11", "techreport", **report, number="TR-11"),
        rec("r15", "techreport", **report, number="TR-15"),
    ]
    result = run(refs)
    assert result.groups == []
    asked = {frozenset((refs[r.a].key, refs[r.b].key)): r for r in result.review}
    for pair in (("set", "v1"), ("set", "v2"), ("bare", "r11"), ("bare", "r15")):
        assert Code.AMBIGUOUS.value in asked[frozenset(pair)].codes
    assert any(
        "also matches v2" in w or "also matches v1" in w
        for w in asked[frozenset(("set", "v1"))].reasons
    )
    # the old behaviour is one policy switch away, and picks one volume
    assert len(groups(refs, Policy(review_ambiguous=False))) == 2


def test_a_field_that_places_the_record_decides_between_two_works() -> None:
    # the year agrees with volume 1 only: the record is placed, not asked about
    base = {"title": "Collected Tales of the Salt Marsh", "editor": PEOPLE,
            "publisher": "Nowhere Press"}  # fmt: skip
    refs = [
        rec("set", "book", **base, year="2010"),
        rec("v1", "book", **base, volume="1", year="2010"),
        rec("v2", "book", **base, volume="2", year="2011"),
    ]
    assert groups(refs) == [{"set", "v1"}]


def test_a_bare_citation_of_a_work_in_two_versions_still_joins_one_version() -> None:
    # versions are one work: the labelled sets join such a citation to the work
    paper = {"title": "Sparse lattices for invented tabular data", "author": PEOPLE, "year": "2021"}
    refs = [
        rec("bare", "inproceedings", **paper),
        rec(
            "main",
            "inproceedings",
            **paper,
            booktitle="Proceedings of the Conference on Pretend Learning",
        ),
        rec(
            "ws",
            "inproceedings",
            **paper,
            booktitle="Workshop on Pretend Tables at the Conference on Pretend Learning",
        ),
    ]
    found = groups(refs)
    assert len(found) == 1 and "bare" in found[0] and len(found[0]) == 2


def test_titles_differing_by_a_meaning_changing_prefix_are_two_works() -> None:
    # one team, one journal, one year: `Nonlinear …` is not `Linear …` with a typo
    base = {"author": PEOPLE, "journal": "Journal of Pretend Fluids", "year": "2019"}
    pairs = [
        ("Linear stability of invented stratified shear flows", "Nonlinear stability of invented stratified shear flows"),
        ("Linear stability of invented stratified shear flows", "Non-linear stability of invented stratified shear flows"),
        ("Supervised learning of pretend tidal patterns", "Unsupervised learning of pretend tidal patterns"),
        ("Grip strength among male rowers of an invented club", "Grip strength among female rowers of an invented club"),
    ]  # fmt: skip
    for first, second in pairs:
        refs = [rec("a", **base, title=first), rec("b", **base, title=second)]
        assert groups(refs) == [], (first, second)
        found = conflict(match_keys(refs[0]), match_keys(refs[1]))
        assert found is not None and found.code is Code.TITLES_DIFFER


def test_a_title_spaced_or_mistyped_otherwise_is_not_a_prefix() -> None:
    # "non-linear" / "nonlinear", "sub group" / "subgroup", "mutli resolution" / "multi
    # resolution": one title written two ways still merges
    base = {"author": PEOPLE, "journal": "Journal of Pretend Fluids", "year": "2019",
            "volume": "4", "pages": "10--20"}  # fmt: skip
    pairs = [
        ("Nonlinear stability of invented stratified shear flows", "Non-linear stability of invented stratified shear flows"),
        ("Tide gauges in a subgroup of pretend harbours", "Tide gauges in a sub group of pretend harbours"),
        ("On mutli resolution maps of pretend harbours", "On multi resolution maps of pretend harbours"),
    ]  # fmt: skip
    for first, second in pairs:
        refs = [rec("a", **base, title=first), rec("b", **base, title=second)]
        assert groups(refs) == [{"a", "b"}], (first, second)


def test_titles_differing_by_a_word_and_its_opposite_are_two_works() -> None:
    # one team, one journal, one year, no locators: `Lower bounds …` is not `Upper bounds …`
    # with a typo, though the title similarity (92-98) forgives the word
    base = {"author": PEOPLE, "journal": "Journal of Pretend Studies", "year": "2015"}
    pairs = [
        ("Upper bounds for sorting pretend tessellations", "Lower bounds for sorting pretend tessellations"),
        ("Outcomes of acute pretend pancreatitis in a regional network", "Outcomes of chronic pretend pancreatitis in a regional network"),
        ("Activity of invented quelarine derivatives in vitro against biofilms", "Activity of invented quelarine derivatives in vivo against biofilms"),
        ("Effects of short-term training on invented stiffness scores", "Effects of long-term training on invented stiffness scores"),
        ("Ultrasound of benign nodules in an invented cohort", "Ultrasound of malignant nodules in an invented cohort"),
        # the same stem under the opposite prefix
        ("Subclinical hyperthyroidism in an invented cohort of elders", "Subclinical hypothyroidism in an invented cohort of elders"),
        ("Preoperative anaemia in an invented surgical cohort", "Postoperative anaemia in an invented surgical cohort"),
        ("Pre-operative anaemia in an invented surgical cohort", "Post-operative anaemia in an invented surgical cohort"),
        ("Fibre intake and the increase of pretend transit time", "Fibre intake and the decrease of pretend transit time"),
        ("Algorithms for the maximum weight pretend arborescence", "Algorithms for the minimum weight pretend arborescence"),
        ("An online algorithm for scheduling pretend jobs", "An offline algorithm for scheduling pretend jobs"),
        ("Heterozygous carriers of an invented variant", "Homozygous carriers of an invented variant"),
        # Greek letters name alternatives (symbol or name)
        ("The role of TGF-alpha in invented fibrosis models", "The role of TGF-beta in invented fibrosis models"),
        ("The role of α-synuclein in pretend neurodegeneration", "The role of β-synuclein in pretend neurodegeneration"),
        # the species a study was done in
        ("Chronic stress alters invented receptor expression in mice", "Chronic stress alters invented receptor expression in rats"),
        ("Isolation of invented stem cells from human adipose tissue", "Isolation of invented stem cells from murine adipose tissue"),
        # the country it was done in
        ("Hospital admissions for pretend heat stroke in Austria, 1990-2010", "Hospital admissions for pretend heat stroke in Australia, 1990-2010"),
        ("Pretend hepatitis among blood donors in Iran: a systematic review", "Pretend hepatitis among blood donors in Iraq: a systematic review"),
    ]  # fmt: skip
    for first, second in pairs:
        refs = [rec("a", **base, title=first), rec("b", **base, title=second)]
        assert groups(refs) == [], (first, second)
        found = conflict(match_keys(refs[0]), match_keys(refs[1]))
        assert found is not None and found.code is Code.TITLES_DIFFER, (first, second)


def test_a_title_holding_both_opposites_is_not_an_opposite() -> None:
    # "Upper and lower bounds …" against the same title cut short, and "Intra- and
    # inter-observer …" against "Inter- and intra-observer …": one work written two ways
    base = {"author": PEOPLE, "journal": "Journal of Pretend Studies", "year": "2015",
            "volume": "4", "pages": "10--20"}  # fmt: skip
    pairs = [
        ("Upper and lower bounds for sorting pretend tessellations", "Upper bounds for sorting pretend tessellations"),
        ("Intra- and interobserver agreement on invented scans", "Inter- and intraobserver agreement on invented scans"),
        ("The role of TGF-β in invented fibrosis models", "The role of TGF-beta in invented fibrosis models"),
        ("Invented receptor expression in mice", "Invented receptor expression in mice and rats"),
        ("Invented receptor expression in murine cells", "Invented receptor expression in mouse cells"),
        ("Pretend screening uptake in England", "Pretend screening uptake in the UK"),
        ("Pretend screening uptake in Swaziland", "Pretend screening uptake in Eswatini"),
    ]  # fmt: skip
    for first, second in pairs:
        refs = [rec("a", **base, title=first), rec("b", **base, title=second)]
        assert conflict(match_keys(refs[0]), match_keys(refs[1])) is None, (first, second)


def test_ordinals_past_tenth_spelt_out_are_numbers() -> None:
    # the reports on a workshop's twelfth and thirteenth meetings by one team in one
    # newsletter, and two centuries' gardens, are two works; "Twelfth" and "12th" are one
    base = {"author": PEOPLE, "journal": "Pretend Newsletter", "year": "2015"}
    pairs = [
        ("Report on the Twelfth International Workshop on Pretend Computing", "Report on the Thirteenth International Workshop on Pretend Computing"),
        ("Pretend gardens of the eighteenth century in an invented country", "Pretend gardens of the nineteenth century in an invented country"),
    ]  # fmt: skip
    for first, second in pairs:
        refs = [rec("a", **base, title=first), rec("b", **base, title=second)]
        assert groups(refs) == [], (first, second)
    same = [
        rec("a", **base, title="Report on the Twelfth International Workshop on Pretend Computing"),
        rec("b", **base, title="Report on the 12th International Workshop on Pretend Computing"),
    ]
    assert groups(same) == [{"a", "b"}]


def test_names_with_other_digits_and_cardinals_in_words_are_two_works() -> None:
    # `p63` is another protein than `p53`, `CD8` another cell than `CD4`; `two-year` and
    # `five-year` follow-ups are two studies: one team, journal and year, no locators
    base = {"author": PEOPLE, "journal": "Journal of Pretend Studies", "year": "2015"}
    pairs = [
        ("Expression of p53 in invented squamous carcinoma cell lines", "Expression of p63 in invented squamous carcinoma cell lines"),
        ("CD4 T cell responses to an invented viral antigen in mice", "CD8 T cell responses to an invented viral antigen in mice"),
        ("Transmission of H1N1 influenza in an invented school cohort", "Transmission of H3N2 influenza in an invented school cohort"),
        ("Energy use of 5G networks in invented dense urban deployments", "Energy use of 4G networks in invented dense urban deployments"),
        ("Two-year follow-up of pretend knee replacements in a registry", "Five-year follow-up of pretend knee replacements in a registry"),
        ("A comparison of three pretend scoring systems for triage", "A comparison of four pretend scoring systems for triage"),
    ]  # fmt: skip
    for first, second in pairs:
        refs = [rec("a", **base, title=first), rec("b", **base, title=second)]
        assert groups(refs) == [], (first, second)
        found = conflict(match_keys(refs[0]), match_keys(refs[1]))
        assert found is not None and found.code is Code.NUMBERS, (first, second)


def test_a_name_or_number_written_two_ways_is_one() -> None:
    # `IL-6` / `IL6`, `two-layer` / `2-layer`, `twenty five` / `25`, and a name glued to the
    # next word by one source (`p6INK4a` for `p16 INK4a`: another shape, not compared)
    base = {"author": PEOPLE, "journal": "Journal of Pretend Studies", "year": "2015",
            "volume": "4", "pages": "10--20"}  # fmt: skip
    pairs = [
        ("IL-6 levels in an invented cohort of pretend patients", "IL6 levels in an invented cohort of pretend patients"),
        ("Learning pretend vectors with two-layer networks", "Learning pretend vectors with 2-layer networks"),
        ("Twenty five years of invented harbour surveys", "25 years of invented harbour surveys"),
        ("p16 INK4a staining of invented cervical lesions", "p6INK4a staining of invented cervical lesions"),
        ("CD4 and CD8 T cells in invented lymph nodes", "CD4 T cells in invented lymph nodes"),
    ]  # fmt: skip
    for first, second in pairs:
        refs = [rec("a", **base, title=first), rec("b", **base, title=second)]
        assert conflict(match_keys(refs[0]), match_keys(refs[1])) is None, (first, second)


def test_a_book_and_a_journal_article_of_its_title_are_asked_about() -> None:
    # a journal's review of the book listed under the book's author, same year: not merged
    # on title, person and year alone; a shared identifier still decides
    book = rec("bk", "book", author="Tarrow, Gideon", year="2012", publisher="Pretend Press",
               title="The invisible cartographers of the pretend fjords")  # fmt: skip
    review = rec("rv", "article", author="Tarrow, Gideon", year="2012", volume="33",
                 pages="210--211", journal="Pretend Review of Books",
                 title="The invisible cartographers of the pretend fjords")  # fmt: skip
    result = run([book, review])
    assert result.groups == []
    assert [r.codes[-1] for r in result.review] == ["book-vs-article"]
    c = compare(match_keys(book), match_keys(review), Policy())
    assert c.verdict is Verdict.REVIEW


def test_a_chapter_entered_with_its_books_title_and_doi_is_not_merged_into_the_book() -> None:
    base = {"title": "Handbook of Invented Tides", "year": "2016", "doi": "10.5555/tides.2016"}
    refs = [
        rec("book", "book", **base, editor=PEOPLE, publisher="Nowhere Press"),
        rec("chapter", "book", **base, author="Drummel, Kasimir", pages="115--132"),
    ]
    assert groups(refs) == []


def test_a_recurring_column_under_its_editor_does_not_absorb_the_instalments() -> None:
    """The editor as sole author, no pages: that record says too little to be either."""
    col = {"title": "Reminiscences on Imagined Papers", "year": "2002",
           "journal": "Invented Record"}  # fmt: skip
    refs = [
        rec("ed", **col, author="Rossiter, Kennet"),
        rec("i1", **col, author="Rossiter, Kennet and Shimo, Kyu and Fernel, Maira"),
        rec("i2", **col, author="Rossiter, Kennet and Ailam, Anast and Ahorn, Alfred"),
    ]
    assert groups(refs) == []


def test_short_titles_many_records_carry_need_pages() -> None:
    """'Editor's Notes' by one editor in every issue of a year: term frequency says the title
    is a column's name."""
    refs = [
        rec(f"n{i}", title="Editor's Notes", author="Lind, Lira", year="2002",
            journal="Invented Record")
        for i in range(4)
    ]  # fmt: skip
    assert groups(refs) == []


def test_instalments_of_a_long_column_title_by_its_editor_alone_are_not_merged() -> None:
    """A column's name of any length ("Reminiscences on ...") that two editors each carry
    alone, several times: two instalments of one year by one editor, without pages or
    issue, go to review; with the same pages they are one record entered twice; one paper
    cited many times by its own author is not a column."""
    col = {"title": "Recollections on Imagined Influential Papers", "journal": "Invented Record"}
    refs = [
        rec("a98a", **col, author="Snowgrove, Ricard", year="1998"),
        rec("a98b", **col, author="Snowgrove, Ricard", year="1998"),
        rec("b01a", **col, author="Rossiter, Kennet", year="2001"),
        rec("b01b", **col, author="Rossiter, Kennet", year="2001"),
        rec("b01c", **col, author="Rossiter, Kennet", year="2001", pages="12--14"),
        rec("b01d", **col, author="Rossiter, Kennet", year="2001", pages="12--14"),
    ]
    result = run(refs)
    assert [{refs[m].key for m in g.members} for g in result.groups] == [{"b01c", "b01d"}]
    column = {(refs[r.a].key, refs[r.b].key) for r in result.review if "column-title" in r.codes}
    assert ("a98a", "a98b") in column or ("a98b", "a98a") in column
    book = {"title": "Recollections on Imagined Influential Papers", "year": "1990",
            "journal": "Invented Press"}  # fmt: skip
    cited = [rec(f"c{i}", **book, author=name) for i, name in
             enumerate(["Kerne, Mica", "Kerne, M.", "Kearne, Mica", "Kerne, Mica"])]  # fmt: skip
    assert groups(cited) == [{"c0", "c1", "c2", "c3"}]


# ------------------------------------------------------------------ versions are a verdict

PAPER = {"title": "Folding invented maps with fewer creases", "author": PEOPLE, "year": "2020"}


def test_workshop_and_main_conference_papers_are_a_version_group() -> None:
    refs = [
        rec("main", "inproceedings", **PAPER, booktitle="Proceedings of the Invented Conference",
            pages="10--20", doi="10.5555/ic.2020.10"),
        rec("wksp", "inproceedings", **PAPER,
            booktitle="Proceedings of the Workshop on Invented Maps"),
    ]  # fmt: skip
    assert groups(refs) == []
    assert versions(refs) == [{"main", "wksp"}]
    assert groups(refs, Policy(merge_versions=True)) == [{"main", "wksp"}]


def test_report_thesis_and_journal_extension_are_versions_not_duplicates() -> None:
    refs = [
        rec("conf", "inproceedings", **PAPER, booktitle="Proceedings of the Invented Conference"),
        rec("journal", **PAPER, journal="Journal of Invented Cartography", volume="3",
            pages="1--30"),
        rec("report", "techreport", **PAPER, institution="Invented University", number="TR-7"),
    ]  # fmt: skip
    assert groups(refs) == []
    (group,) = run(refs).versions
    assert {refs[m].key for m in group.members} == {"conf", "journal", "report"}
    assert Code.VERSIONS.value in group.codes
    thesis = [
        rec("thesis", "mastersthesis", **PAPER, school="Invented University"),
        rec("paper", **PAPER, journal="Journal of Invented Cartography"),
    ]
    assert groups(thesis) == [] and versions(thesis) == [{"thesis", "paper"}]


def test_a_missing_venue_is_neutral_not_a_version() -> None:
    """An @article without a journal has no venue kind: it is not a journal version."""
    refs = [
        rec("conf", "inproceedings", **PAPER, booktitle="Proceedings of the Invented Conference"),
        rec("bare", **PAPER),
    ]
    assert groups(refs) == [{"conf", "bare"}]


# ------------------------------------------------------------------ overwhelming evidence

JOURNAL = {"journal": "Journal of Invented Hydrology", "volume": "7", "pages": "201--219"}


def test_same_doi_title_and_people_merge_whatever_the_years_say() -> None:
    refs = [
        rec("y1998", "book", title="The Reed Engines of Lake Umber", author=PEOPLE, year="1998",
            doi="10.5555/reed.1998"),
        rec("y2013", "book", title="The Reed Engines of Lake Umber", author=PEOPLE, year="2013",
            doi="https://doi.org/10.5555/reed.1998/"),
    ]  # fmt: skip
    assert groups(refs) == [{"y1998", "y2013"}]


def test_years_apart_without_a_shared_doi_stay_apart() -> None:
    refs = [
        rec("a", **JOURNAL, title="Reed engines revisited in full", author=PEOPLE, year="1998"),
        rec("b", **JOURNAL, title="Reed engines revisited in full", author=PEOPLE, year="2013"),
    ]
    assert groups(refs) == []


def test_footnote_marks_section_prefixes_entities_and_author_order_do_not_hide_a_copy() -> None:
    title = "Counting invented herons across seven fictional estuaries"
    refs = [
        rec("plain", **JOURNAL, title=title, year="2017",
            author="B\u00f6hm, Ilse and Tarrow, Ned and Quell, Ada"),
        rec("marked", **JOURNAL, title=title + "$^1$", year="2017",
            author="B&#246;hm, Ilse and Tarrow, Ned and Quell, Ada"),
        rec("section", **JOURNAL, title="SPECIAL ISSUE: " + title, year="2017",
            author="Quell, Ada and B{\\\"o}hm, Ilse and Tarrow, Ned"),
    ]  # fmt: skip
    assert groups(refs) == [{"plain", "marked", "section"}]


def test_the_same_people_in_another_order_without_locators_are_one_work() -> None:
    """Two databases list the same team in different orders and give no pages."""
    title = "Indexing imaginary archives with woven trees"
    refs = [
        rec("db1", "inproceedings", title=title, year="1996", booktitle="Invented Conf",
            author="Ashdown, Pell and Brixley, Moira and Corven, Tal"),
        rec("db2", "inproceedings", title=title.upper(), year="1996",
            booktitle="International Conference on Invented Data",
            author="Corven, Tal and Ashdown, Pell and Brixley, Moira"),
    ]  # fmt: skip
    assert groups(refs) == [{"db1", "db2"}]


# ------------------------------------------------------------------ review fits a person


def test_papers_of_one_proceedings_sharing_its_isbn_are_not_a_question() -> None:
    proc = {"booktitle": "Proceedings of the Invented Symposium", "year": "2019",
            "isbn": "978-0-00-000001-9"}  # fmt: skip
    refs = [
        rec("p1", "inproceedings", **proc, title="Rivers of ink", author="Ash, Ana", pages="1--9"),
        rec("p2", "inproceedings", **proc, title="Clouds of chalk", author="Birch, Bo",
            pages="10--19"),
    ]  # fmt: skip
    result = run(refs)
    assert result.groups == [] and result.review == []


def test_review_pairs_come_closest_call_first() -> None:
    refs = [
        rec("a", title="Meridian tables for invented tides in two harbours", author=PEOPLE,
            year="2001"),
        rec("b", title="Meridian tables for invented tides in two harbors", author=PEOPLE,
            year="2001", journal="Tide Letters"),
        rec("c", title="Meridian charts for invented tides in the harbours", author=PEOPLE,
            year="2001", journal="Other Tide Letters"),
    ]  # fmt: skip
    scores = [r.score for r in run(refs).review]
    assert scores == sorted(scores, reverse=True)


# ------------------------------------------------------------------ comparison is data


def test_verdicts_reasons_and_levels_are_typed_and_symmetric() -> None:
    a = match_keys(rec("a", **JOURNAL, title="Salt clocks of the marsh", author=PEOPLE,
                       year="2011"))  # fmt: skip
    b = match_keys(rec("b", **JOURNAL, title="Salt Clocks of the Marsh.", author=PEOPLE,
                       year="2011", doi="10.5555/salt"))  # fmt: skip
    ab, ba = compare(a, b, Policy()), compare(b, a, Policy())
    assert ab.verdict is Verdict.MATCH and ba.verdict is Verdict.MATCH
    assert ab.levels == ba.levels
    assert ab.levels["title"] is Level.EXACT and ab.levels["pages"] is Level.EXACT
    assert ab.levels["id"] is Level.MISSING  # one DOI only: neutral, not agreement
    assert all(isinstance(r.code, Code) for r in ab.why)
    assert conflict(a, b) is None


def test_dupes_json_adds_codes_and_levels_and_the_table_shows_levels(tmp_path) -> None:  # type: ignore[no-untyped-def]
    bib = tmp_path / "lib.bib"
    bib.write_text(
        "@article{a, title={Salt clocks of the marsh}, author={Quillfeather, Ondine},"
        " year={2011}, journal={Journal of Invented Hydrology}, volume={7}, pages={201--219}}\n"
        "@article{b, title={Salt Clocks of the Marsh}, author={Quillfeather, O.},"
        " year={2011}, journal={J Invented Hydrol}, volume={7}, pages={201-19}}\n",
        encoding="utf-8",
    )
    runner = CliRunner()
    out = runner.invoke(app, ["dupes", str(bib), "--format", "json"])
    assert out.exit_code == 0, out.output
    (group,) = json.loads(out.stdout)["groups"]
    assert group["reasons"] and len(group["codes"]) == len(group["reasons"])
    assert "title" in group["codes"] and group["levels"]["pages"] == "exact"
    table = runner.invoke(app, ["dupes", str(bib)])
    assert "levels: " in table.stdout and "title exact" in table.stdout


def test_merge_links_versions_kept_apart(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """BibTeX output: each version's note names where the other appeared; biblatex: related."""
    bib = tmp_path / "lib.bib"
    bib.write_text(
        "@inproceedings{wk, title={Folding invented maps with fewer creases},"
        " author={Quillfeather, Ondine and Marrowby, Tobiah}, year={2020},"
        " booktitle={Proceedings of the Workshop on Invented Maps}}\n"
        "@inproceedings{main, title={Folding invented maps with fewer creases},"
        " author={Quillfeather, Ondine and Marrowby, Tobiah}, year={2020},"
        " booktitle={Proceedings of the Invented Conference}, pages={10--20}}\n",
        encoding="utf-8",
    )
    runner = CliRunner()
    out = runner.invoke(app, ["merge", str(bib)])
    assert out.exit_code == 0, out.output
    assert out.stdout.count("@inproceedings") == 2  # nothing merged, nothing lost
    assert "Another version: Proceedings of the Invented Conference, 2020." in out.stdout
    assert "Another version: Proceedings of the Workshop on Invented Maps, 2020." in out.stdout
    bib.write_text(bib.read_text().replace("year={2020}", "date={2020}"), encoding="utf-8")
    out = runner.invoke(app, ["merge", str(bib)])
    assert out.exit_code == 0, out.output
    assert "related" in out.stdout and "Another version" not in out.stdout


def test_merge_report_carries_reason_codes(tmp_path) -> None:  # type: ignore[no-untyped-def]
    bib = tmp_path / "lib.bib"
    bib.write_text(
        "@article{a, title={Salt clocks of the marsh}, author={Quillfeather, Ondine},"
        " year={2011}, journal={Journal of Invented Hydrology}, volume={7}, pages={201--219},"
        " doi={10.5555/salt}}\n"
        "@article{b, title={Salt Clocks of the Marsh}, author={Quillfeather, O.},"
        " year={2011}, journal={J Invented Hydrol}, volume={7}, pages={201-19},"
        " doi={https://doi.org/10.5555/SALT/}}\n",
        encoding="utf-8",
    )
    report = tmp_path / "report.json"
    out = CliRunner().invoke(app, ["merge", str(bib), "--report", str(report)])
    assert out.exit_code == 0, out.output
    (merged,) = [r for r in json.loads(report.read_text())["records"] if "absorbed" in r]
    assert merged["codes"][0] == Code.SAME_ID.value
    assert len(merged["codes"]) == len(merged["reasons"])


def test_one_paper_in_two_printings_of_a_proceedings_merges_despite_shifted_pages() -> None:
    """5998-6008 vs 6000-6010: one proceedings paginated two ways; a real range of the same
    length moved by two pages. Two short items a page apart stay apart."""
    paper = {"title": "Attending to invented signals with fewer weights", "author": PEOPLE,
             "year": "2017", "booktitle": "Advances in Invented Processing Systems"}  # fmt: skip
    refs = [
        rec("a", "inproceedings", **paper, pages="5998--6008"),
        rec("b", "inproceedings", **paper, pages="6000--6010"),
    ]
    assert groups(refs) == [{"a", "b"}]
    other = [
        rec("c", "inproceedings", **paper, pages="5998--6008"),
        rec("d", "inproceedings", **paper, pages="6003--6013"),
    ]
    assert groups(other) == []
