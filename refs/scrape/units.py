"""Scraped page text as a list of typed units: the first pass of the page-text reader.

A unit is a labelled field (`Authors: ...`, `Title | ...`, `Abstract` over a
paragraph), a `◽`/`|`/`·` run, a one-line citation, a search-result byline, an
author line, a venue line, a paragraph, a title candidate, chrome or a heading.
Lines a page wrapped (titles, abstracts, indented citations) become one unit.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..formats.bibtex import parse_bibtex
from ..grammar.latex import fold_for_matching
from ..names import Name, parse_bibtex_names
from .cite import parse_byline, parse_citation
from .copyfix import (
    drop_access_dates,
    drop_epub,
    drop_example_label,
    drop_language_tail,
    drop_link_tail,
    fits_label,
    flat_tables,
    glued_stop_heading,
    join_bracketed_authors,
    join_hyphenated,
    join_mark_cells,
    join_split_dois,
    unglue_label,
)
from .fields import (
    _VOL_WORD,
    DOI_RE,
    MONTHS,
    VenueInfo,
    find_doi,
    looks_like_venue_line,
    normalise_pages,
    parse_venue,
    remove_ids,
    years_in,
)
from .fragments import JSON_START, WIKI_START, read_json_record, read_wiki_template
from .lexicon import Label
from .lexicon import words as lexicon_words
from .lines import (
    AFFILIATION_HEADINGS,
    ARXIV_LINE,
    BARE_HEADINGS,
    BOOK_TAGS,
    CJK_CHAR,
    DOI_LINE,
    RUN_ENDS,
    RUN_SEP,
    SCHOLAR_TAG,
    SUBMITTED,
    cjk_share,
    is_affiliation,
    is_chrome,
    is_column_header,
    is_history_date,
    is_institution_name,
    is_journal_name,
    is_online_date,
    is_paragraph,
    is_stop_heading,
    is_title_like,
    label_of,
    names_institution,
    neighbour_link,
    norm,
    online_dates,
    tab_row,
    type_of,
)
from .names import ORG_WORDS, PARTICLES, lower_word, parse_name_list
from .record import Draft, guess_book
from .runon import RunOn, split_run_on
from .unit import AuthorsUnit, CitationUnit, FieldUnit, RunUnit, Unit, UnitKind, VenueUnit

_BROWSER_TITLE = re.compile(r"^(.{10,400}?)\s+[-|–—]\s+[^-|–—]{2,40}$")
_LABEL_RE = re.compile(r"^([^\W\d][^:：|]{0,40}?)\s*[:：]")
_PIPE_ROW = re.compile(r"^([^|]{0,60}?)\s*\|\s*(.*)$")


# The words style guides print in place of a surname and of a title (lexicon data)
_TEMPLATE_NAMES = lexicon_words("template_names")
_TEMPLATE_TITLES = re.compile(
    r"^(?:"
    + "|".join(
        re.escape(w) for w in sorted(lexicon_words("template_titles"), key=len, reverse=True)
    )
    + r")(?![^\W\d_])"
)


def is_template(cite: Draft) -> bool:
    """A template entry of a style guide, not a reference: its first author is a placeholder for
    a surname (`Apellido, A.`, `N. COGNOME`, `Nachname, V.`) and its title opens with one for a
    title (`Título del artículo`, `Titolo`, `Title of article`).

    Style guides and journals' instructions print the pattern of each kind of entry before (or
    without) an example; read as a reference it made a record of `Cognome, N.` titled `Titolo`.
    Either word alone may be a real surname or a title's first word; both together are not."""
    if not cite.authors or not cite.title:
        return False
    last = cite.authors[0].last.strip("{}").lower()
    return last in _TEMPLATE_NAMES and bool(_TEMPLATE_TITLES.match(cite.title.lower()))


# Lines of one page compare as the matcher compares titles (`refs/grammar/latex.py`).
# (Remembered: a browser title is compared with every unit of the look-ahead window below it,
# and records' titles with every title line they meet.)
fold = lru_cache(maxsize=16384)(fold_for_matching)


def _repaired(line: str) -> str:
    """A line with the copy artefacts every line loses: visit dates, hyphenation, link tails."""
    return drop_link_tail(join_hyphenated(drop_access_dates(drop_example_label(norm(line)))))


class Lines:
    """The page's lines, normalised, with copy artefacts undone (table rows, split spans)."""

    def __init__(self, raw: list[str]) -> None:
        self.raw = raw
        # (the repairs of `_repaired`, written out: this runs once per line of the page)
        self.text = [
            drop_link_tail(join_hyphenated(drop_access_dates(drop_example_label(norm(x)))))
            for x in raw
        ]
        for i, t in enumerate(self.text):
            if "Epub" in t:
                self.text[i] = drop_epub(t)
            if t[-1:] == "." and t[-2:-1].isalpha():
                self.text[i] = drop_language_tail(self.text[i])
        # Headings glued to their list's first entry (`References1. Quell M…`): the heading
        # becomes a unit of its own before the line, the line the entry.
        self.glued_stop: dict[int, str] = {}
        for i, t in enumerate(self.text):
            k = glued_stop_heading(t) if t[:1].isupper() else 0
            if k:
                self.glued_stop[i] = t[:k]
                self.text[i] = t[k:].lstrip()
        # The title a journal platform prints directly under a link to the next or previous
        # article (`Next Article in Journal` / its title) is that neighbour's: no line of a record.
        self.neighbour = {
            i + 1
            for i, t in enumerate(self.text[:-1])
            if t and self.text[i + 1] and neighbour_link(t)
        }
        self.plain: dict[int, tuple[Unit, int]] = {}
        self.cites: dict[int, Draft | None] = {}
        self.bylines: dict[int, bool] = {}
        self.runon: dict[int, RunOn | None] = {}
        self.tables = flat_tables(raw, self.text)
        # Lines that started with a list number (`[12] `, `12. `, `12) `): each starts an entry.
        self.marked: set[int] = set()
        for i, t in enumerate(self.text):
            if t[:1] in _MARK_FIRST:
                m = _LIST_MARK.match(t)
                if m:
                    self.text[i] = t[m.end() :]
                    self.marked.add(i)
        # Bulleted lines (`• `, `▪ `; `- `, `* `, `– ` when two lines of the page start so):
        # each starts a list item, as a list number does.
        heads = [t[:1] for t in self.text if t[1:2] == " " and t[:1] in _BULLETS]
        for i, t in enumerate(self.text):
            if (
                t[1:2] == " "
                and t[:1] in _BULLETS
                and _BULLET_MARK.match(t)
                and (t[:1] in _SURE_BULLETS or heads.count(t[:1]) >= 2)
            ):
                self.text[i] = t[2:].lstrip()
                self.marked.add(i)
        for i, line in enumerate(raw):
            if ("\t" in line or "   " in line) and not is_column_header(self.text[i].lower()):
                row = tab_row(line)  # a copied table row: "Label<TAB>value"
                if row:
                    # (the value gets the copy repairs every line gets: a visit date after a
                    # cite box's string, `[cited 2021 May 6]`, is no year of the work)
                    self.text[i] = f"{row[0]}: {_repaired(row[1])}"
                else:
                    self.text[i] = _drop_number_cells(line, self.text[i])
            elif self.text[i]:
                self.text[i] = unglue_label(self.text[i])
        join_split_dois(self.text)
        join_mark_cells(self.text)
        join_bracketed_authors(self.text)
        for i in range(len(self.text) - 1):
            # a link copied onto its own line: "J Fict Med" / ". 2016 Apr 4;4(4):e1000."
            nxt = self.text[i + 1]
            if nxt[:1] in (".", ";", ",") and 0 < len(self.text[i]) <= 80 and _LINK_TAIL.match(nxt):
                self.text[i] = self.text[i] + nxt
                self.text[i + 1] = ""

    def run_on(self, i: int) -> RunOn | None:
        """Line i cut into title, byline and rest when it runs them together (`runon.py`)."""
        if i not in self.runon:
            t = self.text[i]
            self.runon[i] = split_run_on(t) if len(t) >= 40 and _RUN_ON_CUE.search(t) else None
        return self.runon[i]

    def cite_of(self, i: int) -> Draft | None:
        """Line i read as a one-line citation (asked twice: as a line, and as a continuation)."""
        if i not in self.cites:
            self.cites[i] = parse_citation(self.text[i], i + 1)
        return self.cites[i]

    def __len__(self) -> int:
        return len(self.text)


# A name followed by its marks and a comma, or `and` before a capitalised word: the cue that a
# line may hold a byline (most lines have neither, and are not cut into words)
_RUN_ON_CUE = re.compile(r"[^\W\d_]\s?(?:[\d*\u2020\u2021]{1,3}\s?,|,\s?\d)|\s(?:and|&)\s[A-Z]")


def _run_on_units(no: int, cut: RunOn) -> list[Unit]:
    """The units of a header line run together (`runon.py`): the title, the byline, what the
    page printed above the title (a venue statement or a date, a DOI), then the addresses or
    the abstract. (All on one line, so in the order a header that prints the venue under the
    byline has: a title-like line above, `Page content transcription`, takes none of it.)"""
    out: list[Unit] = [
        Unit(no, no, cut.title, kind=UnitKind.TITLE),
        AuthorsUnit(no, no, cut.byline, names=cut.names),
    ]
    if cut.head:
        doi = find_doi(cut.head)
        plain = remove_ids(cut.head) if doi else cut.head
        venue = looks_like_venue_line(plain)
        if venue is not None:
            out.append(VenueUnit(no, no, plain, venue=venue))
        elif len(set(years_in(plain))) == 1:
            # `Journal of X Volume 2012, Article ID 1, 12 pages`, `published: 8 December 2020`
            out.append(FieldUnit(no, no, plain, label=Label.DATE))
        if doi:
            out.append(FieldUnit(no, no, doi, label=Label.DOI))
    rest = cut.rest.strip(" ,0123456789*\u2020\u2021")
    if rest and is_paragraph(rest):
        out.append(Unit(no, no, rest, kind=UnitKind.PARA))  # (addresses and the abstract)
    elif rest:
        out.append(FieldUnit(no, no, rest, label=Label.IGNORE))  # (the addresses)
    return out


def _is_labelled(text: str) -> bool:
    m = _LABEL_RE.match(text) if ":" in text[:45] or "：" in text[:45] else None
    return bool(m and label_of(m.group(1))) or bool(ARXIV_LINE.match(text))


def browser_title(text: str) -> str:
    """The folded title of a browser-title line (`Title - PubMed`, `Title | Site`), or ''."""
    m = _BROWSER_TITLE.match(text)
    return fold(m.group(1)) if m else ""


def drop_browser_titles(lines: Lines) -> None:
    """`Title - PubMed` / `Title | Site` repeats a heading further down: keep the heading."""
    seen = 0
    for i, t in enumerate(lines.text):
        if not t:
            continue
        seen += 1
        if seen > 5:
            break
        head = browser_title(t)
        if not head:
            continue
        if any(fold(x) == head for j, x in enumerate(lines.text) if j != i and x):
            lines.text[i] = ""


def _run_from(lines: Lines, i: int) -> tuple[list[str], int]:
    """Pieces of a `◽` run starting at line i; returns (pieces, next line index)."""
    parts = [lines.text[i]]
    j = i + 1
    while parts[-1].endswith(RUN_ENDS) and j < len(lines) and lines.text[j]:
        if _is_labelled(lines.text[j]):
            break
        parts.append(lines.text[j])
        j += 1
    joined = " ".join(parts)
    for sep in RUN_ENDS[1:]:
        joined = joined.replace(sep.strip(), RUN_SEP)
    pieces = [p.strip() for p in joined.split(RUN_SEP)]
    return [p for p in pieces if p], j


def _labelled_question(text: str) -> bool:
    """`Titel: Wie lautet der Titel des Werkes?`: a known label whose value is a question."""
    if not text.endswith(("?", "？")):
        return False
    m = _LABEL_RE.match(text)
    return m is not None and label_of(m.group(1)) is not None


def _question_row(lines: Lines, i: int) -> bool:
    """A labelled question in a row of labelled questions (the line above or below is one).

    Citing guides list the elements of a reference as `Author: Who is responsible for the
    work?`, `Title: What is it called?`, `Source: Where can I find it?`: read as fields they
    made records of `Wer ist …?` (a German university's citing course and a school's citing
    page). A record's labelled value may be a question (a title that asks one), but two
    labelled questions in a row are such a list."""
    if not _labelled_question(lines.text[i]):
        return False
    return any(0 <= k < len(lines) and _labelled_question(lines.text[k]) for k in (i - 1, i + 1))


def _labelled_unit(lines: Lines, i: int, canon: Label, value: str) -> tuple[FieldUnit, int]:
    no = i + 1
    unit = FieldUnit(no, no, value, label=canon)
    j = i + 1
    if not value:
        if j < len(lines) and lines.text[j] and not _is_labelled(lines.text[j]):
            if is_stop_heading(lines.text[j]):
                return unit, j
            pieces, j = _run_from(lines, j)
            unit.values = pieces
            unit.text = f" {RUN_SEP} ".join(pieces)
            unit.run = True
    elif value.endswith(RUN_SEP):
        pieces, j = _run_from(lines, i)
        unit.values = pieces
        m = _LABEL_RE.match(pieces[0])
        if m:
            pieces[0] = pieces[0][m.end() :].strip()
        unit.text = f" {RUN_SEP} ".join(pieces)
        unit.run = True
    elif canon in (Label.AUTHOR, Label.AUTHOR_MORE):
        # further names on the lines below, without a label ("Other Authors: A" / "B")
        while j < len(lines) and lines.text[j] and not _is_labelled(lines.text[j]):
            names = parse_name_list(lines.text[j])
            if not names or not all(n.first and n.last for n in names):
                break
            unit.values.append(lines.text[j])
            j += 1
    elif canon is Label.TITLE:
        extra = 0
        while (
            j < len(lines)
            and extra < 2
            and lines.text[j]
            and not _is_labelled(lines.text[j])
            and not DOI_LINE.match(lines.text[j])
            and len(lines.text[j]) < 300
        ):
            unit.text = f"{unit.text} {lines.text[j]}"
            j += 1
            extra += 1
    unit.end = j
    return unit, j


def _bare_heading_unit(lines: Lines, i: int, key: str) -> tuple[Unit, int]:
    """`Abstract` / `Affiliations` alone on a line: the block below belongs to it."""
    no = i + 1
    canon = label_of(key) or Label.IGNORE
    j = i + 1
    if key in AFFILIATION_HEADINGS:
        while j < len(lines) and lines.text[j] and re.match(r"^\d{1,2}\s|^[a-z]\s", lines.text[j]):
            j += 1
        return FieldUnit(no, j, "", label=Label.IGNORE), j
    k = j
    while k < len(lines) and not lines.text[k] and k - j < 2:
        k += 1
    if k < len(lines) and lines.text[k] and not _is_labelled(lines.text[k]):
        nxt = lines.text[k]
        ok = (
            len(nxt) >= 60 and len(nxt.split()) >= 8
            if canon is Label.ABSTRACT
            else not is_stop_heading(nxt) and not is_chrome(nxt)
        )
        if ok and canon in (Label.AUTHOR, Label.AUTHOR_MORE):
            # "Authors" above one name per line
            unit = FieldUnit(no, k, "", label=canon, run=True)
            while k < len(lines) and lines.text[k] and not _special(lines, k):
                names = parse_name_list(lines.text[k], affiliations=True, corporate=True)
                if not names:
                    break
                unit.values.append(lines.text[k])
                k += 1
            unit.end = k
            return (unit, k) if unit.values else (Unit(no, no, lines.text[i]), i + 1)
        if ok:
            text = nxt
            k += 1
            # a hard-wrapped abstract continues while the previous line ran to the margin
            while (
                canon is Label.ABSTRACT
                and k < len(lines)
                and len(lines.text[k - 1]) >= 50
                and not _special(lines, k)
            ):
                text = _join_wrapped(text, lines.text[k])
                k += 1
            return FieldUnit(no, k, text, label=canon), k
    return Unit(no, no, lines.text[i]), i + 1


_LAST_CONJ = re.compile(r"(\s(?:and|und|et|y|e|i|и|та|&)\s)(?!.*\s(?:and|und|et|y|e|i|и|та|&)\s)")


def _with_corporate(text: str) -> list[Name] | None:
    """`Nordic Council for X, A. Smith, B. Jones`: a corporate author heading a list of persons
    (also joined to one person by a conjunction: `Working Group on X and Alan D. Castel`)."""
    if "," in text:
        head, _, rest = text.partition(",")
    elif " \u00b7 " in text:
        head, _, rest = text.partition(" \u00b7 ")  # (`Working Group on X · A. Smith`)
    else:
        parts = _LAST_CONJ.split(text)
        if len(parts) < 3:
            return None
        head, rest = "".join(parts[:-2]), parts[-1]
    if not ORG_WORDS.search(head) or len(head.split()) > 10 or re.search(r"\d|: ", head):
        return None
    people = parse_name_list(rest.strip(), affiliations=True)
    if not people or not all(n.first and n.last for n in people):
        return None
    return [Name(last="{" + head.strip() + "}"), *people]


def lone_name(text: str) -> list[Name] | None:
    """A line that is one person's name (`William E. Hockley`, `N. Kanwisher Jr.`), or None."""
    if len(text) > 80:
        return None  # (a cheap exit: no name is that long)
    words = text.split()
    core = [w for w in words if w.lower() not in PARTICLES]  # (`H. P. op de Beeck`)
    if not 2 <= len(core) <= 4 or len(words) > 6 or _NOT_IN_NAME.search(text):
        return None
    if not all(w[:1].isupper() for w in words if w.lower() not in PARTICLES):
        return None
    names = parse_name_list(text)
    if names and len(names) == 1 and names[0].first and names[0].last:
        return names
    return None


# a word cut short by a full stop (`Phys.`, `Lett.`): two letters or more, not `St.`/`Ste.`
_ABBREVIATED_WORD = re.compile(r"(?<![\w.])(?!Ste?\.)[^\W\d_]{2,}\.(?=\s|$)")
_LONG_ABBREVIATION = re.compile(r"(?<![\w.])[^\W\d_]{4,}\.(?=\s|$)")


def _abbreviated_name(name: Name) -> bool:
    """A "name" holding words cut short as journal titles cut them (`Phys. Status Solidi`,
    `Invent. Coast. Acoust.`): surnames abbreviate nothing but `St.`, given names to one to
    three letters (`J.`, `Th.`, `Chr.`)."""
    return bool(
        _ABBREVIATED_WORD.search(name.last)
        or _LONG_ABBREVIATION.search(f"{name.first} {name.last}")
    )


# one Chinese or Japanese personal name: two to four ideographs, or a family name and a given
# name apart by one space (`山田 花子`); affiliation marks (`*1`, `¹`) may follow
_CJK_PERSON = re.compile(
    r"^([\u3400-\u9fff\uf900-\ufaff]{2,4}|[\u3400-\u9fff\uf900-\ufaff]{1,3} "
    r"[\u3400-\u9fff\uf900-\ufaff\u3040-\u30ff]{1,3})[\s*\d,¹²³⁴⁵⁶⁷⁸⁹⁰†‡]*$"
)
_CJK_NAME_SEP = re.compile(r"\s*[、，,；;・]\s*|\s{2,}")


def _near_index(lines: Lines, i: int, step: int) -> int | None:
    """The nearest line with text above (`step` -1) or below (+1) line `i`, two blanks at most
    (None past the page's ends)."""
    k = i + step
    while 0 <= k < len(lines) and not lines.text[k] and abs(k - i) <= 3:
        k += step
    return k if 0 <= k < len(lines) else None


def _near(lines: Lines, i: int, step: int) -> str:
    """The text of `_near_index`'s line ('' past the page's ends)."""
    k = _near_index(lines, i, step)
    return "" if k is None else lines.text[k]


def _cjk_byline(lines: Lines, i: int) -> list[Name] | None:
    """A line of Chinese or Japanese names between a title and the abstract: a byline.

    Article first pages in these languages print title, the authors' names (no labels, no
    case), then `要旨` / `摘要` / `抄録` (or the abstract itself, or the authors' addresses);
    names are family name first (`names.parse_name_list` reads them so under a label). Without
    the title above and the abstract below, a short CJK line is as likely a heading."""
    t = lines.text[i]
    if len(t) > 40 or not CJK_CHAR.match(t):
        return None  # (cheap exits: a byline of names is short and starts with one)
    parts = [p for p in _CJK_NAME_SEP.split(t) if p]
    if not 1 <= len(parts) <= 8 or not all(_CJK_PERSON.match(p) for p in parts):
        return None
    if label_of(t) is not None or t.lower() in BARE_HEADINGS or is_chrome(t):
        return None  # (`要旨`, `摘要`: headings are no names)
    above, below = _near(lines, i, -1), _near(lines, i, 1)
    if not above or cjk_share(above) < 0.5 or not is_title_like(above):
        return None
    labelled = _LABEL_RE.match(below)
    if not (
        label_of(below.lower().rstrip(":：")) is Label.ABSTRACT
        or (labelled is not None and label_of(labelled.group(1)) is Label.ABSTRACT)
        or is_paragraph(below.lstrip("*＊ "))
        or is_affiliation(below)
        or (below.startswith(("(", "（")) and cjk_share(below) >= 0.5)
    ):
        return None
    names = []
    for p in parts:
        person = _CJK_PERSON.match(p)
        if person is None:
            return None
        family, _, given = person.group(1).partition(" ")
        names.append(Name(first=given, last=family))
    return names


def _over_cjk_byline(lines: Lines, i: int) -> bool:
    """Whether the nearest line below line `i` is a Chinese or Japanese byline (`_cjk_byline`).

    A CJK line has no case to tell a title from a heading or an example line, so it is a title
    only where the byline under it says so: alone, a how-to page's heading (`参考文献リストの
    書き方`) or an example reference took the title's place and made junk records (audit12:
    72 unstudied pages, the only pages where the CJK title test fired without a byline)."""
    k = _near_index(lines, i, 1)
    return k is not None and _cjk_byline(lines, k) is not None


def _plain_unit(lines: Lines, i: int) -> tuple[Unit, int]:
    """Classify one unlabelled line (memoised: the wrap look-ahead asks twice)."""
    if i not in lines.plain:
        lines.plain[i] = _classify_plain(lines, i)
    return lines.plain[i]


def _classify_plain(lines: Lines, i: int) -> tuple[Unit, int]:
    t = lines.text[i]
    no = i + 1
    if is_chrome(t) or i in lines.neighbour:
        return Unit(no, no, t, kind=UnitKind.CHROME), i + 1
    if is_affiliation(t):
        # an author's affiliation (`1 Department of …`): a field the record does not keep
        return FieldUnit(no, no, t, label=Label.IGNORE), i + 1
    if is_history_date(t) or is_online_date(t):
        # review dates are not the publication's; a `published online` part of the line is
        online = online_dates(t)
        if online:
            return FieldUnit(no, no, online[0], label=Label.SUBMITTED), i + 1
        return FieldUnit(no, no, t, label=Label.IGNORE), i + 1
    words = t.split()
    kind = type_of(t) if len(words) <= 4 else None
    if kind is not None:
        return Unit(no, no, t, hint=kind, kind=UnitKind.TYPE), i + 1
    cjk_names = _cjk_byline(lines, i)
    if cjk_names:
        return AuthorsUnit(no, no, t, names=cjk_names), i + 1
    draft = parse_byline(t, no)
    if draft is None and " - " in t and ", " in t:
        # `Working Group on X, J Wu, W Walukiewicz - Journal, 2002 - host`: an organisation
        # heading a result's byline, then persons
        org, _, rest = t.partition(", ")
        if ORG_WORDS.search(org) and len(org.split()) <= 10 and " - " not in org:
            draft = parse_byline(rest, no)
            if draft is not None and draft.authors:
                draft.authors.insert(0, Name(last="{" + org.strip() + "}"))
    if (
        draft is not None
        and len(draft.authors) == 1
        and (dashed := looks_like_venue_line(t)) is not None
        and (
            not draft.authors[0].first
            or _abbreviated_name(draft.authors[0])
            or (dashed.volume and dashed.pages)
        )
    ):
        # (`Pramana - J. Phys., 2007, Vol. 69`: a venue with a dash, no byline; a "surname"
        # holding an abbreviated word, `Phys. Status Solidi RRL - Rapid Res. Lett., 2017`, is a
        # journal's abbreviated name: surnames abbreviate nothing but `St.`; and a search
        # result's byline cuts its venue to the name and year, so a line printing volume and
        # pages too, `Cytometry Part B - Clinical Cytometry, 2007, Vol. 72 (5), pp. 291–298`, is
        # a venue statement whose journal's name holds a dash)
        draft = None
    if draft:
        return CitationUnit(no, no, t, draft=draft, kind=UnitKind.BYLINE), i + 1
    # A reference wrapped onto indented continuation lines is one line.
    j = i + 1
    joined = t
    while j < len(lines) and lines.text[j] and _INDENTED.match(lines.raw[j]):
        if j in lines.marked or is_affiliation(lines.text[j]):
            break  # (an indented bullet or number starts a list item, `• 1Department …` an address)
        joined = f"{joined} {lines.text[j]}"
        j += 1
    if j == i + 1:
        entry = _wrapped_entry(lines, i)
        if entry is not None:
            return entry, entry.end
    # a venue statement or a citation holds a digit (a year, a volume, pages); most lines do not
    has_digit = bool(_DIGIT.search(joined))
    # running text whose only digits are citation marks (`… as shown (4, 12).`, `[12]`): an
    # article's body or abstract, never a reference
    if (
        has_digit
        and len(joined) >= 100
        and ("(" in joined or "[" in joined)
        and not _DIGIT.search(_CITE_MARK.sub("", joined))
        and is_paragraph(joined)
    ):
        has_digit = False
    venue = looks_like_venue_line(t) if has_digit else None
    # a line that is all venue statement is never taken as a citation: not parsed as one
    venue_only = _venue_only(venue, t) or bool(venue and _MONTH_YEAR_PIECE.match(t))
    # (`Mar 2010 · Proceedings of …, USA 107(14):6487-6492`: a line that starts with its month
    # and year is a date-and-venue line; a reference starts with its authors or title)
    cite = (
        (lines.cite_of(i) if j == i + 1 else parse_citation(joined, no))
        if (has_digit or "n.d" in joined)
        and len(joined) >= 25
        and joined.count(" ") >= 3
        and not venue_only
        and not (j == i + 1 and _marked_byline(t))
        else None
    )
    if cite and j == i + 1 and not _ENTRY_END.search(t) and not _sentence_reading(cite):
        # a reference broken at the margin without indentation: take the next lines in
        # while they are not references themselves and the entry has not ended (a line that
        # reads as a sentence naming a work, `A replication of Okafor and Brenner (2029): …`,
        # is a title that names the work it discusses: it takes no lines in)
        k = j
        while k < len(lines) and k - j < 3 and lines.text[k] and not _is_labelled(lines.text[k]):
            nxt = lines.text[k]
            if (
                is_chrome(nxt)
                or is_stop_heading(nxt)
                or (_DIGIT.search(nxt) and not _runs_on(nxt) and lines.cite_of(k))
            ):
                break
            joined = _join_wrapped(joined, nxt)
            k += 1
            if _ENTRY_END.search(nxt):
                break
        longer = parse_citation(joined, no) if k > j else None
        if longer is not None:
            cite, j = longer, k
    if cite and is_template(cite):
        # a style guide's template (`N. COGNOME, Titolo, casa editrice, città anno`), no work
        return FieldUnit(no, cite.end or j, joined, label=Label.IGNORE), max(j, cite.end or j)
    if (
        cite
        and (not venue or cite.title or cite.venue or cite.booktitle)
        and not _venue_only(venue, t)
        and not _sentence_reading(cite)
        and not _IN_TEXT_CITE.search(joined)
    ):
        cite.end = j
        return CitationUnit(no, j, joined, draft=cite), j
    if venue:
        return VenueUnit(no, no, t, venue=venue), i + 1
    if DOI_LINE.match(t) or _ids_only(t):
        return FieldUnit(no, no, t, label=Label.DOI), i + 1
    names = None
    unglued = None
    if (
        ", " in t
        or _DIGIT.search(t)
        or " and " in t
        or " \u00b7 " in t  # (`Ana Quell · Tomas Vendrel`: names apart by middle dots)
        or "et al" in t
        # (`A. Handel et P. W. Glimcher`, `Quastberg¹`, `Fredrickson a,c`: a short byline)
        or (len(t) <= 200 and _NAME_CUE.search(t))
    ) and ": " not in t:
        # (a colon and a space separate a title from its subtitle; no author list has one)
        # "Ingrid Solheim1,2, Marta Kovalenko-Rhys2*": footnote marks glued to names
        unglued = unmark(t)
        names = parse_name_list(unglued, affiliations=True)
    if names is None and _ONE_NAME.match(t):
        names = parse_name_list(t)
    if names is None and ("," in t or " \u00b7 " in t or _LAST_CONJ.search(t)):
        names = _with_corporate(t if unglued is None else unglued)
    if (
        names
        and all((n.first and n.last) or n.last.startswith("{") for n in names)
        and (
            len(names) >= 2
            or re.search(r"[A-Za-z.]\s*\d|\bet al\b", unglued or t)  # (one name with its marks)
            or _ONE_NAME.match(t)
        )
        # a full stop ends a sentence, unless it is a last initial ("Fournier É.") or the
        # `...` that cuts a long list (`L Saminadayar, ...`: profiles and result lists)
        and (
            not t.endswith(".") or t.endswith("...") or re.search(r"(?:^|[\s,])[^\W\d_]{1,3}\.$", t)
        )
    ):
        return AuthorsUnit(no, no, t, names=names), i + 1
    if is_paragraph(t) and not _ID_END.search(t):
        # (a long venue line ending in `PMID: 34048913` is a listed work's, never an abstract)
        return Unit(no, no, t, kind=UnitKind.PARA), i + 1
    stripped = SCHOLAR_TAG.sub("", t)
    if is_title_like(stripped) and (cjk_share(stripped) < 0.5 or _over_cjk_byline(lines, i)):
        hint = "book" if t.startswith("[") and t[1 : t.find("]")] in BOOK_TAGS else ""
        return Unit(no, no, stripped, hint=hint, kind=UnitKind.TITLE), i + 1
    return Unit(no, no, t), i + 1


# "Journal · 2019 · Vol 3": `·`, `•` or `|` between pieces, one of them a year, is a run too
_INNER_SEP = re.compile(r"\s[\u00b7\u2022|]\s")
_YEAR_PIECE = re.compile(
    r"(?:^|\s[\u00b7\u2022|]\s)\(?(?:1[89]|20)\d\d\)?(?:\s[\u00b7\u2022|]\s|$)"
)
# `Aug 2019 · arXiv`: a date of a month and year, then the venue (research-network profiles)
_MONTH_YEAR_PIECE = re.compile(
    r"^[^\W\d_]{3,10}\.?\s(?:1[89]|20)\d\d\s[\u00b7\u2022|]\s(?=[^\W\d_])"
)
# One personal name with initials ("N. Kanwisher Jr.", "Kanwisher, N."): a byline of one author
_ONE_NAME = re.compile(
    r"^(?:(?:[^\W\d_]\.\s?){1,3}\s*[^\W\d_][\w'’\-]+(?:\s+(?:Jr|Sr)\.?)?|"
    r"[^\W\d_][\w'’\-]+,?\s+(?:[^\W\d_]\.\s?){1,3})$"
)

_DIGIT = re.compile(r"\d")
_BIBTEX_START = re.compile(r"^@\s*[A-Za-z]{3,20}\s*\{\s*[^\s,{}]*\s*,")


def _bibtex_unit(lines: Lines, i: int) -> tuple[Unit, int]:
    """A BibTeX entry shown on the page (a cite box's BibTeX tab): read it as BibTeX."""
    depth = 0
    j = i
    while j < len(lines) and j - i < 200:
        depth += lines.raw[j].count("{") - lines.raw[j].count("}")
        j += 1
        if depth <= 0:
            break
    block = "\n".join(lines.raw[i:j])
    refs = parse_bibtex(block, "<page>").references
    if not refs:
        return Unit(i + 1, j, lines.text[i]), j
    ref = refs[0]
    f = ref.fields
    draft = Draft(i + 1, j)
    draft.title = re.sub(r"[{}]", "", f.get("title", ""))
    draft.authors = parse_bibtex_names(f.get("author", ""))
    draft.venue = (
        f.get("journal") or f.get("booktitle") or f.get("school") or f.get("institution") or ""
    )
    draft.publisher = f.get("publisher", "")
    draft.volume, draft.number = f.get("volume", ""), f.get("number", "")
    draft.pages = normalise_pages(f.get("pages", "")) if f.get("pages") else ""
    draft.doi = find_doi(f.get("doi", "")) or ""
    years = years_in(f.get("year", "") or f.get("date", ""))
    draft.year = years[0] if years else None
    draft.type_hint = ref.entry_type.lower()
    return CitationUnit(i + 1, j, lines.text[i], draft=draft), j


def _venue_only(venue: VenueInfo | None, text: str) -> bool:
    """A line that is all venue statement (`Phys. Status Solidi B, 2008, Vol. 245 (12), pp. 1-5`):
    a name of at most a few words, then only year, volume, issue and pages, nothing left over."""
    return bool(
        venue
        and venue.year
        and venue.volume
        and (venue.pages or venue.number)
        and not venue.extra_text
        and len(venue.venue.split()) <= 8
        # no sentence inside (also one opened by the article `A`: `Oduya P. A tale of …`)
        and not re.search(r"[.?!]\s+[A-Z][a-z]*\s+[a-z]+", venue.venue)
        # and no words the statement did not read (an author-date citation whose authors the
        # venue grammar took for the name: `Rundus, Dewey (1974). Title. Journal, 13(6), 1–9.`)
        and len(_LETTERS.findall(text)) - len(_LETTERS.findall(venue.venue)) <= 20
    )


_LETTERS = re.compile(r"[^\W\d_]")


def _ids_only(text: str) -> bool:
    """`https://doi.org/10.5555/x  PMID: 123 · Full text`: identifiers and buttons only."""
    if len(text) > 200 or not DOI_RE.search(text):
        return False
    rest = re.sub(r"(?i)\b(?:doi|pmid|pmcid|full text|pdf|view|article)\b:?", " ", remove_ids(text))
    return len(re.findall(r"[^\W\d_]{2,}", rest)) <= 2


def _pipe_labels(lines: Lines) -> int:
    count = 0
    for t in lines.text:
        m = _PIPE_ROW.match(t) if "|" in t else None
        if m and label_of(m.group(1)):
            count += 1
    return count


def units_of(lines: Lines) -> list[Unit]:
    units: list[Unit] = []
    pipe_known = _pipe_labels(lines) >= 2
    last_pipe: FieldUnit | None = None
    i = 0
    while i < len(lines):
        t = lines.text[i]
        no = i + 1
        if not t:
            units.append(Unit(no, no, kind=UnitKind.BLANK))
            last_pipe = None
            i += 1
            continue
        if i in lines.tables:
            pairs, i = lines.tables[i]
            units.extend(FieldUnit(line, line, value, label=label) for label, value, line in pairs)
            continue
        if pipe_known and "|" in t:
            m = _PIPE_ROW.match(t)
            if m:
                lab, val = m.group(1).strip(), m.group(2).strip()
                if not lab and last_pipe is not None:
                    last_pipe.values.append(val)
                    last_pipe.end = no
                    i += 1
                    continue
                canon = label_of(lab)
                if canon or (lab and len(lab.split()) <= 4 and lab[0].isupper()):
                    last_pipe = FieldUnit(no, no, val, label=canon or Label.IGNORE)
                    units.append(last_pipe)
                    i += 1
                    continue
        last_pipe = None
        if i in lines.glued_stop and (not units or units[-1].kind is not UnitKind.STOP):
            units.append(Unit(no, no, lines.glued_stop[i], kind=UnitKind.STOP))
        if is_stop_heading(t) and not _counts_below(lines, i):
            units.append(Unit(no, no, t, kind=UnitKind.STOP))
            i += 1
            continue
        m = ARXIV_LINE.match(t)
        if m:
            units.append(FieldUnit(no, no, m.group(1), label=Label.ARXIV))
            i += 1
            continue
        if SUBMITTED.match(t):
            units.append(FieldUnit(no, no, t, label=Label.SUBMITTED))
            i += 1
            continue
        if t[:3].lower() in _POSTING_FIRST:
            posted = _posting_statement(lines, i, units)
            if posted is not None:
                # `Mis en ligne le 4 mai 2031, par Name` under a title: its author and date
                names, date, j = posted
                units.append(FieldUnit(no, j, names, label=Label.AUTHOR))
                units.append(FieldUnit(no, no, date, label=Label.DATE))
                i = j
                continue
        m = _LABEL_RE.match(t) if ":" in t[:45] or "：" in t[:45] else None
        canon = label_of(m.group(1)) if m else None
        if m and canon and _question_row(lines, i):
            # `Autor: Wer ist für dieses Werk verantwortlich?` over `Titel: Wie …?`: a guide
            # explaining what each field of a reference holds, not a record's fields
            units.append(FieldUnit(no, no, t, label=Label.IGNORE))
            i += 1
            continue
        if m and canon:
            field_unit, i = _labelled_unit(lines, i, canon, t[m.end() :].strip())
            units.append(field_unit)
            continue
        if m and canon is None and (whole := _subtitled_venue(m.group(1), t)) is not None:
            # `Journal of X: General 1986; 115: 155–174`: the colon is inside the journal's name
            units.append(VenueUnit(no, no, t, venue=whole))
            i += 1
            continue
        if m and canon is None:
            venue = _labelled_venue(m.group(1), t[m.end() :].strip())
            if venue is not None:
                # `Published in final edited form as: J Fict Med. 2016;4(4):1-9.`: a phrase the
                # lexicon lacks over a whole venue statement labels the work's venue
                units.append(VenueUnit(no, no, t[m.end() :].strip(), venue=venue))
                i += 1
                continue
        if canon is None and len(t) <= 40 and t[:1].isalpha():
            alone = _label_over_value(lines, i)
            if alone is not None:
                units.append(alone)
                i = alone.end
                continue
        if canon is None and label_of(t) is Label.CITE:
            # "How to cite" alone over a cite box: its lines are read as citations
            units.append(FieldUnit(no, no, "", label=Label.CITE))
            i += 1
            continue
        if t.lower() in BARE_HEADINGS:
            unit, i = _bare_heading_unit(lines, i, t.lower())
            units.append(unit)
            continue
        if t.startswith(("{", "[")) and JSON_START.match(t):
            draft = read_json_record(t, no)
            if draft is not None:
                units.append(CitationUnit(no, no, t, draft=draft))
                i += 1
                continue
        if t.startswith("{{") and WIKI_START.match(t):
            draft, j = read_wiki_template(lines.raw, i)
            if draft is not None:
                units.append(CitationUnit(no, j, t, draft=draft))
                i = j
                continue
        if _BIBTEX_START.match(t):
            unit, i = _bibtex_unit(lines, i)
            units.append(unit)
            continue
        if (
            RUN_SEP in t
            or (t.endswith(RUN_ENDS) and i + 1 < len(lines) and lines.text[i + 1])
            or (_INNER_SEP.search(t) and _YEAR_PIECE.search(t))
            or (
                _INNER_SEP.search(t)
                and _MONTH_YEAR_PIECE.match(t)
                and looks_like_venue_line(t) is None
            )
        ):
            pieces, j = _run_from(lines, i)
            units.append(RunUnit(no, j, f" {RUN_SEP} ".join(pieces), values=pieces))
            i = j
            continue
        if _byline_place(units, lines.text, i):
            one = lone_name(t)
            if one is not None:
                units.append(AuthorsUnit(no, no, t, names=one))
                i += 1
                continue
        if units and units[-1].kind is UnitKind.AUTHORS and _DIGIT.search(t):
            yearless = _venue_without_year(t)
            if yearless is not None:
                # `Journal of X 12(3): 45–67` under a byline, the year in the list's heading
                units.append(VenueUnit(no, no, t, venue=yearless))
                i += 1
                continue
        if units and t[-1:] in _YEAR_LAST and _under_byline(units):
            named = _named_year(t)
            if named is not None:
                # `The Journal of Neuroscience (2011)`, `arXiv, 2025` under a byline (or under
                # its affiliation lines): the work's venue and year (listings print no volume
                # for preprints and new articles)
                units.append(VenueUnit(no, no, t, venue=named))
                i += 1
                continue
        if (
            units
            and units[-1].kind in (UnitKind.AUTHORS, UnitKind.FIELD)
            and _under_byline(units)
            and names_institution(t)
            and not _venue_statement(t)
        ):
            # one affiliation printed without a mark under the byline: not the next title (a
            # venue named after an institution, `Proceedings of the … Academy of Sciences, USA
            # 102 (12), 4602-4607, 2005`, with its year, volume and pages, is the venue)
            units.append(FieldUnit(no, no, t, label=Label.IGNORE))
            i += 1
            continue
        cut = lines.run_on(i)
        if cut is not None:
            units.extend(_run_on_units(no, cut))
            i += 1
            continue
        card = _person_card(units, t)
        if card:
            # a person's name over an institution with no title above (a profile's owner, a
            # co-author card), perhaps with a role line between: the address is no title, and
            # the name is no byline
            for k in range(len(units) - card, len(units)):
                u = units[k]
                units[k] = Unit(u.start, u.end, u.text, kind=UnitKind.CHROME)
            units.append(FieldUnit(no, no, t, label=Label.IGNORE))
            i += 1
            continue
        unit, i = _wrapped(lines, i)
        units.append(unit)
    return units


_LABEL_WORDS = re.compile(r"[^\W\d_]+(?:[\s'’\-][^\W\d_]+)*")


# `Name. 1986 Sep 4;12(3):538–549`: a Vancouver venue statement, the name up to the year's full stop
_VANCOUVER_VENUE = re.compile(
    r"^([^\W\d_][^\d;]{2,200}?)\.\s+((?:1[89]|20)\d\d)(?:\s+([A-Z][a-z]{2})(?:\s+\d{1,2})?)?"
    r";\s*(\d{1,4})?(?:\(([^()]{1,10})\))?(?::\s*([A-Za-z]?\d+(?:[\-–][A-Za-z]?\d+)?))?$"
)


# `: General 1986;`, `: Human Learning and Memory, Vol. 6`: the section's name runs on to the
# year or a volume word with no stop or other comma between (a running head, a venue statement);
# after `: General.` or `: General, 115` the words may be a citation's title or tail
_SUBTITLE_YEAR = re.compile(
    rf":\s[^\W\d_][^.,;:()\d]{{0,60}}(?:\s(?:1[89]|20)\d\d\b|,\s{_VOL_WORD}\s?\d)"
)


def _subtitled_venue(head: str, line: str) -> VenueInfo | None:
    """A venue statement whose journal's name holds a colon (`Journal of Experimental
    Psychology: General 1986; 115: 155–174`, `Journal of Physics: Condensed Matter 12 (2000)
    1-9`): the words before the colon name a periodical, so they are no label but the name's
    first part, and the section after the colon is the rest of the name."""
    if not is_journal_name(head) or not _SUBTITLE_YEAR.match(line, len(head)):
        return None
    info = looks_like_venue_line(line)
    if info is None or not info.venue.startswith(head.strip()) or ":" not in info.venue:
        return None
    return info


def _labelled_venue(label: str, value: str) -> VenueInfo | None:
    """A value that is a whole venue statement (name, year, volume or pages; a DOI may follow)
    under a short label of words: the venue, whatever the label's words."""
    if len(label.split()) > 8 or not _DIGIT.search(value) or len(value) > 300:
        return None
    if not _LABEL_WORDS.fullmatch(label):
        return None  # (a label is words: `Okafor, B.; Teague, L. Title:` is a citation's start)
    bare = remove_ids(value).strip(" .")
    info = looks_like_venue_line(value)
    if info is not None and _venue_only(info, bare):
        return info
    m = _VANCOUVER_VENUE.match(bare)
    if m is not None and not _SENTENCE_END.search(m.group(1)):
        # `Journal of X: Learning, Memory, and Cognition. 1986 Sep;12:538–549`: in the Vancouver
        # statement the journal's name runs to the full stop before the year, commas and all
        return VenueInfo(
            venue=m.group(1).strip(),
            year=int(m.group(2)),
            month=(m.group(3) or "").lower(),
            volume=m.group(4) or "",
            number=m.group(5) or "",
            pages=normalise_pages(m.group(6)) if m.group(6) else "",
        )
    info = parse_venue(value)  # (a proceedings name, a year and pages: `… (mobicom). 2016:2–15`)
    if info.year and info.pages and not info.extra_text and len(info.venue.split()) <= 20:
        return (
            info if len(_LETTERS.findall(bare)) - len(_LETTERS.findall(info.venue)) <= 20 else None
        )
    return None


# A line that ends in an identifier (`PMID: 20478201`, `doi:10.5555/x.1`, `arXiv:2101.99871`)
_ID_END = re.compile(r"(?i)(?:\bpmid:?\s*\d{5,9}|\b10\.\d{4,9}/\S+|arxiv:\s?\S+)\.?$")
_CITE_MARK = re.compile(r"[(\[]\d{1,3}(?:\s?[,–\-]\s?\d{1,3})*[)\]]")
_YEAR_LAST = frozenset("0123456789).")
# A venue name and a year, nothing else: `Journal of X (2011)`, `arXiv, 2025.`; an article
# number may sit between them after a comma (`bioRxiv, 511782, 2019`: profile lists print
# `Venue Vol (Issue), pages, Year`, and a preprint has no volume)
_NAME_AND_YEAR = re.compile(
    r"^([^\W\d_][^()\d]{1,120}?)(?:,\s*([A-Za-z]?\d{1,8}))?[\s,.·|]*\(?((?:1[5-9]|20)\d\d)\)?\.?$"
)


def _named_year(text: str) -> VenueInfo | None:
    m = _NAME_AND_YEAR.match(text)
    if m is None or len(m.group(1).split()) > 12 or _SENTENCE_END.search(m.group(1)):
        return None
    if guess_book(m.group(1)):
        return None  # (`Fabulist Press, 2009`: a book's publisher, read where books are read)
    if m.group(1).strip(" ,.").lower() in MONTHS:
        # `December 2025`: a date under the byline, not a venue named `December`
        return VenueInfo(year=int(m.group(3)))
    return VenueInfo(venue=m.group(1).strip(" ,.·|"), year=int(m.group(3)), pages=m.group(2) or "")


def _person_card(units: list[Unit], t: str) -> int:
    """How many units above an institution line make a person's card: the name (1), or the name
    and a short role line (2, `Professor of Invented Studies`); 0 when none does. A card has no
    title or paragraph above it (a work's byline over its address has its title there)."""
    plain = (UnitKind.TITLE, UnitKind.OTHER)
    if not units or units[-1].kind not in plain or _has_digit(t):
        return 0  # (cheap exits first: this is asked of every line)
    if not (names_institution(t) or is_institution_name(t)):
        return 0
    for n in (1, 2):
        if len(units) < n or any(u.kind not in plain for u in units[-n:]):
            return 0
        if lone_name(units[-n].text) is None:
            if n == 2 or len(units[-1].text.split()) > 6:
                return 0
            continue  # (the line above may be a role under the name)
        if n == 2 and (_has_digit(units[-1].text) or len(units[-1].text.split()) > 6):
            return 0
        above = units[-n - 1] if len(units) > n else None
        if above is not None and above.kind in (UnitKind.TITLE, UnitKind.PARA):
            return 0
        return n
    return 0


_YEAR_HEADING = re.compile(r"^((?:1[89]|20)\d\d):?$")


def year_headings(text: list[str]) -> list[tuple[int, int]]:
    """(line number, year) of the year headings a publication list is grouped under: a year
    alone on its line, not a cell under a count (`799` / `2019` in a profile's table)."""
    out: list[tuple[int, int]] = []
    prev = ""
    for i, t in enumerate(text):
        if t:
            m = _YEAR_HEADING.match(t) if len(t) <= 5 else None
            if m and not prev.isdigit():
                out.append((i + 1, int(m.group(1))))
            prev = t
    return out


def _venue_without_year(text: str) -> VenueInfo | None:
    """`Journal of X 12(3): 45–67`, `Fictional Ecology, 4, 101–109`: a venue name with its volume
    and pages and nothing else, no year (publication lists print the year in their headings)."""
    if len(text) > 200:
        return None
    info = parse_venue(text)
    if info.year or not (info.venue and info.volume and info.pages) or info.extra_text:
        return None
    if len(info.venue.split()) > 12 or re.search(r"[.?!]\s+[A-Z][a-z]*\s+[a-z]+", info.venue):
        return None  # (a sentence inside: no venue; `J. Cryst. Growth` abbreviates)
    return info


def _byline_place(units: list[Unit], text: list[str], i: int) -> bool:
    """Whether line `i` sits where a page prints one author's name alone as a byline:
    - between a title and an affiliation (a profile page prints a name over an affiliation
      too, but no title above it);
    - under a work's venue line (or its DOI), the entry ending below it: a byline of one
      author printed last (research-network profiles);
    - between a title and a venue without a year (title, one name, venue)."""
    if not units:
        return False
    last = units[-1]
    nxt = text[i + 1] if i + 1 < len(text) else None
    if last.kind is UnitKind.TITLE and nxt is not None:
        if _over_affiliation(nxt):
            return True
        if _DIGIT.search(nxt) and _venue_without_year(nxt) is not None:
            return True
    return (
        last.kind in (UnitKind.VENUE, UnitKind.RUN)
        or (isinstance(last, FieldUnit) and last.label is Label.DOI)
    ) and (nxt is None or _ends_entry(nxt))


def _ends_entry(nxt: str) -> bool:
    """The line under an entry's last line: blank, page controls, a type line or a year alone."""
    return not nxt or is_chrome(nxt) or type_of(nxt) is not None or bool(_YEAR_ALONE.match(nxt))


_YEAR_ALONE = re.compile(r"^(?:1[89]|20)\d\d$")


def _venue_statement(text: str) -> bool:
    """A year with a volume and pages: a venue statement, never an address (a postal code may
    read as a year, but an address prints no volume and pages beside it)."""
    info = looks_like_venue_line(text) if _DIGIT.search(text) else None
    return info is not None and bool(info.volume and info.pages)


def _over_affiliation(nxt: str) -> bool:
    return bool(nxt) and (is_affiliation(nxt) or names_institution(nxt))


def _under_byline(units: list[Unit]) -> bool:
    """The line follows a byline directly, or the affiliation lines right under one."""
    for u in reversed(units):
        if u.kind is UnitKind.AUTHORS:
            return True
        if u.kind is UnitKind.BLANK:
            continue  # (cells of a byline copied one per line leave blank lines when joined)
        if not (
            isinstance(u, FieldUnit)
            and u.label is Label.IGNORE
            and (names_institution(u.text) or is_affiliation(u.text))
        ):
            return False
    return False


_OPEN_END = re.compile(
    r"(?i)(?:[:,;&\-\u2013\u00ad]|\b(?:and|or|of|the|a|an|in|on|for|to|with|from|by|at|"
    r"und|der|die|das|des|la|le|les|de|du|et|el|y|del|і|та|и|в|на|з|для))$"
)


_LINK_TAIL = re.compile(r"^[.;,]\s*\(?(?:1[89]|20)\d\d")
_NOT_IN_NAME = re.compile(r"[\d:;,()]")
_INDENTED = re.compile(r"^(?:\s{2,}|\t)")
# A list number before an entry (`[12] Smith J…`, `12. Title`, `3) Title`): not part of it.
_MARK_FIRST = frozenset("[0123456789")
# A bullet before a list item; the hyphen, star and dash also begin wrapped text (`- A review`),
# so they are bullets only where the page starts two lines with them.
_SURE_BULLETS = frozenset("•◦▪▫‣●○■□➢►")
_BULLETS = _SURE_BULLETS | frozenset("-*–")
_BULLET_MARK = re.compile(r"^.\s+(?=[^\W\d_]|[\"“‘'(\[])")
_LIST_MARK = re.compile(r"^(?:\[\d{1,3}\]|\d{1,3}[.)])\s+(?=[^\W\d_]|[\"“‘'(])")
# The head of a reference that starts with its first author, in the orders styles print:
# `Cornell EH,` / `Bland BH.` (Vancouver), `Smith, J. A.` / `Smith, John,` (APA, MLA, Harvard),
# also after surname particles (`van der Berg, J.`) and with a suffix between surname and given
# names (`Langston, Jr., Rosamund F.,`, `Donolato, Jr., C.`: the order APA, MLA and BibTeX print).
# Particles open the entry capitalised too (`Van Den Eeden, Jr., S. K.`, `De La Cruz, M.`): a
# surname that leads its entry starts with a capital, particle and all (American and Belgian use).
_P = r"(?:(?:[Vv]an|[Vv]on|[Dd]e|[Dd]er|[Dd]en|[Dd]a|[Dd]i|[Dd]u|[Dd]el|[Ll]a|[Ll]e|[Tt]en|[Tt]er|op|'t)\s+)*"
_S = r"[^\W\d_][^\W\d_'’\-]*(?:['’\-][^\W\d_]+)*"
_SFX = r"(?:(?:Jr|Sr)\.?,\s|(?:II|III|IV),\s)?"
# The mark a publication list puts on its owner's or a student's name (`Randle* V.`, `Okafor†,
# A.`), and the bracketed year right after one given name (`Randle, Valerie (2009).`)
_OWN = r"[*†‡]?"
_YEAR_OPEN = r"\((?:1[5-9]|20)\d\d"
# a given name written out, hyphenated ones too (`Jean-Pierre`, `Sheng-Jia`)
_GIVEN = r"[^\W\d_][^\W\d_]+(?:-[^\W\d_]+)*"
_ENTRY_HEAD = re.compile(
    rf"^{_P}{_S}(?:\s{_S})?{_OWN}\s[^\W\d_a-z]{{1,3}}[,.](?:\s|$)|"
    rf"^{_P}{_S}(?:[\s\-]{_S})?{_OWN},\s{_SFX}(?:[^\W\d_]\.\s?-?){{1,3}}|"
    rf"^{_P}{_S}{_OWN},\s{_SFX}{_GIVEN}(?:\s[^\W\d_]\.)?(?:[,.]\s|\s(?={_YEAR_OPEN}))|"
    # given names of two or three words, as MLA and lists made from BibTeX print them
    # (`Krishna, Kalaga Murali,`, `Mominuzzaman, Sharif Md.,`), the comma going on to the next name
    rf"^{_P}{_S}{_OWN},\s{_SFX}(?=[^\W\d_a-z]){_GIVEN}(?:\s(?=[^\W\d_a-z]){_GIVEN}){{1,2}}\.?,\s"
)
_BRACKET_YEAR = re.compile(r"\((?:1[5-9]|20)\d\d[a-z]?[),]")
_YEAR_IN = re.compile(r"(?<!\d)(?:1[5-9]|20)\d\d(?!\d)|\bn\.\s?d\.")
_ENTRY_END = re.compile(r"[.)\]]$|\S/\S+$")
_GLUED_MARKS = re.compile(
    r"(?<=[^\W\d_]|\.)[\d\u00b9\u00b2\u00b3\u2070-\u2079,*\u2020\u2021]*"
    r"[\d\u00b9\u00b2\u00b3\u2070-\u2079*\u2020\u2021](?=,|\s|$)"
)
# Cues of a byline without a comma: a conjunction between names, a superscript or letter mark
_NAME_CUE = re.compile(
    r"\s(?:und|et|y|e|i|и|та|&)\s|[\u00b9\u00b2\u00b3\u2070-\u2079]"
    r"|\s(?:(?<=[^\W\d_]{2}\s)|(?<=[^\W\d_]\.\s))[a-h](?:,[a-h])*(?:,?[*\u2020\u2021\u204e])?(?=,|\s*$)"
)
# Affiliation letters after a name (`Erk b*, Kiefer a,c and Walter c`): one lower-case letter (or
# several with commas) after a word of two or more letters, followed by a comma, a mark, the
# line's end or a conjunction; a conjunction itself (`Kowalski i Nowak`) is followed by a name.
_LETTER_MARKS = re.compile(
    r"\s(?:(?<=[^\W\d_]{2}\s)|(?<=[^\W\d_]\.\s))[a-h](?:,[a-h])*(?:,?[*\u2020\u2021\u204e])?"
    r"(?=,(?:\s|$)|\s*$|\s(?:and|und|et|y|e|i|и|та|&)\s)"
)
# Affiliation numbers copied a space apart from the name, several joined by commas
_SPACED_MARKS = re.compile(r"(?<=[^\W\d_.])\s\d{1,2}(?:[, ]\d{1,2})+[*\u2020\u2021]?(?=,\s|\s*$)")
_COMPOUND_END = re.compile(r"[^\W_]-$")  # (`long-` / `term`, `an 8-` / `year study`)


# Affiliation numbers printed after the comma that ends a name (`Ana Quell,1 Tomas Vendrel,2
# and Ilse Marwick1,2`): the mark belongs to the name before the comma
_COMMA_MARKS = re.compile(
    r"(?<=[^\W\d_]|\.),(\d{1,2}(?:,\d{1,2})*[*\u2020\u2021]?)(?=\s+[^\W\d_]|\s*$)"
)


def unmark(text: str) -> str:
    """Affiliation marks after names (`Erk b,c*`, `Solheim1,2`, `Quastberg¹`, `Quell,1 Tomas`)
    as ` 1`, which the name grammar reads as an affiliation number."""
    if "," in text and len(text) <= 400:
        text = _COMMA_MARKS.sub(" 1,", text)
    if " " in text and len(text) <= 400:  # (a byline's line; abstracts are longer)
        text = _LETTER_MARKS.sub(" 1", text)
        if "," in text and _DIGIT.search(text):
            text = _SPACED_MARKS.sub(" 1", text)  # `C. L. Wilson 2,3, I. Fried 1`
    return _GLUED_MARKS.sub(" 1", text)


def _wrapped_entry(lines: Lines, i: int) -> Unit | None:
    """A reference list entry the page wrapped at its margin, without indentation.

    An entry starts with its list number or its first author's name (`_ENTRY_HEAD`) and goes on
    over the next lines until it is complete: it ends in a full stop or a bracket and has read
    its year and something after it (a volume, pages, a DOI), or the next line starts another
    numbered entry, is blank, chrome, a heading or a label. In an unnumbered list a line that
    starts with a name ends the entry only when the entry holds a year and ends like one
    (wrapped author lists start lines with names too). The joined entry must read as a
    reference with a title; else the lines are left to the line-by-line reading."""
    t = lines.text[i]
    numbered = i in lines.marked
    if not numbered:
        if not t[:1].isalpha():
            return None  # (a cheap exit: an entry starts with a name)
        head = _ENTRY_HEAD.match(t)
        if head is None:
            org, sep, rest = t.partition(", ")
            if not (
                sep and _ENTRY_HEAD.match(rest) and len(org.split()) <= 10 and ORG_WORDS.search(org)
            ):
                return None  # (an entry headed by an organisation: `Nordic Council for X, Li Y.`)
        elif any(
            (w[:1].islower() and w not in PARTICLES) or _ROMAN.match(w)
            for w in head.group(0).split()
        ):
            return None  # (`Choice, similarity, and …`, `Studies III.`: a title, not a name)
        before = lines.text[i - 1] if i else ""
        if before and not (
            _ENTRY_END.search(before) or is_chrome(before) or is_stop_heading(before)
        ):
            return None  # under a title (`Henry T. Oakes Jr.`): a byline, not an entry's head
        above = lines.text[i - 2] if i >= 2 else ""
        if (
            before
            and _ENTRY_END.search(before)
            and not (is_chrome(before) or is_stop_heading(before))
            and not _has_digit(before)
            and not _has_digit(t)
            and (not above or is_chrome(above) or is_stop_heading(above))
        ):
            # A block's first line of words without a number, then a line of words without a
            # number: a listing's title and the byline under it. An entry of a reference list
            # ends in its year, volume, pages or identifier, or runs on from lines above.
            return None
    if _entry_complete(t):
        return None  # one line holds the whole entry: read as it is
    joined = t
    k = i + 1
    while k < len(lines) and k - i < 6 and lines.text[k]:
        nxt = lines.text[k]
        if k in lines.marked or _is_labelled(nxt) or is_chrome(nxt) or is_stop_heading(nxt):
            break
        if is_affiliation(nxt) or is_history_date(nxt):
            break  # (an address or the review history under a byline ends no reference)
        if _heads_a_block(nxt):
            break  # (`期刊论文`, `Аннотация` under a byline: the header goes on, no entry)
        if _MONTH_YEAR_PIECE.match(nxt):
            break  # (`Jan 2013 · J. Phys. 25(27):273201`: a listing's date-and-venue row)
        if not joined.endswith(",") and (_names_only(nxt) or lone_name(nxt)):
            break  # a listing entry: its title, then its byline on the next line
        if (
            not numbered
            and _ENTRY_HEAD.match(nxt)
            and _YEAR_IN.search(joined)
            and (_ENTRY_END.search(joined) or _BRACKET_YEAR.search(nxt[:160]))
        ):
            # (an entry with its year read ends where the next name starts: where the line above
            # ends like an entry, or where the next line opens with names and its own bracketed
            # year, `Greene, R. L. (1991).`, though a note closed the line above)
            break
        if _note_under_entry(joined, nxt):
            break
        joined = _join_wrapped(joined, nxt)
        k += 1
        if _entry_complete(joined):
            break
    if k == i + 1 or len(joined) > 1000 or not _YEAR_IN.search(joined):
        return None  # (a reference prints its year: without one the lines are read one by one)
    cite = parse_citation(joined, i + 1)
    if cite is None or not cite.title or not (cite.authors or cite.venue or cite.booktitle):
        return None
    cite.end = k
    return CitationUnit(i + 1, k, joined, draft=cite)


def _heads_a_block(text: str) -> bool:
    """A line that is only the work's type (`Journal Article`, `Статья в журнале`, `期刊论文`)
    or only the abstract's heading (`Abstract`, `Аннотация`, `摘要`): article pages print them
    between the header and the abstract, and no reference list entry holds one as a line of its
    own. (In English the type line happened to stop an entry, read as a person's name.)"""
    if len(text) > 40 or len(text.split()) > 4:
        return False
    return type_of(text) is not None or label_of(text) is Label.ABSTRACT


def _counts_below(lines: Lines, i: int) -> bool:
    """`Citations` over `7258` (a metrics table copied one cell per line): a counter's label, not
    a heading over a list of other works."""
    nxt = lines.text[i + 1] if i + 1 < len(lines) else ""
    return bool(nxt) and all(w.replace(",", "").isdigit() for w in nxt.split())


_CELL_SPLIT = re.compile(r"\t+|\s{3,}")


def _drop_number_cells(raw: str, text: str) -> str:
    """A list row copied with its columns (`Neuron 71 (4), 589-603, 2011<TAB>799<TAB>2011`): the
    cells after the entry that are bare numbers are the list's columns (a citation count, the
    year), not the entry's pages; they leave the line, the year stays when the entry has none."""
    cells = [c.strip() for c in _CELL_SPLIT.split(raw.strip())]
    if len(cells) < 2 or len(cells[0]) < 15:
        return text
    tail = [c for c in cells[1:] if c]
    if not tail or not all(c.isdigit() and len(c) <= 6 for c in tail):
        return text
    words = text.split(" ")
    head = " ".join(words[: len(words) - len(tail)])
    years = [c for c in tail if _YEAR_IN.fullmatch(c)]
    return head if _YEAR_IN.search(head) or not years else f"{head}, {years[-1]}"


def _has_digit(text: str) -> bool:
    """Whether a line prints a number (a year, a volume, pages, an identifier)."""
    if text.isascii():
        return _ASCII_DIGIT.search(text) is not None  # (the same test, cheaper)
    return any(c.isdigit() for c in text)


_ASCII_DIGIT = re.compile(r"[0-9]")


def _marked_byline(text: str) -> bool:
    """Names with affiliation numbers (`M. W. Howard 1 3, V. Venkatadass 3`, `Morrison3, Conway2,3
    та Chein2,3`, `Heilmann,1 Riechert,1 e Lopes1,2`): a byline whose digits are marks, not a
    citation's year or pages (it is never parsed as one). Glued marks and marks after the comma
    count as spaced ones do, whatever conjunction of the page's language joins the last name."""
    return (
        "," in text  # (`Heilmann,1 Bashouti,1`: the comma's space may follow the mark)
        and len(text) <= 400
        and (
            _SPACED_MARK.search(text) is not None
            or _GLUED_MARKS.search(text) is not None
            or _COMMA_MARKS.search(text) is not None
        )
        and not _YEAR_IN.search(text)
        and _names_only(text)
    )


_SPACED_MARK = re.compile(r"[^\W\d_]\s\d{1,2}(?:[, ]\d{1,2})*(?:,\s|\s*$)")


def _names_only(text: str) -> bool:
    """A line of two or more personal names and nothing else (a byline under a title)."""
    unmarked = unmark(text)
    if ", " not in unmarked or _SENTENCE_END.search(text):
        return False
    names = parse_name_list(unmarked, affiliations=True)
    if names and len(names) >= 2 and all(n.first and n.last for n in names):
        return True
    return _with_corporate(text) is not None  # (`Nordic Council for X, A. Smith`)


_ROMAN = re.compile(r"^(?:II|III|IV|VI|VII|VIII|IX|XI|XII)[.,]?$")
_NUMBER = re.compile(r"(?<![^\W\d_])\d")  # (a volume or pages; not the `1` of `CA1`)
_SENTENCE_END = re.compile(r"[^\W\d_]{3,}\.\s")


def _note_under_entry(joined: str, nxt: str) -> bool:
    """A line of prose under an author-date entry that has read its year and its title and
    ends in a full stop: a note on the entry (`Attention : au-delà de 3 auteurs, la mention et
    al. sera indiquée …`), not the entry's next line. Prose is a sentence of eight words or more,
    most of them lower case, with no number; a wrapped entry goes on with its venue, publisher,
    pages or identifier instead (capitalised names, numbers). Style guides print such notes
    under their example references, annotated lists under their entries (realpages13: a
    French journal's norms; before, the note was glued to the book above it as its title)."""
    if not joined.endswith(".") or not nxt.endswith((".", ";")) or _YEAR_IN.search(nxt):
        return False
    if len(_NUMBERS.findall(nxt)) > 1 or _NUMBER_END.search(nxt):
        return False  # (volume and pages, or `Journal, 3.`: a wrapped venue)
    year = _BRACKET_YEAR.search(joined)
    if year is None or not _SENTENCE_AFTER.search(joined, year.end()):
        return False
    words = nxt.split()
    lower = sum(1 for w in words if w[:1].islower())
    return len(words) >= 8 and lower * 5 >= len(words) * 3


# the end of the title sentence after an author-date year: `(1992). Title. ` (a full stop, then more)
_NUMBERS = re.compile(r"\d+")
_NUMBER_END = re.compile(r"\d[.;]$")
_SENTENCE_AFTER = re.compile(r"[^\W\d_]{3}[.?!]\s+\S")


def _entry_complete(text: str) -> bool:
    """An entry that ends like one and has printed something after its year (a volume, pages,
    a DOI): `… Behavior. 1984;16:627-641.`, `… 12(3), 45–67.`; a year alone at the end (`Cortex.
    2012.`), a title after an author-date year (`Smith, J. (2001). Title.`) or a digit inside a
    title's word (`in CA1 in vitro.`) may go on."""
    if not _ENTRY_END.search(text):
        return False
    year = _YEAR_IN.search(text)
    return year is not None and bool(_NUMBER.search(text, year.end()))


def _join_wrapped(first: str, second: str) -> str:
    if first.endswith("\u00ad"):
        return first[:-1] + second  # a soft hyphen at the line end
    if first.endswith("-") and _COMPOUND_END.search(first):
        return first + second  # a browser breaks lines after the hyphen of a compound
    return f"{first} {second}"


# Fields a definition list prints as a label cell over a value cell (bare headings such as
# `Abstract` or `Authors` have their own reading: a heading over a block).
_OVER_VALUE = frozenset(
    {Label.TITLE, Label.AUTHOR, Label.VENUE, Label.PUBLISHER, Label.DATE, Label.VOLUME,
     Label.ISSUE, Label.PAGES, Label.DOI, Label.TYPE}
)  # fmt: skip


def _label_over_value(lines: Lines, i: int) -> FieldUnit | None:
    """`Journal` alone on its line, then (after at most one blank line) `2019, Journal of X, № 3`:
    a definition list copied cell by cell. The value must fit its label (a year under `Year`, a
    number under `Volume`) and be no label, heading or control itself."""
    canon = label_of(t.rstrip(":：")) if (t := lines.text[i]) else None
    if canon not in _OVER_VALUE or t.lower() in BARE_HEADINGS:
        return None
    j = i + 1
    if j < len(lines) and not lines.text[j]:
        j += 1
    if j >= len(lines):
        return None
    value = lines.text[j]
    if (
        not value
        or len(value) > 300
        or _is_labelled(value)
        or label_of(value.rstrip(":：")) is not None
        or (is_chrome(value) and not value.isdigit())  # (numbers alone are chrome: `2019`)
        or is_stop_heading(value)
        or not fits_label(canon, value)
    ):
        return None
    return FieldUnit(i + 1, j + 1, value, label=canon)


def _special(lines: Lines, k: int) -> bool:
    t = lines.text[k]
    return (
        not t
        or _is_labelled(t)
        or is_stop_heading(t)
        or RUN_SEP in t
        or "|" in t
        or t.endswith(RUN_ENDS)
        or t.lower() in BARE_HEADINGS
        or bool(SUBMITTED.match(t))
        or bool(_MONTH_YEAR_PIECE.match(t))  # (`Aug 2019 · arXiv`: a date and venue line)
        # a field label alone on its line (`Autores`, `Idioma`): a copied definition list's
        # next row, never a wrapped title's end
        or (len(t) <= 40 and label_of(t) is not None)
        or lines.run_on(k) is not None  # (a title run into its byline: a header of its own)
    )


# `Serres (2012), nous habitons …`, `(Schön Donald, 1994), la pratique …`: a year in brackets
# followed by a comma and a word in lower case is an author-date citation inside running text
# (in a reference the bracketed year is followed by a full stop, or by the title, capitalised
# or quoted, in every style); the sentence around it is no reference
_IN_TEXT_CITE = re.compile(
    r"\((?:[^()]{0,80}[\s,])?(?:1[5-9]|20)\d\d[a-z]?\),\s+[a-zà-öø-ÿ]{2,}\s+[a-zà-öø-ÿ]"
)

# A "venue" that opens with a lower-case determiner (`the same journal`, `this volume`, `our
# earlier paper`): a sentence's words, as an annotation under an entry writes them (`See also the
# reply by Tanaka (2006) in the same journal, vol. 6.`); a journal's or a book's name is
# capitalised in every style. Without authors, such a reading is a note, not a reference.
_PROSE_VENUE = re.compile(r"^(?:the|this|that|these|those|our|its|their|his|her|an?|same)(?:\s|$)")
# A "venue" that points back at one named before (`the same journal`, `this volume`): prose,
# whatever was read as its authors (a journal's name may open with `The`, not with these)
_BACK_REFERENCE = re.compile(
    r"^(?:(?:the|this|that)\s+same|this|these|those|its|their|same)(?:\s|$)"
)


def _sentence_reading(cite: Draft) -> bool:
    """A sentence read as a reference: no author but a "venue" that opens with a determiner
    (`… in the same journal, vol. 6`), or one "corporate author" holding lower-case words no
    name holds (`Compare the earlier account by Lindqvist (2009), which …`: an annotation's
    in-text citation, read in the author-date shape); also one of several such "authors"
    (`A careful account; see the later reply by Brenvik (2031), …`: clauses apart by a
    semicolon read as a list of organisations)."""
    if not cite.authors:
        return bool(_PROSE_VENUE.match(cite.venue or cite.booktitle))
    if _BACK_REFERENCE.match(cite.venue or cite.booktitle):
        return True  # (`… the reply by Van Essen (1984) in the same journal`: a name read)
    return any(a.last.startswith("{") and lower_word(a.last[1:-1]) for a in cite.authors)


def _runs_on(line: str) -> bool:
    """A line that opens with a lower-case word that is no name particle (`prefrontal and
    posterior cortices. Science, 315, 1860–1862.`) runs on from the line above: a reference
    starts with its authors, its title or its number, capitalised (`van der Berg`, `de Souza`
    aside), even when the rest of the line reads like one."""
    word = line.split(maxsplit=1)[0] if line else ""
    return word[:1].islower() and word not in PARTICLES


_WRAPPABLE = (UnitKind.TITLE, UnitKind.OTHER, UnitKind.PARA)
_YEAR_END = re.compile(r"\s(?:1[89]|20)\d\d$")


def _wrapped(lines: Lines, i: int) -> tuple[Unit, int]:
    """A plain line, or a title/paragraph/author list that the page wrapped over several lines."""
    unit, nxt = _plain_unit(lines, i)
    if isinstance(unit, AuthorsUnit):
        return _wrapped_authors(lines, unit, nxt)
    if unit.kind in (UnitKind.TITLE, UnitKind.OTHER) and unit.text.endswith(","):
        head = _author_head(lines, unit, nxt)
        if head is not None:
            return _wrapped_authors(lines, head, nxt + 1)
    if unit.kind not in _WRAPPABLE or unit.hint:
        return unit, nxt
    parts = [unit]
    k = nxt
    while k < len(lines) and not _special(lines, k) and len(parts) < 40:
        if _ID_END.search(parts[-1].text):
            break  # (`Journal. 2011. PMID: 20478201`: an identifier ends a listed entry)
        more, k2 = _plain_unit(lines, k)
        if (
            isinstance(more, AuthorsUnit)
            and parts[-1].kind is UnitKind.TITLE
            and not more.text.endswith(",")
            and k2 < len(lines)
            and (_plain_unit(lines, k2)[0].kind is UnitKind.AUTHORS or _single_byline(lines, k2))
        ):
            # a title line, a line that reads as names, then the byline: a record prints one
            # byline, so the first "names" are the title's wrapped end (`Using Raman and X`)
            parts.append(Unit(more.start, more.end, more.text, kind=UnitKind.TITLE))
            k = k2
            continue
        lower_venue = more.kind in (UnitKind.VENUE, UnitKind.TYPE) and more.text[:1].islower()
        if (more.kind not in _WRAPPABLE or more.hint) and not lower_venue:
            break  # (a line that starts in lower case goes on the line above, even with a date)
        if _single_byline(lines, k):
            break  # one person's name over a venue: a single author's byline, not running text
        parts.append(more)
        k = k2
    if len(parts) == 1:
        return unit, nxt
    joined = parts[0].text
    for p in parts[1:]:
        joined = _join_wrapped(joined, p.text)
    if is_paragraph(joined) and all(len(p.text) >= 30 for p in parts[:-1]):
        return Unit(unit.start, parts[-1].end, joined, kind=UnitKind.PARA), k
    first, second = parts[0].text, parts[1].text
    # a line that reads as one person's name (`Beam Excitation`) ends a wrapped title when an
    # author list follows it: a record prints one byline
    authors_next = k < len(lines) and (
        _plain_unit(lines, k)[0].kind is UnitKind.AUTHORS or _single_byline(lines, k)
    )
    if (
        parts[0].kind is UnitKind.TITLE
        and is_title_like(_join_wrapped(first, second))
        and not first.endswith((".", "?", "!"))
        and (parts[1].kind is UnitKind.TITLE or second[:1].islower())
        and (lone_name(second) is None or (authors_next and len(parts) == 2))
        and len(first) >= 30
        and len(first) + len(second) <= 300
        and (
            # the first line cannot end there, or it is a long line the page broke
            second[:1].islower()
            or _OPEN_END.search(first)
            or (len(first) >= 60 and len(second) < len(first))
        )
    ):
        title, end = _join_wrapped(first, second), parts[1].end
        for more in parts[2:3]:
            # a third line that starts in lower case goes on the title too
            if not more.text[:1].islower() or len(title) + len(more.text) > 300:
                break
            title, end = _join_wrapped(title, more.text), more.end
        return Unit(unit.start, end, title, kind=UnitKind.TITLE), end
    texts = [p.text for p in parts]  # (`joined` above is their wrapped text)
    if (
        len(parts) in (2, 3)
        and parts[0].kind in (UnitKind.TITLE, UnitKind.OTHER)
        and all(p.kind in (UnitKind.TITLE, UnitKind.OTHER) for p in parts)
        and not any(t.endswith((".", "?", "!")) for t in texts[:-1])
        and len(first) >= 40  # a line the page broke runs near its width; headings are short
        # (a line ending in a year over a capitalised line is a dated line above the title, a
        # journal's running head `Journal of X 2012`, not the title's first half)
        and not (_YEAR_END.search(first) and not second[:1].islower())
        and (authors_next or all(lone_name(t) is None for t in texts[1:]))
        and len(joined) <= 300
        and is_title_like(joined)
        and k < len(lines)
        and (
            _plain_unit(lines, k)[0].kind in (UnitKind.AUTHORS, UnitKind.VENUE)
            or _single_byline(lines, k)
        )
    ):
        # title lines right above a record's authors or venue: one title the page wrapped
        # (a title printed alone is lost when the next line replaces it as the record's title)
        return Unit(unit.start, parts[-1].end, joined, kind=UnitKind.TITLE), parts[-1].end
    return unit, nxt


def _single_byline(lines: Lines, k: int) -> bool:
    """Line k is one person's name directly above a venue statement: a one-author byline
    (memoised per line: the wrap look-ahead asks for a line more than once)."""
    if k not in lines.bylines:
        lines.bylines[k] = (
            len(lines.text[k]) <= 80
            and lone_name(lines.text[k]) is not None
            and k + 1 < len(lines)
            and (
                _plain_unit(lines, k + 1)[0].kind in (UnitKind.VENUE, UnitKind.RUN)
                or _venue_without_year(lines.text[k + 1]) is not None
            )
        )
    return lines.bylines[k]


def _author_head(lines: Lines, unit: Unit, nxt: int) -> AuthorsUnit | None:
    """A line ending in a comma that is the start of an author list the page wrapped: alone it
    is no list (one organisation, `Nordic Council for X,`), with the next line it is."""
    if nxt >= len(lines) or _special(lines, nxt) or len(unit.text) > 200:
        return None
    nxt_text = lines.text[nxt]
    if not nxt_text or len(nxt_text) > 300:
        return None
    text = f"{unit.text} {nxt_text}"
    names = parse_name_list(text, affiliations=True) or _with_corporate(text)
    if not names or not all((n.first and n.last) or n.last.startswith("{") for n in names):
        return None
    return AuthorsUnit(unit.start, nxt + 1, text, names=names)


def _wrapped_authors(lines: Lines, unit: AuthorsUnit, nxt: int) -> tuple[Unit, int]:
    """An author list that ends with a comma goes on on the next line (`A, B,` / `C, D`)."""
    text, names, k = unit.text, list(unit.names), nxt
    while text.endswith(",") and k < len(lines) and not _special(lines, k):
        more = parse_name_list(unmark(lines.text[k]), affiliations=True)
        if not more or not all(n.first and n.last for n in more) or len(lines.text[k]) > 300:
            break
        text = f"{text} {lines.text[k]}"
        names.extend(more)
        k += 1
    if k == nxt:
        return unit, nxt
    return AuthorsUnit(unit.start, k, text, names=names), k


# A web article's posting statement (`Mis en ligne le 4 mai 2031, par Name`, `Article mis en
# ligne le 4 mai 2031` / `par Name`, `Posted on 4 May 2031 by Name`): words of the lexicon's
# `posting_dates`, a date with its year, then `posting_by` and the poster's name
_POSTING_WORDS = sorted(lexicon_words("posting_dates"), key=len, reverse=True)
_POSTING_FIRST = {w[:3] for w in _POSTING_WORDS}
_BY_WORDS = "|".join(
    re.escape(w) for w in sorted(lexicon_words("posting_by"), key=len, reverse=True)
)
_POSTING = re.compile(
    r"(?i)^(?:" + "|".join(re.escape(w) for w in _POSTING_WORDS) + r")\s+"
    r"(\S.{0,40}?\b(?:1[5-9]|20)\d\d)\b(?:\s*[,\-–—]?\s*(?:" + _BY_WORDS + r")\s+(\S.*))?$"
)
_POSTED_BY = re.compile(r"(?i)^(?:" + _BY_WORDS + r")\s+(\S.*)$")
_POSTING_YEAR = re.compile(r"\b(?:1[5-9]|20)\d\d\b")


def _posting_statement(lines: Lines, i: int, units: list[Unit]) -> tuple[str, str, int] | None:
    """Line i as a posting statement under its article's title: (names, date, next line), or
    None. Content-management systems print, under an article's title, when it was put online
    and by whom (`Mis en ligne le …, par …`), on one line or with the name on a line of its
    own below (a modification date may stand between): the article's date and author. Read
    only where the poster is a person (given name and surname) and the title line stands
    alone above (page controls between allowed, a blank line or the page's top above it): a
    title with a subtitle line under it is left unread rather than the subtitle taken."""
    m = _POSTING.match(lines.text[i])
    if m is None:
        return None
    date, who, j = m.group(1), m.group(2), i + 1
    if who is None:
        k = i + 1
        while k < len(lines) and k <= i + 4:
            t = lines.text[k]
            b = _POSTED_BY.match(t) if t else None
            if b is not None:
                who, j = b.group(1), k + 1
                break
            if t and not _POSTING_YEAR.search(t):
                return None  # (only a second date, `dernière modification le …`, between)
            k += 1
    if who is None:
        return None
    names = parse_name_list(who.strip(" ."))
    if not names or not all(n.first and n.last for n in names):
        return None
    k = len(units) - 1
    while k >= 0 and units[k].kind is UnitKind.CHROME:
        k -= 1
    title = units[k] if k >= 0 else None
    if title is None or title.kind is not UnitKind.TITLE or title.start != title.end:
        return None
    if k > 0 and units[k - 1].kind not in (UnitKind.BLANK, UnitKind.CHROME):
        return None
    del units[k + 1 :]  # (the page controls between: the title waits for the statement)
    return who.strip(" ."), date, j
