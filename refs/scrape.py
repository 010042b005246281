"""Reader for text scraped or copied from web pages (search results, landing pages, cite boxes).

Two passes. `_units` turns lines into typed units (a labelled field, a `◽` run,
a one-line citation, a byline, an author line, a paragraph, a title candidate,
chrome, a heading that starts a reference list). `_assemble` then groups units
into records by general rules of how pages are laid out:

- a title candidate belongs to the record whose venue/author data follows it;
- an unlabelled venue run or author line after a record's authors starts the
  next record (result listings print `title? venue-run authors abstract?`);
- a labelled field starts a new record only when the current one already has it;
- after a "References" / "Similar articles" heading, once the page's own record
  is read, the rest of the page lists other works and is not read as records.

Records that could not be read are reported (RM105), never dropped silently.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from typing import ClassVar

from .codes import diagnostic
from .formats import Format, register_format
from .keys import assign_missing_keys
from .model import Diagnostic, InputError, Library
from .scrape_cite import parse_byline, parse_citation
from .scrape_fields import (
    ARXIV_RE,
    DOI_RE,
    MONTHS,
    PMID_RE,
    YEAR_RE,
    find_doi,
    looks_like_venue_line,
    parse_venue,
    remove_ids,
    years_in,
)
from .scrape_lines import (
    ARXIV_LINE,
    BARE_HEADINGS,
    DOI_LINE,
    RUN_ENDS,
    RUN_SEP,
    SCHOLAR_TAG,
    SUBMITTED,
    Unit,
    is_chrome,
    is_journal_name,
    is_paragraph,
    is_stop_heading,
    is_title_like,
    label_of,
    norm,
    tab_row,
    type_of,
)
from .scrape_names import parse_name_list
from .scrape_record import Draft

MAX_LINE = 20_000  # longer lines are never records; also keeps every regex fast
_BROWSER_TITLE = re.compile(r"^(.{10,400}?)\s+[-|–—]\s+[^-|–—]{2,40}$")
_LABEL_RE = re.compile(r"^([^\W\d][^:：|]{0,40}?)\s*[:：]")
_PIPE_ROW = re.compile(r"^([^|]{0,60}?)\s*\|\s*(.*)$")
_MORE_TOGGLE = re.compile(r"\s*(?:▽\s*More|△\s*Less|\(?show (?:more|less)\)?|…\s*more)\s*$", re.I)


# ---------------------------------------------------------------- HTML input


class _TextExtractor(HTMLParser):
    """Visible text of an HTML document, one block element per line."""

    _BLOCK: ClassVar[set[str]] = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th",
              "section", "article", "header", "footer", "dd", "dt", "title", "ul", "ol", "table"}  # fmt: skip

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
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


# ---------------------------------------------------------------- units


class _Lines:
    def __init__(self, raw: list[str]) -> None:
        self.raw = raw
        self.text = [norm(x) for x in raw]
        self.plain: dict[int, tuple[Unit, int]] = {}
        for i, line in enumerate(raw):
            if "\t" in line or "   " in line:
                row = tab_row(line)  # a copied table row: "Label<TAB>value"
                if row:
                    self.text[i] = f"{row[0]}: {row[1]}"

    def __len__(self) -> int:
        return len(self.text)


def _is_labelled(text: str) -> bool:
    m = _LABEL_RE.match(text)
    return bool(m and label_of(m.group(1))) or bool(ARXIV_LINE.match(text))


def _drop_browser_titles(lines: _Lines) -> None:
    """`Title - PubMed` / `Title | Site` repeats a heading further down: keep the heading."""
    seen = 0
    for i, t in enumerate(lines.text):
        if not t:
            continue
        seen += 1
        if seen > 5:
            break
        m = _BROWSER_TITLE.match(t)
        if not m:
            continue
        head = _fold(m.group(1))
        if any(_fold(x) == head for j, x in enumerate(lines.text) if j != i and x):
            lines.text[i] = ""


def _run_from(lines: _Lines, i: int) -> tuple[list[str], int]:
    """Pieces of a `◽` run starting at line i; returns (pieces, next line index)."""
    parts = [lines.text[i]]
    j = i + 1
    while parts[-1].endswith(RUN_ENDS) and j < len(lines) and lines.text[j]:
        if _is_labelled(lines.text[j]):
            break
        parts.append(lines.text[j])
        j += 1
    joined = " ".join(parts)
    for sep in RUN_ENDS[1:]:
        joined = joined.replace(sep.strip(), RUN_SEP)
    pieces = [p.strip() for p in joined.split(RUN_SEP)]
    return [p for p in pieces if p], j


def _labelled_unit(lines: _Lines, i: int, canon: str, value: str) -> tuple[Unit, int]:
    no = i + 1
    unit = Unit("field", no, no, value, canon)
    j = i + 1
    if not value:
        if j < len(lines) and lines.text[j] and not _is_labelled(lines.text[j]):
            if is_stop_heading(lines.text[j]):
                return unit, j
            pieces, j = _run_from(lines, j)
            unit.values = pieces
            unit.text = f" {RUN_SEP} ".join(pieces)
            unit.hint = "run"
    elif value.endswith(RUN_SEP):
        pieces, j = _run_from(lines, i)
        unit.values = pieces
        m = _LABEL_RE.match(pieces[0])
        if m:
            pieces[0] = pieces[0][m.end() :].strip()
        unit.text = f" {RUN_SEP} ".join(pieces)
        unit.hint = "run"
    elif canon in ("author", "author_more"):
        # further names on the lines below, without a label ("Other Authors: A" / "B")
        while j < len(lines) and lines.text[j] and not _is_labelled(lines.text[j]):
            names = parse_name_list(lines.text[j])
            if not names or not all(n.first and n.last for n in names):
                break
            unit.values.append(lines.text[j])
            j += 1
    elif canon == "title":
        extra = 0
        while (
            j < len(lines)
            and extra < 2
            and lines.text[j]
            and not _is_labelled(lines.text[j])
            and not DOI_LINE.match(lines.text[j])
            and len(lines.text[j]) < 300
        ):
            unit.text = f"{unit.text} {lines.text[j]}"
            j += 1
            extra += 1
    unit.end = j
    return unit, j


def _bare_heading_unit(lines: _Lines, i: int, key: str) -> tuple[Unit, int]:
    """`Abstract` / `Affiliations` alone on a line: the block below belongs to it."""
    no = i + 1
    canon = label_of(key) or "ignore"
    j = i + 1
    if key in ("affiliations", "author information"):
        while j < len(lines) and lines.text[j] and re.match(r"^\d{1,2}\s|^[a-z]\s", lines.text[j]):
            j += 1
        return Unit("field", no, j, "", "ignore"), j
    k = j
    while k < len(lines) and not lines.text[k] and k - j < 2:
        k += 1
    if k < len(lines) and lines.text[k] and not _is_labelled(lines.text[k]):
        nxt = lines.text[k]
        ok = (
            len(nxt) >= 60 and len(nxt.split()) >= 8
            if canon == "abstract"
            else not is_stop_heading(nxt) and not is_chrome(nxt)
        )
        if ok and canon in ("author", "author_more"):
            # "Authors" above one name per line
            unit = Unit("field", no, k, "", canon, hint="run")
            while k < len(lines) and lines.text[k] and not _special(lines, k):
                names = parse_name_list(lines.text[k], affiliations=True, corporate=True)
                if not names:
                    break
                unit.values.append(lines.text[k])
                k += 1
            unit.end = k
            return (unit, k) if unit.values else (Unit("other", no, no, lines.text[i]), i + 1)
        if ok:
            text = nxt
            k += 1
            # a hard-wrapped abstract continues while the previous line ran to the margin
            while (
                canon == "abstract"
                and k < len(lines)
                and len(lines.text[k - 1]) >= 50
                and not _special(lines, k)
            ):
                text = _join_wrapped(text, lines.text[k])
                k += 1
            return Unit("field", no, k, text, canon), k
    return Unit("other", no, no, lines.text[i]), i + 1


def _plain_unit(lines: _Lines, i: int) -> tuple[Unit, int]:
    """Classify one unlabelled line (memoised: the wrap look-ahead asks twice)."""
    if i not in lines.plain:
        lines.plain[i] = _classify_plain(lines, i)
    return lines.plain[i]


def _classify_plain(lines: _Lines, i: int) -> tuple[Unit, int]:
    t = lines.text[i]
    no = i + 1
    if is_chrome(t):
        return Unit("chrome", no, no, t), i + 1
    words = t.split()
    kind = type_of(t) if len(words) <= 4 else None
    if kind is not None:
        return Unit("type", no, no, t, hint=kind), i + 1
    draft = parse_byline(t, no)
    if draft:
        return Unit("byline", no, no, t, draft=draft), i + 1
    # A reference wrapped onto indented continuation lines is one line.
    j = i + 1
    joined = t
    while j < len(lines) and lines.text[j] and re.match(r"^(?:\s{2,}|\t)", lines.raw[j]):
        joined = f"{joined} {lines.text[j]}"
        j += 1
    venue = looks_like_venue_line(t)
    cite = parse_citation(joined, no)
    if cite and (not venue or cite.title or cite.venue or cite.booktitle):
        cite.end = j
        return Unit("citation", no, j, joined, draft=cite), j
    if venue:
        unit = Unit("venue", no, no, t)
        unit.venue = venue
        return unit, i + 1
    if DOI_LINE.match(t) or _ids_only(t):
        return Unit("field", no, no, t, "doi"), i + 1
    names = None
    if "," in t or re.search(r"\d", t) or " and " in t:
        # "Ingrid Solheim1,2, Marta Kovalenko-Rhys2*": footnote marks glued to names
        unglued = re.sub(r"(?<=[^\W\d_])[\d,*\u2020\u2021]*[\d*\u2020\u2021](?=,|\s|$)", " 1", t)
        names = parse_name_list(unglued, affiliations=True)
    if (
        names
        and all(n.first and n.last for n in names)
        and (len(names) >= 2 or re.search(r"[A-Za-z]\s*\d", t))
        and not t.endswith(".")
    ):
        unit = Unit("authors", no, no, t, hint="line")
        unit.names = names
        return unit, i + 1
    if is_paragraph(t):
        return Unit("para", no, no, t), i + 1
    stripped = SCHOLAR_TAG.sub("", t)
    if is_title_like(stripped):
        hint = "book" if re.match(r"^\[BOOK\]", t) else ""
        return Unit("title", no, no, stripped, hint=hint), i + 1
    return Unit("other", no, no, t), i + 1


def _ids_only(text: str) -> bool:
    """`https://doi.org/10.5555/x  PMID: 123 · Full text`: identifiers and buttons only."""
    if len(text) > 200 or not DOI_RE.search(text):
        return False
    rest = re.sub(r"(?i)\b(?:doi|pmid|pmcid|full text|pdf|view|article)\b:?", " ", remove_ids(text))
    return len(re.findall(r"[^\W\d_]{2,}", rest)) <= 2


def _pipe_labels(lines: _Lines) -> int:
    count = 0
    for t in lines.text:
        m = _PIPE_ROW.match(t)
        if m and label_of(m.group(1)):
            count += 1
    return count


def units_of(lines: _Lines) -> list[Unit]:
    units: list[Unit] = []
    pipe_known = _pipe_labels(lines) >= 2
    last_pipe: Unit | None = None
    i = 0
    while i < len(lines):
        t = lines.text[i]
        no = i + 1
        if not t:
            units.append(Unit("blank", no, no))
            last_pipe = None
            i += 1
            continue
        if pipe_known:
            m = _PIPE_ROW.match(t)
            if m:
                lab, val = m.group(1).strip(), m.group(2).strip()
                if not lab and last_pipe is not None:
                    last_pipe.values.append(val)
                    last_pipe.end = no
                    i += 1
                    continue
                canon = label_of(lab)
                if canon or (lab and len(lab.split()) <= 4 and lab[0].isupper()):
                    last_pipe = Unit("field", no, no, val, canon or "ignore")
                    units.append(last_pipe)
                    i += 1
                    continue
        last_pipe = None
        if is_stop_heading(t):
            units.append(Unit("stop", no, no, t))
            i += 1
            continue
        m = ARXIV_LINE.match(t)
        if m:
            units.append(Unit("field", no, no, m.group(1), "arxiv"))
            i += 1
            continue
        if SUBMITTED.match(t):
            units.append(Unit("field", no, no, t, "submitted"))
            i += 1
            continue
        m = _LABEL_RE.match(t)
        canon = label_of(m.group(1)) if m else ""
        if m and canon:
            unit, i = _labelled_unit(lines, i, canon, t[m.end() :].strip())
            units.append(unit)
            continue
        if t.lower() in BARE_HEADINGS:
            unit, i = _bare_heading_unit(lines, i, t.lower())
            units.append(unit)
            continue
        if RUN_SEP in t or (t.endswith(RUN_ENDS) and i + 1 < len(lines) and lines.text[i + 1]):
            pieces, j = _run_from(lines, i)
            units.append(Unit("run", no, j, f" {RUN_SEP} ".join(pieces), values=pieces))
            i = j
            continue
        unit, i = _wrapped(lines, i)
        units.append(unit)
    return units


_OPEN_END = re.compile(
    r"(?i)(?:[:,;&\-\u2013\u00ad]|\b(?:and|or|of|the|a|an|in|on|for|to|with|from|by|at|"
    r"und|der|die|das|des|la|le|les|de|du|et|el|y|del|і|та|и|в|на|з|для))$"
)


def _join_wrapped(first: str, second: str) -> str:
    if first.endswith("\u00ad"):
        return first[:-1] + second  # a soft hyphen at the line end
    if first.endswith("-") and second[:1].islower():
        return first + second
    return f"{first} {second}"


def _special(lines: _Lines, k: int) -> bool:
    t = lines.text[k]
    return (
        not t
        or _is_labelled(t)
        or is_stop_heading(t)
        or RUN_SEP in t
        or "|" in t
        or t.endswith(RUN_ENDS)
        or t.lower() in BARE_HEADINGS
        or bool(SUBMITTED.match(t))
    )


def _wrapped(lines: _Lines, i: int) -> tuple[Unit, int]:
    """A plain line, or a title/paragraph that the page wrapped over several lines."""
    unit, nxt = _plain_unit(lines, i)
    if unit.kind not in ("title", "other", "para") or unit.hint:
        return unit, nxt
    parts = [unit]
    k = nxt
    while k < len(lines) and not _special(lines, k) and len(parts) < 40:
        more, k2 = _plain_unit(lines, k)
        if more.kind not in ("title", "other", "para") or more.hint:
            break
        parts.append(more)
        k = k2
    if len(parts) == 1:
        return unit, nxt
    joined = parts[0].text
    for p in parts[1:]:
        joined = _join_wrapped(joined, p.text)
    if is_paragraph(joined) and all(len(p.text) >= 30 for p in parts[:-1]):
        return Unit("para", unit.start, parts[-1].end, joined), k
    first, second = parts[0].text, parts[1].text
    if (
        parts[0].kind == "title"
        and is_title_like(_join_wrapped(first, second))
        and not first.endswith((".", "?", "!"))
        and (parts[1].kind == "title" or second[:1].islower())
        and len(first) >= 30
        and len(first) + len(second) <= 300
        and (
            # the first line cannot end there, or it is a long line the page broke
            second[:1].islower()
            or _OPEN_END.search(first)
            or (len(first) >= 60 and len(second) < len(first))
        )
    ):
        title = _join_wrapped(first, second)
        return Unit("title", unit.start, parts[1].end, title), parts[1].end
    return unit, nxt


# ---------------------------------------------------------------- assembly


def _fold(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()


class _Assembler:
    def __init__(self, name: str) -> None:
        self.name = name
        self.drafts: list[Draft] = []
        self.current: Draft | None = None
        self.pending: Unit | None = None  # a title candidate waiting for its record
        self.pending_type = ""
        self.pending_year: int | None = None  # a date line above the record it dates
        self.stopped = False
        self.diagnostics: list[Diagnostic] = []
        self.loose: list[Unit] = []  # record-like text that fitted no record
        self.units: list[Unit] = []
        self.index = 0

    # -- record boundaries
    def finish(self) -> None:
        if self.current is not None:
            self.drafts.append(self.current)
            self.current = None

    def new(self, line: int) -> Draft:
        self.finish()
        self.current = Draft(line, line)
        if self.pending_type:
            self.current.type_hint = self.pending_type
            self.pending_type = ""
        if self.pending_year:
            self.current.date_year = self.pending_year
            self.pending_year = None
        return self.current

    def found_any(self) -> bool:
        return any(d.is_record() for d in self.drafts) or bool(
            self.current and self.current.is_record()
        )

    def take_pending_title(self, unit: Unit, venue_first: bool = False) -> bool:
        """Open (or fill) the record a waiting title line belongs to; True if it did."""
        p = self.pending
        self.pending = None
        if p is None:
            return False
        cur = self.current
        if (
            cur is None
            or cur.title
            or cur.authors
            or cur.abstract
            or (venue_first and cur.has_venue_info)
        ):
            cur = self.new(p.start)
        cur.title = p.text.rstrip(".")
        if p.hint:
            cur.type_hint = p.hint
        cur.touch(p.start)
        return True

    def _authors_follow(self) -> bool:
        """Whether the next unit with content is an author list (it then owns this venue)."""
        for unit in self.units[self.index + 1 : self.index + 8]:
            if unit.kind in ("blank", "chrome"):
                continue
            return unit.kind == "authors" or (
                unit.kind == "field" and unit.label in ("author", "author_more")
            )
        return False

    # -- units
    def feed(self, unit: Unit) -> None:
        if self.stopped:
            return
        kind = unit.kind
        handler = getattr(self, f"_on_{kind}", None)
        if handler is None:
            return
        handler(unit)

    def _on_blank(self, unit: Unit) -> None:
        pass

    def _on_stop(self, unit: Unit) -> None:
        if self.found_any():
            self.stopped = True
            self.pending = None

    def _on_chrome(self, unit: Unit) -> None:
        self.pending = None

    def _on_other(self, unit: Unit) -> None:
        self.pending = None
        if DOI_RE.search(unit.text) or ARXIV_RE.search(unit.text):
            self.loose.append(unit)

    def _on_type(self, unit: Unit) -> None:
        if unit.hint:
            self.pending_type = unit.hint

    def _on_title(self, unit: Unit) -> None:
        self.pending = unit

    def _on_para(self, unit: Unit) -> None:
        self.pending = None
        cur = self.current
        if cur is not None and not cur.abstract and (cur.authors or cur.title):
            cur.abstract = _MORE_TOGGLE.sub("", unit.text)
            cur.touch(unit.end)

    def _on_citation(self, unit: Unit) -> None:
        self.pending = None
        self.finish()
        self.current = unit.draft

    def _on_byline(self, unit: Unit) -> None:
        draft = unit.draft
        if self.pending is not None:
            draft.title = self.pending.text.rstrip(".")
            draft.start = self.pending.start
            if self.pending.hint:
                draft.type_hint = self.pending.hint
            self.pending = None
        self.finish()
        self.current = draft

    def _venue(self, unit: Unit, info, labelled: bool) -> None:
        cur = self.current
        if labelled and cur is not None and not cur.has_venue_info and (cur.title or cur.authors):
            self.pending = None  # a labelled venue inside a record belongs to it
        if (
            not info.venue
            and self.pending is not None
            and is_journal_name(self.pending.text)
            and (cur is None or cur.has_venue_info or cur.authors)
        ):
            # "Journal of X" on the line above "Volume 12, Issue 1, 2019": the venue name
            info.venue = self.pending.text
            self.pending = None
            self.new(unit.start - 1)
        elif not self.take_pending_title(unit, venue_first=True):
            cur = self.current
            if cur is None or cur.has_venue_info:
                self.new(unit.start)
            elif not labelled and (cur.authors or cur.abstract) and self._authors_follow():
                # result listings print `venue-run, Author(s)`: the run opens the next record
                self.new(unit.start)
        cur = self.current
        cur.add_venue(info)
        doi = find_doi(unit.text)
        if doi and not cur.doi:
            cur.doi = doi
        m = PMID_RE.search(unit.text)
        if m and not cur.pmid:
            cur.pmid = m.group(1)
        cur.touch(unit.start)
        cur.touch(unit.end)

    def _on_venue(self, unit: Unit) -> None:
        self._venue(unit, unit.venue, labelled=False)

    def _on_run(self, unit: Unit) -> None:
        info = parse_venue(f" {RUN_SEP} ".join(unit.values))
        if not (info.year or info.has_numbers):
            # a run of names or words with no venue data: keep as evidence only
            self.loose.append(unit)
            self.pending = None
            return
        self._venue(unit, info, labelled=False)

    def _on_authors(self, unit: Unit) -> None:
        names = unit.names
        if unit.hint == "line" and self.pending is None and not re.search(r"\d", unit.text):
            # an unlabelled list of names with no title above it and no footnote digits
            self.loose.append(unit)
            return
        if not self.take_pending_title(unit):
            cur = self.current
            if cur is None or cur.authors:
                self.new(unit.start)
        cur = self.current
        cur.authors = names
        cur.touch(unit.end)

    def _on_field(self, unit: Unit) -> None:
        label = unit.label
        handler = getattr(self, f"_field_{label}", None)
        if label != "title":
            pass
        if handler is None:
            self.pending = None
            return
        handler(unit)

    def _need(self, unit: Unit, has: bool) -> Draft:
        cur = self.current
        if cur is None or has:
            cur = self.new(unit.start)
        cur.touch(unit.start)
        cur.touch(unit.end)
        return cur

    def _field_title(self, unit: Unit) -> None:
        text = norm(unit.text).rstrip(".")
        # a catalogue's statement of responsibility: "Title / Ingrid Vasquez-Holm [et al.]"
        m = re.match(r"^(.{3,}?)\s+/\s+(.+)$", text)
        if m and (
            parse_name_list(m.group(2).strip(" ."))
            or re.match(r"(?i)(?:by|edited|von|hrsg|ed\.)\b", m.group(2))
        ):
            text = m.group(1).rstrip(" .:")
        self.pending = None
        if not text:
            return
        cur = self.current
        if cur is not None and cur.title and _fold(cur.title) == _fold(text):
            cur.title = text
            cur.touch(unit.end)
            return
        cur = self._need(unit, cur is None or bool(cur.title or cur.authors or cur.abstract))
        cur.title = text
        cur.labelled_title = True

    def _field_author(self, unit: Unit, more: bool = False) -> None:
        # a run holds one value per piece; a pipe row its value plus continuation rows
        values = unit.values if unit.hint == "run" else [unit.text, *unit.values]
        names = []
        for value in values:
            parsed = parse_name_list(value, affiliations=True, corporate=True)
            if parsed:
                names.extend(parsed)
        if not names:
            self.pending = None
            if unit.text.strip():
                self.loose.append(unit)
            return
        if more and self.current is not None:
            self.current.authors.extend(names)
            self.current.touch(unit.end)
            return
        if not self.take_pending_title(unit):
            cur = self.current
            if cur is None or cur.authors:
                self.new(unit.start)
        cur = self.current
        cur.authors = names
        cur.touch(unit.start)
        cur.touch(unit.end)

    def _field_author_more(self, unit: Unit) -> None:
        self._field_author(unit, more=True)

    def _field_venue(self, unit: Unit) -> None:
        info = parse_venue(unit.text)
        if not (info.venue or info.has_numbers):
            return
        self._venue(unit, info, labelled=True)

    def _field_doi(self, unit: Unit) -> None:
        doi = find_doi(unit.text)
        self.pending = None
        if not doi:
            return
        cur = self.current
        if cur is not None and cur.doi == doi:
            return
        cur = self._need(unit, cur is None or bool(cur.doi))
        cur.doi = doi
        m = PMID_RE.search(unit.text)
        if m and not cur.pmid:
            cur.pmid = m.group(1)

    def _field_pmid(self, unit: Unit) -> None:
        m = re.search(r"\d{5,9}", unit.text)
        self.pending = None
        if not m:
            return
        cur = self.current
        if cur is not None and cur.pmid == m.group(0):
            return
        cur = self._need(unit, cur is None or bool(cur.pmid))
        cur.pmid = m.group(0)

    def _field_arxiv(self, unit: Unit) -> None:
        ident = unit.text.strip()
        m = re.search(r"\d{4}\.\d{4,5}|[a-z\-]+(?:\.[A-Z]{2})?/\d{7}", ident)
        self.pending = None
        if not m:
            return
        cur = self.current
        if cur is not None and cur.arxiv == m.group(0):
            return
        # the id heads a listing entry: a record that already has its own data is finished
        has = cur is None or bool(cur.arxiv or (cur.title and cur.authors))
        cur = self._need(unit, has)
        cur.arxiv = m.group(0)

    def _field_abstract(self, unit: Unit) -> None:
        self.pending = None
        cur = self.current
        text = _MORE_TOGGLE.sub("", norm(unit.text))
        if cur is not None and not cur.abstract and text:
            cur.abstract = text
            cur.touch(unit.end)

    def _field_keywords(self, unit: Unit) -> None:
        self.pending = None
        cur = self.current
        values = ([unit.text] if unit.text and not unit.values else []) + unit.values
        words: list[str] = []
        for v in values:
            words.extend(w.strip(" .") for w in re.split(r"[;,\u25fd|·]", v))
        words = [w for w in words if w]
        if cur is not None and words and not cur.keywords:
            cur.keywords = words
            cur.touch(unit.end)

    def _date(self, unit: Unit, earliest: bool) -> None:
        self.pending = None
        cur = self.current
        ys = years_in(unit.text)
        if not ys:
            return
        year = min(ys) if earliest else ys[0]
        if cur is None:
            self.pending_year = year
            return
        cur.date_year = min(cur.date_year, year) if cur.date_year else year
        m = re.search(r"\b([A-Za-z]{3,9})\b", unit.text)
        if m and m.group(1).lower() in MONTHS and not cur.month and not earliest:
            cur.month = MONTHS[m.group(1).lower()]
        cur.touch(unit.end)

    def _field_date(self, unit: Unit) -> None:
        self._date(unit, earliest=False)
        # "Published: Nowhere City : Fabulist Press, 2009" also names the publisher
        m = re.match(
            r"^(?:[^:,]{2,60}\s:\s)?([^\d,:;]{3,120}),\s*(?:c|©)?(?:1[89]|20)\d\d\.?$", unit.text
        )
        cur = self.current
        if m and cur is not None and not cur.publisher and re.search(r"[^\W\d_]{3}", m.group(1)):
            cur.publisher = m.group(1).strip()

    def _field_submitted(self, unit: Unit) -> None:
        self._date(unit, earliest=True)

    def _field_publisher(self, unit: Unit) -> None:
        self.pending = None
        if self.current is not None and not self.current.publisher:
            self.current.publisher = unit.text.strip()

    def _field_type(self, unit: Unit) -> None:
        kind = type_of(unit.text)
        if kind:
            if self.current is not None and not self.current.type_hint:
                self.current.type_hint = kind
            else:
                self.pending_type = kind

    def _simple(self, unit: Unit, attr: str, value: str) -> None:
        self.pending = None
        cur = self.current
        if cur is not None and value and not getattr(cur, attr):
            setattr(cur, attr, value)

    def _field_volume(self, unit: Unit) -> None:
        self._simple(unit, "volume", unit.text.strip())

    def _field_issue(self, unit: Unit) -> None:
        self._simple(unit, "number", unit.text.strip())

    def _field_pages(self, unit: Unit) -> None:
        info = parse_venue(f"pp. {unit.text}")
        self._simple(unit, "pages", info.pages or unit.text.strip())

    def _field_ignore(self, unit: Unit) -> None:
        self.pending = None

    def _field_cite(self, unit: Unit) -> None:
        """`Citation: Okafor A, Brenner L (2020) Title. Journal 15(3): e02.` on a landing page."""
        self.pending = None
        draft = parse_citation(unit.text, unit.start)
        if draft is None:
            return
        cur = self.current
        if (
            cur is not None
            and cur.authors
            and (not cur.title or _fold(cur.title) == _fold(draft.title))
        ):
            # the page's own record, cited: fill what the page did not print elsewhere
            for attr in ("title", "venue", "volume", "number", "pages", "doi", "year", "booktitle"):
                if not getattr(cur, attr) and getattr(draft, attr):
                    setattr(cur, attr, getattr(draft, attr))
            cur.type_hint = cur.type_hint or draft.type_hint
            cur.touch(unit.end)
            return
        self.finish()
        draft.end = unit.end
        self.current = draft


# ---------------------------------------------------------------- reader


def read_scrape(text: str, name: str) -> Library:
    """Records from scraped page text; raises InputError when nothing record-like is found."""
    lib = Library()
    if not text.strip():
        raise InputError(diagnostic("RM002", "the input is empty", name))
    if looks_like_html(text):
        text = html_to_text(text)
        lib.diagnostics.append(
            diagnostic(
                "RM003",
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
                    "RM105",
                    f"line of {len(line):,} characters skipped: too long to be one record",
                    name,
                    i + 1,
                )
            )
            raw[i] = ""
    lines = _Lines(raw)
    _drop_browser_titles(lines)
    asm = _Assembler(name)
    asm.units = units_of(lines)
    for index, unit in enumerate(asm.units):
        asm.index = index
        asm.feed(unit)
    asm.finish()
    refs = []
    covered: list[tuple[int, int]] = []
    for draft in asm.drafts:
        if draft.is_record():
            refs.append(draft.to_reference(name))
            covered.append((draft.start, draft.end))
        elif draft.has_evidence():
            lib.diagnostics.append(_unreadable(name, draft.start, draft.end))
    for unit in asm.loose:
        if not any(a <= unit.start <= b for a, b in covered):
            lib.diagnostics.append(_unreadable(name, unit.start, unit.end))
    if not refs:
        unread = [d for d in lib.diagnostics if d.code == "RM105"]
        extra = f" ({unread[0].message}" if unread else ""
        if len(unread) > 1:
            extra += f"; {len(unread) - 1} more passage(s) could not be read"
        extra += ")" if unread else ""
        raise InputError(
            diagnostic(
                "RM002",
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
    where = f"lines {start}-{end}" if end > start else f"line {start}"
    return diagnostic(
        "RM105",
        f"{where} look like a record but no title or author list could be read; not converted",
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
        return 0.0
    if _EVIDENCE.search(head) or YEAR_RE.search(head):
        return 0.1
    return 0.0


register_format(Format("text", read_scrape, sniff_text, (".txt", ".text")))
