"""The `refmerge` command itself: options that belong to no subcommand."""

from __future__ import annotations

import importlib.metadata

from typer.testing import CliRunner

from refmerge.cli.app import app


def test_version_is_the_installed_packages() -> None:
    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout == f"refmerge {importlib.metadata.version('refmerge')}\n"


def test_no_arguments_shows_the_commands() -> None:
    result = CliRunner().invoke(app, [])
    for command in ("merge", "dupes", "check", "format", "convert"):
        assert command in result.stdout
