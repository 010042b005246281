"""Pair comparison: is this pair one work, two works, two versions, or a question for a person?

Comparison is data (splink's comparison levels are the model): each field of a pair gets
a labelled `Level` (exact / fuzzy / partial / missing / conflicting), and every verdict
carries `Reason` values (code, field, detail) that are rendered to text only at the edge,
so `dupes`, `check` and the merge report print one explanation and programs read codes.
A missing value is neutral, never agreement. Two functions matter:

- `conflict(a, b)` — a `Conflict` (or None): facts that forbid a merge whatever else
  agrees (different DOIs, years more than one apart, different pages, Part I vs Part II,
  different report numbers, erratum vs original, book vs chapter ...). Clustering uses it
  too, so a chain of matches can never join two records that conflict. One code,
  `Code.VERSIONS`, marks two versions of one work (workshop vs conference, report vs
  paper ...): they may form a version group, never a duplicate group.
- `compare(a, b, policy)` — the verdict for a candidate pair. Symmetric by design:
  every test is order-free, so compare(a, b) == compare(b, a).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from enum import Enum
from functools import lru_cache
from typing import NamedTuple

from rapidfuzz.distance import Indel
from rapidfuzz.fuzz import ratio

from refmerge.refs.normalize import (
    MatchKeys,
    is_preprint_doi,
    name_words,
    named_kind,
    title_numbers,
)

from .blocking import STOPWORDS, slot_volume
from .policy import Policy
from .title_words import glued, opposite_word, prefixed_word


class Verdict(str, Enum):
    """What a pair is: one work, a question for a person, two versions, two works."""

    def __str__(self) -> str:
        return str(self.value)

    MATCH = "match"
    REVIEW = "review"
    VERSION = "version"
    DIFFERENT = "different"


MATCH = Verdict.MATCH
REVIEW = Verdict.REVIEW
VERSION = Verdict.VERSION
DIFFERENT = Verdict.DIFFERENT


class Level(str, Enum):
    """How one field of a pair compares (splink's comparison levels)."""

    def __str__(self) -> str:
        return str(self.value)

    EXACT = "exact"
    FUZZY = "fuzzy"  # the same value written two ways (typo, case, order, abbreviation)
    PARTIAL = "partial"  # some agreement (a subset of the people, one page of the range)
    MISSING = "missing"  # one side or both lack it: neutral, never agreement
    CONFLICTING = "conflicting"


class Code(str, Enum):
    """Machine-readable reason codes (the `codes` of `dupes --format json`)."""

    def __str__(self) -> str:
        return str(self.value)

    # evidence
    SAME_ID = "same-id"
    TITLE = "title"
    TITLE_MISSING = "title-missing"
    AUTHORS = "authors"
    YEAR = "year"
    PAGES = "pages"
    VOLUME = "volume"
    ISSUE = "issue"
    VENUE = "venue"
    ABSTRACT = "abstract"
    SHIFTED_LOCATOR = "shifted-locator"
    REPRINTED_ABSTRACT = "reprinted-abstract"
    TRANSLATED_TITLE = "translated-title"
    CORPORATE_AUTHOR = "corporate-author"
    ONE_VERSION = "one-version"  # an undated, venue-less citation of a work with one version
    REWORDED_TITLE = "reworded-title"  # the same content words, people, year and venue
    VOLUME_SLIP = "volume-slip"  # volumes a keystroke apart at one journal, year and pages
    DECIDED = "decided"
    # doubts (review)
    IDS_TITLES_DIFFER = "id-titles-differ"
    AUTHORS_DISAGREE = "authors-disagree"
    SHORT_TITLE = "short-title"
    COLUMN_TITLE = "column-title"  # a recurring column's name without pages to place it
    VOLUME_TYPO = "volume-typo"
    BOOK_YEARS = "book-years"
    BOOK_VS_ARTICLE = "book-vs-article"  # a book and a journal article: placed by title only
    TWO_JOURNALS = "two-journals"
    TOO_LITTLE = "too-little"
    REFUSED = "refused"  # a merge clustering refused (a member of one group conflicts)
    AMBIGUOUS = "ambiguous"  # matches two records that are two works; nothing places it
    # versions
    PREPRINT = "preprint-vs-published"
    VERSIONS = "versions"
    # conflicts (never one work)
    DIFFERENT_ID = "different-id"
    KIND = "kind"  # erratum, reply, retraction vs the original
    EDITION = "edition"
    DATA_VS_TEXT = "data-vs-text"  # a dataset or software vs a paper, book or thesis
    BOOK_VS_CHAPTER = "book-vs-chapter"
    DIFFERENT_ISBN = "different-isbn"
    YEARS = "years"
    PARTS = "parts"
    NUMBERS = "numbers"
    REPORT_NUMBER = "report-number"
    URL_PARTS = "url-parts"
    PAGES_CONFLICT = "pages-conflict"
    VOLUMES = "volumes"
    ISSUES = "issues"
    TITLES_DIFFER = "titles-differ"


class Reason(NamedTuple):
    """One piece of a verdict's explanation; `str()` is the text people read.

    (An immutable named tuple: made for nearly every compared pair, so it must be cheap.)"""

    code: Code
    field: str
    detail: str

    def __str__(self) -> str:
        return self.detail


class Conflict(Reason):
    """Why two records can never be one work (or, for Code.VERSIONS, are two versions).
    A Conflict is itself the Reason a DIFFERENT verdict gives."""

    __slots__ = ()

    def reason(self) -> Reason:
        return self


# Facts, not preset thresholds: `conflict` is a cannot-link that clustering and the second
# look apply without a policy, so what it reads is fixed here, each with its reason.
YEAR_GAP = 1  # online-first and print issue differ by a year; more is another work
VERSION_YEAR_GAP = 3  # a preprint is published up to a few years later
DOI_SAME_TITLE = 95.0  # one DOI, titles this close and the same people: one work, any years
SURNAME_FUZZY = 85.0  # surnames this similar are one name (typos, transliterations)
VENUE_FUZZY = 85.0  # journal names this similar are one journal
# a shorter list whose people all appear in the longer one, in any order, from this many
_LIST_PEOPLE = 2
# or at least two thirds of the shorter list, from this many people
_LIST_PEOPLE_MANY = 3

_VERSIONS = Code.VERSIONS  # (hot paths: an enum member looked up once)
_VOLUMES = Code.VOLUMES


def _r(code: Code, field_name: str, detail: str) -> Reason:
    return Reason(code, field_name, detail)


_BOOKISH = ("book", "chapter")
_VENUE_STOP = {"of", "the", "and", "for", "in", "on", "de", "der", "und", "la", "le"}


@dataclass(slots=True)
class Comparison:
    """A verdict, its score and why. `score` is always the evidence's strength on 0..100: the
    title similarity where titles decide, else the strength of the deciding evidence
    (a shared identifier 95, an abstract's similarity, a locator 90)."""

    verdict: Verdict
    score: float
    why: list[Reason] = field(default_factory=list)
    # filled by `add_levels` for the pairs reported (None until then: most compared pairs
    # are never shown, and a dict each would cost)
    levels: dict[str, Level] | None = None

    @property
    def reasons(self) -> list[str]:
        return [str(r) for r in self.why]

    @property
    def codes(self) -> list[str]:
        return [r.code.value for r in self.why]


def _fmt(score: float) -> str:
    return f"{score:.0f}"


def _shared(a: tuple[str, ...], b: tuple[str, ...]) -> str:
    common = set(a) & set(b)
    return min(common) if common else ""


def _part_of_book(k: MatchKeys) -> bool:
    """A chapter or conference paper: its ISBN is the book's, not its own."""
    return k.tclass in ("chapter", "proc") or bool(k.page_first)


def shared_identifier(a: MatchKeys, b: MatchKeys) -> str:
    """Reason naming an identifier both records carry, or ''.

    An ISBN identifies a book: papers of one proceedings volume or chapters of one book
    share it, so it counts only between two records that are not parts of a book."""
    if a.dois and b.dois:
        doi = _shared(a.dois, b.dois)
        if doi:
            return f"same DOI {doi}"
    if a.pmid and a.pmid == b.pmid:
        return f"same PMID {a.pmid}"
    if a.arxiv and a.arxiv == b.arxiv:
        return f"same arXiv {a.arxiv}"
    if a.isbns and b.isbns and not (_part_of_book(a) or _part_of_book(b)):
        isbn = _shared(a.isbns, b.isbns)
        if isbn:
            return f"same ISBN {isbn}"
    return ""


def _version_pair(a: MatchKeys, b: MatchKeys) -> bool:
    return a.preprint != b.preprint


# Venue kinds that are two versions of one work when the same title and people appear in
# both (a preprint is handled by `preprint`; an unknown kind is no evidence).
_RANK = {
    "workshop": 1,
    "companion": 1,
    "demo": 1,
    "report": 1,
    "thesis": 1,
    "conference": 2,
    "journal": 3,
}
# Kinds with no order between them (both unpublished, or both a short item beside a paper).
_UNORDERED = ({"report", "thesis"}, {"workshop", "companion"}, {"workshop", "demo"},
              {"companion", "demo"})  # fmt: skip


def version_kinds(a: MatchKeys, b: MatchKeys) -> str:
    """'workshop vs conference', 'report vs journal', ... or '' (same or unknown kinds)."""
    ka, kb = a.venue_kind, b.venue_kind
    if not ka or not kb or ka == kb or "preprint" in (ka, kb):
        return ""
    if ka not in _RANK or kb not in _RANK:
        return ""
    if {ka, kb} in _UNORDERED:
        return ""  # no ordering to tell
    low, high = sorted((ka, kb), key=lambda k: (_RANK[k], k))
    return f"{low} vs {high}"


def _doi_conflict(a: MatchKeys, b: MatchKeys) -> Conflict | None:
    if not (a.dois and b.dois) or set(a.dois) & set(b.dois):
        return None
    if _version_pair(a, b):
        # A preprint server's DOI and the journal's DOI of the published version differ.
        pa = [d for d in a.dois if not is_preprint_doi(d)]
        pb = [d for d in b.dois if not is_preprint_doi(d)]
        if not pa or not pb:
            return None
    return Conflict(Code.DIFFERENT_ID, "doi", f"different DOIs {a.dois[0]} vs {b.dois[0]}")


def _one_work_by_doi(a: MatchKeys, b: MatchKeys) -> bool:
    """The same DOI, the same title and the same people: one work whatever the years say (a
    DOI is registered once; a database's year for a reprint or a volume may differ)."""
    return (
        bool(a.dois and b.dois and set(a.dois) & set(b.dois))
        and bool(a.title)
        and ratio(a.title, b.title) >= DOI_SAME_TITLE
        and authors_agree(a, b)[0] == "match"
    )


def _url_parts_differ(a: MatchKeys, b: MatchKeys) -> bool:
    """Two URLs alike but for a number ('.../part-1' vs '.../part-2'): two parts."""
    return bool(a.url_parts and b.url_parts) and (
        a.url_parts[0] == b.url_parts[0] and a.url_parts[1:] != b.url_parts[1:]
    )


_BOOK_AND_CHAPTER = {"book", "chapter"}


def conflict(a: MatchKeys, b: MatchKeys, shared_id: str | None = None) -> Conflict | None:
    """Why these two records can never be one work, or None when nothing forbids it.

    A `Code.VERSIONS` conflict says they are two versions of one work (never one group of
    duplicates, but one version group)."""
    if a.dois and b.dois:
        found = _doi_conflict(a, b)
        if found:
            return found
    if a.pmid and b.pmid and a.pmid != b.pmid:
        return Conflict(Code.DIFFERENT_ID, "pmid", f"different PMIDs {a.pmid} vs {b.pmid}")
    if a.arxiv and b.arxiv and a.arxiv != b.arxiv:
        return Conflict(Code.DIFFERENT_ID, "arxiv", f"different arXiv ids {a.arxiv} vs {b.arxiv}")
    if a.kind != b.kind and not _same_locator(a, b):
        # (an erratum record that lost its "Erratum:" prefix still sits at the erratum's pages)
        return Conflict(Code.KIND, "title", f"{a.kind or 'original'} vs {b.kind or 'original'}")
    if a.edition and b.edition and a.edition != b.edition:
        return Conflict(Code.EDITION, "edition", f"editions {a.edition} vs {b.edition}")
    if a.version and b.version and a.version != b.version:
        return Conflict(Code.EDITION, "version", f"versions {a.version} vs {b.version}")
    ta, tb = a.tclass, b.tclass
    if ta != tb and "data" in (ta, tb) and "other" not in (ta, tb):
        # a dataset or software deposited under its paper's title (Zenodo, Dryad, HAL) is
        # another research output, cited on its own; a @misc may be either, so it is no sign
        return Conflict(Code.DATA_VS_TEXT, "entrytype", f"{ta} vs {tb}")
    if ta != tb and {ta, tb} == _BOOK_AND_CHAPTER:
        return Conflict(Code.BOOK_VS_CHAPTER, "entrytype", "book vs chapter")
    if a.editors_only != b.editors_only and _chapter_and_its_book(a, b):
        return Conflict(
            Code.BOOK_VS_CHAPTER, "pages", "a chapter (pages, authors) vs its book (editors)"
        )
    if ta == tb == "book" and a.isbns and b.isbns and not set(a.isbns) & set(b.isbns):
        return Conflict(Code.DIFFERENT_ISBN, "isbn", "different ISBNs")
    if a.chapter != b.chapter and a.chapter and b.chapter:
        # BibTeX's @inbook cites a part of a book by `chapter` (and/or pages): other chapters
        # of one book are other parts
        return Conflict(Code.PARTS, "chapter", f"chapters {a.chapter} vs {b.chapter}")
    if a.report_no != b.report_no and a.report_no and b.report_no:
        return Conflict(
            Code.REPORT_NUMBER, "number", f"report numbers {a.report_no} vs {b.report_no}"
        )
    if shared_id is None:
        shared_id = shared_identifier(a, b)
    if a.year is not None and b.year is not None:
        gap = abs(a.year - b.year)
        limit = VERSION_YEAR_GAP if _version_pair(a, b) else YEAR_GAP
        if gap > limit and not _one_work_by_doi(a, b):
            lo, hi = min(a.year, b.year), max(a.year, b.year)
            return Conflict(Code.YEARS, "year", f"years {lo} vs {hi}")
    if not (a.numbers or b.numbers):
        pass  # fast path: nearly every pair (no numbers, so no parts and none differ)
    elif (a.title_head or b.title_head) and (own := _numbers_of_run_on(a, b)) is not None:
        # a venue run on into a title ("..., training-test split', neural information
        # processing 8"): its volume is no number of the title; the rest is compared as usual
        return conflict(own[0], own[1], shared_id)
    elif (
        (na := [n for n in a.numbers if n.startswith("#")])
        != (nb := [n for n in b.numbers if n.startswith("#")])
        and a.title
        and b.title
        # the same letters spaced otherwise hold the same numbers: a subscript or version
        # glued by one source ("LiAlO{$_{2}$}" / "LiAlO2", "SQL 3" / "SQL3")
        and a.title.replace(" ", "") != b.title.replace(" ", "")
    ):
        detail = f"numbered parts differ ({' '.join(na) or '-'} vs {' '.join(nb) or '-'})"
        return Conflict(Code.PARTS, "title", detail)
    elif _numbers_differ(a.numbers, b.numbers) and not (
        # one DOI and one first page: the numbers are the same ones written two ways,
        # "Si(1 1 1)" vs "Si(111)", "(11-20)" vs "(1120)"
        shared_id and a.page_first and a.page_first == b.page_first
    ):
        shown_a = " ".join(n for n in a.numbers if n[0] != "~")
        shown_b = " ".join(n for n in b.numbers if n[0] != "~")
        detail = f"numbers in titles differ ({shown_a} vs {shown_b})"
        return Conflict(Code.NUMBERS, "title", detail)
    elif (found_n := names_differ(a.numbers, b.numbers)) and not (
        shared_id and a.page_first and a.page_first == b.page_first
    ):
        return Conflict(Code.NUMBERS, "title", f"names in titles differ ({found_n})")
    if a.title != b.title and a.title and b.title and (found_w := prefixed_word(a.title, b.title)):
        return Conflict(Code.TITLES_DIFFER, "title", f"titles differ by a prefix ({found_w})")
    if a.title != b.title and a.title and b.title and (found_w := opposite_word(a.title, b.title)):
        return Conflict(Code.TITLES_DIFFER, "title", f"titles differ by an opposite ({found_w})")
    if a.tclass == b.tclass == "book" and a.volume and b.volume and a.volume != b.volume:
        # volumes of one multi-volume book share the set's ISBN
        return Conflict(Code.VOLUMES, "volume", f"volumes {a.volume} vs {b.volume}")
    if a.url_parts and b.url_parts and _url_parts_differ(a, b) and not shared_id:
        detail = (
            f"URLs differ in a number ({'/'.join(a.url_parts[1:])} vs {'/'.join(b.url_parts[1:])})"
        )
        return Conflict(Code.URL_PARTS, "url", detail)
    if shared_id:
        return None
    found = _locator_conflict(a, b)
    if found:
        if (
            shifted_locator(a, b)
            or reprinted_abstract(a, b) == SAME_SUPPLEMENT
            or (found.code is _VOLUMES and volume_slip(a, b))
        ):
            found = None  # the locators disagree for a known, harmless reason
        else:
            return found
    if a.venue_kind != b.venue_kind:
        kinds = version_kinds(a, b)
        if kinds and not _one_venue_mistyped(a, b):
            return Conflict(_VERSIONS, "venue", kinds)
    return None


def _one_venue_mistyped(a: MatchKeys, b: MatchKeys) -> bool:
    """The kinds differ only by entry type (`@article` vs `@inproceedings`; neither venue's
    own words name a kind) while the venues agree: one venue is one kind of publication, so
    an entry type is wrong ("STOC-93" typed `@article` by a citation parser). Likewise a
    meeting named by its acronym alone (`In COLT-91`, a conference by its entry type only:
    BibTeX has no workshop type) against the workshop whose name the acronym spells: one
    meeting, one kind."""
    if (
        not named_kind(a.venue)
        and not named_kind(b.venue)
        and a.venue_kind in _TYPED_KINDS
        and b.venue_kind in _TYPED_KINDS
        and venue_agrees(a.venue, b.venue)
    ):
        return True
    for x, y in ((a, b), (b, a)):
        if (
            x.venue_kind in _TYPED_KINDS
            and not named_kind(x.venue)
            and y.venue_kind == "workshop"
            and acronym_names_meeting(_without_numbers(x.venue), _without_numbers(y.venue))
        ):
            return True
    return False


_TYPED_KINDS = ("journal", "conference")  # the kinds an entry type alone gives


def _chapter_and_its_book(a: MatchKeys, b: MatchKeys) -> bool:
    """One record names editors and no pages (the book), the other authors and a page range
    (a chapter entered with its book's title)."""
    for book, part in ((a, b), (b, a)):
        if (
            book.editors_only
            and not book.page_first
            and not part.editors_only
            and _real_range(part)
        ):
            return True
    return False


def _locator_conflict(a: MatchKeys, b: MatchKeys) -> Conflict | None:
    """Volume, issue and pages that place the two records in different slots."""
    if _pages_conflict(a, b):
        return Conflict(Code.PAGES_CONFLICT, "pages", f"pages conflict {_pages(a)} vs {_pages(b)}")
    if a.volume and b.volume and a.volume != b.volume:
        return Conflict(Code.VOLUMES, "volume", f"volumes {a.volume} vs {b.volume}")
    if _issues_differ(a, b) and not (
        (_real_range(a) and _real_range(b))
        or (a.page_first == b.page_first != "" and (_real_range(a) or _real_range(b)))
    ):
        # Some exports fill `number` with accession numbers: agreeing page ranges outweigh
        # the issue (conflicting ones were caught above); without page ranges to go by,
        # different issues of one volume are different articles (a column in every issue).
        return Conflict(Code.ISSUES, "number", f"issues {a.issue} vs {b.issue}")
    return None


def _volume_typo(
    a: MatchKeys, b: MatchKeys, ts: float | None, why: Conflict, policy: Policy
) -> bool:
    """Only the volume differs, at the same full page range in the same year, title and
    people agreeing: most often a typo in one volume. Never merged (the volumes conflict),
    but shown to a person instead of passing in silence."""
    return (
        why.code is _VOLUMES
        and why.field == "volume"
        and a.tclass != "book"
        and ts is not None
        and ts >= policy.title_accept
        and a.year is not None
        and a.year == b.year
        and _real_range(a)
        and a.page_first == b.page_first
        and a.page_last == b.page_last
        and authors_agree(a, b)[0] in ("match", "partial")
    )


def volume_slip(a: MatchKeys, b: MatchKeys) -> bool:
    """Two journal articles at one journal, in one year, at one full page range whose
    volumes differ by one keystroke (`95` / `25`, `16` / `15`): one article, a typo in one
    volume. A journal prints one article at one place; two articles of one journal and year
    do not share a page range (both ends) but as the first pages of two volumes, so a range
    from page 1 is no evidence, nor are two plausible issues that differ (the slots of a
    serial's instalments). Only the slot is checked here; `compare` asks the title, the
    people and the venue (`_slip_placed`)."""
    return (
        a.tclass == b.tclass == "article"
        and a.year is not None
        and a.year == b.year
        and _real_range(a)
        and a.page_first == b.page_first
        and a.page_last == b.page_last
        and a.page_first.isdigit()
        and a.page_last.isdigit()
        and a.page_first != "1"
        and not _issues_differ(a, b)
        and _one_keystroke(a.volume, b.volume)
    )


def _slip_placed(a: MatchKeys, b: MatchKeys, ts: float | None, auth: str, policy: Policy) -> bool:
    """A volume slip (`volume_slip`) is one article when the rest says so: a title of four
    words or more that is no column's name (a column's instalments keep it), every person on both
    sides (any order), and both records naming one journal."""
    return (
        ts is not None
        and ts >= policy.title_accept
        and auth == "match"
        and len(a.surnames) == len(b.surnames)
        and set(a.surnames) == set(b.surnames)
        and min(a.title.count(" "), b.title.count(" ")) + 1 >= policy.short_title_words
        and not (a.column_title or b.column_title)
        and bool(a.venue and b.venue)
        and venue_agrees(a.venue, b.venue)
    )


def _one_keystroke(a: str, b: str) -> bool:
    """Two different numbers one typing slip apart: a digit changed, added or dropped, or
    two neighbours swapped."""
    if a == b or not (a.isdigit() and b.isdigit()):
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (
            len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]]
            and a[diff[1]] == b[diff[0]]
        )  # fmt: skip
    short, long_ = sorted((a, b), key=len)
    return len(long_) == len(short) + 1 and any(
        long_[:i] + long_[i + 1 :] == short for i in range(len(long_))
    )


def shifted_locator(a: MatchKeys, b: MatchKeys) -> bool:
    """One record lost its volume and the export moved issue and pages up one field:
    "number 26, pages 9" for "volume 26, number 9" (a known Embase conference-abstract fault).

    Two numbers must line up, so chance agreement is rare; title and authors are still
    compared as for any pair.
    """
    for short, full in ((a, b), (b, a)):
        if (
            not short.volume
            and short.issue
            and short.issue == full.volume
            and short.page_first
            and short.page_first == full.issue
            and short.page_last in ("", short.page_first)
        ):
            return True
    return False


# A meeting abstract fills a page or two; more is a paper.
_ABSTRACT_PAGES = 2
# Titles of one abstract printed twice differ at most by case and punctuation.
_SAME_TITLE = 97.0


def _short_item(k: MatchKeys) -> bool:
    if not k.page_first or not k.page_first.isdigit():
        return False
    if not k.page_last or not k.page_last.isdigit():
        return True
    return 0 <= int(k.page_last) - int(k.page_first) < _ABSTRACT_PAGES


SAME_SUPPLEMENT = "same supplement"
TWO_JOURNALS = "two journals"


def abstract_candidate(k: MatchKeys) -> bool:
    """Could this record be one side of `reprinted_abstract`? (Clustering needs the title
    and people in a record's conflict signature only then.)"""
    return k.year is not None and len(k.surnames) >= 2 and _short_item(k)


def reprinted_abstract(a: MatchKeys, b: MatchKeys, ts: float | None = None) -> str:
    """Where one meeting abstract seems printed twice: SAME_SUPPLEMENT, TWO_JOURNALS or ''.

    The same title and the same people in the same year, both a page or two long, at
    least one known to be a meeting abstract. In one volume of one journal that is one
    abstract under two page numbers (its page and its abstract number, or the online and
    print supplement): merged. In two journals it is left for a person: the labelled
    sets call that pattern both ways. A full paper (more pages) with the abstract's
    title is a different work either way.
    """
    if a.year is None or a.year != b.year or not (a.meeting or b.meeting):
        return ""
    if not (_short_item(a) and _short_item(b)):
        return ""
    if len(a.surnames) < 2 or len(a.surnames) != len(b.surnames):
        return ""
    if set(a.surnames) != set(b.surnames) or a.title.count(" ") < 3:
        return ""
    if ts is None:
        ts = ratio(a.title, b.title) if a.title and b.title else 0.0
    if ts < _SAME_TITLE:
        return ""
    if a.volume and a.volume == b.volume and venue_agrees(a.venue, b.venue):
        return SAME_SUPPLEMENT
    return TWO_JOURNALS


def _numbers_differ(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Each title holds a number the other lacks ('2-year' vs '5-year'); an extra number on
    one side only (a year or citation appended by a database) is not a conflict."""
    sa, sb = {n for n in a if n[0] != "~"}, {n for n in b if n[0] != "~"}
    if not sa or not sb:
        return False
    return bool(sa - sb) and bool(sb - sa)


def names_differ(a: tuple[str, ...], b: tuple[str, ...]) -> str:
    """'p53 vs p63' when both titles hold a name of letters and digits of one shape whose
    digits differ (`~p#=53` / `~p#=63`, from `title_numbers`), neither holding the other's;
    '' otherwise. The digits of `CD4`, `BRCA1`, `H1N1` are part of the name: `CD8` is
    another molecule, not a typo of it."""
    na = [n for n in a if n[0] == "~"]
    nb = [n for n in b if n[0] == "~"]
    if not na or not nb:
        return ""
    da: dict[str, set[str]] = {}
    db: dict[str, set[str]] = {}
    for names, out in ((na, da), (nb, db)):
        for n in names:
            shape, _, digits = n[1:].partition("=")
            out.setdefault(shape, set()).add(digits)
    for shape in da.keys() & db.keys():
        only_a, only_b = da[shape] - db[shape], db[shape] - da[shape]
        if only_a and only_b:
            x, y = min(only_a), min(only_b)
            return f"{_spell(shape, x)} vs {_spell(shape, y)}"
    return ""


def _spell(shape: str, digits: str) -> str:
    """`p#`, `53` -> `p53` (the name as the title folds it)."""
    runs = iter(digits.split("-"))
    return re.sub("#", lambda _m: next(runs, ""), shape)


def _pages_conflict(a: MatchKeys, b: MatchKeys) -> bool:
    if not a.page_first or not b.page_first or a.page_first == b.page_first:
        return False
    if a.article_number != b.article_number:
        return False  # e12724 vs 1-6: an article number and its printed pages
    if a.page_last and a.page_last == b.page_last:
        return False  # a typo in one end, not another article
    if _shifted_range(a, b):
        return False  # one paper in two printings of a proceedings (5998-6008 / 6000-6010)
    for single, ranged in ((a, b), (b, a)):
        if (
            not single.page_last
            and ranged.page_last
            and int(ranged.page_first) <= int(single.page_first) <= int(ranged.page_last)
        ):
            return False  # one page of the range (often the last, as some databases do)
        if (
            not single.page_last
            and ranged.page_last
            and (single.page_first == ranged.page_first + ranged.page_last)
        ):
            return False  # the range with its dash lost ('433444' for 433-444)
    return True


# Two printings or page numberings of one proceedings move a paper by a page or two.
_PAGE_SHIFT = 2
_SHIFT_MIN_LENGTH = 4  # ranges this long: two short items a page apart stay two items


def _shifted_range(a: MatchKeys, b: MatchKeys) -> bool:
    """Both give a real page range of the same length (at least four pages), one moved by
    one or two pages: the same paper in two printings, not two papers (two papers of one
    volume cannot overlap)."""
    if not (a.page_last and b.page_last) or a.article_number or b.article_number:
        return False
    if not (a.page_first.isdigit() and b.page_first.isdigit()):
        return False
    if not (a.page_last.isdigit() and b.page_last.isdigit()):
        return False
    fa, la, fb, lb = int(a.page_first), int(a.page_last), int(b.page_first), int(b.page_last)
    length = la - fa
    return length == lb - fb and length >= _SHIFT_MIN_LENGTH and 0 < abs(fa - fb) <= _PAGE_SHIFT


def _same_locator(a: MatchKeys, b: MatchKeys) -> bool:
    """Same volume and first page (both given): the same slot in a journal."""
    return bool(a.volume and a.page_first) and (
        a.volume == b.volume and a.page_first == b.page_first
    )


_VENUE_YEAR = re.compile(r"\b(?:(1[89]\d\d|20\d\d)|(\d\d))\b")


def _meeting_then_print(a: MatchKeys, b: MatchKeys) -> bool:
    """The venue names its meeting's year (`crypto 93`, `stoc 93`, `... computing 1993`) and
    the two records are dated that year and the next, or both are in one numbered volume of a
    proceedings series (`_same_edition`): the meeting and its printed proceedings."""
    if a.year is None or b.year is None:
        return False
    if _same_edition(a, b):
        return True
    named_a, named_b = _venue_years(a.venue), _venue_years(b.venue)
    # both venues name a meeting year: it must be the same meeting ("BioNLP 2019" and
    # "BioNLP 2020" are two)
    named = named_a & named_b if named_a and named_b else named_a | named_b
    return any({a.year, b.year} == {y, y + 1} for y in named)


def _same_edition(a: MatchKeys, b: MatchKeys) -> bool:
    """Two meeting papers in the same numbered volume of one proceedings series (`advances
    in neural information processing systems 10`, an LNCS volume): a volume is printed once,
    for one meeting. Two venues naming other numbers (`36th` / `37th`, `2019` / `2020`) are
    two meetings, whatever part (`volume 1`) each prints."""
    if a.tclass != "proc" or b.tclass != "proc":
        return False
    volume = slot_volume(a)
    if not volume or volume != slot_volume(b):
        return False
    named_a = {w for w in a.venue.split() if any(c.isdigit() for c in w)}
    named_b = {w for w in b.venue.split() if any(c.isdigit() for c in w)}
    return not (named_a and named_b and named_a != named_b)


def _venue_years(venue: str) -> set[int]:
    """The years a folded venue may name: `1993`, or `93` read as 1993 or 2093/1993's
    century twin (only a year matching a record's date counts, so the reading is harmless)."""
    out: set[int] = set()
    for m in _VENUE_YEAR.finditer(venue):
        if m.group(1):
            out.add(int(m.group(1)))
        else:
            out.update((1900 + int(m.group(2)), 2000 + int(m.group(2))))
    return out


# One rule for a plausible issue number, for agreement and for disagreement alike: one or two
# digits (some exports fill `number` with accession or report numbers).
_ISSUE_DIGITS = 2


def _plausible_issue(issue: str) -> bool:
    return 0 < len(issue) <= _ISSUE_DIGITS


def _issues_differ(a: MatchKeys, b: MatchKeys) -> bool:
    """Both give a plausible issue number (longer "numbers" in some exports are accession
    numbers) and they differ."""
    return a.issue != b.issue and _plausible_issue(a.issue) and _plausible_issue(b.issue)


def _same_issue(a: MatchKeys, b: MatchKeys) -> bool:
    """Same volume and issue, both given."""
    return bool(a.volume and a.issue) and a.volume == b.volume and a.issue == b.issue


def _real_range(k: MatchKeys) -> bool:
    return bool(k.page_last) and k.page_last != k.page_first


def _same_range(a: MatchKeys, b: MatchKeys) -> bool:
    """Same volume and the same full page range (both ends given)."""
    return _same_locator(a, b) and bool(a.page_last) and a.page_last == b.page_last


def _same_printed_locator(a: MatchKeys, b: MatchKeys) -> bool:
    """Same volume and first page, where a volume may be written in the venue (`... systems
    8`) on one side or both: one slot of one printed volume. A volume read from a venue
    counts only when the venues agree (the number is then the venue's, not another's)."""
    if _same_locator(a, b):
        return True
    if a.volume and b.volume:
        return False
    va = slot_volume(a)
    return (
        bool(va and a.page_first)
        and va == slot_volume(b)
        and a.page_first == b.page_first
        and venue_agrees(a.venue, b.venue)
    )


def _same_printed_range(a: MatchKeys, b: MatchKeys) -> bool:
    """`_same_printed_locator` and the same last page."""
    return bool(a.page_last) and a.page_last == b.page_last and _same_printed_locator(a, b)


def _pages(k: MatchKeys) -> str:
    return f"{k.page_first}–{k.page_last}" if k.page_last else k.page_first


def _where(k: MatchKeys) -> str:
    """'p. 23 in 145(1)' for reasons."""
    place = k.volume + (f"({k.issue})" if k.issue else "")
    return f"p. {_pages(k)}" + (f" in {place}" if place else "")


def authors_agree(a: MatchKeys, b: MatchKeys) -> tuple[str, str]:
    """('match' | 'partial' | 'unknown' | 'conflict', reason) for the two author lists.

    'match' is the same people: the first author and at least half of the shorter list, or
    every name of both lists in another order (databases scramble the order). A lone name
    against a list of three or more is only 'partial': a list that lost its names, or an
    editor standing for a column's many authors, is weak evidence."""
    if not a.surnames or not b.surnames:
        return "unknown", "authors missing"
    sa, sb = a.surnames, b.surnames
    # order-free choice of the shorter list
    short, long_ = (sa, sb) if (len(sa), sa) <= (len(sb), sb) else (sb, sa)
    long_set = set(long_)
    hits = sum(1 for s in short if s in long_set)
    if hits < len(short):
        # typos and transliterations: fuzzy surname comparison for the misses
        missed = []
        for i, s in enumerate(short):
            if s not in long_set:
                if any(ratio(s, t, score_cutoff=SURNAME_FUZZY) for t in long_):
                    hits += 1
                else:
                    missed.append(i)
        if missed:
            ka, kb = (a, b) if short is sa else (b, a)
            hits += _other_name_forms(ka, kb, missed)
    first_same = sa[0] == sb[0] or ratio(sa[0], sb[0]) >= SURNAME_FUZZY
    initials_ok = True
    if first_same and a.initials and b.initials and a.initials[0] and b.initials[0]:
        initials_ok = a.initials[0] == b.initials[0]
    reason = f"authors {hits}/{len(short)}"
    if hits == len(short) == len(long_) and (len(short) >= 2 or initials_ok):
        return "match", reason if first_same else reason + " (in another order)"
    lone = len(short) == 1 and len(long_) >= 3
    if first_same and initials_ok and hits * 2 >= len(short) and not lone:
        return "match", reason
    if hits == len(short) >= _LIST_PEOPLE or (
        hits >= _LIST_PEOPLE_MANY and hits * 3 >= len(short) * 2
    ):
        # one source lists only some of the people, in its own order (a database that keeps
        # the first few names, or reorders them): several named people agreeing is the same
        # team whatever the order
        return "match", reason + " (in another order, one list partial)"
    if hits * 2 >= len(short) and hits >= 1:
        return "partial", reason + (" of " + str(len(long_)) if lone else " (first author differs)")
    return "conflict", reason


# Words that name a venue's genre or edition, not which venue it is: what may be left over
# on either side once an acronym and its expansion are matched ("SIGMOD Conference" /
# "International Conference on Management of Data"). Words that tell a journal from a
# conference ("journal", "record", "transactions", "workshop") are not among them.
_VENUE_GENERIC = frozenset(
    {"proceedings", "proc", "conference", "conf", "symposium", "symp", "international", "intl"}
    | {"int", "annual", "annu"}
    | {"acm", "ieee", "in", "of", "on", "the", "and", "st", "nd", "rd", "th"}
    | {"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"}
    # an ordinal spelt out is one word or two ("thirty sixth", "Twenty-Seventh Hawaii ...")
    | {"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"}
)
_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)?$")  # an edition or a year ("20th", "88")
_ACRONYM_MIN, _ACRONYM_MAX = 3, 8
# An acronym takes one or more leading letters of a word, not only its initial: COLT is
# COmputational Learning Theory, CoNLL Computational Natural Language Learning, SIGGRAPH
# Special Interest Group on GRAPHics. Up to four letters of a word.
_SYLLABLE_MAX = 4
_SIG = "sig"  # ACM's Special Interest Groups name their meetings SIG + the field's acronym


def _initials_run(acronym: str, words: list[str], start: int) -> int:
    """End of a run of consecutive `words` from `start` whose leading letters spell `acronym`
    (each content word gives its initial or its first few letters, `_SYLLABLE_MAX`; a small
    word like "of" may give its initial or none: "Symposium on Theory Of Computing" is
    STOC, "COmputational Learning Theory" COLT), or -1."""
    if not acronym:
        return start
    if start >= len(words):
        return -1
    w = words[start]
    for n in range(max(1, min(len(w) - 1, _SYLLABLE_MAX)), 0, -1):
        if acronym.startswith(w[:n]):
            end = _initials_run(acronym[n:], words, start + 1)
            if end >= 0:
                return end
    if w in _VENUE_STOP and start > 0:
        return _initials_run(acronym, words, start + 1)
    return -1


def _acronym_expands(
    short: list[str], long_: list[str], genre: frozenset[str] = frozenset()
) -> bool:
    """A token of `short` is the acronym of consecutive words of `long_`, and nothing else
    on either side names another venue (only genre and edition words are left, and on the
    long side the words of `genre`)."""
    for i, tok in enumerate(short):
        letters = tok.removeprefix(_SIG) if tok.startswith(_SIG) and len(tok) > 4 else tok
        if not (_ACRONYM_MIN <= len(letters) <= _ACRONYM_MAX and letters.isalpha()):
            continue
        for start, w in enumerate(long_):
            if w[0] != letters[0] or w in _VENUE_STOP:
                continue
            end = _initials_run(letters, long_, start)
            if end < 0:
                continue
            rest_short = short[:i] + short[i + 1 :]
            rest_long = long_[:start] + long_[end:]
            if all(t in _VENUE_GENERIC or _ORDINAL.match(t) for t in rest_short) and all(
                t in _VENUE_GENERIC or t in genre or _ORDINAL.match(t) for t in rest_long
            ):
                return True
    return False


@lru_cache(maxsize=65536)  # venue spellings repeat: each pair is read once
def venue_acronym(a: str, b: str) -> bool:
    """One venue named by its acronym, the other spelt out: "VLDB" / "Very Large Data
    Bases", "SIGMOD Conference" / "International Conference on Management of Data",
    "STOC-88" / "Proceedings of the 20th Annual ACM Symposium on Theory of Computing"."""
    ta, tb = a.split(), b.split()
    if not ta or not tb:
        return False
    return _acronym_expands(ta, tb) or _acronym_expands(tb, ta)


# The genre a meeting's acronym leaves unsaid: `In COLT-91` is the meeting whose proceedings
# others call the "Fourth Annual Workshop on Computational Learning Theory". Only on the
# spelt-out side, and only once the acronym has matched its words: `VLDB Workshop` is no VLDB.
_MEETING_GENRE = frozenset({"workshop", "workshops", "wksp"})


@lru_cache(maxsize=65536)
def acronym_names_meeting(acronym: str, spelt: str) -> bool:
    """`acronym` (folded, numbers out) is a meeting's bare acronym with at most genre and
    edition words around it, and `spelt` spells that meeting out, with its genre word."""
    ta, tb = acronym.split(), spelt.split()
    return bool(ta and tb) and _acronym_expands(ta, tb, _MEETING_GENRE)


def _other_name_forms(short: MatchKeys, long_: MatchKeys, missed: list[int]) -> int:
    """How many of `short`'s unmatched names (indices `missed`) are a name of `long_` written
    another way: a compound surname cut to its first part ("Rafael Camps" / "Rafael Camps
    Paré": the shorter surname is a later word of the longer name, same first initial), or
    the family name first ("Chen Qun" / "Qun Chen": each surname is a word of the other)."""
    sw, lw = name_words(short.people), name_words(long_.people)
    if len(sw) != len(short.surnames) or len(lw) != len(long_.surnames):
        return 0
    found = 0
    for i in missed:
        s, s_words = short.surnames[i], sw[i]
        s_init = short.initials[i] if i < len(short.initials) else ""
        for j, t in enumerate(long_.surnames):
            t_words = lw[j]
            t_init = long_.initials[j] if j < len(long_.initials) else ""
            swapped = s in t_words and t in s_words
            compound = (s in t_words or t in s_words) and bool(s_init) and s_init == t_init
            if swapped or compound:
                found += 1
                break
    return found


def venue_agrees(a: str, b: str) -> bool:
    """Same journal, also when one side is abbreviated ('J Imag Econ Hist') or named by its
    acronym ('VLDB'), or carries the citation's volume, issue or year ('machine learning 27',
    'information and computation 103(2)')."""
    if not a or not b:
        return False
    if _names_agree(a, b):
        return True
    if not (_has_digit(a) or _has_digit(b)):
        return False
    # a citation's venue often carries its volume, issue and year, which are no words of
    # the venue's name (they are compared as volume and year where the record gives them)
    na, nb = _without_numbers(a), _without_numbers(b)
    return bool(na and nb) and (na, nb) != (a, b) and _names_agree(na, nb)


_DIGIT = re.compile(r"\d")
_NUMBER_WORD = re.compile(r"(?:^|\s)\d+(?=\s|$)")


def _has_digit(text: str) -> bool:
    return _DIGIT.search(text) is not None


def _without_numbers(venue: str) -> str:
    """The venue without words that are only digits ('103 2 1993'; '36th' stays)."""
    return " ".join(_NUMBER_WORD.sub(" ", venue).split())


def _names_agree(a: str, b: str) -> bool:
    if a == b or ratio(a, b) >= VENUE_FUZZY:
        return True
    if venue_acronym(a, b):
        return True
    short_v, long_v = (a, b) if len(a) <= len(b) else (b, a)
    if long_v.startswith(short_v + " ") and " " not in short_v and len(short_v) >= 6:
        return True  # "Pneumologie" / "Pneumologie (Stuttgart, Germany)"
    if " " not in short_v and _proceedings_of(long_v) == short_v:
        return True  # "Crypto" / "Pre-proceedings of Crypto '93", "Proc. Crypto 93"
    ta = [t for t in a.split() if t not in _VENUE_STOP]
    tb = [t for t in b.split() if t not in _VENUE_STOP]
    short, long_ = sorted((ta, tb), key=lambda t: (len(t), t))
    if len(short) < 2:
        return False
    i = 0
    for tok in long_:
        if i < len(short) and tok.startswith(short[i]):
            i += 1
    return i == len(short)


def _meeting_name(venue: str) -> str:
    """The one word a venue has besides genre and edition words (`in colt` is COLT's), or
    "": a meeting named by its acronym alone."""
    words = [t for t in venue.split() if t not in _VENUE_GENERIC and not _ORDINAL.match(t)]
    return words[0] if len(words) == 1 else ""


def _proceedings_of(venue: str) -> str:
    """The one word a venue names besides proceedings words and numbers ("pre-proceedings of
    crypto 93", "proc crypto 93" are Crypto's), or "". A meeting's (pre-)proceedings are
    that meeting: a citation parser that types `Crypto` `@article` names the same venue.
    Only these words: "International Conference on Robotics" is not the journal Robotics."""
    words = [t for t in venue.split() if t not in _PROCEEDINGS_WORDS and not _ORDINAL.match(t)]
    return words[0] if len(words) == 1 else ""


_PROCEEDINGS_WORDS = frozenset({"proceedings", "proc", "pre", "in", "of", "the"})


def _corroboration(a: MatchKeys, b: MatchKeys) -> tuple[int, list[Reason], bool]:
    """(number of agreeing locator facts, their reasons, whether the venues agree)."""
    facts: list[Reason] = []
    if a.page_first and a.page_first == b.page_first:
        facts.append(_r(Code.PAGES, "pages", f"pages {_pages(a)}"))
    if a.volume and a.volume == b.volume:
        facts.append(_r(Code.VOLUME, "volume", f"volume {a.volume}"))
    if a.issue and a.issue == b.issue and _plausible_issue(a.issue):
        facts.append(_r(Code.ISSUE, "number", f"issue {a.issue}"))
    same_venue = venue_agrees(a.venue, b.venue)
    if same_venue:
        facts.append(_r(Code.VENUE, "venue", "same venue"))
    if shifted_locator(a, b):
        short, full = (a, b) if not a.volume else (b, a)
        facts.append(
            _r(
                Code.SHIFTED_LOCATOR,
                "volume",
                f"number {short.issue}, pages {short.page_first} read as "
                f"volume {full.volume}, number {full.issue}",
            )
        )
    return len(facts), facts, same_venue


def _year_reason(a: MatchKeys, b: MatchKeys) -> tuple[int | None, Reason]:
    if a.year is None or b.year is None:
        return None, _r(Code.YEAR, "year", "year missing")
    gap = abs(a.year - b.year)
    return gap, _r(Code.YEAR, "year", f"year {a.year}" if gap == 0 else f"year Δ{gap}")


def title_similarity(a: str, b: str, policy: Policy | None = None) -> float:
    """Ratio of folded titles; a title that is a whole prefix of the other (a lost subtitle)
    counts as 90 when the shared part is long enough to be specific."""
    score = ratio(a, b)
    p = policy or _DEFAULT
    if score < p.contained_title:
        short, long_ = (a, b) if len(a) <= len(b) else (b, a)
        if (
            len(short) >= 12
            and " " in short
            and (long_.startswith(short + " ") or long_.endswith(" " + short))
        ):
            # specific enough alone when long; a short main title needs corroboration
            long_enough = (
                len(short) >= p.contained_long_chars
                and short.count(" ") >= p.contained_long_words - 1
            )
            return max(score, p.contained_title if long_enough else p.contained_short_title)
    return score


_DEFAULT = Policy()


def field_levels(a: MatchKeys, b: MatchKeys, ts: float | None, policy: Policy) -> dict[str, Level]:
    """The comparison level of each field (shown by `dupes --format table`)."""
    levels: dict[str, Level] = {}
    if a.dois or a.pmid or a.arxiv or b.dois or b.pmid or b.arxiv:
        if shared_identifier(a, b):
            levels["id"] = Level.EXACT
        elif (a.dois and b.dois) or (a.pmid and b.pmid) or (a.arxiv and b.arxiv):
            levels["id"] = Level.CONFLICTING
        else:
            levels["id"] = Level.MISSING
    if ts is None:
        levels["title"] = Level.MISSING
    else:
        levels["title"] = (
            Level.EXACT
            if ts >= 99.5
            else Level.FUZZY
            if ts >= policy.title_review
            # the same content words in another order: one title written two ways
            or content_overlap(a.title, b.title, policy.short_title_words) >= policy.title_reworded
            else Level.CONFLICTING
        )
    auth, _ = authors_agree(a, b)
    if auth == "match":
        same = a.surnames == b.surnames
        levels["authors"] = Level.EXACT if same else Level.FUZZY
    else:
        levels["authors"] = {
            "partial": Level.PARTIAL,
            "unknown": Level.MISSING,
            "conflict": Level.CONFLICTING,
        }[auth]
    if a.year is None or b.year is None:
        levels["year"] = Level.MISSING
    else:
        gap = abs(a.year - b.year)
        levels["year"] = (
            Level.EXACT if gap == 0 else Level.FUZZY if gap <= YEAR_GAP else Level.CONFLICTING
        )
    if not a.page_first or not b.page_first:
        levels["pages"] = Level.MISSING
    elif a.page_first == b.page_first:
        levels["pages"] = Level.EXACT if a.page_last == b.page_last else Level.FUZZY
    else:
        levels["pages"] = Level.CONFLICTING if _pages_conflict(a, b) else Level.PARTIAL
    for name, x, y in (("volume", a.volume, b.volume), ("issue", a.issue, b.issue)):
        levels[name] = (
            Level.MISSING if not x or not y else Level.EXACT if x == y else Level.CONFLICTING
        )
    if levels["volume"] is Level.CONFLICTING and volume_slip(a, b):
        levels["volume"] = Level.FUZZY  # one volume written with a slip (`volume_slip`)
    if not a.venue or not b.venue:
        levels["venue"] = Level.MISSING
    else:
        levels["venue"] = (
            Level.EXACT
            if a.venue == b.venue
            else Level.FUZZY
            if venue_agrees(a.venue, b.venue)
            else Level.CONFLICTING
        )
    if a.venue_kind and b.venue_kind:
        levels["kind"] = Level.EXACT if a.venue_kind == b.venue_kind else Level.CONFLICTING
    return levels


def evidence(levels: dict[str, Level]) -> int:
    """Independent fields that agree (exact or fuzzy): the composable part of the score.
    Missing fields add nothing; they never stand in for agreement."""
    return sum(1 for v in levels.values() if v in (Level.EXACT, Level.FUZZY))


def compare(a: MatchKeys, b: MatchKeys, policy: Policy, levels: bool = True) -> Comparison:
    """Verdict, score (0..100), reasons and field levels for one candidate pair.

    The engine asks without `levels` (most pairs are never shown) and adds them with
    `add_levels` to the pairs it reports."""
    c = _compare(a, b, policy)
    if levels and c.verdict != DIFFERENT:
        add_levels(c, a, b, policy)
    return c


def add_levels(c: Comparison, a: MatchKeys, b: MatchKeys, policy: Policy) -> Comparison:
    """Fill `c.levels` (the field levels `dupes --format table` shows)."""
    if not c.levels:
        ts = title_similarity(a.title, b.title, policy) if a.title and b.title else None
        c.levels = field_levels(a, b, ts, policy)
    return c


def _compare(a: MatchKeys, b: MatchKeys, policy: Policy) -> Comparison:
    shared = shared_identifier(a, b)
    both_titled = bool(a.title and b.title)
    ts = title_similarity(a.title, b.title, policy) if both_titled else None
    if ts is not None and ts < policy.title_accept and (a.title_head or b.title_head):
        ts = max(ts, _head_similarity(a, b))
    shared_r = _r(Code.SAME_ID, shared.split(" ", 2)[1].lower(), shared) if shared else None
    if shared_r and ts is not None and ts < policy.id_title_min:
        # a retitled record, or an identifier pasted into the wrong record: a person decides
        # (and `check` reports it); its score is the title similarity, so it ranks last
        doubt = _r(Code.IDS_TITLES_DIFFER, "title", f"but titles differ (title {_fmt(ts)})")
        return Comparison(REVIEW, ts, [shared_r, doubt])
    why = conflict(a, b, shared)
    kinds = ""
    if why is not None and why.code is _VERSIONS:
        kinds, why = why.detail, None
    if why is not None:
        if (
            ts is not None
            and not shared
            and reprinted_abstract(a, b, ts) == TWO_JOURNALS
            and _locator_conflict(a, b) == why
        ):
            return Comparison(
                REVIEW,
                ts,
                [
                    _r(Code.TITLE, "title", f"title {_fmt(ts)}"),
                    _r(Code.AUTHORS, "author", f"same {len(a.surnames)} authors"),
                    _r(Code.YEAR, "year", f"year {a.year}"),
                    _r(
                        Code.TWO_JOURNALS,
                        "journal",
                        f"one meeting abstract in two journals? ({_where(a)} and {_where(b)})",
                    ),
                ],
            )
        if _volume_typo(a, b, ts, why, policy):
            _, people = authors_agree(a, b)
            reasons = [
                _r(Code.TITLE, "title", f"title {_fmt(ts or 0)}"),
                _r(Code.AUTHORS, "author", people),
                _r(Code.YEAR, "year", f"year {a.year}"),
                _r(Code.PAGES, "pages", f"pages {_pages(a)}"),
                _r(Code.VOLUME_TYPO, "volume", f"but {why}: a typo?"),
            ]
            return Comparison(REVIEW, ts or 0.0, reasons)
        return Comparison(DIFFERENT, 0.0, [why])
    gap, year_reason = _year_reason(a, b)
    auth, auth_text = authors_agree(a, b)
    auth_reason = _r(Code.AUTHORS, "author", auth_text)
    slip = None
    if not shared and a.volume and b.volume and a.volume != b.volume and volume_slip(a, b):
        # `conflict` let the volumes differ: one journal, year and page range
        slip = _r(Code.VOLUME_SLIP, "volume", f"volumes {a.volume} vs {b.volume}: a typo")
    if slip is not None and not _slip_placed(a, b, ts, auth, policy):
        # the slot allows one article; the title, the people and the venue must say it is
        # one, or the locators' conflict stands (a volume typo is still shown to a person)
        if ts is not None and ts >= policy.title_accept and auth in ("match", "partial"):
            reasons = [
                _r(Code.TITLE, "title", f"title {_fmt(ts)}"),
                auth_reason,
                _r(Code.YEAR, "year", f"year {a.year}"),
                _r(Code.PAGES, "pages", f"pages {_pages(a)}"),
                _r(Code.VOLUME_TYPO, "volume", f"but volumes {a.volume} vs {b.volume}: a typo?"),
            ]
            return Comparison(REVIEW, ts, reasons)
        why = Conflict(_VOLUMES, "volume", f"volumes {a.volume} vs {b.volume}")
        return Comparison(DIFFERENT, 0.0, [why])
    versions = _version_pair(a, b)
    if shared_r:
        reasons = [shared_r]
        if ts is not None:
            reasons.append(_r(Code.TITLE, "title", f"title {_fmt(ts)}"))
        reasons += [auth_reason, year_reason]
        if auth == "conflict" and (ts is None or ts < policy.title_accept):
            doubt = _r(Code.AUTHORS_DISAGREE, "author", "authors disagree")
            return Comparison(REVIEW, ts or 50.0, [*reasons, doubt])
        score = max(ts if ts is not None else 95.0, 95.0)
        return _maybe_version(versions, score, reasons, policy)
    if ts is not None:
        c = _compare_titled(a, b, ts, gap, year_reason, auth, auth_reason, versions, policy)
        if slip is not None and c.verdict == MATCH:
            c = Comparison(MATCH, c.score, [*c.why, slip])
        if kinds:
            return _kinds_version(c, kinds, policy)
        if c.verdict == MATCH and gap and a.tclass in _BOOKISH and b.tclass in _BOOKISH:
            # a book a year later is as often another printing or edition as a typo
            doubt = _r(Code.BOOK_YEARS, "year", "books in different years")
            return Comparison(REVIEW, c.score, [*c.why, doubt])
        if c.verdict == MATCH and _book_and_article(a, b):
            # the journal's review of the book under the book's author (some databases list
            # it so), or the author's paper of the book's title; a monograph exported as an
            # article of its series is the one case that is one work, so it is asked about
            doubt = _r(Code.BOOK_VS_ARTICLE, "entrytype", "but a book vs a journal article")
            return Comparison(REVIEW, c.score, [*c.why, doubt])
        return c
    if kinds:
        return Comparison(DIFFERENT, 0.0, [_r(Code.VERSIONS, "venue", kinds)])
    return _compare_untitled(a, b, gap, year_reason, auth, auth_reason, policy)


# How close the opening of a run-on title's tail must be to the other record's venue (folded
# spellings of one venue: `information and computation`, `machine learning 5 197 227`).
_TAIL_VENUE = 90
_TAIL_RUN = 3
_CONTAINER_WORDS = 2  # "in" and at least two words of the container's name
_SUBTITLE_IN = frozenset(
    ("vitro", "vivo", "situ", "silico", "utero", "vacuo", "memoriam")  # a method, an obituary
) | frozenset(("search", "defence", "defense", "praise", "reply", "response"))  # essays, replies


def _head_similarity(a: MatchKeys, b: MatchKeys) -> float:
    """Title similarity when a venue-less paper's title ran on into its venue: its part
    before the sentence break against the other's title."""
    best = 0.0
    if a.title_head and _tail_is_venue(a.title_tail, b.venue, b.volume):
        best = ratio(a.title_head, b.title)  # never head against head: two subtitles differ
    if b.title_head and _tail_is_venue(b.title_tail, a.venue, a.volume):
        best = max(best, ratio(a.title, b.title_head))
    return best


def _numbers_of_run_on(a: MatchKeys, b: MatchKeys) -> tuple[MatchKeys, MatchKeys] | None:
    """The pair with a run-on venue's numbers left out of the title's numbers (where a title's
    tail is the other record's venue and holds numbers), or None."""
    out = []
    changed = False
    for x, y in ((a, b), (b, a)):
        if x.title_head and x.numbers and _tail_is_venue(x.title_tail, y.venue, y.volume):
            own = title_numbers(x.title_head)
            if own != x.numbers:
                x = replace(x, numbers=own)
                changed = True
        out.append(x)
    return (out[0], out[1]) if changed else None


def _tail_is_venue(tail: str, venue: str, volume: str = "") -> bool:
    """What followed the title's break is a container: it opens with the other record's
    venue, or is that venue shortened (its words in order), or opens with "In" as every
    citation style writes a container. The venue ran on into the title. Any other tail ("a
    reply to critics", "part 2") is the title's own and makes it another work."""
    if not tail:
        return False
    if tail.startswith("in ") and tail.count(" ") >= _CONTAINER_WORDS:
        # "Title. In Proceedings of ...", "Title. In: Editor (ed.), Book": every citation
        # style opens the container with "In"; what follows is the container, whatever its
        # name, and the head is the title. A subtitle may open with "In" too: a study's
        # method ("In vitro studies" and "In vivo studies" are two papers), an obituary, an
        # essay's or a reply's stock opening; those stay the title's own
        return tail.split()[1] not in _SUBTITLE_IN
    if not venue:
        return False
    words = venue.split()
    if ratio(" ".join(tail.split()[: len(words)]), venue) >= _TAIL_VENUE:
        return True
    # a shortened venue ("neural information processing 8" for "advances in neural
    # information processing systems" volume 8): every word of the tail, in order, among the
    # venue's words; its numbers are the venue's or the record's volume
    run = [w for w in tail.split() if not w.isdigit()]
    if len(run) < _TAIL_RUN or sum(w not in STOPWORDS for w in run) < _TAIL_RUN - 1:
        return False
    rest = iter(w for w in words if not w.isdigit())
    numbers = {w for w in words if w.isdigit()} | {volume}
    return all(w in rest for w in run) and all(w in numbers for w in tail.split() if w.isdigit())


def _book_and_article(a: MatchKeys, b: MatchKeys) -> bool:
    """One record is a book, the other an article in a named journal."""
    for x, y in ((a, b), (b, a)):
        if x.tclass == "book" and y.tclass == "article" and y.venue_kind == "journal":
            return True
    return False


def _kinds_version(c: Comparison, kinds: str, policy: Policy) -> Comparison:
    """A pair that would merge but for its venue kinds is two versions of one work; anything
    less is two works (a workshop talk and a journal paper sharing a few words)."""
    reason = _r(Code.VERSIONS, "venue", kinds)
    if c.verdict == MATCH:
        return Comparison(MATCH if policy.merge_versions else VERSION, c.score, [*c.why, reason])
    return Comparison(DIFFERENT, c.score, [*c.why, reason])


def _maybe_version(
    versions: bool, score: float, reasons: list[Reason], policy: Policy
) -> Comparison:
    if versions:
        reasons = [*reasons, _r(Code.PREPRINT, "venue", "preprint vs published")]
        return Comparison(MATCH if policy.merge_versions else VERSION, score, reasons)
    return Comparison(MATCH, score, reasons)


def _compare_titled(
    a: MatchKeys,
    b: MatchKeys,
    ts: float,
    gap: int | None,
    year_reason: Reason,
    auth: str,
    auth_reason: Reason,
    versions: bool,
    policy: Policy,
) -> Comparison:
    title_r = _r(Code.TITLE, "title", f"title {_fmt(ts)}")
    if ts < policy.title_review:
        if (
            ts >= policy.title_translated
            and gap == 0
            and auth == "match"
            and _same_printed_range(a, b)
            and _real_range(a)  # two notes by one author can share a page ("site reports")
        ):
            # a translated or reworded title at the same year, volume and page range
            where = _r(
                Code.TRANSLATED_TITLE,
                "pages",
                f"volume {slot_volume(a)}, pages {_pages(a)} agree",
            )
            return Comparison(MATCH, ts, [title_r, auth_reason, year_reason, where])
        reworded = _reworded(a, b, gap, auth, policy)
        if reworded is not None:
            same = _r(Code.VENUE, "venue", "same venue")
            return Comparison(MATCH, ts, [title_r, auth_reason, year_reason, same, reworded])
        return Comparison(DIFFERENT, ts, [title_r])
    n_facts, facts, same_venue = _corroboration(a, b)
    reasons = [title_r, auth_reason, year_reason, *facts]
    if reprinted_abstract(a, b, ts) == SAME_SUPPLEMENT and _locator_conflict(a, b):
        reasons.append(
            _r(
                Code.REPRINTED_ABSTRACT,
                "pages",
                f"one meeting abstract printed twice ({_where(a)} and {_where(b)})",
            )
        )
        # without an identifier, a person may want to confirm
        return Comparison(REVIEW if policy.review_reprinted_abstract else MATCH, ts, reasons)
    if auth == "conflict":
        if _issues_differ(a, b):
            # other people in another issue: a recurring column ("Chairman's report"), not a copy
            issues = _r(Code.ISSUES, "number", f"issues {a.issue} vs {b.issue}")
            return Comparison(DIFFERENT, ts, [*reasons, issues])
        if (
            ts >= policy.title_accept
            and gap == 0
            and _same_locator(a, b)
            and same_venue
            and not _issues_differ(a, b)
        ):
            # a corporate author or swapped name parts; title and locator settle it
            why = _r(Code.CORPORATE_AUTHOR, "author", "authors disagree; title and locator agree")
            return Comparison(MATCH, ts, [*reasons, why])
        return Comparison(REVIEW if ts >= policy.title_accept else DIFFERENT, ts, reasons)
    # Journal names differ only by abbreviation; conference names vary too much to tell.
    venue_conflict = (
        a.tclass == b.tclass == "article" and bool(a.venue and b.venue) and not same_venue
    )
    # Short or generic titles ("Editorial", "Blue Sky Research" on every back cover) say
    # little: only the same pages, or the same people at the same venue, make them one work.
    words = min(a.title.count(" "), b.title.count(" ")) + 1
    short = words < policy.short_title_words
    # page 1 starts every book and every issue paginated on its own: a shared first page 1
    # places a short title only at one venue ("Introduction", pp. 1-10 and 1-8, in two books)
    pages_place = bool(a.page_first and a.page_first == b.page_first) and (
        a.page_first != "1" or same_venue
    )
    if short and not pages_place:
        if ts < policy.title_accept:
            # in a title of three words or fewer, a different word is a different title
            why = _r(Code.SHORT_TITLE, "title", "short titles differ")
            return Comparison(DIFFERENT, ts, [*reasons, why])
        # a title the input carries more than twice is a column's name ("Editor's Notes")
        recurring = max(a.title_count, b.title_count) > policy.recurring_title_count
        # a short title is weak evidence: several agreeing people, or one person at the
        # same venue, make up for it
        people = min(len(a.surnames), len(b.surnames))
        # two chapters in books of other titles: a generic chapter title in each ("Introduction")
        two_books = a.tclass == b.tclass == "chapter" and bool(a.venue and b.venue)
        if recurring or not (
            auth == "match"
            and gap == 0
            and (same_venue or (people >= 2 and not venue_conflict and not two_books))
            and not _issues_differ(a, b)
        ):
            why = _r(Code.SHORT_TITLE, "title", "short title, no pages to tell")
            return Comparison(REVIEW, ts, [*reasons, why])
    if (
        (a.column_title or b.column_title)
        and len(a.surnames) == len(b.surnames) == 1
        and not (a.page_first and a.page_first == b.page_first)
        and not _same_issue(a, b)
    ):
        # a column's name ("Reminiscences on Influential Papers") under its editor alone,
        # without pages or issue: one year's instalments cannot be told apart
        why = _r(Code.COLUMN_TITLE, "title", "a recurring column's name, no pages or issue to tell")
        return Comparison(REVIEW, ts, [*reasons, why])
    needed = policy.corroboration
    if versions:
        if ts >= policy.title_accept and auth == "match":
            return _maybe_version(True, ts, reasons, policy)
        why = _r(Code.PREPRINT, "venue", "preprint vs published")
        return Comparison(REVIEW, ts, [*reasons, why])
    if gap is None and a.year is None and b.year is None:
        n_facts -= 1  # two undated records: demand one more fact
    strong_title = ts >= policy.title_accept
    if (
        auth in ("match", "partial")
        and gap == 0
        and _same_printed_locator(a, b)
        and not venue_conflict
    ):
        # year, volume and first page locate one article; the title only has to be close
        return Comparison(MATCH, ts, reasons)
    if (
        auth == "match"
        and gap == 0
        and strong_title
        and not venue_conflict
        and (not short or n_facts >= needed - 1)
    ):
        return Comparison(MATCH, ts, reasons)
    if auth in ("match", "partial") and strong_title and n_facts >= needed:
        return Comparison(MATCH, ts, reasons)
    if auth == "match" and ts >= policy.title_corroborated and n_facts >= needed:
        return Comparison(MATCH, ts, reasons)
    if (
        gap == 0
        and ts >= policy.title_corroborated
        and bool(a.venue and b.venue)
        and not venue_conflict
        and auth == "match"
        and len(a.surnames) == len(b.surnames) >= policy.team_size
        and set(a.surnames) == set(b.surnames)
    ):
        # the whole team of three or more, the same year, a close title (a subtitle or a
        # word changed between two printings), both placed at a venue (journal names must
        # agree; conference names vary too much to tell): independent fields agreeing
        return Comparison(MATCH, ts, reasons)
    if (
        gap == YEAR_GAP
        and auth == "match"
        and strong_title
        and not short
        and same_venue
        and min(len(a.surnames), len(b.surnames)) >= policy.year_apart_people
        and a.tclass == b.tclass
        and (_same_locator(a, b) or _meeting_then_print(a, b))
    ):
        # a meeting's proceedings are often printed the year after it ("Crypto '93" in
        # 1994), as a journal's print issue follows online-first (same volume and first
        # page): one work. Without that evidence the same people, title and venue a year
        # apart are as likely a recurring report or a yearly shared-task overview
        # ("... Statistics Update" in 2019 and 2020): two works, left to review.
        return Comparison(MATCH, ts, reasons)
    if auth == "unknown" and strong_title and gap == 0 and n_facts >= needed:
        return Comparison(MATCH, ts, reasons)
    if (
        gap is None
        and auth == "match"
        and strong_title
        and not short
        and same_venue
        and min(len(a.surnames), len(b.surnames)) >= policy.undated_people
    ):
        # an undated record (a citation that lost its year): a long title, the same people
        # and the same venue are three independent fields agreeing; the missing year adds
        # nothing (without a venue, an undated record could be either version of a work)
        return Comparison(MATCH, ts, reasons)
    if (
        gap is None
        and auth == "match"
        and strong_title
        and not short
        and not (a.venue if a.year is None else b.venue)
        and (
            (a.one_version and b.one_version)
            or _dated_by_citation(a, b)
            or _dated_by_citation(b, a)
        )
        and min(len(a.surnames), len(b.surnames)) >= policy.undated_people
    ):
        # a citation stating neither year nor venue (a reference list's bare "Author, Title")
        # could be any version of its work; where the input holds one version, the long
        # title and the same people place it
        why = _r(Code.ONE_VERSION, "year", "undated, no venue: the only version of this work")
        verdict = REVIEW if policy.review_undated_bare else MATCH
        return Comparison(verdict, ts, [*reasons, why])
    if same_venue and not short:
        reworded = _reworded(a, b, gap, auth, policy)
        if reworded is not None:
            return Comparison(MATCH, ts, [*reasons, reworded])
    return Comparison(REVIEW, ts, reasons)


def _reworded(
    a: MatchKeys, b: MatchKeys, gap: int | None, auth: str, policy: Policy
) -> Reason | None:
    """A title reworded between two sources ("An Open Storage System for Abstract Objects" /
    "An open abstract-object storage system"; a word added, "almost as well as"): the same
    people (every one, any order), the same year and the same venue place one work, and
    the content words, in any order, say it is that work. Two works of one team at one
    venue in one year share words too, so one title's words must all be the other's, and
    most of them (`content_overlap`)."""
    if gap != 0 or auth != "match" or len(a.surnames) != len(b.surnames):
        return None
    if set(a.surnames) != set(b.surnames) or not venue_agrees(a.venue, b.venue):
        return None
    shared = content_overlap(a.title, b.title, policy.short_title_words)
    if shared < policy.title_reworded:
        return None
    return _r(
        Code.REWORDED_TITLE, "title", f"title reworded ({shared:.0%} of content words shared)"
    )


def _joined(words: list[str], other: set[str]) -> list[str]:
    """Two neighbouring words written as one word of the other title are that word
    ('abstract object' / 'abstractobject', 'on line' / 'online': hyphens and line breaks)."""
    return glued(words, lambda first, second: first + second in other)


_STEM = 5  # words cut to five letters: 'objects'/'object', 'learning'/'learn'


def content_overlap(a: str, b: str, min_words: int) -> float:
    """The share of content words (stems, stop words and numbers left out, any order) two
    folded titles have in common (Jaccard), when one title's content words are all words of
    the other (words reordered, added or dropped; a word put in another's place, `lower
    bounds` / `upper bounds`, a negation added, `not learnable`, a companion item's word,
    `supplementary material`, or a number on one side only, is another title); 0
    otherwise, or when either has fewer than `min_words`."""
    wa, wb = a.split(), b.split()
    wa, wb = _joined(wa, set(wb)), _joined(wb, set(wa))
    sa = {w[:_STEM] for w in wa if w not in STOPWORDS and not w.isdigit()}
    sb = {w[:_STEM] for w in wb if w not in STOPWORDS and not w.isdigit()}
    if len(sa) < min_words or len(sb) < min_words:
        return 0.0
    shared = len(sa & sb)
    if shared != min(len(sa), len(sb)) or (sa ^ sb) & _OTHER_CLAIM:
        return 0.0
    if {w for w in wa if w.isdigit() or w in _NUMERALS} != {
        w for w in wb if w.isdigit() or w in _NUMERALS
    }:
        return 0.0  # a number on one side only: a part or a sequel ("… II. Experiments")
    return shared / (len(sa) + len(sb) - shared)


# A word that denies the rest ("… are not learnable") makes another claim, another title;
# a word that names a companion item of a paper ("X: supplementary material", "Reply to
# X", "X revisited", "X (extended abstract)", "Data for X") names that item, not the paper.
# (Stems: words cut to `_STEM` letters, as `content_overlap` compares them.)
_OTHER_CLAIM = frozenset(
    {"not", "no", "non", "never", "witho", "canno", "nor"}  # negations
    | {"suppl", "appen", "errat", "corri", "corre", "reply", "respo", "comme", "discu"}
    | {"poste", "abstr", "summa", "revis", "conti", "exten", "data", "datas", "code"}
    | {"softw", "prefa", "forew", "intro", "edito", "addit", "adden", "rejoi"}
)  # (not session labels, "tutorial", "panel", "demo", "keynote", "slides": one side alone
#    labels one talk, as 26 of dblp_acm's 42 labelled pairs with one show)
_NUMERALS = frozenset("ii iii iv v vi vii viii ix x xi xii".split())


def _dated_by_citation(bare: MatchKeys, dated: MatchKeys) -> bool:
    """The undated record's citation year (written before its title) is the other's year,
    and the input's records of the work dated that year are one version: the year picks the
    version. Exactly that year: a year off is how a work's next version is dated (a 1997
    conference paper, its 1998 journal version)."""
    return (
        bare.year is None
        and bare.cited_year is not None
        and bare.cited_year == dated.year
        and bare.one_version
    )


def count_versions(keys: Sequence[MatchKeys]) -> None:
    """Set `one_version` on every record: whether the records sharing its title (spaces
    aside: PDF text loses and adds them) and first author that state a year or a venue
    kind state one version of the work (years at most `YEAR_GAP` apart, one kind).

    A citation that states neither year nor venue could be any version of its work; it is
    placed only where the input holds one (splink's term frequency, applied to versions)."""
    years: dict[str, set[int]] = {}
    kinds: dict[str, set[str]] = {}
    work = [f"{k.title.replace(' ', '')}|{k.first_author}" if k.title else "" for k in keys]
    workshops: dict[str, set[str]] = {}  # work -> its workshops' venues
    for k, w in zip(keys, work, strict=True):
        if w and k.venue_kind == "workshop":
            workshops.setdefault(w, set()).add(_without_numbers(k.venue))
    kind_of = [
        _meeting_kind(k, workshops[w]) if w in workshops else k.venue_kind
        for k, w in zip(keys, work, strict=True)
    ]
    for k, w, kind in zip(keys, work, kind_of, strict=True):
        if w:
            if k.year is not None:
                years.setdefault(w, set()).add(k.year)
            if kind:
                kinds.setdefault(w, set()).add(kind)
    dated: dict[tuple[str, int], set[str]] = {}  # (work, year) -> kinds stated that year
    if any(k.cited_year is not None for k in keys):
        for k, w, kind in zip(keys, work, kind_of, strict=True):
            if w and k.year is not None:
                dated.setdefault((w, k.year), set()).add(kind)
    for k, w in zip(keys, work, strict=True):
        if k.cited_year is not None and w:
            # the citation's year picks the version: the input's records of the work dated
            # that year must be one version (one kind; an unknown kind tells nothing)
            found_kinds = dated.get((w, k.cited_year), set())
            k.one_version = bool(found_kinds) and len(found_kinds - {""}) <= 1
            continue
        found = years.get(w, ())
        k.one_version = (not found or max(found) - min(found) <= YEAR_GAP) and len(
            kinds.get(w, ())
        ) <= 1


def _meeting_kind(k: MatchKeys, workshops: set[str]) -> str:
    """A record's kind, where a meeting named by its acronym alone (`in COLT-91`, typed a
    conference by its entry type only) is the workshop of that name among `workshops`."""
    if k.venue_kind != "conference" or named_kind(k.venue):
        return k.venue_kind
    bare = _without_numbers(k.venue)
    if _meeting_name(bare) and any(acronym_names_meeting(bare, v) for v in workshops):
        return "workshop"
    return k.venue_kind


def _abstract_similarity(a: str, b: str) -> float | None:
    if len(a) < 50 or len(b) < 50:
        return None
    n = min(len(a), len(b), 1000)
    return Indel.normalized_similarity(a[:n], b[:n]) * 100


def _compare_untitled(
    a: MatchKeys,
    b: MatchKeys,
    gap: int | None,
    year_reason: Reason,
    auth: str,
    auth_reason: Reason,
    policy: Policy,
) -> Comparison:
    reasons = [_r(Code.TITLE_MISSING, "title", "title missing"), auth_reason, year_reason]
    if auth != "match" or a.surnames[0] != b.surnames[0]:
        return Comparison(DIFFERENT, 0.0, reasons)
    sim = _abstract_similarity(a.abstract, b.abstract)
    if sim is not None:
        reasons.append(_r(Code.ABSTRACT, "abstract", f"abstract {_fmt(sim)}"))
        if sim >= policy.abstract_accept and (gap is None or gap == 0):
            return Comparison(MATCH, sim, reasons)
        if sim >= policy.abstract_accept - policy.abstract_review_margin:
            return Comparison(REVIEW, sim, reasons)
        return Comparison(DIFFERENT, sim, reasons)
    same_place = (
        gap == 0
        and a.volume
        and a.volume == b.volume
        and a.page_first
        and a.page_first == b.page_first
        and venue_agrees(a.venue, b.venue)
    )
    if same_place:
        where = _r(Code.PAGES, "pages", f"venue, volume {a.volume}, pages {_pages(a)} agree")
        # without a title or abstract, a person may want to confirm
        verdict = REVIEW if policy.review_untitled_by_locator else MATCH
        return Comparison(verdict, 90.0, [*reasons, where])
    if gap == 0 and venue_agrees(a.venue, b.venue):
        why = _r(Code.TOO_LITTLE, "venue", "same venue, too little else to tell")
        return Comparison(REVIEW, 70.0, [*reasons, why])
    return Comparison(DIFFERENT, 0.0, reasons)
