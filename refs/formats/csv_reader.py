"""Generic CSV reader: one record per row, columns named as BibTeX fields.

Systematic-review tools (bib-dedupe, ASySD, spreadsheet exports) exchange records as
CSV with a key column (`ID`/`key`) and a type column (`ENTRYTYPE`/`type`); every other
column is taken as a BibTeX field of the same (lower-cased) name, so the labelled
benchmark sets read with no mapping step.

Spreadsheet programs in European locales re-save CSV with `;` between cells, and some
tools write tabs; `csv_layout` tells which from the header line (the Scopus reader uses
it too), with `,` the default.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..codes import BROKEN_STRUCTURE, NO_RECORDS, diagnostic
from ..grammar.pages import bibtex_pages
from ..model import Diagnostic, Library, Origin, Reference
from .fieldmap import Unkept
from .spec import Confidence, Format

if TYPE_CHECKING:
    from _csv import Reader as _reader

KEY_COLUMNS = ("id", "key", "citekey", "citation_key")
TYPE_COLUMNS = ("entrytype", "type", "entry_type")
# Columns that describe the row, not the work: never copied into fields.
_SKIP = {"colrev_status", "file_name", "colrev_origin"}
# Headers that make a CSV look bibliographic (sniffing).
_BIB_COLUMNS = {"title", "author", "year", "journal", "doi", "entrytype", "pages", "booktitle"}
_DELIMITERS = (",", ";", "\t")  # in order of preference when two split the header alike
# Excel writes (and reads) a first line "sep=;" naming the delimiter.
_SEP_HINT = re.compile(r"^sep=([,;\t|])$")


def csv_layout(text: str) -> tuple[str, bool]:
    """(delimiter, whether line 1 is a `sep=` hint) for CSV text.

    The delimiter that splits the header into the most cells wins; quotes are honoured, so
    a header cell holding a `,` or `;` does not mislead it. A header with no separator at
    all (one column) reads the same with any delimiter, and gets `,`.
    """
    first = text.removeprefix("\ufeff").split("\n", 1)[0].rstrip("\r")
    hint = _SEP_HINT.match(first)
    if hint:
        return hint.group(1), True
    best, most = ",", 1
    for delimiter in _DELIMITERS:
        try:
            cells = len(next(csv.reader([first], delimiter=delimiter)))
        except (csv.Error, StopIteration):
            continue
        if cells > most:
            best, most = delimiter, cells
    return best, False


# The longest cell read (characters). Python's csv module stops at 128 KiB by default, which a
# long abstract or a full-text column can pass; past this limit a cell is no bibliographic
# value, and the row is reported (RM107) instead of being loaded whole.
MAX_CELL = 16 * 1024 * 1024


def csv_rows(text: str) -> tuple[_reader, bool]:
    """A csv reader in the text's layout, already past any `sep=` line (line_num stays true)."""
    if csv.field_size_limit() < MAX_CELL:
        csv.field_size_limit(MAX_CELL)  # process-wide, but only ever raised to this bound
    delimiter, hinted = csv_layout(text)
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""), delimiter=delimiter)
    if hinted:
        next(reader)
    return reader, hinted


def header_cells(text: str) -> list[str]:
    """The header row's cells, lower-cased and stripped (for the sniffers)."""
    delimiter, hinted = csv_layout(text)
    lines = text.removeprefix("\ufeff").split("\n", 2)
    first = lines[1 if hinted else 0] if len(lines) > int(hinted) else ""
    try:
        cells = next(csv.reader([first.rstrip("\r")], delimiter=delimiter))
    except (csv.Error, StopIteration):
        return []
    return [c.strip().lower() for c in cells]


def rows_with_lines(
    reader: _reader, name: str, lib: Library
) -> Iterator[tuple[int, int, list[str]]]:
    """(first line, last line, cells) of each row after the header. A row the csv module
    cannot read (an over-long cell, a stray quote) becomes an error naming its line, and
    reading goes on with the next row, so one bad row never hides the rest."""
    start = reader.line_num + 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            lib.diagnostics.append(cell_error(exc, name, start))
            start = reader.line_num + 1
            continue
        end = reader.line_num
        yield start, end, row
        start = end + 1


def cell_error(exc: csv.Error, name: str, line: int) -> Diagnostic:
    """An unreadable CSV row as an error: the record in it would be lost (RM107 blocks writing)."""
    if "field larger than field limit" in str(exc):
        what = f"a cell longer than {MAX_CELL // (1024 * 1024)} MiB (no bibliographic field is)"
    else:
        what = f"a row the CSV reader cannot read ({exc})"
    return diagnostic(
        BROKEN_STRUCTURE, f"{what}; the record on this row cannot be read", name, line
    )


def _column_map(header: list[str]) -> tuple[int | None, int | None, list[tuple[int, str]]]:
    lowered = [h.strip().lower() for h in header]
    key_col = next((i for i, h in enumerate(lowered) if h in KEY_COLUMNS), None)
    type_col = next((i for i, h in enumerate(lowered) if h in TYPE_COLUMNS), None)
    fields = [
        (i, h)
        for i, h in enumerate(lowered)
        if h and i not in (key_col, type_col) and h not in _SKIP
    ]
    return key_col, type_col, fields


def parse_csv(text: str, name: str) -> Library:
    """Read CSV text; each row's origin line is the line where the row starts."""
    lib = Library()
    reader, _ = csv_rows(text)
    try:
        header = next(reader)
    except StopIteration:
        lib.diagnostics.append(diagnostic(NO_RECORDS, "the CSV file is empty", name))
        return lib
    key_col, type_col, columns = _column_map(header)
    read_cols = {i for i, _ in columns} | {key_col, type_col}
    unkept = Unkept("column")
    for start, end, row in rows_with_lines(reader, name, lib):
        if not any(cell.strip() for cell in row):
            continue
        unkept.add(_unread_cells(row, header, read_cols), start)
        fields: dict[str, str] = {}
        for i, field_name in columns:
            if i < len(row):
                value = row[i].strip()
                if value:
                    fields[field_name] = value
        if "pages" in fields:
            fields["pages"] = bibtex_pages(fields["pages"])
        key = row[key_col].strip() if key_col is not None and key_col < len(row) else ""
        entry_type = (
            row[type_col].strip().lower() if type_col is not None and type_col < len(row) else ""
        )
        lib.blocks.append(
            Reference(entry_type or "misc", key, fields, Origin(name, start, end, "csv"))
        )
    if not lib.blocks:
        lib.diagnostics.append(diagnostic(NO_RECORDS, "the CSV file holds no records", name, 1))
    note = unkept.diagnostic(name)
    if note is not None:
        lib.diagnostics.append(note)
    return lib


def _unread_cells(row: list[str], header: list[str], read_cols: set[int | None]) -> set[str]:
    """Names of the cells of a row that hold a value no field keeps."""
    out = set()
    for i, cell in enumerate(row):
        if i in read_cols or not cell.strip():
            continue
        if i >= len(header):
            out.add("cells past the last header column")
        else:
            out.add(header[i].strip() or f"column {i + 1} (no header)")
    return out


def _sniff_csv(text: str) -> float:
    cells = set(header_cells(text))
    if len(cells) < 2:
        return Confidence.NONE
    hits = len(cells & _BIB_COLUMNS)
    return min(Confidence.GENERIC_MAX, 0.3 + 0.15 * hits) if hits >= 2 else Confidence.NONE


FORMAT = Format("csv", parse_csv, _sniff_csv, (".csv",))
