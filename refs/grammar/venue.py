"""Which field names a record's venue.

BibTeX calls a journal `journal`, biblatex `journaltitle` (biber maps one onto the
other); a paper in a book or proceedings names its venue in `booktitle`. Matching and
the writers of other formats ask these functions, so a biblatex file and a BibTeX
file of the same paper have the same venue everywhere.
"""

from __future__ import annotations

from collections.abc import Mapping


def journal_of(fields: Mapping[str, str]) -> str:
    """The journal, under its BibTeX or its biblatex name, or ''."""
    return fields.get("journal") or fields.get("journaltitle") or ""


def venue_of(fields: Mapping[str, str]) -> str:
    """Where the work appeared: the journal, else the book or proceedings, or ''."""
    return journal_of(fields) or fields.get("booktitle") or ""
