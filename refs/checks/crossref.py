"""Where crossref parents must stand for BibTeX.

BibTeX reads entries in order and fills a child's missing fields from its `crossref`
parent only when the parent comes *after* the child (biber does not care). Merging can
move records around, so the merge output puts parents back after their children, and
`check` warns where a file has them the wrong way round.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from ..model import Reference

B = TypeVar("B")


def _parent_key(ref: Reference) -> str:
    value = ref.get("crossref").strip()
    return value.casefold() if value and "," not in value else ""


def parents_before_children(refs: Sequence[Reference]) -> list[tuple[Reference, Reference]]:
    """(child, parent) pairs where the parent stands before the child."""
    first_at: dict[str, int] = {}
    for n, ref in enumerate(refs):
        first_at.setdefault(ref.key.casefold(), n)
    out = []
    for n, ref in enumerate(refs):
        parent = _parent_key(ref)
        where = first_at.get(parent) if parent else None
        if where is not None and where < n:
            out.append((ref, refs[where]))
    return out


def parents_last(blocks: Sequence[B]) -> list[B]:
    """The blocks with each crossref parent moved just after its last child, the rest in
    their order (chains too; the entries of a crossref cycle keep their order)."""
    first_at: dict[str, int] = {}
    for n, block in enumerate(blocks):
        if isinstance(block, Reference):
            first_at.setdefault(block.key.casefold(), n)
    parent_of: dict[int, int] = {}
    remaining: dict[int, int] = {}  # a parent's children not written yet
    for n, block in enumerate(blocks):
        if isinstance(block, Reference):
            parent = first_at.get(_parent_key(block))
            if parent is not None and parent != n:
                parent_of[n] = parent
                remaining[parent] = remaining.get(parent, 0) + 1
    out: list[B] = []
    written: set[int] = set()
    waiting: set[int] = set()

    def write(first: int) -> None:
        n: int | None = first
        while n is not None and n not in written:
            written.add(n)
            out.append(blocks[n])
            parent = parent_of.get(n)
            n = None
            if parent is not None:
                remaining[parent] -= 1
                if remaining[parent] == 0 and parent in waiting:
                    n = parent  # its last child is written: the parent follows

    for n in range(len(blocks)):
        if remaining.get(n, 0) > 0:
            waiting.add(n)  # a child still to come: wait for it
        else:
            write(n)
    for n in sorted(waiting - written):  # parents in a cycle: their children wait on them
        write(n)
    return out
