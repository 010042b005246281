"""Speed and peak memory of `refmerge format` (and, if installed, bibtex-tidy) on real and large files.

Usage: python bench/format_speed.py [--entries 20000] [--bibtex-tidy PATH_TO_CLI]

Each run is a separate process; peak memory is that process tree's max RSS.
Machines here are shared and noisy: compare the ratios printed in one run.
"""

from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
REAL = REPO.parent / "shared" / "corpus" / "bib" / "real"

_MEASURE = """
import resource, subprocess, sys, time
start = time.perf_counter()
proc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
elapsed = time.perf_counter() - start
print(proc.returncode, elapsed, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""

WORDS = (
    "adaptive bayesian coastal dynamics efficient fog graph harvest inference kernel lattice "
    "model network ovine protocol quantum robust sparse tidal uncertainty variational wavelet"
).split()
SURNAMES = (
    "Aster Bloom Castell Duarte Eklund Fosas Grieve Haile Ito Janssen Kowal Lindqvist".split()
)
GIVEN = "Anna Bo Carla Dawit Émile Fatima Goran Hana Ivo Jun Kofi Lea".split()


def generate(path: Path, n: int, seed: int = 7) -> None:
    """A realistic messy library: mixed case fields, URLs as DOIs, single-dash pages, abstracts."""
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            authors = " and ".join(
                f"{rng.choice(GIVEN)} {rng.choice(SURNAMES)}" for _ in range(rng.randint(1, 6))
            )
            title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(5, 12))).capitalize()
            abstract = " ".join(rng.choice(WORDS) for _ in range(rng.randint(40, 160)))
            first = rng.randint(1, 900)
            out.write(
                f"@Article{{key{i},\n  Author = {{{authors}}},\n  Title = {{{title}}},\n"
                f'  Journal = "Journal of {rng.choice(WORDS).title()} Studies",\n'
                f"  Year = {rng.randint(1990, 2024)}, Volume = {rng.randint(1, 80)},\n"
                f"  Pages = {{{first}-{first + rng.randint(3, 30)}}},\n"
                f"  month = {{{rng.choice(['January', 'mar', '7', 'Dec'])}}},\n"
                f"  DOI = {{https://doi.org/10.5555/bench.{i}}},\n"
                f"  abstract = {{{abstract}}}\n}}\n\n"
            )


def measure(cmd: list[str]) -> tuple[int, float, float]:
    out = subprocess.run(
        [sys.executable, "-c", _MEASURE, *cmd], capture_output=True, text=True, check=True
    ).stdout.split()
    return int(out[0]), float(out[1]), int(out[2]) / 1024


def count_entries(path: Path) -> int:
    return sum(
        1
        for line in path.open(encoding="utf-8", errors="replace")
        if line.lstrip().startswith("@")
        and not line.lstrip().lower().startswith(("@string", "@comment", "@preamble"))
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=20_000)
    parser.add_argument("--bibtex-tidy", help="path of bibtex-tidy's cli (node script) to compare")
    args = parser.parse_args()
    refmerge = shutil.which("refmerge") or str(Path(sys.executable).parent / "refmerge")
    files = sorted(REAL.glob("*.bib")) if REAL.exists() else []
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / f"generated-{args.entries}.bib"
        generate(big, args.entries)
        files.append(big)
        print(
            f"{'file':44} {'entries':>8} {'tool':12} {'seconds':>8} {'entries/s':>10} {'peak MB':>8}"
        )
        for path in files:
            n = count_entries(path)
            tools = [("refmerge", [refmerge, "format", str(path)])]
            if args.bibtex_tidy:
                copy = Path(tmp) / f"tidy-{path.name}"
                shutil.copy(path, copy)
                tools.append(("bibtex-tidy", ["node", args.bibtex_tidy, str(copy), "--modify"]))
            for tool, cmd in tools:
                rc, seconds, peak = measure(cmd)
                note = "" if rc == 0 else f"  (exit {rc})"
                print(
                    f"{path.name[:44]:44} {n:8d} {tool:12} {seconds:8.2f} "
                    f"{n / seconds:10.0f} {peak:8.0f}{note}"
                )


if __name__ == "__main__":
    main()
