"""`refmerge merge`: read everything, find duplicates, merge them, write one clean library."""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated

import typer

from refmerge.cli.lifetime import keep_to_exit
from refmerge.dedupe.pipeline import MergeResult, MergeSettings, merge
from refmerge.dedupe.policy import Strictness
from refmerge.refs.bulk import paused_gc
from refmerge.refs.codes import WRITE_BLOCKING_CODES
from refmerge.refs.formats.registry import FORMATS, WRITERS, writer_for_path
from refmerge.refs.keys import DEFAULT_TEMPLATE
from refmerge.refs.library import by_content_or_extension, read_inputs
from refmerge.refs.model import Diagnostic, InputError, Severity
from refmerge.refs.tex import CiteChange, rewrite_cite_keys

from .config import ConfigError, check_template, matching_settings
from .options import Encoding, MaxSize
from .output import OutputError, Outputs, print_diagnostics
from .progress import Progress, progress
from .report import InputInfo, as_written_in_bibtex, build_report, summary_lines

EXAMPLES = """Examples:

\b
  # merge two libraries; rewrite the absorbed keys in the paper
  refmerge merge a.bib b.bib -o refs.bib --rewrite-tex paper.tex
\b
  # add new records to a library (its existing keys win)
  refmerge merge refs.bib new.ris -o refs.bib
\b
  # keep an audit of every group, choice and key change
  refmerge merge scrape.txt -o refs.bib --report merge.json
\b
  # see what strict matching would do, writing nothing
  refmerge merge *.ris *.nbib -o unique.bib --strictness strict --dry-run
"""


# ----------------------------------------------------------------- the steps


def run_merge(
    paths: Sequence[str],
    *,
    fmt: str | None = None,
    encoding: str | None = None,
    settings: MergeSettings | None = None,
    bar: Progress | None = None,
    max_bytes: int | None = None,
) -> MergeResult:
    """Read and merge: the whole command without its printing and writing.

    Raises InputError, naming every unreadable input, when an input cannot be read at all.
    """
    bar = bar or Progress(False)
    bar.stage("reading", len(paths))
    bib = read_inputs(
        paths,
        fmt or by_content_or_extension,
        encoding,
        max_bytes=max_bytes,
        on_read=lambda _: bar.advance(),
    )
    errors = [inp.error for inp in bib.failed if inp.error is not None]
    if errors:
        raise _Unreadable(errors)
    return merge(bib, settings, bar)


class _Unreadable(InputError):
    """Inputs that cannot be read at all: every one is named, not only the first."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        super().__init__(diagnostics[0])
        self.diagnostics = diagnostics


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
        typer.Option(
            "--strictness",
            metavar="[strict|balanced|loose]",
            help="strict | balanced | loose (default: config, balanced).",
        ),
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
    encoding: Encoding = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Only print errors.")] = False,
    max_size: MaxSize = None,
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
    # Every target is checked before any work, and all are replaced together at the end.
    outputs = Outputs(inputs)
    try:
        if not dry_run:
            outputs.claim(output, "-o", may_be_input=True)  # the merged library holds every input
        outputs.claim(report, "--report")
        for tex in rewrite_tex or []:
            if not dry_run:
                outputs.claim(tex, "--rewrite-tex", may_be_input=False)
    except OutputError as exc:
        print(exc, file=sys.stderr)
        raise typer.Exit(2) from None
    # Reading, merging, writing and what follows (the key map, the report) build objects
    # that live to the end: no collector, to the end of the command. Re-enabled after a
    # long pause, the collector's first passes walk every object allocated in it (2.2 s
    # at 100,000 entries, collecting nothing); see refs/bulk.py and cli/lifetime.py.
    with paused_gc():
        started = time.monotonic()
        try:
            with progress(sys.stderr.isatty() and not quiet) as bar:
                run = run_merge(
                    inputs,
                    fmt=from_format,
                    encoding=encoding,
                    settings=MergeSettings(
                        strictness, merge_versions, decisions, key_template, ids
                    ),
                    bar=bar,
                    max_bytes=max_size,
                )
                plan = run.keys
                bar.stage(f"writing {len(run.blocks):,} blocks", None)
                text = WRITERS[writer_name].writer(run.blocks)
        except InputError as exc:
            print_diagnostics(exc.diagnostics if isinstance(exc, _Unreadable) else [exc.diagnostic])
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
        mapping = plan.tex_map(run.references, run.merged)
        tex_edits = [(tex, *_tex_edit(tex, mapping)) for tex in rewrite_tex or []]
        try:
            if not dry_run:
                outputs.put(output, text)
            if report:
                data = build_report(
                    inputs=[
                        InputInfo(i.name, i.format, len(i.library.references)) for i in run.inputs
                    ],
                    refs=run.references,
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
                    written=as_written_in_bibtex if writer_name == "bibtex" else None,
                )
                outputs.put(report, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
            for tex, new_text, changes in tex_edits:
                if changes and not dry_run:
                    outputs.put(tex, new_text)
            outputs.commit()
        except OutputError as exc:
            outputs.discard()
            print(exc, file=sys.stderr)
            raise typer.Exit(2) from None
        for tex, _, changes in tex_edits:
            _report_tex(tex, changes, dry_run, quiet)
        if not quiet:
            for line in summary_lines(
                run.references, run.merged, plan, len(run.review), len(run.versions)
            ):
                print(line, file=sys.stderr)
            elapsed = time.monotonic() - started
            if dry_run:
                print(
                    f"dry run: no library or .tex file written ({elapsed:.1f} s)", file=sys.stderr
                )
        # freeing a large merge's objects one by one costs seconds; the entry point ends past it
        keep_to_exit(run, text, plan)


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
