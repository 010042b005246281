"""Rewriting \\cite keys in LaTeX source: exactly the mapped keys, nothing else."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from refmerge.refs.tex import rewrite_cite_keys

from conftest import DATA

MAPPING = {
    "peta_2013": "Akimoto_2013",
    "appell_2002": "Appell_nat_2002",
    "armitage_2010": "Armitage_nt_2010",
    "armitage_2008": "Armitage_mrssp_2009",
    "as_1997": "As_apl_1997",
    "assali_2017a": "Assali_nl_2017",
}


def test_realistic_paper_changes_exactly_the_absorbed_keys() -> None:
    source = (DATA / "merge" / "paper.tex").read_text(encoding="utf-8")
    expected = (DATA / "merge" / "paper.expected.tex").read_text(encoding="utf-8")
    text, changes = rewrite_cite_keys(source, MAPPING)
    assert text == expected
    assert [(c.line, c.command, c.old) for c in changes] == [
        (10, "\\citet", "peta_2013"),
        (11, "\\citep", "appell_2002"),
        (12, "\\textcite", "armitage_2010"),
        (12, "\\Textcite", "armitage_2008"),
        (13, "\\parencite", "as_1997"),
        (13, "\\parencite", "armitage_2010"),
        (13, "\\footcite", "assali_2017a"),
        (14, "\\autocite", "peta_2013"),
        (15, "\\citeauthor", "appell_2002"),
        (15, "\\citeyear", "appell_2002"),
        (16, "\\cite", "peta_2013"),
        (16, "\\cite", "appell_2002"),
        (26, "\\cite", "as_1997"),
    ]


def test_comments_verbatim_and_escapes_are_left_alone() -> None:
    source = (
        "50\\% done \\cite{a} % \\cite{a}\n"
        "\\\\% \\cite{a}\n"
        "\\begin{Verbatim}\n\\cite{a}\n\\end{Verbatim}\n"
        "\\verb+\\cite{a}+ \\lstinline|\\citep{a}|\n"
        "\\begin{comment}\n\\cite{a}\n\\end{comment}\n"
    )
    text, changes = rewrite_cite_keys(source, {"a": "b"})
    assert text == source.replace("done \\cite{a}", "done \\cite{b}", 1)
    assert len(changes) == 1


def test_two_old_keys_merged_into_one_are_not_cited_twice() -> None:
    text, changes = rewrite_cite_keys("\\cite{x,y, z}", {"x": "k", "y": "k"})
    assert text == "\\cite{k, z}"
    assert [(c.old, c.new) for c in changes] == [("x", "k"), ("y", "")]
    text, _ = rewrite_cite_keys("\\cite{ x, k}", {"x": "k"})
    assert text == "\\cite{ k}"


def test_similar_command_names_and_keys_are_not_touched() -> None:
    source = "\\citexyz{a} \\cite{ab} \\cite{a-b} \\citep{a}"
    text, _ = rewrite_cite_keys(source, {"a": "b"})
    assert text == "\\citexyz{a} \\cite{ab} \\cite{a-b} \\citep{b}"


# ----------------------------------------------------------------- property

_keys = st.sampled_from(["a", "b", "smith2019", "x_y", "k:1", "Ab"])
_mapping = st.dictionaries(_keys, _keys, max_size=4)
_commands = st.sampled_from(["cite", "citep", "Textcite", "parencite", "nocite", "citeyear"])
_opts = st.sampled_from(["", "*", "[p.~4]", "[see][]", "*[{a]}][x]"])
_prose = st.text(st.sampled_from(list("abc xyz.,;()\n")), max_size=15)


@st.composite
def _document(draw):
    """A document as fragments: ('cite', cmd, opts, keys) or ('text', raw)."""
    parts = []
    for _ in range(draw(st.integers(0, 8))):
        kind = draw(st.sampled_from(["cite", "multi", "text", "comment", "verbatim"]))
        if kind == "cite":
            keys = draw(st.lists(_keys, min_size=1, max_size=3, unique=True))
            parts.append(("cite", draw(_commands), draw(_opts), keys))
        elif kind == "multi":
            groups = draw(
                st.lists(
                    st.lists(_keys, min_size=1, max_size=2, unique=True), min_size=1, max_size=3
                )
            )
            parts.append(("multi", draw(st.sampled_from(["cites", "Parencites"])), groups))
        elif kind == "text":
            parts.append(("text", draw(_prose)))
        elif kind == "comment":
            parts.append(("text", "% \\cite{" + draw(_keys) + "}\n"))
        else:
            body = "\\begin{verbatim}\n\\cite{" + draw(_keys) + "}\n\\end{verbatim}\n"
            parts.append(("text", body))
    return parts


def _render_keys(keys, mapping) -> str:
    unchanged = {k for k in keys if mapping.get(k, k) == k}
    new: list[str] = []
    for key in keys:
        target = mapping.get(key, key)
        if target == key or (target not in new and target not in unchanged):
            new.append(target)
    return "{" + ", ".join(new) + "}"


def _render(parts, mapping) -> str:
    out = []
    for part in parts:
        if part[0] == "text":
            out.append(part[1])
        elif part[0] == "multi":
            _, cmd, groups = part
            out.append(f"\\{cmd}(see)" + "[p.~1]".join(_render_keys(g, mapping) for g in groups))
        else:
            _, cmd, opts, keys = part
            out.append(f"\\{cmd}{opts}{_render_keys(keys, mapping)}")
    return " ".join(out)


@settings(max_examples=200, deadline=None)
@given(_document(), _mapping)
def test_only_cite_key_lists_change(parts, mapping) -> None:
    source = _render(parts, {})
    text, changes = rewrite_cite_keys(source, mapping)
    assert text == _render(parts, mapping)
    if not changes:
        assert text == source


def test_biblatex_multicite_key_lists_are_rewritten() -> None:
    source = "\\cites(see)(p.~2)[a][b]{a,x}[{q}]{b}\n\\Textcites{a}\n  {y}"
    text, changes = rewrite_cite_keys(source, {"a": "z", "b": "w"})
    assert text == "\\cites(see)(p.~2)[a][b]{z,x}[{q}]{w}\n\\Textcites{z}\n  {y}"
    assert [(c.line, c.command, c.old, c.new) for c in changes] == [
        (1, "\\cites", "a", "z"),
        (1, "\\cites", "b", "w"),
        (2, "\\Textcites", "a", "z"),
    ]
