"""Reading one input for a command: diagnostics printed, unsafe input refused."""

from __future__ import annotations

from collections.abc import Collection

from refmerge.refs.codes import WRITE_BLOCKING_CODES
from refmerge.refs.formats import read_path
from refmerge.refs.model import InputError, Library

from .output import print_diagnostics


def load_input(
    path: str,
    fmt: str | None,
    encoding: str | None,
    refuse_on: Collection[str] = WRITE_BLOCKING_CODES,
) -> Library | None:
    """The library read from `path`, or None when it cannot be used safely.

    Every diagnostic is printed on stderr either way, so the user sees file:line
    for each problem; `refuse_on` names the codes that make the input unusable.
    """
    try:
        lib = read_path(path, fmt, encoding)
    except InputError as exc:
        print_diagnostics([exc.diagnostic])
        return None
    print_diagnostics(lib.diagnostics)
    if any(d.code in refuse_on for d in lib.diagnostics):
        return None
    return lib
