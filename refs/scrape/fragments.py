"""Structured records pasted into page text: an API record (JSON) and a wiki citation template.

Users paste what the browser shows, and for an API URL (Crossref, OpenAlex) that is
JSON, often cut off; a wiki page's source holds `{{Cite journal |title=… }}` or
`{{Paper |title=… }}` templates. Both name their fields, so they are read by their
keys, not by the layout rules. A truncated JSON record is read up to where it stops;
the cited works inside it (Crossref `reference`, OpenAlex `referenced_works`) are no
part of the record and are cut out first.
"""

from __future__ import annotations

import json
import re

from ..names import Name
from .fields import find_doi, normalise_pages, years_in
from .names import parse_name_list
from .record import Draft

JSON_START = re.compile(r'^\s*\[?\s*\{\s*"')
WIKI_START = re.compile(r"^\s*\{\{\s*([A-Za-z][\w ]{1,30}?)\s*(?:\||$)")

_REFERENCES = re.compile(r'"(?:reference|referenced_works|related_works|references)"\s*:\s*\[')
_STR = r'"((?:[^"\\]|\\.)*)"'


def _unescape(text: str) -> str:
    try:
        value = json.loads(f'"{text}"')
        return str(value)
    except ValueError:
        return text


def _first(pattern: str, text: str) -> str:
    m = re.search(pattern, text)
    return _unescape(m.group(1)).strip() if m else ""


def _cut_references(text: str) -> str:
    """The record without its list of cited works (balanced brackets, or to the end)."""
    m = _REFERENCES.search(text)
    if not m:
        return text
    depth = 0
    for k in range(m.end() - 1, len(text)):
        c = text[k]
        if c == "[":
            depth += 1
        elif c == "]":
            depth -= 1
            if depth == 0:
                return text[: m.start()] + text[k + 1 :]
    return text[: m.start()]


def read_json_record(text: str, line: int) -> Draft | None:
    """A Crossref or OpenAlex work record (possibly truncated) as a draft, or None."""
    body = _cut_references(text)
    title = _first(r'"title"\s*:\s*\[?\s*' + _STR, body) or _first(
        r'"display_name"\s*:\s*' + _STR, body
    )
    doi = find_doi(_first(r'"(?:DOI|doi)"\s*:\s*' + _STR, body)) or ""
    if not (title or doi):
        return None
    d = Draft(line, line)
    d.title = re.sub(r"\s+", " ", title).rstrip(".")
    d.doi = doi
    names: list[Name] = []
    people = re.search(r'"author"\s*:\s*\[', body)
    if people:  # Crossref: "author": [{"given": .., "family": ..}, {"name": "Org"}], in order
        for m in re.finditer(r"\{[^{}]*\}|\]", body[people.end() :]):
            obj = m.group(0)
            if obj == "]":
                break
            family = _first(r'"family"\s*:\s*' + _STR, obj)
            if family:
                names.append(Name(first=_first(r'"given"\s*:\s*' + _STR, obj), last=family))
            elif _first(r'"name"\s*:\s*' + _STR, obj):
                names.append(Name(last="{" + _first(r'"name"\s*:\s*' + _STR, obj) + "}"))
    if not names:  # OpenAlex: "author": {"id": ..., "display_name": "Ana Smith"}
        for m in re.finditer(r'"author"\s*:\s*\{[^{}]*?"display_name"\s*:\s*' + _STR, body):
            names.extend(parse_name_list(_unescape(m.group(1))) or [])
    d.authors = names
    year = re.search(
        r'"(?:issued|published-print|published-online|published)"\s*:\s*\{\s*"date-parts"\s*:\s*\[\[\s*(\d{4})',
        body,
    ) or re.search(r'"publication_year"\s*:\s*(\d{4})', body)
    if year:
        d.year = int(year.group(1))
    d.venue = _first(r'"container-title"\s*:\s*\[?\s*' + _STR, body) or _first(
        r'"(?:host_venue|source)"\s*:\s*\{[^{}]*?"display_name"\s*:\s*' + _STR, body
    )
    d.volume = _first(r'"volume"\s*:\s*' + _STR, body)
    d.number = _first(r'"issue"\s*:\s*' + _STR, body)
    pages = _first(r'"page"\s*:\s*' + _STR, body)
    d.pages = normalise_pages(pages) if pages else ""
    d.type_hint = "article" if d.venue else ""
    return d


_WIKI_KEYS = {
    "title": "title",
    "journal": "venue", "periodical": "venue", "work": "venue", "booktitle": "venue",
    "book-title": "venue", "publication": "venue", "conference": "venue", "website": "",
    "volume": "volume", "issue": "number", "number": "number", "pages": "pages", "page": "pages",
    "doi": "doi", "year": "year", "date": "year", "publisher": "publisher",
}  # fmt: skip


def read_wiki_template(lines: list[str], i: int) -> tuple[Draft | None, int]:
    """A `{{Paper |title=… }}` / `{{Cite journal …}}` template from line i; (draft, next line)."""
    j = i
    parts: list[str] = []
    while j < len(lines) and j - i < 60:
        parts.append(lines[j])
        j += 1
        if "}}" in lines[j - 1]:
            break
    body = " ".join(parts)
    body = body[body.index("{{") + 2 :]
    body = body.split("}}")[0]
    fields: dict[str, str] = {}
    authors: list[tuple[int, str, str]] = []
    for piece in body.split("|")[1:]:
        if "=" not in piece:
            continue
        key, value = (x.strip() for x in piece.split("=", 1))
        key = key.lower()
        value = re.sub(r"\[\[(?:[^|\]]*\|)?([^\]]*)\]\]", r"\1", value)  # [[link|text]]
        if not value:
            continue
        m = re.fullmatch(r"(last|first|author|surname|given)(\d*)", key)
        if m:
            authors.append((int(m.group(2) or 1), m.group(1), value))
        elif key in ("authors", "author-list", "vauthors"):
            fields["authors"] = value
        elif _WIKI_KEYS.get(key):
            fields.setdefault(_WIKI_KEYS[key], value)
    d = Draft(i + 1, j)
    d.title = fields.get("title", "").strip(" '\"").rstrip(".")
    names: list[Name] = []
    if "authors" in fields:
        names = parse_name_list(fields["authors"], corporate=True) or []
        if not names:  # one odd name must not lose the others: read the names one by one
            for part in re.split(r"\s*[,;]\s*", fields["authors"]):
                names.extend(parse_name_list(part, corporate=True) or [])
    else:
        people: dict[int, dict[str, str]] = {}
        for k, kind, value in authors:
            people.setdefault(k, {})[kind] = value
        for k in sorted(people):
            p = people[k]
            if "last" in p or "surname" in p:
                names.append(
                    Name(
                        first=p.get("first", p.get("given", "")),
                        last=p.get("last", p.get("surname", "")),
                    )
                )
            elif "author" in p:
                names.extend(parse_name_list(p["author"], corporate=True) or [])
    d.authors = names
    ys = years_in(fields.get("year", ""))
    d.year = ys[0] if ys else None
    d.venue = fields.get("venue", "")
    d.volume, d.number = fields.get("volume", ""), fields.get("number", "")
    d.pages = normalise_pages(fields["pages"]) if fields.get("pages") else ""
    d.doi = find_doi(fields.get("doi", "")) or (
        f"{fields['doi']}" if fields.get("doi", "").startswith("10.") else ""
    )
    d.publisher = fields.get("publisher", "")
    if not (d.title or d.authors):
        return None, i + 1
    return d, j
