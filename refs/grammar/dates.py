"""Years and months.

A year is read from a `year`/`date` field the same way everywhere: the sort-only
argument of `{\\noopsort{1973c}}1981` is never printed, so the year is 1981 for
matching, keys and `check` alike. A field that is exactly four digits is that year;
otherwise the first plausible year in it counts (1500–2099: older works are not
cited by year alone, later ones do not exist yet; a wider window picks up page
numbers and counts from values like `c. 1200 pp.`).

In running page text (scrapes) a printed year is narrower, 1800–2099: a page of
search results is full of four-digit numbers (pages, counts, ids) and works printed
before 1800 are almost never what a page lists.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from .latex import drop_sort_only

# A plausible year of a cited work, as a pattern fragment.
YEAR = r"(?:1[5-9]|20)\d\d"
# A year printed in page text (scrapes), as a pattern fragment.
PRINTED_YEAR = r"(?:1[89]|20)\d\d"
_YEAR_IN_VALUE = re.compile(rf"(?<!\d){YEAR}(?!\d)")
# In page text a year is not part of a dotted, dashed or slashed number (1.2000, 10-1999).
PRINTED_YEAR_RE = re.compile(rf"(?<![\d.\-/])({PRINTED_YEAR})(?!\d)")
_DMY = re.compile(rf"\b\d{{1,2}}[./]\d{{1,2}}[./]({PRINTED_YEAR})\b")

MONTH_NAMES = {
    "jan": "January",
    "feb": "February",
    "mar": "March",
    "apr": "April",
    "may": "May",
    "jun": "June",
    "jul": "July",
    "aug": "August",
    "sep": "September",
    "oct": "October",
    "nov": "November",
    "dec": "December",
}
# Month words (English names and abbreviations) -> the three-letter BibTeX macro.
MONTH_WORDS: dict[str, str] = {
    **{abbr: abbr for abbr in MONTH_NAMES},
    **{name.lower(): abbr for abbr, name in MONTH_NAMES.items()},
    "sept": "sep",
}
_MONTH_NUMBERS = {
    **{str(i): abbr for i, abbr in enumerate(MONTH_NAMES, start=1)},
    **{f"{i:02d}": abbr for i, abbr in enumerate(MONTH_NAMES, start=1)},
}


def plain_year(value: str) -> str:
    """The value as a year field should read: sort-only arguments, braces and spaces gone."""
    return drop_sort_only(value).replace("{", "").replace("}", "").strip()


def is_plain_year(value: str) -> bool:
    """Exactly a four-digit year (after sort-only arguments and braces): what BibTeX
    styles expect in `year`."""
    text = plain_year(value)
    return len(text) == 4 and text.isdigit()


def year_of_value(value: str) -> int | None:
    """The year a `year` or `date` value means, or None."""
    if not value:
        return None
    if len(value) == 4 and value.isdigit():
        return int(value)
    if "\\" in value:
        value = drop_sort_only(value)
    text = value.replace("{", "").replace("}", "").strip()
    if len(text) == 4 and text.isdigit():
        return int(text)
    m = _YEAR_IN_VALUE.search(text)
    return int(m.group()) if m else None


def year_of_fields(fields: Mapping[str, str]) -> int | None:
    """The record's year: from `year`, else from the biblatex `date`."""
    for name in ("year", "date"):
        value = fields.get(name)
        if value:
            year = year_of_value(value)
            if year is not None:
                return year
    return None


def years_in_text(text: str) -> list[int]:
    """Years printed in page text, in order (`15.03.2019` counts as 2019)."""
    text = _DMY.sub(r" \1 ", text)
    return [int(y) for y in PRINTED_YEAR_RE.findall(text)]


def month_macro(value: str) -> str | None:
    """The BibTeX month macro (`jan`…`dec`) a month value means ('March', 'mar.', '3',
    '03', 'Sept'), or None when it is something else."""
    text = value.strip().lower()
    hit = MONTH_WORDS.get(text) or _MONTH_NUMBERS.get(text)
    if hit is None and text.endswith(".") and text[:-1] in MONTH_WORDS:
        hit = MONTH_WORDS[text[:-1]]
    return hit
