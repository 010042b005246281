"""Blocking: every true pair becomes a candidate, without an all-pairs pass."""

from __future__ import annotations

import random

from refmerge.dedupe.blocking import (
    block_keys,
    candidate_pairs,
    joined_blocks,
    other_blocks,
    title_tokens,
    word_blocks,
)
from refmerge.refs.model import Reference
from refmerge.refs.normalize import match_keys

SYLLABLES = [a + b for a in "bdfgklmnprstvz" for b in "aeiou"]


def _title(rnd: random.Random) -> str:
    words = ["".join(rnd.choice(SYLLABLES) for _ in range(3)) for _ in range(rnd.randint(6, 10))]
    return " ".join(words)


def _library(n: int, seed: int = 7) -> tuple[list[Reference], set[tuple[int, int]]]:
    """n distinct works plus damaged copies of every tenth; returns the true pairs."""
    rnd = random.Random(seed)
    refs: list[Reference] = []
    pairs: set[tuple[int, int]] = set()
    for w in range(n):
        fields = {"title": _title(rnd), "author": f"Author{w % 97}, A.", "year": "2001"}
        refs.append(Reference("article", f"w{w}", fields))
        if w % 10 == 0:
            t = fields["title"]
            i = rnd.randrange(1, len(t) - 1)
            copy = dict(fields, title=(t[:i] + t[i + 1 :]).upper())  # a dropped letter, caps
            pairs.add((len(refs) - 1, len(refs)))
            refs.append(Reference("article", f"w{w}copy", copy))
    return refs, pairs


def test_true_pairs_are_candidates_and_pairs_stay_linear() -> None:
    refs, true_pairs = _library(3000)
    keys = [match_keys(r) for r in refs]
    found = set(candidate_pairs(keys, list(range(len(refs)))))
    assert true_pairs <= found
    n = len(refs)
    assert len(found) < 10 * n  # all pairs would be n(n-1)/2 ≈ 5.4 million


def test_a_huge_block_of_one_title_is_windowed_not_expanded() -> None:
    refs = [
        Reference("article", f"e{i}", {"title": "Editorial", "year": str(1900 + i)})
        for i in range(600)
    ]
    keys = [match_keys(r) for r in refs]
    pairs = list(candidate_pairs(keys, list(range(len(refs))), max_block=40, window=8))
    assert len(pairs) == len(set(pairs))  # each pair once
    assert all(i < j for i, j in pairs)
    assert len(pairs) <= 600 * 8 * 2 * 3  # windows, not 179,700 pairs


def test_untitled_records_meet_titled_ones_by_first_author_and_year() -> None:
    refs = [
        Reference("article", "t", {"title": "Soil memory", "author": "Oduya, P.", "year": "2014"}),
        Reference("article", "u", {"author": "Oduya, P.", "year": "2014"}),
        Reference("article", "x", {"title": "Other", "author": "Brennan, T.", "year": "2014"}),
    ]
    keys = [match_keys(r) for r in refs]
    assert set(candidate_pairs(keys, [0, 1, 2])) == {(0, 1)}


def test_title_tokens_drop_stopwords_short_words_and_numbers() -> None:
    assert sorted(title_tokens("the effect of 12 new drugs on rats in 2019")) == [
        "drugs",
        "effect",
        "new",
        "rats",
    ]


def test_among_yields_exactly_the_filtered_pairs_in_order() -> None:
    """The second look's `among` skips blocks without one of its records: after the
    engine's own filter, the same pairs in the same order as without it, fewer built."""
    refs, _ = _library(800)
    refs += [
        Reference("article", "e1", {"title": "Editorial", "year": "2001"}),
        Reference("article", "u1", {"author": "Author3, A.", "year": "2001"}),
    ] * 50  # a windowed block and untitled records
    keys = [match_keys(r) for r in refs]
    ranks = list(range(len(refs)))
    every = list(candidate_pairs(keys, ranks))
    for among in ({0, 5, 11, 400, len(refs) - 1}, set(range(0, len(refs), 7)), set()):

        def wanted(pairs: list[tuple[int, int]], among: set[int] = among) -> list[tuple[int, int]]:
            return [(i, j) for i, j in pairs if i in among or j in among]

        fewer = list(candidate_pairs(keys, ranks, among=among))
        assert wanted(fewer) == wanted(every)
        assert len(fewer) < len(every)


def test_among_keeps_every_block_holding_one_of_its_records_whole() -> None:
    refs, _ = _library(600)
    refs += [
        Reference("article", "u1", {"author": "Author3, A.", "year": "2001"}),
        Reference("article", "u2", {"author": "Author5, A.", "year": "2001"}),
    ]
    keys = [match_keys(r) for r in refs]
    full = block_keys(keys)
    for among in ({1, 2, 3, len(refs) - 2}, set(range(0, len(refs), 11))):
        some = block_keys(keys, among=among)
        assert all(full[key] == members for key, members in some.items())
        for key, members in full.items():
            if any(m in among for m in members):
                assert some[key] == members
    assert len(block_keys(keys, among={1})) < len(full)


def test_a_title_garbled_at_both_ends_meets_its_twin_by_author_year_and_volume() -> None:
    """A citation typed with a slip at each end of its title (`… precence of malicious error`
    for `… presence of malicious errors`) and no pages shares no title key with its twin;
    the first author, year and volume still place it in one journal volume (branch `cora7`)."""
    fields = {
        "author": "Kerrigan, M. and Lindqvist, M.",
        "year": "1993",
        "journal": "SIAM J. Invented",
    }
    twin = Reference(
        "article",
        "full",
        dict(
            fields,
            title="Learning paper cranes in the presence of malicious folders",
            volume="22",
            pages="807--837",
        ),
    )
    typo = Reference(
        "article",
        "typo",
        dict(fields, title="Learnig paper cranes in the precence of malicious folder", volume="22"),
    )
    others = [
        Reference("article", f"o{i}", {"title": f"Unrelated invented study number {i} of ledgers", "author": f"Other{i}, A.", "year": "1993", "volume": "22"})
        for i in range(5)
    ]  # fmt: skip
    refs = [twin, *others, typo]
    keys = [match_keys(r) for r in refs]
    assert (0, len(refs) - 1) in set(candidate_pairs(keys, list(range(len(refs)))))


def test_blocks_built_in_two_parts_come_in_the_order_of_one_pass() -> None:
    """The engine builds the rare-word blocks and the others in two processes; joined, each
    block stands where one pass over the records makes it (at the record that first
    shares it; within a record, identifiers and title ends, then rare words, then the
    rest), so the candidate pairs, and so the verdicts' order, do not depend on how the
    blocks were built. Both parts under `among` (the second look) as well."""
    refs, _ = _library(800)
    refs += [
        Reference("article", "u1", {"author": "Author3, A.", "year": "2001"}),
        Reference("article", "u2", {"author": "Author3, A.", "year": "2001", "doi": "10.1/x"}),
        Reference("article", "d1", {"title": refs[5].fields["title"], "doi": "10.1/x"}),
    ]
    keys = [match_keys(r) for r in refs]

    def stamp(key: str, members: list[int]) -> tuple[int, int]:
        made_at = members[0] if key[0] in "uU" else members[1]
        return made_at, 0 if key[0] in "dpxiPS" else 1 if key[0] in "wt" else 2

    for among in (None, set(range(0, len(refs), 9))):
        other, words = other_blocks(keys, among), word_blocks(keys, among=among)
        assert words[0] and other[0]
        joined = joined_blocks(other, words)
        assert joined == block_keys(keys, among=among)
        assert joined.keys() == other[0].keys() | words[0].keys()
        stamps = [stamp(key, members) for key, members in joined.items()]
        assert stamps == sorted(stamps)
