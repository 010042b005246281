"""BibTeX or biblatex: each one's entry types and required fields, biblatex-only fields, and
which of the two a set of records is written for.

`check` holds a file to one data model (`cli/dialect.py` adds what the project around a
file says), and the BibTeX writer writes names the way the output's dialect reads them
(biblatex's extended name format only where biber reads the file). Both ask the records
here, so the two never disagree about what a biblatex library looks like.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from .model import Reference
from .names import NAME_FIELDS, has_extended_names

# One tuple per requirement; a requirement is met by any of its alternatives.
Requirement = tuple[str, ...]

# BibTeX's standard styles (plain, abbrv, alpha, unsrt), from btxdoc "Entry Types".
BIBTEX_REQUIRED: dict[str, tuple[Requirement, ...]] = {
    "article": (("author",), ("title",), ("journal",), ("year",)),
    "book": (("author", "editor"), ("title",), ("publisher",), ("year",)),
    "booklet": (("title",),),
    "conference": (("author",), ("title",), ("booktitle",), ("year",)),
    "inbook": (
        ("author", "editor"),
        ("title",),
        ("chapter", "pages"),
        ("publisher",),
        ("year",),
    ),
    "incollection": (("author",), ("title",), ("booktitle",), ("publisher",), ("year",)),
    "inproceedings": (("author",), ("title",), ("booktitle",), ("year",)),
    "manual": (("title",),),
    "mastersthesis": (("author",), ("title",), ("school",), ("year",)),
    "misc": (),
    "phdthesis": (("author",), ("title",), ("school",), ("year",)),
    "proceedings": (("title",), ("year",)),
    "techreport": (("author",), ("title",), ("institution",), ("year",)),
    "unpublished": (("author",), ("title",), ("note",)),
}

_DATE = ("year", "date")
_JOURNAL = ("journaltitle", "journal")  # biber maps the BibTeX name onto the biblatex one
_INSTITUTION = ("institution", "school")
_AE = ("author", "editor")
_IN_BOOK = (("author",), ("title",), ("booktitle",), _DATE)
_COLLECTION = (("editor",), ("title",), _DATE)
_MISC = (_AE, ("title",), _DATE)

# The biblatex data model (biblatex manual, section 2.1), including its type aliases.
BIBLATEX_REQUIRED: dict[str, tuple[Requirement, ...]] = {
    "article": (("author",), ("title",), _JOURNAL, _DATE),
    "book": (("author",), ("title",), _DATE),
    "mvbook": (("author",), ("title",), _DATE),
    "inbook": _IN_BOOK,
    "bookinbook": _IN_BOOK,
    "suppbook": _IN_BOOK,
    "booklet": _MISC,
    "collection": _COLLECTION,
    "mvcollection": _COLLECTION,
    "incollection": _IN_BOOK,
    "suppcollection": _IN_BOOK,
    "dataset": _MISC,
    "manual": _MISC,
    "misc": _MISC,
    "online": (_AE, ("title",), _DATE, ("doi", "eprint", "url")),
    "electronic": (_AE, ("title",), _DATE, ("doi", "eprint", "url")),
    "www": (_AE, ("title",), _DATE, ("doi", "eprint", "url")),
    "patent": (("author",), ("title",), ("number",), _DATE),
    "periodical": (("editor",), ("title",), _DATE),
    "suppperiodical": (("author",), ("title",), _JOURNAL, _DATE),
    "proceedings": (("title",), _DATE),
    "mvproceedings": (("title",), _DATE),
    "inproceedings": _IN_BOOK,
    "conference": _IN_BOOK,
    "reference": _COLLECTION,
    "mvreference": _COLLECTION,
    "inreference": _IN_BOOK,
    "report": (("author",), ("title",), ("type",), _INSTITUTION, _DATE),
    "techreport": (("author",), ("title",), _INSTITUTION, _DATE),
    "software": _MISC,
    "thesis": (("author",), ("title",), ("type",), _INSTITUTION, _DATE),
    "mastersthesis": (("author",), ("title",), _INSTITUTION, _DATE),
    "phdthesis": (("author",), ("title",), _INSTITUTION, _DATE),
    "unpublished": (("author",), ("title",), _DATE),
    "set": (("entryset",),),
    "xdata": (),
    **{f"custom{c}": () for c in "abcdef"},
    # Types biblatex supports without required fields of its own.
    "artwork": (),
    "audio": (),
    "bibnote": (),
    "commentary": (),
    "image": (),
    "jurisdiction": (),
    "legislation": (),
    "legal": (),
    "letter": (),
    "movie": (),
    "music": (),
    "performance": (),
    "review": (),
    "standard": (),
    "video": (),
}

BIBLATEX_TYPES = frozenset(BIBLATEX_REQUIRED) - frozenset(BIBTEX_REQUIRED)
# Fields of the biblatex data model that BibTeX's standard styles do not know (biblatex
# manual, section 2.2); `url`, `doi`, `eprint`, `isbn` are left out: BibTeX users write them too.
BIBLATEX_FIELDS = frozenset(
    {
        "date", "urldate", "eventdate", "origdate", "journaltitle", "journalsubtitle",
        "location", "subtitle", "titleaddon", "maintitle", "mainsubtitle", "booksubtitle",
        "booktitleaddon", "eprinttype", "eprintclass", "ids", "related", "relatedtype",
        "xdata", "langid", "addendum", "pubstate", "origlanguage", "venue", "version",
        "entrysubtype", "bookauthor", "editora", "editorb", "editorc", "annotator",
        "commentator", "translator", "introduction", "foreword", "afterword", "holder",
        "eventtitle", "shortjournal", "indextitle", "sortname", "sorttitle",
    }
)  # fmt: skip
# What `signals` calls an entry whose names only biber reads.
EXTENDED_NAMES = "extended name format"


def signals(refs: Sequence[Reference]) -> tuple[int, Counter[str]]:
    """Entries using a biblatex-only type, field or name form, and which ones they use most.

    Kept cheap (name fields found by a set intersection): the writer asks this of every
    library it writes (tens of thousands of entries), not only `check`."""
    seen: Counter[str] = Counter()
    hits = 0
    for ref in refs:
        names = ref.fields.keys()
        found = [f"@{ref.entry_type}"] if ref.entry_type in BIBLATEX_TYPES else []
        # in entry order, so tied examples print alike on every run
        found += [name for name in names if name in BIBLATEX_FIELDS]
        if any(
            "=" in ref.fields[name] and has_extended_names(ref.fields[name])
            for name in names & NAME_FIELDS
        ):
            found.append(EXTENDED_NAMES)
        if found:
            hits += 1
            seen.update(found)
    return hits, seen


def detect(refs: Sequence[Reference]) -> tuple[bool, str]:
    """Whether the records are written for biblatex, and why, in words.

    One name in biblatex's extended format is enough: BibTeX cannot read it (it takes
    `given=Fred` for a surname), so whoever wrote it runs biber. Otherwise biblatex-only
    types or fields in at least 5 % of the entries (at least one): a BibTeX library with a
    stray `date` field stays BibTeX."""
    hits, seen = signals(refs)
    if refs and hits >= max(1, round(0.05 * len(refs))):
        examples = ", ".join(name for name, _ in seen.most_common(3))
        return True, f"{hits:,} of {len(refs):,} entries use biblatex's {examples}"
    if seen[EXTENDED_NAMES]:
        n = seen[EXTENDED_NAMES]
        return True, f"{n:,} of {len(refs):,} entries use biblatex's {EXTENDED_NAMES}"
    return False, "no biblatex-only types, fields or names"
