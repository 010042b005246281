"""Config discovery and validation: `refmerge.toml` / `[tool.refmerge]`, found walking up."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from refmerge.cli.app import app
from refmerge.cli.config import (
    ConfigError,
    Settings,
    find_config,
    load_config,
    parse_settings,
    settings_for,
)

from conftest import DATA

runner = CliRunner()


def _project(tmp_path: Path) -> Path:
    """tmp/project/papers/refs.bib with the duplicate examples."""
    papers = tmp_path / "project" / "papers"
    papers.mkdir(parents=True)
    shutil.copy(DATA / "check" / "dupes.bib", papers / "refs.bib")
    return papers / "refs.bib"


def test_pyproject_with_tool_refmerge_above_the_file_is_found(tmp_path: Path) -> None:
    bib = _project(tmp_path)
    pyproject = tmp_path / "project" / "pyproject.toml"
    pyproject.write_text('[tool.refmerge]\nignore = ["RM202"]\nstrictness = "strict"\n')
    assert find_config(bib) == pyproject
    settings = settings_for(bib)
    assert settings.ignore == ("RM202",) and settings.strictness == "strict"
    assert settings.path == pyproject


def test_pyproject_without_the_table_is_skipped(tmp_path: Path) -> None:
    bib = _project(tmp_path)
    (tmp_path / "project" / "pyproject.toml").write_text('[project]\nname = "x"\n')
    outer = tmp_path / "refmerge.toml"
    outer.write_text('select = ["RM3"]\n')
    assert find_config(bib) == outer


def test_nearest_config_wins_and_refmerge_toml_beats_pyproject(tmp_path: Path) -> None:
    bib = _project(tmp_path)
    (tmp_path / "project" / "refmerge.toml").write_text('ignore = ["RM201"]\n')
    (tmp_path / "project" / "pyproject.toml").write_text('[tool.refmerge]\nignore = ["RM202"]\n')
    assert settings_for(bib).ignore == ("RM201",)
    (bib.parent / "pyproject.toml").write_text('[tool.refmerge]\nignore = ["RM204"]\n')
    assert settings_for(bib).ignore == ("RM204",)


def test_no_config_gives_defaults(tmp_path: Path) -> None:
    bib = _project(tmp_path)
    found = find_config(bib)
    # Only a config above tmp (none on a clean machine) could be found.
    assert found is None or tmp_path not in found.parents
    assert Settings().select is None and Settings().strictness == "balanced"


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ({"selct": ["RM2"]}, "did you mean 'select'"),
        ({"strictness": "paranoid"}, "strictness must be one of"),
        ({"select": "RM2"}, None),
        ({"select": [2]}, "must be a list of codes"),
        ({"key-template": "{author}{journal}"}, "not journal"),
        ({"biblatex": "yes"}, "'biblatex' must be true or false"),
        ({"decisions": 3}, "must be a path"),
    ],
)
def test_config_values_are_validated(table: dict, message: str | None, tmp_path: Path) -> None:
    path = tmp_path / "refmerge.toml"
    if message is None:
        assert parse_settings(table, path).select == ("RM2",)
        return
    with pytest.raises(ConfigError, match=message):
        parse_settings(table, path)


def test_decisions_path_is_relative_to_the_config_file(tmp_path: Path) -> None:
    bib = _project(tmp_path)
    config = tmp_path / "project" / "refmerge.toml"
    config.write_text('decisions = "papers/refmerge.decisions"\n')
    (bib.parent / "refmerge.decisions").write_text("lewis2016 != tranby2008  # checked by hand\n")
    settings = load_config(config)
    assert settings.decisions == (bib.parent / "refmerge.decisions").resolve()
    assert frozenset({"lewis2016", "tranby2008"}) in settings.load_decisions().not_duplicates


def test_check_applies_the_discovered_config(tmp_path: Path) -> None:
    bib = _project(tmp_path)
    result = runner.invoke(app, ["check", str(bib)])
    assert {"RM201", "RM202", "RM204"} <= {w for w in result.stdout.split() if w.startswith("RM")}
    (tmp_path / "project" / "pyproject.toml").write_text(
        '[tool.refmerge]\nignore = ["RM201"]\nstrict = true\n'
    )
    result = runner.invoke(app, ["check", str(bib)])
    assert "RM201" not in result.stdout and "RM202" in result.stdout
    assert result.exit_code == 1  # strict: the RM202 warning fails
    # The command line adds to the config's ignore list and overrides its flags.
    result = runner.invoke(app, ["check", str(bib), "--ignore", "RM202", "--no-strict"])
    assert "RM202" not in result.stdout and result.exit_code == 0


def test_decisions_file_silences_a_decided_review_pair(tmp_path: Path) -> None:
    bib = _project(tmp_path)
    (tmp_path / "project" / "refmerge.toml").write_text('decisions = "refmerge.decisions"\n')
    (tmp_path / "project" / "refmerge.decisions").write_text("lewis2016 != tranby2008\n")
    result = runner.invoke(app, ["check", str(bib)])
    assert "RM202" not in result.stdout and "RM201" in result.stdout


def test_bad_config_is_a_usage_error(tmp_path: Path) -> None:
    bib = _project(tmp_path)
    (tmp_path / "project" / "refmerge.toml").write_text('select = ["RM999"]\n')
    result = runner.invoke(app, ["check", str(bib)])
    assert result.exit_code == 2 and "RM999" in result.stderr
    (tmp_path / "project" / "refmerge.toml").write_text("select = [\n")
    result = runner.invoke(app, ["check", str(bib)])
    assert result.exit_code == 2 and "not valid TOML" in result.stderr


def test_explicit_config_skips_discovery(tmp_path: Path) -> None:
    bib = _project(tmp_path)
    (tmp_path / "project" / "refmerge.toml").write_text('select = ["RM3"]\n')
    other = tmp_path / "ci.toml"
    other.write_text('select = ["RM201"]\n')
    result = runner.invoke(app, ["check", str(bib), "--config", str(other)])
    assert [w for w in result.stdout.split() if w.startswith("RM")] == ["RM201"]


def test_command_line_select_replaces_the_configs_selection(tmp_path: Path) -> None:
    bib = _project(tmp_path)
    (tmp_path / "project" / "refmerge.toml").write_text(
        'extend-select = ["RM401"]\nignore = ["RM204"]\n'
    )
    found = [
        w for w in runner.invoke(app, ["check", str(bib)]).stdout.split() if w.startswith("RM")
    ]
    assert "RM401" in found and "RM204" not in found
    result = runner.invoke(app, ["check", str(bib), "--select", "RM2,RM4"])
    found = [w for w in result.stdout.split() if w.startswith("RM")]
    assert "RM401" in found and "RM201" in found and "RM204" not in found  # config ignore stays
    result = runner.invoke(app, ["check", str(bib), "--select", "RM201"])
    assert [w for w in result.stdout.split() if w.startswith("RM")] == ["RM201"]
