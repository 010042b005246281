"""Copy artefacts undone before lines are classified: general facts about copied page text.

- A visit date (`accessed on 20 June 2024`, `[cited 2021 Jun 19]`, `Download date:
  07. Jul. 2015`, `Zugriff am …`, `дата обращения …`) dates the reader's visit, not
  the work: the phrase is removed, so its year is never taken as the publication year.
- A label copied without the space or colon that the page showed between two
  elements (`Published inJournal of …`, `LanguageEnglish`, `作者王…`) is a label
  glued to its value: a known label followed by a capital or digit (or, in Chinese
  and Japanese, by anything) is split off again.
- A DOI the page wrapped (`10.1162/coli_a_` / `00472`) continues on the next line when
  the first part ends where a browser breaks (`/ . _ -`) and the next line is one token.
- A word a PDF hyphenated at its line end, copied into running text (`recon- struction`),
  is one word; `pre- and post-war` (a suspended hyphen before a conjunction) is kept.
- A table copied as a row of labels over a row of values (cells apart by tabs, or one
  cell per line) is read as `label: value` pairs.
- A byline whose affiliation marks are separate elements is copied one cell per line (`Ana
  Quell` / `1,*,` / `Tomas Vendrel` / `2 and` / `Mira Okafor` / `1`): a line of marks alone
  goes back onto the name above it, and the name after a mark that ends in a comma or a
  conjunction continues the byline; a mark alone over an address (`1` / `Department of …`,
  `*` / `Author to whom correspondence …`) is that address's mark.
- Authors printed one per line, each with an institution in brackets (`S. Khanna ( School of
  X, University of Y )`), are a byline: the bracketed addresses leave the names, and the names
  are joined into one line (on the run's last line, so every line keeps its number).
- The language name a citation line prints after its pages (`J Fict Sci. 2017 Nov;32(11):
  1749-1756. English.`, PubMed's and its mirrors' form) is the work's language, not a venue
  or title: it leaves a line that holds a year.
- Link words printed after a list entry (`[PDF] [BibTeX]`, `PDF | DOI | BibTeX`, `Download`,
  `(Cited by 12)`, `Texto completo`) are the page's controls, not the entry's last field.
"""

from __future__ import annotations

import re

from .lexicon import Label
from .lexicon import words as lexicon_words
from .lines import (
    ACCESS_DATE,
    LIST_HEADINGS,
    STOP_HEADINGS,
    is_affiliation,
    is_chrome,
    label_of,
    type_of,
)
from .names import ORG_WORDS

_YEARISH = re.compile(r"(?:1[89]|20)\d\d")
# (lower-case stems searched in the lower-cased line: an IGNORECASE alternation is far slower)
_ACCESS_HINT = re.compile(r"access|cited|retriev|view|download|zugriff|abgerufen|consult|acess|"
                          r"обращ|доступ|звернення|загрузки|завантаж|dostęp|pobrania|访问|引用|下载|閲覧|参照|アクセス|ダウンロード|"
                          # (and the longest word of every phrase of the lexicon: deposit dates)
                          + "|".join(sorted({re.escape(max(w.split(), key=len)[:7]) for w in lexicon_words("access_dates")})))  # fmt: skip

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")
# camel boundary: a lower-case letter, then a capital letter or a digit
_CAMEL = re.compile(r"(?<=[a-zà-ÿа-яёіїєґąćęłńóśźż])(?=[A-ZÀ-ÞА-ЯЁІЇЄҐĄĆĘŁŃÓŚŹŻ0-9])")
_DOI_END = re.compile(r"(?:^|[\s:/])(10\.\d{4,9}/\S*[/._\-(])$")
_DOI_TAIL = re.compile(r"^[\w.\-;()/:<>]{1,60}$")
_CONJ = r"and|or|und|oder|bzw|et|ou|y|o|e|i|и|или|та|і|й|або|lub|oraz|to|bis|à|a|до|po|nach"
_PDF_HYPHEN = re.compile(
    r"(?<=[a-zß-ÿа-яёіїєґąćęłńóśźż]{2})- (?!(?:" + _CONJ + r")\b)(?=[a-zß-ÿа-яёіїєґąćęłńóśźż]{2})"
)


# "(Vol. 2)" after a title is one statement: its full stop ends no sentence
_VOLUME_NOTE = re.compile(r"\((Vol|Bd|Т|Том)\.\s*(\d{1,4})\)")


def drop_epub(text: str) -> str:
    """`Journal. 2012 Nov;109(6):1883-8. Epub 2011 Sep 8.`: the e-publication date after a
    citation line that has its own year (the issue's, which citations use) is left out, as is
    `Epub ahead of print`; alone, an Epub date is the only date and stays."""
    m = _EPUB.search(text)
    if m is None or not _YEARISH.search(text[: m.start()]):
        return text
    return (text[: m.start()] + text[m.end() :]).strip()


_EPUB = re.compile(
    r"\s*\bEpub(?:\s+ahead of print|\s+(?:1[89]|20)\d\d(?:\s+[A-Z][a-z]{2})?(?:\s+\d{1,2})?)\.?"
)


# `Exemple : Quell, R. (2031). Title.`: a word presenting the line as an example, then a colon
_EXAMPLE_LABEL = re.compile(
    r"^(?:"
    + "|".join(re.escape(w) for w in sorted(lexicon_words("example_labels"), key=len, reverse=True))
    + r")\s*[:：]\s*(?=\S)",
    re.IGNORECASE,
)


def drop_example_label(text: str) -> str:
    """`Exemple : Grize, J.-B. (1992). Title. Place : Publisher.` -> the reference alone.

    Style guides and journals' instructions to authors print each example reference after
    a word that says so (`Example:`, `Exemple :`, `Ejemplo:`, `Beispiel:`; `example_labels`
    in labels.json): the word is no part of the reference, and read with it the first
    author was `Exemple : Grize`. Seen on a French journal's bibliographic norms (every
    example so) and an English guide to citing articles in three styles (realpages13)."""
    m = _EXAMPLE_LABEL.match(text)
    return text[m.end() :] if m else text


def drop_access_dates(text: str) -> str:
    if not _YEARISH.search(text) or not _ACCESS_HINT.search(text.lower()):
        return text
    return ACCESS_DATE.sub("", text).strip()


_COLON = re.compile(r"[:：]")
_LATIN = re.compile(r"[A-Za-z]")


def unglue_label(text: str) -> str:
    """`Published inJournal of X` -> `Published in: Journal of X` (a known label only)."""
    colon = _COLON.search(text, 0, 40)
    if colon is not None and (
        (_CJK.match(text) and not _LATIN.search(text, 0, colon.start()))
        or label_of(text[: colon.start()]) is not None
    ):
        return text  # (`Title: …`, `作者：…`: the label is apart already; a colon inside a
        # glued value, `TitoloAdaptive memory: is …`, `タイトルThe connectome: state …`, is the
        # value's: a Latin title glued to a CJK label holds its own colon)
    head = text[:45]
    if _CJK.match(head):
        if is_chrome(text) or label_of(text) is not None:
            return text  # (`著者最終稿；`, a note; `作者单位`, a label whole: not the label `作者`)
        for k in range(min(7, len(text) - 1), 1, -1):
            if label_of(text[:k]) is not None:
                return _split_label(text, k)
        return text
    for m in _CAMEL.finditer(head):
        k = m.start()
        if k >= 3 and label_of(text[:k]) is not None:
            return _split_label(text, k)
    for m in _GLUED_PARTICLE.finditer(head):
        # `Authorsvan der Maaten, L.`, `Авториvan der Maaten`: a name that opens with its
        # particle, in lower case, glued to an author label
        if m.start() >= 3 and label_of(text[: m.start()]) is Label.AUTHOR:
            return _split_label(text, m.start())
    return text


_GLUED_PARTICLE = re.compile(
    r"(?<=[^\W\d_])(?:van|von|de|der|den|du|da|di|del|della|dos|la|le|ten|ter|op)\s[^\W\d_]"
)


# A heading over a list of other works glued by copying to the list's first entry
# (`References1. Quell M, …`, `ReferencesQuell, M. (2004) …`, `参考文献[1] …`): the heading as
# printed (any case), then a list number or a capitalised word, with no space between.
_GLUED_STOP = re.compile(
    "^((?i:"
    + "|".join(re.escape(h) for h in sorted(STOP_HEADINGS, key=len, reverse=True))
    + r"))(?=\d{1,3}[.)]\s|\[\d{1,3}\]|[A-ZÀ-ÞА-ЯЁІЇЄҐĄĆĘŁŃÓŚŹŻ][a-zà-ÿа-яёіїєґąćęłńóśźż])"
)

_STOP_PREFIXES = frozenset(h[:3] for h in STOP_HEADINGS)


def glued_stop_heading(text: str) -> int:
    """Where a glued list heading ends (`References1. Quell M…` -> 10), or 0: the heading is
    then a line of its own and the entry the next. (An entry is longer than 15 characters; a
    heading's own count, `Cited by12`, is no entry.)"""
    if len(text) < 25 or text[:1].islower() or text[:3].lower() not in _STOP_PREFIXES:
        return 0  # (cheap exits first: the expression below is tried on few lines)
    m = _GLUED_STOP.match(text)
    if m is None or len(text) - m.end() < 15:
        return 0
    return m.end()


def _split_label(text: str, k: int) -> str:
    """`label: value`, unless the whole line is a type line (`期刊论文`, journal article, starts
    with `期刊`, journal): it holds no label."""
    if type_of(text) is not None:
        return text
    return f"{text[:k]}: {text[k:].strip()}"


def join_hyphenated(text: str) -> str:
    if "(" in text:
        text = _VOLUME_NOTE.sub(r"(\1 \2)", text)
    return _PDF_HYPHEN.sub("", text) if "- " in text else text


def join_split_dois(text: list[str]) -> None:
    """A DOI wrapped over two lines, in place (the second line is emptied)."""
    for i in range(len(text) - 1):
        t = text[i]
        if "10." not in t:
            continue
        m = _DOI_END.search(t)
        nxt = text[i + 1]
        # after a full stop the DOI may have ended: the next line must then hold a digit
        if m and _DOI_TAIL.match(nxt) and (not t.endswith(".") or re.search(r"\d", nxt)):
            text[i] = t + text[i + 1]
            text[i + 1] = ""


def _cells(raw: str) -> list[str]:
    if "\t" in raw:
        return [c.strip() for c in raw.strip().split("\t") if c.strip()]
    return [c.strip() for c in re.split(r"\s{3,}", raw.strip()) if c.strip()]


def fits_label(label: Label | None, value: str) -> bool:
    """A value that can stand under its label (a year under `Year`, a number under `Volume`)."""
    if label is Label.DATE:
        return len(value) <= 30 and bool(_YEARISH.search(value))
    if label in (Label.VOLUME, Label.ISSUE, Label.PAGES):
        return len(value) <= 20 and bool(re.search(r"\d", value))
    return label is not None and len(value) <= 400


def flat_tables(
    raw: list[str], text: list[str]
) -> dict[int, tuple[list[tuple[Label, str, int]], int]]:
    """Tables copied as a row of labels then a row of values.

    Returns, keyed by the first line of such a table, the (label, value, line number)
    pairs and the index of the line after it."""
    out: dict[int, tuple[list[tuple[Label, str, int]], int]] = {}
    i = 0
    n = len(text)
    labs = [label_of(t) if t else None for t in text]  # (each line asked once, not per start)
    while i < n:
        t = text[i]
        if not t:
            i += 1
            continue
        # cells in one row, apart by tabs or wide spaces
        if "\t" in raw[i] or "   " in raw[i]:
            cells = _cells(raw[i])
            labels = [label_of(c) for c in cells]
            if len(cells) >= 2 and all(lab is not None for lab in labels):
                j = i + 1
                while j < n and not text[j]:
                    j += 1
                values = _cells(raw[j]) if j < n else []
                if len(values) == len(cells) and all(map(fits_label, labels, values)):
                    pairs = [
                        (lab, v, j + 1)
                        for lab, v in zip(labels, values, strict=True)
                        if lab is not None
                    ]
                    out[i] = (pairs, j + 1)
                    i = j + 1
                    continue
        # one cell per line: three or more label lines, then as many value lines
        k = i
        while k < n and text[k] and labs[k] is not None and k - i < 12:
            k += 1
        count = k - i
        if (
            count >= 3
            and k + count <= n
            and all(text[v] and labs[v] is None for v in range(k, k + count))
            and all(fits_label(labs[i + a], text[k + a]) for a in range(count))
        ):
            pairs = []
            for a in range(count):
                lab = labs[i + a]
                if lab is not None:
                    pairs.append((lab, text[k + a], k + a + 1))
            out[i] = (pairs, k + count)
            i = k + count
            continue
        i += 1
    return out


# Link words publication lists and reading lists print after an entry (besides the chrome and
# counter words of the lexicon): the targets of the links, never a part of the reference.
_LINK_WORDS = frozenset(
    "pdf bibtex doi link links code html slides data dataset preprint abstract ris endnote "
    "video poster supplement supplementary url arxiv github website publisher paper talk "
    "software project article full text download".split()
)
# the last words of the lexicon's chrome phrases (`completo` of `Texto completo`, `全文下载`)
_CHROME_LAST = frozenset(w.split()[-1] for w in lexicon_words("chrome") if w.split())
_TAIL_PIECE = re.compile(r"\[[^\[\]]{1,24}\]|\([^()]{1,40}\)|[^\s\[\]()|]+(?:\s+[^\s\[\]()|]+)*")
_LAST_WORD = re.compile(r"(?:^|\s)(\S+)$")
_ENTRY_TAIL_END = re.compile(r"[.)\]]$|\S/\S+$|\d$")


def _is_link_piece(piece: str) -> bool:
    inner = piece[1:-1].strip() if piece[:1] in "[(" else piece
    low = inner.lower()
    return any(c.isalpha() for c in inner) and (  # (a year in brackets is the entry's own)
        low in _LINK_WORDS
        or all(w in _LINK_WORDS for w in low.split())
        or (is_chrome(inner) and low not in LIST_HEADINGS)
    )


def drop_link_tail(text: str) -> str:
    """An entry of a publication or reading list without the link words printed after it.

    The tail is one or more pieces apart by spaces or `|`, each a link word (`[PDF]`, `BibTeX`,
    `Download`), a chrome phrase of the lexicon (`Texto completo`, `全文下载`) or a counter in
    brackets (`(Cited by 12)`); what is left must end like a reference (a full stop, a bracket,
    a number, a DOI or URL) and hold a year. A line without such a last word is left alone."""
    if len(text) < 30:
        return text
    last = text[text.rfind(" ") + 1 :]
    low = last.lower()
    if not (last[-1:] in "])" or low in _LINK_WORDS or low in _CHROME_LAST):
        return text  # (a cheap exit: the tail's last piece is a link word or in brackets)
    cut = len(text)
    pos = len(text)
    for _ in range(6):
        k = text.rfind(" ", 0, pos)
        if k <= 0:
            break
        tail = text[k + 1 :]
        pieces = [p.strip() for p in _TAIL_PIECE.findall(tail.replace("|", " | "))]
        pieces = [p for p in pieces if p and p != "|"]
        if pieces and all(_is_link_piece(p) for p in pieces):
            head = text[:k].rstrip(" |")
            if _ENTRY_TAIL_END.search(head) and _YEARISH.search(head):
                cut = k
        pos = k
    return text[:cut].rstrip(" |") if cut < len(text) else text


# A line of affiliation marks alone: `1`, `1,*,`, `2 and`, `*`, `†`, or the comma or conjunction
# between two names (a cell of a byline or of an address list copied one element per line)
_MARK_CELL = re.compile(
    r"^(?:\d{1,2}(?:,\s?\d{1,2})*(?:,?\s?[*\u2020\u2021])?|[*\u2020\u2021])?"
    r"(,|\s*\b(?:and|und|et|y|e|i|и|та|&))?$"
)
_NAME_CELL = re.compile(r"^[^\W\d_][^\d,;:()]{1,60}$")
_GLUE_FIRST = frozenset("0123456789,*\u2020\u2021")
_LEAD_WORD = re.compile(r"^[a-z]{2,4}$")
_NAME_SPLIT = re.compile(r",\s|\s(?:and|und|et|y|e|i|и|та|&)\s")


def _mark_cell(line: str) -> re.Match[str] | None:
    return _MARK_CELL.match(line) if line and len(line) <= 12 else None


def join_mark_cells(text: list[str]) -> None:
    """Join a byline or an address list copied one cell per line (see the module docstring).

    A mark cell joins the name line above it (a short line of words without digits) when it
    is one of several cells (or carries a comma, a conjunction or `*`); a bare mark over an
    address or a note is that line's mark. Joined lines are left empty, so every line keeps
    its number."""
    n = len(text)
    cells = [i for i in range(n) if _mark_cell(text[i])]
    if not cells:
        return
    for i in cells:
        k = i - 2
        if (
            k >= 0
            and _LEAD_WORD.match(text[k])
            and not _mark_cell(text[k])  # (`und` between two names is no lead word)
            and _NAME_CELL.match(text[i - 1])
        ):
            text[k] = ""  # `by` / `von` / `par` alone over the first name: the byline's lead word
    for i in cells:
        t = text[i]
        m = _mark_cell(t)
        if m is None or i == 0:
            continue
        nxt = text[i + 1] if i + 1 < n else ""
        prev = text[i - 1]
        ends = m.group(1)
        if not ends and nxt and is_affiliation(f"{t} {nxt}"):
            text[i + 1] = f"{t} {nxt}"  # `1` / `Department of …`: the address's own mark
            text[i] = ""
            continue
        near = sum(1 for k in cells if k != i and abs(k - i) <= 3)
        if not prev or not (ends or "*" in t or near):
            continue
        if not _NAME_CELL.match(_NAME_SPLIT.split(prev)[-1]):
            continue
        # (the marks glued to the name, as the page shows them: `Rubin1*`, `Quell1,*,`)
        text[i - 1] = prev + (t if t[:1] in _GLUE_FIRST else f" {t}")
        text[i] = ""
        if ends and nxt and _NAME_CELL.match(nxt):
            # `2 and` / `Mira Okafor`: the byline goes on; the joined line moves down so the
            # next cell finds it right above
            text[i + 1] = f"{text[i - 1]} {nxt}"
            text[i - 1] = ""


# `Name ( Institution, Town )`: an author line with its affiliation in brackets
_BRACKETED = re.compile(r"^([^\W\d_][^\d()]{1,60}?)\s*\(\s*([^()]{4,200}?)\s*\)$")


def join_bracketed_authors(text: list[str]) -> None:
    """Join authors printed one per line with their institutions in brackets (module docstring)."""
    run: list[int] = []
    for i in range(len(text) + 1):
        m = _BRACKETED.match(text[i]) if i < len(text) and text[i].endswith(")") else None
        if m and is_affiliation(f"1 {m.group(2)}"):
            run.append(i)
            continue
        if run:
            names = [_BRACKETED.match(text[k]).group(1).strip() for k in run]  # type: ignore[union-attr]
            head = run[0] - 1
            if head >= 0 and ORG_WORDS.search(text[head]) and _NAME_CELL.match(text[head]):
                names.insert(0, text[head])  # an organisation heading the authors, unbracketed
                text[head] = ""
            for k in run:
                text[k] = ""
            text[run[-1]] = ", ".join(names)
            run = []


_LANGUAGE_NAMES = frozenset(lexicon_words("language_names"))
_LANGUAGE_TAIL = re.compile(r"(?<=[\d.)])\s*\.?\s+([^\W\d_]+)\.?$")


def drop_language_tail(text: str) -> str:
    """`… 2017 Nov;32(11):1749-1756. English.` without its language name (module docstring)."""
    m = _LANGUAGE_TAIL.search(text)
    if m is None or m.group(1).lower() not in _LANGUAGE_NAMES or not _YEARISH.search(text):
        return text
    return text[: m.start()].rstrip() + "."
