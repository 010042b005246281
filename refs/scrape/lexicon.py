"""The label lexicon: interface words of bibliographic pages, kept as data.

`data/labels.json` lists, per language, the words pages use for field labels
(`Verfasser`, `Журнал`, `掲載誌`), for headings over lists of other works
(`Literaturverzeichnis`, `参考文献`), and for page controls. It is data, not
code, so that a language is added by adding words, and so that a test can check
every word has one meaning. Field labels map onto the closed set `Label`.
"""

from __future__ import annotations

import json
from enum import Enum
from functools import lru_cache
from pathlib import Path

_DATA = Path(__file__).with_name("data") / "labels.json"


class Label(str, Enum):
    """The canonical field a page label names (a `StrEnum`; `str, Enum` for Python 3.10)."""

    TITLE = "title"
    AUTHOR = "author"
    AUTHOR_MORE = "author_more"
    VENUE = "venue"
    PUBLISHER = "publisher"
    DOI = "doi"
    PMID = "pmid"
    CITE = "cite"
    ARXIV = "arxiv"
    ABSTRACT = "abstract"
    KEYWORDS = "keywords"
    DATE = "date"
    SUBMITTED = "submitted"  # "Submitted on 4 Jan 2021": the earliest date wins
    TYPE = "type"
    VOLUME = "volume"
    ISSUE = "issue"
    PAGES = "pages"
    IGNORE = "ignore"

    def __str__(self) -> str:
        return self.value


@lru_cache(maxsize=1)
def _load() -> dict[str, dict[str, object]]:
    data: dict[str, dict[str, object]] = json.loads(_DATA.read_text(encoding="utf-8"))
    return data


def _words(kind: str) -> dict[str, list[str]]:
    table = _load()[kind]
    out: dict[str, list[str]] = {}
    for lang, ws in table.items():
        if not isinstance(ws, list):
            raise ValueError(f"labels.json: {kind}.{lang} is not a list of words")
        out[lang] = [str(w).lower() for w in ws]
    return out


@lru_cache(maxsize=1)
def field_labels() -> dict[str, Label]:
    """Every label word (lower case) -> its canonical field; a word with two meanings fails."""
    out: dict[str, Label] = {}
    for canon, langs in _load()["fields"].items():
        label = Label(canon)  # an unknown field name in the data fails loudly here
        for words in langs.values():  # type: ignore[attr-defined]
            for word in words:
                key = str(word).lower()
                if out.get(key, label) is not label:
                    raise ValueError(f"label word {key!r} means both {out[key]} and {label}")
                out[key] = label
    return out


@lru_cache(maxsize=1)
def type_words() -> dict[str, str]:
    """Every type-line word (lower case) -> its BibTeX entry type; a word with two types fails."""
    out: dict[str, str] = {}
    for entry_type, langs in _load()["types"].items():
        for words in langs.values():  # type: ignore[attr-defined]
            for word in words:
                key = str(word).lower()
                if out.get(key, entry_type) != entry_type:
                    raise ValueError(f"type word {key!r} names both {out[key]} and {entry_type}")
                out[key] = entry_type
    return out


@lru_cache(maxsize=1)
def month_numbers() -> dict[str, int]:
    """Month names of every language (`abril`, `апреля`, `März`), lower case -> 1..12.

    `months` in labels.json lists each language's twelve names in calendar order, other
    forms (a genitive, a second spelling) after a slash; a name meaning two months fails.
    English's come from the value grammar (`refs/grammar/dates.MONTH_NAMES`), their one home."""
    from ..grammar.dates import MONTH_NAMES

    out = {name.lower(): n for n, name in enumerate(MONTH_NAMES.values(), start=1)}
    for lang, slots in _words("months").items():
        if len(slots) != 12:
            raise ValueError(f"labels.json: months.{lang} does not list twelve months")
        for number, slot in enumerate(slots, start=1):
            for form in slot.split("/"):
                if out.setdefault(form, number) != number:
                    raise ValueError(f"labels.json: month name {form!r} means two months")
    return out


def words(kind: str) -> set[str]:
    """All words of one kind (`bare_headings`, `stop_headings`, `chrome`), any language."""
    return {w for ws in _words(kind).values() for w in ws}


def languages(kind: str) -> set[str]:
    """The languages a kind of words covers (for the coverage test)."""
    if kind in ("fields", "types"):
        return {lang for langs in _load()[kind].values() for lang in langs}  # type: ignore[attr-defined]
    if kind == "months":  # (English's are the value grammar's: `month_numbers`)
        return {"en", *_load()[kind]}
    return set(_load()[kind])
