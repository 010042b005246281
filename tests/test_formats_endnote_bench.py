"""The respiratory benchmark in its original EndNote XML form against its CSV form.

The CSV (`records_pre_merged.csv`) was made from this XML export: row i is the
i-th <record> of the XML (its `ID` id_0000001... is that position, not EndNote's
rec-number), so the two are compared record by record.
"""

from __future__ import annotations

import csv

from refmerge.refs.formats.registry import detect_format, read_path
from refmerge.refs.names import parse_bibtex_names

from conftest import shared_path


def test_respiratory_xml_reads_like_its_csv() -> None:
    folder = shared_path("bench", "dedupe", "respiratory")
    lib = read_path(str(folder / "Respiratory.xml"))
    with open(folder / "records_pre_merged.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    refs = lib.references
    assert len(refs) == len(rows) == 1988
    assert lib.diagnostics == []
    for ref, row in zip(refs, rows, strict=True):
        assert ref.entry_type == row["ENTRYTYPE"]
        assert ref.fields["title"] == row["title"].strip()
        assert ref.get("year") == row["year"].strip()
        assert ref.get("volume") == row["volume"].strip()
        assert ref.get("number") == row["number"].strip()
        assert ref.get("journal") == row["journal"].strip()
        assert ref.get("doi") == row.get("doi", "").strip()
        assert ref.origin.format == "endnote-xml"
    # The first author's surname agrees wherever the CSV has one.
    agree = sum(
        parse_bibtex_names(ref.get("author"))[0].last == parse_bibtex_names(row["author"])[0].last
        for ref, row in zip(refs, rows, strict=True)
        if row["author"].strip()
    )
    assert agree == sum(1 for row in rows if row["author"].strip())


def test_respiratory_xml_is_detected_as_endnote() -> None:
    path = shared_path("bench", "dedupe", "respiratory", "Respiratory.xml")
    with open(path, encoding="utf-8") as handle:
        assert detect_format(handle.read(20_000), "records") == "endnote-xml"
