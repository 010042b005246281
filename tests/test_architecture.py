"""The tree's contracts, checked on every run: types (mypy), layers and cycles.

The import graph is read from the source with `ast` (no import side effects), so the
contracts hold for lazy imports inside functions too:
- data flows `cli → dedupe → refs`, never back;
- no import cycle among modules anywhere (a cycle makes import order matter and hides
  which module owns what);
- `dedupe` does no I/O: it is pure functions over records, so it can run in a notebook,
  a test or another engine unchanged.
"""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
LAYERS = ("cli", "dedupe", "refs")  # each may import only those after it
IO_MODULES = {"os", "io", "sys", "pathlib", "shutil", "subprocess", "tempfile", "socket", "glob"}


def _modules() -> dict[str, Path]:
    out = {}
    for layer in LAYERS:
        for path in (REPO / layer).rglob("*.py"):
            parts = list(path.relative_to(REPO).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            out["refmerge." + ".".join(parts)] = path
    return out


MODULES = _modules()


def _imports(name: str, path: Path) -> set[str]:
    """Modules of ours that `name` imports (resolved, whatever the import's form)."""
    is_pkg = path.name == "__init__.py"
    package = name if is_pkg else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                mod = ".".join(base + ([node.module] if node.module else []))
            else:
                mod = node.module or ""
            targets = [mod] + [f"{mod}.{a.name}" for a in node.names]
        else:
            continue
        for t in targets:
            if t in MODULES and t != name:
                found.add(t)
    return found


GRAPH = {name: _imports(name, path) for name, path in MODULES.items()}


def _layer(module: str) -> int:
    return LAYERS.index(module.split(".")[1])


def test_layers_point_one_way_cli_dedupe_refs() -> None:
    back = [
        f"{a} imports {b}" for a, targets in GRAPH.items() for b in targets if _layer(b) < _layer(a)
    ]
    assert not back, "imports against the data flow cli → dedupe → refs:\n" + "\n".join(back)


def _cycles() -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []
    sys.setrecursionlimit(max(10_000, sys.getrecursionlimit()))

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in GRAPH[v]:
            # a package's __init__ importing its own submodules is how packages re-export
            if v == w.rpartition(".")[0] and MODULES[v].name == "__init__.py":
                continue
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in GRAPH:
        if v not in index:
            visit(v)
    return out


def test_no_import_cycles() -> None:
    assert _cycles() == []


def test_dedupe_does_no_io() -> None:
    offenders = []
    for name, path in MODULES.items():
        if not name.startswith("refmerge.dedupe"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom):
                mods = (
                    [a.name for a in node.names]
                    if isinstance(node, ast.Import)
                    else [node.module or ""]
                )
                offenders += [f"{name}: import {m}" for m in mods if m.split(".")[0] in IO_MODULES]
            elif isinstance(node, ast.Call) and getattr(node.func, "id", None) in (
                "open",
                "print",
                "input",
            ):
                offenders.append(f"{name}:{node.lineno}: {node.func.id}()")  # type: ignore[attr-defined]
    assert not offenders, "\n".join(offenders)


def test_the_contract_checker_sees_a_back_import(tmp_path: Path) -> None:
    """The layer test is not vacuous: it resolves relative imports into our modules."""
    src = tmp_path / "m.py"
    src.write_text("from ...cli import app\nfrom ..model import Reference\n")
    found = _imports("refmerge.refs.formats.x", src)
    assert "refmerge.cli" in found and "refmerge.refs.model" in found


def test_mypy_is_clean() -> None:
    """mypy (strict, config in pyproject.toml) over cli, refs and dedupe as installed names."""
    mypy = shutil.which("mypy", path=str(Path(sys.executable).parent))
    if mypy is None:
        pytest.skip("mypy is not installed (pip install -e '.[test]' brings it)")
    run = subprocess.run([mypy], cwd=REPO, capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stdout + run.stderr


def test_every_package_is_installed() -> None:
    """A subpackage missing from pyproject's list works in an editable install and is
    absent from a real one (`pip install .`, the README's first line)."""
    import tomllib

    listed = set(
        tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]
    )
    found = {name for name, path in MODULES.items() if path.name == "__init__.py"}
    assert found == listed
