"""A large BibTeX file is read on two cores, and nobody can tell.

`parse_bibtex` cuts a large file at an entry near its middle and reads the second half in a
forked process (refs/formats/bibtex.py, refs/bulk.py). The records, their file and line
numbers, the fields' lines and the diagnostics must be exactly those of reading the file in
one piece, for clean files and broken ones (whose errors must still name file and line).
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from refmerge.refs.formats import bibtex
from refmerge.refs.formats.bibtex import _cut, _read_fast, _read_part, _Reader, parse_bibtex
from refmerge.refs.model import Library, Reference


def _serial(text: str, name: str = "big.bib") -> Library:
    old = bibtex.MIN_SPLIT_CHARS
    bibtex.MIN_SPLIT_CHARS = 10**12
    try:
        return parse_bibtex(text, name)
    finally:
        bibtex.MIN_SPLIT_CHARS = old


def _invented(n: int) -> str:
    """`n` invented entries with what a real file has between them: comments, a
    multi-line value, a macro, a quoted value, an entry only bibtexparser reads."""
    parts = ["% An invented library of lichen surveys\n"]
    for i in range(n):
        if i % 7 == 3:
            parts.append(f"Notes on survey {i} written between entries.\n\n")
        if i % 11 == 5:  # `@` inside a value: left to bibtexparser
            parts.append(f"@misc{{odd{i},\n  note = {{mail lichen@example.org}}\n}}\n\n")
        parts.append(
            f"@article{{lichen{i},\n"
            f"  author = {{Moss{i}, Ada and Bryum, Ole}},\n"
            f"  title = {{Crustose lichens of\n    the northern slope, part {i}}},\n"
            f"  journal = {'jan' if i % 5 == 0 else '{Invented Lichenology}'},\n"
            f'  note = "survey {i}",\n'
            f"  year = {1950 + i % 60}\n"
            "}\n\n"
        )
    return "".join(parts)


@pytest.fixture
def small_split(monkeypatch: pytest.MonkeyPatch) -> None:
    """Cut files of any size (the real threshold is millions of characters)."""
    monkeypatch.setattr(bibtex, "MIN_SPLIT_CHARS", 1)


@pytest.mark.usefixtures("small_split")
def test_two_core_read_gives_the_records_lines_and_diagnostics_of_one_read() -> None:
    text = _invented(60)
    cut = _cut(text)
    assert cut is not None and len(text) // 2 <= cut < len(text)
    split, serial = parse_bibtex(text, "big.bib"), _serial(text)
    assert split.blocks == serial.blocks
    assert split.diagnostics == serial.diagnostics
    refs = split.references
    assert len(refs) == 60 + len([i for i in range(60) if i % 11 == 5])
    # a record of the second half points at its own line of the file, and its fields too
    last = refs[-1]
    assert isinstance(last, Reference) and last.key == "lichen59"
    first_line = text[: text.index("@article{lichen59,")].count("\n") + 1
    assert last.origin.file == "big.bib" and last.origin.line == first_line
    assert last.field_lines["title"] == first_line + 2
    assert last.field_lines["year"] == first_line + 6


@pytest.mark.usefixtures("small_split")
def test_a_broken_entry_in_the_second_half_is_reported_at_its_file_and_line() -> None:
    text = _invented(40)
    broken_at = text.index("@article{lichen35,")
    text = text[:broken_at] + text[broken_at:].replace("part 35},", "part 35,", 1)
    cut = _cut(text)
    assert cut is not None and cut < broken_at
    split, serial = parse_bibtex(text, "big.bib"), _serial(text)
    assert split.blocks == serial.blocks
    assert split.diagnostics == serial.diagnostics
    line = text[:broken_at].count("\n") + 1
    errors = [d for d in split.diagnostics if d.code == "RM101"]
    assert errors and all(d.file == "big.bib" for d in errors)
    assert any(line <= d.line <= line + 7 for d in errors)


@pytest.mark.usefixtures("small_split")
def test_a_file_with_a_string_macro_before_the_middle_is_read_in_one_piece() -> None:
    text = "@string{lich = {Journal of Invented Lichens}}\n\n" + _invented(30).replace(
        "{Invented Lichenology}", "lich"
    )
    assert _cut(text) is None  # the second half would not know the macro
    lib = parse_bibtex(text, "big.bib")
    assert lib.references[-1].fields["journal"] == "Journal of Invented Lichens"
    assert lib.blocks == _serial(text).blocks


def test_a_small_file_is_not_cut() -> None:
    assert _cut(_invented(20)) is None  # below MIN_SPLIT_CHARS: no fork for `check`


# Random files: entries (clean, awkward or broken) and what comes between them.
VALUE = st.sampled_from(
    [
        "{Plain title}",
        "{A {Nested} Title}",
        '"Quoted title"',
        "2020",
        "jan",
        'jan # "~15"',
        "{line one\n  line two}",
        "{mail a@b.org}",
        "{unbalanced",
        "{value} title = {swallowed}",
        "undefinedmacro",
    ]
)
FIELD = st.tuples(st.sampled_from(["title", "author", "Year", "note"]), VALUE)
OTHER = st.sampled_from(
    [
        "@string{jacm = {J. ACM}}",
        "@comment{ a comment }",
        "% a line comment",
        "free text between entries",
        "}",
        "@article(paren, title = {Parenthesised})",
        "@{broken",
        "",
    ]
)


@st.composite
def entry(draw: st.DrawFn) -> str:
    fields = draw(st.lists(FIELD, max_size=3))
    body = "".join(draw(st.sampled_from([",\n  ", ", "])) + f"{n} = {v}" for n, v in fields)
    key = draw(st.sampled_from(["a", "b", "dup", "k-1"]))
    close = draw(st.sampled_from(["\n}", "}", "\n"]))
    return f"@{draw(st.sampled_from(['article', 'Book']))}{{{key}{body}{close}"


@given(
    st.lists(st.one_of(entry(), entry(), OTHER), min_size=2, max_size=10),
    st.sampled_from(["\n", "\n\n", " "]),
    st.floats(0, 1),
)
@settings(max_examples=300, deadline=None)
def test_any_cut_reads_as_the_whole_file(blocks: list[str], sep: str, where: float) -> None:
    text = sep.join(blocks)
    cut = _cut(text, int(len(text) * where))
    if cut is None:
        return
    first = _read_part(text, cut, 0, "t.bib", None)
    second = _read_part(text, cut, 1, "t.bib", None)
    whole = _Reader("t.bib")
    if not _read_fast(whole, text):  # a syntax error: the file is read in one piece then
        assert first is None or second is None
        return
    assert first is not None and second is not None
    first.extend(second)
    assert first.blocks == whole.lib.blocks
    assert first.diagnostics == whole.lib.diagnostics
