"""The layout families: every labelled page scored against its expected records.

Scored like bench/scrape_accuracy.py (which prints the per-file table): a
record is right when its title, first-author surname, year and DOI all match.
Issue 3 asks for >= 95% of all records right over the shared families; our own
variant fixtures (tests/data/scrapes) are held to the same bar.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from conftest import DATA, REPO, shared_path

_spec = importlib.util.spec_from_file_location(
    "scrape_accuracy", REPO / "bench" / "scrape_accuracy.py"
)
accuracy = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(accuracy)

FAMILIES = [
    "A01_sciencegate", "A02_ouci_en", "A03_ouci_uk", "A04_bibsonomy", "A05_pubmed", "A06_arxiv",
    "A07_apa_list", "A08_cite_box", "A09_scholar", "A10_catalogue",
]  # fmt: skip
OWN = sorted((DATA / "scrapes").glob("*.expected.json"))


def _txt(expected: Path) -> Path:
    return expected.with_name(expected.name.replace(".expected.json", ".txt"))


def _score(paths: list[Path]) -> tuple[int, int, list[str]]:
    ok = total = 0
    wrong = []
    for path in paths:
        result = accuracy.score_file(path)
        ok += result["key_ok"]
        total += result["total"]
        for exp, act, key_bad, _ in result["rows"]:
            if key_bad:
                who = (exp or act or {}).get("title") or (exp or act or {}).get("authors")
                wrong.append(f"{path.name}: {key_bad} {who}")
    return ok, total, wrong


def test_shared_families_score_at_least_95_percent() -> None:
    paths = [shared_path("fixtures", "scrapes", f"{name}.txt") for name in FAMILIES]
    ok, total, wrong = _score(paths)
    expected = sum(len(json.loads(accuracy.expected_path(p).read_text())["records"]) for p in paths)
    assert total >= expected == 52
    assert ok / total >= 0.95, "\n".join(wrong)


def test_own_variant_fixtures_score_at_least_95_percent() -> None:
    assert len(OWN) >= 10
    ok, total, wrong = _score([_txt(p) for p in OWN])
    assert ok / total >= 0.95, "\n".join(wrong)


@pytest.mark.parametrize("expected", OWN, ids=lambda p: p.name.split(".")[0])
def test_own_fixture_record_count(expected: Path) -> None:
    """No record lost and none invented from chrome or reference lists."""
    records = json.loads(expected.read_text())["records"]
    result = accuracy.score_file(_txt(expected))
    assert result["read"] == len(records)


def test_landing_pages_do_not_read_their_reference_lists() -> None:
    for name in ("A02_ouci_en", "A03_ouci_uk", "A05_pubmed", "A10_catalogue"):
        result = accuracy.score_file(shared_path("fixtures", "scrapes", f"{name}.txt"))
        assert result["read"] == 1, name


def test_alignment_counts_an_invented_record_as_wrong() -> None:
    exp = [{"title": "A b c", "authors": ["X, Y"], "year": 2001, "doi": None}]
    good = {"title": "A b c", "authors": ["X, Y"], "year": 2001, "doi": None, "venue": None,
            "pages": None, "abstract": ""}  # fmt: skip
    bogus = dict(good, title="Sign in", authors=["In, Sign"], year=None)
    pairs = accuracy.align(exp, [bogus, good])
    assert (0, 1) in pairs and (None, 0) in pairs


def test_clean_pages_give_no_warnings() -> None:
    """Breadcrumbs, 'Cite as' lines and chrome on ordinary pages are not 'unreadable records'."""
    from refmerge.refs.scrape.reader import read_scrape

    pages = [_txt(p) for p in OWN]
    pages += [shared_path("fixtures", "scrapes", f"{name}.txt") for name in FAMILIES]
    for page in pages:
        lib = read_scrape(page.read_text(encoding="utf-8"), page.name)
        # RM109 is the note naming the reference / "similar articles" lists that were skipped
        assert [d for d in lib.diagnostics if d.code != "RM109"] == [], page.name


@pytest.mark.parametrize(
    "page",
    [*(f"shared:{name}" for name in FAMILIES), *(p.name.split(".")[0] for p in OWN)],
)
def test_every_fixture_record_is_right(page: str) -> None:
    """Every record of every fixture page keeps its title, first author, year and DOI.

    The 95 % bars above are the issue's floor; the reader gets every fixture record right
    today (122/122), so one record going wrong is a regression to look at, not noise.
    A merge of two reader branches once lost two titles of one own page under the floor.
    """
    if page.startswith("shared:"):
        path = shared_path("fixtures", "scrapes", f"{page[7:]}.txt")
    else:
        path = DATA / "scrapes" / f"{page}.txt"
    _, _, wrong = _score([path])
    assert not wrong, "\n".join(wrong)
