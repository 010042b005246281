"""The BibTeX reader's fast path reads every text exactly as bibtexparser's splitter does.

`parse_bibtex` cuts clean entries out of the text itself and leaves the rest to
bibtexparser (refs/formats/bibtex.py). A user must not be able to tell: the blocks,
their lines, the field values and the diagnostics are the same as reading the whole
text with bibtexparser, for well-formed files and for the broken ones it recovers from.
"""

from __future__ import annotations

import subprocess
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from refmerge.refs.formats.bibtex import _fast_entry, _parse_bibtex_splitter, parse_bibtex
from refmerge.refs.model import Comment, Reference

# Pieces of values and of the text around entries, including the awkward ones: quotes
# inside braces and braces inside quotes, escaped delimiters, `#` joins, macros, `@`
# inside values and at the start of a line, a missing comma, unbalanced braces.
VALUE = st.sampled_from(
    [
        "{Plain title}",
        "{A {Nested} Title}",
        "{M{\\\"u}ller, Jos{\\'e}}",
        '"Quoted title"',
        '"Quoted {with} braces"',
        '"M\\"uller"',
        '"a {b" c}"',
        '{a "b" c}',
        "{x \\{ y}",
        "{ends with backslash\\}",
        "2020",
        "jan",
        'jan # "~15"',
        "jacm # {, vol. 3}",
        "{LeQua @ {CLEF}}",
        "{line one\n  line two}",
        "{line one\n@misc{inner, title={x}}}",
        "{unbalanced",
        "{value} title = {swallowed}",
        "{a}, ,",
        "undefinedmacro",
        "{}",
        '""',
    ]
)
NAME = st.sampled_from(["title", "author", "Year", "journal", "note", "x-y:z", "TITLE"])
KEY = st.sampled_from(["a", "b", "Smith:2020", "a", "k-1", "dup"])
TYPE = st.sampled_from(["article", "Book", "misc", "inproceedings"])
SEP = st.sampled_from([",\n  ", ", ", ",\n", "\n  ", ",\n\n  "])


@st.composite
def entry(draw: st.DrawFn) -> str:
    fields = draw(st.lists(st.tuples(NAME, VALUE), max_size=4))
    body = "".join(draw(SEP) + f"{n} = {v}" for n, v in fields)
    close = draw(st.sampled_from(["\n}", ",\n}", "}", "\n", "\n}}"]))
    indent = draw(st.sampled_from(["", "  ", "\t"]))
    return f"{indent}@{draw(TYPE)}{{{draw(KEY)}{body}{close}"


OTHER = st.sampled_from(
    [
        "@string{jacm = {J. ACM}}",
        "@String{jacm = {Journal of the ACM}}",
        '@string(x = "y")',
        "@preamble{ {\\newcommand{\\x}{y}} }",
        "@comment{ a comment }",
        "% a line comment",
        "free text between entries",
        "}",
        "text with @ in it",
        "see @misc{inline, title={in a line}}",
        "@article(paren, title = {Parenthesised})",
        "@article{nofields}",
        "@{broken",
        "",
    ]
)


@given(st.lists(st.one_of(entry(), OTHER), max_size=6), st.sampled_from(["\n", "\n\n", " "]))
@settings(max_examples=400, deadline=None)
def test_fast_path_reads_as_bibtexparser_does(blocks: list[str], sep: str) -> None:
    text = sep.join(blocks)
    fast, slow = parse_bibtex(text, "t.bib"), _parse_bibtex_splitter(text, "t.bib")
    assert fast.blocks == slow.blocks
    assert fast.diagnostics == slow.diagnostics


def test_lines_of_fields_and_comments_after_an_entry() -> None:
    text = (
        "% header\n"
        "@article{a,\n"
        "  title = {A}, author = {Doe, Jane},\n"
        "\n"
        "  year = 2020\n"
        "}\n"
        "}\n"
        "@misc{b, note = jan}\n"
    )
    lib = parse_bibtex(text, "t.bib")
    comment, a, stray, b = lib.blocks
    assert isinstance(comment, Comment) and comment.origin.line == 1
    assert isinstance(a, Reference) and a.origin.line == 2
    assert a.field_lines == {"title": 3, "author": 3, "year": 5}
    # a stray `}` after an entry is a comment on its own line, not found inside the entry
    assert isinstance(stray, Comment) and stray.text == "}" and stray.origin.line == 7
    assert isinstance(b, Reference) and b.origin.line == 8 and b.fields["note"] == "January"
    assert lib.blocks == _parse_bibtex_splitter(text, "t.bib").blocks


def test_a_clean_file_is_read_without_bibtexparser() -> None:
    """bibtexparser imports pylatexenc: a hook checking one clean file does not pay for it."""
    code = (
        "import sys\n"
        "from refmerge.refs.formats.bibtex import parse_bibtex\n"
        "lib = parse_bibtex('% c\\n@article{a,\\n  title = {T},\\n  year = 2020\\n}\\n')\n"
        "assert len(lib.references) == 1\n"
        "print(sorted(m for m in ('bibtexparser', 'pylatexenc') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_plain_entries_are_stored_without_parsed_values() -> None:
    """An entry of `{text}` and number fields only is read as names, values and lines; one
    with any other value, or a field given twice, the way the value parser reads it, and
    all three as bibtexparser's splitter does (the duplicate with its diagnostic)."""
    text = (
        "@article{plain,\n  title = {A title}, year = 2020,\n  pages = {1--2}\n}\n\n"
        '@article{mixed,\n  year = 2020, title = "Quoted",\n  volume = {3}\n}\n\n'
        "@article{twice,\n  title = {One},\n  TITLE = {Two}\n}\n"
    )
    plain = _fast_entry(text, 0, text.index(",") + 1)
    assert plain is not None and plain[1] is None
    assert plain[0] == [("title", "A title", 1), ("year", "2020", 1), ("pages", "1--2", 2)]
    at = text.index("@article{mixed")
    mixed = _fast_entry(text, at, text.index(",", at) + 1)
    assert mixed is not None and mixed[0] is None and mixed[1] is not None
    assert [(name, raw) for name, raw, _, _ in mixed[1]] == [
        ("year", "2020"),
        ("title", '"Quoted"'),
        ("volume", "{3}"),
    ]
    lib = parse_bibtex(text, "t.bib")
    slow = _parse_bibtex_splitter(text, "t.bib")
    assert lib.blocks == slow.blocks and lib.diagnostics == slow.diagnostics
    assert len(lib.diagnostics) == 1 and "twice" in lib.diagnostics[0].message
    assert [r.field_lines for r in lib.references] == [
        {"title": 2, "year": 2, "pages": 3},
        {"year": 7, "title": 7, "volume": 8},
        {"title": 12},
    ]


def test_records_laid_out_alike_share_their_field_lines_layout() -> None:
    """A large library's records are laid out in a few ways: each record's field lines are
    its first line and a layout shared with every record written alike (memory: a
    dictionary and an integer per field were ~480 bytes a record). The lines read, the
    `check` messages' positions, stay those of the file, also after a pickle round trip
    (a half of a large file comes back from a second process that way)."""
    import pickle

    text = "".join(
        f"@article{{k{i},\n  title = {{T{i}}},\n  year = {2000 + i}\n}}\n\n" for i in range(3)
    )
    a, b, c = parse_bibtex(text, "t.bib").references
    assert [dict(r.field_lines) for r in (a, b, c)] == [
        {"title": 2, "year": 3},
        {"title": 7, "year": 8},
        {"title": 12, "year": 13},
    ]
    assert a.field_lines._shape is b.field_lines._shape is c.field_lines._shape  # type: ignore[attr-defined]
    back = pickle.loads(pickle.dumps([a, b]))
    assert [r.field_lines.get("year") for r in back] == [3, 8]
    assert back[0].field_lines.get("pages", 0) == 0 and "title" in back[1].field_lines
