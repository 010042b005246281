"""Getting text out of files: UTF-8 first, an encoding the file declares, clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from refmerge.cli.app import app
from refmerge.cli.output import write_in_place
from refmerge.refs.formats.sources import decode, read_input, source_encoding
from refmerge.refs.model import InputError

runner = CliRunner()
ENTRY = "@book{okafor2020,\n  author = {Okafor, Amara},\n  title = {Söme Ledgers},\n  year = {2020}\n}\n"


@pytest.mark.parametrize(
    ("header", "codec", "text"),
    [
        ("% -*- coding: latin-1-unix -*-\n", "latin-1", ENTRY),
        ("% Encoding: ISO8859_1\n", "latin-1", ENTRY),
        ("@comment{jabref-meta: encoding:ISO-8859-1;}\n", "latin-1", ENTRY),
        ("% -*- coding: latin-9 -*-\n", "iso8859-15", ENTRY.replace("Söme", "Šome")),
        ("% -*- coding: latin-2-dos -*-\n", "iso8859-2", ENTRY.replace("Söme", "Żome")),
    ],
)
def test_a_file_that_is_not_utf8_is_read_in_the_encoding_it_declares(
    header: str, codec: str, text: str
) -> None:
    data = (header + text).encode(codec)
    assert decode(data, "x.bib") == header + text


def test_valid_utf8_wins_over_a_stale_declaration() -> None:
    data = ("% Encoding: ISO8859_1\n" + ENTRY).encode("utf-8")
    assert decode(data, "x.bib") == "% Encoding: ISO8859_1\n" + ENTRY


def test_undeclared_non_utf8_is_an_error_that_names_the_line_and_the_way_out() -> None:
    data = ("% refs\n" + ENTRY).encode("latin-1")
    with pytest.raises(InputError) as caught:
        decode(data, "x.bib")
    d = caught.value.diagnostic
    assert (d.code, d.line) == ("RM001", 4)
    assert "--encoding" in d.message


def test_a_named_encoding_also_gets_unix_line_ends(tmp_path: Path) -> None:
    path = tmp_path / "crlf.bib"
    path.write_bytes(ENTRY.replace("\n", "\r\n").encode("cp1252"))
    assert read_input(str(path), "cp1252")[0] == ENTRY


def test_format_in_place_keeps_the_files_encoding(tmp_path: Path) -> None:
    path = tmp_path / "old.bib"
    messy = ENTRY.replace("  author = {Okafor, Amara},\n", "").replace(
        "year", "author = {Okafor, Amara}, year"
    )
    path.write_bytes(("% -*- coding: latin-1 -*-\n" + messy).encode("latin-1"))
    result = runner.invoke(app, ["format", "--in-place", str(path)])
    assert result.exit_code == 0, result.stderr
    written = path.read_bytes()
    assert "Söme".encode("latin-1") in written  # still Latin-1 for \usepackage[latin1]{inputenc}
    assert written.decode("latin-1").count("author = {Okafor, Amara}") == 1
    assert source_encoding(str(path)) == "iso8859-1"
    # a second run has nothing to change
    again = runner.invoke(app, ["format", "--check", str(path)])
    assert again.exit_code == 0


def test_in_place_writing_refuses_text_the_encoding_cannot_hold(tmp_path: Path, capsys) -> None:
    path = tmp_path / "old.bib"
    original = ("% -*- coding: latin-1 -*-\n" + ENTRY).encode("latin-1")
    path.write_bytes(original)
    assert not write_in_place(str(path), ENTRY.replace("Söme", "Šome"))
    assert path.read_bytes() == original
    assert "cannot be written in iso8859-1" in capsys.readouterr().err
    assert [p.name for p in tmp_path.iterdir()] == ["old.bib"]  # no temporary left behind
