"""The field checks behind `refmerge check`: every code has a minimal failing and passing case."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from refmerge.refs.checks.rules import (
    CheckOptions,
    check_library,
    clean_format_problem,
    isbn_valid,
    pages_problem,
)
from refmerge.refs.codes import CODES, codes_markdown_table
from refmerge.refs.formats.bibtex import parse_bibtex
from refmerge.refs.formats.bibtex_writer import format_blocks
from refmerge.refs.model import Diagnostic

ARTICLE = """@article{smith2019,
  author = {Smith, Jane},
  title = {A Title},
  journal = {Journal of Tests},
  year = {2019},
  {extra}
}
"""


def article(extra: str = "", kind: str = "article", key: str = "smith2019") -> str:
    return ARTICLE.replace("{extra}", extra).replace("@article{smith2019", f"@{kind}{{{key}")


def run(text: str, biblatex: bool = False) -> list[Diagnostic]:
    lib = parse_bibtex(text, "refs.bib")
    return lib.diagnostics + check_library(lib, "refs.bib", text, CheckOptions(biblatex=biblatex))


def codes(text: str, biblatex: bool = False) -> list[str]:
    return [d.code for d in run(text, biblatex)]


# (code, failing text, passing text, biblatex)
CASES = [
    ("RM101", article("note = {unbalanced"), article("note = {balanced}"), False),
    (
        "RM102",
        article("note = {a}\n  url = {http://x.org}"),
        article("note = {a},\n  url = {http://x.org}"),
        False,
    ),
    ("RM103", article("year = {2020}"), article("volume = {2}"), False),
    ("RM104", article("publisher = undefinedmacro"), article("publisher = {Defined}"), False),
    ("RM203", article() + article(key="Smith2019"), article() + article(key="smith2019b"), False),
    ("RM301", article().replace("  journal = {Journal of Tests},\n", ""), article(), False),
    ("RM302", article("doi = {10.1000}"), article("doi = {https://doi.org/10.1000/xyz.1}"), False),
    ("RM303", article("isbn = {978-0-306-40615-6}"), article("isbn = {978-0-306-40615-7}"), False),
    ("RM304", article().replace("{2019}", "{19}"), article(), False),
    ("RM305", article("month = {31}"), article('month = jan # "~15"'), False),
    ("RM306", article("pages = {pp. 12-15}"), article("pages = {1234-56}"), False),
    (
        "RM307",
        article("publisher = {Taylor & Francis}"),
        article("publisher = {Taylor \\& Francis}"),
        False,
    ),
    ("RM308", article("note = {}"), article("note = {Seen}"), False),
    (
        "RM309",
        article("crossref = {nowhere}"),
        article("crossref = {Parent}")
        + "@proceedings{parent,\n  title = {P},\n  year = {2019}\n}\n",
        False,
    ),
    ("RM310", article(kind="webpage"), article(kind="misc"), False),
    (
        "RM311",
        "@proceedings{parent,\n  title = {P},\n  year = {2019}\n}\n"
        + article("crossref = {Parent}", kind="inproceedings"),
        article("crossref = {Parent}", kind="inproceedings")
        + "@proceedings{parent,\n  title = {P},\n  year = {2019}\n}\n",
        False,
    ),
    (
        "RM312",
        article().replace("{Smith, Jane}", "{given=Jane, giveni=J., family=Smith}"),
        article().replace("{Smith, Jane}", "{given=Jane, given-i=J, family=Smith}"),
        True,
    ),
]


@pytest.mark.parametrize(("code", "bad", "good", "biblatex"), CASES, ids=[c[0] for c in CASES])
def test_each_code_fails_on_its_example_and_passes_when_fixed(
    code: str, bad: str, good: str, biblatex: bool
) -> None:
    assert code in codes(bad, biblatex)
    assert code not in codes(good, biblatex)


def test_biblatex_types_are_known_with_biblatex_only() -> None:
    online = article(kind="online", extra="url = {http://x.org}")
    assert codes(online) == ["RM310"]
    assert codes(online, biblatex=True) == []


def test_every_registered_code_has_a_test_case() -> None:
    """A code added to the registry without a failing example here makes this fail."""
    covered = {c[0] for c in CASES} | {"RM201", "RM202", "RM204", "RM401"}  # in test_check_cli
    covered |= {"RM001", "RM002", "RM105"}  # input codes, tested by the readers and the CLI
    mine = {c for c in CODES if c[:3] in ("RM2", "RM3", "RM4") or c in ("RM101", "RM102")}
    assert mine <= covered


def test_clean_example_has_no_diagnostics() -> None:
    assert run(article("doi = {10.1000/xyz},\n  pages = {1--10},\n  month = jan")) == []


def test_diagnostic_points_at_the_fields_line_and_column() -> None:
    text = article("publisher = {Taylor & Francis}")
    [d] = [d for d in run(text) if d.code == "RM307"]
    line = text.split("\n")[d.line - 1]
    assert line.startswith("  publisher")
    assert d.col == 3
    assert d.file == "refs.bib"


def test_entry_diagnostic_points_at_the_key() -> None:
    text = "\n\n" + article().replace("  journal = {Journal of Tests},\n", "")
    [d] = run(text)
    assert (d.code, d.line, d.col) == ("RM301", 3, 10)
    assert "journal" in d.message


def test_lines_stay_right_after_a_backslash_at_a_line_end() -> None:
    """bibtexparser loses a line after `\\` + newline; the locator finds the entry again."""
    first = article("note = {ends with \\\n  more}")
    second = article(key="jones2020").replace("  journal = {Journal of Tests},\n", "")
    text = first + "\n" + second
    [d] = [d for d in run(text) if d.code == "RM301"]
    assert text.split("\n")[d.line - 1].startswith("@article{jones2020")


def test_biblatex_model_accepts_biblatex_names_bibtex_does_not() -> None:
    text = """@article{a,
  author = {Smith, Jane},
  title = {T},
  journaltitle = {J},
  date = {2019-04}
}
"""
    assert codes(text, biblatex=True) == []
    assert codes(text) == ["RM301"]
    assert "RM304" in codes(text.replace("2019-04", "2019-13"), biblatex=True)


def test_crossref_parent_supplies_required_fields() -> None:
    text = """@inproceedings{child,
  author = {Smith, Jane},
  title = {Paper},
  crossref = {conf}
}

@proceedings{conf,
  title = {Proceedings of Tests},
  booktitle = {Proceedings of Tests},
  year = {2019}
}
"""
    assert codes(text) == []
    assert "RM301" in codes(text.replace("  booktitle = {Proceedings of Tests},\n", ""))
    # biblatex inherits the parent's title as booktitle
    assert codes(text.replace("  booktitle = {Proceedings of Tests},\n", ""), biblatex=True) == []


def test_biblatex_months_must_be_numbers_or_macros() -> None:
    assert "RM305" in codes(article("month = {January}"), biblatex=True)
    assert "RM305" not in codes(article("month = jan"), biblatex=True)
    assert "RM305" not in codes(article("month = {4}"), biblatex=True)
    assert "RM305" not in codes(article("month = {January}"))


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("1034--1071", True),
        ("1{\\textendash}31", True),
        ("e0123456", True),
        ("12:1--12:20", True),
        ("xi--xv", True),
        ("241409(R)", True),
        ("1, 5--7", True),
        ("1071--1034", False),
        ("1234-56", True),
        ("150-45", False),
        ("pp. 3-5", False),
        ("Appendix A", False),
    ],
)
def test_page_ranges(value: str, ok: bool) -> None:
    assert (pages_problem(value) is None) is ok


def test_specials_in_math_urls_and_unprinted_fields_are_fine() -> None:
    assert codes(article("title2 = {$a \\# b$ and $x & y$}")) == []
    assert codes(article("note = {See \\url{http://x.org/a#b%20c}}")) == []
    assert codes(article("abstract = {50% & more}")) == []
    assert "RM307" in codes(article("title2 = {C# and $x$ #1}"))


def test_string_definitions_with_specials_are_reported_at_the_string() -> None:
    text = "@string{pub = {Taylor & Francis}}\n\n" + article("publisher = pub")
    [d] = run(text)
    assert (d.code, d.line) == ("RM307", 1)


def test_issn_in_the_isbn_field_says_so() -> None:
    [d] = run(article("isbn = {1098-0121}"))
    assert d.code == "RM303" and "ISSN" in d.message


def _isbn13(body: str) -> str:
    total = sum((1 if i % 2 == 0 else 3) * int(c) for i, c in enumerate(body))
    return body + str((10 - total % 10) % 10)


@given(st.text(alphabet="0123456789", min_size=12, max_size=12))
def test_isbn13_check_digit_accepts_valid_and_rejects_any_single_digit_change(body: str) -> None:
    isbn = _isbn13(body)
    assert isbn_valid(isbn)
    for i in range(13):
        for digit in "0123456789":
            if digit != isbn[i]:
                assert not isbn_valid(isbn[:i] + digit + isbn[i + 1 :])
                break


def test_isbn10_with_x_check_digit() -> None:
    assert isbn_valid("080442957X")
    assert not isbn_valid("0804429579")


def test_not_clean_format_points_at_the_first_difference() -> None:
    text = article("pages = {1-10}")
    lib = parse_bibtex(text, "refs.bib")
    problem = clean_format_problem(lib, "refs.bib", text)
    assert problem is not None and problem.code == "RM401"
    clean = format_blocks(lib.blocks)
    assert clean_format_problem(parse_bibtex(clean, "refs.bib"), "refs.bib", clean) is None


def test_codes_table_lists_every_code_once() -> None:
    table = codes_markdown_table()
    for code in CODES:
        assert table.count(f"| {code} |") == 1


def test_every_code_check_can_report_is_documented() -> None:
    """docs/check.md has a section (what, why, how to fix) for every code `check` reports."""
    from conftest import REPO

    docs = (REPO / "docs" / "check.md").read_text(encoding="utf-8")
    for code in CODES:
        if code[:3] in ("RM2", "RM3", "RM4") or "RM101" <= code <= "RM105":
            assert f"\n### {code} " in docs, f"docs/check.md lacks a section for {code}"


_VALUE = st.text(alphabet=st.sampled_from(list("ab1 -&%#$\\{}.,:~é")), max_size=20)
_FIELD = st.sampled_from(["title", "pages", "month", "year", "doi", "isbn", "note", "crossref"])


@given(st.lists(st.tuples(_FIELD, _VALUE), max_size=6), st.sampled_from(["article", "book", "x"]))
def test_any_entry_gets_diagnostics_inside_the_file_and_never_crashes(
    fields: list[tuple[str, str]], kind: str
) -> None:
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    text = f"% header\n@{kind}{{k,\n{body}\n}}\n"
    lines = text.split("\n")
    for biblatex in (False, True):
        for d in run(text, biblatex):
            assert 1 <= d.line <= len(lines), d
            assert 0 <= d.col <= len(lines[d.line - 1]) + 1, d


def test_a_parent_before_its_child_is_fine_for_biber() -> None:
    text = "@proceedings{parent,\n  title = {P},\n  year = {2019}\n}\n" + article(
        "crossref = {Parent}", kind="inproceedings"
    )
    assert "RM311" not in codes(text, biblatex=True)


def test_code_policy_lives_in_the_registry() -> None:
    """Each code says by itself whether it loses records, blocks writing, needs the
    duplicate engine, is opt-in, and how `check --fix` repairs it (ruff's safe/unsafe)."""
    from refmerge.refs.codes import (
        DUPLICATE_CODES,
        OPT_IN,
        UNREADABLE_CODES,
        WRITE_BLOCKING_CODES,
        FixSafety,
    )

    names = [c.name for c in CODES.values()]
    assert all(names) and len(set(names)) == len(names)
    assert UNREADABLE_CODES <= WRITE_BLOCKING_CODES  # lost records always block writing
    assert "RM103" in WRITE_BLOCKING_CODES - UNREADABLE_CODES  # a field twice: read, not written
    assert {"RM201", "RM202", "RM204"} == DUPLICATE_CODES
    assert {"RM401"} == OPT_IN
    assert CODES["RM401"].fix_safety is FixSafety.SAFE and CODES["RM401"].fixable
    assert not CODES["RM302"].fixable


def test_malformed_extended_name_names_file_and_line() -> None:
    text = article().replace("{Smith, Jane}", "{Pell, Ona and given={Jane, family=Smith}}")
    [found] = [d for d in run(text) if d.code == "RM312"]
    assert (found.file, found.line, found.col) == ("refs.bib", 2, 3)
    assert "braces" in found.message and "'smith2019'" in found.message
