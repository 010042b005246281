"""Rewriting citation keys inside LaTeX source, touching nothing else.

Pure text in, text out. Only the key lists of `\\cite`-family commands change
(natbib and biblatex forms, starred, with up to two optional arguments, several
keys per command). Comments, `\\verb` and verbatim-like environments are skipped,
so an example of `\\cite{old}` in a listing stays as written.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

# Base names; each also matches with a capital first letter (\Textcite) and a star.
CITE_COMMANDS = (
    "cite",
    "citep",
    "citet",
    "citealp",
    "citealt",
    "citenum",
    "parencite",
    "textcite",
    "autocite",
    "footcite",
    "footcitetext",
    "smartcite",
    "supercite",
    "fullcite",
    "footfullcite",
    "nocite",
    "citeauthor",
    "citeyear",
    "citeyearpar",
    "citetitle",
    "citeurl",
    "citedate",
)
VERBATIM_ENVIRONMENTS = (
    "verbatim",
    "Verbatim",
    "BVerbatim",
    "LVerbatim",
    "lstlisting",
    "minted",
    "comment",
    "alltt",
)

_NAMES = "|".join(
    sorted({n for c in CITE_COMMANDS for n in (c, c[0].upper() + c[1:])}, key=len, reverse=True)
)
_OPT = r"\[(?:[^\[\]{}]|\{[^{}]*\})*\]"
_TOKEN = re.compile(
    r"(?P<escape>\\[\\%])"
    r"|(?P<comment>%[^\n]*)"
    r"|(?P<verbenv>\\begin\s*\{(?P<env>(?:" + "|".join(VERBATIM_ENVIRONMENTS) + r")\*?)\}"
    r".*?\\end\s*\{(?P=env)\})"
    r"|(?P<verb>\\(?:verb|lstinline)\*?(?P<delim>[^\sA-Za-z*{])[^\n]*?(?P=delim))"
    r"|(?P<cite>\\(?P<cmd>" + _NAMES + r")(?![A-Za-z@])\*?"
    r"(?P<opts>(?:\s*" + _OPT + r"){0,2})\s*\{(?P<keys>[^{}]*)\})",
    re.DOTALL,
)


@dataclass(frozen=True, slots=True)
class CiteChange:
    """One rewritten key: where, in which command, from what to what."""

    line: int  # 1-based
    command: str
    old: str
    new: str  # "" when the key was dropped because the command already cites `new`


def _rewrite_keys(
    keys: str, mapping: Mapping[str, str], line: int, command: str
) -> tuple[str, list[CiteChange]]:
    """Rewrite one comma-separated key list, keeping each key's surrounding spaces."""
    parts = keys.split(",")
    stripped = [p.strip() for p in parts]
    unchanged = {k for k in stripped if k and mapping.get(k, k) == k}
    out: list[str] = []
    seen: set[str] = set()
    changes: list[CiteChange] = []
    for part, key in zip(parts, stripped, strict=True):
        new = mapping.get(key, key) if key else key
        if new != key and (new in seen or new in unchanged):
            # Two keys became one: citing it twice would print it twice.
            changes.append(CiteChange(line, command, key, ""))
            continue
        if new != key:
            lead = part[: len(part) - len(part.lstrip())]
            trail = part[len(part.rstrip()) :]
            part = lead + new + trail
            changes.append(CiteChange(line, command, key, new))
        seen.add(new)
        out.append(part)
    if out and out[0] is not parts[0]:
        lead0 = parts[0][: len(parts[0]) - len(parts[0].lstrip())]
        out[0] = lead0 + out[0].lstrip()
    return ",".join(out), changes


def rewrite_cite_keys(text: str, mapping: Mapping[str, str]) -> tuple[str, list[CiteChange]]:
    """Replace cited keys by `mapping[old]`; return the new text and what changed."""
    if not mapping:
        return text, []
    pieces: list[str] = []
    changes: list[CiteChange] = []
    last = 0
    line, counted = 1, 0
    for m in _TOKEN.finditer(text):
        if m.group("cite") is None:
            continue
        line += text.count("\n", counted, m.start())
        counted = m.start()
        keys_start = m.start("keys")
        new_keys, found = _rewrite_keys(m.group("keys"), mapping, line, "\\" + m.group("cmd"))
        if not found:
            continue
        pieces.append(text[last:keys_start])
        pieces.append(new_keys)
        last = m.end("keys")
        changes.extend(found)
    pieces.append(text[last:])
    return "".join(pieces), changes
