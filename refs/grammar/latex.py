"""LaTeX-encoded text as letters, and folding: one function per purpose.

BibTeX values spell letters as LaTeX (`Stra{\\ss}e`, `{\\o}stergaard`, `M{\\"u}ller`) while
exports spell them in Unicode (`Straße`). Every comparison must see the same letters
either way, so the decoding lives here once. Folding differs by purpose, and each
purpose has its own named function:

- `fold_for_matching`: words separated by single spaces, accents gone, scripts kept
  (titles, venues, abstracts compared by the matcher; a Cyrillic title keeps its letters);
- `fold_for_merge`: letters and digits only, transliterated (merge asks whether two
  values are the same text, ignoring spacing and punctuation);
- `fold_for_key`: lower-case ASCII letters and digits only (citation keys must be safe
  in every BibTeX and biber setup).
"""

from __future__ import annotations

import html
import re
import unicodedata
from functools import lru_cache

# A control symbol accent (`\'e`, `\"{o}`) or a control word accent (`\v{s}`, `\c c`).
# A control word accent is one letter: `\v` followed by more letters is another command
# (`\vphantom`, `\textit`, `\url`, `\cite`), never an accent.
_ACCENT = re.compile(r"\\(?:[`'^\"~=.]|[uvHckbdrt](?![A-Za-z]))\s*\{?\s*(\\?[A-Za-z])\s*\}?")
# Letters LaTeX spells as commands; the space after a control word only ends its name
# (`Stra\ss e` is `Straße`).
_LETTER = re.compile(r"\\(ss|ae|AE|oe|OE|aa|AA|o|O|l|L|i|j)(?![A-Za-z])[ \t]*")
_LETTERS = {
    "ss": "ss",
    "ae": "ae",
    "AE": "AE",
    "oe": "oe",
    "OE": "OE",
    "aa": "a",
    "AA": "A",
    "o": "o",
    "O": "O",
    "l": "l",
    "L": "L",
    "i": "i",
    "j": "j",
}
_COMMAND = re.compile(r"\\[A-Za-z]+\*?|\\.")
# `{\noopsort{1973c}}1981`: the argument steers sorting and is never printed.
SORT_ONLY = re.compile(r"\\[A-Za-z]*(?:sort|noop)[A-Za-z]*\s*\{[^{}]*\}", re.IGNORECASE)
_TAG = re.compile(r"</?[A-Za-z][\w:.-]*(?:\s[^<>]{0,200})?/?>")
_COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_NON_WORD = re.compile(r"[\W_]+")
_ASCII_NON_WORD = {c: " " for c in range(128) if not chr(c).isalnum()}
# Letters Unicode does not decompose into a base letter and an accent.
_SPECIAL = str.maketrans(
    {
        "ß": "ss",
        "æ": "ae",
        "Æ": "ae",
        "œ": "oe",
        "Œ": "oe",
        "ø": "o",
        "Ø": "o",
        "ł": "l",
        "Ł": "l",
        "đ": "d",
        "Đ": "d",
        "ð": "d",
        "þ": "th",
        "ı": "i",
        "’": "'",
    }
)
# Cyrillic and Greek to Latin, so that `Мельник` gets the key `melnyk2019` rather than `2019`.
_TRANSLIT = str.maketrans(
    dict(
        zip(
            "абвгґдеєжзиіїйклмнопрстуфхцчшщьюяёыэъαβγδεζηθικλμνξοπρσςτυφχψω",
            "a b v h g d e ie zh z y i i i k l m n o p r s t u f kh ts ch sh shch _ iu ia e y e _ "
            "a b g d e z e th i k l m n x o p r s s t y ph ch ps o".replace("_", "").split(" "),
            strict=True,
        )
    )
)


def drop_sort_only(text: str) -> str:
    """Text without `\\noopsort{...}`-style arguments, which are never printed."""
    return SORT_ONLY.sub("", text) if "\\" in text else text


def decode_latex(text: str) -> str:
    """Accented and special letters as plain letters, other commands as a space.

    Braces are left alone (callers drop them when they fold). Sort-only arguments go
    first: `{\\noopsort{a}}Zed` reads as `Zed`.
    """
    if "\\" not in text:
        return text
    text = SORT_ONLY.sub("", text)
    text = _ACCENT.sub(lambda m: m.group(1).lstrip("\\"), text)
    text = _LETTER.sub(lambda m: _LETTERS[m.group(1)], text)
    return _COMMAND.sub(" ", text)


def drop_commands(text: str) -> str:
    """The text with every command's name taken out (`\\textit{x}` -> `{x}`), its arguments
    left: what a reader compares when it asks whether a value's words were kept (the
    command names are markup, the words they wrap are the value)."""
    return _COMMAND.sub("", text) if "\\" in text else text


def strip_braces(text: str) -> str:
    return text.replace("{", "").replace("}", "")


def fold_for_matching(text: str) -> str:
    """Lower-case words separated by single spaces: accents, LaTeX, tags and punctuation gone.

    Non-Latin scripts keep their letters (a Cyrillic title does not fold to nothing).
    Cheap on plain ASCII: this runs on every title, venue and abstract of a library.
    HTML character references are decoded first: exports from web databases write
    accents as entities (ACM's `B&#246;hm`, Scopus' `&amp;`).
    """
    if "&" in text and ";" in text:
        text = html.unescape(text)
    if "<" in text:
        text = _TAG.sub(" ", text)
    if "\\" in text:
        text = decode_latex(text)
    if "{" in text or "}" in text:
        text = strip_braces(text)
    text = text.lower()
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text.translate(_SPECIAL))
        text = _COMBINING.sub("", text).lower()
        if not text.isascii():
            return _NON_WORD.sub(" ", text).strip()
    # ASCII: what `_NON_WORD` takes is every character but a letter or a digit, so a
    # table and a split do its work at 60% of the cost
    return " ".join(text.translate(_ASCII_NON_WORD).split())


@lru_cache(maxsize=65536)
def fold_for_merge(text: str) -> str:
    """Letters and digits only, no LaTeX, braces, case or accents; Cyrillic and Greek
    transliterated; other scripts kept. Two values that fold alike are the same text."""
    text = strip_braces(decode_latex(text)).lower()
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text.translate(_SPECIAL)).lower()
        text = _COMBINING.sub("", text.translate(_SPECIAL).translate(_TRANSLIT))
    return _NON_WORD.sub("", text)


def fold_for_key(text: str) -> str:
    """Lowercase ASCII letters and digits only ('Síthigh' -> 'sithigh', 'Stra{\\ss}er' ->
    'strasser', '{\\o}stergaard' -> 'ostergaard')."""
    folded = fold_for_merge(text)
    return folded if folded.isascii() else folded.encode("ascii", "ignore").decode()
