"""Reader for text scraped or copied from web pages (search results, landing pages, cite boxes).

Registered as format "text". The work happens in two passes: `scrape_units`
turns lines into typed units, `scrape_assemble` groups them into records (see
docs/scrape.md). This module guards the input (HTML source, huge lines, empty
or unrecognisable text), reports passages that looked like records but could
not be read (RM105) and the lists of other works it skipped (RM109): text is
never dropped silently. It also generates citation keys.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from typing import ClassVar

from ..codes import HTML_SOURCE, LISTING_NOT_READ, NO_RECORDS, UNREAD_TEXT, diagnostic
from ..formats.spec import Confidence, Format
from ..keys import assign_missing_keys
from ..model import Diagnostic, InputError, Library
from .assemble import Assembler
from .cite import reads_as_reference
from .fields import ARXIV_RE, YEAR_RE, find_doi
from .unit import Unit, UnitKind
from .units import Lines, drop_browser_titles, units_of, year_headings

MAX_LINE = 20_000  # longer lines are never records; also keeps every regex fast


# ---------------------------------------------------------------- HTML input


class _TextExtractor(HTMLParser):
    """Visible text of an HTML document, one block element per line."""

    _BLOCK: ClassVar[set[str]] = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th",
              "section", "article", "header", "footer", "dd", "dt", "title", "ul", "ol", "table"}  # fmt: skip

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "noscript", "svg"):
            self._skip += 1
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "noscript", "svg"):
            self._skip = max(0, self._skip - 1)
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data.replace("\n", " "))


def looks_like_html(text: str) -> bool:
    head = text[:5000].lstrip().lower()
    if head.startswith(("<!doctype html", "<html", "<?xml")) and "<html" in text[:20000].lower():
        return True
    return len(re.findall(r"</?(?:div|span|p|a|td|li|meta|script)\b", text[:50000], re.I)) > 30


def html_to_text(text: str) -> str:
    parser = _TextExtractor()
    parser.feed(text)
    parser.close()
    out = html.unescape("".join(parser.parts))
    lines = (line.strip() for line in out.split("\n"))
    return "\n".join(line for line in lines if line)


# ---------------------------------------------------------------- reader


def read_scrape(text: str, name: str) -> Library:
    """Records from scraped page text; raises InputError when nothing record-like is found."""
    lib = Library()
    if not text.strip():
        raise InputError(diagnostic(NO_RECORDS, "the input is empty", name))
    if looks_like_html(text):
        text = html_to_text(text)
        lib.diagnostics.append(
            diagnostic(
                HTML_SOURCE,
                "this is HTML source, not page text: read its visible text (for better "
                "results, copy the text from the browser)",
                name,
                1,
            )
        )
    raw = text.split("\n")
    for i, line in enumerate(raw):
        if len(line) > MAX_LINE:
            lib.diagnostics.append(
                diagnostic(
                    UNREAD_TEXT,
                    f"line of {len(line):,} characters skipped: too long to be one record",
                    name,
                    i + 1,
                )
            )
            raw[i] = ""
    lines = Lines(raw)
    drop_browser_titles(lines)
    asm = Assembler(name)
    asm.units = units_of(lines)
    for index, unit in enumerate(asm.units):
        asm.index = index
        asm.feed(unit)
    asm.done()
    for start, end, heading, resume in asm.skipped:
        lib.diagnostics.append(_skipped(name, start, end, heading, resume))
    refs = []
    covered: list[tuple[int, int]] = []
    heads = year_headings(lines.text)
    for draft in asm.drafts:
        if heads and not draft.year and draft.title and draft.authors:
            # a publication list grouped under year headings prints no year in its entries
            above = [y for line, y in heads if line < draft.start]
            if above:
                draft.year = above[-1]
        if draft.is_record():
            refs.append(draft.to_reference(name))
            covered.append((draft.start, draft.end))
            if draft.unread and (missing := draft.still_unread()):
                lib.diagnostics.append(_partly_read(name, draft.start, draft.end, missing))
        elif draft.has_evidence():
            lib.diagnostics.append(_unreadable(name, draft.start, draft.end))
    known = {r.fields.get(k) for r in refs for k in ("doi", "eprint")} - {None}
    for unit in asm.loose:
        arxiv = ARXIV_RE.search(unit.text)
        ids = {find_doi(unit.text)} | ({arxiv.group(1)} if arxiv else set())
        if ids & known:
            continue  # the page repeats an identifier of a record it has (breadcrumbs, "Cite as")
        if not any(a <= unit.start <= b for a, b in covered):
            lib.diagnostics.append(_unreadable(name, unit.start, unit.end))
    warned = {d.line for d in lib.diagnostics if d.code == UNREAD_TEXT}
    skipped = [(a, b) for a, b, _heading, _resume in asm.skipped]
    for unit in _unread_entries(asm.units, covered, skipped, bool(refs)):
        if unit.start not in warned:
            absorbed = any(a <= unit.start <= b for a, b in covered)
            lib.diagnostics.append(_unread_reference(name, unit.start, unit.end, absorbed))
    if not refs:
        unread = [d for d in lib.diagnostics if d.code == UNREAD_TEXT]
        extra = f" ({unread[0].message}" if unread else ""
        if len(unread) > 1:
            extra += f"; {len(unread) - 1} more passage(s) could not be read"
        extra += ")" if unread else ""
        raise InputError(
            diagnostic(
                NO_RECORDS,
                f"no references recognised in this text{extra}; if it is another format, "
                "name it with --from",
                name,
                1,
            )
        )
    assign_missing_keys(refs)
    lib.blocks.extend(refs)
    return lib


def _unreadable(name: str, start: int, end: int) -> Diagnostic:
    where = f"lines {start}-{end} look" if end > start else f"line {start} looks"
    return diagnostic(
        UNREAD_TEXT,
        f"{where} like a record but no title or author list could be read; not converted",
        name,
        start,
        end_line=end,
    )


# units that never hold a reference the reader lost: furniture, headings, labelled fields, and
# the kinds that are read as records themselves
_NOT_AN_ENTRY = (UnitKind.BLANK, UnitKind.STOP, UnitKind.CHROME, UnitKind.TYPE, UnitKind.FIELD,
                 UnitKind.CITATION, UnitKind.BYLINE)  # fmt: skip
_TEXT = (UnitKind.OTHER, UnitKind.TITLE, UnitKind.PARA)


def _unread_entries(
    units: list[Unit],
    covered: list[tuple[int, int]],
    skipped: list[tuple[int, int]],
    any_record: bool,
) -> list[Unit]:
    """Lines of a reference list that gave no record: a unit no record covers, next to a
    citation that became a record (the line above or below it in the list), that the model
    reads as a reference (`cite.reads_as_reference`); with no record at all, any such line.
    Also a line under a citation that its record took for its note (the abstract of an
    annotated list's entry) and that reads as a reference: a lost entry, not a note.
    A list of other works the reader skipped is reported as a whole (RM109), not line by line."""

    def lines_of(spans: list[tuple[int, int]]) -> set[int]:
        # the lines the spans cover, once: a test against every span for every unit cost the
        # square of a long page (a 1 MB page: 13 million span tests, 0.7 s of its 2.3 s)
        found: set[int] = set()
        for a, b in spans:
            found.update(range(a, b + 1))
        return found

    covered_lines, skipped_lines = lines_of(covered), lines_of(skipped)

    def inside(unit: Unit, lines: set[int]) -> bool:
        return unit.start in lines or unit.end in lines

    entries = [u for u in units if u.kind is not UnitKind.BLANK]
    out: list[Unit] = []
    listed = noted = 0  # the citations that became records; those with a text line under them
    for k, unit in enumerate(entries):
        if unit.kind is UnitKind.CITATION and inside(unit, covered_lines):
            listed += 1
            noted += entries[k + 1 : k + 2] != [] and entries[k + 1].kind in _TEXT
        if unit.kind in _NOT_AN_ENTRY or inside(unit, skipped_lines):
            continue
        beside = entries[max(k - 1, 0) : k] + entries[k + 1 : k + 2]
        near = any(u.kind is UnitKind.CITATION and inside(u, covered_lines) for u in beside)
        if inside(unit, covered_lines):
            # a line the entry above took for its note (an annotated list's abstract)
            above = entries[k - 1] if k else None
            noted_above = above is not None and above.kind is UnitKind.CITATION
            if noted_above and unit.kind in _TEXT and reads_as_reference(unit.text):
                out.append(unit)
        elif (near or not any_record) and reads_as_reference(unit.text):
            out.append(unit)
    # an annotated bibliography prints a note under every entry, and a note that names other
    # works (`See also the reply by Okafor (2015) in the same journal, vol. 15.`) reads as a
    # reference too: when more than half of the list's entries have a line of text under them,
    # those lines are its notes, while a lost entry is the exception in its list
    return out if 2 * noted <= listed else []


def _unread_reference(name: str, start: int, end: int, absorbed: bool = False) -> Diagnostic:
    where = f"lines {start}-{end} look" if end > start else f"line {start} looks"
    what = (
        "was kept as the note (abstract) of the entry above it"
        if absorbed
        else "no record could be read from it; not converted"
    )
    return diagnostic(
        UNREAD_TEXT,
        f"{where} like a reference (names or a title, a year), but {what}",
        name,
        start,
        end_line=end,
    )


def _partly_read(name: str, start: int, end: int, missing: str) -> Diagnostic:
    where = f"lines {start}-{end} were" if end > start else f"line {start} was"
    return diagnostic(
        UNREAD_TEXT,
        f"{where} read as a reference, but its {missing} could not be read; check the record",
        name,
        start,
        end_line=end,
    )


def _skipped(name: str, start: int, end: int, heading: str, resume: int) -> Diagnostic:
    then = f"; reading goes on at line {resume}, where another page starts" if resume else ""
    return diagnostic(
        LISTING_NOT_READ,
        f'lines {start}-{end} ({end - start + 1} lines) list other works after "{heading}"; '
        f"not read as records{then}",
        name,
        start,
        end_line=end,
    )


_EVIDENCE = re.compile(
    r"(?i)\b(?:authors?|author\(s\)|doi|abstract|journal|vol\.?|pp\.|автори|pmid|arxiv)\b|"
    r"\u25fd|\b10\.\d{4,9}/"
)


def sniff_text(text: str) -> float:
    """Low score for any text with record evidence, so structured formats win when they match."""
    head = text[:200_000]
    if not head.strip():
        return Confidence.NONE
    if _EVIDENCE.search(head) or YEAR_RE.search(head):
        return Confidence.FALLBACK
    return Confidence.NONE


FORMAT = Format("text", read_scrape, sniff_text, (".txt", ".text"))
