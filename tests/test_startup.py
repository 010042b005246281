"""Start-up: a command loads only what it uses, so a hook over many files starts fast.

A pre-commit hook runs `refmerge check` once per commit, editors run `format` on save:
there the start-up is most of the run. The heavy packages (rich's console, pylatexenc's
LaTeX tables, bibtexparser for a clean file, a terminal UI, a trained model) must load
only for the command and input that need them. Timing is left to bench/startup.py (shared
machines are too noisy for a tight bound); the bound here is generous, as a guard against
an eager import that costs seconds.
"""

from __future__ import annotations

import ast
import subprocess
import sys
import time
from pathlib import Path

import pytest

HEAVY = {"rich", "pylatexenc", "textual", "pycrfsuite", "crfsuite", "bibtexparser"}

# Runs the refmerge command line in this process, then prints the heavy modules loaded.
_RUN = """
import runpy, sys
sys.argv = ["refmerge", *sys.argv[1:]]
try:
    runpy.run_module("refmerge.cli", run_name="__main__")
except SystemExit as exit:
    code = exit.code
print("LOADED", sorted({m.split(".")[0] for m in sys.modules} & %r), code)
"""


def loaded(*args: str) -> tuple[list[str], object]:
    out = subprocess.run(
        [sys.executable, "-c", _RUN % HEAVY, *args], capture_output=True, text=True, check=True
    )
    line = next(x for x in out.stdout.splitlines() if x.startswith("LOADED"))
    names, code = line[len("LOADED ") :].rsplit(" ", 1)
    return ast.literal_eval(names), code


@pytest.fixture
def one_entry(tmp_path: Path) -> Path:
    path = tmp_path / "one.bib"
    path.write_text(
        "@article{doe2020,\n  author = {Doe, Jane},\n  title = {A Title},\n"
        "  journal = {Journal of Examples},\n  year = {2020}\n}\n",
        encoding="utf-8",
    )
    return path


def test_importing_the_app_module_loads_no_heavy_package() -> None:
    code = (
        "import sys, refmerge.cli.app\n"
        f"print(sorted({{m.split('.')[0] for m in sys.modules}} & {HEAVY!r}))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_version_loads_no_command() -> None:
    code = (
        "import sys\nsys.argv = ['refmerge', '--version']\n"
        "from refmerge.cli.app import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.endswith('_cmd')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    version, commands = out.stdout.splitlines()
    assert version.startswith("refmerge ") and commands == "[]"


def test_check_and_format_of_a_clean_file_load_no_heavy_package(one_entry: Path) -> None:
    assert loaded("check", str(one_entry)) == ([], "0")
    assert loaded("format", "--check", str(one_entry)) == ([], "0")


def test_the_help_still_lists_every_command() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "refmerge.cli", "--help"], capture_output=True, text=True
    )
    assert out.returncode == 0
    for command in ("merge", "dupes", "check", "format", "convert"):
        assert command in out.stdout


def test_check_of_one_entry_starts_within_a_generous_bound(one_entry: Path) -> None:
    """A few times the interpreter's own start-up; bench/startup.py prints the real ratio."""
    cmd = [sys.executable, "-m", "refmerge.cli", "check", str(one_entry)]
    best = float("inf")
    bare = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True)
        bare = min(bare, time.perf_counter() - start)
        start = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        best = min(best, time.perf_counter() - start)
    assert best < max(3.0, 40 * bare)


def test_the_lazy_page_text_format_is_the_scrape_readers_own() -> None:
    """The registry loads the scrape reader late; name, extensions and ranking stay its own."""
    from refmerge.refs.formats.registry import FORMATS, detect_format
    from refmerge.refs.formats.spec import Confidence
    from refmerge.refs.scrape import reader

    lazy = FORMATS["text"]
    assert (lazy.name, lazy.extensions) == (reader.FORMAT.name, reader.FORMAT.extensions)
    for text in ("Doe J. A title. J Ex. 2020;3:1-10.", "", "@article{a,\n title={T}\n}\n"):
        assert lazy.sniff(text) == reader.FORMAT.sniff(text) <= Confidence.FALLBACK
    assert detect_format("Doe J. A title. J Ex. 2020;3:1-10.", "page.txt") == "text"


def test_check_of_a_bib_file_imports_no_other_reader(one_entry: Path) -> None:
    """The registry imports a format's module on first use: a .bib file needs one reader."""
    code = (
        f"import sys\nsys.argv = ['refmerge', 'check', {str(one_entry)!r}]\n"
        "from refmerge.cli.app import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "names = ('ris', 'medline', 'wos', 'endnote_xml', 'scopus', 'csljson', 'csv_reader')\n"
        "print(sorted(n for n in names if 'refmerge.refs.formats.' + n in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "[]"


def test_check_of_a_clean_file_loads_no_writer_only_stdlib_module(one_entry: Path) -> None:
    """logging (for pylatexenc and bibtexparser), json (for --format json), tempfile (for
    writing) and tomllib (for a config file) load only where they are used: a hook's run
    over a clean file in a folder without config uses none of them."""
    code = (
        f"import sys\nsys.argv = ['refmerge', 'check', {str(one_entry)!r}]\n"
        "from refmerge.cli.app import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "names = ('logging', 'json', 'tempfile', 'tomllib')\n"
        "print(sorted(n for n in names if n in sys.modules))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=one_entry.parent,
    )
    assert out.stdout.strip().splitlines()[-1] == "[]"
