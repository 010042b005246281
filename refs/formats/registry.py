"""Input formats: detection from content (not only the extension) and dispatch to readers.

Each reader is a function `(text, name) -> Library`. A format registers a
reader and a sniffing function that scores how much a text looks like it;
the highest score wins, the extension breaks ties.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from ..codes import diagnostic
from ..model import InputError, Library
from .bibtex import parse_bibtex
from .sources import read_input

Reader = Callable[[str, str], Library]
Sniffer = Callable[[str], float]


@dataclass(frozen=True, slots=True)
class Format:
    name: str
    reader: Reader
    sniff: Sniffer
    extensions: tuple[str, ...] = ()


FORMATS: dict[str, Format] = {}


def register_format(fmt: Format) -> None:
    FORMATS[fmt.name] = fmt


_BIBTEX_ENTRY = re.compile(r"^\s*@\s*[A-Za-z]+\s*[{(]", re.MULTILINE)


def _sniff_bibtex(text: str) -> float:
    head = text[:200_000]
    n = len(_BIBTEX_ENTRY.findall(head))
    return min(1.0, 0.5 + n / 10) if n else 0.0


register_format(Format("bibtex", parse_bibtex, _sniff_bibtex, (".bib", ".bibtex", ".biblatex")))


# Writers: `(blocks) -> text`, chosen by `--to` or by the output file's extension.
Writer = Callable[[list], str]
WRITERS: dict[str, tuple[Writer, tuple[str, ...]]] = {}


def register_writer(name: str, writer: Writer, extensions: tuple[str, ...] = ()) -> None:
    WRITERS[name] = (writer, extensions)


def _write_bibtex(blocks: list) -> str:
    from .bibtex_writer import format_blocks

    return format_blocks(blocks)


register_writer("bibtex", _write_bibtex, (".bib", ".bibtex"))


def writer_for_path(path: str | None, default: str = "bibtex") -> str:
    """The writer a file name asks for by its extension, else the default."""
    if path and path != "-":
        ext = Path(path).suffix.lower()
        for name, (_, extensions) in WRITERS.items():
            if ext in extensions:
                return name
    return default


def detect_format(text: str, name: str = "") -> str | None:
    """The best-matching registered format for this text, or None."""
    ext = Path(name).suffix.lower()
    best: tuple[float, int, str] | None = None
    for fmt in FORMATS.values():
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
            lib.diagnostics.append(diagnostic("RM002", "the input is empty", name))
            return lib
        fmt = detect_format(text, name) or ("bibtex" if bib else None)
        if fmt is None:
            known = ", ".join(sorted(FORMATS))
            raise InputError(
                diagnostic(
                    "RM002",
                    f"cannot tell what format this is (known: {known}); name it with --from",
                    name,
                    1,
                )
            )
    if fmt not in FORMATS:
        raise InputError(diagnostic("RM002", f"unknown format {fmt!r}", name))
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


# One registration line per reader/writer module, in the order they were added.
# isort: off
from . import csv_reader  # noqa: E402,F401  registers "csv"
from . import ris  # noqa: E402,F401  registers "ris"
from . import medline  # noqa: E402,F401  registers "medline"
from . import wos  # noqa: E402,F401  registers "wos"
from . import endnote_xml  # noqa: E402,F401  registers "endnote-xml"
from . import scopus  # noqa: E402,F401  registers "scopus"
from . import csljson  # noqa: E402,F401  registers "csl-json"
from . import ris_writer  # noqa: E402,F401  registers writer "ris"
from . import csljson_writer  # noqa: E402,F401  registers writer "csl-json"
from ..scrape import reader  # noqa: E402,F401  registers "text" (scraped page text)
