"""`@string` macros of one file used in another, as `\\bibliography{abbrev,papers}` reads them.

BibTeX concatenates the files it is given; cryptobib and many lab bibliographies keep their
macros in an abbrev.bib read first. Every command that reads several inputs follows that order.
"""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from refmerge.cli.app import app

from conftest import DATA, shared_path

runner = CliRunner()
MACROS = DATA / "bibtex" / "macros"
ABBREV, PAPERS = str(MACROS / "abbrev.bib"), str(MACROS / "papers.bib")


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_convert_expands_macros_defined_in_an_earlier_file() -> None:
    code, out, err = run("convert", ABBREV, PAPERS, "--to", "csl-json")
    assert code == 0 and "RM104" not in err
    items = {item["id"]: item for item in json.loads(out)}
    assert items["okafor2020"]["container-title"] == "Journal of Invented Economic History"
    assert items["villanueva2018"]["publisher"] == "Invented Press"


def test_a_file_read_before_its_macros_warns_as_bibtex_would() -> None:
    code, _, err = run("convert", PAPERS, ABBREV, "--to", "csl-json")
    assert code == 0
    assert "undefined macro 'jieh'" in err and "RM104" in err


def test_dupes_sees_the_expanded_journal() -> None:
    code, out, _ = run("dupes", ABBREV, PAPERS, "--format", "json")
    assert code == 0
    groups = [{m["key"] for m in g["members"]} for g in json.loads(out)["groups"]]
    assert groups == [{"okafor2020", "ledgers"}]
    reasons = json.loads(out)["groups"][0]["reasons"]
    assert "same venue" in reasons


def test_merge_keeps_the_macros_and_uses_them_where_they_mean_the_same(tmp_path: Path) -> None:
    out = tmp_path / "out.bib"
    code, _, err = run("merge", ABBREV, PAPERS, "-o", str(out))
    assert code == 0 and "RM104" not in err
    text = out.read_text(encoding="utf-8")
    assert text.count("@string") == 3
    assert "publisher = pub" in text  # the macro still means what it meant in papers.bib
    assert text.count("@article") == 1  # okafor2020 and ledgers are one work


def test_check_together_knows_the_macros_of_the_files_before() -> None:
    code, out, _ = run("check", PAPERS)
    assert "RM104" in out
    code, out, _ = run("check", ABBREV, PAPERS, "--together", "--select", "RM104")
    assert (code, out) == (0, "")


def test_cryptobib_entries_read_with_the_macros_of_its_abbrev_file() -> None:
    """cryptobib keeps 10k nested macros in abbrev0.bib; its entries are macros throughout."""
    abbrev = str(shared_path("corpus", "bib", "real", "cryptobib_abbrev0.bib"))
    confs = str(shared_path("corpus", "bib", "real", "cryptobib_crypto_conf_list.bib"))
    code, alone, err_alone = run("convert", confs, "--to", "csl-json")
    assert "RM104" in err_alone  # read alone, its macros are undefined
    code, out, err = run("convert", abbrev, confs, "--to", "csl-json")
    assert code == 0 and "RM104" not in err
    items = json.loads(out)
    assert len(items) == len(json.loads(alone)) > 1000
    # every title is text now, none is a bare macro name
    assert all(" " in item.get("title", " ") for item in items)


def test_a_macro_redefined_inside_a_file_keeps_each_entry_its_own_value(tmp_path: Path) -> None:
    """BibTeX lets a later @string redefine a macro for the entries after it."""
    source = tmp_path / "redef.bib"
    source.write_text(
        '@string{jx = "Journal One"}\n'
        "@article{a, title={Alpha ledgers of invented towns}, author={Okafor, A.}, "
        "journal=jx, year=2020}\n"
        '@string{jx = "Journal Two"}\n'
        "@article{b, title={Beta ledgers of invented towns}, author={Brenner, L.}, "
        "journal=jx, year=2021}\n",
        encoding="utf-8",
    )
    code, out, err = run("convert", str(source), "--to", "csl-json")
    assert code == 0 and err.count("RM108") == 1 and "redef.bib:3" in err
    journals = {item["id"]: item["container-title"] for item in json.loads(out)}
    assert journals == {"a": "Journal One", "b": "Journal Two"}
    merged = tmp_path / "merged.bib"
    code, _, err = run("merge", str(source), "-o", str(merged))
    assert code == 0 and err.count("RM108") == 1
    text = merged.read_text(encoding="utf-8")
    assert "journal = {Journal One}" in text and "journal = {Journal Two}" in text
