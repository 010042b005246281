"""RIS reader (.ris) on the rispy library, with line numbers and recovery.

rispy parses a whole file without line numbers, silently drops a last record
that lacks `ER`, and ignores text outside records. So this module reads the text
itself on the shared tagged-format skeleton (`tagged.py`: tokenised once, each value
with its line) and takes only rispy's tag table (tag -> key name, list tags). Tag meanings follow the RIS specification (Reference
Manager, 2011) and what EndNote, Zotero, Ovid and Scopus actually export.
"""

from __future__ import annotations

import re
from typing import Any

import rispy

from ..codes import MALFORMED_RECORD, diagnostic
from ..model import Library, Origin, Reference
from .fieldmap import (
    clean_doi,
    clean_text,
    iso_date,
    language,
    pages_from,
    put,
    put_date,
    put_joined,
    put_keywords,
    put_names,
    put_publisher,
    put_standard_numbers,
    tagged_name,
)
from .spec import Confidence, Format
from .tagged import TaggedRecord, read_records, tokenise

# Any tag line, tolerant of exporters that write one space ("TY - ") or none after '-'.
# Tags are read in any case: some exporters and hand-edited files write "au  - ".
_TAG_LINE = re.compile(r"^([A-Za-z][A-Za-z0-9])\s{1,3}-(?: (.*)|)$")
# Tags the mapping below reads: rispy's table, plus those rispy leaves in `unknown_tag`
# ("UK" is rispy's own name for that table, not a RIS tag). Any other tag is reported.
_KNOWN_TAGS = (frozenset(rispy.TAG_KEY_MAPPING) - {"UK"}) | {"ED", "CT", "BT", "J1"}
_KEY_OF = rispy.TAG_KEY_MAPPING
_LIST_TAGS = frozenset(rispy.LIST_TYPE_TAGS)
_DELIMITER = {"UR": ";"}  # several URLs on one UR line (rispy's delimiter table)
# Lines some databases (EBSCO, ProQuest) write before the first record.
_HEADER_LINE = re.compile(r"^(?:Provider|Database|Content|Tagged|Version|Name):\s")
_KEY_LIKE = re.compile(r"^[A-Za-z0-9_:\-.+/]+$")
_TAG_OF = {key: tag for tag, key in rispy.TAG_KEY_MAPPING.items()}
# Tags the mapping below tries to keep; whether a value did is checked value by value (a
# second UR, a T2 beside JF, an AN that is no PubMed id are lost and reported). Any other
# tag of the table (C1-C8, M1, TT, ...) is reported as not kept, once per file (RM004).
_MAPPED_TAGS = frozenset(
    "ID AU A1 A2 A4 ED TI T1 CT T2 BT J1 JF JO JA J2 T3 ST VL IS SP EP ET PB CY PY Y1 DA "
    "DO M3 UR L1 L2 L4 SN AN LA KW AB N2 N1 Y2 AD CN DB DP RN NV CA LB".split()
)
_DATE_TAGS = frozenset({"PY", "Y1", "DA"})

TYPES = {
    "JOUR": "article",
    "JFULL": "article",
    "EJOUR": "article",
    "MGZN": "article",
    "NEWS": "article",
    "INPR": "article",
    "ABST": "article",
    "SER": "article",
    "BOOK": "book",
    "EBOOK": "book",
    "EDBOOK": "book",
    "WHOLE": "book",
    "CHAP": "incollection",
    "ECHAP": "incollection",
    "CONF": "proceedings",
    "CPAPER": "inproceedings",
    "THES": "phdthesis",
    "RPRT": "techreport",
    "GOVDOC": "techreport",
    "UNPB": "unpublished",
    "MANSCPT": "unpublished",
    "ELEC": "misc",
    "WEB": "misc",
    "BLOG": "misc",
    "GEN": "misc",
}
_BOOKISH = {"book", "incollection", "proceedings", "inproceedings"}


def _split_records(text: str, name: str, lib: Library) -> list[TaggedRecord]:
    """Records from `TY` to `ER`; problems become RM106 diagnostics."""
    records: list[TaggedRecord] = []
    current: TaggedRecord | None = None
    stray_start = 0
    last = 0

    def stray(end: int) -> None:
        lib.diagnostics.append(
            diagnostic(
                MALFORMED_RECORD,
                "text outside any record (a record starts with 'TY  -'); ignored",
                name,
                stray_start,
                end_line=end,
            )
        )

    for line in tokenise(text, _TAG_LINE):
        last = line.number
        tag = line.tag.upper() if line.tag else None
        if tag == "TY":
            if stray_start:
                stray(line.number - 1)
                stray_start = 0
            if current is not None:
                lib.diagnostics.append(
                    diagnostic(
                        MALFORMED_RECORD,
                        f"the record starting at line {current.start} has no 'ER  -' line before "
                        "the next 'TY  -' (read it anyway)",
                        name,
                        current.start,
                        end_line=line.number - 1,
                    )
                )
                records.append(current)
            current = TaggedRecord(line.number)
        elif current is None:
            if not records and _HEADER_LINE.match(line.text):
                continue  # "Provider: EBSCO", "Content: application/x-research-info-systems"
            if line.text.strip() and not stray_start:
                stray_start = line.number
            elif not line.text.strip() and stray_start:
                stray(line.number - 1)
                stray_start = 0
            continue
        if tag is None:
            # An untagged line continues the last value (a wrapped abstract or note); a
            # list tag's continuation is one more value, as RIS readers take it.
            if line.text.strip() and current.values:
                last_tag = current.values[-1].tag
                current.extend_last(line.text.strip(), line.number, last_tag in _LIST_TAGS)
            continue
        if tag == "ER":
            current.end = line.number
            records.append(current)
            current = None
            continue
        if tag not in _KNOWN_TAGS:
            shown = line.value if len(line.value) <= 80 else line.value[:79] + "…"
            lib.diagnostics.append(
                diagnostic(
                    MALFORMED_RECORD,
                    f"unknown RIS tag {tag!r} (not in the RIS tag table); its value is not "
                    f"read: {shown!r}",
                    name,
                    line.number,
                )
            )
        current.add(tag, line.value, line.number)
    if stray_start:
        stray(last)
    if current is not None:
        lib.diagnostics.append(
            diagnostic(
                MALFORMED_RECORD,
                f"the record starting at line {current.start} is not closed by 'ER  -' "
                "(read it anyway)",
                name,
                current.start,
            )
        )
        records.append(current)
    return records


def _as_dict(record: TaggedRecord) -> dict[str, Any]:
    """The record under rispy's key names (its tag table is the RIS specification's):
    list tags collect every value (`UR` also split at `;`), other tags keep their first; tags outside the table
    go to `unknown_tag`, as rispy files them."""
    out: dict[str, Any] = {}
    for tv in record.values:
        key = _KEY_OF.get(tv.tag)
        if key is None or tv.tag == "UK":
            out.setdefault("unknown_tag", {}).setdefault(tv.tag, []).append(tv.value)
        elif tv.tag in _LIST_TAGS:
            values = tv.value.split(_DELIMITER[tv.tag]) if tv.tag in _DELIMITER else [tv.value]
            out.setdefault(key, []).extend(v.strip() for v in values)
        else:
            out.setdefault(key, tv.value)
    return out


def _values(record: dict[str, Any], key: str) -> list[str]:
    value = record.get(key)
    if value is None:
        return []
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str) and v.strip()]
    return [value] if value.strip() else []


def _first(record: dict[str, Any], *keys: str) -> str:
    for key in keys:
        values = _values(record, key)
        if values:
            return values[0]
    return ""


def _unknown(record: dict[str, Any], tag: str) -> list[str]:
    return [v for v in record.get("unknown_tag", {}).get(tag, []) if v.strip()]


def ris_to_reference(
    record: dict[str, Any], origin: Origin, lines: list[tuple[str, str]] | None = None
) -> Reference:
    """Map one rispy record dict to a Reference (BibTeX types and field names).

    `lines` are the record's (tag, value) pairs, for tags that may repeat but that rispy
    reads once (AD, L1, L4, DB, DP).
    """
    every: dict[str, list[str]] = {}
    for tag, value in lines or ():
        every.setdefault(tag, []).append(value)

    def repeated(tag: str) -> list[str]:
        return every.get(tag) or _values(record, rispy.TAG_KEY_MAPPING[tag])

    ris_type = clean_text(record.get("type_of_reference")).upper()
    entry_type = TYPES.get(ris_type, "misc")
    fields: dict[str, str] = {}
    authors = _values(record, "authors") + _values(record, "first_authors")
    container = _first(record, "secondary_title") or (_unknown(record, "BT") or [""])[0]
    if ris_type == "CONF" and authors and container:
        # The RIS type list has CONF for a proceedings volume and CPAPER for a paper, but
        # Zotero writes every conference paper as CONF (and reads both as a paper), while
        # WorldCat exports whole conference volumes as CONF. A paper has authors and the
        # proceedings it appeared in (T2/BT); a volume has neither. docs/formats.md
        entry_type = "inproceedings"
    editors = _unknown(record, "ED")
    if ris_type == "EDBOOK":  # an edited book's AU lines are its editors
        editors, authors = authors + editors, []
    put_names(fields, "author", (tagged_name(a) for a in authors))
    if entry_type in _BOOKISH or ris_type in ("CHAP", "ECHAP"):
        editors += _values(record, "secondary_authors")
    put_names(fields, "editor", (tagged_name(e) for e in editors))

    title = _first(record, "title", "primary_title") or (_unknown(record, "CT") or [""])[0]
    secondary = _first(record, "secondary_title") or (_unknown(record, "BT") or [""])[0]
    if ris_type in ("BOOK", "UNPB") and not title:
        title = (_unknown(record, "BT") or [""])[0]
    put(fields, "title", title)
    full_journal = _first(record, "alternate_title3", "journal_name")
    abbrev = (
        _first(record, "alternate_title2", "alternate_title1")
        or (_unknown(record, "J1") or [""])[0]
    )
    if entry_type == "article":
        put(fields, "journal", full_journal or secondary or abbrev)
        if abbrev and abbrev != fields.get("journal"):
            put(fields, "shortjournal", abbrev)
        put(fields, "series", _first(record, "tertiary_title"))
    elif entry_type in ("incollection", "inproceedings"):
        put(fields, "booktitle", secondary or full_journal)
        put(fields, "series", _first(record, "tertiary_title"))
    elif entry_type in ("book", "proceedings"):
        put(fields, "series", secondary or _first(record, "tertiary_title"))
    else:
        put(fields, "howpublished", secondary or full_journal)
    put(fields, "shorttitle", _first(record, "short_title"))
    if fields.get("shorttitle") == fields.get("title"):
        fields.pop("shorttitle", None)

    put(fields, "volume", _first(record, "volume"))
    put(fields, "number", _first(record, "number"))
    put(fields, "pages", pages_from(_first(record, "start_page"), _first(record, "end_page")))
    put(fields, "edition", _first(record, "edition"))
    put_publisher(fields, entry_type, _first(record, "publisher"))
    put(fields, "address", _first(record, "place_published"))
    put_date(fields, _first(record, "year", "publication_year"))
    put_date(fields, _first(record, "date"))

    put(fields, "doi", clean_doi(_first(record, "doi")))
    type_of_work = _first(record, "type_of_work")  # older EndNote/Mendeley put the DOI in M3
    if type_of_work.startswith("10.") or "doi.org/" in type_of_work:
        put(fields, "doi", clean_doi(type_of_work))
    urls = [u for u in _values(record, "urls") if u]
    urls += [u for u in _values(record, "file_attachments2") if u.startswith("http")]  # Ovid L2
    for url in urls:
        if "doi.org/" in url and not fields.get("doi"):
            put(fields, "doi", clean_doi(url))
    if urls:
        put(fields, "url", urls[0])
    put_standard_numbers(fields, _values(record, "issn"), entry_type in _BOOKISH)
    accession = _first(record, "accession_number")
    database = _first(record, "name_of_database") + " " + _first(record, "database_provider")
    if accession.isdigit() and re.search(r"(?i)pubmed|medline|ncbi", database):
        put(fields, "pmid", accession)
    put(fields, "language", language(_first(record, "language")))
    put_keywords(fields, _values(record, "keywords"))
    put(fields, "abstract", _first(record, "abstract", "notes_abstract"))
    put(fields, "note", "; ".join(_values(record, "notes")))
    put(fields, "urldate", iso_date(_first(record, "access_date")))
    put_names(fields, "translator", (tagged_name(t) for t in _values(record, "subsidiary_authors")))
    put_joined(fields, "affiliation", repeated("AD"))
    put(fields, "callnumber", _first(record, "call_number"))
    put_joined(fields, "database", repeated("DB") + repeated("DP"))
    put(fields, "annote", "; ".join(repeated("RN")))
    attachments = repeated("L1") + repeated("L4") + repeated("L2")
    put_joined(fields, "file", (f for f in attachments if not f.startswith("http")))
    put(fields, "volumes", _first(record, "number_of_volumes"))
    put(fields, "caption", _first(record, "caption"))

    key = clean_text(_first(record, "id"))
    if not _KEY_LIKE.match(key):
        key = clean_text(_first(record, "label"))  # EndNote's label, its citation key
        key = key if _KEY_LIKE.match(key) else ""
    return Reference(entry_type, key, fields, origin)


def parse_ris(text: str, name: str = "<string>") -> Library:
    """Read RIS text; every record keeps the line of its `TY` tag."""
    lib = Library()
    return read_records(
        _split_records(text, name, lib),
        name,
        lib,
        "ris",
        _to_reference,
        _accounted,
        _MAPPED_TAGS,
        _DATE_TAGS,
        "no RIS records found (each starts with 'TY  -')",
    )


def _accounted(record: TaggedRecord) -> list[tuple[str, str]]:
    """Every value the record holds in a known tag (TY and ER carry no data)."""
    return [
        (tv.tag, tv.value)
        for tv in record.values
        if tv.tag in _KNOWN_TAGS and tv.tag not in ("TY", "ER")
    ]


def _to_reference(record: TaggedRecord, origin: Origin) -> Reference:
    return ris_to_reference(_as_dict(record), origin, _accounted(record))


def _sniff_ris(text: str) -> float:
    head = text[:50_000].removeprefix("\ufeff")
    if not re.search(r"^TY\s{1,3}- ?\S", head, re.MULTILINE | re.IGNORECASE):
        return Confidence.NONE
    ends = len(re.findall(r"^ER\s{1,3}-", head, re.MULTILINE | re.IGNORECASE))
    return Confidence.SIGNATURE if ends else Confidence.PLAUSIBLE


FORMAT = Format("ris", parse_ris, _sniff_ris, (".ris",))
