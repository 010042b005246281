"""Options several commands share, defined once so their help and parsing agree."""

from __future__ import annotations

from typing import Annotated

import typer

from refmerge.refs.formats.sources import DEFAULT_MAX_BYTES, parse_size


def _size(value: str | None) -> int | None:
    if value is None:
        return None
    try:
        return parse_size(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None


MaxSize = Annotated[
    int | None,
    typer.Option(
        "--max-size",
        metavar="SIZE",
        parser=_size,
        help=f"Refuse an input larger than this (default {DEFAULT_MAX_BYTES // 1024**3}G; "
        "e.g. 500M, 8G).",
    ),
]


Encoding = Annotated[str | None, typer.Option("--encoding", help="Input encoding (default UTF-8).")]
InputFormat = Annotated[str | None, typer.Option("--from", help="Input format (default: detect).")]
