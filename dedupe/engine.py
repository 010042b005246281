"""Duplicate detection: normalise, block, compare, cluster. Pure; no I/O.

`find_duplicates` is the one entry point `dupes`, `merge` and `check` share; its
result types are a contract other modules code against (see docs/matching.md).
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Callable, Collection, Hashable, Sequence
from dataclasses import dataclass, field

from rapidfuzz.fuzz import ratio

from refmerge.refs.bulk import MIN_SPLIT, beside, in_two, parent_share, paused_gc, send_as_fields
from refmerge.refs.model import Reference
from refmerge.refs.normalize import MatchKeys, match_keys

from .blocking import Part, candidate_pairs, joined_blocks, other_blocks, word_blocks
from .cluster import cluster
from .compare import (
    DIFFERENT,
    MATCH,
    REVIEW,
    SURNAME_FUZZY,
    VERSION,
    Code,
    Comparison,
    Level,
    Reason,
    Verdict,
    abstract_candidate,
    add_levels,
    compare,
    conflict,
    count_versions,
)
from .identity import Resolved, resolve
from .policy import Policy


@dataclass
class Group:
    """One work found several times; members are indices into the input list, ascending.

    `reasons` is the text people read, `codes` the same reasons as machine-readable codes
    (`Code` values), `levels` the comparison level of each field for the deciding link."""

    members: list[int]
    score: float  # 0..100, the weakest accepted link's score
    reasons: list[str] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)
    levels: dict[str, str] = field(default_factory=dict)


@dataclass
class ReviewPair:
    """Grey zone: a person should decide; never merged."""

    a: int
    b: int
    score: float
    reasons: list[str] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)
    levels: dict[str, str] = field(default_factory=dict)


def _review(a: int, b: int, c: Comparison, extra: Reason | None = None) -> ReviewPair:
    why = [*c.why, extra] if extra else c.why
    levels = {k: v.value for k, v in (c.levels or {}).items()}
    return ReviewPair(a, b, c.score, [str(r) for r in why], [r.code.value for r in why], levels)


@dataclass
class DedupeResult:
    groups: list[Group]  # only groups of 2+ records, sorted by first member
    review: list[ReviewPair]
    versions: list[Group]  # preprint/published pairs NOT merged (empty when merge_versions)
    decided: Resolved = field(default_factory=Resolved)  # the decisions as index pairs
    review_dropped: int = 0  # review pairs beyond `Policy.review_limit`, counted, not kept


DEFAULT_POLICY = Policy()  # frozen, so one shared default is safe


def _ranks(refs: Sequence[Reference]) -> list[int]:
    """A content-based order of the records, so ties never depend on input order.

    Where every record has its own key (nearly always) the key alone is the order the
    full tuple gives, and sorting by it takes half the time (3.7 -> 1.7 s for 1M)."""
    citekeys = [r.key for r in refs]
    if len(set(citekeys)) == len(citekeys):
        order = sorted(range(len(refs)), key=citekeys.__getitem__)
    else:
        order = sorted(
            range(len(refs)),
            key=lambda i: (refs[i].key, refs[i].origin.file, refs[i].origin.line, i),
        )
    ranks = [0] * len(refs)
    for rank, i in enumerate(order):
        ranks[i] = rank
    return ranks


send_as_fields(MatchKeys)  # a large library's keys come back from a second process


# the child also pickles its keys (1.4 s for half of 300,000 records' 18 s of keys)
_KEYS_SHARE = parent_share(18.0, 2.8)


def all_match_keys(refs: Sequence[Reference]) -> list[MatchKeys]:
    """The match keys of every record (what `find_duplicates` computes first); a large
    library's second half is computed by a second process (refs/bulk.py)."""

    def keys(start: int, end: int) -> list[MatchKeys]:
        return [match_keys(r) for r in refs[start:end]]

    with paused_gc():
        halves = in_two(keys, len(refs), share=_KEYS_SHARE)
        return halves[0] + halves[1] if halves else keys(0, len(refs))


def find_duplicates(
    refs: Sequence[Reference],
    policy: Policy = DEFAULT_POLICY,
    keys: Sequence[MatchKeys] | None = None,
    among: Collection[int] | None = None,
) -> DedupeResult:
    """Groups of records that are one work, pairs for review, and unmerged versions.

    `keys` are the records' match keys when the caller has them (`all_match_keys`);
    with `among`, only candidate pairs with at least one record of `among` are compared
    (blocking still sees every record)."""
    with paused_gc():
        if keys is None:
            keys = [match_keys(r) for r in refs]
        decided = resolve(policy.decisions, refs, keys.__getitem__)
        return _find(keys, [r.key for r in refs], policy, lambda: _ranks(refs), decided, among)


def find_duplicates_in_keys(
    keys: Sequence[MatchKeys],
    citekeys: Sequence[str],
    policy: Policy = DEFAULT_POLICY,
    ranks: Sequence[int] | None = None,
) -> DedupeResult:
    """The engine over precomputed match keys (benchmarks time the stages separately)."""
    with paused_gc():
        return _find(keys, citekeys, policy, (lambda: ranks) if ranks is not None else None)


def _find(
    keys: Sequence[MatchKeys],
    citekeys: Sequence[str],
    policy: Policy,
    ranks_of: Callable[[], Sequence[int]] | None,
    decided: Resolved | None = None,
    among: Collection[int] | None = None,
) -> DedupeResult:
    n = len(keys)
    blocks, ranks = _blocks_and_facts(keys, policy, ranks_of, among)
    if decided is None:
        decided = _decision_pairs(citekeys, policy)
    forbidden, forced, linked = decided.apart, decided.together, decided.versions
    if policy.merge_versions:  # versions count as one work then, decided ones too
        forced, linked = forced | linked, set()
    version_forbidden = forbidden
    forbidden = forbidden | linked  # decided versions are kept apart, and linked below

    forbidden_nodes = {i for pair in forbidden for i in pair}

    def signature(i: int) -> Hashable:
        """Everything `conflict` looks at: records alike in these conflict alike."""
        k = keys[i]
        sig: tuple[object, ...] = (
            k.dois, k.pmid, k.arxiv, k.isbns, k.kind, k.edition, k.tclass, k.year,
            k.preprint, k.numbers, k.page_first, k.page_last,
            k.article_number, k.volume, k.issue, k.venue_kind, k.report_no, k.url_parts,
            k.editors_only, k.chapter, k.version,
            k.title,  # its words: a prefix (`linear` / `nonlinear`) or a part's number
        )  # fmt: skip
        if k.dois:  # the same DOI with the same title and people outweighs the years
            sig = (*sig, k.surnames, k.initials[:1])
        if abstract_candidate(k):
            sig = (*sig, k.surnames, k.meeting, k.venue)
        return (*sig, i) if i in forbidden_nodes else sig

    # pairs `compare` accepted: it looks for a conflict first and accepts none that has one
    # (but versions under merge_versions), so clustering need not look again (nine in ten of
    # its conflict tests at 100,000 entries: two records alone joined by their own edge)
    accepted: set[tuple[int, int]] = set()

    def conflicts(x: int, y: int) -> str:
        if (x, y) in accepted:
            return ""
        if forbidden and (min(x, y), max(x, y)) in forbidden:
            return "decided: not duplicates"
        found = conflict(keys[x], keys[y])
        if found is None or (policy.merge_versions and found.code == Code.VERSIONS):
            return ""
        return str(found)

    def version_conflicts(x: int, y: int) -> str:
        """Versions of one work may join one version group; other conflicts still part them
        (and so does a decision that the two are different works)."""
        if version_forbidden and (min(x, y), max(x, y)) in version_forbidden:
            return "decided: not duplicates"
        found = conflict(keys[x], keys[y])
        return str(found) if found and found.code != Code.VERSIONS else ""

    matches: list[tuple[float, int, int]] = []
    # None: the pair was compared by the second process, which sent its verdict and score
    # only; the comparison is made again here if it is shown (`comparison`)
    comparisons: dict[tuple[int, int], Comparison | None] = {}
    review: list[ReviewPair] = []
    # the closest calls, bounded: (score, -i, -j) in a min-heap of at most review_limit
    heap: list[tuple[float, int, int]] = []
    dropped = 0
    version_edges: list[tuple[float, int, int]] = []
    judged = _judged(keys, ranks, policy, among, forced, forbidden, blocks)
    del blocks
    for i, j, verdict, score, c in judged:
        if verdict == MATCH:
            matches.append((score, i, j))
            comparisons[(i, j)] = c
        elif verdict == REVIEW:
            entry = (score, -i, -j)
            if len(heap) < policy.review_limit:
                heapq.heappush(heap, entry)
                comparisons[(i, j)] = c
            elif policy.review_limit and entry > heap[0]:
                _, a, b = heapq.heapreplace(heap, entry)
                comparisons.pop((-a, -b), None)
                comparisons[(i, j)] = c
                dropped += 1
            else:
                dropped += 1
        elif verdict == VERSION:
            version_edges.append((score, i, j))
            comparisons[(i, j)] = c
    accepted.update((i, j) for _, i, j in matches)  # (never a forced or forbidden pair)
    for i, j in forced:
        matches.append((101.0, i, j))
        comparisons[(i, j)] = Comparison(
            MATCH, 100.0, [Reason(Code.DECIDED, "", "decided: duplicates")]
        )
    for i, j in linked:
        version_edges.append((101.0, i, j))
        comparisons[(i, j)] = Comparison(
            VERSION, 100.0, [Reason(Code.DECIDED, "", "decided: versions")]
        )

    def comparison(a: int, b: int) -> Comparison:
        """The pair's comparison with its field levels (made again when only its verdict
        came back from the second process: `compare` is a pure function of the keys)."""
        c = comparisons[(a, b)]
        if c is None:
            c = comparisons[(a, b)] = compare(keys[a], keys[b], policy, levels=False)
        return add_levels(c, keys[a], keys[b], policy)

    for _, a, b in heap:
        i, j = -a, -b
        review.append(_review(i, j, comparison(i, j)))
        del comparisons[(i, j)]
    if policy.review_ambiguous:
        matches, unplaced = _unplaced(
            matches, comparisons, comparison, version_conflicts, signature, forced, citekeys
        )
        review.extend(unplaced)
    groups, refused = _groups(n, matches, comparison, ranks, conflicts, signature, forced)
    versions: list[Group] = []
    if version_edges:
        versions, _ = _groups(
            n, version_edges, comparison, ranks, version_conflicts, signature, linked
        )
    in_group = {}
    for g in groups:
        for m in g.members:
            in_group[m] = g.members[0]
    for a, b, why in refused:
        c = comparison(a, b)
        review.append(_review(a, b, c, Reason(Code.REFUSED, "", f"but not merged: {why}")))
    review = [r for r in review if not (r.a in in_group and in_group.get(r.a) == in_group.get(r.b))]
    # closest calls first: a person reads from the top and stops when the pairs stop mattering
    review.sort(key=lambda r: (-r.score, r.a, r.b))
    return DedupeResult(groups, review, versions, decided, dropped)


# How much a field level says for a placement: agreement beats a fuzzy match beats a
# partial one beats silence beats disagreement.
_LEVEL_RANK = {
    Level.EXACT: 4,
    Level.FUZZY: 3,
    Level.PARTIAL: 2,
    Level.MISSING: 1,
    Level.CONFLICTING: 0,
}
# A record matching more distinct kinds of records than this is a copy cluster's hub, not
# a citation torn between two works; looking at every pair of its partners would cost their
# square, so only this many are looked at.
_MAX_PLACES = 32


def _unplaced(
    matches: list[tuple[float, int, int]],
    compared: Collection[tuple[int, int]],
    comparison: Callable[[int, int], Comparison],
    apart: Callable[[int, int], str],
    signature: Callable[[int], Hashable],
    forced: Collection[tuple[int, int]],
    citekeys: Sequence[str],
) -> tuple[list[tuple[float, int, int]], list[ReviewPair]]:
    """Take out the matches of records that could be either of two different works.

    A record that matches both P and Q, where P and Q are two works (volumes 1 and 2 of
    a set, two reports of a series, two parts), lacks the very field that tells P from
    Q: a set cited without a volume, a report without its number. Clustering would join it to whichever edge it meets
    first, a choice the record does not support, and the merged record would claim a
    volume or venue its source never stated. Unless some field places it nearer one of
    them (its level with P is at least its level with Q on every field and better on
    one), both pairs go to review: a person can tell which one was meant, the
    engine cannot. `apart` says why two records are two works; two versions of one work
    (a workshop paper and its conference version) are not: a bare citation of the work
    joins one of them as before, and the labelled sets join such citations to the work
    (placing them by review cost Cora .0034 recall and changed no other set).
    Returns the matches kept and the review pairs."""
    partners: dict[int, list[int]] = {}
    matched: set[tuple[int, int]] = set()
    for _score, i, j in matches:
        if (i, j) in forced:
            continue
        partners.setdefault(i, []).append(j)
        partners.setdefault(j, []).append(i)
        matched.add((i, j) if i < j else (j, i))
    sigs: dict[int, Hashable] = {}

    def sig(i: int) -> Hashable:
        found = sigs.get(i)
        if found is None:
            found = sigs[i] = signature(i)
        return found

    drop: set[tuple[int, int]] = set()
    why: dict[tuple[int, int], str] = {}
    for x, near in partners.items():
        if len(near) < 2:
            continue
        places: dict[Hashable, int] = {}
        for p in near:
            places.setdefault(sig(p), p)
        if len(places) < 2:
            continue
        reps = list(places.values())[:_MAX_PLACES]
        for a_pos, p in enumerate(reps):
            for q in reps[a_pos + 1 :]:
                if ((p, q) if p < q else (q, p)) in matched:
                    continue  # matched with each other: compare found no conflict
                why_apart = apart(p, q)
                if not why_apart:
                    continue
                lp = _levels(x, p, compared, comparison)
                lq = _levels(x, q, compared, comparison)
                if _nearer(lp, lq) or _nearer(lq, lp):
                    continue
                for y in (p, q):
                    pair = (min(x, y), max(x, y))
                    drop.add(pair)
                    other = q if y == p else p
                    name = citekeys[other] if other < len(citekeys) else f"#{other}"
                    why.setdefault(
                        pair, f"but could be either of two works: also matches {name} ({why_apart})"
                    )
    if not drop:
        return matches, []
    # every partner alike a dropped one (same signature) is as unplaced
    sig_drop = {(x, sig(y)) for a, b in drop for x, y in ((a, b), (b, a))}
    unsure = {x for x, _ in sig_drop}
    kept: list[tuple[float, int, int]] = []
    out: list[ReviewPair] = []
    for edge in matches:
        _score, i, j = edge
        if (
            (i in unsure or j in unsure)
            and (i, j) not in forced
            and ((i, sig(j)) in sig_drop or (j, sig(i)) in sig_drop)
        ):
            c = comparison(i, j)
            detail = why.get((min(i, j), max(i, j)), "but could be either of two works")
            out.append(_review(i, j, c, Reason(Code.AMBIGUOUS, "", detail)))
        else:
            kept.append(edge)
    return kept, out


def _levels(
    x: int,
    y: int,
    compared: Collection[tuple[int, int]],
    comparison: Callable[[int, int], Comparison],
) -> dict[str, int]:
    a, b = (x, y) if (x, y) in compared else (y, x)
    c = comparison(a, b)
    return {k: _LEVEL_RANK[v] for k, v in (c.levels or {}).items()}


def _nearer(lp: dict[str, int], lq: dict[str, int]) -> bool:
    """Whether levels `lp` place a record nearer P than `lq` place it nearer Q."""
    better = False
    for k in lp.keys() | lq.keys():
        a, b = lp.get(k, 1), lq.get(k, 1)
        if a < b:
            return False
        better = better or a > b
    return better


def _judged(
    keys: Sequence[MatchKeys],
    ranks: Sequence[int],
    policy: Policy,
    among: Collection[int] | None,
    forced: Collection[tuple[int, int]],
    forbidden: Collection[tuple[int, int]],
    blocks: dict[str, list[int]] | None = None,
) -> list[tuple[int, int, Verdict, float, Comparison | None]]:
    """The candidate pairs to compare that are not two different works, with their
    verdicts, scores and comparisons, in the order `candidate_pairs` gives them.

    Many pairs are compared on two cores (refs/bulk.py): the second part of the list by
    a second process, which sends back only the pairs it keeps (one in two or three at
    scale), and of those only the verdict and score, not the comparison (None): its
    reasons cost more to pickle and unpickle (2.6 s for 100,000 pairs kept at 300,000
    entries) than making again the few the engine shows (a group's deciding pair, the
    pairs for review). Blocks are built once, here: building them is mostly making each record's
    keys, and a pair is in several blocks (a duplicate shares its title, its rare words,
    its DOI, its journal slot), so splitting the blocks between processes would compare
    most pairs twice, and sending half of the keys back costs what it saves."""
    pairs = [
        (i, j)
        for i, j in candidate_pairs(keys, ranks, among=among, blocks=blocks)
        if (among is None or i in among or j in among)
        and (i, j) not in forced
        and not (forbidden and (i, j) in forbidden)
    ]

    def judged(start: int, end: int) -> list[tuple[int, int, Verdict, float, Comparison | None]]:
        keep = start == 0  # the first part is the parent's (or all of a serial run)
        out: list[tuple[int, int, Verdict, float, Comparison | None]] = []
        for i, j in pairs[start:end]:
            c = compare(keys[i], keys[j], policy, levels=False)
            if c.verdict != DIFFERENT:
                out.append((i, j, c.verdict, c.score, c if keep else None))
        return out

    halves = in_two(judged, len(pairs), MIN_SPLIT_PAIRS)
    return halves[0] + halves[1] if halves else judged(0, len(pairs))


# Comparing a pair costs about 20 microseconds: a second process pays for itself (a fork
# of a large library's process and the kept pairs' pickles) from about this many pairs.
MIN_SPLIT_PAIRS = 50_000


def _blocks_and_facts(
    keys: Sequence[MatchKeys],
    policy: Policy,
    ranks_of: Callable[[], Sequence[int]] | None,
    among: Collection[int] | None,
) -> tuple[dict[str, list[int]], Sequence[int]]:
    """The blocks (`block_keys`) and the content ranks, with each record's title count,
    column flag and version flag set (`_count_titles`, `count_versions`).

    On a large input the blocks of rare title words (`word_blocks`, half of the blocks'
    cost: each distinct title's words, their counts and ranking) are built by a second
    process while this one builds the others and computes the rest, which the word
    blocks do not read; only the word blocks come back (55,000 at 100,000 records, 0.04 s
    each way), and they are joined in the order one process would have built them."""

    def here() -> tuple[Part, Sequence[int]]:
        other = other_blocks(keys, among)
        _count_titles(keys, policy.short_title_words, policy.column_editor_records)
        count_versions(keys)
        return other, (ranks_of() if ranks_of is not None else list(range(len(keys))))

    (other, ranks), words = beside(
        here, lambda apart: word_blocks(keys, among=among), len(keys) >= MIN_SPLIT
    )
    return joined_blocks(other, words), ranks


def _count_titles(keys: Sequence[MatchKeys], short_words: int, editor_records: int) -> None:
    """How many records carry each title (term frequency: a common title is weak evidence),
    and which titles are a column's name whatever their length."""
    # only short titles are weighed by frequency, and a stem keeps its number of words
    short = [k for k in keys if k.title and k.title.count(" ") < short_words - 1]
    counts = Counter(_title_stem(k.title) for k in short)
    for k in short:
        k.title_count = counts[_title_stem(k.title)]
    # A title of any length that two different people each carry alone, each on several
    # records, is a recurring column's name ("Reminiscences on Influential Papers" under
    # each year's editor); one paper or book cited many times has its own people, and a
    # mangled name is one record's accident, not a second person's series.
    alone: dict[str, Counter[str]] = {}
    for k in keys:
        k.column_title = False
        if k.title and len(k.surnames) == 1:
            alone.setdefault(k.title, Counter())[k.surnames[0]] += 1
    columns = {t for t, people in alone.items() if _two_editors(people, editor_records)}
    if columns:
        for k in keys:
            if k.title in columns:
                k.column_title = True


def _two_editors(people: Counter[str], editor_records: int) -> bool:
    """Two people who are not one name mistyped ("shapire"/"schapire") each alone on at
    least `editor_records` records."""
    repeated = [p for p, c in people.items() if c >= editor_records]
    return any(
        ratio(p, q) < SURNAME_FUZZY for i, p in enumerate(repeated) for q in repeated[i + 1 :]
    )


def _title_stem(title: str) -> str:
    """Words cut to five letters: 'industry perspectives' and 'industry perspective' are one
    column's name."""
    return " ".join(w[:5] for w in title.split())


def _groups(
    n: int,
    edges: list[tuple[float, int, int]],
    comparison: Callable[[int, int], Comparison],
    ranks: Sequence[int],
    conflicts: Callable[[int, int], str],
    signature: Callable[[int], Hashable],
    forced: Collection[tuple[int, int]] = (),
) -> tuple[list[Group], list[tuple[int, int, str]]]:
    clusters, refused = cluster(n, edges, ranks, conflicts, signature, forced)
    groups = []
    for members, (_score, a, b) in clusters:
        c = comparison(a, b)
        levels = {k: v.value for k, v in (c.levels or {}).items()}
        groups.append(Group(members, min(c.score, 100.0), c.reasons, c.codes, levels))
    return groups, refused


def _decision_pairs(citekeys: Sequence[str], policy: Policy) -> Resolved:
    """Index pairs the user declared not duplicates / duplicates / versions, by key alone
    (the benchmarks' entry point has keys, not records; `resolve` does the full job)."""
    decisions = policy.decisions
    if not decisions.not_duplicates and not decisions.duplicates and not decisions.versions:
        return Resolved()
    where: dict[str, list[int]] = {}
    for i, key in enumerate(citekeys):
        if key:
            where.setdefault(key, []).append(i)

    def expand(pairs: frozenset[frozenset[str]]) -> set[tuple[int, int]]:
        out: set[tuple[int, int]] = set()
        for pair in pairs:
            if len(pair) != 2:
                continue
            k1, k2 = sorted(pair)
            for i in where.get(k1, []):
                for j in where.get(k2, []):
                    if i != j:
                        out.add((min(i, j), max(i, j)))
        return out

    return Resolved(
        expand(decisions.not_duplicates), expand(decisions.duplicates), expand(decisions.versions)
    )
