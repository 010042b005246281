"""Where crossref parents must stand for BibTeX.

BibTeX reads entries in order and fills a child's missing fields from its `crossref`
parent only when the parent comes *after* the child (biber does not care). Merging can
move records around, so the merge output puts parents back after their children, and
`check` warns where a file has them the wrong way round.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from .model import Reference

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
    last_child: dict[int, int] = {}  # parent's index -> its last child's index
    for n, block in enumerate(blocks):
        if isinstance(block, Reference):
            parent = first_at.get(_parent_key(block))
            if parent is not None and parent != n:
                last_child[parent] = max(n, last_child.get(parent, -1))
    deferred = {p for p, child in last_child.items() if p < child}
    waiting: dict[int, list[int]] = {}
    for p in sorted(deferred):
        waiting.setdefault(last_child[p], []).append(p)
    out: list[B] = []
    done: set[int] = set()

    def emit(first: int) -> None:
        stack = [first]
        while stack:
            n = stack.pop()
            if n in done:
                continue
            done.add(n)
            out.append(blocks[n])
            stack.extend(reversed(waiting.pop(n, [])))

    for n in range(len(blocks)):
        if n not in deferred:
            emit(n)
    for n in sorted(deferred):  # parents in a cycle: no child of theirs was ever written
        emit(n)
    return out
