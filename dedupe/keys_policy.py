"""Citation keys of merged output: keep existing keys, generate missing ones, make all unique.

Pure. Existing keys win over generated ones, and earlier records (the existing
library comes first) win a clash; the loser gets an a/b/c suffix. Every change
is recorded so the report can print the old -> new key map and `--rewrite-tex`
can rewrite exactly the keys whose meaning is unambiguous.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from refmerge.refs.keys import DEFAULT_TEMPLATE, make_key
from refmerge.refs.model import Reference

from .merge import Merged


class _FoldedKeys(set[str]):
    """Keys compared case-insensitively, as BibTeX and biber do."""

    def __contains__(self, key: object) -> bool:
        return super().__contains__(key.casefold() if isinstance(key, str) else key)

    def add(self, key: str) -> None:
        super().add(key.casefold())


_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def _suffix(n: int) -> str:
    """The n-th suffix of `refs.keys.unique_key`'s order: a..z, aa..zz, then -2, -3, ..."""
    if n < 26:
        return _LETTERS[n]
    if n < 26 + 26 * 26:
        return _LETTERS[(n - 26) // 26] + _LETTERS[(n - 26) % 26]
    return f"-{n - 26 - 26 * 26 + 2}"


class _Suffixer:
    """`unique_key` that remembers where each base stopped: linear for thousands of clashes."""

    def __init__(self, taken: _FoldedKeys) -> None:
        self.taken = taken
        self.next: dict[str, int] = {}

    def __call__(self, base: str) -> str:
        if base not in self.taken:
            return base
        n = self.next.get(base, 0)
        while base + _suffix(n) in self.taken:
            n += 1
        self.next[base] = n + 1
        return base + _suffix(n)


@dataclass(frozen=True, slots=True)
class KeyChange:
    """One input record whose key differs in the output."""

    index: int  # input index
    file: str
    line: int
    old: str
    new: str
    # "absorbed" | "renamed" (key taken by another work) | "generated" | "borrowed"
    reason: str


# Fields whose values are citation keys of other entries (BibTeX and biblatex).
KEY_FIELDS = ("crossref", "xref", "xdata", "related", "set", "entryset")
_KEY_FIELD_SET = frozenset(KEY_FIELDS)


@dataclass(slots=True)
class KeyPlan:
    """What key assignment changed, for the report and for `--rewrite-tex`."""

    changes: list[KeyChange] = field(default_factory=list)
    # (record key, field, old value, new value) for crossref/xdata/related values re-pointed.
    repointed: list[tuple[str, str, str, str]] = field(default_factory=list)
    # Absorbed keys that could not become `ids` aliases (already a key of another record).
    skipped_aliases: list[tuple[str, str]] = field(default_factory=list)  # (alias, record key)

    def tex_map(self, refs: Sequence[Reference], merged: Sequence[Merged]) -> dict[str, str]:
        """old -> new for keys that mean one output record only.

        A key that two different works used (one file's `smith2019` kept, another's
        renamed) stays as it is in .tex files: the existing library's meaning wins.
        """
        targets: dict[str, set[str]] = {}  # casefolded old key -> new keys
        spellings: set[str] = set()
        for m in merged:
            for i in m.members:
                if refs[i].key:
                    targets.setdefault(refs[i].key.casefold(), set()).add(m.record.key)
                    spellings.add(refs[i].key)
        out: dict[str, str] = {}
        for old in sorted(spellings):
            new = targets[old.casefold()]
            if len(new) == 1 and (only := next(iter(new))) != old:
                out[old] = only
        return out


def _split_ids(value: str) -> list[str]:
    return [k for k in re.split(r"\s*,\s*", value.strip()) if k]


def _repoint_key_fields(merged: Sequence[Merged], refs: Sequence[Reference], plan: KeyPlan) -> None:
    """Make crossref/xdata/related values follow renamed and absorbed keys.

    A key is looked up in the file the value came from, so `crossref = {proc}` in
    file B means B's `proc` even when file A has another `proc`.
    """
    # the records that name another (few or none): the table of every key is built only then
    naming = [m for m in merged if not _KEY_FIELD_SET.isdisjoint(m.record.fields)]
    if not naming:
        return
    where: dict[tuple[str, str], str] = {}
    for m in merged:
        for i in m.members:
            if refs[i].key:
                where.setdefault((refs[i].origin.file, refs[i].key.casefold()), m.record.key)
    for m in naming:
        for name in KEY_FIELDS:
            value = m.record.get(name)
            if not value.strip():
                continue
            choice = m.choices.get(name)
            source = refs[choice.sources[0] if choice else m.base].origin.file
            keys = _split_ids(value)
            new_keys = [where.get((source, k.casefold()), k) for k in keys]
            if new_keys != keys:
                new_value = ", ".join(dict.fromkeys(new_keys))
                plan.repointed.append((m.record.key, name, value, new_value))
                m.record.set(name, new_value)


def assign_keys(
    merged: Sequence[Merged],
    refs: Sequence[Reference],
    template: str = DEFAULT_TEMPLATE,
    ids: bool = False,
) -> KeyPlan:
    """Give every output record a unique key (in place on `m.record`) and return the changes.

    With `ids`, the absorbed keys are added to the biblatex `ids` field so `\\cite{old}`
    keeps working with biber (unless the old key now names another record).
    """
    taken = _FoldedKeys()
    unique = _Suffixer(taken)
    plan = KeyPlan()
    # Every key that is free keeps it first, so a renamed clash never displaces another
    # record's own key (file B's `chen2008` becomes `chen2008b`, not B's `chen2008a`).
    clashes: list[Merged] = []
    for m in merged:
        key = m.record.key
        if key and key not in taken:
            taken.add(key)
        elif key:
            clashes.append(m)
    for m in clashes:
        m.record.key = unique(m.record.key)
        taken.add(m.record.key)
    for m in merged:
        if not m.record.key:
            m.record.key = unique(make_key(m.record, template))
            taken.add(m.record.key)

    for m in merged:
        for i in m.members:
            old, new = refs[i].key, m.record.key
            if old == new:
                continue
            if i != m.base:
                reason = "absorbed"
            elif old:
                reason = "renamed"
            elif any(refs[j].key == new for j in m.members):
                reason = "borrowed"  # a keyless base took an absorbed member's key
            else:
                reason = "generated"
            origin = refs[i].origin
            plan.changes.append(KeyChange(i, origin.file, origin.line, old, new, reason))

    _repoint_key_fields(merged, refs, plan)
    # `ids` aliases must not name another record or another record's alias (biber stops on
    # both). Single records keep theirs untouched; merged ones get the union of their
    # members' aliases, plus (with --ids) the absorbed keys.
    aliases = _FoldedKeys()
    for m in merged:
        if len(m.members) == 1:
            for alias in _split_ids(m.record.get("ids")):
                aliases.add(alias)
    for m in merged:
        if len(m.members) == 1:
            continue
        wanted = _split_ids(m.record.get("ids"))
        if ids:
            wanted += [refs[i].key for i in m.absorbed if refs[i].key]
        kept: list[str] = []
        for alias in wanted:
            if alias.casefold() == m.record.key.casefold() or alias in kept:
                continue
            if alias in taken or alias in aliases:
                plan.skipped_aliases.append((alias, m.record.key))
                continue
            aliases.add(alias)
            kept.append(alias)
        if kept:
            if ", ".join(kept) != m.record.get("ids"):
                m.record.set("ids", ", ".join(kept))
        elif "ids" in m.record.fields:
            del m.record.fields["ids"]
    return plan
