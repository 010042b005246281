"""Coverage-guided fuzzing (atheris, libFuzzer) of the format sniffer and every reader.

Usage:
    pip install atheris
    python bench/fuzz.py                      # every target, 30 s each
    python bench/fuzz.py --seconds 120 ris    # one target, longer
    python bench/fuzz.py --list

Each target runs in its own process (libFuzzer owns the process it fuzzes), seeded with
the test fixtures of its format (tests/data), and fails on any exception other than
`InputError` (an input refmerge refuses in words). The promise is the one the CLI makes:
whatever the bytes, a reader returns a Library with diagnostics or raises InputError, never
a traceback. Per target the report gives executions, executions per second and crashes;
a crash leaves its input in bench/fuzz-crashes/<target>/ -- turn each into a regular test
(tests/test_fuzz_findings.py) before fixing it. Not part of CI's default run: it takes
minutes and its findings are what CI keeps.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "tests" / "data"
CRASHES = REPO / "bench" / "fuzz-crashes"

# Seed files per target, by extension (the sniffer gets all of them).
SEEDS = {
    "bibtex": (".bib",),
    "csv": (".csv",),
    "ris": (".ris",),
    "medline": (".nbib", ".txt"),
    "wos": (".ciw", ".txt"),
    "endnote-xml": (".xml",),
    "scopus": (".csv",),
    "csl-json": (".json",),
    "text": (".txt",),
}
MAX_SEED_BYTES = 64 * 1024


def targets() -> list[str]:
    from refmerge.refs.formats.registry import FORMATS

    return ["sniff", *FORMATS]


def _seed_corpus(target: str, folder: Path) -> int:
    suffixes = (
        tuple(s for t, ss in SEEDS.items() for s in ss) if target == "sniff" else SEEDS[target]
    )
    n = 0
    for path in sorted(DATA.rglob("*")):
        if path.is_file() and path.suffix in suffixes and path.stat().st_size <= MAX_SEED_BYTES:
            (folder / f"seed{n}").write_bytes(path.read_bytes())
            n += 1
    return n


def _run_one(target: str) -> None:
    """The child: fuzz one target until libFuzzer's time budget ends."""
    import atheris

    with atheris.instrument_imports():
        from refmerge.refs.formats.registry import FORMATS, detect_format
        from refmerge.refs.formats.sources import decode
        from refmerge.refs.model import InputError

    def one(data: bytes) -> None:
        try:
            text = decode(data, "fuzz")
            if target == "sniff":
                detect_format(text, "fuzz")
            else:
                FORMATS[target].reader(text, "fuzz")
        except InputError:
            pass

    atheris.Setup(sys.argv, one)
    atheris.Fuzz()


def _fuzz(target: str, seconds: int) -> dict[str, object]:
    crash_dir = CRASHES / target
    crash_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as corpus:
        seeds = _seed_corpus(target, Path(corpus))
        command = [
            sys.executable,
            __file__,
            "--child",
            target,
            f"-max_total_time={seconds}",
            "-rss_limit_mb=4096",
            "-timeout=20",
            f"-artifact_prefix={crash_dir}/",
            "-print_final_stats=1",
            corpus,
        ]
        started = time.monotonic()
        proc = subprocess.run(command, capture_output=True, text=True, check=False)
        elapsed = time.monotonic() - started
    log = proc.stderr
    runs = re.findall(r"stat::number_of_executed_units:\s*(\d+)", log) or re.findall(
        r"Done (\d+) runs", log
    )
    crashes = sorted(p.name for p in crash_dir.iterdir())
    if not crashes:
        crash_dir.rmdir()
    return {
        "target": target,
        "seeds": seeds,
        "executions": int(runs[-1]) if runs else 0,
        "seconds": round(elapsed, 1),
        "crashes": crashes,
        "exit": proc.returncode,
        "tail": "" if proc.returncode == 0 else "\n".join(log.splitlines()[-25:]),
    }


def main() -> int:
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        target = sys.argv.pop(2)
        sys.argv.pop(1)
        _run_one(target)
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("targets", nargs="*", help="sniff and/or format names (default: all)")
    parser.add_argument("--seconds", type=int, default=30, help="budget per target")
    parser.add_argument("--list", action="store_true", help="list the targets and exit")
    args = parser.parse_args()
    if args.list:
        print("\n".join(targets()))
        return 0
    try:
        import atheris  # noqa: F401
    except ImportError:
        print("atheris is not installed: pip install atheris", file=sys.stderr)
        return 2
    chosen = args.targets or targets()
    unknown = sorted(set(chosen) - set(targets()))
    if unknown:
        parser.error(f"unknown target(s) {', '.join(unknown)}; see --list")
    failed = 0
    print(f"{'target':<12} {'seeds':>5} {'executions':>11} {'exec/s':>7} crashes")
    for target in chosen:
        r = _fuzz(target, args.seconds)
        rate = int(r["executions"]) / max(float(r["seconds"]), 0.1)  # type: ignore[arg-type]
        crashes = r["crashes"]
        print(
            f"{target:<12} {r['seeds']:>5} {r['executions']:>11,} {rate:>7,.0f} "
            f"{len(crashes) if crashes else 0}",  # type: ignore[arg-type]
            flush=True,
        )
        if crashes or r["exit"]:
            failed += 1
            print(f"  exit {r['exit']}; inputs in {CRASHES / target}\n{r['tail']}", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    sys.exit(main())
