"""Merging groups of duplicates: base choice, field choice, conflicts, keys, conservation.

The groups here are built by hand so the merge rules are tested apart from the
duplicate engine.
"""

from __future__ import annotations

import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from refmerge.dedupe.keys_policy import assign_keys
from refmerge.dedupe.merge import is_all_caps, is_mojibake, merge_all, merge_group
from refmerge.refs.model import Origin, Reference


def ref(
    key: str, line: int = 1, file: str = "a.bib", etype: str = "article", **fields
) -> Reference:
    return Reference(etype, key, dict(fields), Origin(file, line))


def conflict_fields(merged) -> dict[str, list[str]]:
    return {c.field: [v for v, _ in c.others] for c in merged.conflicts}


# ----------------------------------------------------------------- base record


def test_existing_library_record_is_base_and_keeps_its_key() -> None:
    old = ref("smith2019", title="Deep Learning", year="2019")
    new = ref(
        "Smith_2019_long",
        1,
        "new.bib",
        title="Deep Learning",
        year="2019",
        pages="1--9",
        doi="10.1/x",
    )
    m = merge_group([old, new], [0, 1], priority=[0, 1])
    assert m.base == 0
    assert m.record.key == "smith2019"
    # The less complete base still gains the other record's fields.
    assert m.record.get("pages") == "1--9"
    assert m.record.get("doi") == "10.1/x"
    assert m.record.absorbed == [new]


def test_without_priority_the_most_complete_record_is_base() -> None:
    thin = ref("a", title="T")
    rich = ref("b", 2, title="T", journal="J", volume="3")
    m = merge_group([thin, rich], [0, 1])
    assert m.base == 1
    assert m.record.key == "b"


def test_keyless_base_borrows_a_members_key() -> None:
    scraped = ref("", 1, "scrape.txt", title="T", journal="J", volume="3", abstract="x")
    keyed = ref("kept2020", 1, "b.ris", title="T")
    m = merge_group([scraped, keyed], [0, 1], priority=[1, 1])
    assert m.base == 0
    assert m.record.key == "kept2020"
    plan = assign_keys([m], [scraped, keyed])
    assert [(c.old, c.new, c.reason) for c in plan.changes] == [("", "kept2020", "borrowed")]


def test_a_single_sources_list_field_is_kept_verbatim() -> None:
    m = merge_group([ref("a", keywords="trust; China"), ref("b", 2)], [0, 1], [0, 1])
    assert m.record.get("keywords") == "trust; China"


def test_inputs_are_not_mutated() -> None:
    a = ref("a", title="T", author="Smith, J.")
    b = ref("b", 2, title="T", author="Smith, John", pages="4")
    before = (dict(a.fields), dict(b.fields), a.key, b.key)
    merge_group([a, b], [0, 1], priority=[0, 1])
    assert (dict(a.fields), dict(b.fields), a.key, b.key) == before


# ----------------------------------------------------------------- field choice


def test_full_given_names_win_over_initials_name_by_name() -> None:
    a = ref("a", author="Smith, J. and Doe, Jane")
    b = ref("b", 2, author="Smith, John and Doe, J.")
    m = merge_group([a, b], [0, 1], priority=[0, 1])
    assert m.record.get("author") == "Smith, John and Doe, Jane"
    assert "author" not in conflict_fields(m)
    assert set(m.choices["author"].sources) == {0, 1}


def test_all_caps_names_and_titles_lose_to_proper_case() -> None:
    caps = ref("a", author="CABESTAN, JEAN-PIERRE", title="THE DIGITAL PANOPTICON")
    proper = ref("b", 2, author="Cabestan, Jean-Pierre", title="The Digital Panopticon")
    m = merge_group([caps, proper], [0, 1], priority=[0, 1])
    assert m.record.get("author") == "Cabestan, Jean-Pierre"
    assert m.record.get("title") == "The Digital Panopticon"
    assert m.conflicts == []  # same text, different case: not a conflict


def test_truncated_author_list_is_completed() -> None:
    short = ref("a", author="Ding, Xiaodong and others")
    full = ref("b", 2, author="Ding, X. and Zhong, Dale Yuhao")
    m = merge_group([short, full], [0, 1], priority=[0, 1])
    assert m.record.get("author") == "Ding, Xiaodong and Zhong, Dale Yuhao"


def test_different_people_are_a_conflict_not_a_blend() -> None:
    a = ref("a", author="Smith, John")
    b = ref("b", 2, author="Jones, Mary")
    m = merge_group([a, b], [0, 1], priority=[0, 1])
    assert m.record.get("author") == "Smith, John"
    assert conflict_fields(m) == {"author": ["Jones, Mary"]}


def test_page_range_wins_over_start_page() -> None:
    a = ref("a", pages="1034")
    b = ref("b", 2, pages="1034--1071")
    m = merge_group([a, b], [0, 1], priority=[0, 1])
    assert m.record.get("pages") == "1034--1071"
    assert m.conflicts == []


def test_leading_zeros_of_an_article_number_are_no_conflict() -> None:
    m = merge_group([ref("a", pages="045302"), ref("b", 2, pages="45302")], [0, 1], [0, 1])
    assert m.record.get("pages") == "045302"
    assert m.conflicts == []


def test_different_start_pages_are_a_conflict() -> None:
    m = merge_group([ref("a", pages="10--20"), ref("b", 2, pages="11--20")], [0, 1], [0, 1])
    assert m.record.get("pages") == "10--20"
    assert conflict_fields(m) == {"pages": ["11--20"]}


def test_longer_abstract_and_unicode_over_mojibake() -> None:
    a = ref("a", abstract="In 2014, the State Council", title="Caf\u00c3\u00a9 culture")
    b = ref(
        "b", 2, abstract="In 2014, the State Council released a document.", title="Café culture"
    )
    m = merge_group([a, b], [0, 1], priority=[0, 1])
    assert m.record.get("abstract") == "In 2014, the State Council released a document."
    assert m.record.get("title") == "Café culture"


def test_a_doi_beats_none_and_different_dois_are_reported() -> None:
    m = merge_group([ref("a", title="T"), ref("b", 2, doi="10.1/abc")], [0, 1], [0, 1])
    assert m.record.get("doi") == "10.1/abc"
    m = merge_group(
        [
            ref("a", doi="https://doi.org/10.1/ABC"),
            ref("b", 2, doi="10.1/abc"),
            ref("c", 3, doi="10.2/z"),
        ],
        [0, 1, 2],
        [0, 1, 1],
    )
    assert m.record.get("doi") == "https://doi.org/10.1/ABC"
    assert conflict_fields(m) == {"doi": ["10.2/z"]}


def test_keywords_are_unioned_without_repeats() -> None:
    a = ref("a", keywords="surveillance, China")
    b = ref("b", 2, keywords="china; trust")
    m = merge_group([a, b], [0, 1], priority=[0, 1])
    assert m.record.get("keywords") == "surveillance, China, trust"


def test_the_databases_a_record_was_found_in_add_up() -> None:
    a = ref("a", database="PubMed")
    b = ref("b", 2, database="Embase; pubmed")
    c = ref("c", 3, database="Web of Science")
    m = merge_group([a, b, c], [0, 1, 2], priority=[0, 1, 1])
    assert m.record.get("database") == "PubMed; Embase; Web of Science"
    assert m.conflicts == []


def test_conflicting_years_are_kept_in_the_report() -> None:
    m = merge_group([ref("a", year="2019"), ref("b", 2, year="2020")], [0, 1], [0, 1])
    assert m.record.get("year") == "2019"
    assert conflict_fields(m) == {"year": ["2020"]}
    assert m.conflicts[0].source == 0 and m.conflicts[0].others == (("2020", 1),)


def test_generic_entry_type_gives_way_to_a_specific_one() -> None:
    m = merge_group([ref("a", etype="misc"), ref("b", 2, etype="article")], [0, 1], [0, 1])
    assert m.record.entry_type == "article"


def test_chain_keeps_every_members_fields() -> None:
    # x~y by DOI, y~z by title: z's fields must survive (bibtex-tidy loses them).
    x = ref("x", doi="10.1/q", note="from x")
    y = ref("y", 2, doi="10.1/q", title="Same Title", volume="7")
    z = ref("z", 3, title="Same Title", pages="5--9", publisher="Pub Z")
    m = merge_group([x, y, z], [0, 1, 2], priority=[0, 1, 1])
    assert {
        k: m.record.get(k) for k in ("doi", "note", "title", "volume", "pages", "publisher")
    } == {
        "doi": "10.1/q",
        "note": "from x",
        "title": "Same Title",
        "volume": "7",
        "pages": "5--9",
        "publisher": "Pub Z",
    }
    assert sorted(r.key for r in m.record.absorbed) == ["y", "z"]


def test_macro_expression_kept_only_for_unchanged_base_fields() -> None:
    a = Reference(
        "article",
        "a",
        {"journal": "Journal of the ACM", "month": "January"},
        Origin("a.bib", 1),
        {"journal": "jacm", "month": "jan"},
    )
    b = ref("b", 2, journal="JOURNAL OF THE ACM")
    m = merge_group([a, b], [0, 1], priority=[0, 1])
    assert m.record.expressions == {"journal": "jacm", "month": "jan"}


def test_ampersand_and_and_are_the_same_journal() -> None:
    a = ref("a", journal="Clinical & Experimental Pharmacology & Physiology")
    b = ref("b", 2, journal="Clinical and experimental pharmacology \\& physiology")
    m = merge_group([a, b], [0, 1], priority=[0, 1])
    assert m.record.get("journal") == a.get("journal")
    assert m.conflicts == []


def test_journal_abbreviation_is_not_a_conflict_and_the_library_style_stays() -> None:
    a = ref("a", journal="J. Cryst. Growth")
    b = ref("b", 2, journal="Journal of Crystal Growth")
    c = ref("c", 3, journal="Journal of Crystal Structure")
    m = merge_group([a, b, c], [0, 1, 2], priority=[0, 1, 1])
    assert m.record.get("journal") == "J. Cryst. Growth"
    assert conflict_fields(m) == {"journal": ["Journal of Crystal Structure"]}


def test_lost_case_loses_to_proper_case() -> None:
    a = ref("a", title="rethinking china's social credit system")
    b = ref("b", 2, title="Rethinking China's Social Credit System")
    m = merge_group([a, b], [0, 1], priority=[0, 1])
    assert m.record.get("title") == "Rethinking China's Social Credit System"


def test_quality_detectors() -> None:
    assert is_mojibake("donâ€™t") and is_mojibake("Caf\u00c3\u00a9") and not is_mojibake("Café")
    assert is_mojibake("Ekmekçio?lu") and not is_mojibake("Why? Because")
    assert is_all_caps("JEAN-PIERRE CABESTAN") and not is_all_caps("{NASA} rockets")
    assert not is_all_caps("DNA")  # too short to call shouting


# ----------------------------------------------------------------- merge_all and keys


def test_merge_all_orders_by_base_and_rejects_overlaps() -> None:
    refs = [ref("a", title="A"), ref("b", 2, title="B"), ref("c", 3, title="A")]
    out = merge_all(refs, [[0, 2]], [0, 0, 0])
    assert [m.record.key for m in out] == ["a", "b"]
    with pytest.raises(ValueError):
        merge_all(refs, [[0, 2], [1, 2]])


def test_generated_keys_follow_the_template_and_are_unique() -> None:
    refs = [
        ref("", 1, "s.txt", author="Aldendorff, Nadja", year="2019"),
        ref("", 2, "s.txt", author="Aldendorff, Nadja", year="2019", title="Other"),
        ref("", 3, "s.txt", author="Ding, Xiaodong", year="2021", title="Rethinking China"),
    ]
    merged = merge_all(refs, [])
    plan = assign_keys(merged, refs)
    assert [m.record.key for m in merged] == [
        "aldendorff2019",
        "aldendorff2019other",
        "ding2021rethinking",
    ]
    assert {c.reason for c in plan.changes} == {"generated"}
    merged = merge_all(refs, [])
    assign_keys(merged, refs, template="{author}{year}")
    assert [m.record.key for m in merged] == ["aldendorff2019", "aldendorff2019a", "ding2021"]


def test_same_key_for_different_works_first_file_wins() -> None:
    refs = [
        ref("chen2008", 1, "a.bib", title="One"),
        ref("chen2008a", 2, "a.bib", title="Two"),
        ref("chen2008", 1, "b.bib", title="Three"),
        ref("Chen2008A", 2, "b.bib", title="Four"),
    ]
    merged = merge_all(refs, [], [0, 0, 1, 1])
    plan = assign_keys(merged, refs)
    keys = [m.record.key for m in merged]
    assert keys[:2] == ["chen2008", "chen2008a"]
    assert len({k.casefold() for k in keys}) == 4
    assert [(c.old, c.reason) for c in plan.changes] == [
        ("chen2008", "renamed"),
        ("Chen2008A", "renamed"),
    ]
    # An ambiguous old key is not rewritten in .tex files; the existing library's meaning wins.
    assert plan.tex_map(refs, merged) == {}


def test_ids_and_tex_map_for_absorbed_keys() -> None:
    refs = [
        ref("kept", 1, "a.bib", title="T", ids="older"),
        ref("other", 2, "a.bib", title="U"),
        ref("gone", 1, "b.bib", title="T"),
        ref("other", 2, "b.bib", title="T"),  # 'other' names a different work in a.bib
    ]
    merged = merge_all(refs, [[0, 2, 3]], [0, 0, 1, 1])
    plan = assign_keys(merged, refs, ids=True)
    record = merged[0].record
    assert record.get("ids") == "older, gone"
    assert plan.skipped_aliases == [("other", "kept")]
    assert plan.tex_map(refs, merged) == {"gone": "kept"}
    assert [(c.old, c.new, c.reason) for c in plan.changes] == [
        ("gone", "kept", "absorbed"),
        ("other", "kept", "absorbed"),
    ]


# ----------------------------------------------------------------- conservation

_words = st.text(string.ascii_lowercase, min_size=1, max_size=6)
_fields = st.dictionaries(
    st.sampled_from(["title", "author", "year", "pages", "doi", "keywords", "journal", "ids"]),
    st.one_of(_words, st.sampled_from(["Smith, J.", "SMITH, JOHN", "1--9", "9", "2019"])),
    max_size=5,
)


@st.composite
def _inputs(draw):
    n = draw(st.integers(1, 12))
    refs = [
        Reference(
            draw(st.sampled_from(["article", "misc", "book"])),
            draw(st.sampled_from(["", "a", "b", "A", "a2019", "x"])),
            draw(_fields),
            Origin(draw(st.sampled_from(["a.bib", "b.ris"])), i + 1),
        )
        for i in range(n)
    ]
    labels = draw(st.lists(st.integers(0, 4), min_size=n, max_size=n))
    groups: dict[int, list[int]] = {}
    for i, label in enumerate(labels):
        groups.setdefault(label, []).append(i)
    priority = [0 if r.origin.file == "a.bib" else 1 for r in refs]
    return refs, [g for g in groups.values() if len(g) > 1], priority


@settings(max_examples=150, deadline=None)
@given(_inputs(), st.booleans())
def test_every_input_is_output_or_absorbed_exactly_once(data, ids) -> None:
    refs, groups, priority = data
    merged = merge_all(refs, groups, priority)
    assign_keys(merged, refs, ids=ids)
    seen = [id(m.record.absorbed[j]) for m in merged for j in range(len(m.record.absorbed))]
    seen += [id(refs[m.base]) for m in merged]
    assert sorted(seen) == sorted(id(r) for r in refs)
    assert sorted(i for m in merged for i in m.members) == list(range(len(refs)))
    keys = [m.record.key for m in merged]
    assert all(keys) and len({k.casefold() for k in keys}) == len(keys)
    # No field of any member is lost without trace: in the record or in a conflict.
    for m in merged:
        for i in m.members:
            for name, value in refs[i].fields.items():
                if not value.strip() or name in ("ids", "keywords"):
                    continue
                kept = m.record.get(name)
                reported = any(c.field == name and (value, i) in c.others for c in m.conflicts)
                assert kept or reported


def test_crossref_and_related_follow_absorbed_and_renamed_keys() -> None:
    refs = [
        ref("proc", 1, "a.bib", etype="proceedings", title="Proc A"),
        ref("p1", 2, "a.bib", etype="inproceedings", title="Paper", crossref="proc"),
        ref("proc", 1, "b.bib", etype="proceedings", title="Proc B"),  # another work, renamed
        ref("p2", 2, "b.bib", etype="inproceedings", title="Other", crossref="proc"),
        ref("dup", 3, "b.bib", title="Paper"),
        ref("cites", 4, "b.bib", title="Note", related="dup, p2"),
    ]
    merged = merge_all(refs, [[1, 4]], [0, 0, 1, 1, 1, 1])
    plan = assign_keys(merged, refs)
    out = {m.record.key: m.record for m in merged}
    assert out["p1"].get("crossref") == "proc"
    assert out["p2"].get("crossref") == "proca"  # b.bib's proc, not a.bib's
    assert out["cites"].get("related") == "p1, p2"
    assert ("cites", "related", "dup, p2", "p1, p2") in plan.repointed


def test_merged_ids_never_repeat_the_own_key_or_another_records_key() -> None:
    refs = [
        ref("Abdollahi2018", 1, "a.bib", title="T"),
        ref("lone", 2, "a.bib", title="U"),
        ref("abdollahi_2018", 1, "b.bib", title="T", ids="Abdollahi2018, lone, old"),
    ]
    merged = merge_all(refs, [[0, 2]], [0, 0, 1])
    plan = assign_keys(merged, refs)  # without --ids: only the members' own aliases
    assert merged[0].record.get("ids") == "old"
    assert plan.skipped_aliases == [("lone", "Abdollahi2018")]


def test_latex_noise_in_a_title_is_not_a_conflict() -> None:
    a = ref("a", title="Polarization in {{ZnO}}")
    b = ref("b", 2, title="Polarization in \\{\\vphantom\\}{{ZnO}}\\vphantom\\{\\}")
    m = merge_group([a, b], [0, 1], priority=[0, 1])
    assert m.record.get("title") == "Polarization in {{ZnO}}"
    assert m.conflicts == []


def test_a_list_cut_short_without_others_is_completed() -> None:
    short = ref("a", author="Lim, C. B. and Ajay, Akhil")
    full = ref("b", 2, author="Lim, C. B. and Ajay, A. and Bougerol, C.")
    m = merge_group([short, full], [0, 1], priority=[0, 1])
    assert m.record.get("author") == "Lim, C. B. and Ajay, Akhil and Bougerol, C."
    assert m.conflicts == []
