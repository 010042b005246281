"""`refmerge review`: settle the grey zone one decision at a time, each saved at once.

The engine leaves pairs it is unsure of, and preprint/published versions, to a person.
This command shows them closest call first and writes every decision to the decisions
file the moment it is made (atomically), so quitting or a crash loses nothing and the
next run starts where the last one stopped. The screen (cli/review_tui.py, textual) is
imported only here and only on a terminal, so other commands start no slower.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, TextIO

import typer

from refmerge.dedupe.engine import DedupeResult, find_duplicates
from refmerge.dedupe.identity import record_id
from refmerge.dedupe.policy import DIFFERENT, NO_KEY, SAME, VERSIONS, Decisions, Policy
from refmerge.refs.formats.registry import FORMATS
from refmerge.refs.model import Reference
from refmerge.refs.normalize import match_keys

from .config import DECISIONS_FILE, ConfigError, matching_settings
from .inputs import load_inputs
from .output import write_atomic

EXAMPLES = """Examples:

  refmerge review refs.bib                       # the screen: one key per decision

  refmerge review a.bib b.ris --decisions protocol.decisions

  refmerge review refs.bib --no-tui              # a plain prompt (also when not on a terminal)

Keys: m same work (merge), d different works, v versions (keep apart, linked), s skip,
u undo, / search, g jump, q quit. Each decision is in the decisions file at once.
"""

UNREADABLE_CODES = frozenset({"RM001", "RM002", "RM101", "RM107"})  # as `dupes`: partial view
SKIP = "skip"
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


# ---------------------------------------------------------------------- plain prompt

PROMPT = "[m] same work  [d] different  [v] versions  [s] skip  [u] undo  [/text] search  [g N] jump  [q] quit > "


def describe(session: Session, width: int = 38) -> str:
    """The current item as plain text: heading, reasons, and the fields side by side."""
    item = session.current()
    if item is None:
        return session.heading()
    refs = session.refs
    out = [session.heading(), "reasons: " + "; ".join(item.reasons)]
    cols = [f"{label(refs[m])} ({refs[m].origin})" for m in item.members]
    out.append(f"{'':>14}  " + "  ".join(f"{c[:width]:<{width}}" for c in cols))
    for row in field_rows(refs, item.members):
        mark = "≠" if row.differs else " "
        cells = [(v or "—").replace("\n", " ") for v in row.values]
        first = "  ".join(f"{c[:width]:<{width}}" for c in cells)
        out.append(f"{mark}{row.name:>13}  {first}".rstrip())
    return "\n".join(out)


def run_prompt(session: Session, stdin: TextIO, stdout: TextIO) -> None:
    """The line-by-line form of the screen: one command per line, end of input quits."""
    while True:
        print(describe(session), file=stdout)
        if session.current() is None:
            return
        print(PROMPT, end="", file=stdout, flush=True)
        line = stdin.readline()
        if not line:
            print(file=stdout)
            return
        command = line.strip()
        message = handle(session, command)
        if message == "quit":
            return
        if message:
            print(message, file=stdout)
        print(file=stdout)


def handle(session: Session, command: str) -> str:
    """Apply one typed command; return a message for the user ('quit' to stop)."""
    word = command.lower()
    if word in ("q", "quit"):
        return "quit"
    if word in VERDICTS:
        session.decide(VERDICTS[word])
        return ""
    if word == "s":
        session.skip()
        return ""
    if word == "u":
        return "" if session.undo() else "nothing to undo"
    if command.startswith("/"):
        return "" if session.search(command[1:]) else f"not found: {command[1:]}"
    if word.startswith("g") and word[1:].strip().isdigit():
        return "" if session.jump(int(word[1:])) else "no such item"
    return f"unknown command {command!r}"


# ---------------------------------------------------------------------- the command


def _decisions_path(decisions: str | None, configured: Path | None) -> Path:
    if decisions is not None:
        return Path(decisions)
    return configured if configured is not None else Path(DECISIONS_FILE)


def prepare(
    files: Sequence[str],
    strictness: str | None = None,
    decisions: str | None = None,
    merge_versions: bool = False,
    from_format: str | None = None,
    encoding: str | None = None,
) -> Session:
    """Read, find duplicates with the decisions so far, and open the session (or exit 2)."""
    fresh = decisions is not None and not Path(decisions).exists()  # review creates it
    try:
        settings, strictness, remembered = matching_settings(
            files[0], strictness, None if fresh else decisions
        )
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        raise typer.Exit(2) from None
    if fresh:
        remembered = Decisions()
    path = _decisions_path(decisions, settings.decisions)
    libs = load_inputs(files, from_format, encoding, refuse_on=UNREADABLE_CODES)
    if any(lib is None for lib in libs):
        print("error: some input could not be read; nothing to review", file=sys.stderr)
        raise typer.Exit(2)
    refs = [ref for lib in libs if lib is not None for ref in lib.references]
    policy = Policy.preset(strictness, merge_versions=merge_versions, decisions=remembered)
    result = find_duplicates(refs, policy)
    return Session.open(build_queue(result, refs), refs, path)


def review_command(
    files: Annotated[list[str], typer.Argument(help="Input files (any format).")],
    decisions: Annotated[
        str | None,
        typer.Option(
            "--decisions",
            help=f"Where decisions are read and saved (default: config, else ./{DECISIONS_FILE}).",
        ),
    ] = None,
    no_tui: Annotated[
        bool, typer.Option("--no-tui", help="A plain line-by-line prompt instead of the screen.")
    ] = False,
    strictness: Annotated[
        str | None,
        typer.Option("--strictness", "-s", help="strict | balanced | loose (default: config)."),
    ] = None,
    merge_versions: Annotated[
        bool, typer.Option("--merge-versions", help="Versions count as one work (none to review).")
    ] = False,
    from_format: Annotated[
        str | None, typer.Option("--from", help="Input format (default: detect).")
    ] = None,
    encoding: Annotated[
        str | None, typer.Option("--encoding", help="Input encoding (default UTF-8).")
    ] = None,
) -> None:
    """Decide the pairs and version groups `dupes` leaves to a person; each decision is saved."""
    if from_format is not None and from_format not in FORMATS:
        raise typer.BadParameter(f"--from must be one of {', '.join(sorted(FORMATS))}")
    if "-" in files:
        raise typer.BadParameter("review reads its keys from the terminal: name files, not '-'")
    session = prepare(files, strictness, decisions, merge_versions, from_format, encoding)
    if not session.items:
        print("nothing to review: no pairs or version groups are left to decide", file=sys.stderr)
        return
    run: Callable[[Session], None]
    if no_tui or not (sys.stdin.isatty() and sys.stdout.isatty()):
        run = _run_plain
    else:
        from .review_tui import run_screen  # textual loads only for the screen

        run = run_screen
    run(session)
    print(
        f"{session.decided()} decided, {session.progress()}; decisions in {session.path}",
        file=sys.stderr,
    )


def _run_plain(session: Session) -> None:
    run_prompt(session, sys.stdin, sys.stdout)
