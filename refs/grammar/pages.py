"""Page ranges: dashes, abbreviated ends, Roman numerals.

`1034-71` means pages 1034 to 1071 (MEDLINE and many styles drop the leading digits
the end shares with the start); an abbreviated end is expanded only when the result
does not end before the start (`1034-1` stays as written: it is no abbreviation).
Front matter is numbered in Roman numerals (`xii-xv`); those pages are pages too,
but they never equal an Arabic page number, so matching gives them no number.
BibTeX writes a range with `--` (an en dash). LaTeX's dash commands (`\\textendash`,
`\\textemdash`, braced or not) print the same dashes, and exporters write them in page fields
(the ACL Anthology's `1{\\textendash}31`, 4,910 entries of one real library) as they do in
titles (Better BibTeX's `III\\textendash{}V`): in a page value they are range separators.
"""

from __future__ import annotations

import re

# Any dash a range is written with: hyphen(s), en/em/figure dash, minus, Unicode hyphens.
DASH = r"(?:-+|\u2013|\u2014|\u2012|\u2212|\u2010|\u2011)"
# A page as BibTeX values and exports print it: digits with an optional letter on either
# side (S12, 17A, e1000), or a Roman numeral.
_ROMAN_LOWER = r"m{0,3}(?:cm|cd|d?c{0,3})(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})"
ROMAN = rf"(?:(?=[ivxlcdm]){_ROMAN_LOWER}|(?=[IVXLCDM]){_ROMAN_LOWER.upper()})"
PAGE = rf"(?:[A-Za-z]?\d+[A-Za-z]?|{ROMAN})"
_RANGE = re.compile(rf"\s*({PAGE})\s*(?:{DASH}\s*({PAGE}))?\s*")
# What matching reads: digits with an optional letter before them, and an optional '+'
# ('120+': the article goes on elsewhere in the issue).
_NUMERIC = re.compile(rf"\s*([A-Za-z]?)\s*(\d+)\s*(?:{DASH}\s*([A-Za-z]?)\s*(\d+))?\s*\+?\s*")
# LaTeX's en/em dash commands as written in page fields: `{\textendash}`, `\textendash{}`,
# `\textendash ` (the space ends the command name), and braced hyphens (`1{-}31`, `1{--}31`).
_LATEX_DASH = re.compile(r"\{?\\text(?:en|em)dash\s*\}?(?:\{\})?|\{-+\}")
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}


def roman_value(numeral: str) -> int | None:
    """The number a Roman numeral stands for ('xii' -> 12), or None."""
    text = numeral.lower()
    if not text or any(c not in _ROMAN_VALUES for c in text):
        return None
    total = 0
    for i, c in enumerate(text):
        value = _ROMAN_VALUES[c]
        if i + 1 < len(text) and _ROMAN_VALUES[text[i + 1]] > value:
            total -= value
        else:
            total += value
    return total


def latex_dashes(value: str) -> str:
    """The value with LaTeX's dash commands written as the dashes they print
    ('1{\\textendash}31' -> '1\u201331'), so a range is read whichever way it was typed."""
    return _LATEX_DASH.sub("\u2013", value) if "dash" in value or "{-" in value else value


def expand_end(first: str, last: str) -> str:
    """The end page in full: ('1034', '71') -> '1071'; unchanged unless both are digits and
    the expanded end does not come before the start."""
    if first.isdigit() and last.isdigit() and len(last) < len(first):
        candidate = first[: len(first) - len(last)] + last
        if int(candidate) >= int(first):
            return candidate
    return last


def split_pages(value: str, expand: bool = True) -> tuple[str, str] | None:
    """(first, last) of one page or range ('xii-xv' -> ('xii', 'xv'), '1034-71' ->
    ('1034', '1071'), or ('1034', '71') without `expand`; '7' -> ('7', '')), or None when
    the value is no page."""
    m = _RANGE.fullmatch(latex_dashes(value))
    if not m:
        return None
    first, last = m.group(1), m.group(2) or ""
    return first, expand_end(first, last) if last and expand else last


def bibtex_pages(value: str, expand: bool = True) -> str:
    """Each comma-separated page or range of the value in BibTeX's form ('455 - 65' ->
    '455--465', or '455--65' without `expand`); parts that are no page range are kept as
    written."""
    out = []
    for part in value.split(","):
        part = part.strip()
        pages = split_pages(part, expand)
        out.append(f"{pages[0]}--{pages[1]}" if pages and pages[1] else part)
    return ", ".join(out)


def page_range(value: str) -> tuple[str, str]:
    """(first, last) page digits for matching; abbreviated ends are expanded:
    '1034-71' -> ('1034', '1071').

    Only clean values count: a mangled field ('Suppl-29', 't-8') gives ('', ''), and so
    do Roman front-matter pages, so a database's garbage can never look like a page
    conflict.
    """
    if not value:
        return "", ""
    start, dash, end = value.partition("--")
    if dash and start.isdecimal() and end.isdecimal():  # "12--34", as `_NUMERIC` reads it
        first = start.lstrip("0") or "0"
        return first, expand_end(first, end.lstrip("0") or "0")
    m = _NUMERIC.fullmatch(latex_dashes(value))
    if not m:
        return "", ""
    first = m.group(2).lstrip("0") or "0"
    last = m.group(4) or ""
    if last:
        last = expand_end(first, last.lstrip("0") or "0")
    return first, last


def is_article_number(value: str) -> bool:
    """'e12724', 'a1754', or a long single number: an electronic article number, not a page."""
    v = value.strip()
    if not v or "-" in v or "–" in v:
        return False
    return (v[0] in "eEaAcC" and v[1:].isdigit()) or (v.isdigit() and len(v) >= 5)
