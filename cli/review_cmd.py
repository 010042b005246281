"""`refmerge review`: settle the grey zone one decision at a time, each saved at once.

The engine leaves pairs it is unsure of, and preprint/published versions, to a person.
This command shows them closest call first and writes every decision to the decisions
file the moment it is made (atomically), so quitting or a crash loses nothing and the
next run starts where the last one stopped. The screen (cli/review_tui.py, textual) is
imported only here and only on a terminal, so other commands start no slower.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, TextIO

import typer

from refmerge.dedupe.policy import Decisions, Policy, Strictness
from refmerge.refs.codes import BROKEN_STRUCTURE, INPUT_UNREADABLE, NO_RECORDS, SYNTAX_ERROR

from .config import DECISIONS_FILE, ConfigError, matching_settings
from .options import Encoding, InputFormat
from .review_session import VERDICTS, Session, build_queue, field_rows, label

# The readers and the duplicate engine load inside `prepare`, which the screen runs in a
# thread once it is open: the screen does not wait for their imports.

EXAMPLES = """Examples:

  refmerge review refs.bib                       # the screen: one key per decision

  refmerge review a.bib b.ris --decisions protocol.decisions

  refmerge review refs.bib --no-tui              # a plain prompt (also when not on a terminal)

Keys: m same work (merge), d different works, v versions (keep apart, linked), s skip,
u undo, / search, g jump, q quit. Each decision is in the decisions file at once.
"""

UNREADABLE_CODES = frozenset(
    {INPUT_UNREADABLE, NO_RECORDS, SYNTAX_ERROR, BROKEN_STRUCTURE}
)  # as `dupes`: partial view

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
    strictness: Strictness | None = None,
    decisions: str | None = None,
    merge_versions: bool = False,
    from_format: str | None = None,
    encoding: str | None = None,
) -> Session:
    """Read, find duplicates with the decisions so far, and open the session (or exit 2)."""
    from refmerge.dedupe.engine import find_duplicates

    from .inputs import load_inputs

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
    bib, usable = load_inputs(files, from_format, encoding, refuse_on=UNREADABLE_CODES)
    if not usable:
        print("error: some input could not be read; nothing to review", file=sys.stderr)
        raise typer.Exit(2)
    refs = bib.references
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
        Strictness | None,
        typer.Option("--strictness", "-s", help="strict | balanced | loose (default: config)."),
    ] = None,
    merge_versions: Annotated[
        bool, typer.Option("--merge-versions", help="Versions count as one work (none to review).")
    ] = False,
    from_format: InputFormat = None,
    encoding: Encoding = None,
) -> None:
    """Decide the pairs and version groups `dupes` leaves to a person; each decision is saved."""
    if from_format is not None:
        from refmerge.refs.formats.registry import FORMATS

        if from_format not in FORMATS:
            raise typer.BadParameter(f"--from must be one of {', '.join(sorted(FORMATS))}")
    if "-" in files:
        raise typer.BadParameter("review reads its keys from the terminal: name files, not '-'")
    load = functools.partial(
        prepare, files, strictness, decisions, merge_versions, from_format, encoding
    )
    if no_tui or not (sys.stdin.isatty() and sys.stdout.isatty()):
        session: Session | None = load()
        if session is not None and session.items:
            run_prompt(session, sys.stdin, sys.stdout)
    else:
        from .review_tui import run_screen  # textual loads only for the screen

        session = run_screen(load)  # the screen opens at once and reads in the background
    if session is None:
        return
    if not session.items:
        print("nothing to review: no pairs or version groups are left to decide", file=sys.stderr)
        return
    print(
        f"{session.decided()} decided, {session.progress()}; decisions in {session.path}",
        file=sys.stderr,
    )
