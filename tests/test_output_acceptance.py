"""What refmerge writes is accepted by biber as well as by bibtex and pybtex.

biber is stricter than BibTeX in one place editors stumble on: a brace-less comment line
(`@Comment 1215.bib -*- mode: BibTeX -*-`) makes biber 2.18 reject the whole file, while
BibTeX skips it. refmerge writes such a line as `@comment{...}`, which both accept.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from refmerge.cli.app import app
from refmerge.refs.formats.bibtex import parse_bibtex
from refmerge.refs.formats.bibtex_writer import format_blocks

from conftest import DATA, tool_or_skip

runner = CliRunner()

EDITOR_HEADER = "@Comment 1215.bib -*- mode: BibTeX -*-\n\n"
ENTRIES = """@article{okafor2019,
  author = {Okafor, Amara},
  title = {Tidal patterns of invented estuaries},
  journal = {Journal of Made-up Coasts},
  year = {2019}
}

@online{diallo2020,
  author = {Diallo, Binta},
  title = {An invented dataset},
  date = {2020-03},
  url = {https://example.org/data}
}
"""


def test_a_braceless_comment_line_is_written_braced() -> None:
    text = format_blocks(parse_bibtex(EDITOR_HEADER + ENTRIES, "in.bib").blocks)
    assert text.startswith("@comment{1215.bib -*- mode: BibTeX -*-}\n")
    assert format_blocks(parse_bibtex(text, "again.bib").blocks) == text  # idempotent


def test_unbalanced_comment_text_is_kept_as_it_was() -> None:
    text = format_blocks(parse_bibtex("@Comment a } b\n\n" + ENTRIES, "in.bib").blocks)
    assert text.startswith("@Comment a } b\n")


def biber_errors(biber: str, bib: Path) -> list[str]:
    """biber's ERROR lines for one file read in tool mode (no document needed)."""
    out = bib.with_name(bib.stem + "_bibertool.bib")
    proc = subprocess.run(
        [biber, "--tool", "--nolog", f"--output-file={out}", str(bib)],
        capture_output=True,
        text=True,
        check=False,
        cwd=bib.parent,
    )
    return [line for line in (proc.stdout + proc.stderr).splitlines() if "ERROR" in line]


def test_biber_accepts_merge_output_with_an_editor_comment_line(tmp_path: Path) -> None:
    biber = tool_or_skip("biber")
    source = tmp_path / "lib.bib"
    source.write_text(EDITOR_HEADER + ENTRIES, encoding="utf-8")
    assert biber_errors(biber, source), "biber should reject the brace-less comment line"
    out = tmp_path / "out.bib"
    result = runner.invoke(app, ["merge", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    assert biber_errors(biber, out) == []


# biber takes seconds per run: two representative files (clean, and messy house style)
CORPUS = [DATA / "bibtex" / "clean.bib", DATA / "bibtex" / "messy.bib"]


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_biber_accepts_what_format_writes(path: Path, tmp_path: Path) -> None:
    biber = tool_or_skip("biber")
    copy = tmp_path / "before.bib"
    copy.write_bytes(path.read_bytes())
    # An input biber rejects (messy.bib lacks a comma between two fields) must come out
    # repaired: refmerge recovers such entries (RM102), and biber then accepts them.
    assert bool(biber_errors(biber, copy)) == (path.name == "messy.bib")
    result = runner.invoke(app, ["format", str(path), "-o", str(tmp_path / "after.bib")])
    if result.exit_code != 0:
        assert re.search(r": RM\d{3} ", result.stderr)  # refused, with a reason
        return
    assert biber_errors(biber, tmp_path / "after.bib") == []
