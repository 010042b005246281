"""The page reader's reading of one reference string (`cite.parse_citation`: rules and model).

Invented works printed in the styles reference lists use (APA, MLA, Chicago, Harvard,
Vancouver, IEEE) and in shapes the rules alone do not read (no year, no author, no
article title, surnames in capitals): the reader must get the title, the first
author's surname, the year and the container, and a string that is clearly a
reference must always give a record.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from refmerge.refs.names import Name, parse_bibtex_names
from refmerge.refs.scrape import cite, refstring
from refmerge.refs.scrape.record import Draft


def _read(line: str) -> dict[str, str]:
    draft = cite.parse_citation(line, 1)
    assert draft is not None, f"no record from a clear reference: {line}"
    return dict(draft.to_reference("x").fields)


def _surname(fields: dict[str, str]) -> str:
    names = parse_bibtex_names(fields.get("author", ""))
    return f"{names[0].von} {names[0].last}".strip() if names else ""


def _container(fields: dict[str, str]) -> str:
    return fields.get("journal") or fields.get("booktitle") or ""


ARTICLES = {
    "apa": "Lindqvist, H. A., Ferreira-Mbeki, O., & Tanaka, R. (2021). Tidal clocks of the "
    "imaginary coast. Journal of Fabricated Oceanography, 44(2), 118–139.",
    "mla": 'Lindqvist, Hanna A., et al. "Tidal Clocks of the Imaginary Coast." Journal of '
    "Fabricated Oceanography, vol. 44, no. 2, 2021, pp. 118-39.",
    "chicago": "Lindqvist, Hanna A., Olu Ferreira-Mbeki, and Rin Tanaka. 2021. “Tidal Clocks "
    "of the Imaginary Coast.” Journal of Fabricated Oceanography 44 (2): 118–39.",
    "harvard": "Lindqvist, H.A., Ferreira-Mbeki, O. and Tanaka, R. (2021) ‘Tidal clocks of "
    "the imaginary coast’, Journal of Fabricated Oceanography, 44(2), pp. 118–139.",
    "vancouver": "Lindqvist HA, Ferreira-Mbeki O, Tanaka R. Tidal clocks of the imaginary "
    "coast. Journal of Fabricated Oceanography. 2021;44(2):118-39.",
    "ieee": 'H. A. Lindqvist, O. Ferreira-Mbeki, and R. Tanaka, "Tidal clocks of the imaginary '
    'coast," Journal of Fabricated Oceanography, vol. 44, no. 2, pp. 118–139, 2021.',
}


@pytest.mark.parametrize("style", sorted(ARTICLES))
def test_an_article_in_each_style(style: str) -> None:
    f = _read(ARTICLES[style])
    assert f["title"].casefold() == "tidal clocks of the imaginary coast"
    assert _surname(f) == "Lindqvist"
    assert f["year"] == "2021"
    assert _container(f) == "Journal of Fabricated Oceanography"


BOOKS = {
    "apa": "Okwuosa, B. (2017). The lantern makers of Velm. Quillbridge Press.",
    "chicago": "Okwuosa, Bede. The Lantern Makers of Velm. Norvale: Quillbridge Press, 2017.",
    "harvard": "Okwuosa, B. (2017) The lantern makers of Velm. Norvale: Quillbridge Press.",
    "mla": "Okwuosa, Bede. The Lantern Makers of Velm. Quillbridge Press, 2017.",
}


@pytest.mark.parametrize("style", sorted(BOOKS))
def test_a_book_in_each_style(style: str) -> None:
    f = _read(BOOKS[style])
    assert f["title"].casefold() == "the lantern makers of velm"
    assert _surname(f) == "Okwuosa"
    assert f["year"] == "2017"
    assert "Quillbridge Press" in f.get("publisher", "")


CHAPTERS = {
    "apa": "Ruiz-Calder, M. (2015). Counting the moths of Erreth. In P. Anand & T. Holm "
    "(Eds.), Studies of invented fauna (pp. 33–58). Norvale Academic.",
    "chicago": "Ruiz-Calder, Marta. “Counting the Moths of Erreth.” In Studies of Invented "
    "Fauna, edited by Priya Anand and Tove Holm, 33–58. Norvale: Norvale Academic, 2015.",
    "ieee": 'M. Ruiz-Calder, "Counting the moths of Erreth," in Studies of Invented Fauna, '
    "P. Anand and T. Holm, Eds. Norvale: Norvale Academic, 2015, pp. 33–58.",
}


@pytest.mark.parametrize(
    "style",
    [
        "apa",
        "chicago",
        pytest.param(
            "ieee",
            marks=pytest.mark.xfail(
                strict=True, reason="known limit: the model tags the book's last word an editor"
            ),
        ),
    ],
)
def test_a_chapter_in_each_style(style: str) -> None:
    f = _read(CHAPTERS[style])
    assert f["title"].casefold() == "counting the moths of erreth"
    assert _surname(f) == "Ruiz-Calder"
    assert f["year"] == "2015"
    assert _container(f).casefold() == "studies of invented fauna"


def test_surnames_in_capitals_before_initials_are_surnames() -> None:
    """French and Italian lists: `DUPRÉ-LAVAL R., MORETTI A. T.` and `Amand (M.)`."""
    f = _read(
        "DUPRÉ-LAVAL R., MORETTI A. T., Les ports oubliés de la côte inventée, "
        "Revue des Études Imaginaires, 12, 2008, p. 45-67."
    )
    assert _surname(f) == "Dupré-Laval"
    names = refstring._names("Brisard (M.), Les cloches de Velm")
    assert names[0].last == "Brisard"
    assert names[0].first == "M."


def test_an_anonymous_work_gives_a_record() -> None:
    """No author (APA moves the title to the author's place): title, container and year
    still make a record, and the title is not read as two corporate authors."""
    f = _read("Tidal clocks and the imaginary coast. (2019, May 14). Fabricated Ocean News, p. 7.")
    assert f["title"].casefold() == "tidal clocks and the imaginary coast"
    assert f["year"] == "2019"
    assert _container(f) == "Fabricated Ocean News"
    assert "author" not in f


@pytest.mark.parametrize(
    "line",
    [
        "———. The Salt Roads of the Inland Sea. Velm: Imaginary Press, 2011.",
        "---. The Salt Roads of the Inland Sea. Velm: Imaginary Press, 2011.",
        "______. The Salt Roads of the Inland Sea. Velm: Imaginary Press, 2011.",
    ],
)
def test_dashes_for_the_previous_authors_give_a_record(line: str) -> None:
    """Chicago's 3-em dash and MLA's three hyphens repeat the previous entry's authors: the
    work has authors, so title, place and year make a record without an author field (the
    names are not in the line), not a refusal as an anonymous line with a date at its end."""
    f = _read(line)
    assert f["title"].casefold() == "the salt roads of the inland sea"
    assert f["year"] == "2011"
    assert "author" not in f


@pytest.mark.xfail(strict=True, reason="known limit: the model runs the title into the newspaper")
def test_an_anonymous_work_in_sentence_style_gives_a_record() -> None:
    f = _read("Tidal clocks and the imaginary coast. Fabricated Ocean News, 14 May 2019, p. 7.")
    assert f["title"].casefold() == "tidal clocks and the imaginary coast"


def test_a_reference_without_a_year_gives_a_record() -> None:
    """Forthcoming works and damaged lists print no year; authors, title and a journal with
    volume and pages make the line a reference all the same."""
    f = _read(
        "Lindqvist HA, Tanaka R. Tidal clocks of the imaginary coast. "
        "Journal of Fabricated Oceanography 44(2): 118-39."
    )
    assert f["title"].casefold() == "tidal clocks of the imaginary coast"
    assert _surname(f) == "Lindqvist"
    assert _container(f) == "Journal of Fabricated Oceanography"


@pytest.mark.parametrize(
    "line",
    [
        "S. Tanaka, K. Lindqvist, Nano Lett. 2021, 44, 118.",
        "Tanaka R, Lindqvist HA. J Fabr Oceanogr 2021;44:118-39.",
        # an abbreviated journal after `et al.` (`J. Fabr. Oceanogr.`), read as initials by
        # the model before the segment and shape-pair features and the generated strings
        "R. Tanaka, O. Ferreira-Mbeki et al., J. Fabr. Oceanogr. 2021, 44, 118.",
    ],
)
def test_a_reference_without_an_article_title_gives_a_record(line: str) -> None:
    """Physics and chemistry styles print no article title: authors with initials, a
    journal, a year and a volume make a record."""
    f = _read(line)
    assert _surname(f) == "Tanaka"
    assert f["year"] == "2021"
    assert "title" not in f
    assert "Fabr" in _container(f) or "Nano" in _container(f)


@pytest.mark.parametrize(
    "line",
    [
        "Tidal clocks of the imaginary coast",
        "Posted by Hanna Lindqvist on 12 May 2021, 10:15 (3 comments)",
        "Cite this article: Download citation, Share, Print (2021)",
        "Journal of Fabricated Oceanography, Volume 44, Issue 2, 2021",
        "Ann Fabr Oceanogr. 2019 Dec;12(2):115-22. doi: 10.5555/afo.2019.115. Epub 2019 Oct 1.",
    ],
)
def test_lines_that_are_not_references_give_no_record(line: str) -> None:
    assert cite.parse_citation(line, 1) is None


def test_markup_and_a_closing_in_are_no_part_of_any_value() -> None:
    """`<italic>…</italic>` copied with a string, and the `In:` that opens the container."""
    tokens = (
        "Lindqvist, H. (2021). Tidal clocks. In: <italic>Fabricated Oceans</italic>, 3-9.".split()
    )
    labels = ["author"] * 2 + ["date"] + ["title"] * 3 + ["container-title"] * 2 + ["pages"]
    f = refstring.to_fields(tokens, labels).fields
    assert f["title"] == "Tidal clocks"
    assert f["booktitle"] == "Fabricated Oceans"


def test_year_volume_issue_and_pages_printed_as_one_token() -> None:
    """Vancouver's `2021;44(2):118-39` tagged as one volume token."""
    tokens = "Tanaka R. Tidal clocks. J Fabr Oceanogr. 2021;44(2):118-39.".split()
    labels = ["author"] * 2 + ["title"] * 2 + ["journal"] * 3 + ["volume"]
    f = refstring.to_fields(tokens, labels).fields
    assert (f["year"], f["volume"], f["number"], f["pages"]) == ("2021", "44", "2", "118--139")


def test_the_word_lists_come_from_bibtex_fields_seen_in_two_values(tmp_path: Path) -> None:
    """bench/build_lexicons.py: a word enters a list when two distinct values of its field
    have it (one library's house style does not make a word typical)."""
    spec = importlib.util.spec_from_file_location(
        "build_lexicons", Path(__file__).resolve().parent.parent / "bench" / "build_lexicons.py"
    )
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    (tmp_path / "a.bib").write_text(
        "@article{a,\n  author = {Lindqvist, Hanna and Tanaka, Rin},\n"
        "  journal = {Journal of Fabricated Oceanography},\n  publisher = {Quill Press}}\n"
        "@article{b,\n  author = {Lindqvist, Hanna},\n  journal = {Fabricated Letters},\n"
        '  address = "Norvale"}\n',
        encoding="utf-8",
    )
    lists = mod.collect(tmp_path)
    assert "fabricated" in lists["journal"]
    assert "oceanography" not in lists["journal"]  # one journal only
    assert "lindqvist" in lists["surnames"]
    assert "hanna" in lists["given_names"]
    assert "tanaka" not in lists["surnames"]


def _draft(title: str, authors: list[str], year: int) -> Draft:
    d = Draft(1, 1)
    d.title = title
    d.authors = [Name(last=a, first="P.") for a in authors]
    d.year = year
    return d


def test_a_title_first_line_keeps_the_authors_the_rules_found_after_the_title() -> None:
    """BibSonomy prints `Title. Authors. Venue`: when the rules found authors after a title
    that starts the line and the model found none, the rules' reading stays; but an edited
    book printed title first (`…, ed. P. Anand`) has editors there, and the model decides."""
    title = "Tidal Clocks of the Imaginary Coast"
    line = f"{title}. P. Lindqvist, P. Tanaka. Fabricated Letters, 4: 1-9 (2021)"
    rules, model = _draft(title, ["Lindqvist", "Tanaka"], 2021), _draft(title, [], 2021)
    assert cite._decide(rules, model, line) is rules
    line = f"{title}, ed. P. Lindqvist and P. Tanaka (Norvale: Quill Press, 2021)."
    rules, model = _draft(title, ["Lindqvist", "Tanaka"], 2021), _draft(title, [], 2021)
    assert cite._decide(rules, model, line) is model


def test_a_report_statement_the_rules_recognised_stays_out_of_the_title() -> None:
    line = (
        "Council for Imaginary Standards. (2020). Rules for invented tides "
        "(CIS Technical Report No. 12)."
    )
    f = _read(line)
    assert f["title"] == "Rules for invented tides"
    assert f.get("volume") != "12"


def test_a_last_author_run_into_the_title_keeps_the_rules_reading() -> None:
    """Vancouver `…, Smith EE, Noll DC. A parametric study …`: a model reading whose title is
    the rules' title after the rules' last author is the model's error, not the rules'."""
    title = "Tidal clocks of the imaginary coast"
    rules = _draft(title, ["Lindqvist", "Tanaka"], 2021)
    model = _draft(f"Tanaka R. {title}", ["Lindqvist"], 2021)
    line = f"Lindqvist HA, Tanaka R. {title}. J Fabr Oceanogr. 2021;44:118-39."
    assert cite._decide(rules, model, line) is rules


# ---------------------------------------------------------------- shapes the gates refused
# (the fourth round: strings the model reads right and the reader threw away)

GATED = {
    # one word as the author, closed like an author field (a body, a one-name author)
    "body_comma": (
        "ORBALIS, The Annual Digest of Fictional Tides, Institute of Imaginary Statistics, 2012.",
        "The Annual Digest of Fictional Tides",
        "2012",
    ),
    # a year-ordered list: the year before an anonymous title
    "year_first": (
        "1971 Glass Floats of the Northern Shore. Lakeshore Publishing Company, Tarnfield, NH.",
        "Glass Floats of the Northern Shore",
        "1971",
    ),
    # an anonymous title closed by its quotes, then a comma
    "quoted_comma": (
        "« Commentaire sur une décision inventée du tribunal des marées », Revue du Barreau "
        "Imaginaire, vol.12, 2013, p. 55",
        "Commentaire sur une décision inventée du tribunal des marées",
        "2013",
    ),
    # the repeated-authors dash glued to the title
    "glued_dash": (
        "—The Letters of the Lighthouse Keepers (2nd ed.; Tarnfield: Gullwing, 1991).",
        "The Letters of the Lighthouse Keepers",
        "1991",
    ),
}


@pytest.mark.parametrize("shape", sorted(GATED))
def test_a_clear_reference_the_gates_refused_makes_a_record(shape: str) -> None:
    line, title, year = GATED[shape]
    f = _read(line)
    assert f["title"] == title
    assert f["year"] == year


def test_a_forthcoming_work_makes_a_record() -> None:
    """`In press` / `to appear` stand where the year goes."""
    f = _read(
        "Mbeki-Larsson, Q., Oduya, P. and Lindqvist, H. Soil memory in imaginary wetlands. "
        "Journal of Invented Ecology. In press."
    )
    assert _surname(f) == "Mbeki-Larsson"
    assert f["title"].startswith("Soil memory in imaginary wetlands")


def test_a_key_before_the_authors_is_no_reason_to_refuse() -> None:
    """`Tanaka, Vogel, 2015а – Tanaka R.A., Vogel K.B. Title // Journal. 2015. № 3.`"""
    line = (
        "Танака, Фогель, 2015а – Танака Р.А., Фогель К.Б. Моделирование воображаемых приливов "
        "в северных морях // Журнал выдуманной океанологии. 2015. № 3 (90)."
    )
    assert cite._model_draft(line, 1) is not None  # the model's reading, not only the rules'
    f = _read(line)
    assert _surname(f) == "Танака"
    assert f["year"] == "2015"
    assert _container(f) == "Журнал выдуманной океанологии"


def test_authors_title_and_date_without_a_venue_make_a_record() -> None:
    """The venue run into the title by the model: still a reference, never nothing."""
    line = (
        "Hunt, C.B., Auster, E.R, Proactive tidal management: avoiding the imaginary trap, "
        "Sloan tides review, 1990."
    )
    assert cite._model_draft(line, 1) is not None  # the model's reading, not only the rules'
    f = _read(line)
    assert _surname(f) == "Hunt"
    assert f["year"] == "1990"


def test_an_abbreviated_journal_after_a_title_is_not_an_author() -> None:
    """`Title. Ont. Health Technol. Assess. Ser., 9, 2009: 1–45.`: the rules took `Ont.` for
    an author of a title-first line; the model read the journal."""
    f = _read(
        "Behavioural tides in imaginary harbours: an evidence-based analysis. Ont. Health "
        "Technol. Assess. Ser., 9, 2009: 1–45."
    )
    assert "author" not in f
    assert _container(f).startswith("Ont.")


def test_markup_is_no_part_of_the_rules_title() -> None:
    f = _read(
        "Lindqvist HA, Tanaka R, Vogel KB. 2004. Local adaptation of the clonal plant "
        "<italic>Fictus marinus</italic> to flooding along an invented gradient."
    )
    assert f["title"] == (
        "Local adaptation of the clonal plant Fictus marinus to flooding along an invented gradient"
    )


def test_a_one_word_title_fragment_is_still_refused() -> None:
    """`Ann Invent Sleep Res. 2019 Dec;12(2):115-22.`: a PubMed venue line, no reference."""
    assert cite.parse_citation("Ann Invent Sleep Res. 2019 Dec;12(2):115-22.", 1) is None


def test_these_authors_is_no_thesis() -> None:
    """`These authors contributed equally` says nothing about the entry type (French
    `These de doctorat` does)."""
    words = (
        "Tidal clocks. Journal of Fabricated Oceanography, 44. These authors contributed equally"
    )
    tokens = words.split()
    labels = ["title"] * 2 + ["journal"] * 4 + ["volume"] + ["note"] * 4
    assert refstring.to_fields(tokens, labels).entry_type == "article"
    labels_fr = ["title"] * 2 + ["journal"] * 4 + ["volume"] + ["note"] * 4
    tokens_fr = (
        "Tidal clocks. Journal of Fabricated Oceanography, 44. These de doctorat inventée".split()
    )
    assert refstring.to_fields(tokens_fr, labels_fr).entry_type == "phdthesis"


def _reading(spans: list[tuple[str, str]]) -> tuple[refstring.ParsedReference, str]:
    """A model reading given as labelled spans (independent of the shipped model)."""
    tokens: list[str] = []
    labels: list[str] = []
    for label, text in spans:
        for tok in text.split():
            tokens.append(tok)
            labels.append(label)
    parsed = refstring.to_fields(tokens, labels)
    parsed.labels = labels
    parsed.first_label = next(lb for lb in labels if lb != "citation-number")
    return parsed, " ".join(tokens)


def test_the_gate_takes_a_key_before_the_authors() -> None:
    parsed, text = _reading([
        ("note", "Tanaka, Vogel, 2015a –"),
        ("author", "Tanaka R.A., Vogel K.B."),
        ("title", "Modelling imaginary tides in northern seas //"),
        ("journal", "Journal of Fabricated Oceanography."),
        ("date", "2015."),
    ])  # fmt: skip
    assert cite._is_reference(parsed, text)


def test_the_gate_takes_authors_title_and_date_without_a_venue() -> None:
    parsed, text = _reading([
        ("author", "Hunt, C.B., Auster, E.R,"),
        ("title", "Proactive tidal management: avoiding the imaginary trap, Sloan tides review,"),
        ("date", "1990."),
    ])  # fmt: skip
    assert cite._is_reference(parsed, text)
    # not when the "names" are a title (a sentence inside, lower-case words)
    parsed, text = _reading([
        ("author", "Sexuality and Dementia by Douglas P. Wornell, MD;"),
        ("title", "Todays imaginary medicine;"),
        ("date", "2014"),
    ])  # fmt: skip
    assert not cite._is_reference(parsed, text)


def test_the_gate_takes_a_one_word_author_closed_like_an_author_field() -> None:
    parsed, text = _reading([
        ("author", "ORBALIS,"),
        ("title", "The Annual Digest of Fictional Tides,"),
        ("publisher", "Institute of Imaginary Statistics,"),
        ("date", "2012."),
    ])  # fmt: skip
    assert cite._is_reference(parsed, text)
    # a word without the comma before a title is a journal's first word (`Ann Invent …`)
    parsed, text = _reading([
        ("author", "Ann"),
        ("title", "Invent Sleep Res."),
        ("publisher", "Gullwing,"),
        ("date", "2019."),
    ])  # fmt: skip
    assert not cite._is_reference(parsed, text)


def test_the_gate_takes_an_edition_as_placing_the_work() -> None:
    parsed, text = _reading([
        ("author", "Hans B. Okafor."),
        ("title", "Tide and Vessel Dynamics."),
        ("edition", "Gullwing-Heinemann, 3rd edition,"),
        ("date", "2012."),
    ])  # fmt: skip
    assert cite._is_reference(parsed, text)


def test_a_short_title_run_into_the_authors_is_taken_out() -> None:
    """`Healy, David. Pharmageddon. Berkeley: …`: the author list ends at the first full stop
    after a whole word; the model's author run past it, with no title read, holds the title."""
    parsed, text = _reading([
        ("author", "Okafor, Hannelore. Tidewrack."),
        ("location", "Tarnfield:"),
        ("publisher", "Gullwing Press,"),
        ("date", "2012."),
    ])  # fmt: skip
    out = cite._title_out_of_authors(parsed, text)
    assert out.fields["title"] == "Tidewrack"
    assert [n.last for n in out.authors] == ["Okafor"]
    assert cite._is_reference(out, text)
    # initials and `al.` do not end an author list
    parsed, text = _reading([
        ("author", "Okafor, H. A., Lind, P. et al."),
        ("journal", "Tidal Letters,"),
        ("date", "2012."),
    ])  # fmt: skip
    assert cite._title_out_of_authors(parsed, text) is parsed
    # a title-first line (`Title. Q. Mbeki-Larsson. …`): the names after the title are authors
    parsed, text = _reading([
        ("author", "Reconstructing Lost Alphabets. Q. Mbeki-Larsson."),
        ("journal", "Tidal Letters,"),
        ("date", "2012."),
    ])  # fmt: skip
    assert cite._title_out_of_authors(parsed, text) is parsed


def test_a_work_cited_by_its_editors_keeps_them_as_editors() -> None:
    """The model's reading names editors only (`(Eds.)`): the record keeps them as `editor`,
    neither dropped nor written as authors."""
    parsed, text = _reading([
        ("author", "Okafor, H. A., & Lind, P. (Eds.)."),
        ("date", "(2031)."),
        ("title", "Handbook of invented tides."),
        ("location", "Tarnfield:"),
        ("publisher", "Gullwing Press."),
    ])  # fmt: skip
    assert cite._is_reference(parsed, text)
    cite._model_parse.cache_clear()
    original = cite._model_parse
    try:
        cite._model_parse = lambda line: parsed  # type: ignore[assignment]
        draft = cite._model_draft(text, 1)
    finally:
        cite._model_parse = original
    assert draft is not None
    fields = draft.to_reference("x").fields
    assert "author" not in fields
    assert fields["editor"] == "Okafor, H. A. and Lind, P."


def test_an_anonymous_title_is_not_a_last_author_run_into_the_title() -> None:
    """`Our Invented Neighbourhood. Commission on Tides. Oxford: …`: the rules take the first
    words for a name and the next sentence for the title; a model reading with no authors is
    an anonymous work, not the Vancouver error of a last author run into the title."""
    rules = _draft("Commission on Tides", ["Neighbourhood"], 1995)
    model = _draft("Our Invented Neighbourhood. Commission on Tides", [], 1995)
    line = "Our Invented Neighbourhood. Commission on Tides. Oxford: Gullwing Press; 1995."
    assert cite._decide(rules, model, line) is model


def test_red_and_dir_mark_an_edited_book_printed_title_first() -> None:
    """`Prawo mórz. Red. S. Okafor. …` (Polish and Russian `red.`, French `dir.`): the names
    after the title are editors, so the rules' "authors" there do not overrule the model."""
    rules = _draft("Prawo mórz", ["Okafor"], 1991)
    rules.authors = [Name(last="Red")]
    model = _draft("Prawo mórz", [], 1991)
    for cue in ("Red.", "dir."):
        line = f"Prawo mórz. {cue} S. Okafor. Gullwing, Tarnfield 1991."
        assert cite._decide(rules, model, line) is model


def test_a_year_before_1800_in_the_date_is_the_year() -> None:
    """Page text takes no four-digit number before 1800 for a year; a span the model tagged
    as the date does hold one (early printed books)."""
    parsed, text = _reading([
        ("author", "Okafor, William."),
        ("date", "1778."),
        ("title", "A View of the Invented Coast."),
        ("location", "Tarnfield:"),
        ("note", "Printed by T. Gullwing."),
    ])  # fmt: skip
    assert parsed.year == 1778
    assert cite._is_reference(parsed, text)


def test_full_names_then_the_venue_with_its_numbers_make_a_record() -> None:
    """`Stéphane Okafor, Le premier âge inventé, Paris, 1993, 9-134.` read as authors and a
    container without a title: full names are authors as much as initials are."""
    parsed, text = _reading([
        ("author", "Stéphane Okafor,"),
        ("container-title", "Le premier âge inventé, Les marées,"),
        ("location", "Tarnfield,"),
        ("date", "1993,"),
        ("pages", "9-134."),
    ])  # fmt: skip
    assert cite._is_reference(parsed, text)
    # not a title-first line (a sentence end inside the "names")
    parsed, text = _reading([
        ("author", "Soil Memory in Wetlands. Paul Oduya,"),
        ("container-title", "Tidal Letters,"),
        ("date", "1993,"),
        ("pages", "9-134."),
    ])  # fmt: skip
    assert not cite._is_reference(parsed, text)


def test_names_a_year_and_an_imprint_make_a_record_without_a_title() -> None:
    """`Okafor, Hanna (ed.), Tide Songs: Orfeo (Tarnfield: Gullwing Press, 1986).` read with the
    title in the place: names, a year, a place and a publisher are a book's reference; the
    record keeps what was read. Not without the place (a name, a publisher and a year is an
    affiliation or a blurb as often as a reference)."""
    parsed, text = _reading([
        ("editor", "Okafor, Hanna (ed.),"),
        ("location", "Tide Songs: Orfeo (Tarnfield:"),
        ("publisher", "Gullwing Press,"),
        ("date", "1986)."),
    ])  # fmt: skip
    assert cite._is_reference(parsed, text)
    parsed, text = _reading([
        ("author", "Hanna Okafor,"),
        ("publisher", "Gullwing Press,"),
        ("date", "1986."),
    ])  # fmt: skip
    assert not cite._is_reference(parsed, text)


@pytest.mark.parametrize(
    "line",
    [
        "Study Group on Invented Tides, Okafor HA, Lindqvist PM. Tidal clocks of the imaginary"
        " coast. J Fict Oceanogr. 2031;12(3):45-67.",
        "Working Party for Fictional Maps, Brenner T, Quell M. Charting coasts that never were:"
        " a survey. Invent Cartogr Rev. 2029;7:101-19.",
    ],
)
def test_a_group_author_heading_a_vancouver_list_is_an_author(line: str) -> None:
    """Vancouver and AMA lists print a group author first (`Study Group on X, Smith AB, …`):
    it is the first author, not the start of the title (`names._org_name`, and
    `cite._authors_in_title` where the model ran the whole list into the title)."""
    draft = cite.parse_citation(line, 1)
    assert draft is not None
    assert draft.authors[0].last == "{" + line.split(",")[0] + "}"
    assert [a.last for a in draft.authors[1:]] == (
        ["Okafor", "Lindqvist"] if "Tides" in line else ["Brenner", "Quell"]
    )
    assert draft.title.startswith(("Tidal clocks", "Charting coasts"))


def test_an_organisation_alone_without_a_label_is_not_an_author_list() -> None:
    """`The Society of Invented Minds`: capitalised words joined by `of` with an organisation
    word, but no person beside it; without a label saying it is an author, it may be a title."""
    from refmerge.refs.scrape.names import parse_name_list

    assert parse_name_list("The Society of Invented Minds") is None
    names = parse_name_list("Study Group on Invented Tides, Okafor HA")
    assert names is not None and len(names) == 2


@pytest.mark.parametrize(
    ("line", "title"),
    [
        (
            "Okafor HA, Lindqvist PM. TIDEWATCH: A library for tidal clocks. J Fict Oceanogr."
            " 2031;12(3):45-67.",
            "TIDEWATCH: A library for tidal clocks",
        ),
        (
            "Brenner T, Quell M. PyTide: Invented coasts in a few lines. Invent Cartogr Rev."
            " 2029;7:101-19.",
            "PyTide: Invented coasts in a few lines",
        ),
    ],
)
def test_a_title_opening_with_a_name_like_word_and_a_colon_keeps_it(line: str, title: str) -> None:
    """`Pelli DG. QUEST: A Bayesian …`: an acronym or a program's name before a colon opens the
    title; a name in an author list is never followed by a colon (`cite._title_word_in_authors`)."""
    draft = cite.parse_citation(line, 1)
    assert draft is not None
    assert draft.title == title
    assert [a.last for a in draft.authors][-1] in ("Lindqvist", "Quell")


def test_semicolons_part_inverted_names_with_surnames_of_several_words() -> None:
    """`Authors: Okafor, H. A.; Ro Lindqvist, Pia; Gorji Tallmark, Sepideh`: semicolons part
    the names and one comma inverts each, so a surname of two words stays whole
    (`names._semicolon_inverted`); a part that is not `Surname, Given` leaves the list to the
    general reading."""
    from refmerge.refs.scrape.names import parse_name_list

    names = parse_name_list("Okafor, H. A.; Ro Lindqvist, Pia; Gorji Tallmark, Sepideh")
    assert names is not None
    assert [(n.last, n.first) for n in names] == [
        ("Okafor", "H. A."),
        ("Ro Lindqvist", "Pia"),
        ("Gorji Tallmark", "Sepideh"),
    ]
    page = "Title: Tidal clocks of the imaginary coast\n" + (
        "Authors: Okafor, H. A.; Ro Lindqvist, Pia\nJournal: Journal of Invented Tides\n"
        "Year: 2031\n"
    )
    from refmerge.refs.scrape.reader import read_scrape

    refs = read_scrape(page, "x.txt").references
    assert refs[0].fields["author"] == "Okafor, H. A. and Ro Lindqvist, Pia"


def test_vancouver_names_the_model_paired_are_kept_apart() -> None:
    """`Okafor HA, Brenner T, Quell M. Title.`: where the model read the same title but paired
    Vancouver names into one (`Okafor HA` as surname, `Brenner T` as given name), the rules'
    list of the names the line opens with is kept."""
    rules = _draft("Tidal clocks of the imaginary coast", ["Okafor", "Brenner", "Quell"], 2012)
    model = _draft("Tidal clocks of the imaginary coast", [], 2012)
    model.authors = [Name(last="Okafor HA", first="Brenner T"), Name(last="Quell M")]
    line = "Okafor HA, Brenner T, Quell M. Tidal clocks of the imaginary coast. J Tide. 2012;4:1-9."
    assert [a.last for a in cite._decide(rules, model, line).authors] == [
        "Okafor",
        "Brenner",
        "Quell",
    ]


def test_a_title_run_into_a_comma_separated_name_list_is_taken_out() -> None:
    """`Calvo, Carlos, Dictionnaire Manuel de …, New Jersey, 2009`: the model read the title as
    one more name and the line made no record. A person's name is short and capitalised
    (particles, initials and role marks aside): the first comma piece that is not starts the
    title, and the reading is a reference again."""
    parsed, text = _reading([
        ("author", "Okafor, Hannelore, Manuel des marées inventées et des courants,"),
        ("location", "Tarnfield,"),
        ("publisher", "Gullwing Press,"),
        ("date", "2012."),
    ])  # fmt: skip
    assert not cite._is_reference(parsed, text)
    out = cite._title_out_of_name_list(parsed, text)
    assert out.fields["title"] == "Manuel des marées inventées et des courants"
    assert [n.last for n in out.authors] == ["Okafor"]
    assert cite._is_reference(out, text)
    # a list of names with initials, particles and role marks stays a list of names
    parsed, text = _reading([
        ("editor", "Mbeki, a. C, van der Lind, P., and Quell, R. (eds.),"),
        ("location", "Tarnfield,"),
        ("date", "2012."),
    ])  # fmt: skip
    assert cite._title_out_of_name_list(parsed, text) is parsed
    # names tagged as editors with no role mark among them are the work's authors
    parsed, text = _reading([
        ("editor", "Quell, Jean-Hubert, Les marées de l'art inventé,"),
        ("publisher", "Collection Gullwing,"),
        ("date", "2005."),
    ])  # fmt: skip
    out = cite._title_out_of_name_list(parsed, text)
    assert [n.last for n in out.authors] == ["Quell"]
    assert out.fields["title"] == "Les marées de l'art inventé"


def test_a_reference_printed_without_punctuation_reaches_the_model() -> None:
    """`Okafor Hannelore Invented Tides of the North Gullwing Press Tarnfield 2031`: copied
    from a catalogue table, the fields stand apart by spaces alone, and the line never
    reached the model (fewer than three punctuation marks). With a year in it the model reads
    it, and the reading is kept only when it is a whole clear reference."""
    tokens = "Okafor Hannelore Invented Tides of the North Gullwing Press Tarnfield 2031".split()
    labels = ["author"] * 2 + ["title"] * 5 + ["publisher"] * 2 + ["location", "date"]
    reading = refstring.to_fields(tokens, labels)
    reading.labels = labels
    reading.first_label = "author"
    line = " ".join(tokens)
    assert not cite._worth_a_model(line)
    cite._citation.cache_clear()
    real = cite._model_parse
    try:
        cite._model_parse = lambda text: reading  # type: ignore[assignment]
        draft = cite.parse_citation(line, 1)
        assert draft is not None and draft.title == "Invented Tides of the North"
        assert "Gullwing Press" in (draft.publisher, draft.venue)
        # furniture without a venue or a publisher gives no record
        cut = labels[:7] + ["date"] * 4
        bare = refstring.to_fields(tokens, cut)
        bare.labels, bare.first_label = cut, "author"
        cite._citation.cache_clear()
        cite._model_parse = lambda text: bare  # type: ignore[assignment]
        assert cite.parse_citation(line, 1) is None
    finally:
        cite._model_parse = real  # type: ignore[assignment]
        cite._citation.cache_clear()


@pytest.mark.skipif(not refstring.model_available(), reason="the shipped model is needed")
@pytest.mark.parametrize(
    ("line", "surname", "title", "journal"),
    [
        (
            "Okonkwo B: Tidal memory and invented shores: a national survey. Northern Fictional"
            " Journal. 2031; 412 (7306): 208–9.",
            "Okonkwo",
            "Tidal memory and invented shores: a national survey",
            "Northern Fictional Journal",
        ),
        (
            "Lindqvist H: Salt marsh clocks: cross sectional survey. Imaginary Wetland Review."
            " 2029; 18 (2): 45–67.",
            "Lindqvist",
            "Salt marsh clocks: cross sectional survey",
            "Imaginary Wetland Review",
        ),
    ],
)
def test_one_author_closed_by_a_colon_is_no_title_word(
    line: str, surname: str, title: str, journal: str
) -> None:
    """`McCulloch A: Title. Journal. 2001; 323 (7306): 208–9.`: Vancouver lists may close the
    author list with a colon. The rules read the name into the title and the journal's last
    word as the author; the model read it right. `_title_word_in_authors` (a title's first
    word the model ran into the last name) took the rules' side, because every word before
    the colon is in the model's last name; but that name held nothing more, so it is the
    author, not a title word."""
    draft = cite.parse_citation(line, 1)
    assert draft is not None
    assert [a.last for a in draft.authors] == [surname]
    assert draft.title == title and draft.venue == journal


@pytest.mark.skipif(not refstring.model_available(), reason="the shipped model is needed")
@pytest.mark.parametrize(
    ("line", "publisher"),
    [
        (
            "[12] H. Okafor. Measuring tide-clock interaction with the invented diagram. Society"
            " of Imaginary Engineers, Tarnfield, PA, 1–19, 1973.",
            "Society of Imaginary Engineers",
        ),
        (
            "Corpus of invented harbours from Tarnland. Hanna Okafor. Tarnfield am Rhein : P. von"
            " Gullwing 1985",
            "Tarnfield am Rhein : P. von Gullwing",
        ),
    ],
)
def test_an_imprint_the_rules_took_for_a_journal_is_a_publisher(line: str, publisher: str) -> None:
    """The rules take what follows a title for a venue; the model read it as a place or a
    publisher, so the record is a book (or report) with that imprint, not an article in a
    journal named after a publisher (`cite._imprint_typed`)."""
    from refmerge.refs.scrape.reader import read_scrape

    ref = read_scrape(line + "\n", "refs.txt").references[0]
    assert ref.entry_type == "book"
    assert "journal" not in ref.fields and ref.fields["publisher"] == publisher
