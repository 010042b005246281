"""Which dialect `check` holds a file to: BibTeX's standard styles or biblatex's data model.

A biblatex library checked against BibTeX drowns in noise (a real 16,579-entry library
gave 5,299 "entry type @video is unknown to BibTeX" warnings), and a CI check that noisy
gets switched off. Unless `--biblatex/--bibtex` or the config says which, the file
itself decides: biblatex-only entry types (`@online`, `@video`, `@dataset`, ...) or
fields (`date`, `journaltitle`, `subtitle`, `urldate`, ...) in enough of its entries, or a
project that loads biblatex (`\\usepackage{biblatex}` in a .tex file, or biber's `.bcf`
control file, beside the .bib file).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from refmerge.refs.checks.rules import BIBLATEX_REQUIRED, BIBTEX_REQUIRED
from refmerge.refs.model import Reference

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
_USES_BIBLATEX = re.compile(r"\\usepackage\s*(?:\[[^\]]*\])?\s*\{[^}]*\bbiblatex\b")
_TEX_FILES_READ = 50  # a project folder, not a whole disk
_TEX_BYTES_READ = 200_000


@dataclass(frozen=True)
class Dialect:
    biblatex: bool
    reason: str  # why, in words, for the one line `check` prints


def _signals(refs: Sequence[Reference]) -> tuple[int, Counter[str]]:
    """Entries using a biblatex-only type or field, and which ones they use most."""
    seen: Counter[str] = Counter()
    hits = 0
    for ref in refs:
        found = [f"@{ref.entry_type}"] if ref.entry_type in BIBLATEX_TYPES else []
        found += [name for name in ref.fields if name in BIBLATEX_FIELDS]
        if found:
            hits += 1
            seen.update(found)
    return hits, seen


def project_uses_biblatex(path: str) -> str | None:
    """Why the project around `path` uses biblatex (a .bcf file or a .tex file loading it)."""
    if path == "-":
        return None
    folder = Path(path).resolve().parent
    try:
        if next(folder.glob("*.bcf"), None) is not None:
            return f"a biber control file (.bcf) is in {folder.name or folder}"
        for n, tex in enumerate(sorted(folder.glob("*.tex"))):
            if n >= _TEX_FILES_READ:
                break
            with tex.open("rb") as handle:
                head = handle.read(_TEX_BYTES_READ).decode("utf-8", "replace")
            if _USES_BIBLATEX.search(head):
                return f"{tex.name} loads biblatex"
    except OSError:
        return None
    return None


def detect(path: str, refs: Sequence[Reference]) -> Dialect:
    """The dialect a file is written in, with the reason."""
    hits, seen = _signals(refs)
    if refs and hits >= max(1, round(0.05 * len(refs))):
        examples = ", ".join(name for name, _ in seen.most_common(3))
        return Dialect(True, f"{hits:,} of {len(refs):,} entries use biblatex's {examples}")
    project = project_uses_biblatex(path)
    if project:
        return Dialect(True, project)
    return Dialect(False, "no biblatex-only types or fields")
