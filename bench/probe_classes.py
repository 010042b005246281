"""Probe the matcher with invented records of the classes known to be risky for precision.

Usage: python bench/probe_classes.py [--strictness balanced] [--all]

Each case is two records of one team, journal, year and volume (or one author, publisher and
year for books) that are two different works told apart only by one class's mark: an erratum,
addendum, reply or comment label, a book review under the book's title, a translation, a
reprint, an edition, a part, volume or report number, a meeting abstract, a dataset or software
deposit, a column's instalment. The notice side usually has no DOI and no pages, as citations
often have, so that "a missing value counted as agreement" shows. Prints each case whose verdict
is a merge (`--all`: every case), marked `limit` when docs/matching.md records it as a known
limit, and a count. A new merge outside the known limits is a false merge to read.
"""

from __future__ import annotations

import argparse
import sys

from refmerge.dedupe.engine import find_duplicates
from refmerge.dedupe.policy import Policy
from refmerge.refs.model import Origin, Reference

TEAM = "Quillfeather, Ondine and Marrowby, Tobiah and Vantrell, Ysolde"
ONE = "Quillfeather, Ondine"
OTHER = "Hollins, Brede"
TITLE = "Seasonal drift of lichen communities on basalt outcrops of the northern fells"
BOOK = "The Lichen Flora of Upland Basalt"
JOURNAL = {"journal": "Journal of Upland Botany", "year": "2018", "volume": "12"}
PRESS = {"publisher": "Fellside Press", "year": "2017"}
REPORT = {"author": "{Upland Botany Trust}", "institution": "Upland Botany Trust"}


def rec(key: str, entry_type: str = "article", **fields: str) -> Reference:
    return Reference(entry_type, key, dict(fields), Origin("probe.bib", len(key)))


def paper(key: str = "paper", **changes: str) -> Reference:
    return rec(key, **{"author": TEAM, "title": TITLE, "pages": "101--115", **JOURNAL, **changes})


def notice(title: str, entry_type: str = "article", **fields: str) -> Reference:
    return rec("notice", entry_type, **{"author": TEAM, "title": title, **JOURNAL, **fields})


def book(key: str = "book", **changes: str) -> Reference:
    return rec(key, "book", **{"author": ONE, "title": BOOK, **PRESS, **changes})


# Known limits (docs/matching.md, "Audit …, branch `audit7`"): merged today, on purpose or
# for want of a second source of data.
LIMITS = {
    "Publisher's Note:", "Discussion of",
    "Closure to", "Supplementary information for", "X - Erratum", "X: A Reply",
    "X - Authors' reply", "erratum in note", "erratum in pubstate", "X [abstract]",
    "Part A / Part B", "X revisited", "A note on X", "special-issue introduction",
    "misc dataset with a Zenodo DOI", "misc software on GitHub", "talk slides",
    "edition one side, same year", "translation by language, same year",
    "volume one side", "mvbook vs one volume", "newspaper items of two dates",
    "blog posts of two dates", "chapter and article, no pages",
}  # fmt: skip


def cases() -> list[tuple[str, list[Reference]]]:
    out: list[tuple[str, list[Reference]]] = []
    for label in (
        "Erratum:", "Correction to:", "Retraction Note:", "Retracted:", "Notice of Retraction:",
        "Withdrawn:", "Expression of Concern:", "Correction:", "Addendum:", "Addendum to",
        "Author Correction:", "Publisher Correction:", "Publisher's Note:", "Re:",
        "Supplementary information for",
    ):  # fmt: skip
        out.append((label, [paper(), notice(f"{label} {TITLE}")]))
    for label in (
        "Corrigendum to",
        "Comment on",
        "Reply to",
        "Response to",
        "Discussion of",
        "Closure to",
    ):
        out.append((label, [paper(), notice(f'{label} "{TITLE}"')]))
    short = "Lichens of the northern fells"
    out += [
        ("X: Addendum", [paper(title=short), notice(f"{short}: Addendum")]),
        ("X - Erratum", [paper(), notice(f"{TITLE} - Erratum")]),
        ("X: A Reply", [paper(), notice(f"{TITLE}: A Reply")]),
        ("X - Authors' reply", [paper(), notice(f"{TITLE} - Authors' reply")]),
        ("Web of Science (vol, pg, year)", [paper(), notice(f"{TITLE} (vol 12, pg 101, 2018)")]),
        ("erratum in note", [paper(), notice(TITLE, note="Erratum")]),
        ("erratum in pubstate", [paper(), notice(TITLE, pubstate="erratum")]),
        ("comment by others", [paper(), notice(f"Comment on {TITLE}", author=OTHER)]),
        # book reviews carry the reviewed book's title
        ("book review as article", [book(), rec("rev", author=OTHER, title=BOOK, **JOURNAL)]),
        ("book review, author copied", [book(), rec("rev", author=ONE, title=BOOK, **JOURNAL)]),
        ("Book Review: X", [book(), rec("rev", author=ONE, title=f"Book Review: {BOOK}")]),
        (
            "two reviews of one book",
            [
                rec("r1", author=OTHER, title=BOOK, pages="77--78", **JOURNAL),
                rec(
                    "r2",
                    author="Tamsin, Orvel",
                    title=BOOK,
                    journal="Mountain Ecology Review",
                    year="2018",
                    volume="4",
                    pages="201--202",
                ),
            ],
        ),
        # translations, reprints, editions
        (
            "translation, years apart",
            [
                book(year="1990"),
                book("tr", translator=OTHER, publisher="Norder Verlag", year="2005"),
            ],
        ),
        (
            "translation by language, same year",
            [
                book(language="english"),
                book("tr", translator=OTHER, publisher="Norder Verlag", language="german"),
            ],
        ),
        (
            "reprint a year later elsewhere",
            [
                paper(),
                notice(TITLE, journal="Classics in Botany", year="2019", volume="1", pages="5--19"),
            ],
        ),
        ("edition one side, same year", [book(), book("e2", edition="2")]),
        ("edition one side, a year apart", [book(), book("e2", edition="2", year="2018")]),
        ("editions 2nd vs Third", [book(edition="2nd"), book("e3", edition="Third")]),
        ("X (2nd ed.)", [book(), book("e2", title=f"{BOOK} (2nd ed.)", year="2018")]),
        # abstracts, posters, datasets, software, talks
        ("abstract in a supplement", [paper(), notice(TITLE, number="Suppl 1", pages="S45")]),
        ("X [abstract]", [paper(), notice(f"{TITLE} [abstract]", volume="")]),
        (
            "poster",
            [
                rec(
                    "p1",
                    "inproceedings",
                    author=TEAM,
                    title=TITLE,
                    year="2018",
                    booktitle="Proceedings of the Upland Ecology Conference (Poster Session)",
                ),
                rec(
                    "p2",
                    "inproceedings",
                    author=TEAM,
                    title=TITLE,
                    year="2018",
                    pages="101--115",
                    booktitle="Proceedings of the Upland Ecology Conference",
                ),
            ],
        ),
        (
            "dataset typed @dataset",
            [paper(), rec("ds", "dataset", author=TEAM, title=TITLE, year="2018")],
        ),
        (
            "misc dataset with a Zenodo DOI",
            [
                paper(),
                rec(
                    "ds",
                    "misc",
                    author=TEAM,
                    title=TITLE,
                    publisher="Zenodo",
                    year="2018",
                    doi="10.5281/zenodo.1234567",
                ),
            ],
        ),
        (
            "Data from: X",
            [paper(), rec("ds", "misc", author=TEAM, title=f"Data from: {TITLE}", year="2018")],
        ),
        (
            "misc software on GitHub",
            [
                paper(),
                rec(
                    "sw",
                    "misc",
                    author=TEAM,
                    title=TITLE,
                    year="2018",
                    url="https://github.com/quillfeather/lichen",
                ),
            ],
        ),
        (
            "talk slides",
            [
                paper(),
                rec(
                    "talk",
                    "misc",
                    author=TEAM,
                    title=TITLE,
                    year="2018",
                    howpublished="Talk at the Upland Ecology Conference",
                ),
            ],
        ),
        # parts, volumes, numbers, series
        ("Vol. 2 / Vol. 3", [book(title=f"{BOOK}, Vol. 2"), book("v3", title=f"{BOOK}, Vol. 3")]),
        ("Part One / Part Two", [notice(f"{TITLE}, Part One"), paper(title=f"{TITLE}, Part Two")]),
        (
            "Part A / Part B",
            [
                notice(f"{TITLE}. Part A: Methods"),
                paper(title=f"{TITLE}. Part B: Results", pages=""),
            ],
        ),
        (
            "First / Second report",
            [notice(f"First report on {TITLE}"), paper(title=f"Second report on {TITLE}")],
        ),
        ("volume one side", [book(), book("v2", volume="2")]),
        (
            "mvbook vs one volume",
            [rec("set", "mvbook", author=ONE, title=BOOK, **PRESS), book("v2", volume="2")],
        ),
        (
            "annual reports by year",
            [
                rec("a", "techreport", title="Annual Report", year="2018", **REPORT),
                rec("b", "techreport", title="Annual Report", year="2019", **REPORT),
            ],
        ),
        (
            "12th / Thirteenth proceedings",
            [
                rec(
                    "a",
                    "proceedings",
                    title="Proceedings of the 12th Upland Ecology Conference",
                    year="2018",
                ),
                rec(
                    "b",
                    "proceedings",
                    year="2019",
                    title="Proceedings of the Thirteenth Upland Ecology Conference",
                ),
            ],
        ),
        (
            "standard :2008 / :2015",
            [
                rec("a", "standard", title="Lichen survey methods, ISO 31415:2008", year="2008"),
                rec("b", "standard", title="Lichen survey methods, ISO 31415:2015", year="2015"),
            ],
        ),
        (
            "patents of two numbers",
            [
                rec("a", "patent", author=TEAM, title=TITLE, number="US 9,123,456", year="2018"),
                rec("b", "patent", author=TEAM, title=TITLE, number="EP 3 123 456", year="2018"),
            ],
        ),
        (
            "column instalments with issues",
            [
                notice("Notes from the Field", author=ONE, number="1"),
                notice("Notes from the Field", author=ONE, number="2"),
            ],
        ),
        (
            "X (continued), no issues",
            [
                notice(TITLE, author=ONE, volume=""),
                paper(title=f"{TITLE} (continued)", author=ONE, pages="", volume=""),
            ],
        ),
        (
            "newspaper items of two dates",
            [
                notice(TITLE, author=ONE, journal="The Fellside Gazette", volume="", month="mar"),
                paper(author=ONE, journal="The Fellside Gazette", volume="", pages="", month="sep"),
            ],
        ),
        (
            "blog posts of two dates",
            [
                rec(
                    "a",
                    "online",
                    author=ONE,
                    title=TITLE,
                    date="2018-03-03",
                    url="https://fells.example/blog/lichens",
                ),
                rec(
                    "b",
                    "online",
                    author=ONE,
                    title=TITLE,
                    date="2018-09-12",
                    url="https://fells.example/blog/lichens-again",
                ),
            ],
        ),
        (
            "chapter vs its book, by pages",
            [book(), rec("ch", "inbook", author=ONE, title=BOOK, pages="33--52", **PRESS)],
        ),
        (
            "chapter and article, no pages",
            [
                rec(
                    "ch",
                    "incollection",
                    author=TEAM,
                    title=TITLE,
                    year="2018",
                    booktitle="Readings in Upland Ecology",
                ),
                notice(TITLE, volume=""),
            ],
        ),
        ("X revisited", [paper(pages=""), notice(f"{TITLE} revisited")]),
        ("A note on X", [paper(), notice(f"A note on {TITLE.lower()}")]),
        (
            "special-issue introduction",
            [
                notice("Introduction to the special issue on upland lichens", pages="1--2"),
                notice("Special issue on upland lichens"),
            ],
        ),
    ]
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--strictness", default="balanced")
    parser.add_argument("--all", action="store_true", help="print every case, not only merges")
    args = parser.parse_args()
    policy = Policy.preset(args.strictness)
    merged = new = 0
    for name, refs in cases():
        result = find_duplicates(refs, policy)
        verdicts = [f"group [{','.join(g.codes)}]" for g in result.groups]
        verdicts += ["versions" for _ in result.versions]
        verdicts += [f"review [{','.join(p.codes)}]" for p in result.review]
        is_merge = bool(result.groups)
        merged += is_merge
        new += is_merge and name not in LIMITS
        if is_merge or args.all:
            mark = "limit" if name in LIMITS else ("NEW" if is_merge else "")
            print(f"{mark:5s} {name:40s} {'; '.join(verdicts) or 'apart'}")
    total = len(cases())
    print(f"{total} cases, {merged} merged ({merged - new} known limits, {new} new)")
    return 1 if new else 0


if __name__ == "__main__":
    sys.exit(main())
