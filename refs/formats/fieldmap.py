"""Shared steps that turn values from foreign formats into BibTeX-ready field values.

RIS, EndNote XML, MEDLINE, Web of Science, Scopus and CSL-JSON all carry the
same handful of things in different spellings (dates, page ranges, DOIs with
prefixes, ISSN vs ISBN, language codes). Doing those conversions in one place
keeps the six readers consistent, so a record means the same thing whichever
export it came from.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Container, Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

from ..codes import TAGS_NOT_KEPT, diagnostic
from ..grammar.dates import month_macro, year_of_value
from ..grammar.ids import parse_doi
from ..grammar.latex import drop_commands
from ..grammar.pages import DASH, bibtex_pages, expand_end
from ..logfilter import quiet
from ..model import Diagnostic
from ..names import Name, format_names, name_from_text

if TYPE_CHECKING:
    from pylatexenc.latex2text import LatexNodes2Text

# Separator for `keywords`: a semicolon, because MeSH headings and WoS keywords
# contain commas ("Carcinoma, Non-Small-Cell Lung").
KEYWORD_SEPARATOR = "; "

_WS = re.compile(r"\s+")
_ABBREV_RANGE = re.compile(rf"\b(\d+)\s*{DASH}\s*(\d+)\b")
_ISBN_CHARS = re.compile(r"[^0-9Xx]")
_ISSN = re.compile(r"\b(\d{4})-?(\d{3}[\dXx])\b")

# ISO 639-2/B and 639-1 codes seen in MEDLINE (LA), RIS and CSL exports.
LANGUAGES = {
    "eng": "english",
    "en": "english",
    "fre": "french",
    "fra": "french",
    "fr": "french",
    "ger": "german",
    "deu": "german",
    "de": "german",
    "spa": "spanish",
    "es": "spanish",
    "ita": "italian",
    "it": "italian",
    "por": "portuguese",
    "pt": "portuguese",
    "dut": "dutch",
    "nld": "dutch",
    "nl": "dutch",
    "rus": "russian",
    "ru": "russian",
    "jpn": "japanese",
    "ja": "japanese",
    "chi": "chinese",
    "zho": "chinese",
    "zh": "chinese",
    "kor": "korean",
    "ko": "korean",
    "pol": "polish",
    "pl": "polish",
    "swe": "swedish",
    "sv": "swedish",
    "dan": "danish",
    "da": "danish",
    "nor": "norwegian",
    "no": "norwegian",
    "fin": "finnish",
    "fi": "finnish",
    "tur": "turkish",
    "tr": "turkish",
    "heb": "hebrew",
    "he": "hebrew",
    "ara": "arabic",
    "ar": "arabic",
    "cze": "czech",
    "ces": "czech",
    "cs": "czech",
    "hun": "hungarian",
    "hu": "hungarian",
    "gre": "greek",
    "ell": "greek",
    "el": "greek",
}

_CORPORATE_WORDS = re.compile(
    r"(?i)\b(?:organi[sz]ation|university|institute|society|association|group|committee|"
    r"consortium|council|collaboration|collaborative|network|investigators|foundation|agency|"
    r"department|ministry|centre|center|office|board|panel|team|trialists|working|commission|"
    r"federation|academy|company|inc|ltd|corporation)\b"
)


def clean_text(value: str | None) -> str:
    """One line of text: exports wrap long values and pad them with spaces."""
    return _WS.sub(" ", value or "").strip()


def put(fields: dict[str, str], name: str, value: str | None) -> None:
    """Set a field only when there is something to set (and it is not already set)."""
    value = clean_text(value)
    if value and not fields.get(name):
        fields[name] = value


# Who "published" a work sits in a different BibTeX field per entry type.
_PUBLISHER_FIELD = {"phdthesis": "school", "mastersthesis": "school", "techreport": "institution"}


def put_publisher(fields: dict[str, str], entry_type: str, publisher: str | None) -> None:
    """The publisher of a book, the school of a thesis, the institution of a report."""
    put(fields, _PUBLISHER_FIELD.get(entry_type, "publisher"), publisher)


def corporate(text: str) -> Name:
    """A body that must stay one name: braced so BibTeX never splits it."""
    return Name(last="{" + clean_text(text).strip("{}") + "}")


@lru_cache(maxsize=100_000)  # names repeat across a review's records; Name is frozen
def person(text: str) -> Name:
    """A person's name as exports print it; 'et al.' becomes BibTeX's 'others'.

    A name holding the word 'and' is braced whole, or BibTeX would split it in two.
    """
    text = clean_text(text)
    if re.fullmatch(r"(?i)et\.? al\.?,?|others", text):
        return Name(last="others")
    if re.search(r"(?i)\sand\s", text):
        return corporate(text)
    m = re.fullmatch(r"([^,]+),\s*([A-Z]{1,3})", text)  # WoS "Okafor, CA"
    if m:
        return Name(first=" ".join(f"{c}." for c in m.group(2)), last=m.group(1).strip())
    return name_from_text(text)


_SURNAME_INITIALS = re.compile(r"(.+?)\s+((?:[A-Z]\.\s?-?)+|[A-Z]{1,3})$")


def surname_initials(text: str) -> Name | None:
    """'Smith J.K.' / 'van der Berg J' -> Smith, J. K. (Scopus, Ovid, Embase write names so)."""
    m = _SURNAME_INITIALS.match(clean_text(text))
    if not m or "," in text:
        return None
    initials = re.findall(r"[A-Z]\.?-?", m.group(2))
    first = " ".join(i if i.endswith((".", "-")) else i + "." for i in initials)
    return Name(first=first.replace(" -", "-").replace("- ", "-"), last=m.group(1))


@lru_cache(maxsize=100_000)
def tagged_name(text: str) -> Name:
    """A name from a tagged export: 'Last, First' for people, anything else may be a body."""
    text = clean_text(text)
    if "," in text or not text or re.search(r"(?i)\sand\s|^et\.? al", text):
        return person(text)
    if _CORPORATE_WORDS.search(text):
        return corporate(text)
    short = surname_initials(text)
    if short:
        return short
    if len(text.split()) >= 3:
        return corporate(text)
    if " " not in text:
        return Name(last=text)
    return name_from_text(text)


_BARE_AND = re.compile(r"(?i)(?<![{\w])and(?![\w}])")


def _protect_and(name: Name) -> Name:
    """Brace a bare word 'and' inside a name part, or BibTeX would split the name there."""
    if name.last.startswith("{") and name.last.endswith("}") and not name.first:
        return name
    parts = [name.first, name.von, name.last, name.jr]
    if not any(_BARE_AND.search(p) for p in parts):
        return name
    first, von, last, jr = (_BARE_AND.sub(lambda m: "{" + m.group(0) + "}", p) for p in parts)
    return Name(first=first, von=von, last=last, jr=jr)


def put_names(fields: dict[str, str], name: str, names: Iterable[Name]) -> None:
    names = [_protect_and(n) for n in names if n.last or n.first]
    if names and not fields.get(name):
        fields[name] = format_names(names)


def expand_pages(value: str) -> str:
    """'455-67' -> '455--467' (MEDLINE abbreviates the end page), ranges with '--'."""

    def full(m: re.Match[str]) -> str:
        return f"{m.group(1)}--{expand_end(m.group(1), m.group(2))}"

    return bibtex_pages(_ABBREV_RANGE.sub(full, clean_text(value)))


def pages_from(start: str | None, end: str | None) -> str:
    """Pages from separate start/end values; a start that already is a range is kept."""
    start, end = clean_text(start), clean_text(end)
    if start and end:
        return expand_pages(f"{start}-{end}")
    return expand_pages(start or end)


def clean_doi(value: str | None) -> str:
    """A bare DOI from '10.1/x [doi]', 'https://doi.org/10.1/x', 'doi: 10.1/x'."""
    value = re.sub(r"\s*\[doi\]\s*$", "", clean_text(value), flags=re.IGNORECASE)
    return parse_doi(value)


def put_standard_numbers(fields: dict[str, str], values: Iterable[str], book: bool) -> None:
    """Sort ISSNs and ISBNs out of one export field (RIS SN, EndNote isbn hold either)."""
    issns: list[str] = []
    isbns: list[str] = []
    for raw in values:
        for part in re.split(r"[;,\n]|\s{2,}", raw):
            part = re.sub(r"\((?:print|electronic|linking)\)", "", part, flags=re.I).strip()
            part = re.sub(r"(?i)^(?:issn|isbn)[:\s]*", "", part)
            if not part:
                continue
            digits = _ISBN_CHARS.sub("", part)
            if len(digits) == 8 and (m := _ISSN.search(part)):
                issns.append(f"{m.group(1)}-{m.group(2).upper()}")
            elif len(digits) in (10, 13) or book:
                isbns.append(part)
            else:
                issns.append(part)
    if issns:
        put(fields, "issn", ", ".join(dict.fromkeys(issns)))
    if isbns:
        put(fields, "isbn", ", ".join(dict.fromkeys(isbns)))


def put_date(fields: dict[str, str], value: str | None) -> None:
    """Year and month from '2019 Mar 15', '2019/03/15/', '2019-03', 'MAR 2019', 'Spring 2019'."""
    value = clean_text(value)
    if not value:
        return
    put(fields, "year", year_of(value))
    numeric = re.match(r"^\d{4}[/\-](\d{1,2})(?:[/\-]|$)", value)
    month = None
    if numeric:
        month = month_macro(numeric.group(1))
    else:
        for word in re.findall(r"[A-Za-z]+\.?", value):
            month = month_macro(word) or month_macro(word[:3])
            if month:
                break
    if month:
        put(fields, "month", month)


def put_keywords(fields: dict[str, str], keywords: Iterable[str]) -> None:
    unique: dict[str, str] = {}
    for word in (clean_text(k) for k in keywords):
        if word:
            unique.setdefault(word.casefold(), word)
    words = list(unique.values())
    if words:
        put(fields, "keywords", KEYWORD_SEPARATOR.join(words))


def language(value: str | None) -> str:
    """'eng' -> 'english', 'English' -> 'english' (biblatex/babel language names)."""
    value = clean_text(value)
    return LANGUAGES.get(value.lower(), value.lower())


def iso_date(value: str | None) -> str:
    """'2023/01/05/12:00:00' (RIS) -> '2023-01-05', the biblatex date form; else unchanged."""
    value = clean_text(value)
    m = re.match(r"^(\d{4})[/\-](\d{1,2})(?:[/\-](\d{1,2}))?", value)
    if not m:
        return value
    parts = [m.group(1), f"{int(m.group(2)):02d}"]
    if m.group(3):
        parts.append(f"{int(m.group(3)):02d}")
    return "-".join(parts)


def year_of(value: str | None) -> str:
    """The year a date value means, as text ('' when none): `refs/grammar/dates.py`."""
    year = year_of_value(value or "")
    return f"{year:04d}" if year is not None else ""


# ---------------------------------------------------------------- back to plain text

_LATEX_SPECIAL = re.compile(r"[\\{}$~]")
_BARE_SPECIAL = re.compile(r"(?<!\\)([&%#])")


@lru_cache(maxsize=1)
def _latex_to_text() -> LatexNodes2Text:
    from pylatexenc.latex2text import LatexNodes2Text  # ~0.05 s: only for LaTeX to convert

    return LatexNodes2Text(math_mode="verbatim")


_SIMPLE_ESCAPE = re.compile(r"\\([&%#_$])")


@lru_cache(maxsize=65536)
def to_plain(value: str) -> str:
    """BibTeX-ready text as plain Unicode, for formats that carry no LaTeX (RIS, CSL-JSON).

    `{\\"o}` -> ö, `\\&` -> &, protective braces dropped, math kept as `$...$`.
    Values with only braces and escaped specials skip pylatexenc (1-2 ms a call).
    """
    if not _LATEX_SPECIAL.search(value):
        return clean_text(value)
    rest = _SIMPLE_ESCAPE.sub("", value)
    if "\\" not in rest and "$" not in rest:
        text = _SIMPLE_ESCAPE.sub(r"\1", value).replace("{", "").replace("}", "")
        return clean_text(text.replace("~", " "))
    value = _BARE_SPECIAL.sub(r"\\\1", value)  # a bare % would start a LaTeX comment
    value = re.sub(r"\\(La)?TeX\b(?:\{\})?", lambda m: (m.group(1) or "") + "TeX", value)
    try:
        with quiet("pylatexenc.latexwalker", "pylatexenc.latex2text", below=logging.ERROR):
            text = _latex_to_text().latex_to_text(value)
    except Exception:  # pylatexenc on malformed LaTeX: fall back to dropping braces
        text = value.replace("{", "").replace("}", "")
    return clean_text(text.replace("\xa0", " "))


# ---------------------------------------------------------------- what a reader did not keep

_NOT_WORD = re.compile(r"[\W_]+")
_QUALIFIER = re.compile(r"\s*[\(\[][^()\[\]]*[\)\]]\s*$")  # '(Electronic)', '[doi]', '[pii]'
_MARKUP_TAG = re.compile(r"</?[a-z]+(?:\s[^<>]*)?>")


def _squash(text: str) -> str:
    return _NOT_WORD.sub("", text.casefold())


def _haystacks(fields: dict[str, str], key: str) -> list[str]:
    """The record's values as `survives` compares them, worked out once per record."""
    values = [*fields.values(), key] if key else list(fields.values())
    out = [_squash(v) for v in values]
    out += [_squash(drop_commands(v)) for v in values if "\\" in v]  # '\\textit{x}': 'x'
    return out


def survives(
    value: str,
    fields: dict[str, str],
    key: str = "",
    date: bool = False,
    haystacks: list[str] | None = None,
) -> bool:
    """Whether a source value made it into the record, in the form the readers write it.

    Compared letters and digits only, so 'Smith J' is found in 'Smith, J.' and '455-67' in
    '455--467'. A date survives when its year (or, without one, its month) did: BibTeX has
    no day.
    """
    raw = clean_text(value)
    value = clean_text(_MARKUP_TAG.sub("", raw)) if "<" in raw else raw
    if not value:
        return True
    if date:
        year = year_of(value)
        if year:
            return year == fields.get("year")
        month = next((m for w in re.findall(r"[A-Za-z]+", value) if (m := month_macro(w))), "")
        return bool(month) and month == fields.get("month")
    if haystacks is None:
        haystacks = _haystacks(fields, key)
    direct = _squash(value)
    if direct and direct in "\0".join(haystacks):  # most values: kept as they were
        return True
    if re.fullmatch(r"(?i)et\.? al\.?,?", value):
        value = "others"  # as `person` writes it
    doi = clean_doi(value)
    if doi and doi.casefold() == fields.get("doi", "").casefold():
        return True
    candidates = {_squash(value), _squash(raw), _squash(_QUALIFIER.sub("", value))}
    candidates.add(_squash(expand_pages(value)))
    candidates.add(_squash(language(value)))
    candidates.add(_squash(iso_date(value)))
    candidates.discard("")
    if not candidates:
        return True  # punctuation only
    if any(c in h for c in candidates for h in haystacks):
        return True
    # Names come back reordered ('Miller, W. H., Jr.' -> 'Miller, Jr., W. H.'): every word
    # of the value in one field will do.
    words = [w for w in (_squash(w) for w in re.split(r"[\s,;]+", value)) if w]
    return len(words) > 1 and any(all(w in h for w in words) for h in haystacks)


class Unkept:
    """The tags (columns, keys, elements) of one file that no record kept, for one note.

    Readers add each record's lost tags; `diagnostic` then says, once per file, which
    tags were read past and in how many records, at the first record that lost one.
    Thousands of records must give one message, not thousands.
    """

    def __init__(self, noun: str = "tag") -> None:
        self.noun = noun
        self.records: dict[str, int] = {}
        self.line = 0
        self.column = 0

    def add(self, tags: Iterable[str], line: int, column: int = 0) -> None:
        tags = set(tags)
        if not tags:
            return
        if not self.line:
            self.line, self.column = line, column
        for tag in tags:
            self.records[tag] = self.records.get(tag, 0) + 1

    def diagnostic(self, file: str) -> Diagnostic | None:
        if not self.records:
            return None
        n = len(self.records)
        listed = ", ".join(
            f"{tag} ({count} record{'s' if count != 1 else ''})"
            for tag, count in sorted(self.records.items(), key=lambda kv: kv[0].casefold())
        )
        nouns = self.noun if n == 1 else self.noun + "s"
        return diagnostic(
            TAGS_NOT_KEPT, f"{n} {nouns} not kept: {listed}", file, self.line, self.column
        )


def lost(
    pairs: Iterable[tuple[str, str]],
    fields: dict[str, str],
    mapped: Container[str],
    key: str = "",
    dates: Container[str] = (),
) -> set[str]:
    """Tags with a value that is in no field of the record: unmapped, or mapped but unused.

    A mapped tag can still lose a value: a second URL, a T2 beside a JF, an AN that is not
    a PubMed id. Unmapped tags are lost without looking at their values, so a short value
    ('IM', '0') is never taken for kept because it happens to occur in a title.
    """
    out: set[str] = set()
    haystacks: list[str] | None = None
    joined = ""
    for tag, value in pairs:
        if not value or tag in out:
            continue
        if tag not in mapped:
            if value.strip():
                out.add(tag)
            continue
        if haystacks is None:
            haystacks = _haystacks(fields, key)
            joined = "\0".join(haystacks)
        if tag not in dates:
            squashed = _squash(value)
            if squashed and squashed in joined:  # most values: kept as they were
                continue
        if not survives(value, fields, key, tag in dates, haystacks):
            out.add(tag)
    return out


def put_joined(fields: dict[str, str], name: str, values: Iterable[str], sep: str = "; ") -> None:
    """Several source values in one field (affiliations, files), each once, in order."""
    unique: dict[str, str] = {}
    for value in (clean_text(v) for v in values):
        if value:
            unique.setdefault(value.casefold(), value)
    if unique:
        put(fields, name, sep.join(unique.values()))
