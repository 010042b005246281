"""Field-level checks behind `refmerge check`: pure functions from a Library to Diagnostics.

Everything here looks at one file's records without the duplicate engine (that
is dedupe's job, wired in by the CLI). Each diagnostic points at the line, and
where the source text is given the column, of the field or entry at fault, so
editors and GitHub annotations land on the right spot.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..codes import (
    DUPLICATE_KEY,
    EMPTY_FIELD,
    MALFORMED_DOI,
    MALFORMED_ISBN,
    MALFORMED_MONTH,
    MALFORMED_NAME,
    MALFORMED_PAGES,
    MALFORMED_YEAR,
    MISSING_FIELD,
    MISSING_PARENT,
    NOT_CLEAN_FORMAT,
    PARENT_BEFORE_CHILD,
    UNESCAPED_SPECIAL,
    UNKNOWN_TYPE,
    diagnostic,
)
from ..dialect import BIBLATEX_REQUIRED, BIBTEX_REQUIRED
from ..formats.bibtex_writer import VERBATIM_FIELDS, format_blocks
from ..grammar.dates import MONTH_NAMES, is_plain_year, month_macro
from ..grammar.ids import DOI_BODY, isbn_valid, strip_doi_prefix, trim_doi
from ..grammar.pages import ROMAN, expand_end, latex_dashes
from ..model import Diagnostic, Library, Reference, StringDef
from ..names import NAME_FIELDS, name_list_problems
from .crossref import parents_before_children

# Fields no standard style prints: text in them cannot break a LaTeX run.
_UNPRINTED = {
    "abstract",
    "keywords",
    "file",
    "owner",
    "timestamp",
    "groups",
    "mendeley-tags",
    "mendeley-groups",
    "bibsource",
    "bibdate",
}

_DOI = re.compile(rf"{DOI_BODY}")
_DATE_PART = (
    r"(?:-?\d{4}(?:-(?:0[1-9]|1[0-2]|2[1-4])(?:-(?:0[1-9]|[12]\d|3[01])(?:T[\d:]+Z?)?)?)?[?~%]?)"
)
_DATE_RE = re.compile(rf"^(?:{_DATE_PART}|\.\.)?(?:/(?:{_DATE_PART}|\.\.)?)?$")
_MONTH_WORD = re.compile(
    r"^(?:"
    + "|".join(sorted({*MONTH_NAMES, *MONTH_NAMES.values()}, key=len, reverse=True))
    + r")\.?(?![A-Za-z])",
    re.IGNORECASE,
)
# A page: anything with a digit (S12, 17A762, 12:3, 241409(R), e0123) or a roman numeral.
_PAGE_TOKEN = rf"(?:[\w.:()]*\d[\w.:()]*|{ROMAN})"
_ISSN = re.compile(r"^\s*\d{4}-?\d{3}[\dXx]\s*$")
_URL = re.compile(r"^\s*(?:(?:https?|ftp)://\S+[\s;,]*)+$")
_PAGE_PART = re.compile(rf"^({_PAGE_TOKEN})(?:\s*(?:-{{1,3}}|–|—|‒|−)\s*({_PAGE_TOKEN}))?\+?$")
_ISBN_CANDIDATE = re.compile(r"(?<![\dXx])(?:\d[\s-]?){8,12}[\dXx](?![\dXx])")
_SPECIAL = re.compile(r"(?<!\\)[&%#]")
_MATH_OR_URL = re.compile(r"(?<!\\)\$\$?.*?(?<!\\)\$\$?|\\(?:url|href|path)\s*\{[^{}]*\}", re.S)


@dataclass(frozen=True, slots=True)
class CheckOptions:
    """How strictly to read the records: BibTeX's standard styles or biblatex's model."""

    biblatex: bool = False
    # Values are LaTeX source (a .bib file): unescaped specials matter. Other formats hold
    # plain text that the writer escapes, so RM307 does not apply to them.
    latex_source: bool = True


class Locator:
    """Line and column of entries and fields, from the source text when we have it."""

    def __init__(self, file: str, source: str | None) -> None:
        self.file = file
        self.lines = source.split("\n") if source else []

    def col(self, line: int, pattern: str, start: int = 0) -> int:
        """Where `pattern` first matches on `line` at or after column `start` (0-based); 0: not.

        `start` comes from the reader (`Origin.column`) where records share a line, so a
        file written on one line costs one short search per diagnostic, not a whole line.
        """
        if 0 < line <= len(self.lines):
            m = re.compile(pattern, re.IGNORECASE).search(self.lines[line - 1], start)
            if m:
                return m.start(1) + 1 if m.groups() else m.start() + 1
        return 0

    def entry(self, ref: Reference) -> tuple[int, int]:
        line, start = ref.origin.line, max(0, (ref.origin.column or 1) - 1)
        key = r"@\s*\w*\s*[{(]\s*(" + re.escape(ref.key) + ")"
        col = self.col(line, key, start) if ref.key else 0
        return line, col or self.col(line, r"@", start)

    def field(self, ref: Reference, name: str) -> tuple[int, int]:
        line = ref.field_lines.get(name, 0)
        if not line:
            return self.entry(ref)
        pattern = r"(?<![\w-])(" + re.escape(name) + r")\s*="
        for candidate in (line, line + 1, line + 2, line - 1):
            start = (ref.origin.column or 1) - 1 if candidate == ref.origin.line else 0
            col = self.col(candidate, pattern, max(0, start))
            if col:
                return candidate, col
        return line, 0

    def at_entry(self, code: str, ref: Reference, message: str) -> Diagnostic:
        line, col = self.entry(ref)
        return diagnostic(code, message, self.file, line, col)

    def at_field(self, code: str, ref: Reference, name: str, message: str) -> Diagnostic:
        line, col = self.field(ref, name)
        return diagnostic(code, message, self.file, line, col)


# -- single values ------------------------------------------------------------------------------


def doi_problem(value: str) -> str | None:
    """Why a DOI field is malformed, or None (URL and `doi:` prefixes and punctuation after
    the DOI are only formatting: `refs/grammar/ids.py` reads the same DOI through them)."""
    doi = strip_doi_prefix(value)
    if not doi:
        return None
    if re.search(r"\s", doi):
        return f"DOI {doi!r} contains spaces (one DOI per field)"
    bare = doi.replace("{", "").replace("}", "")  # braces only group in BibTeX
    m = _DOI.match(bare)
    if not m or m.end() < len(trim_doi(bare)):
        return f"{doi!r} is not a DOI (10.NNNN/suffix)"
    return None


def isbn_problems(value: str) -> list[str]:
    """One message per bad ISBN in the field (a field may list several)."""
    if _ISSN.match(value):
        return [f"{value.strip()!r} is an ISSN (a journal's number), not an ISBN: move it to issn"]
    candidates = _ISBN_CANDIDATE.findall(value)
    if not candidates:
        return [f"{value.strip()!r} holds no ISBN"] if value.strip() else []
    problems = []
    for candidate in candidates:
        digits = re.sub(r"[\s-]", "", candidate)
        if len(digits) not in (10, 13):
            problems.append(f"ISBN {candidate.strip()!r} has {len(digits)} digits, not 10 or 13")
        elif not isbn_valid(digits):
            problems.append(f"ISBN {candidate.strip()!r} has a wrong check digit")
    return problems


def year_problem(value: str) -> str | None:
    """A year must be four digits; `{\\noopsort{1973c}}1981` is the year 1981 (the sort
    argument is never printed), as matching and keys read it."""
    if is_plain_year(value):
        return None
    return f"year {value.strip()!r} is not a four-digit year"


def date_problem(value: str) -> str | None:
    text = value.strip()
    if text and _DATE_RE.match(text):
        return None
    return f"date {text!r} is not an ISO 8601 date (2019, 2019-04-30, 2019/2020)"


def month_problem(value: str, expression: str | None, biblatex: bool) -> str | None:
    """BibTeX takes any month text starting with a month; biblatex wants 1-12 or a macro."""
    text = value.strip()
    if biblatex:
        if expression and month_macro(expression) == expression.strip().lower():
            return None
        if text.isdigit() and 1 <= int(text) <= 12:
            return None
        return f"month {text!r}: biblatex needs an integer 1-12 or a macro such as jan"
    if month_macro(text) or _MONTH_WORD.match(text):
        return None
    return f"month {text!r} is not a month (use jan, feb, ... or 1-12)"


def _page_number(token: str) -> int | None:
    return int(token) if token.isdigit() else None


def pages_problem(value: str) -> str | None:
    text = value.strip()
    if not text:
        return None
    plain = latex_dashes(text)
    if re.match(r"(?i)^p{1,2}\.", text):
        return f"pages {text!r}: drop the 'pp.' (styles add it)"
    for part in plain.split(","):
        part = part.strip()
        m = _PAGE_PART.match(part)
        if not m:
            return f"pages {text!r} is not a page or page range (e.g. 1034--1071)"
        start, end = _page_number(m.group(1) or ""), _page_number(m.group(2) or "")
        if start is not None and end is not None:
            first, last = m.group(1), m.group(2)
            end = int(expand_end(first, last))  # abbreviated range: 1234-56 means 1234--1256
            if end < start:
                return f"pages {text!r}: the range ends before it starts"
    return None


def unescaped_specials(value: str) -> list[str]:
    """The `&`, `%`, `#` that LaTeX would trip on (math and \\url{...} excepted)."""
    if "&" not in value and "%" not in value and "#" not in value:
        return []  # the common case, without the regexes
    return _SPECIAL.findall(_MATH_OR_URL.sub("", value))


# -- whole records ------------------------------------------------------------------------------


def _index(refs: Sequence[Reference]) -> dict[str, Reference]:
    by_key: dict[str, Reference] = {}
    for ref in refs:
        by_key.setdefault(ref.key.casefold(), ref)
    return by_key


def _parents(ref: Reference, by_key: dict[str, Reference]) -> list[Reference]:
    """crossref/xdata ancestors (cycles and deep chains cut off)."""
    out: list[Reference] = []
    todo = [ref]
    while todo and len(out) < 8:
        current = todo.pop()
        for name in ("crossref", "xdata"):
            for key in re.split(r"\s*,\s*", current.get(name).strip()):
                parent = by_key.get(key.casefold()) if key else None
                if parent is not None and parent is not ref and parent not in out:
                    out.append(parent)
                    todo.append(parent)
    return out


def _has(ref: Reference, parents: list[Reference], name: str, biblatex: bool) -> bool:
    if ref.get(name).strip():
        return True
    for parent in parents:
        if parent.get(name).strip():
            return True
        # biblatex inheritance: a parent's title is the child's booktitle/maintitle.
        if biblatex and name in ("booktitle", "maintitle") and parent.get("title").strip():
            return True
        if biblatex and name == "bookauthor" and parent.get("author").strip():
            return True
    return False


def required_fields(
    ref: Reference, loc: Locator, by_key: dict[str, Reference], options: CheckOptions
) -> list[Diagnostic]:
    model = BIBLATEX_REQUIRED if options.biblatex else BIBTEX_REQUIRED
    kind = ref.entry_type.lower()
    if not kind:
        return [
            loc.at_entry(UNKNOWN_TYPE, ref, f"entry '{ref.key}' has no type (write @article{{...)")
        ]
    if kind not in model:
        hint = "" if options.biblatex else "; check with --biblatex if you use biblatex"
        name = "biblatex" if options.biblatex else "BibTeX's standard styles"
        return [loc.at_entry(UNKNOWN_TYPE, ref, f"entry type @{kind} is unknown to {name}{hint}")]
    parents = _parents(ref, by_key)
    missing = [
        "/".join(req)
        for req in model[kind]
        if not any(_has(ref, parents, name, options.biblatex) for name in req)
    ]
    if not missing:
        return []
    noun = "field" if len(missing) == 1 else "fields"
    return [
        loc.at_entry(
            MISSING_FIELD,
            ref,
            f"@{kind} '{ref.key}' lacks required {noun} {', '.join(missing)}",
        )
    ]


def field_values(ref: Reference, loc: Locator, options: CheckOptions) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for name, value in ref.fields.items():
        if not value.strip() or value.strip() == "{}":
            out.append(
                loc.at_field(EMPTY_FIELD, ref, name, f"field '{name}' of '{ref.key}' is empty")
            )
            continue
        if ref.expressions.get(name, "").strip() == value.strip():
            continue  # an undefined macro, already reported by the reader (RM104)
        message: str | None = None
        code = ""
        if name == "doi":
            code, message = MALFORMED_DOI, doi_problem(value)
        elif name == "year":
            code, message = MALFORMED_YEAR, year_problem(value)
        elif name == "date" and options.biblatex:
            code, message = MALFORMED_YEAR, date_problem(value)
        elif name == "month":
            code, message = (
                MALFORMED_MONTH,
                month_problem(value, ref.expressions.get(name), options.biblatex),
            )
        elif name == "pages":
            code, message = MALFORMED_PAGES, pages_problem(value)
        if message:
            out.append(loc.at_field(code, ref, name, message))
        if name in NAME_FIELDS and "=" in value:  # biblatex's extended names, in any dialect
            out.extend(
                loc.at_field(MALFORMED_NAME, ref, name, f"{name} of '{ref.key}': {problem}")
                for problem in name_list_problems(value)
            )
        if name == "isbn":
            out.extend(loc.at_field(MALFORMED_ISBN, ref, name, m) for m in isbn_problems(value))
        if (
            options.latex_source
            and name not in VERBATIM_FIELDS
            and name not in _UNPRINTED
            and not name.endswith("url")
            and name not in ref.expressions  # the text lives in an @string, reported there
        ):
            specials = unescaped_specials(value)
            if specials and not _URL.match(value):
                chars = " ".join(sorted(set(specials)))
                out.append(
                    loc.at_field(
                        UNESCAPED_SPECIAL,
                        ref,
                        name,
                        f"unescaped {chars} in field '{name}' of '{ref.key}'",
                    )
                )
    return out


def copy_key(ref: Reference) -> tuple[str, tuple[tuple[str, str], ...]]:
    """What makes two records exact copies: type and every field, whitespace folded."""
    items = tuple(sorted((k, " ".join(v.split())) for k, v in ref.fields.items()))
    return ref.entry_type.lower(), items


def exact_copies(a: Reference, b: Reference) -> bool:
    return copy_key(a) == copy_key(b)


def duplicate_keys(refs: Sequence[Reference], loc: Locator) -> list[Diagnostic]:
    first: dict[str, Reference] = {}
    out: list[Diagnostic] = []
    for ref in refs:
        if not ref.key:
            continue
        folded = ref.key.casefold()
        if folded not in first:
            first[folded] = ref
            continue
        earlier = first[folded]
        copy = "; an exact copy (--fix removes it)" if exact_copies(ref, earlier) else ""
        out.append(
            loc.at_entry(
                DUPLICATE_KEY,
                ref,
                f"key '{ref.key}' is already used by the entry at line {earlier.origin.line}{copy}",
            )
        )
    return out


def missing_parents(
    refs: Sequence[Reference], by_key: dict[str, Reference], loc: Locator
) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for ref in refs:
        for name in ("crossref", "xdata"):
            value = ref.get(name).strip()
            for key in re.split(r"\s*,\s*", value) if value else []:
                if key and key.casefold() not in by_key:
                    out.append(
                        loc.at_field(
                            MISSING_PARENT,
                            ref,
                            name,
                            f"{name} of '{ref.key}' names '{key}', not found",
                        )
                    )
    return out


def string_specials(blocks: Iterable[object], loc: Locator) -> list[Diagnostic]:
    out = []
    for block in blocks:
        if isinstance(block, StringDef):
            specials = unescaped_specials(block.value)
            if specials:
                chars = " ".join(sorted(set(specials)))
                out.append(
                    diagnostic(
                        UNESCAPED_SPECIAL,
                        f"unescaped {chars} in @string '{block.name}'",
                        loc.file,
                        block.origin.line,
                        loc.col(block.origin.line, "(" + re.escape(block.name) + ")"),
                    )
                )
    return out


def check_library(
    lib: Library, file: str, source: str | None = None, options: CheckOptions = CheckOptions()
) -> list[Diagnostic]:
    """Every field-level problem in one file's records, in source order.

    `source` (the file's text) only adds column numbers; the reader's own
    diagnostics (syntax errors) are not repeated here.
    """
    loc = Locator(file, source)
    refs = lib.references
    by_key = _index(refs)
    out: list[Diagnostic] = []
    for ref in refs:
        out.extend(required_fields(ref, loc, by_key, options))
        out.extend(field_values(ref, loc, options))
    out.extend(duplicate_keys(refs, loc))
    out.extend(missing_parents(refs, by_key, loc))
    if not options.biblatex:  # biber finds a parent anywhere
        for child, parent in parents_before_children(refs):
            out.append(
                loc.at_field(
                    PARENT_BEFORE_CHILD,
                    child,
                    "crossref",
                    f"crossref parent '{parent.key}' (line {parent.origin.line}) comes before "
                    f"'{child.key}'; BibTeX only fills fields from a parent that comes after",
                )
            )
    if options.latex_source:
        out.extend(string_specials(lib.blocks, loc))
    out.sort(key=lambda d: (d.line, d.col, d.code))
    return out


def clean_format_problem(lib: Library, file: str, source: str) -> Diagnostic | None:
    """RM401: where the file first differs from what `refmerge format` would write."""
    clean = format_blocks(lib.blocks)
    text = source.replace("\r\n", "\n").lstrip("\ufeff")
    if text == clean:
        return None
    old, new = text.split("\n"), clean.split("\n")
    line = next(
        (i for i, (a, b) in enumerate(zip(old, new, strict=False)) if a != b),
        min(len(old), len(new)),
    )
    return diagnostic(
        NOT_CLEAN_FORMAT,
        "not in clean format from this line on (refmerge format would rewrite it)",
        file,
        line + 1,
        1,
    )
