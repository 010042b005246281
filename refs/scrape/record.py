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

    def same_title(self, other: Draft) -> bool:
        """The same title by its letters (case, accents, punctuation and spacing aside)."""
        return bool(self.title and _letters(self.title) == _letters(other.title))

    def fill_from(self, other: Draft, year: bool = True) -> None:
        """Fill the fields this record lacks from another printing of the same work: the page's
        own work cited again (`How to cite this article:`, `Share and Cite:`) also names its
        authors, which a page whose byline was lost in copying (names printed as links) did
        not give; a byline that was read is kept (the cite line abbreviates the names), and so
        are editors read as the record's names (a cite line may print them as its authors).
        Without `year`, the other's year is not taken (a line whose title was read cut short
        may have taken a year printed in the title's rest: `Comment on Okafor (2004)`)."""
        attrs = ("title", "venue", "volume", "number", "pages", "doi", "booktitle")
        for attr in (*attrs, "year") if year else attrs:
            if not getattr(self, attr) and getattr(other, attr):
                setattr(self, attr, getattr(other, attr))
        if not (self.authors or self.editors) and other.authors:
            self.authors = list(other.authors)
        self.type_hint = self.type_hint or other.type_hint

    def printing_of(self, other: Draft) -> bool:
        """Whether `other`, read elsewhere on the same page, prints this work again: the same
        title by its letters (case, accents, punctuation and spacing aside), and nothing that
        tells the two apart. A year, DOI, first author's surname, volume, issue, first page,
        arXiv id, entry type or container that both give and that differ makes two works: a
        publication list prints a preprint beside its journal version, a catalogue two editions
        or two parts of one title. A title shorter than 20 letters (`Editorial`, `Preface`) is
        one work only with the same year and first author; where both give one DOI, a title
        read with more words after it (`…, Duncker & Humblot`: a publisher run into it) is the
        same title."""
        if not (self.title and other.title):
            return False
        a, b = _letters(self.title), _letters(other.title)
        if a != b:
            short, long = sorted((a, b), key=len)
            if not (self.doi and self.doi.lower() == other.doi.lower()):
                return False
            if len(short) < 20 or not long.startswith(short):
                return False
        if self.told_apart(other):
            return False
        # (a short title is printed by many works: it needs the same year and authors)
        return len(a) >= 20 or bool(
            self.year and self.year == other.year and self.authors and other.authors
        )

    def told_apart(self, other: Draft, every: bool = True, person: bool = True) -> bool:
        """Whether a value both records give tells them apart as two works (see `printing_of`):
        with `every`, any identifying value; without, the year and DOI only (what a citation
        parser rarely misreads); with `person`, also a first author who is another person.
        One DOI names one work: two printings with it are never told apart (their names may
        be misread: `Suman De, Arunasish Layek` as one name)."""
        if self.doi and self.doi.lower() == other.doi.lower():
            return False
        pairs = _identities(self, other)
        if any(x and y and x != y for x, y in (pairs if every else pairs[:2])):
            return True
        return person and not _one_person(self.authors[:1], other.authors[:1])

    def absorb(self, other: Draft) -> None:
        """Combine another printing of this work (see `printing_of`) into this record: what
        this one lacks is taken, and where the two print a value in different forms the more
        complete one is kept (`Liu, Gang` over `Liu, G.`, a list over its `et al.` cut, the
        journal's whole name over its last words, `455–467` over `455–67`). The title stays
        this printing's (a second one may have a publisher run into it)."""
        self.fill_from(other)
        self.authors = _fuller_names(self.authors, other.authors)
        for attr in ("venue", "booktitle", "publisher"):
            mine, theirs = getattr(self, attr), getattr(other, attr)
            if mine and theirs and len(theirs) > len(mine) and _letters(mine) in _letters(theirs):
                setattr(self, attr, theirs)
        if self.pages and other.pages and len(other.pages) > len(self.pages):
            self.pages = other.pages  # (the same first page: an abbreviated last page)
        for attr in ("month", "pmid", "arxiv", "abstract", "publisher", "date_year"):
            if not getattr(self, attr) and getattr(other, attr):
                setattr(self, attr, getattr(other, attr))
        self.keywords = self.keywords or list(other.keywords)
        self.editors = self.editors or list(other.editors)
        self.cited = self.cited and other.cited
        self.touch(other.start)
        self.touch(other.end)

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


def _letters(text: str) -> str:
    """A value by its letters and digits: case, accents, punctuation and spaces aside."""
    return fold_for_matching(text).replace(" ", "")


def _first_page(pages: str) -> str:
    m = re.match(r"\s*([A-Za-z]*\d+)", pages)
    return m.group(1).lower() if m else pages.strip().lower()


def _identities(a: Draft, b: Draft) -> list[tuple[object, object]]:
    """The values that tell two works with one title apart, paired: (a's, b's)."""

    def container(d: Draft) -> str:
        return _letters(d.booktitle or d.venue)

    pairs: list[tuple[object, object]] = [
        (a.year or a.date_year, b.year or b.date_year),
        (a.doi.lower(), b.doi.lower()),
        (a.volume.strip().lower(), b.volume.strip().lower()),
        (a.number.strip().lower(), b.number.strip().lower()),
        (_first_page(a.pages) if a.pages else "", _first_page(b.pages) if b.pages else ""),
        (a.arxiv.lower(), b.arxiv.lower()),
        (TYPE_HINTS.get(a.type_hint, ""), TYPE_HINTS.get(b.type_hint, "")),
    ]
    ca, cb = container(a), container(b)
    if ca and cb and ca not in cb and cb not in ca and not _abbreviates(a, b):
        pairs.append((ca, cb))  # (one container's name inside the other's is one container)
    return pairs


def _abbreviates(a: Draft, b: Draft) -> bool:
    """Whether one container's name abbreviates the other's word by word (ISO 4: `J Imag Econ
    Hist`, `J. Appl. Phys.`): each word of the shorter opens a word of the longer, in order."""
    x, y = (fold_for_matching(d.booktitle or d.venue).split() for d in (a, b))
    short, long = sorted((x, y), key=len)
    k = 0
    for word in short:
        while k < len(long) and not long[k].startswith(word):
            k += 1
        if k == len(long):
            return False
        k += 1
    return True


def _one_person(a: list[Name], b: list[Name]) -> bool:
    """Whether two first authors (lists of at most one name; an empty one agrees with any) may
    be one person: the surname of one inside the other's whole name. A citation parser splits
    particles and suffixes in several ways (`Van Slooten, J. C.` / `Slooten, J. C. V.`,
    `Strong, Jr, E. K.` / `Jr, E. K. S.`), and those are one person; `Okafor` and `Brenner`
    are two."""
    if not (a and b):
        return True
    x, y = a[0], b[0]

    def whole(n: Name) -> str:
        return _letters(f"{n.von} {n.last} {n.jr} {n.first}")

    return bool(
        (_letters(x.last) and _letters(x.last) in whole(y))
        or (_letters(y.last) and _letters(y.last) in whole(x))
    )


def _fuller_names(mine: list[Name], theirs: list[Name]) -> list[Name]:
    """Of two printings of one author list, the more complete: the longer list when the shorter
    is its start (`Okafor, Amara, et al.`), and each name with its longer given names (`Liu,
    Gang` over `Liu, G.`) where the surnames agree; lists that disagree keep `mine`."""
    if not theirs:
        return mine
    if not mine:
        return list(theirs)
    n = min(len(mine), len(theirs))
    if any(_letters(x.last) != _letters(y.last) for x, y in zip(mine[:n], theirs[:n], strict=True)):
        return mine
    out = [
        y
        if len(_letters(y.first)) > len(_letters(x.first)) and _initials_of(x.first, y.first)
        else x
        for x, y in zip(mine[:n], theirs[:n], strict=True)
    ]
    longer = mine if len(mine) >= len(theirs) else theirs
    return out + list(longer[n:])


def _initials_of(short: str, full: str) -> bool:
    """Whether the given names `short` are `full`'s or their initials (`G.` of `Gang`)."""
    a = [w[0] for w in fold_for_matching(short).split()]
    b = [w[0] for w in fold_for_matching(full).split()]
    return not a or a == b[: len(a)] or "".join(a) == "".join(b)


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
