"""PubMed MEDLINE / .nbib reader (the "PubMed" export and citation-manager download).

Layout (NLM MEDLINE/PubMed data element descriptions): a tag of up to four
letters padded to four columns, "- ", the value; continuation lines are
indented by six spaces; records are separated by blank lines and start with
`PMID- `. Full author names (FAU "Last, First") are preferred over the short
form (AU "Last FM"); corporate authors (CN) keep their place in the list.
"""

from __future__ import annotations

import re

from ..codes import diagnostic
from ..model import Library, Origin, Reference
from ..names import Name
from .fieldmap import (
    Unkept,
    clean_doi,
    clean_text,
    corporate,
    expand_pages,
    language,
    lost,
    person,
    put,
    put_date,
    put_joined,
    put_keywords,
    put_names,
    put_standard_numbers,
)
from .spec import Confidence, Format

_TAG = re.compile(r"^([A-Z][A-Z0-9]{0,3}) {0,3}- ?(.*)$")
_CONTINUATION = re.compile(r"^ {2,}\S")

Record = list[tuple[str, str, int]]  # (tag, value, line)

# Tags the mapping below tries to keep (each value is checked: PL of an article, a PII
# beside a page range, a second title are lost). Other tags (OWN, STAT, DCOM, SO, PHST,
# AUID, GR, ...) are reported as not kept, once per file (RM004).
_MAPPED_TAGS = frozenset(
    "PMID TI TT VTI BTI CTI JT TA VI IP PG DP PB PL EN LID AID PMC IS ISBN LA MH OT AB "
    "FAU AU CN FED ED PT AD GN".split()
)
_DATE_TAGS = frozenset({"DP"})
# Publication types that only say what the entry type already says.
_TYPE_ONLY = re.compile(r"(?i)^(?:journal article|book|book chapter)$")


def _split(text: str, name: str, lib: Library) -> list[Record]:
    """Records as (tag, value, line) lists; continuation lines joined to their tag."""
    records: list[Record] = []
    current: Record = []
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.rstrip()
        if not line.strip():
            if current:
                records.append(current)
                current = []
            continue
        m = _TAG.match(line)
        if m:
            tag, value = m.group(1), m.group(2).strip()
            if tag == "PMID" and current:
                records.append(current)  # no blank line between records
                current = []
            current.append((tag, value, number))
        elif _CONTINUATION.match(line) and current:
            tag, value, first = current[-1]
            current[-1] = (tag, f"{value} {line.strip()}", first)
        else:
            lib.diagnostics.append(
                diagnostic(
                    "RM106",
                    "line is neither a MEDLINE tag ('TI  - ...') nor an indented continuation; "
                    "ignored",
                    name,
                    number,
                )
            )
    if current:
        records.append(current)
    return records


def _authors(record: Record, full_tag: str, short_tag: str, corporate_tag: str) -> list[Name]:
    """FAU where present, else AU; each FAU is followed by the AU of the same person."""
    names: list[Name] = []
    after_full = False
    for tag, value, _ in record:
        if tag == full_tag:
            names.append(person(value))
            after_full = True
            continue
        if tag == short_tag:
            if not after_full:
                names.append(person(value))
        elif tag == corporate_tag and corporate_tag:
            names.append(corporate(value))
        elif tag in ("AUID", "AD", "EDID"):
            continue  # still the same person
        after_full = False
    return names


def _id_with_kind(values: list[str], kind: str) -> str:
    for value in values:
        if value.lower().endswith(f"[{kind}]"):
            return value[: -len(kind) - 2].strip()
    return ""


def _title(value: str) -> str:
    """PubMed ends every title with a period that is not part of it ('...?' stays)."""
    value = clean_text(value)
    if value.endswith(".") and not value.endswith(".."):
        value = value[:-1]
    return value


def medline_to_reference(record: Record, origin: Origin) -> Reference:
    tags: dict[str, list[str]] = {}
    for tag, value, _ in record:
        tags.setdefault(tag, []).append(value)

    def first(tag: str) -> str:
        return tags.get(tag, [""])[0]

    kinds = " ".join(tags.get("PT", [])).lower()
    if "BTI" in tags and "TI" in tags:
        entry_type = "incollection"
    elif "BTI" in tags or kinds.startswith("book"):
        entry_type = "book"
    else:
        entry_type = "article"
    fields: dict[str, str] = {}
    put_names(fields, "author", _authors(record, "FAU", "AU", "CN"))
    put_names(fields, "editor", _authors(record, "FED", "ED", ""))
    if entry_type == "book":
        put(fields, "title", _title(first("BTI") or first("TI")))
    else:
        put(fields, "title", _title(first("TI") or first("TT") or first("VTI")))
        put(fields, "booktitle", first("BTI"))
    put(fields, "series", first("CTI"))
    if entry_type == "article":
        put(fields, "journal", first("JT") or first("TA"))
        if first("TA") != fields.get("journal"):
            put(fields, "shortjournal", first("TA"))
    put(fields, "volume", first("VI"))
    put(fields, "number", first("IP"))
    put(fields, "pages", expand_pages(first("PG")))
    put_date(fields, first("DP"))
    put(fields, "publisher", first("PB"))
    put(fields, "address", first("PL") if entry_type != "article" else "")
    put(fields, "edition", first("EN"))
    ids = tags.get("LID", []) + tags.get("AID", [])
    put(fields, "doi", clean_doi(_id_with_kind(ids, "doi")))
    if not fields.get("pages"):
        put(fields, "eid", _id_with_kind(tags.get("LID", []), "pii"))
    put(fields, "pmid", first("PMID"))
    put(fields, "pmcid", first("PMC"))
    put_standard_numbers(fields, tags.get("IS", []), False)
    put_standard_numbers(fields, tags.get("ISBN", []), True)
    put(fields, "language", " and ".join(language(v) for v in tags.get("LA", [])))
    # MeSH marks major topics with '*'; the heading is the same heading.
    mesh = [m.replace("*", "") for m in tags.get("MH", [])]
    put_keywords(fields, tags.get("OT", []) + mesh)
    put(fields, "abstract", first("AB"))
    put_joined(fields, "affiliation", (a.rstrip(".") for a in tags.get("AD", [])))
    put(fields, "note", "; ".join(tags.get("GN", [])))
    return Reference(entry_type, "", fields, origin)


def _accounted(record: Record) -> list[tuple[str, str]]:
    """The record's values that carry data of their own: an AU after its FAU is that
    person again, 'Journal Article' is the entry type."""
    pairs: list[tuple[str, str]] = []
    after_full = ""
    for tag, value, _ in record:
        if tag in ("AU", "ED") and after_full == {"AU": "FAU", "ED": "FED"}[tag]:
            after_full = ""
            continue
        after_full = tag if tag in ("FAU", "FED") else after_full if tag in ("AD", "AUID") else ""
        if tag == "PT" and _TYPE_ONLY.match(value.strip()):
            continue
        pairs.append((tag, value))
    return pairs


def parse_medline(text: str, name: str = "<string>") -> Library:
    """Read MEDLINE text; each record's origin is its first tag line (normally PMID)."""
    lib = Library()
    unkept = Unkept()
    for record in _split(text, name, lib):
        start, end = record[0][2], record[-1][2]
        if record[0][0] != "PMID":
            lib.diagnostics.append(
                diagnostic(
                    "RM106",
                    f"record does not start with 'PMID- ' (it starts with {record[0][0]!r}); "
                    "read it anyway",
                    name,
                    start,
                )
            )
        ref = medline_to_reference(record, Origin(name, start, end, "medline"))
        lib.blocks.append(ref)
        unkept.add(lost(_accounted(record), ref.fields, _MAPPED_TAGS, dates=_DATE_TAGS), start)
    if note := unkept.diagnostic(name):
        lib.diagnostics.append(note)
    if not lib.blocks:
        lib.diagnostics.append(
            diagnostic("RM002", "no MEDLINE records found (each starts with 'PMID- ')", name, 1)
        )
    return lib


def _sniff_medline(text: str) -> float:
    head = text[:50_000]
    if re.search(r"^PMID- ?\d", head, re.MULTILINE):
        return Confidence.SIGNATURE
    tags = len(re.findall(r"^(?:TI  |FAU |AU  |DP  |JT  |TA  )- ", head, re.MULTILINE))
    return Confidence.WEAK if tags >= 3 else Confidence.NONE


FORMAT = Format("medline", parse_medline, _sniff_medline, (".nbib", ".medline"))
