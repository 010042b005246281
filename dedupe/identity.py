"""Which records a remembered decision names, when keys alone would not say it.

A decisions file written by `refmerge review` names each record by key, file and a
content fingerprint. Keys change when a reference manager exports the library again
(Zotero and Mendeley generate them), and one key can sit in two files; the content
does not change with either. So a decided record is found by its fingerprint first,
then by key within a file of the same name, then by key alone (as plain
`a != b` lines always were). Pure: no I/O.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from refmerge.refs.model import Reference
from refmerge.refs.normalize import MatchKeys

from .policy import DIFFERENT, SAME, VERSIONS, Decisions, RecordId

Pair = tuple[int, int]


def _file_name(path: str) -> str:
    """The last part of a path as written (folders differ between machines and runs)."""
    return path.replace("\\", "/").rsplit("/", 1)[-1]


# Stand-ins for people, not people: exports cut author lists at different lengths
# ("et al.", "and others") and some write "Anonymous" where others leave the field empty.
NOT_PEOPLE = frozenset({"al", "others", "anonymous", "anon"})


def fingerprint(keys: MatchKeys) -> str:
    """12 hex digits over the normalised facts that say which work a record is.

    Built from the match keys (folded title, first author's surname, year, identifiers,
    volume, issue, first page), not from the raw text, so re-exporting, re-bracing or
    re-keying a record leaves it unchanged, while correcting one of those facts makes it a
    new record. Only the first surname counts: exports cut long author lists at different
    lengths (the respiratory set's CSV ends ten lists with "et al." where its EndNote XML
    lists the ten names; Vancouver style cuts at six), and the title with the rest tells
    works apart (docs/review.md has the figures).
    """
    people = [s for s in keys.surnames if s not in NOT_PEOPLE]
    parts = (
        keys.title,
        people[0] if people else "",
        str(keys.year or ""),
        " ".join(keys.dois),
        keys.pmid,
        keys.arxiv,
        " ".join(keys.isbns),
        keys.volume,
        keys.issue,
        keys.page_first,
    )
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:12]


def record_id(ref: Reference, keys: MatchKeys) -> RecordId:
    """How a decisions file names this record."""
    return RecordId(ref.key, ref.origin.file, ref.origin.line, fingerprint(keys))


@dataclass
class Resolved:
    """Decided index pairs (i < j): never merged, always merged, kept apart as versions."""

    apart: set[Pair] = field(default_factory=set)
    together: set[Pair] = field(default_factory=set)
    versions: set[Pair] = field(default_factory=set)

    def __bool__(self) -> bool:
        return bool(self.apart or self.together or self.versions)


def _pairs(groups: Sequence[Sequence[int]]) -> set[Pair]:
    out: set[Pair] = set()
    for n, first in enumerate(groups):
        for second in groups[n + 1 :]:
            for i in first:
                for j in second:
                    if i != j:
                        out.add((min(i, j), max(i, j)))
    return out


def resolve(
    decisions: Decisions, refs: Sequence[Reference], keys_of: Callable[[int], MatchKeys]
) -> Resolved:
    """The index pairs every decision names among these records (empty when none apply)."""
    out = Resolved()
    if not (
        decisions.not_duplicates
        or decisions.duplicates
        or decisions.versions
        or decisions.identified
    ):
        return out
    by_key: dict[str, list[int]] = {}
    for i, ref in enumerate(refs):
        if ref.key:
            by_key.setdefault(ref.key, []).append(i)
    target = {DIFFERENT: out.apart, SAME: out.together, VERSIONS: out.versions}
    for verdict, pairs in (
        (DIFFERENT, decisions.not_duplicates),
        (SAME, decisions.duplicates),
        (VERSIONS, decisions.versions),
    ):
        for pair in pairs:
            if len(pair) == 2:
                target[verdict] |= _pairs([by_key.get(k, []) for k in sorted(pair)])
    if not decisions.identified:
        return out
    by_print: dict[str, list[int]] = {}
    if any(r.fingerprint for d in decisions.identified for r in d.records):
        for i in range(len(refs)):
            by_print.setdefault(fingerprint(keys_of(i)), []).append(i)

    def narrow(rid: RecordId, found: list[int]) -> list[int]:
        """Those of `found` with the decision's key in a file of its name, else its key."""
        same_key = [i for i in found if rid.key and refs[i].key == rid.key]
        name = _file_name(rid.file)
        in_file = [i for i in same_key if _file_name(refs[i].origin.file) == name]
        return in_file or same_key

    def find(rid: RecordId) -> list[int]:
        hits = by_print.get(rid.fingerprint, []) if rid.fingerprint else []
        if len(hits) > 1:  # records alike in every fact (three "Editor's notes" of one year)
            return narrow(rid, hits) or hits
        return hits or narrow(rid, by_key.get(rid.key, []) if rid.key else [])

    for decided in decisions.identified:
        target[decided.verdict] |= _pairs([find(r) for r in decided.records])
    return out
