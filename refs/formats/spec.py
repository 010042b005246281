"""What a format is: a reader with a sniffer, or a writer; and the named sniff confidences.

Kept apart from `registry.py` so that reader modules can describe themselves without
importing the registry that lists them (no import cycle, no registration by side effect).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..model import Block, Library

Reader = Callable[[str, str], Library]
Sniffer = Callable[[str], float]
Writer = Callable[[list[Block]], str]


class Confidence:
    """How sure a sniffer is that a text is in its format; the highest wins.

    Named levels keep the formats' scores comparable: a marker no other format writes
    beats a format's usual header, which beats a generic table that happens to fit.
    Scores between the levels (BibTeX's grows with the number of entries) are allowed.
    """

    NONE = 0.0
    FALLBACK = 0.1  # page text: read as such only when nothing else fits
    WEAK = 0.6  # a few tags of the format, nothing that marks it
    PLAUSIBLE = 0.8  # the format's first line, without its closing marker
    GENERIC_MAX = 0.9  # a generic table (CSV) never scores higher than this
    LIKELY = 0.9  # the format's structure with its usual header
    SPECIALISED = 0.92  # a specialisation of a generic format (Scopus columns in CSV)
    SIGNATURE = 0.95  # the format's own header or record markers
    CERTAIN = 0.98  # a marker only this format writes (WoS `FN`/`VR`, Scopus EIDs)


@dataclass(frozen=True, slots=True)
class Format:
    """A reader: `reader(text, name) -> Library`, chosen by `sniff(text)` and extensions."""

    name: str
    reader: Reader
    sniff: Sniffer
    extensions: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class WriterSpec:
    """A writer: `writer(blocks) -> text`, chosen by `--to` or the output's extension."""

    name: str
    writer: Writer
    extensions: tuple[str, ...] = ()
