"""RIS writer (`--to ris`, `-o refs.ris`) on rispy's RisWriter.

Tags follow the RIS specification as EndNote, Zotero and Mendeley read it:
T2 for the journal or book title, J2 for the journal abbreviation, A2 for the
editors of chapters and proceedings papers, SP/EP for the page range, PY for
the year and DA for year/month. Values are plain Unicode on one line each;
rispy's per-record number header ("1.") is left out, which RIS readers skip
anyway but people find confusing.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

import rispy

from ..grammar.dates import MONTH_NAMES, month_macro
from ..grammar.venue import journal_of, venue_of
from ..model import Block, Reference
from ..names import Name, parse_bibtex_names
from .fieldmap import clean_text, to_plain
from .spec import WriterSpec

RIS_TYPES = {
    "article": "JOUR",
    "book": "BOOK",
    "mvbook": "BOOK",
    "collection": "EDBOOK",
    "proceedings": "CONF",
    "inbook": "CHAP",
    "incollection": "CHAP",
    "inproceedings": "CPAPER",
    "conference": "CPAPER",
    "phdthesis": "THES",
    "mastersthesis": "THES",
    "thesis": "THES",
    "techreport": "RPRT",
    "report": "RPRT",
    "unpublished": "UNPB",
    "online": "ELEC",
    "electronic": "ELEC",
    "www": "ELEC",
    "patent": "PAT",
    "book_section": "CHAP",  # Mendeley's names
    "generic": "GEN",
}
_BOOKISH = {"inbook", "incollection", "inproceedings", "conference", "proceedings", "book"}
_IN_BOOK = {"inbook", "incollection", "inproceedings", "conference", "book_section"}
_BOOKS = {"book", "mvbook", "collection", "proceedings", "mvcollection", "mvproceedings"}
_MONTHS = list(MONTH_NAMES)  # macros in calendar order


class _Writer(rispy.RisWriter):  # type: ignore[misc]
    def set_header(self, count: int) -> str:
        return ""


def ris_name(name: Name) -> str | None:
    """'von Last, First, Jr' (the RIS author layout); braced bodies as plain text."""
    if name.is_others:
        return None
    last = to_plain(f"{name.von} {name.last}".strip())
    parts = [last, to_plain(name.first), to_plain(name.jr)]
    while len(parts) > 1 and not parts[-1]:
        parts.pop()
    return ", ".join(parts) if last else None


def _names(value: str) -> list[str]:
    return [n for n in (ris_name(x) for x in parse_bibtex_names(value)) if n]


def reference_to_ris(ref: Reference) -> dict[str, Any]:
    """One record as a rispy dict (keys are rispy's names for the tags)."""
    f = ref.fields
    entry_type = ref.entry_type.lower()
    record: dict[str, Any] = {"type_of_reference": RIS_TYPES.get(entry_type, "GEN")}
    unknown: dict[str, list[str]] = defaultdict(list)

    def put(key: str, value: str | None) -> None:
        value = to_plain(value or "")
        if value:
            record[key] = value

    if ref.key:
        record["id"] = ref.key
    if f.get("author"):
        record["authors"] = _names(f["author"])
    if f.get("editor"):
        if entry_type in _BOOKISH:
            record["secondary_authors"] = _names(f["editor"])
        else:
            unknown["ED"] = _names(f["editor"])
    put("title", f.get("title"))
    if entry_type in _IN_BOOK:  # (Mendeley writes the book title as `journal`)
        put("secondary_title", f.get("booktitle") or f.get("journal"))
        put("tertiary_title", f.get("series"))
    elif entry_type == "article":
        put("secondary_title", journal_of(f))
        put("alternate_title1", f.get("shortjournal"))
        put("tertiary_title", f.get("series"))
    elif entry_type in _BOOKS:  # T2 of a book is its series
        put("secondary_title", f.get("series"))
    else:
        venue = venue_of(f)
        put("secondary_title", venue or f.get("howpublished"))
        put("tertiary_title", f.get("series"))
    put("short_title", f.get("shorttitle"))
    put("volume", f.get("volume"))
    put("number", f.get("number") or f.get("issue"))
    pages = to_plain(f.get("pages", "")).replace("–", "-")
    m = re.fullmatch(r"\s*(\S+?)\s*-+\s*(\S+)\s*", pages)
    if m:
        record["start_page"], record["end_page"] = m.group(1), m.group(2)
    elif pages:
        record["start_page"] = pages
    put("edition", f.get("edition"))
    put(
        "publisher",
        f.get("publisher") or f.get("school") or f.get("institution") or f.get("organization"),
    )
    put("place_published", f.get("address") or f.get("location"))
    year = clean_text(f.get("year") or f.get("date", "")[:4])
    if year:
        record["year"] = year
        iso = re.match(r"\d{4}-(\d{2})(?:-(\d{2}))?", f.get("date", ""))
        macro = month_macro(f.get("month", ""))
        month = f"{_MONTHS.index(macro) + 1:02d}" if macro else (iso.group(1) if iso else "")
        day = iso.group(2) or "" if iso else ""
        if month and year.isdigit():
            record["date"] = f"{year}/{month}/{day}/"  # the spec's YYYY/MM/DD/other
    put("doi", f.get("doi"))
    numbers = [f.get("isbn", ""), f.get("issn", "")]
    put("issn", "; ".join(n for n in numbers if n.strip()))
    if f.get("url"):
        record["urls"] = [f["url"].strip()]
    if f.get("pmid"):
        record["accession_number"] = f["pmid"].strip()
        record["name_of_database"] = "PubMed"
    put("language", f.get("language") or f.get("langid"))
    if f.get("keywords"):
        sep = ";" if ";" in f["keywords"] else ","
        record["keywords"] = [k for k in (to_plain(x) for x in f["keywords"].split(sep)) if k]
    put("abstract", f.get("abstract"))
    if f.get("note"):
        record["notes"] = [to_plain(f["note"])]
    put("access_date", f.get("urldate"))
    if unknown:
        record["unknown_tag"] = unknown
    return record


def write_ris(blocks: list[Block]) -> str:
    refs = [reference_to_ris(b) for b in blocks if isinstance(b, Reference)]
    return _Writer().formats(refs) if refs else ""


WRITER = WriterSpec("ris", write_ris, (".ris",))
