"""EndNote XML reader (File > Export > XML), parsed with defusedxml.

defusedxml refuses DTDs with entities, external entities and other XML bombs,
so a hostile export cannot make us expand gigabytes or read local files. Text
in EndNote XML is wrapped in `<style>` runs; a value is the concatenation of
its runs. Records are positional: EndNote's `rec-number` is a database id,
not a citation key, so records get no key (keys are generated later) unless
the record has a `label`, which EndNote users use for citation keys.

EndNote writes a whole library on one line, so a record's line alone does not
say which record it is: records that share a line also get the column of their
`<record>` tag (`file:1:1120`), taken from expat as it meets the tag.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from typing import Any
from xml.etree.ElementTree import Element, ParseError, TreeBuilder

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser, fromstring

from ..codes import BROKEN_STRUCTURE, INPUT_UNREADABLE, MALFORMED_RECORD, NO_RECORDS, diagnostic
from ..model import InputError, Library, Origin, Reference
from .fieldmap import (
    Unkept,
    clean_doi,
    clean_text,
    iso_date,
    language,
    lost,
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

TYPES = {
    "journal article": "article",
    "electronic article": "article",
    "magazine article": "article",
    "newspaper article": "article",
    "book": "book",
    "edited book": "book",
    "electronic book": "book",
    "book section": "incollection",
    "electronic book section": "incollection",
    "conference paper": "inproceedings",
    "conference proceedings": "inproceedings",
    "thesis": "phdthesis",
    "report": "techreport",
    "government document": "techreport",
    "unpublished work": "unpublished",
    "manuscript": "unpublished",
    "web page": "misc",
    "generic": "misc",
}
_KEY_LIKE = re.compile(r"^[A-Za-z][A-Za-z0-9_:\-.+/]*$")
_RECORD_START = re.compile(r"<record[\s>]")
# Elements that describe the EndNote library, not the work: its file name, the program,
# the record's database ids. `ref-type` chooses the entry type.
_LIBRARY_ELEMENTS = frozenset({"database", "source-app", "rec-number", "foreign-keys", "ref-type"})
# Elements the mapping below tries to keep (each value is checked: a second URL, an
# accession number that is no PubMed id are lost). Any other element (custom1-7,
# work-type, section, titles/translated-title, ...) is reported as not kept (RM004).
_MAPPED_ELEMENTS = frozenset(
    {
        "contributors/authors/author",
        "contributors/secondary-authors/author",
        "contributors/subsidiary-authors/author",
        "titles/title",
        "titles/secondary-title",
        "titles/tertiary-title",
        "titles/alt-title",
        "titles/short-title",
        "periodical/full-title",
        "periodical/abbr-1",
        "volume",
        "number",
        "issue",
        "pages",
        "edition",
        "publisher",
        "pub-location",
        "dates/year",
        "dates/pub-dates/date",
        "electronic-resource-num",
        "isbn",
        "urls/related-urls/url",
        "urls/web-urls/url",
        "urls/pdf-urls/url",
        "remote-database-name",
        "remote-database-provider",
        "accession-num",
        "language",
        "keywords/keyword",
        "abstract",
        "notes",
        "label",
        "auth-address",
        "call-num",
        "research-notes",
        "caption",
        "num-vols",
        "access-date",
    }
)
_DATE_ELEMENTS = frozenset({"dates/year", "dates/pub-dates/date"})


def _text(element: Element | None) -> str:
    return clean_text("".join(element.itertext())) if element is not None else ""


def _index(record: Element) -> dict[str, Element]:
    """First element at each path up to three levels deep ('dates/pub-dates/date').

    One walk instead of a `find` per field: EndNote libraries run to 100k records.
    """
    index: dict[str, Element] = {}
    for child in record:
        index.setdefault(child.tag, child)
        for grandchild in child:
            path = f"{child.tag}/{grandchild.tag}"
            index.setdefault(path, grandchild)
            for great in grandchild:
                if great.tag != "style":
                    index.setdefault(f"{path}/{great.tag}", great)
    return index


def _all(record: Element, path: str) -> list[str]:
    return [t for t in (_text(e) for e in record.iterfind(path)) if t]


def endnote_to_reference(record: Element, origin: Origin) -> Reference:
    index = _index(record)

    def get(path: str) -> str:
        return _text(index.get(path))

    type_element = index.get("ref-type")
    type_name = (type_element.get("name", "") if type_element is not None else "").lower()
    entry_type = TYPES.get(type_name, "misc")
    fields: dict[str, str] = {}
    put_names(fields, "author", (tagged_name(a) for a in _all(record, "contributors/authors/*")))
    put_names(
        fields, "editor", (tagged_name(a) for a in _all(record, "contributors/secondary-authors/*"))
    )
    put(fields, "title", get("titles/title"))
    secondary = get("titles/secondary-title")
    tertiary = get("titles/tertiary-title")
    full = get("periodical/full-title")
    abbrev = get("periodical/abbr-1") or get("titles/alt-title")
    if entry_type == "article":
        put(fields, "journal", secondary or full or abbrev)
        if abbrev != fields.get("journal"):
            put(fields, "shortjournal", abbrev)
        put(fields, "series", tertiary)
    elif entry_type in ("incollection", "inproceedings"):
        put(fields, "booktitle", secondary)
        put(fields, "series", tertiary)
    elif entry_type == "book":
        put(fields, "series", secondary or tertiary)
    else:
        put(fields, "howpublished", secondary)
    short = get("titles/short-title")
    if short and short != fields.get("title"):
        put(fields, "shorttitle", short)
    put(fields, "volume", get("volume"))
    put(fields, "number", get("number") or get("issue"))
    put(fields, "pages", pages_from(get("pages"), ""))
    put(fields, "edition", get("edition"))
    put_publisher(fields, entry_type, get("publisher"))
    put(fields, "address", get("pub-location"))
    put_date(fields, get("dates/year"))
    put_date(fields, get("dates/pub-dates/date"))
    put(fields, "doi", clean_doi(get("electronic-resource-num")))
    put_standard_numbers(fields, _all(record, "isbn"), entry_type != "article")
    urls = _all(record, "urls/related-urls/url") + _all(record, "urls/web-urls/url")
    if urls:
        put(fields, "url", urls[0])
    database = get("remote-database-name") + get("remote-database-provider")
    accession = get("accession-num")
    if accession.isdigit() and re.search(r"(?i)pubmed|medline|ncbi", database):
        put(fields, "pmid", accession)
    put(fields, "language", language(get("language")))
    put_keywords(fields, _all(record, "keywords/keyword"))
    put(fields, "abstract", get("abstract"))
    put(fields, "note", get("notes"))
    # Elements few records have: looked up only when the index says they are there.
    if "contributors/subsidiary-authors" in index:
        translators = _all(record, "contributors/subsidiary-authors/*")
        put_names(fields, "translator", (tagged_name(a) for a in translators))
    if "auth-address" in index:
        put_joined(fields, "affiliation", _all(record, "auth-address"))
    databases = [p for p in ("remote-database-name", "remote-database-provider") if p in index]
    put_joined(fields, "database", [t for p in databases for t in _all(record, p)])
    if "urls/pdf-urls/url" in index:
        put_joined(fields, "file", _all(record, "urls/pdf-urls/url"))
    put(fields, "callnumber", get("call-num"))
    put(fields, "annote", get("research-notes"))
    put(fields, "volumes", get("num-vols"))
    put(fields, "caption", get("caption"))
    put(fields, "urldate", iso_date(get("access-date")))
    label = get("label")
    key = label if _KEY_LIKE.match(label) else ""
    return Reference(entry_type, key, fields, origin)


def _leaves(element: Element, path: str = "") -> list[tuple[str, str]]:
    """(path, text) of each element that holds text, as 'titles/title' or 'custom1'."""
    pairs: list[tuple[str, str]] = []
    for child in element:
        if child.tag == "style" or (not path and child.tag in _LIBRARY_ELEMENTS):
            continue
        where = f"{path}/{child.tag}" if path else child.tag
        if any(g.tag != "style" for g in child):
            pairs += _leaves(child, where)
        else:
            pairs.append((where, _text(child)))
    return pairs


def _account(unkept: Unkept, record: Element, ref: Reference) -> None:
    lost_here = lost(_leaves(record), ref.fields, _MAPPED_ELEMENTS, ref.key, _DATE_ELEMENTS)
    unkept.add((f"<{p}>" for p in lost_here), ref.origin.line, ref.origin.column or 0)


class _Lines:
    """Line and column of a character offset, where expat cannot say (salvage after an error)."""

    def __init__(self, text: str) -> None:
        self.newlines = [m.start() for m in re.finditer("\n", text)]

    def line(self, offset: int) -> int:
        return bisect.bisect_left(self.newlines, offset) + 1

    def column(self, offset: int) -> int:
        line = self.line(offset)
        return offset - (self.newlines[line - 2] if line > 1 else -1)


def _shared(places: list[tuple[int, int]]) -> list[int | None]:
    """The column of each (line, column) place, kept only where another place shares its line."""
    per_line = Counter(line for line, _ in places)
    return [column if per_line[line] > 1 else None for line, column in places]


class _RecordStarts(TreeBuilder):
    """Builds the tree and notes where each `<record>` start tag is, as expat reports it.

    expat's position is exact where a search of the text is not (`<record>` inside CDATA
    or a comment), and counts characters, not bytes.
    """

    def __init__(self) -> None:
        super().__init__()
        self.expat: Any = None
        self.places: list[tuple[int, int]] = []

    def start(self, tag: str, attrs: dict[str, str]) -> Element:
        if tag == "record" and self.expat is not None:
            self.places.append((self.expat.CurrentLineNumber, self.expat.CurrentColumnNumber + 1))
        return super().start(tag, attrs)


def _parse(text: str) -> tuple[Element, list[tuple[int, int]] | None]:
    """The root element and each record's (line, column); None where expat is out of reach."""
    target = _RecordStarts()
    parser = DefusedXMLParser(target=target)
    target.expat = getattr(parser, "parser", None)
    parser.feed(text)
    root = parser.close()
    return root, (target.places if target.expat is not None else None)


def _records_one_by_one(text: str, name: str, lib: Library, lines: _Lines, unkept: Unkept) -> None:
    """Recovery after a syntax error: parse each <record> on its own, report the broken ones."""
    found = list(re.finditer(r"<record>.*?</record>", text, re.DOTALL))
    places = [(lines.line(m.start()), lines.column(m.start())) for m in found]
    for m, (start, _), column in zip(found, places, _shared(places), strict=True):
        try:
            record = fromstring(m.group(0))
        except (ParseError, DefusedXmlException) as exc:
            lib.diagnostics.append(
                diagnostic(
                    MALFORMED_RECORD,
                    f"malformed EndNote record skipped: {exc}",
                    name,
                    start,
                    column or 0,
                )
            )
            continue
        origin = Origin(name, start, lines.line(m.end()), "endnote-xml", column)
        ref = endnote_to_reference(record, origin)
        lib.blocks.append(ref)
        _account(unkept, record, ref)


def _unsafe(exc: DefusedXmlException) -> str:
    """Why an XML file was refused, in words (defusedxml's exceptions print as reprs)."""
    kind = type(exc).__name__
    if kind == "EntitiesForbidden":
        what = "it declares XML entities (<!ENTITY ...>), which can expand without bound"
    elif kind == "ExternalReferenceForbidden":
        what = "it refers to an external entity or DTD, which could read other files"
    elif kind == "DTDForbidden":
        what = "it contains a document type definition (<!DOCTYPE ... [ ... ]>)"
    else:
        what = "it uses an XML feature that is unsafe to read"
    return (
        f"refused unsafe XML: {what}; EndNote's own exports never do this, so nothing of "
        "this file was read (export it again from EndNote)"
    )


def parse_endnote_xml(text: str, name: str = "<string>") -> Library:
    """Read EndNote XML; on a syntax error report it and salvage the intact records."""
    lib = Library()
    lines = _Lines(text)
    try:
        root, places = _parse(text)
    except DefusedXmlException as exc:
        # Not a damaged file but a dangerous one: nothing of it is read (exit 2 everywhere).
        raise InputError(diagnostic(INPUT_UNREADABLE, _unsafe(exc), name, 1)) from None
    except ParseError as exc:
        line, col = getattr(exc, "position", (1, 0))
        lib.diagnostics.append(
            diagnostic(BROKEN_STRUCTURE, f"XML syntax error: {exc.msg}", name, line, col + 1)
        )
        unkept = Unkept("element")
        _records_one_by_one(text, name, lib, lines, unkept)
        if note := unkept.diagnostic(name):
            lib.diagnostics.append(note)
        return lib
    records = list(root.iter("record"))
    if places is None:  # no expat to ask: find the tags in the text
        places = [
            (lines.line(m.start()), lines.column(m.start())) for m in _RECORD_START.finditer(text)
        ]
    if len(places) != len(records):  # '<record' inside CDATA or comments: places unknown
        places = [(1, 0)] * len(records)
    unkept = Unkept("element")
    for (start, _), column, record in zip(places, _shared(places), records, strict=True):
        origin = Origin(name, start, None, "endnote-xml", column or None)
        ref = endnote_to_reference(record, origin)
        lib.blocks.append(ref)
        _account(unkept, record, ref)
    if note := unkept.diagnostic(name):
        lib.diagnostics.append(note)
    if not records:
        lib.diagnostics.append(
            diagnostic(NO_RECORDS, "no <record> elements found in this XML file", name, 1)
        )
    return lib


def _sniff_endnote(text: str) -> float:
    head = text[:20_000]
    if "<record" in head and ("<ref-type" in head or "<source-app" in head):
        return Confidence.SIGNATURE
    if re.match(r"\s*(?:<\?xml[^>]*>\s*)?<xml>\s*<records>", head):
        return Confidence.LIKELY
    return Confidence.NONE


FORMAT = Format("endnote-xml", parse_endnote_xml, _sniff_endnote, (".xml",))
