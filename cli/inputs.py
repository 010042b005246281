"""Reading one input for a command: diagnostics printed, unsafe input refused."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

from refmerge.refs.codes import WRITE_BLOCKING_CODES
from refmerge.refs.formats.bibtex import macros_after
from refmerge.refs.formats.registry import read_path
from refmerge.refs.model import InputError, Library

from .output import print_diagnostics


def load_input(
    path: str,
    fmt: str | None,
    encoding: str | None,
    refuse_on: Collection[str] = WRITE_BLOCKING_CODES,
    macros: Mapping[str, str] | None = None,
) -> Library | None:
    """The library read from `path`, or None when it cannot be used safely.

    Every diagnostic is printed on stderr either way, so the user sees file:line
    for each problem; `refuse_on` names the codes that make the input unusable.
    `macros` are the `@string`s earlier BibTeX inputs defined (see `macros_after`).
    """
    try:
        lib = read_path(path, fmt, encoding, macros)
    except InputError as exc:
        print_diagnostics([exc.diagnostic])
        return None
    print_diagnostics(lib.diagnostics)
    if any(d.code in refuse_on for d in lib.diagnostics):
        return None
    return lib


def load_inputs(
    paths: Sequence[str],
    fmt: str | None,
    encoding: str | None,
    refuse_on: Collection[str] = WRITE_BLOCKING_CODES,
) -> list[Library | None]:
    """Each input in order, BibTeX ones seeing the `@string`s of the BibTeX inputs before them,
    as BibTeX does for `\\bibliography{abbrev,papers}`."""
    macros: dict[str, str] = {}
    out: list[Library | None] = []
    for path in paths:
        lib = load_input(path, fmt, encoding, refuse_on, macros)
        if lib is not None:
            macros = macros_after(lib, macros)
        out.append(lib)
    return out
