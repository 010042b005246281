"""BibTeX reader: blocks in order, macros resolved, problems as diagnostics.

Values are parsed and macros expanded here (see bibtex_values.py), so nested
`@string`s and `#` concatenation resolve fully and a missing comma between
fields is caught instead of silently eating the next field.

Entries are cut out of the text by a fast path of our own (`_FastEntries`): an
entry starting on its own line whose fields are `name = value` with `{...}`,
`"..."`, numbers or macros is read in one pass, the value parser finding each
value's end once. Everything else, `@string`, `@preamble`, `@comment`, text between
entries and any entry the fast path is not sure of, goes to bibtexparser v2's
splitter (empty parse stack), as all of a file did before; the fast path only
takes what bibtexparser would read the same way. Where bibtexparser reports a syntax
error anywhere, the whole file is read by bibtexparser alone, so its recovery and
messages are kept exactly. Profiled on a 20,000-entry library the splitter's
character-by-character scan plus our second parse of every value was two thirds of
reading; and a clean file no longer imports bibtexparser (and pylatexenc with it),
which a `check` of one file in a pre-commit hook pays for at every start.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import TYPE_CHECKING, Any, cast

from ..bulk import in_two, parent_share
from ..codes import (
    BROKEN_STRUCTURE,
    DUPLICATE_FIELD,
    MACRO_REDEFINED,
    MISSING_COMMA,
    SYNTAX_ERROR,
    UNDEFINED_MACRO,
    diagnostic,
)
from ..model import Comment, FieldLines, Library, Origin, Preamble, Reference, StringDef
from .bibtex_values import ParsedValue, Piece, expand, parse_expression, parse_value
from .spec import Confidence, Format

if TYPE_CHECKING:
    from bibtexparser import model as bp


def _bibtexparser() -> Any:
    """bibtexparser, imported on first use (it imports pylatexenc, ~0.1 s)."""
    import bibtexparser

    return bibtexparser


# bibtexparser logs the parse failures we report as diagnostics; its records are dropped
# for the length of our call only (refs/logfilter.py), not for the whole process.
_BIBTEXPARSER_LOGGERS = ("bibtexparser.splitter", "bibtexparser.entrypoint")


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset)


class _LineLocator:
    """0-based start lines of blocks, counted by us.

    bibtexparser 2.1 miscounts lines after a backslash at the end of a line
    (it skips the escaped newline), so every later line number would drift.
    Blocks come in source order, so finding each raw block text after the end of
    the previous one keeps this linear. (Searching from the previous block's start
    instead found a short comment such as `}` inside the entry before it.) A block
    that failed to parse may overlap the next one, so only its start is passed.
    """

    def __init__(self, text: str, first_column: int = 0, shares_first_line: bool = False) -> None:
        """`first_column`: where `text` starts on its first line (a gap between fast-path
        entries starts where an entry ended); `shares_first_line`: a block already began
        on that line."""
        self.text = text
        self.pos = 0
        self.line = 0
        self.line_start = -first_column  # offset of the current line's first character
        self.started = shares_first_line  # a block has been located on or before this line
        self.column_of_last = 1
        self.start_line = 0 if shares_first_line else -1  # line the last block began on
        self.shared = False  # the last block located began on a line an earlier block began on

    def locate(self, raw: str, fallback: int | None, whole: bool = True) -> int:
        index = self.text.find(raw, self.pos) if raw else -1
        if index < 0:
            self.shared = False
            return fallback or 0
        newlines = self.text.count("\n", self.pos, index)
        if newlines:
            self.line += newlines
            self.line_start = self.text.rindex("\n", self.pos, index) + 1
        # several blocks begin on this line (a whole file on one line): a column tells them apart
        self.shared = self.started and self.line == self.start_line
        self.started = True
        self.start_line = self.line
        self.pos = index
        self.column_of_last = index - self.line_start + 1
        line = self.line
        if whole:  # move past the block: the next one is searched for after its end
            inner = raw.count("\n")
            if inner:
                self.line += inner
                self.line_start = index + raw.rindex("\n") + 1
            self.pos = index + len(raw)
        return line

    def column(self) -> int | None:
        """1-based column of the last block located, where its line alone cannot tell it
        apart (another block began on the same line: a whole file on one line)."""
        return self.column_of_last if self.shared else None


@lru_cache(maxsize=10_000)  # field names repeat, so each pattern is compiled once
def _field_name_pattern(name: str) -> re.Pattern[str]:
    """The compiled `name =` pattern."""
    return re.compile(r"(?<![\w\-:.+])" + re.escape(name) + r"\s*=", re.IGNORECASE)


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


# Past this a value is no bibliographic field (a pasted file, a runaway brace): the entry
# is reported as an error that blocks writing (RM107), as the CSV reader does for cells,
# rather than carried through matching, merging and writing.
MAX_FIELD = 16 * 1024 * 1024
# A record's field names and each field's line from its first (`FieldLines`); shapes are
# shared up to this many, for a file of made-up layouts.
_Shape = tuple[tuple[str, ...], tuple[int, ...]]
_SHAPES_MAX = 4096


class _Reader:
    def __init__(self, name: str, macros: Mapping[str, str] | None = None) -> None:
        self.name = name
        self.macros: dict[str, str] = dict(macros or {})
        self.lib = Library()
        # `@string` names met so far, as bibtexparser compares them (exactly): a name met
        # again is a redefinition, also when the two are in different fast-path gaps.
        self.string_keys: set[str] = set()
        # field names and entry types as written -> lower case, one shared string each: a
        # million records name a dozen fields, and a string per field and record was a
        # fifth of a large library's memory (about 0.4 GB at 1M entries)
        self.names: dict[str, str] = {}
        self.shapes: dict[_Shape, _Shape] = {}

    def origin(self, line0: int, end_line0: int | None = None, column: int | None = None) -> Origin:
        end = end_line0 + 1 if end_line0 is not None else None
        return Origin(self.name, line0 + 1, end, "bibtex", column)

    def warn_unknown(self, unknown: list[str], line: int) -> None:
        for macro in unknown:
            self.lib.diagnostics.append(
                diagnostic(
                    UNDEFINED_MACRO,
                    f"undefined macro {macro!r} (used as literal text)",
                    self.name,
                    line,
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
        offsets = _field_offsets(block.raw or "", [f.key for f in block.fields])
        fields = []
        for f, offset in zip(block.fields, offsets, strict=True):
            raw_value = f.value if isinstance(f.value, str) else str(f.value)
            if offset >= 0:
                field_line = line0 + 1 + _line_of(block.raw or "", offset)
            else:
                field_line = (f.start_line if f.start_line is not None else line0) + 1
            fields.append((f.key, raw_value, parse_value(raw_value), field_line))
        self.fill_entry(block.entry_type, block.key, fields, line0, column)

    def fill_entry(
        self,
        entry_type: str,
        key: str,
        fields: Iterable[tuple[str, str, ParsedValue, int]],
        line0: int,
        column: int | None = None,
    ) -> None:
        """Add one entry from its (name, raw value, parsed value, line) fields; `column`
        where the line alone does not say which entry (several on one line)."""
        kind = self.names.get(entry_type)
        if kind is None:
            kind = self.names[entry_type] = sys.intern(entry_type.lower())
        ref = Reference(kind, key, origin=self.origin(line0, None, column))
        seen: dict[str, str] = {}
        for name, raw_value, parsed, field_line in fields:
            if len(raw_value) > MAX_FIELD:
                self.lib.diagnostics.append(
                    diagnostic(
                        BROKEN_STRUCTURE,
                        f"field '{name}' of entry '{key}' is longer than "
                        f"{MAX_FIELD // (1024 * 1024)} MiB (no bibliographic field is); "
                        "nothing is written from this file",
                        self.name,
                        field_line,
                    )
                )
                continue
            self.add_field(ref, name, raw_value, parsed, field_line, seen)
            for sw_name, sw_expr, offset in parsed.swallowed:
                line = field_line + _line_of(raw_value, offset)
                self.lib.diagnostics.append(
                    diagnostic(
                        MISSING_COMMA,
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
                        SYNTAX_ERROR,
                        f"{parsed.error} in field '{name}' of entry '{ref.key}'",
                        self.name,
                        line,
                    )
                )
        self.lib.blocks.append(ref)

    def fill_plain(self, entry_type: str, key: str, fields: list[_PlainField], line0: int) -> bool:
        """Add one entry of plain fields (`_fast_entry`) as `fill_entry` would, storing each
        value as it is: without a parsed value, a field tuple and a call per field, a fifth
        of reading. False, and nothing added, for an entry `fill_entry` has to tell about (a
        field given twice, a value over `MAX_FIELD`): the caller then hands it over."""
        names = self.names
        values: dict[str, str] = {}
        offsets: list[int] = []
        for name, value, newlines in fields:
            lower = names.get(name)
            if lower is None:
                lower = names[name] = sys.intern(name.lower())
            if lower in values or len(value) + 2 > MAX_FIELD:
                return False
            values[lower] = value
            offsets.append(newlines)
        kind = names.get(entry_type)
        if kind is None:
            kind = names[entry_type] = sys.intern(entry_type.lower())
        # the field lines' shape, one shared copy per layout (`FieldLines`)
        found = (tuple(values), tuple(offsets))
        shape = self.shapes.get(found)
        if shape is None:
            shape = (
                found if len(self.shapes) >= _SHAPES_MAX else self.shapes.setdefault(found, found)
            )
        first = line0 + 1
        origin = Origin(self.name, first, None, "bibtex", None)
        self.lib.blocks.append(
            Reference(kind, key, values, origin, {}, [], FieldLines(shape, first))
        )
        return True

    def add_field(
        self,
        ref: Reference,
        name: str,
        raw: str,
        parsed: ParsedValue,
        line: int,
        seen: dict[str, str],
    ) -> None:
        key = self.names.get(name)
        if key is None:
            key = self.names[name] = sys.intern(name.lower())
        pieces = parsed.pieces
        plain = len(pieces) == 1 and pieces[0].kind != "macro"  # parsed.is_plain, inlined
        if plain:  # most values: nothing to expand
            value = pieces[0].text
        else:
            value, unknown = expand(pieces, self.macros)
            self.warn_unknown(unknown, line)
        if key in seen:
            if value.strip() != seen[key].strip():
                self.lib.diagnostics.append(
                    diagnostic(
                        DUPLICATE_FIELD,
                        f"field '{key}' appears twice in entry '{ref.key}'; kept the first value, "
                        f"dropped {value[:60]!r}",
                        self.name,
                        line,
                    )
                )
            return
        seen[key] = value
        ref.fields[key] = value
        cast(dict[str, int], ref.field_lines)[key] = line  # a dict: `fill_entry`'s own
        if not plain and pieces:
            ref.expressions[key] = " # ".join(
                p.text if p.kind != "literal" else "{" + p.text + "}" for p in pieces
            )

    def string_block(self, block: bp.String, line0: int) -> None:
        """An `@string`; one whose name was defined before in this file redefines it."""
        if block.key not in self.string_keys:
            self.string_keys.add(block.key)
            self.string(block, line0)
        else:
            # BibTeX lets a later @string redefine a macro for the entries after it
            inner = block
            before = self.macros.get(inner.key.lower())
            self.string(inner, line0)
            if before is not None and self.macros[inner.key.lower()] != before:
                self.lib.diagnostics.append(
                    diagnostic(
                        MACRO_REDEFINED,
                        f"@string {inner.key} redefined with a different value; entries after "
                        "this line get the new one",
                        self.name,
                        line0 + 1,
                    )
                )

    def failed(
        self, block: bp.ParsingFailedBlock, line0: int, bp: Any, column: int | None = None
    ) -> None:
        inner = getattr(block, "ignore_error_block", None)
        # A repeated key is not a syntax error: keep the entry (`check` reports it as RM203).
        duplicate = (bp.DuplicateFieldKeyBlock, bp.DuplicateBlockKeyBlock)
        if isinstance(block, duplicate) and isinstance(inner, bp.Entry):
            self.entry(inner, line0, column)
            return
        if isinstance(block, bp.DuplicateBlockKeyBlock) and isinstance(inner, bp.String):
            self.string_block(inner, line0)
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
            diagnostic(SYNTAX_ERROR, message, self.name, line, end_line=line0 + 1 + raw.count("\n"))
        )
        # Keep the unreadable text so no input silently disappears.
        self.lib.blocks.append(
            Comment((block.raw or "").strip(), self.origin(line0), explicit=False)
        )


def _is_syntax_error(block: object, bp: Any) -> bool:
    duplicate = (bp.DuplicateFieldKeyBlock, bp.DuplicateBlockKeyBlock)
    return isinstance(block, bp.ParsingFailedBlock) and not isinstance(block, duplicate)


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


def _read_blocks(
    reader: _Reader,
    text: str,
    line_offset: int = 0,
    gap: bool = False,
    first_column: int = 0,
    shares_first_line: bool = False,
) -> bool:
    """Read `text` with bibtexparser's splitter into `reader`; False on a syntax error in a gap.

    `line_offset` is the 0-based line where `text` starts in the file. In a `gap`
    between fast-path entries nothing is read when bibtexparser fails: the caller then
    reads the whole file this way, so recovery and its messages are as they always were.
    """
    from ..logfilter import quiet  # with bibtexparser: a clean file loads neither, nor logging

    bibtexparser = _bibtexparser()
    bp = bibtexparser.model
    with quiet(*_BIBTEXPARSER_LOGGERS):
        parsed = bibtexparser.parse_string(text, parse_stack=[])
    if gap and any(_is_syntax_error(b, bp) for b in parsed.blocks):
        return False
    locator = _LineLocator(text, first_column, shares_first_line)
    for block in parsed.blocks:
        whole = not _is_syntax_error(block, bp)
        line0 = line_offset + locator.locate(block.raw or "", block.start_line, whole)
        if isinstance(block, bp.Entry):
            reader.entry(block, line0, locator.column())
        elif isinstance(block, bp.String):
            reader.string_block(block, line0)
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
            reader.failed(block, line0, bp, locator.column())
    return True


# An entry's first line as bibtexparser's splitter sees a block start (`@` after only
# white space on its line, then `{`); comment, preamble and string blocks never match.
_ENTRY_START = re.compile(r"^[^\S\n]*@(\w+)[ \t]*\{([^\s{}\",=@\\#%()]+),", re.MULTILINE)
_NOT_ENTRY = ("comment", "preamble", "string")
# A block start at the beginning of a line: bibtexparser ends any block there.
_BLOCK_START_IN_LINE = re.compile(r"\n[^\S\n]*@\w*[ \t]*[{(]")
_FIELD_NAME = re.compile(r"\s*([^\s{}\",=@\\#%()]+)\s*=\s*")
_FIELD_END = re.compile(r"\s*([,}])")
# Most fields in one match: `name = {text without braces or backslashes}` or `name = 2020`.
_SIMPLE_FIELD = re.compile(r"\s*([^\s{}\",=@\\#%()]+)\s*=\s*(?:\{([^{}\\]*)\}|([0-9]+))\s*([,}])")
_CLOSE_AFTER_COMMA = re.compile(r"\s*\}")
_UNESCAPED_QUOTE = re.compile(r'(?<!\\)"')


def _quote_agrees(raw_value: str, pieces: int) -> bool:
    """Whether bibtexparser ends a value with `"` in it where the value parser does.

    Inside `"..."` bibtexparser does not count braces, so a `"` within braces there
    would end the value for it and not for us; `\\\\` escapes differently too.
    A `"` inside a `{...}` value is plain text for both.
    """
    if not raw_value.startswith('"'):
        return pieces == 1  # in braces; with `#` pieces it may be a quoted one: unsure
    content = raw_value[1:-1]
    return pieces == 1 and "\\\\" not in content and not _UNESCAPED_QUOTE.search(content)


_Field = tuple[str, str, ParsedValue, int]  # name, raw value, parsed value, line
_PlainField = tuple[str, str, int]  # name, value (a `{...}` literal's text or a number), line


def _full_field(plain: _PlainField, is_number: bool) -> _Field:
    """A plain field as the value parser gives it: what `_fast_entry` makes of its plain
    fields once the entry turns out to have a field that is not plain."""
    name, value, newlines = plain
    if is_number:
        return (name, value, ParsedValue([Piece("number", value)]), newlines)
    return (name, "{" + value + "}", ParsedValue([Piece("literal", value)]), newlines)


def _fast_entry(
    text: str, start: int, body: int, plain_ok: bool = True
) -> tuple[list[_PlainField] | None, list[_Field] | None, int] | None:
    """The fields of the entry whose fields begin at `body`, and where it ends; None if unsure.

    Unsure is anything bibtexparser might read differently: a value that is not
    `{...}`, `"..."` (without a `"` inside), a number or a macro (`#`-joined), a value
    followed by anything but `,` or `}`, a field name with a mark in it, a block start
    at the beginning of a line inside the entry. Field lines are 1-based, counted from
    the entry's first line (0 here).

    `(plain, None, end)` when every field is `name = {text}` without braces or
    backslashes inside, or `name = 123` (most entries; `plain_ok`): each field is then
    only its name, value and line, with no parsed value built for it (the reader's fast
    path stores those as they are). Else `(None, fields, end)`, the value parser's view
    of each field.
    """
    plain: list[_PlainField] = []
    numbers: list[int] = []  # which plain fields were bare numbers
    fields: list[_Field] | None = None if plain_ok else []
    pos = body
    n = len(text)
    newlines = 0  # from the entry's start to `counted`
    counted = start
    while True:
        simple = _SIMPLE_FIELD.match(text, pos)
        if simple is not None:  # what parse_expression would make of it, without the scan
            literal, number, close = simple.group(2, 3, 4)
            name_at = simple.start(1)
            newlines += text.count("\n", counted, name_at)
            counted = name_at
            if fields is None:
                if number is None:
                    plain.append((simple.group(1), literal, newlines))
                else:
                    numbers.append(len(plain))
                    plain.append((simple.group(1), number, newlines))
            elif number is None:
                value = ParsedValue([Piece("literal", literal)])
                fields.append((simple.group(1), "{" + literal + "}", value, newlines))
            else:
                fields.append(
                    (simple.group(1), number, ParsedValue([Piece("number", number)]), newlines)
                )
            pos = simple.end()
            if close == "}":
                end = pos
                break
            continue
        if _CLOSE_AFTER_COMMA.match(text, pos):  # `, }`: a trailing comma
            end = text.index("}", pos) + 1
            break
        m = _FIELD_NAME.match(text, pos)
        if m is None:
            return None
        if fields is None:  # the first field that is not plain: every field as parsed
            fields = [_full_field(f, i in numbers) for i, f in enumerate(plain)]
        value_start = m.end()
        if value_start >= n:
            return None
        parsed, value_end = parse_expression(text, value_start)
        if parsed.error or not parsed.pieces:
            return None
        for piece in parsed.pieces:
            if piece.kind != "literal" and ("\\" in piece.text or "@" in piece.text):
                return None
        raw_value = text[value_start:value_end].strip()
        if '"' in raw_value and not _quote_agrees(raw_value, len(parsed.pieces)):
            return None
        newlines += text.count("\n", counted, m.start(1))
        counted = m.start(1)
        fields.append((m.group(1), raw_value, parsed, newlines))
        after = _FIELD_END.match(text, value_end)
        if after is None:
            return None
        pos = after.end()
        if after.group(1) == "}":
            end = pos
            break
    if _BLOCK_START_IN_LINE.search(text, start + 1, end):
        return None
    return (plain, None, end) if fields is None else (None, fields, end)


def _read_fast(reader: _Reader, text: str, first_line: int = 0) -> bool:
    """Read `text`, entries by the fast path, gaps by bibtexparser; False if a gap failed.

    `first_line`: the 0-based line of the file `text` starts on (the second half of a
    file read on two cores)."""
    pos = 0  # end of what has been read
    line = first_line  # 0-based line of `pos`
    began = -1  # 0-based line the last fast-path entry began on
    for m in _ENTRY_START.finditer(text):
        start = m.start()
        if start < pos or m.group(1).lower().startswith(_NOT_ENTRY):
            continue
        read = _fast_entry(text, start, m.end())
        if read is None:
            continue  # left in the gap, for bibtexparser
        at = text.index("@", start)
        if not _read_gap(reader, text, pos, at, line, began == line):
            return False
        line += text.count("\n", pos, at)
        began = line
        plain, fields, end = read
        if plain is not None and not reader.fill_plain(m.group(1), m.group(2), plain, line):
            fields = _fast_entry(text, start, m.end(), plain_ok=False)[1]  # type: ignore[index]
        if fields is not None:
            reader.fill_entry(
                m.group(1),
                m.group(2),
                (
                    (name, raw, parsed, line + 1 + newlines)
                    for name, raw, parsed, newlines in fields
                ),
                line,
            )
        line += text.count("\n", at, end)
        pos = end
    return _read_gap(reader, text, pos, len(text), line, began == line)


def _read_gap(
    reader: _Reader, text: str, start: int, end: int, line: int, shares_line: bool
) -> bool:
    """The text between two fast-path entries: free text is a comment, the rest bibtexparser's.

    `shares_line`: the entry before the gap began on the gap's first line."""
    gap = text[start:end]
    if "@" in gap:
        column = start - (text.rfind("\n", 0, start) + 1)
        return _read_blocks(reader, gap, line, True, column, shares_line)
    comment = gap.strip()
    if comment:
        line0 = line + gap.count("\n", 0, gap.index(comment[0]))
        reader.lib.blocks.append(Comment(comment, reader.origin(line0)))
    return True


def parse_bibtex(
    text: str, name: str = "<string>", macros: Mapping[str, str] | None = None
) -> Library:
    """Read BibTeX text into a Library; never raises on bad entries.

    `macros` are `@string`s already defined by earlier files of one bibliography.
    """
    cut = _cut(text)
    if cut is not None:
        halves = in_two(lambda start, _: _read_part(text, cut, start, name, macros), 2, 2)
        if halves is not None:
            first, second = halves
            if first is not None and second is not None:
                first.extend(second)
                return first
            return _read_slowly(text, name, macros)  # a syntax error: as one text, below
    reader = _Reader(name, macros)
    if _read_fast(reader, text):
        return reader.lib
    return _read_slowly(text, name, macros)


def _read_slowly(text: str, name: str, macros: Mapping[str, str] | None) -> Library:
    """The whole file by bibtexparser alone, for its recovery and messages."""
    reader = _Reader(name, macros)
    _read_blocks(reader, text)
    return reader.lib


# From about this size (7,000 typical entries, a quarter of a second to read) a file is read
# on two cores: a fork and sending half of the records back cost a few hundredths of that.
MIN_SPLIT_CHARS = 2_000_000
# The cut is past the middle: the child pickles its records (1.4 s of 10.3 s of reading for
# half of 300,000 entries) while the parent reads on, so that both finish together.
_READ_SHARE = parent_share(10.3, 2.8)
# `@string` before the cut: the second half would need the macros it defines
_STRING_START = re.compile(r"@\s*string", re.IGNORECASE)


def _cut(text: str, near: int | None = None) -> int | None:
    """Where a large file can be cut in two texts that read, each alone, as the file does.

    The cut is at an entry a little past the middle (`_READ_SHARE`) that starts a line with `@` and that the fast
    path reads. No fast-path entry runs across such a line (it ends any entry, as in
    bibtexparser), so the entries and gaps on each side are exactly those of a reading of
    the whole file, and the halves only have to agree on the line they start on. A file
    with an `@string` before the cut is not cut (the second half would lack its macros),
    nor one with no such entry soon after the middle. `near`: look from there instead of
    the middle, whatever the size (tests cut at every place)."""
    if near is None:
        if len(text) < MIN_SPLIT_CHARS:
            return None
        near = int(len(text) * _READ_SHARE)
    for tries, m in enumerate(_ENTRY_START.finditer(text, max(near, 1))):
        if tries == 50:
            return None
        start = m.start()
        if (
            text[start] == "@"
            and text[start - 1] == "\n"
            and not m.group(1).lower().startswith(_NOT_ENTRY)
            and _fast_entry(text, start, m.end()) is not None
        ):
            return None if _STRING_START.search(text, 0, start) else start
    return None


def _read_part(
    text: str, cut: int, part: int, name: str, macros: Mapping[str, str] | None
) -> Library | None:
    """The first (`part` 0) or second (1) side of `_cut`, by the fast path; None when a
    gap has a syntax error (the whole file is then read as one text)."""
    reader = _Reader(name, macros)
    if part == 0:
        done = _read_fast(reader, text[:cut])
    else:
        done = _read_fast(reader, text[cut:], text.count("\n", 0, cut))
    return reader.lib if done else None


def _parse_bibtex_splitter(
    text: str, name: str = "<string>", macros: Mapping[str, str] | None = None
) -> Library:
    """`parse_bibtex` by bibtexparser's splitter alone: what the fast path must agree with."""
    reader = _Reader(name, macros)
    _read_blocks(reader, text)
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
