"""biblatex's extended name format (`family=Flummox, given=Fred`) and name-list options: read as
people's parts everywhere, written back whole for biblatex and classic for BibTeX.
All names here are invented."""

from __future__ import annotations

import dataclasses
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from refmerge.dedupe.engine import find_duplicates
from refmerge.dedupe.merge import merge_group
from refmerge.refs.dialect import detect
from refmerge.refs.formats.bibtex import parse_bibtex
from refmerge.refs.formats.bibtex_writer import WriteOptions, format_blocks, format_entry
from refmerge.refs.keys import make_key
from refmerge.refs.model import Reference
from refmerge.refs.names import (
    Name,
    format_names,
    name_list_problems,
    parse_bibtex_names,
    strip_braces,
)
from refmerge.refs.normalize import authors_of, name_words


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("family=Quillfeather, given=Ada", ("Ada", "", "Quillfeather", "")),
        ("given=Ada, family=Quillfeather", ("Ada", "", "Quillfeather", "")),
        ("given = Ada , family = Quillfeather", ("Ada", "", "Quillfeather", "")),
        ("given={Odile Marie}, prefix=de, family=Brandt", ("{Odile Marie}", "de", "Brandt", "")),
        ("family={Kerrow}, given={Ida}", ("Ida", "", "Kerrow", "")),
        ("family=Tamsin, given=Olu, suffix=Jr.", ("Olu", "", "Tamsin", "Jr.")),
        ('"family={Quill and Sons, Ltd.}"', ("", "", "{Quill and Sons, Ltd.}", "")),
        ("FAMILY=Quillfeather, Given=Ada", ("Ada", "", "Quillfeather", "")),
    ],
)
def test_extended_names_give_their_parts(text: str, parts: tuple[str, ...]) -> None:
    [name] = parse_bibtex_names(text)
    assert (name.first, name.von, name.last, name.jr) == parts
    assert name.extended


def test_options_of_a_name_are_kept_in_order_not_read_as_parts() -> None:
    [name] = parse_bibtex_names(
        "given=Odile, prefix=van, useprefix=true, given-i=O, family=Brandt, id=ob1"
    )
    assert (name.first, name.von, name.last) == ("Odile", "van", "Brandt")
    assert name.options == (("useprefix", "true"), ("given-i", "O"), ("id", "ob1"))


def test_a_name_list_option_is_not_a_person() -> None:
    names = parse_bibtex_names("uniquelist=false and Pell, Ona and given=Ida, family=Kerrow")
    assert [n.last for n in names] == ["Pell", "Kerrow"]
    assert getattr(names, "options", ()) == (("uniquelist", "false"),)
    # a per-name option inside an extended name does not make a person either
    [one] = parse_bibtex_names("labelalphanametemplatename=short, given=Ida, family=Kerrow")
    assert one.last == "Kerrow" and one.options == (("labelalphanametemplatename", "short"),)


def test_an_xdata_reference_is_no_person_and_is_written_back() -> None:
    value = "Pell, Ona and xdata=kerrow99-author-2"
    names = parse_bibtex_names(value)
    assert [n.last for n in names] == ["Pell", ""]
    assert names[1].options == (("xdata", "kerrow99-author-2"),)
    assert format_names(names) == format_names(names, extended=False) == value
    assert name_list_problems(value) == []


def test_classic_names_with_an_equals_sign_stay_classic() -> None:
    assert parse_bibtex_names("Pell, Ona = X") == [Name(first="Ona = X", last="Pell")]


def _record(author: str, key: str) -> Reference:
    fields = {"author": author, "title": "Tidal Notes on Quill Marsh", "year": "2011"}
    return Reference("article", key, {**fields, "journal": "Marsh Letters"})


def test_extended_and_plain_forms_agree_for_matching_and_keys() -> None:
    a, b = "given=Odile, family=Brandt", "Odile Brandt"
    assert authors_of(a) == authors_of(b) == (("brandt",), ("o",))
    assert name_words(a) == name_words(b)
    assert make_key(_record(a, "")) == make_key(_record(b, "")) == "brandt2011tidal"
    [group] = find_duplicates([_record(a, "x"), _record(b, "y")]).groups
    assert group.levels["authors"] == "exact"


def _entry(author: str) -> Reference:
    return Reference("book", "k", {"author": author, "title": "T", "year": "2001"})


def test_merge_keeps_name_list_options_when_it_takes_fuller_names() -> None:
    initials = _entry("uniquelist=false and Kerrow, I. and Pell, O.")
    full = _entry("Kerrow, Ida and Pell, Ona")
    merged = merge_group([initials, full], [0, 1]).record
    assert merged.fields["author"] == "uniquelist=false and Kerrow, Ida and Pell, Ona"


def test_biblatex_output_writes_the_extended_form_back() -> None:
    value = "uniquelist=false and given={Odile Marie}, prefix=de, useprefix=true, family=Brandt"
    text = format_entry(_entry(value), WriteOptions(biblatex=True))
    assert "author = {uniquelist=false and family=Brandt, given={Odile Marie}, prefix=de, " in text
    assert "useprefix=true}" in text


def test_bibtex_output_writes_the_classic_form() -> None:
    value = "uniquelist=false and given={Odile Marie}, prefix=de, family=Brandt and given=Ida, family=Van Kerrow"
    text = format_entry(_entry(value), WriteOptions(biblatex=False))
    assert "author = {de Brandt, {Odile Marie} and {Van Kerrow}, Ida}" in text
    [first, second] = parse_bibtex_names("de Brandt, {Odile Marie} and {Van Kerrow}, Ida")
    assert (first.von, first.last, second.last) == ("de", "Brandt", "{Van Kerrow}")


def test_the_writer_keeps_extended_names_of_a_file_that_has_them() -> None:
    """No dialect given: one extended name says the file is read by biber."""
    lib = parse_bibtex(
        "@book{a,\n  author = {given=Ida, family=Kerrow},\n  title = {T},\n  year = {2001}\n}\n"
        "@book{b,\n  author = {Pell, Ona},\n  title = {U},\n  year = {2002}\n}\n"
    )
    assert detect(lib.references)[0]
    out = format_blocks(lib.blocks)
    assert "author = {family=Kerrow, given=Ida}" in out and "author = {Pell, Ona}" in out
    assert format_blocks(parse_bibtex(out).blocks) == out  # a fixed point


def test_malformed_extended_names_are_named() -> None:
    assert name_list_problems("given=Ada, family=Quillfeather") == []
    assert "unknown key 'giveni'" in name_list_problems("given=Ada, giveni=A., family=Q")[0]
    assert "hold another name part" in name_list_problems("given={Ada, family=Q}")[0]
    assert "never closed" in name_list_problems("given={Ada, family=Q")[0]
    assert "is not key=value" in name_list_problems("given=Ada, Quill")[0]
    assert "reads it as a person" in name_list_problems("maxnames=2 and given=A, family=Q")[0]
    assert name_list_problems("uniquelist=false and Quill, Ada") == []


_word = st.from_regex(r"[A-Z][a-zé]{1,7}", fullmatch=True)
_words = st.lists(_word, min_size=1, max_size=2).map(" ".join)
_extended = st.builds(
    Name,
    first=st.one_of(st.just(""), _words, st.tuples(_word, _word).map("{{{0[0]} {0[1]}}}".format)),
    von=st.sampled_from(["", "de", "van der", "von"]),
    last=_words,
    jr=st.sampled_from(["", "Jr.", "III"]),
    options=st.sampled_from([(), (("useprefix", "true"),), (("given-i", "J"), ("id", "x1"))]),
    extended=st.just(True),
)


def _as_protected(name: Name) -> Name:
    """The name as it reads back: a part holding the word `and` (`family=Aa And`) is written
    braced, or the list would split there, and a braced group of words reads back as one
    token (`{Aa And}`), as BibTeX and biber read it; every other part comes back as it was."""

    def part(value: str) -> str:
        if re.search(r"(?i)(?:^|\s)and(?:\s|$)", value) and not value.startswith("{"):
            return "{" + value + "}"
        return value

    return dataclasses.replace(name, first=part(name.first), last=part(name.last))


def test_a_part_holding_the_word_and_is_braced_and_read_back_as_one_token() -> None:
    name = Name(first="Ida", last="Aa And", extended=True)
    written = format_names([name])
    assert written == "family={Aa And}, given=Ida"
    assert parse_bibtex_names(written) == [dataclasses.replace(name, last="{Aa And}")]


@given(st.lists(_extended, min_size=1, max_size=4), st.booleans())
def test_extended_names_round_trip_through_writer_and_reader(
    names: list[Name], with_options: bool
) -> None:
    written = format_names(names)
    if with_options:
        written = "uniquelist=false and " + written
    read = parse_bibtex_names(written)
    assert read == [_as_protected(n) for n in names]
    assert getattr(read, "options", ()) == ((("uniquelist", "false"),) if with_options else ())
    # the classic form keeps every part (braces aside: they only group), options aside
    classic = parse_bibtex_names(format_names(read, extended=False))
    assert [tuple(strip_braces(p) for p in (n.first, n.von, n.last, n.jr)) for n in classic] == [
        tuple(strip_braces(p) for p in (n.first, n.von, n.last, n.jr)) for n in names
    ]


_piece = st.sampled_from(
    [
        *"ab Cd=,{}-",
        *(" and ", "given=", "family=", "prefix=", "suffix=", "given-i=", "de ", "Van "),
        *(", ", "{x y}", "others", "uniquelist=", "useprefix=", "xdata="),
    ]
)


def _balanced(text: str) -> bool:
    depth = 0
    for ch in text:
        depth += {"{": 1, "}": -1}.get(ch, 0)
        if depth < 0:
            return False
    return depth == 0


@given(
    st.lists(_piece, max_size=14)
    .map("".join)
    .filter(lambda t: "=" in t and _balanced(t) and ",," not in t.replace(" ", ""))
)
def test_writing_a_name_field_is_a_fixed_point(value: str) -> None:
    """The writer must not change what it wrote (any value with `=`, in both dialects);
    runs of commas are left out: the classic reader's limit, older than the extended
    format. name_list_problems never raises on it either."""
    name_list_problems(value)
    for extended in (True, False):
        once = format_names(parse_bibtex_names(value), extended=extended)
        assert format_names(parse_bibtex_names(once), extended=extended) == once
