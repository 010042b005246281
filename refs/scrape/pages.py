"""Page state: where one pasted page ends and the next begins, and which lines list other works.

After a `References` / `Similar articles` heading, once the page's own record is
read, the page lists other works: those lines are skipped and reported (RM109)
until another page pasted into the same file starts. A page starts at a line
that only heads a page (`Skip to main content`, a browser title whose title is
printed again below), or where a look-ahead reads a page's own record.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .lexicon import Label
from .state import RecordState
from .unit import FieldUnit, Unit, UnitKind
from .units import browser_title, fold

# Lines that only stand at the top of a page: after them a new page's text begins.
PAGE_TOP = {
    "skip to main content",
    "skip to main page content",
    "skip to content",
    "skip navigation",
}
# Labelled fields of a page's own record (three of them make one, with a title and authors).
RECORD_LABELS = {
    Label.AUTHOR, Label.VENUE, Label.DOI, Label.PUBLISHER, Label.DATE, Label.KEYWORDS, Label.PMID,
}  # fmt: skip
# How far a look-ahead reads to see whether a page's own record starts at a unit.
TRIAL_UNITS = 120


@dataclass
class PageState:
    """The list being skipped and the records of pages pasted above."""

    # each skipped block: (first line, last line, heading, line reading resumed at or 0)
    skipped: list[tuple[int, int, str, int]] = field(default_factory=list)
    heading: Unit | None = None  # the heading of the block being skipped
    last: int = 0  # the last line with content in that block
    page_from: int = 0  # drafts before this index belong to pages pasted above

    @property
    def skipping(self) -> bool:
        return self.heading is not None

    def start_skip(self, heading: Unit) -> None:
        self.heading, self.last = heading, heading.end

    def end_skip(self, resume: int, drafts: int) -> None:
        """Close the block being skipped; the next page is read as the first one was."""
        if self.heading is not None and self.last > self.heading.start:
            self.skipped.append((self.heading.start, self.last, self.heading.text, resume))
        self.heading = None
        self.page_from = drafts


def is_page_top(units: list[Unit], k: int) -> bool:
    """`Skip to main content`, or `Title - PubMed` whose title is printed again below."""
    unit = units[k]
    if unit.kind not in (UnitKind.CHROME, UnitKind.TITLE, UnitKind.OTHER):
        return False
    if unit.text.lower() in PAGE_TOP:
        return True
    if not any(sep in unit.text for sep in (" - ", " | ", " – ", " — ")):
        return False  # (a browser title names its site after a dash or a bar)
    head = browser_title(unit.text)
    return bool(head) and any(
        u.kind in (UnitKind.TITLE, UnitKind.FIELD) and fold(u.text) == head
        for u in units[k + 1 : k + TRIAL_UNITS]
    )


def first_record_ends(trial: RecordState, unit: Unit) -> bool:
    """In a look-ahead, where the record being read ends though reading rules would go on."""
    cur = trial.current
    if cur is None:
        return False
    if unit.kind is UnitKind.CHROME:
        return True  # page chrome after a record's start: its page (or listed work) ended
    label = unit.label if isinstance(unit, FieldUnit) else None
    if cur.title and trial.pending is not None and label is Label.VENUE:
        return True  # a second title with a labelled venue: the next page's record
    if cur.title and cur.authors and cur.abstract and unit.kind is UnitKind.TITLE:
        return True  # a complete landing-page record: another title is another work's
    # a labelled title or an arXiv id heads its own record, not one a venue line above it started
    return cur.has_venue_info and not cur.title and label in (Label.TITLE, Label.ARXIV)
