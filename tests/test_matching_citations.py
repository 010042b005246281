"""How citations of one work differ (issue 12, Cora's recall), on invented records: a name
written surname first with its initials after it. Each test also holds the line the class
must not cross."""

from __future__ import annotations

from test_matching_classes import groups, rec

from refmerge.dedupe.blocking import candidate_pairs
from refmerge.dedupe.compare import Level, compare, content_overlap, venue_agrees
from refmerge.dedupe.engine import find_duplicates
from refmerge.dedupe.policy import Policy
from refmerge.refs.model import Reference
from refmerge.refs.normalize import authors_of, fold_for_matching, match_keys, venue_kind

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


# --------------------------------- a citation stating neither year nor venue (one version)


def _paper(key: str, entry_type: str = "inproceedings", **extra: str) -> Reference:
    return rec(
        key,
        entry_type,
        title="sparse lattice embeddings for the routing of invented parcels",
        author="a. okonkwo and t. varga",
        **extra,
    )


def test_an_undated_citation_without_venue_joins_the_only_version() -> None:
    refs = [
        _paper("conf", year="1997", booktitle="proceedings of the ninth invented conference"),
        _paper("bare", "article"),
    ]
    assert groups(refs) == [{"conf", "bare"}]
    # strict asks a person instead
    strict = find_duplicates(refs, Policy.preset("strict"))
    assert strict.groups == [] and len(strict.review) == 1


def test_an_undated_citation_without_venue_is_not_placed_between_two_versions() -> None:
    refs = [
        _paper("conf", year="1997", booktitle="proceedings of the ninth invented conference"),
        _paper("jour", "article", year="1999", journal="journal of invented logistics"),
        _paper("bare", "article"),
    ]
    # it could be either version: it joins neither
    assert not any("bare" in g for g in groups(refs))
    # two versions of one kind and year are one version: a conference paper in two records
    refs = [
        _paper("conf", year="1997", booktitle="proceedings of the ninth invented conference"),
        _paper("conf2", year="1997", booktitle="in invented conference 9"),
        _paper("bare", "article"),
    ]
    assert any("bare" in g for g in groups(refs))


def test_an_undated_citation_needs_a_long_title() -> None:
    refs = [
        rec("conf", "inproceedings", title="invented parcels", author="a. okonkwo", year="1997",
            booktitle="proceedings of the ninth invented conference"),
        rec("bare", title="invented parcels", author="a. okonkwo"),
    ]  # fmt: skip
    assert groups(refs) == []


_SOLO_TITLE = "lower bounds on the routing of invented parcels by a single courier"


def test_an_undated_citation_by_one_person_is_placed_by_its_venue() -> None:
    # a single author's paper cited without its year: the long title, the person and the
    # venue are three fields agreeing, as they are for a team (the journal names the version)
    refs = [
        rec("jour", title=_SOLO_TITLE, author="y. okonkwo", year="1995",
            journal="journal of invented logistics", volume="121", pages="256--285"),
        rec("conf", "inproceedings", title=_SOLO_TITLE, author="okonkwo, y", year="1990",
            booktitle="proceedings of the third invented workshop", pages="202--216"),
        rec("undated", title=_SOLO_TITLE, author="yael okonkwo",
            journal="journal of invented logistics"),
    ]  # fmt: skip
    assert groups(refs) == [{"jour", "undated"}]
    # strict still wants two people
    assert groups(refs, Policy.preset("strict")) == []
    # another person's paper of that title stays apart
    refs[2] = rec("undated", title=_SOLO_TITLE, author="t. varga",
                  journal="journal of invented logistics")  # fmt: skip
    assert groups(refs) == []


def test_a_bare_citation_by_one_person_joins_only_the_only_version() -> None:
    conf = rec("conf", "inproceedings", title=_SOLO_TITLE, author="y. okonkwo", year="1990",
               booktitle="proceedings of the third invented workshop", pages="202--216")  # fmt: skip
    bare = rec("bare", title=_SOLO_TITLE, author="okonkwo, y")
    assert groups([conf, bare]) == [{"conf", "bare"}]
    jour = rec("jour", title=_SOLO_TITLE, author="y. okonkwo", year="1995",
               journal="journal of invented logistics", volume="121")  # fmt: skip
    # with two versions in the input it could be either: it joins neither
    assert not any("bare" in g for g in groups([conf, jour, bare]))


def test_a_citation_year_before_the_title_picks_the_version() -> None:
    # "(1989) Title": an author-year citation split in the wrong place; its year is the
    # citation's date and names the version it cites, where that year holds one version
    refs = [
        _paper("conf", year="1989", booktitle="proceedings of the ninth invented conference"),
        _paper("conf2", year="1989", booktitle="in invented conference 9"),
        _paper("jour", "article", year="1994", journal="journal of invented logistics"),
        rec("cited", title="(1989) sparse lattice embeddings for the routing of invented parcels",
            author="a. okonkwo and t. varga"),
        rec("bare", title="sparse lattice embeddings for the routing of invented parcels",
            author="a. okonkwo and t. varga"),
    ]  # fmt: skip
    assert groups(refs) == [{"conf", "conf2", "cited"}]
    # a year the input holds no version of, or a year holding two versions, places nothing
    refs[3] = rec("cited", title="(1991) sparse lattice embeddings for the routing of "
                  "invented parcels", author="a. okonkwo and t. varga")  # fmt: skip
    assert groups(refs) == [{"conf", "conf2"}]
    refs[3] = rec("cited", title="(1989) sparse lattice embeddings for the routing of "
                  "invented parcels", author="a. okonkwo and t. varga")  # fmt: skip
    refs[1] = _paper("work", year="1989", booktitle="proceedings of the invented workshop")
    assert not any("cited" in g for g in groups(refs))


# ------------------------------------- a venue carrying the citation's volume, issue, year


def test_a_venue_with_the_citations_volume_and_year_is_the_same_venue() -> None:
    assert venue_agrees("in formation and computation 103 2 1993", "information and computation")
    assert venue_agrees("in machine learning 27", "machine learning journal")
    # the numbers go, the name's words still decide
    assert not venue_agrees("journal of invented logistics 12", "journal of invented botany 12")
    base = {
        "title": "an experimental comparison of invented parcel routing methods",
        "author": "okonkwo, a. and varga, t. and lindqvist, e. and moreau, j.",
        "year": "1997",
        "pages": "7--50",
    }
    refs = [
        rec("jour", **base, journal="Invented Logistics Journal", volume="27"),
        # a citation parser typed the journal paper @inproceedings, its volume in the venue
        rec("typed", "inproceedings", **base, booktitle="in invented logistics 27"),
    ]
    assert groups(refs) == [{"jour", "typed"}]


# ------------------------------------------------- a meeting named by acronym and year


def test_a_meeting_named_by_acronym_and_year_is_a_conference_whatever_the_entry_type() -> None:
    assert venue_kind("article", fold_for_matching("STOC-93"), False, "STOC-93") == "conference"
    assert venue_kind("article", "colt 90", False, "COLT '90") == "conference"
    assert venue_kind("article", "in ijcai 91", False, "in IJCAI-91") == "conference"
    # a journal and its volume are written without the dash or apostrophe
    assert venue_kind("article", "jacm 41", False, "JACM 41") == "journal"
    assert venue_kind("article", "machine learning", False, "Machine Learning") == "journal"
    refs = [
        _paper("typed", "article", year="1993", journal="IPRC-93"),
        _paper("conf", year="1993", booktitle="in proc. 5th parcel conf."),
    ]
    assert groups(refs) == [{"typed", "conf"}]


# ------------------------------------------- blocking: spaces in titles are unreliable


def _pairs(refs: list[Reference]) -> set[tuple[int, int]]:
    keys = [match_keys(r) for r in refs]
    return set(candidate_pairs(keys, list(range(len(keys)))))


def test_a_title_split_or_joined_at_a_line_break_is_still_a_candidate() -> None:
    # text taken from PDFs splits a word at a line break ('learn-ability', 'gen eralization')
    # or loses spaces ('decisiontheoretic'): neither end of the title keeps 30 characters
    # with spaces alike, while the common words give only big, windowed blocks
    filler = [
        rec(f"f{n}", title=f"boolean formulae of parcel routing in case {n}", year="1990")
        for n in range(45)
    ]
    a = rec("a", title="on the learn-ability of boolean formulae", year="1987")
    b = rec("b", title="on the learnability of boolean formulae", year="1987")
    refs = [a, *filler, b]
    assert (0, len(refs) - 1) in _pairs(refs)


def test_a_big_block_of_one_title_meets_its_records_of_one_venue_and_year() -> None:
    # one title cited 50 times as two versions: in the sorted neighbourhood, records of one
    # year and venue sit together, not wherever their keys put them
    title = "inference of invented automata using homing parcels"
    refs = [
        rec(f"r{n:02d}", title=title, year="1990", journal="invented letters") for n in range(50)
    ]
    refs[0] = rec("r00", title=title, year="1993", journal="journal of invented computation")
    refs[49] = rec("r49", title=title, year="1993", journal="journal of invented computation")
    assert (0, 49) in _pairs(refs)


# ------------------------------------- a page label, a list cut short with "et al."


def test_a_page_label_and_the_punctuation_around_it_are_not_the_range() -> None:
    def pages(value: str) -> tuple[str, str]:
        k = match_keys(rec("x", title="t", pages=value))
        return k.page_first, k.page_last

    assert pages("(pp. 23-37)") == ("23", "37")
    assert pages("pp. 23--37") == ("23", "37")
    assert pages("202-216).") == ("202", "216")
    assert pages("p. 5") == ("5", "")
    # mangled values still give no pages
    assert pages("Suppl-29") == ("", "")


def test_a_list_cut_short_with_et_al_ends_at_the_last_name_given() -> None:
    assert authors_of("A. Okonkwo et al.") == (("okonkwo",), ("a",))
    assert authors_of("a. okonkwo and t. varga et al") == (("okonkwo", "varga"), ("a", "t"))
    assert authors_of("Okonkwo, A. et al.") == (("okonkwo",), ("a",))
    # a surname that ends in the letters is a surname
    assert authors_of("K. Metal") == (("metal",), ("k",))


# ------------------------------------------ a title reworded between two sources (cora5)


def _talk(key: str, title: str, author: str, year: str, venue: str) -> Reference:
    return rec(key, "inproceedings", title=title, author=author, year=year, booktitle=venue)


def test_a_reworded_title_at_one_venue_year_and_team_is_one_work() -> None:
    """The same content words in another order (`An Open Storage System for Abstract
    Objects` / `An open abstract-object storage system`), or one word added, with the same
    people, year and venue: one work. Its negative twins: another year, another team, or a
    title whose content words are mostly other words stay apart."""
    team = "okonkwo, a. and varga, t."
    venue = "proceedings of the invented conference on data"
    refs = [
        _talk("a", "A Durable Storage Engine for Invented Parcels", team, "1996", venue),
        _talk(
            "b",
            "A durable invented-parcel storage engine",
            team,
            "1996",
            "invented conference on data",
        ),
        # a word dropped by one source, one person alone
        _talk(
            "c",
            "Routing lattice parcels almost as well as the optimal courier",
            "m. lindqvist",
            "1997",
            venue,
        ),
        _talk(
            "d",
            "Routing lattice parcels as well as the optimal courier",
            "lindqvist, m",
            "1997",
            venue,
        ),
    ]
    assert groups(refs) == [{"a", "b"}, {"c", "d"}]


def test_a_reworded_title_needs_the_same_people_year_and_venue() -> None:
    team = "okonkwo, a. and varga, t."
    venue = "proceedings of the invented conference on data"
    first = _talk("a", "A Durable Storage Engine for Invented Parcels", team, "1996", venue)
    reworded = "A durable invented-parcel storage engine"
    for other in (
        _talk("b", reworded, team, "1997", venue),  # another year
        _talk("b", reworded, "okonkwo, a. and varga, t. and moreau, j.", "1996", venue),
        _talk("b", reworded, team, "1996", "workshop on invented archives"),  # another venue
        # the same team, venue and year, but mostly other content words: two papers
        _talk("b", "A Durable Query Engine for Invented Parcel Streams", team, "1996", venue),
    ):
        assert groups([first, other]) == [], other.fields
    # one word put in another's place is another title, however long the rest: two papers
    # of one team at one meeting (8 of 9 content words shared, title ratio 94)
    det = "Deterministic schedules for routing invented parcels through sparse lattice networks of couriers"
    prob = "Probabilistic schedules for routing invented parcels through sparse lattice networks of couriers"
    assert (
        groups([_talk("l", det, team, "1996", venue), _talk("u", prob, team, "1996", venue)]) == []
    )
    # strict asks for the same content words, in any order
    strict = Policy.preset("strict")
    one_word_more = [
        _talk(
            "c",
            "Routing lattice parcels almost as well as the optimal courier",
            "m. lindqvist",
            "1997",
            venue,
        ),
        _talk(
            "d",
            "Routing lattice parcels as well as the optimal courier",
            "m. lindqvist",
            "1997",
            venue,
        ),
    ]
    assert groups(one_word_more, strict) == []
    assert groups([first, _talk("b", reworded, team, "1996", venue)], strict) == [{"a", "b"}]


def test_a_title_with_a_companion_item_s_word_or_a_part_number_added_is_not_reworded() -> None:
    """One team, venue and year: `X` against `X: supplementary material`, `Reply to X`,
    `X revisited` or `X. II. Experiments` names another item (a supplement, a reply, a
    sequel, a second part), not the same title reworded; they may be asked, never merged."""
    team = "okonkwo, a. and varga, t."
    venue = "proceedings of the invented conference on data"
    title = "Durable storage engines for invented parcels in sparse lattice networks"
    first = _talk("a", title, team, "1996", venue)
    for other in (
        f"{title}: supplementary material",
        "Reply to comments on durable storage engines for invented parcels in sparse lattice networks",
        f"{title} revisited",
        f"{title}. II. Experiments",
        f"{title}: an extended abstract",
    ):
        assert groups([first, _talk("b", other, team, "1996", venue)]) == [], other


def test_a_reworded_title_is_a_fuzzy_title_level() -> None:
    """`dupes --format table` shows why: the reworded title is the same title written two
    ways (fuzzy), not a conflicting one, and the reason names the shared content words."""
    team = "okonkwo, a. and varga, t."
    a = _talk(
        "a", "A Durable Storage Engine for Invented Parcels", team, "1996", "invented conference"
    )
    b = _talk("b", "A durable invented-parcel storage engine", team, "1996", "invented conference")
    c = compare(match_keys(a), match_keys(b), Policy())
    assert str(c.verdict) == "match"
    assert c.levels["title"] is Level.FUZZY
    assert "reworded-title" in c.codes


def test_a_negation_is_no_rewording() -> None:
    """A word added is a rewording (`almost as well as`), a negation added is another claim
    (`are not learnable`): the content words then do not make one title."""
    base = "sparse invented lattices are learnable from couriers"
    assert (
        content_overlap(base, "sparse invented lattices are easily learnable from couriers", 4)
        > 0.8
    )
    assert (
        content_overlap(base, "sparse invented lattices are not learnable from couriers", 4) == 0.0
    )
    assert (
        content_overlap(base, "sparse invented lattices without couriers are learnable", 4) == 0.0
    )


# ------------------------------- a reworded title in one slot whose volume is in the venue


def test_a_reworded_title_in_the_volume_its_venue_carries_is_one_paper() -> None:
    """One printed volume's page range holds one paper: a title cut in the middle by one
    citation (`a bound on X, with Y` for `a bound on X using Z, with Y`) is placed by its year,
    person and full page range, also when the volume is written in the venue."""
    long_title = (
        "a bound on the invented parcel error using the routing and sorting rates, "
        "with consequences for the depot split"
    )
    short_title = "a bound on the invented parcel error, with consequences for the depot split"
    base = {"author": "okonkwo, a.", "year": "1996", "pages": "183--189"}
    refs = [
        rec(
            "vol",
            "inproceedings",
            **base,
            title=long_title,
            booktitle="advances in invented parcel systems",
            volume="8",
        ),
        rec(
            "venue",
            "inproceedings",
            **base,
            title=short_title,
            booktitle="in advances in invented parcel systems 8",
        ),
    ]
    assert groups(refs) == [{"vol", "venue"}]
    # cut further (title similarity under the review band): the full page range places it
    cut = "a bound on the parcel error, with consequences for splits"
    refs[1] = rec(
        "venue",
        "inproceedings",
        **base,
        title=cut,
        booktitle="in advances in invented parcel systems 8",
    )
    assert groups(refs) == [{"vol", "venue"}]
    refs[1] = rec(
        "venue",
        "inproceedings",
        **base,
        title=short_title,
        booktitle="in advances in invented parcel systems 8",
    )
    # the same cut title in another volume, at other pages, in a venue naming its year, or
    # in another venue with that number stays apart
    for other in (
        {"booktitle": "in advances in invented parcel systems 9"},
        {"booktitle": "in advances in invented parcel systems 8", "pages": "191--197"},
        {"booktitle": "in advances in invented parcel systems 1996"},
        {"booktitle": "in journal of invented botany 8"},
    ):
        probe = [refs[0], rec("venue", "inproceedings", **{**base, **other}, title=short_title)]
        assert groups(probe) == [], other


# ------------------------- a numbered proceedings volume, a quoted title, a container's "In"
# (branch `cora9`)

_ORDER = {
    "title": "Learning to rank invented quilting patterns by committee",
    "author": "Marrowby, Tobiah and Vantrell, Ysolde and Quillfeather, Ondine",
}


def test_one_numbered_proceedings_volume_a_year_apart_is_one_meeting() -> None:
    """A meeting in December is cited with its year and with the year its numbered volume
    was printed (`Advances in ... Systems 10`, 1997 and 1998): one volume is printed once,
    for one meeting."""
    venue = "In Advances in Invented Quilting Systems 10"
    refs = [
        rec("meet", "inproceedings", **_ORDER, year="1997", booktitle=venue),
        rec("print", "inproceedings", **_ORDER, year="1998", booktitle=venue),
    ]
    assert groups(refs) == [{"meet", "print"}]
    # the volume in the `volume` field on one side is the same volume
    split = [
        rec("meet", "inproceedings", **_ORDER, year="1997", booktitle=venue),
        rec("print", "inproceedings", **_ORDER, year="1998",
            booktitle="Advances in Invented Quilting Systems", volume="10"),
    ]  # fmt: skip
    assert groups(split) == [{"meet", "print"}]


def test_two_volumes_or_two_meetings_a_year_apart_stay_apart() -> None:
    two_volumes = [
        rec("v10", "inproceedings", **_ORDER, year="1997",
            booktitle="Advances in Invented Quilting Systems 10"),
        rec("v11", "inproceedings", **_ORDER, year="1998",
            booktitle="Advances in Invented Quilting Systems 11"),
    ]  # fmt: skip
    assert groups(two_volumes) == []
    # `Volume 1` of two editions (36th / 37th) is a part of each, not one printing
    editions = [
        rec("e36", "inproceedings", **_ORDER, year="2019",
            booktitle="Proceedings of the 36th Invented Quilting Meeting, Volume 1"),
        rec("e37", "inproceedings", **_ORDER, year="2020",
            booktitle="Proceedings of the 37th Invented Quilting Meeting, Volume 1"),
    ]  # fmt: skip
    assert groups(editions) == []
    # without a volume the same series a year apart is still a question (a yearly meeting
    # may hear one team's talk twice)
    unnumbered = [
        rec("y1", "inproceedings", **_ORDER, year="1997",
            booktitle="Advances in Invented Quilting Systems"),
        rec("y2", "inproceedings", **_ORDER, year="1998",
            booktitle="Advances in Invented Quilting Systems"),
    ]  # fmt: skip
    assert groups(unnumbered) == []


_BOUND = {
    "author": "Vantrell, Ysolde",
    "year": "1996",
    "pages": "183--189",
}
_BOUND_TITLE = "A bound on the error of invented quilting, with consequences for the seam split"


def test_a_quoted_title_run_on_into_a_shortened_venue_is_the_title() -> None:
    """IEEE and ACM styles quote the title (`"Title," in Proc. ...`); a parser that loses the
    quote's meaning runs the venue on, often shortened (`..., neural information processing
    8` for `Advances in Neural Information Processing Systems 8`): the venue's words in
    order, its number the volume."""
    refs = [
        rec("run", title=_BOUND_TITLE + "', invented quilting systems 8", **_BOUND),
        rec("ok", "inproceedings", title=_BOUND_TITLE, **_BOUND,
            booktitle="In Advances in Invented Quilting Systems 8"),
        rec("vol", "inproceedings", title=_BOUND_TITLE, **_BOUND,
            booktitle="Advances in Invented Quilting Systems", volume="8"),
    ]  # fmt: skip
    assert groups(refs) == [{"run", "ok", "vol"}]
    assert match_keys(refs[0]).title_head == fold_for_matching(_BOUND_TITLE)
    # another volume in the tail is no run-on venue: the title's number stands
    other = [
        rec("run", title=_BOUND_TITLE + "', invented quilting systems 9", **_BOUND),
        rec("ok", "inproceedings", title=_BOUND_TITLE, **_BOUND,
            booktitle="In Advances in Invented Quilting Systems 8"),
    ]  # fmt: skip
    assert groups(other) == []
    # a tail of words that are not the other's venue is the title's own
    own = [
        rec("run", title=_BOUND_TITLE + "', part two of the seam studies", **_BOUND),
        rec("ok", "inproceedings", title=_BOUND_TITLE, **_BOUND,
            booktitle="In Advances in Invented Quilting Systems 8"),
    ]  # fmt: skip
    assert groups(own) == []


def test_a_title_run_on_into_its_container_after_in_is_the_title() -> None:
    """`Title. In Machines that Quilt, Snowbird`: every citation style opens the container
    with "In", whatever the container's name, so a venue-less paper's title ends there."""
    people = {
        "author": "Marrowby, T. and Vantrell, Y. and Quillfeather, O. and Brandt, K.",
        "year": "1997",
    }
    title = "Stitching the margin: a new explanation for the strength of invented quilts"
    refs = [
        rec("run", title=title + ". In Machines that Quilt - Snowbird", **people),
        rec("ok", title=title, **people),
    ]
    assert groups(refs) == [{"run", "ok"}]
    # a subtitle that opens with "In" stays the title's own: a study's method, an essay's
    # stock opening
    for sub in ("In vitro studies of the seams", "In search of the lost seam"):
        apart = [rec("sub", title=title + ". " + sub, **people), rec("ok", title=title, **people)]
        assert groups(apart) == [], sub
    # a record with a venue keeps its whole title
    kept = rec("kept", title=title + ". In Machines that Quilt", journal="Quilting", **people)
    assert match_keys(kept).title_head == ""
