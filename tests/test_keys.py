"""Generated citation keys: readable, ASCII, unique; existing keys are never touched."""

from __future__ import annotations

from refmerge.refs.keys import assign_missing_keys, make_key
from refmerge.refs.model import Reference


def _ref(author: str, year: str, title: str, key: str = "") -> Reference:
    return Reference("article", key, {"author": author, "year": year, "title": title})


def test_default_template_is_surname_year_first_real_title_word() -> None:
    ref = _ref("Ding, Xiaodong and Zhong, Dale Yuhao", "2021", "Rethinking China's Social Credit")
    assert make_key(ref) == "ding2021rethinking"
    assert make_key(_ref("Mac Síthigh, Daithí", "2019", "The Irish case")) == "macsithigh2019irish"


def test_cyrillic_and_greek_names_are_transliterated_not_dropped() -> None:
    assert make_key(_ref("Мельник, Олена", "2019", "")) == "melnyk2019"
    assert make_key(_ref("Σωκράτης", "1999", "")) == "sokrates1999"


def test_clashes_get_letter_suffixes_and_existing_keys_stay() -> None:
    refs = [
        _ref("Aster, Maria", "2019", "", key="aster2019"),
        _ref("Aster, Maria", "2019", ""),
        _ref("Aster, Maria", "2019", ""),
    ]
    assign_missing_keys(refs)
    assert [r.key for r in refs] == ["aster2019", "aster2019a", "aster2019b"]


def test_a_custom_template() -> None:
    assert make_key(_ref("Aster, Maria", "2019", "Tides"), "{year}-{author}") == "2019-aster"


def test_latex_letters_are_letters_in_keys() -> None:
    """`Stra{\\ss}er` used to give `stra2020...` and `{\\o}stergaard` an empty name part."""
    assert make_key(_ref(r"Stra{\ss}er, Hans", "2020", "Soil memory")) == "strasser2020soil"
    assert make_key(_ref(r"{\o}stergaard, Jens", "2020", "")) == "ostergaard2020"
    assert make_key(_ref("Doe, Ann", "2020", r"\textit{Drosophila} genetics")) == (
        "doe2020drosophila"
    )


def test_noopsort_year_is_the_printed_year_as_matching_reads_it() -> None:
    assert make_key(_ref("Doe, Ann", r"{\noopsort{1973c}}1981", "")) == "doe1981"


def test_a_key_without_a_year_reads_as_parts() -> None:
    """`dingrethinking` looked broken; `nd` (no date) where the year would be reads well."""
    assert make_key(_ref("Ding, Li", "", "Rethinking invented tides")) == "ding-nd-rethinking"
    assert make_key(_ref("Shved, Anna", "", "")) == "shved-nd"
    assert make_key(_ref("", "", "")) == "ref"
    assert make_key(_ref("Ding, Li", "", "Rethinking"), "{year}-{author}") == "nd-ding"
    assert make_key(_ref("Ding, Li", "2021", "Rethinking")) == "ding2021rethinking"
