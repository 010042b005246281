"""The trained reference-string parser (refs/scrape/refstring.py): what a user gets from one string.

All references here are invented. The shipped model must read one invented work
printed in the common styles, never raise on any text, give only non-empty
fields, open fast, and be trained reproducibly.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from refmerge.refs.names import parse_bibtex_names
from refmerge.refs.scrape import cite, refstring
from refmerge.refs.scrape.reader import read_scrape

REPO = Path(__file__).resolve().parent.parent

TITLE = "lantern signals in the fictional archipelago"
STYLES = {
    "apa": "Okonkwo, M. J., & Hallberg, T. (2018). Lantern signals in the fictional archipelago. "
    "Journal of Invented Maritime Studies, 12(3), 45–67.",
    "mla": 'Okonkwo, Miriam J., and Tove Hallberg. "Lantern Signals in the Fictional Archipelago." '
    "Journal of Invented Maritime Studies, vol. 12, no. 3, 2018, pp. 45-67.",
    "chicago": 'Okonkwo, Miriam J., and Tove Hallberg. 2018. "Lantern Signals in the Fictional '
    'Archipelago." Journal of Invented Maritime Studies 12 (3): 45–67.',
    "harvard": "Okonkwo, M.J. and Hallberg, T. (2018) 'Lantern signals in the fictional "
    "archipelago', Journal of Invented Maritime Studies, 12(3), pp. 45–67.",
    "vancouver": "Okonkwo MJ, Hallberg T. Lantern signals in the fictional archipelago. "
    "Journal of Invented Maritime Studies. 2018;12(3):45-67.",
    "ieee": 'M. J. Okonkwo and T. Hallberg, "Lantern signals in the fictional archipelago," '
    "Journal of Invented Maritime Studies, vol. 12, no. 3, pp. 45–67, 2018.",
}


def _surname(fields: dict[str, str]) -> str:
    names = parse_bibtex_names(fields.get("author", ""))
    return names[0].last if names else ""


@pytest.mark.parametrize("style", sorted(STYLES))
def test_one_work_in_each_style_gives_title_author_year_and_journal(style: str) -> None:
    parsed = refstring.parse_reference(STYLES[style])
    f = parsed.fields
    assert f.get("title", "").casefold() == TITLE
    assert _surname(f) == "Okonkwo"
    assert f.get("year") == "2018"
    assert f.get("journal") == "Journal of Invented Maritime Studies"
    assert parsed.entry_type == "article"
    assert f.get("volume") == "12"
    assert f.get("pages") == "45--67"


def test_a_book_with_place_and_publisher() -> None:
    parsed = refstring.parse_reference(
        "Vasquez-Holm, Ingrid. The Salt Roads of Nowhere. 2nd ed. Fabletown: Quill Press, 2011."
    )
    f = parsed.fields
    assert parsed.entry_type == "book"
    assert f["title"] == "The Salt Roads of Nowhere"
    assert _surname(f) == "Vasquez-Holm"
    assert f["year"] == "2011"
    assert f["publisher"] == "Quill Press"
    assert f["address"] == "Fabletown"


def test_a_chapter_names_its_editors_and_book() -> None:
    parsed = refstring.parse_reference(
        "Abernathy, L. (2019). Counting invented birds. In R. Lind & S. Mbeki (Eds.), "
        "Handbook of imaginary ornithology (pp. 101-120). Nowhere: Fable Press."
    )
    f = parsed.fields
    assert parsed.entry_type == "incollection"
    assert f["title"] == "Counting invented birds"
    assert f["booktitle"] == "Handbook of imaginary ornithology"
    assert [n.last for n in parse_bibtex_names(f["editor"])] == ["Lind", "Mbeki"]
    assert f["pages"] == "101--120"


def test_dois_and_urls_are_kept_clean() -> None:
    parsed = refstring.parse_reference(
        "Okafor, A. (2020). Whispering dunes. Fictional Review, 3, 1-9. "
        "https://doi.org/10.9999/fr.2020.001."
    )
    assert parsed.fields["doi"] == "10.9999/fr.2020.001"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.one_of(
            st.text(min_size=1, max_size=12),
            st.sampled_from(
                [
                    "(2019).",
                    "pp.",
                    "12(3),",
                    "45-67.",
                    "In",
                    "(Eds.),",
                    "Smith,",
                    "J.",
                    "&",
                    '"A',
                    'title,"',
                    "vol.",
                    "doi:10.1/x",
                    "http://x.org/a",
                    "Press,",
                    "London:",
                    "et",
                    "al.",
                    "…",
                    "«",
                    "»",
                    "—",
                    "()",
                    ".",
                    ",",
                ]
            ),
        ),
        max_size=40,
    ).map(" ".join)
)
def test_never_raises_and_every_field_is_non_empty_text(text: str) -> None:
    parsed = refstring.parse_reference(text)
    for name, value in parsed.fields.items():
        assert isinstance(value, str) and value.strip() == value and value, name
    assert parsed.entry_type


def test_the_model_opens_fast() -> None:
    """Opening the shipped model is a memory map: well under 100 ms (bound generous for CI)."""
    refstring._TAGGERS.clear()
    start = time.perf_counter()
    refstring._tagger()
    took = time.perf_counter() - start
    assert took < 0.5
    assert refstring.MODEL_PATH.stat().st_size < 8_000_000


def test_reading_bibtex_never_loads_the_model() -> None:
    code = (
        "import sys\n"
        "from refmerge.refs.formats.registry import read_text\n"
        "read_text('@article{a, title={T}, author={A, B}, year={2020}}', 'x.bib')\n"
        "print('pycrfsuite' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


TINY = """<?xml version="1.0" encoding="UTF-8"?>
<dataset>
{}
</dataset>
"""


def _tiny_corpus() -> str:
    people = ["Okafor, A.", "Brenner, L.", "Lind, T.", "Mbeki, S.", "Holm, I.", "Sato, K."]
    words = ["dunes", "lanterns", "tides", "maps", "salt", "owls", "bells", "reeds"]
    journals = ["Fictional Review", "Journal of Nowhere", "Invented Letters"]
    seqs = []
    for k in range(24):
        title = f"On {words[k % 8]} and {words[(k * 3 + 1) % 8]}."
        seqs.append(
            "<sequence>"
            f"<author>{people[k % 6]}</author><date>({2000 + k}).</date>"
            f"<title>{title}</title><journal>{journals[k % 3]},</journal>"
            f"<volume>{k + 1},</volume><pages>{k}-{k + 9}.</pages>"
            "</sequence>"
        )
    return TINY.format("\n".join(seqs))


def test_training_is_reproducible(tmp_path: Path) -> None:
    data = refstring.read_dataset(_tiny_corpus())
    a, b = tmp_path / "a.crfsuite", tmp_path / "b.crfsuite"
    refstring.train(data, a, max_iterations=30)
    refstring.train(data, b, max_iterations=30)
    assert a.read_bytes() == b.read_bytes()
    parsed = refstring.parse_reference(
        "Sato, K. (2031). On bells and owls. Journal of Nowhere, 7, 3-12.", a
    )
    assert parsed.fields["title"] == "On bells and owls"
    assert parsed.fields["journal"] == "Journal of Nowhere"
    assert parsed.fields["year"] == "2031"


def test_the_training_script_runs_on_a_tiny_corpus(tmp_path: Path) -> None:
    """bench/train_refstrings.py end to end on invented data: same model file twice."""
    spec = importlib.util.spec_from_file_location(
        "train_refstrings", REPO / "bench" / "train_refstrings.py"
    )
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in mod.FILES:
        (corpus / name).write_text(_tiny_corpus(), encoding="utf-8")
    digests = []
    for run in ("one", "two"):
        model = tmp_path / f"{run}.crfsuite"
        mod.main(["--corpus", str(corpus), "--model", str(model), "--max-iterations", "20",
                  "--no-rules", "--generated", "0"])  # fmt: skip
        digests.append(model.read_bytes())
    assert digests[0] == digests[1]


def test_a_reference_list_in_unfamiliar_styles_gives_one_record_per_reference() -> None:
    page = "\n".join(
        [
            "References",
            "",
            "1. Okonkwo MJ, Hallberg T. Lantern signals in the fictional archipelago. "
            "J Invent Marit Stud. 2018;12(3):45-67.",
            "2. DURAND Amélie, Les cloches de nulle part, Éditions du Vent, Fableville, 2009.",
            "3. Brenner, L., Sato, K.: On bells and owls. Invented Letters 7, 3–12 (2031)",
        ]
    )
    refs = read_scrape(page, "refs.txt").references
    assert len(refs) == 3
    assert [parse_bibtex_names(r.fields["author"])[0].last for r in refs] == [
        "Okonkwo",
        "Durand",
        "Brenner",
    ]
    assert [r.fields.get("year") for r in refs] == ["2018", "2009", "2031"]


@pytest.mark.parametrize(
    "line",
    [
        "[v2] Tue, 3 Mar 2020 11:15:00 UTC (310 KB)",
        "Received: 12 March 2019; Accepted: 4 May 2019; Published: 1 June 2019",
        "© 2021 The Authors. Published by Invented Press, Nowhere.",
        "Downloads (last 12 months): 1,204 · Citations: 17 (2019-2023)",
    ],
)
def test_page_furniture_with_dates_is_not_a_reference(line: str) -> None:
    """Lines with dates and punctuation that are not references never become records."""
    assert cite.parse_citation(line, 1) is None


def _gen_module() -> Any:
    spec = importlib.util.spec_from_file_location(
        "gen_refstrings", REPO / "bench" / "gen_refstrings.py"
    )
    assert spec and spec.loader
    sys.path.insert(0, str(REPO / "bench"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _invented_style(item: dict[str, Any], style: str) -> str:
    """A Vancouver-like style, as a CSL processor would print the item (names as initials,
    the year in front of the volume, `pp.` and `doi:` going with their fields)."""
    names = []
    for n in item.get("author", []):
        initials = "".join(w[0] for w in n["given"].split())
        names.append(f"{n['family']} {initials}")
    out = ", ".join(names) + f". {item['title']}. "
    if "container-title" in item:
        out += f"{item['container-title']}. "
    out += str(item["issued"]["date-parts"][0][0])
    if "volume" in item:
        out += f";{item['volume']}"
    if "page" in item:
        out += f", pp. {item['page']}"
    if "DOI" in item:
        out += f". doi: {item['DOI']}"
    return out + "."


def test_generated_strings_are_labelled_by_what_each_field_changes() -> None:
    """bench/gen_refstrings.py labels a rendered record by rendering it again with one field
    changed or removed: the characters that differ are the field's, whatever the style does
    to them (initials, case), and affixes such as `pp.` go with their field."""
    gen = _gen_module()
    item = {
        "id": "w", "type": "article-journal", "title": "On bells and owls",
        "author": [{"family": "Sato", "given": "Kei Ann"}, {"family": "Ilves", "given": "Maru"}],
        "container-title": "Journal of Nowhere", "issued": {"date-parts": [[2031]]},
        "volume": "7", "page": "3–12", "DOI": "10.9999/bells.7",
    }  # fmt: skip
    seq = gen.label(item, "invented", _invented_style)
    assert seq.text == (
        "Sato KA, Ilves M. On bells and owls. Journal of Nowhere. 2031;7, pp. 3–12. "
        "doi: 10.9999/bells.7."
    )
    assert list(zip(seq.tokens, seq.labels, strict=True)) == [
        ("Sato", "author"), ("KA,", "author"), ("Ilves", "author"), ("M.", "author"),
        ("On", "title"), ("bells", "title"), ("and", "title"), ("owls.", "title"),
        ("Journal", "journal"), ("of", "journal"), ("Nowhere.", "journal"),
        ("2031;7,", "volume"), ("pp.", "pages"), ("3–12.", "pages"),
        ("doi:", "doi"), ("10.9999/bells.7.", "doi"),
    ]  # fmt: skip


def test_volume_n_of_a_series_names_the_series_not_the_book() -> None:
    """BibTeX's own styles print `volume 12 of Series`: however the model tags the words
    after `of`, they are the series, and the book stays the book."""
    text = (
        "K. Sato. Owls at Dusk. In Studies of Invented Birds, volume 12 of Notes in Imaginary "
        "Ornithology, pages 3--9. Fiktiv, 2031."
    )
    tokens = text.split()
    labels = ["author"] * 2 + ["title"] * 3 + ["container-title"] * 5 + ["volume"] * 2
    labels += ["container-title"] * 5 + ["pages"] * 2 + ["publisher", "date"]
    parsed = refstring.to_fields(tokens, labels)
    assert parsed.fields["series"] == "Notes in Imaginary Ornithology"
    assert parsed.fields["booktitle"] == "Studies of Invented Birds"
    assert parsed.fields["volume"] == "12"
    # a capital `Vol. 6 of` names a volume of a multi-volume work: left as it was tagged
    tokens = "K. Sato. Owls. Vol. 6 of Collected Works. Fiktiv, 2031.".split()
    labels = ["author"] * 2 + ["title"] + ["volume"] * 2 + ["container-title"] * 3
    labels += ["publisher", "date"]
    assert "series" not in refstring.to_fields(tokens, labels).fields


def test_a_parenthesis_opened_in_the_date_closes_in_the_date() -> None:
    """`(2014, Avril). Title` tagged `date: (2014,` / `title: Avril). Title`: the month and
    the bracket are the date's, not the title's first word (also `(in press) Title`)."""
    tokens = (
        "Lindqvist, H. (2014, Avril). Quand les marées inventées parlent. Revue Fictive, 3.".split()
    )
    labels = ["author"] * 2 + ["date"] + ["title"] * 6 + ["journal"] * 2 + ["volume"]
    parsed = refstring.to_fields(tokens, labels)
    assert parsed.fields["title"] == "Quand les marées inventées parlent"
    assert parsed.year == 2014
    tokens = "Lindqvist, H. (in press) Tidal clocks of the imaginary coast. Tidal Letters.".split()
    labels = ["author"] * 2 + ["date"] + ["title"] * 7 + ["journal"] * 2
    assert (
        refstring.to_fields(tokens, labels).fields["title"] == "Tidal clocks of the imaginary coast"
    )


def test_a_quoted_title_ends_at_its_closing_quote() -> None:
    """`“Title”, Communication à la …` tagged as one title: the words after the closing
    quotation mark are the venue's; inner single quotes do not end the title."""
    tokens = "Lindqvist H., “The Tides of Europe”, Communication au Congrès inventé, 2015.".split()
    labels = ["author"] * 2 + ["title"] * 6 + ["journal"] * 2 + ["date"]
    assert len(tokens) == len(labels)
    f = refstring.to_fields(tokens, labels).fields
    assert f["title"] == "The Tides of Europe"
    assert f["journal"].startswith("Communication au Congrès")
    tokens = "Lindqvist H., “Between ‘Old’ and ‘New’ Tides.” Tidal Letters, 2015.".split()
    labels = ["author"] * 2 + ["title"] * 5 + ["journal"] * 2 + ["date"]
    assert len(tokens) == len(labels)
    assert refstring.to_fields(tokens, labels).fields["title"] == "Between ‘Old’ and ‘New’ Tides"


def test_a_book_title_tagged_as_a_journal_is_the_books_title() -> None:
    """An imprint and no volume or pages make the work a book: its one title is its title,
    not a journal, however it was tagged (APA's italic book title); a journal with its
    volume and no article title (physics styles) stays a journal."""
    tokens = "Okafor, H. (2031). Tides of Nowhere. Gullwing Bay, NJ: Fiktiv Press.".split()
    labels = ["author"] * 2 + ["date"] + ["journal"] * 3 + ["location"] * 3 + ["publisher"] * 2
    parsed = refstring.to_fields(tokens, labels)
    assert parsed.fields["title"] == "Tides of Nowhere"
    assert parsed.entry_type == "book"
    assert "journal" not in parsed.fields
    tokens = "S. Okafor, Tidal Lett. 2031, 10, 1012.".split()
    labels = ["author"] * 2 + ["journal"] * 2 + ["date", "volume", "pages"]
    assert refstring.to_fields(tokens, labels).fields["journal"] == "Tidal Lett"


def test_each_name_run_is_read_on_its_own() -> None:
    """Two runs tagged author (a stray one after the title, a co-author in brackets): each
    is read on its own, so the punctuation of the second does not change how the first
    run's names are split, and the first author stays the first run's first name."""
    tokens = "Hanna Okafor, Membre du groupe inventé, 12 000 euros, de mars 2031.".split()
    labels = ["author"] * 2 + ["title"] * 6 + ["author"] * 3 + ["date"]
    first = refstring.to_fields(tokens, labels).authors[0]
    assert (first.first, first.last) == ("Hanna", "Okafor")
    tokens = (
        "Georg Okafor: Erste Gezeiten erfundener Küsten (zusammen mit W. Lindqvist) "
        "In: Z. Gezeiten. 21(2031)9, 486-494"
    ).split()
    labels = ["author"] * 2 + ["title"] * 4 + ["author"] * 4 + ["journal"] * 3
    labels += ["volume", "pages"]
    authors = refstring.to_fields(tokens, labels).authors
    assert [n.last for n in authors] == ["Okafor", "Lindqvist"]


def test_a_name_list_closed_by_an_editor_mark_names_editors() -> None:
    """`Okafor, H. A., & Lind, P. (Eds.). (2031). Title.` tagged as an author run: the mark
    closing the list says the names are the work's editors (also `, editors.`, `Hrsg.`)."""
    for names in ("Okafor, H. A., & Lind, P. (Eds.).", "Okafor, H. A., and P. Lind, editors."):
        tokens = f"{names} 2031. Handbook of Invented Tides. Gullwing Press.".split()
        labels = ["author"] * len(names.split()) + ["date"] + ["title"] * 4 + ["publisher"] * 2
        parsed = refstring.to_fields(tokens, labels)
        assert "author" not in parsed.fields
        assert [n.last for n in parsed.editors] == ["Okafor", "Lind"]
    # a capital `Ed.` alone may be a given name (Edward): the names stay authors
    tokens = "Okafor, Ed. 2031. Handbook of Invented Tides. Gullwing Press.".split()
    labels = ["author"] * 2 + ["date"] + ["title"] * 4 + ["publisher"] * 2
    assert refstring.to_fields(tokens, labels).fields["author"] == "Okafor, Ed"


def test_generated_strings_can_be_drawn_among_works_that_are_not_articles(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The libraries are nine tenths articles; `other_share` draws that share of the generated
    strings among the chapters, books, papers and theses instead, and 0 keeps the old stream."""
    gen = _gen_module()

    def work(k: int, kind: str) -> dict[str, Any]:
        return {
            "id": "w", "type": kind, "title": f"Invented {kind} number {k}",
            "author": [{"family": "Sato", "given": "Kei"}],
            "container-title": "Book or Journal of Nowhere", "issued": {"date-parts": [[2031]]},
        }  # fmt: skip

    pool = [work(k, "article-journal") for k in range(18)] + [work(k, "chapter") for k in (1, 2)]
    label = gen.label
    monkeypatch.setattr(gen, "records", lambda: pool)
    monkeypatch.setattr(gen, "styles", lambda: ("invented",))
    monkeypatch.setattr(gen, "label", lambda item, style: label(item, style, _invented_style))

    def chapters(share: float) -> int:
        return sum("chapter" in s.text for s in gen.generate(400, other_share=share))

    assert chapters(0.0) < 80  # about one in ten
    assert chapters(0.5) > 180  # about one in two
    first = [s.text for s in gen.generate(50)]
    assert first == [s.text for s in gen.generate(50, other_share=0.0)]
