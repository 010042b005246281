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

from refmerge.refs.model import Reference
from refmerge.refs.normalize import MatchKeys, match_keys

from .compare import Code, conflict
from .engine import Group, find_duplicates
from .merge import Merged, merge_all
from .policy import Decisions, Policy

PASSES = 3  # each pass that finds something is followed by one more look


def merge_settled(
    refs: Sequence[Reference],
    groups: Sequence[Group],
    priority: Sequence[int] | None,
    policy: Policy,
    apart: Collection[tuple[int, int]] = (),
) -> tuple[list[Group], list[Merged]]:
    """The groups after the second look, and their merged records (input order).

    `apart` are the index pairs decided not duplicates (`DedupeResult.decided.apart`),
    which name records by file and fingerprint where keys cannot."""
    current = [
        Group(list(g.members), g.score, list(g.reasons), list(g.codes), dict(g.levels))
        for g in groups
    ]
    merged = merge_all(refs, [g.members for g in current], priority)
    keys: dict[int, MatchKeys] = {}
    # the merged records are compared as they are; decisions apply to the records as read
    second_policy = dataclasses.replace(policy, decisions=Decisions())
    for _ in range(PASSES):
        found = find_duplicates([m.record for m in merged], second_policy).groups
        joined = _join(refs, current, merged, found, policy, keys, apart)
        if joined is None:
            break
        current = joined
        merged = merge_all(refs, [g.members for g in current], priority)
    return current, merged


def _join(
    refs: Sequence[Reference],
    current: list[Group],
    merged: list[Merged],
    found: list[Group],
    policy: Policy,
    keys: dict[int, MatchKeys],
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
    keys: dict[int, MatchKeys],
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
            kx = keys.get(x) or keys.setdefault(x, match_keys(refs[x]))
            ky = keys.get(y) or keys.setdefault(y, match_keys(refs[y]))
            found = conflict(kx, ky)
            if found is not None and not (policy.merge_versions and found.code == Code.VERSIONS):
                return False
    return True
