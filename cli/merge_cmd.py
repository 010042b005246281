"""`refmerge merge`: read everything, find duplicates, merge them, write one clean library."""

from __future__ import annotations

import json
import sys
import threading
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

import typer

from refmerge.dedupe.engine import find_duplicates
from refmerge.dedupe.keys_policy import assign_keys
from refmerge.dedupe.merge import Merged
from refmerge.dedupe.policy import Decisions, Policy
from refmerge.dedupe.settle import merge_settled
from refmerge.refs.checks.crossref import parents_last
from refmerge.refs.codes import WRITE_BLOCKING_CODES, diagnostic
from refmerge.refs.formats.bibtex import macros_after
from refmerge.refs.formats.bibtex_values import MONTH_MACROS, parse_expression
from refmerge.refs.formats.registry import (
    FORMATS,
    WRITERS,
    detect_format,
    format_by_extension,
    read_text,
    writer_for_path,
)
from refmerge.refs.formats.sources import read_input
from refmerge.refs.keys import DEFAULT_TEMPLATE
from refmerge.refs.model import (
    Block,
    Comment,
    Diagnostic,
    InputError,
    Library,
    Preamble,
    Reference,
    Severity,
    StringDef,
)
from refmerge.refs.tex import CiteChange, rewrite_cite_keys

from .config import ConfigError, Strictness, check_template, matching_settings
from .output import print_diagnostics, write_atomic, write_output
from .report import InputInfo, build_report, summary_lines

EXAMPLES = """Examples:

  refmerge merge a.bib b.bib -o refs.bib --rewrite-tex paper.tex

  refmerge merge refs.bib new.ris -o refs.bib          # existing keys win

  refmerge merge scrape.txt -o refs.bib --report merge.json

  refmerge merge *.ris *.nbib -o unique.bib --strictness strict --dry-run
"""


@dataclass(slots=True)
class _Input:
    path: str
    name: str
    format: str
    library: Library
    inherited_macros: dict[str, str]  # @strings of the BibTeX inputs before this one


@dataclass(slots=True)
class _Run:
    """Everything one merge produced, kept apart from printing and writing."""

    inputs: list[_Input]
    refs: list[Reference]
    merged: list[Merged]
    blocks: list[Block]
    review: list[Any]
    versions: list[Any]
    diagnostics: list[Diagnostic] = field(default_factory=list)


# ----------------------------------------------------------------- progress


class _Progress:
    """A rich progress display on stderr, shown only on a TTY once a run passes one second."""

    def __init__(self, enabled: bool) -> None:
        self._progress = None
        self._timer: threading.Timer | None = None
        self._task = None
        if not enabled:
            return
        from rich.console import Console
        from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        self._progress = Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            BarColumn(),
            TimeElapsedColumn(),
            console=Console(stderr=True),
            transient=True,
        )
        self._task = self._progress.add_task("merge", total=1)
        self._timer = threading.Timer(1.0, self._progress.start)
        self._timer.daemon = True
        self._timer.start()

    def stage(self, description: str, total: int | None) -> None:
        """A new step; `total=None` shows a pulsing bar for a step with no inner progress."""
        if self._progress is not None and self._task is not None:
            self._progress.update(self._task, description=description, total=total, completed=0)

    def advance(self, n: int = 1) -> None:
        if self._progress is not None and self._task is not None:
            self._progress.advance(self._task, n)

    def close(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer.join()  # a start() already under way finishes before stop()
        if self._progress is not None:
            self._progress.stop()


@contextmanager
def _progress(enabled: bool) -> Iterator[_Progress]:
    bar = _Progress(enabled)
    try:
        yield bar
    finally:
        bar.close()


# ----------------------------------------------------------------- the steps


def _read(path: str, fmt: str | None, encoding: str | None, macros: Mapping[str, str]) -> _Input:
    text, name = read_input(path, encoding)
    detected = fmt or detect_format(text, name) or format_by_extension(name) or ""
    library = read_text(text, name, detected or None, macros)
    return _Input(path, name, detected or "bibtex", library, dict(macros))


def _priorities(inputs: Sequence[_Input]) -> list[int]:
    """0 for records of the first BibTeX input (the existing library), 1 for the rest."""
    first_bib = next((n for n, i in enumerate(inputs) if i.format == "bibtex"), None)
    out: list[int] = []
    for n, inp in enumerate(inputs):
        out.extend([0 if n == first_bib else 1] * len(inp.library.references))
    return out


def _macros_in(expression: str) -> list[str]:
    parsed, _ = parse_expression(expression)
    return [p.text.lower() for p in parsed.pieces if p.kind == "macro"]


def _assemble(
    inputs: Sequence[_Input], merged: Sequence[Merged], refs: Sequence[Reference]
) -> tuple[list[Block], list[Diagnostic]]:
    """Output blocks in input order: each merged record at its base's place.

    Non-entry blocks of BibTeX inputs are kept (first `@string` of a name wins; a
    different redefinition is dropped and reported). A field written with a macro
    whose surviving definition differs from its own file's is written out expanded.
    """
    by_base = {m.base: m for m in merged}
    file_macros: dict[str, dict[str, str]] = {}
    kept_macros: dict[str, str] = {}
    seen_text: set[tuple[str, str]] = set()
    blocks: list[Block] = []
    notes: list[Diagnostic] = []
    index = 0
    for inp in inputs:
        own = file_macros.setdefault(inp.name, dict(inp.inherited_macros))
        defined_here: set[str] = set()
        for block in inp.library.blocks:
            if isinstance(block, Reference):
                m = by_base.get(index)
                index += 1
                if m is not None:
                    blocks.append(m.record)
                continue
            if inp.format != "bibtex":
                continue
            if isinstance(block, StringDef):
                name = block.name.lower()
                again_in_file = name in defined_here  # the reader has reported it (RM108)
                if not again_in_file:  # a file's own definition beats an inherited one
                    defined_here.add(name)
                    own[name] = block.value
                elif own.get(name) != block.value:
                    own[name] = "\0redefined"  # means two things in this file: write it out
                if name in kept_macros:
                    if kept_macros[name] != block.value and not again_in_file:
                        notes.append(
                            diagnostic(
                                "RM108",
                                f"@string {block.name} redefined with a different value; kept the "
                                f"first definition, fields of this file using it are written out",
                                block.origin.file,
                                block.origin.line,
                            )
                        )
                    continue
                kept_macros[name] = block.value
                blocks.append(block)
            elif isinstance(block, Preamble | Comment):
                text = block.expression if isinstance(block, Preamble) else block.text
                marker = (type(block).__name__, text)
                if marker not in seen_text:
                    seen_text.add(marker)
                    blocks.append(block)
    # Expressions are only safe where every macro means what it meant in the record's file.
    for m in merged:
        own = file_macros.get(refs[m.base].origin.file, {})
        for name, expression in list(m.record.expressions.items()):
            for macro in _macros_in(expression):
                if macro in kept_macros and kept_macros[macro] != own.get(macro):
                    m.record.expressions.pop(name)
                    break
                if macro not in kept_macros and macro not in MONTH_MACROS:
                    m.record.expressions.pop(name)
                    break
    # merging moves records: BibTeX needs each crossref parent after its children again
    return parents_last(blocks), notes


def _policy(strictness: str, merge_versions: bool, decisions: Decisions) -> Policy:
    return Policy.preset(strictness, merge_versions=merge_versions, decisions=decisions)


def run_merge(
    paths: Sequence[str],
    *,
    fmt: str | None = None,
    encoding: str | None = None,
    strictness: str = "balanced",
    merge_versions: bool = False,
    key_template: str = DEFAULT_TEMPLATE,
    ids: bool = False,
    decisions: Decisions | None = None,
    bar: _Progress | None = None,
) -> tuple[_Run, Any]:
    """Read, dedupe, merge and key: the whole command without its printing and writing."""
    bar = bar or _Progress(False)
    bar.stage("reading", len(paths))
    inputs: list[_Input] = []
    macros: dict[str, str] = {}
    for path in paths:
        inp = _read(path, fmt, encoding, macros)
        if inp.format == "bibtex":
            macros = macros_after(inp.library, macros)
        inputs.append(inp)
        bar.advance()
    refs = [r for inp in inputs for r in inp.library.references]
    bar.stage(f"finding duplicates among {len(refs):,} records", None)
    policy = _policy(strictness, merge_versions, decisions or Decisions())
    result = find_duplicates(refs, policy)
    bar.advance()
    bar.stage("merging", None)
    # merged records get a second look, so merging this output again changes nothing
    settled, merged = merge_settled(refs, result.groups, _priorities(inputs), policy)
    groups = {tuple(g.members): g for g in settled}
    for m in merged:
        g = groups.get(tuple(m.members))
        if g is not None:
            m.score, m.reasons = g.score, list(g.reasons)
    plan = assign_keys(merged, refs, key_template, ids)
    blocks, notes = _assemble(inputs, merged, refs)
    bar.advance()
    diagnostics = [d for inp in inputs for d in inp.library.diagnostics] + notes
    run = _Run(
        inputs, refs, merged, blocks, list(result.review), list(result.versions), diagnostics
    )
    return run, plan


# ----------------------------------------------------------------- the command


def merge_command(
    inputs: Annotated[
        list[str], typer.Argument(help="Files in any supported format, mixed; '-' reads stdin.")
    ],
    output: Annotated[
        str | None,
        typer.Option("-o", "--output", help="Write here (atomically) instead of stdout."),
    ] = None,
    report: Annotated[
        str | None,
        typer.Option(
            "--report", help="Write a JSON audit: groups, reasons, choices, key map ('-': stdout)."
        ),
    ] = None,
    ids: Annotated[
        bool, typer.Option("--ids", help="Keep absorbed keys in the biblatex 'ids' field.")
    ] = False,
    rewrite_tex: Annotated[
        list[str] | None,
        typer.Option("--rewrite-tex", help="Rewrite absorbed \\cite keys in this .tex file."),
    ] = None,
    key_template: Annotated[
        str | None,
        typer.Option(
            "--key-template",
            help=f"Keys for records without one (default {DEFAULT_TEMPLATE}, or the config's).",
        ),
    ] = None,
    strictness: Annotated[
        Strictness | None,
        typer.Option("--strictness", help="strict | balanced | loose (default: config, balanced)."),
    ] = None,
    decisions_file: Annotated[
        str | None,
        typer.Option(
            "--decisions", help="Remembered decisions (default: config, else ./refmerge.decisions)."
        ),
    ] = None,
    merge_versions: Annotated[
        bool, typer.Option("--merge-versions", help="Also merge preprint and published versions.")
    ] = False,
    dry_run: Annotated[
        bool,
        typer.Option("--dry-run", help="Write no library and no .tex; still print and --report."),
    ] = False,
    from_format: Annotated[
        str | None, typer.Option("--from", help="Input format (default: detect per file).")
    ] = None,
    encoding: Annotated[
        str | None, typer.Option("--encoding", help="Input encoding (default UTF-8).")
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Only print errors.")] = False,
) -> None:
    """Merge duplicate records of all inputs into one clean library, keeping citation keys."""
    try:
        settings, strictness, decisions = matching_settings(inputs[0], strictness, decisions_file)
        key_template = check_template(key_template or settings.key_template)
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        raise typer.Exit(2) from None
    if from_format is not None and from_format not in FORMATS:
        known = ", ".join(sorted(FORMATS))
        raise typer.BadParameter(f"unknown format (known: {known})", param_hint="--from")
    if inputs.count("-") > 1:
        raise typer.BadParameter("stdin ('-') can be read only once")
    if report == "-" and (output or "-") == "-" and not dry_run:
        raise typer.BadParameter(
            "the library goes to stdout: write it with -o FILE", param_hint="--report -"
        )
    writer_name = writer_for_path(output)
    started = time.monotonic()
    try:
        with _progress(sys.stderr.isatty() and not quiet) as bar:
            run, plan = run_merge(
                inputs,
                fmt=from_format,
                encoding=encoding,
                strictness=strictness,
                merge_versions=merge_versions,
                key_template=key_template,
                ids=ids,
                decisions=decisions,
                bar=bar,
            )
            text = WRITERS[writer_name].writer(run.blocks)
    except InputError as exc:
        print_diagnostics([exc.diagnostic])
        raise typer.Exit(2) from None
    print_diagnostics(run.diagnostics, Severity.ERROR if quiet else Severity.INFO)
    if any(d.code in WRITE_BLOCKING_CODES for d in run.diagnostics):
        print(
            "error: some input could not be read completely; nothing written "
            "(fix the errors above, or run `refmerge check`)",
            file=sys.stderr,
        )
        raise typer.Exit(2)

    # Every .tex file is read before anything is written: one unreadable file stops it all.
    mapping = plan.tex_map(run.refs, run.merged)
    tex_edits = [(tex, *_tex_edit(tex, mapping)) for tex in rewrite_tex or []]
    if not dry_run:
        write_output(output, text)
    if report:
        data = build_report(
            inputs=[InputInfo(i.name, i.format, len(i.library.references)) for i in run.inputs],
            refs=run.refs,
            merged=run.merged,
            plan=plan,
            review=run.review,
            versions=run.versions,
            diagnostics=run.diagnostics,
            settings={
                "strictness": strictness,
                "merge_versions": merge_versions,
                "ids": ids,
                "key_template": key_template,
                "output": output or "-",
            },
        )
        write_output(report, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    for tex, new_text, changes in tex_edits:
        _report_tex(tex, changes, dry_run, quiet)
        if changes and not dry_run:
            write_atomic(tex, new_text)
    if not quiet:
        for line in summary_lines(run.refs, run.merged, plan, len(run.review), len(run.versions)):
            print(line, file=sys.stderr)
        elapsed = time.monotonic() - started
        if dry_run:
            print(f"dry run: no library or .tex file written ({elapsed:.1f} s)", file=sys.stderr)


def _tex_edit(path: str, mapping: dict[str, str]) -> tuple[str, list[CiteChange]]:
    """The rewritten text of one .tex file and its changes; exit 2 if it cannot be read."""
    try:
        # Bytes, not read_text(): CRLF line ends and a BOM must come back unchanged.
        original = Path(path).read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        print(f"{path}: error: cannot read: {exc}", file=sys.stderr)
        raise typer.Exit(2) from None
    return rewrite_cite_keys(original, mapping)


def _report_tex(path: str, changes: list[CiteChange], dry_run: bool, quiet: bool) -> None:
    if quiet:
        return
    for c in changes:
        what = f"{c.old} -> {c.new}" if c.new else f"{c.old} dropped (already cited)"
        print(f"{path}:{c.line}: {c.command}: {what}", file=sys.stderr)
    verb = "would rewrite" if dry_run else "rewrote"
    print(f"{path}: {verb} {len(changes)} citation key(s)", file=sys.stderr)
