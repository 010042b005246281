"""`refmerge dupes`: output formats, JSON contract, decisions file, exit codes; writes nothing."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from refmerge.cli.app import app

from conftest import DATA

LIB = str(DATA / "dedupe" / "library.bib")
CSV = str(DATA / "dedupe" / "more.csv")


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def _json(runner: CliRunner, *args: str) -> dict:
    result = runner.invoke(app, ["dupes", *args, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_json_contract_across_files(runner: CliRunner) -> None:
    data = _json(runner, LIB, CSV)
    assert set(data) >= {"groups", "review"}
    (group,) = data["groups"]
    assert [m["key"] for m in group["members"]] == ["okafor2020", "okafor2020copy", "okafor2020csv"]
    assert {m["file"] for m in group["members"]} == {LIB, CSV}
    assert all(isinstance(m["line"], int) and m["line"] > 0 for m in group["members"])
    assert 0 < group["score"] <= 100
    assert any(r.startswith("same DOI") for r in group["reasons"])
    (pair,) = data["review"]
    assert {pair["a"], pair["b"]} == {"abernathy2019a", "abernathy2019near"}
    assert pair["reasons"] and isinstance(pair["score"], float)


def test_table_lists_groups_with_locations_and_review_pairs(runner: CliRunner) -> None:
    result = runner.invoke(app, ["dupes", LIB])
    assert result.exit_code == 0
    assert "group 1" in result.stdout
    assert f"{LIB}:1" in result.stdout
    assert "to review" in result.stdout and "abernathy2019near" in result.stdout
    assert "abernathy2019b" not in result.stdout  # 2019a vs 2019b: different works


def test_csv_output_has_one_row_per_member(runner: CliRunner) -> None:
    result = runner.invoke(app, ["dupes", LIB, "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["kind"], r["key"]) for r in rows if r["kind"] == "group"] == [
        ("group", "okafor2020"),
        ("group", "okafor2020copy"),
    ]
    assert {r["key"] for r in rows if r["kind"] == "review"} == {
        "abernathy2019a",
        "abernathy2019near",
    }


def test_decisions_file_turns_a_review_pair_into_a_decision(
    runner: CliRunner, tmp_path: Path
) -> None:
    decisions = tmp_path / "refmerge.decisions"
    decisions.write_text("abernathy2019a != abernathy2019near  # checked by hand\n")
    data = _json(runner, LIB, "--decisions", str(decisions))
    assert data["review"] == []
    decisions.write_text("abernathy2019a == abernathy2019near\n")
    data = _json(runner, LIB, "--decisions", str(decisions))
    keys = [sorted(m["key"] for m in g["members"]) for g in data["groups"]]
    assert ["abernathy2019a", "abernathy2019near"] in keys


def test_decisions_file_in_the_current_folder_is_used(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "refmerge.decisions").write_text("okafor2020 != okafor2020copy\n")
    monkeypatch.chdir(tmp_path)
    assert _json(runner, LIB)["groups"] == []


def test_dupes_writes_nothing(runner: CliRunner, tmp_path: Path) -> None:
    copy = tmp_path / "lib.bib"
    copy.write_text(Path(LIB).read_text())
    before = sorted(p.name for p in tmp_path.iterdir())
    runner.invoke(app, ["dupes", str(copy)])
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    assert copy.read_text() == Path(LIB).read_text()


@pytest.mark.parametrize(
    "args",
    [
        ["--format", "xml"],
        ["--strictness", "reckless"],
        ["--decisions", "/nonexistent/refmerge.decisions"],
    ],
)
def test_bad_options_are_usage_errors(runner: CliRunner, args: list[str]) -> None:
    assert runner.invoke(app, ["dupes", LIB, *args]).exit_code == 2


def test_unreadable_input_exits_2(runner: CliRunner, tmp_path: Path) -> None:
    assert runner.invoke(app, ["dupes", str(tmp_path / "missing.bib")]).exit_code == 2


def test_strict_and_merge_versions_options(runner: CliRunner, tmp_path: Path) -> None:
    bib = tmp_path / "v.bib"
    bib.write_text(
        "@misc{pre, title={Whispering ledgers: invented bookkeeping practices}, "
        "author={Okafor, Amara}, year={2019}, eprint={1905.01234v2}, archiveprefix={arXiv}}\n"
        "@article{pub, title={Whispering ledgers: invented bookkeeping practices}, "
        "author={Okafor, Amara}, year={2020}, journal={J Imag Econ Hist}, doi={10.5555/x}}\n"
    )
    data = _json(runner, str(bib))
    assert data["groups"] == [] and len(data["versions"]) == 1
    merged = _json(runner, str(bib), "--merge-versions")
    assert len(merged["groups"]) == 1 and merged["versions"] == []
    assert _json(runner, str(bib), "--strictness", "strict")["groups"] == []


def test_project_config_sets_strictness_and_decisions(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lib = tmp_path / "lib.bib"
    lib.write_text(Path(LIB).read_text())
    (tmp_path / "checked.decisions").write_text("okafor2020 != okafor2020copy\n")
    (tmp_path / "refmerge.toml").write_text('decisions = "checked.decisions"\n')
    monkeypatch.chdir(tmp_path)
    assert _json(runner, str(lib))["groups"] == []
    untitled = tmp_path / "untitled.bib"
    entry = "author={Oduya, P.}, journal={J Fict Ecol}, year={2014}, volume={21}, pages={301--318}"
    untitled.write_text(f"@article{{t, title={{Soil memory}}, {entry}}}\n@article{{u, {entry}}}\n")
    assert len(_json(runner, str(untitled))["groups"]) == 1  # balanced: venue rule merges
    (tmp_path / "refmerge.toml").write_text('strictness = "strict"\n')
    strict = _json(runner, str(untitled))
    assert strict["groups"] == [] and len(strict["review"]) == 1
    (tmp_path / "refmerge.toml").write_text('strictness = "reckless"\n')
    assert runner.invoke(app, ["dupes", str(lib)]).exit_code == 2


@pytest.mark.parametrize("content", ["", "% nothing here yet\n", "this file has only a comment\n"])
def test_a_bib_file_without_entries_is_an_empty_bibliography(
    runner: CliRunner, tmp_path: Path, content: str
) -> None:
    path = tmp_path / "new.bib"
    path.write_text(content, encoding="utf-8")
    for command in ("dupes", "merge", "check"):
        result = runner.invoke(app, [command, str(path)])
        assert result.exit_code == 0, (command, result.stderr)


def test_an_empty_file_of_another_format_is_an_error(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "export.ris"
    path.write_text("", encoding="utf-8")
    result = runner.invoke(app, ["dupes", str(path)])
    assert result.exit_code == 2
    assert "RM002 the input is empty" in result.stderr


def test_table_names_the_demo_label_that_keeps_a_demo_from_its_paper(
    runner: CliRunner, tmp_path: Path
) -> None:
    """A version group shows which level decided, as groups and review pairs do: `demo vs
    conference` beside `same venue` and `kind conflicting` among the levels, so a reader sees
    that the title's label, not the venue, made the two records versions."""
    bib = tmp_path / "d.bib"
    people = "Quillfeather, Ondine and Marrowby, Tobiah"
    bib.write_text(
        "@inproceedings{paper, title={Zephyr: Querying Invented Datasets}, "
        f"author={{{people}}}, booktitle={{Conference on Invented Data}}, year={{1997}}}}\n"
        "@inproceedings{demo, title={Zephyr: Querying Invented Datasets (Demo Abstract)}, "
        f"author={{{people}}}, booktitle={{Conference on Invented Data}}, year={{1997}}}}\n"
    )
    result = runner.invoke(app, ["dupes", str(bib), "--format", "table"])
    assert result.exit_code == 0, result.output
    assert "versions of one work" in result.stdout
    assert "same venue; demo vs conference" in result.stdout
    (levels,) = [line for line in result.stdout.splitlines() if "levels:" in line]
    assert "kind conflicting" in levels and "title exact" in levels
    assert "group 1" not in result.stdout
