"""`refmerge check` as CI runs it: output formats, exit codes, selection, --fix, real files."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from refmerge.cli.app import app
from refmerge.cli.check_cmd import enabled_codes
from refmerge.refs.codes import CODES
from refmerge.refs.formats.bibtex import parse_bibtex
from refmerge.refs.formats.bibtex_writer import format_blocks

from conftest import DATA, shared_path

runner = CliRunner()
CHECK = DATA / "check"
TEXT_LINE = re.compile(
    r"^(?P<file>[^:]+):(?P<line>\d+):(?:(?P<col>\d+):)? (?P<code>RM\d{3}) (?P<msg>.+)$"
)


def _copy(tmp_path: Path, name: str) -> Path:
    target = tmp_path / name
    shutil.copy(CHECK / name, target)
    return target


def check(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["check", *args])
    return result.exit_code, result.stdout, result.stderr


def codes_of(stdout: str) -> list[str]:
    return [m.group("code") for m in map(TEXT_LINE.match, stdout.splitlines()) if m]


# -- duplicates (RM201, RM202, RM204) ---------------------------------------------------------------


def test_duplicate_work_review_pair_and_versions_are_reported_on_the_later_entry() -> None:
    code, out, _ = check(str(CHECK / "dupes.bib"))
    assert code == 1
    lines = {m.group("code"): m for m in map(TEXT_LINE.match, out.splitlines()) if m}
    assert set(lines) == {"RM201", "RM202", "RM204"}
    rm201 = lines["RM201"]
    assert (rm201.group("line"), rm201.group("col")) == ("31", "10")
    assert rm201.group("msg").startswith(
        "'milazzo2017z' duplicates 'milazzo2017' (line 1): same DOI"
    )
    assert "tranby2008" in lines["RM202"].group("msg")
    assert "vaswani2017preprint" in lines["RM204"].group("msg")


def test_no_duplicates_in_a_clean_file() -> None:
    assert check(str(CHECK / "clean.bib")) == (0, "", "all checks passed (1 file(s))\n")


# -- output formats ---------------------------------------------------------------------------------


def test_github_format_is_one_annotation_per_problem() -> None:
    code, out, _ = check(str(CHECK / "dupes.bib"), "--format", "github")
    assert code == 1
    lines = out.splitlines()
    assert len(lines) == 3
    assert lines[0].startswith(
        f"::error file={CHECK / 'dupes.bib'},line=31,col=10,title=RM201::'milazzo2017z' duplicates"
    )
    assert lines[1].startswith("::warning ") and "title=RM202::" in lines[1]
    assert lines[2].startswith("::notice ") and "title=RM204::" in lines[2]


def test_github_format_escapes_what_would_break_the_command(tmp_path: Path) -> None:
    bib = tmp_path / "a,b.bib"
    bib.write_text(
        "@article{x,\n  author = {A, B},\n  title = {50% off},\n  journal = {J},\n  year = {2019}\n}\n"
    )
    _, out, _ = check(str(bib), "--format", "github")
    assert "file=" + str(bib).replace(",", "%2C").replace(":", "%3A") in out
    assert "unescaped %25 in field 'title'" in out


def test_json_format_lists_every_diagnostic() -> None:
    code, out, _ = check(str(CHECK / "dupes.bib"), "--format", "json")
    assert code == 1
    data = json.loads(out)
    assert [d["code"] for d in data] == ["RM201", "RM202", "RM204"]
    assert data[0]["line"] == 31 and data[0]["col"] == 10 and data[0]["severity"] == "error"
    assert data[1]["severity"] == "warning" and data[2]["severity"] == "info"


def test_json_is_an_empty_list_when_clean() -> None:
    code, out, _ = check(str(CHECK / "clean.bib"), "--format", "json", "-q")
    assert (code, json.loads(out)) == (0, [])


# -- exit codes -------------------------------------------------------------------------------------


def test_warnings_pass_unless_strict() -> None:
    code, out, _ = check(str(CHECK / "warnings.bib"))
    assert (code, codes_of(out)) == (0, ["RM301"])
    assert check(str(CHECK / "warnings.bib"), "--strict")[0] == 1


def test_missing_file_exits_2_but_other_files_are_still_checked(tmp_path: Path) -> None:
    code, out, err = check(str(tmp_path / "nope.bib"), str(CHECK / "dupes.bib"))
    assert code == 2
    assert "RM201" in out and "RM001" in out
    assert "could not be read" in err


def test_syntax_error_is_an_error(tmp_path: Path) -> None:
    bib = tmp_path / "broken.bib"
    bib.write_text("@article{x,\n  title = {unbalanced,\n  year = {2019}\n}\n")
    code, out, _ = check(str(bib))
    assert code == 1
    assert "RM101" in codes_of(out)


def test_unknown_selector_is_a_usage_error() -> None:
    code, _, err = check(str(CHECK / "clean.bib"), "--select", "RM9")
    assert code == 2 and "RM9" in err


# -- selection --------------------------------------------------------------------------------------


def test_select_and_ignore_prefixes_like_ruff() -> None:
    assert codes_of(check(str(CHECK / "dupes.bib"), "--select", "RM3")[1]) == []
    assert codes_of(check(str(CHECK / "dupes.bib"), "--ignore", "RM2")[1]) == []
    out = check(str(CHECK / "dupes.bib"), "--ignore", "RM20", "--select", "RM201")[1]
    assert codes_of(out) == ["RM201"]  # the more specific selector wins
    out = check(str(CHECK / "dupes.bib"), "--select", "RM201,RM204")[1]
    assert codes_of(out) == ["RM201", "RM204"]


def test_enabled_codes_rules() -> None:
    default = enabled_codes(None)
    assert "RM401" not in default and "RM201" in default
    assert "RM401" in enabled_codes(None, ("RM401",))
    assert "RM401" in enabled_codes(("RM4",))
    assert "RM401" not in enabled_codes(("RM",))
    assert enabled_codes(("ALL",)) == frozenset(CODES)
    assert enabled_codes(("RM3",), (), ("RM301",)) == {c for c in CODES if c.startswith("RM3")} - {
        "RM301"
    }
    assert "RM301" not in enabled_codes(("RM301",), (), ("RM301",))  # ties: ignore wins


def test_clean_format_is_opt_in(tmp_path: Path) -> None:
    bib = tmp_path / "refs.bib"
    bib.write_text("@article{x, author={A, B}, title={T}, journal={J}, year=2019}\n")
    assert check(str(bib))[0] == 0
    code, out, _ = check(str(bib), "--extend-select", "RM401")
    assert code == 1 and codes_of(out) == ["RM401"]
    bib.write_text(format_blocks(parse_bibtex(bib.read_text(), "x").blocks))
    assert check(str(bib), "--extend-select", "RM401")[0] == 0


# -- --fix ------------------------------------------------------------------------------------------


def test_fix_formats_and_drops_same_key_copies(tmp_path: Path) -> None:
    bib = tmp_path / "refs.bib"
    entry = "@article{x,\n  author = {A, B},\n  title = {Culture & Psychology},\n  journal = {J},\n  year = {2019},\n  note = {}\n}\n"
    bib.write_text(entry + "\n" + entry)
    before = codes_of(check(str(bib))[1])
    assert sorted(before) == ["RM203", "RM307", "RM307", "RM308", "RM308"]
    code, out, err = check(str(bib), "--fix")
    assert (code, out) == (0, "")
    assert "fixed 5 problem(s)" in err
    text = bib.read_text()
    assert text.count("@article{x,") == 1
    assert "Culture \\& Psychology" in text and "note" not in text
    assert check(str(bib))[0] == 0


def test_fix_keeps_copies_under_other_keys_for_bibtex_and_merges_them_for_biblatex(
    tmp_path: Path,
) -> None:
    bib = _copy(tmp_path, "dupes.bib")
    code, out, _ = check(str(bib), "--fix", "--select", "RM201")
    assert code == 1 and "milazzo2017z" in out  # \cite{milazzo2017z} must keep working
    assert "@article{milazzo2017z," in bib.read_text()
    code, out, _ = check(str(bib), "--fix", "--biblatex", "--select", "RM201")
    assert (code, out) == (0, "")
    text = bib.read_text()
    assert "@article{milazzo2017z," not in text
    assert "ids = {milazzo2017z}" in text


def test_fix_leaves_files_with_syntax_errors_alone(tmp_path: Path) -> None:
    bib = tmp_path / "broken.bib"
    original = "@article{x,\n  title = {unbalanced,\n  year = {2019}\n}\n"
    bib.write_text(original)
    assert check(str(bib), "--fix")[0] == 1
    assert bib.read_text() == original


# -- the real corpus (acceptance) -------------------------------------------------------------------


def test_reports_the_milazzo_duplicates_in_the_mendeley_export() -> None:
    path = shared_path("corpus", "bib", "real", "bbt_web_page_and_other_mendeley_idiocy.bib")
    code, out, _ = check(str(path), "--select", "RM201", "--format", "json")
    assert code == 1
    messages = [d["message"] for d in json.loads(out)]
    milazzo = [m for m in messages if m.startswith("'Milazzo2017")]
    assert len(milazzo) == 2
    assert all("duplicates 'Milazzo2017zz'" in m for m in milazzo)
    assert {m.split("'")[1] for m in milazzo} == {"Milazzo2017", "Milazzo2017z"}


def test_recurring_tugboat_column_titles_are_not_duplicates() -> None:
    """Same column title in different issues (other number/pages) is not one work."""
    path = shared_path("corpus", "bib", "real", "biber_tugboat.bib")
    code, out, _ = check(str(path), "--select", "RM201", "--format", "json")
    reported = [d["message"] for d in json.loads(out)]
    assert reported == [], reported[:5]
    assert code == 0


@pytest.mark.parametrize("name", ["jgrey_acl_anthology_1-20.bib", "contextlab_cdl.bib"])
def test_every_diagnostic_on_real_files_points_at_a_real_line(name: str) -> None:
    path = shared_path("corpus", "bib", "real", name)
    _, out, _ = check(str(path), "--ignore", "RM2", "--format", "json")
    lines = path.read_text(encoding="utf-8").split("\n")
    for d in json.loads(out):
        assert 1 <= d["line"] <= len(lines)
        if d["code"].startswith("RM30") and d["col"]:
            text = lines[d["line"] - 1][d["col"] - 1 :].lower()
            field = d["message"].split("'")[1] if "field '" in d["message"] else ""
            assert not field or text.startswith(field), (d, lines[d["line"] - 1])


def test_stdin_is_checked_as_stdin() -> None:
    text = (CHECK / "dupes.bib").read_text(encoding="utf-8")
    result = runner.invoke(app, ["check", "-", "--select", "RM201"], input=text)
    assert result.exit_code == 1
    assert result.stdout.startswith("<stdin>:31:10: RM201 'milazzo2017z'")
    assert runner.invoke(app, ["check", "-", "--fix"], input=text).exit_code == 2


def test_other_formats_are_checked_by_content_but_never_rewritten(tmp_path: Path) -> None:
    ris = tmp_path / "export.ris"
    shutil.copy(DATA / "formats" / "sample.ris", ris)
    before = ris.read_bytes()
    code, out, _ = check(str(ris), "--fix")
    assert ris.read_bytes() == before  # --fix must not turn a RIS file into BibTeX
    assert "RM307" not in out  # plain text: the writer escapes '&', nothing to report
    assert code == 1 and "RM303" in out  # the fixture's ISBN has a wrong check digit
    unknown = tmp_path / "notes.txt"
    unknown.write_text("just some words\n")
    code, out, _ = check(str(unknown))
    assert code == 2 and "RM002" in out


def test_reader_diagnostics_get_the_column_of_their_line(tmp_path: Path) -> None:
    bib = tmp_path / "refs.bib"
    bib.write_text(
        "@article{x,\n  author = {A, B},\n  title = {T}\n  journal = {J},\n  year = {2019}\n}\n"
    )
    code, out, _ = check(str(bib))
    assert code == 1
    assert out.startswith(f"{bib}:4:3: RM102 missing comma before field 'journal'")


def test_fix_is_idempotent(tmp_path: Path) -> None:
    bib = _copy(tmp_path, "dupes.bib")
    check(str(bib), "--fix", "--biblatex")
    once = bib.read_bytes()
    _, _, err = check(str(bib), "--fix", "--biblatex")
    assert bib.read_bytes() == once
    assert "fixed" not in err


# -- several files as one bibliography (--together) -------------------------------------------------

TOGETHER = CHECK / "together"


def test_files_are_checked_on_their_own_unless_together() -> None:
    main, chapter = str(TOGETHER / "main.bib"), str(TOGETHER / "chapter2.bib")
    code, out, _ = check(main, chapter)
    # inside chapter2.bib, ledgers2 copies ledgers; nothing is compared with main.bib
    assert [(m.group("file"), m.group("line"), m.group("code")) for m in _matches(out)] == [
        (chapter, "19", "RM201")
    ]
    assert "main.bib" not in out
    assert code == 1


def test_together_reports_keys_and_works_shared_between_files_on_the_later_entry() -> None:
    main, chapter = str(TOGETHER / "main.bib"), str(TOGETHER / "chapter2.bib")
    code, out, _ = check(main, chapter, "--together")
    found = [
        (m.group("file"), m.group("line"), m.group("code"), m.group("msg")) for m in _matches(out)
    ]
    assert [f[:3] for f in found] == [
        (chapter, "1", "RM201"),  # ledgers = okafor2020 in main.bib
        (chapter, "12", "RM203"),  # Villanueva2018 vs villanueva2018: one key to BibTeX
        (chapter, "19", "RM201"),  # ledgers2 copies ledgers (per-file), reported once
    ]
    assert found[0][3].startswith(f"'ledgers' duplicates 'okafor2020' in {main}:1: same DOI")
    assert found[1][3] == f"key 'Villanueva2018' is already used in {main}:12"
    assert code == 1


def test_together_respects_the_selection_and_is_the_same_in_json() -> None:
    main, chapter = str(TOGETHER / "main.bib"), str(TOGETHER / "chapter2.bib")
    code, out, _ = check(main, chapter, "--together", "--select", "RM203")
    assert codes_of(out) == ["RM203"] and code == 1
    code, out, _ = check(main, chapter, "--together", "--format", "json")
    items = json.loads(out)
    assert sorted((d["file"], d["line"], d["code"]) for d in items) == [
        (chapter, 1, "RM201"),
        (chapter, 12, "RM203"),
        (chapter, 19, "RM201"),
    ]


def _matches(stdout: str) -> list[re.Match[str]]:
    return [m for m in map(TEXT_LINE.match, stdout.splitlines()) if m]
