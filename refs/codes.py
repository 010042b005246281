"""The diagnostic code registry: one place that says what each code means.

Codes are grouped like ruff's: RM0xx input, RM1xx syntax, RM2xx duplicates,
RM3xx field content, RM4xx formatting. `check --select/--ignore` and the README
table are built from this registry, and so is every policy about codes: which
ones mean records were lost (`loses_records`), which forbid writing output
(`blocks_writing`), which need the duplicate engine (`needs_matching`), which run
only when selected (`opt_in`), and which `check --fix` repairs and how safely
(`fix_safety`, as ruff marks its fixes). Code elsewhere asks these properties or
uses the constants below (`RM302`), never a literal "RMnnn" or a set of its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from .model import Diagnostic, Severity


class FixSafety(str, Enum):
    """How `check --fix` repairs a code, ruff's way: a safe fix keeps what the file means
    (it only reformats, escapes or drops what is empty or an exact copy); an unsafe one
    may change it; `NONE` means a person must decide."""

    SAFE = "safe"
    UNSAFE = "unsafe"
    NONE = "none"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True, slots=True)
class Code:
    code: str
    severity: Severity
    summary: str
    fix: str
    name: str = ""  # kebab-case, as ruff names its rules
    loses_records: bool = False  # the input could not be read whole: records may be missing
    blocks_writing: bool = False  # writing output now would silently lose or corrupt input
    needs_matching: bool = False  # found by the duplicate engine, not by field checks
    opt_in: bool = False  # runs only when selected explicitly (`--select RM401`)
    fix_safety: FixSafety = FixSafety.NONE

    @property
    def fixable(self) -> bool:
        return self.fix_safety is not FixSafety.NONE


CODES: dict[str, Code] = {}


def register(
    code: str,
    severity: Severity,
    summary: str,
    fix: str,
    *,
    name: str,
    loses_records: bool = False,
    blocks_writing: bool = False,
    needs_matching: bool = False,
    opt_in: bool = False,
    fix_safety: FixSafety = FixSafety.NONE,
) -> str:
    """Add a code to the registry; returns the code string for its constant."""
    CODES[code] = Code(
        code,
        severity,
        summary,
        fix,
        name,
        loses_records,
        blocks_writing,
        needs_matching,
        opt_in,
        fix_safety,
    )
    return code


E, W = Severity.ERROR, Severity.WARNING
INPUT_UNREADABLE = register(
    "RM001",
    E,
    "input cannot be read (missing, binary, wrong encoding)",
    "check the path; pass --encoding for non-UTF-8 files",
    name="input-unreadable",
    loses_records=True,
    blocks_writing=True,
)
NO_RECORDS = register(
    "RM002",
    E,
    "no records could be recognised in the input",
    "check the file is a bibliography; force the format with --from",
    name="no-records",
    loses_records=True,
    blocks_writing=True,
)
HTML_SOURCE = register(
    "RM003",
    W,
    "the input is HTML source; only its visible text was read",
    "copy the page text from the browser (or save it as text) and convert that",
    name="html-source",
)
TAGS_NOT_KEPT = register(
    "RM004",
    Severity.INFO,
    "tags, columns or elements of a foreign export that no BibTeX field keeps were left out",
    "nothing to fix; docs/formats.md lists what each format keeps; keep the original export "
    "if you need a listed field",
    name="tags-not-kept",
)
SYNTAX_ERROR = register(
    "RM101",
    E,
    "syntax error: the entry cannot be parsed (unbalanced braces, bad header)",
    "balance the braces/quotes of the entry at the reported line",
    name="syntax-error",
    loses_records=True,
    blocks_writing=True,
)
MISSING_COMMA = register(
    "RM102",
    E,
    "a comma is missing between two fields",
    "add the comma after the value that ends just before the reported field",
    name="missing-comma",
)
DUPLICATE_FIELD = register(
    "RM103",
    E,
    "the same field appears twice in one entry",
    "keep one of the values; BibTeX silently uses the first",
    name="duplicate-field",
    blocks_writing=True,
)
UNDEFINED_MACRO = register(
    "RM104",
    W,
    "a macro (@string) is used but never defined",
    "define it with @string or brace the value",
    name="undefined-macro",
)
UNREAD_TEXT = register(
    "RM105",
    W,
    "text that looks like a record could not be read",
    "check the reported lines; fix or remove them",
    name="unread-text",
)
MALFORMED_RECORD = register(
    "RM106",
    W,
    "malformed record in a tagged export (RIS, MEDLINE, Web of Science) or a CSV row",
    "check the record at the reported line: a missing TY/ER or PMID line, a line without a tag",
    name="malformed-record",
)
BROKEN_STRUCTURE = register(
    "RM107",
    E,
    "the file's structure is broken (XML or JSON syntax error); records after it are lost",
    "fix the syntax at the reported line, or export the file again",
    name="broken-structure",
    loses_records=True,
    blocks_writing=True,
)
MACRO_REDEFINED = register(
    "RM108",
    W,
    "an @string macro is defined again with a different value (merge keeps the first one)",
    "rename one of the macros; fields that used the dropped definition are written out in full",
    name="macro-redefined",
)
LISTING_NOT_READ = register(
    "RM109",
    Severity.INFO,
    "page text listing other works (references, similar or citing articles) was not read",
    "nothing to fix if only the page's own record is wanted; to convert such a list, "
    "save it as a file of its own",
    name="listing-not-read",
)


# -- check: duplicates (RM2xx), field content (RM3xx), formatting (RM4xx) ----------------------
DUPLICATE_WORK = register(
    "RM201",
    E,
    "duplicate work: this entry is the same work as an earlier one",
    "keep one entry (`refmerge merge` or `check --fix` for exact copies); cite its key",
    name="duplicate-work",
    needs_matching=True,
)
POSSIBLE_DUPLICATE = register(
    "RM202",
    W,
    "possible duplicate: a person should decide",
    "merge them, or record 'not duplicates' in the decisions file",
    name="possible-duplicate",
    needs_matching=True,
)
DUPLICATE_KEY = register(
    "RM203",
    E,
    "duplicate citation key (case-insensitive, as BibTeX and biber compare them)",
    "rename one key, or delete the copy",
    name="duplicate-key",
    fix_safety=FixSafety.SAFE,
)
PREPRINT_AND_PUBLISHED = register(
    "RM204",
    Severity.INFO,
    "preprint and published version of one work are both present",
    "cite the published version, or keep both on purpose",
    name="preprint-and-published",
    needs_matching=True,
)
MISSING_FIELD = register(
    "RM301",
    W,
    "a field the entry type requires is missing",
    "add the field, or change the entry type (biblatex model with --biblatex)",
    name="missing-required-field",
)
MALFORMED_DOI = register(
    "RM302",
    E,
    "malformed DOI",
    "write the bare DOI `10.NNNN/suffix`, one per field",
    name="malformed-doi",
)
MALFORMED_ISBN = register(
    "RM303",
    E,
    "ISBN with a wrong checksum or length",
    "copy the ISBN again from the book; ISBN-10 and ISBN-13 have a check digit",
    name="malformed-isbn",
)
MALFORMED_YEAR = register(
    "RM304",
    W,
    "malformed year or date",
    "year: four digits; date (biblatex): ISO 8601 such as 2019-04 or 2019/2020",
    name="malformed-year",
)
MALFORMED_MONTH = register(
    "RM305",
    W,
    "malformed month",
    "use a month macro (jan, feb, ...) without braces, or 1-12",
    name="malformed-month",
)
MALFORMED_PAGES = register(
    "RM306",
    W,
    "malformed page range",
    "write `first--last` (e.g. 1034--1071), without `pp.`; the first page not after the last",
    name="malformed-pages",
)
UNESCAPED_SPECIAL = register(
    "RM307",
    E,
    "unescaped & % or # in a text field (LaTeX error or lost text)",
    "escape it as \\&, \\%, \\# (`check --fix` or `refmerge format` does it)",
    name="unescaped-special",
    fix_safety=FixSafety.SAFE,
)
EMPTY_FIELD = register(
    "RM308",
    W,
    "empty field",
    "fill it in or delete it (`check --fix` deletes it)",
    name="empty-field",
    fix_safety=FixSafety.SAFE,
)
MISSING_PARENT = register(
    "RM309",
    E,
    "crossref or xdata points to a key that is not in the file",
    "add the parent entry, or fix the key it names",
    name="missing-parent",
)
UNKNOWN_TYPE = register(
    "RM310",
    W,
    "entry type unknown to the data model (BibTeX styles fall back to @misc)",
    "use a standard type, or check with --biblatex for biblatex types",
    name="unknown-entry-type",
)
PARENT_BEFORE_CHILD = register(
    "RM311",
    W,
    "crossref parent stands before an entry that names it (BibTeX then ignores it)",
    "move the parent entry below the entries that cross-reference it (`refmerge merge` does)",
    name="parent-before-child",
)
MALFORMED_NAME = register(
    "RM312",
    W,
    "malformed biblatex extended name (unknown key, item without `=`, unclosed brace or quote)",
    "write `family=..., given=...` with biblatex's keys (prefix, suffix, given-i, useprefix ...); "
    "brace values holding commas",
    name="malformed-extended-name",
)
NOT_CLEAN_FORMAT = register(
    "RM401",
    E,
    "file is not in clean format (opt-in)",
    "run `refmerge format --in-place FILE` or `refmerge check --fix`",
    name="not-clean-format",
    opt_in=True,
    fix_safety=FixSafety.SAFE,
)


def codes_where(**properties: object) -> frozenset[str]:
    """The codes whose registry properties have these values: `codes_where(opt_in=True)`."""
    return frozenset(
        c.code for c in CODES.values() if all(getattr(c, k) == v for k, v in properties.items())
    )


# Codes that run only when selected explicitly (`--select RM401`, `--extend-select RM4`).
OPT_IN = codes_where(opt_in=True)


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
# (format, convert, merge, check --fix) refuse and exit 2 instead. Everything else is
# reported and recovered.
WRITE_BLOCKING_CODES = codes_where(blocks_writing=True)
# Problems after which records of the input are missing: commands that only report
# (dupes) refuse such input, since their answer would be about part of it.
UNREADABLE_CODES = codes_where(loses_records=True)
# Codes the duplicate engine finds (check runs it only when one of them is selected).
DUPLICATE_CODES = codes_where(needs_matching=True)


def diagnostic(
    code: str, message: str, file: str, line: int = 0, col: int = 0, end_line: int | None = None
) -> Diagnostic:
    """Build a diagnostic with the registry's severity for `code`."""
    return Diagnostic(CODES[code].severity, code, message, file, line, col, end_line)
