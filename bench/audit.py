"""Draw random duplicate groups, version groups and review pairs from real libraries and
write them side by side as markdown, for a person to judge entry by entry.

Usage: python bench/audit.py LIB.bib [LIB.bib ...] [--sample N] [--seed S]
       [--strictness balanced] [-o audit.md]

Each library is deduplicated on its own (as a user would run `refmerge dupes` on it). From
all libraries together, N groups, N version groups and N review pairs are drawn at random
(seeded, so an audit can be repeated and extended). Each item is a table: one column per
record, one row per field that any of them has, then the verdict's reasons, codes and the
field levels that decided it. A judge marks each item: true duplicate / false merge /
unsure (for review pairs: same work / different works / unsure).

Measure precision on libraries the matcher was not tuned on: keep a list of the libraries
you studied and audit the others.
"""

from __future__ import annotations

import argparse
import random
import sys
from dataclasses import dataclass
from pathlib import Path

from refmerge.dedupe.engine import find_duplicates
from refmerge.dedupe.policy import Policy
from refmerge.refs.formats.registry import read_path
from refmerge.refs.model import Reference

# Fields shown first, in this order; any other field a member has follows.
FIELDS = (
    "title", "subtitle", "titleaddon", "author", "editor", "year", "date", "journal",
    "journaltitle", "booktitle", "institution", "school", "publisher", "volume", "number",
    "pages", "edition", "doi", "isbn", "eprint", "url", "note",
)  # fmt: skip
WIDTH = 70  # characters of a value shown in a cell


@dataclass
class Item:
    kind: str  # "group" | "versions" | "review"
    library: str
    members: list[Reference]
    score: float
    reasons: list[str]
    codes: list[str]
    levels: dict[str, str]


def items_of(path: str, policy: Policy) -> list[Item]:
    refs = read_path(path).references
    result = find_duplicates(refs, policy)
    name = Path(path).name
    out: list[Item] = []
    for kind, groups in (("group", result.groups), ("versions", result.versions)):
        for g in groups:
            out.append(
                Item(kind, name, [refs[m] for m in g.members], g.score, g.reasons, g.codes,
                     g.levels)
            )  # fmt: skip
    for r in result.review:
        out.append(
            Item("review", name, [refs[r.a], refs[r.b]], r.score, r.reasons, r.codes, r.levels)
        )
    return out


def dump_line(item: Item) -> str:
    """One verdict as a line that stays put when nothing about it changed (members by key,
    then file line, so a diff of two runs shows only the changed verdicts)."""
    names = sorted(f"{m.key or '-'}@{m.origin.line}" for m in item.members)
    return f"{item.kind}\t{item.library}\t{' '.join(names)}\t{','.join(item.codes)}\n"


def _cell(value: str) -> str:
    value = " ".join(value.split()).replace("|", "\\|")
    return value if len(value) <= WIDTH else value[: WIDTH - 1] + "…"


def render(item: Item, number: int) -> str:
    members = item.members
    names = [f"{m.key or '(no key)'} ({m.entry_type}, line {m.origin.line})" for m in members]
    fields = [f for f in FIELDS if any(f in m.fields for m in members)]
    fields += sorted({f for m in members for f in m.fields} - set(FIELDS) - {"abstract"})
    lines = [
        f"### {number}. {item.kind} in {item.library} (score {item.score:.0f})",
        "",
        "| field | " + " | ".join(_cell(n) for n in names) + " |",
        "|---|" + "---|" * len(members),
    ]
    for f in fields:
        lines.append(f"| {f} | " + " | ".join(_cell(m.get(f)) for m in members) + " |")
    lines += [
        "",
        f"- reasons: {'; '.join(item.reasons)}",
        f"- codes: {', '.join(item.codes)}",
        f"- levels: {', '.join(f'{k} {v}' for k, v in item.levels.items())}",
        "- judgement: [ ] same work  [ ] different works  [ ] unsure",
        "",
    ]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("libraries", nargs="+")
    parser.add_argument("--sample", type=int, default=40, metavar="N", help="items per kind")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--strictness", default="balanced")
    parser.add_argument("-o", "--output", default="-")
    parser.add_argument(
        "--dump",
        action="store_true",
        help="print every verdict, one a line (kind, library, member keys, codes), to diff "
        "two versions of the matcher: the verdicts that changed are the ones to read",
    )
    args = parser.parse_args()
    policy = Policy.preset(args.strictness)
    items: list[Item] = []
    for path in args.libraries:
        items += items_of(path, policy)
    if args.dump:
        sys.stdout.write("".join(sorted(dump_line(it) for it in items)))
        return 0
    rnd = random.Random(args.seed)
    chosen: list[Item] = []
    counts: dict[str, int] = {}
    for kind in ("group", "versions", "review"):
        pool = [i for i in items if i.kind == kind]
        counts[kind] = len(pool)
        chosen += rnd.sample(pool, min(args.sample, len(pool)))
    head = [
        "# Audit sample",
        "",
        f"Libraries: {', '.join(Path(p).name for p in args.libraries)}; "
        f"strictness {args.strictness}; seed {args.seed}.",
        "",
        ", ".join(f"{kind}: {min(args.sample, n)} drawn of {n}" for kind, n in counts.items()),
        "",
    ]
    text = "\n".join(head) + "\n" + "\n".join(render(it, n) for n, it in enumerate(chosen, 1))
    if args.output == "-":
        sys.stdout.write(text)
    else:
        Path(args.output).write_text(text, encoding="utf-8")
        print(f"wrote {len(chosen)} items to {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
