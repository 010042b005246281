"""The matching policy: one frozen object handed to every stage (like black's `Mode`).

Thresholds are grouped into presets rather than exposed one by one: a user picks how
much risk of a false merge they accept (`strict`, `balanced`, `loose`), and remembered
decisions override the matcher for the pairs a person has already judged.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from enum import Enum


class Strictness(str, Enum):
    """How much risk of a false merge a user accepts (a preset of the thresholds below)."""

    def __str__(self) -> str:
        return str(self.value)

    STRICT = "strict"
    BALANCED = "balanced"
    LOOSE = "loose"


STRICTNESS = tuple(s.value for s in Strictness)


SAME, DIFFERENT, VERSIONS = "==", "!=", "~="
NO_KEY = "?"  # stands for a record without a citation key (scraped text, RIS without ID)


@dataclass(frozen=True)
class RecordId:
    """Which record a decision names: its key, and where possible its file and a fingerprint.

    A key alone is ambiguous (two files may use one key) and changes when a library is
    exported again; the fingerprint (dedupe/identity.py) survives a new export, and
    key plus file name tells apart records that share a key.
    """

    key: str
    file: str = ""
    line: int = 0
    fingerprint: str = ""


@dataclass(frozen=True)
class Decided:
    """One decision written by `refmerge review`: its verdict and the records it names."""

    verdict: str  # SAME, DIFFERENT or VERSIONS
    records: tuple[RecordId, ...]


@dataclass(frozen=True)
class Decisions:
    """Remembered user decisions: pairs of citation keys (order-free), and decisions whose
    records carry a file and fingerprint (`identified`; their keys are not in the sets)."""

    not_duplicates: frozenset[frozenset[str]] = frozenset()
    duplicates: frozenset[frozenset[str]] = frozenset()
    versions: frozenset[frozenset[str]] = frozenset()  # kept apart, shown as versions
    identified: tuple[Decided, ...] = ()


def _record_ids(keys: list[str], note: str, number: int) -> tuple[RecordId, ...]:
    """The records of a line from its keys and its `#@ fp:F FILE:LINE | ...` note."""
    sides = [s.strip() for s in note.split(" | ")]
    if len(sides) != len(keys):
        raise ValueError(
            f"line {number}: the '#@' note names {len(sides)} records, not {len(keys)}"
        )
    out = []
    for key, side in zip(keys, sides, strict=True):
        fp, _, where = side.partition(" ")
        if not fp.startswith("fp:"):
            raise ValueError(f"line {number}: expected 'fp:FINGERPRINT FILE:LINE' after '#@'")
        file, _, line = where.strip().rpartition(":")
        if not line.isdigit():
            file, line = where.strip(), "0"
        out.append(RecordId("" if key == NO_KEY else key, file, int(line), fp[3:]))
    return tuple(out)


def parse_decisions(text: str) -> Decisions:
    """Read the text of a `refmerge.decisions` file.

    One decision per line; `#` starts a comment; blank lines are ignored.

        smith2019 != smith2019a     # not duplicates (never merged)
        jones2020 == jones2020b     # duplicates (always merged)
        lee2021 ~= lee2021pre       # versions of one work (kept apart, linked)

    A line may chain more keys (`a != b != c`): every pair of them gets the decision.
    Keys are compared exactly (citation keys are case-sensitive for biber).
    `refmerge review` adds where each record came from, so a later export with new keys
    still matches (`?` stands for a record without a key):

        smith2019 != ?   #@ fp:3f2a9c0d1b7e refs.bib:12 | fp:0c1d2e3f4a5b scrape.txt:40

    Lines that are not decisions raise ValueError naming the line.
    """
    sets: dict[str, set[frozenset[str]]] = {SAME: set(), DIFFERENT: set(), VERSIONS: set()}
    identified: list[Decided] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line, _, comment = raw.partition("#")
        line = line.strip()
        if not line:
            continue
        ops = [op for op in (DIFFERENT, SAME, VERSIONS) if op in line]
        if len(ops) > 1:
            raise ValueError(
                f"line {number}: use one of '!=', '==', '~=', not several: {raw.strip()!r}"
            )
        if not ops:
            raise ValueError(f"line {number}: expected 'key1 != key2' or 'key1 == key2'")
        keys = [p.strip() for p in line.split(ops[0])]
        if len(keys) < 2 or any(not k or " " in k for k in keys):
            raise ValueError(f"line {number}: each side must be one citation key: {raw.strip()!r}")
        if comment.startswith("@"):
            identified.append(Decided(ops[0], _record_ids(keys, comment[1:].strip(), number)))
            continue
        for i, a in enumerate(keys):
            for b in keys[i + 1 :]:
                if a != b:
                    sets[ops[0]].add(frozenset((a, b)))
    return Decisions(
        frozenset(sets[DIFFERENT]),
        frozenset(sets[SAME]),
        frozenset(sets[VERSIONS]),
        tuple(identified),
    )


@dataclass(frozen=True)
class Policy:
    """How sure the matcher must be before it merges, and what it must never merge."""

    strictness: str = "balanced"  # a Strictness value: the preset these numbers came from
    # versions of one work (preprint/published, workshop/conference, report/paper ...) are
    # merged only when True; otherwise reported as version groups
    merge_versions: bool = False
    decisions: Decisions = Decisions()
    # Title similarity (rapidfuzz ratio of folded titles, 0..100) ...
    title_accept: float = 95.0  # ... enough on its own when nothing conflicts
    title_corroborated: float = 88.0  # ... enough with agreeing authors, pages/volume, venue
    title_review: float = 80.0  # ... below this a pair is simply different
    # At most this many review pairs are kept, the closest calls (highest scores); the rest
    # are only counted. A list longer than a person can read is a sign the matcher needs
    # a rule, not a person; and the pairs are kept in a bounded heap, so memory follows the
    # input, not the number of near pairs (308,551 titles differing by a number once made
    # 3.7 million pairs).
    review_limit: int = 10_000
    title_translated: float = 50.0  # with same author, year, volume and page range
    id_title_min: float = 60.0  # a shared identifier with titles below this goes to review
    abstract_accept: float = 90.0  # untitled records: abstracts at least this similar
    # untitled records whose abstracts are this much below abstract_accept still get a review
    abstract_review_margin: float = 10.0
    # Corroborating facts (pages, volume, venue, issue, year) needed in the corroborated band.
    corroboration: int = 2
    # a title of fewer words says little ("Editorial", "Blue Sky Research"): needs pages
    short_title_words: int = 4
    # a title contained whole in the other counts this much when the shared part is long ...
    contained_title: float = 90.0
    # ... and this much when it is shorter than contained_long_chars / contained_long_words
    contained_short_title: float = 80.0
    contained_long_chars: int = 30
    contained_long_words: int = 4
    # a title carried by more records than this is recurring (a column, "Editor's Notes"):
    # it places a work only with an agreeing locator or identifier
    recurring_title_count: int = 2
    # a title of any length that two different people each carry alone on at least this
    # many records is a recurring column's name (each instalment under its editor): two
    # such records by one person are placed only by pages or issue, never by the title
    column_editor_records: int = 2
    # an undated record merges on a strong long title with this many agreeing people (the
    # venue, or the input holding one version of the work, places it; one person writing
    # two works of one long title is rare, so the balanced preset asks for one)
    undated_people: int = 1
    # the same venue, people and long title a year apart (proceedings printed the year after
    # the meeting) merge with at least this many agreeing people
    year_apart_people: int = 2
    # a whole team of at least this many people, all agreeing, backs a title in the
    # corroborated band without locators
    team_size: int = 3
    # a title reworded between two sources (words reordered, one added or dropped:
    # "An Open Storage System for Abstract Objects" / "An open abstract-object storage
    # system") is one work when one title's content words (stems, any order) are all words
    # of the other, they share at least this fraction, and the same people, year and venue
    # place it (above 1: never)
    title_reworded: float = 0.8
    # Behaviour switches (each preset sets them; tested by name, never by preset name):
    # untitled records that agree only on venue, volume and page go to review, not merge
    review_untitled_by_locator: bool = False
    # one meeting abstract printed twice in one journal goes to review, not merge
    review_reprinted_abstract: bool = False
    # an undated citation without a venue, placed only because the input holds one version
    # of its work, goes to review, not merge
    review_undated_bare: bool = False
    # a record that matches two records which can never be one work (two volumes of a set,
    # a workshop paper and its conference version), with no field placing it nearer one of
    # them, goes to review with both instead of joining whichever edge clustering meets
    # first (False: the old behaviour, the tie broken by content order)
    review_ambiguous: bool = True

    def __post_init__(self) -> None:
        if self.strictness not in STRICTNESS:
            raise ValueError(f"strictness must be one of {', '.join(STRICTNESS)}")

    @classmethod
    def preset(cls, strictness: str = "balanced", **overrides: object) -> Policy:
        """The policy of a named preset, with any field overridden."""
        if strictness not in STRICTNESS:
            raise ValueError(f"strictness must be one of {', '.join(STRICTNESS)}")
        values: dict[str, object] = dict(_PRESETS[strictness])
        values.update(overrides)
        return dataclasses.replace(cls(), strictness=strictness, **values)  # type: ignore[arg-type]


_PRESETS: dict[str, dict[str, object]] = {
    "strict": {
        "review_untitled_by_locator": True,
        "review_reprinted_abstract": True,
        "review_undated_bare": True,
        "undated_people": 2,
        "title_accept": 98.0,
        "title_corroborated": 93.0,
        "title_review": 85.0,
        "abstract_accept": 95.0,
        "title_translated": 101.0,  # never
        "title_reworded": 1.0,  # the same content words, in any order
        "corroboration": 3,
    },
    "balanced": {},
    "loose": {
        "title_accept": 92.0,
        "title_corroborated": 84.0,
        "title_review": 75.0,
        "abstract_accept": 85.0,
        "corroboration": 1,
    },
}
