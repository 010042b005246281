"""The diagnostic code registry: one place that says what each code means.

Codes are grouped like ruff's: RM0xx input, RM1xx syntax, RM2xx duplicates,
RM3xx field content, RM4xx formatting. `check --select/--ignore` and the README
table are built from this registry.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Diagnostic, Severity


@dataclass(frozen=True, slots=True)
class Code:
    code: str
    severity: Severity
    summary: str
    fix: str


CODES: dict[str, Code] = {}


def register(code: str, severity: Severity, summary: str, fix: str) -> Code:
    entry = Code(code, severity, summary, fix)
    CODES[code] = entry
    return entry


E, W = Severity.ERROR, Severity.WARNING
register(
    "RM001",
    E,
    "input cannot be read (missing, binary, wrong encoding)",
    "check the path; pass --encoding for non-UTF-8 files",
)
register(
    "RM002",
    E,
    "no records could be recognised in the input",
    "check the file is a bibliography; force the format with --from",
)
register(
    "RM003",
    W,
    "the input is HTML source; only its visible text was read",
    "copy the page text from the browser (or save it as text) and convert that",
)
register(
    "RM004",
    Severity.INFO,
    "tags, columns or elements of a foreign export that no BibTeX field keeps were left out",
    "nothing to fix; docs/formats.md lists what each format keeps; keep the original export "
    "if you need a listed field",
)
register(
    "RM101",
    E,
    "syntax error: the entry cannot be parsed (unbalanced braces, bad header)",
    "balance the braces/quotes of the entry at the reported line",
)
register(
    "RM102",
    E,
    "a comma is missing between two fields",
    "add the comma after the value that ends just before the reported field",
)
register(
    "RM103",
    E,
    "the same field appears twice in one entry",
    "keep one of the values; BibTeX silently uses the first",
)
register(
    "RM104",
    W,
    "a macro (@string) is used but never defined",
    "define it with @string or brace the value",
)
register(
    "RM105",
    W,
    "text that looks like a record could not be read",
    "check the reported lines; fix or remove them",
)
register(
    "RM106",
    W,
    "malformed record in a tagged export (RIS, MEDLINE, Web of Science) or a CSV row",
    "check the record at the reported line: a missing TY/ER or PMID line, a line without a tag",
)
register(
    "RM107",
    E,
    "the file's structure is broken (XML or JSON syntax error); records after it are lost",
    "fix the syntax at the reported line, or export the file again",
)
register(
    "RM108",
    W,
    "an @string macro is defined again with a different value (merge keeps the first one)",
    "rename one of the macros; fields that used the dropped definition are written out in full",
)
register(
    "RM109",
    Severity.INFO,
    "page text listing other works (references, similar or citing articles) was not read",
    "nothing to fix if only the page's own record is wanted; to convert such a list, "
    "save it as a file of its own",
)


# -- check: duplicates (RM2xx), field content (RM3xx), formatting (RM4xx) ----------------------
register(
    "RM201",
    E,
    "duplicate work: this entry is the same work as an earlier one",
    "keep one entry (`refmerge merge` or `check --fix` for exact copies); cite its key",
)
register(
    "RM202",
    W,
    "possible duplicate: a person should decide",
    "merge them, or record 'not duplicates' in the decisions file",
)
register(
    "RM203",
    E,
    "duplicate citation key (case-insensitive, as BibTeX and biber compare them)",
    "rename one key, or delete the copy",
)
register(
    "RM204",
    Severity.INFO,
    "preprint and published version of one work are both present",
    "cite the published version, or keep both on purpose",
)
register(
    "RM301",
    W,
    "a field the entry type requires is missing",
    "add the field, or change the entry type (biblatex model with --biblatex)",
)
register(
    "RM302",
    E,
    "malformed DOI",
    "write the bare DOI `10.NNNN/suffix`, one per field",
)
register(
    "RM303",
    E,
    "ISBN with a wrong checksum or length",
    "copy the ISBN again from the book; ISBN-10 and ISBN-13 have a check digit",
)
register(
    "RM304",
    W,
    "malformed year or date",
    "year: four digits; date (biblatex): ISO 8601 such as 2019-04 or 2019/2020",
)
register(
    "RM305",
    W,
    "malformed month",
    "use a month macro (jan, feb, ...) without braces, or 1-12",
)
register(
    "RM306",
    W,
    "malformed page range",
    "write `first--last` (e.g. 1034--1071), without `pp.`; the first page not after the last",
)
register(
    "RM307",
    E,
    "unescaped & % or # in a text field (LaTeX error or lost text)",
    "escape it as \\&, \\%, \\# (`check --fix` or `refmerge format` does it)",
)
register(
    "RM308",
    W,
    "empty field",
    "fill it in or delete it (`check --fix` deletes it)",
)
register(
    "RM309",
    E,
    "crossref or xdata points to a key that is not in the file",
    "add the parent entry, or fix the key it names",
)
register(
    "RM310",
    W,
    "entry type unknown to the data model (BibTeX styles fall back to @misc)",
    "use a standard type, or check with --biblatex for biblatex types",
)
register(
    "RM311",
    W,
    "crossref parent stands before an entry that names it (BibTeX then ignores it)",
    "move the parent entry below the entries that cross-reference it (`refmerge merge` does)",
)
register(
    "RM401",
    E,
    "file is not in clean format (opt-in)",
    "run `refmerge format --in-place FILE` or `refmerge check --fix`",
)

# Codes that run only when selected explicitly (`--select RM401`, `--extend-select RM4`).
OPT_IN: frozenset[str] = frozenset({"RM401"})


def codes_markdown_table() -> str:
    """The README's code table, generated so it never drifts from the registry."""
    rows = ["| code | severity | what | how to fix |", "|---|---|---|---|"]
    for code in sorted(CODES):
        entry = CODES[code]
        what = entry.summary.replace("|", "\\|")
        fix = entry.fix.replace("|", "\\|")
        rows.append(f"| {code} | {entry.severity.value} | {what} | {fix} |")
    return "\n".join(rows) + "\n"


# Problems after which writing output would silently lose or corrupt input: commands that write
# (format, convert, merge) refuse and exit 2 instead. Everything else is reported and recovered.
WRITE_BLOCKING_CODES = frozenset({"RM001", "RM002", "RM101", "RM103", "RM107"})


def diagnostic(
    code: str, message: str, file: str, line: int = 0, col: int = 0, end_line: int | None = None
) -> Diagnostic:
    """Build a diagnostic with the registry's severity for `code`."""
    return Diagnostic(CODES[code].severity, code, message, file, line, col, end_line)
