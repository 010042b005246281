"""Start-up time of the commands a pre-commit hook or a shell runs many times.

Usage: python bench/startup.py [--runs 15]

Times `refmerge --version`, `refmerge check one.bib` (a one-entry file) and
`refmerge format --check one.bib` as separate processes next to `python -c pass` with
the same interpreter, and prints the best and median wall time of each and its ratio to
the bare interpreter (target: <= 0.25 s for `--version` and `check`). The runs take turns
so that load on a shared machine falls on all of them alike; the best of several runs is
the figure least disturbed by other work. It also lists the heavy packages each command
imports (rich, pylatexenc, textual, crfsuite, pydantic, bibtexparser).

The modules are byte-compiled first (`compileall`), as `pip install` does: from an
editable install, or where PYTHONDONTWRITEBYTECODE is set, each run would otherwise
compile refmerge's sources again (about 0.05 s of CPU per `check`), which no installed
copy pays. `--as-is` skips that step.
"""

from __future__ import annotations

import argparse
import compileall
import importlib
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ONE_ENTRY = """@article{doe2020,
  author = {Doe, Jane and Roe, Richard},
  title = {A Title of Some Length},
  journal = {Journal of Examples},
  volume = {3},
  pages = {1--10},
  year = {2020},
  doi = {10.1234/example.1}
}
"""

HEAVY = ("rich", "pylatexenc", "textual", "pycrfsuite", "crfsuite", "pydantic", "bibtexparser")

_IMPORTS = """
import runpy, sys
sys.argv = sys.argv[1:]
try:
    runpy.run_module("refmerge.cli", run_name="__main__")
except SystemExit:
    pass
heavy = sorted({m.split(".")[0] for m in sys.modules} & set(sys.argv[0].split(",")))
print("HEAVY:" + ",".join(heavy), file=sys.stderr)
"""


def wall(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def heavy_imports(args: list[str]) -> str:
    """The heavy top-level packages loaded by `refmerge ARGS` (run in-process by runpy)."""
    out = subprocess.run(
        [sys.executable, "-c", _IMPORTS, ",".join(HEAVY), *args],
        capture_output=True,
        text=True,
        check=False,
    )
    marked = [x for x in out.stderr.splitlines() if x.startswith("HEAVY:")]
    return marked[-1][len("HEAVY:") :] if marked else "?"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--as-is", action="store_true", help="do not byte-compile refmerge first")
    args = parser.parse_args()
    refmerge = str(Path(sys.executable).with_name("refmerge"))
    if not args.as_is:
        for name in ("refmerge.cli", "refmerge.dedupe", "refmerge.refs"):
            for folder in importlib.import_module(name).__path__:
                compileall.compile_dir(folder, quiet=1)
    with tempfile.TemporaryDirectory() as tmp:
        one = Path(tmp) / "one.bib"
        one.write_text(ONE_ENTRY, encoding="utf-8")
        commands = {
            "python -c pass": [sys.executable, "-c", "pass"],
            "refmerge --version": [refmerge, "--version"],
            "refmerge check one.bib": [refmerge, "check", str(one)],
            "refmerge format --check one.bib": [refmerge, "format", "--check", str(one)],
        }
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, cmd in commands.items():
                times[name].append(wall(cmd))
        base = min(times["python -c pass"])
        compiled = "sources as they are" if args.as_is else "byte-compiled first"
        print(f"{args.runs} runs each, load {os.getloadavg()[0]:.1f}, {compiled}")
        for name, cmd in commands.items():
            best, median = min(times[name]), statistics.median(times[name])
            heavy = heavy_imports(cmd[1:]) if cmd[0] == refmerge else ""
            print(
                f"  {name:<32} best {best:6.3f} s  median {median:6.3f} s  "
                f"{best / base:5.1f}x python -c pass"
                + (f"  imports: {heavy or '(none of ' + ', '.join(HEAVY) + ')'}")
                * (cmd[0] == refmerge)
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
