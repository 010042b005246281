"""The shared skeleton of tagged formats (RIS, MEDLINE, Web of Science).

All three write a record as lines `TAG<sep>value`, with indented or untagged lines
continuing the previous tag, and differ only in the tag pattern, in what opens and
closes a record, and in whether a continuation of a list tag (an author per line in
Web of Science) is a new value or more of the same one. Each format module supplies
those differences; the text is tokenised once, here, and every record keeps the line
of each value, so diagnostics and origins point where the user should look.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Container, Iterator
from dataclasses import dataclass, field

from ..codes import NO_RECORDS, diagnostic
from ..model import Library, Origin, Reference
from .fieldmap import Unkept, lost


@dataclass(slots=True)
class TagValue:
    """One value of a tag, with the line it starts on."""

    tag: str
    value: str
    line: int


@dataclass(slots=True)
class TaggedRecord:
    """A record's values in order, continuation lines already joined."""

    start: int
    end: int = 0
    values: list[TagValue] = field(default_factory=list)

    def add(self, tag: str, value: str, line: int) -> None:
        self.values.append(TagValue(tag, value, line))
        self.end = line

    def extend_last(self, text: str, line: int, separate: bool = False) -> bool:
        """Continue the last value with `text` (or, `separate`, add it as a new value of
        the same tag); False when there is no value to continue."""
        if not self.values:
            return False
        last = self.values[-1]
        if separate:
            self.values.append(TagValue(last.tag, text, line))
        else:
            last.value = f"{last.value} {text}" if last.value else text
        self.end = line
        return True

    def pairs(self) -> list[tuple[str, str]]:
        return [(v.tag, v.value) for v in self.values]

    def by_tag(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for v in self.values:
            out.setdefault(v.tag, []).append(v.value)
        return out


@dataclass(frozen=True, slots=True)
class Line:
    """A line of the input: its number, its text (right-stripped), and its tag if any."""

    number: int
    text: str
    tag: str | None
    value: str


def tokenise(text: str, tag_pattern: re.Pattern[str]) -> Iterator[Line]:
    """Every line once, matched against the format's tag pattern (group 1 tag, 2 value)."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.rstrip()
        m = tag_pattern.match(line)
        if m:
            yield Line(number, line, m.group(1), (m.group(2) or "").strip())
        else:
            yield Line(number, line, None, "")


def read_records(
    records: list[TaggedRecord],
    name: str,
    lib: Library,
    fmt: str,
    to_reference: Callable[[TaggedRecord, Origin], Reference],
    accounted: Callable[[TaggedRecord], list[tuple[str, str]]],
    mapped: Container[str],
    dates: Container[str],
    none_found: str,
) -> Library:
    """Records to references, with one RM004 note per file for values no field kept and
    an RM002 error when the file held no record at all."""
    unkept = Unkept()
    for record in records:
        ref = to_reference(record, Origin(name, record.start, record.end, fmt))
        lib.blocks.append(ref)
        unkept.add(lost(accounted(record), ref.fields, mapped, ref.key, dates), record.start)
    if note := unkept.diagnostic(name):
        lib.diagnostics.append(note)
    if not lib.blocks:
        lib.diagnostics.append(diagnostic(NO_RECORDS, none_found, name, 1))
    return lib
