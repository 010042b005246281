"""Names are where bibliographies most often go wrong: von parts, corporate names, caps."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from refmerge.refs.names import Name, format_names, name_from_text, parse_bibtex_names


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mac Síthigh, Daithí", Name(first="Daithí", last="Mac Síthigh")),
        ("{World Health Organization}", Name(last="{World Health Organization}")),
        ("Ludwig van Beethoven", Name(first="Ludwig", von="van", last="Beethoven")),
        ("van der Berg, Jan", Name(first="Jan", von="van der", last="Berg")),
        ("Doe, Jr., John", Name(first="John", last="Doe", jr="Jr.")),
        ("Jean de La Fontaine", Name(first="Jean", von="de", last="La Fontaine")),
        ("{\\'E}mile Zola", Name(first="{\\'E}mile", last="Zola")),
        ("Knuth", Name(last="Knuth")),
    ],
)
def test_bibtex_names_follow_bibtex_rules(text: str, expected: Name) -> None:
    assert parse_bibtex_names(text) == [expected]


def test_and_inside_braces_does_not_split_names() -> None:
    names = parse_bibtex_names("{Barnes and Noble} and Smith, Ann AND others")
    assert [n.last for n in names] == ["{Barnes and Noble}", "Smith", "others"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("JEAN-PIERRE CABESTAN", "Cabestan, Jean-Pierre"),
        ("Daithí Mac Síthigh", "Mac Síthigh, Daithí"),
        ("Dmitry I. Popov", "Popov, Dmitry I."),
        ("Smith JA", "Smith, J. A."),
        ("Weichzhen` Gao", "Gao, Weichzhen`"),
        ("Price-Weyland, JONATHAN", "Price-Weyland, Jonathan"),
        ("Nadja Aldendorff", "Aldendorff, Nadja"),
    ],
)
def test_free_text_names(text: str, expected: str) -> None:
    assert name_from_text(text).bibtex() == expected


def test_initials_fold_hyphenated_given_names() -> None:
    assert Name(first="Jean-Pierre Luc", last="X").initials == "JPL"


_word = st.from_regex(r"[A-Z][a-zé]{1,8}", fullmatch=True)
_name = st.builds(
    Name,
    first=st.one_of(st.just(""), _word),
    von=st.one_of(st.just(""), st.sampled_from(["van", "de la", "von"])),
    last=_word,
    jr=st.just(""),
)


@given(st.lists(_name, min_size=1, max_size=5))
def test_written_names_read_back_identically(names: list[Name]) -> None:
    assert parse_bibtex_names(format_names(names)) == names
