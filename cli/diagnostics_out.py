"""Rendering diagnostics for people (compiler format), GitHub (annotations) and tools (JSON).

Renderers are pure `list[Diagnostic] -> str` so `check`, and any later command
that reports problems, print them the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from refmerge.refs.model import Diagnostic, Severity


def _where(d: Diagnostic) -> str:
    where = d.file
    if d.line:
        where += f":{d.line}"
        if d.col:
            where += f":{d.col}"
    return where


def render_text(diagnostics: Sequence[Diagnostic]) -> str:
    """`refs.bib:42:3: RM201 message`: the format editors and terminals jump to."""
    return "".join(f"{_where(d)}: {d.code} {d.message}\n" for d in diagnostics)


_GITHUB_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(diagnostics: Sequence[Diagnostic]) -> str:
    """GitHub Actions workflow commands: each diagnostic becomes an annotation on its line."""
    out = []
    for d in diagnostics:
        props = [f"file={_escape_property(d.file)}"]
        if d.line:
            props.append(f"line={d.line}")
            if d.end_line:
                props.append(f"endLine={d.end_line}")
            if d.col:
                props.append(f"col={d.col}")
        props.append(f"title={_escape_property(d.code)}")
        out.append(f"::{_GITHUB_LEVEL[d.severity]} {','.join(props)}::{_escape_data(d.message)}\n")
    return "".join(out)


def diagnostic_dict(d: Diagnostic) -> dict[str, object]:
    return {
        "file": d.file,
        "line": d.line or None,
        "col": d.col or None,
        "end_line": d.end_line,
        "code": d.code,
        "severity": d.severity.value,
        "message": d.message,
    }


def render_json(diagnostics: Sequence[Diagnostic]) -> str:
    """A JSON list of diagnostics (empty list when clean), for tools."""
    import json  # here: most runs print text, and start-up is a hook's whole cost

    return (
        json.dumps([diagnostic_dict(d) for d in diagnostics], indent=2, ensure_ascii=False) + "\n"
    )


RENDERERS: dict[str, Callable[[Sequence[Diagnostic]], str]] = {
    "text": render_text,
    "github": render_github,
    "json": render_json,
}
