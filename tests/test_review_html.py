"""`refmerge dupes --format html`: one self-contained page, checked in a real browser
(Debian's chromium, headless: the DOM after its script ran, and a screenshot)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from refmerge.cli.app import app

from conftest import DATA, tool_or_skip

LIB = DATA / "review" / "library.bib"


@pytest.fixture
def report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copy(LIB, tmp_path / "library.bib")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(
        app, ["dupes", "library.bib", "--format", "html", "-o", "report.html"]
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == ""  # the page went to the file
    return tmp_path / "report.html"


def test_the_page_needs_nothing_from_outside(report: Path) -> None:
    page = report.read_text(encoding="utf-8")
    assert not re.search(r"""(?:src|href)\s*=|@import|url\(|https?://""", page)
    assert "@media print" in page  # filters hidden, every item shown when printed
    assert "<script>" in page and "<style>" in page


def test_the_page_is_the_same_for_the_same_input(report: Path) -> None:
    first = report.read_text(encoding="utf-8")
    CliRunner().invoke(app, ["dupes", "library.bib", "--format", "html", "-o", "again.html"])
    assert (report.parent / "again.html").read_text(encoding="utf-8") == first


def _chromium(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    browser = tool_or_skip("chromium")
    return subprocess.run(
        [
            browser,
            "--headless",
            "--no-sandbox",  # CI runs as root
            "--disable-gpu",
            f"--user-data-dir={cwd / 'profile'}",
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=90,
        cwd=cwd,
        check=False,
    )


def test_a_browser_shows_the_groups_pairs_and_counts(report: Path) -> None:
    url = report.as_uri()
    dom = _chromium("--dump-dom", url, cwd=report.parent)
    assert dom.returncode == 0, dom.stderr[-2000:]
    html = dom.stdout
    sections = re.findall(r'<section class="item kind-(\w+)[^"]*"', html)
    assert sections == ["group", "version", "review", "review", "review", "review"]
    for key in ("fairweather2020copy", "eliasson2021arxiv", "dunmore2017cat", "library.bib:90"):
        assert key in html
    assert '<span id="shown">6</span>' in html  # the inline script ran: all six shown
    assert re.search(r'<tr class="differs"><td class="field">title</td>', html)
    shot = report.parent / "report.png"
    run = _chromium(f"--screenshot={shot}", "--window-size=1200,1600", url, cwd=report.parent)
    assert run.returncode == 0, run.stderr[-2000:]
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000
