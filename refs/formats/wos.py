"""Web of Science plain-text ("Other file formats" -> Plain text) tagged export reader.

Layout: `FN`/`VR` header, then records from `PT` to `ER`, `EF` at the end. A
tag is two characters, a space, the value; continuation lines start with three
spaces. For name and reference lists (AU, AF, CA, BE, CR, ...) each
continuation line is the next item; for text (TI, AB, SO) it continues the
same value. Full author names (AF) are preferred over the abbreviated AU.
"""

from __future__ import annotations

import re

from ..codes import diagnostic
from ..model import Library, Origin, Reference
from .fieldmap import (
    Unkept,
    clean_doi,
    clean_text,
    corporate,
    language,
    lost,
    pages_from,
    person,
    put,
    put_date,
    put_joined,
    put_keywords,
    put_names,
    put_standard_numbers,
)
from .spec import Confidence, Format

_LIST_TAGS = {"AU", "AF", "BA", "BF", "CA", "GP", "BE", "CR", "C1", "C3", "RI", "OI"}
_TAG = re.compile(r"^([A-Z][A-Z0-9]|\ufeff?FN)(?: (.*)|)$")

Record = dict[str, list[str]]

# Tags the mapping below tries to keep (each value is checked: J9 beside JI, AR beside a
# page range). Citation data (CR, NR, TC, Z9, U1, U2), e-mail, funding and the rest are
# reported as not kept, once per file (RM004). PT and DT only choose the entry type.
_MAPPED_TAGS = frozenset(
    "AU AF CA BE TI SO JI J9 SE VL IS BP EP AR PY PD PU PI DI PM SN EI BN LA DE ID AB CT CL "
    "C1 UT PG".split()
)
_TYPE_TAGS = frozenset({"PT", "DT"})
_DATE_TAGS = frozenset({"PY", "PD"})


def _split(text: str, name: str, lib: Library) -> list[tuple[int, int, Record]]:
    """(start line, end line, tag -> values) per record, RM106 for what does not fit."""
    records: list[tuple[int, int, Record]] = []
    current: Record | None = None
    start = 0
    last_tag = ""

    def close(end: int, why: str = "") -> None:
        nonlocal current
        if current is None:
            return
        if why:
            lib.diagnostics.append(diagnostic("RM106", why, name, start, end_line=end))
        records.append((start, end, current))
        current = None

    lines = text.split("\n")
    for number, raw in enumerate(lines, start=1):
        line = raw.rstrip()
        if not line.strip():
            continue
        if line.startswith("   ") or line.startswith("\t"):
            if current is None or not last_tag:
                lib.diagnostics.append(
                    diagnostic("RM106", "continuation line outside a record; ignored", name, number)
                )
                continue
            values = current.setdefault(last_tag, [""])
            if last_tag in _LIST_TAGS:
                values.append(line.strip())
            else:
                values[-1] = f"{values[-1]} {line.strip()}"
            continue
        m = _TAG.match(line)
        if not m:
            lib.diagnostics.append(
                diagnostic(
                    "RM106",
                    "line is neither a Web of Science tag ('TI title') nor an indented "
                    "continuation; ignored",
                    name,
                    number,
                )
            )
            continue
        tag, value = m.group(1).lstrip("\ufeff"), (m.group(2) or "").strip()
        if tag in ("FN", "VR", "EF"):
            close(number - 1, f"record starting at line {start} has no 'ER' line")
            continue
        if tag == "PT":
            close(number - 1, f"record starting at line {start} has no 'ER' before the next 'PT'")
            current, start = {}, number
        elif current is None:
            if tag != "ER":
                lib.diagnostics.append(
                    diagnostic(
                        "RM106",
                        f"tag {tag!r} outside a record (records start with 'PT'); ignored",
                        name,
                        number,
                    )
                )
            continue
        if tag == "ER":
            close(number)
            last_tag = ""
            continue
        current.setdefault(tag, []).append(value)
        last_tag = tag
    close(len(lines), f"record starting at line {start} is not closed by 'ER'")
    return records


def _first(record: Record, *tags: str) -> str:
    for tag in tags:
        values = [v for v in record.get(tag, []) if v.strip()]
        if values:
            return values[0]
    return ""


def _keywords(record: Record, tag: str) -> list[str]:
    return [k for v in record.get(tag, []) for k in v.split(";")]


def _accounted(record: Record) -> list[tuple[str, str]]:
    """The record's values that carry data of their own (AU is AF abbreviated)."""
    skip = set(_TYPE_TAGS) | ({"AU"} if record.get("AF") else set())
    return [(tag, v) for tag, values in record.items() if tag not in skip for v in values]


def wos_to_reference(record: Record, origin: Origin) -> Reference:
    kind = _first(record, "PT").upper()
    doc_type = _first(record, "DT").lower()
    if "proceedings paper" in doc_type or kind == "C":
        entry_type = "inproceedings"
    elif "book chapter" in doc_type:
        entry_type = "incollection"
    elif kind == "B" or doc_type == "book":
        entry_type = "book"
    elif kind == "P":
        entry_type = "patent"
    else:
        entry_type = "article"
    fields: dict[str, str] = {}
    people = record.get("AF") or record.get("AU") or []
    names = [person(p) for p in people] + [corporate(g) for g in record.get("CA", [])]
    put_names(fields, "author", names)
    put_names(fields, "editor", (person(e) for e in record.get("BE", [])))
    put(fields, "title", _first(record, "TI"))
    source = _first(record, "SO")
    if entry_type == "article":
        put(fields, "journal", source)
        put(fields, "shortjournal", _first(record, "JI", "J9"))
    elif entry_type in ("inproceedings", "incollection"):
        put(fields, "booktitle", source)
    put(fields, "series", _first(record, "SE"))
    put(fields, "volume", _first(record, "VL"))
    put(fields, "number", _first(record, "IS"))
    put(fields, "pages", pages_from(_first(record, "BP"), _first(record, "EP")))
    if fields.get("pages"):
        put(fields, "eid", _first(record, "AR"))
    else:
        put(fields, "pages", _first(record, "AR"))
    put(fields, "year", _first(record, "PY"))
    put_date(fields, _first(record, "PD"))
    put(fields, "publisher", _first(record, "PU"))
    put(fields, "address", _first(record, "PI"))
    put(fields, "doi", clean_doi(_first(record, "DI")))
    put(fields, "pmid", _first(record, "PM"))
    put_standard_numbers(fields, record.get("SN", []) + record.get("EI", []), False)
    put_standard_numbers(fields, record.get("BN", []), True)
    put(fields, "language", language(_first(record, "LA")))
    put_keywords(fields, _keywords(record, "DE") + _keywords(record, "ID"))
    put(fields, "abstract", _first(record, "AB"))
    if entry_type == "inproceedings":
        put(fields, "eventtitle", _first(record, "CT"))
        put(fields, "venue", _first(record, "CL"))
    put_joined(fields, "affiliation", (a.rstrip(".") for a in record.get("C1", [])))
    put(fields, "unique-id", _first(record, "UT"))  # as Web of Science's own BibTeX export
    put(fields, "pagetotal", _first(record, "PG"))
    return Reference(entry_type, "", {k: clean_text(v) for k, v in fields.items()}, origin)


def parse_wos(text: str, name: str = "<string>") -> Library:
    """Read a Web of Science tagged export; origins point at each record's `PT` line."""
    lib = Library()
    unkept = Unkept()
    for start, end, record in _split(text, name, lib):
        ref = wos_to_reference(record, Origin(name, start, end, "wos"))
        lib.blocks.append(ref)
        unkept.add(lost(_accounted(record), ref.fields, _MAPPED_TAGS, dates=_DATE_TAGS), start)
    if note := unkept.diagnostic(name):
        lib.diagnostics.append(note)
    if not lib.blocks:
        lib.diagnostics.append(
            diagnostic("RM002", "no Web of Science records found (each starts with 'PT')", name, 1)
        )
    return lib


def _sniff_wos(text: str) -> float:
    head = text[:50_000].lstrip("\ufeff")
    if re.match(r"FN (?:Clarivate|Thomson|ISI)", head):
        return Confidence.CERTAIN
    if re.search(r"^PT [A-Z]\s*$", head, re.MULTILINE) and re.search(r"^ER\s*$", head, re.M):
        return Confidence.LIKELY
    return Confidence.NONE


FORMAT = Format("wos", parse_wos, _sniff_wos, (".ciw", ".wos"))
