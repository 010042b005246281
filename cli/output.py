"""Writing results safely and printing diagnostics; the only place the CLI touches files."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

from refmerge.refs.formats.sources import source_encoding
from refmerge.refs.model import Diagnostic, Severity


def write_atomic(path: str | Path, text: str, encoding: str = "utf-8") -> None:
    """Write through a temporary file in the same folder and rename it over the target.

    A crash or a full disk leaves either the old file or the new one, never half of one.
    Raises UnicodeEncodeError, before anything is written, when `encoding` cannot hold
    the text.
    """
    data = text.encode(encoding)
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if target.exists():
            os.chmod(tmp, target.stat().st_mode & 0o7777)
        else:
            os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_output(path: str | None, text: str) -> None:
    """`None` or '-' means stdout."""
    if path is None or path == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        write_atomic(path, text)


def print_diagnostics(
    diagnostics: Iterable[Diagnostic], min_severity: Severity = Severity.INFO
) -> None:
    order = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
    for d in diagnostics:
        if order[d.severity] <= order[min_severity]:
            print(str(d), file=sys.stderr)


def write_in_place(path: str, text: str, encoding: str | None = None) -> bool:
    """Rewrite a file in the encoding it was read in; False (error printed, file untouched)
    when that encoding cannot hold the text."""
    target = source_encoding(path, encoding)
    try:
        write_atomic(path, text, target)
    except UnicodeEncodeError as exc:
        bad = exc.object[exc.start : exc.end]
        print(
            f"{path}: error: {bad!r} cannot be written in {target}, the file's encoding; nothing "
            "written (use --ascii to write it as LaTeX, or convert the file to UTF-8 with -o)",
            file=sys.stderr,
        )
        return False
    return True
