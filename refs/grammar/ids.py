"""Identifiers: DOI, arXiv id, PMID, ISBN.

A DOI is written many ways (`https://doi.org/…`, `http://dx.doi.org/…`, `doi:…`,
`https://www.doi.org/…`, with a full stop or a bracket glued on at the end of a
sentence); every one of them names the same DOI. Readers store the bare DOI,
`check` validates it, matching compares it lower-cased, merge calls two spellings
equal, and the writer prints it bare: all through the functions here.
"""

from __future__ import annotations

import re

# The DOI itself: directory 10.NNNN, a slash, then any characters but space, quotes, braces
# and angle brackets. SICI-style DOIs hold <...> segments:
# 10.1002/(SICI)1521-3951(199911)216:1<29::AID-PSSB29>3.0.CO;2-#
DOI_BODY = r"10\.\d{4,9}/(?:[^\s\"<>{}]|<[^\s\"<>{}/]*>){1,300}"
DOI = re.compile(rf"(?<!\d){DOI_BODY}")
# What is written before a DOI and is not part of it (a resolver URL, a `doi:` label).
DOI_PREFIX = r"(?:(?:https?://)?(?:(?:dx|www)\.)?doi\.org/|doi:\s*|doi\s+)"
_PREFIX = re.compile(rf"^\s*{DOI_PREFIX}", re.IGNORECASE)
# Punctuation that ends a sentence or an enclosing bracket, not the DOI (curly quotes
# come with text copied from pages, a slash with a resolver URL copied whole).
_TRAIL = ".,;:)]}'\u201d\u2019/"
# Registrants whose DOIs name preprints (arXiv, bioRxiv/medRxiv, SSRN, PsyArXiv,
# Research Square, Preprints.org).
PREPRINT_DOI_PREFIXES = ("10.48550/", "10.1101/", "10.2139/", "10.31234/", "10.21203/", "10.20944/")

ARXIV_ID = r"\d{4}\.\d{4,5}|[a-z][a-z\-]+(?:\.[A-Z]{2})?/\d{7}"
_ARXIV_NEW = re.compile(r"(?<!\d)(?<!\d\.)(\d{4}\.\d{4,5})(?:v\d+)?(?!\d)")
_ARXIV_OLD = re.compile(r"\b([a-z][a-z\-]+(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?\b")
# an arXiv id right after "arXiv:", "arxiv.org/abs/", "10.48550/arXiv." (not any number nearby)
ARXIV_AFTER_LABEL = re.compile(
    rf"arxiv(?:\.org/(?:abs|pdf)/|[:.]\s*|\s+)({ARXIV_ID})(?:v\d+)?", re.IGNORECASE
)
# a PubMed id after its label or in a PubMed URL
PMID = re.compile(r"(?:pubmed(?:\.ncbi\.nlm\.nih\.gov)?/|\bpmid:?\s*)(\d{1,9})\b", re.IGNORECASE)


def trim_doi(doi: str) -> str:
    """Drop trailing punctuation, keeping a closing bracket the DOI itself opened."""
    while doi and doi[-1] in _TRAIL:
        if doi[-1] == ")" and doi.count("(") >= doi.count(")"):
            break
        if doi[-1] == "]" and doi.count("[") >= doi.count("]"):
            break
        if doi[-1] == "/" and doi.index("/") == len(doi) - 1:
            break  # the directory's own slash
        doi = doi[:-1]
    return doi


def _unescape(text: str) -> str:
    if "%2" in text:
        text = text.replace("%2F", "/").replace("%2f", "/")
    if "\\" in text:
        text = text.replace("\\_", "_").replace("\\%", "%")
    return text


def strip_doi_prefix(value: str) -> str:
    """The value without a leading resolver URL or `doi:` label (nothing else changes)."""
    return _PREFIX.sub("", value.strip()).strip()


def find_dois(*texts: str) -> tuple[str, ...]:
    """Every DOI in these texts, lower-cased (DOIs are case-insensitive), without URL
    prefix or trailing punctuation: what matching compares."""
    found: list[str] = []
    for text in texts:
        if not text or "10." not in text:
            continue
        for m in DOI.finditer(_unescape(text)):
            doi = trim_doi(m.group()).lower()
            if doi not in found:
                found.append(doi)
    return tuple(found)


def first_doi(text: str) -> str:
    """The first DOI in the text as written (case kept), bare, or ''."""
    if "10." not in text:
        return ""
    m = DOI.search(_unescape(text))
    return trim_doi(m.group()) if m else ""


def parse_doi(value: str) -> str:
    """The bare DOI a DOI field means ('https://doi.org/10.1/x.' -> '10.1/x'), or '' when
    the field holds no DOI. Case is kept: the registrant's spelling is what people copy."""
    return first_doi(strip_doi_prefix(value))


def same_doi(a: str, b: str) -> bool:
    """Two DOI field values name the same DOI (prefixes, case and trailing dots aside)."""
    da, db = parse_doi(a), parse_doi(b)
    if da and db:
        return da.lower() == db.lower()
    return strip_doi_prefix(a).lower() == strip_doi_prefix(b).lower()


def is_preprint_doi(doi: str) -> bool:
    return doi.startswith(PREPRINT_DOI_PREFIXES)


def normalise_arxiv(*texts: str) -> str:
    """The arXiv identifier without version ('2101.00001v3' -> '2101.00001'), or ''."""
    for text in texts:
        if not text:
            continue
        m = _ARXIV_NEW.search(text) or _ARXIV_OLD.search(text)
        if m:
            return m.group(1).lower()
    return ""


def isbn13(value: str) -> str:
    """ISBN-10 and ISBN-13 of one book give the same string (the ISBN-13 digits)."""
    digits = re.sub(r"[^0-9Xx]", "", value).upper()
    if len(digits) == 10:
        core = "978" + digits[:9]
        total = sum(int(c) * (1 if i % 2 == 0 else 3) for i, c in enumerate(core))
        return core + str((10 - total % 10) % 10)
    if len(digits) == 13 and digits.startswith(("978", "979")):
        return digits
    return ""


def isbns(value: str) -> tuple[str, ...]:
    """Every ISBN in a field that may list several, as ISBN-13 digits."""
    out: list[str] = []
    for part in re.split(r"[;,/]|\s{2,}|\s(?=97[89])", value):
        code = isbn13(part)
        if code and code not in out:
            out.append(code)
    return tuple(out)


def isbn_valid(digits: str) -> bool:
    """ISBN-10 or ISBN-13 check digit (digits only, an `X` allowed last in ISBN-10)."""
    digits = digits.upper()
    if len(digits) == 10 and digits[:9].isdigit() and (digits[9].isdigit() or digits[9] == "X"):
        values = [int(c) for c in digits[:9]] + [10 if digits[9] == "X" else int(digits[9])]
        return sum((10 - i) * v for i, v in enumerate(values)) % 11 == 0
    if len(digits) == 13 and digits.isdigit():
        total = sum((1 if i % 2 == 0 else 3) * int(c) for i, c in enumerate(digits))
        return total % 10 == 0
    return False
