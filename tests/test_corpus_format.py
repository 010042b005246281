"""`refmerge format` over the whole real-world corpus in ../shared/corpus/bib.

Three promises: no crash (a file we cannot read safely gets a clear error, and
nothing is written), idempotence, and nothing lost: per entry, the multiset of
lowercase words of field names and values is unchanged, except for the
documented normalisations (DOI URL prefixes dropped, month names shortened to
their macros, LaTeX dash commands in pages written as `--`, empty fields dropped). Well-formed files (pybtex reads them and
`bibtex` reports no error on them) must stay well-formed.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import bibtexparser
import pytest
from bibtexparser import model as bp

from refmerge.cli.format_cmd import format_file
from refmerge.refs.formats.bibtex_values import parse_expression
from refmerge.refs.formats.bibtex_writer import WriteOptions, normalise_doi, normalise_month
from refmerge.refs.formats.sources import decode
from refmerge.refs.grammar.pages import latex_dashes

from conftest import SHARED, shared_path, tool_or_skip

CORPUS = SHARED / "corpus" / "bib"
FILES = sorted(p for p in CORPUS.rglob("*") if p.is_file() and p.name != "README.md")
IDS = [str(p.relative_to(CORPUS)) for p in FILES]
_WORD = re.compile(r"[^\W_]+")


def _corpus_files() -> list[Path]:
    if not FILES:
        shared_path("corpus", "bib")
    return FILES


def test_corpus_is_present() -> None:
    assert len(_corpus_files()) > 240


def _inner(raw: str) -> str:
    value, _ = parse_expression(raw)
    return "".join(p.text for p in value.pieces) if value.pieces else raw


def _field_words(name: str, raw: str) -> list[str] | None:
    inner = _inner(raw)
    if not inner.strip():
        return None  # empty fields are dropped, by design
    if name == "doi":
        inner = normalise_doi(inner)
    elif name == "pages":
        inner = latex_dashes(inner)
    elif name == "month" and normalise_month(inner):
        inner = normalise_month(inner) or inner
    return [name, *_WORD.findall(inner.lower())]


def _entry_words(text: str) -> dict[tuple[str, str, int], Counter[str]]:
    """Words of each entry, keyed by (type, key, occurrence) — independent of our reader."""
    out: dict[tuple[str, str, int], Counter[str]] = {}
    seen: Counter[tuple[str, str]] = Counter()
    for block in bibtexparser.parse_string(text, parse_stack=[]).blocks:
        if isinstance(block, bp.DuplicateFieldKeyBlock):
            block = block.ignore_error_block  # an identical repeated field is written once
        if not isinstance(block, bp.Entry):
            continue
        ident = (block.entry_type.lower(), block.key)
        seen[ident] += 1
        words: Counter[str] = Counter()
        fields_seen: set[tuple[str, str]] = set()
        for f in block.fields:
            name = f.key.lower()
            w = _field_words(name, str(f.value))
            if w and (name, " ".join(w)) not in fields_seen:
                fields_seen.add((name, " ".join(w)))
                words.update(w)
        out[(*ident, seen[ident])] = words
    return out


def _format(path: Path, capsys: pytest.CaptureFixture[str]) -> str | None:
    clean = format_file(str(path), None, WriteOptions())
    err = capsys.readouterr().err
    if clean is None:
        assert re.search(r": RM\d{3} ", err), f"refused without saying why: {err!r}"
    return clean


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_format_is_idempotent_and_loses_nothing(
    path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    clean = _format(path, capsys)
    if clean is None:
        return  # a clear error and nothing written is the right outcome
    out = tmp_path / "once.bib"
    out.write_text(clean, encoding="utf-8")
    assert _format(out, capsys) == clean, "format(format(x)) != format(x)"

    original = _entry_words(decode(path.read_bytes(), str(path)))  # as declared (latin-1 ...)
    written = _entry_words(clean)
    assert original.keys() == written.keys()
    for ident, words in original.items():
        assert written[ident] == words, f"entry {ident[1]} changed: " + str(
            (words - written[ident], written[ident] - words)
        )


def _pybtex_fields(path: Path) -> dict[str, set[str]] | None:
    import pybtex.database
    from pybtex.scanner import PybtexError

    try:
        data = pybtex.database.parse_file(str(path), bib_format="bibtex")
    except (PybtexError, UnicodeDecodeError, Exception):
        return None
    return {
        key.lower(): {f.lower() for f, v in e.fields.items() if v.strip()}  # empty ones are dropped
        | {r.lower() for r in e.persons}
        for key, e in data.entries.items()
    }


def _bibtex_errors(bibtex: str, bib: Path, scratch: Path) -> int:
    work = scratch / f"run-{bib.stem}"
    work.mkdir()
    shutil.copy(bib, work / "refs.bib")
    (work / "doc.aux").write_text("\\citation{*}\n\\bibstyle{plain}\n\\bibdata{refs}\n")
    subprocess.run([bibtex, "-terse", "doc"], cwd=work, capture_output=True, check=False)
    log = (work / "doc.blg").read_text(errors="replace")
    m = re.search(r"\(There (?:was|were) (\d+) error message", log)
    return int(m.group(1)) if m else 0


@pytest.mark.parametrize("path", [p for p in FILES if p.suffix == ".bib"], ids=lambda p: p.name)
def test_output_stays_readable_by_bibtexparser_pybtex_and_bibtex(
    path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Whatever pybtex and `bibtex` accept before formatting, they accept after, unchanged."""
    bibtex = tool_or_skip("bibtex")
    clean = _format(path, capsys)
    if clean is None:
        return  # refused with a clear error (asserted in _format); nothing to check
    assert bibtexparser.parse_string(clean, parse_stack=[]).failed_blocks == []
    out = tmp_path / "clean.bib"
    out.write_text(clean, encoding="utf-8")
    before = _pybtex_fields(path)
    if before is not None:
        assert _pybtex_fields(out) == before
    if _bibtex_errors(bibtex, path, tmp_path) == 0:
        assert _bibtex_errors(bibtex, out, tmp_path) == 0
