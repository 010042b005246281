"""The clean writer: the house style, and that writing is a fixed point."""

from __future__ import annotations

import string

from hypothesis import given, settings
from hypothesis import strategies as st

from refmerge.refs.formats.bibtex import parse_bibtex
from refmerge.refs.formats.bibtex_writer import WriteOptions, format_blocks, format_entry
from refmerge.refs.model import Reference

from conftest import DATA


def _fmt(text: str, **opts: bool) -> str:
    return format_blocks(parse_bibtex(text).blocks, WriteOptions(**opts))


def test_house_style_on_a_messy_entry() -> None:
    out = _fmt((DATA / "bibtex" / "messy.bib").read_text())
    mock = out[out.index("@article{Mock2019") :].split("\n}\n")[0]
    assert mock.splitlines() == [
        "@article{Mock2019,",
        "  author = {Mock, Anna and van der Berg, Jan and PICARD, JEAN-LUC},",
        '  title = {Fog harvesting on {M}ars: a {\\"u}ber-cheap approach},',
        "  journal = JFS,",
        "  volume = {12},",
        "  number = {3},",
        "  pages = {101--117},",
        "  year = {2019},",
        "  month = mar,",
        "  doi = {10.5555/FICT.2019.12},",
        "  abstract = {We measure fog \\& dew yields at 40\\% humidity.}",
    ]


def test_month_forms_become_macros_but_expressions_stay() -> None:
    for raw in ("{March}", "3", "{03}", "mar", '"mar."'):
        assert "month = mar" in _fmt(f"@misc{{k, month = {raw}}}")
    assert "month = jan # {~15}" in _fmt('@misc{k, month = jan # "~15"}')


def test_doi_prefixes_are_stripped() -> None:
    for raw in ("https://doi.org/10.1/x", "http://dx.doi.org/10.1/x", "doi:10.1/x", "DOI: 10.1/x"):
        assert "doi = {10.1/x}" in _fmt(f"@misc{{k, doi = {{{raw}}}}}")


def test_specials_escaped_outside_math_only() -> None:
    out = _fmt("@misc{k, title = {R&D at 5% for $a \\# b$ and #1}}")
    assert "title = {R\\&D at 5\\% for $a \\# b$ and \\#1}" in out


def test_urls_are_verbatim() -> None:
    out = _fmt("@misc{k, url = {https://x.org/a_b%20c#frag}}")
    assert "url = {https://x.org/a_b%20c#frag}" in out


def test_empty_fields_dropped_and_types_lowercased() -> None:
    out = _fmt("@ARTICLE{k, Title = {T}, note = {  }}")
    assert out == "@article{k,\n  title = {T}\n}\n"


def test_ascii_option_encodes_unicode_as_latex() -> None:
    out = _fmt("@misc{k, title = {Síthigh über}}", ascii=True)
    assert out.isascii()
    assert "S{\\'\\i}thigh" in out


def test_unicode_kept_by_default() -> None:
    assert "Síthigh" in _fmt("@misc{k, title = {Síthigh}}")


def test_unbalanced_braces_from_free_text_are_escaped() -> None:
    ref = Reference("misc", "k", {"title": "a } b { c } d"})
    out = format_entry(ref)
    assert parse_bibtex(out).references[0].fields["title"] == "a \\} b \\{ c \\} d"


_text = st.text(
    alphabet=string.ascii_letters + string.digits + " .,:;-'()&%#éüñ{}$",
    min_size=1,
    max_size=40,
).filter(lambda s: s.count("{") == s.count("}") and s.strip())


@settings(max_examples=150, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(["title", "journal", "note", "pages", "year", "publisher", "abstract"]),
        _text,
        min_size=1,
    )
)
def test_writing_is_idempotent_for_any_field_text(fields: dict[str, str]) -> None:
    once = format_entry(Reference("article", "key1", dict(fields)))
    lib = parse_bibtex(once)
    assert not [d for d in lib.diagnostics if d.severity.value == "error"], once
    twice = format_blocks(lib.blocks)
    assert twice == once + "\n"
