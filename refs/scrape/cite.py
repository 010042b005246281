"""One-line references as reference lists, cite boxes and listings print them.

Covers the common shapes without naming styles: authors then `(year)` (APA,
Harvard), authors then a sentence or a quoted title (MLA, Chicago, Vancouver),
title then authors (BibSonomy), and the search-result byline
`A Smith, B Li - Journal, 2016 - host.org`. The title ends at the first sentence
end after the authors; everything after it is a venue tail for `parse_venue`.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from ..grammar.dates import MONTH_NAMES, MONTH_WORDS
from ..names import Name
from .fields import find_doi, parse_venue, remove_ids, years_in
from .lexicon import field_labels, month_numbers
from .names import PARTICLES, parse_name_list
from .record import Draft, described_type, guess_book
from .refstring import ParsedReference, model_available, parse_reference, to_fields

_NUMBERING = re.compile(r"^\s*(?:\[\d{1,4}\]|\d{1,4}[.)]|\(\d{1,4}\))\s+")
_APA_YEAR = re.compile(
    r"\s*\(((?:1[89]|20)\d\d)[a-z]?(?:,\s*[^()]{1,30})?\)\.?\s*|\s*\((n\.\s?d\.|in press|o\.\s?J\.)\)\.?\s*",
    re.IGNORECASE,
)
_THESIS_BRACKET = re.compile(
    r"\s*\[((?:Doctoral|Master'?s|PhD|Ph\.D\.|Bachelor'?s)\s+(?:dissertation|thesis)|Dissertation|"
    r"Thesis)(?:[,;]\s*([^\]]{1,200}))?\]",
    re.IGNORECASE,
)
_THESIS_WORDS = re.compile(
    r"(?i)(?:^|[,.]\s*)((?:PhD|Ph\.D\.|Doctoral|Master'?s|Diploma)\s+(?:Thesis|Dissertation)|"
    r"Dissertation|Дисертація|Диссертация)\s*,\s*([^,.()]{3,150})"
)
_REPORT_PAREN = re.compile(
    r"\s*\(([^()]{0,80}?)\b(?:Technical\s+Report|Tech\.\s*Rep\.|Report|Working\s+Paper)\s+"
    r"(?:No\.?\s*|Nr\.?\s*)?([\w\-./]{1,30})\)",
    re.IGNORECASE,
)
_REPORT_WORDS = re.compile(
    r"(?i)(?:^|[,.]\s*)(?:Technical\s+Report|Tech\.\s*Rep\.|Research\s+Report)\s*,?\s*"
    r"(?:No\.?\s*)?([A-Z0-9][\w\-./]{0,30})?"
)
_NO_YEAR = re.compile(r"\((?:n\.\s?d\.|in press|o\.\s?J\.|b\.\s?r\.)\)", re.IGNORECASE)
_UNPUBLISHED = re.compile(
    r"(?i)^(?:unpublished(?: manuscript| work| data)?|manuscript|preprint|working paper|"
    r"manuscript (?:submitted|in preparation)[^.]*|in preparation)\.?$"
)
_MEDIUM = re.compile(
    r"\s*\[(?:Data set|Dataset|Video|Audio|Computer software|Software|Film|Podcast|"
    r"Blog post|Infographic|Map|Tweet|Webinar)[^\]]{0,60}\]",
    re.IGNORECASE,
)
# Volume/issue/page statements (not just any number, "version 2" is part of a title).
_VENUE_MARK = re.compile(
    r"(?i)\b(?:vol\.?|volume|pp?\.|pages?|no\.|issue|№)\s*\d|\d\s*\(\d+\)|\d\s*(?:-{1,2}|–)\s*\d"
)
_EDITION = re.compile(r"\s*\((\d{1,2})(?:st|nd|rd|th)\.?\s+(?:ed\.|edition)\)", re.IGNORECASE)
_IN_BOOK = re.compile(
    r"^[Ii]n:?\s+(?:(?P<eds>[^()]{2,300}?)\s*\((?:Eds?|eds?|Hrsg|Hg|Ed|Ред|ред|Dir|dir)\.?s?\.?\),?\s*)?"
    r"(?P<book>[^()]{3,300}?)(?=\s*\((?:pp?|S|с|С)\.|,\s*(?:edited|ed\.|eds\.|hg\.|hrsg\.)\s|,\s*\d{1,6}\s*[-–]\s*\d|,\s*(?:pp?\.|pages?|S\.|vol\.?|Vol\.?)\s*\d"
    r"|,\s*(?:1[89]|20)\d\d\b|(?<=[^\W\d_]{5})\.\s|\.?$)"
)
_QUOTED = re.compile(
    r"^[\"“”„]([^\"“”]{3,600})[\"“”]|^['‘]((?:[^'’]|['’](?=\w)){3,600})['’]|^«\s*([^»]{3,600}?)\s*»"
)
# A sentence end: . ? ! not right after a single letter (an initial) and followed by space/end.
_SENTENCE_END = re.compile(r"(?<![\s.][^\W\d_])(?<!^[^\W\d_])([.?!])(?=\s|$)")
_SPLIT_CANDIDATE = re.compile(r"[.?!](?=\s)|(?=\s*[\"“„«])")


def _strip_title(title: str) -> str:
    title = title.strip().strip(",").strip()
    title = re.sub(r"^\[[A-Z]+\](?:\[[A-Z]\])?\s*", "", title)
    if title.endswith(".") and not title.endswith(".."):
        title = title[:-1]
    return title.strip()


def _author_prefix(text: str) -> tuple[list[Name], str] | None:
    """The leading author list, ending at a sentence end or before a quoted title.

    A '. ' right after an initial ("L. M.", "and H.") may be inside the list, so
    the list may run on past it; after a full word it must end there.
    """
    best: tuple[list[Name], str] | None = None
    tried = 0
    for m in _SPLIT_CANDIDATE.finditer(text):
        if m.start() < 2:
            continue
        head = text[: m.end()].strip()
        if len(head) > 800:
            break  # longer than any author list before its first full stop
        tried += 1
        names = parse_name_list(head)
        weak = bool(re.search(r"(?:^|[\s.\-])[^\W\d_]\.$", head))
        if names:
            best = (names, text[m.end() :].lstrip(" ."))
            if not weak:
                return best
        elif tried > 12:
            break
    return best


def _initials_in(names: list[Name]) -> bool:
    return any(re.search(r"(?:^|\s)[^\W\d_]\.", n.first) for n in names)


def _title_not_author(found: tuple[list[Name], str]) -> bool:
    """`Reconstructing Lost Alphabets. Q. Mbeki-Larsson. ...`: a Title Case title first.

    One 'name' of two or more words without initials, followed by a real
    author list (initials or several names), is the title.
    """
    names, rest = found
    if len(names) != 1 or _initials_in(names):
        return False
    n = names[0]
    if len(f"{n.first} {n.von} {n.last}".split()) < 2:
        return False
    after = _author_prefix(rest)
    return bool(after and (len(after[0]) > 1 or _initials_in(after[0])))


def _title_and_tail(rest: str) -> tuple[str, str]:
    rest = rest.lstrip(" .,:")
    m = _QUOTED.match(rest)
    if m:
        title = m.group(1) or m.group(2) or m.group(3) or ""
        return _strip_title(title), rest[m.end() :]
    m = _SENTENCE_END.search(rest)
    if not m:
        return rest.strip(), ""
    end = m.end() if m.group(1) in "?!" else m.start()
    return rest[:end].strip(), rest[m.end() :]


def _apply_tail(draft: Draft, tail: str) -> None:
    tail = tail.strip(" .,;")
    # "…, edited by Eero Saarinen and Tove Lind, 77–96.": editors are never authors or venue
    tail = re.sub(r"(?i),?\s*\b(?:edited|herausgegeben)\s+(?:by|von)\s+[^,.]{2,200}", "", tail)
    if _UNPUBLISHED.match(tail):
        draft.type_hint = draft.type_hint or "misc"
        return
    m = _IN_BOOK.match(tail)
    if m:
        draft.booktitle = m.group("book").strip(" ,.")
        tail = tail[m.end() :]
        info = parse_venue(tail)
        draft.volume = draft.volume or info.volume
        draft.pages = draft.pages or info.pages
        draft.year = draft.year or info.year
        draft.publisher = info.venue.strip(" .,;")
        return
    info = parse_venue(tail)
    if draft.type_hint in ("phdthesis", "mastersthesis") and draft.venue:
        draft.year = draft.year or info.year
        return
    if not info.has_numbers and info.venue and guess_book(info.venue) and not draft.venue:
        draft.type_hint = draft.type_hint or "book"
        # "Nowhere City : Fabulist Press": the place is not part of the publisher
        info.venue = re.sub(r"^[^:]{2,40}\s?:\s", "", info.venue)
    if draft.type_hint == "techreport" and draft.venue:
        draft.year = draft.year or info.year
        return
    draft.add_venue(info)


def _rule_citation(line: str, lineno: int) -> Draft | None:
    """The rules' reading: a Draft when the line has one of the shapes they know."""
    text = _NUMBERING.sub("", line).strip()
    if len(text) < 25 or len(text) > 3000:
        return None
    if not years_in(text) and not _NO_YEAR.search(text):
        return None
    draft = Draft(lineno, lineno)
    draft.doi = find_doi(text) or ""
    text = remove_ids(text)
    text = re.sub(r"\s+", " ", text).strip()
    m = _THESIS_BRACKET.search(text)
    if m:
        kind = m.group(1).lower()
        draft.type_hint = "mastersthesis" if "master" in kind else "phdthesis"
        draft.venue = (m.group(2) or "").strip()
        text = text[: m.start()] + text[m.end() :]
    m = _REPORT_PAREN.search(text)
    if m:
        draft.type_hint = "techreport"
        draft.number = m.group(2)
        text = text[: m.start()] + text[m.end() :]
    text = _EDITION.sub("", text)
    text = re.sub(
        r"(?<=[.,]) \d{1,2}(?:st|nd|rd|th) (?:ed|edn)\.(?= )", "", text
    )  # Chicago "2nd ed."
    m = _MEDIUM.search(text)
    if m:  # "[Data set]", "[Video]": a description of the medium, not part of the title
        draft.type_hint = draft.type_hint or "misc"
        text = text[: m.start()] + text[m.end() :]

    title = ""
    m = _APA_YEAR.search(text)
    head = text[: m.start()] if m else ""
    names = None
    if m and m.start() > 1 and len(text) - m.end() > 10:
        names = parse_name_list(head, corporate=True)
    if names and m:
        draft.authors = names
        if m.group(1):
            draft.year = int(m.group(1))
        title, tail = _title_and_tail(text[m.end() :])
    else:
        found = _author_prefix(text)
        if found and _title_not_author(found):
            found = None
        if found:
            draft.authors, rest = found
            m = re.match(r"^((?:1[89]|20)\d\d)[a-z]?\.\s+", rest)
            if m:  # author-date styles: "Abernathy, L. M., and O. Chukwu. 2019a. Title."
                draft.year = int(m.group(1))
                rest = rest[m.end() :]
            if re.match(r"In:?\s", rest):
                tail = rest
            else:
                title, tail = _title_and_tail(rest)
        else:
            # Title first, then the authors as the next sentence (BibSonomy).
            first, rest = _title_and_tail(text)
            found = _author_prefix(rest) if rest else None
            if not found:
                return None
            title = first
            draft.authors, tail = found
    # A "title" that is really the venue statement of a title-less record.
    if (
        title
        and _VENUE_MARK.search(title)
        and parse_venue(title).has_numbers
        and not tail.strip(" .")
    ):
        title, tail = "", title
    elif title and _VENUE_MARK.search(title) and parse_venue(title).has_numbers:
        info = parse_venue(title)
        if info.venue and info.venue != title:
            title, tail = "", f"{title}. {tail}"
    m = _THESIS_WORDS.search(tail)
    if m and not draft.type_hint:
        draft.type_hint = (
            "phdthesis" if not m.group(1).lower().startswith("master") else "mastersthesis"
        )
        draft.venue = m.group(2).strip()
    m = _REPORT_WORDS.search(tail)
    if m and not draft.type_hint:
        draft.type_hint = "techreport"
        if m.group(1):
            draft.number = m.group(1).rstrip(".")
        after = tail[m.end() :].strip(" .,")
        info = parse_venue(after)
        draft.venue = info.venue
        draft.year = draft.year or info.year
        draft.month = info.month
    draft.title = _strip_title(title)
    if re.search(r"\bvolume\s+\d+\s+of\s", tail) and not draft.type_hint:
        # "volume 12 of <Series>": a volume in a book series, i.e. proceedings or a collection
        draft.type_hint = "inproceedings"
    _apply_tail(draft, tail)
    if not draft.year:
        ys = years_in(tail)
        draft.year = ys[-1] if ys else None
    if not draft.authors or not (draft.title or draft.venue or draft.booktitle):
        return None
    if not (draft.year or draft.has_venue_info or _NO_YEAR.search(line)):
        return None
    if draft.title and len(re.findall(r"[^\W\d_]{2,}", draft.title)) < 2:
        return None  # "2019 Dec;12(2):115-22" is a venue statement, not a title
    return draft


def parse_citation(line: str, lineno: int) -> Draft | None:
    """A Draft when the line is a complete reference (see `_parse_citation`), at line `lineno`.

    (A fresh copy of a remembered reading: a page's citation line is read as a line, as a
    look-ahead's and as the record's "How to cite" field, and as part of a wrapped entry;
    callers fill the copy they get.)"""
    found = _citation(line)
    if found is None:
        return None
    draft = found.copy()
    draft.start = draft.end = lineno
    return draft


@lru_cache(maxsize=4096)
def _citation(line: str) -> Draft | None:
    return _parse_citation(line, 0)


def _parse_citation(line: str, lineno: int) -> Draft | None:
    """A Draft when the line is a complete reference (authors, year or numbers, title or venue).

    The rules read the shapes they know; the trained parser (refstring.py) reads
    any line that looks like a reference and decides where the two differ
    (`_decide`): when the rules find nothing, or when their reading disagrees with
    the model's. What the rules are sure of (the DOI, a thesis or report statement,
    an edition or medium they removed) stays.
    """
    if "*" in line or "\u2020" in line or "\u2021" in line:
        line = _NAME_MARKS.sub("", line)
    # markup (`<italic>…</italic>`) is left to the model, which was trained with it and
    # reads it as the field boundary it is; the rules read the text without it
    rules = _rule_citation(_MARKUP.sub("", line), lineno)
    text = _NUMBERING.sub("", _MARKUP.sub("", line)).strip()
    if not _worth_a_model(text):
        return rules or _unpunctuated_reference(line.strip(), text, lineno)
    # the model reads the line as printed, its number included: it was trained on strings
    # with their numbers (labelled citation-number), and reads the tokens after one better
    # with it than without it
    printed = english_dates(line.strip())
    model = _model_draft(printed, lineno)
    if model is None:
        # a line the rules and the model's gates both refused may still be clearly a
        # reference: the fallback keeps what the model read of it (never a reading taken before)
        if rules is not None:
            return _imprint_typed(rules, line.strip())
        return _partial_reference(line.strip(), lineno)
    if rules is None:
        return model
    if printed != line.strip() and rules.title and not _title_outside_date(model, line):
        # a date in another language that the model still misread (its title empty, or words
        # of the date): the rules read the bracket as the date it is
        rules.month = rules.month or model.month
        return _imprint_typed(rules, line.strip())
    chosen = _decide(rules, model, text)
    return _imprint_typed(chosen, line.strip()) if chosen is rules else chosen


_IMPRINT_LABELS = ("location", "publisher")


def _imprint_typed(rules: Draft, printed: str) -> Draft:
    """The rules' reading, its untyped venue typed a book's imprint when the model read that
    venue as a place or a publisher (`Title. Paris : Éditions du Goéland, 1993.`, `Title.
    Tarnfield: Gullwing Press, 1968`): the rules take what follows a title for a venue and
    cannot tell a journal from an imprint; the model, trained on both, can (the issue's
    "where rules are not sure, the model decides"). A venue with a volume or an issue stays
    a journal's (`Title. Journal, 12(3), 45-67`). The model's reading decides here even when
    its gates refused the rest of it: only the labels of the venue's own words are used."""
    venue = rules.venue
    if rules.type_hint or not venue or rules.volume or rules.number or rules.booktitle:
        return rules
    parsed = _model_parse(printed)
    tokens = printed.split()
    if parsed is None or len(parsed.labels) != len(tokens):
        return rules
    words = venue.split()
    n = len(words)
    for k in range(len(tokens) - n + 1):
        span = [t.strip(".,;:()[]") for t in tokens[k : k + n]]
        if span == [w.strip(".,;:()[]") for w in words]:
            labels = parsed.labels[k : k + n]
            if all(lb in _IMPRINT_LABELS for lb in labels):
                rules.type_hint = "book"
            break
    return rules


# An author-date bracket with the day and month after the year: `(2004, 30 de abril)`,
# `(2000, junio)`, `(2019, 12 mars)`, `(2021, 3. März)`, `(2020, 5 мая)`.
_DATED_YEAR = re.compile(r"\((?P<year>(?:1[89]|20)\d\d[a-z]?),\s*(?P<date>[^()]{2,30})\)")
# words a date may hold around its day and month name (`30 de abril`, `le 3 mai`, `del`)
_DATE_GLUE = {"de", "del", "di", "do", "da", "le", "el", "of", "the"}
_ENGLISH_MONTHS = list(MONTH_NAMES.values())


def english_dates(line: str) -> str:
    """The line with the date of its author-date bracket in English: `(2004, 30 de abril)`
    -> `(2004, April 30)`, `(2000, junio)` -> `(2000, June)`.

    APA and the styles built on it print the date after the year in the page's language
    (Spanish, French, German, Russian … journals and style guides do), and the model was
    trained on references whose dates are English (anystyle's data): it read `30 de abril`
    as the title and the title as the venue. The rules read such a line right; the model,
    which decides where the two differ, now sees the same date as it was trained on. Only
    a bracket made of a year, a day, a month name of the lexicon's languages (`months` in
    labels.json) and the small words between them is rewritten; an English date, or any
    other bracket, is left as printed."""
    m = _DATED_YEAR.search(line)
    if m is None:
        return line
    day = month = ""
    for token in re.findall(r"[^\W\d_]+|\d+", m.group("date").lower()):
        if token.isdigit() and len(token) <= 2 and not day:
            day = token
        elif token in _DATE_GLUE:
            continue
        elif token in month_numbers() and not month:
            month = token
        else:
            return line
    if not month or month in MONTH_WORDS:
        return line
    english = _ENGLISH_MONTHS[month_numbers()[month] - 1]
    date = f"{english} {day}" if day else english
    return f"{line[: m.start()]}({m.group('year')}, {date}){line[m.end() :]}"


def _title_outside_date(model: Draft, line: str) -> bool:
    """The model read a title that is not part of the author-date bracket's date."""
    m = _DATED_YEAR.search(line)
    title = model.title.strip(" .,").lower()
    return bool(title) and not (m and title in m.group("date").lower())


# markup copied with a string (`<italic>Genus species</italic>`, JATS and HTML exports) is no
# part of any value; the model's conversion drops it too (refstring._MARKUP)
_MARKUP = re.compile(r"</?(?:italic|i|b|em|strong|cite|sup|sub|bold|span)\b[^<>]{0,40}>")
# A mark glued to a name (`Roy*, J. E.`, `Smith JA†,`): CVs and publication lists flag the
# corresponding author, a student or equal contribution so; it is no part of the name.
_NAME_MARKS = re.compile(r"(?<=[^\W\d_.])[*\u2020\u2021]+(?=[,;.\s]|$)")

_MODEL_MIN_CHARS = 25
_MODEL_MAX_CHARS = 1000  # longer lines are paragraphs, not one reference


def _worth_a_model(text: str) -> bool:
    """A line the model may read: reference-sized, with some punctuation (`_is_reference`
    then decides on the model's reading, more strictly when the line has no year)."""
    return _MODEL_MIN_CHARS <= len(text) <= _MODEL_MAX_CHARS and (
        len(re.findall(r"[.,:;()\"“”„«»]", text)) >= 3
    )


def _unpunctuated_reference(printed: str, text: str, lineno: int) -> Draft | None:
    """`Barry Wilkinson Digital System Design Prentice Hall 1987`: catalogue exports and lists
    copied out of tables print the fields apart by spaces alone, so the line has too few
    punctuation marks for `_worth_a_model` and never reached the model. Such a line,
    reference-sized with a year in it, is read by the model, and kept only when the reading is
    the whole of a clear reference: authors, a title, a year and a venue or publisher (page
    lines without punctuation are mostly furniture, which lacks one of them; a place alone
    does not do: dev fold 1: 2 more records, no page record changed)."""
    if not (_MODEL_MIN_CHARS <= len(text) <= _MODEL_MAX_CHARS) or not years_in(text):
        return None
    model = _model_draft(printed, lineno)
    if model is None or not (model.authors and model.title and model.year):
        return None
    return model if (model.venue or model.booktitle or model.publisher) else None


def _key(d: Draft) -> tuple[str, str, int | None, str]:
    return (d.title, d.authors[0].last if d.authors else "", d.year, d.venue or d.booktitle)


# an edited book printed title first ("Trade in the Ancient Economy, ed. P. Garnsey"; Polish and
# Russian `red.`/`ред.`, French `dir.`): the names after the title are its editors, not authors
# the model missed
_EDITED = re.compile(
    r"(?i)(?:^|[\s(,])(?:eds?\.|édité par|edited by|editors?\b|hrsg\.|hg\.|red\.|ред\.|dir\.)"
)
_OPEN_QUOTES = " \"“„«‘'"


def _decide(rules: Draft, model: Draft, text: str) -> Draft:
    """The model's reading where it differs from the rules', keeping what the rules are sure of.

    On strings the model was not trained on, the model's reading is right more often than
    the rules' wherever the two differ, however unsure the model is (bench/train_refstrings.py,
    a model trained on four fifths of the training part and scored on the rest). The rules
    stay when they read a volume and pages the model did not see (its venue boundary is
    then wrong: `Fictional Methods Review, 15, Article e0213.`), and when they found
    authors after a title that starts the line where the model found none (BibSonomy's
    title-first lines; not an edited book's `Title, ed. P. Garnsey`). What they are sure
    of stays either way: the DOI, and a thesis, report or medium statement they
    recognised, with the title they cut before it.
    """
    if _key(rules) == _key(model):
        # Same reading; the rules did not type a bare venue ("Title. Bell, 1975."), the model
        # tagged it a publisher: the entry is a book, the venue its publisher.
        if (
            not rules.type_hint
            and model.type_hint == "book"
            and not (rules.volume or rules.number or rules.pages)
        ):
            rules.type_hint = "book"
        return rules
    if rules.volume and rules.pages and not (model.volume or model.pages or model.number):
        return rules
    if (
        rules.authors
        and rules.title
        and not model.authors
        and text.lstrip(_OPEN_QUOTES).startswith(rules.title)
        and not _EDITED.search(text)
        and not _venue_starts_with(model, rules.authors[0].last)
    ):
        # "Title. K. Lindahl, M. Ferreira. Venue …" (BibSonomy): the rules found the authors
        # after a title that starts the line; the model, trained on author-first styles, did not
        return rules
    if (
        _last_author_in_title(rules, model)
        or _authors_in_title(rules, model)
        or _title_word_in_authors(rules, model)
    ):
        return rules
    if _paired_names(model, rules):
        model.authors = rules.authors
    model.doi = rules.doi or model.doi
    model.type_hint = described_type(rules.title or "") or model.type_hint
    if rules.type_hint in ("phdthesis", "mastersthesis", "techreport"):
        model.type_hint = rules.type_hint
        if rules.venue or re.search(r"(?i)\b(?:report|thesis|dissertation)\b", model.venue):
            model.venue = rules.venue  # the model's "venue" is the statement itself
        if rules.number and model.volume == rules.number:
            model.volume = ""  # "(ICIS Technical Report No. 12)": a report number, not a volume
        model.number = rules.number or model.number
        if rules.title and model.title.startswith(rules.title):
            model.title = rules.title  # the statement the rules cut off is no part of the title
    return model


_VANCOUVER_NAME = re.compile(r"[^\W\d_][\w'’\-]+ [A-Z][A-Za-z]?[A-Za-z]?\.?")


def _paired_names(model: Draft, rules: Draft) -> bool:
    """`Fernández-Garrido S, Kaganer VM, …` read by the model as `Fernández-Garrido S` with the
    given name `Kaganer Vm`: two Vancouver names merged into one, where the rules, reading the
    same title, kept them apart (more names)."""
    if len(rules.authors) <= len(model.authors) or model.title != rules.title:
        return False
    return any(
        _VANCOUVER_NAME.fullmatch(a.first) and _VANCOUVER_NAME.fullmatch(a.last)
        for a in model.authors
    )


def _venue_starts_with(model: Draft, word: str) -> bool:
    """The model read the rules' first "author" as the start of the venue (`Title. Ont.
    Health Technol. Assess. Ser., 9, 2009`: an abbreviated journal name, not a person)."""
    venue = (model.venue or model.booktitle).split()
    return bool(venue and word and venue[0].rstrip(".,") == word)


def _last_author_in_title(rules: Draft, model: Draft) -> bool:
    """`Smith EE, Noll DC. A parametric study …`: the model ran the last author into the
    title. Its title is then the rules' title after one name, the rules' last author."""
    if not (rules.title and rules.authors and model.authors) or model.title == rules.title:
        # (a model reading without authors is an anonymous work whose title the rules cut:
        # `Our Invented Neighbourhood. Commission on Tides. Oxford: …`)
        return False
    if not model.title.endswith(rules.title):
        return False
    head = model.title[: -len(rules.title)].strip(" .,;:")
    names = (parse_name_list(head) or []) if head else []
    return len(names) == 1 and names[0].last == rules.authors[-1].last


def _authors_in_title(rules: Draft, model: Draft) -> bool:
    """`Study Group on X, Geller AS, Kahana MJ. Title. …`: the model, finding no authors, ran
    the whole author list into the title. Its title is then the rules' author list, a full
    stop, and the rules' title: a title never starts with its own work's authors. (A list of
    several names, or one led by an organisation: one lone "name" before a full stop may be
    the start of a title, `Our Invented Neighbourhood. Commission on Tides.`.)"""
    if model.authors or not (rules.authors and rules.title) or model.title == rules.title:
        return False
    if len(rules.authors) < 2 and not rules.authors[0].last.startswith("{"):
        return False
    if not model.title.endswith(rules.title):
        return False
    head = model.title[: -len(rules.title)].strip(" .,;:")
    names = (parse_name_list(head) or []) if head else []
    return [n.last for n in names] == [n.last for n in rules.authors]


def _title_word_in_authors(rules: Draft, model: Draft) -> bool:
    """`Kahana MJ. PyEPL: A library for …`, `Pelli DG. QUEST: A Bayesian …`: the model read the
    title's first word, a name-like acronym before a colon, as part of the last author. Its
    title is then the rules' title without that word, which its last author holds."""
    if not (rules.title and rules.authors and model.authors) or model.title == rules.title:
        return False
    if not model.title or not rules.title.endswith(model.title):
        return False
    head = rules.title[: -len(model.title)].strip()
    if not head.endswith(":") or len(head.split()) > 2:
        return False
    last = model.authors[-1]
    held = f"{last.first} {last.von} {last.last}".lower()
    if len(model.authors) != len(rules.authors):
        return False
    words = [w.lower() for w in head.rstrip(":").split()]
    # the model's last name holds the word *and* a name: when it is the head and nothing more,
    # the rules ran the one author into the title (`McCulloch A: Social environments …`; Vancouver
    # lists close the author list with a colon too) and their "author" is something else
    rest = [w for w in re.split(r"[\s.]+", held) if w and w not in words]
    return all(w in held for w in words) and bool(rest)


def _model_draft(text: str, lineno: int) -> Draft | None:
    """The trained parser's reading of one reference string, as a Draft (None: not a reference)."""
    parsed = _model_parse(text)
    if parsed is not None:
        parsed = _title_out_of_authors(parsed, text)
        if not _is_reference(parsed, text):
            # only a reading that would give no record is read again
            parsed = _title_out_of_name_list(parsed, text)
    if parsed is None or not _is_reference(parsed, text):
        return None
    return _draft_of(parsed, lineno)


def _draft_of(parsed: ParsedReference, lineno: int) -> Draft:
    """The model's reading as a Draft: the entry type decides which slot the venue takes."""
    f = parsed.fields
    draft = Draft(lineno, lineno)
    draft.authors = list(parsed.authors)
    if not parsed.authors:
        draft.editors = list(parsed.editors)  # a work cited by its editors
    draft.title = f.get("title", "")
    draft.year = parsed.year
    draft.month = f.get("month", "")
    draft.volume = f.get("volume", "")
    draft.number = f.get("number", "")
    draft.pages = f.get("pages", "")
    draft.doi = f.get("doi", "")
    etype = parsed.entry_type
    if etype in ("phdthesis", "mastersthesis", "techreport"):
        draft.type_hint = etype
        draft.venue = f.get("school") or f.get("institution") or ""
    elif etype == "book":
        draft.type_hint = "book"
        draft.venue = f.get("publisher", "")
    elif etype in ("incollection", "inproceedings"):
        draft.booktitle = f.get("booktitle", "")
        draft.publisher = f.get("publisher", "")
        if not draft.booktitle:
            draft.venue = f.get("journal", "")  # proceedings printed as a journal
    else:
        draft.venue = f.get("journal", "")
        draft.publisher = f.get("publisher", "")
    return draft


_NOT_A_NAME_END = re.compile(r"(?i)^(?:al|eds?|jr|sr|hrsg|hg|dir|coord|trans|transl|inc|ltd|co)\.$")


def _title_out_of_authors(parsed: ParsedReference, text: str) -> ParsedReference:
    """`Healy, David. Pharmageddon. Berkeley: University of California Press, 2012.`: the model
    ran a short title into the author list and found none. In the book form of Chicago and
    MLA the author list ends at the first full stop after a whole word (not an initial, not
    `al.` or `eds.`); what follows it up to the next full stop, when the reading has no title,
    is the title."""
    tokens = text.split()
    labels = parsed.labels
    if "title" in labels or len(tokens) != len(labels):
        return parsed
    start = next((k for k, lb in enumerate(labels) if lb != "citation-number"), len(labels))
    end = start
    while end < len(labels) and labels[end] == "author":
        end += 1
    if end - start < 2:
        return parsed
    for k in range(start, end - 1):
        tok = tokens[k]
        if not tok.endswith(".") or _NOT_A_NAME_END.match(tok):
            continue
        if not re.search(r"[^\W\d_]{2,}\.$", tok):
            continue  # an initial
        rest = tokens[k + 1 : end]
        if not rest[-1].endswith((".", "?", "!")) or any(
            t.endswith(".") and re.search(r"[^\W\d_]{2,}\.$", t) for t in rest[:-1]
        ):
            return parsed
        if not parse_name_list(" ".join(tokens[start : k + 1])):
            return parsed
        if _initials_in(parse_name_list(" ".join(rest)) or []):
            return parsed  # `Title. Q. Mbeki-Larsson.`: a title-first line (BibSonomy)
        new = list(labels[: k + 1]) + ["title"] * (end - k - 1) + list(labels[end:])
        return _relabelled(parsed, tokens, new)
    return parsed


# joiners inside an author list (`Smith, J. and Lee, K.`, `Meyer und Kraus`)
_LIST_JOINERS = frozenset("and und et y e i & и та".split())
# role and truncation marks inside a list of names (`(eds.)`, `editors`, `Hrsg.`, `u.a.`, `dir.`)
_ROLE_WORD = re.compile(
    r"(?i)(?:eds?|éds?|editors?|edited|hrsg|hg|dir|coord|red|trans|transl|u\.a|al|alii|others)\.?\)?"
)


def _name_piece(words: list[str]) -> bool:
    """A comma piece of an author list that can be a person's name: at most four words,
    none lower-case save surname particles and list joiners (`Carlos`, `J. Ferrier (éd.)`,
    `van der Berg, A.`; not `Dictionnaire Manuel de Diplomatie et de Droit …`)."""
    core = [w.strip("()[],;:.") for w in words if w not in _LIST_JOINERS]
    core = [w for w in core if w]
    if not core or len(core) > 4:
        return False
    return all(
        not w[0].islower()
        or w in PARTICLES
        or len(w) <= 2  # an initial (`Mayer, a. C`)
        or _ROLE_WORD.fullmatch(w)
        for w in core
    )


def _title_out_of_name_list(parsed: ParsedReference, text: str) -> ParsedReference:
    """`Calvo, Carlos, Dictionnaire Manuel de Diplomatie …, New Jersey, 2009 …`: the model ran
    the title into a comma-separated author list and found none. A person's name is short and
    capitalised (particles aside); the first comma piece after a name that is not (five words
    or more, or a lower-case word that is no particle) starts the title, which runs to the end
    of what was read as names. Names tagged as editors with no role mark among them (`(ed.)`,
    `Hrsg.`) are the authors. Only a reading that would give no record is read so: the string
    is clearly a reference (names, a title-like piece, a year and an imprint or venue), and
    with it it yields one (dev folds 0 / 1: 2 / 3 more records, no key field lost). (The
    full-stop form is `_title_out_of_authors`.)"""
    tokens = text.split()
    labels = parsed.labels
    if "title" in labels or len(tokens) != len(labels):
        return parsed
    start = next((k for k, lb in enumerate(labels) if lb != "citation-number"), len(labels))
    if start >= len(labels) or labels[start] not in ("author", "editor"):
        return parsed
    kind = labels[start]
    end = start
    while end < len(labels) and labels[end] == kind:
        end += 1
    pieces: list[tuple[int, int]] = []
    a = start
    for k in range(start, end):
        if tokens[k][-1] in ",;" or k == end - 1:
            pieces.append((a, k + 1))
            a = k + 1
    if len(pieces) < 2 or not _name_piece(tokens[pieces[0][0] : pieces[0][1]]):
        return parsed
    for a, b in pieces[1:]:
        if _name_piece(tokens[a:b]):
            continue
        if not parse_name_list(" ".join(tokens[start:a])):
            return parsed
        names = tokens[start:a]
        if kind == "editor" and not any(_ROLE_WORD.fullmatch(w.strip("()[],;:")) for w in names):
            kind = "author"  # no `(ed.)` among the names: they are the work's authors
        new = (
            list(labels[:start]) + [kind] * (a - start) + ["title"] * (end - a) + list(labels[end:])
        )
        return _relabelled(parsed, tokens, new)
    return parsed


def _relabelled(parsed: ParsedReference, tokens: list[str], labels: list[str]) -> ParsedReference:
    """`parsed` read again with some tokens' labels corrected: the fields follow the new labels,
    while the model's confidence and first label stay those of its own reading (they say how
    sure the model was, which a correction by rule does not change)."""
    out = to_fields(tokens, labels)
    out.labels = labels
    out.confidence = parsed.confidence
    out.first_label = parsed.first_label
    return out


def _is_reference(parsed: ParsedReference, text: str) -> bool:
    """Clearly a reference, by the model's reading of the line.

    It starts with its authors, editors, title or date (`1997: Preuss-Lausitz, U.:
    Title. In: …` lists by year) and has a year (or `n.d.`); then any one of:
    - authors (or editors) and a title, and something that places the work: a venue,
      publisher, place, volume or pages, DOI, URL, or a note or genre (`arXiv
      preprint`, `Ph.D. thesis`, `Retrieved from …`);
    - authors and a venue (journal or book) with a volume, pages or a publisher, but
      no title: physics and chemistry styles print none (`S. Han, Nano Lett. 2010, 10,
      1012.`), and APA-like lists italicise a book's title as their container; names in
      full count when the venue follows them straight (and a place places it too);
    - names, a place and a publisher: a book whose title the model missed;
    - a title and a venue or publisher, but no author: anonymous works, and the `———.`
      that repeats the previous entry's authors; the date follows the title, or the
      string starts with its title closed by a full stop or a quote.
    Without a year only the first kind is taken, and only with a venue and its volume
    or pages, a publisher or a DOI, and starting with its authors (forthcoming works,
    damaged lists): page furniture without dates is never read as a reference.

    What is never trusted: a reading that starts with a venue or a number, and on
    title-first pages (BibSonomy) or PubMed venue lines (`Ann Invent Sleep Res. 2019
    Dec;12(2):115-22.`) a reading whose "authors" are really a title or a journal,
    which is why titles and venues alone never make a reference.
    """
    f = parsed.fields
    tokens = text.split()
    runs = _runs(parsed)
    first = parsed.first_label
    if first == "note" and runs[1:2] == ["author"]:
        # a key or a catalogue number heading the entry (`Степанов, Торопов, 2015б – Степанов
        # О.А., …`, `0005 Absolon, K. …`): the reference starts with the authors after it
        first = "author"
    if first not in ("author", "title", "editor", "date"):
        return False
    venue = bool(f.get("journal") or f.get("booktitle"))
    publisher = bool(f.get("publisher"))
    people = [  # an edited book is cited by its editors; a person has a name of two letters
        n for n in parsed.authors or parsed.editors if len(re.sub(r"\W", "", n.last)) >= 2
    ]
    if len(people) == 1 and not people[0].first and len(people[0].last.split()) < 2:
        # one bare word is a name only when the date follows it (a body: "Handelsblatt (2014).
        # Title."), not when a title does ("Ann Invent Sleep Res." read as "Ann", "Invent …");
        # or when the word is closed like an author field (`CAPMAS, Title, Publisher, 2012`,
        # `PLUTARQUE, Title, …`, `GERACFAS. Title. Paris : MASSON`: a body, a classical or
        # one-name author) and a venue or publisher places the title after it
        after = [lb for lb in parsed.labels if lb not in ("author", "citation-number")]
        if not after or (
            after[0] != "date" and not _closed_name(parsed, tokens, venue or publisher)
        ):
            people = []
    # a title has a word ("08:30:00 UTC" has none)
    titled = bool(re.search(r"[^\W\d_]{3,}", f.get("title", "")))
    numbers = bool(f.get("volume") or f.get("pages"))
    # `———. Title. City: Publisher, 2014.`: the dashes repeat the previous entry's authors
    # (Chicago's 3-em dash, MLA's three hyphens); the work has authors, only not printed here.
    # Copying can glue the dash to the title (`—The Acts of the Apostles (…)`)
    bare = _NUMBERING.sub("", text)
    repeated = bool(
        (_REPEATED_AUTHORS.match(bare) and first == "author")
        or (_GLUED_DASH.match(bare) and first == "title")
    )
    # a forthcoming work prints its status where the year goes (`Journal. In press.`,
    # `Applied Optics, to appear.`)
    if not (parsed.year or years_in(text) or _NO_YEAR.search(text) or _FORTHCOMING.search(text)):
        strong = (venue and numbers) or publisher or "doi" in f
        named = people or repeated
        return bool(named and titled and strong and first in ("author", "editor"))
    placed = (
        venue
        or numbers
        or publisher
        or any(
            k in f for k in ("school", "institution", "address", "doi", "url", "note", "edition")
        )
    )
    if (people or repeated) and titled and placed:
        return True
    if (
        people
        and titled
        and _date_placed(runs)
        and first in ("author", "editor")
        and _plain_names(people)
    ):
        # authors, a title and a date the model read as the work's: a reference whose venue
        # the model ran into the title (`Hunt, C.B., Auster, E.R, Title, Sloan management
        # review, 1990.`) is still one
        return True
    if people and _person_like(parsed.authors or parsed.editors):
        return venue and (numbers or publisher)
    if (
        people
        and first in ("author", "editor")
        and runs[1:2] in (["journal"], ["container-title"])
        and _plain_names(parsed.authors or parsed.editors)
    ):
        # names in full, then straight the venue with its numbers or imprint and a year
        # (`Stéphane Okafor, Le premier âge inventé, Paris, 1993, 9-134.`): the names are
        # the work's authors as much as initials would make them
        return venue and (numbers or publisher or "address" in f)
    if (
        people
        and first in ("author", "editor")
        and publisher
        and "address" in f
        and _plain_names(parsed.authors or parsed.editors)
    ):
        # names, a year and an imprint (place and publisher) are a book's reference even when
        # the model missed its title (`Okafor, Hanna (ed.), Tide Songs: Orfeo (Tarnfield:
        # Gullwing Press, 1986).` read with the title in the place): the record keeps what
        # was read rather than nothing
        return True
    # anonymous: no name at all (a lone word the model took for one, "Ann", disqualifies), and
    # the date right after the title, where APA puts it when the title takes the authors'
    # place (`Title. (2019, May 14). Journal`): a venue line (`Findings of the Association
    # …: ACL 2023, 2023, p. 10–35`) read as a title is not an anonymous work
    # or before it, in lists ordered by year (`1969 Bottle Collecting in New England. New
    # Hampshire Publishing Company, …`, `2013 : « Title », in Comptes rendus …`)
    anonymous = not (parsed.authors or parsed.editors)
    date_by_title = runs[:2] in (["title", "date"], ["date", "title"])
    return (
        anonymous
        and titled
        and (venue or publisher)
        and (date_by_title or _closed(parsed, text) or repeated)
    )


# the labels of the segment after the names that the fallback takes for the title
_TITLE_LIKE = ("title", "note")
_VENUE_LABELS = ("journal", "container-title")


def _spans_at(labels: list[str]) -> list[tuple[str, int, int]]:
    """The reading's runs as (label, first token, end token), without a citation number."""
    out: list[tuple[str, int, int]] = []
    for k, lb in enumerate(labels):
        if out and out[-1][0] == lb and out[-1][2] == k:
            out[-1] = (lb, out[-1][1], k + 1)
        else:
            out.append((lb, k, k + 1))
    return [r for r in out if r[0] != "citation-number"]


def _wordy(words: list[str], least: int = 2) -> bool:
    """A title-like segment: at least `least` words of three letters or more, not counting a
    word followed by a number (`Том 40, Выпуск 2`, `Vol. 3, Issue 2`: a volume statement in any
    language labels its numbers)."""
    count = 0
    for k, w in enumerate(words):
        numbered = k + 1 < len(words) and re.match(r"[(\[]?\d", words[k + 1])
        count += bool(re.search(r"[^\W\d_]{3,}", w)) and not numbered
    return count >= least


def _body_name(words: list[str]) -> bool:
    """A corporate author as author-date styles print it before the date (`Department of
    Defense, United States (DoD). 2012.`, `Chevron Products Company, 1997a.`): a capitalised
    run of at most twelve words with no sentence end inside it."""
    if not words or len(words) > 12 or not words[0][:1].isupper():
        return False
    return not any(re.search(r"[^\W\d_]{4,}[.?!]$", w) for w in words[:-1])


_INITIALS = re.compile(r"(?:[^\W\d_]{1,2}\.)(?:-?[^\W\d_]{1,2}\.)*")


def _initials_last(name: Name) -> bool:
    """`morel m.-f.`, `cornu m.`: the surname-then-initials form printed in lower case, which
    the value grammar reads as a given name `morel` and a surname `m.-f`."""
    return bool(
        name.last
        and _INITIALS.fullmatch(name.last + ("" if name.last.endswith(".") else "."))
        and re.fullmatch(r"[^\W\d_][\w'’\-]+", name.first)
    )


def _surname_first(name: Name) -> Name:
    if not _initials_last(name):
        return name
    last = name.last if name.last.endswith(".") else name.last + "."
    return Name(first=last, von="", last=name.first, jr=name.jr)


def _surnames_first(parsed: ParsedReference) -> ParsedReference:
    """The reading with lower-case `surname initials` names read so (a copy: the model's
    reading is remembered by `_model_parse`, and a relabelled one reads its names again)."""
    if not any(_initials_last(n) for n in parsed.authors + parsed.editors):
        return parsed
    return replace(
        parsed,
        authors=[_surname_first(n) for n in parsed.authors],
        editors=[_surname_first(n) for n in parsed.editors],
    )


def _labelled(text: str) -> bool:
    """The line opens with a page label and its colon (`Published in:`, `… опубліковано в:`,
    `Enthalten in:`): the label lexicon's words end the few words before the first colon."""
    if ":" not in text:
        return False
    head = text.split(":", 1)[0].lower().split()
    labels = field_labels()
    return len(head) <= 6 and any(" ".join(head[-k:]) in labels for k in range(1, len(head) + 1))


def _partial_reference(text: str, lineno: int) -> Draft | None:
    """A record for a line that is clearly a reference although the gates of `_is_reference`
    refused the model's reading (or the reading misses a part): the issue's "a string that is
    clearly a reference always yields a record". Clearly, by evidence every style prints:
    - names first (after a number, a key or the year of a list ordered by year), read as
      persons' names (`_plain_names`), one word closed as an author field (`FRAISSE,`), or a
      body followed by the date; a year; and right after the names (and the date) a segment
      of two words or more that the model read as a title or a note: the title of
      author-date and author-title styles, where the model's labels wander (`Halbwachs M.,
      1997, La Mémoire collective, Albin Michel, Paris.` read with the title as a note); not
      a venue (names, a venue and a year are what a search result's byline prints);
    - or no names, a title of three words or more first, closed as a field is (a full stop,
      a comma, a quote), and a full venue statement after it: a journal, its volume and
      pages, and a year (`Title, Revue …, 4, 1909, p. 102-111`); a venue line the model cut
      in two at a colon (`Proceedings of the Institution …, Part C: Journal of … 219(1):
      103–119 (2005)`, a listing page's) is no title and its venue.
    A line headed by a page label and its colon, in any language of the label lexicon
    (`Published in:`, `Остаточну версію опубліковано в:`), is a labelled field, not a
    reference. A names-and-year line without such a segment is a byline, and a title alone
    is a heading: neither is taken. The record keeps what was read; `unread` names what was not (the
    reader reports it, RM105). Only lines that gave no record otherwise come here, so no
    reading taken before changes."""
    if _labelled(text):
        return None  # `Остаточну версію опубліковано в: Proceedings …`: a labelled field
    parsed = _model_parse(text)
    if parsed is None:
        return None
    parsed = _title_out_of_name_list(_title_out_of_authors(parsed, text), text)
    tokens = text.split()
    labels = list(parsed.labels)
    if len(tokens) != len(labels):
        return None
    runs = _spans_at(labels)
    year = parsed.year or next(iter(years_in(text)[-1:]), None)
    if not runs or not year:
        return None
    parsed = _surnames_first(parsed)
    # a person has a surname of two letters (`A. F.` alone is initials, not a name)
    people = [n for n in parsed.authors or parsed.editors if len(re.sub(r"\W", "", n.last)) >= 2]
    k = 0
    if runs[0][0] == "date" or (runs[0][0] == "note" and runs[1:2] and runs[1][0] == "author"):
        k = 1  # a list ordered by year (`2011 McGlynn G. …`), a key before the authors
    # the dash that repeats the previous entry's authors (`______. Title, ed. …`) names them
    repeated = bool(_REPEATED_AUTHORS.match(_NUMBERING.sub("", text)))
    edited = None if k else _title_before_editor_mark(runs, tokens)
    if edited is not None:
        # `Ghost Stories. Ed. Peter Washington. New York: Alfred A. Knopf, 2008.`: MLA and
        # Chicago cite an edited book by its title, then `Ed.`/`ed.`/`edited by` and the
        # editors; the model ran the title into the editor run. With a place or publisher and
        # the year it is a reference
        f = parsed.fields
        if not (f.get("publisher") or f.get("address")):
            return None
        labels[runs[0][1] : runs[0][1] + edited] = ["title"] * edited
        parsed = _relabelled(parsed, tokens, labels)
    elif k < len(runs) and runs[k][0] in ("author", "editor") and (people or repeated):
        names = tokens[runs[k][1] : runs[k][2]]
        after = runs[k + 1 :]
        dated = bool(after) and after[0][0] == "date"
        if not (
            (repeated and k == 0)
            or (people and _plain_names(people))
            or (len(names) == 1 and _closed_name(parsed, tokens, True, book=True))
            or (dated and _body_name(names))
        ):
            return None
        if dated:
            after = after[1:]
        if after and after[0][0] in _VENUE_LABELS:
            # author-date styles print the date between the names and the venue as between the
            # names and a title, and an APA book's italic title is labelled a container
            # (`Plutarch 1976. Moralia. 16 vols. 13: 2. …`, `Plato, Plato in Twelve Volumes,
            # vol. 7, … (Cambridge: Harvard UP, 1967).`): with its volume, pages or publisher
            # it is no byline (names, a venue and a year); a second venue would say this one
            # was the title
            f = parsed.fields
            venues = [r for r in runs if r[0] in _VENUE_LABELS]
            if len(venues) != 1 or not (f.get("volume") or f.get("pages") or f.get("publisher")):
                return None
            # one bare word is a name when the date or its comma closes it (`Ann Invent Sleep
            # Res. 2019 Dec;12(2)` is a PubMed venue line)
            if len(names) == 1 and not (dated or _closed_name(parsed, tokens, True, book=True)):
                return None
        else:
            if not after or after[0][0] not in _TITLE_LIKE:
                return None  # (names, a venue and a year: a search result's byline)
            lb, a, b = after[0]
            if not _wordy(tokens[a:b]):
                return None
            if lb == "note":  # the title where author-date and author-title styles print it
                labels[a:b] = ["title"] * (b - a)
                parsed = _relabelled(parsed, tokens, labels)
    elif (
        runs[0][0] == "title"
        and not people
        and _wordy(tokens[runs[0][1] : runs[0][2]], 3)
        and re.search(r"[.,?!\"”’»]$", tokens[runs[0][2] - 1])
        and any(r[0] in _VENUE_LABELS for r in runs[1:])
        and parsed.fields.get("volume")
        and parsed.fields.get("pages")
    ):
        pass  # an anonymous title with its journal, volume, pages and year
    elif _anonymous_book(parsed, runs, tokens, people):
        pass  # an anonymous book: its title, then its imprint and year
    else:
        return None
    draft = _draft_of(_surnames_first(parsed), lineno)
    draft.year = draft.year or year
    unread = []
    if not (draft.authors or draft.editors):
        unread.append("authors")
    if not draft.title:
        unread.append("title")
    if not (draft.venue or draft.booktitle or draft.publisher):
        unread.append("venue or publisher")
    draft.unread = ", ".join(unread)
    return draft if draft.is_record() else None


# what may follow an anonymous book's title: its imprint, year, notes, links, edition, series
_IMPRINT_TAIL = frozenset(
    ("location", "publisher", "date", "note", "url", "doi", "isbn", "edition", "collection-title")
)


def _anonymous_book(
    parsed: ParsedReference, runs: list[tuple[str, int, int]], tokens: list[str], people: list[Name]
) -> bool:
    """`Title of an Invented Book, Gullwing Press, Tarnfield 1988`: a book cited by its title
    (anonymous works, classics, edited volumes whose editors the list left out) prints the
    title, closed by a comma or a full stop, then straight its imprint (a publisher, with or
    without its place) and its year. Nothing of a journal is in such a line: no venue, no
    volume or pages (a venue line, `Journal of …, 12(3), 45-67`, has them); a book title read
    as a container counts as the title (the conversion reads a lone one so). Asked only by
    the fallback, so no reading taken before changes."""
    if people or parsed.authors or parsed.editors or len(runs) < 3 or not parsed.year:
        return False
    lb, a, b = runs[0]
    if lb not in ("title", "container-title") or runs[1][0] not in ("location", "publisher"):
        return False
    if not (_wordy(tokens[a:b], 3) and re.search(r"[.,?!\"”’»]$", tokens[b - 1])):
        return False
    f = parsed.fields
    if f.get("volume") or f.get("pages") or f.get("journal"):
        return False
    labels = [r[0] for r in runs[1:]]
    if "date" not in labels or not all(lb in _IMPRINT_TAIL for lb in labels):
        return False
    if "publisher" not in labels:
        # a place alone is what a journal's venue line prints after its name (`Proceedings of
        # the Invented Academy, USA. 2004. PMID: …`, a search result's): no imprint
        return False
    # the year closes the imprint (`Place: Publisher, Year`, `Publisher, Place Year`), and it is
    # one year: an affiliation's place after a year, or its period (`…, Tarnfield (2019-2023)`),
    # is no imprint
    k = labels.index("date")
    _, a, b = runs[1 + k]
    if any(lb in ("location", "publisher") for lb in labels[k:]):
        return False
    return len(re.findall(r"(?<!\d)\d{4}(?!\d)", " ".join(tokens[a:b]))) == 1


_EDITOR_MARK = re.compile(r"^(?:[Ee]ds?\.|[Ee]dited)$")


def _title_before_editor_mark(runs: list[tuple[str, int, int]], tokens: list[str]) -> int | None:
    """How many tokens of a leading editor run are the title before its editor mark
    (`Ghost Stories. Ed. Peter Washington.`, `Oxford Encyclopedia of …, ed. D. B. Redford`):
    at least two words closed by a full stop or a comma, then `Ed.`, `ed.`, `eds.` or `edited`
    (English marks only: French `éd.` is also `éditions`, a publisher). None otherwise."""
    if not runs or runs[0][0] != "editor":
        return None
    a, b = runs[0][1], runs[0][2]
    for k in range(a + 2, b - 1):
        if _EDITOR_MARK.match(tokens[k]):
            head = tokens[a:k]
            if re.search(r"[.,]$", head[-1]) and _wordy(head):
                return k - a
            return None
    return None


def reads_as_reference(line: str) -> bool:
    """The model reads the line as a reference that no gate took: reference-sized, a year,
    and names (authors or editors) or a title with something that places it (a venue,
    publisher, place, volume or pages). Asked only of lines that gave no record, for the
    warning that names them (RM105): a line of a reference list the reader could not read
    must not be lost silently (`Le comte de l'an Mil, sous la direction de …, Bordeaux,
    1996`: the model ran the title into the names)."""
    text = _NUMBERING.sub("", _MARKUP.sub("", line)).strip()
    if not (_MODEL_MIN_CHARS <= len(text) <= _MODEL_MAX_CHARS) or not years_in(text):
        return False
    parsed = _model_parse(line.strip())
    if parsed is None:
        return False
    labels = set(parsed.labels)
    placed = labels & {"journal", "container-title", "publisher", "location", "volume", "pages"}
    return bool(labels & {"author", "editor"} or ("title" in labels and placed))


def _runs(parsed: ParsedReference) -> list[str]:
    """The labels of the reading's runs in order, without a citation number."""
    labels = parsed.labels
    runs = [lb for k, lb in enumerate(labels) if k == 0 or labels[k - 1] != lb]
    return [lb for lb in runs if lb != "citation-number"]


def _closed_name(
    parsed: ParsedReference, tokens: list[str], placed: bool, book: bool = False
) -> bool:
    """One word read as the author, closed as an author field is (a comma; a full stop or
    colon after an all-capital word or an abbreviation), a title after it and the work placed
    by a venue or publisher: `CAPMAS, The Statistical Year Book, Central Agency …, 2012`.
    `book`: a book's title read as a container may follow it instead (the fallback's
    `Plato, Plato in Twelve Volumes, vol. 7, …`)."""
    if not placed or len(tokens) != len(parsed.labels):
        return False
    idx = [k for k, lb in enumerate(parsed.labels) if lb == "author"]
    if len(idx) != 1 or idx[0] + 1 >= len(tokens):
        return False
    if parsed.labels[idx[0] + 1] not in (("title", "container-title") if book else ("title",)):
        return False
    word = tokens[idx[0]]
    if word.endswith(","):
        return True
    core = word.rstrip(".:")
    return word[-1] in ".:" and (core.isupper() or len(core) <= 4) and len(core) >= 2


# a word of four letters or more ending a sentence, or a lower-case word that is no particle:
# "Soil Memory in Imaginary Wetlands. P. Oduya" is a title run into the authors
_NOT_A_NAME = re.compile(
    r"[^\W\d_]{4,}[.?!](?:\s|$)|(?:^|\s)(?:of|in|on|for|the|and|with|für|und|des|du)\s"
)


_REPEATED_AUTHORS = re.compile(r"(?:[—―–-]{2,}|_{2,}|—)[.,:]?\s")
_GLUED_DASH = re.compile(r"(?:[—―]+|-{2,}|_{2,})(?=[^\W\d_])")
_FORTHCOMING = re.compile(
    r"(?i)(?:^|[,.;(]\s*)(?:in press|to appear|forthcoming|im druck|sous presse|в печати)(?=[\s.,;)]|$)"
)


def _closed(parsed: ParsedReference, text: str) -> bool:
    """The string starts with its title, closed by a full stop, `?`, `!` or a quote
    (`"Title." Journal …`), not by the colon or comma of a venue statement."""
    tokens = text.split()
    labels = [lb for lb in parsed.labels if lb != "citation-number"]
    if not labels or labels[0] != "title" or len(tokens) != len(parsed.labels):
        return False
    k = parsed.labels.index("title")
    while k + 1 < len(tokens) and parsed.labels[k + 1] == "title":
        k += 1
    # a closing quote closes the title whatever follows it (`« Title », Revue du Barreau`)
    return bool(re.search(r"[.?!\"”’»]$|[\"”’»][,;:]$", tokens[k]))


def _date_placed(runs: list[str]) -> bool:
    """The date where author-date and author-title-date styles print it: right after the
    authors, or closing the string."""
    return "date" in runs and (runs[1:2] == ["date"] or runs[-1] == "date")


def _plain_names(names: list[Name]) -> bool:
    """Every name reads as a person's: at most four words, no sentence end or lower-case
    word inside (`Sexuality and Dementia by Douglas P. Wornell` is a title)."""
    for n in names:
        text = f"{n.first} {n.von} {n.last}"
        if len(text.split()) > 4 or _NOT_A_NAME.search(text):
            return False
    return bool(names)


def _person_like(names: list[Name]) -> bool:
    """Every name reads as a person's (at most four words, no sentence end inside), and
    one has initials (`S. Han`, `Benecke G.`): `Ann Invent Sleep Res.` does not."""
    if not _initials_in(names):
        return False
    for n in names:
        text = f"{n.first} {n.von} {n.last}"
        if len(text.split()) > 4 or _NOT_A_NAME.search(text):
            return False
    return bool(names)


@lru_cache(maxsize=2048)
def _model_parse(text: str) -> ParsedReference | None:
    """Memoised: the segmenter asks about the same line more than once."""
    if not model_available():
        return None
    return parse_reference(text)


# ---------------------------------------------------------------- search-result bylines

_HOST = re.compile(r"^(?:[\w\-]+\.)+[a-z]{2,}$", re.IGNORECASE)
_BYLINE = re.compile(r"^(?P<names>.{2,400}?)\s[-\u2013]\s(?P<rest>.{1,500})$")


def parse_byline(line: str, lineno: int) -> Draft | None:
    """`A Smith, B Li… - Venue, 2016 - host.org` (the host is never the venue)."""
    m = _BYLINE.match(line.strip())
    if not m:
        return None
    names = parse_name_list(m.group("names"))
    if not names:
        return None
    parts = [p.strip() for p in re.split(r"\s+[-\u2013]\s+", m.group("rest"))]
    # the venue part is the last one with a year; what follows is a host or publisher
    with_year = [k for k, p in enumerate(parts) if years_in(p)]
    if not with_year:
        # no year: only the search-engine shape "MJ Okonkwo - Journal - host.org" is trusted
        initials = all(re.fullmatch(r"(?:[^\W\d_]\.\s?)+", n.first.strip()) for n in names)
        if len(parts) > 2 or not _HOST.match(parts[-1]) or not initials:
            return None
        draft = Draft(lineno, lineno)
        draft.authors = names
        if len(parts) == 2 and not _HOST.match(parts[0]):
            draft.venue = parts[0].strip(" \u2026.")
        return draft
    if with_year[-1] > 1 or len(parts) > 3:
        return None
    if any(not (_HOST.match(p) or len(p.split()) <= 5) for p in parts[with_year[-1] + 1 :]):
        return None
    venue_part = parts[with_year[-1]].strip(" \u2026.")
    years = years_in(venue_part)
    draft = Draft(lineno, lineno)
    draft.authors = names
    draft.year = years[-1]
    venue = re.sub(r",?\s*(?:1[89]|20)\d\d\s*$", "", venue_part).strip(" ,\u2026")
    if venue and not re.fullmatch(r"[\d\s]*", venue):
        draft.venue = venue
    return draft
