"""The match keys' shortcuts give what the plain rules they skip give (issue 16).

Each shortcut in refs/normalize.py, refs/grammar/latex.py and refs/grammar/pages.py saves a
regular expression or a keyword call on most records; here the rule as it was written
before (kept below as the reference) and the function as it is now must agree on random
input built from the characters that matter to each rule.
"""

from __future__ import annotations

import dataclasses
import html
import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from refmerge.refs.grammar.latex import (
    _COMBINING,
    _NON_WORD,
    _SPECIAL,
    _TAG,
    decode_latex,
    fold_for_matching,
    strip_braces,
)
from refmerge.refs.grammar.pages import _NUMERIC, expand_end, latex_dashes, page_range
from refmerge.refs.model import Reference
from refmerge.refs.normalize import (
    _AND,
    _ET_AL,
    _NOT_NAMES,
    _NUMBER_HINT,
    MAX_AUTHORS,
    MatchKeys,
    RecordKind,
    TypeClass,
    _may_hold_number,
    _plain_name,
    authors_of,
    match_keys,
    title_numbers,
    type_class,
)

# ---------------------------------------------------------------- the rules as they were


def _authors_reference(value: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """`authors_of`'s plain path before the shortcuts (no braces, LaTeX or `=`)."""
    surnames: list[str] = []
    initials: list[str] = []
    for part in _AND.split(value)[:MAX_AUTHORS]:
        part = _ET_AL.sub("", part).strip()
        if not part or part.lower() in _NOT_NAMES:
            continue
        key, initial = _plain_name(part)
        if key:
            surnames.append(key)
            initials.append(initial)
    return tuple(surnames), tuple(initials)


def _fold_reference(text: str) -> str:
    """`fold_for_matching` before its ASCII shortcut."""
    if "&" in text and ";" in text:
        text = html.unescape(text)
    if "<" in text:
        text = _TAG.sub(" ", text)
    if "\\" in text:
        text = decode_latex(text)
    if "{" in text or "}" in text:
        text = strip_braces(text)
    text = text.lower()
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text.translate(_SPECIAL))
        text = _COMBINING.sub("", text).lower()
    return _NON_WORD.sub(" ", text).strip()


def _page_range_reference(value: str) -> tuple[str, str]:
    if not value:
        return "", ""
    m = _NUMERIC.fullmatch(latex_dashes(value))
    if not m:
        return "", ""
    first = m.group(2).lstrip("0") or "0"
    last = m.group(4) or ""
    if last:
        last = expand_end(first, last.lstrip("0") or "0")
    return first, last


def _type_class_reference(entry_type: str) -> TypeClass:
    t = entry_type.lower()
    if t in ("book", "mvbook", "collection", "mvcollection", "proceedings", "mvproceedings"):
        return TypeClass.BOOK
    if t in ("incollection", "inbook", "bookinbook", "suppbook"):
        return TypeClass.CHAPTER
    if t in ("inproceedings", "conference"):
        return TypeClass.PROC
    if t in ("article", "periodical", "suppperiodical"):
        return TypeClass.ARTICLE
    if t in ("phdthesis", "mastersthesis", "thesis"):
        return TypeClass.THESIS
    if t in ("dataset", "software", "softwareversion", "softwaremodule", "codefragment"):
        return TypeClass.DATA
    return TypeClass.OTHER


# ---------------------------------------------------------------- random input

_NAME_BITS = st.sampled_from(
    [
        "Smith", "smith", "van", "Kessel", "J.", "R.E.", "John", " ", "  ", ",", ", ", ".",
        "et", "al", "al.", "Et", "AL", "et.", "\t", "\n", "Jr", "Team", "CORPORATE", "The",
        "Müller", "Émile", "Ø", "-", "others", "Anonymous", "anon.", "n/a", "[anonymous]",
        "Consortium", "İ", "ß", "Wu", "Li", "1", "Schapire", "Y.",
    ]
)  # fmt: skip
_NAME = st.lists(_NAME_BITS, max_size=6).map(" ".join) | st.lists(_NAME_BITS, max_size=6).map(
    "".join
)
_AUTHORS = st.lists(_NAME, max_size=5).flatmap(
    lambda names: st.sampled_from([" and ", " AND ", "  and ", " and\n", " And "]).map(
        lambda sep: sep.join(names)
    )
)


@settings(max_examples=400)
@given(_AUTHORS)
def test_authors_of_plain_path_is_the_rule_it_shortcuts(value: str) -> None:
    assert authors_of(value) == _authors_reference(value)


@settings(max_examples=400)
@given(st.text(alphabet=st.characters(max_codepoint=0x7F), max_size=60) | st.text(max_size=40))
def test_folding_without_the_pattern_is_the_pattern(text: str) -> None:
    assert fold_for_matching(text) == _fold_reference(text)


_TITLE_WORDS = st.sampled_from(
    [
        "part", "ii", "iv", "xx", "ivxiv", "vvvvvv", "i", "x", "second", "fifteenth", "twentieth",
        "nineteenth", "tieth", "teenth", "twenty", "one", "study", "2", "62nd", "p53", "²",
        "٣", "learning", "type", "vix", "_", "ninety", "systems", "a", "Ⅻ",
    ]
)  # fmt: skip
_TITLES = st.lists(_TITLE_WORDS, max_size=8).map(" ".join) | st.text(max_size=30)


@settings(max_examples=400)
@given(_TITLES)
def test_number_prefilter_never_hides_a_number(title: str) -> None:
    if _NUMBER_HINT.search(title):
        assert _may_hold_number(title)


@settings(max_examples=300)
@given(_TITLES)
def test_folded_title_numbers_unchanged_by_the_prefilter(raw: str) -> None:
    title = fold_for_matching(raw)
    if not _NUMBER_HINT.search(title):
        assert title_numbers(title) == ()


_PAGE_BITS = st.sampled_from(["12", "0034", "7", "--", "-", "–", " ", "e", "S", "+", "١٢", "x"])


@settings(max_examples=400)
@given(st.lists(_PAGE_BITS, max_size=5).map("".join))
def test_page_range_fast_path_is_the_pattern(value: str) -> None:
    assert page_range(value) == _page_range_reference(value)


@given(st.sampled_from(["Article", "BOOK", "inproceedings", "Conference", "misc", "Dataset",
                        "thesis", "InBook", "periodical", "software", ""]))  # fmt: skip
def test_type_class_table_is_the_rule(entry_type: str) -> None:
    assert type_class(entry_type) == _type_class_reference(entry_type)


def test_match_keys_fields_land_in_their_places() -> None:
    """`match_keys` builds its result positionally: every field must get its own value."""
    ref = Reference(
        "inbook",
        "k",
        {
            "title": "Second Thoughts on Ledgers: Part 2",
            "author": "Smith, John and Lee, Ann",
            "year": "2001",
            "doi": "10.1000/xyz",
            "pmid": "12345",
            "eprint": "2101.00001",
            "isbn": "978-3-16-148410-0",
            "volume": "7",
            "number": "3",
            "pages": "10--20",
            "booktitle": "Ledger Studies",
            "abstract": "An abstract.",
            "edition": "2",
            "url": "https://example.org/part-2.html",
            "chapter": "Four",
            "version": "v1.3",
        },
    )
    k = match_keys(ref)
    got = {f.name: getattr(k, f.name) for f in dataclasses.fields(MatchKeys)}
    assert got == {
        "title": "second thoughts on ledgers part 2",
        "surnames": ("smith", "lee"),
        "initials": ("j", "a"),
        "year": 2001,
        "dois": ("10.1000/xyz",),
        "pmid": "12345",
        "arxiv": "2101.00001",
        "isbns": ("9783161484100",),
        "volume": "7",
        "issue": "3",
        "page_first": "10",
        "page_last": "20",
        "article_number": False,
        "venue": "ledger studies",
        "abstract": "an abstract",
        "tclass": TypeClass.CHAPTER,
        "kind": RecordKind.ORIGINAL,
        "numbers": ("#2", "2"),
        "edition": "2",
        "preprint": False,
        "meeting": False,
        "venue_kind": "",
        "report_no": "",
        "url_parts": ("example.org/part-#.html", "2"),
        "editors_only": False,
        "title_count": 1,
        "column_title": False,
        "one_version": True,
        "title_head": "",
        "title_tail": "",
        "cited_year": None,
        "people": "Smith, John and Lee, Ann",
        "chapter": "four",
        "version": "1.3",
    }


def test_reference_patterns_are_the_ones_in_use() -> None:
    """(The references above use the module's own patterns, not copies.)"""
    assert isinstance(_ET_AL, re.Pattern) and isinstance(_NUMBER_HINT, re.Pattern)
