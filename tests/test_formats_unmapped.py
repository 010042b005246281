"""Tagged-format readers never drop a field silently.

Fields a BibTeX user wants (affiliations, call numbers, database names, accession numbers,
page counts, research notes, attachments) come out under the names docs/formats.md
lists; every other tag, column, key or element is named in one RM004 note per file,
with the number of records that lost it and the first record that did. Fixtures under
tests/data/formats/unmapped* are invented.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from refmerge.cli.app import app
from refmerge.refs.formats.registry import read_path, read_text
from refmerge.refs.model import Library, Severity

from conftest import DATA

FIXTURES = DATA / "formats"


def notes(lib: Library) -> list[str]:
    """The RM004 notes as the user sees them (file:line: RM004 message)."""
    return [str(d) for d in lib.diagnostics if d.code == "RM004"]


def read(name: str) -> Library:
    lib = read_text((FIXTURES / name).read_text(encoding="utf-8"), name)
    assert [d for d in lib.diagnostics if d.code != "RM004"] == []
    return lib


# ------------------------------------------------------------------ RIS


def test_ris_affiliations_call_number_database_notes_and_files_are_kept() -> None:
    article, book = read("unmapped.ris").references
    assert article.fields["affiliation"] == (
        "Department of Invented Studies, Northbridge University, Northbridge; "
        "Institute of Imaginary Ports, Easthaven"
    )  # both AD lines, though rispy reads a repeated AD once
    assert article.fields["callnumber"] == "HF3000 .H35 2018"
    assert article.fields["database"] == "Imaginary Index; Northbridge Library Services"
    assert article.fields["annote"] == "Read for chapter 2; compare with the port registers."
    assert article.fields["file"] == "internal-pdf://0123456789/Halvorsen-2018.pdf"
    assert book.fields["volumes"] == "3"
    assert book.key == "quist2016harbour"  # LB, EndNote's label, when there is no ID


def test_ris_note_names_lost_tags_with_record_counts_at_the_first_record() -> None:
    lib = read("unmapped.ris")
    assert notes(lib) == [
        "unmapped.ris:1: RM004 5 tags not kept: AN (1 record), C1 (2 records), C2 (1 record), "
        "M1 (1 record), UR (1 record)"
    ]
    [note] = [d for d in lib.diagnostics if d.code == "RM004"]
    assert note.severity is Severity.INFO
    # the second UR is lost (BibTeX has one url); the Embase AN is no PubMed id
    assert lib.references[0].fields["url"] == "https://example.org/jit/7/33"
    assert "pmid" not in lib.references[1].fields


def test_the_note_points_at_the_first_record_that_lost_a_tag() -> None:
    text = "TY  - JOUR\nTI  - Kept whole\nER  - \n\nTY  - JOUR\nTI  - Loses one\nC5  - x\nER  - \n"
    assert notes(read_text(text, "two.ris")) == ["two.ris:5: RM004 1 tag not kept: C5 (1 record)"]


def test_thousands_of_records_give_one_note() -> None:
    record = "TY  - JOUR\nTI  - Paper {n}\nPY  - 2020\nM1  - {n}\nC3  - c\nER  - \n\n"
    text = "".join(record.format(n=n) for n in range(3000))
    lib = read_text(text, "big.ris")
    assert len(lib.references) == 3000
    assert notes(lib) == ["big.ris:1: RM004 2 tags not kept: C3 (3000 records), M1 (3000 records)"]


def test_a_file_that_keeps_everything_has_no_note() -> None:
    lib = read_path(str(FIXTURES / "sample.ris"))
    assert lib.diagnostics == []
    assert lib.references[0].fields["database"] == "MEDLINE; PubMed"


def test_a_year_that_is_no_year_is_reported_not_dropped() -> None:
    text = "TY  - JOUR\nTI  - Undated\nPY  - in press\nER  - \n"
    lib = read_text(text, "x.ris")
    assert "year" not in lib.references[0].fields
    assert notes(lib) == ["x.ris:1: RM004 1 tag not kept: PY (1 record)"]


# Every tag of the RIS table (rispy's plus ED, BT, CT, J1), TY and ER aside.
_RIS_TAGS = sorted(
    set(
        "A1 A2 A3 A4 AB AD AN AU BT C1 C2 C3 C4 C5 C6 C7 C8 CA CN CT CY DA DB DO DP ED EP ET "
        "ID IS J1 J2 JA JF JO KW L1 L2 L4 LA LB M1 M3 N1 N2 NV OP PB PY RI RN RP SE SN SP ST "
        "T1 T2 T3 TA TI TT UR VL Y1 Y2".split()
    )
)


@settings(max_examples=150, deadline=None)
@given(
    ris_type=st.sampled_from(["JOUR", "BOOK", "CHAP", "CONF", "GEN", "EDBOOK"]),
    tags=st.lists(st.sampled_from([*_RIS_TAGS, "ZZ"]), min_size=1, max_size=25),
)
def test_every_ris_value_is_kept_or_named(ris_type: str, tags: list[str]) -> None:
    """Any mix of known and unknown tags: each value is in a field, or its tag is named."""
    values = [(tag, f"w{tag}q{i}") for i, tag in enumerate(tags)]
    text = f"TY  - {ris_type}\n" + "".join(f"{t}  - {v}\n" for t, v in values) + "ER  - \n"
    lib = read_text(text, "p.ris")
    [ref] = lib.references
    kept = " ".join([*ref.fields.values(), ref.key]).casefold()
    named = " ".join(d.message for d in lib.diagnostics if d.code == "RM004")
    warned = " ".join(d.message for d in lib.diagnostics if d.code == "RM106")
    for tag, value in values:
        if tag == "ZZ":  # not in the RIS table: an RM106 warning quotes the value
            assert value in warned
            continue
        in_note = re.search(rf"\b{tag} \(1 record\)", named)
        assert value.casefold() in kept or in_note, (tag, value, ref.fields, named)


# ------------------------------------------------------------------ MEDLINE


def test_medline_affiliations_and_general_note_are_kept() -> None:
    first, second = read("unmapped.nbib").references
    assert first.fields["affiliation"] == (
        "Department of Invented Studies, Northbridge University, Northbridge; "
        "Institute of Imaginary Ports, Easthaven"
    )
    assert first.fields["note"] == "Invented general note for the record."
    assert first.fields["keywords"] == "Cough/epidemiology; Humans"
    assert "affiliation" not in second.fields


def test_medline_note_names_administrative_tags_and_extra_publication_types() -> None:
    # AU after FAU is the same person, "Journal Article" is the entry type: not reported.
    # PL of a journal article (the journal's country) and "Randomized Controlled Trial" are.
    assert notes(read("unmapped.nbib")) == [
        "unmapped.nbib:1: RM004 6 tags not kept: GR (1 record), OWN (2 records), PL (1 record), "
        "PT (1 record), SO (1 record), STAT (2 records)"
    ]


# ------------------------------------------------------------------ Web of Science


def test_wos_addresses_accession_number_and_page_count_are_kept() -> None:
    first, second = read("unmapped.ciw").references
    assert first.fields["affiliation"] == (
        "[Halvorsen, Ingrid] Northbridge Univ, Dept Invented Studies, Northbridge, England; "
        "[Quist, Tomas] Inst Imaginary Ports, Easthaven, England"
    )
    assert first.fields["unique-id"] == "WOS:000400000000001"
    assert first.fields["pagetotal"] == "9"
    assert second.fields["unique-id"] == "WOS:000400000000002"


def test_wos_note_names_citation_data_once_per_file() -> None:
    # the PT line of the first record; CR counts records, not cited references
    assert notes(read("unmapped.ciw")) == [
        "unmapped.ciw:3: RM004 5 tags not kept: CR (2 records), FU (1 record), NR (2 records), "
        "TC (2 records), Z9 (2 records)"
    ]


# ------------------------------------------------------------------ Scopus


def test_scopus_affiliations_eid_source_and_page_count_are_kept() -> None:
    first, second = read("unmapped-scopus.csv").references
    assert first.fields["affiliation"] == (
        "Department of Invented Studies, Northbridge University, Northbridge, United Kingdom; "
        "Institute of Imaginary Ports, Easthaven, United Kingdom"
    )
    assert first.fields["scopus-eid"] == "2-s2.0-85000000001"
    assert (first.fields["database"], first.fields["pagetotal"]) == ("Scopus", "9")
    assert second.fields["scopus-eid"] == "2-s2.0-85000000002"


def test_scopus_note_names_columns_as_the_header_writes_them() -> None:
    assert notes(read("unmapped-scopus.csv")) == [
        'unmapped-scopus.csv:2: RM004 3 columns not kept: "Cited by" (2 records), '
        '"Correspondence Address" (1 record), "Funding Details" (1 record)'
    ]


def test_scopus_short_authors_beside_full_names_are_not_reported() -> None:
    header = '"Authors","Author full names","Title","Year"\n'
    row = '"Smith J.K.","Smith, John Kevin (123)","A title","2020"\n'
    assert notes(read_text(header + row, "s.csv", "scopus")) == []


# ------------------------------------------------------------------ CSL-JSON


def test_csljson_catalogue_keys_become_biblatex_fields() -> None:
    book, article = read("unmapped.json").references
    assert book.fields["callnumber"] == "HF3000 .H35 2018"
    assert book.fields["database"] == "Invented Library Catalog"
    assert book.fields["pagetotal"] == "212"
    assert book.fields["origtitle"] == "Tidevannsregnskap"
    assert article.fields["pubstate"] == "forthcoming"


def test_csljson_note_names_keys_at_the_first_item() -> None:
    assert notes(read("unmapped.json")) == [
        "unmapped.json:2: RM004 2 keys not kept: archive (2 records), genre (1 record)"
    ]


# ------------------------------------------------------------------ EndNote XML


def test_endnote_address_call_number_notes_caption_and_pdf_are_kept() -> None:
    first, second = read("unmapped-endnote.xml").references
    assert first.fields["affiliation"] == (
        "Department of Invented Studies, Northbridge University, Northbridge"
    )
    assert first.fields["callnumber"] == "HF3000 .H35 2018"
    assert first.fields["annote"] == "Read for chapter 2."
    assert first.fields["caption"] == "Duplicate"
    assert first.fields["database"] == "Imaginary Index"
    assert first.fields["file"] == "internal-pdf://0123456789/Halvorsen-2018.pdf"
    assert set(second.fields) == {"author", "title", "year"}


def test_endnote_note_names_elements_but_not_library_bookkeeping() -> None:
    # database, source-app, rec-number describe the EndNote library, not the work
    assert notes(read("unmapped-endnote.xml")) == [
        "unmapped-endnote.xml:3: RM004 2 elements not kept: <custom1> (2 records), "
        "<work-type> (1 record)"
    ]


def test_endnote_one_line_library_note_carries_the_record_column() -> None:
    text = (
        '<?xml version="1.0"?><xml><records><record><ref-type name="Journal Article">17'
        "</ref-type><titles><title>A</title></titles></record><record><ref-type name="
        '"Journal Article">17</ref-type><titles><title>B</title></titles>'
        "<custom2>x</custom2></record></records></xml>"
    )
    lib = read_text(text, "one.xml")
    column = text.index("<record>", text.index("</record>")) + 1
    assert notes(lib) == [f"one.xml:1:{column}: RM004 1 element not kept: <custom2> (1 record)"]


# ------------------------------------------------------------------ the user sees it


def test_convert_prints_the_note_and_still_writes_every_record(tmp_path) -> None:
    out = tmp_path / "out.bib"
    result = CliRunner().invoke(app, ["convert", str(FIXTURES / "unmapped.ciw"), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    assert "unmapped.ciw:3: RM004 5 tags not kept: CR (2 records)" in result.stderr
    assert "unique-id = {WOS:000400000000001}" in out.read_text(encoding="utf-8")


def test_endnote_database_name_and_provider_are_both_kept() -> None:
    text = (
        '<xml><records><record><ref-type name="Journal Article">17</ref-type>'
        "<titles><title>A</title></titles>"
        "<remote-database-name>Imaginary Index</remote-database-name>"
        "<remote-database-provider>Northbridge Library Services</remote-database-provider>"
        "</record></records></xml>"
    )
    lib = read_text(text, "db.xml")
    assert lib.references[0].fields["database"] == "Imaginary Index; Northbridge Library Services"
    assert notes(lib) == []
