"""Speed of the foreign-format readers and writers, and the respiratory set read from EndNote XML.

Usage: python bench/formats_speed.py [--shared ../shared] [--corpus real/contextlab_cdl.bib]

1. Writes a real BibTeX file (default: 6,315 entries) as RIS and CSL-JSON and reads the
   output back, printing records per second for each step.
2. Reads ../shared/bench/dedupe/respiratory/Respiratory.xml, runs duplicate detection and
   scores it with bench/accuracy.py's scoring against the labels, next to the same set read
   from its CSV (the CSV's `ID` is the position of the record in the XML).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from refmerge.refs.formats.registry import WRITERS, read_path, read_text

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from accuracy import score, truth_of  # noqa: E402  (bench/accuracy.py)


def timed(label: str, n: int, fn):
    start = time.perf_counter()
    result = fn()
    seconds = time.perf_counter() - start
    print(f"  {label:<28} {seconds:7.2f} s  {n / seconds:10,.0f} records/s")
    return result


def writers(corpus: Path) -> None:
    refs = read_path(str(corpus), "bibtex").references
    print(f"{corpus.name}: {len(refs):,} entries")
    for name, ext in (("ris", ".ris"), ("csl-json", ".json")):
        text = timed(f"write {name}", len(refs), lambda n=name: WRITERS[n].writer(refs))
        back = timed(f"read {name}", len(refs), lambda t=text, e=ext: read_text(t, "out" + e))
        assert len(back.references) == len(refs)


def respiratory(folder: Path) -> None:
    from refmerge.dedupe.engine import find_duplicates
    from refmerge.dedupe.policy import Policy

    truth = truth_of(folder / "merged_record_ids.csv")
    policy = Policy.preset("balanced")
    print("respiratory: CSV vs EndNote XML (balanced preset)")
    for name, fmt in (("records_pre_merged.csv", "csv"), ("Respiratory.xml", None)):
        lib = timed(f"read {name}", 1988, lambda n=name, f=fmt: read_path(str(folder / n), f))
        refs = lib.references
        result = find_duplicates(refs, policy)
        ids = [f"id_{i + 1:07d}" for i in range(len(refs))]
        fig = score([[ids[m] for m in g.members] for g in result.groups], truth, ids)
        print(
            f"    {len(refs)} records  precision {fig['precision']:.4f}  recall "
            f"{fig['recall']:.4f}  F1 {fig['f1']:.4f}  FP {fig['fp']}  FN {fig['fn']}"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=HERE.parent.parent / "shared")
    parser.add_argument("--corpus", default="real/contextlab_cdl.bib")
    args = parser.parse_args()
    writers(args.shared / "corpus" / "bib" / args.corpus)
    respiratory(args.shared / "bench" / "dedupe" / "respiratory")
    return 0


if __name__ == "__main__":
    sys.exit(main())
