"""The typer app: one module per command, registered here."""

from __future__ import annotations

import sys

import typer

from . import check_cmd, convert_cmd, dupes_cmd, format_cmd, merge_cmd

app = typer.Typer(
    name="refmerge",
    help="Deduplicating citation manager: read references from anywhere (BibTeX, scraped page "
    "text, ...), find and merge duplicates, write clean BibTeX, guard bibliographies in CI.",
    no_args_is_help=True,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
)


@app.callback()
def _root() -> None:
    """Keep `refmerge` a group of subcommands even while only one is registered."""


# In the order a user meets them (DESIGN.md's command list).
for _name, _module, _function in (
    ("merge", merge_cmd, merge_cmd.merge_command),
    ("dupes", dupes_cmd, dupes_cmd.dupes_command),
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
