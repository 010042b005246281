"""The units the first pass cuts a page into, one type per kind of unit.

A unit is one piece of page layout: a labelled field, a `◽` run, a one-line
citation, a search-result byline, an author line, a venue line, a paragraph,
a title candidate, page chrome, a heading. Kinds are a closed set
(`UnitKind`), and the units that carry parsed data have their own type
(`FieldUnit`, `RunUnit`, `CitationUnit`, `VenueUnit`, `AuthorsUnit`), so the
second pass never guesses what a unit holds.
"""

from __future__ import annotations

import copy
import dataclasses
from dataclasses import dataclass, field
from enum import Enum

from ..names import Name
from .fields import VenueInfo
from .lexicon import Label
from .record import Draft


class UnitKind(str, Enum):
    """What a unit is (a `StrEnum`; `str, Enum` for Python 3.10)."""

    BLANK = "blank"  # an empty line: ends wrapped blocks
    STOP = "stop"  # a heading over a list of other works ("References")
    CHROME = "chrome"  # menus, buttons, cookie banners, counters
    OTHER = "other"  # a line that is none of the below
    TYPE = "type"  # a short type line ("Journal Article")
    TITLE = "title"  # a title candidate
    PARA = "para"  # a paragraph (an abstract)
    CITATION = "citation"  # a one-line citation, or a BibTeX entry shown on the page
    BYLINE = "byline"  # a search-result byline ("A Smith, B Jones - Journal, 2019 - host")
    VENUE = "venue"  # an unlabelled venue statement
    RUN = "run"  # a `◽`/`|`/`·` run
    AUTHORS = "authors"  # an unlabelled author line
    FIELD = "field"  # a labelled field

    def __str__(self) -> str:
        return self.value


@dataclass
class Unit:
    start: int
    end: int
    text: str = ""
    hint: str = ""  # an entry type a type or title line names ("book" for `[BOOK] Title`)
    kind: UnitKind = UnitKind.OTHER

    def copy(self) -> Unit:
        """A copy whose parsed data a look-ahead may change without touching this unit.

        (A shallow copy, as `dataclasses.replace(self)` gives, without running `__init__`:
        a look-ahead copies every unit it reads.)"""
        new = object.__new__(type(self))
        new.__dict__.update(self.__dict__)
        return new


@dataclass
class FieldUnit(Unit):
    label: Label = Label.IGNORE
    values: list[str] = field(default_factory=list)  # continuation rows / run pieces
    run: bool = False  # the values are the pieces of a `◽` run (one value each)
    kind: UnitKind = UnitKind.FIELD

    def copy(self) -> FieldUnit:
        return dataclasses.replace(self, values=list(self.values))

    def all_values(self) -> list[str]:
        """A run holds one value per piece; a row its value plus continuation rows."""
        return list(self.values) if self.run else [self.text, *self.values]


@dataclass
class RunUnit(Unit):
    values: list[str] = field(default_factory=list)
    kind: UnitKind = UnitKind.RUN


@dataclass(kw_only=True)
class CitationUnit(Unit):
    """A one-line citation (kind CITATION) or a result byline (kind BYLINE), parsed."""

    draft: Draft
    kind: UnitKind = UnitKind.CITATION

    def copy(self) -> CitationUnit:
        return dataclasses.replace(self, draft=self.draft.copy())


@dataclass(kw_only=True)
class VenueUnit(Unit):
    venue: VenueInfo
    kind: UnitKind = UnitKind.VENUE

    def copy(self) -> VenueUnit:
        return dataclasses.replace(self, venue=copy.copy(self.venue))


@dataclass(kw_only=True)
class AuthorsUnit(Unit):
    names: list[Name]
    kind: UnitKind = UnitKind.AUTHORS
