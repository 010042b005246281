"""The record being read: the state the second pass of the page-text reader keeps.

`RecordState` holds the records read so far, the one being read, and what waits
for a record (a title line above its data, a type line, a date line). Its
methods are the few moves every handler makes: open a record, close it, give a
waiting title to the record its data opens, attach an author list or a venue.
The handlers for unit kinds (assemble.py) and for labelled fields
(fieldhandlers.py) are built on these moves only.
"""

from __future__ import annotations

from ..names import Name
from .fields import PMID_RE, VenueInfo, find_doi
from .lexicon import Label
from .lines import is_journal_name
from .record import Draft
from .unit import FieldUnit, Unit, UnitKind
from .units import fold


class RecordState:
    """Records in page order (`drafts`), the open one (`current`) and what waits for one."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.drafts: list[Draft] = []
        self.current: Draft | None = None
        self.pending: Unit | None = None  # a title candidate waiting for its record
        self.pending_type = ""
        self.pending_year: int | None = None  # a date line above the record it dates
        self.loose: list[Unit] = []  # record-like text that fitted no record
        self.units: list[Unit] = []
        self.index = 0
        # how many records of this page printed their title line above / below their venue
        # statement (a listing prints every entry in one order)
        self.order_seen = [0, 0]

    def finish(self) -> None:
        if self.current is not None:
            cur = self.current
            if cur.title_line and cur.venue_line and cur.authors:
                self.order_seen[cur.title_line > cur.venue_line] += 1
            self.drafts.append(cur)
            self.current = None

    def open_record(self) -> Draft:
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

    def forget_waiting(self) -> None:
        """Nothing above carries over (a list heading, a new page)."""
        self.pending = None
        self.pending_type = ""
        self.pending_year = None

    def need(self, unit: Unit, has: bool) -> Draft:
        """The record a labelled value goes to: a new one when the open one `has` it already."""
        cur = self.current
        if cur is None or has:
            cur = self.new(unit.start)
        cur.touch(unit.start)
        cur.touch(unit.end)
        return cur

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
            or (
                cur.has_venue_info
                and cur.venue_line
                and (self.titles_first() or (not venue_first and self.venue_follows()))
            )
        ):
            # (a listing prints every entry in one order: where titles stand above their venue,
            # or where this title's authors have a venue below them, a title below a venue that
            # has none starts the next entry; the venue stays alone and is reported, instead of
            # every later entry taking its neighbour's venue)
            cur = self.new(p.start)
        cur.title = p.text.rstrip(".")
        cur.title_line = p.start
        if p.hint:
            cur.type_hint = p.hint
        cur.touch(p.start)
        return True

    def title_under_venue(self, unit: Unit) -> bool:
        """Give a waiting title to the venue statement printed right above it; True if it did.

        An article's landing page or PDF first page prints its venue statement (journal, date,
        volume, issue, pages) on top, then the title, then the byline, addresses and abstract.
        Copying often loses the byline (names printed as links or images), so no author list
        comes to take the title: the addresses, keywords or abstract (`unit`) that follow it
        still close the header, and the title belongs to the venue's record. Only a record that
        holds nothing but that venue (no title, authors or abstract, not a citation) takes it,
        with nothing of a record between them: a type or section line (`Sec. Botany`) may stand
        there. A listing whose entries print their title above their venue is no header."""
        p, cur = self.pending, self.current
        if p is None or cur is None or self.titles_first():
            return False
        if cur.title or cur.authors or cur.abstract or cur.cited or not cur.venue_line:
            return False
        if not cur.has_venue_info or p.start <= cur.end or p.start - cur.end > 6:
            return False
        lines = []
        for k in range(self.index - 1, -1, -1):
            u = self.units[k]
            if u.start <= cur.end:
                break
            if u.start < p.start and u.kind is not UnitKind.BLANK:
                lines.append(u)
        if len(lines) > 1 or any(
            u.kind not in (UnitKind.TYPE, UnitKind.TITLE, UnitKind.CHROME) for u in lines
        ):
            return False
        self.pending = None
        cur.title = p.text.rstrip(".")
        cur.title_line = p.start
        if p.hint:
            cur.type_hint = p.hint
        cur.touch(p.start)
        cur.touch(unit.end)
        return True

    def titles_first(self) -> bool:
        """Whether this page is a listing whose entries print their title above their venue:
        two records did so, none the other way (a landing page may print its venue first)."""
        above, below = self.order_seen
        return above >= 2 and not below

    def venue_follows(self) -> bool:
        """Whether the next unit with content is an unlabelled venue statement (the author list
        being read then has a venue of its own below it)."""
        for unit in self.units[self.index + 1 : self.index + 4]:
            if unit.kind in (UnitKind.BLANK, UnitKind.CHROME):
                continue
            return unit.kind in (UnitKind.VENUE, UnitKind.RUN)
        return False

    def authors_follow(self) -> bool:
        """Whether the next unit with content is an author list (it then owns this venue)."""
        for unit in self.units[self.index + 1 : self.index + 8]:
            if unit.kind in (UnitKind.BLANK, UnitKind.CHROME):
                continue
            return unit.kind is UnitKind.AUTHORS or (
                isinstance(unit, FieldUnit) and unit.label in (Label.AUTHOR, Label.AUTHOR_MORE)
            )
        return False

    def attach_authors(self, unit: Unit, names: list[Name]) -> None:
        """An author list opens a record, unless a pending title or an author-less record takes it."""
        if not self.take_pending_title(unit):
            cur = self.current
            if cur is None or cur.authors:
                self.new(unit.start)
        cur = self.open_record()
        cur.authors = names
        cur.touch(unit.start)
        cur.touch(unit.end)

    def venue(self, unit: Unit, info: VenueInfo, labelled: bool) -> None:
        """A venue statement: it completes the open record or opens the next one."""
        cur = self.current
        if (
            cur is not None
            and not cur.cited
            and len(cur.title) >= 20
            and fold(cur.title) in fold(unit.text)
            and cur.has_venue_info
        ):
            # the record's whole title inside a venue-like line: the work printed again as a
            # citation ("How to cite") that the citation parser could not split; it is this record
            cur.touch(unit.end)
            return
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
            if cur is None or (cur.has_venue_info and not (labelled and _printed_again(cur, info))):
                self.new(unit.start)
            elif not labelled and (cur.authors or cur.abstract) and self.authors_follow():
                # result listings print `venue-run, Author(s)`: the run opens the next record
                self.new(unit.start)
        cur = self.open_record()
        cur.add_venue(info)
        if not labelled and not cur.venue_line:
            cur.venue_line = unit.start
        doi = find_doi(unit.text)
        if doi and not cur.doi:
            cur.doi = doi
        m = PMID_RE.search(unit.text)
        if m and not cur.pmid:
            cur.pmid = m.group(1)
        cur.touch(unit.start)
        cur.touch(unit.end)


def _printed_again(cur: Draft, info: VenueInfo) -> bool:
    """A labelled venue naming the journal the open record already has from an unlabelled line
    (a running head or citation line above the labels: `Journal of X 2019; 12(3): 45–67` over
    `Title: …`, `Journal: Journal of X`): the same value printed again, not the next record's.
    (Numbers that differ name another issue: then it is the next record's.)"""
    if cur.cited or not (cur.venue and info.venue) or fold(cur.venue) != fold(info.venue):
        return False
    pairs = ((cur.year, info.year), (cur.volume, info.volume), (cur.pages, info.pages))
    return all(not (a and b) or a == b for a, b in pairs)
