"""Clustering: groups from accepted pairs, never joining two records that conflict.

Plain connected components would let a chain A~B~C merge A and C even when they
carry different DOIs. Instead accepted pairs are applied strongest first (ties
broken by record content, not input order) and two groups are joined only if no
member of one conflicts with a member of the other (cannot-links).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence


class ConstrainedUnion:
    """Union-find whose groups remember their members, for the cannot-link test."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))
        self.members: dict[int, list[int]] = {}

    def find(self, x: int) -> int:
        parent = self.parent
        root = x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:
            parent[x], x = root, parent[x]
        return root

    def group(self, root: int) -> list[int]:
        return self.members.get(root, [root])

    def try_union(self, a: int, b: int, conflicts: Callable[[int, int], str]) -> str:
        """Join the groups of a and b unless some pair across them conflicts; return the reason."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return ""
        ga, gb = self.group(ra), self.group(rb)
        for x in ga:
            for y in gb:
                if (x, y) == (a, b) or (x, y) == (b, a):
                    continue
                why = conflicts(x, y)
                if why:
                    return why
        if len(ga) < len(gb):
            ra, rb, ga, gb = rb, ra, gb, ga
        self.parent[rb] = ra
        self.members[ra] = ga + gb
        self.members.pop(rb, None)
        return ""

    def groups(self) -> list[list[int]]:
        return [sorted(m) for m in self.members.values() if len(m) > 1]


def cluster(
    n: int,
    edges: Iterable[tuple[float, int, int]],
    ranks: Sequence[int],
    conflicts: Callable[[int, int], str],
) -> tuple[list[tuple[list[int], tuple[float, int, int]]], list[tuple[int, int, str]]]:
    """Groups as (sorted members, weakest applied edge), and the pairs refused by a cannot-link.

    Edges are (score, i, j); strongest first, ties by content rank (input order never matters).
    """
    ordered = sorted(
        edges, key=lambda e: (-e[0], min(ranks[e[1]], ranks[e[2]]), max(ranks[e[1]], ranks[e[2]]))
    )
    uf = ConstrainedUnion(n)
    refused: list[tuple[int, int, str]] = []
    weakest: dict[int, tuple[float, int, int]] = {}
    for score, a, b in ordered:
        ra, rb = uf.find(a), uf.find(b)
        if ra == rb:
            continue
        why = uf.try_union(a, b, conflicts)
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
