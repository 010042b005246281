"""The typer app: one module per command, registered here."""

from __future__ import annotations

import sys

import typer

from . import format_cmd

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


app.command("format", epilog=format_cmd.EXAMPLES, no_args_is_help=True)(format_cmd.format_command)
from . import merge_cmd  # noqa: E402

app.command("merge", epilog=merge_cmd.EXAMPLES, no_args_is_help=True)(merge_cmd.merge_command)
from . import check_cmd  # noqa: E402

app.command("check", epilog=check_cmd.EXAMPLES, no_args_is_help=True)(check_cmd.check_command)
from . import dupes_cmd  # noqa: E402

app.command("dupes", epilog=dupes_cmd.EXAMPLES, no_args_is_help=True)(dupes_cmd.dupes_command)

from . import convert_cmd  # noqa: E402

app.command("convert", epilog=convert_cmd.EXAMPLES, no_args_is_help=True)(convert_cmd.convert_command)


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        sys.exit(130)
