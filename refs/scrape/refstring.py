"""A trained parser for one reference string: tokens, features, a linear-chain CRF, fields.

Reference lists are printed in thousands of journal styles; rules written for a
few of them (see `cite.py`) get title, first author, year and container right
for well under half of the strings in labelled data. A linear-chain CRF learns
the styles from labelled strings instead (the approach of anystyle, ParsCit and
GROBID's citation model): each whitespace token gets a label (author, title,
journal, date, volume, pages, ...) and neighbouring labels constrain each other.

The model (`data/refstring.crfsuite`) is trained by `bench/train_refstrings.py`
on anystyle's labelled references (BSD-2, `data/LICENSE.anystyle`). It is
opened lazily, on the first string that needs it, so reading BibTeX or RIS
never pays for it. Tagged spans go through the same value helpers as the rules
(`names.parse_name_list`, `fields.parse_venue`, `normalise_pages`, `find_doi`),
so the output is clean BibTeX whichever path read the string.

Features follow anystyle's set: the word, its shape, affixes, case and script,
punctuation, number and keyword classes, brackets and quotes, its position in the
string, membership in word lists kept as data (`data/lexicon/*.txt`: hand-made lists
and lists read from real BibTeX libraries by bench/build_lexicons.py), the same for
the neighbouring tokens and their conjunctions, a little left context (has a year or
a quote been seen yet), and the token's sentence-like segment (its length, what the
next one starts with) that tells a journal name from the title before it.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..names import Name, format_names, name_from_text
from .fields import MONTHS, URL_RE, find_doi, normalise_pages, parse_venue, years_in
from .names import parse_name_list

DATA = Path(__file__).resolve().parent / "data"
MODEL_PATH = DATA / "refstring.crfsuite"

# The labels the model knows; rare anystyle labels are folded into these when reading
# the training data (a translator is named like an editor, a producer like an author).
LABELS = (
    "author", "title", "journal", "container-title", "date", "volume", "pages",
    "publisher", "location", "editor", "note", "citation-number", "url", "doi",
    "edition", "genre", "isbn", "collection-title", "other",
)  # fmt: skip
_FOLD = {
    "translator": "editor",
    "director": "author",
    "producer": "author",
    "medium": "genre",
    "source": "note",
}


# ---------------------------------------------------------------- labelled data


@dataclass
class Sequence_:
    """One labelled reference string: tokens and their labels (one per token)."""

    tokens: list[str]
    labels: list[str]
    source: str = ""  # the file it came from, for figures per file

    @property
    def text(self) -> str:
        return " ".join(self.tokens)


def read_dataset(xml_text: str) -> list[Sequence_]:
    """anystyle's `<dataset><sequence><author>…</author>…</sequence>` XML, tokens on whitespace."""
    from defusedxml import ElementTree

    root = ElementTree.fromstring(xml_text)
    out: list[Sequence_] = []
    for seq in root.iter("sequence"):
        tokens: list[str] = []
        labels: list[str] = []
        for child in seq:
            label = _FOLD.get(child.tag, child.tag)
            if label not in LABELS:
                label = "other"
            words = tokenise(child.text or "")
            tokens.extend(words)
            labels.extend([label] * len(words))
        if tokens:
            out.append(Sequence_(tokens, labels))
    return out


# ---------------------------------------------------------------- tokens and features


def tokenise(text: str) -> list[str]:
    """Whitespace tokens: the unit anystyle's data is labelled in, so training and use agree."""
    return text.split()


@lru_cache(maxsize=1)
def lexicons() -> dict[str, frozenset[str]]:
    """The word lists (data files, one lower-case word a line, `#` comments)."""
    out: dict[str, frozenset[str]] = {}
    for path in sorted((DATA / "lexicon").glob("*.txt")):
        words = (w.strip() for w in path.read_text(encoding="utf-8").splitlines())
        out[path.stem] = frozenset(w for w in words if w and not w.startswith("#"))
    return out


_LEAD = "\"'“”„‘’«([{<"
_TRAIL = "\"'“”‘’»)]}>.,;:!?"
_SHAPE_SUBS = (
    (re.compile(r"[A-ZÀ-ÖØ-ÞА-ЯЁІЇЄҐ]"), "X"),
    (re.compile(r"[^\W\d_A-ZÀ-ÖØ-ÞА-ЯЁІЇЄҐX]"), "x"),
    (re.compile(r"\d"), "d"),
)
_YEAR = re.compile(r"(?<!\d)(1[5-9]\d\d|20\d\d)(?!\d)")
_CUES = {
    "in": "in", "in:": "in", "ed.": "ed", "eds.": "ed", "ed": "ed", "eds": "ed",
    "(ed.)": "ed", "(eds.)": "ed", "(ed.),": "ed", "(eds.),": "ed", "edited": "ed",
    "editor": "ed", "editors": "ed", "hrsg.": "ed", "(hrsg.)": "ed", "hg.": "ed",
    "pp.": "pp", "pp": "pp", "p.": "pp", "s.": "pp", "pages": "pp", "vol.": "vol",
    "vol": "vol", "volume": "vol", "no.": "no", "nr.": "no", "issue": "no", "doi:": "doi",
    "doi": "doi", "retrieved": "url", "available": "url", "accessed": "url", "url:": "url",
    "thesis": "thesis", "dissertation": "thesis", "report": "report", "press": "pub",
    "proceedings": "proc", "conference": "proc", "et": "etal", "al.": "etal", "al": "etal",
    "and": "and", "&": "and", "edn": "edition", "edn.": "edition", "edition": "edition",
    "ed.,": "ed", "eds.,": "ed",
}  # fmt: skip


def _shape(word: str) -> str:
    s = word
    for pattern, rep in _SHAPE_SUBS:
        s = pattern.sub(rep, s)
    return re.sub(r"(.)\1{2,}", r"\1\1", s)  # "Xxxxxxx" -> "Xxx"; short words keep their length


def _core(token: str) -> str:
    return token.strip(_LEAD + _TRAIL)


def _number_class(token: str) -> str:
    """What kind of number a token is (anystyle's number classes): volume statements,
    years, ranges, ISBNs, ordinals and Roman numerals print differently."""
    core = _core(token)
    if re.search(r"\d[(:;]\d", token):
        return "volume"
    if re.fullmatch(r"97[89](?:-?\d){10}|\d(?:-?\d){8}[\dXx]", core):
        return "isbn"
    if _YEAR.search(core):
        return "yrange" if re.search(r"\d[-–/]\d", core) else "year"
    if re.fullmatch(r"\d+", core):
        return "n" + str(min(len(core), 5))
    if re.fullmatch(r"\d+\s*[-–—‐]+\s*\d+", core):
        return "range"
    if re.fullmatch(r"[A-Za-z]?\d+[A-Za-z]?\s*[-–—‐]+\s*[A-Za-z]?\d+[A-Za-z]?", core):
        return "xrange"
    if re.search(r"\d(?:st|nd|rd|th|e|er|re|ème|te|de|\.)$", core, re.IGNORECASE):
        return "ordinal"
    if re.search(r"\d", core):
        return "numeric"
    if re.fullmatch(r"[IVXLCDM]{2,}|[ivxlc]{2,}", core):
        return "roman"
    return ""


def _punct_class(token: str) -> str:
    """Punctuation around a token (anystyle's punctuation feature): quotes, brackets and
    terminal or internal punctuation mark where fields begin and end."""
    if re.match(r"^[\"'”’´‘“`«„]", token):
        return "quote"
    if re.search(r"[\"'”’´‘“`»][!?.]$", token):
        return "term-unquote"
    if re.search(r"[\"'”’´‘“`»][,;:\-]$", token):
        return "int-unquote"
    if re.search(r"[\"'”’´‘“`»]$", token):
        return "unquote"
    if re.match(r"^[\[{].*[}\]][!?.,;:\-]?$", token):
        return "braces"
    if re.match(r"^<.*>[!?.,;:\-]?$", token):
        return "tags"
    if re.match(r"^\(.*\)[!?.]$", token):
        return "term-parens"
    if re.match(r"^\(.*\)[,;:\-]$", token):
        return "int-parens"
    if re.match(r"^\(.*\)$", token):
        return "parens"
    if token[0] in "[{":
        return "open-brace"
    if re.search(r"[}\]][!?.,;:\-]?$", token):
        return "close-brace"
    if token[0] == "(":
        return "open-parens"
    if re.search(r"\)[,;:\-]$", token):
        return "int-close-parens"
    if token.endswith(")"):
        return "close-parens"
    if token[-1] in ",;:-–—/":
        return "internal"
    if token[-1] in "!?.":
        return "terminal"
    if "-" in token:
        return "hyphen"
    return "none"


_KEYWORDS = (
    (
        "editor",
        re.compile(
            r"(?i)eds?|editors?|edited|éds?|éditeurs?|hg|hrsg|herausgeber|herausgegeben|"
            r"compilador|coord|dir|red|ред|under"
        ),
    ),
    (
        "translator",
        re.compile(
            r"(?i)trans|transl|translated|translators?|übers|übersetzt|trad|"
            r"traduction|traducteurs?|traduit|перевод|пер"
        ),
    ),
    ("thesis", re.compile(r"(?i)dissertation|thesis|diss|these|thèse|tesis|диссертация")),
    (
        "proceedings",
        re.compile(
            r"(?i)(?:proceedings|proc|conference|conf|meeting|transactions|"
            r"communications|seminar|symposi(?:on|um)|workshop|congress|kongress|"
            r"tagung|colloque|actes).*"
        ),
    ),
    (
        "journal",
        re.compile(
            r"(?:Journal|Zeitschrift|Quarterly|Magazine?|Times|Rev|Review|Revue|"
            r"Revista|Rivista|Bulletin|Bull|News|Week|Gazett[ea]|Annals|Ann|Acta|"
            r"Letters|Lett|Jahrbuch|Archives?|Arch|Cahiers|Журнал|Вестник|Известия).*"
        ),
    ),
    ("in", re.compile(r"(?i)in|dans|en|em|nel|в|收入")),
    ("and", re.compile(r"(?i)and|und|y|e|et|i|и|&")),
    ("etal", re.compile(r"(?i)etal|others|al|u\.a|et")),
    ("page", re.compile(r"(?i)pp?|pages?|s|seiten?|ff?|с|стр|pág|págs")),
    (
        "volume",
        re.compile(
            r"(?i)vols?|volumes?|iss|issue|no|nos|nr|n|number|fasc|fascicle|suppl|"
            r"supplement|bd|band|jg|jahrgang|heft|h|t|tome|tomo|т|вып|№"
        ),
    ),
    ("series", re.compile(r"(?i)ser|series|reihe|koll|collection|coll|collana|серия")),
    (
        "edition",
        re.compile(
            r"(?i)edn|edition|expanded|rev|revised|reprint|reprinted|illustrated|"
            r"aufl|auflage|ausg|ausgabe|éd|édition|изд"
        ),
    ),
    (
        "date",
        re.compile(
            r"(?i)nd|n\.d|date|spring|summer|sommer|autumn|fall|winter|herbst|frühling|"
            r"forthcoming|press"
        ),
    ),
    ("locator", re.compile(r"(?i)doi|url|uri|urn|handle|hdl")),
    ("pubmed", re.compile(r"(?i)pmid|pmcid")),
    ("arxiv", re.compile(r"(?i)arxiv|preprint|biorxiv|ssrn")),
    (
        "accessed",
        re.compile(
            r"(?i)retrieved|accessed|available|consulted|abgerufen|zugriff|"
            r"consulté|recuperado|online|из"
        ),
    ),
    (
        "publisher",
        re.compile(
            r"(?i)press|publishers?|publishing|verlag|éditions?|editora|editorial|"
            r"books|university|univ|издательство|изд-во"
        ),
    ),
    ("report", re.compile(r"(?i)report|rep|working|paper|memorandum|technical|tech")),
)


def _keyword(token: str) -> str:
    """The word class a style uses to announce a field (anystyle's keyword feature)."""
    raw = _core(token).rstrip(".")
    if raw in ("//", "/"):
        return "sep"  # GOST and Russian styles: "Title // Journal. 2017."
    word = raw.lower()
    for name, pattern in _KEYWORDS:
        if pattern.fullmatch(raw if name == "journal" else word):
            return name
    return ""


_NOT_LEXICAL = frozenset(
    "a an and the of in on for to at by with from und der die das des et la le les du de el "
    "y e i u others".split()
)


def _token_features(token: str, lex: dict[str, frozenset[str]]) -> dict[str, str]:
    """What one token looks like, independent of where it stands."""
    core = _core(token)
    low = core.lower()
    f: dict[str, str] = {
        "w": low,
        "shape": _shape(core)[:8],
        "first": token[0],
        "last": token[-1],
        "punct": _punct_class(token),
    }
    if low:
        f["p1"] = low[:1]
        f["p2"] = low[:2]
        f["p3"] = low[:3]
        f["p4"] = low[:4]
        f["s1"] = low[-1:]
        f["s2"] = low[-2:]
        f["s3"] = low[-3:]
        f["s4"] = low[-4:]
        if core[0].isupper():
            f["case"] = "upper" if core.isupper() and len(core) > 1 else "cap"
        elif core[0].islower():
            f["case"] = "lower"
        else:
            f["case"] = "other"
        letters = re.sub(r"[^\w]|[\d_]", "", core)
        if letters:
            f["script"] = (
                "cyr" if re.search(r"[А-яЁё]", letters)
                else "cjk" if re.search(r"[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]", letters)
                else "greek" if re.search(r"[Α-ω]", letters)
                else "latin"
            )  # fmt: skip
    else:
        f["case"] = "punct"
    f["term"] = (
        "terminal" if token[-1] in "!?." else "internal" if token[-1] in ",;:-–—" else "none"
    )
    digits = sum(c.isdigit() for c in core)
    if digits:
        f["digits"] = "all" if digits == len(core) else "some"
        f["ndig"] = str(min(digits, 5))
        if _YEAR.search(core):
            f["year"] = "1"
        if re.search(r"\d\s*[-–—]\s*\d|\d-{2}\d", core):
            f["range"] = "1"
    num = _number_class(token)
    if num:
        f["num"] = num
    if re.fullmatch(r"[^\W\d_]\.(?:-?[^\W\d_]\.)*,?", token):
        f["initial"] = "1"
    elif re.fullmatch(r"[A-ZÀ-ÞА-Я]{1,3}[,.]?", token):
        f["initial"] = "caps"
    if token[0] in "([":
        f["open"] = token[0]
    if token[-1] in ")]" or token.rstrip(".,;:")[-1:] in (")", "]"):
        f["close"] = "1"
    if token[0] in "\"“„«‘'" or token[-1] in "\"”»’'" or token.rstrip(".,;:")[-1:] in '"”»’':
        f["quote"] = "1"
    cue = _CUES.get(token.lower()) or _CUES.get(low)
    if cue:
        f["cue"] = cue
    kw = _keyword(token)
    if kw:
        f["kw"] = kw
    if low in MONTHS or low.rstrip(".") in MONTHS:
        f["month"] = "1"
    if "://" in token or low.startswith("www."):
        f["url"] = "1"
    if re.match(r"(?:doi:)?10\.\d{4,}/", low) or "doi.org/" in low:
        f["doi"] = "1"
    if re.fullmatch(r"(?i)(?:isbn:?|[\d\-x]{10,17}[.,]?)", token) and sum(
        c.isdigit() for c in token
    ) in (0, 9, 10, 12, 13):
        f["isbn"] = "1"
    if len(low) > 1 and low not in _NOT_LEXICAL:
        word = low.rstrip(".")
        for name, words in lex.items():
            if low in words or word in words or token.lower() in words:
                f["lex_" + name] = "1"
    return f


@lru_cache(maxsize=65536)
def _features_of(token: str) -> dict[str, str]:
    """`_token_features` memoised: reference lists repeat their words, names and cues
    (callers only read the dict)."""
    return _token_features(token, lexicons())


_WINDOW_KEYS = (
    "w", "shape", "last", "case", "year", "cue", "initial", "quote", "digits", "term", "punct",
    "num", "kw", "lex_bib_journal", "lex_bib_surnames", "lex_bib_given_names",
    "lex_bib_publisher", "lex_journal_words", "lex_given_names", "lex_publisher_words",
)  # fmt: skip


def _bucket(n: int) -> str:
    return str(n) if n <= 3 else "4-6" if n <= 6 else "7-12" if n <= 12 else "13+"


def _first_class(f: dict[str, str]) -> str:
    if "year" in f:
        return "year"
    if "digits" in f:
        return "num"
    if f.get("kw"):
        return "kw_" + f["kw"]
    return f.get("case", "none")


def _segments(tokens: Sequence[str], base: list[dict[str, str]]) -> list[list[str]]:
    """Sentence-like segments (runs of tokens up to terminal punctuation that is not an
    initial's): how long the token's segment is, and what the next one starts with. A
    short segment between a title and a year or volume is a journal; a long one a title."""
    bounds: list[tuple[int, int]] = []
    start = 0
    for i, tok in enumerate(tokens):
        f = base[i]
        if (tok[-1] in ".?!" and not f.get("initial")) or i == len(tokens) - 1:
            bounds.append((start, i + 1))
            start = i + 1
    out: list[list[str]] = [[] for _ in tokens]
    venue = [_venue_share(base[a:b]) for a, b in bounds]
    for k, (a, b) in enumerate(bounds):
        nxt = _first_class(base[bounds[k + 1][0]]) if k + 1 < len(bounds) else "end"
        prev = _bucket(bounds[k - 1][1] - bounds[k - 1][0]) if k else "start"
        commas = sum(tokens[i][-1] in ",;" for i in range(a, b))
        after = venue[k + 1] if k + 1 < len(bounds) else "end"
        # (the segment's attributes are the same for each of its tokens: made once, shared)
        common = [f"seg_len={_bucket(b - a)}", f"seg_next={nxt}", f"seg_prev={prev}",
                  f"seg_k={min(k, 5)}", f"seg_len|next={_bucket(b - a)}|{nxt}"]  # fmt: skip
        common += [f"seg_venue={venue[k]}", f"seg_venue_next={after}",
                   f"seg_commas={_bucket(commas)}",
                   f"seg_venue|len={venue[k]}|{_bucket(b - a)}"]  # fmt: skip
        for i in range(a, b):
            out[i] = common
        out[a] = [*common, "seg_first"]
    return out


_VENUE_LEX = ("lex_bib_journal", "lex_journal_words", "lex_bib_publisher", "lex_publisher_words")


def _venue_share(seg: list[dict[str, str]]) -> str:
    """How much of a segment is made of journal and publisher words (none, some, most,
    all): a journal name is wholly such words, a title seldom is."""
    words = [f for f in seg if f.get("case") in ("cap", "upper", "lower")]
    if not words:
        return "none"
    hits = sum(any(k in f for k in _VENUE_LEX) for f in words)
    if not hits:
        return "none"
    if hits == len(words):
        return "all"
    return "most" if 2 * hits >= len(words) else "some"


_OFFSETS = (-2, -1, 1, 2)


@lru_cache(maxsize=65536)
def _token_attrs(token: str) -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    """A token's own attribute strings, and those it gives its neighbours at each of `_OFFSETS`
    (memoised as `_features_of` is: formatting them anew for every string was most of the
    time spent making features)."""
    f = _features_of(token)
    own = tuple(f"{k}={v}" for k, v in f.items())
    window = tuple(tuple(f"{off}:{k}={f[k]}" for k in _WINDOW_KEYS if k in f) for off in _OFFSETS)
    return own, window


def features(tokens: Sequence[str]) -> list[list[str]]:
    """crfsuite attribute strings for each token of one reference string."""
    base = [_features_of(t) for t in tokens]
    made = [_token_attrs(t) for t in tokens]
    n = len(tokens)
    out: list[list[str]] = []
    seen_year = seen_quote = seen_in = in_quote = False
    stops = depth = 0
    since_stop = commas = 0
    segs = _segments(tokens, base)
    for i, f in enumerate(base):
        tok = tokens[i]
        if tok[0] in '"“„«‘' and not in_quote:
            in_quote = True
        attrs = list(made[i][0])
        if in_quote:
            attrs.append("in_quote")
        depth += tok.count("(") + tok.count("[")
        if depth > 0:
            attrs.append("in_paren")
        depth = max(0, depth - tok.count(")") - tok.count("]"))
        attrs.append(f"pos={min(9, (10 * i) // max(n, 1))}")
        attrs.append(f"len={min(n // 5, 8)}")
        if i == 0:
            attrs.append("BOS")
        if i == n - 1:
            attrs.append("EOS")
        attrs.append(f"stops={min(stops, 4)}")
        attrs.append(f"since_stop={min(since_stop, 6)}")
        attrs.append(f"commas={_bucket(commas)}")
        if seen_year:
            attrs.append("seen_year")
        if seen_quote:
            attrs.append("seen_quote")
        if seen_in:
            attrs.append("seen_in")
        for w, off in enumerate(_OFFSETS):
            j = i + off
            if 0 <= j < n:
                attrs.extend(made[j][1][w])
            else:
                attrs.append(f"{off}:none")
        prev = base[i - 1] if i > 0 else None
        nxt = base[i + 1] if i + 1 < n else None
        if prev is not None:
            attrs.append(f"w-1|w={prev['w']}|{f['w']}")
            attrs.append(f"case-1|case={prev['case']}|{f['case']}")
            attrs.append(f"term-1|case={prev['term']}|{f['case']}")
            attrs.append(f"punct-1|punct={prev['punct']}|{f['punct']}")
            attrs.append(f"shape-1|shape={prev['shape']}|{f['shape']}")
        if nxt is not None:
            attrs.append(f"w|w+1={f['w']}|{nxt['w']}")
            attrs.append(f"case|case+1={f['case']}|{nxt['case']}")
            attrs.append(f"term|case+1={f['term']}|{nxt['case']}")
            attrs.append(f"shape|shape+1={f['shape']}|{nxt['shape']}")
        if segs:
            attrs.extend(segs[i])
        if in_quote and (tok.rstrip(".,;:")[-1:] in '"”»’' or tok[-1] in '"”»’'):
            in_quote = False
        if "year" in f:
            seen_year = True
        if "quote" in f:
            seen_quote = True
        if f.get("cue") == "in":
            seen_in = True
        since_stop += 1
        if tok[-1] in ",;":
            commas += 1
        if tok[-1] in ".?!" and not f.get("initial"):
            stops += 1
            since_stop = 0
        out.append(attrs)
    return out


# ---------------------------------------------------------------- the model


_LOCK = threading.Lock()
_TAGGERS: dict[str, Any] = {}


def _tagger(model: Path | None = None) -> Any:
    """The CRF tagger, opened on first use (crfsuite maps the file: a few milliseconds)."""
    path = str(model or MODEL_PATH)
    with _LOCK:
        tagger = _TAGGERS.get(path)
        if tagger is None:
            import pycrfsuite

            tagger = pycrfsuite.Tagger()
            tagger.open(path)
            _TAGGERS[path] = tagger
        return tagger


def model_available(model: Path | None = None) -> bool:
    return (model or MODEL_PATH).is_file()


def tag(tokens: Sequence[str], model: Path | None = None) -> list[str]:
    """The most likely label for each token."""
    return tag_with_confidence(tokens, model)[0]


def tag_with_confidence(
    tokens: Sequence[str], model: Path | None = None
) -> tuple[list[str], list[float]]:
    """The most likely labels and, for each token, the model's probability of its label."""
    if not tokens:
        return [], []
    tagger = _tagger(model)
    with _LOCK:  # a crfsuite Tagger keeps per-call state
        labels = list(tagger.tag(features(tokens)))
        probs = [tagger.marginal(label, i) for i, label in enumerate(labels)]
    return labels, probs


def train(
    data: Iterable[Sequence_],
    model: Path,
    *,
    c1: float = 1.0,
    c2: float = 0.001,
    max_iterations: int = 150,
    min_freq: float = 2,
) -> None:
    """Train a model on labelled strings (L-BFGS with elastic-net regularisation).

    crfsuite's L-BFGS is deterministic for the same data in the same order, so a
    seeded order of the training strings gives the same model file every time.
    """
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for seq in data:
        trainer.append(features(seq.tokens), seq.labels)
    trainer.set_params(
        {
            "c1": c1,
            "c2": c2,
            "max_iterations": max_iterations,
            "feature.minfreq": min_freq,
            "feature.possible_transitions": True,
        }
    )
    trainer.train(str(model))
    with _LOCK:
        _TAGGERS.pop(str(model), None)


# ---------------------------------------------------------------- spans to fields


def spans(tokens: Sequence[str], labels: Sequence[str]) -> list[tuple[str, str]]:
    """Runs of tokens with one label, in order: `[(label, text), ...]`."""
    out: list[tuple[str, str]] = []
    for token, label in zip(tokens, labels, strict=False):
        if out and out[-1][0] == label:
            out[-1] = (label, out[-1][1] + " " + token)
        else:
            out.append((label, token))
    return out


@dataclass
class ParsedReference:
    """BibTeX fields read from one reference string, each non-empty text."""

    entry_type: str = "misc"
    fields: dict[str, str] = field(default_factory=dict)
    authors: list[Name] = field(default_factory=list)
    editors: list[Name] = field(default_factory=list)
    year: int | None = None
    labels: list[str] = field(default_factory=list)  # one per token
    confidence: float = 1.0  # the lowest per-token probability of the chosen labels
    first_label: str = ""  # what the string starts with (after a citation number)

    @property
    def container(self) -> str:
        return self.fields.get("journal") or self.fields.get("booktitle") or ""


_ETAL = re.compile(r"(?i)(?:,?\s*\bet\.?\s*al\.?|,?\s*\band others|\s*\.\.\.|\s*…)\s*$")
_ED_MARK = re.compile(
    r"(?i)\(\s*(?:eds?|hrsg|hg|dir|coord|comps?|trans|ред)\.?s?\s*\)|"
    r"\b(?:edited|translated|herausgegeben|hrsg\.|hg\.)\s+(?:by|von)?\b|"
    r"(?:^|\s|,)(?:eds?|Hrsg|Hg|trans|transl)\.(?=\s|,|$)|\b(?:editors?|eds)\b"
)
_PUNCT_EDGE = " \t,;:.–—-"


def _clean(text: str, keep_final_dot: bool = False) -> str:
    text = re.sub(r"\s+", " ", text).strip(" \t,;:–—")
    if text.startswith("(") and text.endswith(")") and text.count("(") == 1:
        text = text[1:-1].strip()
    while text.endswith(")") and text.count(")") > text.count("("):
        text = text[:-1].rstrip(" ,;:")
    while text.startswith("(") and text.count("(") > text.count(")"):
        text = text[1:].lstrip()
    if text.endswith(".") and not keep_final_dot and not re.search(r"(?:^|[\s.])\w{1,3}\.$", text):
        text = text[:-1]
    return text.strip(" \t,;:")


def _strip_quotes(text: str) -> str:
    text = text.strip()
    text = re.sub(r"^[\"“”„«‘']\s*", "", text)
    text = re.sub(r"\s*[,.]?\s*[\"”»’']\s*[,.:;]?$", "", text)
    return text


# "Title. In:", "Title – In": the word that opens the container is never the end of a title
_TRAILING_IN = re.compile(r"(?:(?<=[.?!])|\s+[–—-])\s+(?i:in|dans)\s?:?$|\s+(?i:in|dans)\s?:$")


def clean_title(text: str) -> str:
    text = _TRAILING_IN.sub("", _clean(text))
    text = _strip_quotes(_clean(text))
    text = re.sub(r"^\[[A-Z]+\]\s*", "", text)  # "[BOOK]", "[PDF]" tags
    text = text.strip(" ,;:")
    if text.endswith(".") and not text.endswith(".."):
        text = text[:-1]
    return text.strip()


_UP = "A-ZÀ-ÖØ-ÞА-ЯЁІЇЄҐ"
_LO = "a-zß-öø-ÿа-яёіїєґ"
# French, Italian and many humanities styles print the surname in capitals before the given
# name: "DURAND Amélie", "CHEDEVILLE André et TONNERRE Noël-Yves". Capitals of three letters
# or more with a vowel are a surname, not initials ("MJ Okonkwo", "JJM Smith").
_CAPS_SURNAME = re.compile(
    rf"(?<![\w.])([{_UP}][{_UP}'’\-]{{2,}})\s+([{_UP}][{_LO}][\w'’\-]*(?:[ \-][{_UP}][{_LO}][\w'’\-]*)?)"
    rf"(?=\s*(?:[,;]|$|\s(?:et|and|und|&|y|e|i)\s))"
)


def _caps_surname(m: re.Match[str]) -> str:
    last = m.group(1)
    if not re.search(r"[AEIOUYÀ-ÆÈ-ÏÒ-ÖØ-ÜАЕЁИІЇОУЫЭЮЯЄ]", last):
        return m.group(0)
    last = "-".join(p[:1] + p[1:].lower() for p in last.split("-"))
    return f"{last}, {m.group(2)}"


# "AMAND (M.)", "Kefi (N.)": French lists print the initials in brackets after the surname.
_BRACKET_INITIALS = re.compile(
    rf"([{_UP}][\w'’\-]+(?:\s[{_UP}][\w'’\-]+)?)\s+\(((?:[{_UP}][{_LO}]?\.\s?-?)+)\)?(?=[\s,;]|$)"
)
# "BADALYAN R., SMITH A. T.", "DE NEVE G.": a surname in capitals before initials (the
# surname has a vowel and three letters or more, so "MJ" or "JJM" stay initials).
_CAPS_BEFORE_INITIALS = re.compile(
    rf"(?<![\w.])((?:[{_UP}]{{1,3}}\s)?[{_UP}][{_UP}'’\-]{{2,}})\s+((?:[{_UP}]\.\s?-?)+)"
    rf"(?=\s*(?:[,;:]|$|\s(?:et|and|und|&|y|e|i|и)\s))"
)


def _caps_before_initials(m: re.Match[str]) -> str:
    last = m.group(1)
    if not re.search(r"[AEIOUYÀ-ÆÈ-ÏÒ-ÖØ-ÜАЕЁИІЇОУЫЭЮЯЄ]", last):
        return m.group(0)
    last = " ".join("-".join(q[:1] + q[1:].lower() for q in p.split("-")) for p in last.split())
    return f"{last}, {m.group(2).strip()}"


def _names(text: str, editors: bool = False) -> list[Name]:
    """A name list through the page reader's own grammar, with a forgiving fallback.

    The fallback makes sure text the model calls an author is never lost: it is
    split at `;`, ` and `/`&`, or at every second comma for `Last, F.` lists.
    """
    text = re.sub(r"\s+", " ", text).strip()
    if editors:
        text = re.sub(r"^(?i:in:?)\s+", "", text)
        text = _ED_MARK.sub(" ", text)
    text = re.sub(r"\(\s*\)", " ", text)
    edge = " \t,;:–—-()"  # not ".": "Sato, K." keeps the dot of its initial
    text = _ETAL.sub("", text.strip(edge))
    text = re.sub(r"\s+", " ", text).strip(edge)
    if not text:
        return []
    text = _CAPS_SURNAME.sub(_caps_surname, text)
    text = _BRACKET_INITIALS.sub(r"\1, \2", text)
    text = _CAPS_BEFORE_INITIALS.sub(_caps_before_initials, text)
    names = parse_name_list(text)
    if names:
        return names
    parts = [p.strip(_PUNCT_EDGE) for p in re.split(r";|\s+(?:and|&|und|et|y|и)\s+", text)]
    out: list[Name] = []
    for part in parts:
        if not part:
            continue
        found = parse_name_list(part)
        if found:
            out.extend(found)
            continue
        pieces = [p.strip() for p in part.split(",") if p.strip()]
        if len(pieces) >= 2 and all(len(p.split()) <= 4 for p in pieces):
            # "Last, First, Last, First": pair them up
            for k in range(0, len(pieces) - 1, 2):
                out.append(name_from_text(f"{pieces[k]}, {pieces[k + 1]}"))
            if len(pieces) % 2:
                out.append(Name(last=pieces[-1]))
            continue
        if re.search(r"[^\W\d_]", part):
            if len(part.split()) > 4:
                out.append(Name(last="{" + part + "}"))  # a corporate author
            else:
                out.append(name_from_text(part))
    return [n for n in out if (n.last or n.first).strip()]


# unaccented `these` only as French prints it (`These de doctorat`): the English word
# (`These authors contributed equally`) says nothing about the entry type
_THESIS = re.compile(
    r"(?i)\b(?:ph\.?\s?d|doctoral|dissertation|doktor|thèse|tesis)\b|\b[Tt]hese\s+(?:de|d')"
)
_MASTERS = re.compile(r"(?i)\b(?:master'?s?|m\.?a\.?|m\.?sc?\.?|diplom)\b.*\bthesis\b")
_REPORT = re.compile(r"(?i)\b(?:technical report|tech\.? rep|report|working paper|memorandum)\b")
_PROC = re.compile(
    r"(?i)\b(?:proceedings|proc\.|conference|conf\.|workshop|symposium|congress|colloquium|"
    r"meeting|tagung|konferenz|actes|congreso)\b"
)


_MARKUP = re.compile(r"</?(?:italic|i|b|em|strong|cite|sup|sub|bold|span)\b[^<>]{0,40}>")


def to_fields(tokens: Sequence[str], labels: Sequence[str]) -> ParsedReference:
    """Tagged tokens as clean BibTeX fields, through the project's value helpers."""
    out = ParsedReference()
    # markup copied with the string (`<italic>Journal</italic>`) is no part of any value
    runs = [
        (lb, t)
        for lb, t in ((lb, _MARKUP.sub("", t).strip()) for lb, t in spans(tokens, labels))
        if t
    ]
    for k in range(1, len(runs)):
        # "volume 3345 of Lecture Notes in …": BibTeX's standard styles (format.bvolume in
        # plain.bst) print the series after `volume N of`; what follows is the series, not
        # the book (a capital `Vol. 6 of Sämtliche Werke` names a multi-volume work instead)
        label, text = runs[k]
        if (
            label in ("container-title", "journal")
            and runs[k - 1][0] == "volume"
            and re.fullmatch(r"volume\s+\d+", runs[k - 1][1])
            and text.startswith("of ")
        ):
            runs[k] = ("collection-title", text[3:])
    labels_seen = [label for label, _ in runs]
    lone = _lone_book_title(runs)
    if lone is not None:
        runs[lone] = ("title", runs[lone][1])
    elif (
        "title" in labels_seen
        and "container-title" not in labels_seen
        and "journal" not in labels_seen
    ):
        # "Title. In Editor (ed.), Book Title, ...": the second title after an editor is the book's
        seen_editor = False
        for k, (label, text) in enumerate(runs):
            if label == "editor" and k > labels_seen.index("title"):
                seen_editor = True
            elif label == "title" and seen_editor:
                runs[k] = ("container-title", text)
                break
    if "date" not in labels_seen:
        runs = _year_out_of_title(runs)
    runs = _date_parenthesis(runs)
    runs = _quoted_title_end(runs)
    first: dict[str, str] = {}
    allof: dict[str, list[str]] = {}
    for label, text in runs:
        first.setdefault(label, text)
        allof.setdefault(label, []).append(text)
    f = out.fields

    # "[3] M. Maire", "3. G.K. Sukandi": a citation number run into the author list is no name
    author_text = _CITATION_NUMBER.sub("", " ".join(allof.get("author", [])))
    if (
        len(allof.get("author", [])) == 1
        and "editor" not in allof
        and _EDITORS_END.search(author_text)
    ):
        # `Binstock, R. H., & George, L. K. (Eds.).`, `Demarais, S., and P. R. Krausman,
        # editors.`: a name list closed by an editor mark names the editors of the work
        allof["editor"], author_text = [author_text], ""
    if author_text and len(allof.get("author", [])) > 1:
        # each name run read on its own: the punctuation of one (`Dany Lang,` then a stray
        # `euros, de mars`) must not change how the other's names are split (joined, the
        # commas made `Dany Lang` one surname); the first run's first name stays first
        out.authors = [
            name
            for k, run in enumerate(allof["author"])
            for name in _names(_CITATION_NUMBER.sub("", run) if k == 0 else run)
        ]
    elif author_text:
        out.authors = _names(author_text)
    editor_text = " ".join(allof.get("editor", []))
    if editor_text:
        out.editors = _names(editor_text, editors=True)
    title = clean_title(first.get("title", ""))
    if title:
        f["title"] = title
    for text in allof.get("date", []):
        # a span the model tagged as the date may hold a year before 1800, which page text
        # does not take for one (`Hutchinson, William. 1778. A View of Northumberland …`)
        ys = years_in(text) or [int(y) for y in _EARLY_YEAR.findall(text)]
        if ys:
            out.year = ys[0]
            if re.search(r"\d\s*[;:(]\s*\d", text):
                # "2018;12(3):45-67." is one token: volume, issue and pages glued to the year
                m = _VANCOUVER.match(_clean(text))
                if m:
                    parts = (m.group(2), m.group(3), m.group(4) and normalise_pages(m.group(4)))
                else:
                    info = parse_venue(text)
                    parts = (info.volume, info.number, info.pages)
                for key, value in zip(("volume", "number", "pages"), parts, strict=True):
                    if value:
                        f.setdefault(key, value)
            low = text.lower()
            month = next(
                (MONTHS[m] for m in re.findall(r"[a-z]{3,9}", low) if m in MONTHS),
                "",
            )
            if month:
                f["month"] = month
            break
    journal = _venue(" ".join(allof.get("journal", [])), out)
    container = _venue(" ".join(allof.get("container-title", [])), out)
    vol_text = " ".join(allof.get("volume", []))
    m = _VANCOUVER.match(_clean(vol_text)) if vol_text else None
    if m:
        # "2021;44(2):118-39": Vancouver's year;volume(issue):pages printed as one token
        out.year = out.year or int(m.group(1))
        f["volume"] = m.group(2)
        if m.group(3):
            f["number"] = m.group(3)
        if m.group(4):
            f.setdefault("pages", normalise_pages(m.group(4)))
    elif vol_text:
        info = parse_venue(_clean(vol_text))
        volume = info.volume or _first_number(vol_text)
        if volume:
            f["volume"] = volume
        if info.number:
            f["number"] = info.number.strip("() ")
        if info.pages and "pages" not in f:
            f["pages"] = info.pages
        if info.year and not out.year:
            out.year = info.year
    page_text = first.get("pages", "")
    if page_text:
        pages = _pages(page_text)
        if pages:
            f["pages"] = pages
    publisher = _clean(first.get("publisher", ""), keep_final_dot=False)
    location = _clean(first.get("location", ""))
    m = re.match(r"^([^:,;]{2,40}?)\s?:\s*(\S.*)$", publisher)
    if m and not location:
        # the imprint "Place: Publisher" tagged as one span
        location, publisher = m.group(1), m.group(2)
    if publisher:
        f["publisher"] = publisher
    if location:
        f["address"] = location
    edition = _clean(first.get("edition", ""))
    if edition:
        f["edition"] = re.sub(r"(?i)\s*(?:ed\.?|edn\.?|edition|aufl\.?|Auflage)$", "", edition)
    whole = " ".join(tokens)
    doi = find_doi(" ".join(allof.get("doi", []))) or find_doi(whole)
    if doi:
        f["doi"] = doi
    url_text = " ".join(allof.get("url", []))
    m = URL_RE.search(url_text)
    if m and "doi.org/" not in m.group(0):
        f["url"] = m.group(0).rstrip(".,;)")
    notes = [_clean(t) for t in allof.get("note", []) + allof.get("genre", [])]
    notes = [
        n
        for n in notes
        if n and not re.fullmatch(r"(?i)(?:retrieved|available)(?: from| at)?:?", n)
    ]
    genre = " ".join(allof.get("genre", []))
    if notes:
        f["note"] = "; ".join(notes)
    series = _clean(first.get("collection-title", ""))
    if series:
        f["series"] = series

    # the entry type, from what the string says
    etype = "misc"
    if _THESIS.search(genre) or _THESIS.search(f.get("note", "")):
        etype = "mastersthesis" if _MASTERS.search(genre + " " + f.get("note", "")) else "phdthesis"
    elif _REPORT.search(genre) or (not journal and not container and _REPORT.search(title)):
        etype = "techreport"
    elif journal:
        etype = "inproceedings" if _PROC.search(journal) else "article"
    elif container:
        etype = "inproceedings" if _PROC.search(container) else "incollection"
    elif publisher or f.get("address"):
        etype = "book"
    out.entry_type = etype
    venue = journal or container
    if venue:
        slot = {
            "article": "journal",
            "phdthesis": "school",
            "mastersthesis": "school",
            "techreport": "institution",
        }.get(etype, "booktitle")
        if etype in ("phdthesis", "mastersthesis", "techreport") and not journal and container:
            slot = "booktitle" if etype == "techreport" else "school"
        f[slot] = venue
    if etype in ("phdthesis", "mastersthesis") and "school" not in f and publisher:
        f["school"] = f.pop("publisher")
    if etype == "techreport" and "institution" not in f and publisher:
        f["institution"] = f.pop("publisher")
    if out.authors:
        f["author"] = format_names(out.authors)
    if out.editors:
        f["editor"] = format_names(out.editors)
    if out.year:
        f["year"] = str(out.year)
    out.fields = {k: v.strip() for k, v in f.items() if v and v.strip()}
    return out


def _lone_book_title(runs: Sequence[tuple[str, str]]) -> int | None:
    """Which run of a string without a title is the work's title, tagged as a container.

    A book title alone, tagged as a container, is the title (journals are not: physics
    styles print no article title, "S. Han, Nano Lett. 2010, 10, 1012."; nor is a book
    cited with pages: that is a part of it whose title the style left out). A journal
    span is the title too when the string has an imprint and no volume or pages: a book
    (anystyle's strings label such a title `title` in about 2,000 strings but `journal` in
    57 of ugly.xml's: APA's italic book title, `Bandura, A. (1986). <italic>Social
    foundations …</italic> Englewood Cliffs, NJ: Prentice Hall.`, and wildlife reports,
    `Reeves, H. M. 1966. Title. Division …, Minneapolis`). The gold spans go through the
    same conversion, so the scorer reads such a labelled string as a book too.
    """
    seen = {label for label, _ in runs}
    if "title" in seen or "pages" in seen:
        return None
    for k, (label, text) in enumerate(runs):
        if label == "container-title" and not re.match(r"(?i)in:?\s", text):
            return k
    if "container-title" in seen or "volume" in seen or not seen & {"publisher", "location"}:
        return None
    return next((k for k, (label, _) in enumerate(runs) if label == "journal"), None)


# an editor mark closing a name list: `(Eds.).`, `, editors.`, `Hrsg.`, `(dir.)`, `ed.` (not a
# capital `Ed.` alone: `Smith, Ed.` may be Edward)
_EDITORS_END = re.compile(
    r"(?:\(\s*(?i:eds?|editors?|hrsg|hg|dir|coord|comps?)\.?s?\s*\)|"
    r"(?:^|[\s,])(?:eds?\.|Eds\.|[Ee]ditors?|[Hh]rsg\.|[Hh]g\.))[.,:;]?$"
)
_EARLY_YEAR = re.compile(r"(?<![\d.\-/])(1[5-7]\d\d)(?!\d)")
_CITATION_NUMBER = re.compile(r"^\s*(?:\[\d{1,4}\]|\(\d{1,4}\)|\d{1,4}[.)])\s+")
_LEADING_YEAR = re.compile(r"^(\(?(?:1[5-9]|20)\d\d[a-z]?\)?[.,:]?)\s+(\S.*)$")
_TRAILING_YEAR = re.compile(r"^(.*\S)\s+(\((?:1[5-9]|20)\d\d[a-z]?\)[.,]?)$")


_OPENERS = {"“": "”", '"': '"', "«": "»", "„": "“”", "‘": "’", "``": "''"}


def _quoted_title_end(runs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """`“The Dualization of Europe”, Communication à la …` tagged as one title: a title opened
    by a quotation mark ends at the closing mark; what follows it belongs to the venue after
    it (only when a journal or book title follows, to take the words)."""
    out = list(runs)
    for k in range(len(out) - 1):
        label, text = out[k]
        nxt, after = out[k + 1]
        if label != "title" or nxt not in ("journal", "container-title"):
            continue
        opener = next((o for o in _OPENERS if text.startswith(o)), "")
        if not opener:
            continue
        words = text.split()
        closers = _OPENERS[opener]
        for i, w in enumerate(words[:-1]):
            core = w.rstrip(".,;:")[len(opener) if i == 0 else 0 :]
            if core and core[-1] in closers:
                out[k] = ("title", " ".join(words[: i + 1]))
                out[k + 1] = (nxt, " ".join(words[i + 1 :]) + " " + after)
                break
    return out


def _date_parenthesis(runs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """`(2014, Avril). Title …`, `(in press) Title …` tagged `date: (2014,` `title: Avril).
    Title`: a parenthesis opened in the date closes in the date, so the words up to the
    closing bracket at the start of the title belong to the date."""
    out = list(runs)
    for k in range(1, len(out)):
        (prev, date), (label, text) = out[k - 1], out[k]
        if prev != "date" or label != "title" or date.count("(") <= date.count(")"):
            continue
        words = text.split()
        close = next((i for i, w in enumerate(words[:3]) if ")" in w and "(" not in w), None)
        if close is None or close + 1 >= len(words):
            continue
        out[k - 1] = ("date", f"{date} {' '.join(words[: close + 1])}")
        out[k] = ("title", " ".join(words[close + 1 :]))
    return out


def _year_out_of_title(runs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """A string without a date span whose title starts with a year (`1962. Selected
    Writings`, `(2003). Statistics on ...`) or ends with one in brackets: the year is the date,
    not part of the title (author-date styles print it between the authors and the title)."""
    for k, (label, text) in enumerate(runs):
        if label != "title":
            continue
        m = _LEADING_YEAR.match(text)
        if m:
            return [*runs[:k], ("date", m.group(1)), ("title", m.group(2)), *runs[k + 1 :]]
        m = _TRAILING_YEAR.match(text)
        if m:
            return [*runs[:k], ("title", m.group(1)), ("date", m.group(2)), *runs[k + 1 :]]
        break
    return runs


def _venue(text: str, out: ParsedReference) -> str:
    """A journal or book title span, cleaned; numbers tagged with it go to their fields.

    `Cartogr Fict. 2019;11(1):201-222.` tagged as one journal span goes through the
    venue grammar (`parse_venue`), which splits off year, volume, issue and pages.
    """
    text = _clean(text, keep_final_dot=True)
    text = re.sub(r"^(?i:in:?)\s+", "", text).strip(" ,:")
    if re.search(r"\d", text):
        info = parse_venue(text)
        if info.venue and (info.year or info.has_numbers):
            text = info.venue
            f = out.fields
            for key, value in (("volume", info.volume), ("number", info.number),
                               ("pages", info.pages)):  # fmt: skip
                if value and key not in f:
                    f[key] = value
            out.year = out.year or info.year
    if text.endswith(".") and not re.search(r"\w\.\s", text):
        text = text[:-1]
    return text.strip(" ,;:")


_VANCOUVER = re.compile(
    r"^((?:1[5-9]|20)\d\d)[a-z]?(?:\s+[A-Za-z]{3,9}\.?(?:\s+\d{1,2})?)?;\s*(\d{1,5})"
    r"(?:\s*\(([\w\-–/]{1,12})\))?(?::\s*([A-Za-z]?\d{1,7}(?:\s*[-–]\s*[A-Za-z]?\d{1,7})?))?$"
)


def _first_number(text: str) -> str:
    m = re.search(r"\b(\d{1,5}|[IVXLC]{1,6})\b", text)
    return m.group(1) if m else ""


def _pages(text: str) -> str:
    text = _clean(text)
    text = re.sub(r"(?i)^(?:pp?\.?|pages?|s\.|S\.|seiten|с\.|стр\.)\s*", "", text).strip()
    m = re.search(
        r"[A-Za-z]?\d{1,7}[A-Za-z]?(?:\s*(?:--?|–|—|‐|‑)\s*[A-Za-z]?\d{1,7}[A-Za-z]?)?", text
    )
    if not m:
        return ""
    return normalise_pages(m.group(0))


def parse_reference(text: str, model: Path | None = None) -> ParsedReference:
    """One reference string as BibTeX fields (empty fields when the string is empty)."""
    tokens = tokenise(text)
    if not tokens:
        return ParsedReference()
    labels, probs = tag_with_confidence(tokens, model)
    parsed = to_fields(tokens, labels)
    parsed.labels = labels
    parsed.confidence = min(probs)
    parsed.first_label = next((lb for lb in labels if lb != "citation-number"), "")
    return parsed
