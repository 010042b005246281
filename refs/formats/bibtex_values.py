"""BibTeX field value expressions: `{literal}`, `"literal"`, numbers, macros and `#`.

bibtexparser v2 (with an empty parse stack) hands us each value as raw source
text. We parse that text ourselves because its middlewares resolve `@string`
references one level only, leave `#` concatenation alone, and cannot tell a
value from the next field when the comma between them is missing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..grammar.dates import MONTH_NAMES

# BibTeX's predefined month macros and the text they expand to (refs/grammar/dates.py).
MONTH_MACROS = MONTH_NAMES

_IDENT = re.compile(r"[^\s\"#%'(),={}]+")
_FIELD_START = re.compile(r"\s*,?\s*([A-Za-z_][\w:.+\-]*)\s*=\s*")
_BRACE = re.compile(r"(?<!\\)[{}]")  # bibtexparser treats \{ \} as escaped


@dataclass(slots=True)
class Piece:
    kind: str  # "literal" | "number" | "macro"
    text: str


@dataclass(slots=True)
class ParsedValue:
    pieces: list[Piece]
    # Fields found after this value when the comma before them was missing.
    swallowed: list[tuple[str, str, int]] = field(default_factory=list)
    error: str = ""  # text that could not be read, if any
    error_offset: int = 0

    @property
    def is_plain(self) -> bool:
        """A single literal or number: nothing for the writer to keep verbatim."""
        return len(self.pieces) == 1 and self.pieces[0].kind != "macro"


def _match_braces(text: str, start: int) -> int:
    """Index just past the brace group opening at `start`, or -1 if it never closes."""
    close = text.find("}", start + 1)
    if close > 0 and text[close - 1] != "\\":
        inner_open = text.find("{", start + 1, close)
        if inner_open < 0:  # no nested group: the common case, without a scan
            return close + 1
    depth = 0
    for m in _BRACE.finditer(text, start):
        if m.group() == "{":
            depth += 1
        else:
            depth -= 1
            if depth == 0:
                return m.end()
    return -1


def _match_quote(text: str, start: int) -> int:
    """Index just past the closing quote of a string opening at `start` (quotes in braces skip)."""
    depth = 0
    i = start + 1
    n = len(text)
    while i < n:
        ch = text[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
        elif ch == '"' and depth == 0:
            return i + 1
        i += 1
    return -1


def parse_expression(raw: str, start: int = 0) -> tuple[ParsedValue, int]:
    """Parse one value expression from `raw[start:]`; returns the value and where it ended."""
    pieces: list[Piece] = []
    i = start
    n = len(raw)
    while True:
        while i < n and raw[i].isspace():
            i += 1
        if i >= n:
            break
        ch = raw[i]
        if ch == "{":
            end = _match_braces(raw, i)
            if end < 0:
                return ParsedValue(pieces, error="unbalanced braces", error_offset=i), n
            pieces.append(Piece("literal", raw[i + 1 : end - 1]))
        elif ch == '"':
            end = _match_quote(raw, i)
            if end < 0:
                return ParsedValue(pieces, error="unterminated quoted string", error_offset=i), n
            pieces.append(Piece("literal", raw[i + 1 : end - 1]))
        else:
            m = _IDENT.match(raw, i)
            if not m:
                return ParsedValue(pieces, error=f"unexpected {ch!r}", error_offset=i), i
            end = m.end()
            word = m.group()
            pieces.append(Piece("number" if word.isdigit() else "macro", word))
        i = end
        while i < n and raw[i].isspace():
            i += 1
        if i < n and raw[i] == "#":
            i += 1
            continue
        break
    return ParsedValue(pieces), i


def parse_value(raw: str) -> ParsedValue:
    """Parse a whole raw value as bibtexparser hands it over, recovering swallowed fields."""
    value, end = parse_expression(raw)
    if value.error or end >= len(raw):
        return value
    rest_start = end
    swallowed: list[tuple[str, str, int]] = []
    i = end
    while i < len(raw):
        m = _FIELD_START.match(raw, i)
        if not m:
            if raw[i:].strip(" \t\r\n,"):
                value.error = "unexpected text after value"
                value.error_offset = i
            break
        name_offset = m.start(1)
        inner, j = parse_expression(raw, m.end())
        if inner.error:
            value.error = inner.error
            value.error_offset = inner.error_offset
            break
        swallowed.append((m.group(1), raw[m.end() : j].strip(), name_offset))
        i = j
    if swallowed or value.error:
        value.swallowed = swallowed
        if not swallowed:
            value.error_offset = value.error_offset or rest_start
    return value


def expand(pieces: list[Piece], macros: dict[str, str]) -> tuple[str, list[str]]:
    """Concatenate pieces, resolving macros (case-insensitive); returns value and unknown names."""
    out: list[str] = []
    unknown: list[str] = []
    for p in pieces:
        if p.kind == "macro":
            name = p.text.lower()
            if name in macros:
                out.append(macros[name])
            elif name in MONTH_MACROS:
                out.append(MONTH_MACROS[name])
            else:
                unknown.append(p.text)
                out.append(p.text)
        else:
            out.append(p.text)
    return "".join(out), unknown
