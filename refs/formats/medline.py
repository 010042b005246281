"""PubMed MEDLINE / .nbib reader (the "PubMed" export and citation-manager download).

Layout (NLM MEDLINE/PubMed data element descriptions): a tag of up to four
letters padded to four columns, "- ", the value; continuation lines are
indented by six spaces; records are separated by blank lines and start with
`PMID- `. Full author names (FAU "Last, First") are preferred over the short
form (AU "Last FM"); corporate authors (CN) keep their place in the list.
"""

from __future__ import annotations

import re

from ..codes import MALFORMED_RECORD, diagnostic
from ..model import Library, Origin, Reference
from ..names import Name
from .fieldmap import (
    clean_doi,
    clean_text,
    corporate,
    expand_pages,
    language,
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

_TAG = re.compile(r"^([A-Z][A-Z0-9]{0,3}) {0,3}- ?(.*)$")
_CONTINUATION = re.compile(r"^ {2,}\S")

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


def _split(text: str, name: str, lib: Library) -> list[TaggedRecord]:
    """Records (blank-line or PMID separated), continuation lines joined to their tag."""
    records: list[TaggedRecord] = []
    current: TaggedRecord | None = None
    for line in tokenise(text, _TAG):
        if not line.text.strip():
            if current is not None:
                records.append(current)
                current = None
            continue
        if line.tag is not None:
            if line.tag == "PMID" and current is not None:
                records.append(current)  # no blank line between records
                current = None
            if current is None:
                current = TaggedRecord(line.number)
            current.add(line.tag, line.value, line.number)
        elif _CONTINUATION.match(line.text) and current is not None:
            current.extend_last(line.text.strip(), line.number)
        else:
            lib.diagnostics.append(
                diagnostic(
                    MALFORMED_RECORD,
                    "line is neither a MEDLINE tag ('TI  - ...') nor an indented continuation; "
                    "ignored",
                    name,
                    line.number,
                )
            )
    if current is not None:
        records.append(current)
    return records


def _authors(record: TaggedRecord, full_tag: str, short_tag: str, corporate_tag: str) -> list[Name]:
    """FAU where present, else AU; each FAU is followed by the AU of the same person."""
    names: list[Name] = []
    after_full = False
    for tag, value in record.pairs():
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


def medline_to_reference(record: TaggedRecord, origin: Origin) -> Reference:
    tags = record.by_tag()

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


def _accounted(record: TaggedRecord) -> list[tuple[str, str]]:
    """The record's values that carry data of their own: an AU after its FAU is that
    person again, 'Journal Article' is the entry type."""
    pairs: list[tuple[str, str]] = []
    after_full = ""
    for tag, value in record.pairs():
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
    records = _split(text, name, lib)
    for record in records:
        first = record.values[0].tag
        if first != "PMID":
            lib.diagnostics.append(
                diagnostic(
                    MALFORMED_RECORD,
                    f"record does not start with 'PMID- ' (it starts with {first!r}); "
                    "read it anyway",
                    name,
                    record.start,
                )
            )
    return read_records(
        records,
        name,
        lib,
        "medline",
        medline_to_reference,
        _accounted,
        _MAPPED_TAGS,
        _DATE_TAGS,
        "no MEDLINE records found (each starts with 'PMID- ')",
    )


def _sniff_medline(text: str) -> float:
    head = text[:50_000]
    if re.search(r"^PMID- ?\d", head, re.MULTILINE):
        return Confidence.SIGNATURE
    tags = len(re.findall(r"^(?:TI  |FAU |AU  |DP  |JT  |TA  )- ", head, re.MULTILINE))
    return Confidence.WEAK if tags >= 3 else Confidence.NONE


FORMAT = Format("medline", parse_medline, _sniff_medline, (".nbib", ".medline"))
