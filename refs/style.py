"""The house style of written BibTeX values: month macros, page ranges with `--`, bare DOIs.

These are output decisions, kept apart from the value grammar (`refs/grammar/`) on
purpose: readers store what a value means and merge compares meanings, both through
the grammar, so changing how we *print* a month or a DOI here can never change what a
reader stores or what merge calls equal. Each normaliser is a fixed point
(`f(f(x)) == f(x)`) and drops no letters or digits except the documented ones (a
resolver URL or `doi:` label before a DOI, punctuation after it, month names shortened
to their macros).
"""

from __future__ import annotations

import re

from .grammar.dates import month_macro
from .grammar.ids import parse_doi, strip_doi_prefix, trim_doi
from .grammar.pages import bibtex_pages

# Values already in the written form, recognised by one match instead of the grammar's
# passes (a fifth of the writing time went to DOIs and pages): a DOI with no prefix, no
# white space and no trailing punctuation, at most the 300 characters the grammar reads
# after its slash; a page or a range of ASCII digits joined by `--`.
_BARE_DOI = re.compile(r"10\.[0-9]{4,9}/[A-Za-z0-9._/-]{0,299}[A-Za-z0-9]")
_BIBTEX_RANGE = re.compile(r"[0-9]+(?:--[0-9]+)?")


def normalise_month(value: str) -> str | None:
    """The month macro to write for a month value, or None when it is something else."""
    return month_macro(value)


def normalise_doi(value: str) -> str:
    """The bare DOI when the value is one DOI (with any resolver prefix and trailing
    punctuation); anything else only loses a leading prefix, so `check` can still
    point at it."""
    if _BARE_DOI.fullmatch(value):
        return value  # already what the grammar would make of it (most values)
    bare = strip_doi_prefix(value)
    doi = parse_doi(bare)
    return doi if doi and trim_doi(bare) == doi else bare


def normalise_pages(value: str) -> str:
    """Page ranges with `--` ('1034-71' -> '1034--71'). An abbreviated end is kept as the
    author wrote it: formatting adds and drops no digits (readers of foreign exports and
    matching expand it, through the same grammar)."""
    if _BIBTEX_RANGE.fullmatch(value):
        return value  # `7` or `1034--1071`: already the form written (most values)
    return bibtex_pages(value, expand=False)
