"""Shortcuts for values already in their simplest form agree with the full path.

Each shortcut (`rewrite_names`, the bare-DOI and `--`-range checks of `refs/style.py`, the
remembered field orders of the writer) skips work only where the full path would give the
same text; these compare the two on random values built from the characters that matter
(braces, commas, `and`, backslashes, ties, `=`, dashes, prefixes, trailing punctuation).
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from refmerge.refs.formats.bibtex_writer import _sorted_fields, field_sort_key
from refmerge.refs.grammar.ids import parse_doi, strip_doi_prefix, trim_doi
from refmerge.refs.grammar.pages import bibtex_pages
from refmerge.refs.names import (
    _name_by_rules,
    format_names,
    parse_bibtex_name,
    parse_bibtex_names,
    rewrite_names,
)
from refmerge.refs.style import normalise_doi, normalise_pages

_NAME_PIECES = st.sampled_from(
    [
        "Muda",
        "Vehu",
        "C.",
        "van",
        "der",
        "de la",
        "Jr",
        "others",
        "é",
        "Łukasz",
        "O'Neil",
        "Jean-Pierre",
        ",",
        ", ",
        " , ",
        " and ",
        " AND ",
        "and",
        " ",
        "{",
        "}",
        "{NASA}",
        "\\",
        "\\ ",
        "~",
        "=",
        "given=Fred",
        "\\'e",
        "-",
    ]
)


@settings(max_examples=2000)
@given(st.lists(_NAME_PIECES, max_size=14), st.booleans())
def test_rewrite_names_agrees_with_parsing_and_formatting(
    pieces: list[str], extended: bool
) -> None:
    value = " ".join("".join(pieces).split())  # as the writer hands it over
    assert rewrite_names(value, extended) == format_names(parse_bibtex_names(value), extended)


def test_rewrite_names_keeps_common_names_and_parses_the_rest() -> None:
    assert rewrite_names("Muda, Vehu C. and Gireza ,  Libe") == "Muda, Vehu C. and Gireza, Libe"
    assert rewrite_names("Jan van Berg and de la Fontaine, J.") == (
        "van Berg, Jan and de la Fontaine, J."
    )
    assert rewrite_names("Muda, Vehu and others") == "Muda, Vehu and others"


def _full_doi(value: str) -> str:
    bare = strip_doi_prefix(value)
    doi = parse_doi(bare)
    return doi if doi and trim_doi(bare) == doi else bare


_DOI_PIECES = st.sampled_from(
    [
        "10.",
        "1234",
        "56789",
        "12345678901",
        "/",
        "abc",
        "W42",
        ".",
        "-",
        "_",
        "(",
        ")",
        ";",
        " ",
        "doi:",
        "https://doi.org/",
        "%2F",
        "\\_",
        "<x>",
        "]",
        "'",
        "é",
    ]
)


@settings(max_examples=2000)
@given(st.lists(_DOI_PIECES, max_size=10), st.integers(0, 320))
def test_bare_doi_shortcut_agrees_with_the_grammar(pieces: list[str], pad: int) -> None:
    value = "".join(pieces)
    assert normalise_doi(value) == _full_doi(value)
    long = "10.1234/" + "a" * pad  # the grammar reads at most 300 characters after the slash
    assert normalise_doi(long) == _full_doi(long)


_PAGE_PIECES = st.sampled_from(
    [
        "1",
        "0",
        "12",
        "034",
        "-",
        "--",
        "---",
        "–",
        " ",
        ",",
        "e",
        "xii",
        "S",
        "+",
        "٣",
        "\\textendash",
    ]
)


@settings(max_examples=2000)
@given(st.lists(_PAGE_PIECES, max_size=8))
def test_page_shortcut_agrees_with_the_grammar(pieces: list[str]) -> None:
    value = "".join(pieces)
    assert normalise_pages(value) == bibtex_pages(value, expand=False)


@given(
    st.lists(st.sampled_from(["title", "author", "zz", "year", "doi", "aa", "note"]), unique=True)
)
def test_remembered_field_orders_are_the_sorted_ones(names: list[str]) -> None:
    fields = dict.fromkeys(names, "x")
    for _ in range(2):  # the second time from the table
        assert list(_sorted_fields(fields)) == sorted(names, key=field_sort_key)


@settings(max_examples=3000)
@given(st.lists(_NAME_PIECES | st.sampled_from(["\t", "\u00a0", "\n", "Ÿ"]), max_size=8))
def test_a_plain_surname_first_name_is_read_as_the_rules_read_it(pieces: list[str]) -> None:
    text = "".join(pieces)
    stripped = text.replace("\\ ", " ").strip().strip(",").strip()
    assert parse_bibtex_name(text) == _name_by_rules(stripped)
