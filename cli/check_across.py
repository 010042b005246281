"""`refmerge check --together`: problems that only exist between files.

LaTeX loads several .bib files as one bibliography (`\\bibliography{a,b}`,
several `\\addbibresource`). A key defined in two of them, or one work entered
in both, is then a problem although each file is clean on its own. Findings
inside one file are already reported by the per-file pass; this pass adds only
the pairs that span files, each on the later entry.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from refmerge.dedupe.policy import Policy
from refmerge.refs.checks.rules import Locator
from refmerge.refs.codes import (
    DUPLICATE_KEY,
    DUPLICATE_WORK,
    POSSIBLE_DUPLICATE,
    PREPRINT_AND_PUBLISHED,
)
from refmerge.refs.model import Diagnostic, Reference


@dataclass(frozen=True)
class CheckedFile:
    """One readable file of the run, in command-line order."""

    name: str
    source: str
    references: Sequence[Reference]
    enabled: frozenset[str]


def _where(file: CheckedFile, ref: Reference) -> str:
    return f"{file.name}:{ref.origin.line}"


def across_files(files: Sequence[CheckedFile], policy: Policy) -> dict[str, list[Diagnostic]]:
    """Diagnostics per file name for keys and works shared between files."""
    out: dict[str, list[Diagnostic]] = {f.name: [] for f in files}
    if len(files) < 2:
        return out
    locators = [Locator(f.name, f.source) for f in files]
    refs: list[Reference] = []
    file_of: list[int] = []
    for n, f in enumerate(files):
        refs.extend(f.references)
        file_of.extend([n] * len(f.references))

    def report(m: int, code: str, message: str) -> None:
        f = files[file_of[m]]
        if code in f.enabled:
            out[f.name].append(locators[file_of[m]].at_entry(code, refs[m], message))

    first_with_key: dict[str, int] = {}
    seen: set[tuple[int, str]] = set()
    for m, ref in enumerate(refs):
        key = ref.key.casefold()
        if not key or (file_of[m], key) in seen:
            continue  # repeats inside one file are the per-file pass's RM203
        seen.add((file_of[m], key))
        earlier = first_with_key.setdefault(key, m)
        if earlier != m:
            where = _where(files[file_of[earlier]], refs[earlier])
            report(m, DUPLICATE_KEY, f"key '{ref.key}' is already used in {where}")

    if not any(
        code in f.enabled
        for f in files
        for code in (DUPLICATE_WORK, POSSIBLE_DUPLICATE, PREPRINT_AND_PUBLISHED)
    ):
        return out
    from refmerge.dedupe.engine import find_duplicates  # the engine loads only when needed

    result = find_duplicates(refs, policy)
    for groups, code, verb in (
        (result.groups, DUPLICATE_WORK, "duplicates"),
        (result.versions, PREPRINT_AND_PUBLISHED, "is another version of"),
    ):
        for group in groups:
            anchor = group.members[0]
            seen_files = {file_of[anchor]}
            for m in group.members[1:]:
                if file_of[m] in seen_files:
                    continue  # the per-file pass reports it against its own file's copy
                seen_files.add(file_of[m])
                if refs[m].key.casefold() == refs[anchor].key.casefold():
                    continue  # RM203 above says it
                where = _where(files[file_of[anchor]], refs[anchor])
                report(
                    m,
                    code,
                    f"'{refs[m].key}' {verb} '{refs[anchor].key}' in {where}: "
                    f"{', '.join(group.reasons)}",
                )
    for pair in result.review:
        a, b = min(pair.a, pair.b), max(pair.a, pair.b)
        if file_of[a] == file_of[b] or refs[a].key.casefold() == refs[b].key.casefold():
            continue
        where = _where(files[file_of[a]], refs[a])
        report(
            b,
            POSSIBLE_DUPLICATE,
            f"'{refs[b].key}' may duplicate '{refs[a].key}' in {where}: "
            f"{', '.join(pair.reasons)}; decide with 'refmerge review' on these files (or "
            f"record '{refs[a].key} != {refs[b].key}' or '==' in the decisions file)",
        )
    return out
