"""The generated test bed (bench/pagegen.py): families kept apart, pages that hold their records."""

from __future__ import annotations

import importlib.util
import random
import sys

from refmerge.refs.names import Name

from conftest import REPO

_spec = importlib.util.spec_from_file_location("pagegen", REPO / "bench" / "pagegen.py")
assert _spec is not None and _spec.loader is not None
pagegen = importlib.util.module_from_spec(_spec)
sys.modules["pagegen"] = pagegen
_spec.loader.exec_module(pagegen)


def test_tuned_and_held_out_families_are_apart() -> None:
    assert not set(pagegen.TUNE) & set(pagegen.HELD_OUT)
    assert {"article_header", "api_json"} <= set(pagegen.HELD_OUT)
    assert not set(pagegen.TUNE_LIBS) & set(pagegen.HELD_LIBS)


def test_unsure_names_are_left_out_of_the_works() -> None:
    """A lower-case word before a surname that is no particle (`Steven a. Ringel`) and a
    lower-case surname are errors of the source data: the expected record would be unsure."""
    assert pagegen._clean_name(Name(first="Steven", von="a.", last="Ringel")) is None
    assert pagegen._clean_name(Name(first="R. D.", last="adn Rafal")) is None
    kept = pagegen._clean_name(Name(first="Matthijs A. A.", von="van der", last="Meer"))
    assert kept is not None and kept.von == "van der"


def test_the_article_header_family_is_tuned_and_prints_no_labels_for_its_record() -> None:
    """`publisher_header` (third round) is a tuned family; `article_header` stays held out."""
    assert "publisher_header" in pagegen.TUNE and "article_header" in pagegen.HELD_OUT
    pool = pagegen.works(pagegen.TUNE_LIBS)
    r = random.Random(5)
    for lang in pagegen.LANGS:
        lines, (work,) = pagegen.publisher_header(pagegen.Ctx(r, lang, pool))
        text = " ".join(lines).replace("- ", "")
        assert work.title[:20] in text and str(work.year) in text
        assert f"{pagegen.UI[lang]['title']}:" not in text
        assert f"{pagegen.UI[lang]['authors']}:" not in text


def test_the_cite_dialog_family_is_tuned_and_prints_its_work_in_tuned_styles_only() -> None:
    """`cite_dialog` (seventh round): a landing page with style names over their strings and
    visit dates after them; tuned, drawn from the tuned libraries, in the tuned styles."""
    assert "cite_dialog" in pagegen.TUNE
    assert set(pagegen._STYLE_NAMES) == set(pagegen._STYLES_TUNE)
    pool = pagegen.works(pagegen.TUNE_LIBS)
    r = random.Random(5)
    for lang in pagegen.LANGS:
        lines, (work,) = pagegen.cite_dialog(pagegen.Ctx(r, lang, pool))
        text = "\n".join(lines)
        assert work.title in text and str(work.year) in text
        assert any(name in text for name in pagegen._STYLE_NAMES.values())


def test_the_annotated_bibliography_family_is_tuned_and_its_notes_are_no_records() -> None:
    """`annotated_bibliography` (seventh round): entries in a tuned style with a note under
    each that may name other works with years; only the entries are expected records."""
    assert "annotated_bibliography" in pagegen.TUNE
    pool = pagegen.works(pagegen.TUNE_LIBS)
    r = random.Random(5)
    lines, works = pagegen.annotated_bibliography(pagegen.Ctx(r, "en", pool))
    text = "\n".join(lines)
    assert len(works) >= 2 and all(str(w.year) in text for w in works)
