"""`refmerge dupes`: show duplicate groups and grey-zone pairs with their reasons; writes nothing."""

from __future__ import annotations

import csv
import io
import json
import sys
from typing import Annotated, Any

import typer

from refmerge.dedupe.engine import DedupeResult, Group, find_duplicates
from refmerge.dedupe.policy import Policy, Strictness
from refmerge.refs.codes import UNREADABLE_CODES
from refmerge.refs.formats.registry import FORMATS
from refmerge.refs.model import Reference

from .config import DECISIONS_FILE, ConfigError, matching_settings
from .html_report import to_html
from .inputs import load_inputs
from .options import Encoding, InputFormat, MaxSize
from .output import write_output
from .report import plural

EXAMPLES = """Examples:

\b
  # table of groups and pairs to review
  refmerge dupes refs.bib
\b
  # machine-readable (a stable contract)
  refmerge dupes a.bib b.ris --format json
\b
  # only merge what is certain
  refmerge dupes scrape.txt --strictness strict
\b
  # one self-contained page to read, print or attach to a review protocol
  refmerge dupes a.bib b.ris --format html -o report.html
\b
  refmerge dupes refs.bib --decisions refmerge.decisions

A `refmerge.decisions` file in the current folder is used automatically. One line per
decision: `key1 != key2` (not duplicates) or `key1 == key2` (duplicates); `#` comments.
`refmerge review` writes it for you, one key per decision.
"""

# Problems that mean records may be missing: refuse to report on a partial view.
# dupes writes nothing, so only unreadable input stops it (a repeated field does not).


def _label(ref: Reference) -> str:
    return ref.key or str(ref.origin)  # file:line, plus :column where records share a line


def _member(ref: Reference) -> dict[str, Any]:
    member = {"key": _label(ref), "file": ref.origin.file, "line": ref.origin.line}
    if ref.origin.column:
        member["column"] = ref.origin.column
    return member


def _group_json(group: Group, refs: list[Reference]) -> dict[str, Any]:
    return {
        "members": [_member(refs[m]) for m in group.members],
        "score": round(group.score, 1),
        "reasons": group.reasons,
        "codes": group.codes,
        "levels": group.levels,
    }


def to_json(result: DedupeResult, refs: list[Reference]) -> str:
    data = {
        "groups": [_group_json(g, refs) for g in result.groups],
        "review": [
            {
                "a": _label(refs[r.a]),
                "b": _label(refs[r.b]),
                "score": round(r.score, 1),
                "reasons": r.reasons,
                "codes": r.codes,
                "levels": r.levels,
                "members": [_member(refs[r.a]), _member(refs[r.b])],
            }
            for r in result.review
        ],
        "versions": [_group_json(g, refs) for g in result.versions],
        # review pairs beyond the policy's limit: counted, not listed (the closest are above)
        "review_not_listed": result.review_dropped,
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def to_csv(result: DedupeResult, refs: list[Reference]) -> str:
    """One row per record in a group or pair: kind, id of the group/pair, key, file, line."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["kind", "id", "key", "file", "line", "score", "reasons"])
    for kind, groups in (("group", result.groups), ("version", result.versions)):
        for n, g in enumerate(groups, start=1):
            for m in g.members:
                ref = refs[m]
                where = [ref.origin.file, ref.origin.line]
                writer.writerow(
                    [kind, n, _label(ref), *where, f"{g.score:.1f}", "; ".join(g.reasons)]
                )
    for n, r in enumerate(result.review, start=1):
        for m in (r.a, r.b):
            ref = refs[m]
            where = [ref.origin.file, ref.origin.line]
            writer.writerow(
                ["review", n, _label(ref), *where, f"{r.score:.1f}", "; ".join(r.reasons)]
            )
    return out.getvalue()


def _title(ref: Reference, width: int = 60) -> str:
    title = " ".join(ref.get("title").split()) or "(no title)"
    return title if len(title) <= width else title[: width - 1] + "…"


def _levels(levels: dict[str, str]) -> str:
    """The field levels that decided a pair, agreeing ones first ('title exact, authors fuzzy,
    pages missing')."""
    order = {"exact": 0, "fuzzy": 1, "partial": 2, "conflicting": 3, "missing": 4}
    ranked = sorted(levels.items(), key=lambda kv: (order.get(kv[1], 5), kv[0]))
    return ", ".join(f"{name} {level}" for name, level in ranked)


def to_table(result: DedupeResult, refs: list[Reference]) -> str:
    lines: list[str] = []
    for n, g in enumerate(result.groups, start=1):
        lines.append(f"group {n} (score {g.score:.0f}): {'; '.join(g.reasons)}")
        if g.levels:
            lines.append(f"  levels: {_levels(g.levels)}")
        for m in g.members:
            ref = refs[m]
            lines.append(f"  {_label(ref):<24} {ref.origin}  {_title(ref)}")
    if result.review:
        lines.append("")
        lines.append("to review (not merged; decide and record it in refmerge.decisions):")
        for r in result.review:
            a, b = refs[r.a], refs[r.b]
            lines.append(f"  {_label(a)} ({a.origin}) ?= {_label(b)} ({b.origin})")
            lines.append(f"    score {r.score:.0f}: {'; '.join(r.reasons)}")
            if r.levels:
                lines.append(f"    levels: {_levels(r.levels)}")
    if result.versions:
        lines.append("")
        lines.append("versions of one work (not merged; --merge-versions merges them):")
        for g in result.versions:
            lines.append(
                "  " + "  ~  ".join(f"{_label(refs[m])} ({refs[m].origin})" for m in g.members)
            )
            lines.append(f"    {'; '.join(g.reasons)}")
            if g.levels:  # which field kept them apart (`kind conflicting`, ...), as above
                lines.append(f"    levels: {_levels(g.levels)}")
    return "\n".join(lines) + ("\n" if lines else "")


def _load(
    paths: list[str], fmt: str | None, encoding: str | None, max_bytes: int | None = None
) -> list[Reference] | None:
    """All records, or None when any input is unreadable (every input's problems are printed)."""
    bib, usable = load_inputs(paths, fmt, encoding, UNREADABLE_CODES, max_bytes)
    return bib.references if usable else None


def dupes_command(
    files: Annotated[list[str], typer.Argument(help="Input files (any format); '-' is stdin.")],
    output_format: Annotated[
        str,
        typer.Option(
            "--format", "-f", metavar="[table|json|csv|html]", help="table, json, csv or html."
        ),
    ] = "table",
    output: Annotated[
        str | None, typer.Option("-o", "--output", help="Write here (atomically), not stdout.")
    ] = None,
    strictness: Annotated[
        Strictness | None,
        typer.Option(
            "--strictness",
            "-s",
            metavar="[strict|balanced|loose]",
            help="strict | balanced | loose (default: config).",
        ),
    ] = None,
    merge_versions: Annotated[
        bool,
        typer.Option("--merge-versions", help="Treat a preprint and its published version as one."),
    ] = False,
    decisions: Annotated[
        str | None,
        typer.Option(
            "--decisions",
            help=f"Remembered decisions (default: config, else ./{DECISIONS_FILE}).",
        ),
    ] = None,
    from_format: InputFormat = None,
    encoding: Encoding = None,
    max_size: MaxSize = None,
) -> None:
    """Show duplicate groups and pairs a person should decide, with the reasons."""
    if output_format not in ("table", "json", "csv", "html"):
        raise typer.BadParameter("--format must be table, json, csv or html")
    if from_format is not None and from_format not in FORMATS:
        raise typer.BadParameter(f"--from must be one of {', '.join(sorted(FORMATS))}")
    try:  # options, then [tool.refmerge] / refmerge.toml, as `merge` and `check` find it
        _, strictness, remembered = matching_settings(files[0], strictness, decisions)
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        raise typer.Exit(2) from None
    policy = Policy.preset(strictness, merge_versions=merge_versions, decisions=remembered)
    refs = _load(files, from_format, encoding, max_size)
    if refs is None:
        print("error: some input could not be read; nothing reported", file=sys.stderr)
        raise typer.Exit(2)
    result = find_duplicates(refs, policy)
    render = {"table": to_table, "json": to_json, "csv": to_csv, "html": to_html}[output_format]
    write_output(output, render(result, refs))
    removable = sum(len(g.members) - 1 for g in result.groups)
    print(
        f"{plural(len(refs), 'record')}: {plural(len(result.groups), 'duplicate group')} "
        f"({removable:,} removable), {plural(len(result.review), 'pair')} to review, "
        f"{plural(len(result.versions), 'version group')}",
        file=sys.stderr,
    )
    if result.review_dropped:
        print(
            f"note: {plural(result.review_dropped, 'more pair')} to review not listed: only the "
            f"{len(result.review):,} closest calls are kept (so many near pairs usually mean "
            "records that differ only by a number; see docs/matching.md)",
            file=sys.stderr,
        )
