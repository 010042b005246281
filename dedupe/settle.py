"""A second look after merging, so that `merge` run on its own output changes nothing.

A merged record is more complete than each of its members (pages from one, volume from
another), so it can match a copy that none of them matched alone. The merged records are
therefore compared once more, and groups they join are merged together. The cannot-links
hold for the records as they were read: a join is refused when any two original records
across it conflict, or when a person declared two of them not duplicates.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Sequence

from refmerge.refs.bulk import in_two, parent_share, send_as_fields
from refmerge.refs.model import Reference
from refmerge.refs.normalize import MatchKeys, match_keys

from .compare import Code, conflict
from .engine import Group, find_duplicates
from .merge import Choice, Conflict, Merged, copy_record, merge_all, merge_group
from .policy import Decisions, Policy

PASSES = 3  # each pass that finds something is followed by one more look


def merge_settled(
    refs: Sequence[Reference],
    groups: Sequence[Group],
    priority: Sequence[int] | None,
    policy: Policy,
    apart: Collection[tuple[int, int]] = (),
    first_keys: Sequence[MatchKeys] | None = None,
) -> tuple[list[Group], list[Merged]]:
    """The groups after the second look, and their merged records (input order).

    `apart` are the index pairs decided not duplicates (`DedupeResult.decided.apart`),
    which name records by file and fingerprint where keys cannot. `first_keys` are the
    match keys of `refs` when the caller has them (`all_match_keys`): a record that was
    not merged is unchanged, so its keys are reused (the engine resets their title
    counts for the merged library)."""
    current = [
        Group(list(g.members), g.score, list(g.reasons), list(g.codes), dict(g.levels))
        for g in groups
    ]
    merged = _merge_all(refs, current, priority, [])
    keys: _Keys = _Keys(refs, first_keys)
    # the keys of a merged record, by its members: a group that did not change in a pass
    # is merged alike, so its keys are computed once
    merged_keys: dict[tuple[int, ...], MatchKeys] = {}
    # the merged records are compared as they are; decisions apply to the records as read
    second_policy = dataclasses.replace(policy, decisions=Decisions())
    for _ in range(PASSES):
        records = [m.record for m in merged]
        _add_merged_keys(merged, merged_keys)
        record_keys = [_keys_of(m, keys, merged_keys) for m in merged]
        # Two records that were not merged were compared in the first pass, as they are:
        # only pairs with a merged record can find something new.
        among = {i for i, m in enumerate(merged) if len(m.members) > 1}
        found = find_duplicates(records, second_policy, record_keys, among).groups
        joined = _join(refs, current, merged, found, policy, keys, apart)
        if joined is None:
            break
        current = joined
        merged = _merge_all(refs, current, priority, merged)
    return current, merged


# merged records come back from a second process with their choices and conflicts
for _sent in (Merged, Choice, Conflict):
    send_as_fields(_sent)

# Merging a group costs about half a millisecond: a second process pays for itself from a
# thousand groups on (0.5 s; refs/bulk.py), and `check` or a small merge never forks.
MIN_SPLIT_GROUPS = 1_000
# the child also pickles its merged records, and the keys it makes of them (at 300,000
# entries: 1.0 s for half of 13.3 s of merging, 0.23 s for half of 3.5 s of keys)
_MERGE_SHARE = parent_share(13.3, 2.0)
_KEYS_SHARE = parent_share(3.5, 0.46)


def _merge_all(
    refs: Sequence[Reference],
    groups: Sequence[Group],
    priority: Sequence[int] | None,
    previous: Sequence[Merged],
) -> list[Merged]:
    """`merge_all` of the groups, reusing the merged records of `previous` (the last pass)
    whose members did not change: merging is a pure function of the members, and a pass
    joins few groups. A large number of new groups is merged on two cores."""
    if not previous:
        todo = [g.members for g in groups]
        if len(todo) < MIN_SPLIT_GROUPS:
            return merge_all(refs, todo, priority)
        known: dict[tuple[int, ...], Merged] = {}
    else:
        known = {tuple(m.members): m for m in previous}
        todo = [g.members for g in groups if tuple(g.members) not in known]
    fresh = _merge_groups(refs, todo, priority)
    new = {tuple(m.members): m for m in fresh}
    results = [known.get(tuple(g.members)) or new[tuple(g.members)] for g in groups]
    grouped = {i for g in groups for i in g.members}
    if previous:  # a record alone now was alone before: its copy is reused
        results += [m for m in previous if len(m.members) == 1 and m.base not in grouped]
    else:
        # (what `merge_group` gives one record, without ranking a group of one)
        results += [
            Merged(copy_record(refs[i]), [i], i) for i in range(len(refs)) if i not in grouped
        ]
    results.sort(key=lambda m: m.base)
    return results


def _merge_groups(
    refs: Sequence[Reference], groups: Sequence[Sequence[int]], priority: Sequence[int] | None
) -> list[Merged]:
    """`merge_group` of each group, in order; with many groups the second half is merged
    by a second process, its records sent back without their absorbed originals (the
    parent has them)."""

    def merged(start: int, end: int) -> list[Merged]:
        return [merge_group(refs, g, priority) for g in groups[start:end]]

    def sent(start: int, end: int) -> list[Merged]:
        out = merged(start, end)
        for m in out:
            m.record.absorbed = []
        return out

    halves = in_two(sent, len(groups), MIN_SPLIT_GROUPS, _MERGE_SHARE)
    if halves is None:
        return merged(0, len(groups))
    out = halves[0] + halves[1]
    for m in out:
        m.record.absorbed = [refs[i] for i in m.absorbed]
    return out


class _Keys:
    """The match keys of the records as read, by index: the first pass's when given,
    else computed when first asked for."""

    def __init__(self, refs: Sequence[Reference], first: Sequence[MatchKeys] | None) -> None:
        self.refs = refs
        self.first = first
        self.computed: dict[int, MatchKeys] = {}

    def __getitem__(self, x: int) -> MatchKeys:
        if self.first is not None:
            return self.first[x]
        found = self.computed.get(x)
        if found is None:
            found = self.computed[x] = match_keys(self.refs[x])
        return found


def _add_merged_keys(
    merged: Sequence[Merged], merged_keys: dict[tuple[int, ...], MatchKeys]
) -> None:
    """The keys of the merged records not seen in an earlier pass, into `merged_keys`;
    many are computed on two cores (refs/bulk.py)."""
    todo = [m for m in merged if len(m.members) > 1 and tuple(m.members) not in merged_keys]

    def computed(start: int, end: int) -> list[MatchKeys]:
        return [match_keys(m.record) for m in todo[start:end]]

    halves = in_two(computed, len(todo), share=_KEYS_SHARE)
    found = halves[0] + halves[1] if halves else computed(0, len(todo))
    for m, k in zip(todo, found, strict=True):
        merged_keys[tuple(m.members)] = k


def _keys_of(
    m: Merged,
    keys: _Keys,
    merged_keys: dict[tuple[int, ...], MatchKeys],
) -> MatchKeys:
    if len(m.members) == 1:
        return keys[m.members[0]]
    members = tuple(m.members)
    found = merged_keys.get(members)
    if found is None:
        found = merged_keys[members] = match_keys(m.record)
    return found


def _join(
    refs: Sequence[Reference],
    current: list[Group],
    merged: list[Merged],
    found: list[Group],
    policy: Policy,
    keys: _Keys,
    apart: Collection[tuple[int, int]] = (),
) -> list[Group] | None:
    """The groups with the second look's joins applied, or None when nothing joins."""
    group_of = {tuple(g.members): g for g in current}
    replaced: set[tuple[int, ...]] = set()
    new: list[Group] = []
    for link in found:
        first = merged[link.members[0]]
        members = list(first.members)
        old = group_of.get(tuple(first.members))
        reasons = list(old.reasons) if old else []
        codes = list(old.codes) if old else []
        score = old.score if old else link.score
        took = False
        for o in link.members[1:]:
            other = merged[o].members
            if not _compatible(refs, members, other, policy, keys, apart):
                continue
            members += other
            took = True
            other_group = group_of.get(tuple(other))
            if other_group is not None:
                replaced.add(tuple(other))
                score = min(score, other_group.score)
        if took:
            replaced.add(tuple(first.members))
            reasons.append("after merging: " + ", ".join(link.reasons))
            codes += [c for c in link.codes if c not in codes]
            new.append(Group(sorted(members), min(score, link.score), reasons, codes))
    if not new:
        return None
    kept = [g for g in current if tuple(g.members) not in replaced]
    return sorted([*kept, *new], key=lambda g: g.members[0])


def _compatible(
    refs: Sequence[Reference],
    a: Sequence[int],
    b: Sequence[int],
    policy: Policy,
    keys: _Keys,
    apart: Collection[tuple[int, int]] = (),
) -> bool:
    """No two original records across the join conflict or were declared different
    (versions of one work join only under --merge-versions)."""
    for x in a:
        for y in b:
            if frozenset((refs[x].key, refs[y].key)) in policy.decisions.not_duplicates:
                return False
            if apart and (min(x, y), max(x, y)) in apart:
                return False
            found = conflict(keys[x], keys[y])
            if found is not None and not (policy.merge_versions and found.code == Code.VERSIONS):
                return False
    return True
