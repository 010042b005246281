"""bench/vs_bibdedupe.py: bib-dedupe stays a bench-only tool, fed the same records as refmerge.

bib-dedupe is not a dependency of refmerge (nor of its tests): these check the parts of the
bench that do not need it, and that it says why it skips when bib-dedupe is absent.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from refmerge.refs.model import Reference

from conftest import REPO

sys.path.insert(0, str(REPO / "bench"))
_spec = importlib.util.spec_from_file_location("vs_bibdedupe", REPO / "bench" / "vs_bibdedupe.py")
vs = importlib.util.module_from_spec(_spec)  # type: ignore[arg-type]
sys.modules["vs_bibdedupe"] = vs  # (its dataclasses look their module up)
_spec.loader.exec_module(vs)  # type: ignore[union-attr]


def test_biblatex_fields_become_bibdedupes_columns_in_plain_text() -> None:
    ref = Reference(
        "article",
        "k",
        {
            "title": 'Sp{\\"a}te Fr{\\"u}chte',
            "author": "Quill, Ada",
            "date": "2019-04",
            "journaltitle": "Journal of Invented Results",
            "issue": "3",
        },
    )
    (row,) = vs.table_of([ref])
    assert row["ID"] == "0"
    assert row["year"] == "2019"
    assert row["journal"] == "Journal of Invented Results"
    assert row["number"] == "3"
    assert row["title"] == "Spate Fruchte"


def test_two_files_joined_expand_the_first_ones_strings(tmp_path: Path) -> None:
    strings = tmp_path / "abbrev.bib"
    strings.write_text('@string{jir = "Journal of Invented Results"}\n', encoding="utf-8")
    lib = tmp_path / "lib.bib"
    lib.write_text("@article{a, title = {On Nothing}, journal = jir, year = 2001}\n")
    (ref,) = vs.read_library(f"{strings}+{lib}")
    assert ref.get("journal") == "Journal of Invented Results"


def test_without_bibdedupe_the_bench_says_why_it_skips(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.setitem(sys.modules, "bib_dedupe", None)  # import fails as if not installed
    monkeypatch.setattr(sys, "argv", ["vs_bibdedupe.py", str(tmp_path / "x.bib")])
    assert vs.main() == 0
    assert "skipped: bib-dedupe is not installed" in capsys.readouterr().out
