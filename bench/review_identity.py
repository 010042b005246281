"""Does a decision written by `refmerge review` find its records again, and only them?

Usage: python bench/review_identity.py [--data ../shared/bench/dedupe]

A decision names each record by a content fingerprint (dedupe/identity.py), then key
within file, then key. Two things can go wrong, and both are measured on real exports:

* a later export of the same library no longer matches (keys and format change). The
  respiratory set comes both as CSV and as the EndNote XML it was exported in: the same
  1,988 records, in the same order, with other keys (`id_0000001` vs EndNote's record
  numbers). For each record: does the CSV record's fingerprint find its XML twin, and
  only it (plus records labelled copies of the same work)?
* a fingerprint is shared by records of different works, so one decision would bind the
  other too. For each labelled set: pairs of records with one fingerprint, split into
  pairs labelled the same work (harmless) and different works (harmful).

The first fingerprint was written before looking at any of this data (all surnames; the
re-export found 1,978/1,988 twins, 99.5%). The ten misses were read (respiratory's re-export
is therefore studied, not held out): "et al." ending a cut author list, and "Anonymous" for
no author; the fingerprint now keeps the first real surname only (1,988/1,988). Shared
fingerprints across different works, before -> after that change: cytology 0 -> 0,
haematology 0 -> 0 (study); respiratory 0 -> 0, stroke 0 -> 0, dblp_acm 110 -> 117,
cora_1295 58 -> 66 (scored only). Those pairs are records alike in every fact (DBLP's
yearly "Editor's Notes" by one editor; Cora citations reduced to the same fields): when
a fingerprint is shared, a decision picks among them by key and file (identity.resolve).
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import defaultdict
from itertools import combinations
from pathlib import Path

from refmerge.dedupe.identity import fingerprint
from refmerge.refs.formats.registry import read_path
from refmerge.refs.model import Reference
from refmerge.refs.normalize import match_keys

HERE = Path(__file__).resolve().parent
DEFAULT_DATA = HERE.parent.parent / "shared" / "bench" / "dedupe"
STUDY = ("cytology_screening", "haematology")
SCORED = ("respiratory", "stroke", "dblp_acm", "cora_1295")


def truth_of(folder: Path) -> dict[str, int]:
    """Record ID -> labelled group number (records in no group are unique)."""
    truth: dict[str, int] = {}
    with (folder / "merged_record_ids.csv").open(encoding="utf-8") as handle:
        for n, row in enumerate(csv.DictReader(handle)):
            for rid in row["merged_ids"].split(";"):
                truth[rid.strip()] = n
    return truth


def prints(refs: list[Reference]) -> list[str]:
    return [fingerprint(match_keys(r)) for r in refs]


def collisions(folder: Path) -> tuple[int, int, int]:
    """(records, pairs sharing a fingerprint labelled one work, ... labelled different works)."""
    refs = read_path(str(folder / "records_pre_merged.csv"), "csv").references
    truth = truth_of(folder)
    by_print: dict[str, list[str]] = defaultdict(list)
    for ref, fp in zip(refs, prints(refs), strict=True):
        by_print[fp].append(ref.key)
    same = different = 0
    for keys in by_print.values():
        for a, b in combinations(keys, 2):
            if a in truth and truth.get(a) == truth.get(b):
                same += 1
            else:
                different += 1
    return len(refs), same, different


def reexport(folder: Path) -> None:
    """The respiratory set as CSV and as EndNote XML: does each CSV fingerprint find its twin?"""
    csv_refs = read_path(str(folder / "records_pre_merged.csv"), "csv").references
    xml_refs = read_path(str(folder / "Respiratory.xml"), None).references
    if len(csv_refs) != len(xml_refs):
        print(f"respiratory: {len(csv_refs)} CSV vs {len(xml_refs)} XML records; not aligned")
        return
    truth = truth_of(folder)
    aligned = sum(
        " ".join(a.get("title").split()).casefold() == " ".join(b.get("title").split()).casefold()
        for a, b in zip(csv_refs, xml_refs, strict=True)
    )
    csv_prints, xml_prints = prints(csv_refs), prints(xml_refs)
    in_xml: dict[str, list[int]] = defaultdict(list)
    for i, fp in enumerate(xml_prints):
        in_xml[fp].append(i)
    found = exact = 0
    for i, fp in enumerate(csv_prints):
        hits = in_xml.get(fp, [])
        if i in hits:
            found += 1
            group = truth.get(csv_refs[i].key)
            others = [j for j in hits if j != i]
            if all(group is not None and truth.get(csv_refs[j].key) == group for j in others):
                exact += 1
    keys_same = sum(a.key == b.key for a, b in zip(csv_refs, xml_refs, strict=True))
    n = len(csv_refs)
    print(
        f"re-export (respiratory CSV -> EndNote XML, {n} records, titles agree in {aligned}, "
        f"same key in {keys_same}):\n"
        f"  fingerprint finds its twin: {found}/{n} ({found / n:.1%}); "
        f"only it or labelled copies of it: {exact}/{n} ({exact / n:.1%})"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = parser.parse_args()
    if not args.data.is_dir():
        print(f"{args.data} is missing", file=sys.stderr)
        return 2
    reexport(args.data / "respiratory")
    print("shared fingerprints (pairs of records):")
    for part, names in (("study", STUDY), ("scored", SCORED)):
        for name in names:
            records, same, different = collisions(args.data / name)
            print(
                f"  [{part}] {name:<20} {records:>5} records: {same:>5} pairs one work, "
                f"{different:>3} pairs different works"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
