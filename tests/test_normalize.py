"""Match keys: the folding and identifier rules duplicate detection relies on."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from refmerge.refs.grammar.ids import find_dois, isbn13, normalise_arxiv
from refmerge.refs.grammar.latex import fold_for_matching as fold
from refmerge.refs.grammar.pages import page_range
from refmerge.refs.model import Reference
from refmerge.refs.normalize import (
    authors_of,
    fold_title,
    match_keys,
    split_correction,
    title_kind,
    title_numbers,
)


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        (r"Caf\'{e} and {\"U}ber-Stra{\ss}e", "cafe and uber strasse"),
        ("Café and Über-Straße", "cafe and uber strasse"),
        ("The <i>in vivo</i> effect of <sup>13</sup>C", "the in vivo effect of 13 c"),
        ("Efficacy of batroxobin. [Chinese]", "efficacy of batroxobin"),
        (
            "[A study on the use of mycobacterium vaccine]",
            "a study on the use of mycobacterium vaccine",
        ),
        ("ALL CAPS: Title—With Dashes!", "all caps title with dashes"),
        ("Дослідження ролі", "дослідження ролі"),
        (r"The $k$-means {DNA} \emph{method}", "the k means dna method"),
    ],
)
def test_titles_fold_latex_unicode_tags_and_punctuation(raw: str, folded: str) -> None:
    assert fold_title(raw) == folded


def test_a_bracketed_title_word_that_is_not_a_tag_stays() -> None:
    assert fold_title("Results of the trial [interim analysis]") == (
        "results of the trial interim analysis"
    )


@pytest.mark.parametrize(
    "text",
    [
        "10.1000/ABC.123",
        "https://doi.org/10.1000/abc.123",
        "http://dx.doi.org/10.1000/abc.123.",
        "doi:10.1000/abc.123;",
        "see https://doi.org/10.1000%2Fabc.123 for details",
    ],
)
def test_doi_forms_normalise_to_one(text: str) -> None:
    assert find_dois(text) == ("10.1000/abc.123",)


def test_doi_keeps_its_own_brackets() -> None:
    assert find_dois("doi:10.1016/0000-0000(90)90001-X.") == ("10.1016/0000-0000(90)90001-x",)


def test_sici_dois_keep_their_angle_bracket_segments() -> None:
    sici = "10.1002/(SICI)1521-3951(199911)216:1<29::AID-PSSB29>3.0.CO;2-#"
    other = "10.1002/(SICI)1521-3951(199911)216:1<35::AID-PSSB35>3.0.CO;2-B"
    assert find_dois(sici, other) == (sici.lower(), other.lower())
    assert find_dois('<a href="x">10.1000/abc</a>') == ("10.1000/abc",)


def test_doi_found_in_url_note_and_eprint_fields() -> None:
    for name in ("url", "note", "eprint"):
        ref = Reference("article", "k", {name: "https://doi.org/10.5555/Q.1"})
        assert match_keys(ref).dois == ("10.5555/q.1",)


def test_arxiv_ids_lose_their_version() -> None:
    assert normalise_arxiv("arXiv:2101.00001v3") == "2101.00001"
    assert normalise_arxiv("https://arxiv.org/abs/hep-th/9901001v2") == "hep-th/9901001"
    ref = Reference("misc", "k", {"eprint": "2101.00001v2", "archiveprefix": "arXiv"})
    assert match_keys(ref).arxiv == "2101.00001"
    doi_form = Reference("misc", "k", {"doi": "10.48550/arXiv.2101.00001"})
    assert match_keys(doi_form).arxiv == "2101.00001"


def test_isbn_10_and_13_of_one_book_agree() -> None:
    assert isbn13("0-306-40615-2") == isbn13("978-0-306-40615-7") == "9780306406157"
    assert isbn13("not an isbn") == ""


@pytest.mark.parametrize(
    ("pages", "expected"),
    [
        ("1034-71", ("1034", "1071")),
        ("1034--1071", ("1034", "1071")),
        ("455–67", ("455", "467")),
        ("S417--S429", ("417", "429")),
        ("e1000", ("1000", "")),
        ("Suppl-29", ("", "")),  # mangled: never a page number
        ("t-8", ("", "")),
    ],
)
def test_page_ranges(pages: str, expected: tuple[str, str]) -> None:
    assert page_range(pages) == expected


def test_surnames_and_initials_are_stable_across_spellings() -> None:
    a, ia = authors_of("van Kessel, M. and Le Quintrec, Moglie and Lynch Jr, T. J.")
    b, ib = authors_of("Kessel, M. E. and Quintrec, M. and Lynch, Thomas")
    assert a == b == ("kessel", "quintrec", "lynch")
    assert ia == ib == ("m", "m", "t")
    braced, _ = authors_of(r"{World Health Organization} and M{\"u}ller, J.")
    assert braced == ("worldhealth", "muller")  # an organisation is keyed by its own name


def test_pmid_and_year_and_volume() -> None:
    ref = Reference(
        "article",
        "k",
        {"note": "PMID: 12345678", "year": "2019 Apr", "volume": "Vol. 012", "number": "3"},
    )
    keys = match_keys(ref)
    assert (keys.pmid, keys.year, keys.volume, keys.issue) == ("12345678", 2019, "12", "3")


def test_title_kinds_and_numbers() -> None:
    assert title_kind(fold_title("Erratum: Severe deficiency")) == "erratum"
    assert title_kind(fold_title("Correction to: A trial")) == "erratum"
    assert title_kind(fold_title("Reply to Smith et al.")) == "reply"
    assert title_kind(fold_title("Comment on: the trial")) == "comment"
    assert title_kind(fold_title("Eculizumab for aHUS (vol 360, pg 542, 2009)")) == "erratum"
    assert title_kind(fold_title("Correction of scoliosis in children")) == ""
    assert title_kind(fold_title("Addendum: A style option for rotated objects")) == "erratum"
    assert title_kind(fold_title("Why TeX should not output PostScript yet: Addendum")) == "erratum"
    raw = "Author Correction: A global survey"
    assert title_kind(fold_title(raw), raw) == "erratum"
    raw = "Author correction of scoliosis in children"
    assert title_kind(fold_title(raw), raw) == ""
    assert title_numbers(fold_title("Methods, Part II")) == ("#2", "2")
    assert title_numbers(fold_title("Report of the 62nd annual meeting")) == ("62",)
    assert title_numbers(fold_title("Second report on ledgers")) == ("2",)
    assert title_numbers(fold_title("Topology I")) == ("1",)
    assert title_numbers(fold_title("Type II ledgers: a review")) == ("2",)
    assert title_numbers(fold_title("Type I ledgers: a review")) == ("1",)
    # a lone "I" inside a title is the pronoun
    assert title_numbers(fold_title("What I learned from ledgers")) == ()
    assert title_numbers(fold_title("Methods, part 2")) == ("#2", "2")
    assert title_numbers(fold_title("Study 1: a 5 year follow-up")) == ("#1", "1", "5")


@given(st.text(max_size=80))
def test_folding_is_idempotent_and_never_raises(text: str) -> None:
    once = fold(text)
    assert fold(once) == once
    assert once == once.strip()
    assert "  " not in once


@given(st.text(alphabet="0123456789-– eSpP", max_size=20))
def test_page_range_never_raises_and_last_is_not_before_first(text: str) -> None:
    first, last = page_range(text)
    if first and last and len(last) == len(first):
        assert isinstance(int(first), int)


@pytest.mark.parametrize(
    "title",
    [
        "Eculizumab for invented syndromes (vol 360, pg 542, 2009)",
        "Eculizumab for invented syndromes (New England Journal of Invention (2009) 360 (542-544))",
        "Eculizumab for invented syndromes (vol. 360, pg. 542, 2009).",
    ],
)
def test_a_correction_notice_loses_the_corrected_articles_citation(title: str) -> None:
    assert split_correction(title) == ("Eculizumab for invented syndromes", True)
    keys = match_keys(Reference("article", "k", {"title": title}))
    assert keys.kind == "erratum"
    assert keys.title == "eculizumab for invented syndromes"


@pytest.mark.parametrize(
    "title",
    [
        "A phase II trial of the Invented Oncology Group (S0027)",
        "Optimal management of invented effusions (results of CALGB 30102)",
        "Outcomes in 2009 (a cohort)",
    ],
)
def test_a_trailing_parenthesis_that_is_no_citation_stays(title: str) -> None:
    assert split_correction(title) == (title, False)


def test_a_sort_only_command_in_the_year_is_not_the_year() -> None:
    ref = Reference("book", "k", {"year": "{\\noopsort{1973c}}1981"})
    assert match_keys(ref).year == 1981


def test_record_kind_and_type_class_are_closed_sets() -> None:
    """A typo such as `kind == "eratum"` can no longer pass silently: the values are enum
    members, and they still print and serialise as the words reports show."""
    from refmerge.refs.normalize import RecordKind, TypeClass

    keys = match_keys(Reference("article", "x", {"title": "Erratum: Soil memory"}))
    assert keys.kind is RecordKind.ERRATUM and f"{keys.kind}" == "erratum"
    assert keys.tclass is TypeClass.ARTICLE
    assert match_keys(Reference("book", "y", {"title": "Soil memory"})).kind is RecordKind.ORIGINAL
    assert {k.value for k in RecordKind} == {"", "erratum", "retraction", "reply", "comment"}
