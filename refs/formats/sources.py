"""Getting text out of files and stdin, with errors a person can act on."""

from __future__ import annotations

import codecs
import errno
import os
import re
import stat
import sys
from pathlib import Path
from typing import BinaryIO

from ..codes import INPUT_UNREADABLE
from ..model import Diagnostic, InputError, Severity


def _fail(name: str, message: str, line: int = 0, code: str = INPUT_UNREADABLE) -> InputError:
    return InputError(Diagnostic(Severity.ERROR, code, message, name, line))


# Encodings files declare for editors: Emacs `-*- coding: latin-1-unix -*-`, JabRef
# `% Encoding: ISO8859_1` or `@comment{jabref-meta: encoding:...}`.
_DECLARED = re.compile(
    rb"-\*-.*?\bcoding:\s*([\w.-]+).*?-\*-|^%\s*Encoding:\s*([\w.-]+)|jabref-meta:\s*encoding:\s*([\w.-]+)",
    re.IGNORECASE | re.MULTILINE,
)


def declared_encoding(data: bytes) -> str | None:
    """The codec a file's head declares for itself, if Python knows it."""
    m = _DECLARED.search(data[:4096])
    if not m:
        return None
    label = next(g for g in m.groups() if g).decode("ascii", "replace")
    label = re.sub(r"-(?:unix|dos|mac)$", "", label, flags=re.IGNORECASE)
    for candidate in (label, label.replace("-", ""), label.replace("_", "-")):
        try:
            return codecs.lookup(candidate).name
        except LookupError:
            continue
    return None


def _lines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode(data: bytes, name: str, encoding: str | None = None) -> str:
    """Decode input bytes: the encoding the user names; else UTF-8 (BOM optional); else, for
    a file that is not UTF-8, the encoding it declares for Emacs or JabRef."""
    if b"\x00" in data[:65536]:
        return_line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise _fail(
            name, "this looks like a binary file (it contains NUL bytes), not text", return_line
        )
    if encoding:
        try:
            return _lines(data.decode(encoding))
        except LookupError:
            raise _fail(name, f"unknown encoding {encoding!r}") from None
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            raise _fail(name, f"cannot decode as {encoding}: {exc.reason}", line) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        declared = declared_encoding(data)
        if declared and declared != "utf-8":
            try:
                return _lines(data.decode(declared))
            except UnicodeDecodeError:
                pass
        line = data[: exc.start].count(b"\n") + 1
        raise _fail(
            name,
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x}); if the file uses another encoding, "
            "name it with --encoding (for example --encoding latin-1 or --encoding cp1252)",
            line,
        ) from None
    return _lines(text)


# Inputs larger than this are refused before they are read whole (`--max-size` changes it):
# the largest real bibliographies are tens of MB, and an endless stream (`/dev/zero`, a pipe
# that never ends) must stop with an error, not fill the memory.
DEFAULT_MAX_BYTES = 2 * 1024**3
_CHUNK = 1 << 20
_SIZE_UNITS = {"": 1, "B": 1, "K": 1024, "M": 1024**2, "G": 1024**3, "T": 1024**4}


def parse_size(text: str) -> int:
    """`2G`, `500M`, `64k`, `1000000` (bytes) -> bytes; ValueError for anything else."""
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([KMGT]?)(?:I?B)?\s*", text.upper())
    if not m:
        raise ValueError(f"not a size: {text!r} (use a number of bytes or e.g. 500M, 2G)")
    return int(float(m.group(1)) * _SIZE_UNITS[m.group(2)])


def _too_big(name: str, limit: int) -> InputError:
    return _fail(
        name,
        f"larger than the input size limit ({_human(limit)}); nothing read "
        "(raise the limit with --max-size, e.g. --max-size 8G)",
    )


def _human(n: int) -> str:
    for unit in ("T", "G", "M", "K"):
        if n >= _SIZE_UNITS[unit] and n % _SIZE_UNITS[unit] == 0:
            return f"{n // _SIZE_UNITS[unit]} {unit}B"
    return f"{n:,} bytes"


def _read_bounded(stream: BinaryIO, name: str, limit: int) -> bytes:
    """At most `limit` bytes of a stream (stdin, a pipe, a device); refuse more. A binary
    stream (`/dev/zero`) is refused at its first chunk, as `decode` would refuse it."""
    data = bytearray()
    while True:
        chunk = stream.read(min(_CHUNK, limit + 1 - len(data)))
        if not chunk:
            return bytes(data)
        if not data and b"\x00" in chunk[:65536]:
            return bytes(chunk)  # decode() names it a binary file, with its line
        data += chunk
        if len(data) > limit:
            raise _too_big(name, limit)


def read_input(
    path: str, encoding: str | None = None, max_bytes: int | None = None
) -> tuple[str, str]:
    """Return (text, display name) for a path, or '-' for stdin.

    `max_bytes` (default `DEFAULT_MAX_BYTES`) bounds what is read: a larger file, or a
    stream that goes on past it, is an error, found before the memory is spent.
    """
    limit = DEFAULT_MAX_BYTES if max_bytes is None else max_bytes
    if path == "-":
        data = _read_bounded(sys.stdin.buffer, "<stdin>", limit)
        return decode(data, "<stdin>", encoding), "<stdin>"
    p = Path(path)
    try:
        with p.open("rb") as handle:
            st = os.fstat(handle.fileno())
            if stat.S_ISREG(st.st_mode) and st.st_size > limit:
                raise _too_big(path, limit)
            data = _read_bounded(handle, path, limit)
    except FileNotFoundError:
        raise _fail(path, "no such file") from None
    except IsADirectoryError:
        raise _fail(path, "is a directory, not a file") from None
    except PermissionError:
        raise _fail(path, "permission denied") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise _fail(path, "a loop of symbolic links (it leads to no file)") from None
        raise _fail(path, f"cannot read: {exc.strerror}") from None
    except MemoryError:
        raise _too_big(path, limit) from None
    return decode(data, path, encoding), path


def source_encoding(path: str, encoding: str | None = None) -> str:
    """The encoding `decode` reads this file with, so an in-place rewrite keeps it (a LaTeX
    document with `\\usepackage[latin1]{inputenc}` needs its .bib in Latin-1)."""
    if encoding:
        return codecs.lookup(encoding).name
    if path == "-":
        return "utf-8"
    data = Path(path).read_bytes()
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return declared_encoding(data) or "utf-8"
    return "utf-8"
