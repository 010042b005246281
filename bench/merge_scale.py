"""End-to-end `refmerge merge` on large synthetic BibTeX files: read, dedupe, merge, write.

Usage: python bench/merge_scale.py [--sizes 10000,100000] [--dup-rate 0.3] [--seed 1] [--no-again]
                                   [--phases]

The records are bench/scale.py's (known duplicate groups with realistic damage), written
as one .bib file; `refmerge merge FILE -o OUT` then runs as its own process, so the wall
time and peak memory are what a user sees. Prints entries in and out against the number
of true works, and whether merging the output again changes nothing (idempotence).
Machines here are shared and noisy: compare the ratios printed in one run.

`--phases` then runs the same steps as `merge` in one more process, phase by phase (read,
match keys, first pass, second look and merging, keys and layout, writing), and prints each
phase's wall time, CPU time (both processes where a phase uses two) and the peak memory so
far: where the time of a large merge goes.
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

from scale import add_size_options, build, parse_sizes, print_ratios

from refmerge.refs.formats.bibtex_writer import format_blocks

_MEASURE = """
import resource, subprocess, sys, time
start = time.perf_counter()
proc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
elapsed = time.perf_counter() - start
sys.stderr.write(proc.stderr[-2000:])
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(proc.returncode, elapsed, usage.ru_maxrss, usage.ru_utime + usage.ru_stime)
"""


def measure_cpu(cmd: list[str]) -> tuple[int, float, float, float]:
    """(exit code, wall seconds, peak RSS MB, CPU seconds) of one process.

    CPU time is printed next to wall time because these machines are shared: under load
    the wall time of a one-thread process is mostly waiting for a core.
    """
    out = subprocess.run(
        [sys.executable, "-c", _MEASURE, *cmd], capture_output=True, text=True, check=True
    )
    code, seconds, rss_kb, cpu = out.stdout.split()
    if int(code):
        sys.stderr.write(out.stderr)
    return int(code), float(seconds), int(rss_kb) / 1024, float(cpu)


_PHASES = """
import resource, sys, time
from refmerge.dedupe import pipeline as P
from refmerge.refs.bulk import paused_gc
from refmerge.refs.formats.registry import WRITERS
from refmerge.refs.library import by_content_or_extension, read_inputs


def cpu():
    own, children = (resource.getrusage(w) for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


last = [time.perf_counter(), cpu()]


def done(name):
    now, used = time.perf_counter(), cpu()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"  {name:<22} wall {now - last[0]:7.1f} s  CPU {used - last[1]:7.1f} s  peak {peak:7.0f} MB")
    last[:] = [now, used]


with paused_gc():  # as `refmerge merge` does
    bib = read_inputs([sys.argv[1]], by_content_or_extension)
    done("read")
    inputs, refs = list(bib.inputs), bib.references
    settings = P.MergeSettings()
    policy = settings.policy()
    keys = P.all_match_keys(refs)
    done("match keys")
    result = P.find_duplicates(refs, policy, keys)
    done("first pass")
    apart = P._apart(result, policy.merge_versions)
    settled, merged = P.merge_settled(refs, result.groups, P._priorities(inputs), policy, apart, keys)
    done("second look + merging")
    del keys
    plan = P.assign_keys(merged, refs, settings.key_template, settings.ids)
    P.link_versions(merged, [g.members for g in result.versions], P.uses_biblatex(refs))
    blocks, _ = P.layout(inputs, merged, refs)
    done("keys + layout")
    text = WRITERS["bibtex"].writer(blocks)
    with open(sys.argv[2], "w", encoding="utf-8") as out:
        out.write(text)
    done("writing")
"""


def phases(source: Path, out: Path) -> None:
    """Print where the time of one merge of `source` goes (see the module's docstring)."""
    subprocess.run([sys.executable, "-c", _PHASES, str(source), str(out)], check=True)


def measure(cmd: list[str]) -> tuple[int, float, float]:
    """(exit code, wall seconds, peak RSS MB) of one process."""
    code, seconds, rss, _ = measure_cpu(cmd)
    return code, seconds, rss


def entries(path: Path) -> int:
    with path.open(encoding="utf-8") as handle:
        return sum(1 for line in handle if line.startswith("@"))


def run(
    size: int,
    dup_rate: float,
    seed: int,
    workdir: Path,
    keep: Path | None = None,
    again: bool = True,
    show_phases: bool = False,
) -> tuple[float, float]:
    t0 = time.perf_counter()
    refs, truth = build(size, dup_rate, seed)
    works = len(set(truth.values())) + sum(1 for r in refs if r.key not in truth)
    source = workdir / f"in-{size}.bib"
    source.write_text(format_blocks(refs), encoding="utf-8")
    del refs
    gen = time.perf_counter() - t0
    out = workdir / f"out-{size}.bib"
    out_again = workdir / f"again-{size}.bib"
    refmerge = str(Path(sys.executable).with_name("refmerge"))
    code, seconds, rss, cpu = measure_cpu([refmerge, "merge", str(source), "-o", str(out), "-q"])
    line = (
        f"{size:>9,} entries  generate {gen:6.1f} s  merge {seconds:7.1f} s (CPU {cpu:7.1f} s)  "
        f"peak RSS {rss:7.0f} MB  exit {code}  out {entries(out):,} (true works {works:,})"
    )
    same = True
    if again:
        _, seconds2, _ = measure([refmerge, "merge", str(out), "-o", str(out_again), "-q"])
        same = out.read_bytes() == out_again.read_bytes()
        line += f"  re-merge {seconds2:6.1f} s, {'unchanged' if same else 'CHANGED'}"
    print(f"{line}  load {os.getloadavg()[0]:.1f}", flush=True)
    if show_phases:
        phases(source, out_again)
    if not same and keep:
        for path in (source, out, out_again):
            path.replace(keep / path.name)
        print(f"  kept {source.name}, {out.name}, {out_again.name} in {keep}", flush=True)
    for path in (source, out, out_again):
        path.unlink(missing_ok=True)
    return seconds, cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_size_options(parser, "10000,100000")
    parser.add_argument(
        "--keep", type=Path, help="keep the files here when re-merging changes them"
    )
    parser.add_argument(
        "--no-again", action="store_true", help="skip merging the output again (half the time)"
    )
    parser.add_argument(
        "--phases", action="store_true", help="then time each phase of one more merge"
    )
    args = parser.parse_args()
    sizes = parse_sizes(args.sizes)
    with tempfile.TemporaryDirectory() as tmp:
        times = [
            run(
                size,
                args.dup_rate,
                args.seed,
                Path(tmp),
                args.keep,
                not args.no_again,
                args.phases,
            )
            for size in sizes
        ]
    print_ratios(sizes, [wall for wall, _ in times], "entries", "wall time")
    print_ratios(sizes, [cpu for _, cpu in times], "entries", "CPU time")
    return 0


if __name__ == "__main__":
    sys.exit(main())
