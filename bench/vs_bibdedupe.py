"""Where bib-dedupe and refmerge disagree on real libraries nobody labelled.

Usage: python bench/vs_bibdedupe.py LIB.bib [LIB.bib ...] [--sample N] [--seed S]
       [--strictness balanced] [--dump] [-o report.md]

Why: real libraries carry no labels, but the pairs one tool merges and the other does not are
a cheap, honest list of candidate errors: bib-dedupe's merges that refmerge misses are where
refmerge's recall may be short (or bib-dedupe merged two works), refmerge's merges that
bib-dedupe misses are where refmerge may have merged two works. A person reads them and
judges; nothing here is a score by itself.

Each library is read with refmerge's reader (`A.bib+B.bib` reads two files as one library,
as a user would `cat` two exports). refmerge runs as `refmerge dupes` does (`find_duplicates`,
the given preset); bib-dedupe (PyPI `bib-dedupe`, a bench-only tool: never a dependency of
refmerge) runs its prep/block/match on the same records converted to its columns, one CPU.
Both are compared as groups: a pair is "bib-dedupe only" when bib-dedupe puts the two records
in one group (its `duplicate` pairs, joined transitively) and refmerge does not, and the other
way round. Each bib-dedupe-only pair carries refmerge's verdict for it: `version` (one
version group), `review` (on the review list), `different`, `match-refused` (the pair matched
but clustering kept it apart: another member conflicts), or `never compared` (blocking never
paired them; the verdict they would get follows).

`--dump` prints every disagreement one a line (side, library, keys, refmerge's verdict) so two
versions of the matcher can be diffed; `--sample N` draws N pairs of each side (seeded) and
writes them side by side as markdown for a person to judge.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from audit import Item, render

from refmerge.dedupe.blocking import candidate_pairs
from refmerge.dedupe.compare import MATCH, add_levels, compare
from refmerge.dedupe.engine import _ranks, all_match_keys, find_duplicates
from refmerge.dedupe.policy import Policy
from refmerge.refs.formats.registry import read_path
from refmerge.refs.grammar.latex import decode_latex, strip_braces
from refmerge.refs.model import Reference

# bib-dedupe's input columns and the BibTeX/biblatex fields they are read from, first found
COLUMNS = {
    "title": ("title",),
    "author": ("author", "editor"),
    "journal": ("journal", "journaltitle"),
    "booktitle": ("booktitle",),
    "series": ("series",),
    "volume": ("volume",),
    "number": ("number", "issue"),
    "pages": ("pages",),
    "abstract": ("abstract",),
    "doi": ("doi",),
}


@dataclass
class Pair:
    side: str  # "bib-dedupe only" | "refmerge only"
    library: str
    a: int
    b: int
    verdict: str  # refmerge's verdict (bib-dedupe only) or bib-dedupe's (refmerge only)


def read_library(spec: str) -> list[Reference]:
    """One library; `A.bib+B.bib` is the two files' text joined (as `cat` would), so a
    string file's `@string`s expand in the file after it."""
    paths = spec.split("+")
    if len(paths) == 1:
        return read_path(spec).references
    with tempfile.TemporaryDirectory() as tmp:
        joined = Path(tmp) / Path(paths[-1]).name
        joined.write_text(
            "\n".join(Path(p).read_text(encoding="utf-8", errors="replace") for p in paths),
            encoding="utf-8",
        )
        return read_path(str(joined)).references


def _year(ref: Reference) -> str:
    year = ref.get("year") or ref.get("date")[:4]
    return year if year[:4].isdigit() else ""


def table_of(refs: list[Reference]) -> list[dict[str, str]]:
    """Our records as bib-dedupe's columns (LaTeX decoded to plain letters, braces dropped: its other inputs are plain text)."""
    rows = []
    for i, ref in enumerate(refs):
        row = {"ID": str(i), "ENTRYTYPE": ref.entry_type.lower(), "year": _year(ref)}
        for column, names in COLUMNS.items():
            value = next((ref.get(n) for n in names if ref.get(n)), "")
            row[column] = strip_braces(decode_latex(value)) if value else ""
        rows.append(row)
    return rows


def bibdedupe_groups(refs: list[Reference]) -> tuple[list[set[int]], set[tuple[int, int]]]:
    """bib-dedupe's duplicate groups (its `duplicate` pairs joined) and its `maybe` pairs."""
    import pandas as pd
    from bib_dedupe import verbose_print
    from bib_dedupe.bib_dedupe import block, match, prep

    verbose_print.verbosity_level = 0
    frame: Any = pd.DataFrame(table_of(refs))
    matched = match(block(prep(frame, cpu=1), cpu=1), cpu=1)
    parent = list(range(len(refs)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    maybe: set[tuple[int, int]] = set()
    for a, b, label in matched[["ID_1", "ID_2", "duplicate_label"]].itertuples(index=False):
        i, j = sorted((int(a), int(b)))
        if label == "duplicate":
            parent[find(i)] = find(j)
        else:
            maybe.add((i, j))
    groups: dict[int, set[int]] = {}
    for i in range(len(refs)):
        groups.setdefault(find(i), set()).add(i)
    return [g for g in groups.values() if len(g) > 1], maybe


def _pairs(groups: list[set[int]] | list[list[int]]) -> set[tuple[int, int]]:
    return {(i, j) for g in groups for i, j in combinations(sorted(g), 2)}


def compare_library(spec: str, policy: Policy) -> tuple[dict[str, Any], list[Pair], list[Item]]:
    refs = read_library(spec)
    name = "+".join(Path(p).name for p in spec.split("+"))
    keys = all_match_keys(refs)
    start = time.perf_counter()
    result = find_duplicates(refs, policy, keys=keys)
    ours_s = time.perf_counter() - start
    ours = _pairs([g.members for g in result.groups])
    versions = _pairs([g.members for g in result.versions])
    review = {(min(r.a, r.b), max(r.a, r.b)) for r in result.review}
    start = time.perf_counter()
    try:
        theirs_groups, maybe = bibdedupe_groups(refs) if len(refs) > 1 else ([], set())
    except Exception as exc:  # bib-dedupe's own failure on a file: counted, not ours to fix
        print(f"bib-dedupe failed on {name}: {exc!r}; library skipped", file=sys.stderr)
        theirs_groups, maybe, ours = [], set(), set()
    theirs_s = time.perf_counter() - start
    theirs = _pairs(theirs_groups)
    only_theirs = sorted(theirs - ours)
    only_ours = sorted(ours - theirs)
    compared = set(candidate_pairs(keys, _ranks(refs))) if only_theirs else set()
    pairs: list[Pair] = []
    items: list[Item] = []
    for i, j in only_theirs:
        c = compare(keys[i], keys[j], policy)
        if (i, j) in versions:
            verdict = "version"
        elif (i, j) in review:
            verdict = "review"
        elif (i, j) not in compared:
            verdict = f"never compared (would be {c.verdict})"
        elif c.verdict == MATCH:
            verdict = "match-refused"
        else:
            verdict = str(c.verdict)
        pairs.append(Pair("bib-dedupe only", name, i, j, verdict))
        items.append(_item(f"bib-dedupe only, refmerge: {verdict}", name, refs, i, j, c))
    for i, j in only_ours:
        verdict = "maybe" if (i, j) in maybe else "not duplicate"
        c = add_levels(compare(keys[i], keys[j], policy, levels=False), keys[i], keys[j], policy)
        pairs.append(Pair("refmerge only", name, i, j, verdict))
        items.append(_item(f"refmerge only, bib-dedupe: {verdict}", name, refs, i, j, c))
    row = {
        "library": name,
        "records": len(refs),
        "refmerge pairs": len(ours),
        "bib-dedupe pairs": len(theirs),
        "both": len(ours & theirs),
        "bib-dedupe only": len(only_theirs),
        "refmerge only": len(only_ours),
        "verdicts": Counter(p.verdict.split(" (")[0] for p in pairs if p.side[0] == "b"),
        "seconds": (ours_s, theirs_s),
    }
    return row, pairs, items


def _item(kind: str, library: str, refs: list[Reference], i: int, j: int, c: Any) -> Item:
    return Item(kind, library, [refs[i], refs[j]], c.score, c.reasons, c.codes,
                {k: str(v) for k, v in (c.levels or {}).items()})  # fmt: skip


def dump_line(pair: Pair, refs_key: str) -> str:
    return f"{pair.side}\t{pair.library}\t{refs_key}\t{pair.verdict}\n"


def summary(rows: list[dict[str, Any]]) -> str:
    lines = [
        "| library | records | refmerge pairs | bib-dedupe pairs | both | bib-dedupe only "
        "(share of its pairs) | refmerge only | refmerge's verdict on bib-dedupe-only | "
        "seconds refmerge / bib-dedupe |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    total: Counter[str] = Counter()
    verdicts: Counter[str] = Counter()
    for r in rows:
        share = r["bib-dedupe only"] / r["bib-dedupe pairs"] if r["bib-dedupe pairs"] else 0.0
        v = ", ".join(f"{k} {n}" for k, n in sorted(r["verdicts"].items()))
        lines.append(
            f"| {r['library']} | {r['records']} | {r['refmerge pairs']} | "
            f"{r['bib-dedupe pairs']} | {r['both']} | {r['bib-dedupe only']} ({share:.1%}) | "
            f"{r['refmerge only']} | {v} | {r['seconds'][0]:.1f} / {r['seconds'][1]:.1f} |"
        )
        for k in ("records", "refmerge pairs", "bib-dedupe pairs", "both", "bib-dedupe only",
                  "refmerge only"):  # fmt: skip
            total[k] += r[k]
        verdicts.update(r["verdicts"])
    if len(rows) > 1:
        share = (
            total["bib-dedupe only"] / total["bib-dedupe pairs"]
            if total["bib-dedupe pairs"]
            else 0.0
        )
        v = ", ".join(f"{k} {n}" for k, n in sorted(verdicts.items()))
        lines.append(
            f"| **all** | {total['records']} | {total['refmerge pairs']} | "
            f"{total['bib-dedupe pairs']} | {total['both']} | {total['bib-dedupe only']} "
            f"({share:.1%}) | {total['refmerge only']} | {v} | |"
        )
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("libraries", nargs="+", help="BibTeX files; A.bib+B.bib reads both as one")
    parser.add_argument("--sample", type=int, default=0, metavar="N", help="pairs per side")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--strictness", default="balanced")
    parser.add_argument("--dump", action="store_true", help="every disagreement, one a line")
    parser.add_argument("-o", "--output", default="-")
    args = parser.parse_args()
    try:
        import bib_dedupe  # noqa: F401
    except ImportError:
        print("skipped: bib-dedupe is not installed (pip install bib-dedupe; bench only)")
        return 0
    policy = Policy.preset(args.strictness)
    rows: list[dict[str, Any]] = []
    pairs: list[Pair] = []
    items: list[Item] = []
    for spec in args.libraries:
        print(f"reading {spec}", file=sys.stderr)
        row, found, shown = compare_library(spec, policy)
        rows.append(row)
        pairs += found
        items += shown
    if args.dump:
        out = []
        for p, it in zip(pairs, items, strict=True):
            names = " ".join(sorted(f"{m.key or '-'}@{m.origin.line}" for m in it.members))
            out.append(dump_line(p, names))
        sys.stdout.write("".join(sorted(out)))
        sys.stderr.write(summary(rows))  # the counts too, so one run gives both
        return 0
    text = f"# refmerge ({args.strictness}) vs bib-dedupe\n\n" + summary(rows)
    if args.sample:
        rnd = random.Random(args.seed)
        chosen: list[Item] = []
        for side in ("bib-dedupe only", "refmerge only"):
            pool = [it for p, it in zip(pairs, items, strict=True) if p.side == side]
            chosen += rnd.sample(pool, min(args.sample, len(pool)))
        text += f"\nSample: {args.sample} pairs per side, seed {args.seed}.\n\n"
        text += "\n".join(render(it, n) for n, it in enumerate(chosen, 1))
    if args.output == "-":
        sys.stdout.write(text)
    else:
        Path(args.output).write_text(text, encoding="utf-8")
        print(f"wrote {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
