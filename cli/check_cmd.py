"""`refmerge check`: the CI guard for bibliographies.

Reads each file, collects the reader's syntax diagnostics, the field checks
(refs/checks.py) and the duplicate engine's findings, keeps the selected codes,
prints them as text, GitHub annotations or JSON, and owns the exit code:
0 clean, 1 problems (errors; warnings too with --strict), 2 usage or input error.
"""

from __future__ import annotations

import dataclasses
import difflib
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated

import typer

from refmerge.dedupe.policy import Strictness
from refmerge.refs.checks.rules import (
    CheckOptions,
    Locator,
    check_library,
    clean_format_problem,
    copy_key,
)
from refmerge.refs.codes import (
    CODES,
    DUPLICATE_CODES,
    DUPLICATE_WORK,
    NOT_CLEAN_FORMAT,
    POSSIBLE_DUPLICATE,
    PREPRINT_AND_PUBLISHED,
    WRITE_BLOCKING_CODES,
)
from refmerge.refs.formats.bibtex_writer import format_blocks
from refmerge.refs.formats.registry import FORMATS, detect_format, read_text
from refmerge.refs.library import Input, read_inputs
from refmerge.refs.model import Block, Diagnostic, Library, Reference, Severity

from .check_across import CheckedFile, across_files
from .config import ConfigError, Settings, load_config, settings_for
from .diagnostics_out import RENDERERS
from .dialect import Dialect
from .dialect import detect as detect_dialect
from .options import Encoding, MaxSize
from .output import OutputError, Outputs, write_in_place

EXAMPLES = """Examples:

\b
  # compiler-style messages, exit 1 on errors
  refmerge check refs.bib
\b
  # annotations in a GitHub Actions run
  refmerge check refs.bib --format github
\b
  refmerge check *.bib --select RM2,RM3 --ignore RM301
\b
  # also require clean formatting
  refmerge check refs.bib --extend-select RM401
\b
  # show what --fix would change, then format and drop exact copies in place
  refmerge check refs.bib --fix --diff
  refmerge check refs.bib --fix
\b
  # also keys and works the two files share
  refmerge check main.bib extra.bib --together
"""

DEFAULT_SELECT = ("RM",)


# -- code selection (ruff's rules) ----------------------------------------------------------------


def split_selectors(values: Iterable[str] | None) -> tuple[str, ...] | None:
    """`--select RM2,RM3 --select RM401` -> ('RM2', 'RM3', 'RM401'); None when not given."""
    if values is None:
        return None
    out = [part.strip().upper() for value in values for part in value.split(",")]
    return tuple(p for p in out if p)


def unknown_selectors(selectors: Iterable[str]) -> list[str]:
    """Selectors that match no registered code (typos fail loudly instead of selecting nothing)."""
    return [s for s in selectors if s != "ALL" and not any(c.startswith(s) for c in CODES)]


def _longest(code: str, selectors: Iterable[str]) -> int:
    """Length of the most specific selector matching `code` (-1: none; ALL counts as 0)."""
    best = -1
    for s in selectors:
        if s == "ALL":
            best = max(best, 0)
        elif code.startswith(s):
            best = max(best, len(s))
    return best


def enabled_codes(
    select: Sequence[str] | None, extend_select: Sequence[str] = (), ignore: Sequence[str] = ()
) -> frozenset[str]:
    """The codes to report: the most specific matching selector wins, ignore wins ties.

    Opt-in codes (RM401) need a selector naming their group at least (`RM4`, `RM401`
    or `ALL`); the default selection and a bare `RM` leave them off.
    """
    chosen = [*(select if select is not None else DEFAULT_SELECT), *extend_select]
    enabled = set()
    for code in CODES:
        sel = _longest(code, chosen)
        if sel < 0:
            continue
        if CODES[code].opt_in and not (sel >= 3 or (sel == 0 and "ALL" in chosen)):
            continue
        if _longest(code, ignore) >= sel:
            continue
        enabled.add(code)
    return frozenset(enabled)


# -- one file ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RunOptions:
    """What `check` does to every file that shares one configuration."""

    enabled: frozenset[str]
    biblatex: bool | None = False  # None: detect per file (cli/dialect.py)
    strict: bool = False
    settings: Settings = field(default_factory=Settings)


def duplicate_diagnostics(
    refs: Sequence[Reference], file: str, source: str | None, settings: Settings, biblatex: bool
) -> list[Diagnostic]:
    """RM201/RM202/RM204 from the duplicate engine, pointing at the later entry of each pair."""
    if len(refs) < 2:
        return []  # no pair to compare: the engine (~0.1 s to import) is not loaded
    from refmerge.dedupe.engine import find_duplicates  # the engine loads only when needed

    loc = Locator(file, source)
    result = find_duplicates(refs, settings.policy())
    out: list[Diagnostic] = []
    for group in result.groups:
        first = refs[group.members[0]]
        why = ", ".join(group.reasons)
        for m in group.members[1:]:
            ref = refs[m]
            if ref.key.casefold() == first.key.casefold():
                continue  # the same key twice: RM203 says it already
            note = ""
            if copy_key(ref) == copy_key(first):
                note = (
                    "; an exact copy (--fix drops it, keeping its key in ids)"
                    if biblatex
                    else "; an exact copy under another key (biblatex: --fix --biblatex)"
                )
            out.append(
                loc.at_entry(
                    DUPLICATE_WORK,
                    ref,
                    f"'{ref.key}' duplicates '{first.key}' (line {loc.entry(first)[0]}): {why}"
                    f"{note}",
                )
            )
    for pair in result.review:
        a, b = refs[min(pair.a, pair.b)], refs[max(pair.a, pair.b)]
        if a.key.casefold() == b.key.casefold():
            continue
        out.append(
            loc.at_entry(
                POSSIBLE_DUPLICATE,
                b,
                f"'{b.key}' may duplicate '{a.key}' (line {loc.entry(a)[0]}): "
                f"{', '.join(pair.reasons)}; decide with 'refmerge review {file}' (or record "
                f"'{a.key} != {b.key}' or '==' in the decisions file)",
            )
        )
    for group in result.versions:
        first = refs[group.members[0]]
        for m in group.members[1:]:
            ref = refs[m]
            if ref.key.casefold() == first.key.casefold():
                continue
            out.append(
                loc.at_entry(
                    PREPRINT_AND_PUBLISHED,
                    ref,
                    f"'{ref.key}' and '{first.key}' (line {loc.entry(first)[0]}) are versions of "
                    f"one work: {', '.join(group.reasons)}",
                )
            )
    return out


def _with_columns(diagnostics: Sequence[Diagnostic], text: str) -> list[Diagnostic]:
    """Reader diagnostics name a line (a field's or an entry's); point at its first character."""
    lines = text.split("\n")
    out = []
    for d in diagnostics:
        if d.line and not d.col and d.line <= len(lines):
            stripped = lines[d.line - 1].lstrip()
            if stripped:
                d = dataclasses.replace(d, col=len(lines[d.line - 1]) - len(stripped) + 1)
        out.append(d)
    return out


def input_format(name: str, text: str) -> str | None:
    """BibTeX for .bib files, stdin and empty files; other files (RIS, nbib, ...) by content."""
    if name == "<stdin>" or Path(name).suffix.lower() in FORMATS["bibtex"].extensions:
        return "bibtex"
    return detect_format(text, name) if text.strip() else "bibtex"


def diagnose_library(
    lib: Library, text: str, name: str, options: RunOptions, fmt: str
) -> list[Diagnostic]:
    """Every selected problem in one file as read, in source order."""
    diags = _with_columns(lib.diagnostics, text) if fmt == "bibtex" else list(lib.diagnostics)
    check_options = CheckOptions(biblatex=bool(options.biblatex), latex_source=fmt == "bibtex")
    diags.extend(check_library(lib, name, text, check_options))
    if options.enabled & DUPLICATE_CODES:
        diags.extend(
            duplicate_diagnostics(
                lib.references, name, text, options.settings, bool(options.biblatex)
            )
        )
    clean_ok = fmt == "bibtex" and not any(d.code in WRITE_BLOCKING_CODES for d in lib.diagnostics)
    if NOT_CLEAN_FORMAT in options.enabled and clean_ok:
        problem = clean_format_problem(lib, name, text)
        if problem:
            diags.append(problem)
    diags = [d for d in diags if d.code in options.enabled]
    diags.sort(key=lambda d: (d.line, d.col, d.code))
    return diags


def fixed_blocks(lib: Library, biblatex: bool) -> list[Block]:
    """The blocks with exact copies dropped: same key always; other keys only for biblatex.

    A copy under another key is dropped only when biblatex's `ids` can keep that key
    citable; with BibTeX, dropping it would break `\\cite{}` commands.
    """
    first_of: dict[object, Reference] = {}
    dropped: set[int] = set()
    for ref in lib.references:
        key = copy_key(ref)
        first = first_of.setdefault(key, ref)
        if first is ref:
            continue
        if ref.key.casefold() == first.key.casefold():
            dropped.add(id(ref))
        elif biblatex:
            dropped.add(id(ref))
            ids = [k.strip() for k in first.get("ids").split(",") if k.strip()]
            if ref.key not in ids:
                first.set("ids", ", ".join([*ids, ref.key]))
    return [b for b in lib.blocks if id(b) not in dropped]


@dataclass
class FileReport:
    path: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    fixed: int = 0
    failed: bool = False  # could not be read: exit 2
    strict: bool = False  # warnings fail this file too
    checked: CheckedFile | None = None  # what --together compares across files
    dialect: Dialect | None = None  # detected (no --biblatex/--bibtex, no config)
    notes: list[str] = field(default_factory=list)  # what --fix did, or why not
    settings: Settings | None = None

    def fails(self) -> bool:
        """Whether this file makes `check` exit 1."""
        bad = {Severity.ERROR, Severity.WARNING} if self.strict else {Severity.ERROR}
        return any(d.severity in bad for d in self.diagnostics)


def check_input(
    inp: Input,
    options: RunOptions,
    fix: bool,
    encoding: str | None,
    outputs: Outputs,
    diff: bool = False,
) -> FileReport:
    """One file's report (read with its text kept, see `refs.library.read_inputs`).

    With `fix`, the file's fixed text is prepared in `outputs` and `report.notes` says what
    was fixed, or why nothing was; with `diff`, the change is printed first (and, without
    `fix`, nothing is written).
    """
    if inp.error is not None:
        return FileReport(inp.path, [inp.error], failed=True)
    lib, name, fmt, text = inp.library, inp.name, inp.format, inp.text or ""
    dialect = None
    if options.biblatex is None:
        dialect = detect_dialect(inp.path, lib.references)
        options = dataclasses.replace(options, biblatex=dialect.biblatex)
    diags = diagnose_library(lib, text, name, options, fmt)
    report = FileReport(name, strict=options.strict, settings=options.settings)
    report.dialect = dialect
    if fix or diff:
        text, lib, diags = _fix(
            inp, lib, text, diags, options, report, fix, diff, encoding, outputs
        )
    report.diagnostics = diags
    report.checked = CheckedFile(name, text, lib.references, options.enabled)
    return report


def _fix(
    inp: Input,
    lib: Library,
    text: str,
    diags: list[Diagnostic],
    options: RunOptions,
    report: FileReport,
    fix: bool,
    diff: bool,
    encoding: str | None,
    outputs: Outputs,
) -> tuple[str, Library, list[Diagnostic]]:
    """--fix / --diff on one file: (text, library, diagnostics) as they stand afterwards."""
    name = inp.name
    # Only BibTeX files are rewritten: fixing a RIS file would turn it into BibTeX.
    if inp.format != "bibtex" or inp.path == "-":
        what = "stdin" if inp.path == "-" else f"a {inp.format} file (only BibTeX is rewritten)"
        report.notes.append(f"{name}: not fixed: {what}")
        return text, lib, diags
    fatal = [d for d in lib.diagnostics if d.code in WRITE_BLOCKING_CODES]
    if fatal:
        first = fatal[0]
        report.notes.append(
            f"{name}: not fixed: {first.code} at line {first.line} ({len(fatal)} such "
            "problem(s)) could lose text if the file were rewritten; fix it by hand first"
        )
        return text, lib, diags
    kept = fixed_blocks(lib, bool(options.biblatex))
    dropped = len(lib.references) - sum(1 for b in kept if isinstance(b, Reference))
    clean = format_blocks(kept)
    original = text.replace("\r\n", "\n")
    if clean == original:
        report.notes.append(f"{name}: nothing to fix (already clean)")
        return text, lib, diags
    if diff:
        sys.stdout.writelines(
            difflib.unified_diff(
                original.splitlines(keepends=True),
                clean.splitlines(keepends=True),
                fromfile=f"{name} (now)",
                tofile=f"{name} (--fix)",
            )
        )
    if not fix:
        return text, lib, diags
    if not write_in_place(inp.path, clean, encoding, outputs):
        report.notes.append(f"{name}: not fixed: its encoding cannot hold the fixed text")
        return text, lib, diags
    fixed_lib = read_text(clean, name, "bibtex", inp.inherited_macros)
    after = diagnose_library(fixed_lib, clean, name, options, "bibtex")
    report.fixed = max(0, len(diags) - len(after))
    done = ["rewrote it in the house style (refmerge format)"]
    if dropped:
        done.append(f"dropped {dropped} exact cop{'y' if dropped == 1 else 'ies'}")
    still = f"; {len(after)} problem(s) left that --fix cannot fix" if after else ""
    report.notes.append(f"{name}: fixed: {', '.join(done)}{still}")
    return clean, fixed_lib, after


def add_cross_file_findings(reports: list[FileReport]) -> None:
    """--together: keys and works shared between the files, each on its later entry."""
    readable = [r for r in reports if r.checked is not None]
    if len(readable) < 2:
        return
    settings = readable[0].settings or Settings()
    found = across_files([r.checked for r in readable if r.checked], settings.policy())
    for r in readable:
        extra = found.get(r.path, [])
        if extra:
            r.diagnostics = sorted([*r.diagnostics, *extra], key=lambda d: (d.line, d.col, d.code))


# -- the command ------------------------------------------------------------------------------------


def check_command(
    files: Annotated[
        list[str],
        typer.Argument(help="BibTeX files (other formats by content); '-' reads BibTeX on stdin."),
    ],
    output_format: Annotated[
        str,
        typer.Option(
            "--format", metavar="[text|github|json]", help="Plain text, GitHub annotations or JSON."
        ),
    ] = "text",
    select: Annotated[
        list[str] | None,
        typer.Option("--select", help="Only these codes or prefixes (RM2,RM301; ALL)."),
    ] = None,
    extend_select: Annotated[
        list[str] | None,
        typer.Option("--extend-select", help="Add codes to the selection (e.g. RM401)."),
    ] = None,
    ignore: Annotated[
        list[str] | None, typer.Option("--ignore", help="Leave out these codes or prefixes.")
    ] = None,
    strictness: Annotated[
        Strictness | None,
        typer.Option(
            "--strictness",
            metavar="[strict|balanced|loose]",
            help="Duplicate matching: strict, balanced or loose.",
        ),
    ] = None,
    biblatex: Annotated[
        bool | None,
        typer.Option("--biblatex/--bibtex", help="Required fields of biblatex's data model."),
    ] = None,
    strict: Annotated[
        bool | None, typer.Option("--strict/--no-strict", help="Warnings fail too (exit 1).")
    ] = None,
    fix: Annotated[
        bool,
        typer.Option("--fix", help="Rewrite files in place: clean format, exact copies dropped."),
    ] = False,
    config: Annotated[
        Path | None,
        typer.Option("--config", help="Use this config file instead of searching for one."),
    ] = None,
    encoding: Encoding = None,
    together: Annotated[
        bool,
        typer.Option(
            "--together",
            help="The files are one bibliography (\\bibliography{a,b}): also report keys and "
            "works that two files share.",
        ),
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No summary line.")] = False,
    diff: Annotated[
        bool,
        typer.Option("--diff", help="Show what --fix changes (alone: show it, write nothing)."),
    ] = False,
    show_all: Annotated[
        bool,
        typer.Option(
            "--show-all",
            help=f"Print every diagnostic (text output shows {PER_CODE_SHOWN} of each code).",
        ),
    ] = False,
    max_size: MaxSize = None,
) -> None:
    """Report duplicates, broken entries and bad fields; exit 1 when there are errors."""
    if output_format not in RENDERERS:
        raise typer.BadParameter(
            f"{output_format!r} is not a format check prints; use text, github or json",
            param_hint="--format",
        )
    cli_select = split_selectors(select)
    cli_extend = split_selectors(extend_select) or ()
    cli_ignore = split_selectors(ignore) or ()
    bad = unknown_selectors([*(cli_select or ()), *cli_extend, *cli_ignore])
    if bad:
        raise typer.BadParameter(f"no code matches {', '.join(bad)} (see docs/check.md)")
    if fix and "-" in files:
        raise typer.BadParameter("--fix cannot rewrite stdin")

    def options_for(settings: Settings) -> RunOptions:
        bad_config = unknown_selectors(
            [*(settings.select or ()), *settings.extend_select, *settings.ignore]
        )
        if bad_config:
            raise ConfigError(f"{settings.path}: no code matches {', '.join(bad_config)}")
        if strictness is not None:
            settings = dataclasses.replace(settings, strictness=strictness)
        # A --select on the command line is the whole selection: the config's select and
        # extend-select give way; ignores add up.
        chosen: tuple[str, ...] | None
        if cli_select is not None:
            chosen, extend = cli_select, cli_extend
        else:
            chosen, extend = settings.select, (*settings.extend_select, *cli_extend)
        return RunOptions(
            enabled_codes(chosen, extend, (*settings.ignore, *cli_ignore)),
            biblatex=settings.biblatex if biblatex is None else biblatex,
            strict=settings.strict if strict is None else strict,
            settings=settings,
        )

    cache: dict[object, RunOptions] = {}
    options_of: list[RunOptions] = []
    try:
        for path in files:
            settings = load_config(config) if config else settings_for(path)
            if settings.path not in cache:
                cache[settings.path] = options_for(settings)
            options_of.append(cache[settings.path])
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        raise typer.Exit(2) from exc
    outputs = Outputs(files)
    try:
        for path in files if fix else ():
            outputs.claim(path, "--fix", may_be_input=True, if_changed=True)
    except OutputError as exc:
        print(exc, file=sys.stderr)
        raise typer.Exit(2) from None
    # --together: later files see earlier files' @strings, as BibTeX does
    bib = read_inputs(
        files, input_format, encoding, keep_text=True, share_macros=together, max_bytes=max_size
    )
    if fix and bib.failed:  # files are rewritten together or not at all
        print(
            f"--fix: nothing rewritten, {len(bib.failed)} file(s) could not be read",
            file=sys.stderr,
        )
        fix = False
    try:
        reports = [
            check_input(inp, options, fix, encoding, outputs, diff)
            for inp, options in zip(bib.inputs, options_of, strict=True)
        ]
        outputs.commit()
    except OutputError as exc:
        outputs.discard()
        print(exc, file=sys.stderr)
        raise typer.Exit(2) from None
    if together:
        add_cross_file_findings(reports)

    diagnostics = [d for r in reports for d in r.diagnostics]
    _say_dialects(reports, quiet)
    shown, hidden = (
        _capped(diagnostics, PER_CODE_SHOWN)
        if output_format == "text" and not show_all
        else (diagnostics, Counter[str]())
    )
    sys.stdout.write(RENDERERS[output_format](shown))
    sys.stdout.flush()
    failed = sum(1 for r in reports if r.failed)
    for r in reports:
        for note in r.notes:
            print(note, file=sys.stderr)
    if not quiet:
        _code_counts(diagnostics, hidden)
        _summary(reports, failed)
    if failed:
        raise typer.Exit(2)
    raise typer.Exit(1 if any(r.fails() for r in reports) else 0)


# Text output shows this many diagnostics of each code, then says how many more there are:
# thousands of one warning hide the few errors a person needs to see (JSON and GitHub
# annotations always carry every diagnostic).
PER_CODE_SHOWN = 20


def _capped(
    diagnostics: Sequence[Diagnostic], per_code: int
) -> tuple[list[Diagnostic], Counter[str]]:
    """The first `per_code` diagnostics of each code, in order, and the count left out."""
    seen: Counter[str] = Counter()
    hidden: Counter[str] = Counter()
    shown = []
    for d in diagnostics:
        seen[d.code] += 1
        if seen[d.code] <= per_code:
            shown.append(d)
        else:
            hidden[d.code] += 1
    return shown, hidden


def _code_counts(diagnostics: Sequence[Diagnostic], hidden: Counter[str]) -> None:
    """One line per code, most frequent first: what to fix (or --ignore) first."""
    counts = Counter(d.code for d in diagnostics)
    if len(diagnostics) < 2:
        return
    for code, n in counts.most_common():
        more = f" ({hidden[code]:,} not shown; --show-all lists them)" if hidden[code] else ""
        summary = CODES[code].summary if code in CODES else ""
        print(f"{n:>7,} {code} {summary}{more}", file=sys.stderr)


def _say_dialects(reports: Sequence[FileReport], quiet: bool) -> None:
    """Say once which dialect detected files were checked against, and why."""
    detected = [r for r in reports if r.dialect is not None]
    if quiet or not detected:
        return
    for biblatex in (True, False):
        files = [r for r in detected if r.dialect and r.dialect.biblatex is biblatex]
        if not files:
            continue
        names = ", ".join(r.path for r in files[:3]) + (
            f" and {len(files) - 3} more" if len(files) > 3 else ""
        )
        first = files[0].dialect
        why = first.reason if first else ""
        if biblatex:
            print(
                f"checking {names} as biblatex ({why}); --bibtex checks against BibTeX's "
                "standard styles",
                file=sys.stderr,
            )
        elif any(r.diagnostics for r in files):
            print(
                f"checking {names} as BibTeX ({why}); --biblatex checks against biblatex's "
                "data model",
                file=sys.stderr,
            )


def _summary(reports: list[FileReport], failed: int) -> None:
    counts = {s: 0 for s in Severity}
    for r in reports:
        for d in r.diagnostics:
            counts[d.severity] += 1
    fixed = sum(r.fixed for r in reports)
    parts = []
    if fixed:
        parts.append(f"fixed {fixed} problem(s)")
    total = counts[Severity.ERROR] + counts[Severity.WARNING] + counts[Severity.INFO]
    if total:
        parts.append(
            f"found {counts[Severity.ERROR]} error(s), {counts[Severity.WARNING]} warning(s)"
            + (f", {counts[Severity.INFO]} note(s)" if counts[Severity.INFO] else "")
            + f" in {len(reports)} file(s)"
        )
    else:
        parts.append(f"all checks passed ({len(reports)} file(s))")
    if failed:
        parts.append(f"{failed} file(s) could not be read")
    print("; ".join(parts), file=sys.stderr)
