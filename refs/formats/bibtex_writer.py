"""The clean BibTeX writer: the house style, deterministic and idempotent.

Every normalisation here must be a fixed point (writing what we read back from
our own output changes nothing), and none may drop letters or digits except
the documented ones: URL/`doi:` prefixes on DOIs, month names shortened to
their macros, and empty fields. The value normalisers themselves (months, pages,
DOIs) are the house style in `refs/style.py`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from ..bulk import in_two
from ..dialect import detect as detect_dialect
from ..model import Block, Comment, Preamble, Reference, StringDef
from ..names import NAME_FIELDS, rewrite_names
from ..style import normalise_doi, normalise_month, normalise_pages
from .spec import WriterSpec

FIELD_ORDER = [
    "author",
    "editor",
    "translator",
    "title",
    "subtitle",
    "shorttitle",
    "booktitle",
    "journal",
    "journaltitle",
    "series",
    "edition",
    "volume",
    "number",
    "issue",
    "pages",
    "eid",
    "chapter",
    "year",
    "date",
    "month",
    "publisher",
    "organization",
    "institution",
    "school",
    "address",
    "location",
    "howpublished",
    "type",
    "note",
    "crossref",
    "isbn",
    "issn",
    "doi",
    "eprint",
    "eprinttype",
    "archiveprefix",
    "primaryclass",
    "pmid",
    "pmcid",
    "url",
    "urldate",
    "language",
    "keywords",
    "abstract",
    "ids",
]
_ORDER_INDEX = {name: i for i, name in enumerate(FIELD_ORDER)}

# Fields whose text is code, not prose: never escaped, never re-spaced.
VERBATIM_FIELDS = {
    "url",
    "doi",
    "file",
    "pdf",
    "eprint",
    "urldate",
    "ids",
    "crossref",
    "xdata",
    "verba",
    "verbb",
    "verbc",
    "uri",
    "howpublished-url",
    "local-url",
}

_WS = re.compile(r"\s+")
_ESCAPABLE = re.compile(r"(?<!\\)([&%#])")


@dataclass(frozen=True, slots=True)
class WriteOptions:
    """The writer's one options object (black's `Mode` idea)."""

    ascii: bool = False
    sort_fields: bool = True
    # The output's dialect: biblatex keeps extended names (`family=..., given=...`), BibTeX
    # gets the classic form; None: `format_blocks` asks refs/dialect.py (docs/names.md).
    biblatex: bool | None = None


def _escape_specials(text: str) -> str:
    """Escape `&`, `%`, `#` outside math so LaTeX does not choke on them."""
    if "&" not in text and "%" not in text and "#" not in text:  # most values: no regex
        return text
    if not _ESCAPABLE.search(text):
        return text
    if "$" not in text:
        return _ESCAPABLE.sub(r"\\\1", text)
    pieces = re.split(r"(?<!\\)(\$+)", text)
    in_math = False
    out = []
    for piece in pieces:
        if piece.startswith("$") and set(piece) == {"$"}:
            in_math = not in_math
            out.append(piece)
        else:
            out.append(piece if in_math else _ESCAPABLE.sub(r"\\\1", piece))
    return "".join(out)


def _balance_braces(text: str) -> str:
    """Escape every brace if they do not balance (free text from scrapes may hold stray ones)."""
    if "{" not in text and "}" not in text:
        return text
    depth = 0
    for m in re.finditer(r"(?<!\\)[{}]", text):
        depth += 1 if m.group() == "{" else -1
        if depth < 0:
            break
    if depth == 0:
        return text
    return re.sub(r"(?<!\\)([{}])", r"\\\1", text)


@lru_cache(maxsize=1)
def _latex_encoder() -> Any:
    """pylatexenc's tables (imported only for --ascii): characters with no LaTeX form stay."""
    from pylatexenc.latexencode import UnicodeToLatexEncoder

    return UnicodeToLatexEncoder(
        non_ascii_only=True, replacement_latex_protection="braces-all", unknown_char_policy="keep"
    )


def _to_ascii(text: str) -> str:
    if text.isascii():
        return text
    import logging  # here, with pylatexenc: `check` of a clean file needs neither

    from ..logfilter import quiet

    with quiet(
        "pylatexenc.latexencode",
        "pylatexenc.latexencode._unicode_to_latex_encoder",
        "pylatexenc.latexencode._partial_latex_encoder",
        below=logging.ERROR,
    ):
        return str(_latex_encoder().unicode_to_latex(text))


def clean_value(name: str, value: str, options: WriteOptions) -> str:
    """The house-style text of one field value (without its outer braces)."""
    if name in VERBATIM_FIELDS:
        value = value.strip()
        if name == "doi":
            value = normalise_doi(value)
        return value
    value = " ".join(value.split())  # runs of white space to one space; faster than re.sub
    if name in NAME_FIELDS and value:
        value = rewrite_names(value, extended=options.biblatex is not False)
    elif name == "pages":
        value = normalise_pages(value)
    if "&" in value or "%" in value or "#" in value:  # (both checks inlined: most values
        value = _escape_specials(value)  # have nothing to escape, and a call costs)
    if "{" in value or "}" in value:
        value = _balance_braces(value)
    if value.endswith("\\") and (len(value) - len(value.rstrip("\\"))) % 2:
        value += " "  # a control space; without it the backslash would escape the closing brace
    if options.ascii:
        value = _to_ascii(value)
    return value


def field_sort_key(name: str) -> tuple[int, str]:
    return (_ORDER_INDEX.get(name, len(FIELD_ORDER)), name)


# Field names in the order they are written, by the order they are held in: a library's
# records hold a few dozen orders at most, and sorting each record's fields again was a
# tenth of the writing time. Bounded, for a file of made-up field names.
_SORTED: dict[tuple[str, ...], tuple[str, ...]] = {}
_SORTED_MAX = 4096


def _sorted_fields(fields: dict[str, str]) -> tuple[str, ...]:
    held = tuple(fields)
    order = _SORTED.get(held)
    if order is None:
        order = tuple(sorted(held, key=field_sort_key))
        if len(_SORTED) < _SORTED_MAX:
            _SORTED[held] = order
    return order


def format_entry(ref: Reference, options: WriteOptions = WriteOptions()) -> str:
    lines = [f"@{ref.entry_type.lower()}{{{ref.key},"]
    names = _sorted_fields(ref.fields) if options.sort_fields else tuple(ref.fields)
    fields, expressions = ref.fields, ref.expressions
    for name in names:
        raw = fields[name]
        expression = expressions.get(name) if expressions else None
        if name == "month":
            macro = normalise_month(raw)
            if expression and (macro is None or normalise_month(expression) is None):
                text = expression
            elif macro:
                text = macro
            else:
                text = "{" + clean_value(name, raw, options) + "}"
        elif expression:
            text = expression
        else:
            value = clean_value(name, raw, options)
            if not value:
                continue
            text = "{" + value + "}"
        lines.append(f"  {name} = {text},")
    if len(lines) > 1:
        lines[-1] = lines[-1].rstrip(",")
    lines.append("}")
    return "\n".join(lines)


def format_block(block: Block, options: WriteOptions = WriteOptions()) -> str:
    if isinstance(block, Reference):
        return format_entry(block, options)
    if isinstance(block, StringDef):
        return f"@string{{{block.name} = {block.expression}}}"
    if isinstance(block, Preamble):
        return f"@preamble{{{block.expression}}}"
    if isinstance(block, Comment):
        if block.explicit:
            return f"@comment{{{block.text}}}"
        return _braced_comment(block.text) or block.text
    raise TypeError(f"cannot write {type(block).__name__}")


_BARE_COMMENT = re.compile(r"@\s*comment(?![\w{(])\s*(.*)", re.IGNORECASE | re.DOTALL)


def _braced_comment(text: str) -> str | None:
    """`@Comment 1215.bib -*- mode: BibTeX -*-` (a line editors write) as `@comment{...}`.

    BibTeX skips such a line, but biber (2.18) rejects the whole file over it; the braced
    form means the same to both. None when the text is no bare @comment line or its braces
    do not balance (then it is kept as it was)."""
    m = _BARE_COMMENT.match(text)
    if not m:
        return None
    body, depth = m.group(1).strip(), 0
    for ch in body:
        depth += {"{": 1, "}": -1}.get(ch, 0)
        if depth < 0:
            return None
    return f"@comment{{{body}}}" if depth == 0 else None


def format_blocks(blocks: Iterable[Block], options: WriteOptions = WriteOptions()) -> str:
    """The whole file: blocks in order, one blank line between them, newline at the end."""
    blocks = list(blocks)
    if options.biblatex is None:
        refs = [b for b in blocks if isinstance(b, Reference)]
        options = replace(options, biblatex=detect_dialect(refs)[0])

    def formatted(start: int, end: int) -> str:
        return "\n\n".join(p for p in (format_block(b, options) for b in blocks[start:end]) if p)

    # A large library's second half is formatted in a second process (refs/bulk.py), which
    # sends back one string: a string per block cost a pickle entry each.
    halves = in_two(formatted, len(blocks))
    text = "\n\n".join(h for h in halves if h) if halves else formatted(0, len(blocks))
    return text + "\n" if text else ""


def _write_bibtex(blocks: list[Block]) -> str:
    return format_blocks(blocks)


WRITER = WriterSpec("bibtex", _write_bibtex, (".bib", ".bibtex"))
