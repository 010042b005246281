"""Generic CSV reader: one record per row, columns named as BibTeX fields.

Systematic-review tools (bib-dedupe, ASySD, spreadsheet exports) exchange records as
CSV with a key column (`ID`/`key`) and a type column (`ENTRYTYPE`/`type`); every other
column is taken as a BibTeX field of the same (lower-cased) name, so the labelled
benchmark sets read with no mapping step.
"""

from __future__ import annotations

import csv
import io

from .codes import diagnostic
from .formats import Format, register_format
from .model import Library, Origin, Reference
from .writer import normalise_pages

KEY_COLUMNS = ("id", "key", "citekey", "citation_key")
TYPE_COLUMNS = ("entrytype", "type", "entry_type")
# Columns that describe the row, not the work: never copied into fields.
_SKIP = {"colrev_status", "file_name", "colrev_origin"}
# Headers that make a CSV look bibliographic (sniffing).
_BIB_COLUMNS = {"title", "author", "year", "journal", "doi", "entrytype", "pages", "booktitle"}


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
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        lib.diagnostics.append(diagnostic("RM002", "the CSV file is empty", name))
        return lib
    key_col, type_col, columns = _column_map(header)
    start = reader.line_num + 1
    for row in reader:
        end = reader.line_num
        if not any(cell.strip() for cell in row):
            start = end + 1
            continue
        fields: dict[str, str] = {}
        for i, field_name in columns:
            if i < len(row):
                value = row[i].strip()
                if value:
                    fields[field_name] = value
        if "pages" in fields:
            fields["pages"] = normalise_pages(fields["pages"])
        key = row[key_col].strip() if key_col is not None and key_col < len(row) else ""
        entry_type = (
            row[type_col].strip().lower() if type_col is not None and type_col < len(row) else ""
        )
        lib.blocks.append(
            Reference(entry_type or "misc", key, fields, Origin(name, start, end, "csv"))
        )
        start = end + 1
    if not lib.blocks:
        lib.diagnostics.append(diagnostic("RM002", "the CSV file holds no records", name, 1))
    return lib


def _sniff_csv(text: str) -> float:
    first = text.lstrip("\ufeff").split("\n", 1)[0]
    if "," not in first:
        return 0.0
    cells = {c.strip().strip('"').lower() for c in first.split(",")}
    hits = len(cells & _BIB_COLUMNS)
    return min(0.9, 0.3 + 0.15 * hits) if hits >= 2 else 0.0


register_format(Format("csv", parse_csv, _sniff_csv, (".csv",)))
