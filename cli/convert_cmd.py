"""`refmerge convert`: read references in any known format and write them in another, no dedupe."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from refmerge.refs.codes import WRITE_BLOCKING_CODES
from refmerge.refs.formats.registry import FORMATS, WRITERS, writer_for_path
from refmerge.refs.keys import assign_missing_keys, unique_key
from refmerge.refs.model import Block, Reference

from .inputs import load_inputs
from .options import Encoding, MaxSize
from .output import OutputError, Outputs

EXAMPLES = """Examples:

\b
  # page text -> BibTeX on stdout
  refmerge convert page.txt
\b
  # write a file (atomically)
  refmerge convert page.txt -o refs.bib
\b
  refmerge convert a.ris --to csl-json -o refs.json
\b
  # the writer from the extension
  refmerge convert refs.bib -o refs.ris
\b
  pbpaste | refmerge convert - --from text

Formats are detected from the content of each input; --from names one for all
inputs. Nothing is written when any input cannot be read (exit 2).
"""


def _unique_keys(refs: list[Reference]) -> list[str]:
    """Keys clash across inputs (two scrapes both give `smith2020`): later ones get a suffix."""
    taken: set[str] = set()
    notes = []
    for ref in refs:
        if ref.key in taken:
            new = unique_key(ref.key, taken)
            notes.append(f"{ref.origin}: warning: key {ref.key!r} already used; written as {new!r}")
            ref.key = new
        taken.add(ref.key)
    return notes


def convert_command(
    files: Annotated[list[str], typer.Argument(help="Input files; '-' reads stdin.")],
    output: Annotated[
        str | None, typer.Option("-o", "--output", help="Write here instead of stdout.")
    ] = None,
    to: Annotated[
        str | None,
        typer.Option(
            "--to", help="Output format (bibtex, ris, csl-json, ...); default from -o's extension."
        ),
    ] = None,
    from_: Annotated[
        str | None,
        typer.Option("--from", help="Read every input as this format (default: detect)."),
    ] = None,
    encoding: Encoding = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Only print problems.")] = False,
    max_size: MaxSize = None,
) -> None:
    """Convert references between formats (scraped page text, BibTeX, RIS, ...) without dedupe."""
    if to is not None and to not in WRITERS:
        raise typer.BadParameter(
            f"unknown output format {to!r}; known: {', '.join(sorted(WRITERS))}"
        )
    if from_ is not None and from_ not in FORMATS:
        raise typer.BadParameter(
            f"unknown input format {from_!r}; known: {', '.join(sorted(FORMATS))}"
        )
    writer_name = to or writer_for_path(output)
    outputs = Outputs(files)
    try:
        outputs.claim(output, "-o")  # converting a file onto itself could lose what its
    except OutputError as exc:  # format keeps and the target format does not
        print(exc, file=sys.stderr)
        raise typer.Exit(2) from None
    bib, _ = load_inputs(files, from_, encoding, max_bytes=max_size)
    failed = len(bib.refused(WRITE_BLOCKING_CODES))
    if failed:
        print(f"error: {failed} input(s) could not be read; nothing written", file=sys.stderr)
        raise typer.Exit(2)
    blocks: list[Block] = [b for inp in bib.inputs for b in inp.library.blocks]
    refs = [b for b in blocks if isinstance(b, Reference)]
    assign_missing_keys(refs)  # tagged exports (RIS, MEDLINE, ...) carry no keys
    for note in _unique_keys(refs):
        print(note, file=sys.stderr)
    writer = WRITERS[writer_name].writer
    try:
        outputs.put(output, writer(blocks))
        outputs.commit()
    except OutputError as exc:
        print(exc, file=sys.stderr)
        raise typer.Exit(2) from None
    if not quiet:
        where = output if output and output != "-" else "stdout"
        print(
            f"converted {len(refs)} record(s) from {len(files)} input(s) to {writer_name} ({where})",
            file=sys.stderr,
        )
