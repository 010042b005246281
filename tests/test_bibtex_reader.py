"""The BibTeX reader: macros, order, origins, and problems reported rather than swallowed."""

from __future__ import annotations

import string

from hypothesis import given, settings
from hypothesis import strategies as st

from refmerge.refs.formats.bibtex import parse_bibtex
from refmerge.refs.model import Comment, Preamble, Reference, StringDef

from conftest import DATA


def _messy():
    path = DATA / "bibtex" / "messy.bib"
    return parse_bibtex(path.read_text(encoding="utf-8"), str(path))


def test_nested_macros_and_concatenation_resolve_for_matching() -> None:
    lib = _messy()
    mock = next(r for r in lib.references if r.key == "Mock2019")
    assert mock.fields["journal"] == "Journal of Fictional Studies"
    # ... while the written form keeps the macro reference.
    assert mock.expressions["journal"] == "JFS"


def test_macro_names_are_case_insensitive() -> None:
    lib = parse_bibtex('@string{AbC = "x"}\n@misc{k, note = abc # "y"}\n')
    assert lib.references[0].fields["note"] == "xy"
    assert not lib.diagnostics


def test_undefined_macro_is_a_warning_with_line() -> None:
    lib = parse_bibtex("@misc{k,\n  journal = nosuchmacro\n}\n", "u.bib")
    [diag] = lib.diagnostics
    assert (diag.code, diag.line, diag.file) == ("RM104", 2, "u.bib")


def test_blocks_keep_source_order_and_kinds() -> None:
    kinds = [type(b) for b in _messy().blocks]
    assert kinds == [
        Comment,
        Preamble,
        StringDef,
        StringDef,
        StringDef,
        Reference,
        Comment,
        Reference,
        Comment,
        Reference,
    ]


def test_field_names_are_case_normalised_and_origin_lines_are_1_based() -> None:
    mock = next(r for r in _messy().references if r.key == "Mock2019")
    assert {"title", "author", "journal"} <= set(mock.fields)
    assert mock.origin.line == 8
    assert mock.entry_type == "article"


def test_missing_comma_between_fields_is_reported_and_recovered() -> None:
    lib = _messy()
    kappa = next(r for r in lib.references if r.key == "kappa-2020")
    assert kappa.fields["url"] == "https://example.org/sheep_count%20v2"
    assert kappa.fields["keywords"] == "sheep, counting"
    [diag] = [d for d in lib.diagnostics if d.code == "RM102"]
    assert diag.line == 32
    assert "keywords" in diag.message


def test_syntax_error_keeps_the_rest_and_names_the_line() -> None:
    path = DATA / "bibtex" / "broken.bib"
    lib = parse_bibtex(path.read_text(), str(path))
    errors = [d for d in lib.diagnostics if d.code == "RM101"]
    # the line of the unclosed brace (`{braces`), where the fix goes; the entry starts on 6
    assert errors and errors[0].line == 7
    assert "the '{' at line 7, column 23 (inside the value of field 'title')" in errors[0].message
    assert errors[0].end_line == 9
    assert "ok2000" in [r.key for r in lib.references]
    # the unreadable text is kept as a block, not silently dropped
    assert any("broken2001" in b.text for b in lib.blocks if isinstance(b, Comment))


def test_duplicate_field_with_a_different_value_is_an_error() -> None:
    path = DATA / "bibtex" / "dupfield.bib"
    lib = parse_bibtex(path.read_text(), str(path))
    [diag] = lib.diagnostics
    assert diag.code == "RM103" and diag.line == 3
    assert lib.references[0].fields["title"] == "First title"


def test_escaped_braces_count_like_bibtexparser() -> None:
    lib = parse_bibtex("@misc{k, title = {{A\\}-\\{B}}}\n")
    assert not lib.diagnostics
    assert lib.references[0].fields["title"] == "{A\\}-\\{B}"


_plain = st.text(alphabet=string.ascii_letters + string.digits + " .,:;-'()", max_size=30)
_field_name = st.from_regex(r"[a-z][a-z\-]{0,10}", fullmatch=True)


@settings(max_examples=200, deadline=None)
@given(
    st.dictionaries(
        _field_name, st.tuples(_plain, st.sampled_from(["{}", '""', "macro"])), max_size=6
    ),
    st.sampled_from(["", " ", "\n  "]),
)
def test_any_well_formed_entry_reads_back_its_values(
    fields: dict[str, tuple[str, str]], space: str
) -> None:
    """Braced, quoted and macro values, any spacing: each field's value comes back exactly."""
    macros = {f"m{i}": value for i, (value, how) in enumerate(fields.values()) if how == "macro"}
    strings = "".join(f'@string{{{name} = "{value}"}}\n' for name, value in macros.items())
    body = []
    for i, (name, (value, how)) in enumerate(fields.items()):
        written = f"m{i}" if how == "macro" else how[0] + value + how[1]
        body.append(f"{space}{name}{space}={space}{written}")
    lib = parse_bibtex(strings + "@article{k1," + ",".join(body) + "\n}\n")
    assert not lib.diagnostics
    [ref] = lib.references
    assert ref.fields == {name: value for name, (value, _) in fields.items()}


def test_lines_stay_right_after_a_backslash_at_the_end_of_a_line() -> None:
    """bibtexparser 2.1 loses a line there; our origins and field lines must not."""
    text = "@misc{a,\n  title = {x \\\\\n y},\n}\n\n@misc{b,\n  title = {z},\n  year = 2001\n}\n"
    a, b = parse_bibtex(text).references
    assert (a.origin.line, b.origin.line) == (1, 6)
    assert b.field_lines == {"title": 7, "year": 8}
