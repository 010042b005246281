"""The record model every reader produces and every later stage consumes.

The classes are plain data (as in bibtexparser v2's model): no parsing, no I/O,
no knowledge of duplicates. Readers fill them, the writer prints them.
"""

from __future__ import annotations

from collections.abc import ItemsView, Iterator, Mapping
from dataclasses import dataclass, field
from enum import Enum


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a record was read from, so every message and report can point at it.

    `column` is set only where the line alone cannot tell records apart (EndNote writes
    a whole XML library on one line); `file:line` stays the location everywhere else.
    """

    file: str
    line: int  # 1-based first line of the record
    end_line: int | None = None
    format: str = "bibtex"
    column: int | None = None  # 1-based, in characters

    def __reduce__(self) -> tuple[type[Origin], tuple[object, ...]]:
        """Pickled as its constructor's arguments: a library read or merged on two cores
        (refs/bulk.py) sends hundreds of thousands of these between processes, and the
        dataclass's own state functions run in Python, a third slower."""
        return Origin, (self.file, self.line, self.end_line, self.format, self.column)

    def __str__(self) -> str:
        if self.column:
            return f"{self.file}:{self.line}:{self.column}"
        return f"{self.file}:{self.line}"


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem found in the input, shared by readers, `check` and reports."""

    severity: Severity
    code: str
    message: str
    file: str
    line: int = 0
    col: int = 0
    end_line: int | None = None

    def __str__(self) -> str:
        where = self.file
        if self.line:
            where += f":{self.line}"
            if self.col:
                where += f":{self.col}"
        # One style everywhere, `check`'s and the compilers' (`path:line:col: CODE message`):
        # editors jump to it, and the code says the severity (docs/check.md lists them).
        return f"{where}: {self.code} {self.message}"


class FieldLines(Mapping[str, int]):
    """The 1-based source line of each field of a record read as written, as a read-only
    mapping: the record's first line and its *shape*, the field names and each field's
    line counted from the first, a pair of tuples that the reader shares between every
    record laid out alike (a library's records have a few dozen layouts). A dictionary
    and an integer per field were about 480 bytes a record, a tenth of a large library's
    records in memory, and a dictionary of integers per record to pickle when half of it
    is read by a second process; this is one small object, and a pickle names each
    shape once."""

    __slots__ = ("_first", "_shape")

    def __init__(self, shape: tuple[tuple[str, ...], tuple[int, ...]], first: int) -> None:
        self._shape = shape
        self._first = first

    def __getitem__(self, name: str) -> int:
        names, offsets = self._shape
        try:
            return self._first + offsets[names.index(name)]
        except ValueError:
            raise KeyError(name) from None

    def items(self) -> ItemsView[str, int]:
        """(name, line) pairs in one pass (the mixin's looks each name up again)."""
        names, offsets = self._shape
        return dict(zip(names, map(self._first.__add__, offsets), strict=True)).items()

    def __iter__(self) -> Iterator[str]:
        return iter(self._shape[0])

    def __len__(self) -> int:
        return len(self._shape[0])

    def __contains__(self, name: object) -> bool:
        return name in self._shape[0]

    def __repr__(self) -> str:
        return repr(dict(self))

    def __reduce__(self) -> tuple[type[FieldLines], tuple[object, ...]]:
        return FieldLines, (self._shape, self._first)


@dataclass(slots=True)
class Reference:
    """One bibliographic record.

    `fields` holds each value as BibTeX-ready text with macros already expanded
    (what matching and merging look at). Where the source wrote a field as a
    macro expression (`journal = jacm`, `month = jan # "~15"`), `expressions`
    keeps that source text so the writer can print it back unchanged as long
    as the expanded value has not been edited since.
    """

    entry_type: str
    key: str
    fields: dict[str, str] = field(default_factory=dict)
    origin: Origin = field(default_factory=lambda: Origin("<memory>", 0))
    expressions: dict[str, str] = field(default_factory=dict)
    # Keys of records that were merged into this one (file:line kept in reports).
    absorbed: list[Reference] = field(default_factory=list)
    # 1-based source line of each field (readers that know it fill it; empty otherwise).
    field_lines: Mapping[str, int] = field(default_factory=dict)

    def get(self, name: str, default: str = "") -> str:
        return self.fields.get(name, default)

    def __reduce__(self) -> tuple[type[Reference], tuple[object, ...]]:
        """Pickled as its constructor's arguments, as `Origin` is: a third faster both ways
        when half of a large library is read or merged by a second process."""
        return Reference, (
            self.entry_type,
            self.key,
            self.fields,
            self.origin,
            self.expressions,
            self.absorbed,
            self.field_lines,
        )

    def set(self, name: str, value: str) -> None:
        """Set a field; a changed value no longer matches its macro expression."""
        self.fields[name] = value
        self.expressions.pop(name, None)


@dataclass(slots=True)
class StringDef:
    """An `@string{name = value}` definition, kept verbatim for the writer."""

    name: str
    expression: str
    value: str
    origin: Origin


@dataclass(slots=True)
class Preamble:
    expression: str
    origin: Origin


@dataclass(slots=True)
class Comment:
    """`@comment{...}` or free text between entries; kept in place so nothing is lost."""

    text: str
    origin: Origin
    explicit: bool = False


Block = Reference | StringDef | Preamble | Comment


@dataclass(slots=True)
class Library:
    """What one read produces: blocks in source order plus the problems met."""

    blocks: list[Block] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def references(self) -> list[Reference]:
        return [b for b in self.blocks if isinstance(b, Reference)]

    @property
    def has_errors(self) -> bool:
        return any(d.severity is Severity.ERROR for d in self.diagnostics)

    def extend(self, other: Library) -> None:
        self.blocks.extend(other.blocks)
        self.diagnostics.extend(other.diagnostics)


class InputError(Exception):
    """Input that cannot be read at all (wrong encoding, binary, missing file)."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(str(diagnostic))
        self.diagnostic = diagnostic
