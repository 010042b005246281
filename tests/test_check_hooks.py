"""The pre-commit hooks and the GitHub Action run as their hosts run them."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import DATA, REPO

BIN = Path(sys.executable).parent  # where the installed `refmerge` script lives
ENV = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}


def _load_yaml(path: Path) -> object:
    yaml = pytest.importorskip("yaml")  # PyYAML comes with pybtex, a test dependency
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _hooks() -> dict[str, dict]:
    hooks = _load_yaml(REPO / ".pre-commit-hooks.yaml")
    assert isinstance(hooks, list)
    return {h["id"]: h for h in hooks}


def _run_hook(hook: dict, files: list[Path]) -> subprocess.CompletedProcess[str]:
    """What pre-commit does for a `language: python` hook: entry + args + the staged files."""
    import re

    pattern = re.compile(hook["files"])
    matched = [str(f) for f in files if pattern.search(f.name)]
    command = [*shlex.split(hook["entry"]), *hook.get("args", []), *matched]
    return subprocess.run(command, capture_output=True, text=True, env=ENV, timeout=120)


def test_hook_definitions_name_both_hooks() -> None:
    hooks = _hooks()
    assert set(hooks) == {"refmerge-check", "refmerge-format"}
    for hook in hooks.values():
        assert hook["language"] == "python"
        assert shutil.which(shlex.split(hook["entry"])[0], path=ENV["PATH"])


def test_check_hook_passes_clean_files_and_fails_on_duplicates(tmp_path: Path) -> None:
    hook = _hooks()["refmerge-check"]
    clean = tmp_path / "clean.bib"
    dupes = tmp_path / "dupes.bib"
    shutil.copy(DATA / "check" / "clean.bib", clean)
    shutil.copy(DATA / "check" / "dupes.bib", dupes)
    notes = tmp_path / "notes.txt"
    notes.write_text("not a bibliography")
    assert _run_hook(hook, [clean, notes]).returncode == 0
    failed = _run_hook(hook, [clean, dupes])
    assert failed.returncode == 1
    assert f"{dupes}:31:10: RM201 'milazzo2017z' duplicates 'milazzo2017'" in failed.stdout


def test_format_hook_rewrites_messy_files_so_pre_commit_stops_the_commit(tmp_path: Path) -> None:
    hook = _hooks()["refmerge-format"]
    messy = tmp_path / "messy.bib"
    messy.write_text("@ARTICLE{x, Author={B, A}, Title={T}, Journal={J}, Year=2019, Pages={1-2}}\n")
    before = messy.read_text()
    assert _run_hook(hook, [messy]).returncode == 0
    after = messy.read_text()
    assert after != before and "pages = {1--2}" in after  # changed file: pre-commit fails
    assert _run_hook(hook, [messy]).returncode == 0
    assert messy.read_text() == after  # second run: nothing to do, the commit goes through


def _action_script() -> str:
    action = _load_yaml(REPO / "action.yml")
    assert isinstance(action, dict) and action["runs"]["using"] == "composite"
    steps = action["runs"]["steps"]
    [check_step] = [s for s in steps if "refmerge check" in s.get("run", "")]
    return check_step["run"]


@pytest.mark.skipif(shutil.which("bash") is None, reason="the action's step runs in bash")
def test_action_step_annotates_and_fails_on_errors(tmp_path: Path) -> None:
    (tmp_path / "paper").mkdir()
    shutil.copy(DATA / "check" / "dupes.bib", tmp_path / "paper" / "refs.bib")
    shutil.copy(DATA / "check" / "clean.bib", tmp_path / "other.bib")
    env = {**ENV, "FILES": "**/*.bib", "ARGS": "--select RM201"}
    result = subprocess.run(
        ["bash", "-e", "-c", _action_script()],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert result.stdout.startswith(
        "::error file=paper/refs.bib,line=31,col=10,title=RM201::'milazzo2017z' duplicates"
    )
    env["FILES"] = "other.bib"
    ok = subprocess.run(
        ["bash", "-e", "-c", _action_script()], cwd=tmp_path, env=env, capture_output=True
    )
    assert ok.returncode == 0
