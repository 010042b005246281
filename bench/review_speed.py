"""Speed of `refmerge review` on a large library: how soon the screen opens, how soon the
first pair is ready, and how long each key takes to answer.

Usage: python bench/review_speed.py [--size 20000] [--grey 300] [--steps 60] [--seed 1]

The library is bench/scale.py's synthetic one (works copied with export damage) plus
`--grey` pairs made to fall in the grey zone (same people and year, a title with two
words changed) and preprint/published pairs, so there is a queue to work through.
Figures, all from one run on this machine (compare ratios, not seconds, across runs):

* `dupes` baseline: reading plus `find_duplicates`, what `refmerge dupes` does;
* screen open: from starting the command in a pseudo-terminal to textual's first frame
  (the screen opens before reading; it says it is reading and matching), and its ratio
  to `refmerge --version` (the start-up every command pays);
* first item ready: from the same start until the queue is on the screen (headless pilot),
  and its ratio to the `dupes` baseline (what review adds on top of matching);
* each step: one key (skip, decide, undo): the handler's time (the decisions file rewritten
  through a temporary file, fsync and rename, and the table redrawn), and the pilot's round
  trip (key sent until the screen is idle again, which includes textual's frame pacing and
  the pilot's own waits); median and worst of each.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import pty
import select
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from scale import build

from refmerge.cli.inputs import load_inputs
from refmerge.cli.review_cmd import prepare
from refmerge.cli.review_tui import ReviewApp
from refmerge.dedupe.engine import find_duplicates
from refmerge.refs.model import Origin, Reference


def library(size: int, grey: int, seed: int) -> list[Reference]:
    """The synthetic library plus grey-zone pairs and preprints of some works."""
    refs, _ = build(size - 2 * grey, 0.3, seed)
    extra: list[Reference] = []
    for n, ref in enumerate(refs[: 2 * grey : 2]):
        words = ref.fields["title"].split()
        if len(words) < 8:
            continue
        fields = dict(ref.fields)
        if n % 4 == 0:  # a preprint of the work
            fields = {k: fields[k] for k in ("title", "author") if k in fields}
            fields.update(
                year=str(int(ref.fields["year"]) - 1),
                eprint=f"2101.{n:05d}",
                archiveprefix="arXiv",
            )
            entry_type = "misc"
        else:  # the same people and year, two words of the title changed
            words[2], words[-2] = words[-2], "revisited"
            fields = {k: v for k, v in fields.items() if k not in ("doi", "pages", "volume")}
            fields["title"] = " ".join(words)
            entry_type = "article"
        extra.append(Reference(entry_type, f"g{n}", fields, Origin("synthetic", 0)))
    return refs + extra


def write_bib(refs: list[Reference], path: Path) -> None:
    with path.open("w", encoding="utf-8") as out:
        for r in refs:
            body = "".join(f"  {k} = {{{v}}},\n" for k, v in r.fields.items())
            out.write(f"@{r.entry_type}{{{r.key},\n{body}}}\n\n")


def baseline(path: Path) -> float:
    t0 = time.perf_counter()
    bib, _ = load_inputs([str(path)], None, None)
    find_duplicates(bib.references)
    return time.perf_counter() - t0


def _refmerge() -> str:
    return shutil.which("refmerge") or str(Path(sys.executable).parent / "refmerge")


def startup() -> float:
    """Median seconds of `refmerge --version`: Python, typer and the command modules."""
    times = []
    for _ in range(3):
        t0 = time.perf_counter()
        subprocess.run([_refmerge(), "--version"], check=True, capture_output=True)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def screen_open(path: Path, folder: Path) -> float:
    """Seconds from starting `refmerge review` on a terminal to its first frame."""
    refmerge = _refmerge()
    t0 = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:  # the child: the real command on a pseudo-terminal
        os.chdir(folder)
        os.execv(refmerge, ["refmerge", "review", str(path), "--decisions", "pty.decisions"])
    seen = b""
    opened = float("nan")
    deadline = t0 + 120
    while time.perf_counter() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.05)
        if ready:
            try:
                seen += os.read(fd, 65536)
            except OSError:
                break
            if b"reading the inputs" in seen:
                opened = time.perf_counter() - t0
                break
    os.write(fd, b"q")
    os.waitpid(pid, 0)
    os.close(fd)
    return opened


class TimedApp(ReviewApp):
    """The screen, timing each key's handler (decide or skip or undo, save, redraw)."""

    handled: list[float]

    def _timed(self, act: Callable[[], None]) -> None:
        t = time.perf_counter()
        act()
        self.handled.append(time.perf_counter() - t)

    def action_decide(self, verdict: str) -> None:
        self._timed(lambda: super(TimedApp, self).action_decide(verdict))

    def action_skip(self) -> None:
        self._timed(super().action_skip)

    def action_undo(self) -> None:
        self._timed(super().action_undo)


async def drive(
    path: Path, decisions: Path, steps: int
) -> tuple[float, list[float], list[float], int]:
    """(first item ready, handler times, round trips, queue length) with the headless pilot."""
    t0 = time.perf_counter()
    app = TimedApp(lambda: prepare([str(path)], decisions=str(decisions)))
    app.handled = []
    async with app.run_test(size=(160, 45)) as pilot:
        assert app.loading is not None
        while app.loading.is_alive():
            await asyncio.sleep(0.01)
        await pilot.pause()
        ready = time.perf_counter() - t0
        assert app.session is not None
        times = []
        keys = "sdmvu"
        for n in range(steps):
            t = time.perf_counter()
            await pilot.press(keys[n % len(keys)])
            await pilot.pause()
            times.append(time.perf_counter() - t)
        return ready, app.handled, times, len(app.session.items)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=20000)
    parser.add_argument("--grey", type=int, default=300)
    parser.add_argument("--steps", type=int, default=60)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="review-speed-"))
    try:
        path = folder / "library.bib"
        write_bib(library(args.size, args.grey, args.seed), path)
        base = baseline(path)
        start = startup()
        opened = screen_open(path, folder)
        ready, handled, times, queue = asyncio.run(
            drive(path, folder / "refmerge.decisions", args.steps)
        )
        written = (folder / "refmerge.decisions").read_text(encoding="utf-8").count("#@")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    ms = sorted(t * 1000 for t in times)
    hs = sorted(t * 1000 for t in handled)
    print(f"{args.size:,} records, {queue} items to review; load {os.getloadavg()[0]:.1f}")
    print(f"dupes baseline (read + match):   {base:6.2f} s")
    print(f"refmerge --version:              {start:6.2f} s")
    print(
        f"screen open (command start):     {opened:6.2f} s   = {opened / start:.2f}x --version; "
        "target < 2 s"
    )
    print(f"first item ready:                {ready:6.2f} s   = {ready / base:.2f}x dupes")
    print(f"each step ({len(ms)} keys, {written} decisions in the file at the end):")
    print(
        f"  handler (save + redraw):       median {statistics.median(hs):.0f} ms, worst {hs[-1]:.0f} ms"
    )
    print(
        f"  pilot round trip:              median {statistics.median(ms):.0f} ms, worst {ms[-1]:.0f} ms"
    )
    return 0 if opened < 2.0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
