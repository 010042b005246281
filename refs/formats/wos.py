"""Web of Science plain-text ("Other file formats" -> Plain text) tagged export reader.

Layout: `FN`/`VR` header, then records from `PT` to `ER`, `EF` at the end. A
tag is two characters, a space, the value; continuation lines start with three
spaces. For name and reference lists (AU, AF, CA, BE, CR, ...) each
continuation line is the next item; for text (TI, AB, SO) it continues the
same value. Full author names (AF) are preferred over the abbreviated AU.
"""

from __future__ import annotations

import re

from ..codes import MALFORMED_RECORD, diagnostic
from ..model import Library, Origin, Reference
from .fieldmap import (
    clean_doi,
    clean_text,
    corporate,
    language,
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
from .tagged import TaggedRecord, read_records, tokenise

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


def _split(text: str, name: str, lib: Library) -> list[TaggedRecord]:
    """Records from `PT` to `ER`, RM106 for what does not fit."""
    records: list[TaggedRecord] = []
    current: TaggedRecord | None = None

    def close(end: int, why: str = "") -> None:
        nonlocal current
        if current is None:
            return
        if why:
            lib.diagnostics.append(
                diagnostic(MALFORMED_RECORD, why, name, current.start, end_line=end)
            )
        current.end = max(current.end, end) if not why else end
        records.append(current)
        current = None

    last = 0
    for line in tokenise(text, _TAG):
        last = line.number
        if not line.text.strip():
            continue
        if line.text.startswith(("   ", "\t")):
            continues = current is not None and current.values
            if current is None or not continues:
                lib.diagnostics.append(
                    diagnostic(
                        MALFORMED_RECORD,
                        "continuation line outside a record; ignored",
                        name,
                        line.number,
                    )
                )
                continue
            tag = current.values[-1].tag
            current.extend_last(line.text.strip(), line.number, separate=tag in _LIST_TAGS)
            continue
        if line.tag is None:
            lib.diagnostics.append(
                diagnostic(
                    MALFORMED_RECORD,
                    "line is neither a Web of Science tag ('TI title') nor an indented "
                    "continuation; ignored",
                    name,
                    line.number,
                )
            )
            continue
        tag, value = line.tag.lstrip("\ufeff"), line.value
        if tag in ("FN", "VR", "EF"):
            if current is not None:
                close(line.number - 1, f"record starting at line {current.start} has no 'ER' line")
            continue
        if tag == "PT":
            if current is not None:
                close(
                    line.number - 1,
                    f"record starting at line {current.start} has no 'ER' before the next 'PT'",
                )
            current = TaggedRecord(line.number)
        elif current is None:
            if tag != "ER":
                lib.diagnostics.append(
                    diagnostic(
                        MALFORMED_RECORD,
                        f"tag {tag!r} outside a record (records start with 'PT'); ignored",
                        name,
                        line.number,
                    )
                )
            continue
        if tag == "ER":
            current.end = line.number
            close(line.number)
            continue
        current.add(tag, value, line.number)
    if current is not None:
        close(last, f"record starting at line {current.start} is not closed by 'ER'")
    return records


def _first(record: Record, *tags: str) -> str:
    for tag in tags:
        values = [v for v in record.get(tag, []) if v.strip()]
        if values:
            return values[0]
    return ""


def _keywords(record: Record, tag: str) -> list[str]:
    return [k for v in record.get(tag, []) for k in v.split(";")]


def _accounted(tagged: TaggedRecord) -> list[tuple[str, str]]:
    """The record's values that carry data of their own (AU is AF abbreviated)."""
    record = tagged.by_tag()
    skip = set(_TYPE_TAGS) | ({"AU"} if record.get("AF") else set())
    return [(tag, v) for tag, values in record.items() if tag not in skip for v in values]


def wos_to_reference(tagged: TaggedRecord, origin: Origin) -> Reference:
    record = tagged.by_tag()
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
    return read_records(
        _split(text, name, lib),
        name,
        lib,
        "wos",
        wos_to_reference,
        _accounted,
        _MAPPED_TAGS,
        _DATE_TAGS,
        "no Web of Science records found (each starts with 'PT')",
    )


def _sniff_wos(text: str) -> float:
    head = text[:50_000].lstrip("\ufeff")
    if re.match(r"FN (?:Clarivate|Thomson|ISI)", head):
        return Confidence.CERTAIN
    if re.search(r"^PT [A-Z]\s*$", head, re.MULTILINE) and re.search(r"^ER\s*$", head, re.M):
        return Confidence.LIKELY
    return Confidence.NONE


FORMAT = Format("wos", parse_wos, _sniff_wos, (".ciw", ".wos"))
