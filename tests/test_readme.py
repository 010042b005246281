"""The README's first lines are a contract with new users and with CI: keep them true."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO


def _first_commands() -> list[str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```(?:sh|bash|console)?\n(.*?)```", text, re.S)
    assert block, "README has no code block"
    assert text.index(block.group(0)) < 400, "the commands must come first"
    return [line for line in block.group(1).splitlines() if line.strip()]


def test_readme_starts_with_an_install_and_run_line_and_a_test_line() -> None:
    run, test = _first_commands()[:2]
    assert run.startswith("python3 -m venv .venv && ") and "pip install" in run
    assert "refmerge " in run
    assert test.startswith("python3 -m venv .venv && ") and "pytest" in test


def test_ci_runs_the_readme_test_command_verbatim() -> None:
    test_line = _first_commands()[1]
    assert test_line in (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()


def test_the_example_the_readme_runs_is_bundled() -> None:
    run = _first_commands()[0]
    paths = [w for w in shlex.split(run.replace("&&", " ")) if w.startswith("examples/")]
    assert paths, "the run line should use a bundled example"
    inputs = [p for p in paths if (REPO / p).exists()]
    assert inputs, f"none of {paths} exists"


def test_code_is_ruff_clean_and_formatted() -> None:
    ruff = Path(sys.executable).parent / "ruff"
    proc = subprocess.run(
        [str(ruff), "check", "--no-cache", "."], cwd=REPO, capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stdout[-3000:]
    proc = subprocess.run(
        [str(ruff), "format", "--check", "--no-cache", "."],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, "run `ruff format .`:\n" + proc.stdout[-3000:]


def test_readme_lists_every_diagnostic_code_as_the_registry_says() -> None:
    from refmerge.refs.codes import codes_markdown_table

    assert codes_markdown_table() in (REPO / "README.md").read_text(encoding="utf-8")


def test_the_readme_example_merges_the_repeated_record() -> None:
    """The bundled seed scrape: 8 records, the Aldendorff listing twice, so 7 entries out."""
    from typer.testing import CliRunner

    from refmerge.cli.app import app
    from refmerge.refs.formats.bibtex import parse_bibtex

    result = CliRunner().invoke(app, ["merge", str(REPO / "examples" / "scrape-social-credit.txt")])
    assert result.exit_code == 0, result.stderr
    refs = parse_bibtex(result.stdout).references
    assert len(refs) == 7
    assert [r.fields["author"] for r in refs].count("Aldendorff, Nadja") == 1
    assert "8 records in, 7 out" in result.stderr


def test_the_readme_python_api_example_runs_and_matches_the_command(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The README's "Python API" block, run as written from the repository root, prints what
    `refmerge merge` writes for the same input."""
    from typer.testing import CliRunner

    from refmerge.cli.app import app

    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text[text.index("## Python API") :]
    code = re.search(r"```python\n(.*?)```", section, re.S)
    assert code, "the Python API section has no python block"
    assert len([line for line in code.group(1).splitlines() if line.strip()]) == 5
    monkeypatch.chdir(REPO)
    exec(compile(code.group(1), "README.md", "exec"), {})
    printed = capsys.readouterr().out
    result = CliRunner().invoke(app, ["merge", "examples/scrape-social-credit.txt", "-q"])
    assert result.exit_code == 0, result.stderr
    assert printed.rstrip("\n") == result.stdout.rstrip("\n")
    assert printed.count("@") == 7


def test_the_readme_pins_no_tag_that_does_not_exist() -> None:
    """`rev: v0.1.0` pointed at a tag nobody had made: pins are a commit or a real tag."""
    texts = [
        (REPO / name).read_text(encoding="utf-8")
        for name in ("README.md", ".pre-commit-hooks.yaml")
    ]
    pin = re.compile(r"^[\s#-]*(?:rev:\s*|uses:\s*\S*/refmerge@)(\S+)", re.MULTILINE)
    refs = [m for text in texts for m in pin.findall(text)]
    assert refs, "the README shows how to pin refmerge"
    tags = subprocess.run(
        ["git", "tag", "--list"], cwd=REPO, capture_output=True, text=True, check=False
    ).stdout.split()
    for ref in refs:
        assert ref == "<commit-sha>" or ref in tags or re.fullmatch(r"[0-9a-f]{40}", ref), ref
