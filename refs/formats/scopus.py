"""Scopus CSV export reader ("Export" -> CSV, any field selection).

Scopus names its columns in prose ("Source title", "Page start", "Author full
names", "Language of Original Document"), so the generic CSV reader, which
expects BibTeX field names, would lose most of them. The sniffer scores
Scopus headers above the generic reader's maximum (0.9). Authors come from
"Author full names" ("Last, First (id); ...") when exported, else from
"Authors" in either Scopus layout ("Smith J.; Jones K.L." or the older
"Smith J., Jones K.L.").
"""

from __future__ import annotations

import csv
import re

from ..codes import MALFORMED_RECORD, NO_RECORDS, diagnostic
from ..model import Library, Origin, Reference
from ..names import Name
from .csv_reader import csv_rows, header_cells, rows_with_lines
from .fieldmap import (
    Unkept,
    clean_doi,
    clean_text,
    language,
    lost,
    pages_from,
    put,
    put_joined,
    put_keywords,
    put_names,
    put_standard_numbers,
    surname_initials,
    tagged_name,
)
from .spec import Confidence, Format

# Columns only Scopus writes; two of them (or one beside "Authors" and "Title") make a file
# a Scopus export.
_SCOPUS_COLUMNS = {
    "author full names",
    "author(s) id",
    "source title",
    "art. no.",
    "page start",
    "page end",
    "cited by",
    "link",
    "abbreviated source title",
    "document type",
    "publication stage",
    "eid",
    "index keywords",
    "author keywords",
    "language of original document",
    "authors with affiliations",
}
TYPES = {
    "article": "article",
    "review": "article",
    "letter": "article",
    "note": "article",
    "editorial": "article",
    "erratum": "article",
    "short survey": "article",
    "data paper": "article",
    "article in press": "article",
    "conference paper": "inproceedings",
    "conference review": "proceedings",
    "book": "book",
    "book chapter": "incollection",
}
_SCOPUS_ID = re.compile(r"\s*\(\d+\)\s*$")
# Columns the mapping below tries to keep (each cell is checked). "Cited by", "References", "Funding Details", "Correspondence Address" and any
# other column are reported as not kept, once per file (RM004).
_MAPPED_COLUMNS = frozenset(
    {
        "authors",
        "author full names",
        "editors",
        "title",
        "source title",
        "abbreviated source title",
        "volume",
        "issue",
        "page start",
        "page end",
        "art. no.",
        "page count",
        "year",
        "publisher",
        "doi",
        "pubmed id",
        "link",
        "eid",
        "issn",
        "isbn",
        "language of original document",
        "author keywords",
        "index keywords",
        "abstract",
        "conference name",
        "conference location",
        "affiliations",
        "authors with affiliations",
        "source",
    }
)
# Cells that hold lists: each item is checked on its own.
_LIST_COLUMNS = frozenset(
    {"author full names", "author keywords", "index keywords", "language of original document"}
)


def _short_name(text: str) -> Name:
    """'Smith J.K.' -> Smith, J. K. (Scopus puts the initials after the surname)."""
    return surname_initials(text) or tagged_name(text)


def _split_authors(value: str) -> list[str]:
    value = clean_text(value)
    if not value or value.startswith("[No author"):
        return []
    if ";" in value:
        return [p for p in (x.strip() for x in value.split(";")) if p]
    return [p for p in (x.strip() for x in re.split(r"(?<=\.),\s*", value)) if p]


def _row_to_reference(row: dict[str, str], origin: Origin) -> Reference:
    def col(name: str) -> str:
        return clean_text(row.get(name, ""))

    doc_type = col("document type").lower()
    entry_type = TYPES.get(doc_type, "misc")
    fields: dict[str, str] = {}
    full = [_SCOPUS_ID.sub("", a) for a in _split_authors(col("author full names"))]
    if full:
        put_names(fields, "author", (tagged_name(a) for a in full))
    else:
        put_names(fields, "author", (_short_name(a) for a in _split_authors(col("authors"))))
    put_names(fields, "editor", (_short_name(e) for e in _split_authors(col("editors"))))
    put(fields, "title", col("title"))
    source = col("source title")
    abbrev = col("abbreviated source title")
    if entry_type == "article":
        put(fields, "journal", source)
        if abbrev != source:
            put(fields, "shortjournal", abbrev)
    elif entry_type in ("inproceedings", "incollection"):
        put(fields, "booktitle", source)
    else:
        put(fields, "series", source)
    put(fields, "volume", col("volume"))
    put(fields, "number", col("issue"))
    put(fields, "pages", pages_from(col("page start"), col("page end")))
    if fields.get("pages"):
        put(fields, "eid", col("art. no."))
    else:
        put(fields, "pages", col("art. no."))
    put(fields, "year", col("year"))
    put(fields, "publisher", col("publisher"))
    put(fields, "doi", clean_doi(col("doi")))
    put(fields, "pmid", col("pubmed id"))
    put(fields, "url", col("link"))
    put_standard_numbers(fields, [col("issn")], False)
    put_standard_numbers(fields, [col("isbn")], True)
    languages = [language(x) for x in col("language of original document").split(";")]
    put(fields, "language", " and ".join(x for x in languages if x))
    keywords = col("author keywords").split(";") + col("index keywords").split(";")
    put_keywords(fields, keywords)
    abstract = col("abstract")
    if abstract and not abstract.startswith("[No abstract"):
        put(fields, "abstract", abstract)
    if entry_type == "inproceedings":
        put(fields, "eventtitle", col("conference name"))
        put(fields, "venue", col("conference location"))
    affiliations = col("affiliations") or col("authors with affiliations")
    put_joined(fields, "affiliation", affiliations.split(";"))
    put(fields, "pagetotal", col("page count"))
    put(fields, "database", col("source"))
    put(fields, "scopus-eid", col("eid"))
    return Reference(entry_type, "", fields, origin)


def _accounted(row: dict[str, str], shown: dict[str, str]) -> list[tuple[str, str]]:
    """(column as the header writes it, value) of each cell that carries data of its own.

    "Authors" repeats "Author full names" in short; "Authors with affiliations" repeats
    "Affiliations" per author; "[No abstract available]" is a placeholder.
    """
    skip = {"document type"}
    if clean_text(row.get("author full names", "")):
        skip.add("authors")
    if clean_text(row.get("affiliations", "")):
        skip.add("authors with affiliations")
    pairs: list[tuple[str, str]] = []
    for column, value in row.items():
        value = clean_text(value)
        if column in skip or not value or re.fullmatch(r"\[No [^\]]*\]", value):
            continue
        items = value.split(";") if column in _LIST_COLUMNS else [value]
        if column == "author full names":
            items = [_SCOPUS_ID.sub("", i) for i in items]
        elif column in ("authors", "editors"):
            items = _split_authors(value)
        key = column if column in _MAPPED_COLUMNS else shown.get(column, column)
        pairs += [(key, i) for i in items]
    return pairs


def parse_scopus(text: str, name: str = "<string>") -> Library:
    """Read a Scopus CSV; each record's origin is the line its row starts on."""
    lib = Library()
    reader, _ = csv_rows(text)  # ',' as Scopus writes it, or ';' / tab after a re-save
    try:
        shown_header = [h.strip().lstrip("\ufeff") for h in next(reader)]
        header = [h.lower() for h in shown_header]
    except (StopIteration, csv.Error):
        lib.diagnostics.append(diagnostic(NO_RECORDS, "the Scopus CSV file is empty", name))
        return lib
    shown = dict(zip(header, shown_header, strict=True))
    unkept = Unkept("column")
    for start, end, cells in rows_with_lines(reader, name, lib):
        if any(c.strip() for c in cells):
            if len(cells) != len(header):
                lib.diagnostics.append(
                    diagnostic(
                        MALFORMED_RECORD,
                        f"row has {len(cells)} cells but the header has {len(header)} columns "
                        "(a quote may be missing); columns may be shifted",
                        name,
                        start,
                        end_line=end,
                    )
                )
            row = dict(zip(header, cells, strict=False))
            ref = _row_to_reference(row, Origin(name, start, end, "scopus"))
            lib.blocks.append(ref)
            lost_here = lost(_accounted(row, shown), ref.fields, _MAPPED_COLUMNS)
            unkept.add((f'"{shown.get(c, c)}"' for c in lost_here), start)
    if note := unkept.diagnostic(name):
        lib.diagnostics.append(note)
    if not lib.blocks:
        lib.diagnostics.append(diagnostic(NO_RECORDS, "the Scopus CSV file holds no rows", name, 1))
    return lib


def _sniff_scopus(text: str) -> float:
    names = set(header_cells(text))
    hits = len(names & _SCOPUS_COLUMNS)
    if hits >= 2:
        return Confidence.CERTAIN
    if hits == 1 and {"authors", "title"} <= names:
        return Confidence.SPECIALISED
    return Confidence.NONE


FORMAT = Format("scopus", parse_scopus, _sniff_scopus, (".csv",))
