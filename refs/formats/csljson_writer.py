"""CSL-JSON writer (`--to csl-json`, `-o refs.json`): what Zotero, pandoc and citeproc read.

Values are turned from BibTeX-ready LaTeX into plain Unicode (CSL strings carry
no LaTeX); names become `family`/`given`/particle/`suffix` objects and braced
corporate names `literal` ones; year and month become `issued.date-parts`.
"""

from __future__ import annotations

import json
import re
from typing import Any

from ..grammar.dates import MONTH_NAMES, month_macro
from ..grammar.venue import journal_of, venue_of
from ..model import Block, Reference
from ..names import Name, parse_bibtex_names
from .fieldmap import LANGUAGES, to_plain
from .spec import WriterSpec

CSL_TYPES = {
    "article": "article-journal",
    "book": "book",
    "mvbook": "book",
    "proceedings": "book",
    "collection": "book",
    "booklet": "pamphlet",
    "inbook": "chapter",
    "incollection": "chapter",
    "inproceedings": "paper-conference",
    "conference": "paper-conference",
    "phdthesis": "thesis",
    "mastersthesis": "thesis",
    "thesis": "thesis",
    "techreport": "report",
    "report": "report",
    "unpublished": "manuscript",
    "online": "webpage",
    "electronic": "webpage",
    "www": "webpage",
    "patent": "patent",
    "dataset": "dataset",
    "software": "software",
    "book_section": "chapter",  # Mendeley's names
    "generic": "document",
}
LANGUAGE_TAGS = {name: code for code, name in LANGUAGES.items() if len(code) == 2}
_MONTHS = list(MONTH_NAMES)  # macros in calendar order


def csl_name(name: Name) -> dict[str, str] | None:
    last = name.last.strip()
    if not name.first and not name.von and last.startswith("{") and last.endswith("}"):
        return {"literal": to_plain(last)}
    if name.is_others:
        return None
    out = {"family": to_plain(last), "given": to_plain(name.first)}
    if name.von:
        out["non-dropping-particle"] = to_plain(name.von)
    if name.jr:
        out["suffix"] = to_plain(name.jr)
    return {k: v for k, v in out.items() if v}


def _date(year: str, month: str = "", day: str = "") -> dict[str, Any] | None:
    """date-parts from year/month/day, or from an ISO `date` ('2019-03-15', '2019-03')."""
    iso = re.fullmatch(r"\s*(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?.*", year)
    if not iso:
        return {"literal": to_plain(year)} if year.strip() else None
    parts = [int(iso.group(1))]
    month_number = iso.group(2)
    if not month_number and month:
        macro = month_macro(month)
        month_number = str(_MONTHS.index(macro) + 1) if macro else ""
    if month_number:
        parts.append(int(month_number))
        day = iso.group(3) or day
        if day.strip().isdigit():
            parts.append(int(day))
    return {"date-parts": [parts]}


def reference_to_csl(ref: Reference, index: int = 0) -> dict[str, Any]:
    """One CSL item; fields with no CSL counterpart are left out."""
    f = ref.fields
    entry_type = ref.entry_type.lower()
    item: dict[str, Any] = {
        "id": ref.key or f"item{index + 1}",
        "type": CSL_TYPES.get(entry_type, "document"),
    }

    def put(name: str, value: str | None) -> None:
        value = to_plain(value or "")
        if value:
            item[name] = value

    for field in ("author", "editor", "translator"):
        if f.get(field):
            names = [csl_name(n) for n in parse_bibtex_names(f[field])]
            names = [n for n in names if n]
            if names:
                item[field] = names
    put("title", f.get("title"))
    put("title-short", f.get("shorttitle"))
    if entry_type in ("incollection", "inproceedings", "inbook", "conference", "book_section"):
        put("container-title", f.get("booktitle") or f.get("journal"))
    elif entry_type == "article":
        put("container-title", journal_of(f))
    else:
        venue = venue_of(f)
        put("container-title", venue or f.get("howpublished"))
    put("container-title-short", f.get("shortjournal"))
    put("collection-title", f.get("series"))
    put("event-title", f.get("eventtitle"))
    put("event-place", f.get("venue"))
    put("volume", f.get("volume"))
    if entry_type in ("techreport", "report", "patent"):
        put("number", f.get("number"))
    else:
        put("issue", f.get("number") or f.get("issue"))
    if f.get("pages"):
        item["page"] = to_plain(f["pages"].replace("--", "-")).replace("–", "-")
    put("edition", f.get("edition"))
    put(
        "publisher",
        f.get("publisher") or f.get("school") or f.get("institution") or f.get("organization"),
    )
    put("publisher-place", f.get("address") or f.get("location"))
    if entry_type == "phdthesis":
        item["genre"] = "PhD thesis"
    elif entry_type == "mastersthesis":
        item["genre"] = "Master's thesis"
    issued = _date(f.get("date") or f.get("year", ""), f.get("month", ""), f.get("day", ""))
    if issued:
        item["issued"] = issued
    accessed = _date(f.get("urldate", ""))
    if accessed and "date-parts" in accessed:
        item["accessed"] = accessed
    for csl, field in (
        ("DOI", "doi"),
        ("PMID", "pmid"),
        ("PMCID", "pmcid"),
        ("ISBN", "isbn"),
        ("ISSN", "issn"),
        ("URL", "url"),
    ):
        if f.get(field):
            item[csl] = f[field].strip()
    put("abstract", f.get("abstract"))
    put("keyword", f.get("keywords"))
    language = to_plain(f.get("language") or f.get("langid") or "")
    if language:  # CSL wants a BCP 47 tag ("en"); names without a known code stay as written
        item["language"] = LANGUAGE_TAGS.get(language.lower(), language)
    put("note", f.get("note"))
    return item


def write_csljson(blocks: list[Block]) -> str:
    refs = [b for b in blocks if isinstance(b, Reference)]
    items = [reference_to_csl(r, i) for i, r in enumerate(refs)]
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"


WRITER = WriterSpec("csl-json", write_csljson, (".json",))
