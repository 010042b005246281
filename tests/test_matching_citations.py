"""How citations of one work differ (issue 12, Cora's recall), on invented records: a name
written surname first with its initials after it. Each test also holds the line the class
must not cross."""

from __future__ import annotations

from refmerge.dedupe.engine import DedupeResult, find_duplicates
from refmerge.dedupe.policy import Policy
from refmerge.refs.model import Origin, Reference
from refmerge.refs.normalize import authors_of


def rec(key: str, entry_type: str = "article", **fields: str) -> Reference:
    return Reference(entry_type, key, dict(fields), Origin("invented.bib", len(key) + 1))


def run(refs: list[Reference]) -> DedupeResult:
    return find_duplicates(refs, Policy())


def groups(refs: list[Reference]) -> list[set[str]]:
    return [{refs[m].key for m in g.members} for g in run(refs).groups]


# ------------------------------------------ a name written surname first, initials after it


def test_a_surname_before_its_dotted_initials_is_the_surname() -> None:
    assert authors_of("okonkwo a.b. and varga t.") == (("okonkwo", "varga"), ("a", "t"))
    assert authors_of("Heidegger M.") == (("heidegger",), ("m",))
    assert authors_of("Varga T.W") == (("varga",), ("t",))
    # the usual orders are untouched
    assert authors_of("A. B. Okonkwo") == (("okonkwo",), ("a",))
    assert authors_of("Okonkwo, A. B.") == (("okonkwo",), ("a",))
    # without full stops the last word is a surname ("Yan WU", "Hong Ji"): never initials
    assert authors_of("Yan WU and Hong Ji") == (("wu", "ji"), ("y", "h"))


def test_one_paper_cited_with_names_in_both_orders_merges() -> None:
    title = "sparse lattice embeddings for the routing of invented parcels"
    refs = [
        rec(
            "a",
            "inproceedings",
            title=title,
            author="okonkwo a.b. and varga t. and lindqvist e.",
            year="1997",
            booktitle="proceedings of the ninth invented conference",
        ),
        rec(
            "b",
            "inproceedings",
            title=title,
            author="a. b. okonkwo and t. varga and e. lindqvist",
            year="1997",
            booktitle="in invented conference 9",
        ),
        # another paper of the same title and year by other people stays apart
        rec(
            "c",
            "inproceedings",
            title=title,
            author="brandt k.l. and moreau j.",
            year="1997",
            booktitle="proceedings of the ninth invented conference",
        ),
    ]
    assert groups(refs) == [{"a", "b"}]


# ------------------------------------------------ a page range whose dash was lost


def test_a_page_range_whose_dash_was_lost_is_no_page_conflict() -> None:
    base = {
        "title": "an experimental comparison of invented parcel routing methods",
        "author": "okonkwo, a. and varga, t. and lindqvist, e.",
        "year": "1997",
        "journal": "journal of invented logistics",
        "volume": "27",
    }
    refs = [rec("a", **base, pages="7--50"), rec("b", **base, pages="750")]
    assert groups(refs) == [{"a", "b"}]
    # another first page is still another article of the volume
    refs = [rec("a", **base, pages="7--50"), rec("b", **base, pages="751")]
    assert groups(refs) == []
