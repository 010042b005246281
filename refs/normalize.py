"""Match keys: the normalised values duplicate detection compares.

Everything here must stay cheap (it runs once per record, up to millions of times):
a few regular expressions with fast paths for plain ASCII text, never a full LaTeX
decoder. The keys are plain data so that later stages could equally run as columns
in a dataframe or a SQL engine.
"""

from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache

from .grammar.dates import YEAR, year_of_fields
from .grammar.ids import ARXIV_AFTER_LABEL, PMID, find_dois, isbns, normalise_arxiv
from .grammar.ids import is_preprint_doi as is_preprint_doi  # dedupe.compare asks for it here
from .grammar.latex import fold_for_matching
from .grammar.pages import is_article_number, page_range
from .grammar.venue import journal_of, venue_of
from .model import Reference
from .names import parse_bibtex_names, surname_given

# ---------------------------------------------------------------- text folding

_TRAILING_TAG = re.compile(r"\s*[\[(][A-Za-z][A-Za-z ,.-]{1,40}[\])]\s*\.?\s*$")
# Bracketed words at the end of a title that are database tags, not part of the title.
_TAG_WORDS = {
    "chinese",
    "german",
    "french",
    "spanish",
    "japanese",
    "russian",
    "italian",
    "portuguese",
    "polish",
    "dutch",
    "korean",
    "turkish",
    "czech",
    "hungarian",
    "danish",
    "swedish",
    "norwegian",
    "finnish",
    "hebrew",
    "persian",
    "croatian",
    "serbian",
    "greek",
    "ukrainian",
    "english",
    "abstract",
    "review",
    "editorial",
    "letter",
    "in",
    "article",
    "author",
    "transl",
    "translation",
    "s",
    "with",
    "summary",
}


# The label of a demonstration or poster track ("Demo Abstract", "Demonstration Description",
# "Poster"): read as the record's kind (`_DEMO_LABEL` below), never as words of the title.
_DEMO_WORDS = r"(?:demo|demonstration|poster)(?:\s+(?:description|abstract|paper))?"

# What kind of talk a conference program printed beside the title ("(Tutorial)", "(Panel)",
# "(Demonstration Description)"): a label of the session, not words of the title.
_SESSION_LABEL = re.compile(
    r"\s*[(\[](?:(?:tutorial|panel)(?: session| abstract)?|panel discussion"
    r"|keynote(?: address| talk)?|invited talk"
    rf"|experience paper|industrial paper|{_DEMO_WORDS}"
    r"|short version|abstract|extended abstract|short paper|book review)[)\]]"
    r"|\s+[-–—]\s+book review\s*$",  # "<the reviewed book's title> - Book Review"
    re.IGNORECASE,
)


# A demonstration or poster label ("(Demo Abstract)", "(Demonstration Description)",
# "Demonstration: ...", "(Poster)"): demo and poster tracks publish their own short item beside
# the full paper, often under its title, and the label is the one field that names that item.
# The label is dropped from the title for comparing (above) and read here as the record's kind
# (`demo`): against an unlabelled record of the same title the pair is two versions, linked and
# not merged, because a database may drop the label from the demo itself (docs/matching.md, "A
# demo or poster label names its own item").
_DEMO_LABEL = re.compile(rf"[(\[]\s*{_DEMO_WORDS}\s*[)\]]", re.IGNORECASE)
_DEMO_PREFIX = re.compile(r"(?:demo|demonstration|poster)\s*:", re.IGNORECASE)


def demo_labelled(raw_title: str) -> bool:
    """Whether a title carries a demonstration or poster label (see `_DEMO_LABEL`). Every
    record's title is asked, so plain substring tests come first (a regex search costs
    some 40 times more)."""
    if raw_title[:1] in ("D", "d", "P", "p") and _DEMO_PREFIX.match(raw_title):
        return True
    if "(" not in raw_title and "[" not in raw_title:
        return False
    low = raw_title.lower()
    return ("demo" in low or "poster" in low) and _DEMO_LABEL.search(raw_title) is not None


def _strip_title_tags(title: str) -> str:
    """Drop a trailing `[Chinese]` / `(Author's transl)` tag, session labels ("(Tutorial)")
    and outer brackets of translated titles."""
    if "(" in title or "[" in title or title.endswith(("Review", "review", "REVIEW")):
        title = _SESSION_LABEL.sub("", title)
    end = title.rstrip(" .")[-1:]
    m = _TRAILING_TAG.search(title) if end in ("]", ")") else None
    if m and m.start() > 0:
        words = set(fold_for_matching(m.group()).split())
        if words and words <= _TAG_WORDS:
            title = title[: m.start()]
    title = title.strip().rstrip(".").strip()
    if title.startswith("[") and title.endswith("]"):
        title = title[1:-1]
    return title


# A correction notice names the article it corrects at the end of its title:
# "... (vol 360, pg 542, 2009)" (Web of Science) or
# "... (New England Journal of Medicine (2009) 360 (542-544))" (Embase).
_CORRECTED_CITATION = re.compile(
    r"\s*\((?:vol\.? ?\d+,? pg\.? ?\d+[^()]*"
    rf"|[^()]*\({YEAR}\)\s*\d+[^()]*(?:\(\d+(?:-\d+)?\))?[^()]*)\)\s*\.?\s*$",
    re.IGNORECASE,
)


def split_correction(title: str) -> tuple[str, bool]:
    """(title without the corrected article's citation, whether there was one).

    The citation differs by database, so it is taken off before titles are compared;
    its presence marks the record as a correction notice.
    """
    if title.rstrip(" .").endswith(")"):
        m = _CORRECTED_CITATION.search(title)
        if m and m.start() > 0:
            return title[: m.start()], True
    return title, False


# A journal's section label before the title ("SPECIAL ISSUE: ...", "Invited Article - ...",
# "SIM Competition Paper - ..."): a heading of the issue, not part of the work's title.
_SECTION_PREFIX = re.compile(
    r"^\s*(?:special (?:issue|section)(?: (?:article|paper))?|invited (?:article|paper|review|talk|contribution)"
    r"|original (?:article|research|paper)|research (?:article|paper)|review article"
    r"|[A-Za-z]{2,6} competition paper)\s*(?::|\s[-–—]|-)\s*",
    re.IGNORECASE,
)
# A footnote mark after the title ("... Systems*", "... Systems$^1$", "... Systems†").
_FOOTNOTE_MARK = re.compile(r"(?:\s*(?:[*†‡§¹²³]+|\$\^\{?[\d*]\}?\$|\\footnote\{[^{}]*\}))+\s*$")


def fold_title(title: str) -> str:
    """The title as matching sees it (section labels and footnote marks taken off)."""
    if not title:
        return ""
    head = title[:45]
    if ":" in head or "-" in head or "–" in head or "—" in head:  # (cheap test first)
        m = _SECTION_PREFIX.match(title)
        if m and m.end() < len(title):
            title = title[m.end() :]
    if title[-1:] in "*†‡§¹²³$}":
        title = _FOOTNOTE_MARK.sub("", title)
    return fold_for_matching(_strip_title_tags(title))


# An author-year citation split in the wrong place leaves its tail of names and the year
# at the start of the title: "(1989) Cryptographic limitations ...", "Mansour (1996).
# Applying ...", "Valiant [1987]. 'On the learnability ...", "The PRISMA Group (2009).
# Preferred Reporting Items ..." (Cora's parsed citations; a haematology export). A
# bracketed year cannot begin a work's title, and a year with a full stop after a few words
# is the citation's date, so both are taken off when the record states no other year. The
# year itself is not given to an undated record: which version it dates is unknown.
_CITED_YEAR = re.compile(
    r"^\s*(?:[(\[]\s*((?:1[5-9]|20)\d\d)[a-z]?\s*[)\]]\s*[.:,]?"  # "(1989) ..."
    r"|(?:[\w.,'&-]+\s+){1,3}?[(\[]?((?:1[5-9]|20)\d\d)[a-z]?[)\]]?\s*\.)"  # "Lee (1997). ..."
    r"\s*['\"`]*\s*(?=\w)",
    re.IGNORECASE,
)


def split_cited_year(title: str) -> tuple[str, int | None]:
    """(title without a leading citation year and the names before it, that year or None)."""
    if not title or ("(" not in title[:40] and "[" not in title[:40] and "." not in title[:40]):
        return title, None
    m = _CITED_YEAR.match(title)
    if not m or m.end() >= len(title):
        return title, None
    return title[m.end() :], int(m.group(1) or m.group(2))


# ---------------------------------------------------------------- identifiers

_DIGITS = re.compile(r"\d+")


# ---------------------------------------------------------------- pages, numbers


def first_number(value: str) -> str:
    if value.isdigit():
        return value.lstrip("0") or "0"
    m = _DIGITS.search(value) if value else None
    return (m.group().lstrip("0") or "0") if m else ""


def year_of(ref: Reference) -> int | None:
    """The record's year, as keys and `check` read it too (`refs/grammar/dates.py`)."""
    return year_of_fields(ref.fields)


# A citation parser that misses the end of a title runs the venue and more into it ("A
# general lower bound ... for learning. Information and Computation", "The strength of weak
# learnability. Machine Learning 5 197-227"): a paper (`@article`, `@inproceedings`) with no
# venue of its own whose title has a sentence break after four words or more. A closing quote
# with a comma ends a title as a full stop does (IEEE and ACM styles quote it: `"Title," in
# Proc. ...`, which a parser that misses the quote runs on: `..., training-test split',
# neural information processing 8`).
_PAPER_TYPES = ("article", "inproceedings", "conference")
_SENTENCE_BREAK = re.compile(r"(?<=[a-z0-9)])(?:\.|,['\"]|['\"],)\s*(?=[A-Za-z'\"`])")
_HEAD_WORDS = 4


def title_head(raw_title: str) -> str:
    """The folded title before its first sentence break, or "" (none, or too short)."""
    return title_run_on(raw_title)[0]


def title_run_on(raw_title: str) -> tuple[str, str]:
    """(head, tail): the folded title before its first sentence break and what follows it
    folded as a venue is, or ("", "") (no break, or a head too short). The tail is kept
    because only a tail that is the other record's venue shows a run-on venue: any other
    tail ("… parsers. A reply to critics", "… Part 2") is the title's own, another work."""
    if "." not in raw_title and "'" not in raw_title and '"' not in raw_title:
        return "", ""
    m = _SENTENCE_BREAK.search(raw_title)
    if not m:
        return "", ""
    head = fold_title(raw_title[: m.start()])
    if head.count(" ") < _HEAD_WORDS - 1:
        return "", ""
    return head, fold_for_matching(raw_title[m.end() :])


_RANGE = re.compile(r"\d\s*[-–—]+\s*\d")


def volume_number(value: str) -> str:
    """The volume's number; a range ('299 - 347': a page range parsed into `volume`, or a
    combined issue '3-4') is no clean volume, so it is neutral rather than a conflict."""
    if not value or value.isdigit():
        return value.lstrip("0") or "0" if value else ""
    return "" if _RANGE.search(value) else first_number(value)


# ---------------------------------------------------------------- names

_AND = re.compile(r"\s+and\s+", re.IGNORECASE)


_SUFFIXES = {"jr", "sr", "ii", "iii", "iv", "jnr", "snr"}


@lru_cache(maxsize=100_000)  # surnames repeat across records and name orders
def surname_key(last: str) -> str:
    """The last word of the folded surname: particles and suffixes are spelt and placed so
    differently across databases ('van Kessel' / 'Kessel', 'Le Quintrec' / 'Quintrec',
    'Lynch Jr') that only the final word is stable."""
    if last.isalpha() and last.isascii():
        return last.lower()
    words = [w for w in fold_for_matching(last).split() if w not in _SUFFIXES]
    return words[-1] if words else ""


def _initial(first: str) -> str:
    head = first.lstrip()[:1]  # ("Smith, John": the given name follows a space)
    if head.isalpha() and head.isascii():
        return head.lower()  # fast path: a plain given name or initial
    for ch in first:
        if ch.isalpha():
            return ch.lower() if ch.isascii() else fold_for_matching(ch)[:1]
    return ""


# A list cut short ("J. Smith et al.", "Smith, J., et al"): the mark ends the last name given.
_ET_AL = re.compile(r"[\s,]+et\.?\s+al\b\.?\s*$", re.IGNORECASE)
_ET_AL_ANYWHERE = re.compile(r"et\.?\s+al", re.IGNORECASE)  # (what `_ET_AL` needs)

# Placeholders where a database had no author: no evidence either way.
_NOT_NAMES = {
    "others",
    "et al",
    "et al.",
    "anonymous",
    "anon",
    "anon.",
    "n/a",
    "unknown",
    "[anonymous]",
}
_NOT_NAMES_LONGEST = max(map(len, _NOT_NAMES))  # (a longer name is not looked up)
MAX_AUTHORS = 20  # enough to compare; consortium lists of hundreds cost without telling more


# An organisation named as author ("The Access Team", "Act-Net Consortium"): sources write
# it with or without "The", with the parent body after it ("CORPORATE The Access Team
# Microsoft", ACM's export) or before it, so its own name is what identifies it.
_ORGANISATION_WORDS = frozenset(
    {"team", "consortium", "group", "committee", "collaboration", "council", "association"}
    | {"society", "institute", "foundation", "organization", "organisation", "project"}
    | {"corporation", "corp", "inc", "ltd", "gmbh", "investigators", "taskforce"}
)
_CORPORATE = "corporate"  # ACM's label before an organisation's name


def corporate_key(words: list[str]) -> str:
    """The key of an organisation named as author, or "" for a person: the words before
    the organisation word ("Times-Ten Team" and "CORPORATE TimesTen Team" are `timesten`),
    without a leading "The" or ACM's "CORPORATE" label."""
    low = [w.lower() for w in words]
    corporate = low[0] == _CORPORATE
    if corporate:
        low = low[1:]
    cut = next((i for i, w in enumerate(low) if w in _ORGANISATION_WORDS), -1)
    if cut < 0 and not corporate:
        return ""
    own = low[:cut] if cut > 0 else low if cut < 0 else low[1:]
    if own and own[0] == "the":
        own = own[1:]
    return "".join(fold_for_matching(" ".join(own)).split())


def _plain_name(part: str) -> tuple[str, str]:
    """(surname key, first initial) of one brace-free name."""
    if "," in part:
        last, _, first = part.partition(",")
    else:
        words = part.split()
        if len(words) > 1 and (
            words[-1].lower() in _ORGANISATION_WORDS or words[0].lower() == _CORPORATE
        ):
            key = corporate_key(words)
            if key:
                return key, ""
        cut = _trailing_initials(words)
        if cut:  # "Schapire R.E.": the surname first, the given names' initials after it
            last, first = " ".join(words[:cut]), " ".join(words[cut:])
        else:
            last, first = words[-1], " ".join(words[:-1])
    return surname_key(last), _initial(first)


# One initial with its full stop ("R.", "r.e.", "W.S"): no surname is written this way.
_DOTTED_INITIALS = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]?")


def _trailing_initials(words: list[str]) -> int:
    """Where a name written surname first without a comma ("Heidegger M.", Cora's
    "schapire r.e. and freund y.", Vancouver style with full stops) has its initials:
    the index of the first trailing initial, or 0 when the name ends in a surname.
    Only initials with full stops count: "Yan WU" or "Hong Ji" end in a surname."""
    if len(words) < 2 or "." not in words[-1]:
        return 0
    cut = len(words)
    while cut > 0 and _DOTTED_INITIALS.fullmatch(words[cut - 1]):
        cut -= 1
    return cut if 0 < cut < len(words) else 0


def authors_of(value: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(surname keys, first initials) of an author field; cheap unless braces are present."""
    if not value:
        return (), ()
    surnames: list[str] = []
    initials: list[str] = []
    if "{" in value or "\\" in value or "=" in value:  # braces, LaTeX, extended names
        for name in parse_bibtex_names(value)[:MAX_AUTHORS]:
            if name.is_others or name.last.lower() in _NOT_NAMES:
                continue
            words = name.last.replace("{", "").replace("}", "").split()
            key = (
                corporate_key(words) if not name.first and len(words) > 1 else ""
            ) or surname_key(f"{name.von} {name.last}")
            if key:
                surnames.append(key)
                initials.append(_initial(name.first.replace("\\", " ")))
        return tuple(surnames), tuple(initials)
    # (`_ET_AL` is tried only where the field has "et al" at all: most have not)
    et_al = _ET_AL_ANYWHERE.search(value) is not None
    for part in _AND.split(value)[:MAX_AUTHORS]:
        part = (_ET_AL.sub("", part) if et_al else part).strip()
        if not part or (len(part) <= _NOT_NAMES_LONGEST and part.lower() in _NOT_NAMES):
            continue
        plain = surname_given(part)
        if plain is not None:  # "Smith, John": `_plain_name`'s first case, inline (most names)
            key = surname_key(plain[0])
            head = plain[1].lstrip()[:1]
            initial = head.lower() if head.isalpha() and head.isascii() else _initial(plain[1])
        else:
            key, initial = _plain_name(part)
        if key:
            surnames.append(key)
            initials.append(initial)
    return tuple(surnames), tuple(initials)


@lru_cache(maxsize=65536)
def name_words(value: str) -> tuple[frozenset[str], ...]:
    """The folded words (two letters or more) of each name `authors_of` keys, in its order.

    Read only when two author lists disagree: a compound surname written whole by one
    source and in part by another ("Rafael Camps Paré" / "Rafael Camps", "Fernando Berzal
    Galiano" / "Fernando Berzal"), or a name in family-name-first order ("Chen Qun" /
    "Qun Chen"), keys a different last word."""
    out: list[frozenset[str]] = []
    if not value:
        return ()
    if "{" in value or "\\" in value or "=" in value:  # braces, LaTeX, extended names
        for name in parse_bibtex_names(value)[:MAX_AUTHORS]:
            if name.is_others or name.last.lower() in _NOT_NAMES:
                continue
            if surname_key(f"{name.von} {name.last}"):
                text = f"{name.first} {name.von} {name.last}"
                out.append(frozenset(w for w in fold_for_matching(text).split() if len(w) > 1))
        return tuple(out)
    for part in _AND.split(value)[:MAX_AUTHORS]:
        part = part.strip()
        if not part or part.lower() in _NOT_NAMES:
            continue
        if _plain_name(part)[0]:
            out.append(frozenset(w for w in fold_for_matching(part).split() if len(w) > 1))
    return tuple(out)


# ---------------------------------------------------------------- title features


class RecordKind(str, Enum):
    """What a title announces besides an ordinary work: notices that are never the same
    work as the article they name (a cannot-link)."""

    ORIGINAL = ""
    ERRATUM = "erratum"
    RETRACTION = "retraction"
    REPLY = "reply"
    COMMENT = "comment"

    def __str__(self) -> str:  # print and f-strings show the value on every Python version
        return self.value


class TypeClass(str, Enum):
    """Coarse kind of publication, from the entry type."""

    BOOK = "book"
    CHAPTER = "chapter"
    PROC = "proc"
    ARTICLE = "article"
    THESIS = "thesis"
    DATA = "data"  # a dataset or software: a research output of its own, not a text
    OTHER = "other"

    def __str__(self) -> str:  # print and f-strings show the value on every Python version
        return self.value


# An addendum amends a printed article as an erratum does, in a notice of its own pages
# ("Addendum: A style option ..." in TUGboat, "Addendum to Automatic Generation ..." in TODS):
# never the article, so it is of the erratum kind.
_KIND_AT_START = re.compile(
    r"^(erratum|errata|corrigendum|addendum|addenda|retraction|in reply|reply|author s reply"
    r"|authors reply"
    r"|(?:correction|response|comment|commentary|re)(?= (?:to|on|for|of the article|notice)\b))\b"
)
# "Correction: ...", "Reply: ...": the label and a colon in the raw title; Springer Nature
# names who erred ("Author Correction: ...", "Publisher Correction: ..."; Crossref links such a
# notice to its article as `is-correction-of`, PubMed lists it under the article's title)
_KIND_LABEL = re.compile(
    r"^\W*(?:(?:author|authors|author's|publisher|publisher's)\s+(?=correction))?"
    r"(erratum|errata|corrigendum|correction|retraction|reply|response|comment|commentary|re)"
    r"\s*[:.\]]",
    re.IGNORECASE,
)
_KIND_ANYWHERE = re.compile(
    r"\b(?:(errat(?:um|a)|corrigend(?:um|a)|addend(?:um|a)|corrections? (?:to|for)\b)"
    r"|retraction|retracted|withdrawn|expression of concern)\b"
)
# Substrings every kind pattern below needs (cheap test before any regex).
_KIND_HINTS = (
    "errat", "corrig", "addend", "correct", "retract", "withdrawn", "concern", "repl", "respon",
    "comment", "rejoinder",
)  # fmt: skip
# (one search for all of them: `any` over the substrings cost a third more)
_KIND_HINT = re.compile("|".join(_KIND_HINTS))
# Web of Science names the corrected article in the title: "... (vol 360, pg 542, 2009)".
_WOS_CORRECTION = re.compile(r"\bvol \d+ pg \d+")
_ROMAN = {
    numeral: value
    for value, numeral in enumerate(
        "i ii iii iv v vi vii viii ix x xi xii xiii xiv xv xvi xvii xviii xix xx".split(), start=1
    )
}
_NUMBERED = re.compile(
    r"\b(part|study|studies|experiment|phase|chapter|section|book|trial|wave|volume|vol)"
    r" (\d+|[ivx]+|one|two|three|four|five)\b"
)
_NUMBER_HINT = re.compile(
    r"\d|\b(?:[ivx]{1,5}|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth"
    r"|eleventh|twelfth|\w+teenth|\w+tieth|two|three|four|five|six|seven|eight|nine|ten"
    r"|eleven|twelve|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)\b"
)
_COUNTED = {
    "type", "class", "grade", "stage", "phase", "level", "tier", "group", "category", "volume",
    "vol", "part", "book", "chapter", "section", "study", "trial", "experiment", "wave",
}  # fmt: skip
_ORDINAL = re.compile(r"(?<!\S)(\d{1,4})(?:st|nd|rd|th)(?!\S)")
_ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50,
}  # fmt: skip
# (a meeting's 11th to 19th edition, or a round one, spelt out: "Proceedings of the Twelfth
# …" and "… Thirteenth …" are two meetings' proceedings, as "second" and "third" are)
_BARE_NUMBER = re.compile(r"(?<!\S)\d{1,4}(?!\S)")
# A word of letters and digits is a name whose digits are part of it (`p53` / `p63`,
# `CD4` / `CD8`, `BRCA1` / `BRCA2`, `H1N1` / `H3N2`, `5G` / `4G`, `Windows95` / `Windows98`):
# kept as `~skeleton=digits` (`~p#=53`), compared only with a name of the same skeleton in
# the other title (dedupe/compare.py, `names_differ`), since a name glued to the next word
# by one source (`p6INK4a` for `p16 INK4a`) has another skeleton.
_MIXED = re.compile(r"(?<!\S)(?=[a-z]*\d)(?=\d*[a-z])[a-z\d]+(?!\S)")
_DIGITS = re.compile(r"\d{1,4}")
# Cardinals written as words are numbers (`two-year` / `five-year` follow-ups, `three` /
# `four` scoring systems), `two` and `2` one number; "one" is left out (a pronoun as often:
# "one step closer", "one-shot"), so are "hundred", "thousand" (parts of larger numbers).
_CARDINAL = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}  # fmt: skip
_UNITS = {"one": 1, **{w: v for w, v in _CARDINAL.items() if v < 10}}
_WORD_NUM = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5}
_EDITION = re.compile(r"\b(\d+)(?:st|nd|rd|th)? ed(?:ition)?\b")
_PREPRINT_VENUE = re.compile(
    r"arxiv|biorxiv|medrxiv|ssrn|psyarxiv|research square|preprints?\b|chemrxiv|osf preprints"
)


def title_kind(folded_title: str, raw_title: str = "") -> RecordKind:
    """'erratum', 'retraction', 'reply', 'comment' when the title announces one, else ''."""
    if not folded_title:
        return RecordKind.ORIGINAL
    head = folded_title[:60]
    if not _KIND_HINT.search(head) and not head.startswith("re ") and "pg" not in folded_title:
        return RecordKind.ORIGINAL  # fast path: nearly every title
    label = _KIND_LABEL.match(raw_title) if raw_title else None
    if label:
        folded_title = label.group(1).lower() + " to " + folded_title
    head = folded_title[:60]
    m = _KIND_AT_START.match(head)
    if m:
        word = m.group(1)
        if word.startswith(("errat", "corrig", "correction", "addend")):
            return RecordKind.ERRATUM
        if word.startswith("retract"):
            return RecordKind.RETRACTION
        if word in ("reply", "response", "in reply", "author s reply", "authors reply"):
            return RecordKind.REPLY
        return RecordKind.COMMENT
    m = _KIND_ANYWHERE.search(head)
    if m:
        return RecordKind.ERRATUM if m.group(1) else RecordKind.RETRACTION
    if "pg" in folded_title and _WOS_CORRECTION.search(folded_title):
        return RecordKind.ERRATUM
    return RecordKind.ORIGINAL


def _may_hold_number(title: str) -> bool:
    """False only where `_NUMBER_HINT` finds nothing, at a third of its cost: in a title of
    words and single spaces (a folded title), a word the pattern names is one of
    `_NUMBER_WORDS`, and a digit is a digit. Any other text is searched."""
    bare = title.replace(" ", "")
    if not bare.isalnum():  # (`\w` is a letter, a digit or "_")
        return True
    return (
        not _NUMBER_WORDS.isdisjoint(title.split())
        or "teenth" in title
        or "tieth" in title
        or not bare.isalpha()  # a digit (`\d`) is a letter or digit that is no letter
    )


# The whole words `_NUMBER_HINT` names, Roman numerals of up to five letters included.
_NUMBER_WORDS = frozenset(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth two"
    " three four five six seven eight nine ten eleven twelve twenty thirty forty fifty sixty"
    " seventy eighty ninety".split()
) | frozenset("".join(p) for n in range(1, 6) for p in itertools.product("ivx", repeat=n))


def title_numbers(folded_title: str) -> tuple[str, ...]:
    """Numbers that tell works apart: 'part ii', 'study 2', and bare, ordinal ('62nd',
    'second') and Roman ('type ii') numbers in the title."""
    if (
        not folded_title
        or not _may_hold_number(folded_title)
        or not _NUMBER_HINT.search(folded_title)
    ):
        return ()  # fast path: most titles hold no number of any kind
    out: set[str] = set()
    for m in _NUMBERED.finditer(folded_title):
        raw = m.group(2)
        value = _ROMAN.get(raw) or _WORD_NUM.get(raw) or (int(raw) if raw.isdigit() else 0)
        out.add(f"#{value}")
    for token in _BARE_NUMBER.findall(folded_title):
        out.add(token.lstrip("0") or "0")
    for token in _ORDINAL.findall(folded_title):
        out.add(token.lstrip("0") or "0")  # "62nd" vs "63rd" annual meeting
    for token in _MIXED.findall(folded_title):
        if not _ORDINAL.fullmatch(token):
            runs = "-".join(run.lstrip("0") or "0" for run in _DIGITS.findall(token))
            out.add(f"~{_DIGITS.sub('#', token)}={runs}")
    words = folded_title.split()
    for n, word in enumerate(words):
        if word in _TENS:
            unit = _UNITS.get(words[n + 1], 0) if n + 1 < len(words) else 0
            out.add(str(_TENS[word] + unit))  # "twenty five" is 25
        elif word in _CARDINAL and not (n and words[n - 1] in _TENS):
            out.add(str(_CARDINAL[word]))
    for n, word in enumerate(words):
        ordinal = _ORDINAL_WORDS.get(word)
        # "Topology II", "type ii"; a lone letter only at the end ("Topology I") or after a
        # word that counts ("type i", "stage v"): elsewhere it is a pronoun
        if (
            ordinal is None
            and word in _ROMAN
            and (len(word) > 1 or n == len(words) - 1 or (n and words[n - 1] in _COUNTED))
        ):
            ordinal = _ROMAN[word]
        if ordinal is not None:
            out.add(str(ordinal))
    if len(words) > 2 and not any(n[0] == "#" for n in out):
        # "Granular media II", "Granular media 2": a title closing on a part number names a
        # sequel or second part, another work than the title without it (docs/matching.md,
        # "A part number closing the title"); marked like "part ii" so one side alone is a
        # conflict. Not 1 (as often a footnote mark), not after a counting word ("type ii" is
        # a kind) nor a short name ("SQL 3", which other sources glue: "SQL3").
        last, before = words[-1], words[-2]
        value = _ROMAN.get(last) or (int(last) if last.isdigit() and len(last) == 1 else 0)
        if value >= 2 and before not in _COUNTED and before.isalpha() and len(before) > 3:
            out.add(f"#{value}")
    return tuple(sorted(out))


def type_class(entry_type: str) -> TypeClass:
    """Coarse kind of publication: books and chapters, papers in proceedings, journal articles."""
    return _TYPE_CLASSES.get(entry_type.lower(), TypeClass.OTHER)


# biblatex's @dataset, biblatex-software's types (@software, @softwareversion, ...)
_DATA_TYPES = frozenset(
    ("dataset", "software", "softwareversion", "softwaremodule", "codefragment")
)
_TYPE_CLASSES = {
    **dict.fromkeys(
        ("book", "mvbook", "collection", "mvcollection", "proceedings", "mvproceedings"),
        TypeClass.BOOK,
    ),
    **dict.fromkeys(("incollection", "inbook", "bookinbook", "suppbook"), TypeClass.CHAPTER),
    **dict.fromkeys(("inproceedings", "conference"), TypeClass.PROC),
    **dict.fromkeys(("article", "periodical", "suppperiodical"), TypeClass.ARTICLE),
    **dict.fromkeys(("phdthesis", "mastersthesis", "thesis"), TypeClass.THESIS),
    **dict.fromkeys(_DATA_TYPES, TypeClass.DATA),
}
# "version = {v1.3}", "Version 2": the revision number alone
_VERSION_WORD = re.compile(r"^(?:version|ver\.?|v\.?)\s*", re.IGNORECASE)


# ---------------------------------------------------------------- match keys


@dataclass(slots=True)
class MatchKeys:
    """What the matcher knows about one record, all normalised."""

    title: str
    surnames: tuple[str, ...]
    initials: tuple[str, ...]
    year: int | None
    dois: tuple[str, ...]
    pmid: str
    arxiv: str
    isbns: tuple[str, ...]
    volume: str
    issue: str
    page_first: str
    page_last: str
    article_number: bool
    venue: str
    abstract: str
    tclass: TypeClass
    kind: RecordKind
    numbers: tuple[str, ...]
    edition: str
    preprint: bool
    meeting: bool  # a meeting abstract: supplement issue, S-page or a conference as venue
    # Evidence that tells versions and parts of one work apart (issue 12):
    venue_kind: str = ""  # VenueKind value, "" when unknown
    report_no: str = ""  # `number` of a report (IF11713), folded; "" for other types
    url_parts: tuple[str, ...] = ()  # (url skeleton with digits as '#', its numbers)
    editors_only: bool = False  # the people are editors (no author): a book as a whole
    # records of the input carrying this folded title (set by the engine, splink's term
    # frequency): a title many records carry is a column's name, not a work's
    title_count: int = 1
    # the folded title is a recurring column's name: two different people each carry it alone
    # on several records (set by the engine); it places an instalment only with its pages
    column_title: bool = False
    # every record of the input with this title (spaces aside) and first author that states
    # a year or a venue kind states one version: years at most a year apart, one kind (set
    # by the engine); only then can a citation stating neither be placed with the work
    one_version: bool = True
    # a paper without a venue whose title runs on past a full stop ("... for learning.
    # Information and Computation"): the title before it, folded; "" otherwise
    title_head: str = ""
    title_tail: str = ""  # what followed the break, folded: the run-on venue, if it is one
    # an undated record's year written before its title ("(1989) Cryptographic ..."): the
    # citation's date, kept apart from `year` because it only picks among the versions of a
    # work (`count_versions`); it is never compared as a year
    cited_year: int | None = None
    # the author (or editor) field as written: its names' other words are read only when
    # two lists disagree (`name_words`), so most records never pay for them
    people: str = ""
    # the part of a book an @inbook cites (`chapter = {3}` or the chapter's title), folded:
    # two records of one book with other chapters cite two parts
    chapter: str = ""
    # biblatex's `version`: a software release's, a manual's or a dataset's revision ("1.3"
    # for `v1.3`), as distinct as an edition
    version: str = ""

    @property
    def first_author(self) -> str:
        return self.surnames[0] if self.surnames else ""


_MEETING_VENUE = re.compile(r"\b(?:conference|congress|meeting|symposium|abstracts?)\b")
_SUPPLEMENT = re.compile(r"suppl|^\s*s\s*\d", re.IGNORECASE)


# A reference parser that cuts a citation inside its page label leaves the label at the
# venue's end ("Proceedings of the Fourth Annual Workshop on ... (pp", then "303-314)" in
# `pages`): APA and its kin write "Container (pp. 1761-1800)". Only the abbreviation, after
# other words: a journal may be called "Pages".
_VENUE_PAGE_LABEL = re.compile(r"\spp$")


@lru_cache(maxsize=100_000)  # venues repeat, so each spelling is folded once
def _fold_venue(venue: str) -> tuple[str, bool, bool]:
    """(folded venue, is a preprint server, is a meeting)."""
    folded = _VENUE_PAGE_LABEL.sub("", fold_for_matching(venue))
    return folded, bool(_PREPRINT_VENUE.search(folded)), bool(_MEETING_VENUE.search(folded))


# Venue kinds (one work appears as a workshop paper, then at the main conference, then in a
# journal; as a report or thesis, then a paper; as a preprint, then published). Symposia are
# main conferences as often as not (FOCS, STOC, SOSP), so they count as conferences.
_WORKSHOP = re.compile(r"\bworkshops?\b|\bwksp\b")
_COMPANION = re.compile(
    r"\bcompanion\b|\bextended abstracts?\b|\bposters?\b|\bdemos?\b|\bdemonstrations?\b"
    r"|\badjunct\b|\bdoctoral (?:consortium|symposium)\b|\blate breaking\b"
)
_THESIS_TYPES = ("phdthesis", "mastersthesis", "thesis")
_REPORT_TYPES = ("techreport", "report")


_REPORT_VENUE = re.compile(r"\b(?:technical|tech\.?|research) report\b|\breport no\b")


@functools.lru_cache(maxsize=65536)
def _named_kind(venue: str) -> str:
    """The kind a venue's own words name ('technical report', 'companion', 'workshop'), or ''
    (venues repeat: each spelling is read once)."""
    if _REPORT_VENUE.search(venue):
        return "report"
    if _COMPANION.search(venue):
        return "companion"
    if _WORKSHOP.search(venue):
        return "workshop"
    return ""


named_kind = _named_kind  # (dedupe.compare asks whether a venue's words name its kind)


# A meeting named by its acronym and year ("STOC-93", "COLT '90", "EuroCOLT '95", "IJCAI-91",
# "IROS '91"): the dash or apostrophe before the year is how meetings are abbreviated; a
# journal and its volume are written without it ("JACM 41").
_MEETING_ACRONYM = re.compile(
    r"(?:in\s+)?(?:proc(?:eedings|\.)?\s+(?:of\s+)?)?(?:the\s+)?"
    r"[^\W\d_]{3,10}(?:\s*-\s*'?|\s*['\u2019]\s*)(?:\d{2}|\d{4})",
    re.IGNORECASE,
)


# Citation styles label pages ("pp. 23-37", "p. 5") and reference-string parsers keep the
# punctuation around them ("(pp. 23-37)", "202-216)", "pp. 319-327,"): the label and the
# punctuation are not part of the range. Read only when the field is not a clean range.
_PAGE_LABEL = re.compile(r"^[\s(\[]*(?:pages?|pp?\.?)?\s*|[\s.,;:)\]]+$", re.IGNORECASE)


def venue_kind(entry_type: str, venue: str, preprint: bool, raw: str = "") -> str:
    """'journal', 'conference', 'workshop', 'companion', 'thesis', 'report', 'preprint' or ''
    (unknown: no evidence either way). `entry_type` is lower case, `venue` folded.

    Only what a record states counts: an `@article` without a journal or an
    `@inproceedings` without a booktitle has an unknown kind (a missing value is neutral),
    and the words of the venue outrank the entry type (parsers and exports mistype)."""
    t = entry_type
    if preprint:
        return "preprint"
    if t in _THESIS_TYPES:
        return "thesis"
    if t in _REPORT_TYPES:
        return "report"
    if not venue:
        return ""
    named = _named_kind(venue)
    if named:
        return named
    if t == "article":
        # a citation parser typed a meeting's acronym as a journal ("@article{..., journal =
        # {STOC-93}}"): the venue's own form outranks the entry type
        return "conference" if raw and _is_meeting_acronym(raw) else "journal"
    if t in ("inproceedings", "conference"):
        return "conference"
    return ""


@lru_cache(maxsize=65536)  # journals repeat: each spelling is read once
def _is_meeting_acronym(raw: str) -> bool:
    return _MEETING_ACRONYM.fullmatch(raw.strip()) is not None


_URL_NUMBER = re.compile(r"\d+")


def url_parts(url: str) -> tuple[str, ...]:
    """(skeleton, numbers...) of a URL that may name a part ('.../part-2.html'); () for DOI and
    arXiv links (their identifiers are compared as such)."""
    if not url or " " in url.strip():
        return ()
    low = url.strip().lower()
    if "doi.org" in low or "arxiv" in low or not any(c.isdigit() for c in low):
        return ()
    low = low.split("://", 1)[-1].removeprefix("www.").rstrip("/")
    return (_URL_NUMBER.sub("#", low), *_URL_NUMBER.findall(low))


def match_keys(ref: Reference) -> MatchKeys:
    """Normalise one record for matching (cheap: a few regexes per field)."""
    f = ref.fields
    get = f.get
    raw_title, correction = split_correction(get("title", ""))
    # biblatex keeps a part's number in `subtitle`/`titleaddon` ("A History of X" +
    # "Chapter 13 ..."): the work's title is all of them
    if "subtitle" in f or "titleaddon" in f:
        for extra in ("subtitle", "titleaddon"):
            if extra in f and f[extra].strip():
                raw_title = f"{raw_title}: {f[extra]}" if raw_title else f[extra]
    record_year = year_of(ref)
    cut_title, cited_year = split_cited_year(raw_title)
    if cited_year is not None and record_year in (None, cited_year):
        raw_title = cut_title  # the citation's year, not words of the title
    if record_year is not None:
        cited_year = None
    title = fold_title(raw_title)
    author = get("author", "")
    surnames, initials = authors_of(author or get("editor", ""))
    doi_field = get("doi", "")
    url = get("url", "")
    note = get("note", "")
    eprint = get("eprint", "")
    journal = journal_of(f)
    venue_raw = venue_of(f)
    # A record's own DOI is in `doi` (or its URL); a `note` or `eprint` is searched only
    # when those have none: notes quote the DOIs of other works (Mendeley pastes them)
    dois = find_dois(doi_field, url) or (find_dois(note, eprint) if note or eprint else ())
    arxiv = ""
    prefix = (get("archiveprefix", "") or get("eprinttype", "")).lower()
    if eprint and (prefix == "arxiv" or not prefix):
        arxiv = normalise_arxiv(eprint)
    if not arxiv:
        for text in (url, journal, note, doi_field):
            if text and "arxiv" in text.lower():
                m = ARXIV_AFTER_LABEL.search(text)
                if m:
                    arxiv = m.group(1).lower()
                    break
    pmid = first_number(f["pmid"]) if "pmid" in f else ""
    if not pmid:
        for text in (url, note):
            if text:
                m = PMID.search(text)
                if m:
                    pmid = m.group(1)
                    break
    venue, preprint_venue, meeting = _fold_venue(venue_raw) if venue_raw else ("", False, False)
    number_raw = get("number", "") or get("issue", "")
    pages_raw = get("pages", "")
    if not meeting:
        meeting = bool(
            (number_raw and _SUPPLEMENT.search(number_raw))
            or ("uppl" in get("volume", ""))
            or (pages_raw[:1] in ("S", "s") and pages_raw[1:2].isdigit())
        )
    for extra in ("publisher", "howpublished"):
        if extra in f and not preprint_venue:
            preprint_venue = bool(_PREPRINT_VENUE.search(fold_for_matching(f[extra])))
    published_doi = has_published(dois) if dois else False
    preprint = bool(
        (arxiv and (not venue or preprint_venue))
        or (preprint_venue and not published_doi)
        # (10.1101 is bioRxiv's prefix but also Cold Spring Harbor's journals')
        or (dois and not published_doi and not venue)
        or (ref.entry_type.lower() == "unpublished")
    )
    if arxiv:
        dois = tuple(d for d in dois if not d.startswith("10.48550/"))
    first, last = page_range(pages_raw)
    if not first and pages_raw:
        first, last = page_range(_PAGE_LABEL.sub("", pages_raw))
    edition = get("edition", "")
    if not edition and " ed" in title:
        m = _EDITION.search(title)
        edition = m.group(1) if m else ""
    elif edition:
        edition = first_number(edition) or fold_for_matching(edition)
    abstract = get("abstract", "")
    entry_type = ref.entry_type.lower()
    report = entry_type in _REPORT_TYPES or (
        "institution" in f and entry_type not in _THESIS_TYPES and "journal" not in f
    )
    kind = venue_kind(entry_type, venue, preprint, venue_raw)
    run_on = title_run_on(raw_title) if not venue and entry_type in _PAPER_TYPES else ("", "")
    # (positional: with 34 keyword arguments the call cost twice as much; the order is
    # `MatchKeys`'s, and tests/test_normalize.py checks each field by name)
    return MatchKeys(
        title,
        surnames,
        initials,
        record_year,
        dois,
        pmid,
        arxiv,
        isbns(get("isbn", "")) if "isbn" in f else (),
        volume_number(get("volume", "")),
        first_number(number_raw),  # issue
        first,  # page_first
        last,  # page_last
        is_article_number(pages_raw),
        venue,
        fold_for_matching(abstract[:1500]) if abstract else "",
        type_class(entry_type),
        RecordKind.ERRATUM if correction else title_kind(title, raw_title[:40]),
        title_numbers(title),
        edition,
        preprint,
        meeting,
        "demo" if not preprint and demo_labelled(raw_title) else kind,
        fold_for_matching(number_raw) if report and number_raw else "",  # report_no
        url_parts(url) if url else (),
        not author and "editor" in f and bool(f["editor"].strip()),  # editors_only
        1,  # title_count
        False,  # column_title
        True,  # one_version
        run_on[0],  # title_head
        run_on[1],  # title_tail
        cited_year,
        author or get("editor", ""),  # people
        fold_for_matching(f["chapter"]) if "chapter" in f else "",
        _VERSION_WORD.sub("", f["version"].strip()).lower() if "version" in f else "",
    )


def has_published(dois: tuple[str, ...]) -> bool:
    return any(not is_preprint_doi(d) for d in dois)
