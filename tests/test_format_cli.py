"""`refmerge format` as a user runs it: check, diff, in-place, stdin, and errors."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from refmerge.cli.app import app

from conftest import DATA

runner = CliRunner()


def _copy(tmp_path: Path, name: str) -> Path:
    target = tmp_path / name
    shutil.copy(DATA / "bibtex" / name, target)
    return target


def test_check_exits_1_on_messy_and_0_on_its_own_output(tmp_path: Path) -> None:
    messy = _copy(tmp_path, "messy.bib")
    result = runner.invoke(app, ["format", str(messy), "--check"])
    assert result.exit_code == 1
    assert f"would reformat {messy}" in result.stderr
    clean = tmp_path / "clean.bib"
    assert runner.invoke(app, ["format", str(messy), "-o", str(clean)]).exit_code == 0
    assert runner.invoke(app, ["format", str(clean), "--check"]).exit_code == 0


def test_in_place_rewrites_atomically_and_is_idempotent(tmp_path: Path) -> None:
    messy = _copy(tmp_path, "messy.bib")
    assert runner.invoke(app, ["format", str(messy), "--in-place"]).exit_code == 0
    once = messy.read_text()
    assert "month = mar" in once
    assert runner.invoke(app, ["format", str(messy), "--in-place"]).exit_code == 0
    assert messy.read_text() == once
    assert sorted(p.name for p in tmp_path.iterdir()) == ["messy.bib"]  # no temp files left


def test_diff_shows_the_change() -> None:
    result = runner.invoke(app, ["format", str(DATA / "bibtex" / "messy.bib"), "--diff"])
    assert result.exit_code == 0
    assert "+  month = mar," in result.stdout
    assert "-  month     = {March}," in result.stdout


def test_stdin_to_stdout() -> None:
    text = (DATA / "bibtex" / "clean.bib").read_text()
    result = runner.invoke(app, ["format", "-"], input=text)
    assert result.exit_code == 0
    assert result.stdout == text


def test_unreadable_input_exits_2_and_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "out.bib"
    broken = DATA / "bibtex" / "broken.bib"
    result = runner.invoke(app, ["format", str(broken), "-o", str(out)])
    assert result.exit_code == 2
    assert f"{broken}:7: RM101 syntax error" in result.stderr
    assert not out.exists()


def test_in_place_leaves_a_broken_file_untouched(tmp_path: Path) -> None:
    broken = _copy(tmp_path, "broken.bib")
    before = broken.read_bytes()
    assert runner.invoke(app, ["format", str(broken), "--in-place"]).exit_code == 2
    assert broken.read_bytes() == before


def test_non_utf8_input_suggests_encoding_and_encoding_option_reads_it() -> None:
    latin1 = DATA / "bibtex" / "latin1.bib"
    result = runner.invoke(app, ["format", str(latin1)])
    assert result.exit_code == 2
    assert f"{latin1}:2: RM001 not valid UTF-8" in result.stderr
    assert "--encoding" in result.stderr
    ok = runner.invoke(app, ["format", str(latin1), "--encoding", "latin-1"])
    assert ok.exit_code == 0
    assert "Café society" in ok.stdout


def test_bom_is_accepted() -> None:
    result = runner.invoke(app, ["format", str(DATA / "bibtex" / "bom.bib")])
    assert result.exit_code == 0
    assert result.stdout.startswith("@misc{Bom2020,")


def test_missing_file_is_a_clear_error() -> None:
    result = runner.invoke(app, ["format", "no/such.bib"])
    assert result.exit_code == 2
    assert "no/such.bib: RM001 no such file" in result.stderr


def test_console_script_and_module_entry_points_work() -> None:
    exe = Path(sys.executable).parent / "refmerge"
    for cmd in ([str(exe), "--help"], [sys.executable, "-m", "refmerge.cli", "--help"]):
        proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
        assert proc.returncode == 0, proc.stderr
        assert "format" in proc.stdout
