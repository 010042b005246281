"""One value grammar: readers, `check`, matching, keys, merge and the writer read a tricky
value the same way.

Each row of the table is one value written the way a .bib file writes it and the way a
foreign export (RIS) writes it. Whatever path a record takes, the DOI, year, pages and
names it ends up with must agree; before the grammar had one home they did not
(`Stra{\\ss}er` keyed as `stra2020`, `\\noopsort` read as 1973 by keys and 1981 by
matching, `https://www.doi.org/` kept as part of the DOI by the writer).
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from refmerge.dedupe.merge import merge_group
from refmerge.refs.checks.rules import check_library
from refmerge.refs.formats.bibtex_writer import format_entry
from refmerge.refs.formats.fieldmap import survives
from refmerge.refs.formats.registry import read_text
from refmerge.refs.grammar.dates import is_plain_year, month_macro, year_of_value
from refmerge.refs.grammar.ids import find_dois, parse_doi, same_doi, trim_doi
from refmerge.refs.grammar.latex import (
    decode_latex,
    drop_commands,
    fold_for_key,
    fold_for_matching,
    fold_for_merge,
)
from refmerge.refs.grammar.pages import bibtex_pages, page_range, roman_value, split_pages
from refmerge.refs.keys import make_key
from refmerge.refs.model import Reference
from refmerge.refs.normalize import match_keys
from refmerge.refs.style import normalise_doi, normalise_pages


def _bib(**fields: str) -> Reference:
    body = ",\n".join(f"  {k} = {{{v}}}" for k, v in fields.items())
    lib = read_text(f"@article{{x,\n{body}\n}}\n", "t.bib")
    assert not lib.diagnostics
    (ref,) = lib.references
    return ref


def _ris(*lines: str) -> Reference:
    text = "TY  - JOUR\n" + "".join(f"{line}\n" for line in lines) + "ER  - \n"
    (ref,) = read_text(text, "t.ris").references
    return ref


def _checked(ref: Reference) -> set[str]:
    lib = read_text(format_entry(ref) + "\n", "w.bib")
    return {d.code for d in check_library(lib, "w.bib")}


BASE = {"journal": "J. Inv. Stud.", "title": "Folded letters", "author": "Doe, Ann"}

# ------------------------------------------------------------------ names


@pytest.mark.parametrize(
    ("latex", "unicode", "key"),
    [
        (r"Stra{\ss}er, Hans", "Straßer, Hans", "strasser2020folded"),
        (r"{\o}stergaard, Jens", "Østergaard, Jens", "ostergaard2020folded"),
        (r"M{\"u}ller, Eva", "Müller, Eva", "muller2020folded"),
    ],
)
def test_latex_and_unicode_names_key_match_and_merge_alike(
    latex: str, unicode: str, key: str
) -> None:
    bib = _bib(**{**BASE, "author": latex, "year": "2020"})
    ris = _ris(f"AU  - {unicode}", "TI  - Folded letters", "PY  - 2020", "JO  - J. Inv. Stud.")
    assert make_key(bib) == key
    assert make_key(ris) == key
    assert match_keys(bib).surnames == match_keys(ris).surnames == (key.split("2020")[0],)
    merged = merge_group([bib, ris], [0, 1])
    assert "author" not in {c.field for c in merged.conflicts}


def test_merge_reports_no_conflict_between_latex_and_unicode_spellings() -> None:
    a = Reference("book", "a", {"title": "Die Stra{\\ss}e", "address": "Stra{\\ss}e 1"})
    b = Reference("book", "b", {"title": "Die Straße", "address": "Straße 1"})
    assert merge_group([a, b], [0, 1]).conflicts == []


# ------------------------------------------------------------------ years


def test_noopsort_year_reads_1981_everywhere() -> None:
    ref = _bib(**BASE, year=r"{\noopsort{1973c}}1981")
    assert match_keys(ref).year == 1981
    assert make_key(ref) == "doe1981folded"
    assert "RM304" not in _checked(ref)
    assert year_of_value(ref.fields["year"]) == 1981


# ------------------------------------------------------------------ DOIs

DOI_FORMS = [
    "https://doi.org/10.1234/Abc.5678",
    "http://dx.doi.org/10.1234/Abc.5678",
    "doi:10.1234/Abc.5678",
    "DOI: 10.1234/Abc.5678",
    "https://www.doi.org/10.1234/Abc.5678",
    "10.1234/Abc.5678.",
    "10.1234/Abc.5678,",
    "10.1234/Abc.5678)",
    "https://doi.org/10.1234/Abc.5678/",
]


@pytest.mark.parametrize("form", DOI_FORMS)
def test_doi_forms_read_check_match_and_write_as_one_doi(form: str) -> None:
    bib = _bib(**BASE, year="2020", doi=form)
    ris = _ris("TI  - Folded letters", "PY  - 2020", f"DO  - {form}")
    assert ris.fields["doi"] == "10.1234/Abc.5678"  # the reader stores it bare
    assert "RM302" not in _checked(bib)
    assert match_keys(bib).dois == match_keys(ris).dois == ("10.1234/abc.5678",)
    assert "doi = {10.1234/Abc.5678}" in format_entry(bib)
    assert same_doi(form, "10.1234/abc.5678")
    merged = merge_group([bib, ris], [0, 1])
    assert "doi" not in {c.field for c in merged.conflicts}


def test_a_doi_that_opens_its_own_bracket_keeps_it() -> None:
    doi = "10.1002/(SICI)1097-0258(19980430)17:8<857::AID-SIM777>3.0.CO;2-E"
    assert parse_doi(f"https://doi.org/{doi}") == doi
    assert find_dois(f"see ({doi}).") == (doi.lower(),)
    assert trim_doi("10.1000/a(b)") == "10.1000/a(b)"


# ------------------------------------------------------------------ pages


def test_abbreviated_page_range_means_the_full_range_everywhere() -> None:
    bib = _bib(**BASE, year="2020", pages="1034-71")
    ris = _ris("TI  - Folded letters", "PY  - 2020", "SP  - 1034", "EP  - 71")
    assert ris.fields["pages"] == "1034--1071"
    assert "RM306" not in _checked(bib)
    assert match_keys(bib).page_first == match_keys(ris).page_first == "1034"
    assert match_keys(bib).page_last == match_keys(ris).page_last == "1071"
    # formatting a .bib adds no digits: the author's abbreviation stays, with BibTeX's dash
    assert "pages = {1034--71}" in format_entry(bib)


def test_roman_front_matter_pages_are_pages_but_no_page_number() -> None:
    bib = _bib(**BASE, year="2020", pages="xii-xv")
    ris = _ris("TI  - Folded letters", "PY  - 2020", "SP  - xii", "EP  - xv")
    assert ris.fields["pages"] == "xii--xv"
    assert "pages = {xii--xv}" in format_entry(bib)
    assert "RM306" not in _checked(bib)
    assert match_keys(bib).page_first == match_keys(ris).page_first == ""
    assert split_pages("xii-xv") == ("xii", "xv")
    assert roman_value("xiv") == 14


@pytest.mark.parametrize(
    "written", ["1{\\textendash}31", "1\\textendash{}31", "1\\textendash 31", "1{--}31"]
)
def test_latex_dash_commands_in_pages_are_range_separators(written: str) -> None:
    # ACL Anthology exports write every range this way; read as no pages before, a range
    # written so gave no evidence and could never conflict with another range
    bib = _bib(**BASE, year="2020", pages=written)
    assert page_range(written) == ("1", "31")
    assert match_keys(bib).page_first == "1" and match_keys(bib).page_last == "31"
    assert "pages = {1--31}" in format_entry(bib)
    assert "RM306" not in _checked(bib)


# ------------------------------------------------------------------ properties

TEXT = st.lists(
    st.sampled_from([*"abcXYZ09 -–{}\\'\"~.,/ßøÆéñ", "\\ss", "\\o", "{\\'e}", "\\v{s}"]),
    max_size=20,
).map("".join)


@given(st.text(max_size=60))
def test_grammar_functions_never_raise(text: str) -> None:
    for fn in (parse_doi, year_of_value, is_plain_year, month_macro, decode_latex):
        fn(text)
    split_pages(text)
    bibtex_pages(text)
    page_range(text)
    find_dois(text)


@given(st.one_of(TEXT, st.text(max_size=40)))
def test_folds_are_idempotent(text: str) -> None:
    for fold in (fold_for_matching, fold_for_merge, fold_for_key):
        once = fold(text)
        assert fold(once) == once


@given(st.one_of(TEXT, st.text(max_size=40)))
def test_fold_for_key_is_ascii_letters_and_digits(text: str) -> None:
    assert all(c.isascii() and c.isalnum() and not c.isupper() for c in fold_for_key(text))


@given(st.one_of(st.sampled_from(DOI_FORMS), st.text(max_size=40)))
def test_house_style_is_a_fixed_point(text: str) -> None:
    assert normalise_doi(normalise_doi(text)) == normalise_doi(text)
    assert normalise_pages(normalise_pages(text)) == normalise_pages(text)
    assert bibtex_pages(bibtex_pages(text)) == bibtex_pages(text)


@given(st.integers(1, 99999), st.integers(0, 99999))
def test_expanded_range_never_ends_before_it_starts_unless_written_so(a: int, b: int) -> None:
    first, last = page_range(f"{a}-{b}")
    assert first == str(a)
    assert int(last) >= a or int(last) == b


def test_drop_commands_keeps_the_words_a_command_wraps() -> None:
    """One definition of a LaTeX command, shared by folding and the readers' RM004 check."""
    assert drop_commands("\\textit{Quill} Marsh\\'{e}") == "{Quill} Marsh{e}"
    assert drop_commands("plain") == "plain"
    assert survives("Quill Marsh", {"title": "\\emph{Quill} \\textbf{Marsh}"})
