"""Wall time of `refmerge check` on the 5,020-entry ACL Anthology file (target: < 3 s).

Usage: python bench/check_speed.py [--file PATH] [--runs 3]

The headline figure is the whole command in a fresh process (start-up, reading,
field checks, duplicate engine, output), the median of several runs. A second
table splits one in-process run into its stages so a slow stage is easy to spot.
Machines here are shared and noisy: rerun before trusting a small change.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_FILE = (
    HERE.parent.parent / "shared" / "corpus" / "bib" / "real" / "jgrey_acl_anthology_1-20.bib"
)
TARGET_SECONDS = 3.0


def command_seconds(path: Path, runs: int) -> tuple[float, float, int]:
    """Median wall and CPU seconds (user + system) of the command in a fresh process."""
    refmerge = Path(sys.executable).parent / "refmerge"
    command = [str(refmerge), "check", str(path), "--quiet", "--format", "json"]
    walls, cpus = [], []
    code = 0
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        code = subprocess.run(command, stdout=subprocess.DEVNULL, check=False).returncode
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(walls), statistics.median(cpus), code


def stage_seconds(path: Path) -> list[tuple[str, float, str]]:
    from refmerge.cli.config import Settings
    from refmerge.dedupe.engine import find_duplicates
    from refmerge.refs.checks.rules import check_library
    from refmerge.refs.library import read_inputs

    rows = []
    start = time.perf_counter()
    (inp,) = read_inputs([str(path)], "bibtex", keep_text=True).inputs  # as `check` reads it
    lib, name, text = inp.library, inp.name, inp.text or ""
    rows.append(("read + parse", time.perf_counter() - start, f"{len(lib.references)} entries"))
    start = time.perf_counter()
    diags = check_library(lib, name, text)
    rows.append(("field checks", time.perf_counter() - start, f"{len(diags)} diagnostics"))
    start = time.perf_counter()
    result = find_duplicates(lib.references, Settings().policy())
    found = f"{len(result.groups)} groups, {len(result.review)} review pairs"
    rows.append(("duplicate engine", time.perf_counter() - start, found))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--file", type=Path, default=DEFAULT_FILE)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if not args.file.exists():
        print(f"{args.file} is missing (the shared corpus sits beside the repository)")
        return 2
    seconds, cpu, code = command_seconds(args.file, args.runs)
    verdict = "ok" if seconds < TARGET_SECONDS else "SLOWER THAN TARGET"
    print(f"refmerge check {args.file.name}: {seconds:.2f} s median of {args.runs} runs")
    print(f"  CPU {cpu:.2f} s (wall well above CPU means the machine is busy: rerun)")
    print(f"  exit code {code}; target < {TARGET_SECONDS:.0f} s: {verdict}")
    print("stages (one in-process run):")
    for stage, secs, what in stage_seconds(args.file):
        print(f"  {stage:<18} {secs:6.2f} s  {what}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
