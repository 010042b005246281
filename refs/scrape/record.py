"""A record being assembled from scraped text, and its conversion into a `Reference`.

The segmenter and the citation parser fill a `Draft` piece by piece; the entry
type and the field that carries the venue (journal, booktitle, publisher,
school, institution) are decided once, here, from everything collected.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..grammar.latex import fold_for_matching
from ..model import Origin, Reference
from ..names import Name, format_names
from .fields import VenueInfo

_PROCEEDINGS = re.compile(
    r"(?i)\b(?:proceedings|proc\.|conference|workshop|symposium|congress|colloquium|"
    r"tagung|konferenz|kongress|actes|conférence|congreso|конференц|симпозіум|симпозиум)"
)
_PUBLISHER = re.compile(
    r"(?i)\b(?:press|publish\w*|verlag|books|edition[s]?|éditions|edizioni|editorial|"
    r"routledge|springer|wiley|elsevier|видавн\w*|издательств\w*|вигадка)\b"
)

_TITLE_VOLUME = re.compile(r"\s*\((?:Vol\.?|Volume|Bd\.|Band|Tome|Т\.|Том)\s*(\d{1,4})\)")
_TITLE_DESCRIPTION = re.compile(
    r"(?i)\s*\[(?:unpublished|manuscript|preprint|doctoral|dissertation|master|thesis|data ?set|"
    r"computer software|software|abstract|editorial|letter|poster|paper presented|working paper|"
    r"technical report|review of|special issue|video|audio|podcast|blog|conference)[^\]]{0,80}\]"
)

TYPE_HINTS = {
    "thesis": "phdthesis",
    "phdthesis": "phdthesis",
    "mastersthesis": "mastersthesis",
    "techreport": "techreport",
    "book": "book",
    "incollection": "incollection",
    "inproceedings": "inproceedings",
    "article": "article",
    "misc": "misc",
}


@dataclass
class Draft:
    start: int
    end: int
    title: str = ""
    authors: list[Name] = field(default_factory=list)
    year: int | None = None
    date_year: int | None = None  # from a Date/Submitted label: used when no venue gives one
    month: str = ""
    venue: str = ""
    volume: str = ""
    number: str = ""
    pages: str = ""
    doi: str = ""
    pmid: str = ""
    arxiv: str = ""
    abstract: str = ""
    keywords: list[str] = field(default_factory=list)
    publisher: str = ""
    type_hint: str = ""
    booktitle: str = ""  # "In <book>" / "In Proceedings of ..." in a citation
    cited: bool = False  # read from a one-line citation or byline, not from the page's layout
    # the editors of a work cited by its editors alone (`Binstock, R. H., & George, L. K. (Eds.).
    # (1990). Handbook …`): written only when the record has no authors
    editors: list[Name] = field(default_factory=list)
    # what a line clearly a reference did not give (`cite._partial_reference`: "title", "venue
    # or publisher"): the record is kept, and the reader names what is missing (RM105)
    unread: str = ""
    title_line: int = 0  # where an unlabelled title line and venue statement were read: the
    venue_line: int = 0  # order a page prints its records' parts in (see RecordState.finish)

    def copy(self) -> Draft:
        """An independent copy (names are immutable: only the lists are new).

        (Its fields copied as `dataclasses.replace` would give them, without running `__init__`
        over two dozen fields: look-aheads and remembered citations copy drafts often.)"""
        new = object.__new__(Draft)
        new.__dict__.update(self.__dict__)
        new.authors = list(self.authors)
        new.editors = list(self.editors)
        new.keywords = list(self.keywords)
        return new

    def touch(self, line: int) -> None:
        self.start = min(self.start, line)
        self.end = max(self.end, line)

    def add_venue(self, info: VenueInfo) -> None:
        self.venue = self.venue or info.venue
        self.volume = self.volume or info.volume
        self.number = self.number or info.number
        self.pages = self.pages or info.pages
        if info.year and not self.year:
            self.year = info.year
        self.month = self.month or info.month

    def same_work(self, other: Draft) -> bool:
        """Another printing of this work: the same title (case and punctuation aside) or DOI."""
        if self.doi and other.doi:
            return self.doi.lower() == other.doi.lower()
        if not (self.title and other.title):
            return False
        a, b = sorted((fold_for_matching(self.title), fold_for_matching(other.title)), key=len)
        if a == b:
            return True
        # a citation parser may cut a title at an inner full stop or question mark, or take its
        # first word (`A`) for an initial: the shorter title opening or ending the longer one,
        # by the same first author, is the same work
        return (
            len(a) >= 10
            and (b.startswith(a) or b.endswith(a))
            and bool(self.authors and other.authors)
            and fold_for_matching(self.authors[0].last) == fold_for_matching(other.authors[0].last)
        )

    def printed_in(self, text: str, other: Draft | None = None) -> bool:
        """Whether a line prints this work again: its whole title (20+ characters; a shorter one
        with the work's year and an author's surname) or its DOI inside the line, or (read as `other`) the same year, volume and pages, however a
        citation parser split the line's other fields (a corporate author read as the title's
        start, `A` of the title read as an initial)."""
        if self.doi and self.doi.lower() in text.lower():
            return True
        if (
            other is not None
            and self.year
            and self.pages
            and (self.year, self.pages) == (other.year, other.pages)
            and (not (self.volume and other.volume) or self.volume == other.volume)
        ):
            return True  # (pages and year place a work in its journal)
        title = fold_for_matching(self.title)
        if len(title) < 8 or title not in (folded := fold_for_matching(text)):
            return False
        if len(title) >= 20:
            return True
        # a short title (`Georg Elias Müller`) is this work's with its year and a surname of its
        # authors in the same line
        return bool(
            self.year
            and str(self.year) in text
            and any(n.last and fold_for_matching(n.last) in folded for n in self.authors)
        )

    def fill_from(self, other: Draft) -> None:
        """Fill the fields this record lacks from another printing of the same work: the page's
        own work cited again (`How to cite this article:`, `Share and Cite:`) also names its
        authors, which a page whose byline was lost in copying (names printed as links) did
        not give; a byline that was read is kept (the cite line abbreviates the names), and so
        are editors read as the record's names (a cite line may print them as its authors)."""
        for attr in ("title", "venue", "volume", "number", "pages", "doi", "year", "booktitle"):
            if not getattr(self, attr) and getattr(other, attr):
                setattr(self, attr, getattr(other, attr))
        if not (self.authors or self.editors) and other.authors:
            self.authors = list(other.authors)
        self.type_hint = self.type_hint or other.type_hint

    @property
    def has_venue_info(self) -> bool:
        return bool(self.venue or self.volume or self.number or self.pages)

    def is_record(self) -> bool:
        """Enough to be worth writing: an author list, or a title with something more."""
        if self.authors:
            return True
        return bool(self.title and (self.has_venue_info or self.year or self.doi or self.arxiv))

    def still_unread(self) -> str:
        """The parts `unread` named that the record still lacks (another printing of the work
        on the page may have filled some): what the reader reports for it (RM105)."""
        have = {
            "authors": bool(self.authors or self.editors),
            "title": bool(self.title),
            "venue or publisher": bool(self.venue or self.booktitle or self.publisher),
        }
        return ", ".join(p for p in self.unread.split(", ") if p and not have.get(p, False))

    def has_evidence(self) -> bool:
        """Record-like content that did not make a record (reported, never dropped silently)."""
        return bool(self.has_venue_info or self.doi or self.pmid or self.arxiv or self.title)

    def entry_type(self) -> str:
        hint = TYPE_HINTS.get(self.type_hint, "")
        if hint and hint != "article":
            return hint
        if self.booktitle:
            return "inproceedings" if _PROCEEDINGS.search(self.booktitle) else "incollection"
        if self.venue and _PROCEEDINGS.search(self.venue):
            return "inproceedings"
        if self.has_venue_info or hint == "article":
            return "article"
        return "misc"

    def _clean_title(self, title: str) -> str:
        """A title without the bracketed description APA adds (`[Unpublished manuscript]`,
        `[Doctoral dissertation, …]`) and without a volume statement (`(Vol. 2)`): they
        describe the item, they are no part of its title (the volume is kept as `volume`)."""
        m = _TITLE_VOLUME.search(title)
        if m:
            self.volume = self.volume or m.group(1)
            title = title[: m.start()] + title[m.end() :]
        m = _TITLE_DESCRIPTION.search(title)
        if m:
            self.type_hint = self.type_hint or described_type(m.group(0))
            title = title[: m.start()] + title[m.end() :]
        return re.sub(r"\s+", " ", title).strip(" .")

    def arxiv_year(self) -> int | None:
        """New-style arXiv ids start with the year and month of the first version (2101.x: 2021)."""
        m = re.match(r"(\d\d)(\d\d)\.\d{4,5}$", self.arxiv)
        if m and 1 <= int(m.group(2)) <= 12 and int(m.group(1)) >= 7:
            return 2000 + int(m.group(1))
        return None

    def to_reference(self, file: str) -> Reference:
        self.title = self._clean_title(self.title)
        etype = self.entry_type()
        f: dict[str, str] = {}
        if self.authors:
            f["author"] = format_names(self.authors)
        elif self.editors:
            f["editor"] = format_names(self.editors)
        if self.title:
            f["title"] = self.title
        venue = self.booktitle or self.venue
        if venue:
            slot = {
                "article": "journal",
                "inproceedings": "booktitle",
                "incollection": "booktitle",
                "book": "publisher",
                "techreport": "institution",
                "phdthesis": "school",
                "mastersthesis": "school",
            }.get(etype, "howpublished")
            f[slot] = venue
        if self.publisher and "publisher" not in f and self.publisher != venue:
            f["publisher"] = self.publisher
        if self.volume:
            f["volume"] = self.volume
        if self.number:
            f["number"] = self.number
        if self.pages:
            f["pages"] = self.pages
        year = self.year or self.date_year or self.arxiv_year()
        if year:
            f["year"] = str(year)
        if self.month:
            f["month"] = self.month
        if self.doi:
            f["doi"] = self.doi
        if self.pmid:
            f["pmid"] = self.pmid
        if self.arxiv:
            f["eprint"] = self.arxiv
            f["archiveprefix"] = "arXiv"
        if self.keywords:
            f["keywords"] = ", ".join(self.keywords)
        if self.abstract:
            f["abstract"] = self.abstract
        return Reference(etype, "", f, Origin(file, self.start, self.end, "text"))


def described_type(text: str) -> str:
    """The entry type a bracketed description states (`[Doctoral dissertation, …]`,
    `[Unpublished manuscript]`), or '' when the text holds none: a statement of what the
    item is, which a guess from its other parts (a publisher: a book?) never overrules."""
    m = _TITLE_DESCRIPTION.search(text)
    if not m:
        return ""
    if re.search(r"(?i)doctoral|dissertation|ph\.?d", m.group(0)):
        return "phdthesis"
    if re.search(r"(?i)master", m.group(0)):
        return "mastersthesis"
    if re.search(r"(?i)unpublished|manuscript", m.group(0)):
        return "misc"
    return ""


def guess_book(tail_text: str) -> bool:
    return bool(_PUBLISHER.search(tail_text))
