"""Reading inputs for a command: every problem printed, unusable input refused."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from refmerge.refs.codes import WRITE_BLOCKING_CODES
from refmerge.refs.library import Bibliography, read_inputs, read_one
from refmerge.refs.model import Library

from .output import print_diagnostics


def load_input(
    path: str,
    fmt: str | None,
    encoding: str | None,
    refuse_on: Collection[str] = WRITE_BLOCKING_CODES,
    max_bytes: int | None = None,
) -> Library | None:
    """The library read from `path`, or None when it cannot be used safely.

    Every diagnostic is printed on stderr either way, so the user sees file:line
    for each problem; `refuse_on` names the codes that make the input unusable.
    """
    inp = read_one(path, fmt, encoding, max_bytes=max_bytes)
    print_diagnostics(inp.diagnostics)
    return None if inp.refused(refuse_on) else inp.library


def load_inputs(
    paths: Sequence[str],
    fmt: str | None,
    encoding: str | None,
    refuse_on: Collection[str] = WRITE_BLOCKING_CODES,
    max_bytes: int | None = None,
) -> tuple[Bibliography, bool]:
    """All inputs as one bibliography (`refs.library.read_inputs`), every input's problems
    printed in order; the flag says whether all of them are usable."""
    bib = read_inputs(paths, fmt, encoding, max_bytes=max_bytes)
    print_diagnostics(bib.diagnostics)
    return bib, not bib.refused(refuse_on)
