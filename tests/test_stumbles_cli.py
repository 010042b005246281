"""The stumbles a new user hits (issue 14): each as the user sees it."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from refmerge.cli.app import app
from refmerge.cli.progress import Progress

runner = CliRunner()


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _shown(bar: Progress) -> list[str]:
    out = io.StringIO()
    Console(file=out, force_terminal=False, width=120).print(bar.render())
    return [line.rstrip() for line in out.getvalue().splitlines() if line.strip()]


def test_every_stage_has_its_own_live_clock_and_counts_where_known() -> None:
    """The display a long merge draws, read at fake times: no clock ever stands still
    while its stage runs, and a finished stage keeps the time it took."""
    clock = Clock()
    bar = Progress(True, console=Console(file=io.StringIO()), get_time=clock, delay=0)
    bar.stage("reading", 4)
    bar.advance()
    clock.now += 5
    (reading,) = _shown(bar)
    assert "reading" in reading and "1/4" in reading and "0:00:05" in reading
    bar.advance(3)
    bar.stage("finding duplicates among 50,000 records", None)
    for seconds in (7, 20, 37):  # the old display froze at 0:00:07 from here on
        clock.now = 1005.0 + seconds
        lines = _shown(bar)
        assert "4/4" in lines[0] and "0:00:05" in lines[0]  # done: its time stays
        assert "finding duplicates" in lines[1] and f"0:00:{seconds:02d}" in lines[1]
    bar.stage("merging", None)
    clock.now += 8
    lines = _shown(bar)
    assert len(lines) == 3 and "merging" in lines[2] and "0:00:08" in lines[2]
    bar.close()


def _bib(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


ONE = """@article{okafor2019,
  author = {Okafor, Amara},
  title = {Tidal patterns of invented estuaries},
  journal = {Journal of Made-up Coasts},
  year = {2019}
}
"""


def test_counts_read_as_english(tmp_path: Path) -> None:
    path = _bib(tmp_path, "one.bib", ONE)
    result = runner.invoke(app, ["merge", str(path)])
    assert "1 record in, 1 out, 0 merged in 0 groups, 0 pairs for review" in result.stderr
    result = runner.invoke(app, ["dupes", str(path)])
    assert "1 record: 0 duplicate groups (0 removable), 0 pairs to review, 0 version groups" in (
        result.stderr
    )


@pytest.mark.parametrize("n, word", [(1, "pair"), (2, "pairs"), (1000, "pairs")])
def test_plural(n: int, word: str) -> None:
    from refmerge.cli.report import plural

    assert plural(n, "pair") == f"{n:,} {word}"
