"""Person names: BibTeX's von/last/first/jr rules, free-text names from scrapes, formatting.

BibTeX names are split the way BibTeX itself does it (brace-aware, case of the
first letter decides the von part) so that `{World Health Organization}` stays
one corporate name and `van der Berg, Jan` keeps its particle. Free-text names
("JEAN-PIERRE CABESTAN", "Daithí Mac Síthigh", "Smith JA") come from scraped
pages and tagged exports and need different heuristics.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Capitalised surname particles that in "First Particle Last" order belong to the surname.
_SURNAME_PARTICLES = {
    "mac",
    "van",
    "von",
    "de",
    "da",
    "das",
    "di",
    "del",
    "della",
    "der",
    "den",
    "des",
    "du",
    "dos",
    "la",
    "le",
    "lo",
    "ten",
    "ter",
    "al",
    "el",
    "bin",
    "ibn",
    "st.",
    "ap",
    "ó",
    "o'",
}


@dataclass(frozen=True, slots=True)
class Name:
    """A person (or a corporate body, braced as one last name)."""

    first: str = ""
    von: str = ""
    last: str = ""
    jr: str = ""

    def bibtex(self) -> str:
        """`von Last, Jr, First`: the form that needs no guessing when read back."""
        last = f"{self.von} {self.last}".strip()
        if self.jr:
            return f"{last}, {self.jr}, {self.first}"
        if self.first:
            return f"{last}, {self.first}"
        return last

    @property
    def initials(self) -> str:
        """Upper-case initials of the given names ("Jean-Pierre Luc" -> "JPL")."""
        parts = re.split(r"[\s.\-~]+", strip_braces(self.first))
        return "".join(p[0].upper() for p in parts if p and p[0].isalpha())

    @property
    def is_others(self) -> bool:
        return self.last.lower() == "others" and not self.first


def strip_braces(text: str) -> str:
    return text.replace("{", "").replace("}", "")


# ---------------------------------------------------------------- BibTeX names


def split_top_level(text: str, separator: re.Pattern[str]) -> list[str]:
    """Split on a regex match that lies at brace depth 0."""
    if "{" not in text:  # the common case, at C speed
        return separator.split(text)
    parts: list[str] = []
    depth = 0
    start = 0
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth = max(0, depth - 1)
        elif depth == 0:
            m = separator.match(text, i)
            if m and m.end() > i:
                parts.append(text[start:i])
                start = i = m.end()
                continue
        i += 1
    parts.append(text[start:])
    return parts


_AND = re.compile(r"\s+and\s+", re.IGNORECASE)
_COMMA = re.compile(r",")
_SPACE = re.compile(r"(?<!\\)[\s~]+")  # "\~a" is an accent, not a tie


def _token_case(token: str) -> str:
    """'l' for a lower-case (von) token, 'u' for upper, '' when caseless.

    Like BibTeX: the first letter at brace depth 0 decides; a brace group that
    starts with a control sequence (`{\\'e}`) counts by the letter it holds,
    any other brace group is caseless.
    """
    depth = 0
    i = 0
    while i < len(token):
        ch = token[i]
        if ch == "{":
            if depth == 0 and token.startswith("{\\", i):
                m = re.match(r"\{\\[a-zA-Z]+\s*\{?([a-zA-Z])|\{\\.\{?([a-zA-Z])", token[i:])
                if m:
                    letter = m.group(1) or m.group(2)
                    return "l" if letter.islower() else "u"
            depth += 1
        elif ch == "}":
            depth -= 1
        elif depth == 0 and ch.isalpha():
            return "l" if ch.islower() else "u"
        i += 1
    return ""


def parse_bibtex_name(text: str) -> Name:
    # A control space ("L.\\ Thiele") only sets spacing; as a name separator it must be plain,
    # or the part before it would end in a backslash that escapes the closing brace.
    text = text.replace("\\ ", " ").strip().strip(",").strip()
    parts = [p.strip() for p in split_top_level(text, _COMMA)]
    if len(parts) == 1:
        tokens = [t for t in split_top_level(parts[0], _SPACE) if t]
        if not tokens:
            return Name()
        if len(tokens) == 1:
            return Name(last=tokens[0])
        # First von Last: von runs from the first to the last lower-case token
        # that is not the final token.
        lower = [i for i, t in enumerate(tokens[:-1]) if _token_case(t) == "l"]
        if lower:
            start, end = lower[0], lower[-1]
            return Name(
                first=" ".join(tokens[:start]),
                von=" ".join(tokens[start : end + 1]),
                last=" ".join(tokens[end + 1 :]),
            )
        return Name(first=" ".join(tokens[:-1]), last=tokens[-1])
    von_last, rest = parts[0], parts[1:]
    jr = rest[0] if len(rest) >= 2 else ""
    first = rest[-1] if len(rest) >= 2 else rest[0]
    if len(rest) > 2:  # "Last, Jr, First, extra": keep everything
        first = ", ".join(rest[1:])
    tokens = [t for t in split_top_level(von_last, _SPACE) if t]
    von_tokens: list[str] = []
    while len(tokens) > 1 and _token_case(tokens[0]) == "l":
        von_tokens.append(tokens.pop(0))
    # von may also continue after a capitalised token: "de la Fontaine" handled above;
    # "Van der Berg" keeps "Van" in last, matching BibTeX.
    return Name(first=first, von=" ".join(von_tokens), last=" ".join(tokens), jr=jr)


def parse_bibtex_names(value: str) -> list[Name]:
    """Split an `author`/`editor` field into names."""
    value = value.strip()
    if not value:
        return []
    return [parse_bibtex_name(part) for part in split_top_level(value, _AND) if part.strip()]


def format_names(names: list[Name]) -> str:
    return " and ".join(n.bibtex() for n in names)


# ---------------------------------------------------------------- free-text names

_INITIALS_ONLY = re.compile(r"^(?:[A-Z]\.?-?){1,4}$")


def _recase_word(word: str) -> str:
    """'JEAN-PIERRE' -> 'Jean-Pierre', "O'NEIL" -> "O'Neil"; mixed case is left alone."""
    letters = [c for c in word if c.isalpha()]
    if len(letters) < 2 or not all(c.isupper() for c in letters):
        return word
    return re.sub(r"[^\W\d_]+", lambda m: m.group(0).capitalize(), word)


def _format_initials(token: str) -> str:
    """'JA' -> 'J. A.', 'J.-P.' stays."""
    if "." in token:
        return token
    return " ".join(f"{c}." for c in token)


def name_from_text(text: str) -> Name:
    """Parse a person's name as printed on a page or in a tagged export.

    Accepts "Last, First", "First Middle Last", "Last FM" (PubMed style initials
    after the surname), ALL CAPS, and capitalised surname particles
    ("Daithí Mac Síthigh" -> last "Mac Síthigh").
    """
    text = re.sub(r"\s+", " ", text).strip().strip(",;").strip()
    if not text:
        return Name()
    if text.startswith("{") and text.endswith("}"):
        return Name(last=text)
    if "," in text:
        last, _, first = text.partition(",")
        jr = ""
        if "," in first:
            jr, _, first = first.partition(",")
            jr, first = jr.strip(), first.strip()
            if re.fullmatch(r"(?i)jr\.?|sr\.?|[ivx]+", first):
                jr, first = first, jr
        last_words = [_recase_word(w) for w in last.split()]
        first_words = [_recase_word(w) for w in first.split()]
        return Name(first=" ".join(first_words), last=" ".join(last_words), jr=jr)
    words = text.split(" ")
    if len(words) == 1:
        return Name(last=_recase_word(words[0]))
    # "Smith JA" / "van der Berg J": trailing initials without dots, surname first.
    if (
        len(words) >= 2
        and re.fullmatch(r"[A-Z]{1,3}", words[-1])
        and not all(w.isupper() for w in words)
    ):
        return Name(first=_format_initials(words[-1]), last=" ".join(words[:-1]))
    words = [_recase_word(w) for w in words]
    jr = ""
    if re.fullmatch(r"(?i)jr\.?|sr\.?|ii|iii|iv", words[-1]) and len(words) > 2:
        jr = words.pop()
    last_start = len(words) - 1
    while last_start > 1 and words[last_start - 1].lower() in _SURNAME_PARTICLES:
        last_start -= 1
    # lower-case particles ("Ludwig van Beethoven") go into von, BibTeX style
    von: list[str] = []
    last_words = words[last_start:]
    first_words = words[:last_start]
    while first_words and first_words[-1][:1].islower() and len(first_words) > 1:
        von.insert(0, first_words.pop())
    return Name(first=" ".join(first_words), von=" ".join(von), last=" ".join(last_words), jr=jr)
