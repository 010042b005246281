"""BibTeX reader on bibtexparser v2: blocks in order, macros resolved, problems as diagnostics.

bibtexparser only splits the text into blocks (empty parse stack, the fast
path); values are parsed and macros expanded here (see values.py), so nested
`@string`s and `#` concatenation resolve fully and a missing comma between
fields is caught instead of silently eating the next field.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping

import bibtexparser
from bibtexparser import model as bp

from ..codes import diagnostic
from ..model import Comment, Library, Origin, Preamble, Reference, StringDef
from .bibtex_values import ParsedValue, expand, parse_expression, parse_value
from .spec import Confidence, Format

# bibtexparser logs parse failures itself; we report them as diagnostics instead.
_bp_logger = logging.getLogger("bibtexparser")
_bp_logger.addHandler(logging.NullHandler())
_bp_logger.propagate = False


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset)


class _LineLocator:
    """0-based start lines of blocks, counted by us.

    bibtexparser 2.1 miscounts lines after a backslash at the end of a line
    (it skips the escaped newline), so every later line number would drift.
    Blocks come in source order, so finding each raw block text from where
    the previous one started keeps this linear.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.line = 0
        self.line_start = 0  # offset of the current line's first character
        self.started = False  # a block has been located
        self.shared = False  # the last block located began on a line an earlier block began on

    def locate(self, raw: str, fallback: int | None) -> int:
        index = self.text.find(raw, self.pos) if raw else -1
        if index < 0:
            self.shared = False
            return fallback or 0
        newlines = self.text.count("\n", self.pos, index)
        self.shared = self.started and newlines == 0
        if newlines:
            self.line += newlines
            self.line_start = self.text.rindex("\n", self.pos, index) + 1
        self.started = True
        self.pos = index
        return self.line

    def column(self) -> int | None:
        """1-based column of the last block located, where its line alone cannot tell it
        apart (another block began on the same line: a whole file on one line)."""
        return self.pos - self.line_start + 1 if self.shared else None


_FIELD_NAME_CACHE: dict[str, re.Pattern[str]] = {}


def _field_name_pattern(name: str) -> re.Pattern[str]:
    """The compiled `name =` pattern; field names repeat, so each is compiled once."""
    pattern = _FIELD_NAME_CACHE.get(name)
    if pattern is None:
        if len(_FIELD_NAME_CACHE) > 10_000:
            _FIELD_NAME_CACHE.clear()
        pattern = _FIELD_NAME_CACHE[name] = re.compile(
            r"(?<![\w\-:.+])" + re.escape(name) + r"\s*=", re.IGNORECASE
        )
    return pattern


def _field_offsets(raw: str, names: list[str]) -> list[int]:
    """Offset of each field's name inside the entry's raw text (in order), -1 if not found."""
    offsets = []
    start = raw.find(",") + 1
    for name in names:
        m = _field_name_pattern(name).search(raw, start)
        if m:
            offsets.append(m.start())
            start = m.end()
        else:
            offsets.append(-1)
    return offsets


class _Reader:
    def __init__(self, name: str, macros: Mapping[str, str] | None = None) -> None:
        self.name = name
        self.macros: dict[str, str] = dict(macros or {})
        self.lib = Library()

    def origin(self, line0: int, end_line0: int | None = None, column: int | None = None) -> Origin:
        end = end_line0 + 1 if end_line0 is not None else None
        return Origin(self.name, line0 + 1, end, "bibtex", column)

    def warn_unknown(self, unknown: list[str], line: int) -> None:
        for macro in unknown:
            self.lib.diagnostics.append(
                diagnostic(
                    "RM104", f"undefined macro {macro!r} (used as literal text)", self.name, line
                )
            )

    # -- blocks ---------------------------------------------------------------

    def string(self, block: bp.String, line0: int) -> None:
        raw = block.raw or ""
        body = raw[raw.index("{") + 1 : raw.rindex("}")] if "{" in raw and "}" in raw else ""
        expr = body.split("=", 1)[1].strip() if "=" in body else str(block.value)
        parsed, _ = parse_expression(expr)
        value, unknown = expand(parsed.pieces, self.macros)
        self.warn_unknown(unknown, line0 + 1)
        self.macros[block.key.lower()] = value
        self.lib.blocks.append(StringDef(block.key, expr, value, self.origin(line0)))

    def entry(self, block: bp.Entry, line0: int, column: int | None = None) -> None:
        ref = Reference(
            block.entry_type.lower(), block.key, origin=self.origin(line0, None, column)
        )
        seen: dict[str, str] = {}
        offsets = _field_offsets(block.raw or "", [f.key for f in block.fields])
        for f, offset in zip(block.fields, offsets, strict=True):
            raw_value = f.value if isinstance(f.value, str) else str(f.value)
            if offset >= 0:
                field_line = line0 + 1 + _line_of(block.raw or "", offset)
            else:
                field_line = (f.start_line if f.start_line is not None else line0) + 1
            parsed = parse_value(raw_value)
            self.add_field(ref, f.key, raw_value, parsed, field_line, seen)
            for sw_name, sw_expr, offset in parsed.swallowed:
                line = field_line + _line_of(raw_value, offset)
                self.lib.diagnostics.append(
                    diagnostic(
                        "RM102",
                        f"missing comma before field '{sw_name}' in entry '{ref.key}'"
                        " (recovered: the field was read separately)",
                        self.name,
                        line,
                    )
                )
                sub, _ = parse_expression(sw_expr)
                self.add_field(ref, sw_name, sw_expr, sub, line, seen)
            if parsed.error:
                line = field_line + _line_of(raw_value, parsed.error_offset)
                self.lib.diagnostics.append(
                    diagnostic(
                        "RM101",
                        f"{parsed.error} in field '{f.key}' of entry '{ref.key}'",
                        self.name,
                        line,
                    )
                )
        self.lib.blocks.append(ref)

    def add_field(
        self,
        ref: Reference,
        name: str,
        raw: str,
        parsed: ParsedValue,
        line: int,
        seen: dict[str, str],
    ) -> None:
        key = name.lower()
        value, unknown = expand(parsed.pieces, self.macros)
        self.warn_unknown(unknown, line)
        if key in seen:
            if value.strip() != seen[key].strip():
                self.lib.diagnostics.append(
                    diagnostic(
                        "RM103",
                        f"field '{key}' appears twice in entry '{ref.key}'; kept the first value, "
                        f"dropped {value[:60]!r}",
                        self.name,
                        line,
                    )
                )
            return
        seen[key] = value
        ref.fields[key] = value
        ref.field_lines[key] = line
        if not parsed.is_plain and parsed.pieces:
            ref.expressions[key] = " # ".join(
                p.text if p.kind != "literal" else "{" + p.text + "}" for p in parsed.pieces
            )

    def failed(self, block: bp.ParsingFailedBlock, line0: int) -> None:
        inner = getattr(block, "ignore_error_block", None)
        # A repeated key is not a syntax error: keep the entry (`check` reports it as RM203).
        duplicate = (bp.DuplicateFieldKeyBlock, bp.DuplicateBlockKeyBlock)
        if isinstance(block, duplicate) and isinstance(inner, bp.Entry):
            self.entry(inner, line0)
            return
        if isinstance(block, bp.DuplicateBlockKeyBlock) and isinstance(inner, bp.String):
            # BibTeX lets a later @string redefine a macro for the entries after it
            before = self.macros.get(inner.key.lower())
            self.string(inner, line0)
            if before is not None and self.macros[inner.key.lower()] != before:
                self.lib.diagnostics.append(
                    diagnostic(
                        "RM108",
                        f"@string {inner.key} redefined with a different value; entries after "
                        "this line get the new one",
                        self.name,
                        line0 + 1,
                    )
                )
            return
        raw = block.raw or ""
        unclosed = _unclosed_brace(raw)
        if unclosed is not None:
            offset, what = unclosed
            line = line0 + 1 + raw.count("\n", 0, offset)
            col = offset - raw.rfind("\n", 0, offset)
            message = (
                f"syntax error: the '{{' at line {line}, column {col} ({what}) is never "
                "closed; add the missing '}'"
            )
        else:
            line = line0 + 1
            error = getattr(block, "error", None)
            reason = getattr(error, "abort_reason", None) or str(error or "").strip()
            detail = reason.strip().rstrip(".") if reason else "cannot parse this block"
            if "`" in detail:  # bibtexparser quotes with backticks; match our own quoting
                detail = detail.replace("`", "'")
            message = f"syntax error: this entry cannot be read ({detail})"
        self.lib.diagnostics.append(
            diagnostic("RM101", message, self.name, line, end_line=line0 + 1 + raw.count("\n"))
        )
        # Keep the unreadable text so no input silently disappears.
        self.lib.blocks.append(
            Comment((block.raw or "").strip(), self.origin(line0), explicit=False)
        )


_FIELD_BEFORE = re.compile(r"([A-Za-z][\w\-:.+]*)\s*=\s*$")
_FIELD_INSIDE = re.compile(r"\n\s*([A-Za-z][\w\-:.+]*)\s*=")


def _unclosed_brace(raw: str) -> tuple[int, str] | None:
    """The innermost `{` of a failed block that is never closed, and what it opens.

    An unclosed brace is the usual cause of a syntax error, and bibtexparser reports it
    where it gave up (often the end of the file); the user needs the brace's own line.
    """
    stack: list[int] = []
    pairs: list[tuple[int, int]] = []
    escaped = False
    for i, ch in enumerate(raw):
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch == "{":
            stack.append(i)
        elif ch == "}" and stack:
            pairs.append((stack.pop(), i))
    if not stack:
        return None
    # A value missing its '}' swallows the fields after it, and the entry's own '}' then
    # closes the value: the brace to blame is the value's, where a field starts inside it.
    for start, end in sorted(pairs):
        if not raw[max(0, start - 40) : start].rstrip().endswith("="):
            continue  # not a field's value (nested braces, the entry's own brace)
        field = _FIELD_BEFORE.search(raw, max(0, start - 200), start)
        inner = _FIELD_INSIDE.search(raw, start + 1, end)
        if field and inner:
            return start, (
                f"the value of field '{field.group(1)}'; field '{inner.group(1)}' starts inside it"
            )
    offset = stack[-1]
    field = _FIELD_BEFORE.search(raw, max(0, offset - 200), offset)
    if field:
        return offset, f"the value of field '{field.group(1)}'"
    if len(stack) == 1 and raw.lstrip().startswith("@"):
        return offset, "the entry itself: its final '}' is missing"
    for outer in reversed(stack[:-1]):
        field = _FIELD_BEFORE.search(raw, max(0, outer - 200), outer)
        if field:
            return offset, f"inside the value of field '{field.group(1)}'"
    return offset, "inside a value"


def parse_bibtex(
    text: str, name: str = "<string>", macros: Mapping[str, str] | None = None
) -> Library:
    """Read BibTeX text into a Library; never raises on bad entries.

    `macros` are `@string`s already defined by earlier files of one bibliography.
    """
    reader = _Reader(name, macros)
    parsed = bibtexparser.parse_string(text, parse_stack=[])  # type: ignore[attr-defined]
    locator = _LineLocator(text)
    for block in parsed.blocks:
        line0 = locator.locate(block.raw or "", block.start_line)
        if isinstance(block, bp.Entry):
            reader.entry(block, line0, locator.column())
        elif isinstance(block, bp.String):
            reader.string(block, line0)
        elif isinstance(block, bp.Preamble):
            raw = (block.raw or "").strip()
            expr = raw[raw.index("{") + 1 : raw.rindex("}")].strip() if "{" in raw else raw
            reader.lib.blocks.append(Preamble(expr, reader.origin(line0)))
        elif isinstance(block, bp.ExplicitComment):
            reader.lib.blocks.append(
                Comment(str(block.comment), reader.origin(line0), explicit=True)
            )
        elif isinstance(block, bp.ImplicitComment):
            comment = str(block.comment).strip()
            if comment:
                reader.lib.blocks.append(Comment(comment, reader.origin(line0)))
        elif isinstance(block, bp.ParsingFailedBlock):
            reader.failed(block, line0)
    return reader.lib


def macros_after(lib: Library, inherited: Mapping[str, str] | None = None) -> dict[str, str]:
    """The `@string` macros in force after reading `lib` on top of `inherited`.

    BibTeX reads `\\bibliography{abbrev,papers}` as one text, so a macro defined in an
    earlier file is known in later ones (cryptobib splits its macros into abbrev.bib).
    """
    macros = dict(inherited or {})
    for block in lib.blocks:
        if isinstance(block, StringDef):
            macros[block.name.lower()] = block.value
    return macros


_BIBTEX_ENTRY = re.compile(r"^\s*@\s*[A-Za-z]+\s*[{(]", re.MULTILINE)


def _sniff_bibtex(text: str) -> float:
    """More `@type{` blocks, more confidence: one is PLAUSIBLE-ish, five are certain."""
    head = text[:200_000]
    n = len(_BIBTEX_ENTRY.findall(head))
    return min(1.0, 0.5 + n / 10) if n else Confidence.NONE


FORMAT = Format("bibtex", parse_bibtex, _sniff_bibtex, (".bib", ".bibtex", ".biblatex"))
