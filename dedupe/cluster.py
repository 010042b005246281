"""Clustering: groups from accepted pairs, never joining two records that conflict.

Plain connected components would let a chain A~B~C merge A and C even when they
carry different DOIs. Instead accepted pairs are applied strongest first (ties
broken by record content, not input order) and two groups are joined only if no
member of one conflicts with a member of the other (cannot-links).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Hashable, Iterable, Sequence


class ConstrainedUnion:
    """Union-find whose groups remember their members, for the cannot-link test.

    Members with the same `signature` (the facts cannot-links look at) conflict with
    exactly the same records, so a group keeps one representative per signature and a
    union tests representatives only: 2,000 exact copies cost one test, not millions.
    """

    def __init__(self, n: int, signature: Callable[[int], Hashable]) -> None:
        self.parent = list(range(n))
        self.members: dict[int, list[int]] = {}
        self.reps: dict[int, dict[Hashable, int]] = {}
        self.signature = signature

    def find(self, x: int) -> int:
        parent = self.parent
        root = x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:
            parent[x], x = root, parent[x]
        return root

    def _reps(self, root: int) -> dict[Hashable, int]:
        """The group's first member of each signature, in member order. Kept once made
        and merged on a union (the larger group's, then the other's new signatures: still
        the first of each in the joined member order), so two records joined alone, whose
        own test needs no signature, get theirs only if their group is tested again."""
        reps = self.reps.get(root)
        if reps is None:
            reps = {}
            for m in self.members.get(root, [root]):
                reps.setdefault(self.signature(m), m)
            self.reps[root] = reps
        return reps

    def try_union(
        self, a: int, b: int, conflicts: Callable[[int, int], str], force: bool = False
    ) -> str:
        """Join the groups of a and b unless some pair across them conflicts; return the reason.

        `force` (a person decided a and b are one work) skips the test.
        """
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return ""
        members = self.members
        ga, gb = members.get(ra), members.get(rb)
        if not force:
            if ga is None and gb is None:  # two records alone: the one pair
                why = conflicts(ra, rb)
                if why:
                    return why
            else:
                others = self._reps(rb).values()
                for x in self._reps(ra).values():
                    for y in others:
                        why = conflicts(x, y)
                        if why:
                            return why
        ga, gb = ga or [ra], gb or [rb]
        reps = self.reps
        reps_a = reps.pop(ra) if ra in reps else None
        reps_b = reps.pop(rb) if rb in reps else None
        if len(ga) < len(gb):
            ra, rb, ga, gb, reps_a, reps_b = rb, ra, gb, ga, reps_b, reps_a
        self.parent[rb] = ra
        ga.extend(gb)
        members[ra] = ga
        members.pop(rb, None)
        if reps_a is not None and reps_b is not None:
            for sig, rep in reps_b.items():
                reps_a.setdefault(sig, rep)
            reps[ra] = reps_a
        return ""

    def groups(self) -> list[list[int]]:
        return [sorted(m) for m in self.members.values() if len(m) > 1]


def cluster(
    n: int,
    edges: Iterable[tuple[float, int, int]],
    ranks: Sequence[int],
    conflicts: Callable[[int, int], str],
    signature: Callable[[int], Hashable],
    forced: Collection[tuple[int, int]] = (),
) -> tuple[list[tuple[list[int], tuple[float, int, int]]], list[tuple[int, int, str]]]:
    """Groups as (sorted members, weakest applied edge), and the pairs refused by a cannot-link.

    Edges are (score, i, j); strongest first, ties by content rank (input order never matters).
    """
    ordered = sorted(
        edges, key=lambda e: (-e[0], min(ranks[e[1]], ranks[e[2]]), max(ranks[e[1]], ranks[e[2]]))
    )
    uf = ConstrainedUnion(n, signature)
    refused: list[tuple[int, int, str]] = []
    weakest: dict[int, tuple[float, int, int]] = {}
    for score, a, b in ordered:
        ra, rb = uf.find(a), uf.find(b)
        if ra == rb:
            continue
        why = uf.try_union(a, b, conflicts, force=(a, b) in forced)
        if why:
            refused.append((a, b, why))
            continue
        edge = (score, a, b)
        for r in (ra, rb):
            if r in weakest:
                edge = min(edge, weakest.pop(r))
        weakest[uf.find(a)] = edge
    groups = [(members, weakest[uf.find(members[0])]) for members in uf.groups()]
    groups.sort(key=lambda g: g[0][0])
    return groups, refused
