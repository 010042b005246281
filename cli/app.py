"""The typer app: one module per command, registered here.

A command's module is imported only when that command runs (`main` looks at the
command line): `refmerge check one.bib` in a pre-commit hook does not load the
dedupe engine, the merge report or the other commands. `app`, with every command,
is built on first use (`from refmerge.cli.app import app`, as the tests do).
"""

from __future__ import annotations

import gc
import importlib
import sys
from collections.abc import Callable
from typing import Annotated, Any

import typer
from typer.core import TyperArgument, TyperCommand, TyperOption

# In the order a user meets them (DESIGN.md's command list): name, module, function.
COMMANDS = (
    ("merge", "merge_cmd", "merge_command"),
    ("dupes", "dupes_cmd", "dupes_command"),
    ("review", "review_cmd", "review_command"),
    ("check", "check_cmd", "check_command"),
    ("format", "format_cmd", "format_command"),
    ("convert", "convert_cmd", "convert_command"),
)

# Commands that read a library, work through it and end: run from the console entry point,
# they do without the cyclic collector (`main`). `review` is a session a person may keep
# open for an hour, and keeps it.
BATCH_COMMANDS = frozenset({"merge", "dupes", "check", "format", "convert"})


# Options whose value is a path: shown as FILE in the help, and completed as files.
_FILE_OPTIONS = {"output", "report", "rewrite_tex", "decisions_file", "decisions", "config"}


def _usage(shown: str) -> Callable[..., str]:
    return lambda *_args, **_kwargs: shown


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
                setattr(param, "make_metavar", _usage(shown))  # noqa: B010  (typer < 0.29)
                setattr(param, "_rich_display_name", _usage(shown))  # noqa: B010
                setattr(param, "display_type_rich", _no_type)  # noqa: B010
            elif isinstance(param, TyperOption) and not param.is_flag and param.metavar is None:
                param.metavar = "FILE" if param.name in _FILE_OPTIONS else "TEXT"


def build_app(names: set[str] | None = None) -> typer.Typer:
    """The app with the commands `names` (all when None) registered."""
    app = typer.Typer(
        name="refmerge",
        help="Deduplicating citation manager: read references from anywhere (BibTeX, scraped "
        "page text, ...), find and merge duplicates, write clean BibTeX, guard bibliographies "
        "in CI.",
        no_args_is_help=True,
        # `refmerge --install-completion` adds tab completion to bash, zsh, fish or PowerShell
        add_completion=True,
        rich_markup_mode=None,
        context_settings={"help_option_names": ["-h", "--help"]},
        pretty_exceptions_enable=False,
    )
    app.callback()(_root)
    for name, module_name, function in COMMANDS:
        if names is None or name in names:
            module = importlib.import_module(f"{__package__}.{module_name}")
            app.command(name, cls=_Command, epilog=module.EXAMPLES, no_args_is_help=True)(
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
    """The console entry point: the command line's one command, in a process of its own.

    A batch command (`BATCH_COMMANDS`) runs without CPython's cyclic collector. Reading a
    library builds millions of objects that live to the end and almost no cycles, and the
    collector walks every live object again each time they grow by a quarter: with it,
    `check`, `convert`, `dupes` and `format` of 100,000 entries took 8-21 % more CPU time
    and no less memory (bench figures in docs/architecture.md). The process ends with the
    command, so what the collector could free it frees at the exit anyway. `refs/bulk.py`
    pauses it for the bulk stages of any caller; this covers the rest of the command."""
    # a large merge's objects are not freed one by one at the end (cli/lifetime.py)
    from refmerge.cli.lifetime import at_entry_point, exit_past_teardown

    at_entry_point()
    names = _commands_in(sys.argv[1:])
    if names and names <= BATCH_COMMANDS:
        gc.disable()
    try:
        build_app(names)()
    except SystemExit as done:
        exit_past_teardown(done.code)
        raise
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        sys.exit(130)
