"""CSL-JSON reader (Zotero, pandoc, Better BibTeX, citeproc-js "Citation Style Language JSON").

The file is an array of items. The array is walked item by item with
`JSONDecoder.raw_decode`, so each record knows the line its object starts on
and a syntax error is reported at its line and column after keeping every item
before it. Rich-text markup that CSL allows in strings (`<i>`, `<b>`, `<sup>`,
`<sub>`, `<span class="nocase">`) becomes the LaTeX equivalent.
"""

from __future__ import annotations

import json
import re
from typing import Any

from ..codes import BROKEN_STRUCTURE, MALFORMED_RECORD, diagnostic
from ..model import Library, Origin, Reference
from ..names import Name
from .fieldmap import (
    Unkept,
    clean_doi,
    clean_text,
    corporate,
    language,
    lost,
    pages_from,
    put,
    put_date,
    put_keywords,
    put_names,
    put_publisher,
    put_standard_numbers,
)
from .spec import Confidence, Format

TYPES = {
    "article-journal": "article",
    "article-magazine": "article",
    "article-newspaper": "article",
    "review": "article",
    "review-book": "article",
    "book": "book",
    "classic": "book",
    "chapter": "incollection",
    "entry-encyclopedia": "incollection",
    "entry-dictionary": "incollection",
    "paper-conference": "inproceedings",
    "thesis": "phdthesis",
    "report": "techreport",
    "manuscript": "unpublished",
    "article": "misc",  # CSL "article": a preprint or working paper
    "webpage": "misc",
    "post-weblog": "misc",
    "post": "misc",
    "dataset": "misc",
    "software": "misc",
}
_KEY_LIKE = re.compile(r"^[A-Za-z][\w:\-.+]*$")
# Keys the mapping below tries to keep (text values are checked: `number` beside `issue`
# is lost). `type` chooses the entry type and `id` is the item's handle in its file; any
# other key (archive, genre, references, ...) is reported as not kept, once per file (RM004).
_MAPPED_KEYS = frozenset(
    "author editor translator title container-title container-title-short journalAbbreviation "
    "collection-title event-title event event-place title-short volume issue number page "
    "page-first edition publisher publisher-place issued accessed DOI PMID PMCID ISSN ISBN "
    "URL language keyword abstract note citation-key source call-number number-of-pages "
    "number-of-volumes original-title original-date version status event-date "
    "chapter-number".split()
)
_DATE_KEYS = frozenset({"issued", "original-date", "event-date", "accessed"})
# CSL variables with a BibTeX/biblatex field of their own (docs/formats.md says why these).
_CATALOGUE_KEYS = (
    ("source", "database"),
    ("call-number", "callnumber"),
    ("number-of-pages", "pagetotal"),
    ("number-of-volumes", "volumes"),
    ("chapter-number", "chapter"),
    ("original-title", "origtitle"),
    ("original-date", "origdate"),
    ("event-date", "eventdate"),
    ("version", "version"),
    ("status", "pubstate"),
)
_MARKUP = [
    (re.compile(r"<i>(.*?)</i>", re.S), r"\\textit{\1}"),
    (re.compile(r"<b>(.*?)</b>", re.S), r"\\textbf{\1}"),
    (re.compile(r"<sup>(.*?)</sup>", re.S), r"\\textsuperscript{\1}"),
    (re.compile(r"<sub>(.*?)</sub>", re.S), r"\\textsubscript{\1}"),
    (re.compile(r'<span class="nocase">(.*?)</span>', re.S), r"{\1}"),
    (re.compile(r'<span style="font-variant:\s*small-caps;?">(.*?)</span>', re.S), r"\\textsc{\1}"),
]


def _rich(value: Any) -> str:
    """A CSL string (or number) as BibTeX-ready text."""
    if value is None or isinstance(value, (dict, list)):
        return ""
    text = str(value)
    if "<" in text:
        for pattern, replacement in _MARKUP:
            text = pattern.sub(replacement, text)
    return clean_text(text)


def _name(item: Any) -> Name:
    if not isinstance(item, dict):
        return corporate(str(item))
    if item.get("literal") or not item.get("family"):
        literal = _rich(item.get("literal") or item.get("given") or "")
        return corporate(literal) if literal else Name()
    particles = " ".join(
        _rich(item.get(p)) for p in ("dropping-particle", "non-dropping-particle") if item.get(p)
    )
    return Name(
        first=_rich(item.get("given")),
        von=particles,
        last=_rich(item.get("family")),
        jr=_rich(item.get("suffix")),
    )


def _date(value: Any) -> str:
    """'2019-3-15' from date-parts, else the raw/literal text."""
    if not isinstance(value, dict):
        return _rich(value)
    parts = value.get("date-parts")
    if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
        return "-".join(str(p) for p in parts[0][:3])
    return _rich(value.get("raw") or value.get("literal") or value.get("season"))


def csl_to_reference(item: dict[str, Any], origin: Origin) -> Reference:
    csl_type = str(item.get("type", "")).lower()
    entry_type = TYPES.get(csl_type, "misc")
    fields: dict[str, str] = {}

    def text(name: str) -> str:
        return _rich(item.get(name))

    for csl, bib in (("author", "author"), ("editor", "editor"), ("translator", "translator")):
        people = item.get(csl)
        if isinstance(people, list):
            put_names(fields, bib, (_name(p) for p in people))
    put(fields, "title", text("title"))
    container = text("container-title")
    short = text("container-title-short") or text("journalAbbreviation")
    if entry_type == "article":
        put(fields, "journal", container)
        if short != container:
            put(fields, "shortjournal", short)
    elif entry_type in ("incollection", "inproceedings"):
        put(fields, "booktitle", container)
    elif container:
        put(fields, "howpublished", container)
    put(fields, "series", text("collection-title"))
    put(fields, "eventtitle", text("event-title") or text("event"))
    put(fields, "venue", text("event-place"))
    put(fields, "shorttitle", text("title-short") if text("title-short") != text("title") else "")
    put(fields, "volume", text("volume"))
    put(fields, "number", text("issue") or text("number"))
    put(fields, "pages", pages_from(text("page") or text("page-first"), ""))
    put(fields, "edition", text("edition"))
    put_publisher(fields, entry_type, text("publisher"))
    put(fields, "address", text("publisher-place"))
    put_date(fields, _date(item.get("issued")))
    put(fields, "urldate", _date(item.get("accessed")))
    put(fields, "doi", clean_doi(text("DOI")))
    put(fields, "pmid", text("PMID"))
    put(fields, "pmcid", text("PMCID"))
    put_standard_numbers(fields, [text("ISSN")], False)
    put_standard_numbers(fields, [text("ISBN")], True)
    put(fields, "url", text("URL"))
    put(fields, "language", language(text("language")) if text("language") else "")
    keywords = item.get("keyword")
    if isinstance(keywords, list):
        put_keywords(fields, (_rich(k) for k in keywords))
    elif keywords:
        text_keywords = _rich(keywords)
        put_keywords(fields, text_keywords.split(";" if ";" in text_keywords else ","))
    put(fields, "abstract", text("abstract"))
    put(fields, "note", text("note"))
    for csl, bib in _CATALOGUE_KEYS:
        if csl in item:  # most items have none of these
            put(fields, bib, _date(item[csl]) if csl in _DATE_KEYS else text(csl))
    # Better BibTeX writes the citation key as `citation-key`; plain CSL has only `id`.
    key = next((k for k in (text("citation-key"), text("id")) if _KEY_LIKE.match(k)), "")
    return Reference(entry_type, key, fields, origin)


def _accounted(item: dict[str, Any]) -> list[tuple[str, str]]:
    """(key, text) of each value to check; mapped names and dates are kept whole."""
    pairs: list[tuple[str, str]] = []
    for key, value in item.items():
        if key in ("type", "id") or value is None or value == "" or value == []:
            continue
        if isinstance(value, (dict, list)) or key in _DATE_KEYS:
            if key not in _MAPPED_KEYS:
                pairs.append((key, json.dumps(value, ensure_ascii=False)))
            continue
        pairs.append((key, str(value)))
    return pairs


class _LineCounter:
    """Line of an offset, counting forward only (offsets arrive in order)."""

    def __init__(self, text: str) -> None:
        self.text, self.offset, self.line = text, 0, 1

    def __call__(self, offset: int) -> int:
        self.line += self.text.count("\n", self.offset, offset)
        self.offset = offset
        return self.line


def _skip_ws(text: str, i: int) -> int:
    while i < len(text) and text[i] in " \t\n\r":
        i += 1
    return i


def parse_csljson(text: str, name: str = "<string>") -> Library:
    """Read a CSL-JSON array (or a single item); keep what precedes a syntax error."""
    lib = Library()
    unkept = Unkept("key")
    try:
        _read_items(text, name, lib, unkept)
    except RecursionError:
        # Python's JSON decoder recurses once per level: about 990 nested arrays or objects
        # exhaust the stack. No CSL item nests deeper than a few levels, so this is not data.
        lib.blocks.clear()
        lib.diagnostics.append(
            diagnostic(
                BROKEN_STRUCTURE,
                "JSON nested too deeply (hundreds of levels of [ or {); a CSL-JSON item nests "
                "a few levels at most, so this file cannot be read",
                name,
                1,
            )
        )
        return lib
    if note := unkept.diagnostic(name):
        lib.diagnostics.append(note)
    return lib


def _read_items(text: str, name: str, lib: Library, unkept: Unkept) -> None:
    decoder = json.JSONDecoder()
    line_of = _LineCounter(text)

    def broken(exc: json.JSONDecodeError) -> None:
        lib.diagnostics.append(
            diagnostic(
                BROKEN_STRUCTURE, f"JSON syntax error: {exc.msg}", name, exc.lineno, exc.colno
            )
        )

    def add(item: Any, offset: int) -> None:
        line = line_of(offset)
        if not isinstance(item, dict):
            lib.diagnostics.append(
                diagnostic(MALFORMED_RECORD, "CSL-JSON item is not an object; skipped", name, line)
            )
            return
        ref = csl_to_reference(item, Origin(name, line, None, "csl-json"))
        lib.blocks.append(ref)
        unkept.add(lost(_accounted(item), ref.fields, _MAPPED_KEYS, ref.key), line)

    i = _skip_ws(text, 0)
    if text.startswith("{", i):
        try:
            obj, _ = decoder.raw_decode(text, i)
        except json.JSONDecodeError as exc:
            broken(exc)
            return
        items = obj.get("items") if isinstance(obj.get("items"), list) else [obj]
        for item in items:
            add(item, i)
        return
    if not text.startswith("[", i):
        lib.diagnostics.append(
            diagnostic(BROKEN_STRUCTURE, "CSL-JSON must be an array of items", name, 1)
        )
        return
    i = _skip_ws(text, i + 1)
    while i < len(text) and text[i] != "]":
        try:
            item, end = decoder.raw_decode(text, i)
        except json.JSONDecodeError as exc:
            broken(exc)
            return
        add(item, i)
        i = _skip_ws(text, end)
        if i < len(text) and text[i] == ",":
            i = _skip_ws(text, i + 1)
        elif i >= len(text) or text[i] != "]":
            at = min(i, len(text))
            col = at - text.rfind("\n", 0, at)
            lib.diagnostics.append(
                diagnostic(
                    BROKEN_STRUCTURE,
                    "JSON syntax error: expected ',' or ']'",
                    name,
                    line_of(at),
                    col,
                )
            )
            return
    if i >= len(text):
        lib.diagnostics.append(
            diagnostic(
                BROKEN_STRUCTURE, "JSON syntax error: the array is not closed", name, line_of(i)
            )
        )


def _sniff_csljson(text: str) -> float:
    head = text[:20_000].lstrip()
    if not head.startswith(("[", "{")):
        return Confidence.NONE
    if re.search(
        r'"type"\s*:\s*"(?:article-journal|book|chapter|paper-conference|report|'
        r'thesis|webpage|article|manuscript|dataset)"',
        head,
    ):
        return Confidence.SIGNATURE
    if re.search(r'"(?:container-title|issued|DOI)"\s*:', head):
        return Confidence.PLAUSIBLE
    return Confidence.NONE


FORMAT = Format("csl-json", parse_csljson, _sniff_csljson, (".json",))
