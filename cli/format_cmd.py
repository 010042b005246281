"""`refmerge format`: clean formatting only, like black for .bib files."""

from __future__ import annotations

import difflib
import sys
from typing import Annotated

import typer

from refmerge.refs.formats.bibtex_writer import WriteOptions, format_blocks
from refmerge.refs.formats.sources import read_input

from .inputs import load_input
from .options import Encoding, MaxSize
from .output import OutputError, Outputs, write_in_place

EXAMPLES = """Examples:

\b
  # print the clean version
  refmerge format refs.bib
\b
  # rewrite the file (atomically; a symlink is written through to its target)
  refmerge format refs.bib --in-place
\b
  # CI: exit 1 and show what would change
  refmerge format refs.bib --check --diff
\b
  cat refs.bib | refmerge format - > clean.bib
"""

# Problems that mean the output could lose data: refuse to write anything.


def format_file(
    path: str, encoding: str | None, options: WriteOptions, max_bytes: int | None = None
) -> str | None:
    """The clean text of one BibTeX file, or None (diagnostics printed) when it is unsafe to write."""
    lib = load_input(path, "bibtex", encoding, max_bytes=max_bytes)
    return None if lib is None else format_blocks(lib.blocks, options)


def format_command(
    files: Annotated[list[str], typer.Argument(help="BibTeX files; '-' reads stdin.")],
    output: Annotated[
        str | None, typer.Option("-o", "--output", help="Write here instead of stdout.")
    ] = None,
    in_place: Annotated[
        bool, typer.Option("--in-place", "-i", help="Rewrite each file in place.")
    ] = False,
    check: Annotated[
        bool, typer.Option("--check", help="Write nothing; exit 1 if any file would change.")
    ] = False,
    diff: Annotated[
        bool, typer.Option("--diff", help="Print a unified diff of the changes.")
    ] = False,
    ascii_only: Annotated[
        bool, typer.Option("--ascii", help="Encode non-ASCII characters as LaTeX.")
    ] = False,
    encoding: Encoding = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Only print errors.")] = False,
    max_size: MaxSize = None,
) -> None:
    """Rewrite BibTeX in the clean house style (deterministic, idempotent)."""
    if in_place and output:
        raise typer.BadParameter("use either --in-place or --output, not both")
    if in_place and "-" in files:
        raise typer.BadParameter("--in-place cannot rewrite stdin")
    options = WriteOptions(ascii=ascii_only)
    outputs = Outputs(files)
    try:  # every target checked before any file is read
        if in_place and not check:
            for path in files:
                outputs.claim(path, "--in-place", may_be_input=True, if_changed=True)
        elif not check and not diff:
            outputs.claim(output, "-o")
    except OutputError as exc:
        print(exc, file=sys.stderr)
        raise typer.Exit(2) from None
    failed = changed = 0
    results: list[str] = []
    reformatted: list[str] = []
    for path in files:
        clean = format_file(path, encoding, options, max_size)
        if clean is None:
            failed += 1
            continue
        original = read_input(path, encoding, max_size)[0] if path != "-" else None
        would_change = original is None or original != clean
        if would_change and original is not None:
            changed += 1
        if diff and original is not None and would_change:
            sys.stdout.writelines(
                difflib.unified_diff(
                    original.splitlines(keepends=True),
                    clean.splitlines(keepends=True),
                    fromfile=f"{path} (original)",
                    tofile=f"{path} (formatted)",
                )
            )
        if check:
            if would_change and original is not None and not quiet:
                print(f"would reformat {path}", file=sys.stderr)
            continue
        if in_place:
            if would_change:
                try:
                    if not write_in_place(path, clean, encoding, outputs):
                        failed += 1
                        continue
                except OutputError as exc:
                    print(exc, file=sys.stderr)
                    raise typer.Exit(2) from None
                reformatted.append(path)
            continue
        if not diff:
            results.append(clean)
    if failed:
        if in_place:  # files are rewritten together or not at all
            outputs.discard()
            reformatted.clear()
        what = "nothing written" if in_place or output else "nothing written for them"
        print(f"error: {failed} file(s) could not be read; {what}", file=sys.stderr)
    try:
        if not check and not in_place and not diff and results and not (failed and output):
            outputs.put(output, "\n".join(results))
        outputs.commit()
    except OutputError as exc:
        print(exc, file=sys.stderr)
        raise typer.Exit(2) from None
    if not quiet:
        for path in reformatted:
            print(f"reformatted {path}", file=sys.stderr)
    if failed:
        raise typer.Exit(2)
    if check:
        if not quiet:
            unchanged = len(files) - changed
            print(
                f"{changed} file(s) would be reformatted, {unchanged} already clean",
                file=sys.stderr,
            )
        raise typer.Exit(1 if changed else 0)
