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
  reported) until another page pasted into the same file starts (pages.py);
- a page starts at a page-top line (`Skip to main content`, a browser title), or
  where a look-ahead reads a page's own record (title and authors with an
  abstract, a labelled title or three labelled fields) after a list or after a
  complete landing-page record; it is then read as the first page was.

The record state and its moves are in state.py, the labelled fields' handlers in
fieldhandlers.py, page boundaries in pages.py; this module dispatches each unit
kind to its handler through an explicit table.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .fieldhandlers import MORE_TOGGLE, handle_field
from .fields import ARXIV_RE, DOI_RE, parse_venue
from .lexicon import Label
from .lines import RUN_SEP, is_list_heading, is_section_heading, names_institution
from .pages import RECORD_LABELS, TRIAL_UNITS, PageState, first_record_ends, is_page_top
from .record import Draft, guess_book
from .state import RecordState
from .unit import AuthorsUnit, CitationUnit, FieldUnit, RunUnit, Unit, UnitKind, VenueUnit
from .units import fold, lone_name

# "Studies of X: VIII. Learning …", "… pars reticulata. I. Relation …": a numbered part of a
# series of papers; its full stops end no sentence
_PART_NUMBER = re.compile(r"(?:[.:]\s+|\s)[IVX]{1,5}\.\s+")
_NAME_YEAR = re.compile(r"^([^\d,;:]{3,80}),\s*((?:1[89]|20)\d\d)\.?$")


# Labels of a page's own record: on a page that prints one, `References` lists other works.
_PAGE_RECORD_LABELS = frozenset(
    {Label.TITLE, Label.AUTHOR, Label.AUTHOR_MORE, Label.VENUE, Label.PUBLISHER, Label.DATE,
     Label.ABSTRACT, Label.KEYWORDS, Label.VOLUME, Label.ISSUE, Label.PAGES}
)  # fmt: skip


class Assembler(RecordState):
    """Takes the units in page order; `drafts` ends with the records, `loose` with the
    record-like units that fitted none (reported as RM105 by the reader)."""

    def __init__(self, name: str, trial: bool = False) -> None:
        super().__init__(name)
        self.trial = trial  # a look-ahead: reads one record, never looks for pages itself
        self.page = PageState()
        self.labelled_from = -1  # the first line of this page with a labelled field, if any
        self.byline_at = -1  # the unit a one-author byline was read from (a name under a title)
        self.cite_from = -1  # the line of this page's `How to cite` heading, if any
        self.own_fields = False  # this page printed fields of its own work (labels, abstract)

    @property
    def skipped(self) -> list[tuple[int, int, str, int]]:
        return self.page.skipped

    # -- record boundaries
    def done(self) -> None:
        """End of the text: close the last record and the block being skipped."""
        self.finish()
        self._one_record_per_work()
        self.page.end_skip(0, len(self.drafts))

    def _one_record_per_work(self) -> None:
        """A page that prints one work only, several times, gives one record: a landing page
        prints its work in its header and again in its cite box, a Harvard line, a cover
        sheet, and a cite box may stand above the header. When every record read from this
        page is a printing of the first (`Draft.printing_of`), the others fill it and it keeps
        its place. A page that lists several works keeps one record per entry, a work listed
        twice included (the shared fixtures' arXiv listing and seed: merging groups them), and
        so does a cite box pasted alone (no field of a work of its own on the page: no labels,
        no abstract, no record read from the layout). See docs/scrape.md, "One work printed
        several times on a page"."""
        drafts = self.drafts[self.page.page_from :]
        records = [d for d in drafts if d.is_record()]
        if len(records) < 2 or not (self.own_fields or any(not d.cited for d in records)):
            return
        first = records[0]
        if not all(first.printing_of(d) for d in records[1:]):
            return
        for other in records[1:]:
            first.absorb(other)
        self.drafts[self.page.page_from :] = [d for d in drafts if d is first or not d.is_record()]

    def found_any(self) -> bool:
        return any(d.is_record() for d in self.drafts[self.page.page_from :]) or bool(
            self.current and self.current.is_record()
        )

    # -- other works listed after the page's own record, and the next page
    def _trial(self, k: int) -> Draft | None:
        """The first record read from unit k on, as if a page started there (a look-ahead)."""
        trial = Assembler(self.name, trial=True)
        trial.units = self.units
        for index in range(k, min(len(self.units), k + TRIAL_UNITS)):
            unit = self.units[index]
            if unit.kind is UnitKind.STOP or (index > k and is_page_top(self.units, index)):
                break
            if first_record_ends(trial, unit):
                break
            trial.index = index
            # handlers fill a unit's venue and draft in place: the real reading needs them intact
            trial.feed(unit.copy())
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
        if unit.kind not in (
            UnitKind.TITLE, UnitKind.VENUE, UnitKind.RUN, UnitKind.AUTHORS, UnitKind.FIELD
        ) or (
            isinstance(unit, FieldUnit)
            and unit.label not in (Label.TITLE, Label.VENUE, Label.AUTHOR, Label.ARXIV)
        ):  # fmt: skip
            return False  # a page's record is headed by its title, venue, authors or arXiv id
        window = self.units[k : k + TRIAL_UNITS]
        if not _page_evidence(window):
            return False  # (no abstract, labelled title or three labels ahead: no trial needed)
        first = self._trial(k)
        if first is None or (first.start != unit.start and fold(first.title) != fold(unit.text)):
            return False  # the record starts further on (a heading repeating its title is its own)
        if any(isinstance(u, CitationUnit) and first is u.draft for u in window):
            return False  # a one-line citation or a result byline: a listed work
        if not (first.title and first.authors):
            return False
        labels = {u.label for u in window if isinstance(u, FieldUnit) and u.end <= first.end}
        return bool(first.abstract or Label.TITLE in labels or len(labels & RECORD_LABELS) >= 3)

    def _complete_page_ends(self, unit: Unit) -> bool:
        """A landing page's record is complete (title, authors, abstract): a new title that
        opens another page's own record starts the next pasted page."""
        cur = self.current
        return (
            not self.page.skipping
            and cur is not None
            and bool(cur.title and cur.authors and cur.abstract)
            and (
                unit.kind is UnitKind.TITLE
                or (isinstance(unit, FieldUnit) and unit.label is Label.TITLE)
            )
            and fold(unit.text) != fold(cur.title)
            and self._page_starts(unit)
        )

    def _new_page(self, line: int) -> None:
        """Another page pasted into the file starts: read it as the first one was read."""
        self.finish()
        self._one_record_per_work()
        self.page.end_skip(line, len(self.drafts))
        self.forget_waiting()
        self.order_seen = [0, 0]  # each page prints its records in its own order
        self.labelled_from = -1
        self.cite_from = -1
        self.own_fields = False

    # -- units
    def feed(self, unit: Unit) -> None:
        if not self.trial:
            if (self.index and is_page_top(self.units, self.index)) or self._complete_page_ends(
                unit
            ):
                self._new_page(unit.start)
            elif self.page.skipping:
                if not self._page_starts(unit):
                    if unit.kind is not UnitKind.BLANK:
                        self.page.last = unit.end
                    return
                self._new_page(unit.start)
        if (
            self.labelled_from < 0
            and isinstance(unit, FieldUnit)
            and unit.label in _PAGE_RECORD_LABELS
        ):
            self.labelled_from = unit.start  # (an identifier line under a list entry is none)
        if unit.kind is UnitKind.PARA or (
            isinstance(unit, FieldUnit) and unit.label in _PAGE_RECORD_LABELS
        ):
            self.own_fields = True
        if isinstance(unit, FieldUnit) and unit.label is Label.CITE and self.cite_from < 0:
            self.cite_from = unit.start
        UNIT_HANDLERS[unit.kind](self, unit)

    def on_blank(self, unit: Unit) -> None:
        pass

    def on_stop(self, unit: Unit) -> None:
        if self.found_any():
            self.finish()
            self.forget_waiting()
            if not self._list_page():
                self.page.start_skip(unit)
        elif self.labelled_from >= 0:
            # the page printed its own work's fields (an abstract, keywords, a journal label)
            # but no record could be read from them: the list under the heading still names
            # other works, and its entries are not this page's records (the unread header is
            # reported, RM105, and so are the skipped lines, RM109)
            self.finish()
            self.forget_waiting()
            self.page.start_skip(unit)

    def _list_page(self) -> bool:
        """The page read so far is itself a list: two or more records read as list entries (a
        citation or a result byline), each a different work, more of them than records read
        from the page's layout, and no labelled field. A course page's `References` /
        `参考文献` or a CV's `Bibliography` heads more of the list; a page's own record is one
        work read from its layout or its labels (a cite box under it prints that work again),
        and only after it do such headings list other works."""
        if self.labelled_from >= 0:
            return False
        records = [d for d in self.drafts[self.page.page_from :] if d.is_record()]
        drafts = [d for d in records if d.cited]
        # one entry so far, but under a list's own section heading (`Required reading`, `必读文献`):
        # the page is a list, and `参考文献` / `References` heads more of it
        listed = bool(drafts) and len(drafts) == len(records) and self._under_list_heading()
        if not listed and (len(drafts) < 2 or 2 * len(drafts) <= len(records)):
            return False  # (most of them read from the page's layout: a page's own record)
        # a list names different works; one work printed in several styles is a cite box
        titles = {fold(d.title) for d in drafts if d.title}
        dois = [d.doi.lower() for d in drafts if d.doi]
        return len(titles) == len(drafts) and len(set(dois)) == len(dois)

    def _under_list_heading(self) -> bool:
        """A list's own section heading (`list_headings` in the lexicon) above, on this page."""
        first = (
            self.drafts[self.page.page_from].start if self.page.page_from < len(self.drafts) else 0
        )
        return any(
            u.kind is UnitKind.CHROME and u.start <= first and is_list_heading(u.text)
            for u in self.units[: self.index]
        )

    def on_chrome(self, unit: Unit) -> None:
        if not is_section_heading(unit.text):
            self.pending = None  # (a section heading keeps the title above it for the labels)

    def on_other(self, unit: Unit) -> None:
        names = lone_name(unit.text) if self.pending is not None else None
        if names and self._data_follows():
            # title / a short name (`Frank Glas`) / venue: a byline of one author
            self.attach_authors(unit, names)
            self.byline_at = self.index
            return
        self.pending = None
        cur = self.current
        m = _NAME_YEAR.match(unit.text)
        prev = self.units[self.index - 1] if self.index else None
        if (
            m
            and cur is not None
            and prev is not None
            and (prev.kind is UnitKind.AUTHORS or self.byline_at == self.index - 1)
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

    def on_type(self, unit: Unit) -> None:
        if unit.hint:
            self.pending_type = unit.hint

    def on_title(self, unit: Unit) -> None:
        if (
            self.pending is not None
            and names_institution(unit.text)
            and self.title_under_venue(unit)
        ):
            return  # (venue, title, an address read as a title line: the byline lost)
        names = lone_name(unit.text) if self.pending is not None else None
        if names and self._data_follows():
            # title / one person's name / venue: a byline of one author
            self.attach_authors(unit, names)
            self.byline_at = self.index
            return
        self.pending = unit

    def _data_follows(self) -> bool:
        """Whether the next unit with content is a venue statement or an identifier."""
        for unit in self.units[self.index + 1 : self.index + 4]:
            if unit.kind is UnitKind.BLANK:
                continue
            return (
                unit.kind in (UnitKind.VENUE, UnitKind.RUN)
                or (isinstance(unit, FieldUnit) and unit.label in (Label.VENUE, Label.DOI))
                # `VLDB J., 1994`, `SIGMOD Record, 2001`: a venue printed with its year only
                or (unit.kind is UnitKind.OTHER and _NAME_YEAR.match(unit.text) is not None)
            )
        return False

    def on_para(self, unit: Unit) -> None:
        if (
            len(unit.text) <= 400
            and self.authors_follow()  # (asked first: cheaper than the sentence test)
            and not re.search(r"[.!]\s+\S|[.!]$", _PART_NUMBER.sub(" ", unit.text))
        ):
            # one sentence without a full stop, right above an author list: a long title the
            # page wrapped (an abstract follows its authors, it does not precede them); a
            # question mark may end its first part (`Does X matter? A meta-analysis`), and a
            # part number's full stops are none (`Studies of X: VIII. Learning …`)
            self.pending = unit
            return
        self.title_under_venue(unit)  # (venue, title, abstract: the byline lost in copying)
        self.pending = None
        cur = self.current
        if cur is not None and not cur.abstract and (cur.authors or cur.title):
            cur.abstract = MORE_TOGGLE.sub("", unit.text)
            cur.touch(unit.end)

    def on_citation(self, unit: Unit) -> None:
        assert isinstance(unit, CitationUnit)
        self.pending = None
        cur = self.current
        same = cur is not None and not cur.cited and cur.same_work(unit.draft)
        exact = cur is not None and cur.same_title(unit.draft)
        if cur is not None and same and not (exact and cur.told_apart(unit.draft, every=False)):
            # the page's own record printed again ("How to cite", a cover sheet): one record;
            # a line with the whole title and another year or first author is another work
            # (a preprint, an earlier edition), while a line whose title was read cut short
            # may have misread its year: it is this work's, its year not taken
            cur.fill_from(unit.draft, year=exact)
            cur.touch(unit.end)
            return
        if (
            cur is not None
            and not same  # (the same title read, another year or author: another work)
            and not cur.cited
            and (cur.title or cur.doi)
            and cur.printed_in(unit.text, unit.draft)
            and not cur.told_apart(unit.draft, every=False, person=False)
        ):
            # printed again, but the line's fields were split wrongly (its title differs): the
            # line is this record's; its misread fields are not taken (another year or DOI is
            # another work with this title: a preprint, an earlier edition; the names of such a
            # line may be misread, its title's start taken for a corporate author)
            cur.touch(unit.end)
            return
        unit.draft.cited = not self._own_work_cited()
        self.finish()
        self.current = unit.draft

    def _own_work_cited(self) -> bool:
        """A citation under a `How to cite` heading on a page that printed its own work's fields
        (an abstract, keywords, labels) but gave no record from them (an unreadable byline): the
        cite box prints the page's own work, so its first printing is that record and the later
        ones fill it. (A cite box pasted alone keeps one record per printing.)"""
        return 0 <= self.labelled_from < self.cite_from and not self.found_any()

    def on_byline(self, unit: Unit) -> None:
        assert isinstance(unit, CitationUnit)
        draft = unit.draft
        cur = self.current
        if (
            self.pending is None
            and cur is not None
            and not cur.cited
            and (cur.title or cur.doi)
            and cur.printed_in(unit.text, draft)
        ):
            # the page's own work printed again in a cite box, read as a result byline for a
            # dash in its title (`Rajovic J, … DECENA - Cervical cancer …`): this record's line
            cur.touch(unit.end)
            return
        if self.pending is not None:
            draft.title = self.pending.text.rstrip(".")
            draft.start = self.pending.start
            if self.pending.hint:
                draft.type_hint = self.pending.hint
            self.pending = None
        draft.cited = True
        self.finish()
        self.current = draft

    def on_venue(self, unit: Unit) -> None:
        assert isinstance(unit, VenueUnit)
        self.venue(unit, unit.venue, labelled=False)

    def on_run(self, unit: Unit) -> None:
        assert isinstance(unit, RunUnit)
        info = parse_venue(f" {RUN_SEP} ".join(unit.values))
        if not (info.year or info.has_numbers):
            # a run of names or words with no venue data: keep as evidence only
            self.loose.append(unit)
            self.pending = None
            return
        self.venue(unit, info, labelled=False)

    def on_authors(self, unit: Unit) -> None:
        assert isinstance(unit, AuthorsUnit)
        prev = self.units[self.index - 1] if self.index else None
        if (
            self.pending is None
            and prev is not None
            and prev.kind is UnitKind.OTHER
            and 2 <= len(prev.text.split()) <= 60
            and len(prev.text) >= 12
            and not prev.text.endswith((":", ","))
        ):
            # a line right above an author list is its work's title, even one the title test
            # doubted ("Folding@home: ...")
            self.pending = prev
        cur = self.current
        if (
            self.pending is None
            and prev is not None
            and prev.kind in (UnitKind.VENUE, UnitKind.FIELD, UnitKind.RUN)
            and cur is not None
            and cur.title
            and not cur.authors
            and cur.has_venue_info
        ):
            # names right under a titled record's venue or DOI line, the record without authors:
            # its byline printed last (research-network profiles: title, `Mar 2019 · Journal`,
            # `DOI`, `Ana Quell · Tomas Vendrel`)
            self.attach_authors(unit, unit.names)
            return
        if self.pending is None and not re.search(r"\d", unit.text):
            # an unlabelled list of names with no title above it and no footnote digits
            self.loose.append(unit)
            return
        self.attach_authors(unit, unit.names)

    def on_field(self, unit: Unit) -> None:
        assert isinstance(unit, FieldUnit)
        handle_field(self, unit)


def _page_evidence(window: list[Unit]) -> bool:
    """Whether the units ahead could make a page's own record: an abstract (a paragraph or an
    `Abstract` field), a labelled title, or three record labels (see `_page_starts`)."""
    labels: set[Label] = set()
    for u in window:
        if u.kind is UnitKind.PARA:
            return True
        if isinstance(u, FieldUnit):
            if u.label in (Label.ABSTRACT, Label.TITLE):
                return True
            if u.label in RECORD_LABELS:
                labels.add(u.label)
                if len(labels) >= 3:
                    return True
    return False


UnitHandler = Callable[[Assembler, Unit], None]

# Every unit kind has its handler; an unknown kind fails loudly (KeyError).
UNIT_HANDLERS: dict[UnitKind, UnitHandler] = {
    UnitKind.BLANK: Assembler.on_blank,
    UnitKind.STOP: Assembler.on_stop,
    UnitKind.CHROME: Assembler.on_chrome,
    UnitKind.OTHER: Assembler.on_other,
    UnitKind.TYPE: Assembler.on_type,
    UnitKind.TITLE: Assembler.on_title,
    UnitKind.PARA: Assembler.on_para,
    UnitKind.CITATION: Assembler.on_citation,
    UnitKind.BYLINE: Assembler.on_byline,
    UnitKind.VENUE: Assembler.on_venue,
    UnitKind.RUN: Assembler.on_run,
    UnitKind.AUTHORS: Assembler.on_authors,
    UnitKind.FIELD: Assembler.on_field,
}
