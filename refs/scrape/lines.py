"""Line classification for scraped page text: labels, runs, headings, chrome, titles, paragraphs.

Vocabularies here are of *kinds* of text found on many sites (field labels in
several languages, section headings that start reference lists, common page
controls), never of one site's layout. Everything downstream sees `Unit`s.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..grammar.ids import ARXIV_ID, DOI_PREFIX
from .lexicon import Label, field_labels, type_words
from .lexicon import words as lexicon_words

# Field labels -> canonical field, headings and page controls: the lexicon (data/labels.json).
LABELS: dict[str, Label] = field_labels()
# Labels that also head a block when they stand alone on a line (no colon).
BARE_HEADINGS = lexicon_words("bare_headings")
# Headings over the authors' numbered addresses (`Affiliations`, `作者单位`): also bare headings.
AFFILIATION_HEADINGS = lexicon_words("affiliation_headings")
BARE_HEADINGS = BARE_HEADINGS | AFFILIATION_HEADINGS
# Headings after which a landing page lists *other* works (not records of this page).
STOP_HEADINGS = lexicon_words("stop_headings")
_CHROME_EXACT = lexicon_words("chrome")
# Headings of a list's own sections (`Required reading`, `Selected publications`, `Bibliografía
# básica`): they head entries of the page's list, so they are page structure, never a title.
LIST_HEADINGS = lexicon_words("list_headings")
# Headings of a landing page's sections (`General information`, `Bibliographic Details`): page
# structure between a record's title and its labels; the title above them stays the record's.
SECTION_HEADINGS = lexicon_words("section_headings")


# A list's column header (`Title  Cited by  Year`, `Название Процитировано Год`): field labels and
# counter words only, copied from a table's header row.
_HEADER_WORDS = sorted(
    {w for w in (*LABELS, *lexicon_words("counters"), "cited by", "процитировано", "引用先",
     "引用次数", "年份", "年")
     if w and not any(ch.isdigit() for ch in w)},
    key=len,
    reverse=True,
)  # fmt: skip
_COLUMN_HEADER = re.compile(
    r"(?:(?:" + "|".join(re.escape(w) for w in _HEADER_WORDS) + r")(?:\s+|$)){2,4}"
)


_HEADER_FIRST = frozenset(w.split()[0] for w in _HEADER_WORDS)


def is_column_header(low: str) -> bool:
    """Two to four column names of a list (`title cited by year`): its table's header row."""
    return (
        len(low) <= 60
        and low.split(" ", 1)[0] in _HEADER_FIRST  # (a cheap exit: it starts with a column name)
        and not any(c.isdigit() for c in low)
        and _COLUMN_HEADER.fullmatch(low + " ") is not None
    )


def is_section_heading(text: str) -> bool:
    return len(text) <= 40 and text.lower().rstrip(":： ") in SECTION_HEADINGS


_COUNTERS = "|".join(re.escape(w) for w in sorted(lexicon_words("counters"), key=len, reverse=True))
# Cookie banners: a line about cookies that says what the site does with them or ends in a button
_COOKIE_RE = re.compile(
    r"(?i)^(?:(?=.*\b(?:use|uses|using|accept|agree|continu\w*|site|website|"
    r"experience|preferences|policy)\b).*|"
    r".*(?:" + "|".join(re.escape(w) for w in lexicon_words("chrome")) + r"))$"
)
_CHROME_RE = re.compile(
    r"(?i)^(?:"
    r"\d{1,4}|page \d+( of \d+)?|\d+\s*[-–]\s*\d+ of \d+|"
    r"(?:" + _COUNTERS + r")(?![^\W\d_])[\s~:：]*[\d,]+.{0,80}|"
    r"\d+ (?:years?|months?|weeks?|days?|hours?) ago\b.*|\(\d+\)\s+discussion\b.*|"
    r"\[(?:html|pdf|doc|ps)\]\s+(?:[\w\-]+\.)+[a-z]{2,}|(?:copyright\s*)?(?:©|\(c\)\s*\d{4}).*|"
    r"copyright\s+\d{4}.*|all \d+ versions|total of \d+ entries|record \d+ of \d+|"
    # a printed page's running head: its page number, the journal, volume and year
    r"\d{1,4}\s+[^\W\d_][^\d()]{2,100}?\s\d{1,4}\s?\((?:1[5-9]|20)\d\d\))$"
)
_COOKIE_WORD = re.compile(r"\bcookies?\b")
# Words of result counts, sort controls and page numbers, with the counters' and single-word
# controls': a short line of nothing else (and numbers) is page furniture, in any language.
_ACTION_ROW_WORDS = lexicon_words("action_words")
_FURNITURE_WORDS = (
    lexicon_words("pagination")
    | {w for c in lexicon_words("counters") for w in c.split()}
    | {w for w in lexicon_words("chrome") if " " not in w}
)
_FURNITURE_TOKEN = re.compile(r"[^\W\d_]+|\d[\d,.]*")
# Words of toolbars and result action lines ("Save Cite Cited by 12 Related articles").
_ACTION_WORDS = lexicon_words("action_words") | {
    w for c in lexicon_words("counters") for w in c.split()
}

# Phrases that date a visit ("accessed on 20 June 2024", "[cited 2021 Jun 19]", "Zugriff am
# 3.6.2024"), with their date: removed from lines, so the year is never read as the work's.
_ACCESS = "|".join(
    re.escape(w) for w in sorted(lexicon_words("access_dates"), key=len, reverse=True)
)
ACCESS_DATE = re.compile(
    r"(?i)\s*[\[(]?(?<![^\W\d_])(?:"
    + _ACCESS
    + r")(?![^\W\d_])\s*(?:on\s+|le\s+|el\s+|em\s+|il\s+|am\s+)?\s*[:：]?\s*"
    r"(?:[\d./\-年月日]{1,12}\s*)?(?:[^\W\d_]{3,10}\.?\s*)?(?:\d{1,2}(?:st|nd|rd|th)?,?\s*)?"
    r"(?:1[89]|20)\d\d(?:[\d./\-年月日]{0,8})?(?:\s*[^\W\d_]{3,9}\.?\s*\d{1,2})?[\])]?\.?"
)


_WORD = re.compile(r"[^\W\d_][\w\-]*")


def _is_action_line(text: str) -> bool:
    low = text.lower()
    first = _WORD.search(low)
    if first is None or first.group(0) not in _ACTION_WORDS:
        return False  # (a cheap exit: toolbars start with one of their words)
    words = _WORD.findall(low)
    if not words or words[0] not in _ACTION_WORDS or len(words) > 20:
        return False
    known = sum(w in _ACTION_WORDS for w in words)
    return known >= 2 and known / len(words) >= 0.7


_TYPE_LIKE = re.compile(
    r"(?i)^(?:[\w\-']+\s+){0,2}(?:article|trial|review|report|paper|chapter|letter|editorial|"
    r"preprint|study|стаття|статья|book|thesis)$"
)

_COLON_LABEL = re.compile(r"^([^\W\d][^:：|]{0,40}?)\s*[:：]\s*(.*)$")
_PIPE_ROW = re.compile(r"^([^|]{0,60}?)\s*\|\s*(.*)$")
ARXIV_LINE = re.compile(rf"^(?:\[\d{{1,4}}\]\s*)?arXiv:\s?({ARXIV_ID})(?:v\d+)?\b")
SUBMITTED = re.compile(r"(?i)^\[?(?:submitted|v1 submitted|\[?v1\]|published online)\b")
# An article's review history (`Received 3 May 2018; Accepted …`, `Поступила в редакцию …`,
# `收稿日期`): it dates the review, which precedes publication, so its years are never the
# publication year; the line is read as an ignored field.
_HISTORY_RE = re.compile(
    r"(?i)^\[?(?:"
    + "|".join(re.escape(w) for w in sorted(lexicon_words("history_dates"), key=len, reverse=True))
    + r")(?:\s*[:：]|\s+|(?=\d)|$)"
)
# An author's affiliation printed under the byline: it starts with an affiliation mark (a
# number, one letter, a superscript, `*`, `†`) and names an institution, or it gives an e-mail
# address; it is never a title, a byline or part of an abstract.
_AFFIL_MARK = re.compile(
    r"^(?:(?:[\d\u00b9\u00b2\u00b3\u2070-\u2079]{1,2}|[*\u2020\u2021\u204e§]+)(?:\s|(?=[^\W\d_]))"
    r"|[a-z](?:\s|(?=[A-Z\u00c0-\u00de\u0400-\u042f])))"  # (a letter: before a capital)
)
_AFFIL_WORD = re.compile(
    r"(?i)(?:^|\W)(?:"
    + "|".join(
        re.escape(w) for w in sorted(lexicon_words("affiliation_words"), key=len, reverse=True)
    )
    + r")"
)
# The note on the author to write to (`* Author to whom correspondence should be addressed.`)
_CORR_WORD = re.compile(
    r"(?i)"
    + "|".join(
        re.escape(w) for w in sorted(lexicon_words("correspondence_words"), key=len, reverse=True)
    )
)
_MARK_FIRST = set("abcdefghijklmnopqrstuvwxyz*\u2020\u2021\u204e§\u00b9\u00b2\u00b3") | {
    chr(c) for c in range(0x2070, 0x207A)
}
_BULLETS = frozenset("•◦▪▫‣●○■□➢►")  # (list bullets)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")


_ONLINE_RE = re.compile(
    r"(?i)^(?:"
    + "|".join(re.escape(w) for w in sorted(lexicon_words("online_dates"), key=len, reverse=True))
    + r")(?:\s*[:：]|\s+|(?=\d))"
)


def online_dates(text: str) -> list[str]:
    """The parts of a line that date a work's publication online (`Published online 3 Jan 2003`,
    `Опубликована онлайн …`), also inside a review-history line (`Received …; Published online …`)."""
    return [p for p in re.split(r"\s*[;/]\s*", text) if _ONLINE_RE.match(p) and re.search(r"\d", p)]


def affiliation_word(word: str) -> bool:
    """A word that starts an address (`Department`, `Faculty`, `Universität`): no person's
    name holds one, so a byline run into its addresses ends before it."""
    return bool(_AFFIL_WORD.match(word))


def names_institution(text: str) -> bool:
    """An address naming an institution (`Faculty of X, Lowfield University, 8021 Lowfield`):
    under a byline, without a mark, it is the authors' one affiliation."""
    return "," in text and len(text) <= 300 and bool(_AFFIL_WORD.search(text))


def is_institution_name(text: str) -> bool:
    """An institution's name alone (`Nowhereville Academy of Sciences`, `Eastmarch University
    Hospital`): a short line without digits or commas that holds an institution word."""
    return (
        len(text) <= 80
        and "," not in text
        and not any(c.isdigit() for c in text)
        and len(text.split()) <= 8
        and bool(_AFFIL_WORD.search(text))
    )


# First three letters of the history and online-date words: most lines fail one set lookup
_DATE_FIRST = {w[:3] for k in ("history_dates", "online_dates") for w in lexicon_words(k)}
_DIGIT_RE = re.compile(r"\d")


def is_online_date(text: str) -> bool:
    """A line that starts with a published-online date."""
    return (
        text[:3].lower() in _DATE_FIRST
        and bool(_ONLINE_RE.match(text))
        and bool(_DIGIT_RE.search(text, 0, 80))
    )


def is_history_date(text: str) -> bool:
    """A line of an article's review history: `Received …`, `Accepted …`, `Eingegangen …`."""
    return (
        text.lstrip("[")[:3].lower() in _DATE_FIRST
        and bool(_HISTORY_RE.match(text))
        and bool(_DIGIT_RE.search(text, 0, 80))
    )


def is_affiliation(text: str) -> bool:
    """An affiliation line under a byline (`1 Department of …`, `a Institut für …`, `* … @…`;
    also as a list item: `• 1Department of …`)."""
    if text[:1] in _BULLETS:
        text = text[1:].lstrip()
    m = _AFFIL_MARK.match(text) if text[:1] in _MARK_FIRST or text[:1].isdigit() else None
    if m is None or len(text) > 400:
        return False
    rest = text[m.end() :]  # (`1Department of …`: a mark copied without its space)
    return bool(_AFFIL_WORD.search(rest) or _EMAIL.search(rest) or _CORR_WORD.search(rest))


DOI_LINE = re.compile(
    rf"^{DOI_PREFIX}?10\.\d{{4,9}}/\S+(?:\s*[·|◽]\s*[^\s].{{0,40}})?$", re.IGNORECASE
)
# Result tags of scholarly search engines, in the interface languages (`[BUCH]`, `[ZITATION]`,
# `[LIVRE]`, `[LIBRO]`, `[КНИГА]`, `[图书]` …): the kind of the result, never its title's words.
BOOK_TAGS = ("BOOK", "BUCH", "LIVRE", "LIBRO", "LIVRO", "КНИГА", "KSIĄŻKA", "图书", "書籍")
SCHOLAR_TAG = re.compile(
    r"^(?:\[(?:HTML|PDF|DOC|B|C|PS|CITATION|ZITATION|CITAS|CITAÇÃO|CITAZIONE|ЦИТИРОВАНИЕ|"
    r"ЦИТУВАННЯ|CYTOWANIE|引用|" + "|".join(BOOK_TAGS) + r")\]\s*)+"
)
RUN_SEP = "\u25fd"
# Separators that, ending a line, continue a run onto the next line.
RUN_ENDS = ("\u25fd", "\u25fe", " |", " \u00b7", " \u2022")
_TAB_ROW = re.compile(r"^\s*([^\t]{1,40}?)(?:\t+|\s{3,})(\S.*)$")


def tab_row(raw: str) -> tuple[str, str] | None:
    """`Label<TAB>value` (or label and value apart by 3+ spaces) from a copied table."""
    m = _TAB_ROW.match(raw)
    if m and LABELS.get(norm(m.group(1)).lower().rstrip(":：").strip()):
        return norm(m.group(1)), norm(m.group(2))
    return None


_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff]|\u00ad(?=\w)")


def norm(text: str) -> str:
    """One line as text: invisible characters gone, any run of spaces one space."""
    if not text.isascii():
        text = _INVISIBLE.sub("", text.replace("\u00a0", " "))
    return " ".join(text.split())


_UNNORMED = re.compile(r"\s\s|[\t\r\u00a0\u200b\u200c\u200d\u2060\ufeff\u00ad]")


def label_of(text: str) -> Label | None:
    """The canonical field a label names, or None when it is no label."""
    if len(text) > 80:
        return None  # (a cheap exit before any copying: most lines are no label)
    return _label_of(text)


@lru_cache(maxsize=8192)
def _label_of(text: str) -> Label | None:
    """(Remembered: the flattened-table pass and the unit pass ask every short line, and pages
    repeat their labels.)"""
    key = text.lower().rstrip(":：").strip()
    if len(key) > 60:
        return None  # no label is that long (a cheap exit: most lines are no label)
    label = LABELS.get(key)
    if label is None and _UNNORMED.search(key):
        key = norm(key).rstrip(":：").strip()
        label = LABELS.get(key)
    if label is None:
        label = LABELS.get(key) or (LABELS.get(key[:-1]) if key.endswith(".") else None)  # "стр."
    return label


_HEADING_TAIL = re.compile(r"\s*\(\d+\)$|\s*[:：]$")


def is_list_heading(text: str) -> bool:
    """`Required reading`, `Selected publications`, `必读文献:`: a heading of a list's own section."""
    return len(text) <= 80 and text.lower().strip().rstrip(":： ") in LIST_HEADINGS


def is_stop_heading(text: str) -> bool:
    if len(text) > 80:
        return False  # (a cheap exit: no heading is that long)
    low = text.lower().strip()
    if low in STOP_HEADINGS:
        return True
    if not low.endswith((")", ":", "：")):
        return False  # (no count or colon to strip: the line itself was looked up)
    return _HEADING_TAIL.sub("", low).strip() in STOP_HEADINGS


@lru_cache(maxsize=16384)
def is_chrome(text: str) -> bool:
    """(Remembered: a line is asked as itself, as the line above or below an entry, and as a
    look-ahead's next line; link tails ask their pieces, which pages repeat.)"""
    low = text.lower()
    return (
        low in _CHROME_EXACT
        or (low[-1:] in ";,.:；，。：" and low.rstrip(";,.:；，。： ") in _CHROME_EXACT)
        or low.rstrip(":： ") in LIST_HEADINGS
        or low.rstrip(":： ") in SECTION_HEADINGS
        or is_column_header(low)
        or bool(_CHROME_RE.match(text))
        or (bool(_COOKIE_WORD.search(low)) and bool(_COOKIE_RE.match(text)))
        or _is_action_line(text)
        or _is_furniture(low)
        or ("\u203a" in text and _is_breadcrumb(text))
        or _is_navigation(text)
        or (
            " et al" in text
            and _ET_AL_HEAD.match(text) is not None
            and not _TITLE_STOP.search(text)
        )
    )


# A printed page's running head that names the work by its first author (`Jiang et al. Nano
# Lett. 2013`, `Okafor et al. BMC Tides (2019) 17:45`, `Nordic Council for X et al. Journal of
# Y 1983`): the first author, `et al.`, the journal and the year, perhaps volume and pages; no
# title (a short reference prints one: `Jiang et al. Enhanced lifetimes. Nano Lett. 2013`)
_ET_AL_HEAD = re.compile(
    r"^[^\W\d_][\w'’\-]*(?:\s[^\W\d_][\w'’\-]*){0,6}\set\sal\.?,?\s+"
    r"[^\W\d_a-z][^\d()\[\]]{1,120}?[\s,.]\(?(?:1[89]|20)\d\d\)?[\d\s,;:()\-–]{0,30}$"
)
# (a full stop after a word of five or more letters, then more words: a title's end, which
# journal abbreviations, `Nano Lett.`, `J. Phys. Chem.`, do not make; or a question mark)
_TITLE_STOP = re.compile(r"(?:[^\W\d_]{5,}\.|[?!])\s+[^\W\d_]{2,}.*\s(?:1[89]|20)\d\d")


# Links to the neighbouring article or record and to the next page or the level above
# (`Next article`, `« Previous Article`, `Artículo siguiente`, `Vorherige Seite`): journal
# platforms print them above an article's header, PDF views and catalogues above a page's text.
NEIGHBOUR_LINKS = lexicon_words("neighbour_links")
_LINK_RE = re.compile(
    r"(?<!\w)(?:"
    + "|".join(
        re.escape(w)
        for w in sorted(NEIGHBOUR_LINKS | lexicon_words("page_links"), key=len, reverse=True)
    )
    + r")(?!\w)"
)
_LINK_MARKS = "«»‹›<>←→|·•/:-–— "


def neighbour_link(text: str) -> bool:
    """The line is one link to the next or previous article (`Next Article in Journal`,
    `下一篇`): the title a platform prints directly under it is that neighbour's."""
    return text.lower().strip(_LINK_MARKS) in NEIGHBOUR_LINKS


def _is_navigation(text: str) -> bool:
    """A line of links to the neighbouring article or page (`« Previous Article`, `Next
    Article »`, `Publikationen Hierarchiestufe höher Vorherige Seite`): beside the links it holds
    at most two capitalised words, the name of the section the links move in, and no number.
    A title that holds such a phrase holds other words too."""
    low = text.lower()
    if len(low) > 120 or _LINK_RE.search(low) is None:
        return False
    rest = _LINK_RE.sub(" ", low)
    kept = [w for w in rest.split() if w.strip(_LINK_MARKS)]
    if len(kept) > 2 or any(c.isdigit() for c in rest):
        return False
    # (the rest's words, found again in the line as printed: each capitalised)
    printed = {w.lower(): w for w in text.split()}
    return all(printed.get(w, w)[:1].isupper() for w in kept)


def _is_breadcrumb(text: str) -> bool:
    """A navigation path (`Research output: Contribution to journal › Article › peer-review`,
    `Journal List › J Fict Sci › v.32(11)`): two or more `›` between short parts; a title does
    not print them."""
    parts = text.split(" \u203a ")
    return len(parts) >= 3 and len(text) <= 200 and all(0 < len(p.split()) <= 8 for p in parts)


def _is_furniture(low: str) -> bool:
    """`Page 3 of 12`, `Showing 1–20 of 340 results`, `Seite 2 von 9`, `Views 12 · Downloads 3`,
    `« Previous 1 2 3 … 40 Next »`, `Save Cite Cited by 12 Related articles All 5 versions`:
    pagination, result counts, sort controls, metrics and action rows print nothing but
    interface words and numbers; a title or a reference always has other words."""
    if len(low) > 160:
        return False
    first = _FURNITURE_TOKEN.search(low)
    if first is None or not (
        first.group(0)[0].isdigit()
        or first.group(0) in _FURNITURE_WORDS
        or first.group(0) in _ACTION_ROW_WORDS
    ):
        return False  # (a cheap exit: furniture starts with one of its words or a number)
    tokens = _FURNITURE_TOKEN.findall(low)
    if len(tokens) < 2:
        return False
    digits = sum(t[0].isdigit() for t in tokens)
    if not all(t[0].isdigit() or t in _FURNITURE_WORDS for t in tokens):
        # an action row with its counters (`Citado por 319 Artigos relacionados Todas as 3
        # versões`): toolbar words too, when a count is among them
        return (
            0 < digits < len(tokens)
            and any(t in _FURNITURE_WORDS for t in tokens)
            and all(
                t[0].isdigit() or t in _FURNITURE_WORDS or t in _ACTION_ROW_WORDS for t in tokens
            )
        )
    # (numbers alone are no furniture: `2016;8:44-52.` ends a wrapped reference)
    return digits < len(tokens) and (digits > 0 or len(tokens) >= 3)


def type_of(text: str) -> str | None:
    """The entry type a short type line names ('' for types BibTeX has no word for), or None."""
    low = text.lower().strip(" .")
    kind = type_words().get(low)
    if kind is not None:
        return kind
    if _TYPE_LIKE.match(low):
        return ""
    return None


# Words of section headings over result lists ("Related Documents", "Most cited articles").
_HEADING_WORDS = {
    "related", "similar", "recommended", "documents", "document", "results", "result",
    "publications", "articles", "article", "search", "showing", "more", "other", "latest",
    "popular", "recent", "most", "read", "cited", "viewed", "top", "new", "submissions",
    "entries", "items", "works", "papers", "you", "may", "also", "like", "this", "journal",
    "issue", "current", "in", "by", "the", "from", "same", "author", "authors", "of", "all",
    "see", "view", "list", "references", "citing", "downloaded", "trending", "featured",
    "схожі", "документи", "статті", "публікації", "похожие", "статьи", "публикации",
    "ähnliche", "dokumente", "artikel", "documentos", "relacionados", "similares",
}  # fmt: skip


_NON_WORD = re.compile(r"[^\w]")


# Chinese and Japanese script (ideographs, kana): no case, and no spaces between words
CJK_CHAR = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")
# brackets that open a CJK title (`「つなぐ」…`, `《…》`, `【…】`)
_CJK_OPENERS = "「『《【〈（"


def word_count(text: str) -> int:
    """Words in a line, counting Chinese and Japanese script as words of two characters.

    CJK text puts no space between words, so a whole title or an abstract's line is one
    "word" by spaces; counted so, no CJK line was ever a title, a paragraph or an abstract
    (the average word of Chinese and Japanese text is under two characters long)."""
    n = 0
    for w in text.split():
        cjk = len(CJK_CHAR.findall(w))
        n += max(1, (cjk + 1) // 2 + (1 if len(w) - cjk >= 3 else 0)) if cjk else 1
    return n


def cjk_share(text: str) -> float:
    """The share of a line's non-space characters that are Chinese or Japanese script."""
    letters = len(text) - text.count(" ")
    return len(CJK_CHAR.findall(text)) / letters if letters else 0.0


def is_title_like(text: str) -> bool:
    words = text.split()
    if all(_NON_WORD.sub("", w).lower() in _HEADING_WORDS for w in words):
        return False  # a section heading, not a work's title
    cjk = cjk_share(text) >= 0.5
    if cjk:
        # a CJK title: no case to test, and a sentence's end (`。`) or a list's commas
        # (`、`, `，` between several) make running text, not a title
        if len(text) < 6 or text.endswith(("。", "：", ":", "、", "，")) or "。" in text:
            return False
        return word_count(text) <= 60 and text.count("、") + text.count("，") <= 2
    if not 2 <= len(words) <= 60 or len(text) < 12 or len(text) > 500:
        return False
    first = text[0]
    if not (first.isupper() or first.isdigit() or first in "\"“'‘¿¡«$"):
        return False
    if text.endswith((":", ",", ";")) or "@" in text:
        return False
    # Counters ("Number of citations 2") and navigation end in a bare number.
    return not (len(words) <= 8 and re.search(r"\s\d+$", text))


_JOURNALISH = re.compile(
    r"(?i)\b(?:journal|review|quarterly|annals|bulletin|proceedings|transactions|letters|"
    r"zeitschrift|revue|revista|rivista|archiv\w*|studies|studia|acta|magazine|research|"
    r"вісник|журнал|известия|вестник|записки|праці|труды)\b"
)


def is_journal_name(text: str) -> bool:
    """A short line that names a periodical (above a `Volume 12, Issue 1` line)."""
    return bool(_JOURNALISH.search(text)) and len(text.split()) <= 10 and ":" not in text


def is_paragraph(text: str) -> bool:
    if cjk_share(text) >= 0.5:
        # CJK running text: sentences end in `。` (or `．`), and its words are counted by
        # characters (`word_count`); a title ends in none
        n = word_count(text)
        return n >= 60 or (n >= 14 and bool(_CJK_SENTENCE_END.search(text)))
    words = text.split()
    if len(text) >= 200 and len(words) >= 25:
        return True
    return len(text) >= 100 and len(words) >= 14 and bool(_SENTENCE_END.search(text))


_CJK_SENTENCE_END = re.compile(r"[。．！？]")


# A sentence's end inside a line; the full stops of `vs.`, `e.g.`, `i.e.`, `cf.`, `et al.`, `St.`
# and of an initial end none (titles hold them: `Regional vs. whole body sweating`)
_SENTENCE_END = re.compile(
    r"(?<!\bvs)(?<!\be\.g)(?<!\bi\.e)(?<!\bcf)(?<!\bal)(?<!\bSt)(?<!\b[A-Z])[.!?…]\s+\S|[.!…]$"
)
