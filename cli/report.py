"""The merge audit: a JSON report a reviewer can archive, and a one-screen summary.

Systematic reviewers must show what was removed and why (PRISMA); LaTeX users
must see which keys changed. Both come from the same data: the merged records
with their provenance, the engine's reasons and the key plan.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from refmerge.dedupe.keys_policy import KeyPlan
from refmerge.dedupe.merge import Merged
from refmerge.refs.formats.bibtex_writer import WriteOptions, clean_value
from refmerge.refs.model import Diagnostic, Reference
from refmerge.refs.style import normalise_month

REPORT_VERSION = 1


@dataclass(frozen=True, slots=True)
class InputInfo:
    file: str
    format: str
    records: int


@dataclass(frozen=True, slots=True)
class Counts:
    records_in: int
    records_out: int
    merged: int  # records absorbed into another
    groups: int
    review: int
    versions: int

    def line(self) -> str:
        text = (
            f"{plural(self.records_in, 'record')} in, {self.records_out:,} out, "
            f"{self.merged:,} merged in {plural(self.groups, 'group')}, "
            f"{plural(self.review, 'pair')} for review"
        )
        if self.versions:
            text += (
                f", {plural(self.versions, 'preprint/published pair')} kept apart "
                "(--merge-versions)"
            )
        return text


def plural(n: int, word: str) -> str:
    """`1 pair`, `2 pairs`, `1,000 records`: counts people read."""
    return f"{n:,} {word}" if n == 1 else f"{n:,} {word}s"


def counts(
    refs: Sequence[Reference], merged: Sequence[Merged], review: int, versions: int
) -> Counts:
    groups = [m for m in merged if len(m.members) > 1]
    return Counts(
        records_in=len(refs),
        records_out=len(merged),
        merged=sum(len(m.members) - 1 for m in groups),
        groups=len(groups),
        review=review,
        versions=versions,
    )


def _where(ref: Reference) -> dict[str, Any]:
    where: dict[str, Any] = {"file": ref.origin.file, "line": ref.origin.line, "key": ref.key}
    if ref.origin.column:  # records sharing a line (one-line EndNote XML)
        where["column"] = ref.origin.column
    return where


def as_written_in_bibtex(name: str, value: str) -> str:
    """A field value as the BibTeX writer writes it (`March` -> `mar`, a DOI URL -> the bare
    DOI, names and pages in house style), so the report shows what is in the file."""
    if name == "month":
        macro = normalise_month(value)
        if macro:
            return macro
    return clean_value(name, value, WriteOptions())


def _record(
    m: Merged, refs: Sequence[Reference], written: Callable[[str, str], str] | None = None
) -> dict[str, Any]:
    base = refs[m.base]
    out: dict[str, Any] = {
        "key": m.record.key,
        "entry_type": m.record.entry_type,
        "from": _where(base),
    }
    if len(m.members) == 1:
        return out
    out["absorbed"] = [_where(refs[i]) for i in m.absorbed]
    out["score"] = m.score
    out["reasons"] = list(m.reasons)
    out["codes"] = list(m.codes)
    out["fields"] = {
        name: {
            "value": written(name, c.value) if written else c.value,
            "from": [str(refs[s].origin) for s in c.sources],
        }
        for name, c in m.choices.items()
    }
    out["conflicts"] = [
        {
            "field": c.field,
            "chosen": {"value": c.chosen, **_where(refs[c.source])},
            "other_values": [{"value": v, **_where(refs[s])} for v, s in c.others],
        }
        for c in m.conflicts
    ]
    return out


def _pair(
    refs: Sequence[Reference],
    a: int,
    b: int,
    score: float,
    reasons: list[str],
    codes: Sequence[str] = (),
) -> dict[str, object]:
    return {
        "a": _where(refs[a]),
        "b": _where(refs[b]),
        "score": score,
        "reasons": list(reasons),
        "codes": list(codes),
    }


def build_report(
    *,
    inputs: Sequence[InputInfo],
    refs: Sequence[Reference],
    merged: Sequence[Merged],
    plan: KeyPlan,
    review: Sequence[Any] = (),
    versions: Sequence[Any] = (),
    diagnostics: Sequence[Diagnostic] = (),
    settings: dict[str, Any] | None = None,
    written: Callable[[str, str], str] | None = None,
) -> dict[str, Any]:
    """The whole audit as plain JSON data (deterministic: no timestamps).

    `written` turns a chosen field value into the text the output file holds (for BibTeX
    output, `as_written_in_bibtex`); conflicts keep the values as the inputs gave them."""
    summary = counts(refs, merged, len(review), len(versions))
    return {
        "refmerge_report": REPORT_VERSION,
        "settings": settings or {},
        "inputs": [{"file": i.file, "format": i.format, "records": i.records} for i in inputs],
        "summary": {
            "records_in": summary.records_in,
            "records_out": summary.records_out,
            "merged": summary.merged,
            "groups": summary.groups,
            "review_pairs": summary.review,
            "version_pairs": summary.versions,
        },
        "records": [_record(m, refs, written) for m in merged],
        "key_map": [
            {"file": c.file, "line": c.line, "old": c.old, "new": c.new, "reason": c.reason}
            for c in plan.changes
        ],
        "ids_not_added": [{"alias": a, "record": k} for a, k in plan.skipped_aliases],
        "repointed": [
            {"record": k, "field": f, "old": old, "new": new} for k, f, old, new in plan.repointed
        ],
        "review": [
            _pair(refs, p.a, p.b, p.score, p.reasons, getattr(p, "codes", ())) for p in review
        ],
        "versions": [
            {
                "members": [_where(refs[i]) for i in g.members],
                "score": g.score,
                "reasons": list(g.reasons),
                "codes": list(getattr(g, "codes", ())),
            }
            for g in versions
        ],
        "diagnostics": [
            {
                "file": d.file,
                "line": d.line,
                "code": d.code,
                "severity": d.severity.value,
                "message": d.message,
            }
            for d in diagnostics
        ],
    }


def summary_lines(
    refs: Sequence[Reference],
    merged: Sequence[Merged],
    plan: KeyPlan,
    review: int,
    versions: int,
    limit: int = 8,
) -> list[str]:
    """What a person reads after a run: the counts, then the first groups and key changes."""
    lines = [counts(refs, merged, review, versions).line()]
    groups = [m for m in merged if len(m.members) > 1]
    for m in groups[:limit]:
        gone = ", ".join(f"{refs[i].key or '(no key)'} ({refs[i].origin})" for i in m.absorbed)
        lines.append(f"  {m.record.key} <- {gone}")
    if len(groups) > limit:
        lines.append(f"  ... {len(groups) - limit:,} more groups (see --report)")
    renamed = [c for c in plan.changes if c.reason == "renamed"]
    for c in renamed[:limit]:
        lines.append(f"  key {c.old} ({c.file}:{c.line}) renamed to {c.new}: taken by another work")
    if len(renamed) > limit:
        lines.append(f"  ... {len(renamed) - limit:,} more renamed keys (see --report)")
    return lines
