"""Recognisers for single values in scraped page text: identifiers, years, pages, venue strings.

Pages print the same facts in many shapes (`Vol 82 (6) ◽ pp. 1034-1071`,
`2016 Apr 4;4(4):e1000`, `Vol. 33; no. 1; pp. 455 - 65`, `№ 2(41), с. 77-89`).
Everything here works on one short string and returns plain values, so the
segmentation code never needs to know which site a page came from. Every
pattern is linear (no nested unbounded repeats) because lines can be huge.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..grammar.dates import MONTH_WORDS, PRINTED_YEAR_RE, years_in_text
from ..grammar.ids import ARXIV_ID, DOI, DOI_PREFIX, PMID, trim_doi
from ..grammar.pages import DASH, bibtex_pages

# ---------------------------------------------------------------- identifiers

DOI_RE = DOI
PMID_RE = PMID
ARXIV_RE = re.compile(rf"\barXiv:\s?({ARXIV_ID})(v\d+)?", re.IGNORECASE)
URL_RE = re.compile(r"https?://\S{1,500}")
YEAR_RE = PRINTED_YEAR_RE


def find_doi(text: str) -> str | None:
    """The first DOI in the text, bare, without URL prefix or sentence punctuation."""
    m = DOI_RE.search(text)
    if not m:
        return None
    doi = m.group(0)
    # "· Full text" buttons and sentence ends are glued to the DOI on copied pages.
    doi = trim_doi(doi.split("\u00b7")[0].split("\u25fd")[0])
    return doi or None


# a DOI with whatever prefix the page printed before it (`doi:`, `https://doi.org/`)
DOI_PRINTED = re.compile(rf"(?i:\b{DOI_PREFIX}|\bdoi:?\s*)?10\.\d{{4,9}}/\S{{1,200}}")
_PMCID = re.compile(r"\bPMCID:?\s*PMC\d+")


def remove_ids(text: str) -> str:
    """Text without DOIs, URLs and PMIDs (they confuse number parsing).

    Each pattern runs only when its fixed part is in the text (most venue lines hold none)."""
    if "10." in text:
        text = DOI_PRINTED.sub(" ", text)
    if "://" in text:
        text = URL_RE.sub(" ", text)
    low = text.lower()
    if "pmid" in low or "pubmed" in low or "pmcid" in low:
        text = PMID_RE.sub(" ", text)
        text = _PMCID.sub(" ", text)
    return text


def years_in(text: str) -> list[int]:
    return years_in_text(text)


# ---------------------------------------------------------------- pages

_DASH = rf"(?:\s*{DASH}\s*)"
PAGE = r"[A-Za-z]?\d{1,7}[A-Za-z]?"
PAGES = rf"{PAGE}(?:{_DASH}{PAGE})?"
_RANGE_RE = re.compile(rf"^({PAGE}){_DASH}({PAGE})$")


def normalise_pages(value: str) -> str:
    """`455 - 65` -> `455--465`; single pages and article numbers stay as written."""
    return bibtex_pages(value.strip().rstrip(".,;"))


# ---------------------------------------------------------------- venue strings


@dataclass
class VenueInfo:
    """What a venue/citation tail says; empty strings mean 'not given'."""

    venue: str = ""
    year: int | None = None
    month: str = ""
    volume: str = ""
    number: str = ""
    pages: str = ""
    extra_text: list[str] = field(default_factory=list)  # text pieces after the venue

    @property
    def has_numbers(self) -> bool:
        return bool(self.volume or self.number or self.pages)


MONTHS = MONTH_WORDS

_NESTED = r"(?:[^()]|\([^()]*\)){1,40}"
# Volume, issue and page words of the eleven interface languages (Chinese/Japanese 卷/巻, 期/号, 页/頁).
# Volume and issue words, abbreviated and in full, in the interface languages; the full words
# that are also ordinary words or names (`Tom`, `Number`) count only before a number.
_VOL_WORD = (
    r"(?:Vol(?:ume)?\.?|vol\.?|volume|v\.|Volumen|Bd\.|Band|Т\.|Том|т\.|t\.|Tome|Jg\.|卷|巻|"
    r"Tomo(?=\s\d)|Tom(?=\s\d))"
)
_NUM_WORD = (
    r"(?:no\.|No\.|no(?=\s\d)|Nr\.|nr\.?(?=\s\d)|№|Issue|issue|Heft|H\.|Вип\.|вип\.|Вып\.|n\.|"
    r"núm\.|Núm\.|n°|Fasc\.|fasc\.|期|号|Numéro|Número|Fascicolo|Zeszyt|Выпуск|Випуск|"
    r"[Nn]umber(?=\s\d)|Numer(?=\s\d)|Numero(?=\s\d)|Номер(?=\s\d))"
)
_PAGE_WORD = r"(?:pp?\.|pages?|Pages?|S\.|s\.|с\.|С\.|P\.|стор\.|стр\.|Стр\.|pgs?\.|页|頁)"
_ARTICLE = r"(?:Article(?:\s+(?:No\.?|number))?|Art\.(?:\s*No\.?)?|e-?location|Paper)"

# Patterns tried on each piece; each names what it captures.
_PIECE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # 4(4):e1000   21 (4): 301--318   12(3):455-67
    ("v_i_p", re.compile(rf"^(\d{{1,5}})\s*\(({_NESTED})\)\s*:\s*({PAGES})$")),
    # 12 (2021) 33-41  (journal ref: volume (year) pages)
    ("v_y_p", re.compile(rf"^(\d{{1,5}})\s*\(((?:1[89]|20)\d\d)\)\s*:?\s*({PAGES})?$")),
    # no. 3 (2020): 455–67   (Chicago)
    ("n_y_p", re.compile(rf"^{_NUM_WORD}\s*([\w()./\-]{{1,20}})\s*\(((?:1[89]|20)\d\d)\)\s*:?\s*({PAGES})?$")),
    # 4(2)   Vol 11 (2)   Vol 3 (1 (14))
    ("v_i", re.compile(rf"^(?:{_VOL_WORD}\s*)?(\d{{1,5}}|[IVXLC]{{1,6}})\s*\(({_NESTED})\)$")),
    ("v", re.compile(rf"^{_VOL_WORD}\s*([\w\-]{{1,12}})(?:\s+of\s+.{{1,200}})?$")),
    ("i", re.compile(rf"^{_NUM_WORD}\s*([\w()./\-]{{1,20}}(?:\s*\(\d{{1,5}}\))?)$")),
    ("p", re.compile(rf"^{_PAGE_WORD}\s*({PAGES})$")),
    ("p", re.compile(rf"^{_ARTICLE}\s+([A-Za-z]?\d{{1,9}}[A-Za-z]?)$")),
    ("y", re.compile(r"^\(?((?:1[89]|20)\d\d)[a-z]?\)?$")),
    # (March 2016)   2016 Apr 4   Apr 2016   01.03.2019
    ("date", re.compile(r"^\(?(?:\d{1,2}\s+)?([A-Za-z]{3,9})\.?\s+(?:\d{1,2},?\s+)?((?:1[89]|20)\d\d)\)?$")),
    ("date2", re.compile(r"^\(?((?:1[89]|20)\d\d)\s+([A-Za-z]{3,9})\.?(?:\s+\d{1,2})?(?:-\d{1,2})?\)?$")),
    ("dmy", re.compile(r"^(\d{1,2})[./](\d{1,2})[./]((?:1[89]|20)\d\d)$")),
    ("ymd", re.compile(r"^((?:1[89]|20)\d\d)-(\d{1,2})(?:-\d{1,2})?$")),
    ("range", re.compile(rf"^({PAGE}{_DASH}{PAGE})$")),
    ("num", re.compile(r"^(\d{1,5})$")),
]  # fmt: skip

_METRIC = re.compile(
    r"(?i)^(?:cited by|citations?|views?|downloads?|times cited|цитувань|цитирований)\b"
)
# Text that ends in a volume: "Journal of X 12", "Journal of X Vol. 33", "J Invent Inform 12 (2021) 33-41"
_TRAILING_VOL = re.compile(
    rf"^(.{{2,300}}?[^\d\s,(])\s+({_VOL_WORD}\s*\S.*|\d{{1,5}}(?:\s*\(.*)?)$"
)


_PROTECT = re.compile(
    r"(?<![^\W\d_])((?:Vol|vol|No|no|Nr|nr|pp|p|P|S|с|С|Т|т|Art|Iss|iss|Bd|H|Вип|вип|Вып|стор"
    r"|стр|Стр|núm|Núm|n|Suppl|suppl|Pt|pt|t|s|v|Fasc|fasc)\.)\s+(?=\(?[A-Za-z]?\d)"
)


_SEPARATORS = re.compile(r"[\u25fd\u25fe|\u00b7;]")
_WORLDCAT_VN = re.compile(r"\bv\.?\s?(\d{1,5})\s*,?\s*n(?:o\.?)?\s?(\d{1,5})\b")
_CLOSING_YEAR = re.compile(r"\s*\(((?:[A-Za-z]{3,9}\.?\s+)?(?:1[89]|20)\d\d)\)\s*\.?\s*$")
_PAGES_IN_PARENS = re.compile(r"\((pp?\.\s*[^()]{1,30})\)")
_STOP_AFTER_DIGIT = re.compile(r"(?<=\d)\. +")
_STOP_BEFORE_MARK = re.compile(r"\. +(?=№|[^\W\d_]{1,4}\.\u00a0)")
_STOP_BEFORE_DIGIT = re.compile(r"\. +(?=\(?\d)")
_COLON_PAGES = re.compile(r"(?<=\))\s*:\s*(?=[A-Za-z]?\d)")
_YEAR_COLON = re.compile(
    r"(?<![\d:])((?:1[5-9]|20)\d\d(?:\s[A-Z][a-z]{2}(?:\s\d{1,2})?)?)\s?:\s?(?=[A-Za-z]?\d+(?:[\-–—][A-Za-z]?\d+)?\.?\s*$)"
)
_VOLUME_COLON = re.compile(
    r"(?:(?<=[^\W\d_])|(?<=[,;]))(\s?\d{1,4})\s?:\s?(?=[A-Za-z]?\d+(?:[\-–—]\d+)?\b)"
)
# `Journal of X: 381–394 (1982)`, `bioRxiv: 511782 (2019)`: a DBLP-style venue without its
# volume, a page range or an article number (five digits or more: no year) after the name's
# colon (a title's colon is followed by words)
_NAME_COLON_RANGE = re.compile(
    r"(?<=[^\W\d_]):\s?(?=[A-Za-z]?\d+[\-–—][A-Za-z]?\d+\b|[A-Za-z]?\d{5,}\b)"
)


def split_pieces(text: str) -> list[str]:
    """Cut a venue string at separators; a '. ' counts only next to a digit (keeps `J. Fict. Ecol.`)."""
    text = _SEPARATORS.sub(",", text)
    # WorldCat's "v33 n1 (2019): 455-465"
    if " v" in text or text.startswith("v"):
        text = _WORLDCAT_VN.sub(r"Vol \1, no. \2", text)
    # a year in parentheses closing a citation: "301--318 (2014)", "(March 2016)"
    if "(" in text:
        text = _CLOSING_YEAR.sub(r", \1", text)
        text = _PAGES_IN_PARENS.sub(r", \1,", text)  # "(pp. 77–96)"
    # keep "Vol. 33", "no. 1", "pp. 455" together
    if ". " in text:
        text = _PROTECT.sub("\\1\u00a0", text)
        text = _STOP_AFTER_DIGIT.sub(",", text)
        # ". " before "С. 10", "№ 3", "pp. 1" (DSTU/GOST: "№ 1(32). С. 10–21")
        text = _STOP_BEFORE_MARK.sub(".,", text)
        text = _STOP_BEFORE_DIGIT.sub(".,", text)
    if ")" in text:
        text = _COLON_PAGES.sub(", pp. ", text)  # "(2020): 455–67"
    if ":" in text:
        text = _YEAR_COLON.sub(r"\1, pp. ", text)  # "2004 May:1613-1616" (Vancouver, no volume)
        text = _VOLUME_COLON.sub(r"\1, pp. ", text)  # "Cognition 61: 195–232" (DBLP, Vancouver)
        text = _NAME_COLON_RANGE.sub(", pp. ", text)  # "Cognition: 195–232" (no volume)
    pieces = [p.strip() for p in text.split(",")]
    return [p for p in pieces if p.strip(".")]


def _take(info: VenueInfo, kind: str, groups: tuple[str | None, ...]) -> None:
    g = [x or "" for x in groups]
    if kind == "v_i_p":
        info.volume = info.volume or g[0]
        info.number = info.number or g[1].strip()
        info.pages = info.pages or normalise_pages(g[2])
    elif kind == "v_y_p":
        info.volume = info.volume or g[0]
        info.year = info.year or int(g[1])
        if g[2]:
            info.pages = info.pages or normalise_pages(g[2])
    elif kind == "n_y_p":
        info.number = info.number or g[0]
        info.year = info.year or int(g[1])
        if g[2]:
            info.pages = info.pages or normalise_pages(g[2])
    elif kind == "v_i":
        info.volume = info.volume or g[0]
        inner = g[1].strip()
        if re.fullmatch(r"(?:1[89]|20)\d\d", inner) and not info.year:
            info.year = int(inner)
        else:
            info.number = info.number or inner
    elif kind == "v":
        info.volume = info.volume or g[0]
    elif kind == "i":
        info.number = info.number or g[0]
    elif kind == "p":
        info.pages = info.pages or normalise_pages(g[0])
    elif kind == "y":
        info.year = info.year or int(g[0])
    elif kind in ("date", "date2"):
        month, year = (g[0], g[1]) if kind == "date" else (g[1], g[0])
        if month.lower().rstrip(".") in MONTHS:
            info.month = info.month or MONTHS[month.lower().rstrip(".")]
            info.year = info.year or int(year)
        else:
            raise ValueError
    elif kind == "dmy":
        info.year = info.year or int(g[2])
    elif kind == "ymd":
        info.year = info.year or int(g[0])
    elif kind == "range":
        info.pages = info.pages or normalise_pages(g[0])
    elif kind == "num":
        # A bare number: the volume first (APA `Review, 15, Article e0213`), else pages.
        if not info.volume and not info.pages:
            info.volume = g[0]
        elif not info.pages:
            info.pages = g[0]


# The only piece patterns that can match a piece without a digit (`Vol. IV`, `No. Suppl`).
_WORD_KINDS = {"v", "i", "v_i"}
_ANY_DIGIT = re.compile(r"\d")


def _classify_piece(info: VenueInfo, piece: str) -> bool:
    has_digit = _ANY_DIGIT.search(piece) is not None
    for kind, pattern in _PIECE_PATTERNS:
        if not has_digit and kind not in _WORD_KINDS:
            continue  # (every other pattern needs a digit: a year, a number, pages)
        m = pattern.match(piece)
        if m:
            try:
                _take(info, kind, m.groups())
            except ValueError:
                continue
            return True
    return False


_ORDINAL_EVENT = re.compile(r"(?i)\b(?:proceedings|conference|workshop)\b.*\d(?:st|nd|rd|th)$")
_SEASON = re.compile(r"(?i)\b(?:[a-z]{3,9}\.?\s*-\s*[a-z]{3,9}|spring|summer|autumn|fall|winter)\b")
_LETTER = re.compile(r"[^\W\d_]")
_INNER_STOP = re.compile(r"\w\.\s")


def parse_venue(text: str) -> VenueInfo:
    """Venue name, year, volume, issue and pages from a venue line or citation tail.

    (A fresh copy of a remembered reading: one line's venue is read as a line, as a labelled
    value and as a citation's tail or title, and pages repeat their venues; callers may change
    the copy they get.)"""
    info = _parse_venue(text)
    return VenueInfo(
        info.venue, info.year, info.month, info.volume, info.number, info.pages,
        list(info.extra_text),
    )  # fmt: skip


@lru_cache(maxsize=8192)
def _parse_venue(text: str) -> VenueInfo:
    info = VenueInfo()
    text = remove_ids(text)
    text = " ".join(text.split())
    for piece in split_pieces(text):
        raw, piece = piece, piece.rstrip(".").strip()
        if _METRIC.match(piece):
            continue
        if _classify_piece(info, piece):
            continue
        m = _TRAILING_VOL.match(piece)
        if m and not _ORDINAL_EVENT.search(piece):
            rest = m.group(2)
            sub = VenueInfo()
            if _classify_piece(sub, rest) or _classify_piece(sub, f"Vol {rest}"):
                _merge(info, sub)
                _add_text(info, m.group(1))
                continue
        if not info.year and _SEASON.search(piece):
            years = years_in(piece)
            if years:
                info.year = years[0]  # "2016 Apr-Jun", "Spring 2019"
                continue
        if _LETTER.search(piece):
            # keep the final dot of an abbreviated title ("J. Fict. Ecol.")
            _add_text(info, raw if _INNER_STOP.search(raw) else piece)
    return info


def _merge(info: VenueInfo, sub: VenueInfo) -> None:
    info.volume = info.volume or sub.volume
    info.number = info.number or sub.number
    info.pages = info.pages or sub.pages
    info.year = info.year or sub.year
    info.month = info.month or sub.month


def _add_text(info: VenueInfo, text: str) -> None:
    text = text.strip(" :,;")
    if not _INNER_STOP.search(text):
        text = text.rstrip(".")
    if not text:
        return
    if (not info.venue and not info.has_numbers and not info.year) or (
        not info.venue and not info.extra_text
    ):
        info.venue = text
    else:
        info.extra_text.append(text)


def looks_like_venue_line(text: str) -> VenueInfo | None:
    """A line that is only a venue/date/volume statement (PubMed citation line, a run)."""
    if len(text) > 400:
        return None
    info = parse_venue(text)
    if info.year and (info.volume or info.pages) and len(info.venue.split()) <= 12:
        return info
    return None
