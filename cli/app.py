"""The typer app: one module per command, registered here.

A command's module is imported only when that command runs (`main` looks at the
command line): `refmerge check one.bib` in a pre-commit hook does not load the
dedupe engine, the merge report or the other commands. `app`, with every command,
is built on first use (`from refmerge.cli.app import app`, as the tests do).
"""

from __future__ import annotations

import importlib
import sys
from typing import Annotated, Any

import typer

# In the order a user meets them (DESIGN.md's command list): name, module, function.
COMMANDS = (
    ("merge", "merge_cmd", "merge_command"),
    ("dupes", "dupes_cmd", "dupes_command"),
    ("review", "review_cmd", "review_command"),
    ("check", "check_cmd", "check_command"),
    ("format", "format_cmd", "format_command"),
    ("convert", "convert_cmd", "convert_command"),
)


def build_app(names: set[str] | None = None) -> typer.Typer:
    """The app with the commands `names` (all when None) registered."""
    app = typer.Typer(
        name="refmerge",
        help="Deduplicating citation manager: read references from anywhere (BibTeX, scraped "
        "page text, ...), find and merge duplicates, write clean BibTeX, guard bibliographies "
        "in CI.",
        no_args_is_help=True,
        add_completion=False,
        context_settings={"help_option_names": ["-h", "--help"]},
        pretty_exceptions_enable=False,
    )
    app.callback()(_root)
    for name, module_name, function in COMMANDS:
        if names is None or name in names:
            module = importlib.import_module(f"{__package__}.{module_name}")
            app.command(name, epilog=module.EXAMPLES, no_args_is_help=True)(
                getattr(module, function)
            )
    return app


def _print_version(value: bool) -> None:
    if value:
        import importlib.metadata  # ~0.05 s: only when asked

        try:
            version = importlib.metadata.version("refmerge")
        except importlib.metadata.PackageNotFoundError:  # run from a source tree
            version = "unknown (not installed)"
        print(f"refmerge {version}")
        raise typer.Exit()


def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_print_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Keep `refmerge` a group of subcommands; options for the whole tool go here."""


def _commands_in(argv: list[str]) -> set[str] | None:
    """The command this command line runs, or None when it needs them all (help, a typo).

    Options of `refmerge` itself come before the command; `--version` needs none.
    """
    for arg in argv:
        if arg == "--version":
            return set()
        if not arg.startswith("-"):
            return {arg} if arg in {name for name, _, _ in COMMANDS} else None
    return None


def __getattr__(name: str) -> Any:
    """`app` with every command, built when first asked for."""
    if name == "app":
        app = globals()["app"] = build_app()
        return app
    raise AttributeError(name)


def main() -> None:
    try:
        build_app(_commands_in(sys.argv[1:]))()
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        sys.exit(130)
