"""The generic CSV reader: BibTeX-named columns, key/type columns, lines, detection."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from refmerge.refs.formats.registry import detect_format, read_path, read_text

from conftest import DATA, shared_path


def test_columns_become_fields_and_id_type_become_key_and_type() -> None:
    lib = read_path(str(DATA / "dedupe" / "more.csv"))
    first, second = lib.references
    assert (first.key, first.entry_type) == ("okafor2020csv", "article")
    assert first.get("author") == "Okafor, A. and Brenner, L."
    assert first.get("pages") == "455--467"  # BibTeX-ready page range
    assert "ID" not in first.fields and "entrytype" not in first.fields
    assert (second.key, second.entry_type) == ("vance2015", "book")
    assert "journal" not in second.fields  # empty cells are no fields


def test_each_row_knows_the_line_it_starts_on_even_after_a_multiline_cell() -> None:
    lib = read_path(str(DATA / "dedupe" / "more.csv"))
    assert [r.origin.line for r in lib.references] == [2, 4]
    assert lib.references[0].origin.format == "csv"


def test_alternative_column_names_and_case() -> None:
    text = "Key,Type,Title,Year\nk1,InProceedings,A title,2001\n"
    ref = read_text(text, "x.csv", "csv").references[0]
    assert (ref.key, ref.entry_type, ref.get("title"), ref.get("year")) == (
        "k1",
        "inproceedings",
        "A title",
        "2001",
    )


def test_csv_is_detected_by_its_header_not_only_its_extension() -> None:
    text = '"ID","title","year","author"\n"a","T",2001,"X, Y"\n'
    assert detect_format(text, "export.txt") == "csv"
    assert detect_format("name,age\nbob,3\n", "people.csv") is None


def test_an_empty_csv_is_reported() -> None:
    lib = read_text("ID,title\n", "empty.csv", "csv")
    assert lib.references == []
    assert [d.code for d in lib.diagnostics] == ["RM002"]


def test_the_labelled_benchmark_sets_read_completely() -> None:
    folder = shared_path("bench", "dedupe", "stroke")
    lib = read_path(str(folder / "records_pre_merged.csv"))
    assert len(lib.references) == 1292
    assert all(r.key.startswith("id_") for r in lib.references)


_cell = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\x00"))


@settings(max_examples=50, deadline=None)
@given(st.lists(st.tuples(_cell, _cell), min_size=1, max_size=5))
def test_any_cell_text_round_trips_through_csv_quoting(rows: list[tuple[str, str]]) -> None:
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["ID", "title"])
    for n, (_, title) in enumerate(rows):
        writer.writerow([f"k{n}", title])
    refs = read_text(out.getvalue(), "x.csv", "csv").references
    kept = [(f"k{n}", t.strip()) for n, (_, t) in enumerate(rows) if t.strip()]
    assert [(r.key, r.get("title")) for r in refs if r.get("title")] == kept


def test_cells_no_field_keeps_are_named_once_per_file() -> None:
    text = (
        "ID,title,author,year,colrev_status,,\n"
        'k1,Invented ledgers,"Okafor, A.",2020,md_processed,extra,\n'
        'k2,Tidal accounts,"Brenner, L.",2019,,,x,y\n'
        'k3,Soil memory,"Villanueva, S.",2018,,,,\n'
    )
    lib = read_text(text, "rows.csv", "csv")
    assert len(lib.references) == 3
    [note] = lib.diagnostics
    assert (note.code, note.line) == ("RM004", 2)
    assert note.message == (
        "4 columns not kept: cells past the last header column (1 record), colrev_status "
        "(1 record), column 6 (no header) (1 record), column 7 (no header) (1 record)"
    )
