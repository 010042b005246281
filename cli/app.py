"""The typer app: one module per command, registered here."""

from __future__ import annotations

import importlib.metadata
import sys
from typing import Annotated

import typer

from . import check_cmd, convert_cmd, dupes_cmd, format_cmd, merge_cmd, review_cmd

app = typer.Typer(
    name="refmerge",
    help="Deduplicating citation manager: read references from anywhere (BibTeX, scraped page "
    "text, ...), find and merge duplicates, write clean BibTeX, guard bibliographies in CI.",
    no_args_is_help=True,
    add_completion=False,
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
    ("review", review_cmd, review_cmd.review_command),
    ("check", check_cmd, check_cmd.check_command),
    ("format", format_cmd, format_cmd.format_command),
    ("convert", convert_cmd, convert_cmd.convert_command),
):
    app.command(_name, epilog=_module.EXAMPLES, no_args_is_help=True)(_function)


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        sys.exit(130)
