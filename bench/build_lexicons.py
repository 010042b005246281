"""Build the reference-string tagger's word lists from real BibTeX libraries.

The tagger (refs/scrape/refstring.py) asks of every token whether it is a
word of journal names, publisher names, places of publication, given names
or surnames (anystyle's dictionary feature). The lists are read here from the
fields of real libraries (`../shared/corpus/bib/`), never from the labelled
reference strings the tagger is trained and scored on, so the feature means
the same on strings it has seen and strings it has not.

Fields are read where they start a line, as BibTeX files write them (a field on the
entry's first line is skipped). A word enters a list when it occurs in that field of at least `MIN_RECORDS`
distinct values (one library's house style or one prolific author does not
make a word typical). Words are lower-cased and stripped of surrounding
punctuation, exactly as `refstring._core` does at tagging time. The lists are
written to refs/scrape/data/lexicon/bib_*.txt (sorted, so the output is the
same for the same input); the hand-made lists beside them are kept.

    .venv/bin/python bench/build_lexicons.py
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from pathlib import Path

from refmerge.refs.names import parse_bibtex_names, strip_braces

REPO = Path(__file__).resolve().parents[1]
BIB = REPO.parent / "shared" / "corpus" / "bib"
OUT = REPO / "refs" / "scrape" / "data" / "lexicon"
MIN_RECORDS = 2
FIELDS = {
    "journal": "journal",
    "journaltitle": "journal",
    "publisher": "publisher",
    "address": "place",
    "location": "place",
    "author": "names",
    "editor": "names",
}
_FIELD = re.compile(r"(?im)^\s*(" + "|".join(FIELDS) + r")\s*=\s*([{\"])")
_WORD = re.compile(r"[^\W\d_][^\W\d_'’.\-]*\.?")


def _value(text: str, start: int, opener: str) -> str:
    """The field value starting after its opening brace or quote (braces nest)."""
    if opener == '"':
        end = text.find('"', start)
        return text[start:end] if end > 0 else ""
    depth = 1
    i = start
    while i < len(text) and depth:
        c = text[i]
        depth += c == "{"
        depth -= c == "}"
        i += 1
    return text[start : i - 1]


def _words(value: str) -> set[str]:
    value = strip_braces(re.sub(r"\\[a-zA-Z]+\s*|\\.", "", value))
    return {w.lower().rstrip(".") for w in _WORD.findall(value) if len(w.rstrip(".")) > 1}


def collect(bib: Path = BIB) -> dict[str, set[str]]:
    seen: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for path in sorted(bib.rglob("*.bib")):
        text = path.read_text(encoding="utf-8", errors="replace")
        for m in _FIELD.finditer(text):
            kind = FIELDS[m.group(1).lower()]
            value = " ".join(_value(text, m.end(), m.group(2)).split())
            if not value or len(value) > 2000:
                continue
            if kind == "names":
                for name in parse_bibtex_names(value):
                    for w in _words(name.first):
                        seen["given_names"][w].add(value)
                    for w in _words(name.last):
                        seen["surnames"][w].add(value)
            else:
                for w in _words(value):
                    seen[kind][w].add(value)
    return {
        kind: {w for w, values in words.items() if len(values) >= MIN_RECORDS}
        for kind, words in seen.items()
    }


def main() -> int:
    lists = collect()
    for kind, words in sorted(lists.items()):
        path = OUT / f"bib_{kind}.txt"
        header = (
            f"# Words of {kind.replace('_', ' ')} in real BibTeX libraries (bench/build_lexicons.py;"
            f" in {MIN_RECORDS}+ distinct values).\n"
        )
        path.write_text(header + "".join(w + "\n" for w in sorted(words)), encoding="utf-8")
        print(f"{path.name}: {len(words)} words")
    return 0


if __name__ == "__main__":
    sys.exit(main())
