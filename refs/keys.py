"""Citation keys: generated from a template when a record has none, always unique.

The default template gives keys like `aldendorff2019` or `ding2021rethinking`
(lowercase ASCII: safe in every BibTeX and biber setup).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .grammar.dates import year_of_fields
from .grammar.latex import decode_latex, fold_for_key, strip_braces
from .model import Reference
from .names import parse_bibtex_names

DEFAULT_TEMPLATE = "{author}{year}{title}"

_STOPWORDS = {
    "a",
    "an",
    "the",
    "on",
    "of",
    "in",
    "for",
    "and",
    "to",
    "at",
    "by",
    "with",
    "from",
    "is",
    "are",
    "der",
    "die",
    "das",
    "le",
    "la",
    "les",
    "el",
    "un",
    "une",
    "de",
}


def key_parts(ref: Reference) -> dict[str, str]:
    """The author, year and title word a key is built from, read with the value grammar
    (`Stra{\\ss}er` gives `strasser`, `{\\noopsort{1973c}}1981` gives 1981), as matching
    reads them."""
    names = parse_bibtex_names(ref.get("author") or ref.get("editor"))
    author = fold_for_key(names[0].last) if names else ""
    year_value = year_of_fields(ref.fields)
    year = f"{year_value:04d}" if year_value is not None else ""
    title = ""
    for word in re.split(r"[\s\-–—:/]+", strip_braces(decode_latex(ref.get("title")))):
        folded = fold_for_key(word)
        if folded and folded not in _STOPWORDS:
            title = folded
            break
    return {"author": author, "year": year, "title": title}


def make_key(ref: Reference, template: str = DEFAULT_TEMPLATE) -> str:
    """A key from the template; falls back to 'ref' when the record has nothing to use."""
    parts = key_parts(ref)
    try:
        key = template.format(**parts)
    except (KeyError, IndexError, ValueError) as exc:
        raise ValueError(
            f"bad key template {template!r}: use {{author}}, {{year}} and {{title}}"
        ) from exc
    key = re.sub(r"[^A-Za-z0-9_:\-.]", "", key)
    if not parts["year"] and "{year}" in template and (parts["author"] or parts["title"]):
        key = _undated(template.format(**{**parts, "year": "\0"}))
    return key or "ref"


def _undated(key: str) -> str:
    """A key whose record has no year: `nd` ("no date", as APA writes n.d.) set off by
    hyphens where the year would be, so `ding-nd-rethinking` reads as three parts where
    `dingrethinking` looked broken; `shved-nd` for a record with no title word either."""
    key = re.sub(r"[^A-Za-z0-9_:\-.\0]", "", key)
    key = re.sub(r"[-_:.]*\0[-_:.]*", "-nd-", key)
    return key.strip("-") or "nd"


def _suffixes() -> Iterable[str]:
    letters = "abcdefghijklmnopqrstuvwxyz"
    yield from letters
    for first in letters:
        for second in letters:
            yield first + second


def unique_key(base: str, taken: set[str]) -> str:
    """`base`, else base + a/b/c... (the way authors write 2019a, 2019b)."""
    if base not in taken:
        return base
    for suffix in _suffixes():
        candidate = base + suffix
        if candidate not in taken:
            return candidate
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


def assign_missing_keys(
    refs: list[Reference], template: str = DEFAULT_TEMPLATE, taken: set[str] | None = None
) -> None:
    """Give every record without a key a unique generated one (existing keys are never changed)."""
    used = set(taken or ()) | {r.key for r in refs if r.key}
    for ref in refs:
        if not ref.key:
            ref.key = unique_key(make_key(ref, template), used)
            used.add(ref.key)
