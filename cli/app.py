"""The typer app: one module per command, registered here."""

from __future__ import annotations

import importlib.metadata
import sys
from collections.abc import Callable
from typing import Annotated, Any

import typer
from typer.core import TyperArgument, TyperCommand, TyperOption

from . import check_cmd, convert_cmd, dupes_cmd, format_cmd, merge_cmd

# Options whose value is a path: shown as FILE in the help, and completed as files.
_FILE_OPTIONS = {"output", "report", "rewrite_tex", "decisions_file", "decisions", "config"}


def _usage(shown: str) -> Callable[[], str]:
    return lambda: shown


def _no_type(ctx: Any) -> str | None:
    return None


class _Command(TyperCommand):
    """A command whose help reads like other Unix tools': `FILE...`, `-o FILE`, bare flags.

    Typer 0.2x prints its own notation (`{inputs}...`, `<list[str]>`, `--quiet <bool>`)
    and its rich help wraps the examples mid-comment; plain click help with these names
    does neither (tests/test_cli_app.py reads the help at 80 columns).
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for param in self.params:
            if isinstance(param, TyperArgument):
                shown = (param.metavar or "FILE") + ("..." if param.nargs != 1 else "")
                setattr(param, "_usage_display_name", _usage(shown))  # noqa: B010
                setattr(param, "_rich_display_name", _usage(shown))  # noqa: B010
                setattr(param, "display_type_rich", _no_type)  # noqa: B010
            elif isinstance(param, TyperOption) and not param.is_flag and param.metavar is None:
                param.metavar = "FILE" if param.name in _FILE_OPTIONS else "TEXT"


app = typer.Typer(
    name="refmerge",
    help="Deduplicating citation manager: read references from anywhere (BibTeX, scraped page "
    "text, ...), find and merge duplicates, write clean BibTeX, guard bibliographies in CI.",
    no_args_is_help=True,
    # `refmerge --install-completion` adds tab completion to bash, zsh, fish or PowerShell
    add_completion=True,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
)


def _print_version(value: bool) -> None:
    if value:
        try:
            version = importlib.metadata.version("refmerge")
        except importlib.metadata.PackageNotFoundError:  # run from a source tree
            version = "unknown (not installed)"
        print(f"refmerge {version}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_print_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Keep `refmerge` a group of subcommands; options for the whole tool go here."""


# In the order a user meets them (DESIGN.md's command list).
for _name, _module, _function in (
    ("merge", merge_cmd, merge_cmd.merge_command),
    ("dupes", dupes_cmd, dupes_cmd.dupes_command),
    ("check", check_cmd, check_cmd.check_command),
    ("format", format_cmd, format_cmd.format_command),
    ("convert", convert_cmd, convert_cmd.convert_command),
):
    app.command(_name, cls=_Command, epilog=_module.EXAMPLES, no_args_is_help=True)(_function)


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        sys.exit(130)
