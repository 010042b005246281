"""Three reader gaps that lost data or locations without saying so.

- RIS written with lower-case tags (`au  - `) read as an empty record; a tag outside the
  RIS table vanished without a word.
- A Scopus (or BibTeX-column) CSV re-saved with `;` or tab separators was not recognised.
- EndNote XML written on one line gave every record the location `file:1`.

Fixtures under tests/data/formats are invented records.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from refmerge.cli.app import app
from refmerge.refs.formats.registry import detect_format, read_path, read_text
from refmerge.refs.model import Origin, Reference

from conftest import DATA

FIXTURES = DATA / "formats"
runner = CliRunner()


def _fields(refs: list[Reference]) -> list[tuple[str, str, dict[str, str]]]:
    return [(r.entry_type, r.key, r.fields) for r in refs]


# ------------------------------------------------------------------ RIS


def _upper_tags(text: str) -> str:
    return re.sub(r"(?m)^([A-Za-z][A-Za-z0-9])(?=\s{1,3}-)", lambda m: m.group(1).upper(), text)


def test_lower_case_ris_tags_read_like_upper_case() -> None:
    text = (FIXTURES / "lowercase.ris").read_text(encoding="utf-8")
    lib = read_text(text, "lower.ris")
    upper = read_text(_upper_tags(text), "upper.ris")
    assert lib.diagnostics == []
    assert _fields(lib.references) == _fields(upper.references)
    first, book = lib.references
    assert first.fields["author"] == "Okafor, Amara and Lindqvist, Åsa"
    assert first.fields["title"] == "Invented ledgers of the northern ports"
    assert first.fields["journal"] == "Journal of Imaginary Trade"
    assert (first.fields["year"], first.fields["pages"]) == ("2020", "11--29")
    assert first.fields["doi"] == "10.5555/jit.2020.11"
    assert first.fields["keywords"] == "ledgers; ports"
    assert (book.entry_type, book.fields["publisher"]) == ("book", "Northbridge Academic Press")
    assert [r.origin.line for r in lib.references] == [1, 15]


def test_lower_case_ris_converts_on_the_command_line() -> None:
    result = runner.invoke(app, ["convert", str(FIXTURES / "lowercase.ris")])
    assert result.exit_code == 0, result.stderr
    assert "title = {Invented ledgers of the northern ports}" in result.stdout
    assert "author = {Moreau, Étienne}" in result.stdout
    assert "warning" not in result.stderr


def test_lower_case_ris_is_detected_by_content() -> None:
    text = (FIXTURES / "lowercase.ris").read_text(encoding="utf-8")
    assert detect_format(text, "download.txt") == "ris"


def test_the_example_from_the_bug_report(tmp_path: Path) -> None:
    path = tmp_path / "x.ris"
    path.write_text("TY  - JOUR\nau  - Okafor, Amara\nti  - Invented ledgers\npy  - 2020\ner  - \n")
    result = runner.invoke(app, ["convert", str(path)])
    assert result.exit_code == 0, result.stderr
    assert "author = {Okafor, Amara}" in result.stdout
    assert "title = {Invented ledgers}" in result.stdout
    assert "year = {2020}" in result.stdout
    assert "warning" not in result.stderr


def test_unknown_ris_tag_is_reported_at_its_line_not_dropped() -> None:
    text = (
        "TY  - JOUR\n"
        "TI  - Invented ledgers\n"
        "ZZ  - a value no reader knows\n"
        "q9  - lower-case unknown\n"
        "PY  - 2020\n"
        "ER  - \n"
    )
    lib = read_text(text, "odd.ris")
    (ref,) = lib.references
    assert (ref.fields["title"], ref.fields["year"]) == ("Invented ledgers", "2020")
    found = [(d.code, d.line, d.message) for d in lib.diagnostics]
    assert [(code, line) for code, line, _ in found] == [("RM106", 3), ("RM106", 4)]
    assert "'ZZ'" in found[0][2] and "a value no reader knows" in found[0][2]
    assert "'Q9'" in found[1][2] and "lower-case unknown" in found[1][2]
    assert str(lib.diagnostics[0]).startswith("odd.ris:3: RM")


@pytest.mark.parametrize("uk_first", [True, False])
def test_a_uk_line_is_reported_and_the_record_still_read(uk_first: bool) -> None:
    # rispy files tags it does not know in a table it calls "UK": a literal UK line
    # before them made rispy fail on the whole record; after them its value vanished.
    lines = ["BT  - Harbour tariffs", "UK  - odd\n  more odd"]
    body = "\n".join(reversed(lines) if uk_first else lines)
    lib = read_text(f"TY  - BOOK\n{body}\nPY  - 2018\nER  - \n", "uk.ris")
    uk_line = 2 if uk_first else 3
    assert [(d.code, d.line) for d in lib.diagnostics] == [("RM106", uk_line)]
    assert "'UK'" in lib.diagnostics[0].message and "odd" in lib.diagnostics[0].message
    (ref,) = lib.references
    assert (ref.fields["title"], ref.fields["year"]) == ("Harbour tariffs", "2018")
    assert "odd" not in " ".join(ref.fields.values())


def test_ris_tags_read_from_rispy_unknown_table_are_not_reported() -> None:
    text = "TY  - EDBOOK\nED  - Moreau, Étienne\nBT  - Harbour tariffs\nER  - \n"
    lib = read_text(text, "ed.ris")
    assert lib.diagnostics == []
    assert lib.references[0].fields["editor"] == "Moreau, Étienne"


_PLAIN_RIS = "TY  - JOUR\nAU  - Okafor, Amara\nTI  - Invented ledgers\nPY  - 2020\nER  - \n"


@pytest.mark.parametrize(
    "raw",
    [
        _PLAIN_RIS.replace("\n", "\r\n").encode(),  # CRLF
        b"\xef\xbb\xbf" + _PLAIN_RIS.encode(),  # UTF-8 BOM
        b"\xef\xbb\xbf" + _PLAIN_RIS.replace("\n", "\r\n").encode(),  # both
        _PLAIN_RIS.replace("\n", "\r").encode(),  # old Mac line ends
        _PLAIN_RIS.replace("  - ", " - ").encode(),  # one space before the dash
        re.sub(r"(?m)^[A-Z]{2}", lambda m: m.group(0).lower(), _PLAIN_RIS).encode(),  # ty  -
    ],
    ids=["crlf", "bom", "bom-crlf", "cr", "one-space", "lower"],
)
def test_ris_line_ends_bom_and_spacing(tmp_path: Path, raw: bytes) -> None:
    want = _fields(read_text(_PLAIN_RIS, "plain.ris").references)
    path = tmp_path / "in.ris"
    path.write_bytes(raw)
    lib = read_path(str(path))
    assert lib.diagnostics == []
    assert _fields(lib.references) == want
    assert [r.origin.line for r in lib.references] == [1]
    # The reader itself copes when handed undecoded-style text (API use, --from ris).
    direct = read_text(raw.decode("utf-8"), "direct.ris", "ris")
    assert direct.diagnostics == []
    assert _fields(direct.references) == want


_tag_case = st.sampled_from([str.upper, str.lower, str.capitalize, lambda t: t[0].lower() + t[1]])


@settings(max_examples=60, deadline=None)
@given(cases=st.lists(_tag_case, min_size=10, max_size=10), sep=st.sampled_from(["  - ", " - "]))
def test_ris_tags_are_case_insensitive(cases: list, sep: str) -> None:
    tags = ["TY", "AU", "AU", "TI", "T2", "PY", "VL", "SP", "EP", "ER"]
    values = ["JOUR", "Okafor, Amara", "Lindqvist, Åsa", "Ledgers", "J Trade", "2020", "7"]
    values += ["11", "29", ""]
    lines = [
        f"{case(tag)}{sep}{value}" for case, tag, value in zip(cases, tags, values, strict=True)
    ]
    lib = read_text("\n".join(lines) + "\n", "gen.ris", "ris")
    assert lib.diagnostics == []
    (ref,) = lib.references
    assert ref.fields == {
        "author": "Okafor, Amara and Lindqvist, Åsa",
        "title": "Ledgers",
        "journal": "J Trade",
        "year": "2020",
        "volume": "7",
        "pages": "11--29",
    }


# ------------------------------------------------------------------ CSV delimiters


def _redelimit(text: str, delimiter: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    for row in csv.reader(io.StringIO(text, newline=""), delimiter=";"):
        writer.writerow(row)
    return out.getvalue()


def test_semicolon_scopus_csv_is_read_like_the_comma_one() -> None:
    text = (FIXTURES / "scopus-semicolon.csv").read_text(encoding="utf-8")
    assert detect_format(text, "semi.csv") == "scopus"
    lib = read_text(text, "semi.csv")
    comma = read_text(_redelimit(text, ","), "comma.csv")
    assert lib.diagnostics == [] and comma.diagnostics == []
    assert _fields(lib.references) == _fields(comma.references)
    first, second = lib.references
    assert first.fields["author"] == "Okafor, Amara and Lindqvist, Åsa"
    assert first.fields["title"] == "Invented ledgers; a second look"
    assert first.fields["abstract"] == "First line of the abstract; second line, with a comma"
    assert first.fields["pages"] == "11--29"
    assert second.fields["title"] == "Harbour tariffs, 1850–1900"
    # The first row spans lines 2-3 (a quoted line break), so the second starts on line 4.
    assert [(r.origin.line, r.origin.end_line) for r in lib.references] == [(2, 3), (4, 4)]


def test_semicolon_scopus_csv_converts_on_the_command_line() -> None:
    result = runner.invoke(app, ["convert", str(FIXTURES / "scopus-semicolon.csv")])
    assert result.exit_code == 0, result.stderr
    assert "title = {Invented ledgers; a second look}" in result.stdout
    assert "doi = {10.5555/rme.2018.101}" in result.stdout


def test_tab_separated_scopus_export() -> None:
    text = _redelimit((FIXTURES / "scopus-semicolon.csv").read_text(encoding="utf-8"), "\t")
    assert detect_format(text, "scopus.txt") == "scopus"
    lib = read_text(text, "tab.txt")
    assert lib.diagnostics == []
    assert [r.fields["doi"] for r in lib.references] == [
        "10.5555/jit.2020.11",
        "10.5555/rme.2018.101",
    ]


def test_semicolon_scopus_short_row_is_reported_at_its_line() -> None:
    text = '"Authors";"Title";"Source title";"EID"\n"A B.";"T";"J";"e1"\n"C D.";"U"\n'
    lib = read_text(text, "short.csv")
    assert [(d.code, d.line) for d in lib.diagnostics] == [("RM106", 3)]
    assert "2 cells but the header has 4" in lib.diagnostics[0].message


def test_excel_sep_line_names_the_delimiter() -> None:
    text = "sep=;\n" + (FIXTURES / "scopus-semicolon.csv").read_text(encoding="utf-8")
    assert detect_format(text, "semi.csv") == "scopus"
    lib = read_text(text, "semi.csv")
    assert lib.diagnostics == []
    assert [r.origin.line for r in lib.references] == [3, 5]


def test_semicolon_bibtex_column_csv() -> None:
    text = (FIXTURES / "records-semicolon.csv").read_text(encoding="utf-8")
    assert detect_format(text, "records.csv") == "csv"
    lib = read_text(text, "records.csv")
    comma = read_text(_redelimit(text, ","), "comma.csv")
    assert lib.diagnostics == []
    assert _fields(lib.references) == _fields(comma.references)
    assert [r.key for r in lib.references] == ["ledger20", "tariff18"]
    assert lib.references[0].fields["title"] == "Invented ledgers; a second look"
    assert lib.references[1].fields["pages"] == "101--118"
    assert [r.origin.line for r in lib.references] == [2, 3]


def test_comma_stays_the_default_for_a_header_without_separators() -> None:
    # One column: nothing to detect, and a comma CSV reader would read the same.
    lib = read_text("title\nInvented ledgers\n", "one.csv", "csv")
    assert [r.fields for r in lib.references] == [{"title": "Invented ledgers"}]


_cell = st.text(alphabet=st.sampled_from(list('abcXYZ ,;\t"\n-12éÅ')), max_size=12).map(
    lambda s: " ".join(s.split())  # readers strip and (Scopus) collapse white space
)


@settings(max_examples=80, deadline=None)
@given(
    delimiter=st.sampled_from([",", ";", "\t"]),
    rows=st.lists(st.tuples(_cell, _cell, _cell), min_size=1, max_size=5),
    scopus=st.booleans(),
)
def test_delimiter_detection_round_trip(
    delimiter: str, rows: list[tuple[str, str, str]], scopus: bool
) -> None:
    header = ["Title", "Source title", "Volume", "EID"] if scopus else ["title", "journal", "note"]
    header += ["Year"] if scopus else ["year"]
    # A title in every row, so that no row is empty (empty rows are skipped).
    rows = [(f"T {t}".strip(), j, v) for t, j, v in rows]
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow(header)
    starts = []
    for n, (title, journal, third) in enumerate(rows):
        starts.append(out.getvalue().count("\n") + 1)
        record = [title, journal, third, "e"] if scopus else [title, journal, third]
        writer.writerow([*record, str(2000 + n)])
    text = out.getvalue()
    lib = read_text(text, "gen.csv")
    assert lib.diagnostics == []
    assert {r.origin.format for r in lib.references} == {"scopus" if scopus else "csv"}
    assert [r.origin.line for r in lib.references] == starts
    for ref, (title, journal, third) in zip(lib.references, rows, strict=True):
        assert ref.fields["title"] == title
        assert ref.get("journal" if not scopus else "series") == journal
        assert ref.get("volume" if scopus else "note") == third


# ------------------------------------------------------------------ EndNote XML on one line

ONE_LINE = FIXTURES / "endnote-oneline.xml"


def test_one_line_endnote_records_get_distinct_locations() -> None:
    text = ONE_LINE.read_text(encoding="utf-8")
    lib = read_path(str(ONE_LINE))
    assert lib.diagnostics == []
    columns = [m.start() + 1 for m in re.finditer(r"<record>", text)]
    assert [(r.origin.line, r.origin.column) for r in lib.references] == [(1, c) for c in columns]
    assert len(set(str(r.origin) for r in lib.references)) == 3
    assert str(lib.references[0].origin) == f"{ONE_LINE}:1:{columns[0]}"


def test_multi_line_endnote_keeps_its_lines_and_prints_no_column() -> None:
    lib = read_path(str(FIXTURES / "endnote.xml"))
    assert [r.origin.line for r in lib.references] == [3, 31]
    assert {r.origin.column for r in lib.references} == {None}
    assert str(lib.references[0].origin).endswith("endnote.xml:3")


def test_origin_prints_a_column_only_when_set() -> None:
    assert str(Origin("a.xml", 1)) == "a.xml:1"
    assert str(Origin("a.xml", 1, None, "endnote-xml", 54)) == "a.xml:1:54"


def test_one_line_endnote_columns_count_characters_and_skip_cdata() -> None:
    rec = "<record><ref-type name='Book'>6</ref-type><titles><title>{}</title></titles></record>"
    text = (
        "<xml><records>"
        + rec.format("Müller ÅÅ")
        + "<!-- <record> -->"
        + rec.format("<![CDATA[<record>]]>")
        + rec.format("Third")
        + "</records></xml>"
    )
    lib = read_text(text, "c.xml", "endnote-xml")
    assert [r.fields["title"] for r in lib.references] == ["Müller ÅÅ", "<record>", "Third"]
    starts = [m.start() + 1 for m in re.finditer(r"<record>", text)]
    want = [starts[0], starts[2], starts[4]]  # [1] is in the comment, [3] in the CDATA
    assert [(r.origin.line, r.origin.column) for r in lib.references] == [(1, c) for c in want]


def test_one_line_endnote_salvage_after_syntax_error_keeps_columns() -> None:
    good = "<record><ref-type name='Book'>6</ref-type><titles><title>Good</title></titles></record>"
    bad = "<record><titles><title>Bad</titles></record>"
    text = f"<xml><records>{good}{bad}{good}</records></xml>"
    lib = read_text(text, "x.xml", "endnote-xml")
    starts = [m.start() + 1 for m in re.finditer(r"<record>", text)]
    assert [(r.origin.line, r.origin.column) for r in lib.references] == [
        (1, starts[0]),
        (1, starts[2]),
    ]
    skipped = [d for d in lib.diagnostics if d.code == "RM106"]
    assert [(d.line, d.col) for d in skipped] == [(1, starts[1])]


def test_dupes_tells_one_line_endnote_records_apart() -> None:
    text = ONE_LINE.read_text(encoding="utf-8")
    first, _, third = (m.start() + 1 for m in re.finditer(r"<record>", text))
    result = runner.invoke(app, ["dupes", str(ONE_LINE), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    (group,) = json.loads(result.stdout)["groups"]
    assert [(m["line"], m["column"]) for m in group["members"]] == [(1, first), (1, third)]
    assert len({m["key"] for m in group["members"]}) == 2
    table = runner.invoke(app, ["dupes", str(ONE_LINE)]).stdout
    assert f"endnote-oneline.xml:1:{first}" in table
    assert f"endnote-oneline.xml:1:{third}" in table


def test_merge_report_tells_one_line_endnote_records_apart(tmp_path: Path) -> None:
    text = ONE_LINE.read_text(encoding="utf-8")
    first, _, third = (m.start() + 1 for m in re.finditer(r"<record>", text))
    report = tmp_path / "report.json"
    result = runner.invoke(
        app,
        ["merge", str(ONE_LINE), "-o", str(tmp_path / "out.bib"), "--report", str(report)],
    )
    assert result.exit_code == 0, result.stderr
    data = json.loads(report.read_text(encoding="utf-8"))
    merged = [r for r in data["records"] if "absorbed" in r]
    assert len(merged) == 1
    places = [merged[0]["from"], *merged[0]["absorbed"]]
    assert sorted((p["line"], p["column"]) for p in places) == [(1, first), (1, third)]
