"""Duplicate detection rules: what must be merged, what must never be, and what a person decides."""

from __future__ import annotations

import dataclasses
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from refmerge.dedupe.compare import compare
from refmerge.dedupe.engine import find_duplicates
from refmerge.dedupe.policy import Decisions, Policy, parse_decisions
from refmerge.refs.model import Origin, Reference
from refmerge.refs.normalize import match_keys

AUTHORS = "Okafor, Amara and Brenner, Lukas and Villanueva, Sofía"
TITLE = "Whispering ledgers: invented bookkeeping practices in a fictional merchant town"
BASE = {
    "title": TITLE,
    "author": AUTHORS,
    "year": "2020",
    "journal": "Journal of Imaginary Economic History",
    "volume": "12",
    "number": "3",
    "pages": "455--467",
}


def ref(key: str, entry_type: str = "article", **fields: str) -> Reference:
    values = {k: v for k, v in fields.items() if v is not None}
    return Reference(entry_type, key, values, Origin("test.bib", len(key)))


def work(key: str, entry_type: str = "article", **changes: str | None) -> Reference:
    fields = dict(BASE)
    fields.update(changes)  # type: ignore[arg-type]
    return ref(key, entry_type, **{k: v for k, v in fields.items() if v is not None})


def grouped(refs: list[Reference], policy: Policy | None = None) -> list[set[str]]:
    result = find_duplicates(refs, policy or Policy())
    return [{refs[m].key for m in g.members} for g in result.groups]


def reviewed(refs: list[Reference], policy: Policy | None = None) -> list[set[str]]:
    result = find_duplicates(refs, policy or Policy())
    return [{refs[r.a].key, refs[r.b].key} for r in result.review]


# ------------------------------------------------------------------ what is one work


def test_same_doi_in_any_form_and_same_title_is_one_work_with_reasons() -> None:
    refs = [
        work("a", doi="10.5555/JIEH.2020.0455"),
        work("b", doi=None, url="https://doi.org/10.5555/jieh.2020.0455", pages=None),
        work("c", doi=None, note="doi:10.5555/jieh.2020.0455."),
    ]
    result = find_duplicates(refs)
    assert [g.members for g in result.groups] == [[0, 1, 2]]
    assert any(r.startswith("same DOI 10.5555/jieh.2020.0455") for r in result.groups[0].reasons)
    assert 0 < result.groups[0].score <= 100


def test_typos_case_accents_initials_and_latex_are_one_work() -> None:
    refs = [
        work("clean"),
        work(
            "messy",
            title=r"WHISPERING LEDGERS: Invented Bookeeping Practices in a Fictional Merchant Town.",
            author=r"Okafor, A. and Brenner, L. and Villanueva, S{\'o}f{\'\i}a",
            pages="455-67",
            journal="J Imag Econ Hist",
        ),
    ]
    assert grouped(refs) == [{"clean", "messy"}]


def test_an_exact_copy_is_one_work() -> None:
    assert grouped([work("a"), work("b")]) == [{"a", "b"}]


def test_a_missing_subtitle_with_agreeing_locator_is_one_work() -> None:
    refs = [work("long"), work("short", title="Whispering ledgers")]
    assert grouped(refs) == [{"long", "short"}]


# ------------------------------------------------------------------ what is never one work


def test_different_dois_are_never_merged() -> None:
    refs = [work("a", doi="10.5555/one"), work("b", doi="10.5555/two")]
    assert grouped(refs) == []
    assert reviewed(refs) == []


def test_a_shared_doi_on_unrelated_titles_goes_to_review() -> None:
    refs = [
        work("a", doi="10.5555/x"),
        work("b", doi="10.5555/x", title="Soil memory in imaginary wetlands", pages="1--9"),
    ]
    assert grouped(refs) == []
    assert reviewed(refs) == [{"a", "b"}]
    review = find_duplicates(refs).review[0]
    assert any("titles differ" in r for r in review.reasons)


def test_years_more_than_one_apart_are_never_merged() -> None:
    refs = [work("a", year="2016", pages=None), work("b", year="2020", pages=None)]
    assert grouped(refs) == []


@pytest.mark.parametrize(
    "prefix",
    ["Erratum: ", "Correction to: ", "Reply to: ", "Comment on: ", "Retraction: "],
)
def test_erratum_reply_comment_retraction_are_not_the_original(prefix: str) -> None:
    refs = [work("orig"), work("notice", title=prefix + TITLE, pages="900")]
    assert grouped(refs) == []


SHORT = "Invented ledgers of a fictional merchant town"


@pytest.mark.parametrize(
    ("title", "notice"),
    [(TITLE, f"Addendum: {TITLE}"), (TITLE, f"Addendum to {TITLE}"), (SHORT, f"{SHORT}: Addendum")],
)
def test_an_addendum_is_a_notice_not_the_article_it_amends(title: str, notice: str) -> None:
    # Cited without its own page, an addendum agrees with its article on every field but the
    # label (TUGboat's "Addendum: A style option ...", TODS's "Addendum to Automatic ...").
    refs = [work("orig", title=title), work("addendum", title=notice, number=None, pages=None)]
    assert grouped(refs) == []
    assert match_keys(refs[1]).kind == "erratum"


@pytest.mark.parametrize("label", ["Author Correction: ", "Publisher Correction: "])
def test_a_correction_naming_who_erred_is_a_notice_not_the_article(label: str) -> None:
    # Springer Nature's notices: "Author Correction: <the article's title>", same journal,
    # year, volume and people; cited without its page it agreed with the article everywhere.
    refs = [work("orig"), work("correction", title=label + TITLE, number=None, pages=None)]
    assert grouped(refs) == []
    assert match_keys(refs[1]).kind == "erratum"


def test_part_one_and_part_two_are_different_works() -> None:
    refs = [
        work("p1", title="Invented bookkeeping, Part I: ledgers", pages=None),
        work("p2", title="Invented bookkeeping, Part II: ledgers", pages=None),
    ]
    assert grouped(refs) == []
    studies = [
        work("s1", title="Invented bookkeeping in merchant towns: Study 1", pages=None),
        work("s2", title="Invented bookkeeping in merchant towns: Study 2", pages=None),
    ]
    assert grouped(studies) == []


def test_different_editions_of_a_book_are_different_works() -> None:
    book = {"title": "The invented archive", "author": "Vance, R.", "publisher": "Fabulist Press"}
    refs = [
        ref("ed2", "book", year="2015", edition="2", **book),
        ref("ed3", "book", year="2016", edition="3rd", **book),
    ]
    assert grouped(refs) == []


def test_a_book_and_its_chapter_are_different_works() -> None:
    common = {"author": "Vance, R.", "year": "2015", "isbn": "0-306-40615-2"}
    refs = [
        ref("book", "book", title="The invented archive: memory without documents", **common),
        ref(
            "chapter",
            "incollection",
            title="The invented archive: memory without documents",
            booktitle="The invented archive",
            pages="10--20",
            **common,
        ),
    ]
    assert grouped(refs) == []


def test_the_same_isbn_10_and_13_join_two_records_of_one_book() -> None:
    refs = [
        ref("b1", "book", title="The invented archive", author="Vance, R.", isbn="0-306-40615-2"),
        ref("b2", "book", title="The invented archive", author="Vance, R.", isbn="9780306406157"),
    ]
    assert grouped(refs) == [{"b1", "b2"}]


def test_a_conference_paper_and_its_journal_extension_are_different_works() -> None:
    refs = [
        ref(
            "conf",
            "inproceedings",
            title="Cultural universality versus particularity in CMC",
            author="Stahl, Bernd-Carsten",
            year="2003",
            booktitle="Americas Conference on Information Systems",
        ),
        ref(
            "journal",
            "article",
            title="Cultural universality versus particularity in CMC",
            author="Stahl, Bernd Carsten and Elbeltagi, Ibrahim",
            year="2004",
            journal="Journal of Global Information Technology Management",
            volume="7",
            pages="47--65",
        ),
    ]
    assert grouped(refs) == []


def test_same_authors_same_year_different_titles_stay_apart() -> None:
    refs = [
        work("2019a", title="Counting the uncountable: sampling strategies", year="2019"),
        work("2019b", title="Weighting invented survey responses", year="2019", pages="88--97"),
    ]
    assert grouped(refs) == []


def test_different_pages_in_one_volume_are_different_works() -> None:
    refs = [work("a"), work("b", pages="501--510")]
    assert grouped(refs) == []


def test_a_chain_never_joins_records_with_different_dois() -> None:
    """a ~ b (same title, b has no DOI) and b ~ c, but a and c carry different DOIs."""
    refs = [
        work("a", doi="10.5555/one", pages=None, volume=None),
        work("b", doi=None, pages=None, volume=None),
        work("c", doi="10.5555/two", pages=None, volume=None),
    ]
    groups = grouped(refs)
    assert all(not {"a", "c"} <= g for g in groups)
    # b could be either DOI's work: it is asked about with both, not merged into one
    assert groups == []
    result = find_duplicates(refs)
    asked = {frozenset((refs[r.a].key, refs[r.b].key)) for r in result.review}
    assert {frozenset("ab"), frozenset("bc")} <= asked
    assert all("could be either of two works" in " ".join(r.reasons) for r in result.review)
    # without the ambiguity rule the chain is still cut by the cannot-link
    groups = [
        {refs[m].key for m in g.members}
        for g in find_duplicates(refs, Policy(review_ambiguous=False)).groups
    ]
    assert len(groups) == 1 and "b" in groups[0] and not {"a", "c"} <= groups[0]


# ------------------------------------------------------------------ records without titles


ABSTRACT = (
    "In 2014, the State Council of the People's Republic of China released a document "
    "outlining a social credit system. This paper studies how the plans were received by "
    "local governments and what they reveal about governance."
)


def test_untitled_records_match_on_first_author_and_abstract() -> None:
    common = {"author": "Aldendorff, Nadja", "year": "2019", "journal": "MaRBLe", "volume": "2"}
    refs = [
        ref("a", abstract=ABSTRACT, **common),
        ref("b", abstract=ABSTRACT.replace("studies", "examines"), **common),
        ref("c", abstract="A different abstract about soil memory. " * 4, **common),
    ]
    assert grouped(refs) == [{"a", "b"}]


def test_untitled_records_with_another_first_author_do_not_match() -> None:
    refs = [
        ref("a", author="Aldendorff, Nadja", year="2019", abstract=ABSTRACT),
        ref("b", author="Brenner, Lukas", year="2019", abstract=ABSTRACT),
    ]
    assert grouped(refs) == []


def test_untitled_record_matches_titled_one_on_venue_year_volume_pages() -> None:
    refs = [work("titled"), work("untitled", title=None)]
    assert grouped(refs) == [{"titled", "untitled"}]
    # strict: without title or abstract a person confirms
    assert grouped(refs, Policy.preset("strict")) == []
    assert reviewed(refs, Policy.preset("strict")) == [{"titled", "untitled"}]


def test_untitled_records_with_only_author_and_year_are_not_merged() -> None:
    refs = [
        ref("a", author="Solheim, Ingrid", year="2018"),
        ref("b", author="Solheim, Ingrid", year="2018"),
    ]
    assert grouped(refs) == []


# ------------------------------------------------------------------ versions


def test_preprint_and_published_version_are_versions_unless_asked() -> None:
    preprint = ref(
        "pre",
        "misc",
        title=TITLE,
        author=AUTHORS,
        year="2019",
        eprint="1905.01234v2",
        archiveprefix="arXiv",
    )
    published = work("pub", doi="10.5555/jieh.2020.0455")
    result = find_duplicates([preprint, published])
    assert result.groups == []
    assert [g.members for g in result.versions] == [[0, 1]]
    merged = find_duplicates([preprint, published], Policy(merge_versions=True))
    assert [g.members for g in merged.groups] == [[0, 1]]
    assert merged.versions == []


def test_two_copies_of_one_preprint_are_plain_duplicates() -> None:
    a = ref("a", "misc", title=TITLE, author=AUTHORS, year="2019", eprint="1905.01234v1")
    b = ref("b", "misc", title=TITLE, author=AUTHORS, year="2019", eprint="1905.01234v3")
    assert grouped([a, b]) == [{"a", "b"}]


# ------------------------------------------------------------------ decisions and presets


def test_decisions_file_format() -> None:
    text = "# remembered\nsmith2019 != smith2019a   # two papers\n\na == b == c\n"
    decisions = parse_decisions(text)
    assert decisions.not_duplicates == {frozenset({"smith2019", "smith2019a"})}
    assert decisions.duplicates == {
        frozenset({"a", "b"}),
        frozenset({"a", "c"}),
        frozenset({"b", "c"}),
    }
    with pytest.raises(ValueError, match="line 1"):
        parse_decisions("just some words")


def test_not_duplicates_decision_keeps_a_pair_apart_even_through_a_chain() -> None:
    refs = [work("a"), work("b"), work("c")]
    decided = Decisions(not_duplicates=frozenset({frozenset({"a", "c"})}))
    groups = grouped(refs, Policy(decisions=decided))
    assert all(not {"a", "c"} <= g for g in groups)


def test_duplicates_decision_merges_a_pair_the_matcher_would_not() -> None:
    refs = [work("a"), work("b", title="A completely different title", pages="1--2")]
    assert grouped(refs) == []
    decided = Decisions(duplicates=frozenset({frozenset({"a", "b"})}))
    assert grouped(refs, Policy(decisions=decided)) == [{"a", "b"}]


def test_presets_exist_and_reject_unknown_names() -> None:
    assert Policy.preset("strict").title_accept > Policy.preset("loose").title_accept
    assert Policy.preset("balanced", merge_versions=True).merge_versions
    with pytest.raises(ValueError):
        Policy.preset("reckless")


def test_near_title_without_corroboration_goes_to_review_not_merge() -> None:
    refs = [
        ref("a", title=TITLE, author=AUTHORS, year="2020"),
        ref("b", title=TITLE.replace("fictional", "imaginary"), author=AUTHORS, year="2020"),
    ]
    assert grouped(refs) == []
    assert reviewed(refs) == [{"a", "b"}]


# ------------------------------------------------------------------ properties


OTHER = {"journal": "Fictional Methods Review", "volume": "15", "pages": "1--9"}


def _variants() -> list[Reference]:
    rows = [
        work("a1"),
        work("a2", title=TITLE.upper(), pages="455-67"),
        work("a3", title=None),
        work("b1", title="Soil memory in imaginary wetlands", pages="301--318", volume="21"),
        work("b2", title="Soil Memory in Imaginary Wetlands.", pages="301-18", volume="21"),
        work("c1", doi="10.5555/c", title="Bootstrap methods for hypothetical samples", **OTHER),
        work("c2", doi="10.5555/C", title="Bootstrap methods for hypothetical samples", **OTHER),
        work("d1", doi="10.5555/d1", title="Erratum: " + TITLE, pages="900"),
        work("e1", year="2015", title="Counting the uncountable", pages="1--9"),
    ]
    return rows


@settings(max_examples=30, deadline=None)
@given(st.randoms(use_true_random=False))
def test_shuffling_the_input_gives_the_same_groups(rnd: random.Random) -> None:
    refs = _variants()
    expected = sorted(sorted(g) for g in grouped(refs))
    shuffled = refs[:]
    rnd.shuffle(shuffled)
    assert sorted(sorted(g) for g in grouped(shuffled)) == expected
    assert expected == [["a1", "a2", "a3"], ["b1", "b2"], ["c1", "c2"]]


_field = st.sampled_from(
    [
        None,
        TITLE,
        TITLE.upper(),
        "Whispering ledgers",
        "Soil memory in imaginary wetlands",
        "Erratum: " + TITLE,
        "Part II: " + TITLE,
    ]
)


@settings(max_examples=200, deadline=None)
@given(
    st.tuples(
        _field,
        st.sampled_from([AUTHORS, "Okafor, A.", "Brenner, L. and Okafor, A.", None]),
        st.sampled_from(["2019", "2020", "2022", None]),
        st.sampled_from(["455--467", "455", "12--20", None]),
        st.sampled_from(["10.5555/a", "10.5555/b", None]),
        st.sampled_from(["article", "inproceedings", "misc"]),
    ),
    st.tuples(
        _field,
        st.sampled_from([AUTHORS, "Okafor, Amara", "Villanueva, S.", None]),
        st.sampled_from(["2019", "2020", None]),
        st.sampled_from(["455--467", "455-67", "e12", None]),
        st.sampled_from(["10.5555/a", "10.5555/c", None]),
        st.sampled_from(["article", "book", "misc"]),
    ),
)
def test_the_score_of_a_and_b_equals_that_of_b_and_a(x: tuple, y: tuple) -> None:
    def make(key: str, t: tuple) -> Reference:
        title, author, year, pages, doi, etype = t
        return ref(key, etype, title=title, author=author, year=year, pages=pages, doi=doi)

    a, b = match_keys(make("a", x)), match_keys(make("b", y))
    ab, ba = compare(a, b, Policy()), compare(b, a, Policy())
    assert (ab.verdict, ab.score) == (ba.verdict, ba.score)


def test_many_exact_copies_form_one_group_and_conflicts_still_split_them() -> None:
    copies = [work(f"c{i:03d}", doi="10.5555/jieh.2020.0455") for i in range(300)]
    other = work("other", doi="10.5555/other")  # same title, another DOI: never joins
    result = find_duplicates([*copies, other])
    assert [len(g.members) for g in result.groups] == [300]
    assert 300 not in result.groups[0].members


_text = st.text(alphabet=st.sampled_from("ab éÉ{}\\'-–:.,0123456789[]()<>/"), max_size=30)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.fixed_dictionaries(
            {},
            optional={
                "title": st.one_of(_text, st.sampled_from([TITLE, TITLE.upper(), "Erratum"])),
                "author": st.one_of(_text, st.sampled_from([AUTHORS, "Okafor, A.", "{WHO}"])),
                "year": st.one_of(_text, st.sampled_from(["2019", "2020"])),
                "pages": _text,
                "volume": _text,
                "number": _text,
                "doi": st.one_of(
                    _text, st.sampled_from(["10.5555/a", "https://doi.org/10.5555/A"])
                ),
                "journal": _text,
                "abstract": _text,
                "isbn": _text,
                "eprint": _text,
            },
        ),
        max_size=8,
    ),
    st.sampled_from(["strict", "balanced", "loose"]),
)
def test_any_input_gives_well_formed_results(rows: list[dict], strictness: str) -> None:
    refs = [ref(f"k{i}", **row) for i, row in enumerate(rows)]
    result = find_duplicates(refs, Policy.preset(strictness))
    seen: set[int] = set()
    for g in result.groups:
        assert len(g.members) >= 2 and g.members == sorted(g.members)
        assert not seen & set(g.members)  # groups are disjoint
        seen.update(g.members)
        assert 0 <= g.score <= 100 and g.reasons
    assert [g.members[0] for g in result.groups] == sorted(g.members[0] for g in result.groups)
    group_of = {m: n for n, g in enumerate(result.groups) for m in g.members}
    for r in result.review:
        assert 0 <= r.a < r.b < len(refs) and r.reasons
        assert group_of.get(r.a, -1) != group_of.get(r.b, -2)  # reviewed pairs are not merged


def test_recurring_column_by_other_people_in_another_issue_is_not_even_reviewed() -> None:
    """A 'Chairman's report' in every issue, each by that year's chair: not a possible copy."""
    a = ref(
        "chair1",
        author="Aster, Maria",
        title="Chairman's report",
        journal="Fict Newsletter",
        volume="2",
        number="1",
        pages="3--5",
        year="1981",
    )
    b = ref(
        "chair2",
        author="Bloom, Kofi",
        title="Chairman's report",
        journal="Fict Newsletter",
        volume="2",
        number="2",
        pages="3--4",
        year="1981",
    )
    result = find_duplicates([a, b])
    assert result.groups == [] and result.review == []


def test_short_titles_that_differ_in_a_word_are_different_works() -> None:
    a = ref(
        "m1",
        title="Mainframes: MVS",
        journal="Fict Newsletter",
        volume="12",
        number="2",
        pages="128--129",
        year="1991",
    )
    b = ref(
        "m2",
        title="Mainframes: VM/CMS",
        journal="Fict Newsletter",
        volume="12",
        number="2",
        pages="129--129",
        year="1991",
    )
    result = find_duplicates([a, b])
    assert result.groups == [] and result.review == []


def test_same_doi_and_pages_merge_when_title_numbers_are_written_differently() -> None:
    """'Si(1 1 1)' and 'Si(111)' are the same numbers; one DOI and one first page settle it."""
    common = dict(
        author="Aster, Maria",
        journal="J. Fict. Phys.",
        volume="82",
        year="2001",
        pages="2--8",
        doi="10.5555/fict.2001.82",
    )
    a = ref("a", title="Growth of nitrides on Si(1 1 1): layer morphology", **common)
    b = ref("b", title="Growth of nitrides on Si(111): layer morphology", **common)
    assert [g.members for g in find_duplicates([a, b]).groups] == [[0, 1]]
    # without the shared DOI the differing numbers still keep them apart
    c, d = (ref(r.key, **{**r.fields, "doi": ""}) for r in (a, b))
    assert find_duplicates([c, d]).groups == []


# ------------------------------------------------------------------ notices and abstracts

MEETING = "Annals of Invented Medicine.Conference: 9th Congress of Fictional Nephrology"


def test_one_correction_notice_from_two_databases_is_one_work_but_not_the_original() -> None:
    """Web of Science and Embase name the corrected article differently in the notice's
    title; both notices sit at the notice's own page."""
    notice = {"author": "Okafor, Amara", "volume": "12", "number": "9", "pages": "1201"}
    refs = [
        work("original"),
        work("wos", title=TITLE + " (vol 12, pg 455, 2020)", **notice),
        work(
            "embase",
            title=TITLE + " (Journal of Imaginary Economic History (2020) 12 (455-467))",
            **notice,
        ),
    ]
    assert grouped(refs) == [{"wos", "embase"}]


def test_issue_and_pages_shifted_into_the_wrong_fields_are_one_work() -> None:
    """An export that lost the volume: "number 26, pages 9" for volume 26, issue 9."""
    common = {"title": "The management of invented syndromes", "author": "Lindqvist, M."}
    refs = [
        ref("shifted", journal=MEETING, year="2011", number="26", pages="9", **common),
        ref("right", journal=MEETING, year="2011", volume="26", number="9", pages="1746", **common),
    ]
    assert grouped(refs) == [{"shifted", "right"}]
    reasons = find_duplicates(refs).groups[0].reasons
    assert any("read as volume 26, number 9" in r for r in reasons)
    # the numbers must line up: another issue is another abstract
    other = ref(
        "other", journal=MEETING, year="2011", volume="26", number="8", pages="1746", **common
    )
    assert grouped([refs[0], other]) == []


def test_one_meeting_abstract_under_two_page_numbers_of_one_supplement_is_one_work() -> None:
    common = {"title": TITLE, "author": AUTHORS, "year": "2011", "volume": "15"}
    refs = [
        ref("page", journal=MEETING, pages="22-22", **common),
        ref("number", journal="Annals of Invented Medicine", pages="52", **common),
    ]
    assert grouped(refs) == [{"page", "number"}]
    assert any("meeting abstract" in r for r in find_duplicates(refs).groups[0].reasons)
    # strict: a person confirms
    assert grouped(refs, Policy.preset("strict")) == []
    assert reviewed(refs, Policy.preset("strict")) == [{"page", "number"}]


def test_a_meeting_abstract_and_the_full_paper_with_its_title_stay_apart() -> None:
    common = {"title": TITLE, "author": AUTHORS, "year": "2011", "volume": "15"}
    refs = [
        ref(
            "abstract",
            journal="Annals of Invented Medicine",
            number="Suppl. 1",
            pages="22",
            **common,
        ),
        ref("paper", journal="Annals of Invented Medicine", number="4", pages="301--309", **common),
    ]
    assert grouped(refs) == []


def test_the_same_abstract_in_two_journals_goes_to_review_not_merge() -> None:
    """Reviewers label this pattern both ways (see docs/matching.md): a person decides."""
    common = {"title": TITLE, "author": AUTHORS, "year": "2010"}
    refs = [
        ref("cjns", journal="Canadian Journal of Invented Sciences", volume="37", number="3",
            pages="S42", **common),
        ref("stroke", journal="Invented Stroke", volume="41", number="7", pages="e505", **common),
    ]  # fmt: skip
    assert grouped(refs) == []
    assert reviewed(refs) == [{"cjns", "stroke"}]
    # other people, or one more author: not even a question
    fewer = ref("fewer", **{**refs[1].fields, "author": "Okafor, Amara and Brenner, Lukas"})
    assert reviewed([refs[0], fewer]) == []


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Invented Topology I", "Invented Topology II"),
        ("Invented Topology, Volume I", "Invented Topology, Volume II"),
        ("Minutes of the 62nd Annual Meeting of Ledger Keepers", "Minutes of the 63rd Annual Meeting of Ledger Keepers"),
        ("The second report on invented bookkeeping", "The third report on invented bookkeeping"),
        ("Type I ledgers in fictional merchant towns", "Type II ledgers in fictional merchant towns"),
    ],
)  # fmt: skip
def test_titles_that_differ_only_in_an_ordinal_or_roman_number_are_different_works(
    one: str, other: str
) -> None:
    refs = [work("a", title=one, pages=None), work("b", title=other, pages=None)]
    assert grouped(refs) == []


def test_an_ordinal_as_a_word_or_a_figure_is_one_number() -> None:
    title = "The second report on invented bookkeeping"
    refs = [work("a", title=title), work("b", title=title.replace("second", "2nd"))]
    assert grouped(refs) == [{"a", "b"}]


def test_a_book_a_year_later_is_a_question_not_a_merge() -> None:
    """Another printing or edition, or a typo: a person decides (an article a year apart,
    online vs print, still merges)."""
    book = {"title": "Tidal Archives of an Island that Never Was", "author": "Villanueva, Sofía",
            "publisher": "Invented Press", "pages": "33--57", "booktitle": "Invented Essays"}  # fmt: skip
    refs = [ref("a", "inbook", year="2010", **book), ref("b", "inbook", year="2011", **book)]
    assert grouped(refs) == []
    assert reviewed(refs) == [{"a", "b"}]
    articles = [work("c", year="2019"), work("d", year="2020")]
    assert grouped(articles) == [{"c", "d"}]


def test_only_the_volume_differing_at_the_same_pages_is_shown_for_review_not_merged() -> None:
    """Volumes more than a keystroke apart: a person decides (a keystroke apart, `12` / `13`,
    is a volume slip and merges: tests/test_matching_sources.py)."""
    refs = [work("a"), work("b", volume="47")]
    assert grouped(refs) == []
    assert reviewed(refs) == [{"a", "b"}]
    review = find_duplicates(refs).review[0]
    assert review.reasons[-1] == "but volumes 12 vs 47: a typo?"
    assert grouped([work("a"), work("b", volume="13")]) == [{"a", "b"}]
    # other pages as well: two articles, not even a question
    assert reviewed([work("a"), work("c", volume="13", pages="101--113")]) == []


def test_review_pairs_are_capped_to_the_closest_calls_and_the_rest_counted() -> None:
    """A review list is for a person: past `review_limit` only the closest calls are kept
    (a bounded heap, so memory follows the input, not the near pairs), the rest counted."""
    from refmerge.refs.formats.registry import read_path

    from conftest import DATA

    refs = read_path(str(DATA / "review" / "library.bib")).references
    full = find_duplicates(refs, Policy())
    assert len(full.review) >= 3 and full.review_dropped == 0
    capped = find_duplicates(refs, dataclasses.replace(Policy(), review_limit=2))
    closest = sorted(full.review, key=lambda r: (-r.score, r.a, r.b))[:2]
    assert [(r.a, r.b) for r in capped.review] == [(r.a, r.b) for r in closest]
    assert capped.review_dropped == len(full.review) - 2
    assert [g.members for g in capped.groups] == [g.members for g in full.groups]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(["a", "b", "k1", "k2", ""]), st.sampled_from(["x.bib", "y.bib"])),
        max_size=12,
    ),
    st.booleans(),
)
def test_content_ranks_are_the_full_order_with_or_without_repeated_keys(
    records: list[tuple[str, str]], unique: bool
) -> None:
    """`_ranks` sorts by key alone where every key is distinct: the same order as by
    (key, file, line, index), which decides ties when keys repeat."""
    from refmerge.dedupe.engine import _ranks

    refs = [
        Reference("misc", f"{key}{n}" if unique else key, {}, Origin(file, 10 - n))
        for n, (key, file) in enumerate(records)
    ]
    order = sorted(
        range(len(refs)),
        key=lambda i: (refs[i].key, refs[i].origin.file, refs[i].origin.line, i),
    )
    assert [_ranks(refs)[i] for i in order] == list(range(len(refs)))
