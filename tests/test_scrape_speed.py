"""The page reader's remembered readings and cheap paths (issue 13, reading speed).

A line is read more than once (as a line, in look-aheads, as a "How to cite" field, in wrapped
entries), so its citation and venue readings are remembered: every caller must still get its
own copy, with its own line number, and every cheap path must answer as the full test does.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from refmerge.refs.names import _recase_word
from refmerge.refs.scrape import cite, fields, refstring
from refmerge.refs.scrape.units import _has_digit

LINE = "Okafor, A., & Brenner, L. (2020). Whispering reeds of the invented delta. Fict Ecol, 15(3), 45-67."


def test_a_citation_line_is_parsed_once_and_each_caller_gets_its_own_copy() -> None:
    cite._citation.cache_clear()
    first = cite.parse_citation(LINE, 3)
    second = cite.parse_citation(LINE, 17)
    assert cite._citation.cache_info().hits == 1
    assert first is not None and second is not None
    assert (first.start, first.end, second.start, second.end) == (3, 3, 17, 17)
    assert first.title == second.title == "Whispering reeds of the invented delta"
    first.authors.clear()
    first.title = "changed by a handler"
    again = cite.parse_citation(LINE, 5)
    assert again is not None and again.title == second.title
    assert [n.last for n in again.authors] == ["Okafor", "Brenner"]


def test_a_venue_is_read_once_and_each_caller_gets_its_own_copy() -> None:
    text = "Journal of Invented Studies, 2019, Vol. 12 (3), pp. 45-67, extra words"
    fields._parse_venue.cache_clear()
    a = fields.parse_venue(text)
    a.extra_text.append("changed")
    a.venue = "changed"
    b = fields.parse_venue(text)
    assert fields._parse_venue.cache_info().hits == 1
    assert b.venue == "Journal of Invented Studies"
    assert (b.year, b.volume, b.number, b.pages) == (2019, "12", "3", "45--67")
    assert b.extra_text == ["extra words"]


def _features_in_full(tokens: list[str]) -> list[list[str]]:
    """The features' own and neighbour attributes formatted for every token, as before they
    were remembered per token (the order crfsuite is given is kept)."""
    base = [refstring._features_of(t) for t in tokens]
    out = []
    for i, f in enumerate(base):
        attrs = [f"{k}={v}" for k, v in f.items()]
        for off in (-2, -1, 1, 2):
            j = i + off
            if 0 <= j < len(tokens):
                attrs += [f"{off}:{k}={base[j][k]}" for k in refstring._WINDOW_KEYS if k in base[j]]
            else:
                attrs.append(f"{off}:none")
        out.append(attrs)
    return out


_TOKEN = st.text(alphabet="aZé.,;:()[]\"“”'-–12907 ", min_size=1, max_size=9).map(
    lambda s: s.replace(" ", "") or "x"
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_TOKEN, min_size=1, max_size=12))
def test_remembered_token_attributes_are_the_full_ones(tokens: list[str]) -> None:
    made = refstring.features(tokens)
    full = _features_in_full(tokens)
    for attrs, expected in zip(made, full, strict=True):
        own = [a for a in attrs if a in expected]
        assert own == expected  # every own and neighbour attribute, in the same order


def _recase_in_full(word: str) -> str:
    letters = [c for c in word if c.isalpha()]
    if len(letters) < 2 or not all(c.isupper() for c in letters):
        return word
    return re.sub(r"[^\W\d_]+", lambda m: m.group(0).capitalize(), word)


@given(st.text(max_size=12))
def test_recasing_with_the_cheap_exit_is_the_full_test(word: str) -> None:
    assert _recase_word(word) == _recase_in_full(word)
    assert _recase_word(word.upper()) == _recase_in_full(word.upper())


@given(st.text(max_size=30))
def test_the_cheap_digit_test_is_the_full_one(text: str) -> None:
    assert _has_digit(text) == any(c.isdigit() for c in text)
    assert _has_digit(text + "a1") and not _has_digit("".join(c for c in text if not c.isdigit()))
