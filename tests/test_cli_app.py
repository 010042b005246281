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
        assert command in result.stdout + result.stderr


COMMANDS = ("merge", "dupes", "check", "format", "convert")


def _help(*args: str) -> str:
    result = CliRunner().invoke(app, [*args, "--help"], env={"COLUMNS": "80"}, terminal_width=80)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_help_reads_like_a_unix_tool_without_type_notation() -> None:
    for command in COMMANDS:
        text = _help(command)
        assert f"Usage: refmerge {command} [OPTIONS] FILE..." in text
        for notation in ("<bool>", "<str>", "<list[str]>", "{inputs}", "{files}", "}..."):
            assert notation not in text, (command, notation)


def test_help_examples_are_never_wrapped_at_80_columns() -> None:
    """Each example line of a command's epilog comes out whole (comment lines included)."""
    from refmerge.cli import check_cmd, convert_cmd, dupes_cmd, format_cmd, merge_cmd

    modules = (merge_cmd, dupes_cmd, check_cmd, format_cmd, convert_cmd)
    for command, module in zip(COMMANDS, modules, strict=True):
        shown = [line.strip() for line in _help(command).splitlines()]
        for line in module.EXAMPLES.splitlines():
            if line.startswith("  "):
                assert len(line) + 2 <= 80, line
                assert line.strip() in shown, (command, line)


def test_shell_completion_is_offered() -> None:
    text = _help()
    assert "--install-completion" in text and "--show-completion" in text


def test_an_unknown_choice_reads_as_words() -> None:
    result = CliRunner().invoke(app, ["check", "x.bib", "--format", "gitlab"])
    assert result.exit_code == 2
    assert "'gitlab' is not a format check prints; use text, github or json" in result.stderr
    assert "Value error" not in result.stderr
