"""How two sources write one work differently (issue 12's recall classes), on invented records:
a venue by its acronym, a partial author list in another order, an organisation as author,
a compound or family-name-first name, a session label after the title, a citation's year
before it, a mistyped entry type at one venue, proceedings printed the year after the
meeting. Each test also holds the line the class must not cross."""

from __future__ import annotations

import pytest
from test_matching_classes import groups, rec, run, versions

from refmerge.dedupe.compare import authors_agree, venue_agrees
from refmerge.dedupe.policy import Policy
from refmerge.refs.normalize import (
    authors_of,
    fold_for_matching,
    fold_title,
    match_keys,
    split_cited_year,
    volume_number,
)


def venues(a: str, b: str) -> bool:
    return venue_agrees(fold_for_matching(a), fold_for_matching(b))


# ------------------------------------------------------------------ a venue by its acronym


def test_a_venue_named_by_its_acronym_agrees_with_its_expansion() -> None:
    assert venues("VLDB", "Very Large Data Bases")
    assert venues("SIGMOD Conference", "International Conference on Management of Data")
    assert venues(
        "Proc. STOC-93", "Proceedings of the 25th Annual ACM Symposium on Theory of Computing"
    )
    assert venues(
        "FOCS 36", "Proceedings of the 36th Annual Symposium on Foundations of Computer Science"
    )
    # what is left besides the acronym must be genre words: a journal is not the conference
    assert not venues("SIGMOD Record", "International Conference on Management of Data")
    assert not venues("VLDB Workshop", "Very Large Data Bases")
    # letters that spell no run of the other's words
    assert not venues("ICML", "Very Large Data Bases")
    assert not venues("Nature", "Nucleic Acids Research")


def test_a_short_title_by_one_person_merges_at_one_venue_written_two_ways() -> None:
    talk = {"title": "Quilted Predicate Folding", "author": "Marrowby, Tobiah", "year": "1996"}
    refs = [
        rec("dblp", "inproceedings", **talk, booktitle="QPF Conference"),
        rec(
            "acm",
            "inproceedings",
            **talk,
            booktitle="International Conference on Quilted Predicate Folding",
        ),
    ]
    assert groups(refs) == [{"dblp", "acm"}]
    other = [
        rec("dblp", "inproceedings", **talk, booktitle="QPF Conference"),
        rec("acm", "inproceedings", **talk, booktitle="Symposium on Imagined Databases"),
    ]
    assert groups(other) == []  # one person and three words at two venues: not enough


# ------------------------------------------------------------------ people


def test_a_partial_author_list_in_another_order_is_the_same_people() -> None:
    a = match_keys(rec("a", author="Vantrell, Ysolde and Quillfeather, Ondine"))
    b = match_keys(
        rec(
            "b",
            author="Quillfeather, Ondine and Marrowby, Tobiah and Vantrell, Ysolde and Orrin, Pell",
        )
    )
    assert authors_agree(a, b)[0] == "match"
    c = match_keys(rec("c", author="Vantrell, Ysolde and Dunmore, Hal"))
    assert authors_agree(c, b)[0] == "partial"  # one of two: not the same people
    paper = {"title": "A Lattice of Invented Storage Engines for Quilts", "year": "1999"}
    refs = [
        rec(
            "dblp",
            "inproceedings",
            **paper,
            booktitle="QPF",
            author="Vantrell, Ysolde and Quillfeather, Ondine",
        ),
        rec(
            "acm",
            "inproceedings",
            **paper,
            booktitle="Quilted Predicate Folding",
            author="Quillfeather, Ondine and Marrowby, Tobiah and Vantrell, Ysolde",
        ),
    ]
    assert groups(refs) == [{"dblp", "acm"}]


def test_an_organisation_is_keyed_by_its_own_name() -> None:
    forms = (
        "The Quill Team",
        "Quill Team",
        "CORPORATE The Quill Team Fabrikam",
        "{The Quill Team}",
    )
    assert {authors_of(f)[0] for f in forms} == {("quill",)}
    assert authors_of("Times-Ten Team")[0] == authors_of("CORPORATE TimesTen Team")[0]
    assert authors_of("Act-Net Consortium")[0] != authors_of("Other-Net Consortium")[0]
    assert authors_of("Mary Smith")[0] == ("smith",)  # people are untouched


def test_a_compound_surname_or_a_family_name_first_is_the_same_person() -> None:
    def agree(x: str, y: str) -> str:
        return authors_agree(match_keys(rec("x", author=x)), match_keys(rec("y", author=y)))[0]

    assert agree("Rafael Camps Paré", "Rafael Camps") == "match"
    assert (
        agree("Fernando Berzal Galiano and Nicolás Marín", "Fernando Berzal and Nicolás Marín")
        == "match"
    )
    assert agree("Chen Qun and Andrew Lim", "Qun Chen and Andrew Lim") == "match"
    # a surname that is another person's middle name, with another initial, is not them
    assert agree("Robert James Smith", "Peter James") == "conflict"


# ------------------------------------------------------------------ titles


def test_a_session_label_after_the_title_is_not_part_of_it() -> None:
    plain = fold_title("Designing an Invented Highly Available Store")
    assert fold_title("Designing an invented highly available store (tutorial session)") == plain
    assert fold_title("Designing an Invented Highly Available Store (Panel Abstract)") == plain
    assert fold_title("Designing an invented highly available store (panel session)") == plain


def test_a_citations_year_before_the_title_is_not_part_of_it() -> None:
    assert split_cited_year("(1989) Cryptographic limits of quilts") == (
        "Cryptographic limits of quilts",
        1989,
    )
    assert split_cited_year("Marrowby (1996). Applying quilts") == ("Applying quilts", 1996)
    assert split_cited_year("Vantrell [1987]. 'On quilts") == ("On quilts", 1987)
    assert split_cited_year("1984 revisited")[1] is None
    assert split_cited_year("Doctor Quill (1964) revisited")[1] is None  # no full stop: a title
    cited = match_keys(rec("c", title="Marrowby (1996). Applying the invented quilt framework"))
    dated = match_keys(
        rec("d", title="Marrowby (1996). Applying the invented quilt framework", year="2003")
    )
    assert cited.title == "applying the invented quilt framework"
    assert cited.year is None  # which version the year dates is unknown
    assert dated.title.startswith("marrowby")  # another year stated: the words stay


# ------------------------------------------------------------------ kinds and years


def test_a_mistyped_entry_at_one_venue_is_not_another_version() -> None:
    paper = {
        "title": "Efficient learning of invented automata from random quilts",
        "author": "Quillfeather, Ondine and Marrowby, Tobiah and Vantrell, Ysolde",
        "pages": "315--324",
    }
    refs = [
        rec("parsed", "article", **paper, journal="STOC-93"),
        rec("proc", "inproceedings", **paper, year="1993",
            booktitle="Proceedings of the 25th Annual ACM Symposium on Theory of Computing"),
    ]  # fmt: skip
    assert groups(refs) == [{"parsed", "proc"}]
    journal = [
        rec("jour", "article", **paper, year="1993", journal="Journal of Invented Automata"),
        rec("proc", "inproceedings", **paper, year="1993",
            booktitle="Proceedings of the 25th Annual ACM Symposium on Theory of Computing"),
    ]  # fmt: skip
    assert groups(journal) == [] and versions(journal) == [{"jour", "proc"}]


def test_proceedings_printed_the_year_after_the_meeting_are_one_work() -> None:
    paper = {
        "title": "Cryptographic primitives from invented quilting problems",
        "author": "Quillfeather, Ondine and Marrowby, Tobiah and Vantrell, Ysolde",
    }
    refs = [
        rec("pre", "inproceedings", **paper, year="1993", booktitle="Pre-proceedings of QUILT '93"),
        rec("proc", "inproceedings", **paper, year="1994", booktitle="Proc. QUILT 93"),
    ]
    assert groups(refs) == [{"pre", "proc"}]
    two_years = [
        rec("pre", "inproceedings", **paper, year="1993", booktitle="Pre-proceedings of QUILT '93"),
        rec("proc", "inproceedings", **paper, year="1995", booktitle="Proc. QUILT 93"),
    ]
    assert groups(two_years) == []


def test_a_yearly_report_by_the_same_people_is_a_new_work_each_year() -> None:
    """The same people, title and venue a year apart with nothing that names the meeting
    or the slot: a recurring report or a shared task's yearly overview. Review, not merge."""
    report = {
        "title": "Quilting and Weaving Statistics Update: A Report of the Invented Guild",
        "author": "Quillfeather, Ondine and Marrowby, Tobiah and Vantrell, Ysolde",
        "journal": "Journal of Invented Textiles",
    }
    yearly = [rec("y2019", **report, year="2019"), rec("y2020", **report, year="2020")]
    result = run(yearly)
    assert result.groups == [] and len(result.review) == 1
    task = {
        "title": "Overview of the shared task on invented quilt pattern recognition",
        "author": "Quillfeather, Ondine and Marrowby, Tobiah",
    }
    series = [
        rec("t19", "inproceedings", **task, year="2019", booktitle="Proceedings of QUILT 2019"),
        rec("t20", "inproceedings", **task, year="2020", booktitle="Proceedings of QUILT 2020"),
    ]
    assert groups(series) == []
    # the journal's print issue a year after online-first: the same volume and first page
    online = [
        rec("on", **report, year="2019", volume="12", pages="101--140"),
        rec("print", **report, year="2020", volume="12", pages="101--140"),
    ]
    assert groups(online) == [{"on", "print"}]


def test_a_range_in_volume_is_no_volume() -> None:
    """A page range parsed into `volume` ('299 - 347') or a combined volume ('77-78') is not a
    clean volume: neutral, never a conflict with the other record's volume."""
    assert volume_number("299 - 347") == volume_number("77-78") == ""
    assert volume_number("103") == volume_number("Vol. 103") == "103"
    paper = {
        "title": "Inference of invented automata using quilting sequences",
        "author": "Marrowby, Tobiah and Vantrell, Ysolde",
        "year": "1993",
        "journal": "Information and Quilting",
    }
    refs = [
        rec("a", **paper, volume="103", pages="299--347"),
        rec("b", **paper, volume="299 - 347"),
    ]
    assert groups(refs) == [{"a", "b"}]


def test_a_venue_run_into_a_venueless_papers_title_is_not_part_of_it() -> None:
    people = {"author": "Marrowby, Tobiah and Vantrell, Ysolde", "year": "1993"}
    refs = [
        rec("run", title="A lower bound on the invented quilts needed for learning. Information and Quilting", **people),
        rec("ok", title="A lower bound on the invented quilts needed for learning", journal="Information and Quilting", **people),
    ]  # fmt: skip
    assert groups(refs) == [{"run", "ok"}]
    # a record with its own venue keeps its whole title; two run-on titles are not compared
    # head to head (two subtitles of one main title are two works)
    assert match_keys(refs[1]).title_head == ""
    # the part after the break is the title's own unless it is the other record's venue:
    # "... A reply to critics" is another work, not a venue run on into the title
    reply = [
        rec("reply", title="A lower bound on the invented quilts needed for learning. A reply to critics", **people),
        rec("ok", title="A lower bound on the invented quilts needed for learning", journal="Information and Quilting", **people),
    ]  # fmt: skip
    assert groups(reply) == []
    subtitles = [
        rec("r1", title="Invented quilting policy in the colonies. A review", **people),
        rec("r2", title="Invented quilting policy in the colonies. A history", **people),
    ]
    assert groups(subtitles) == []


# --------------------------------------------- a volume written with a slip (`volume_slip`)

_SLIP = {
    "title": "Tidal bookkeeping in the invented harbour towns of the northern coast",
    "author": "Okafor, Amara and Brenner, Lukas",
    "journal": "Journal of Imaginary Economic History",
    "year": "1991",
    "pages": "129--161",
}


def slipped(key: str, volume: str, **changes: str) -> object:
    fields = {**_SLIP, "volume": volume, **changes}
    return rec(key, "article", **{k: v for k, v in fields.items() if v})


def test_a_volume_one_keystroke_off_at_one_journal_year_and_page_range_is_one_article() -> None:
    """`95` / `25`, `16` / `15`: a journal prints one article at one place, so the same
    journal, year, full page range, title and people with volumes a keystroke apart are one
    article with a typo in one volume."""
    for other in ("25", "96", "59", "9", "195"):
        refs = [slipped("a", "95"), slipped("b", other)]
        assert groups(refs) == [{"a", "b"}], other
    table = run([slipped("a", "95"), slipped("b", "25")]).groups[0]
    assert "volume-slip" in table.codes and table.levels["volume"] == "fuzzy"


def test_a_volume_slip_needs_the_whole_slot_title_people_and_journal() -> None:
    """Each of the other works the rule might meet stays apart: volumes more than a
    keystroke apart, the first pages of two volumes, two issues (a serial's instalments),
    another page range, another year, journal, team or title, a short or recurring title,
    two volumes of one book, two chapters in two volumes of a book series."""
    base = slipped("a", "95")
    apart = [
        slipped("b", "47"),  # not a slip of the hand: a person decides
        slipped("b", "25", pages="161--190"),
        slipped("b", "25", year="1992"),
        slipped("b", "25", journal="Annals of Invented Commerce"),
        slipped("b", "25", author="Okafor, Amara and Varga, Tamas"),
        slipped("b", "25", title="Tidal bookkeeping in the invented river towns of the south"),
    ]
    for other in apart:
        assert groups([base, other]) == [], other.fields
    # the first pages of two volumes of one year: the volume's opening item each time
    first = [slipped("a", "15", pages="1--6"), slipped("b", "16", pages="1--6")]
    assert groups(first) == []
    # two issues: the instalments of a serial, each in its issue
    issues = [slipped("a", "15", number="2"), slipped("b", "16", number="3")]
    assert groups(issues) == []
    # a short title, or a column's name (two editors each alone on several instalments)
    short = [slipped("a", "15", title="Harbour notes"), slipped("b", "16", title="Harbour notes")]
    assert groups(short) == []
    column = "Notes from the editor on the invented harbour towns"
    instalments = [
        slipped(k, v, title=column, author=who, pages=pages)
        for k, v, who, pages in (
            ("a", "15", "Okafor, Amara", "129--131"),
            ("b", "16", "Okafor, Amara", "129--131"),
            ("c", "17", "Varga, Tamas", "201--203"),
            ("d", "18", "Varga, Tamas", "301--303"),
        )
    ]
    assert groups(instalments) == []
    # two volumes of one book, two chapters in two volumes of a book series
    books = [
        rec("a", "book", **{**_SLIP, "volume": "1"}),
        rec("b", "book", **{**_SLIP, "volume": "2"}),
    ]
    assert groups(books) == []
    chapters = [
        rec("a", "incollection", **{**_SLIP, "booktitle": "Invented Essays", "volume": "15"}),
        rec("b", "incollection", **{**_SLIP, "booktitle": "Invented Essays", "volume": "16"}),
    ]
    assert groups(chapters) == []


def test_a_meeting_s_ordinal_spelt_out_in_two_words_is_an_edition_word() -> None:
    """`Thirty-Sixth Annual Symposium …`, `Twenty-Seventh Hawaii International Conference …`
    (Cora's citations, anystyle's labelled strings): the ordinal spelt out tells which
    meeting of a series, as `36th` does, not which venue."""
    long_ = "Proceedings of the Thirty-Sixth Annual Symposium on Foundations of Invented Science"
    assert venues("FOIS 36", long_)
    assert venues("FOIS 36", long_.replace("Thirty-Sixth", "36th"))
    # a workshop of the field is still another venue
    assert not venues("FOIS 36", long_.replace("Symposium", "Workshop"))
    title = "Repeated games against invented adversaries of bounded computation"
    people = "Okafor, Amara and Brenner, Lukas"
    refs = [
        rec("a", "article", title=title, author=people, year="1995", journal="FOIS 36"),
        rec("b", "inproceedings", title=title, author=people, year="1995", booktitle=long_),
        rec("c", "inproceedings", title=title, author=people, year="1995",
            booktitle=long_.replace("Thirty-Sixth", "36th")),
    ]  # fmt: skip
    assert groups(refs) == [{"a", "b", "c"}]


# ------------------------------------------------------------------ meetings named by acronym
# (branch `cora7`): how a meeting's acronym is built and what a bare acronym tells


def test_an_acronym_takes_leading_letters_of_a_word() -> None:
    """COLT is COmputational Learning Theory, CoNLL Computational Natural Language Learning:
    an acronym takes one or more leading letters of each word, not only initials."""
    assert venues(
        "COLT '93", "Proceedings of the Sixth Annual Conference on Computational Learning Theory"
    )
    # letters that spell no run of the other's words, or a journal of the field, stay apart
    assert not venues("COLT '93", "Journal of Computational Learning Theory")
    assert not venues("COLT", "Computational Geometry")
    assert not venues("ICML", "Very Large Data Bases")


def test_an_abbreviated_annual_is_an_edition_word() -> None:
    """ISO 4 writes annual as `Annu.` (`Annu. Rev. …` in real libraries; Cora's `Proc. 25th
    Annu. …`): like `annual`, it says how often a meeting is held, not which one."""
    assert venues("STOC-93", "Proc. 25th Annu. Symposium on Theory of Computing")
    assert not venues("STOC-93", "Proc. 25th Annu. Workshop on Theory of Computing")


def test_a_page_label_at_the_venue_s_end_is_not_part_of_it() -> None:
    """A reference parser that cuts before the page range leaves its label with the venue
    (`… Learning Theory (pp` then `303-314)`; APA writes `Container (pp. 1761–1800)`)."""
    with_label = match_keys(rec("a", "inproceedings", title="T", booktitle="Proc. of X (pp"))
    assert (
        with_label.venue
        == match_keys(rec("b", "inproceedings", title="T", booktitle="Proc. of X")).venue
    )
    # a venue that is only a word ending in the letters is untouched
    assert match_keys(rec("c", "article", title="T", journal="Shipp")).venue == "shipp"


WORKSHOP = "Proceedings of the Fourth Annual Workshop on Computational Learning Theory"
TEACHING = "On the complexity of teaching invented machines to fold paper cranes"
TEAM = "Goldwyn, Sally and Kerrigan, Michael"


def test_a_meeting_named_by_its_acronym_alone_is_the_workshop_it_names() -> None:
    """`In COLT-91` names the meeting whose proceedings others call the Fourth Annual Workshop
    on Computational Learning Theory; the entry type `@inproceedings` says a meeting, not
    which genre (workshop papers are `@inproceedings` too). Before, the acronym's record was a
    conference and the pair two versions; and a bare `(1991) Title` citation could not be
    placed, the year's records stating two kinds."""
    common = {"title": TEACHING, "author": TEAM, "year": "1991"}
    refs = [
        rec("w1", "inproceedings", **common, booktitle=WORKSHOP, pages="303--314"),
        rec("w2", "inproceedings", **common, booktitle=WORKSHOP + " (pp", pages="303-314)"),
        rec("acr", "inproceedings", **common, booktitle="In COLT-91", pages="303--314"),
        rec("bare", "article", title="(1991) " + TEACHING, author=TEAM),
    ]
    assert groups(refs) == [{"w1", "w2", "acr", "bare"}]


def test_an_acronym_that_names_another_meeting_stays_another_version() -> None:
    common = {"title": TEACHING, "author": TEAM, "year": "1991"}
    refs = [
        rec("w1", "inproceedings", **common, booktitle=WORKSHOP, pages="303--314"),
        rec("icml", "inproceedings", **common, booktitle="In ICML-91"),
    ]
    assert groups(refs) == []
    assert versions(refs) == [{"w1", "icml"}]
    # nor does a workshop co-located with the meeting the acronym names
    refs = [
        rec("w", "inproceedings", **common, booktitle="COLT-91 Workshop on Paper Folding"),
        rec("c", "inproceedings", **common, booktitle="Proceedings of the Fourth Annual Conference on Computational Learning Theory"),
    ]  # fmt: skip
    assert groups(refs) == []
    # a journal named like the meeting is still the journal version
    refs = [
        rec("w1", "inproceedings", **common, booktitle=WORKSHOP, pages="303--314"),
        rec("j", "article", **common, journal="Journal of Computational Learning Theory"),
    ]
    assert groups(refs) == []


def test_a_lone_meeting_name_inside_proceedings_words_is_that_meeting() -> None:
    """`Crypto` typed `@article` by a citation parser and `Pre-Proceedings of Crypto '93`
    (anystyle's labelled strings also write `In Pre-Proceedings of the Third European
    Workshop …`): once genre and edition words are set aside, one word names one meeting."""
    assert venues("Crypto", "In Pre-Proceedings of Crypto '93")
    assert venues("Crypto", "Proc. Crypto 93")
    assert not venues("Crypto", "Workshop on Crypto")
    assert not venues("Crypto", "Journal of Crypto")
    # a conference named after a field is not the journal of that name
    assert not venues("Robotics", "International Conference on Robotics")
    title = "Invented cryptographic primitives from hard folding problems"
    people = "Blume, Avery and Furstner, Merrin and Kerrigan, Michael"
    refs = [
        rec("a", "article", title=title, author=people, year="1993", journal="Crypto"),
        rec("p", "inproceedings", title=title, author=people, year="1993",
            booktitle="In Pre-Proceedings of Crypto '93", pages="24.1-24.10"),
    ]  # fmt: skip
    assert groups(refs) == [{"a", "p"}]


# ------------------------------------------------------------------ labels and printings


_DEMO_WORK = {
    "title": "Zephyr: Integrated Querying and Visual Exploration of Invented Datasets",
    "author": "Quillfeather, Ondine and Marrowby, Tobiah and Vantrell, Ysolde",
    "booktitle": "Proceedings of the International Conference on Management of Data",
    "year": "1997",
}


@pytest.mark.parametrize(
    "labelled",
    [
        "Zephyr (Demo Abstract): Integrated Querying and Visual Exploration of Invented Datasets",
        "Zephyr: Integrated Querying and Visual Exploration of Invented Datasets "
        "(Demonstration Description)",
        "Demonstration: Zephyr: Integrated Querying and Visual Exploration of Invented Datasets",
        "Zephyr: Integrated Querying and Visual Exploration of Invented Datasets (Poster)",
        "Demo: Zephyr: Integrated Querying and Visual Exploration of Invented Datasets",
    ],
)
def test_a_demo_or_poster_label_on_one_side_is_a_version_never_a_merge(labelled: str) -> None:
    """docs/matching.md, "A demo or poster label names its own item" (branch `demo10`): a
    demo or poster track publishes its own short item beside the full paper, often under
    the paper's title, and without pages nothing else tells the two apart. Merging them
    would delete a reference; as versions they are listed and linked, and
    `--merge-versions` still merges them (one database may drop the label from the demo
    itself, dblp_acm's `(Demonstration Description)`). The label names a kind of item, so
    two records that both carry one are one demo (VLDB prints `Demonstration:` in both
    databases), and the word inside a title (`... Demonstration`, `Demonstration of ...`)
    is no label."""
    refs = [
        rec("paper", "inproceedings", **_DEMO_WORK),
        rec("demo", "inproceedings", **dict(_DEMO_WORK, title=labelled)),
    ]
    assert groups(refs) == [] and versions(refs) == [{"paper", "demo"}]
    assert groups(refs, Policy(merge_versions=True)) == [{"paper", "demo"}]
    both = [
        rec("dblp", "inproceedings", **dict(_DEMO_WORK, title=labelled)),
        rec("acm", "inproceedings", **dict(_DEMO_WORK, title=labelled.lower())),
    ]
    assert groups(both) == [{"dblp", "acm"}]
    for title in (
        "Invented Repository and Active Views Demonstration",
        "Demonstration of Invented Lattice Growth on Folded Substrates",
    ):
        work = dict(_DEMO_WORK, title=title)
        refs = [rec("a", "inproceedings", **work), rec("b", "inproceedings", **work)]
        assert groups(refs) == [{"a", "b"}]


def test_an_abstract_label_on_one_side_is_no_version_the_pages_tell_a_demo_from_its_paper() -> None:
    """What branch `dblp9` measured and stays: an abstract label is printed or dropped by one
    source on one item (dblp_acm's `(abstract)`, respiratory's `[Abstract]`), and Cora's
    `(Extended Abstract)` marks the ten-page proceedings paper itself, so it splits no pair.
    Where both sides give pages, a demo and its paper differ in them (the page conflict:
    two works, not versions)."""
    for label in (" (Extended Abstract)", " (abstract)", " [Abstract]"):
        labelled = dict(_DEMO_WORK, title=_DEMO_WORK["title"] + label)
        refs = [
            rec("proc", "inproceedings", **_DEMO_WORK, pages="273--282"),
            rec("ext", "inproceedings", **labelled, pages="273--282"),
        ]
        assert groups(refs) == [{"proc", "ext"}]
        refs = [rec("p", "inproceedings", **_DEMO_WORK), rec("e", "inproceedings", **labelled)]
        assert groups(refs) == [{"p", "e"}]
    demo = dict(_DEMO_WORK, title=_DEMO_WORK["title"] + " (Demonstration Description)")
    refs = [
        rec("paper", "inproceedings", **_DEMO_WORK, pages="301--312"),
        rec("demo", "inproceedings", **demo, pages="539--540"),
    ]
    assert groups(refs) == [] and versions(refs) == []


def test_one_text_printed_twice_in_one_journal_year_is_one_group() -> None:
    """dblp_acm's `XPath processing in a nutshell` (score-only half): the same title, the
    same three people and the same journal in the same year, twice in each database, with
    no issue or pages. No field tells the printings apart, so they are one text; an issue
    number or a page range, once given on both sides, keeps two printings apart."""
    paper = {
        "title": "Invented Path Processing in a Nutshell",
        "journal": "Invented Record",
        "year": "2003",
    }
    ab = "Quillfeather, Ondine and Marrowby, Tobiah and Vantrell, Ysolde"
    ba = "Vantrell, Ysolde and Marrowby, Tobiah and Quillfeather, Ondine"
    refs = [rec("d1", **paper, author=ab), rec("d2", **paper, author=ba),
            rec("a1", **paper, author=ab), rec("a2", **paper, author=ab)]  # fmt: skip
    assert groups(refs) == [{"d1", "d2", "a1", "a2"}]
    refs = [
        rec("i1", **paper, author=ab, volume="32", number="1", pages="21--27"),
        rec("i2", **paper, author=ab, volume="32", number="2", pages="12--19"),
    ]
    assert groups(refs) == []
