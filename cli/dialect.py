"""Which dialect `check` holds a file to: BibTeX's standard styles or biblatex's data model.

A biblatex library checked against BibTeX drowns in noise (a real 16,579-entry library
gave 5,299 "entry type @video is unknown to BibTeX" warnings), and a CI check that noisy
gets switched off. Unless `--biblatex/--bibtex` or the config says which, the file
itself decides: biblatex-only entry types (`@online`, `@video`, `@dataset`, ...) or
fields (`date`, `journaltitle`, `subtitle`, `urldate`, ...) in enough of its entries, or a
project that loads biblatex (`\\usepackage{biblatex}` in a .tex file, or biber's `.bcf`
control file, beside the .bib file). What a biblatex library looks like (types, fields,
extended names) is data-model knowledge and lives in `refs/dialect.py`; this module adds
only what the project folder says.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from refmerge.refs import dialect
from refmerge.refs.model import Reference

_USES_BIBLATEX = re.compile(r"\\usepackage\s*(?:\[[^\]]*\])?\s*\{[^}]*\bbiblatex\b")
_TEX_FILES_READ = 50  # a project folder, not a whole disk
_TEX_BYTES_READ = 200_000


@dataclass(frozen=True)
class Dialect:
    biblatex: bool
    reason: str  # why, in words, for the one line `check` prints


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
    biblatex, reason = dialect.detect(refs)
    if biblatex:
        return Dialect(True, reason)
    project = project_uses_biblatex(path)
    if project:
        return Dialect(True, project)
    return Dialect(False, reason)
