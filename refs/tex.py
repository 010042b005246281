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
# biblatex multicite commands: `\cites(pre)(post)[pre][post]{a}[pre][post]{b,c}`.
MULTICITE_COMMANDS = (
    "cites",
    "parencites",
    "footcites",
    "footcitetexts",
    "textcites",
    "autocites",
    "smartcites",
    "supercites",
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


def _alternatives(commands: tuple[str, ...]) -> str:
    names = {n for c in commands for n in (c, c[0].upper() + c[1:])}
    return "|".join(sorted(names, key=len, reverse=True))


_NAMES = _alternatives(CITE_COMMANDS)
_OPT = r"\[(?:[^\[\]{}]|\{[^{}]*\})*\]"
_MULTI_GROUP = r"(?:\s*" + _OPT + r"){0,2}\s*\{[^{}]*\}"
# Inside a multicite: notes in () or [] are skipped, each {...} is a key list.
_MULTI_PART = re.compile(r"\([^()]*\)|" + _OPT + r"|\{(?P<keys>[^{}]*)\}")
_TOKEN = re.compile(
    r"(?P<escape>\\[\\%])"
    r"|(?P<comment>%[^\n]*)"
    r"|(?P<verbenv>\\begin\s*\{(?P<env>(?:" + "|".join(VERBATIM_ENVIRONMENTS) + r")\*?)\}"
    r".*?\\end\s*\{(?P=env)\})"
    r"|(?P<verb>\\(?:verb|lstinline)\*?(?P<delim>[^\sA-Za-z*{])[^\n]*?(?P=delim))"
    r"|(?P<cite>\\(?P<cmd>" + _NAMES + r")(?![A-Za-z@])\*?"
    r"(?P<opts>(?:\s*" + _OPT + r"){0,2})\s*\{(?P<keys>[^{}]*)\})"
    r"|(?P<multi>\\(?P<mcmd>" + _alternatives(MULTICITE_COMMANDS) + r")(?![A-Za-z@])\*?"
    r"(?:\s*\([^()]*\)){0,2}(?:" + _MULTI_GROUP + r")+)",
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
        if m.group("cite") is not None:
            command = "\\" + m.group("cmd")
            lists = [(m.start("keys"), m.end("keys"))]
        elif m.group("multi") is not None:
            command = "\\" + m.group("mcmd")
            lists = [
                (m.start() + p.start("keys"), m.start() + p.end("keys"))
                for p in _MULTI_PART.finditer(m.group("multi"), m.end("mcmd") - m.start())
                if p.group("keys") is not None
            ]
        else:
            continue
        line += text.count("\n", counted, m.start())
        counted = m.start()
        for start, end in lists:
            new_keys, found = _rewrite_keys(text[start:end], mapping, line, command)
            if not found:
                continue
            pieces.append(text[last:start])
            pieces.append(new_keys)
            last = end
            changes.extend(found)
    pieces.append(text[last:])
    return "".join(pieces), changes
