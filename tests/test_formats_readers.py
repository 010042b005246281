"""Readers for RIS, MEDLINE, Web of Science, Scopus CSV, CSL-JSON and EndNote XML.

Each fixture under tests/data/formats is invented content written to the
format's published layout; the tests check that every field a user relies on
lands in the right BibTeX field, that formats are told apart by content, and
that broken input gives a file:line diagnostic instead of a traceback.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from refmerge.refs.formats.registry import FORMATS, detect_format, read_path, read_text
from refmerge.refs.model import InputError, Reference

from conftest import DATA

FIXTURES = DATA / "formats"


def read(name: str) -> list[Reference]:
    lib = read_path(str(FIXTURES / name))
    # RM004 (tags not kept, info) is tested in test_formats_unmapped.py.
    problems = [d for d in lib.diagnostics if d.code != "RM004"]
    assert problems == [], [str(d) for d in problems]
    return lib.references


def codes(text: str, name: str, fmt: str | None = None) -> list[tuple[str, int]]:
    return [(d.code, d.line) for d in read_text(text, name, fmt).diagnostics]


# ------------------------------------------------------------------ detection


@pytest.mark.parametrize(
    ("fixture", "fmt"),
    [
        ("sample.ris", "ris"),
        ("sample.nbib", "medline"),
        ("sample.ciw", "wos"),
        ("scopus.csv", "scopus"),
        ("sample.json", "csl-json"),
        ("endnote.xml", "endnote-xml"),
    ],
)
def test_format_is_detected_from_content_not_extension(fixture: str, fmt: str) -> None:
    text = (FIXTURES / fixture).read_text(encoding="utf-8-sig")
    assert detect_format(text, "download.txt") == fmt
    assert detect_format(text, "") == fmt


def test_scopus_header_beats_the_generic_csv_reader() -> None:
    header = '"Authors","Author full names","Title","Year","Source title","DOI"\n'
    assert FORMATS["scopus"].sniff(header) > FORMATS["csv"].sniff(header)
    assert detect_format(header + '"A B.","B, A (1)","T","2020","J","10.1/x"\n', "x.csv") == (
        "scopus"
    )


def test_a_bibtex_style_csv_stays_with_the_generic_reader() -> None:
    text = "ID,title,author,year,journal\nid1,T,A,2020,J\n"
    assert detect_format(text, "records.csv") == "csv"


# ------------------------------------------------------------------ RIS


def test_ris_journal_article_maps_every_field() -> None:
    ref = read("sample.ris")[0]
    assert ref.entry_type == "article"
    assert ref.key == "Okafor2021"
    assert ref.fields == {
        "author": "Okafor, Chidinma A. and van der Berg, Jan and Müller-Lüdenscheidt, Hans"
        " and {Northern Lung Health Study Group}",
        "title": "Inhaled corticosteroid withdrawal in mild asthma: a randomised controlled trial",
        "journal": "Journal of Respiratory Medicine & Allergy",
        "shortjournal": "J Respir Med Allergy",
        "year": "2021",
        "month": "mar",
        "volume": "42",
        "number": "3",
        "pages": "455--467",
        "issn": "1234-567X",
        "doi": "10.5555/JRMA.2021.0042",
        "pmid": "33123456",
        "language": "english",
        "keywords": "Asthma; Adrenal Cortex Hormones/administration & dosage;"
        " Drug Withdrawal, Controlled",
        "abstract": "Background: Stepping down inhaled corticosteroids is recommended but rarely"
        " studied. Methods: We randomised 312 adults.",
        "url": "https://example.org/jrma/2021/42/3/455",
        "note": "Erratum in J Respir Med Allergy 2021;42:900.",
        "database": "MEDLINE; PubMed",
    }
    assert (ref.origin.line, ref.origin.end_line, ref.origin.format) == (1, 29, "ris")


def test_ris_chapter_and_conference_paper() -> None:
    _, chapter, paper = read("sample.ris")
    assert chapter.entry_type == "incollection"
    assert chapter.key == ""  # no ID tag: no key (merge generates one; never put in `ids`)
    assert chapter.fields["editor"] == "Moreau, Étienne"
    assert chapter.fields["booktitle"] == "Handbook of Pulmonary Function Testing"
    assert chapter.fields["series"] == "Clinical Methods"
    assert chapter.fields["isbn"] == "978-0-12-345678-9"
    assert "issn" not in chapter.fields
    assert (chapter.fields["publisher"], chapter.fields["address"]) == (
        "Northbridge Academic Press",
        "Edinburgh",
    )
    assert chapter.fields["edition"] == "2nd"
    assert chapter.origin.line == 31
    assert paper.entry_type == "inproceedings"
    assert paper.fields["pages"] == "12--19"  # SP held the whole range
    assert paper.fields["month"] == "sep"
    assert paper.origin.line == 48


def test_ris_missing_er_is_reported_and_the_record_kept() -> None:
    text = "TY  - JOUR\nTI  - First\nPY  - 2001\nTY  - BOOK\nTI  - Second\n"
    lib = read_text(text, "cut.ris")
    assert [r.fields["title"] for r in lib.references] == ["First", "Second"]
    assert [(d.code, d.line) for d in lib.diagnostics] == [("RM106", 1), ("RM106", 4)]
    assert str(lib.diagnostics[0]).startswith("cut.ris:1: RM106 ")


def test_ris_text_outside_records_is_reported_with_its_line() -> None:
    text = "Exported from SomeDB\n\nTY  - JOUR\nTI  - T\nER  - \ngarbage here\n"
    assert codes(text, "x.ris") == [("RM106", 1), ("RM106", 6)]


def test_ris_edited_book_authors_are_editors() -> None:
    text = "TY  - EDBOOK\nAU  - Moreau, Étienne\nTI  - Handbook\nPY  - 2019\nER  - \n"
    (ref,) = read_text(text, "x.ris").references
    assert (ref.entry_type, ref.get("editor"), ref.get("author")) == ("book", "Moreau, Étienne", "")


def test_ris_database_header_lines_are_not_reported() -> None:
    text = "Provider: EBSCO\nContent: application/x-research-info-systems\n\nTY  - JOUR\nER  - \n"
    lib = read_text(text, "ebsco.ris")
    assert (len(lib.references), lib.diagnostics) == (1, [])


def test_ris_tolerates_one_space_tags_and_crlf_free_wrapping() -> None:
    text = "TY - JOUR\nAU - Smith, John\nTI - A long title\n  that wraps\nER - \n"
    (ref,) = read_text(text, "x.ris").references
    assert ref.fields["title"] == "A long title that wraps"
    assert ref.fields["author"] == "Smith, John"


def test_ris_ovid_and_zotero_conventions() -> None:
    text = (
        "TY  - JOUR\nDB  - Embase\nAN  - 2012345678\nA1  - Lee-Chang H.-J.\nA1  - Smith J.K.\n"
        "T1  - Title\nJF  - Journal Full\nJA  - J. Full\nY1  - 2019//\nY2  - 2023/01/05/12:00:00\n"
        "UR  - https://doi.org/10.5555/x.1;https://example.org/x\nER  - \n"
    )
    (ref,) = read_text(text, "ovid.ris").references
    assert ref.fields["author"] == "Lee-Chang, H.-J. and Smith, J. K."
    assert (ref.fields["journal"], ref.fields["shortjournal"]) == ("Journal Full", "J. Full")
    assert ref.fields["year"] == "2019"
    assert ref.fields["urldate"] == "2023-01-05"
    assert ref.fields["doi"] == "10.5555/x.1"  # from the doi.org link
    assert ref.fields["url"] == "https://doi.org/10.5555/x.1"
    assert "pmid" not in ref.fields  # an Embase accession number is not a PMID


# ------------------------------------------------------------------ MEDLINE


def test_medline_prefers_full_names_and_expands_page_ranges() -> None:
    ref = read("sample.nbib")[0]
    assert ref.entry_type == "article"
    assert ref.fields == {
        "author": "O'Sullivan, Siobhán and de la Cruz, María José"
        " and {Transplant Lung Function Consortium}",
        "title": "Home spirometry telemonitoring after lung transplantation: a multicentre"
        " cohort study",
        "journal": "Respiratory medicine",
        "shortjournal": "Respir Med",
        "volume": "118",
        "number": "4",
        "pages": "455--467",
        "year": "2022",
        "month": "apr",
        "doi": "10.5555/rmed.2022.0118",
        "pmid": "35123456",
        "pmcid": "PMC9123456",
        "issn": "1532-8899, 0954-6111",
        "language": "english",
        "keywords": "telemonitoring; chronic lung allograft dysfunction; Humans;"
        " Lung Transplantation; Spirometry/methods",
        "abstract": "BACKGROUND: Early detection of chronic lung allograft dysfunction may"
        " improve outcomes. METHODS: We followed 204 recipients for two years.",
        "affiliation": "Department of Respiratory Medicine, Northbridge University Hospital",
    }
    assert (ref.origin.line, ref.origin.format) == (1, "medline")


def test_medline_short_names_article_numbers_and_languages() -> None:
    ref = read("sample.nbib")[1]
    assert ref.fields["author"] == "Haddad, K. and Nakamura, T."
    assert ref.fields["pages"] == "e0123"
    assert ref.fields["language"] == "french and english"
    assert ref.fields["journal"].endswith("European Respiratory Society")  # continuation line
    assert ref.origin.line == 49


@pytest.mark.parametrize(
    ("pages", "expected"),
    [("455-67", "455--467"), ("1199-201", "1199--1201"), ("12-9", "12--19"), ("98-102", "98--102")],
)
def test_medline_abbreviated_end_pages(pages: str, expected: str) -> None:
    text = f"PMID- 1\nTI  - T.\nPG  - {pages}\n"
    assert read_text(text, "x.nbib").references[0].fields["pages"] == expected


def test_medline_stray_line_is_reported() -> None:
    text = "PMID- 1\nTI  - Title.\nthis line has no tag\nAU  - Smith J\n"
    lib = read_text(text, "x.nbib")
    assert [(d.code, d.line) for d in lib.diagnostics] == [("RM106", 3)]
    assert lib.references[0].fields["author"] == "Smith, J."


# ------------------------------------------------------------------ Web of Science


def test_wos_article_maps_every_field() -> None:
    ref = read("sample.ciw")[0]
    assert ref.entry_type == "article"
    assert ref.fields["author"] == (
        "Okafor, Chidinma A. and van der Berg, Jan and {Northern Lung Hlth Study Grp}"
    )
    assert ref.fields["title"] == (
        "Inhaled corticosteroid withdrawal in mild asthma: a randomised controlled trial"
    )
    assert ref.fields["journal"] == "JOURNAL OF RESPIRATORY MEDICINE & ALLERGY"
    assert ref.fields["shortjournal"] == "J. Respir. Med. Allergy"
    assert (ref.fields["year"], ref.fields["month"]) == ("2021", "mar")
    assert (ref.fields["volume"], ref.fields["number"], ref.fields["pages"]) == (
        "42",
        "3",
        "455--467",
    )
    assert ref.fields["doi"] == "10.5555/JRMA.2021.0042"
    assert ref.fields["pmid"] == "33123456"
    assert ref.fields["issn"] == "1234-567X, 2345-6789"
    assert ref.fields["keywords"] == (
        "asthma; inhaled corticosteroids; step-down; RISK; EXACERBATIONS; THERAPY"
    )
    assert ref.fields["abstract"].endswith("We randomised 312 adults.")
    assert ref.fields["language"] == "english"
    assert (ref.fields["publisher"], ref.fields["address"]) == (
        "NORTHBRIDGE ACADEMIC PRESS",
        "EDINBURGH",
    )
    assert ref.origin.line == 3  # after the FN/VR header


def test_wos_proceedings_paper() -> None:
    ref = read("sample.ciw")[1]
    assert ref.entry_type == "inproceedings"
    assert ref.fields["booktitle"] == "PROCEEDINGS OF THE WORKSHOP ON ACOUSTIC HEALTH SIGNALS"
    assert ref.fields["pages"] == "12"  # article number when there is no page range
    assert ref.fields["isbn"] == "978-1-4503-0000-0"
    assert ref.fields["editor"] == "Moreau, E."
    assert ref.origin.line == 44


def test_wos_unclosed_record_is_reported() -> None:
    text = "FN Clarivate Analytics Web of Science\nVR 1.0\nPT J\nTI A\nPT J\nTI B\nER\nEF\n"
    lib = read_text(text, "x.txt")
    assert [r.fields["title"] for r in lib.references] == ["A", "B"]
    assert [(d.code, d.line) for d in lib.diagnostics] == [("RM106", 3)]


# ------------------------------------------------------------------ Scopus


def test_scopus_row_maps_every_field() -> None:
    ref = read("scopus.csv")[0]
    assert ref.entry_type == "article"
    assert ref.fields == {
        "author": "Okafor, Chidinma A. and van der Berg, Jan",
        "title": "Inhaled corticosteroid withdrawal in mild asthma: a randomised controlled trial",
        "year": "2021",
        "journal": "Journal of Respiratory Medicine & Allergy",
        "shortjournal": "J. Respir. Med. Allergy",
        "volume": "42",
        "number": "3",
        "pages": "455--467",
        "doi": "10.5555/JRMA.2021.0042",
        "url": "https://www.scopus.com/inward/record.uri?eid=2-s2.0-85100000001"
        "&doi=10.5555%2fJRMA.2021.0042",
        "abstract": "Background: Stepping down inhaled corticosteroids is recommended but rarely"
        " studied. Methods: We randomised 312 adults. © 2021 Northbridge Ltd",
        "keywords": "asthma; inhaled corticosteroids; step-down; Adrenal Cortex Hormones; Humans",
        "publisher": "Northbridge Academic Press",
        "issn": "1234-567X",
        "pmid": "33123456",
        "language": "english",
        "pagetotal": "13",
        "database": "Scopus",
        "scopus-eid": "2-s2.0-85100000001",
    }
    assert (ref.origin.line, ref.origin.end_line) == (2, 3)  # the abstract spans two lines


def test_scopus_short_authors_conference_paper() -> None:
    ref = read("scopus.csv")[1]
    assert ref.entry_type == "inproceedings"
    assert ref.fields["author"] == "Tanaka, H. and Rossi, G."
    assert ref.fields["editor"] == "Moreau, E."
    assert ref.fields["booktitle"] == "Proceedings of the Workshop on Acoustic Health Signals"
    assert ref.fields["pages"] == "12"
    assert ref.fields["isbn"] == "9781450300000"
    assert "abstract" not in ref.fields  # "[No abstract available]"
    assert ref.origin.line == 4


def test_scopus_short_row_is_reported() -> None:
    text = '"Authors","Title","Year","Source title","EID","Document Type"\n"A B.","T","2020"\n'
    assert codes(text, "s.csv") == [("RM106", 2)]


# ------------------------------------------------------------------ CSL-JSON


def test_csljson_item_maps_every_field() -> None:
    ref = read("sample.json")[0]
    assert ref.entry_type == "article"
    assert ref.key == "okafor2021inhaled"
    assert ref.fields == {
        "author": "Okafor, Chidinma A. and van der Berg, Jan and Smith, Jr., John"
        " and {Northern Lung Health Study Group}",
        "title": "Inhaled corticosteroid withdrawal in mild asthma: a \\textit{randomised}"
        " controlled trial",
        "journal": "Journal of Respiratory Medicine & Allergy",
        "shortjournal": "J Respir Med Allergy",
        "year": "2021",
        "month": "mar",
        "volume": "42",
        "number": "3",
        "pages": "455--467",
        "doi": "10.5555/JRMA.2021.0042",
        "pmid": "33123456",
        "pmcid": "PMC8000001",
        "issn": "1234-567X",
        "url": "https://example.org/jrma/2021/42/3/455",
        "language": "english",
        "keywords": "asthma; inhaled corticosteroids",
        "abstract": "Stepping down inhaled corticosteroids is recommended but rarely studied.",
        "note": "Erratum in J Respir Med Allergy 2021;42:900.",
    }
    assert ref.origin.line == 2


def test_csljson_chapter() -> None:
    ref = read("sample.json")[1]
    assert ref.entry_type == "incollection"
    assert ref.fields["editor"] == "Moreau, Étienne"
    assert ref.fields["booktitle"] == "Handbook of Pulmonary Function Testing"
    assert ref.fields["doi"] == "10.5555/hpft.ch7"  # the resolver prefix is dropped
    assert ref.fields["address"] == "Edinburgh"
    assert ref.origin.line == 28


def test_csljson_syntax_error_keeps_earlier_items() -> None:
    text = '[\n {"type": "book", "title": "Kept"},\n {"type": "book" "title": "Lost"}\n]\n'
    lib = read_text(text, "x.json")
    assert [r.fields["title"] for r in lib.references] == ["Kept"]
    assert [(d.code, d.line, d.col) for d in lib.diagnostics] == [("RM107", 3, 18)]


# ------------------------------------------------------------------ EndNote XML


def test_endnote_book_section_maps_every_field() -> None:
    chapter = read("endnote.xml")[1]
    assert chapter.entry_type == "incollection"
    assert chapter.key == ""  # no label: EndNote's rec-number is not a citation key
    assert chapter.fields == {
        "author": "Lindqvist, Åsa",
        "editor": "Moreau, Étienne",
        "title": "Spirometry in primary care",
        "booktitle": "Handbook of Pulmonary Function Testing",
        "series": "Clinical Methods",
        "pages": "101--128",
        "year": "2019",
        "edition": "2nd",
        "publisher": "Northbridge Academic Press",
        "address": "Edinburgh",
        "isbn": "978-0-12-345678-9",
        "doi": "10.5555/hpft.ch7",
        "language": "english",
    }
    assert chapter.origin.line == 31


def test_endnote_journal_article() -> None:
    ref = read("endnote.xml")[0]
    assert ref.entry_type == "article"
    assert ref.key == "Okafor2021"  # the EndNote label
    assert ref.fields["author"] == "Okafor, Chidinma A. and van der Berg, Jan and others"
    assert ref.fields["journal"] == "Journal of Respiratory Medicine & Allergy"
    assert ref.fields["shortjournal"] == "J Respir Med Allergy"
    assert (ref.fields["year"], ref.fields["month"]) == ("2021", "mar")
    assert ref.fields["pages"] == "455--467"
    assert ref.fields["doi"] == "10.5555/JRMA.2021.0042"
    assert ref.fields["pmid"] == "33123456"
    assert ref.fields["keywords"] == "Asthma; Drug Withdrawal, Controlled"
    assert ref.fields["url"] == "https://example.org/jrma/2021/42/3/455"
    assert ref.origin.line == 3


def test_endnote_syntax_error_salvages_other_records() -> None:
    good = "<record><ref-type name='Book'>6</ref-type><titles><title>Good</title></titles></record>"
    bad = "<record><titles><title>Bad</titles></record>"
    text = f"<xml><records>\n{good}\n{bad}\n{good}\n</records></xml>"
    lib = read_text(text, "x.xml", "endnote-xml")
    assert [r.fields["title"] for r in lib.references] == ["Good", "Good"]
    assert [r.origin.line for r in lib.references] == [2, 4]
    assert ("RM107", 3) in [(d.code, d.line) for d in lib.diagnostics]
    assert ("RM106", 3) in [(d.code, d.line) for d in lib.diagnostics]


def test_endnote_refuses_entity_expansion() -> None:
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        "<xml><records><record><ref-type name='Book'>6</ref-type>"
        "<titles><title>&b;</title></titles></record></records></xml>"
    )
    with pytest.raises(InputError) as caught:
        read_text(bomb, "bomb.xml", "endnote-xml")
    d = caught.value.diagnostic
    assert (d.code, d.file, d.line) == ("RM001", "bomb.xml", 1)
    assert "declares XML entities" in d.message and "Forbidden(" not in d.message


# ------------------------------------------------------------------ robustness


TEXT_FORMATS = ["ris", "medline", "wos", "scopus", "csl-json", "endnote-xml"]


@settings(max_examples=60, deadline=None)
@given(
    fmt=st.sampled_from(TEXT_FORMATS),
    text=st.text(
        alphabet=st.sampled_from(list('TYAUERPMID- \n{}[]",<>/recod:0123456789abc')), max_size=300
    ),
)
def test_readers_never_raise_on_garbage(fmt: str, text: str) -> None:
    lib = read_text(text, "fuzz", fmt)
    for diag in lib.diagnostics:
        assert diag.file == "fuzz"
    for ref in lib.references:
        assert ref.origin.line >= 1


# Valid records of the tagged formats, joined with arbitrary blank lines: the readers must
# find every record and point each origin at the line that starts it.
_title = st.lists(
    st.text(alphabet=st.sampled_from("abcdefghxyz"), min_size=1, max_size=8), min_size=1, max_size=6
).map(" ".join)  # readers collapse runs of spaces, so titles have single spaces
_RECORD = {
    "ris": (lambda t: f"TY  - JOUR\nTI  - {t}\nAU  - Smith, J.\nER  - ", "TY"),
    "medline": (lambda t: f"PMID- 1\nTI  - {t}\nAU  - Smith J", "PMID"),
    "wos": (lambda t: f"PT J\nAU Smith, J\nTI {t}\nER", "PT"),
}


@settings(max_examples=60, deadline=None)
@given(
    fmt=st.sampled_from(sorted(_RECORD)),
    titles=st.lists(_title, min_size=1, max_size=6),
    gaps=st.lists(st.integers(1, 3), min_size=6, max_size=6),
)
def test_tagged_readers_find_every_record_at_its_line(
    fmt: str, titles: list[str], gaps: list[int]
) -> None:
    make, start_tag = _RECORD[fmt]
    text = "".join(make(t) + "\n" * gap for t, gap in zip(titles, gaps, strict=False))
    lib = read_text(text, "gen", fmt)
    assert lib.diagnostics == []
    assert [r.fields["title"] for r in lib.references] == titles
    lines = text.split("\n")
    for ref in lib.references:
        assert lines[ref.origin.line - 1].startswith(start_tag)


@pytest.mark.parametrize(
    "record, entry_type",
    [
        # Zotero / Scopus: a conference paper exported as CONF, with its authors
        (
            "TY  - CONF\nAU  - Okafor, Amara\nTI  - Tides in invented bays\n"
            "T2  - Proceedings of the Made-up Coast Meeting\nPY  - 2019\nER  - \n",
            "inproceedings",
        ),
        ("TY  - CPAPER\nAU  - Okafor, Amara\nTI  - Tides\nPY  - 2019\nER  - \n", "inproceedings"),
        # WorldCat: a whole conference volume as CONF, its authors but no container title
        (
            "TY  - CONF\nAU  - Okafor, Amara\nTI  - Proceedings of the Made-up Coast Meeting\n"
            "PY  - 2019\nER  - \n",
            "proceedings",
        ),
        # EndNote's Conference Proceedings holding the volume: editors only
        (
            "TY  - CONF\nA2  - Diallo, Binta\nTI  - Proceedings of the Made-up Coast Meeting\n"
            "PY  - 2019\nER  - \n",
            "proceedings",
        ),
    ],
)
def test_ris_conf_is_a_paper_when_it_has_authors(record: str, entry_type: str) -> None:
    (ref,) = read_text(record, "conf.ris", "ris").references
    assert ref.entry_type == entry_type
    if entry_type == "inproceedings" and "T2" in record:
        assert ref.fields["booktitle"] == "Proceedings of the Made-up Coast Meeting"
        assert ref.fields["author"] == "Okafor, Amara"


def test_the_registry_table_agrees_with_each_format_module() -> None:
    """The registry names formats without importing them (start-up); each row must say
    what the module's own FORMAT/WRITER says, or a format is sniffed under a wrong name."""
    import importlib

    from refmerge.refs.formats import registry

    for table, attr in ((registry._READERS, "FORMAT"), (registry._WRITERS, "WRITER")):
        for name, module, extensions in table:
            spec = getattr(importlib.import_module("refmerge." + module), attr)
            assert (spec.name, spec.extensions) == (name, extensions)
    assert list(registry.FORMATS) == [name for name, _, _ in registry._READERS]
    assert registry.FORMATS["ris"].name == "ris" and "nope" not in registry.FORMATS
