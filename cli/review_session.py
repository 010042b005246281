"""The state of a review: what is left to decide, what was decided, and the file it is in.

Shared by the screen (cli/review_tui.py), the plain prompt (cli/review_cmd.py) and the
HTML report (cli/html_report.py), so the three show the same comparison and the screen
and the prompt cannot save decisions differently.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from refmerge.dedupe.policy import DIFFERENT, NO_KEY, SAME, VERSIONS
from refmerge.refs.model import Reference

from .output import write_atomic

if TYPE_CHECKING:  # the engine loads with the data, after the screen has opened
    from refmerge.dedupe.engine import DedupeResult

SKIP = "skip"  # not a decision: the item stays to decide
VERDICTS = {"m": SAME, "d": DIFFERENT, "v": VERSIONS}
VERDICT_WORDS = {SAME: "same work", DIFFERENT: "different works", VERSIONS: "versions"}
HEADER = """\
# refmerge decisions (see docs/review.md). One per line: 'a == b' same work (merged),
# 'a != b' different works (never merged), 'a ~= b' versions (kept apart, linked).
# 'refmerge review' adds '#@ fp:FINGERPRINT FILE:LINE' for each record, so a later export
# with new keys still matches; '?' stands for a record without a key.
"""
# Fields first in this order; the rest alphabetically.
FIELD_ORDER = (
    "title", "author", "editor", "year", "date", "journal", "journaltitle", "booktitle",
    "volume", "number", "issue", "pages", "publisher", "doi", "eprint", "isbn", "url",
)  # fmt: skip
_SAFE_KEY = re.compile(r"[^\s#=!~|]+")


@dataclass
class Item:
    """One thing to decide: a review pair or a version group (indices into the records)."""

    kind: str  # "pair" or "versions"
    members: list[int]
    score: float
    reasons: list[str]


@dataclass
class Row:
    """One field across the records of an item."""

    name: str
    values: list[str]
    differs: bool


def _fold(value: str) -> str:
    return " ".join(value.replace("{", "").replace("}", "").split()).casefold()


def field_rows(refs: Sequence[Reference], members: Sequence[int]) -> list[Row]:
    """Every field any member has, known fields first; `differs` when the folded values do."""
    names: set[str] = set()
    for m in members:
        names.update(refs[m].fields)
    ordered = [n for n in FIELD_ORDER if n in names] + sorted(names - set(FIELD_ORDER))
    rows = []
    for name in ordered:
        values = [refs[m].get(name) for m in members]
        rows.append(Row(name, values, len({_fold(v) for v in values}) > 1))
    return rows


def build_queue(result: DedupeResult, refs: Sequence[Reference]) -> list[Item]:
    """Review pairs and version groups not yet decided, closest call (highest score) first."""
    done = result.decided.apart | result.decided.together | result.decided.versions
    items = [Item("pair", [r.a, r.b], r.score, list(r.reasons)) for r in result.review]
    for g in result.versions:
        pairs = {(a, b) for n, a in enumerate(g.members) for b in g.members[n + 1 :]}
        if not pairs <= done:
            items.append(Item("versions", list(g.members), g.score, list(g.reasons)))
    # pairs nearest to being merged first; version groups (a clearer kind of call) after
    items.sort(key=lambda it: (it.kind != "pair", -it.score, it.members))
    return items


def label(ref: Reference) -> str:
    return ref.key or str(ref.origin)


def decision_line(refs: Sequence[Reference], members: Sequence[int], verdict: str) -> str:
    """`k1 OP k2  #@ fp:F file:line | fp:F file:line`: readable by older refmerge as keys."""
    from refmerge.dedupe.identity import record_id
    from refmerge.refs.normalize import match_keys

    ids = [record_id(refs[m], match_keys(refs[m])) for m in members]
    keys = [r.key if r.key and _SAFE_KEY.fullmatch(r.key) else NO_KEY for r in ids]
    note = " | ".join(f"fp:{r.fingerprint} {r.file}:{r.line}" for r in ids)
    return f"{f' {verdict} '.join(keys)}  #@ {note}"


@dataclass
class Session:
    """The queue, the decisions made in this run, and the file they are saved to.

    The file is rewritten whole through a temporary file and a rename after every
    decision and every undo: it always holds what was there before this run plus each
    decision made so far, never half a line.
    """

    items: list[Item]
    refs: Sequence[Reference]
    path: Path
    base_text: str = ""
    position: int = 0
    verdicts: dict[int, str] = field(default_factory=dict)  # item -> verdict (or SKIP)
    history: list[int] = field(default_factory=list)  # items in the order acted on
    lines: dict[int, str] = field(default_factory=dict)  # item -> its line in the file

    @classmethod
    def open(cls, items: list[Item], refs: Sequence[Reference], path: Path) -> Session:
        base = path.read_text(encoding="utf-8") if path.is_file() else ""
        session = cls(items, refs, path, base)
        session.position = session._next_open(0)
        return session

    # ------------------------------------------------------------------ state
    def current(self) -> Item | None:
        return self.items[self.position] if 0 <= self.position < len(self.items) else None

    def left(self) -> int:
        return sum(1 for n in range(len(self.items)) if self.verdicts.get(n, SKIP) == SKIP)

    def decided(self) -> int:
        return len(self.items) - self.left()

    def progress(self) -> str:
        return f"{self.left()} of {len(self.items)} left"

    def _open(self, n: int) -> bool:
        return n not in self.verdicts

    def _next_open(self, start: int) -> int:
        """The first item from `start` on (wrapping) not acted on; then skipped ones; else -1."""
        count = len(self.items)
        order: list[int] = [*range(start, count), *range(0, start)]
        for n in order:
            if self._open(n):
                return n
        for n in order:
            if self.verdicts.get(n) == SKIP:
                return n
        return -1

    # ------------------------------------------------------------------ actions
    def decide(self, verdict: str) -> None:
        """Record a verdict for the current item, save, and move on."""
        item = self.current()
        if item is None:
            return
        n = self.position
        self.verdicts[n] = verdict
        self.history = [h for h in self.history if h != n]  # deciding again replaces
        self.history.append(n)
        had_line = self.lines.pop(n, None) is not None
        if verdict != SKIP:
            self.lines[n] = decision_line(self.refs, item.members, verdict)
        if verdict != SKIP or had_line:
            self.save()
        self.position = self._next_open((n + 1) % len(self.items))

    def skip(self) -> None:
        self.decide(SKIP)

    def undo(self) -> bool:
        """Take back the last action (its line leaves the file); show that item again."""
        if not self.history:
            return False
        n = self.history.pop()
        self.verdicts.pop(n, None)
        if self.lines.pop(n, None) is not None:
            self.save()
        self.position = n
        return True

    def jump(self, number: int) -> bool:
        """Show item `number` (1-based, as the screen counts)."""
        if 1 <= number <= len(self.items):
            self.position = number - 1
            return True
        return False

    def search(self, text: str) -> bool:
        """Show the next item (after the current one) whose records mention `text` in their
        key, file:line or any field value; case-insensitive."""
        needle = text.casefold().strip()
        if not needle or not self.items:
            return False
        count = len(self.items)
        for step in range(1, count + 1):
            n = (self.position + step) % count
            for m in self.items[n].members:
                ref = self.refs[m]
                hay = [ref.key, str(ref.origin), *ref.fields.values()]
                if any(needle in h.casefold() for h in hay):
                    self.position = n
                    return True
        return False

    def text(self) -> str:
        """The decisions file as it stands: what was there, then this run's decisions."""
        body = self.base_text
        if self.lines:
            if not body.strip():
                body = HEADER
            elif not body.endswith("\n"):
                body += "\n"
        order = [n for n in self.history if n in self.lines]
        return body + "".join(self.lines[n] + "\n" for n in order)

    def save(self) -> None:
        write_atomic(self.path, self.text())

    # ------------------------------------------------------------------ description
    def heading(self) -> str:
        item = self.current()
        if item is None:
            return f"nothing left to decide; decisions are in {self.path}"
        what = "review pair" if item.kind == "pair" else "version group"
        state = self.verdicts.get(self.position)
        done = f" · decided: {VERDICT_WORDS.get(state, state)}" if state else ""
        return (
            f"{what} {self.position + 1} of {len(self.items)} · score {item.score:.0f} · "
            f"{self.progress()}{done}"
        )
