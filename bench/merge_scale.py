"""End-to-end `refmerge merge` on large synthetic BibTeX files: read, dedupe, merge, write.

Usage: python bench/merge_scale.py [--sizes 10000,100000] [--dup-rate 0.3] [--seed 1]

The records are bench/scale.py's (known duplicate groups with realistic damage), written
as one .bib file; `refmerge merge FILE -o OUT` then runs as its own process, so the wall
time and peak memory are what a user sees. Prints entries in and out against the number
of true works, and whether merging the output again changes nothing (idempotence).
Machines here are shared and noisy: compare the ratios printed in one run.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from scale import build

from refmerge.refs.writer import format_blocks

_MEASURE = """
import resource, subprocess, sys, time
start = time.perf_counter()
proc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
elapsed = time.perf_counter() - start
sys.stderr.write(proc.stderr[-2000:])
print(proc.returncode, elapsed, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def measure(cmd: list[str]) -> tuple[int, float, float]:
    """(exit code, wall seconds, peak RSS MB) of one process."""
    out = subprocess.run(
        [sys.executable, "-c", _MEASURE, *cmd], capture_output=True, text=True, check=True
    )
    code, seconds, rss_kb = out.stdout.split()
    if int(code):
        sys.stderr.write(out.stderr)
    return int(code), float(seconds), int(rss_kb) / 1024


def entries(path: Path) -> int:
    with path.open(encoding="utf-8") as handle:
        return sum(1 for line in handle if line.startswith("@"))


def run(size: int, dup_rate: float, seed: int, workdir: Path) -> float:
    t0 = time.perf_counter()
    refs, truth = build(size, dup_rate, seed)
    works = len(set(truth.values())) + sum(1 for r in refs if r.key not in truth)
    source = workdir / f"in-{size}.bib"
    source.write_text(format_blocks(refs), encoding="utf-8")
    del refs
    gen = time.perf_counter() - t0
    out = workdir / f"out-{size}.bib"
    again = workdir / f"again-{size}.bib"
    refmerge = str(Path(sys.executable).with_name("refmerge"))
    code, seconds, rss = measure([refmerge, "merge", str(source), "-o", str(out), "-q"])
    _, seconds2, _ = measure([refmerge, "merge", str(out), "-o", str(again), "-q"])
    same = out.read_bytes() == again.read_bytes()
    print(
        f"{size:>9,} entries  generate {gen:6.1f} s  merge {seconds:7.1f} s  peak RSS "
        f"{rss:7.0f} MB  exit {code}  out {entries(out):,} (true works {works:,})  "
        f"re-merge {seconds2:6.1f} s, {'unchanged' if same else 'CHANGED'}  "
        f"load {os.getloadavg()[0]:.1f}",
        flush=True,
    )
    for path in (source, out, again):
        path.unlink()
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--dup-rate", type=float, default=0.3)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s]
    with tempfile.TemporaryDirectory() as tmp:
        times = [run(size, args.dup_rate, args.seed, Path(tmp)) for size in sizes]
    for k in range(1, len(sizes)):
        n1, n2, t1, t2 = sizes[k - 1], sizes[k], times[k - 1], times[k]
        print(f"{n2 / n1:.0f}x entries ({n1:,} -> {n2:,}): {t2 / t1:.1f}x wall time")
    return 0


if __name__ == "__main__":
    sys.exit(main())
