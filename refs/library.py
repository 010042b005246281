"""Reading several inputs as one bibliography: the first step of every command, as a library.

    from refmerge.refs.library import read_inputs
    from refmerge.dedupe.pipeline import MergeSettings, merge

    bib = read_inputs(["a.bib", "b.ris"])
    result = merge(bib, MergeSettings(strictness="balanced"))

LaTeX reads `\\bibliography{abbrev,papers}` as one text, so an `@string` an earlier
BibTeX file defines is known in the later ones. That threading of macros across
inputs is done here, once, for `merge`, `dupes`, `check --together`, `convert` and
the benches; the commands only print and decide exit codes.

An input that cannot be read at all (missing, binary, undecodable, no known format)
does not stop the others: it is kept with its error, so a command can show every
problem in one run before it refuses.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field

from .formats.bibtex import macros_after
from .formats.registry import detect_format, format_by_extension, read_text
from .formats.sources import read_input
from .model import Diagnostic, InputError, Library, Reference

# Chooses an input's format from its display name and decoded text (None: detect it).
FormatChooser = Callable[[str, str], "str | None"]


def by_content_or_extension(name: str, text: str) -> str | None:
    """The sniffed format, else the one the extension names (how `merge` picks a reader):
    an empty or unrecognised `.ris` file is read as RIS rather than refused."""
    return detect_format(text, name) or format_by_extension(name)


@dataclass(slots=True)
class Input:
    """One input of a run, in command-line order."""

    path: str  # as given ('-' for stdin)
    name: str  # as shown in messages ('<stdin>' for stdin)
    format: str  # the reader used ('' when the input could not be read)
    library: Library  # empty when `error` is set
    inherited_macros: dict[str, str]  # @strings of the BibTeX inputs before this one
    error: Diagnostic | None = None  # why the input could not be read at all
    text: str | None = None  # the decoded text, kept only when asked (check needs it)

    @property
    def diagnostics(self) -> list[Diagnostic]:
        """Every problem of this input: the fatal one, or what the reader reported."""
        return [self.error] if self.error is not None else list(self.library.diagnostics)

    def refused(self, codes: Collection[str]) -> bool:
        """Whether this input is unusable for a command that cannot accept `codes`."""
        return self.error is not None or any(d.code in codes for d in self.library.diagnostics)


@dataclass(slots=True)
class Bibliography:
    """Every input of one run, read as LaTeX reads one bibliography."""

    inputs: list[Input] = field(default_factory=list)

    @property
    def references(self) -> list[Reference]:
        """All records of the readable inputs, in input order (the indexes dedupe uses)."""
        return [r for inp in self.inputs for r in inp.library.references]

    @property
    def diagnostics(self) -> list[Diagnostic]:
        """Every input's problems, in input order."""
        return [d for inp in self.inputs for d in inp.diagnostics]

    @property
    def failed(self) -> list[Input]:
        """Inputs that could not be read at all."""
        return [inp for inp in self.inputs if inp.error is not None]

    def refused(self, codes: Collection[str]) -> list[Input]:
        """Inputs a command that cannot accept `codes` must not use."""
        return [inp for inp in self.inputs if inp.refused(codes)]


def read_one(
    path: str,
    fmt: str | FormatChooser | None = None,
    encoding: str | None = None,
    macros: Mapping[str, str] | None = None,
    *,
    keep_text: bool = False,
    max_bytes: int | None = None,
) -> Input:
    """One input; an unreadable one comes back with its `error` set instead of raising.

    `fmt` is a format name, a function of (name, text) choosing one, or None to detect it
    from the content (`registry.read_text`: the extension breaks ties; an empty input is
    an RM002 error unless it is a `.bib` file, which BibTeX reads as an empty bibliography).
    """
    inherited = dict(macros or {})
    try:
        text, name = read_input(path, encoding, max_bytes)
        chosen = fmt(name, text) if callable(fmt) else fmt
        library = read_text(text, name, chosen, inherited)
        detected = chosen or detect_format(text, name) or format_by_extension(name)
    except InputError as exc:
        shown = "<stdin>" if path == "-" else path
        return Input(path, shown, "", Library(), inherited, error=exc.diagnostic)
    return Input(
        path, name, detected or "bibtex", library, inherited, text=text if keep_text else None
    )


def read_inputs(
    paths: Sequence[str],
    fmt: str | FormatChooser | None = None,
    encoding: str | None = None,
    *,
    keep_text: bool = False,
    share_macros: bool = True,
    max_bytes: int | None = None,
    on_read: Callable[[Input], None] | None = None,
) -> Bibliography:
    """Every input in order, BibTeX ones seeing the `@string`s of the BibTeX inputs before them.

    `share_macros=False` reads each file on its own (`check` without `--together`).
    `max_bytes` bounds each input (`formats.sources.DEFAULT_MAX_BYTES` when None).
    `on_read` is called after each input (progress displays count with it).
    """
    bib = Bibliography()
    macros: dict[str, str] = {}
    for path in paths:
        inp = read_one(
            path,
            fmt,
            encoding,
            macros if share_macros else None,
            keep_text=keep_text,
            max_bytes=max_bytes,
        )
        if inp.error is None and inp.format == "bibtex" and share_macros:
            macros = macros_after(inp.library, macros)
        bib.inputs.append(inp)
        if on_read is not None:
            on_read(inp)
    return bib
