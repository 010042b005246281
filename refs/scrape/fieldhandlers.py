"""What each labelled field does to the record being read: one handler per `Label`.

The table `FIELD_HANDLERS` maps every canonical label to its handler; a label
without one is a programming error and fails loudly (KeyError, and a test that
the table covers `Label`), where a name built from a string once did nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..names import Name
from .cite import parse_citation
from .fields import ARXIV_RE, MONTHS, PMID_RE, find_doi, parse_venue, years_in
from .lexicon import Label
from .lines import is_affiliation, names_institution, norm, type_of
from .names import parse_name_list
from .state import RecordState
from .unit import FieldUnit
from .units import fold

MORE_TOGGLE = re.compile(r"\s*(?:▽\s*More|△\s*Less|\(?show (?:more|less)\)?|…\s*more)\s*$", re.I)

Handler = Callable[[RecordState, FieldUnit], None]


def _title(st: RecordState, unit: FieldUnit) -> None:
    text = norm(unit.text).rstrip(".")
    # a catalogue's statement of responsibility: "Title / Ingrid Vasquez-Holm [et al.]"
    m = re.match(r"^(.{3,}?)\s+/\s+(.+)$", text)
    if m and (
        any(n.first for n in parse_name_list(m.group(2).strip(" ."), corporate=True) or [])
        or re.match(r"(?i)(?:by|edited|von|hrsg|ed\.)\b", m.group(2))
    ):
        text = m.group(1).rstrip(" .:")
    st.pending = None
    if not text:
        return
    cur = st.current
    if cur is not None and cur.title and fold(cur.title) == fold(text):
        cur.title = text
        cur.touch(unit.end)
        return
    cur = st.need(unit, cur is None or bool(cur.title or cur.authors or cur.abstract))
    cur.title = text


def _names(unit: FieldUnit) -> list[Name]:
    names: list[Name] = []
    for value in unit.all_values():
        names.extend(parse_name_list(value, affiliations=True, corporate=True) or [])
    return names


def _author(st: RecordState, unit: FieldUnit) -> None:
    names = _names(unit)
    if not names:
        st.pending = None
        if unit.text.strip():
            st.loose.append(unit)
        return
    st.attach_authors(unit, names)


def _author_more(st: RecordState, unit: FieldUnit) -> None:
    names = _names(unit)
    if names and st.current is not None:
        st.current.authors.extend(names)
        st.current.touch(unit.end)
        return
    _author(st, unit)


def _venue(st: RecordState, unit: FieldUnit) -> None:
    info = parse_venue(unit.text)
    if not (info.venue or info.has_numbers):
        return
    st.venue(unit, info, labelled=True)


def _doi(st: RecordState, unit: FieldUnit) -> None:
    doi = find_doi(unit.text)
    if doi and st.pending is not None and _title_takes_doi(st, doi):
        # title / DOI line with no byline between (the byline printed after the DOI, or lost
        # in copying: names rendered as links or images): the DOI is the title's record's
        st.take_pending_title(unit)
        rec = st.open_record()
        rec.doi = doi
        rec.touch(unit.end)
        return
    st.pending = None
    if not doi:
        return
    cur = st.current
    if cur is not None and cur.doi == doi:
        return
    cur = st.need(unit, cur is None or bool(cur.doi))
    cur.doi = doi
    m = PMID_RE.search(unit.text)
    if m and not cur.pmid:
        cur.pmid = m.group(1)


def _pmid(st: RecordState, unit: FieldUnit) -> None:
    m = re.search(r"\d{5,9}", unit.text)
    st.pending = None
    if not m:
        return
    cur = st.current
    if cur is not None and cur.pmid == m.group(0):
        return
    cur = st.need(unit, cur is None or bool(cur.pmid))
    cur.pmid = m.group(0)


def _arxiv(st: RecordState, unit: FieldUnit) -> None:
    m = re.search(r"\d{4}\.\d{4,5}|[a-z\-]+(?:\.[A-Z]{2})?/\d{7}", unit.text.strip())
    st.pending = None
    if not m:
        return
    cur = st.current
    if cur is not None and cur.arxiv == m.group(0):
        return
    # the id heads a listing entry: a record that already has its own data is finished
    has = cur is None or bool(cur.arxiv or (cur.title and cur.authors))
    cur = st.need(unit, has)
    cur.arxiv = m.group(0)


def _abstract(st: RecordState, unit: FieldUnit) -> None:
    st.title_under_venue(unit)  # (venue, title, abstract: the byline lost in copying)
    st.pending = None
    cur = st.current
    text = MORE_TOGGLE.sub("", norm(unit.text))
    if cur is not None and not cur.abstract and text:
        cur.abstract = text
        cur.touch(unit.end)


def _keywords(st: RecordState, unit: FieldUnit) -> None:
    st.title_under_venue(unit)
    st.pending = None
    cur = st.current
    words: list[str] = []
    for v in unit.all_values():
        words.extend(w.strip(" .") for w in re.split(r"[;,\u25fd|·]", v))
    words = [w for w in words if w]
    if cur is not None and words and not cur.keywords:
        cur.keywords = words
        cur.touch(unit.end)


def _dated(st: RecordState, unit: FieldUnit, earliest: bool) -> None:
    st.pending = None
    cur = st.current
    ys = years_in(unit.text)
    if not ys:
        return
    year = min(ys) if earliest else ys[0]
    if cur is None:
        st.pending_year = year
        return
    cur.date_year = min(cur.date_year, year) if cur.date_year else year
    m = re.search(r"\b([A-Za-z]{3,9})\b", unit.text)
    if m and m.group(1).lower() in MONTHS and not cur.month and not earliest:
        cur.month = MONTHS[m.group(1).lower()]
    cur.touch(unit.end)


def _date(st: RecordState, unit: FieldUnit) -> None:
    _dated(st, unit, earliest=False)
    # "Published: Nowhere City : Fabulist Press, 2009" also names the publisher
    m = re.match(
        r"^(?:[^:,]{2,60}\s:\s)?([^\d,:;]{3,120}),\s*(?:c|©)?(?:1[89]|20)\d\d\.?$", unit.text
    )
    cur = st.current
    if m and cur is not None and not cur.publisher and re.search(r"[^\W\d_]{3}", m.group(1)):
        cur.publisher = m.group(1).strip()


def _submitted(st: RecordState, unit: FieldUnit) -> None:
    _dated(st, unit, earliest=True)


def _publisher(st: RecordState, unit: FieldUnit) -> None:
    st.pending = None
    cur = st.current
    if cur is None or cur.publisher:
        return
    # "Fabulist Press, 2019" / "Nowhere City : Fabulist Press, 2009"
    m = re.match(
        r"^(?:[^:,]{2,60}\s:\s)?(.+?)(?:,?\s*(?:c|©)?((?:1[89]|20)\d\d))?\.?$",
        unit.text.strip(),
    )
    if m:
        cur.publisher = m.group(1).strip(" ,")
        if m.group(2) and not cur.date_year:
            cur.date_year = int(m.group(2))


def _type(st: RecordState, unit: FieldUnit) -> None:
    kind = type_of(unit.text)
    if kind:
        if st.current is not None and not st.current.type_hint:
            st.current.type_hint = kind
        else:
            st.pending_type = kind


def _volume(st: RecordState, unit: FieldUnit) -> None:
    st.pending = None
    cur = st.current
    if cur is not None and unit.text.strip() and not cur.volume:
        cur.volume = unit.text.strip()


def _issue(st: RecordState, unit: FieldUnit) -> None:
    st.pending = None
    cur = st.current
    if cur is not None and unit.text.strip() and not cur.number:
        cur.number = unit.text.strip()


def _pages(st: RecordState, unit: FieldUnit) -> None:
    st.pending = None
    cur = st.current
    value = parse_venue(f"pp. {unit.text}").pages or unit.text.strip()
    if cur is not None and value and not cur.pages:
        cur.pages = value


_FIELD_ROW = re.compile(r"\w:\s.*,\s*\w[^:]*\w:\s")


def _title_takes_doi(st: RecordState, doi: str) -> bool:
    """Whether the waiting title line takes the DOI below it: only where the DOI would open a
    record of its own (none is open, or the open one has another DOI), which would have no
    title; a DOI under an open record without one is that record's (a type line such as
    `Short Communication` above it is no title). Not when the "title" is a row of fields
    (`Source of Support: None, Conflict of Interest: None`: two `label: value` pairs)."""
    p, cur = st.pending, st.current
    if p is None or _FIELD_ROW.search(p.text):
        return False
    if cur is None:
        return True
    opens = bool(cur.title or cur.authors or cur.abstract)  # (the title then starts a record)
    return opens and bool(cur.doi) and cur.doi != doi and fold(cur.title) != fold(p.text)


def _ignore(st: RecordState, unit: FieldUnit) -> None:
    if is_affiliation(unit.text) or names_institution(unit.text):
        st.title_under_venue(unit)  # (venue, title, the authors' addresses: the byline lost)
    st.pending = None


def _cite(st: RecordState, unit: FieldUnit) -> None:
    """`Citation: Okafor A, Brenner L (2020) Title. Journal 15(3): e02.` on a landing page."""
    st.pending = None
    cur = st.current
    m = ARXIV_RE.search(unit.text)
    if m and cur is not None and not cur.arxiv:
        cur.arxiv = m.group(1)  # "Cite as: arXiv:2103.99555 [cs.IR]"
        return
    draft = parse_citation(unit.text, unit.start)
    if draft is None:
        return
    untitled = (
        cur is not None
        and not (cur.title or cur.authors)
        and bool(cur.doi or cur.pmid)
        and (not draft.doi or draft.doi == cur.doi)
    )
    if cur is not None and (untitled or (cur.authors and (not cur.title or cur.same_work(draft)))):
        # the page's own record, cited: fill what the page did not print elsewhere, its
        # authors when none were read (also the record of the page's `DOI:` line alone, when
        # its title was not read above it: a labelled "How to cite this article" names the
        # page's own work)
        cur.fill_from(draft)
        cur.touch(unit.end)
        return
    if cur is not None and (cur.title or cur.authors) and cur.printed_in(unit.text, draft):
        cur.touch(unit.end)  # the page's own work, its citation's fields misread: not taken
        return
    st.finish()
    draft.end = unit.end
    st.current = draft


FIELD_HANDLERS: dict[Label, Handler] = {
    Label.TITLE: _title,
    Label.AUTHOR: _author,
    Label.AUTHOR_MORE: _author_more,
    Label.VENUE: _venue,
    Label.PUBLISHER: _publisher,
    Label.DOI: _doi,
    Label.PMID: _pmid,
    Label.CITE: _cite,
    Label.ARXIV: _arxiv,
    Label.ABSTRACT: _abstract,
    Label.KEYWORDS: _keywords,
    Label.DATE: _date,
    Label.SUBMITTED: _submitted,
    Label.TYPE: _type,
    Label.VOLUME: _volume,
    Label.ISSUE: _issue,
    Label.PAGES: _pages,
    Label.IGNORE: _ignore,
}


def handle_field(st: RecordState, unit: FieldUnit) -> None:
    """Run the handler of the unit's label (KeyError for a label without one)."""
    FIELD_HANDLERS[unit.label](st, unit)
