"""Line classification for scraped page text: labels, runs, headings, chrome, titles, paragraphs.

Vocabularies here are of *kinds* of text found on many sites (field labels in
several languages, section headings that start reference lists, common page
controls), never of one site's layout. Everything downstream sees `Unit`s.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..grammar.ids import ARXIV_ID, DOI_PREFIX

# Field labels -> canonical field. Keys are lower-case without the trailing colon.
_LABELS: dict[str, tuple[str, ...]] = {
    "title": (
        "title", "titel", "titre", "título", "titolo", "назва", "название", "tytuł",
        "article title", "document title", "main title", "заголовок", "заглавие", "назва статті",
        "название статьи", "titre de l'article", "tytuł artykułu",
    ),
    "author": (
        "author", "authors", "author(s)", "autor", "autoren", "autor(en)", "auteur", "auteurs",
        "auteur(s)", "autores", "autor(es)", "autori", "автор", "автори", "авторы", "автор(и)",
        "main author", "creator", "creators", "by", "personal name", "autorzy", "writer",
        "авторы статьи", "автори статті", "author information",
    ),
    "author_more": (
        "other authors", "co-authors", "coauthors", "additional authors", "інші автори",
        "другие авторы", "weitere autoren", "contributors", "other contributors",
        "співавтори", "соавторы",
    ),
    "venue": (
        "journal", "journal ref", "journal-ref", "published in", "source", "source title",
        "zeitschrift", "revue", "revista", "rivista", "видання", "журнал", "джерело",
        "источник", "издание", "journal title", "periodical", "container", "book title",
        "booktitle", "conference", "proceedings", "in", "erschienen in", "publié dans",
        "publicado en", "опубліковано в", "опубликовано в", "czasopismo",
        "journal/book", "host item", "is part of", "part of", "book", "книга", "збірник",
        "сборник", "conference name", "event", "proceedings title", "university", "institution",
        "school", "degree grantor", "університет", "университет", "hochschule", "université",
    ),
    "publisher": (
        "publisher", "видавець", "издатель", "издательство", "verlag", "éditeur", "editorial",
        "editora", "wydawca", "видавництво",
    ),
    "doi": ("doi", "digital object identifier"),
    "pmid": ("pmid", "pubmed id"),
    "cite": (
        "citation", "cite as", "cite this", "cite this article", "how to cite",
        "how to cite this article", "recommended citation", "suggested citation", "zitieren",
        "zitierweise", "як цитувати", "как цитировать", "para citar", "pour citer",
        "bibliographic citation", "reference",
    ),
    "arxiv": ("arxiv", "arxiv id"),
    "abstract": (
        "abstract", "анотація", "аннотация", "zusammenfassung", "abstrakt", "résumé", "resume",
        "resumen", "resumo", "summary", "streszczenie", "riassunto", "реферат", "description",
        "samenvatting", "sammanfattning",
    ),
    "keywords": (
        "keywords", "keyword(s)", "key words", "keyword", "subjects", "subject", "ключові слова",
        "ключевые слова", "schlagwörter", "schlüsselwörter", "schlagworte", "mots-clés",
        "mots clés", "palabras clave", "palavras-chave", "słowa kluczowe", "parole chiave",
        "author keywords", "mesh terms", "topics", "тематика", "рубрики",
    ),
    "date": (
        "date", "year", "published", "publication date", "date of publication", "дата", "рік",
        "год", "jahr", "erscheinungsjahr", "année", "año", "issued", "дата публікації",
        "дата публикации", "date published", "published online", "publication year",
        "rok", "anno", "pub date", "рік видання", "год издания", "first published",
        "issue date", "date of issue", "copyright year", "erschienen",
        "data publikacji", "fecha de publicación", "date de publication", "дата выхода",
    ),
    "type": (
        "format", "publication type", "type", "document type", "item type", "тип публікації",
        "тип", "тип документа", "тип документу", "dokumenttyp", "publikationstyp",
        "type de document", "tipo de documento", "resource type", "genre", "edition/format",
        "material type", "content type",
    ),
    "volume": ("volume", "vol", "том", "band", "jahrgang", "tome", "tom"),
    "issue": ("issue", "number", "no", "номер", "випуск", "выпуск", "heft", "numéro", "número"),
    "pages": ("pages", "page", "сторінки", "страницы", "seiten", "pp", "páginas", "strony"),
    "ignore": (
        "comments", "comment", "msc class", "acm class", "report number", "pmcid", "issn",
        "eissn", "isbn", "language", "мова", "язык", "sprache", "langue", "idioma", "copyright",
        "peer reviewed", "online access", "get it", "actions", "affiliation",
        "affiliations", "main author affiliation", "funding", "url", "link", "links", "full text",
        "notes", "note", "physical description", "cited by", "license", "licence", "rights",
        "editor", "editors", "editor(s)", "herausgeber", "редактор", "редактори", "series",
        "серія", "серия", "reihe", "collection", "access", "availability", "location",
        "call number", "holdings", "e-mail", "email", "correspondence", "received", "accepted",
        "revised", "citations", "views", "downloads", "related", "see also", "conflict of interest",
        "grant", "grants", "mesh", "uri", "handle", "identifier", "identifiers", "oclc",
        "number of pages", "extent", "isbn/issn", "scopus", "web of science", "classification",
        "edition", "видання (номер)", "auflage", "édition", "database", "supervisor", "advisor",
        "науковий керівник", "научный руководитель", "degree", "department", "faculty",
    ),
}  # fmt: skip
LABELS: dict[str, str] = {word: canon for canon, words in _LABELS.items() for word in words}

# Labels that also head a block when they stand alone on a line (no colon).
BARE_HEADINGS = {
    "abstract", "анотація", "аннотация", "zusammenfassung", "résumé", "resumen", "resumo",
    "summary", "streszczenie", "keywords", "ключові слова", "ключевые слова", "affiliations",
    "author information", "authors", "автори", "авторы",
}  # fmt: skip

# Headings after which a landing page lists *other* works (not records of this page).
STOP_HEADINGS = {
    "references", "reference list", "list of references", "bibliography", "literature cited",
    "works cited", "literatur", "literaturverzeichnis", "références", "bibliographie",
    "referencias", "bibliografía", "bibliografia", "список літератури", "список литературы",
    "література", "литература", "similar articles", "similar items", "related articles",
    "cited by", "citing articles", "publications that cite this publication",
    "see all similar articles", "comment in", "erratum in", "recommended articles",
    "more like this", "you may also like", "people also read", "related items",
    "публікації, що цитують цю публікацію", "схожі статті", "похожие статьи",
    "ähnliche artikel", "articles similaires", "artículos similares", "references cited",
    "cited references", "citations", "referenced by", "related research", "похожие записи",
    "схожі записи", "ähnliche titel", "similar records", "documents similaires", "referências",
    "referencias bibliográficas", "riferimenti bibliografici", "bibliografie", "kaynakça",
    "kaynaklar", "piśmiennictwo", "literatura", "źródła", "джерела", "список використаних джерел",
    "список використаної літератури", "використана література", "использованная литература",
    "список использованных источников", "bibliographic references", "notes and references",
    "references and notes", "footnotes", "endnotes", "cited literature", "literature",
    "citing literature", "articles citing this article", "cited in", "цитується в",
}  # fmt: skip

_CHROME_EXACT = {
    "sign in", "sign up", "sign in / sign up", "log in", "login", "log out", "logout", "register",
    "my account", "export citation format", "export citation", "share document", "share",
    "download", "download pdf", "pdf", "cite", "cite this", "copy", "save", "email", "print",
    "load more...", "load more", "show more", "show less", "more", "less", "previous", "next",
    "search", "advanced search", "help", "about", "contact", "feedback", "privacy", "terms",
    "accessibility", "got it!", "got it", "accept", "ok", "home", "menu", "skip to main content",
    "skip to main page content", "back to results", "full text links", "▽ more", "△ less",
    "view article", "view pdf", "open access", "free pmc article", "free article",
    "accept all cookies", "reject", "manage preferences", "send to", "display options",
    "увійти", "вхід", "реєстрація", "пошук", "войти", "поиск", "anmelden", "suche",
}  # fmt: skip
_CHROME_RE = re.compile(
    r"(?i)^(?:(?=.*\bcookies?\b)(?=.*\b(?:use|uses|using|accept|agree|continu\w*|site|website|"
    r"experience|preferences|policy)\b).*|"
    r"\d{1,4}|page \d+( of \d+)?|\d+\s*[-–]\s*\d+ of \d+|"
    r"(?:cited by|citations?|views?|downloads?|times cited|altmetric)\b[\s~:]*[\d,]+.{0,80}|"
    r"\d+ (?:years?|months?|weeks?|days?|hours?) ago\b.*|\(\d+\)\s+discussion\b.*|"
    r"\[(?:html|pdf|doc|ps)\]\s+(?:[\w\-]+\.)+[a-z]{2,}|(?:copyright\s*)?(?:©|\(c\)\s*\d{4}).*|"
    r"copyright\s+\d{4}.*|all \d+ versions|total of \d+ entries|record \d+ of \d+)$"
)
# Words of toolbars and result action lines ("Save Cite Cited by 12 Related articles").
_ACTION_WORDS = {
    "save", "cite", "cited", "by", "share", "export", "download", "copy", "email", "e-mail",
    "print", "add", "to", "view", "show", "more", "less", "related", "articles", "all",
    "versions", "version", "pdf", "html", "full", "text", "links", "citation", "citations",
    "library", "my", "alert", "get", "access", "rights", "permissions", "metrics", "favourites",
    "favorites", "refworks", "endnote", "bibtex", "ris", "mendeley", "zotero", "tweet", "facebook",
    "linkedin", "request", "reprint", "reprints", "options", "tools", "similar", "cart", "basket",
    "of", "this", "article", "page", "and", "the", "in", "a", "an", "send", "check", "availability",
    "zitieren", "speichern", "zitiert", "von", "ähnliche", "artikel", "alle", "versionen", "зберегти", "цитувати", "цитується", "сохранить",
    "цитировать", "цитируется", "версії", "версии", "статті", "статьи", "схожі", "похожие",
}  # fmt: skip


def _is_action_line(text: str) -> bool:
    words = re.findall(r"[^\W\d_][\w\-]*", text.lower())
    if not words or words[0] not in _ACTION_WORDS or len(words) > 20:
        return False
    known = sum(w in _ACTION_WORDS for w in words)
    return known >= 2 and known / len(words) >= 0.7


_TYPE_WORDS = {
    "journal article": "article", "research article": "article", "article": "article",
    "original article": "article", "review article": "article", "журнальна стаття": "article",
    "стаття": "article", "статья": "article", "статья в журнале": "article",
    "zeitschriftenartikel": "article", "artículo": "article", "article de revue": "article",
    "book": "book", "monograph": "book", "книга": "book", "монографія": "book", "buch": "book",
    "book chapter": "incollection", "chapter": "incollection", "розділ книги": "incollection",
    "глава книги": "incollection", "buchkapitel": "incollection",
    "conference paper": "inproceedings", "proceedings paper": "inproceedings",
    "conference proceedings": "inproceedings", "proceedings article": "inproceedings",
    "тези доповіді": "inproceedings", "доповідь": "inproceedings",
    "thesis": "phdthesis", "dissertation": "phdthesis", "doctoral thesis": "phdthesis",
    "phd thesis": "phdthesis", "дисертація": "phdthesis", "диссертация": "phdthesis",
    "master's thesis": "mastersthesis", "masters thesis": "mastersthesis",
    "report": "techreport", "technical report": "techreport", "звіт": "techreport",
    "preprint": "misc", "posted content": "misc", "dataset": "misc",
}  # fmt: skip
_TYPE_LIKE = re.compile(
    r"(?i)^(?:[\w\-']+\s+){0,2}(?:article|trial|review|report|paper|chapter|letter|editorial|"
    r"preprint|study|стаття|статья|book|thesis)$"
)

_COLON_LABEL = re.compile(r"^([^\W\d][^:：|]{0,40}?)\s*[:：]\s*(.*)$")
_PIPE_ROW = re.compile(r"^([^|]{0,60}?)\s*\|\s*(.*)$")
ARXIV_LINE = re.compile(rf"^(?:\[\d{{1,4}}\]\s*)?arXiv:\s?({ARXIV_ID})(?:v\d+)?\b")
SUBMITTED = re.compile(r"(?i)^\[?(?:submitted|v1 submitted|\[?v1\]|received|published online)\b")
DOI_LINE = re.compile(
    rf"^{DOI_PREFIX}?10\.\d{{4,9}}/\S+(?:\s*[·|◽]\s*[^\s].{{0,40}})?$", re.IGNORECASE
)
SCHOLAR_TAG = re.compile(r"^(?:\[(?:HTML|PDF|BOOK|CITATION|DOC|B|C|PS)\]\s*)+")
RUN_SEP = "\u25fd"
# Separators that, ending a line, continue a run onto the next line.
RUN_ENDS = ("\u25fd", "\u25fe", " |", " \u00b7", " \u2022")
_TAB_ROW = re.compile(r"^\s*([^\t]{1,40}?)(?:\t+|\s{3,})(\S.*)$")


def tab_row(raw: str) -> tuple[str, str] | None:
    """`Label<TAB>value` (or label and value apart by 3+ spaces) from a copied table."""
    m = _TAB_ROW.match(raw)
    if m and LABELS.get(norm(m.group(1)).lower().rstrip(":：").strip()):
        return norm(m.group(1)), norm(m.group(2))
    return None


@dataclass
class Unit:
    kind: str
    start: int
    end: int
    text: str = ""
    label: str = ""  # canonical label for 'field'
    values: list[str] = field(default_factory=list)  # continuation rows / run pieces
    hint: str = ""
    draft: Any = None  # a Draft for 'citation' / 'byline'
    venue: Any = None  # a VenueInfo for 'venue'
    names: list[Any] = field(default_factory=list)  # Names for 'authors'


_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff]|\u00ad(?=\w)")


def norm(text: str) -> str:
    """One line as text: invisible characters gone, any run of spaces one space."""
    text = _INVISIBLE.sub("", text.replace("\u00a0", " ").replace("\r", ""))
    return re.sub(r"\s+", " ", text).strip()


def label_of(text: str) -> str:
    key = norm(text).lower().rstrip(":：").strip()
    return LABELS.get(key, "")


def is_stop_heading(text: str) -> bool:
    key = re.sub(r"\s*\(\d+\)$|\s*[:：]$", "", text.lower()).strip()
    return key in STOP_HEADINGS


def is_chrome(text: str) -> bool:
    low = text.lower()
    return low in _CHROME_EXACT or bool(_CHROME_RE.match(text)) or _is_action_line(text)


def type_of(text: str) -> str | None:
    """The entry type a short type line names ('' for types BibTeX has no word for), or None."""
    low = text.lower().strip(" .")
    if low in _TYPE_WORDS:
        return _TYPE_WORDS[low]
    if _TYPE_LIKE.match(low):
        return ""
    return None


# Words of section headings over result lists ("Related Documents", "Most cited articles").
_HEADING_WORDS = {
    "related", "similar", "recommended", "documents", "document", "results", "result",
    "publications", "articles", "article", "search", "showing", "more", "other", "latest",
    "popular", "recent", "most", "read", "cited", "viewed", "top", "new", "submissions",
    "entries", "items", "works", "papers", "you", "may", "also", "like", "this", "journal",
    "issue", "current", "in", "by", "the", "from", "same", "author", "authors", "of", "all",
    "see", "view", "list", "references", "citing", "downloaded", "trending", "featured",
    "схожі", "документи", "статті", "публікації", "похожие", "статьи", "публикации",
    "ähnliche", "dokumente", "artikel", "documentos", "relacionados", "similares",
}  # fmt: skip


def is_title_like(text: str) -> bool:
    words = text.split()
    if all(re.sub(r"[^\w]", "", w).lower() in _HEADING_WORDS for w in words):
        return False  # a section heading, not a work's title
    if not 2 <= len(words) <= 60 or len(text) < 12 or len(text) > 500:
        return False
    first = text[0]
    if not (first.isupper() or first.isdigit() or first in "\"“'‘¿¡«$"):
        return False
    if text.endswith((":", ",", ";")) or "@" in text:
        return False
    # Counters ("Number of citations 2") and navigation end in a bare number.
    return not (len(words) <= 8 and re.search(r"\s\d+$", text))


_JOURNALISH = re.compile(
    r"(?i)\b(?:journal|review|quarterly|annals|bulletin|proceedings|transactions|letters|"
    r"zeitschrift|revue|revista|rivista|archiv\w*|studies|studia|acta|magazine|research|"
    r"вісник|журнал|известия|вестник|записки|праці|труды)\b"
)


def is_journal_name(text: str) -> bool:
    """A short line that names a periodical (above a `Volume 12, Issue 1` line)."""
    return bool(_JOURNALISH.search(text)) and len(text.split()) <= 10 and ":" not in text


def is_paragraph(text: str) -> bool:
    words = text.split()
    if len(text) >= 200 and len(words) >= 25:
        return True
    return len(text) >= 100 and len(words) >= 14 and bool(re.search(r"[.!?…]\s+\S|[.!…]$", text))
