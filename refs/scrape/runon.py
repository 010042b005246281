"""A title run into its byline on one line: where the names start.

PDF first pages copied to document-sharing sites lose the line breaks of the header, so the
venue statement, the article type, the title, the byline and the addresses come as one line
(`… Research Article <title> <Given Surname>,1 <Given I. Surname>,2 and <Given Surname>1 1
Department of …`). The byline is a run of personal names joined by commas and `and`/`&`, each
name perhaps followed by its affiliation marks (digits, `*`, `†`); the text before the run is
the title, and the run ends where the addresses (an institution word), the correspondence note
or the abstract begin, or with the line.

Where the first name starts is the hard part: title words are capitalised too. The names of one
byline are printed in one form (`Given Surname`, `Given I. Surname`, `I. Surname`), so the first
name takes the form every other name has; a byline of one marked name needs its given name in
the given-name lexicons (`data/lexicon/`). When neither decides, or when the word left to the
title could itself be a given name, the line is not split: a title cut in the wrong place is
worse than none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..names import Name
from .fields import DOI_PRINTED
from .lexicon import type_words
from .lines import affiliation_word, is_title_like, label_of
from .names import PARTICLES, parse_name_list
from .refstring import lexicons

# Marks glued to a name (`Akl1,3`, `Zhou3`, `Rubin1*`) are set apart before tokens are read.
_GLUED_MARK = re.compile(
    r"(?<=[^\W\d_])(\d{1,2}(?:,\d{1,2})*[*\u2020\u2021]?|[*\u2020\u2021]+)(?=[\s,]|$)"
)
_MARK = re.compile(r"^(?:\d{1,2}[*\u2020\u2021]*|[*\u2020\u2021\u00a7]+\d{0,2})$")
_CONJ = {"and", "&", "und", "et", "y", "e", "i"}
_WORD = re.compile(r"^[^\W\d_][^\W\d_]*(?:[\-'’][^\W\d_]+)*$")
_INITIALS = re.compile(r"^(?:[^\W\d_]\.)(?:-?[^\W\d_]\.)*$")
_EMAIL = re.compile(r"@|\[email")
_MARKED_NAME = re.compile(r"[^\W\d_]\s?\d{1,2}[*\u2020\u2021]?\s?,")
_PAGES_TAIL = re.compile(r"(?i)\b(?:\d{1,4}\s+pages|pp\.\s*\d+\s*[-–]\s*\d+)\b")


@dataclass
class RunOn:
    """One run-on header line cut into its parts (texts as printed, marks kept in `byline`)."""

    head: str  # the venue statement, DOI and type words before the title ('' when none)
    title: str
    byline: str
    names: list[Name]
    rest: str  # the addresses, notes and abstract after the byline ('' when the line ends)


def _kind(tok: str) -> str:
    """N: a name word, I: initials, S: a separator (comma, conjunction, mark), X: anything else."""
    if tok == "," or tok.lower() in _CONJ or _MARK.match(tok):
        return "S"
    if _INITIALS.match(tok):
        return "I"
    if tok in PARTICLES:
        return "N"
    if _WORD.match(tok) and tok[0].isupper() and len(tok) >= 2:
        return "N"
    return "X"


@lru_cache(maxsize=1)
def _given() -> frozenset[str]:
    lex = lexicons()
    return lex["given_names"] | lex["bib_given_names"]


def _is_given(tok: str) -> bool:
    """A capitalised word the given-name lexicons hold (three letters at least: `An`, `In` are
    given names there and title words everywhere)."""
    return len(tok) >= 3 and tok[0].isupper() and tok.lower() in _given()


def _shape(toks: list[str]) -> tuple[bool, int]:
    """A name's form: whether it opens with initials, and how many full given words stand before
    the surname, middle initials not counted (`Walid M. I. Hassan` and `Bin Zhou` -> (False, 1),
    `E. Campos-Cantón` -> (True, 0), `Nor Fatin Zainuddin` -> (False, 2))."""
    given = toks[:-1]
    opens = bool(given) and bool(_INITIALS.match(given[0]))
    return opens, sum(1 for t in given if not _INITIALS.match(t))


def _stop(tok: str) -> bool:
    """Where a byline ends: an address (institution word), the correspondence note, a label
    (`Abstract`, `Keywords`) or an e-mail address."""
    if _EMAIL.search(tok) or affiliation_word(tok):
        return True
    word = tok.rstrip(":.")
    return bool(word) and label_of(word) is not None


def _head_end(text: str, limit: int) -> int:
    """Where the title starts: after the last DOI, page count or article-type phrase before
    `limit` (the venue statement and the type line printed above the title), else 0."""
    end = 0
    for m in DOI_PRINTED.finditer(text, 0, limit):
        end = max(end, m.end())
    for m in _PAGES_TAIL.finditer(text, 0, limit):
        end = max(end, m.end())
    low = text[:limit].lower()
    for phrase in _type_phrases():
        k = low.rfind(phrase, end)
        while k >= 0:
            stop = k + len(phrase)
            if (k == 0 or not low[k - 1].isalnum()) and (
                stop == len(low) or not low[stop].isalnum()
            ):
                end = max(end, stop)
                break
            k = low.rfind(phrase, end, k + len(phrase) - 1)
    return end


@lru_cache(maxsize=1)
def _type_phrases() -> tuple[str, ...]:
    """Article-type phrases of two words or more (`research article`, `original research`):
    one word (`Article`) is too common inside titles to end a venue statement."""
    return tuple(w for w in type_words() if " " in w)


def _first_name_start(toks: list[str], kinds: str, end: int, others: list[list[str]]) -> int:
    """Where the first name of a byline starts, its last word at `end`; -1 when unsure."""
    lo = end
    while lo - 1 >= 0 and kinds[lo - 1] in "NI" and end - (lo - 1) < 5:
        lo -= 1
    starts = [j for j in range(lo, end) if kinds[j] in "NI"]  # (a name has two words at least)
    shapes = {_shape(o) for o in others}
    if len(shapes) == 1:
        # every other name has one form: the first name has it too
        shape = next(iter(shapes))
        fits = [j for j in starts if _shape(toks[j : end + 1]) == shape]
        fits = [j for j in fits if j > 0 and kinds[j - 1] != "I"]
        if len(fits) != 1:
            return -1
        j = fits[0]
        if not shape[0] and _is_given(toks[j - 1]):
            return -1  # (`… Young Jun Feng`: a given name of three words, or a title's word)
        return j
    if shapes:
        return -1  # names of several forms (`Nor Fatin Farzana Zainuddin, Abu Bakar …`): unsure
    # one name alone, marked: the given-name lexicons decide where it starts
    fits = [j for j in starts if _is_given(toks[j]) and not _is_given(toks[j - 1])]
    return fits[0] if len(fits) == 1 and fits[0] > 0 else -1


def _spaced(token: str) -> list[str]:
    """One printed word as the tokens it is read as (`Zhou3` -> `Zhou`, `3`; `Feng,1,` ->
    `Feng`, `,`, `1`, `,`)."""
    return _GLUED_MARK.sub(r" \1", token).replace(",", " , ").split()


def split_run_on(text: str) -> RunOn | None:
    """The title, byline and rest of a run-on header line, or None (module docstring)."""
    if len(text) < 40 or len(text) > 20_000:
        return None
    printed = text.split()
    pieces = [_spaced(w) for w in printed]
    toks = [t for p in pieces for t in p]
    # (the printed word each token came from: the parts are cut from the printed words, so a
    # title keeps `CO2` and `Covid-19` as printed)
    source = [i for i, p in enumerate(pieces) for _ in p]
    kinds = "".join(_kind(t) for t in toks)
    # candidate ends of a first name: a name word followed by a separator
    for s in range(3, len(toks) - 1):
        if kinds[s] != "S" or kinds[s - 1] != "N" or _stop(toks[s - 1]):
            continue
        found = _byline_from(toks, kinds, s)
        if found is not None:
            first, second, end, names = found
            if source[first - 1] == source[first]:
                return None  # (a name glued to the word before it: no byline of its own)
            cut_at = source[end - 1] + 1
            return _assemble(printed, source[first], cut_at, toks[first:second], names)
    return None


def _byline_from(
    toks: list[str], kinds: str, s: int
) -> tuple[int, int, int, list[list[str]]] | None:
    """The byline whose first name ends before separator `s`: (its first word, `s`, the end,
    the other names)."""
    names: list[list[str]] = []
    cur: list[str] = []
    marked = False
    k = s
    while k < len(toks):
        kd = kinds[k]
        if kd == "X" or (kd == "N" and _stop(toks[k])):
            break
        if kd == "S":
            marked = marked or bool(_MARK.match(toks[k]))
            if cur:
                names.append(cur)
                cur = []
        else:
            cur.append(toks[k])
        k += 1
    end = k
    if cur:
        if k < len(toks) and kinds[k] == "X":
            return None  # (a name run on into lower-case words: running text, not a byline)
        names.append(cur)
    if end < len(toks) and not _stop(toks[end]):
        return None  # the run must end with the line, at an address, a label or an e-mail
    if end == len(toks) and not marked:
        return None  # (names ending the line unmarked: a title may end so, `… of John Adams`)
    if any(
        len(n) < 2 or len(n) > 5 or not all(t[:1].isupper() or t in PARTICLES for t in n)
        for n in names
    ):
        return None
    if not names and not marked:
        return None  # one name alone, unmarked: nothing tells it from the title's last words
    first = _first_name_start(toks, kinds, s - 1, names)
    if first < 3 or "S" in kinds[first - 2 : first] or toks[first - 1].endswith((",", ":", ";")):
        return None  # (names before it: the byline starts further left, or is a label's value)
    # most names of a byline start with a given name the lexicons know, or with initials
    every = [toks[first:s], *names]
    known = sum(1 for n in every if _INITIALS.match(n[0]) or _is_given(n[0]))
    if 2 * known < len(every):
        return None
    while end > s and kinds[end - 1] == "S":
        end -= 1
    return first, s, end, names


def _assemble(
    printed: list[str], first: int, end: int, first_name: list[str], names: list[list[str]]
) -> RunOn | None:
    """The parts of the line once its byline (printed words `first` to `end`) is found: the
    title is what stands between the head (venue statement, DOI, type line) and the first name;
    None when it is no title."""
    before = " ".join(printed[:first])
    start = _head_end(before, len(before))
    title = before[start:].strip(" ,;:")
    last = title.split()[-1] if title else ""
    if len(title.split()) < 3 or not is_title_like(title) or title.endswith("."):
        return None  # (a full stop ends a citation's title: names after it are a reference's)
    if last.islower() and len(last) <= 4:
        return None  # (`The Letters of` John Adams …: a title does not end on `of`, `and`, `the`)
    alone = parse_name_list(title, affiliations=True)
    if (alone and (len(alone) > 1 or _is_given(title.split()[0]))) or _MARKED_NAME.search(title):
        return None  # (a byline alone, or cut in its middle: its first names are no title)
    plain = ", ".join(" ".join(n) for n in [first_name, *names])
    parsed = parse_name_list(plain)
    if not parsed or not all(n.first and n.last for n in parsed) or len(parsed) != len(names) + 1:
        return None
    return RunOn(
        head=before[:start].strip(),
        title=title,
        byline=" ".join(printed[first:end]),
        names=parsed,
        rest=" ".join(printed[end:]),
    )
