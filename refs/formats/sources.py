"""Getting text out of files and stdin, with errors a person can act on."""

from __future__ import annotations

import codecs
import re
import sys
from pathlib import Path

from ..model import Diagnostic, InputError, Severity


def _fail(name: str, message: str, line: int = 0, code: str = "RM001") -> InputError:
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


def read_input(path: str, encoding: str | None = None) -> tuple[str, str]:
    """Return (text, display name) for a path, or '-' for stdin."""
    if path == "-":
        return decode(sys.stdin.buffer.read(), "<stdin>", encoding), "<stdin>"
    p = Path(path)
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        raise _fail(path, "no such file") from None
    except IsADirectoryError:
        raise _fail(path, "is a directory, not a file") from None
    except PermissionError:
        raise _fail(path, "permission denied") from None
    except OSError as exc:
        raise _fail(path, f"cannot read: {exc.strerror}") from None
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
