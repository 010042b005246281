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


def diagnostic(
    code: str, message: str, file: str, line: int = 0, col: int = 0, end_line: int | None = None
) -> Diagnostic:
    """Build a diagnostic with the registry's severity for `code`."""
    return Diagnostic(CODES[code].severity, code, message, file, line, col, end_line)
