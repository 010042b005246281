"""Title words that make another work: a word of one title that, in the other, is its opposite
or its meaning turned by a prefix (`linear` / `nonlinear`, `upper` / `lower`, `in vitro` /
`in vivo`), another species, another country, another Greek letter.

Sources copying one title change letters (typos, spacing, case, abbreviations), never a word
into its opposite or another place; one team's sibling papers in one journal and year differ in
exactly such a word, and the title similarity alone reads them as one title. The word lists are
closed and conservative (docs/matching.md, "Never the same work", with the evidence for each).
`dedupe.compare.conflict` asks these two questions of every pair whose titles differ.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from functools import lru_cache
from typing import NamedTuple

from rapidfuzz.fuzz import ratio

# Prefixes that turn a word into another, most often its opposite (`linear` / `nonlinear`,
# `supervised` / `unsupervised`, `invasive` / `noninvasive`, `male` / `female`, `men` /
# `women`): a title with the prefixed word is another work's. Written glued or hyphenated
# ("non-linear" folds to "non linear"), so a prefix standing alone before a word counts as
# glued to it; those that are English words themselves ("in", "over") only count glued.
# Not the one-letter `a-` (`symmetric` / `asymmetric`): one letter is what a typo drops
# (`aragegivi` / `ragegivi` in bench/scale.py's damaged copies).
_PREFIXES = frozenset(
    "non un in im il ir dis anti de counter semi multi sub super over under inter intra"
    " extra hyper hypo mis mono poly fe wo".split()
)
_PREFIX_WORDS = frozenset("non un anti semi multi counter dis hyper hypo intra inter".split())
_PREFIX_STEM = 4  # the unprefixed word has at least this many letters ("men" is the one
_SHORT_STEMS = frozenset({"men"})  # short stem of the list: women / men)


@lru_cache(maxsize=65536)  # a title is compared with many others
def _prefix_view(title: str) -> tuple[list[str], frozenset[str], str]:
    """(words, words with a standing prefix glued, the title without spaces)."""
    words = title.split()
    return words, frozenset(_prefixed_words(words)), "".join(words)


def glued(words: list[str], glue: Callable[[str, str], bool]) -> list[str]:
    """The words, each neighbouring pair for which `glue(first, second)` holds written as
    one word (left to right; a glued word is not glued again)."""
    out: list[str] = []
    i = 0
    while i < len(words):
        if i + 1 < len(words) and glue(words[i], words[i + 1]):
            out.append(words[i] + words[i + 1])
            i += 2
        else:
            out.append(words[i])
            i += 1
    return out


def _prefixed_words(words: list[str]) -> set[str]:
    """The title's words, a standing prefix glued to the next word ("non linear")."""
    return set(glued(words, lambda first, _second: first in _PREFIX_WORDS))


def _typed_apart(prefix: str, word: str, other: list[str]) -> bool:
    """The other title has the prefix before the word, mistyped ("mutli resolution")."""
    return any(
        y == word and x != prefix and ratio(x, prefix) >= 75 for x, y in itertools.pairwise(other)
    )


def prefixed_word(a: str, b: str) -> str:
    """'linear vs nonlinear' when one folded title holds a word that is a word of the other
    with a meaning-changing prefix added, and not that prefixed word itself; '' otherwise.

    Sources do not add or drop such prefixes when they copy a title (none of the labelled
    sets' duplicates differ so); a team's two papers often do (`Linear stability of …` and
    `Nonlinear stability of …`, `Supervised …` and `Unsupervised …`), and one prefix
    changes the title by only a few letters, so the title similarity alone reads them as
    one title."""
    if a == b:
        return ""
    la, sa, fa = _prefix_view(a)
    lb, sb, fb = _prefix_view(b)
    for mine, theirs, other, flat in ((sa, sb, lb, fb), (sb, sa, la, fa)):
        for w in mine - theirs:
            if w in flat:
                continue  # the other title holds it spaced otherwise ("sub group", "a survey")
            for cut in range(1, min(len(w) - 2, 8)):
                p, v = w[:cut], w[cut:]
                if (
                    p in _PREFIXES
                    and v in theirs
                    and v not in mine
                    and (len(v) >= _PREFIX_STEM or v in _SHORT_STEMS)
                    and not _typed_apart(p, v, other)
                ):
                    return f"{v} vs {w}" if mine is sb else f"{w} vs {v}"
    return ""


# Opposites (`upper` / `lower`, `acute` / `chronic`, `in vitro` / `in vivo`): one team's
# sibling works often differ by one word and its opposite, and a source copying a title does
# not put a word's opposite in its place (a typo changes letters, not meaning), but the
# title similarity forgives one short word (95-99 at five words or more). Forms listed as
# titles fold them (lower case, hyphens to spaces: `short-term` holds `short`).
_OPPOSITE_PAIRS = (
    "upper lower|positive negative|positively negatively|before after|left right"
    "|north south|east west|northern southern|eastern western|northeast southwest"
    "|acute chronic|acutely chronically|benign malignant|primary secondary|early late"
    "|earlier later|short long|shorter longer|vitro vivo|high low|higher lower"
    "|highest lowest|inner outer|anterior posterior|proximal distal|hot cold|warm cold"
    "|dry wet|summer winter|spring autumn|static dynamic|sufficient necessary"
    "|ascending descending|major minor|first last|input output|inputs outputs"
    "|horizontal vertical|forward backward|strong weak|fast slow|small large"
    "|rural urban|public private|qualitative quantitative|absolute relative"
    "|active passive|local global|dominant recessive|convex concave"
    "|deterministic stochastic|aerobic anaerobic|agonist antagonist|agonists antagonists"
    "|activation inhibition|gain loss|gains losses|open closed|supine prone"
    "|maternal paternal|ipsilateral contralateral|systolic diastolic|arterial venous"
    "|oral intravenous"
)


def _both_ways(pairs: str) -> dict[str, frozenset[str]]:
    """'a b|c d' -> each word and the words it is paired with, read either way."""
    out: dict[str, frozenset[str]] = {}
    for pair in pairs.split("|"):
        x, y = pair.split()
        out[x] = out.get(x, frozenset()) | {y}
        out[y] = out.get(y, frozenset()) | {x}
    return out


_OPPOSITE = _both_ways(_OPPOSITE_PAIRS)
# Greek letters name alternatives, each against every other: the subunits, isoforms,
# chains and receptors of one family (`TGF-α` / `TGF-β`, `α-` / `β-synuclein`, `κ` / `λ`
# light chains, `IFN-γ`, `ER-α` / `ER-β`); the symbol and its name are one letter.
_GREEK = dict(
    zip(
        "α β γ δ ε ζ θ κ λ σ ω".split(),
        "alpha beta gamma delta epsilon zeta theta kappa lambda sigma omega".split(),
        strict=True,
    )
)
for _x in _GREEK.values():
    _OPPOSITE[_x] = frozenset(_GREEK.values()) - {_x}
# The species a study was done in (`… in mice` / `… in rats`, `human` / `murine` cells, `dogs`
# / `cats`): one team repeats a study in another species, and a source does not put one
# animal for another. Words of one species are one class (`mouse`, `mice`, `murine`).
_SPECIES_WORDS = (
    "mouse mice murine|rat rats|human humans|pig pigs porcine swine piglets|dog dogs canine"
    "|cat cats feline|cattle bovine cow cows calves|sheep ovine|goat goats caprine"
    "|horse horses equine|chicken chickens|rabbit rabbits|hamster hamsters"
    "|monkey monkeys macaque macaques|zebrafish|drosophila|yeast|arabidopsis"
)
_SPECIES = {w: cls.split()[0] for cls in _SPECIES_WORDS.split("|") for w in cls.split()}
# The country a study was done in (`… in Austria` / `… in Australia`, `Iran` / `Iraq`,
# `Sweden` / `Swaziland`: names a letter or two apart, so the similarity forgives them).
# Countries named in one word; Britain's names are one class (`UK`, `England`, `Scotland`,
# `Britain`: sources name one study's place either way; not `Wales`, also in `New South
# Wales`); names that are common words, people's names or US states (`Chad`, `Jordan`,
# `Turkey`, `Georgia`) and countries of two words (`South Africa`, `Korea`) are left out.
_COUNTRY_WORDS = (
    "afghanistan albania algeria andorra angola argentina armenia australia austria"
    " azerbaijan bahamas bahrain bangladesh barbados belarus belgium belize benin bhutan"
    " bolivia botswana brazil brunei bulgaria burundi cambodia cameroon canada chile china"
    " colombia comoros croatia cuba cyprus denmark djibouti ecuador egypt eritrea estonia"
    " eswatini swaziland ethiopia fiji finland france gabon gambia germany ghana greece"
    " grenada guatemala guinea guyana haiti honduras hungary iceland india indonesia iran"
    " iraq ireland israel italy jamaica japan kazakhstan kenya kiribati kosovo kuwait"
    " kyrgyzstan laos latvia lebanon lesotho liberia libya liechtenstein lithuania"
    " luxembourg madagascar malawi malaysia maldives mali malta mauritania mauritius mexico"
    " micronesia moldova monaco mongolia montenegro morocco mozambique myanmar namibia nauru"
    " nepal netherlands nicaragua niger nigeria norway oman pakistan palau panama paraguay"
    " peru philippines poland portugal qatar romania russia rwanda samoa senegal serbia"
    " seychelles singapore slovakia slovenia somalia spain sudan suriname sweden"
    " switzerland syria taiwan tajikistan tanzania thailand togo tonga tunisia"
    " turkmenistan tuvalu uganda ukraine uruguay uzbekistan vanuatu venezuela vietnam yemen"
    " zambia zimbabwe"
)
_COUNTRY = {w: w for w in _COUNTRY_WORDS.split()}
_COUNTRY.update({w: "uk" for w in "uk britain england scotland".split()})
_COUNTRY["swaziland"] = "eswatini"  # the same country renamed (2018)
# Prefixes whose swap turns a word into its opposite, the stem kept (`hyperthyroidism` /
# `hypothyroidism`, `preoperative` / `postoperative`, `increase` / `decrease`, `maximum` /
# `minimum`, `online` / `offline`, `intracellular` / `intercellular`, `upregulation` /
# `downregulation`, `internal` / `external`, `homozygous` / `heterozygous`).
_SWAPS = (
    "hyper hypo|pre post|ante post|over under|sub super|infra supra|intra inter|intra extra"
    "|endo exo|homo hetero|uni multi|micro macro|in ex|im ex|in out|in de|up down|on off"
    "|max min|inflow outflow"
)
_SWAP = _both_ways(_SWAPS)
_SWAP_STEM = 4  # letters the shared stem keeps (`in`/`out` + `put` is listed as words)
# a swap prefix written standing (`pre-operative` folds to `pre operative`); short ones that
# are English words themselves ("in", "on", "up", "over") count only glued
_SWAP_STANDING = frozenset("hyper hypo pre post intra inter extra infra supra endo exo homo"
                           " hetero uni multi micro macro".split())  # fmt: skip


class _Terms(NamedTuple):
    """What `opposite_word` reads of one folded title, worked out once per title."""

    words: frozenset[str]  # Greek symbols as names, a standing swap prefix glued to the next
    standing: frozenset[str]  # standing swap prefixes (`intra- and interobserver` holds both)
    opposites: tuple[str, ...]  # its words that have a listed opposite
    swaps: tuple[tuple[str, str, str], ...]  # (word, swap prefix, stem of 4+ letters)
    species: frozenset[str]
    countries: frozenset[str]


@lru_cache(maxsize=65536)  # a title is compared with many others
def _title_terms(title: str) -> _Terms:
    out: set[str] = set()
    standing: set[str] = set()
    words = title.split()
    for i, w in enumerate(words):
        w = _GREEK.get(w, w)
        out.add(w)
        if w in _SWAP_STANDING:
            standing.add(w)
            if i + 1 < len(words):
                out.add(w + words[i + 1])
    swaps = tuple(
        (w, w[:cut], w[cut:])
        for w in out
        for cut in range(2, min(len(w) - _SWAP_STEM, 6) + 1)
        if w[:cut] in _SWAP
    )
    return _Terms(
        frozenset(out),
        frozenset(standing),
        tuple(w for w in out if w in _OPPOSITE),
        swaps,
        frozenset(_SPECIES[w] for w in out if w in _SPECIES),
        frozenset(_COUNTRY[w] for w in out if w in _COUNTRY),
    )


def opposite_word(a: str, b: str) -> str:
    """'upper vs lower' when one folded title holds a word whose opposite (listed, or the
    same stem under the opposite prefix) the other holds, neither holding both, or each
    names a species or a country the other does not; '' otherwise.

    A team's sibling works differ so (`Upper bounds for …` / `Lower bounds for …`, `… in
    vitro` / `… in vivo`, `… acute …` / `… chronic …`, `Preoperative …` / `Postoperative
    …`, `… in mice` / `… in rats`, `… in Austria` / `… in Australia`), and sources copying
    one title never swap a word for its opposite, its animal or its country; the title
    similarity, reading letters, forgives one short word."""
    if a == b:
        return ""
    ta, tb = _title_terms(a), _title_terms(b)
    for ca, cb in ((ta.species, tb.species), (ta.countries, tb.countries)):
        if ca - cb and cb - ca:  # each names a species (a country) the other does not
            return f"{min(ca - cb)} vs {min(cb - ca)}"
    sa, sb = ta.words, tb.words
    for w in ta.opposites:
        if w not in sb:
            for v in _OPPOSITE[w]:
                if v in sb and v not in sa:
                    return f"{w} vs {v}"
    for w, p, stem in ta.swaps:
        if w not in sb:
            for q in _SWAP[p]:
                v = q + stem
                if v in sb and v not in sa and q not in ta.standing and p not in tb.standing:
                    return f"{w} vs {v}"
    return ""
