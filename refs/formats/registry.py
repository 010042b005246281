"""Input formats: detection from content (not only the extension) and dispatch to readers.

Each reader module describes itself with a `FORMAT` (reader, sniffer, extensions), each
writer module with a `WRITER`; this module lists them explicitly. The highest sniff
score wins (levels in `spec.Confidence`), the extension breaks ties.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType

from ..codes import NO_RECORDS, diagnostic
from ..model import InputError, Library
from . import (
    bibtex,
    bibtex_writer,
    csljson,
    csljson_writer,
    csv_reader,
    endnote_xml,
    medline,
    ris,
    ris_writer,
    scopus,
    wos,
)
from .bibtex import parse_bibtex
from .sources import read_input
from .spec import Confidence, Format, WriterSpec


def _read_scrape(text: str, name: str) -> Library:
    from ..scrape.reader import read_scrape

    return read_scrape(text, name)


def _sniff_scrape(text: str) -> float:
    from ..scrape.reader import sniff_text

    return sniff_text(text)


# Page text is the fallback format: its sniffer never scores above FALLBACK, so
# `detect_format` asks it only when nothing else scored higher, and the scrape reader
# (its patterns take ~0.1 s to compile) loads only for input that may be page text.
# refs/scrape/reader.py's own FORMAT says the same; tests/test_startup.py checks both agree.
_SCRAPE = Format("text", _read_scrape, _sniff_scrape, (".txt", ".text"))

# The formats, listed here and nowhere else: a new format is a module with a `FORMAT`
# (reader) or `WRITER` spec, added to one of these tuples (docs/architecture.md).
_READERS: tuple[Format, ...] = (
    bibtex.FORMAT,
    csv_reader.FORMAT,
    ris.FORMAT,
    medline.FORMAT,
    wos.FORMAT,
    endnote_xml.FORMAT,
    scopus.FORMAT,
    csljson.FORMAT,
    _SCRAPE,
)
_WRITERS: tuple[WriterSpec, ...] = (
    bibtex_writer.WRITER,
    ris_writer.WRITER,
    csljson_writer.WRITER,
)

FORMATS: Mapping[str, Format] = MappingProxyType({f.name: f for f in _READERS})
WRITERS: Mapping[str, WriterSpec] = MappingProxyType({w.name: w for w in _WRITERS})


def writer_for_path(path: str | None, default: str = "bibtex") -> str:
    """The writer a file name asks for by its extension, else the default."""
    if path and path != "-":
        ext = Path(path).suffix.lower()
        for spec in WRITERS.values():
            if ext in spec.extensions:
                return spec.name
    return default


def detect_format(text: str, name: str = "") -> str | None:
    """The best-matching registered format for this text, or None."""
    ext = Path(name).suffix.lower()
    best: tuple[float, int, str] | None = None
    for fmt in FORMATS.values():
        if fmt is _SCRAPE and best is not None and best[0] > Confidence.FALLBACK:
            continue  # it cannot win (see _SCRAPE)
        score = fmt.sniff(text)
        if score <= 0:
            continue
        candidate = (score, 1 if ext in fmt.extensions else 0, fmt.name)
        if best is None or candidate > best:
            best = candidate
    return best[2] if best else None


def format_by_extension(name: str) -> str | None:
    """The reader a file's extension names, if any."""
    suffix = Path(name).suffix.lower()
    if not suffix:
        return None
    return next((f.name for f in FORMATS.values() if suffix in f.extensions), None)


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
