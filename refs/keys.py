"""Citation keys: generated from a template when a record has none, always unique.

The default template gives keys like `aldendorff2019` or `ding2021rethinking`
(lowercase ASCII: safe in every BibTeX and biber setup).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from .model import Reference
from .names import parse_bibtex_names, strip_braces

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
_LATEX_CMD = re.compile(r"\\[a-zA-Z]+\s*|\\.")

# Cyrillic and Greek to Latin, so that `Мельник` gets the key `melnyk2019` rather than `2019`.
_TRANSLIT = str.maketrans(
    dict(
        zip(
            "абвгґдеєжзиіїйклмнопрстуфхцчшщьюяёыэъαβγδεζηθικλμνξοπρσςτυφχψω",
            "a b v h g d e ie zh z y i i i k l m n o p r s t u f kh ts ch sh shch _ iu ia e y e _ "
            "a b g d e z e th i k l m n x o p r s s t y ph ch ps o".replace("_", "").split(" "),
            strict=True,
        )
    )
)


def ascii_fold(text: str) -> str:
    """Lowercase ASCII letters and digits only ('Síthigh' -> 'sithigh')."""
    text = _LATEX_CMD.sub("", strip_braces(text))
    text = unicodedata.normalize("NFKD", text).lower().translate(_TRANSLIT)
    text = text.replace("ß", "ss").replace("æ", "ae").replace("ø", "o").replace("ł", "l")
    return re.sub(r"[^a-z0-9]", "", text.encode("ascii", "ignore").decode().lower())


def key_parts(ref: Reference) -> dict[str, str]:
    names = parse_bibtex_names(ref.get("author") or ref.get("editor"))
    author = ascii_fold(names[0].last) if names else ""
    year_match = re.search(r"\d{4}", ref.get("year") or ref.get("date"))
    year = year_match.group() if year_match else ""
    title = ""
    for word in re.split(r"[\s\-–—:/]+", strip_braces(ref.get("title"))):
        folded = ascii_fold(word)
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
