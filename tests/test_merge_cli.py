"""`refmerge merge` as a user runs it, end to end through the real duplicate engine."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from refmerge.cli.app import app
from refmerge.dedupe.keys_policy import assign_keys
from refmerge.refs.formats.bibtex import parse_bibtex
from refmerge.refs.model import Origin, Reference

from conftest import DATA, shared_path, tool_or_skip

runner = CliRunner()
MERGE = DATA / "merge"
LIBRARY, COAUTHOR, EXTRA = MERGE / "library.bib", MERGE / "coauthor.bib", MERGE / "extra.ris"


def merge(*args: str | Path) -> object:
    return runner.invoke(app, ["merge", *map(str, args)])


def entries(text: str) -> dict[str, dict[str, str]]:
    return {r.key: r.fields for r in parse_bibtex(text, "out.bib").references}


def run_bibtex(folder: Path, bib: Path) -> subprocess.CompletedProcess[str]:
    """Run BibTeX over every entry of `bib` with the plain style."""
    bibtex = tool_or_skip("bibtex")
    aux = folder / "job.aux"
    aux.write_text(f"\\citation{{*}}\n\\bibstyle{{plain}}\n\\bibdata{{{bib.stem}}}\n")
    return subprocess.run(
        [bibtex, "job"], cwd=folder, capture_output=True, text=True, timeout=120, check=False
    )


def assert_bibtex_accepts(folder: Path, bib: Path) -> None:
    done = run_bibtex(folder, bib)
    log = done.stdout + (folder / "job.blg").read_text(errors="replace")
    assert "error message" not in log, log[-3000:]
    assert done.returncode in (0, 1), log[-3000:]  # 1: warnings only (e.g. an empty field)


# ----------------------------------------------------------------- small mixed inputs


def test_existing_library_keys_win_and_fields_are_merged(tmp_path: Path) -> None:
    out, report = tmp_path / "refs.bib", tmp_path / "merge.json"
    result = merge(LIBRARY, COAUTHOR, EXTRA, "-o", out, "--report", report, "--ids")
    assert result.exit_code == 0, result.stderr
    got = entries(out.read_text())
    assert list(got) == ["kept2019", "other2020", "other2020a", "cabestan2020shift"]
    kept = got["kept2019"]
    assert kept["author"] == "Aldendorff, Nadja and Ding, Xiaodong"  # full names over initials
    assert kept["title"] == "Rethinking the Social Credit System"  # not the ALL CAPS copy
    assert kept["pages"] == "1034--1071"  # range over start page
    assert kept["keywords"] == "surveillance, trust, China"  # union over three inputs
    assert kept["ids"] == "Aldendorff_2019"
    assert kept["doi"] == "10.1234/scs.2019.1"
    # @string: the first definition wins; the co-author's record using it is written out.
    text = out.read_text()
    assert text.count("@string") == 1 and '@string{jacm = "Journal of the ACM"}' in text
    assert "@preamble" in text and "% The existing library" in text
    assert got["other2020"]["journal"] == "Journal of the ACM"
    assert got["other2020a"]["journal"] == "J. ACM"
    # The library's own records keep their macro; the co-author's is written out in full.
    assert text.count("journal = jacm") == 2 and "journal = {J. ACM}" in text
    assert "RM108" in result.stderr
    assert "6 records in, 4 out, 2 merged in 1 group, 0 pairs for review" in result.stderr
    assert "\x1b[" not in result.stderr  # no progress display when stderr is not a terminal

    data = json.loads(report.read_text())
    assert data["summary"]["records_in"] == 6 and data["summary"]["records_out"] == 4
    assert [(k["old"], k["new"], k["reason"]) for k in data["key_map"]] == [
        ("Aldendorff_2019", "kept2019", "absorbed"),
        ("", "kept2019", "absorbed"),
        ("other2020", "other2020a", "renamed"),
        ("", "cabestan2020shift", "generated"),
    ]
    record = data["records"][0]
    assert [(a["file"].rsplit("/", 1)[-1], a["line"]) for a in record["absorbed"]] == [
        ("coauthor.bib", 3),
        ("extra.ris", 1),
    ]
    assert record["reasons"]
    assert record["fields"]["pages"]["from"] == [f"{COAUTHOR}:3"]


def test_output_is_deterministic_and_a_fixed_point(tmp_path: Path) -> None:
    one, two, again = tmp_path / "1.bib", tmp_path / "2.bib", tmp_path / "again.bib"
    assert merge(LIBRARY, COAUTHOR, EXTRA, "-o", one).exit_code == 0
    assert merge(LIBRARY, COAUTHOR, EXTRA, "-o", two).exit_code == 0
    assert one.read_bytes() == two.read_bytes()
    result = merge(one, "-o", again)
    assert result.exit_code == 0
    assert again.read_bytes() == one.read_bytes()
    assert "0 merged in 0 groups" in result.stderr


def test_rewrite_tex_changes_absorbed_keys_only(tmp_path: Path) -> None:
    tex = tmp_path / "paper.tex"
    shutil.copy(MERGE / "cites.tex", tex)
    before = tex.read_text()
    out = tmp_path / "refs.bib"
    dry = merge(LIBRARY, COAUTHOR, "-o", out, "--rewrite-tex", tex, "--dry-run")
    assert dry.exit_code == 0
    assert tex.read_text() == before and not out.exists()
    assert "would rewrite 2 citation key(s)" in dry.stderr

    result = merge(LIBRARY, COAUTHOR, "-o", out, "--rewrite-tex", tex)
    assert result.exit_code == 0
    # other2020 names two different works: the existing library's meaning stays.
    assert tex.read_text() == before.replace(
        "\\citet{Aldendorff_2019}", "\\citet{kept2019}"
    ).replace("{other2020, Aldendorff_2019}", "{other2020, kept2019}")
    assert f"{tex}:1: \\citet: Aldendorff_2019 -> kept2019" in result.stderr


def test_stdin_input_and_stdout_output() -> None:
    result = runner.invoke(app, ["merge", "-", str(COAUTHOR)], input=LIBRARY.read_text())
    assert result.exit_code == 0, result.stderr
    assert list(entries(result.stdout)) == ["kept2019", "other2020", "other2020a"]


def test_unreadable_input_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "refs.bib"
    result = merge(LIBRARY, tmp_path / "missing.bib", "-o", out)
    assert result.exit_code == 2
    assert not out.exists()
    assert "no such file" in result.stderr


def test_bad_options_are_usage_errors() -> None:
    assert merge(LIBRARY, "--strictness", "sloppy").exit_code == 2
    assert merge(LIBRARY, "--key-template", "{surname}").exit_code == 2


def test_small_merge_output_runs_through_bibtex(tmp_path: Path) -> None:
    out = tmp_path / "refs.bib"
    assert merge(LIBRARY, COAUTHOR, EXTRA, "-o", out, "--ids").exit_code == 0
    assert_bibtex_accepts(tmp_path, out)


# ----------------------------------------------------------------- acceptance on shared data


def test_seed_scrape_merges_the_two_aldendorff_records(tmp_path: Path) -> None:
    seed = shared_path("fixtures", "000_ef60c61dccf8c9d9.txt")
    out, out2, again = tmp_path / "out.bib", tmp_path / "out2.bib", tmp_path / "again.bib"
    result = merge(seed, "-o", out)
    assert result.exit_code == 0, result.stderr
    got = entries(out.read_text())
    assert len(got) == 7
    aldendorff = [f for f in got.values() if "Aldendorff" in f.get("author", "")]
    assert len(aldendorff) == 1
    assert merge(seed, "-o", out2).exit_code == 0
    assert out.read_bytes() == out2.read_bytes()
    assert merge(out, "-o", again).exit_code == 0
    assert again.read_bytes() == out.read_bytes()


@pytest.fixture(scope="module")
def bbt_merge(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict, list, list]:
    first = shared_path("corpus", "bib", "real", "bbt_Unabbreviate_on_import_1436-2.bib")
    second = shared_path("corpus", "bib", "real", "bbt_Unabbreviate_on_import_1436-3.bib")
    folder = tmp_path_factory.mktemp("bbt")
    out, report = folder / "merged.bib", folder / "merge.json"
    result = merge(first, second, "-o", out, "--report", report)
    assert result.exit_code == 0, result.stderr
    refs_a = parse_bibtex(first.read_text(encoding="utf-8"), str(first)).references
    refs_b = parse_bibtex(second.read_text(encoding="utf-8"), str(second)).references
    return out, json.loads(report.read_text()), refs_a, refs_b


def _doi(value: str) -> str:
    return re.sub(r"^https?://(dx\.)?doi\.org/", "", value.strip().lower())


def test_bbt_exports_keep_first_file_keys_and_map_the_others(bbt_merge) -> None:
    out, report, refs_a, refs_b = bbt_merge
    keys = set(entries(out.read_text()))
    assert {r.key for r in refs_a} <= keys
    mapped = {(k["file"], k["line"]): k["new"] for k in report["key_map"]}
    by_doi = {_doi(r.get("doi")): r for r in refs_a if r.get("doi")}
    shared = [(r, by_doi[_doi(r.get("doi"))]) for r in refs_b if _doi(r.get("doi")) in by_doi]
    assert len(shared) == 696
    merged = [b for b, a in shared if mapped.get((b.origin.file, b.origin.line), b.key) == a.key]
    # Every absorbed record whose key changed is in the key map, old -> new.
    changes = {(k["file"], k["line"]): (k["old"], k["new"]) for k in report["key_map"]}
    for record in report["records"]:
        for x in record.get("absorbed", []):
            if x["key"] != record["key"]:
                assert changes[(x["file"], x["line"])] == (x["key"], record["key"])
    missed = sorted(b.key for b, a in shared if b not in merged)
    assert not missed, f"{len(missed)} of {len(shared)} not merged: {missed[:10]}"


def test_bbt_chapters_sharing_a_book_doi_are_not_merged(bbt_merge) -> None:
    _, report, _, _ = bbt_merge
    chapters = {"begum_2010", "conesa-boj_2010", "zardo_2010", "reed_2009", "schwarzer_2009"}
    own = {r["from"]["key"] for r in report["records"]}
    absorbed = {a["key"] for r in report["records"] for a in r.get("absorbed", [])}
    assert chapters <= own
    assert not chapters & absorbed


def test_bbt_merge_output_runs_through_bibtex(bbt_merge, tmp_path: Path) -> None:
    out, _, _, _ = bbt_merge
    target = tmp_path / "merged.bib"
    shutil.copy(out, target)
    assert_bibtex_accepts(tmp_path, target)


@pytest.mark.parametrize(
    "parts",
    [
        ("corpus", "bib", "real", "biber_tugboat.bib"),  # @preamble, @string, heavy LaTeX
        ("corpus", "bib", "real", "bbt_web_page_and_other_mendeley_idiocy.bib"),
        ("corpus", "bib", "biblatex-examples.bib"),  # crossref/xdata/related between entries
    ],
    ids=lambda p: p[-1],
)
def test_corpus_merge_is_a_fixed_point_and_bibtex_clean(parts, tmp_path: Path) -> None:
    source = shared_path(*parts)
    out, again = tmp_path / "merged.bib", tmp_path / "again.bib"
    assert merge(source, "-o", out).exit_code == 0
    assert merge(out, "-o", again).exit_code == 0
    assert again.read_text() == out.read_text()
    assert_bibtex_accepts(tmp_path, out)


def test_remembered_not_duplicates_are_never_merged(tmp_path: Path) -> None:
    decisions = tmp_path / "refmerge.decisions"
    decisions.write_text("kept2019 != Aldendorff_2019  # checked by hand\n")
    result = merge(LIBRARY, COAUTHOR, "--decisions", decisions)
    assert result.exit_code == 0, result.stderr
    assert {"kept2019", "Aldendorff_2019"} <= set(entries(result.stdout))
    assert "0 merged in 0 groups" in result.stderr


def test_adding_new_records_to_the_library_in_place(tmp_path: Path) -> None:
    library = tmp_path / "refs.bib"
    shutil.copy(LIBRARY, library)
    # The RIS file comes first on the command line; the BibTeX library still wins the base.
    result = merge(EXTRA, library, "-o", library)
    assert result.exit_code == 0, result.stderr
    got = entries(library.read_text())
    assert {"kept2019", "other2020", "cabestan2020shift"} == set(got)
    assert got["kept2019"]["pages"] == "1034--1071"
    assert got["kept2019"]["keywords"] == "China"
    assert "@string{jacm" in library.read_text()


def test_rewrite_tex_keeps_crlf_line_ends(tmp_path: Path) -> None:
    tex = tmp_path / "paper.tex"
    tex.write_bytes(b"\xef\xbb\xbfSee \\cite{Aldendorff_2019}.\r\n% \\cite{Aldendorff_2019}\r\n")
    assert merge(LIBRARY, COAUTHOR, "--rewrite-tex", tex).exit_code == 0
    assert tex.read_bytes() == b"\xef\xbb\xbfSee \\cite{kept2019}.\r\n% \\cite{Aldendorff_2019}\r\n"


def test_unreadable_tex_file_stops_before_anything_is_written(tmp_path: Path) -> None:
    out = tmp_path / "refs.bib"
    result = merge(LIBRARY, COAUTHOR, "-o", out, "--rewrite-tex", tmp_path / "missing.tex")
    assert result.exit_code == 2
    assert not out.exists()


def test_bib_file_with_only_comments_is_read_as_bibtex() -> None:
    result = merge(MERGE / "comment_only.bib", COAUTHOR)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("% Only a comment: this library is still empty.\n")
    assert set(entries(result.stdout)) == {"Aldendorff_2019", "other2020"}


def test_report_to_stdout_with_dry_run() -> None:
    result = merge(LIBRARY, COAUTHOR, "--dry-run", "--report", "-")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["summary"]["groups"] == 1
    assert merge(LIBRARY, COAUTHOR, "--report", "-").exit_code == 2  # both would go to stdout


_WORKS = [
    ("Rethinking China's Social Credit System", "Ding, Xiaodong and Zhong, Dale Yuhao", "2021"),
    ("The Digital Panopticon and its Limits", "Cabestan, Jean-Pierre", "2020"),
    (
        "Legal Origins of Trust Deficits in Markets",
        "Mac Síthigh, Daithí and Siems, Mathias",
        "2019",
    ),
    ("Paternalism and Coercion in Bureaucratic Traditions", "Popov, Dmitry I.", "2020"),
]


@st.composite
def _library(draw) -> list[Reference]:
    """Copies and variants of a few works (keys, missing fields, initials), shuffled."""
    refs = []
    for i in range(draw(st.integers(1, 12))):
        title, author, year = _WORKS[draw(st.integers(0, len(_WORKS) - 1))]
        fields = {"title": title, "author": author, "year": year}
        if draw(st.booleans()):
            fields["author"] = author.split(",")[0] + ", " + author.split(", ")[1][0] + "."
        if draw(st.booleans()):
            del fields["year"]
        if draw(st.booleans()):
            fields["pages"] = draw(st.sampled_from(["1--20", "1"]))
        key = draw(st.sampled_from(["", "ding2021", "work", f"r{i}"]))
        refs.append(Reference("article", key, fields, Origin("a.bib", i + 1)))
    return refs


@settings(max_examples=40, deadline=None)
@given(_library(), st.booleans())
def test_conservation_through_the_real_engine(refs, ids) -> None:
    from refmerge.dedupe.engine import find_duplicates
    from refmerge.dedupe.policy import Policy
    from refmerge.dedupe.settle import merge_settled

    result = find_duplicates(refs)
    _, merged = merge_settled(refs, result.groups, [0] * len(refs), Policy())
    assign_keys(merged, refs, ids=ids)
    owners = [i for m in merged for i in m.members]
    assert sorted(owners) == list(range(len(refs)))
    for m in merged:
        assert [refs[i] for i in m.absorbed] == m.record.absorbed
    keys = [m.record.key.casefold() for m in merged]
    assert all(keys) and len(set(keys)) == len(keys)


def test_one_work_cited_in_five_styles_merges_to_the_best_values() -> None:
    page = shared_path("fixtures", "scrapes", "A08_cite_box.txt")
    result = merge(page)
    assert result.exit_code == 0, result.stderr
    [record] = entries(result.stdout).values()
    # Full names from the Chicago line, the full journal, the range every style abbreviates.
    assert record["author"] == "Okafor, Amara and Brenner, Lukas and Villanueva, Sofía"
    assert record["journal"] == "Journal of Imaginary Economic History"
    assert record["pages"] == "455--467"
    assert record["doi"] == "10.5555/jieh.2020.0455"


SCRAPES = ["A01_sciencegate", "A04_bibsonomy", "A06_arxiv", "A07_apa_list", "A09_scholar"]


@pytest.mark.parametrize("name", SCRAPES)
def test_scraped_pages_merge_to_the_labelled_number_of_works(name: str, tmp_path: Path) -> None:
    page = shared_path("fixtures", "scrapes", f"{name}.txt")
    labels = json.loads(page.with_suffix(".expected.json").read_text(encoding="utf-8"))
    works = len(labels["records"]) - sum(len(g) - 1 for g in labels.get("duplicate_groups", []))
    out = tmp_path / "out.bib"
    assert merge(page, "-o", out).exit_code == 0
    assert len(entries(out.read_text())) == works


SETTLE = DATA / "merge" / "settle.bib"


def test_a_merged_record_that_matches_another_copy_is_merged_at_once(tmp_path: Path) -> None:
    """a has the volume, b the pages: only their merged record has the journal slot that
    matches c (retitled, abbreviated journal). Merging the output again changes nothing."""
    out, again = tmp_path / "out.bib", tmp_path / "again.bib"
    first = runner.invoke(app, ["merge", str(SETTLE), "-o", str(out), "--report", "-"])
    assert first.exit_code == 0, first.stderr
    assert out.read_text(encoding="utf-8").count("@article") == 1
    [record] = json.loads(first.stdout)["records"]
    assert sorted([record["from"]["key"], *(a["key"] for a in record["absorbed"])]) == [
        "a",
        "b",
        "c",
    ]
    assert any(r.startswith("after merging: ") for r in record["reasons"])
    second = runner.invoke(app, ["merge", str(out), "-o", str(again)])
    assert second.exit_code == 0
    assert again.read_bytes() == out.read_bytes()


def test_the_second_look_keeps_remembered_decisions(tmp_path: Path) -> None:
    decisions = tmp_path / "refmerge.decisions"
    decisions.write_text("a != c\n", encoding="utf-8")
    out = tmp_path / "out.bib"
    result = runner.invoke(
        app, ["merge", str(SETTLE), "-o", str(out), "--decisions", str(decisions)]
    )
    assert result.exit_code == 0, result.stderr
    assert out.read_text(encoding="utf-8").count("@article") == 2


def test_the_command_line_ends_past_teardown_with_every_output_written(tmp_path: Path) -> None:
    """`refmerge merge` as a process ends without freeing its objects (cli/lifetime.py):
    what it printed to a pipe, its report and its exit code must all still be there."""
    import sys

    report = tmp_path / "dedupe.json"
    args = ["merge", str(LIBRARY), str(COAUTHOR), str(EXTRA)]
    proc = subprocess.run(
        [sys.executable, "-m", "refmerge.cli", *args, "--report", str(report)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    in_process = runner.invoke(app, args)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == in_process.stdout  # the whole library, though stdout is a pipe
    assert "duplicate group" in proc.stderr or "merged" in proc.stderr
    assert json.loads(report.read_text(encoding="utf-8"))["inputs"]
    failed = subprocess.run(
        [sys.executable, "-m", "refmerge.cli", "merge", str(tmp_path / "missing.bib")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert failed.returncode == 2 and "missing.bib" in failed.stderr


def test_merging_inside_another_program_keeps_nothing_past_the_command() -> None:
    """Only the console entry point ends the process past the teardown: a program that runs
    `app` itself (the tests, a script merging many files) gets every merge's objects freed."""
    from refmerge.cli import lifetime

    before = len(lifetime._KEPT)
    assert merge(LIBRARY, COAUTHOR).exit_code == 0
    assert len(lifetime._KEPT) == before


def test_no_collector_pass_walks_the_merge_before_the_command_ends(monkeypatch) -> None:
    """The merge's objects live to the end, so the cyclic collector stays paused from the
    reading to the last output (cli/merge_cmd.py): enabled again after the work, its
    first passes walked every object the merge built and freed nothing (2.2 s at 100,000
    entries, in the key map's loop)."""
    import gc

    from refmerge.cli import merge_cmd

    passes: list[int] = []
    working = [False]

    def watch(phase: str, info: dict[str, int]) -> None:
        if phase == "start" and working[0]:
            passes.append(info["generation"])

    real_merge, real_keep = merge_cmd.run_merge, merge_cmd.keep_to_exit

    def started(*args: object, **kwargs: object) -> object:
        working[0] = True
        return real_merge(*args, **kwargs)

    def ended(*objects: object) -> None:
        working[0] = False
        real_keep(*objects)

    monkeypatch.setattr(merge_cmd, "run_merge", started)
    monkeypatch.setattr(merge_cmd, "keep_to_exit", ended)
    gc.callbacks.append(watch)
    try:
        result = merge(LIBRARY, COAUTHOR, EXTRA, "--report", "-", "--dry-run")
    finally:
        gc.callbacks.remove(watch)
    assert result.exit_code == 0, result.output
    assert not working[0]  # the command got to its end
    assert passes == []


def test_the_entry_point_hides_kept_objects_from_the_collector(monkeypatch) -> None:
    """Under the console entry point a merge's objects are kept to the exit, so they are
    frozen out of the collector's passes (`gc.freeze`); a program running `app` itself
    keeps its collector as it was: its garbage must still be collected."""
    import gc

    from refmerge.cli import lifetime

    assert gc.get_freeze_count() == 0
    assert merge(LIBRARY, COAUTHOR).exit_code == 0
    assert gc.get_freeze_count() == 0
    monkeypatch.setattr(lifetime, "_AT_ENTRY_POINT", True)
    monkeypatch.setattr(lifetime, "_KEPT", [])
    try:
        assert merge(LIBRARY, COAUTHOR).exit_code == 0
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()


@pytest.mark.parametrize(
    ("argv", "collector"),
    [
        (["check", str(LIBRARY)], False),
        (["format", str(LIBRARY)], False),
        (["review", "--help"], True),
    ],
)
def test_the_entry_point_runs_batch_commands_without_the_collector(
    argv: list[str], collector: bool, monkeypatch, capsys
) -> None:
    """A batch command's objects live to its end, so the console entry point runs it without
    the cyclic collector (8-21 % of the CPU time at 100,000 entries, docs/architecture.md);
    `review`, a session kept open, keeps the collector."""
    import gc
    import sys

    from refmerge.cli import app as app_module
    from refmerge.cli import lifetime

    monkeypatch.setattr(sys, "argv", ["refmerge", *argv])
    monkeypatch.setattr(lifetime, "_KEPT", [])
    monkeypatch.setattr(lifetime, "_AT_ENTRY_POINT", False)
    assert gc.isenabled()
    try:
        with pytest.raises(SystemExit):
            app_module.main()
        assert gc.isenabled() is collector
    finally:
        gc.enable()
    printed = capsys.readouterr()
    assert printed.out or printed.err  # the command ran and printed
