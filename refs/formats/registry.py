"""Input formats: detection from content (not only the extension) and dispatch to readers.

Each reader module describes itself with a `FORMAT` (reader, sniffer, extensions), each
writer module with a `WRITER`; this module lists them explicitly. The highest sniff
score wins (levels in `spec.Confidence`), the extension breaks ties.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Generic, TypeVar

from ..codes import NO_RECORDS, diagnostic
from ..model import InputError, Library
from .bibtex import parse_bibtex
from .sources import read_input
from .spec import Confidence, Format, WriterSpec

# The formats, listed here and nowhere else: (name, module, extensions). A module is
# imported only when its reader, sniffer or writer is first asked for, so a command that
# reads one .bib file imports one reader (start-up of `refmerge check` in a pre-commit
# hook). A new format is a module with a `FORMAT` (reader) or `WRITER` spec and one row
# here; tests/test_formats_readers.py holds each row to its module's own spec.
_READERS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("bibtex", "refs.formats.bibtex", (".bib", ".bibtex", ".biblatex")),
    ("csv", "refs.formats.csv_reader", (".csv",)),
    ("ris", "refs.formats.ris", (".ris",)),
    ("medline", "refs.formats.medline", (".nbib", ".medline")),
    ("wos", "refs.formats.wos", (".ciw", ".wos")),
    ("endnote-xml", "refs.formats.endnote_xml", (".xml",)),
    ("scopus", "refs.formats.scopus", (".csv",)),
    ("csl-json", "refs.formats.csljson", (".json",)),
    # page text last: its sniffer only ever says FALLBACK, so it is skipped once another
    # format has scored more (and its reader, the largest, is not even imported)
    ("text", "refs.scrape.reader", (".txt", ".text")),
)
_WRITERS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("bibtex", "refs.formats.bibtex_writer", (".bib", ".bibtex")),
    ("ris", "refs.formats.ris_writer", (".ris",)),
    ("csl-json", "refs.formats.csljson_writer", (".json",)),
)

T = TypeVar("T", Format, WriterSpec)


class _Lazy(Mapping[str, T], Generic[T]):
    """name -> spec, importing a format's module on first use of its spec."""

    def __init__(self, table: tuple[tuple[str, str, tuple[str, ...]], ...], attr: str) -> None:
        self._table = {name: module for name, module, _ in table}
        self._attr = attr
        self._loaded: dict[str, T] = {}

    def __getitem__(self, name: str) -> T:
        spec = self._loaded.get(name)
        if spec is None:
            module = importlib.import_module("refmerge." + self._table[name])
            spec = self._loaded[name] = getattr(module, self._attr)
        return spec

    def __iter__(self) -> Iterator[str]:
        return iter(self._table)

    def __len__(self) -> int:
        return len(self._table)

    def __contains__(self, name: object) -> bool:
        return name in self._table


FORMATS: Mapping[str, Format] = _Lazy(_READERS, "FORMAT")
WRITERS: Mapping[str, WriterSpec] = _Lazy(_WRITERS, "WRITER")


def extensions_of(name: str) -> tuple[str, ...]:
    """A reader's file extensions, without importing it."""
    return next(ext for n, _, ext in _READERS if n == name)


def writer_for_path(path: str | None, default: str = "bibtex") -> str:
    """The writer a file name asks for by its extension, else the default."""
    if path and path != "-":
        ext = Path(path).suffix.lower()
        for name, _, extensions in _WRITERS:
            if ext in extensions:
                return name
    return default


def detect_format(text: str, name: str = "") -> str | None:
    """The best-matching registered format for this text, or None."""
    ext = Path(name).suffix.lower()
    best: tuple[float, int, str] | None = None
    for name, _, extensions in _READERS:
        if name == "text" and best is not None and best[0] > Confidence.FALLBACK:
            continue  # it cannot win (see _READERS)
        score = FORMATS[name].sniff(text)
        if score <= 0:
            continue
        candidate = (score, 1 if ext in extensions else 0, name)
        if best is None or candidate > best:
            best = candidate
    return best[2] if best else None


def format_by_extension(name: str) -> str | None:
    """The reader a file's extension names, if any."""
    suffix = Path(name).suffix.lower()
    if not suffix:
        return None
    return next((name for name, _, ext in _READERS if suffix in ext), None)


def read_text(
    text: str, name: str, fmt: str | None = None, macros: Mapping[str, str] | None = None
) -> Library:
    """Read already-decoded text; raise InputError when nothing in it is recognisable.

    `macros`: `@string`s of earlier BibTeX files of the same bibliography (BibTeX only).
    """
    if fmt is None:
        # A .bib file with no entries (new, or only comments) is an empty bibliography, as
        # BibTeX sees it; any other empty or unrecognisable input is an error.
        bib = format_by_extension(name) == "bibtex"
        if not text.strip() and not bib:
            lib = Library()
            lib.diagnostics.append(diagnostic(NO_RECORDS, "the input is empty", name))
            return lib
        fmt = detect_format(text, name) or ("bibtex" if bib else None)
        if fmt is None:
            known = ", ".join(sorted(FORMATS))
            raise InputError(
                diagnostic(
                    NO_RECORDS,
                    f"cannot tell what format this is (known: {known}); name it with --from",
                    name,
                    1,
                )
            )
    if fmt not in FORMATS:
        raise InputError(diagnostic(NO_RECORDS, f"unknown format {fmt!r}", name))
    if macros and fmt == "bibtex":
        return parse_bibtex(text, name, macros)
    return FORMATS[fmt].reader(text, name)


def read_path(
    path: str,
    fmt: str | None = None,
    encoding: str | None = None,
    macros: Mapping[str, str] | None = None,
) -> Library:
    text, name = read_input(path, encoding)
    return read_text(text, name, fmt, macros)
