"""Crossref parents after their children, as BibTeX needs them."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from refmerge.cli.app import app
from refmerge.refs.checks.crossref import parents_before_children, parents_last
from refmerge.refs.model import Reference


def ref(key: str, parent: str = "") -> Reference:
    return Reference("inproceedings", key, {"crossref": parent} if parent else {})


def keys(blocks: list[Reference]) -> list[str]:
    return [b.key for b in blocks]


def test_a_parent_moves_after_its_last_child_and_nothing_else_moves() -> None:
    blocks = [ref("proc"), ref("a", "proc"), ref("other"), ref("b", "Proc"), ref("tail")]
    assert keys(parents_last(blocks)) == ["a", "other", "b", "proc", "tail"]


def test_a_chain_of_parents_is_ordered_child_first() -> None:
    blocks = [ref("series"), ref("volume", "series"), ref("paper", "volume")]
    assert keys(parents_last(blocks)) == ["paper", "volume", "series"]


def test_a_cycle_keeps_every_entry() -> None:
    blocks = [ref("x", "y"), ref("y", "x"), ref("z")]
    assert sorted(keys(parents_last(blocks))) == ["x", "y", "z"]


@settings(max_examples=200)
@given(st.lists(st.integers(min_value=-1, max_value=7), min_size=1, max_size=8), st.randoms())
def test_any_forest_comes_out_complete_and_in_bibtex_order(parents: list[int], rnd) -> None:
    """Random crossref forests (no cycles: a parent always has a smaller number), shuffled."""
    blocks = [ref(f"k{n}", f"k{p}" if 0 <= p < n else "") for n, p in enumerate(parents)]
    rnd.shuffle(blocks)
    out = parents_last(blocks)
    assert sorted(keys(out)) == sorted(keys(blocks))
    assert parents_before_children(out) == []


def test_merge_writes_a_parent_after_the_children_it_gained(tmp_path) -> None:
    """The existing library holds the proceedings first; a second file adds a paper in it."""
    lib = tmp_path / "refs.bib"
    lib.write_text(
        "@inproceedings{early,\n  author = {Okafor, Amara},\n  title = {Invented ledgers},\n"
        "  crossref = {proc2020}\n}\n\n"
        "@proceedings{proc2020,\n  title = {Proceedings of Imaginary Bookkeeping},\n"
        "  year = {2020}\n}\n",
        encoding="utf-8",
    )
    new = tmp_path / "new.bib"
    new.write_text(
        "@inproceedings{late,\n  author = {Brenner, Lukas},\n  title = {Tidal accounts},\n"
        "  crossref = {proc2020}\n}\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.bib"
    result = CliRunner().invoke(app, ["merge", str(lib), str(new), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert text.index("{early,") < text.index("{late,") < text.index("{proc2020,")
    check = CliRunner().invoke(app, ["check", str(out), "--select", "RM311"])
    assert check.exit_code == 0 and check.stdout == ""
