"""Getting text out of files and stdin, with errors a person can act on."""

from __future__ import annotations

import sys
from pathlib import Path

from .model import Diagnostic, InputError, Severity


def _fail(name: str, message: str, line: int = 0, code: str = "RM001") -> InputError:
    return InputError(Diagnostic(Severity.ERROR, code, message, name, line))


def decode(data: bytes, name: str, encoding: str | None = None) -> str:
    """Decode input bytes; UTF-8 (BOM optional) unless the user names an encoding."""
    if b"\x00" in data[:65536]:
        return_line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise _fail(
            name, "this looks like a binary file (it contains NUL bytes), not text", return_line
        )
    if encoding:
        try:
            return data.decode(encoding)
        except LookupError:
            raise _fail(name, f"unknown encoding {encoding!r}") from None
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            raise _fail(name, f"cannot decode as {encoding}: {exc.reason}", line) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise _fail(
            name,
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x}); if the file uses another encoding, "
            "name it with --encoding (for example --encoding latin-1 or --encoding cp1252)",
            line,
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


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
