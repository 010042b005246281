"""Author lists as pages print them: `A, B and C`, `Okafor, A., & Brenner, L.`, `MJ Okonkwo`,
`Ana Smith 1 2`, `Xiaodong Ding ◽ Dale Yuhao Zhong`, `Гнатюк Т.`, `J. Weißmüller, und A. Krüger`.

`parse_name_list` is also the test the segmenter uses to decide whether a piece
of text *is* an author list, so it refuses anything with digits, colons or
lower-case words that are not name particles.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..names import Name, name_from_text

PARTICLES = {
    "van", "von", "de", "der", "den", "des", "da", "das", "di", "del", "della", "du", "dos",
    "la", "le", "lo", "ten", "ter", "bin", "ibn", "al", "el", "y", "zu", "af", "av", "d'",
    "'t", "’t", "op",
}  # fmt: skip

_TRUNCATION = re.compile(
    r"(?:,?\s*(?:et\s+al\.?|and\s+others|u\.\s*a\.|та\s+ін\.?|и\s+др\.?)|\s*(?:\u2026|\.\.\.))\s*$"
)
_SPLIT = re.compile(
    r"\s*(?:[,;\u25fd\u25fe\u00b7\u2022|\u3001\uff0c\uff1b]\s*(?:(?:and|und|и|та|&|y|et|e|i|och|og)\s+)?"
    r"|\s+(?:and|und|и|та|&|y|och|og|et|e|i|ve|dan|en)\s+)"
)
_AFFIL = re.compile(
    r"(?:\s+\d{1,2}(?:\s*,\s*\d{1,2})*)+$|[\u00b9\u00b2\u00b3\u2070-\u2079*\u2020\u2021]+"
)
_WORD = re.compile(r"^[^\W\d_](?:[^\W\d_]|['’`\-\.])*$")
_INITIALS_DOTTED = re.compile(r"^(?:[^\W\d_][a-z]?\.\s?-?\s?){1,4}$")
_INITIALS_BARE = re.compile(r"^[A-Z\u0410-\u042f]{1,3}$")
_CAPITAL_PARTICLES = {"mac", "mc", "ó", "ní", "nic", "uí", "van", "von", "de", "da", "di", "du",
                      "del", "della", "le", "la", "ter", "ten", "bin", "ibn", "al", "el", "abu",
                      "ap", "dos", "das", "st.", "saint"}  # fmt: skip
_QUICK_SPLIT = re.compile(r"[,;\u25fd\u25fe\u00b7\u2022|&]")
_SUFFIX = re.compile(r"^(?:Jr\.?|Sr\.?|II|III|IV)$")
# Words that make a part of an author list an organisation, not a person ("Nordic Council for
# Invented Statistics", "Clarivate Analytics"): such a name is never inverted.
ORG_WORDS = re.compile(
    r"(?i)\b(?:council|institute|institut|group|consortium|association|society|committee|"
    r"organi[sz]ation|agency|team|collaboration|network|office|cent(?:re|er)|foundation|board|"
    r"commission|ministry|department|working party|initiative|project|analytics|inc|ltd|llc|"
    r"gmbh|corporation|corp|company|publishing|solutions|systems|technologies|laboratories|"
    r"laboratory|labs|university|universität|université|college|academy|bureau|trust|alliance|"
    r"federation|gruppe|verband|комитет|группа|інститут|институт|университет|університет)\b"
)
# Lower-case words that join the capitalised words of an organisation's name (`Working Group
# on …`, `Institut für …`, `Consortium of …`): no person's name holds them.
_ORG_JOINS = {
    "of", "for", "on", "and", "the", "in", "at", "to", "de", "des", "du", "la", "le", "für",
    "und", "der", "die", "zur", "zum", "del", "di", "per", "pour", "et", "voor", "dla", "по",
    "для", "з", "із",
}  # fmt: skip


def _org_name(part: str) -> bool:
    """`Working Group on Invented Archives`: capitalised words joined by lower-case joining
    words, with an organisation word among them. A person's name never has the joining words,
    so `is_name_like` refuses it; as a part of an author list it is a corporate author (the
    group authors of Vancouver, AMA and APA lists: `Study Group on X, Smith AB, Jones CD.`)."""
    words = part.split()
    if not 3 <= len(words) <= 10 or not ORG_WORDS.search(part):
        return False
    if not (words[0][:1].isupper() and words[-1][:1].isupper()):
        return False
    if not any(w in _ORG_JOINS for w in words):
        return False
    return all(w in _ORG_JOINS or (w[:1].isupper() and _WORD.match(w)) for w in words)


def lower_word(part: str) -> bool:
    """A word in lower case that neither joins an organisation's name nor is a name particle
    (`Compare the earlier account by Singer`): running text, which no author's name is, be it a
    person's or an organisation's (whose words are capitalised in every language with case)."""
    return any(
        w[:1].islower() and w not in _ORG_JOINS and w.lower() not in PARTICLES for w in part.split()
    )


_CJK_NAME = re.compile(
    r"^[\u3400-\u9fff\u3040-\u30ff\uf900-\ufaff]{2,8}(?: [\u3400-\u9fff\u3040-\u30ff\uf900-\ufaff]{1,6})?$"
)
# `Given Surname i Surname` ending a list part: the `i` of a Catalan double surname
_CATALAN = re.compile(
    r"((?:^|[,;]\s*)(?:[^\W\d_][\w.'’\-]*\s){1,3}[A-ZÀ-Þ][^\W\d_]+) i (?=[A-ZÀ-Þ][^\W\d_]+\s*(?:[,;]|$))"
)
_TRAILING_SUFFIX = re.compile(r"^(.+?\S)\s+(Jr\.?|Sr\.?|II|III|IV)$")
# Role marks catalogues print after a name ("Kahana, M. J. [VerfasserIn]", "[Author]"): an
# author's role, not part of the name (editors' marks are left: editors are no authors).
_ROLE = re.compile(
    r"\s*[\[(](?:verfasser(?:in)?|verfasserin|author|auteur|autor(?:in)?|aut|creator|"
    r"автор|作者|著者)[\])]",
    re.IGNORECASE,
)


_ELISION = re.compile(r"\s*[\u00b7,;]?\s*\[\s*(?:\.\.\.|\u2026)\s*\]\s*(?=[\u00b7,;])")
_LEADING_AND = re.compile(r"^(?:and|und|и|та|&)\s+")
_LEADING_AND_FIRST = set("auит&")  # (each pattern below runs only when its first mark is there)
_AFFIL_HINT = re.compile(r"[\d\u00b9\u00b2\u00b3\u2070-\u2079*\u2020\u2021]")
_TRUNCATION_HINT = re.compile(r"al\.?\s*$|others\s*$|a\.\s*$|ін\.?\s*$|др\.?\s*$|\u2026|\.\.\.")
_INITIAL_END = re.compile(r"(?:^|[\s.\-])(?:[^\W\d_]|Jr|Sr)\.$")


def clean_name(text: str, affiliations: bool = False) -> str:
    """One list part without footnote marks, joining words and stray punctuation."""
    if affiliations and _AFFIL_HINT.search(text):
        text = _AFFIL.sub("", text.strip())
    if text.lstrip()[:1] in _LEADING_AND_FIRST:
        text = _LEADING_AND.sub("", text.strip())
    text = " ".join(text.split()).strip(" ,;\u2026")
    if text.endswith(".") and not _INITIAL_END.search(text):
        text = text[:-1]
    return text


def is_initials(text: str) -> bool:
    text = text.strip()
    return bool(_INITIALS_DOTTED.match(text) or _INITIALS_BARE.match(text))


def is_name_like(text: str) -> bool:
    """A person's name in any common order: capitalised words, initials, particles."""
    words = text.split()
    if not 1 <= len(words) <= 5:
        return False
    capitals = 0
    for w in words:
        if w.lower() in PARTICLES or w == "i":  # (`i`: a Catalan double surname's joint)
            continue
        if not _WORD.match(w) or not w[0].isupper():
            return False
        capitals += 1
    return capitals >= 1


@lru_cache(maxsize=8192)
def name_from_scraped(text: str) -> Name:
    """One name; adds the orders `name_from_text` does not know (`MJ Okonkwo`, `Гнатюк Т. І.`).

    (Remembered: `Name` is frozen, and the same name is read again and again: the author-list
    test runs on ever longer heads of one citation, and a page repeats its authors.)"""
    words = text.split()
    if len(words) >= 2 and "," not in text:
        # Initials first without dots (Google Scholar): "MJ Okonkwo", "T Hallberg".
        if _INITIALS_BARE.match(words[0]) and not all(w.isupper() for w in words[1:]):
            first = " ".join(f"{c}." for c in words[0])
            return Name(first=first, last=" ".join(words[1:]))
        # Surname then initials: "Гнатюк Т.", "Запорожець О. П.", "van Dijk R."
        k = len(words)
        while k > 1 and is_initials(words[k - 1]):
            k -= 1
        if 0 < k < len(words) and not is_initials(words[0]) and not all(w.isupper() for w in words):
            initials = " ".join(w if "." in w else " ".join(f"{c}." for c in w) for w in words[k:])
            return Name(first=initials, last=" ".join(words[:k]))
        if len(words) >= 4 and words[-2] == "i":
            # a Catalan double surname: "Anna Fontcuberta i Morral"
            return Name(first=" ".join(words[:-3]), last=" ".join(words[-3:]))
        # Lower-case particles inside start the surname: "B. M. 't Hart", "Ruud van 't Hof".
        for k in range(1, len(words) - 1):
            if words[k] in PARTICLES:
                j = k
                while j < len(words) - 1 and words[j] in PARTICLES:
                    j += 1
                return Name(
                    first=" ".join(words[:k]), von=" ".join(words[k:j]), last=" ".join(words[j:])
                )
        # A capitalised particle inside starts the surname: "Seán Mac Giolla Phádraig".
        for k in range(1, len(words) - 1):
            if words[k].lower() in _CAPITAL_PARTICLES and words[k][0].isupper():
                return Name(first=" ".join(words[:k]), last=" ".join(words[k:]))
    return name_from_text(text)


def _inverted(last: str, first: str) -> Name:
    return name_from_text(f"{last}, {first}")


_CAPS_INITIALS = re.compile(r"^[A-Z]{1,3}$")


def _semicolon_inverted(text: str, affiliations: bool) -> list[Name] | None:
    """`Yakimov, E. B.; Ro Lee, Cheul; Gorji Ghalamestani, Sepideh`: semicolons part the names
    and one comma inverts each, so everything before a part's comma is its surname, one word or
    several (double surnames, `Van der Berg`), which the comma-by-comma reading would cut. None
    when a part is not `Surname, Given` (the general reading then decides)."""
    pieces = [clean_name(p, affiliations) for p in text.split(";")]
    pieces = [p for p in pieces if p]
    if len(pieces) < 2:
        return None
    names: list[Name] = []
    for piece in pieces:
        last, comma, first = piece.partition(",")
        last, first = last.strip(), first.strip()
        if not comma or "," in first or not last or not first:
            return None
        if not is_name_like(last) or is_initials(last) or len(last.split()) > 4:
            return None
        if not (is_initials(first) or is_name_like(first)) or ORG_WORDS.search(last):
            return None
        names.append(_inverted(last, first))
    return names


def parse_name_list(
    text: str, affiliations: bool = False, corporate: bool = False
) -> list[Name] | None:
    """Names in order, or None when the text is not an author list.

    `affiliations` drops footnote digits after names (PubMed, journal pages);
    `corporate` accepts a part that is not a person as one corporate author
    (only where a label says the text is an author list).
    """
    if not text or len(text) > 2000:
        return None
    if not corporate and any(len(p.split()) > 10 for p in _QUICK_SPLIT.split(text)):
        return None  # prose, not names: a cheap test first, paragraphs are tried too
    text = " ".join(text.split())
    if "[" in text or "(" in text:
        text = _ROLE.sub("", text)
        # `A. Smith · B. Jones · [...] · Z. Last`: a list cut in the middle, its last name kept
        text = _ELISION.sub(" ", text)
    if _TRUNCATION_HINT.search(text):
        text = _TRUNCATION.sub("", text)
    if ";" in text:
        inverted = _semicolon_inverted(text, affiliations)
        if inverted:
            return inverted
    if " i " in text:
        # a Catalan double surname (`Anna Fontcuberta i Morral`): its `i` joins, it lists nothing
        text = _CATALAN.sub("\\1\ue000i\ue000", text)
    raw = [p.replace("\ue000", " ") for p in _SPLIT.split(text)]
    if not corporate and any(len(p.split()) > (8 if affiliations else 6) for p in raw):
        return None  # prose, not names (cheap test first: paragraphs are tried too)
    parts = [clean_name(p, affiliations) for p in raw]
    parts = [p for p in parts if p]
    if not parts:
        return None
    names: list[Name] = []
    orgs = 0  # corporate authors found by their shape alone (`_org_name`)
    i = 0
    while i < len(parts):
        part = parts[i]
        nxt = parts[i + 1] if i + 1 < len(parts) else None
        if _SUFFIX.match(part) and names:
            n = names[-1]
            names[-1] = Name(first=n.first, von=n.von, last=n.last, jr=part)
            i += 1
            continue
        m = _TRAILING_SUFFIX.match(part)
        if m and is_name_like(m.group(1)) and not is_initials(m.group(1)):
            # "Michael Moewe Jr.": the suffix is no part of the surname
            n = name_from_scraped(m.group(1))
            names.append(Name(first=n.first, von=n.von, last=n.last, jr=m.group(2)))
            i += 1
            continue
        if (
            nxt is not None
            and _SUFFIX.match(nxt)
            and i + 2 < len(parts)
            and is_name_like(part)
            and is_name_like(parts[i + 2])
            and not is_initials(part)
        ):
            # "Moewe, Jr., M.": a name written inverted with its suffix in the middle
            names.append(name_from_text(f"{part}, {nxt}, {parts[i + 2]}"))
            i += 3
            continue
        if corporate and _CJK_NAME.match(part):
            # a Chinese or Japanese name under an author label: family name first, no case to
            # tell the parts by; `山田 太郎` has a space between them, `王小明` is kept whole
            family, _, given = part.partition(" ")
            names.append(Name(first=given, last=family))
            i += 1
            continue
        if not is_name_like(part):
            if corporate and len(part.split()) >= 2 and not re.search(r"\d|\.\s", part):
                names.append(Name(last="{" + part + "}"))
                i += 1
                continue
            if _org_name(part):
                names.append(Name(last="{" + part + "}"))
                orgs += 1
                i += 1
                continue
            return None
        if nxt is not None and is_name_like(nxt):
            # (a capital letter or two, `Y Kang`, `AL Bavencove`, are initials, never the
            # particles `y` or `al`: Scholar prints names initials first)
            last_words = [
                w for w in part.split() if w.lower() not in PARTICLES or _CAPS_INITIALS.match(w)
            ]
            # "Okafor, A." / "Okafor, Amara" / "Vasquez-Holm, Ingrid": one name written inverted.
            if (is_initials(nxt) and not is_initials(part)) or (
                len(last_words) == 1 and len(nxt.split()) <= 3 and not is_initials(part)
            ):
                if i + 2 < len(parts) and _SUFFIX.match(parts[i + 2]):
                    names.append(name_from_text(f"{part}, {parts[i + 2]}, {nxt}"))
                    i += 3
                    continue
                names.append(_inverted(part, nxt))
                i += 2
                continue
        if is_initials(part):
            return None
        if ORG_WORDS.search(part) and len(part.split()) >= 2:
            names.append(Name(last="{" + part + "}"))  # an organisation: never inverted
            i += 1
            continue
        names.append(name_from_scraped(part))
        i += 1
    if orgs and len(names) == orgs:
        # organisations alone, without a label: as likely a title (`The Society of Mind`)
        return None
    return names or None
