"""Merging's fast paths give what the plain definitions give (dedupe/merge.py).

`is_all_caps`/`is_all_lower` stop at the first letter of the other case, and
`_choose_names` parses each distinct value and rates each distinct person once; merged
output must stay byte-identical, so each is checked against the plain form.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from refmerge.dedupe import merge
from refmerge.refs.grammar.latex import decode_latex, strip_braces
from refmerge.refs.names import Name

_TEXT = st.text(alphabet=st.sampled_from(list("abcXYZ éÉß中{}\\\"'-. 1?ÃÂ©")), max_size=30)


def _plain_all_caps(text: str) -> bool:
    plain = re.sub(r"\{[^{}]*\}", "", decode_latex(text))
    letters = [c for c in plain if c.isalpha()]
    return len(letters) >= 4 and all(c.isupper() for c in letters)


def _plain_all_lower(text: str) -> bool:
    letters = [c for c in strip_braces(decode_latex(text)) if c.isalpha()]
    return len(letters) >= 4 and all(c.islower() for c in letters)


@given(_TEXT)
def test_case_checks_match_the_plain_definitions(text: str) -> None:
    assert merge.is_all_caps(text) == _plain_all_caps(text)
    assert merge.is_all_lower(text) == _plain_all_lower(text)


def test_case_checks_on_examples() -> None:
    assert merge.is_all_caps("JEAN-PIERRE CABESTAN")
    assert not merge.is_all_caps("{NASA} mission")
    assert not merge.is_all_caps("ABC")  # fewer than 4 letters
    assert not merge.is_all_caps("ÉTUDE 中文")  # an uncased letter is not upper case
    assert merge.is_all_lower("deep learning in china")
    assert not merge.is_all_lower("deep learning in China")


def test_each_person_is_rated_once_and_the_choice_is_unchanged(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rated: list[Name] = []
    plain = merge._name_quality

    def counting(name: Name) -> tuple[int, ...]:
        rated.append(name)
        return plain(name)

    monkeypatch.setattr(merge, "_name_quality", counting)
    candidates = [
        ("Dupont, J. and Martin, P.", 0),
        ("Dupont, Jean and Martin, P.", 1),
        ("Dupont, J. and Martin, P.", 2),
        ("Dupont, J. and Martin, Paul", 3),
        ("Dupont, Jean and Martin, P.", 4),
    ]
    choice, others = merge._choose_names("author", candidates)
    assert choice.value == "Dupont, Jean and Martin, Paul"
    assert choice.sources == (0, 1, 3)
    assert others == []
    assert len(rated) == len(set(rated))  # no person rated twice


@given(
    st.sampled_from(["title", "journal", "pages", "abstract", "doi", "month", "volume"]),
    st.text(alphabet=st.sampled_from(list("abcXYZ éß{}\\\"'-.,:; 1?ÃÂ&/")), max_size=40),
)
def test_every_rule_calls_a_value_the_same_as_itself(field: str, text: str) -> None:
    """`_choose_field` skips comparing the chosen value with its own copies."""
    _, same = merge._rules(field)
    assert same(text, text)
    assert same("https://doi.org/" + text, "https://doi.org/" + text)
