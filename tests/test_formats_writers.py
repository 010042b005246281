"""RIS and CSL-JSON writers: chosen through the registry, and round trips that keep the work.

bibtex -> ris -> bibtex and bibtex -> csl-json -> bibtex must keep what identifies
a work: title, authors, year, venue, volume, issue, pages and DOI. Values are
compared after folding LaTeX to text and case/punctuation away, because the
foreign formats carry plain Unicode, not LaTeX (documented in docs/formats.md).
"""

from __future__ import annotations

import json
import re
import unicodedata

import pytest
import rispy
from hypothesis import given, settings
from hypothesis import strategies as st

from refmerge.refs.formats.fieldmap import expand_pages, to_plain
from refmerge.refs.formats.registry import WRITERS, read_path, read_text, writer_for_path
from refmerge.refs.model import Reference
from refmerge.refs.names import Name, format_names, parse_bibtex_names

from conftest import DATA, shared_path

EXTENSIONS = {"ris": ".ris", "csl-json": ".json"}
BOOKS = {"book", "mvbook", "collection", "proceedings", "mvcollection", "mvproceedings"}


def fold(value: str) -> str:
    text = unicodedata.normalize("NFKD", to_plain(value or "")).casefold()
    return re.sub(r"[\W_]+", "", text)


def author_tokens(value: str) -> list[tuple[str, ...]]:
    """Each author as the sorted words of its name (splitting into parts may differ)."""
    out = []
    for name in parse_bibtex_names(value):
        if name.is_others:
            continue  # RIS and CSL have no "and others"
        words = re.split(r"[\s.\-]+", to_plain(f"{name.first} {name.von} {name.last} {name.jr}"))
        out.append(tuple(sorted(fold(w) for w in words if fold(w))))
    return out


def identity(ref: Reference) -> dict[str, object]:
    f = ref.fields
    year = re.search(r"\d{4}", f.get("year") or f.get("date") or "")
    venue = "" if ref.entry_type in BOOKS else f.get("journal") or f.get("journaltitle")
    venue = venue or f.get("booktitle") or f.get("howpublished") or ""
    return {
        "title": fold(f.get("title", "")),
        "author": author_tokens(f.get("author", "")),
        "year": year.group() if year else "",
        "venue": "" if ref.entry_type in BOOKS else fold(venue),
        "volume": fold(f.get("volume", "")),
        "issue": fold(f.get("number") or f.get("issue") or ""),
        "pages": fold(expand_pages(f.get("pages", ""))),
        "doi": f.get("doi", "").strip().lower(),
    }


def round_trip(refs: list[Reference], writer: str) -> list[Reference]:
    text = WRITERS[writer].writer(refs)
    lib = read_text(text, "out" + EXTENSIONS[writer])
    # RM004 (info) may name a value the format could not carry back (a `year = {6}`).
    assert [d for d in lib.diagnostics if d.code != "RM004"] == []
    return lib.references


# ------------------------------------------------------------------ registry


def test_writers_are_registered_by_name_and_extension() -> None:
    assert writer_for_path("refs.ris") == "ris"
    assert writer_for_path("library.json") == "csl-json"
    assert writer_for_path("refs.bib") == "bibtex"


def test_ris_output_is_valid_ris_for_rispy() -> None:
    refs = read_path(str(DATA / "formats" / "sample.nbib")).references
    text = WRITERS["ris"].writer(refs)
    records = rispy.loads(text)
    assert [r["type_of_reference"] for r in records] == ["JOUR", "JOUR"]
    first = records[0]
    assert first["authors"][:2] == ["O'Sullivan, Siobhán", "de la Cruz, María José"]
    assert first["authors"][2] == "Transplant Lung Function Consortium"
    assert (first["start_page"], first["end_page"]) == ("455", "467")
    assert first["doi"] == "10.5555/rmed.2022.0118"
    assert not text.startswith("1.")  # no rispy record-number headers


def test_csljson_output_is_csl() -> None:
    refs = read_path(str(DATA / "formats" / "sample.ris")).references
    items = json.loads(WRITERS["csl-json"].writer(refs))
    article, chapter, paper = items
    assert article["type"] == "article-journal"
    assert article["id"] == "Okafor2021"
    assert article["author"][1] == {
        "family": "Berg",
        "given": "Jan",
        "non-dropping-particle": "van der",
    }
    assert article["author"][3] == {"literal": "Northern Lung Health Study Group"}
    assert article["issued"] == {"date-parts": [[2021, 3]]}
    assert article["container-title"] == "Journal of Respiratory Medicine & Allergy"
    assert article["page"] == "455-467"
    assert article["language"] == "en"
    assert chapter["type"] == "chapter"
    assert chapter["editor"] == [{"family": "Moreau", "given": "Étienne"}]
    assert paper["type"] == "paper-conference"


def test_latex_becomes_plain_unicode() -> None:
    ref = Reference(
        "article",
        "k",
        {
            "author": "M{\\\"u}ller, J{\\'e}r{\\^o}me and {World Health Organization}",
            "title": "{DNA} repair in {\\em E.~coli}: 50\\% faster \\& cheaper",
            "journal": "Nature",
            "year": "2020",
        },
    )
    (item,) = json.loads(WRITERS["csl-json"].writer([ref]))
    assert item["title"] == "DNA repair in E. coli: 50% faster & cheaper"
    assert item["author"] == [
        {"family": "Müller", "given": "Jérôme"},
        {"literal": "World Health Organization"},
    ]
    ris = WRITERS["ris"].writer([ref])
    assert "TI  - DNA repair in E. coli: 50% faster & cheaper" in ris
    assert "AU  - Müller, Jérôme" in ris


# ------------------------------------------------------------------ round trips


@pytest.mark.parametrize("writer", ["ris", "csl-json"])
@pytest.mark.parametrize(
    "fixture", ["sample.ris", "sample.nbib", "sample.ciw", "scopus.csv", "sample.json"]
)
def test_fixtures_survive_a_round_trip(fixture: str, writer: str) -> None:
    refs = read_path(str(DATA / "formats" / fixture)).references
    back = round_trip(refs, writer)
    assert [identity(r) for r in back] == [identity(r) for r in refs]
    for before, after in zip(refs, back, strict=True):
        for field in ("doi", "pmid", "issn", "isbn", "abstract", "keywords", "url", "month"):
            assert fold(after.get(field)) == fold(before.get(field)), field


CORPUS = [
    ("biblatex-examples.bib",),
    ("real", "bbt_Unabbreviate_on_import_1436-2.bib"),
    ("real", "bbt_web_page_and_other_mendeley_idiocy.bib"),
    ("bibtex-tidy", "biber__examples.bib"),
]


@pytest.mark.parametrize("writer", ["ris", "csl-json"])
@pytest.mark.parametrize("parts", CORPUS, ids=lambda p: p[-1])
def test_corpus_round_trip_keeps_the_work(parts: tuple[str, ...], writer: str) -> None:
    lib = read_path(str(shared_path("corpus", "bib", *parts)), "bibtex")
    assert not lib.has_errors  # only well-formed files belong here
    # A title holding escaped LaTeX source (`\textbackslash{}textendash`) cannot be kept as text.
    refs = [r for r in lib.references if "\\textbackslash" not in r.get("title")]
    back = round_trip(refs, writer)
    assert len(back) == len(refs) > 50
    lost = [
        (r.key, field)
        for r, b in zip(refs, back, strict=True)
        for field, value in identity(r).items()
        if identity(b)[field] != value
    ]
    assert lost == []


# ------------------------------------------------------------------ property

words = st.text(
    alphabet=st.sampled_from("abcdefghijklmnopqrstuvwxyzéöñ"), min_size=2, max_size=9
).map(str.capitalize)
names = st.builds(
    lambda first, von, last: Name(first=first, von=von, last=last),
    words,
    st.sampled_from(["", "van", "de la", "von"]),
    words,
)
records = st.builds(
    lambda authors, title, year, journal, volume, issue, start, length, doi: Reference(
        "article",
        "",
        {
            "author": format_names(authors),
            "title": " ".join(title),
            "year": str(year),
            "journal": " ".join(journal),
            "volume": str(volume),
            "number": str(issue),
            "pages": f"{start}--{start + length}",
            "doi": doi,
        },
    ),
    st.lists(names, min_size=1, max_size=5),
    st.lists(words, min_size=1, max_size=10),
    st.integers(1800, 2030),
    st.lists(words, min_size=1, max_size=5),
    st.integers(1, 400),
    st.integers(1, 12),
    st.integers(1, 5000),
    st.integers(0, 300),
    st.from_regex(r"10\.[0-9]{4,6}/[a-z0-9.\-]{0,19}[a-z0-9]", fullmatch=True),
)


@settings(max_examples=40, deadline=None)
@given(refs=st.lists(records, min_size=1, max_size=4), writer=st.sampled_from(["ris", "csl-json"]))
def test_round_trip_property(refs: list[Reference], writer: str) -> None:
    back = round_trip(refs, writer)
    assert [identity(r) for r in back] == [identity(r) for r in refs]
    for before, after in zip(refs, back, strict=True):
        # Exactly the same text for plain (LaTeX-free) values, names included.
        for field in ("title", "journal", "volume", "number", "pages", "doi", "year"):
            assert after.fields[field] == before.fields[field]
        # (braces only protect: a surname "And" may come back as "{And}", never read as "and")
        assert [
            (n.von + " " + n.last).strip().replace("{", "").replace("}", "")
            for n in parse_bibtex_names(after.get("author"))
        ] == [(n.von + " " + n.last).strip() for n in parse_bibtex_names(before.get("author"))]
