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


def _biblatex_library(n_video: int, n_article: int) -> str:
    videos = [
        f"@video{{v{i}, author = {{Author{i}, A.}}, title = {{Invented video {i}}}, "
        f"date = {{2020-01-0{i % 9 + 1}}}, url = {{https://example.org/{i}}}}}"
        for i in range(n_video)
    ]
    articles = [
        f"@article{{a{i}, author = {{Writer{i}, B.}}, title = {{Invented paper {i}}}, year = {{2001}}}}"
        for i in range(n_article)
    ]
    return "\n".join(videos + articles) + "\n"


def test_check_detects_biblatex_and_says_so_once(tmp_path: Path) -> None:
    path = _bib(tmp_path, "lib.bib", _biblatex_library(30, 5))
    result = runner.invoke(app, ["check", str(path)])
    assert result.stderr.count("as biblatex") == 1
    assert "30 of 35 entries use biblatex's @video, date" in result.stderr
    assert "RM310" not in result.stdout  # @video is no unknown type in biblatex
    forced = runner.invoke(app, ["check", str(path), "--bibtex"])
    assert "as biblatex" not in forced.stderr and "RM310" in forced.stdout


def test_check_sees_biblatex_in_the_project(tmp_path: Path) -> None:
    path = _bib(tmp_path, "refs.bib", _biblatex_library(0, 3))
    (tmp_path / "paper.tex").write_text(
        "\\documentclass{article}\n\\usepackage[style=apa]{biblatex}\n", encoding="utf-8"
    )
    result = runner.invoke(app, ["check", str(path)])
    assert "as biblatex (paper.tex loads biblatex)" in result.stderr


def test_check_default_output_is_short_with_counts_per_code(tmp_path: Path) -> None:
    path = _bib(tmp_path, "lib.bib", _biblatex_library(45, 0))
    result = runner.invoke(app, ["check", str(path), "--bibtex"])
    assert result.stdout.count(": RM310 ") == 20
    assert "45 RM310" in result.stderr and "25 not shown; --show-all lists them" in result.stderr
    everything = runner.invoke(app, ["check", str(path), "--bibtex", "--show-all"])
    assert everything.stdout.count(": RM310 ") == 45
    as_json = runner.invoke(app, ["check", str(path), "--bibtex", "--format", "json"])
    assert as_json.stdout.count('"RM310"') == 45


MESSY = "@article{a, title={Invented}, author={Okafor, Amara}, journal={J}, year=2000}\n"


def test_check_fix_says_what_it_fixed_and_diff_shows_it_first(tmp_path: Path) -> None:
    path = _bib(tmp_path, "messy.bib", MESSY + MESSY)
    shown = runner.invoke(app, ["check", str(path), "--diff"])
    assert "+++ " in shown.stdout and "+  author = {Okafor, Amara}," in shown.stdout
    assert path.read_text(encoding="utf-8") == MESSY + MESSY  # --diff alone writes nothing
    fixed = runner.invoke(app, ["check", str(path), "--fix"])
    assert "messy.bib: fixed: rewrote it in the house style" in fixed.stderr
    assert "dropped 1 exact copy" in fixed.stderr
    again = runner.invoke(app, ["check", str(path), "--fix"])
    assert "messy.bib: nothing to fix (already clean)" in again.stderr


def test_check_fix_says_why_it_left_a_broken_file_alone(tmp_path: Path) -> None:
    path = _bib(tmp_path, "broken.bib", MESSY + "@article{b, title = {never closed,\n")
    before = path.read_bytes()
    result = runner.invoke(app, ["check", str(path), "--fix"])
    assert "broken.bib: not fixed: RM101 at line 2" in result.stderr
    assert "fix it by hand first" in result.stderr
    assert path.read_bytes() == before


def test_the_merge_report_shows_fields_as_written(tmp_path: Path) -> None:
    """`month = {March}` and a DOI URL are written `mar` and bare: the report says so."""
    a = _bib(
        tmp_path,
        "a.bib",
        "@article{okafor2019,\n  author = {Okafor, Amara},\n"
        "  title = {Tidal patterns of invented estuaries},\n"
        "  journal = {Journal of Made-up Coasts},\n  year = {2019},\n  month = {March},\n"
        "  doi = {https://doi.org/10.5555/tides.2019.1}\n}\n",
    )
    b = _bib(
        tmp_path,
        "b.bib",
        "@article{okafor2019tidal,\n  author = {Okafor, A.},\n"
        "  title = {Tidal Patterns of Invented Estuaries},\n"
        "  journal = {Journal of Made-up Coasts},\n  year = {2019},\n"
        "  doi = {10.5555/tides.2019.1}\n}\n",
    )
    out, report = tmp_path / "out.bib", tmp_path / "r.json"
    result = runner.invoke(app, ["merge", str(a), str(b), "-o", str(out), "--report", str(report)])
    assert result.exit_code == 0, result.stderr
    import json

    written = out.read_text(encoding="utf-8")
    assert "month = mar" in written and "doi = {10.5555/tides.2019.1}" in written
    (record,) = [r for r in json.loads(report.read_text())["records"] if "fields" in r]
    fields = {name: f["value"] for name, f in record["fields"].items()}
    assert fields["month"] == "mar"
    assert fields["doi"] == "10.5555/tides.2019.1"
    assert "March" not in json.dumps(record["fields"]) and "doi.org" not in json.dumps(
        record["fields"]
    )


@pytest.mark.parametrize(
    "text, line, words",
    [
        (  # a value missing its '}' swallows the next field
            MESSY + "\n@article{b,\n  title = {never closed,\n  year = 2020\n}\n",
            4,
            "the '{' at line 4, column 11 (the value of field 'title'; field 'year' starts "
            "inside it) is never closed",
        ),
        (  # the entry's own closing brace is missing
            "@article{b,\n  title = {closed},\n  year = 2020\n",
            1,
            "the '{' at line 1, column 9 (the entry itself: its final '}' is missing)",
        ),
    ],
    ids=["value", "entry"],
)
def test_rm101_points_at_the_unclosed_brace_in_our_words(
    tmp_path: Path, text: str, line: int, words: str
) -> None:
    path = _bib(tmp_path, "broken.bib", text)
    result = runner.invoke(app, ["check", str(path)])
    (diag,) = [x for x in result.stdout.splitlines() if ": RM101 " in x]
    assert diag.startswith(f"{path}:{line}:") and words in diag
    assert "Unexpectedly" not in diag  # bibtexparser's words
    merged = runner.invoke(app, ["merge", str(path)])
    assert merged.exit_code == 2 and f"{path}:{line}: RM101 syntax error: the '{{'" in (
        merged.stderr
    )
