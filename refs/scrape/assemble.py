"""Records from units: the second pass of the page-text reader.

Units are grouped into records by how pages are laid out, not by site:

- a title candidate belongs to the record whose venue/author data follows it;
- a labelled field starts a new record only when the current one already has it
  (the same title printed twice is one record);
- an unlabelled venue run right after a record's authors opens the next record
  when an author list follows it (`title? venue-run Author(s) abstract?`
  listings), otherwise it is that record's;
- after a "References" / "Similar articles" heading, once the page's own record
  is read, the page lists other works: they are skipped (and the skipped lines
  reported) until another page pasted into the same file starts;
- a page starts at a page-top line (`Skip to main content`, a browser title), or
  where a look-ahead reads a page's own record (title and authors with an
  abstract, a labelled title or three labelled fields) after a list or after a
  complete landing-page record; it is then read as the first page was.
"""

from __future__ import annotations

import copy
import dataclasses
import re

from ..names import Name
from .cite import parse_citation
from .fields import (
    ARXIV_RE,
    DOI_RE,
    MONTHS,
    PMID_RE,
    VenueInfo,
    find_doi,
    parse_venue,
    years_in,
)
from .lines import (
    RUN_SEP,
    Unit,
    is_journal_name,
    norm,
    type_of,
)
from .names import parse_name_list
from .record import Draft, guess_book
from .units import browser_title, fold

_NAME_YEAR = re.compile(r"^([^\d,;:]{3,80}),\s*((?:1[89]|20)\d\d)\.?$")
# Lines that only stand at the top of a page: after them a new page's text begins.
_PAGE_TOP = {
    "skip to main content",
    "skip to main page content",
    "skip to content",
    "skip navigation",
}
# Labelled fields of a page's own record (three of them make one, with a title and authors).
_RECORD_LABELS = {"author", "venue", "doi", "publisher", "date", "keywords", "pmid"}
# How far a look-ahead reads to see whether a page's own record starts at a unit.
_TRIAL_UNITS = 120
_MORE_TOGGLE = re.compile(r"\s*(?:▽\s*More|△\s*Less|\(?show (?:more|less)\)?|…\s*more)\s*$", re.I)


def _first_record_ends(trial: Assembler, unit: Unit) -> bool:
    """In a look-ahead, where the record being read ends though reading rules would go on."""
    cur = trial.current
    if cur is None:
        return False
    if unit.kind == "chrome":
        return True  # page chrome after a record's start: its page (or listed work) ended
    if cur.title and trial.pending is not None and unit.label == "venue":
        return True  # a second title with a labelled venue: the next page's record
    if cur.title and cur.authors and cur.abstract and unit.kind == "title":
        return True  # a complete landing-page record: another title is another work's
    # a labelled title or an arXiv id heads its own record, not one a venue line above it started
    return cur.has_venue_info and not cur.title and unit.label in ("title", "arxiv")


class Assembler:
    """Takes the units in page order; `drafts` ends with the records, `loose` with the
    record-like units that fitted none (reported as RM105 by the reader)."""

    def __init__(self, name: str, trial: bool = False) -> None:
        self.name = name
        self.trial = trial  # a look-ahead: reads one record, never looks for pages itself
        self.drafts: list[Draft] = []
        self.current: Draft | None = None
        self.pending: Unit | None = None  # a title candidate waiting for its record
        self.pending_type = ""
        self.pending_year: int | None = None  # a date line above the record it dates
        self.loose: list[Unit] = []  # record-like text that fitted no record
        self.units: list[Unit] = []
        self.index = 0
        # Lists of other works are skipped; each skipped block is kept as
        # (first line, last line, heading, line reading resumed at or 0) for the reader to report.
        self.skipped: list[tuple[int, int, str, int]] = []
        self._skip: Unit | None = None  # the heading of the block being skipped
        self._skip_last = 0
        self._page_from = 0  # drafts before this index belong to pages pasted above

    # -- record boundaries
    def done(self) -> None:
        """End of the text: close the last record and the block being skipped."""
        self.finish()
        self._end_skip(0)

    def finish(self) -> None:
        if self.current is not None:
            self.drafts.append(self.current)
            self.current = None

    def _open(self) -> Draft:
        """The record being read, which the caller has just made sure exists."""
        assert self.current is not None
        return self.current

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
        return any(d.is_record() for d in self.drafts[self._page_from :]) or bool(
            self.current and self.current.is_record()
        )

    def take_pending_title(self, unit: Unit, venue_first: bool = False) -> bool:
        """Open (or fill) the record a waiting title line belongs to; True if it did."""
        p = self.pending
        self.pending = None
        if p is None:
            return False
        cur = self.current
        if cur is not None and cur.title and fold(cur.title) == fold(p.text):
            cur.touch(p.start)  # the same title printed twice (heading and breadcrumb)
            return True
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

    # -- other works listed after the page's own record, and the next page
    def _end_skip(self, resume: int) -> None:
        if self._skip is not None and self._skip_last > self._skip.start:
            self.skipped.append((self._skip.start, self._skip_last, self._skip.text, resume))
        self._skip = None
        self._page_from = len(self.drafts)  # the next page is read as the first one was

    def _trial(self, k: int) -> Draft | None:
        """The first record read from unit k on, as if a page started there (a look-ahead)."""
        trial = Assembler(self.name, trial=True)
        trial.units = self.units
        for index in range(k, min(len(self.units), k + _TRIAL_UNITS)):
            unit = self.units[index]
            if unit.kind == "stop" or (index > k and self._is_page_top(index)):
                break
            if _first_record_ends(trial, unit):
                break
            trial.index = index
            # handlers fill a unit's venue and draft in place: the real reading needs them intact
            trial.feed(
                dataclasses.replace(
                    unit, venue=copy.copy(unit.venue), draft=copy.deepcopy(unit.draft)
                )
            )
            if trial.drafts:
                break
        trial.finish()
        first = trial.drafts[0] if trial.drafts else None
        return first if first is not None and first.is_record() else None

    def _page_starts(self, unit: Unit) -> bool:
        """Whether a new page's own record starts at this unit (after a list, or a whole record).

        A page's own record has a title, authors and an abstract, or a labelled title, or
        three labelled fields; listed works (citations, bylines, `title / by: / Published:`
        entries) do not."""
        k = self.index
        if unit.kind not in ("title", "venue", "run", "authors", "field") or (
            unit.kind == "field" and unit.label not in ("title", "venue", "author", "arxiv")
        ):
            return False  # a page's record is headed by its title, venue, authors or arXiv id
        first = self._trial(k)
        if first is None or (first.start != unit.start and fold(first.title) != fold(unit.text)):
            return False  # the record starts further on (a heading repeating its title is its own)
        window = self.units[k : k + _TRIAL_UNITS]
        if any(first is u.draft for u in window):
            return False  # a one-line citation or a result byline: a listed work
        if not (first.title and first.authors):
            return False
        labels = {u.label for u in window if u.kind == "field" and u.end <= first.end}
        return bool(first.abstract or "title" in labels or len(labels & _RECORD_LABELS) >= 3)

    def _is_page_top(self, k: int) -> bool:
        """`Skip to main content`, or `Title - PubMed` whose title is printed again below."""
        unit = self.units[k]
        if unit.kind not in ("chrome", "title", "other"):
            return False
        if unit.text.lower() in _PAGE_TOP:
            return True
        head = browser_title(unit.text)
        return bool(head) and any(
            u.kind in ("title", "field") and fold(u.text) == head
            for u in self.units[k + 1 : k + _TRIAL_UNITS]
        )

    def _complete_page_ends(self, unit: Unit) -> bool:
        """A landing page's record is complete (title, authors, abstract): a new title that
        opens another page's own record starts the next pasted page."""
        cur = self.current
        return (
            self._skip is None
            and cur is not None
            and bool(cur.title and cur.authors and cur.abstract)
            and (unit.kind == "title" or (unit.kind == "field" and unit.label == "title"))
            and fold(unit.text) != fold(cur.title)
            and self._page_starts(unit)
        )

    def _new_page(self, line: int) -> None:
        """Another page pasted into the file starts: read it as the first one was read."""
        self.finish()
        self._end_skip(line)
        self.pending = None
        self.pending_type = ""
        self.pending_year = None
        self._page_from = len(self.drafts)

    # -- units
    def feed(self, unit: Unit) -> None:
        if self.trial:
            pass
        elif (self.index and self._is_page_top(self.index)) or self._complete_page_ends(unit):
            self._new_page(unit.start)
        elif self._skip is not None:
            if not self._page_starts(unit):
                if unit.kind != "blank":
                    self._skip_last = unit.end
                return
            self._end_skip(unit.start)
        kind = unit.kind
        handler = getattr(self, f"_on_{kind}", None)
        if handler is None:
            return
        handler(unit)

    def _on_blank(self, unit: Unit) -> None:
        pass

    def _on_stop(self, unit: Unit) -> None:
        if self.found_any():
            self.finish()
            self.pending = None
            self.pending_type = ""
            self.pending_year = None
            self._skip, self._skip_last = unit, unit.end

    def _on_chrome(self, unit: Unit) -> None:
        self.pending = None

    def _on_other(self, unit: Unit) -> None:
        self.pending = None
        cur = self.current
        m = _NAME_YEAR.match(unit.text)
        prev = self.units[self.index - 1] if self.index else None
        if (
            m
            and cur is not None
            and prev is not None
            and prev.kind == "authors"
            and not (cur.has_venue_info or cur.year)
        ):
            # "Fabulist Press, 2009" right under an author line (a profile's venue row)
            cur.venue, cur.year = m.group(1).strip(), int(m.group(2))
            if guess_book(cur.venue):
                cur.type_hint = cur.type_hint or "book"
            cur.touch(unit.end)
            return
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

    def _venue(self, unit: Unit, info: VenueInfo, labelled: bool) -> None:
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
        cur = self._open()
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

    def _attach_authors(self, unit: Unit, names: list[Name]) -> None:
        """An author list opens a record, unless a pending title or an author-less record takes it."""
        if not self.take_pending_title(unit):
            cur = self.current
            if cur is None or cur.authors:
                self.new(unit.start)
        cur = self._open()
        cur.authors = names
        cur.touch(unit.start)
        cur.touch(unit.end)

    def _on_authors(self, unit: Unit) -> None:
        names = unit.names
        if unit.hint == "line" and self.pending is None and not re.search(r"\d", unit.text):
            # an unlabelled list of names with no title above it and no footnote digits
            self.loose.append(unit)
            return
        self._attach_authors(unit, names)

    def _on_field(self, unit: Unit) -> None:
        label = unit.label
        handler = getattr(self, f"_field_{label}", None)
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
        if cur is not None and cur.title and fold(cur.title) == fold(text):
            cur.title = text
            cur.touch(unit.end)
            return
        cur = self._need(unit, cur is None or bool(cur.title or cur.authors or cur.abstract))
        cur.title = text

    def _field_author(self, unit: Unit, more: bool = False) -> None:
        # a run holds one value per piece; a pipe row its value plus continuation rows
        values = unit.values if unit.hint == "run" else [unit.text, *unit.values]
        names: list[Name] = []
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
        self._attach_authors(unit, names)

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
        # a run holds one value per piece; a pipe row its value plus continuation rows
        values = unit.values if unit.hint == "run" else [unit.text, *unit.values]
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
        cur = self.current
        if cur is None or cur.publisher:
            return
        # "Fabulist Press, 2019" / "Nowhere City : Fabulist Press, 2009"
        m = re.match(
            r"^(?:[^:,]{2,60}\s:\s)?(.+?)(?:,?\s*(?:c|©)?((?:1[89]|20)\d\d))?\.?$",
            unit.text.strip(),
        )
        if m:
            cur.publisher = m.group(1).strip(" ,")
            if m.group(2) and not cur.date_year:
                cur.date_year = int(m.group(2))

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
        cur = self.current
        m = ARXIV_RE.search(unit.text)
        if m and cur is not None and not cur.arxiv:
            cur.arxiv = m.group(1)  # "Cite as: arXiv:2103.99555 [cs.IR]"
            return
        draft = parse_citation(unit.text, unit.start)
        if draft is None:
            return
        cur = self.current
        if (
            cur is not None
            and cur.authors
            and (not cur.title or fold(cur.title) == fold(draft.title))
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
