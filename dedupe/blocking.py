"""Blocking: the candidate pairs worth comparing, in roughly linear time.

Each record emits a handful of block keys; only records sharing a key are compared.
Keys: identifiers (DOI, PMID, arXiv, ISBN), the whole folded title, pairs of the
record's three rarest title words (a typo in one word still leaves one pair
intact), first author + year (used only to reach records without a title), the journal
slot, first author + year + volume, and the opening words of the abstract. A block larger than `max_block` is not expanded into
all its pairs: its members are sorted (by title, then a content rank) and each is
compared with its next `window` neighbours (sorted-neighbourhood), which keeps the
number of pairs linear even for "Editorial" or "Wang 2020".
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Collection, Iterator, Sequence
from itertools import chain

from refmerge.refs.normalize import MatchKeys

_Add = Callable[[str, int], None]

STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "in",
        "on",
        "for",
        "and",
        "or",
        "to",
        "at",
        "by",
        "with",
        "from",
        "into",
        "about",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "its",
        "their",
        "this",
        "that",
        "these",
        "those",
        "than",
        "via",
        "between",
        "after",
        "before",
        "during",
        "under",
        "over",
        "using",
        "use",
        "de",
        "la",
        "le",
        "les",
        "des",
        "du",
        "el",
        "los",
        "las",
        "en",
        "y",
        "et",
        "und",
        "der",
        "die",
        "das",
        "von",
        "zur",
        "zum",
        "im",
    ]
)


def title_tokens(title: str) -> list[str]:
    return [t for t in set(title.split()) - STOPWORDS if len(t) > 2 and not t.isdigit()]


def block_keys(
    keys: Sequence[MatchKeys], max_block: int = 40, among: Collection[int] | None = None
) -> dict[str, list[int]]:
    """Map each block key shared by 2+ records to those records (indices).

    With `among`, only the blocks that hold a record of `among` (all their members, in
    the same order): the keys of those records are made first, and any other key is not
    stored, so the second look after merging does not hold every record's keys at once.

    The blocks are built in two parts, `word_blocks` (pairs of rare title words) and
    `other_blocks` (the rest), which the engine builds in two processes; `joined_blocks`
    puts them together in the order one pass over the records gives."""
    return joined_blocks(other_blocks(keys, among), word_blocks(keys, max_block, among))


# A part of the blocks: the blocks (each key shared by 2+ records, with its members), and
# for each block in order, the record at which it was made (the record that shared it).
Part = tuple[dict[str, list[int]], list[int]]
_Emit = Callable[[int, MatchKeys, _Add, _Add], None]


def word_blocks(
    keys: Sequence[MatchKeys], max_block: int = 40, among: Collection[int] | None = None
) -> Part:
    """The blocks of rare title words: each of a record's three rarest words (when it is
    rare enough to be a block of its own) and the pairs of them. A title's words and
    their ranking are the same for every record carrying it, so they are made once per
    distinct title (a library's copies share their titles: 72,000 titles for 100,000
    records of the benchmark)."""
    titled = [k.title for k in keys if k.title]
    tokens = {title: title_tokens(title) for title in set(titled)}
    df: Counter[str] = Counter(chain.from_iterable(map(tokens.__getitem__, titled)))
    del titled
    rarity = df.__getitem__
    made: dict[str, list[str]] = {}

    def words_of(title: str) -> list[str]:
        out: list[str] = []
        toks = tokens[title]
        if len(toks) >= 2:
            # the three rarest (a stable sort after an alphabetical one: ties alphabetical)
            rare = sorted(sorted(toks), key=rarity)[:3]
            for tok in rare:
                # a word this rare is a block of its own (two substituted words still
                # leave one shared)
                if df[tok] <= max_block:
                    out.append("w" + tok)
            r0, r1 = sorted(rare[:2])
            out.append(f"t{r0} {r1}")
            if len(rare) == 3:
                r2 = rare[2]
                out.append(f"t{min(r0, r2)} {max(r0, r2)}")
                out.append(f"t{min(r1, r2)} {max(r1, r2)}")
        return out

    def words(title: str) -> list[str]:
        found = made.get(title)
        if found is None:
            found = made[title] = words_of(title)
        return found

    wanted: set[str] | None = None
    if among is not None:
        wanted = {key for i in among if keys[i].title for key in words(keys[i].title)}
    # (as `_built` does, written out: a call per key costs a fifth of the part)
    first: dict[str, int] = {}
    blocks: dict[str, list[int]] = {}
    made_at: list[int] = []
    setdefault = first.setdefault
    for i, k in enumerate(keys):
        title = k.title
        if not title:
            continue
        for key in words(title):
            if wanted is not None and key not in wanted:
                continue
            j = setdefault(key, i)
            if j != i:
                members = blocks.get(key)
                if members is None:
                    blocks[key] = [j, i]
                    made_at.append(i)
                elif members[-1] != i:
                    members.append(i)
    return blocks, made_at


def other_blocks(keys: Sequence[MatchKeys], among: Collection[int] | None = None) -> Part:
    """Every block but the rare title words': identifiers (DOI, PMID, arXiv, ISBN), the
    two ends of the title, first author + year, the journal slot, first author + year +
    volume, and the abstract's opening words."""
    # author + year reach untitled records; only worth a key where an untitled record exists
    untitled = {f"{k.first_author}{k.year}" for k in keys if not k.title}

    def emit(i: int, k: MatchKeys, add: _Add, add_list: _Add) -> None:
        """The block keys of record i: `add` for keys kept once shared, `add_list` for the
        author + year keys, which untitled records need even alone."""
        for doi in k.dois:
            add("d" + doi, i)
        if k.pmid:
            add("p" + k.pmid, i)
        if k.arxiv:
            add("x" + k.arxiv, i)
        for isbn in k.isbns:
            add("i" + isbn, i)
        title = k.title
        if title:
            # exact and near titles: a typo or a junk heading/citation leaves one end intact;
            # spaces are left out (text taken from PDFs splits words at line breaks,
            # 'learn-ability', and loses spaces, 'decisiontheoretic')
            bare = title.replace(" ", "")
            add("P" + bare[:27], i)
            add("S" + bare[-27:], i)
            if untitled and k.first_author:
                who = f"{k.first_author}{k.year}"
                if who in untitled:
                    add_list("U" + who, i)
        else:
            add_list("u" + k.first_author + str(k.year), i)
        if k.page_first and (k.volume or k.venue):
            # the journal slot: catches retitled, translated or junk-laden titles (a volume
            # may be written in the venue: "advances in ... systems 8")
            volume = slot_volume(k)
            if volume:
                add(f"L{k.year}:{volume}:{k.page_first}", i)
        if k.volume and k.year and k.first_author:
            # one author's articles in one volume: a title typed with a slip at each end and
            # no pages ("... precence of malicious error") shares no other key with its twin
            add(f"V{k.year}:{k.volume}:{k.first_author}", i)
        if k.abstract:
            words = k.abstract.split(None, 8)
            if len(words) >= 8:
                add("b" + " ".join(words[:8]), i)

    return _built(keys, emit, among)


def _built(keys: Sequence[MatchKeys], emit: _Emit, among: Collection[int] | None) -> Part:
    """The blocks `emit` gives the records, and the record each was made at."""
    wanted: set[str] | None = None
    if among is not None:
        found: set[str] = set()

        def want(key: str, i: int) -> None:
            found.add(key)

        def want_list(key: str, i: int) -> None:
            found.add(key)  # an untitled block and its titled partners go together
            found.add(("U" if key[0] == "u" else "u") + key[1:])

        for i in sorted(among):
            emit(i, keys[i], want, want_list)
        wanted = found

    first: dict[str, int] = {}
    blocks: dict[str, list[int]] = {}
    made_at: list[int] = []
    setdefault = first.setdefault

    def add(key: str, i: int) -> None:
        if wanted is not None and key not in wanted:
            return
        # most keys belong to one record only: keep a bare int until a second one comes
        j = setdefault(key, i)
        if j != i:
            members = blocks.get(key)
            if members is None:
                blocks[key] = [j, i]
                made_at.append(i)
            elif members[-1] != i:
                members.append(i)

    def add_list(key: str, i: int) -> None:
        if wanted is None or key in wanted:
            members = blocks.get(key)
            if members is None:
                blocks[key] = [i]
                made_at.append(i)
            else:
                members.append(i)

    for i, k in enumerate(keys):
        emit(i, k, add, add_list)
    return blocks, made_at


# Where a record's keys of `other_blocks` stand among its word keys in one pass over the
# records: identifiers and title ends before them, the rest after.
_BEFORE_WORDS = frozenset("dpxiPS")


def joined_blocks(other: Part, words: Part) -> dict[str, list[int]]:
    """The two parts' blocks in the order one pass over the records would have made them
    (a block is made at the record that first shares it; within a record, identifiers
    and title ends, then rare words, then the rest), so that the candidate pairs come
    in the same order however the blocks were built."""
    (blocks, made_at), (word_blocks, word_made_at) = other, words
    if not word_blocks:
        return blocks
    out: dict[str, list[int]] = {}
    pending = list(zip(word_made_at, word_blocks.items(), strict=True))
    w, n = 0, len(pending)
    for i, (key, block) in zip(made_at, blocks.items(), strict=True):
        after = key[0] not in _BEFORE_WORDS
        while w < n and (pending[w][0] < i or (after and pending[w][0] == i)):
            word_key, members = pending[w][1]
            out[word_key] = members
            w += 1
        out[key] = block
    for _, (word_key, members) in pending[w:]:
        out[word_key] = members
    return out


def _windows(
    members: list[int], keys: Sequence[MatchKeys], ranks: Sequence[int], window: int
) -> Iterator[tuple[int, int]]:
    """Sorted neighbourhood over a big block: neighbours by title, then by reversed title
    (so "Medical progress: X" meets "X"). One title cited many times (versions of one
    paper) is ordered by venue and year, so each record's neighbours are its own version's."""
    for sort_key in (
        lambda m: (keys[m].title, keys[m].venue, keys[m].year or 0, ranks[m]),
        lambda m: (keys[m].title[::-1], ranks[m]),
    ):
        order = sorted(members, key=sort_key)
        for x in range(len(order)):
            for y in range(x + 1, min(len(order), x + 1 + window)):
                yield order[x], order[y]


def candidate_pairs(
    keys: Sequence[MatchKeys],
    ranks: Sequence[int],
    max_block: int = 40,
    window: int = 8,
    among: Collection[int] | None = None,
    blocks: dict[str, list[int]] | None = None,
) -> Iterator[tuple[int, int]]:
    """Each unordered candidate pair once, as (i, j) with i < j.

    With `among` (the second look after merging compares only pairs with one of these
    records), a block without such a record is skipped whole: the pairs the caller keeps
    are the same and come in the same order, and most of the others are never built.
    `blocks`: `block_keys(keys, max_block, among)` when the caller has built them."""
    n = len(keys)
    seen: set[int] = set()
    if blocks is None:
        blocks = block_keys(keys, max_block, among)
    untitled = blocks  # alias for readability below
    wanted = None if among is None else among.__contains__
    for key, members in blocks.items():
        if key[0] == "U":
            continue
        if key[0] == "u":
            # untitled records against every record (titled or not) by that author and year
            others = untitled.get("U" + key[1:], [])
            combined = members + others
            if len(combined) < 2:
                continue
            if wanted is not None and not any(map(wanted, combined)):
                continue
            pairs: Iterator[tuple[int, int]] = ((m, o) for m in members for o in combined if m != o)
            if len(combined) > max_block * 4:
                continue
        elif len(members) < 2 or (wanted is not None and not any(map(wanted, members))):
            continue
        elif len(members) <= max_block:
            pairs = (
                (members[x], members[y])
                for x in range(len(members))
                for y in range(x + 1, len(members))
            )
        else:
            pairs = _windows(members, keys, ranks, window)
        for i, j in pairs:
            if i > j:
                i, j = j, i
            code = i * n + j
            if code not in seen:
                seen.add(code)
                yield i, j


def slot_volume(k: MatchKeys) -> str:
    """The record's volume, or where it gives none, the volume its venue carries
    (`advances in neural information processing systems 8`, `machine learning 27`,
    `information and computation 103(2)`): the venue's first word that is only digits, not a
    year (`1993`) and not an ISSN or a record number (more than four digits)."""
    if k.volume:
        return k.volume
    for word in k.venue.split():
        if word.isdigit():
            if len(word) > _VOLUME_DIGITS or _YEAR_WORD.fullmatch(word):
                return ""
            return word.lstrip("0")
    return ""


_VOLUME_DIGITS = 4
_YEAR_WORD = re.compile(r"1[89]\d\d|20\d\d")
