"""Person names: BibTeX's von/last/first/jr rules, free-text names from scrapes, formatting.

BibTeX names are split the way BibTeX itself does it (brace-aware, case of the
first letter decides the von part) so that `{World Health Organization}` stays
one corporate name and `van der Berg, Jan` keeps its particle. Free-text names
("JEAN-PIERRE CABESTAN", "Daithí Mac Síthigh", "Smith JA") come from scraped
pages and tagged exports and need different heuristics.

biblatex's extended name format (`family=Flummox, given=Fred`, biblatex manual section
3.4 "Name lists"; biber's `parsename_x`) is read here too, so that every later stage
(matching, keys, `check`, merge, the writers) sees the person's parts and never a person
called "given=Fred"; name-list options written as a list's first item
(`uniquelist=false and ...`) are options, not people. docs/names.md says how each is read
and written back.
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
    """A person (or a corporate body, braced as one last name).

    `extended`: the source wrote the name in biblatex's extended format, and `options`
    holds that form's other keys in source order (`useprefix=true`, `given-i=J`, `id=...`,
    also keys biber does not know), so a biblatex output writes it back whole. An extended
    Name without parts is biber's XDATA reference (`xdata=key-author`), a place holder.
    """

    first: str = ""
    von: str = ""
    last: str = ""
    jr: str = ""
    options: tuple[tuple[str, str], ...] = ()
    extended: bool = False

    def bibtex(self) -> str:
        """`von Last, Jr, First`: the form that needs no guessing when read back."""
        last = f"{self.von} {self.last}".strip()
        if self.jr:
            return f"{last}, {self.jr}, {self.first}"
        if self.first:
            return f"{last}, {self.first}"
        return last

    def biblatex(self) -> str:
        """The extended form, `family=..., given=..., prefix=..., suffix=...` and the options.

        The surname comes first as in `bibtex()`; a value that a comma, an `=`, an `and`
        or outer white space would cut is braced (the manual's way to protect it)."""
        pairs = [
            (key, getattr(self, attr)) for key, attr in _PART_ATTRS if getattr(self, attr)
        ] + list(self.options)
        return ", ".join(
            f"{key}={_protect_value(value)}" if key else _protect_value(value)
            for key, value in pairs
        )

    def classic(self) -> str:
        """`bibtex()` with the parts braced that BibTeX's own rules would split otherwise.

        A part from the extended format may hold what the classic form cannot say plainly
        (a family name of several words, a comma in a given name): braced, BibTeX reads it
        as one token, as biber read the extended value."""
        if not self.extended:
            return self.bibtex()
        if not (self.first or self.von or self.last or self.jr):
            return self.biblatex()  # an XDATA reference: no parts to say otherwise, kept as is
        first, von, last, jr = _with_surname(self)
        words = split_top_level(last, _SPACE)
        if not _outer_braced(last) and (len(words) > 1 or _needs_braces(last)):
            last = "{" + last + "}"
        first, jr = (
            "{" + part + "}"
            if not _outer_braced(part) and (_needs_braces(part) or "," in part)
            else part
            for part in (first, jr)
        )
        if von and (
            _needs_braces(von)
            or "," in von
            or any(_token_case(t) != "l" for t in split_top_level(von, _SPACE) if t)
        ):
            last = "{" + f"{von} {last}" + "}"  # a prefix BibTeX would misread joins the surname
            von = ""
        if jr and not first:
            first = "{}"  # `Last, Jr, {}`: with the given name left out, the two commas stay
        return Name(first, von, last, jr).bibtex()

    @property
    def initials(self) -> str:
        """Upper-case initials of the given names ("Jean-Pierre Luc" -> "JPL")."""
        parts = _INITIAL_BREAK.split(strip_braces(self.first))
        return "".join(p[0].upper() for p in parts if p and p[0].isalpha())

    @property
    def is_others(self) -> bool:
        return self.last.lower() == "others" and not self.first


# What separates given names for their initials (compiled once: merging asks for the
# initials of every person it compares).
_INITIAL_BREAK = re.compile(r"[\s.\-~]+")


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


# ---------------------------------------------------------------- biblatex's extended format

# Name parts (biblatex's default data model, `\DeclareDatamodelConstant[type=list]{nameparts}`)
# and the Name attribute each one fills; `<part>-i` gives the part's initials.
_PART_ATTRS = (("family", "last"), ("given", "first"), ("prefix", "von"), ("suffix", "jr"))
NAME_PARTS = frozenset(key for key, _ in _PART_ATTRS)
# Options biblatex accepts per name (scope "name") and per name list (scope "namelist"),
# biblatex manual section 3.4 and the option tables of section 3.1.
NAME_OPTIONS = frozenset(
    {
        "useprefix",
        "uniquename",
        "sortingnamekeytemplatename",
        "labelalphanametemplatename",
        "uniquenametemplatename",
        "namehashtemplatename",
    }
)
NAMELIST_OPTIONS = NAME_OPTIONS | {"uniquelist", "nohashothers", "nosortothers"}
# The keys one extended name may hold besides the options: parts, their initials, `id`.
_NAME_KEYS = NAME_PARTS | {f"{part}-i" for part in NAME_PARTS} | {"id"}

# biber's test: a name is in the extended format when a name part is followed by `=`
# (here only where a comma-separated item starts, so a classic name with a stray `=` in it
# stays classic).
_EXTENDED = re.compile(r'(?:^|,)\s*"?\s*(?:family|given|prefix|suffix)\s*=', re.IGNORECASE)
# A per-list option: one `key=value` without spaces, as biber matches it (`^(\S+)=(\S+)?$`).
_LIST_OPTION = re.compile(r"\s*([^\s=,{}]+)\s*=\s*([^\s,{}]*)\s*")
# biber's granular XDATA reference (biblatex manual 3.13 "Data inheritance"): an item
# `xdata=<entry key>-<field>[-<n>]` stands for a name (or all names) of another entry.
_XDATA_REF = re.compile(r"\s*xdata\s*=\s*(\S+)\s*", re.IGNORECASE)
_KEY = re.compile(r"[A-Za-z][\w-]*")
_SWALLOWED = re.compile(r",\s*(?:family|given|prefix|suffix)(?:-i)?\s*=", re.IGNORECASE)


def _needs_braces(value: str) -> bool:
    """Would a comma, `=`, `and` or outer white space cut this value when read back?"""
    if not value:
        return False
    if value != value.strip():
        return True
    if _outer_braced(value):
        return False
    padded = f" {value} "  # `and` at either end meets the separator written next to it
    if "{" not in value:
        return "," in value or "=" in value or bool(_AND.search(padded)) or '"' in value
    return (
        any("," in part or "=" in part or '"' in part for part in _top_level_text(value))
        or len(split_top_level(padded, _AND)) > 1
    )


def _top_level_text(value: str) -> list[str]:
    """The stretches of `value` outside any braces."""
    out, depth, start = [], 0, 0
    for i, ch in enumerate(value):
        if ch == "{":
            if depth == 0:
                out.append(value[start:i])
            depth += 1
        elif ch == "}":
            depth = max(0, depth - 1)
            if depth == 0:
                start = i + 1
    if depth == 0:
        out.append(value[start:])
    return out


def _protect_value(value: str) -> str:
    return "{" + value + "}" if _needs_braces(value) else value


def _outer_braced(value: str) -> bool:
    """Is the whole value one brace group (`{Jean Pierre}`, not `{J}ean {P}ierre`)?"""
    if not (value.startswith("{") and value.endswith("}")):
        return False
    depth = 0
    for i, ch in enumerate(value):
        depth += {"{": 1, "}": -1}.get(ch, 0)
        if depth == 0 and i < len(value) - 1:
            return False
    return depth == 0


def _unbrace(value: str) -> str:
    """A part's value as the Name keeps it: braces around one word only group, and go;
    braces around several words (`{Jean Pierre}`) or a comma keep them one token, as
    BibTeX and biber both read a braced group (its initial is `J`, not `JP`)."""
    if _outer_braced(value):
        inner = value[1:-1]
        if inner and not re.search(r"[\s,~]", inner) and "{" not in inner:
            return inner
    return value


def _split_items(text: str) -> tuple[list[str], str | None]:
    """An extended name's comma-separated items (braces and double quotes protect commas),
    and what is wrong with its braces or quotes, if anything."""
    items: list[str] = []
    depth, quoted, start, problem = 0, False, 0, None
    for i, ch in enumerate(text):
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth < 0:
                problem, depth = "a '}' closes no '{'", 0
        elif ch == '"' and depth == 0:
            quoted = not quoted
        elif ch == "," and depth == 0 and not quoted:
            items.append(text[start:i])
            start = i + 1
    items.append(text[start:])
    if depth > 0:
        problem = "a '{' is never closed"
    elif quoted:
        problem = "a '\"' is never closed"
    return items, problem


# The name-list fields of biblatex's data model (BibTeX's are `author` and `editor`).
NAME_FIELDS = frozenset(
    {
        "author",
        "editor",
        "translator",
        "bookauthor",
        "editora",
        "editorb",
        "editorc",
        "annotator",
        "commentator",
        "introduction",
        "foreword",
        "afterword",
        "holder",
    }
)


def has_extended_names(value: str) -> bool:
    """Does a name field use what only biber reads: an extended name or a name-list option?"""
    if "=" not in value:
        return False
    return any(
        is_extended_name(item) or _list_option(item) is not None or _XDATA_REF.fullmatch(item)
        for item in split_top_level(value.strip(), _AND)
        if "=" in item
    )


def is_extended_name(text: str) -> bool:
    """Is this one name (an item of an `and` list) in biblatex's extended format?"""
    return "=" in text and bool(_EXTENDED.search(text))


def parse_extended_name(text: str) -> tuple[Name, list[str]]:
    """One extended-format name and the problems biber would warn about (unknown keys,
    an item without `=`, braces or quotes that do not close); nothing is dropped: an
    unknown key is kept among the options so the name is written back as it was."""
    items, problem = _split_items(text.strip())
    problems = [problem] if problem else []
    parts: dict[str, str] = {}
    options: list[tuple[str, str]] = []
    for item in items:
        item = item.strip()
        if len(item) >= 2 and item[0] == item[-1] == '"':
            item = item[1:-1].strip()  # biber splits with Text::CSV: quotes protect an item
        if not item:
            continue
        key, sep, value = item.partition("=")
        key, value = key.strip(), value.strip()
        if not sep or not _KEY.fullmatch(key) or _outer_braced(item):
            problems.append(f"'{item}' is not key=value")
            options.append(("", item))  # kept as written: a key-less option prints bare
            continue
        lower = key.lower()
        if _SWALLOWED.search(value):
            problems.append(f"the braces in '{item}' hold another name part")
        if lower in NAME_PARTS and not _unbrace(value):
            continue  # `given=` or `given={}`: a part with nothing in it is no part
        if lower in NAME_PARTS and lower not in parts:
            parts[lower] = _unbrace(value)
            continue
        if lower not in _NAME_KEYS and lower not in NAME_OPTIONS:
            hint = f" (the initials key is '{lower[:-1]}-i')" if lower[:-1] in NAME_PARTS else ""
            problems.append(f"unknown key '{key}'{hint}; biber ignores it")
        elif lower in parts:
            problems.append(f"'{key}' given twice")
        options.append((key, value))
    name = Name(
        first=parts.get("given", ""),
        von=parts.get("prefix", ""),
        last=parts.get("family", ""),
        jr=parts.get("suffix", ""),
        options=tuple(options),
        extended=True,
    )
    if not parts:
        # only empty parts (`given=`) beside other text: no person biber could print, so
        # the text is read as a classic name (written back braced where needed)
        return parse_bibtex_name(text), problems
    return name, problems


class NameList(list[Name]):
    """The people of a name field, with the name-list options written before them
    (`uniquelist=false and ...`), kept so a biblatex output writes them back."""

    __slots__ = ("options",)

    def __init__(self, names: list[Name], options: tuple[tuple[str, str], ...] = ()) -> None:
        super().__init__(names)
        self.options = options


def _list_option(item: str) -> tuple[str, str] | None:
    """A name-list option item (`uniquelist=false`), as biber tells it from a name."""
    m = _LIST_OPTION.fullmatch(item)
    if m and m.group(1).lower() in NAMELIST_OPTIONS:
        return m.group(1), m.group(2)
    return None


def name_list_problems(value: str) -> list[str]:
    """What is malformed in a name field's extended-format names, one message each (for
    `check`): an unknown key, an item without `=`, braces or quotes that do not close.
    An item with `=` that is neither a name-list option nor an extended name is reported
    too: biber would read it as a person."""
    if "=" not in value:
        return []
    problems: list[str] = []
    for item in split_top_level(value.strip(), _AND):
        item = item.strip()
        if "=" not in item or _list_option(item) or _XDATA_REF.fullmatch(item):
            continue
        if is_extended_name(item):
            problems.extend(f"name '{item}': {p}" for p in parse_extended_name(item)[1])
        elif re.fullmatch(r"\s*[A-Za-z][\w-]*\s*=\s*\S*\s*", item):
            problems.append(
                f"'{item}' is neither a name nor a name-list option biblatex knows; "
                "biber reads it as a person"
            )
    return problems


def surname_given(text: str) -> tuple[str, str] | None:
    """A name in the plain `Surname, Given` form, cut at its comma: (the text before it,
    the text after it, white space as written); None for any other name.

    Plain: no braces, backslashes or ties, and one comma. BibTeX's rules then read the
    given names as the text after the comma and the von and last words as the text
    before it, each stripped, whatever its words: no token rules are needed to tell the
    two apart. Most names of a large library are written so, and reading, matching and
    writing each take this shortcut (`parse_bibtex_name`, `rewrite_names`,
    `normalize.authors_of`); this is its one definition."""
    if "{" in text or "\\" in text or "~" in text:
        return None
    last, comma, first = text.partition(",")
    if not comma or "," in first:
        return None
    return last, first


def parse_bibtex_name(text: str) -> Name:
    # A control space ("L.\\ Thiele") only sets spacing; as a name separator it must be plain,
    # or the part before it would end in a backslash that escapes the closing brace.
    text = text.replace("\\ ", " ").strip().strip(",").strip()
    plain = surname_given(text)
    if plain is not None:
        # a surname of one word (most names): the two parts stripped, no von part
        last = plain[0].rstrip()
        if last and " " not in last and last.isprintable():
            return Name(first=plain[1].strip(), last=last)  # (isprintable: no white space)
    return _name_by_rules(text)


def _name_by_rules(text: str) -> Name:
    """A name by BibTeX's rules, `text` already stripped as `parse_bibtex_name` does."""
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
    """Split an `author`/`editor` field into names (a `NameList` when it has list options).

    Each name is read in the classic form unless it is in biblatex's extended format; a
    leading item such as `uniquelist=false` is a name-list option, not a person."""
    value = value.strip()
    if not value:
        return []
    parts = split_top_level(value, _AND)
    if "=" not in value:  # the common case: no extended names, no options
        return [parse_bibtex_name(part) for part in parts if part.strip()]
    names: list[Name] = []
    options: list[tuple[str, str]] = []
    for part in parts:
        if not part.strip():
            continue
        probe = part.strip().strip(",")  # as parse_bibtex_name reads it: stray commas go
        option = _list_option(probe) if "=" in part else None
        xdata = _XDATA_REF.fullmatch(probe) if option is None and "=" in part else None
        if option:
            options.append(option)
        elif xdata:  # a place holder for another entry's names, never a person of its own
            names.append(Name(options=(("xdata", xdata.group(1)),), extended=True))
        elif is_extended_name(part):
            names.append(parse_extended_name(part)[0])
        else:
            names.append(parse_bibtex_name(part))
    return NameList(names, tuple(options)) if options else names


def _with_surname(name: Name) -> tuple[str, str, str, str]:
    """(first, von, last, jr), the surname filled: BibTeX reads a name of one part as a
    surname (`given=Plato` alone, or `, Plato`), so written any other way it would not
    read back the same."""
    first, von, last, jr = name.first, name.von, name.last, name.jr
    if not last:
        if von:
            last, von = von, ""
        elif first:
            last, first = first, ""
        else:
            last, jr = jr, ""
    return first, von, last, jr


def _plain(name: Name) -> str:
    """A classic name's text, with a part braced where it would read back as something else
    (a surname `given=` would make the name extended, `uniquelist=x` an option)."""
    if not name.last and (name.first or name.von or name.jr):
        name = Name(*_with_surname(name))
    text = name.bibtex()
    if "=" not in text or not (
        is_extended_name(text) or _list_option(text) or _XDATA_REF.fullmatch(text)
    ):
        return text
    first, von, last, jr = (
        "{" + part + "}" if "=" in part and not _outer_braced(part) else part
        for part in (name.first, name.von, name.last, name.jr)
    )
    return Name(first, von, last, jr).bibtex()


def format_names(names: list[Name], extended: bool = True) -> str:
    """A name field's text: `extended` writes biblatex's extended names and name-list
    options back as they were read (biblatex output, and every value kept in between);
    without it, the classic form every BibTeX style reads (options have no classic form)."""
    if not extended:
        written = [n.classic() if n.extended else _plain(n) for n in names]
    else:
        options = getattr(names, "options", ())
        written = [f"{key}={value}" for key, value in options]
        written += [n.biblatex() if n.extended else _plain(n) for n in names]
    # an empty item (`A and , B`) holds no letters, and left in it would read back otherwise
    return " and ".join(w for w in written if w)


def rewrite_names(value: str, extended: bool = True) -> str:
    """`format_names(parse_bibtex_names(value), extended)`, without building the people
    where that changes nothing: in a list without braces or `=` (no groups, no extended
    names, no options), a name written `Surname, Given` is written back as it is, its
    two parts stripped: the parser would split the surname into von and last words and
    print them again joined by single spaces, as they were. Most names of a large
    library are of that form, and the writer parsed each into a `Name` only to print it
    again (a third of the writing time). `value`'s white space must be single spaces (the
    writer collapses it); any other name goes through the parser.
    `tests/test_write_fast_paths.py` checks the two agree."""
    if "{" in value or "=" in value:
        return format_names(parse_bibtex_names(value), extended)
    value = value.strip()
    if not value:
        return ""
    written = []
    for part in _AND.split(value):
        text = part.strip().strip(",").strip()
        if not text:
            continue  # a name of no letters: the parser's empty Name, written as nothing
        plain = surname_given(text)
        last = plain[0].rstrip() if plain is not None else ""
        if plain is not None and last:
            first = plain[1].lstrip()
            written.append(f"{last}, {first}" if first else last)
        else:
            written.append(_plain(parse_bibtex_name(part)))
    return " and ".join(w for w in written if w)


# ---------------------------------------------------------------- free-text names

_INITIALS_ONLY = re.compile(r"^(?:[A-Z]\.?-?){1,4}$")


def _recase_word(word: str) -> str:
    """'JEAN-PIERRE' -> 'Jean-Pierre', "O'NEIL" -> "O'Neil"; mixed case is left alone."""
    if word.isascii() and not word.isupper():
        return word  # (a cheap exit: a lower-case letter, or no letter at all)
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
    text = " ".join(text.split()).strip(",;").strip()  # (as `\s+` to one space, cheaper)
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
