"""Pair comparison: is this pair one work, two works, or a question for a person?

Every verdict carries its reasons as short human-readable strings (splink-style
comparison levels with labels) so `dupes`, `check` and the merge report all print
the same explanation. Two functions matter:

- `conflict(a, b)` — facts that forbid a merge whatever else agrees (different DOIs,
  years more than one apart, different pages, Part I vs Part II, erratum vs
  original, book vs chapter ...). Clustering uses it too, so a chain of matches
  can never join two records that conflict.
- `compare(a, b, policy)` — the verdict for a candidate pair. Symmetric by design:
  every test is order-free, so compare(a, b) == compare(b, a).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rapidfuzz.distance import Indel
from rapidfuzz.fuzz import ratio

from refmerge.refs.normalize import MatchKeys, is_preprint_doi

from .policy import Policy

MATCH = "match"
REVIEW = "review"
VERSION = "version"
DIFFERENT = "different"

_BOOKISH = ("book", "chapter")
_VENUE_STOP = {"of", "the", "and", "for", "in", "on", "de", "der", "und", "la", "le"}


@dataclass(slots=True)
class Comparison:
    verdict: str
    score: float
    reasons: list[str] = field(default_factory=list)


def _fmt(score: float) -> str:
    return f"{score:.0f}"


def _shared(a: tuple[str, ...], b: tuple[str, ...]) -> str:
    common = set(a) & set(b)
    return min(common) if common else ""


def shared_identifier(a: MatchKeys, b: MatchKeys) -> str:
    """Reason naming an identifier both records carry, or ''."""
    if a.dois and b.dois:
        doi = _shared(a.dois, b.dois)
        if doi:
            return f"same DOI {doi}"
    if a.pmid and a.pmid == b.pmid:
        return f"same PMID {a.pmid}"
    if a.arxiv and a.arxiv == b.arxiv:
        return f"same arXiv {a.arxiv}"
    if a.isbns and b.isbns and "chapter" not in (a.tclass, b.tclass):
        isbn = _shared(a.isbns, b.isbns)
        if isbn:
            return f"same ISBN {isbn}"
    return ""


def _version_pair(a: MatchKeys, b: MatchKeys) -> bool:
    return a.preprint != b.preprint


def _doi_conflict(a: MatchKeys, b: MatchKeys) -> str:
    if not (a.dois and b.dois) or set(a.dois) & set(b.dois):
        return ""
    if _version_pair(a, b):
        # A preprint server's DOI and the journal's DOI of the published version differ.
        pa = [d for d in a.dois if not is_preprint_doi(d)]
        pb = [d for d in b.dois if not is_preprint_doi(d)]
        if not pa or not pb:
            return ""
    return f"different DOIs {a.dois[0]} vs {b.dois[0]}"


def conflict(a: MatchKeys, b: MatchKeys, shared_id: str | None = None) -> str:
    """Why these two records can never be one work, or '' when nothing forbids it."""
    reason = _doi_conflict(a, b)
    if reason:
        return reason
    if a.pmid and b.pmid and a.pmid != b.pmid:
        return f"different PMIDs {a.pmid} vs {b.pmid}"
    if a.arxiv and b.arxiv and a.arxiv != b.arxiv:
        return f"different arXiv ids {a.arxiv} vs {b.arxiv}"
    if a.kind != b.kind and not _same_locator(a, b):
        # (an erratum record that lost its "Erratum:" prefix still sits at the erratum's pages)
        return f"{a.kind or 'original'} vs {b.kind or 'original'}"
    if a.edition and b.edition and a.edition != b.edition:
        return f"editions {a.edition} vs {b.edition}"
    classes = {a.tclass, b.tclass}
    if classes == {"book", "chapter"}:
        return "book vs chapter"
    if classes == {"book"} and a.isbns and b.isbns and not set(a.isbns) & set(b.isbns):
        return "different ISBNs"
    if shared_id is None:
        shared_id = shared_identifier(a, b)
    if a.year is not None and b.year is not None:
        gap = abs(a.year - b.year)
        limit = 3 if _version_pair(a, b) else 1
        if gap > limit:
            return f"years {min(a.year, b.year)} vs {max(a.year, b.year)}"
    na = [n for n in a.numbers if n.startswith("#")]
    nb = [n for n in b.numbers if n.startswith("#")]
    if na != nb and a.title and b.title:
        return f"numbered parts differ ({' '.join(na) or '-'} vs {' '.join(nb) or '-'})"
    if _numbers_differ(a.numbers, b.numbers) and not (
        # one DOI and one first page: the numbers are the same ones written two ways,
        # "Si(1 1 1)" vs "Si(111)", "(11-20)" vs "(1120)"
        shared_id and a.page_first and a.page_first == b.page_first
    ):
        return f"numbers in titles differ ({' '.join(a.numbers)} vs {' '.join(b.numbers)})"
    if shared_id:
        return ""
    if classes == {"proc", "article"}:
        return "conference paper vs journal article"
    why = _locator_conflict(a, b)
    if why and (shifted_locator(a, b) or reprinted_abstract(a, b) == SAME_SUPPLEMENT):
        return ""  # the locators disagree for a known, harmless reason
    return why


def _locator_conflict(a: MatchKeys, b: MatchKeys) -> str:
    """Volume, issue and pages that place the two records in different slots."""
    if _pages_conflict(a, b):
        return f"pages conflict {_pages(a)} vs {_pages(b)}"
    if a.volume and b.volume and a.volume != b.volume:
        return f"volumes {a.volume} vs {b.volume}"
    if _issues_differ(a, b) and not (
        (_real_range(a) and _real_range(b))
        or (a.page_first == b.page_first != "" and (_real_range(a) or _real_range(b)))
    ):
        # Some exports fill `number` with accession numbers: agreeing page ranges outweigh
        # the issue (conflicting ones were caught above); without page ranges to go by,
        # different issues of one volume are different articles (a column in every issue).
        return f"issues {a.issue} vs {b.issue}"
    return ""


def _volume_typo(a: MatchKeys, b: MatchKeys, ts: float | None, why: str, policy: Policy) -> bool:
    """Only the volume differs, at the same full page range in the same year, title and
    people agreeing: most often a typo in one volume. Never merged (the volumes conflict),
    but shown to a person instead of passing in silence."""
    return (
        why.startswith("volumes ")
        and ts is not None
        and ts >= policy.title_accept
        and a.year is not None
        and a.year == b.year
        and _real_range(a)
        and a.page_first == b.page_first
        and a.page_last == b.page_last
        and authors_agree(a, b)[0] in ("match", "partial")
    )


def shifted_locator(a: MatchKeys, b: MatchKeys) -> bool:
    """One record lost its volume and the export moved issue and pages up one field:
    "number 26, pages 9" for "volume 26, number 9" (a known Embase conference-abstract fault).

    Two numbers must line up, so chance agreement is rare; title and authors are still
    compared as for any pair.
    """
    for short, full in ((a, b), (b, a)):
        if (
            not short.volume
            and short.issue
            and short.issue == full.volume
            and short.page_first
            and short.page_first == full.issue
            and short.page_last in ("", short.page_first)
        ):
            return True
    return False


# A meeting abstract fills a page or two; more is a paper.
_ABSTRACT_PAGES = 2
# Titles of one abstract printed twice differ at most by case and punctuation.
_SAME_TITLE = 97.0


def _short_item(k: MatchKeys) -> bool:
    if not k.page_first or not k.page_first.isdigit():
        return False
    if not k.page_last or not k.page_last.isdigit():
        return True
    return 0 <= int(k.page_last) - int(k.page_first) < _ABSTRACT_PAGES


SAME_SUPPLEMENT = "same supplement"
TWO_JOURNALS = "two journals"


def abstract_candidate(k: MatchKeys) -> bool:
    """Could this record be one side of `reprinted_abstract`? (Clustering needs the title
    and people in a record's conflict signature only then.)"""
    return k.year is not None and len(k.surnames) >= 2 and _short_item(k)


def reprinted_abstract(a: MatchKeys, b: MatchKeys, ts: float | None = None) -> str:
    """Where one meeting abstract seems printed twice: SAME_SUPPLEMENT, TWO_JOURNALS or ''.

    The same title and the same people in the same year, both a page or two long, at
    least one known to be a meeting abstract. In one volume of one journal that is one
    abstract under two page numbers (its page and its abstract number, or the online and
    print supplement): merged. In two journals it is left for a person: the labelled
    sets call that pattern both ways. A full paper (more pages) with the abstract's
    title is a different work either way.
    """
    if a.year is None or a.year != b.year or not (a.meeting or b.meeting):
        return ""
    if not (_short_item(a) and _short_item(b)):
        return ""
    if len(a.surnames) < 2 or len(a.surnames) != len(b.surnames):
        return ""
    if set(a.surnames) != set(b.surnames) or a.title.count(" ") < 3:
        return ""
    if ts is None:
        ts = ratio(a.title, b.title) if a.title and b.title else 0.0
    if ts < _SAME_TITLE:
        return ""
    if a.volume and a.volume == b.volume and venue_agrees(a.venue, b.venue):
        return SAME_SUPPLEMENT
    return TWO_JOURNALS


def _numbers_differ(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Each title holds a number the other lacks ('2-year' vs '5-year'); an extra number on
    one side only (a year or citation appended by a database) is not a conflict."""
    if not a or not b:
        return False
    sa, sb = set(a), set(b)
    return bool(sa - sb) and bool(sb - sa)


def _pages_conflict(a: MatchKeys, b: MatchKeys) -> bool:
    if not a.page_first or not b.page_first or a.page_first == b.page_first:
        return False
    if a.article_number != b.article_number:
        return False  # e12724 vs 1-6: an article number and its printed pages
    if a.page_last and a.page_last == b.page_last:
        return False  # a typo in one end, not another article
    for single, ranged in ((a, b), (b, a)):
        if (
            not single.page_last
            and ranged.page_last
            and int(ranged.page_first) <= int(single.page_first) <= int(ranged.page_last)
        ):
            return False  # one page of the range (often the last, as some databases do)
    return True


def _same_locator(a: MatchKeys, b: MatchKeys) -> bool:
    """Same volume and first page (both given): the same slot in a journal."""
    return bool(a.volume and a.page_first) and (
        a.volume == b.volume and a.page_first == b.page_first
    )


def _issues_differ(a: MatchKeys, b: MatchKeys) -> bool:
    """Both give a plausible issue number (longer "numbers" in some exports are accession
    numbers) and they differ."""
    return a.issue != b.issue and 0 < len(a.issue) <= 2 and 0 < len(b.issue) <= 2


def _real_range(k: MatchKeys) -> bool:
    return bool(k.page_last) and k.page_last != k.page_first


def _same_range(a: MatchKeys, b: MatchKeys) -> bool:
    """Same volume and the same full page range (both ends given)."""
    return _same_locator(a, b) and bool(a.page_last) and a.page_last == b.page_last


def _pages(k: MatchKeys) -> str:
    return f"{k.page_first}–{k.page_last}" if k.page_last else k.page_first


def _where(k: MatchKeys) -> str:
    """'p. 23 in 145(1)' for reasons."""
    place = k.volume + (f"({k.issue})" if k.issue else "")
    return f"p. {_pages(k)}" + (f" in {place}" if place else "")


def authors_agree(a: MatchKeys, b: MatchKeys) -> tuple[str, str]:
    """('match' | 'partial' | 'unknown' | 'conflict', reason) for the two author lists."""
    if not a.surnames or not b.surnames:
        return "unknown", "authors missing"
    sa, sb = a.surnames, b.surnames
    # order-free choice of the shorter list
    short, long_ = (sa, sb) if (len(sa), sa) <= (len(sb), sb) else (sb, sa)
    long_set = set(long_)
    hits = sum(1 for s in short if s in long_set)
    if hits < len(short):
        # typos and transliterations: fuzzy surname comparison for the misses
        for s in short:
            if s not in long_set and any(ratio(s, t, score_cutoff=85) for t in long_):
                hits += 1
    first_same = sa[0] == sb[0] or ratio(sa[0], sb[0]) >= 85
    initials_ok = True
    if first_same and a.initials and b.initials and a.initials[0] and b.initials[0]:
        initials_ok = a.initials[0] == b.initials[0]
    reason = f"authors {hits}/{len(short)}"
    if first_same and initials_ok and hits * 2 >= len(short):
        return "match", reason
    if hits * 2 >= len(short) and hits >= 1:
        return "partial", reason + " (first author differs)"
    return "conflict", reason


def venue_agrees(a: str, b: str) -> bool:
    """Same journal, also when one side is abbreviated ('J Imag Econ Hist')."""
    if not a or not b:
        return False
    if a == b or ratio(a, b) >= 85:
        return True
    short_v, long_v = (a, b) if len(a) <= len(b) else (b, a)
    if long_v.startswith(short_v + " ") and " " not in short_v and len(short_v) >= 6:
        return True  # "Pneumologie" / "Pneumologie (Stuttgart, Germany)"
    ta = [t for t in a.split() if t not in _VENUE_STOP]
    tb = [t for t in b.split() if t not in _VENUE_STOP]
    short, long_ = sorted((ta, tb), key=lambda t: (len(t), t))
    if len(short) < 2:
        return False
    i = 0
    for tok in long_:
        if i < len(short) and tok.startswith(short[i]):
            i += 1
    return i == len(short)


def _corroboration(a: MatchKeys, b: MatchKeys) -> tuple[int, list[str]]:
    facts: list[str] = []
    if a.page_first and a.page_first == b.page_first:
        facts.append(f"pages {_pages(a)}")
    if a.volume and a.volume == b.volume:
        facts.append(f"volume {a.volume}")
    if a.issue and a.issue == b.issue and len(a.issue) <= 3:
        facts.append(f"issue {a.issue}")
    if venue_agrees(a.venue, b.venue):
        facts.append("same venue")
    if shifted_locator(a, b):
        short, full = (a, b) if not a.volume else (b, a)
        facts.append(
            f"number {short.issue}, pages {short.page_first} read as "
            f"volume {full.volume}, number {full.issue}"
        )
    return len(facts), facts


def _year_reason(a: MatchKeys, b: MatchKeys) -> tuple[int | None, str]:
    if a.year is None or b.year is None:
        return None, "year missing"
    gap = abs(a.year - b.year)
    return gap, (f"year {a.year}" if gap == 0 else f"year Δ{gap}")


def title_similarity(a: str, b: str) -> float:
    """Ratio of folded titles; a title that is a whole prefix of the other (a lost subtitle)
    counts as 90 when the shared part is long enough to be specific."""
    score = ratio(a, b)
    if score < 90:
        short, long_ = (a, b) if len(a) <= len(b) else (b, a)
        if (
            len(short) >= 12
            and " " in short
            and (long_.startswith(short + " ") or long_.endswith(" " + short))
        ):
            # specific enough alone when long; a short main title needs corroboration
            contained = 90.0 if len(short) >= 30 and short.count(" ") >= 3 else 80.0
            return max(score, contained)
    return score


def compare(a: MatchKeys, b: MatchKeys, policy: Policy) -> Comparison:
    """Verdict, score (0..100) and reasons for one candidate pair."""
    shared = shared_identifier(a, b)
    both_titled = bool(a.title and b.title)
    ts = title_similarity(a.title, b.title) if both_titled else None
    if shared and ts is not None and ts < policy.id_title_min:
        return Comparison(REVIEW, ts, [shared, f"but titles differ (title {_fmt(ts)})"])
    why = conflict(a, b, shared)
    if why:
        if (
            ts is not None
            and not shared
            and reprinted_abstract(a, b, ts) == TWO_JOURNALS
            and _locator_conflict(a, b) == why
        ):
            return Comparison(
                REVIEW,
                ts,
                [
                    f"title {_fmt(ts)}",
                    f"same {len(a.surnames)} authors",
                    f"year {a.year}",
                    f"one meeting abstract in two journals? ({_where(a)} and {_where(b)})",
                ],
            )
        if _volume_typo(a, b, ts, why, policy):
            _, auth_reason = authors_agree(a, b)
            reasons = [
                f"title {_fmt(ts or 0)}",
                auth_reason,
                f"year {a.year}",
                f"pages {_pages(a)}",
            ]
            return Comparison(REVIEW, ts or 0.0, [*reasons, f"but {why}: a typo?"])
        return Comparison(DIFFERENT, 0.0, [why])
    gap, year_reason = _year_reason(a, b)
    auth, auth_reason = authors_agree(a, b)
    versions = _version_pair(a, b)
    if shared:
        reasons = [shared]
        if ts is not None:
            reasons.append(f"title {_fmt(ts)}")
        reasons += [auth_reason, year_reason]
        if auth == "conflict" and (ts is None or ts < policy.title_accept):
            return Comparison(REVIEW, ts or 50.0, [*reasons, "authors disagree"])
        score = max(ts if ts is not None else 95.0, 95.0)
        return _maybe_version(versions, score, reasons, policy)
    if ts is not None:
        c = _compare_titled(a, b, ts, gap, year_reason, auth, auth_reason, versions, policy)
        if c.verdict == MATCH and gap and a.tclass in _BOOKISH and b.tclass in _BOOKISH:
            # a book a year later is as often another printing or edition as a typo
            return Comparison(REVIEW, c.score, [*c.reasons, "books in different years"])
        return c
    return _compare_untitled(a, b, gap, year_reason, auth, auth_reason, policy)


def _maybe_version(versions: bool, score: float, reasons: list[str], policy: Policy) -> Comparison:
    if versions:
        reasons = [*reasons, "preprint vs published"]
        return Comparison(MATCH if policy.merge_versions else VERSION, score, reasons)
    return Comparison(MATCH, score, reasons)


def _compare_titled(
    a: MatchKeys,
    b: MatchKeys,
    ts: float,
    gap: int | None,
    year_reason: str,
    auth: str,
    auth_reason: str,
    versions: bool,
    policy: Policy,
) -> Comparison:
    if ts < policy.title_review:
        if (
            ts >= policy.title_translated
            and gap == 0
            and auth == "match"
            and _same_range(a, b)
            and _real_range(a)  # two notes by one author can share a page ("site reports")
        ):
            # a translated or reworded title at the same year, volume and page range
            reasons = [f"title {_fmt(ts)}", auth_reason, year_reason, "same volume and pages"]
            reasons[-1] = f"volume {a.volume}, pages {_pages(a)} agree"
            return Comparison(MATCH, ts, reasons)
        return Comparison(DIFFERENT, ts, [f"title {_fmt(ts)}"])
    n_facts, facts = _corroboration(a, b)
    reasons = [f"title {_fmt(ts)}", auth_reason, year_reason, *facts]
    if reprinted_abstract(a, b, ts) == SAME_SUPPLEMENT and _locator_conflict(a, b):
        reasons.append(f"one meeting abstract printed twice ({_where(a)} and {_where(b)})")
        # strict: without an identifier, a person confirms
        return Comparison(REVIEW if policy.strictness == "strict" else MATCH, ts, reasons)
    if auth == "conflict":
        if _issues_differ(a, b):
            # other people in another issue: a recurring column ("Chairman's report"), not a copy
            return Comparison(DIFFERENT, ts, [*reasons, f"issues {a.issue} vs {b.issue}"])
        if (
            ts >= policy.title_accept
            and gap == 0
            and _same_locator(a, b)
            and venue_agrees(a.venue, b.venue)
            and not _issues_differ(a, b)
        ):
            # a corporate author or swapped name parts; title and locator settle it
            return Comparison(MATCH, ts, [*reasons, "authors disagree; title and locator agree"])
        return Comparison(REVIEW if ts >= policy.title_accept else DIFFERENT, ts, reasons)
    # Short or generic titles ("Editorial", "Blue Sky Research" on every back cover) say
    # little: only the same pages make them one work.
    words = min(a.title.count(" "), b.title.count(" ")) + 1
    if words < 4 and not (a.page_first and a.page_first == b.page_first):
        if ts < policy.title_accept:
            # in a title of three words or fewer, a different word is a different title
            return Comparison(DIFFERENT, ts, [*reasons, "short titles differ"])
        return Comparison(REVIEW, ts, [*reasons, "short title, no pages to tell"])
    needed = policy.corroboration
    if versions:
        if ts >= policy.title_accept and auth == "match":
            return _maybe_version(True, ts, reasons, policy)
        return Comparison(REVIEW, ts, [*reasons, "preprint vs published"])
    if gap is None and a.year is None and b.year is None:
        n_facts -= 1  # two undated records: demand one more fact
    strong_title = ts >= policy.title_accept
    # Journal names differ only by abbreviation; conference names vary too much to tell.
    venue_conflict = (
        a.tclass == b.tclass == "article"
        and bool(a.venue and b.venue)
        and "same venue" not in facts
    )
    if auth in ("match", "partial") and gap == 0 and _same_locator(a, b) and not venue_conflict:
        # year, volume and first page locate one article; the title only has to be close
        return Comparison(MATCH, ts, reasons)
    if (
        auth == "match"
        and gap == 0
        and strong_title
        and not venue_conflict
        and (words >= 4 or n_facts >= needed - 1)
    ):
        return Comparison(MATCH, ts, reasons)
    if auth in ("match", "partial") and strong_title and n_facts >= needed:
        return Comparison(MATCH, ts, reasons)
    if auth == "match" and ts >= policy.title_corroborated and n_facts >= needed:
        return Comparison(MATCH, ts, reasons)
    if auth == "unknown" and strong_title and gap == 0 and n_facts >= needed:
        return Comparison(MATCH, ts, reasons)
    return Comparison(REVIEW, ts, reasons)


def _abstract_similarity(a: str, b: str) -> float | None:
    if len(a) < 50 or len(b) < 50:
        return None
    n = min(len(a), len(b), 1000)
    return Indel.normalized_similarity(a[:n], b[:n]) * 100


def _compare_untitled(
    a: MatchKeys,
    b: MatchKeys,
    gap: int | None,
    year_reason: str,
    auth: str,
    auth_reason: str,
    policy: Policy,
) -> Comparison:
    reasons = ["title missing", auth_reason, year_reason]
    if auth != "match" or a.surnames[0] != b.surnames[0]:
        return Comparison(DIFFERENT, 0.0, reasons)
    sim = _abstract_similarity(a.abstract, b.abstract)
    if sim is not None:
        reasons.append(f"abstract {_fmt(sim)}")
        if sim >= policy.abstract_accept and (gap is None or gap == 0):
            return Comparison(MATCH, sim, reasons)
        if sim >= policy.abstract_accept - 10:
            return Comparison(REVIEW, sim, reasons)
        return Comparison(DIFFERENT, sim, reasons)
    same_place = (
        gap == 0
        and a.volume
        and a.volume == b.volume
        and a.page_first
        and a.page_first == b.page_first
        and venue_agrees(a.venue, b.venue)
    )
    if same_place:
        reasons += [f"venue, volume {a.volume}, pages {_pages(a)} agree"]
        # strict: without a title or abstract, a person confirms
        return Comparison(REVIEW if policy.strictness == "strict" else MATCH, 90.0, reasons)
    if gap == 0 and venue_agrees(a.venue, b.venue):
        return Comparison(REVIEW, 70.0, [*reasons, "same venue, too little else to tell"])
    return Comparison(DIFFERENT, 0.0, reasons)
