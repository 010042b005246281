"""Bulk stages: the collector paused and restored, and the two-process path giving exactly
what the serial path gives (a large merge uses the second core; a small one never forks)."""

from __future__ import annotations

import gc
import os
import random
from dataclasses import dataclass, field

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from refmerge.dedupe import settle
from refmerge.dedupe.engine import all_match_keys, find_duplicates
from refmerge.dedupe.merge import merge_all
from refmerge.dedupe.pipeline import merge
from refmerge.dedupe.policy import Policy
from refmerge.refs import bulk
from refmerge.refs.bulk import in_two, paused_gc
from refmerge.refs.formats.bibtex_writer import format_blocks
from refmerge.refs.library import Bibliography, Input
from refmerge.refs.model import Comment, Library, Origin, Reference


def _library() -> list[Reference]:
    """Twelve invented works, most found two or three times with the usual damage."""
    refs: list[Reference] = []
    for w in range(12):
        title = f"Observations of the {['red', 'blue', 'green'][w % 3]} heron colony number {w}"
        fields = {
            "author": f"Quillfeather, Anselm and Dorrance{w}, Bea",
            "title": title,
            "journal": "Journal of Invented Wading Birds",
            "year": str(1990 + w),
            "volume": str(w + 1),
            "pages": f"{10 * w + 1}--{10 * w + 9}",
        }
        copies = [dict(fields)]
        if w % 4 != 3:
            copies.append({**fields, "title": title.upper(), "author": fields["author"].upper()})
        if w % 3 == 0:
            copies.append({**fields, "pages": f"{10 * w + 1}-9", "doi": f"10.5555/heron.{w}"})
        for c in copies:
            refs.append(Reference("article", f"k{len(refs)}", c, Origin("a.bib", len(refs) + 1)))
    return refs


def test_paused_gc_restores_the_collector_state() -> None:
    assert gc.isenabled()
    with paused_gc():
        assert not gc.isenabled()
        with paused_gc():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the outer pause is still in force
    assert gc.isenabled()
    with pytest.raises(KeyError), paused_gc():
        {}["missing"]
    assert gc.isenabled()
    gc.disable()
    try:
        with paused_gc():
            pass
        assert not gc.isenabled()  # a caller's own pause is left alone
    finally:
        gc.enable()


def test_merge_leaves_the_collector_on() -> None:
    refs = _library()
    bib = Bibliography([Input("a.bib", "a.bib", "bibtex", Library(blocks=list(refs)), {})])
    merge(bib)
    assert gc.isenabled()


def test_in_two_joins_halves_like_one_serial_run() -> None:
    assert in_two(lambda a, b: list(range(a, b)), 10, min_items=1) == (
        [0, 1, 2, 3, 4],
        [5, 6, 7, 8, 9],
    )
    assert in_two(lambda a, b: list(range(a, b)), 10, min_items=11) is None
    assert in_two(lambda a, b: b - a, 10) is None  # below MIN_SPLIT: no fork for small work


def test_in_two_computes_a_failed_childs_half_itself() -> None:
    parent = os.getpid()

    def work(a: int, b: int) -> list[int]:
        if os.getpid() != parent:
            raise MemoryError("the child dies")
        return list(range(a, b))

    assert in_two(work, 6, min_items=1) == ([0, 1, 2], [3, 4, 5])


def test_in_two_stops_the_child_when_the_parents_half_raises() -> None:
    parent = os.getpid()

    def work(a: int, b: int) -> list[int]:
        if os.getpid() == parent:
            raise ValueError("the parent's half fails")
        return list(range(10**6))  # more than a pipe holds: the child must not hang

    with pytest.raises(ValueError):
        in_two(work, 6, min_items=1)


def test_two_process_merge_gives_the_serial_groups_and_records(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    refs = _library()
    groups = find_duplicates(refs, Policy()).groups
    assert len(groups) >= 8
    serial = settle.merge_settled(refs, groups, None, Policy())
    monkeypatch.setattr(settle, "MIN_SPLIT_GROUPS", 1)
    split = settle.merge_settled(refs, groups, None, Policy())
    assert split == serial
    assert split[1] == merge_all(refs, [g.members for g in groups])
    for m in split[1]:  # absorbed originals are the parent's own records, not copies
        assert all(a is refs[i] for a, i in zip(m.record.absorbed, m.absorbed, strict=True))


def test_a_later_pass_reuses_unchanged_merges_and_gives_merge_alls_result() -> None:
    refs = _library()
    groups = find_duplicates(refs, Policy()).groups
    before = merge_all(refs, [g.members for g in groups])
    # a pass that joins the first two groups and leaves the rest
    joined = [type(groups[0])(sorted(groups[0].members + groups[1].members), 90.0), *groups[2:]]
    again = settle._merge_all(refs, joined, None, before)
    assert again == merge_all(refs, [g.members for g in joined])
    kept = {tuple(m.members): m for m in before}
    assert all(m is kept[tuple(m.members)] for m in again if tuple(m.members) in kept)


def test_two_process_writing_gives_the_serial_text(monkeypatch: pytest.MonkeyPatch) -> None:
    blocks = _library()[:7]  # an odd count: the halves differ in size
    serial = format_blocks(blocks)
    monkeypatch.setattr(bulk, "MIN_SPLIT", 1)
    assert format_blocks(blocks) == serial
    assert format_blocks([]) == ""
    # blocks that print nothing leave no blank lines, whichever half they fall in
    empty = Comment("", Origin("a.bib", 1))
    for mixed in ([*blocks[:3], empty, empty], [empty, *blocks[:2]], [empty, empty]):
        monkeypatch.setattr(bulk, "MIN_SPLIT", 10**9)
        alone = format_blocks(mixed)
        monkeypatch.setattr(bulk, "MIN_SPLIT", 1)
        assert format_blocks(mixed) == alone


def test_two_process_match_keys_are_the_serial_keys(monkeypatch: pytest.MonkeyPatch) -> None:
    refs = _library()
    serial = all_match_keys(refs)
    monkeypatch.setattr(bulk, "MIN_SPLIT", 1)
    assert all_match_keys(refs) == serial


@dataclass(slots=True)
class _Heron:
    name: str
    wading: bool = True


@dataclass(slots=True)
class _Nest:
    twigs: int
    eggs: list[int] = field(default_factory=list, init=False)


def test_dataclasses_sent_as_fields_come_back_equal() -> None:
    bulk.send_as_fields(_Heron)
    bulk.send_as_fields(_Nest)  # a field the constructor does not take: pickled as usual
    assert _Heron in bulk._AS_FIELDS and _Nest not in bulk._AS_FIELDS
    nest = _Nest(3)
    nest.eggs.append(2)

    def work(a: int, b: int) -> list[object]:
        return [_Heron(f"h{i}", i % 2 == 0) for i in range(a, b)] + [nest]

    first, second = in_two(work, 4, min_items=1) or ([], [])
    assert first == work(0, 2) and second == work(2, 4)
    assert isinstance(second[-1], _Nest) and second[-1].eggs == [2]


def test_two_process_comparisons_give_the_serial_first_pass(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from refmerge.dedupe import engine

    refs = _library()
    serial = find_duplicates(refs, Policy())
    assert len(serial.groups) >= 8
    monkeypatch.setattr(engine, "MIN_SPLIT_PAIRS", 1)
    split = find_duplicates(refs, Policy())
    assert split == serial
    # a pair compared in the child comes back with its verdict and score only; the groups
    # and review pairs above still carry the reasons and levels of the serial run
    keys = all_match_keys(refs)
    judged = engine._judged(keys, list(range(len(refs))), Policy(), None, set(), set())
    monkeypatch.setattr(engine, "MIN_SPLIT_PAIRS", 10**9)
    whole = engine._judged(keys, list(range(len(refs))), Policy(), None, set(), set())
    assert [j[:4] for j in judged] == [j[:4] for j in whole]
    assert all(c is not None for *_, c in whole)
    sent_back = [c is None for *_, c in judged]
    assert any(sent_back) and not all(sent_back)  # the child's part, after the parent's
    assert sent_back == sorted(sent_back)
    child_pairs = {(a, b) for a, b, _, _, c in judged if c is None}
    assert any(
        (g.members[x], g.members[y]) in child_pairs
        for g in split.groups
        for x in range(len(g.members))
        for y in range(x + 1, len(g.members))
    )  # some group was found by a pair compared in the child


@settings(max_examples=15, deadline=None)
@given(st.randoms(use_true_random=False), st.integers(min_value=1, max_value=50))
def test_the_first_pass_does_not_depend_on_the_order_of_its_pairs(
    rnd: random.Random, review_limit: int
) -> None:
    """The two halves of the compared pairs are joined in the serial order, but the result
    must not rest on that: matches and version edges are sorted by score and content rank
    and the review pairs are the highest-scored, whatever the order they came in."""
    from refmerge.dedupe import engine

    refs = _library()
    # copies by another person without a journal or pages: pairs for a person to review
    for n, r in enumerate(_library()[rnd.randint(0, 3) :: rnd.randint(1, 4)]):
        fields = {k: v for k, v in r.fields.items() if k not in ("journal", "volume", "pages")}
        fields["author"] = "Brightwater, Celadon"
        refs.append(Reference("article", f"c{n}", fields, Origin("b.bib", n + 1)))
    policy = Policy(review_limit=review_limit)
    serial = find_duplicates(refs, policy)
    assert serial.review_dropped or serial.review  # the bounded review list is exercised
    original = engine._judged

    def shuffled(*args: object, **kwargs: object) -> list[object]:
        out = original(*args, **kwargs)  # type: ignore[arg-type]
        rnd.shuffle(out)
        return out

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(engine, "_judged", shuffled)
        assert find_duplicates(refs, policy) == serial


def test_word_blocks_built_beside_the_rest_give_the_serial_pass(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A second process builds the blocks of rare title words while this one builds the
    other blocks, counts titles and versions and ranks the records: the blocks come in
    the serial order, the keys end with the flags a serial pass sets, and the result is
    the serial one."""
    from refmerge.dedupe import engine

    refs = _library()
    # one title alone on several records of two people: a column's name (column_title)
    for n in range(6):
        fields = {"title": "Editorial notes", "author": ["Quill, A.", "Brisk, B."][n % 2]}
        refs.append(Reference("article", f"c{n}", fields, Origin("a.bib", 100 + n)))
    serial_keys = all_match_keys(refs)
    serial = find_duplicates(refs, Policy(), serial_keys)
    serial_blocks = list(engine._blocks_and_facts(serial_keys, Policy(), None, None)[0].items())
    monkeypatch.setattr(engine, "MIN_SPLIT", 1)
    pids: list[int] = []
    real = engine.word_blocks
    monkeypatch.setattr(
        engine, "word_blocks", lambda keys, **kw: pids.append(os.getpid()) or real(keys, **kw)
    )
    split_keys = all_match_keys(refs)
    for k in split_keys:  # what a serial pass would overwrite: not left from before
        k.column_title, k.one_version = False, False
    split_blocks = list(engine._blocks_and_facts(split_keys, Policy(), None, None)[0].items())
    assert split_blocks == serial_blocks
    split = find_duplicates(refs, Policy(), split_keys)
    assert split == serial
    assert split_keys == serial_keys
    assert any(k.column_title for k in split_keys) and any(k.one_version for k in split_keys)
    assert any(k.title_count > 1 for k in split_keys)
    assert pids == []  # built in the child, not here


def test_clustering_does_not_test_again_a_pair_compare_accepted(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`compare` looks for a conflict before it accepts a pair, so clustering joins two
    records by their own accepted pair without a second test (nine in ten of its tests at
    100,000 entries); the pairs it does test are across groups, and the groups are the
    ones found before (`test_find_duplicates_*` above)."""
    from refmerge.dedupe import engine
    from refmerge.dedupe.compare import MATCH, compare

    refs = _library()
    keys = all_match_keys(refs)
    index = {id(k): n for n, k in enumerate(keys)}
    tested: list[tuple[int, int]] = []
    real = engine.conflict

    def counted(a: object, b: object, *rest: object) -> object:
        tested.append((index[id(a)], index[id(b)]))
        return real(a, b, *rest)  # type: ignore[arg-type]

    monkeypatch.setattr(engine, "conflict", counted)
    result = find_duplicates(refs, Policy(), keys)
    assert [len(g.members) for g in result.groups].count(3) >= 2
    accepted = {
        (x, y)
        for g in result.groups
        for x in g.members
        for y in g.members
        if x < y and compare(keys[x], keys[y], Policy()).verdict == MATCH
    }
    assert accepted
    assert not accepted & set(tested)
