"""`refmerge convert` as a user runs it: detection, --from/--to, -o by extension, exit codes."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from refmerge.cli.app import app
from refmerge.refs.formats.bibtex import parse_bibtex
from refmerge.refs.formats.registry import WRITERS

from conftest import DATA

runner = CliRunner()
VARIANT = DATA / "scrapes" / "B02_landing_de.txt"
LISTING = DATA / "scrapes" / "B01_listing_uk_labels.txt"


def convert(*args: str | Path, stdin: str | None = None):
    return runner.invoke(app, ["convert", *map(str, args)], input=stdin)


def test_page_text_to_bibtex_on_stdout() -> None:
    result = convert(VARIANT)
    assert result.exit_code == 0, result.stderr
    (ref,) = parse_bibtex(result.stdout, "out.bib").references
    assert ref.entry_type == "article"
    assert ref.fields["author"] == "Weber, Johanna and Schmid, Lukas and Yılmaz, Emre"
    assert ref.fields["doi"] == "10.5555/afk.2019.5.2.101"
    assert "converted 1 record(s)" in result.stderr


def test_output_file_and_writer_by_extension(tmp_path: Path) -> None:
    out = tmp_path / "refs.bib"
    assert convert(LISTING, "-o", out).exit_code == 0
    assert len(parse_bibtex(out.read_text(), "refs.bib").references) == 4
    if "ris" in WRITERS:
        ris = tmp_path / "refs.ris"
        assert convert(LISTING, "-o", ris).exit_code == 0
        text = ris.read_text()
        assert text.count("ER  -") == 4 and "TY  - " in text


def test_to_overrides_the_extension(tmp_path: Path) -> None:
    out = tmp_path / "refs.txt"
    assert convert(VARIANT, "--to", "bibtex", "-o", out).exit_code == 0
    assert out.read_text().startswith("@article{")


def test_unknown_formats_are_usage_errors() -> None:
    assert convert(VARIANT, "--to", "docx").exit_code == 2
    assert convert(VARIANT, "--from", "docx").exit_code == 2


def test_unreadable_input_writes_nothing(tmp_path: Path) -> None:
    junk = tmp_path / "list.txt"
    junk.write_text("Milk\nEggs\n", encoding="utf-8")
    out = tmp_path / "out.bib"
    result = convert(VARIANT, junk, "-o", out)
    assert result.exit_code == 2
    assert f"{junk}:1: RM002 " in result.stderr
    assert "RM002" in result.stderr
    assert not out.exists()


def test_empty_binary_and_missing_inputs_exit_2(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "blob.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    for path, code in ((empty, "RM002"), (binary, "RM001"), (tmp_path / "nope.txt", "RM001")):
        result = convert(path)
        assert result.exit_code == 2, path
        assert code in result.stderr and "Traceback" not in result.stderr
        assert result.stdout == ""


def test_stdin_with_forced_format() -> None:
    page = "Title: Some Study of Things\nAuthors: Ana Smith, Bo Li\nJournal: Rev, 2020, 3(1), 1-5\n"
    result = convert("-", "--from", "text", stdin=page)
    assert result.exit_code == 0, result.stderr
    (ref,) = parse_bibtex(result.stdout, "out.bib").references
    assert ref.fields["journal"] == "Rev" and ref.fields["year"] == "2020"


def test_warnings_go_to_stderr_and_conversion_continues(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(
        "Rev ◽ 2018\nAuthor(s):\nAna Smith\n\nSome Journal ◽\n2019 ◽\nVol 3 ◽\npp. 1-9\n",
        encoding="utf-8",
    )
    result = convert(page)
    assert result.exit_code == 0
    assert ": RM105 " in result.stderr
    assert len(parse_bibtex(result.stdout, "o.bib").references) == 1


def test_keys_stay_unique_across_inputs(tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    page = "Title: The Study of Things\nAuthors: Ana Smith\nJournal: Rev, 2020, 3(1), 1-5\n"
    a.write_text(page, encoding="utf-8")
    b.write_text(page, encoding="utf-8")
    result = convert(a, b)
    assert result.exit_code == 0
    keys = [r.key for r in parse_bibtex(result.stdout, "o.bib").references]
    assert keys == ["smith2020study", "smith2020studya"]
    assert "already used" in result.stderr


def test_bibtex_input_passes_through(tmp_path: Path) -> None:
    bib = tmp_path / "in.bib"
    bib.write_text("@Article{k1, Title={A Title}, Author={Smith, Ana}, Year=2020}\n")
    result = convert(bib)
    assert result.exit_code == 0
    (ref,) = parse_bibtex(result.stdout, "o.bib").references
    assert ref.key == "k1" and ref.fields["title"] == "A Title"


def test_help_shows_examples() -> None:
    result = runner.invoke(app, ["convert", "--help"])
    assert result.exit_code == 0
    assert "Examples" in result.stdout and "--from" in result.stdout


def test_records_without_keys_get_generated_ones(tmp_path: Path) -> None:
    ris = tmp_path / "export.ris"
    ris.write_text(
        "TY  - JOUR\nAU  - Smith, Ana\nTI  - The Study of Things\nPY  - 2020\nER  - \n\n"
        "TY  - JOUR\nAU  - Smith, Ana\nTI  - The Study of Things\nPY  - 2020\nER  - \n"
    )
    result = convert(ris)
    assert result.exit_code == 0, result.stderr
    keys = [r.key for r in parse_bibtex(result.stdout, "o.bib").references]
    assert keys == ["smith2020study", "smith2020studya"]
