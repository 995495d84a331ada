"""Choose a record's title among the lines that might be it, and say how sure the choice is.

A record's title is the value most often wrong on pages in layouts the parser has not seen: a document-type line
("PROJECT SUMMARY", "Fiche de projet"), a section heading, a cover page's organisation, a date line, a headline
or a sentence is taken for it, or a label ("Projet :") or a number ("3.") stays in it. The candidates are the
title the record's blocks gave (a label's value, a heading line, a quoted name read from prose), the other lines
at the record's head, and the names the text gives its project in quotes ('the project "..."', 'le projet
« ... »', 'el proyecto «...»'). Each is cleaned of label words and numbering, then rejected when it is not a title
(the words are data: data/title_words.json, in English, French and Spanish). A label's title that passes is
sure; a heading line that passes is sure unless the text names the project otherwise; when no candidate is sure,
the best one is PROPOSED (flagged for review): a wrong sure title costs far more than a proposed one.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .code_choice import another_code
from .folding import fold, fold_key
from .labels import default_table, match_label
from .title_bodies import body_name
from .title_documents import document_title, project_section, section_opening
from .title_evidence import (
    _alternation,  # one way to turn a word list into a pattern
    document_of,
    named_quotes,
    never_reason,
    self_named,
    subject_rest,
)
from .title_glue import event_name, labelled_fact, not_a_title
from .title_glued import glued_sentence
from .title_meta import meta_line
from .title_not_names import NEVER as _NOT_NAMES
from .title_not_names import not_a_name
from .values.fact_lines import fact_line
from .values.places import resolve_country, resolve_region

MIN_WORDS = 3
MAX_WORDS = 30
_DATA = Path(__file__).with_name("data") / "title_words.json"


@dataclass(frozen=True)
class _Words:
    label: re.Pattern[str]
    label_head: re.Pattern[str]
    doc_type: re.Pattern[str]
    publication_end: re.Pattern[str]
    sections: frozenset[str]
    org_head: re.Pattern[str]
    title_noun: re.Pattern[str]
    verb: re.Pattern[str]
    quoted: re.Pattern[str]
    connectors: frozenset[str]
    bold: re.Pattern[str]


@lru_cache(maxsize=1)
def _words() -> _Words:
    data = json.loads(_DATA.read_text(encoding="utf-8"))
    alt = {k: _alternation(v) for k, v in data.items() if isinstance(v, list)}
    # "Project:", "Titre du projet :", "Proyecto 3 -", "Projet n° 2 :": the label and its separator, not the title.
    label = re.compile(rf"^(?:{alt['label_words']})(?:\s*(?:n[o\u00b0\u00ba.]*\s*)?\d{{1,3}}[a-z]?)?\s*"
                       r"(?::|\||\s[-\u2013\u2014]|[-\u2013\u2014]\s|\.\s)\s*")
    # "Title of the project (in English):", "Nom de l'action :": a short head naming a title, then a colon.
    label_head = re.compile(rf"^(?=[^:]{{0,60}}:)(?:(?:{alt['project_words']}|full|official|short|complete)\s+){{0,2}}"
                            rf"(?:{alt['label_nouns']})(?![\w'])"
                            r"[^:\n.]{0,40}?\s*:\s*")
    doc_type = re.compile(rf"^(?:{alt['document_types']})(?![\w'])")
    publication_end = re.compile(rf"(?<![\w'])(?:{alt['publication_types']})[\s\d/\u2013\u2014,.()-]*$")
    org_head = re.compile(rf"^(?:the\s+|l'|la\s+|le\s+|el\s+)?(?:{alt['organisation_heads']})(?![\w'])")
    title_noun = re.compile(rf"(?<![\w'])(?:{alt['title_nouns']})(?![\w'])")
    verb = re.compile(rf"(?<![\w'])(?:{alt['verbs']})(?![\w'])")
    # 'the project "X"', 'le projet 2021C « X »', 'el proyecto denominado "X"': a few words between at most.
    quoted = re.compile(
        rf"(?<![\w'])(?:{alt['project_words']})(?![\w'])(?:[^\"\u201c\u201d\u00ab\u00bb.;]{{0,60}}?"
        rf"(?:{alt['naming_words']})?)?[\s,:]*[\"\u201c\u00ab]\s*(?P<name>[^\"\u201c\u201d\u00ab\u00bb]{{8,300}}?)"
        r"\s*[\"\u201d\u00bb]")
    # 'our project **Inclusive Digital Identity ...**', 'le projet __Appui à ...__': a name set in bold (Markdown).
    bold = re.compile(rf"(?<![\w'])(?:{alt['project_words']})(?![\w'])(?:\s+(?:{alt['naming_words']}))?[\s,:]*"
                      r"(?P<mark>\*\*|__)(?P<name>[^*_\n]{8,300}?)(?P=mark)")
    sections = frozenset(fold_key(s) for s in data["section_headings"])
    return _Words(label, label_head, doc_type, publication_end, sections, org_head, title_noun, verb, quoted,
                  frozenset(fold(c).lower() for c in data["connectors"]), bold)


_DECORATION = re.compile(r"^[\s#*_>\u25aa\u25a0\u25cf\u2022\u25ba\u27a2-]+|[\s*_#]+$")
# "1.", "2.1", "(3)", "IV.", "b)", "[A]": a list's or a document's numbering.
_NUMBERING = re.compile(r"^(?:\(?\d{1,2}(?:\.\d{1,2}){1,3}[.)]?(?=\s)|\(?\d{1,2}[.)](?=\s)"
                        r"|\(?[ivxlIVXL]{1,5}[.)](?=\s)|\(?[a-hA-H][.)](?=\s)|\[[A-Za-z0-9]{1,4}\])\s*")
# After a document's type: its number, then a separator ("Table 3. ...", "Fiche de projet n° 7 — ...").
_DOC_SEPARATOR = re.compile(r"\s*(?:n[o\u00b0\u00ba]\s*)?(?:[\dA-Za-z]{1,4}\s*)?(?:[:|\u2013\u2014]|[.-](?=\s|:))"
                            r"[\s:.|-]*")
_QUOTES = "\"'\u201c\u201d\u00ab\u00bb\u2018\u2019"
_DAY_MONTH = None  # compiled lazily (the month words are the dates module's)
_ADDRESS = re.compile(r"@|\bwww\.|https?://|\b(?:tel|t\u00e9l|fax|p\.?\s?o\.?\s+box|b\.?p\.?|street|avenue|rue|calle"
                      r"|avenida|road|boulevard|casilla|apartado)\b[\s.:]", re.IGNORECASE)


# "Development Account — Compendium of Projects, 10th Tranche": the parts of a running head.
_PARTS = re.compile(r"\s+[-\u2013\u2014|]\s+|,\s+|\s+/\s+")
# A word broken at the line's end ("Munici-" / "palidades"): only a paragraph's lines are hyphenated so.
_WORD_CUT = re.compile(r"[^\W\d_]{2}-$")
# Two sentences, or a clause after a semicolon: "... en novembre 2019 ; il a réuni ...".
_SENTENCES = re.compile(r"[a-z\u00e0-\u00ff\d\])][.!?]\s+[A-Z\u00c0-\u00de]|\s;\s|;\s+[a-z]")


def _day_month() -> re.Pattern[str]:
    global _DAY_MONTH
    if _DAY_MONTH is None:
        from .values.dates import MONTHS
        month = "(?:" + "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True)) + r")\.?(?!\w)"
        _DAY_MONTH = re.compile(
            rf"(?<!\w)(?:\d{{1,2}}(?:st|nd|rd|th|er)?(?:\s*[-\u2013\u2014/]\s*\d{{1,2}})?\s+(?:de\s+|of\s+)?{month}"
            rf"|{month}\s+\d{{1,2}}(?!\d)|\d{{1,2}}[./]\d{{1,2}}[./](?:19|20)?\d\d)", re.IGNORECASE)
    return _DAY_MONTH


def _date_only(folded: str) -> bool:
    """A date line: a date alone, or a place and a date ("New York, March 2024", "Genève, le 3 mars 2021")."""
    from .values.dates import MONTHS
    words = re.findall(r"[^\W\d_]+", folded)
    rest = [w for w in words if w not in MONTHS and w not in ("de", "del", "of", "to", "au", "al", "y", "et", "and",
                                                               "le", "el", "the", "on", "du")]
    dated = any(w in MONTHS for w in words) and bool(re.search(r"\d", folded))
    return len(rest) == 0 or (dated and len(rest) <= 3 and "," in folded)


def clean(title: str, site: bool = True) -> str:
    """The title without label words, numbering, decoration or the quotes around it (nor, unless site is False, the
    site's name after a web page's title), on one line."""
    w = _words()
    text = " ".join(title.split())
    for _ in range(3):
        before = text
        text = _DECORATION.sub("", text)
        text = _NUMBERING.sub("", text)
        m = w.label.match(fold(text).lower()) or w.label_head.match(fold(text).lower())
        if m and len(text[m.end() :].split()) >= 2:
            text = text[m.end() :]
        if len(text) > 2 and text[0] in _QUOTES and text[-1] in _QUOTES and not any(
                q in text[1:-1] for q in "\"\u201c\u201d\u00ab\u00bb"):
            text = text[1:-1].strip()
        text = text.strip().rstrip(":").strip()
        if text == before:
            break
    return without_site(text) if site else text


def _web_title(line: str) -> bool:
    """Is the line a web page's title, the site's name after it ("... | UN DESA")? At most a proposed title."""
    return clean(line) != clean(line, site=False)


# "Digital Government in Africa | UN DESA", "... – Nations Unies": a web page's title ends with the site's name.
_SITE_SEPARATOR = re.compile(r"\s+[|\u2013\u2014-]\s+(?=[^|\u2013\u2014]*$)")


def without_site(text: str) -> str:
    m = _SITE_SEPARATOR.search(text)
    if not m or len(text[: m.start()].split()) < MIN_WORDS:
        return text
    site = text[m.end() :].strip()
    if resolve_country(re.sub(r"\s*\([^()]{1,20}\)$", "", site)) or resolve_region(site):
        return text  # "... transfrontalière Haïti – République dominicaine (GEMUT)": a place the title names
    folded = fold(site).lower()
    w = _words()
    if len(site.split()) <= 8 and not w.title_noun.search(folded) and (w.org_head.match(folded) or _org_alone(site)):
        return text[: m.start()].rstrip()
    return text


def _alone(folded: str) -> str:
    """A line's words without edge punctuation, numbers and codes (what a document-type line is made of)."""
    return re.sub(r"[\s\d.,:;|/()\[\]\u2013\u2014-]+", " ", folded).strip()


def doc_type_rest(title: str) -> tuple[bool, str]:
    """(is it a document-type or part heading?, what follows it after a separator: perhaps the title)."""
    w = _words()
    folded = fold(title).lower()
    m = w.doc_type.match(folded)
    if not m:
        return False, ""
    rest = folded[m.end() :]
    sep = _DOC_SEPARATOR.match(rest)
    if sep:
        return True, title[m.end() + sep.end() :].strip()
    words = _alone(rest).split()
    # "Annex II", "Table 3", "Distr. General", "Fiche de projet n° 12", "Summary 2021": the heading alone.
    if not words or all(re.fullmatch(r"[ivxlc]{1,5}|[a-z]|n", x) for x in words) or _date_only(rest):
        return True, ""
    if re.fullmatch(r"\s*\([a-z]{2,6}\)\s*", rest):
        return True, ""  # "SOLICITUD DE PROPUESTAS (SDP)", "Terms of Reference (ToR)": the type and its initials
    # "Minutes of the third meeting ...", "Question écrite n° 1234 de ...", "Informe de la misión ...": the
    # document's own title, not the project's name (which a separator or quotes would set apart).
    return document_of(folded), ""


def rejection(title: str, kind: str = "heading") -> str:
    """Why this (cleaned) text is not a title ('' when it may be one)."""
    w = _words()
    folded = fold(title).lower()
    words = title.split()
    if not words:
        return "empty"
    if len(title) > 40 * MAX_WORDS:
        return "too long"  # read no further: every check below is on a line's length
    is_doc, rest = doc_type_rest(title)
    if is_doc or document_title(title):  # "INFORME SEMESTRAL - PRIMER SEMESTRE 2025": the document's own title
        return "a document's type or part"
    if fold_key(title) in w.sections or fold_key(title) in default_table().headings or project_section(title) or (
            section_opening(title)):
        return "a section heading"
    lab = match_label(f"{title}:")
    if lab is not None and not title[lab.end :].strip(" :"):
        return "a label"
    if w.publication_end.search(folded) or any(doc_type_rest(p)[0] for p in _PARTS.split(title)[1:]):
        return "a publication's name"
    never = never_reason(title)
    if never:
        return never
    if fact_line(title) is not None or meta_line(title):
        return _FACT_LINE
    if _date_only(folded) or _day_month().search(title):
        return "a date"
    if _ADDRESS.search(title):
        return "an address"
    if (w.org_head.match(folded) or body_name(title)) and not w.title_noun.search(folded):
        return "an organisation's name"
    if _DESCRIPTION.match(title):
        return "a description, not a name"  # "A regional initiative of ...", "Une initiative de ...", "Un programa de"
    if _WORD_CUT.search(title):
        return "a line cut in the middle of a word"  # "... y con la Asociación de Munici-": a paragraph's line
    if w.verb.search(folded) or (title.rstrip()[-1:] in ".!?" and len(words) >= 6) or _SENTENCES.search(title):
        return "a sentence"
    if len(words) > MAX_WORDS:
        return "too long"
    # A name the text quotes for its project ("«Catastro multipropósito»") may be short; a line alone may not.
    if len(words) < {"label": 1, "prose": 2}.get(kind, MIN_WORDS):
        return "too short"
    if _org_alone(title) and not w.title_noun.search(folded):
        return "an organisation's name"
    return labelled_fact(title) or not_a_title(title) or not_a_name(title, kind)


_DESCRIPTION = re.compile(r"^(?:An?|Une?|Una)\s+[a-z\u00e0-\u00ff]")
_GAP = re.compile(r"[ \t]{3,}")


def menu_row(line: str) -> str:
    """'Inicio    Quiénes somos    Cooperación    Proyectos', 'Print   Email   Download PDF': three short items or
    more set apart by wide gaps are a site's menu (or a table's row), never a title; '' otherwise."""
    parts = [p for p in _GAP.split(line.strip()) if p]
    return "a breadcrumb or a menu" if len(parts) >= 3 and all(len(p.split()) <= 3 for p in parts) else ""


def _org_alone(title: str) -> bool:
    from .values.orgs import resolve_organisation
    return resolve_organisation(title) is not None


def quoted_names(text: str, bold: bool = False) -> list[str]:
    """The names the text gives its project in quotes (or, with bold, in bold after a project word), in order, each
    once (cleaned, titles only)."""
    w = _words()
    folded = fold(text).lower()
    out: list[str] = []
    seen: set[str] = set()
    spans = sorted({(m.start("name"), m.end("name")) for m in w.quoted.finditer(folded)} | set(named_quotes(text))
                   | ({(m.start("name"), m.end("name")) for m in w.bold.finditer(folded)} if bold else set()))
    for start, end in spans:
        name = clean(text[start:end]).rstrip(",.;")
        key = fold_key(name)
        if key and key not in seen and not rejection(name, "prose") and not _another_project(text, start):
            seen.add(key)
            out.append(name)
    return out


def _another_project(text: str, start: int) -> bool:
    """Is the name quoted at `start` another project's ("builds on the project « ... »", "no confundir con ...")?"""
    while start > 0 and text[start - 1] in " \t\u00a0\"\u201c\u00ab":
        start -= 1
    return another_code(text, start)


def _capitals(text: str) -> bool:
    """Is the text written in capitals (three letters or more, none small)?"""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 3 and not any(c.islower() for c in letters)


def wraps_on(title: str, line: str) -> bool:
    """Is line the second line of a title wrapped over two ("... pour la" / "mise en oeuvre des ODD")?"""
    first, second = title.split(), line.split()
    if not first or not second or len(first) + len(second) > MAX_WORDS or line.rstrip()[-1:] in ".:;!?":
        return False
    if fact_line(line) is not None:
        return False  # "les Comores · Terminé · 2018–2021" under a title: the card's facts, not the title going on
    if _capitals(title) != _capitals(line):
        return False  # "STRENGTHENING TAX ADMINISTRATION IN ..." / "A regional initiative of ...": a subtitle
    c = _words().connectors
    last, nxt = fold(first[-1]).lower().strip(",'"), fold(second[0]).lower().strip(",")
    if title.rstrip()[-1:] in ".:;!?" or glued_sentence(" ".join(first + second)) == len(" ".join(first)) + 1:
        return False  # "Strengthening e-government in Bhutan" / "With a budget of ...": a sentence starts
    # A small first letter alone is not enough: "Digital Government in Africa" / "this project supports ..." is a
    # title and the summary's first line.
    return last in c or first[-1].endswith(("'", "\u2019")) or nxt in c


def ends_open(title: str) -> bool:
    """Does the title end on a word no title ends with ("... en México y", "... for the")? It was cut."""
    words = title.split()
    return bool(words) and title.rstrip()[-1:] not in ".:;!?)" and fold(words[-1]).lower() in _words().connectors


_FACT_LINE = "a card's line of facts (place, status, period)"
# What no label makes a title: the rest (a name, a date in the title, a verb, a length) may be one after all.
NAME_OVER_HEADLINE = "the name the text gives the project, not the heading"
_NEVER_TITLES = frozenset({"empty", "a document's type or part", "a section heading", "a label", "a publication's name",
                           "an address", "a cookie notice or a navigation link", "a breadcrumb or a menu",
                           "an e-mail's header", "a page number", "a code or a placeholder", "a labelled fact",
                           _FACT_LINE}) | _NOT_NAMES


NO_FACTS = _NO_FACTS = "a heading with no labelled facts under it"  # read by record_steps.countries
HEAD_LINE = _HEAD_LINE = "one of the lines at the record's head"  # read by record_steps.countries
_CLAUSE_CUT = "a sentence's clause cut off the line"
_EVENT = "an event's name, not said to be the project's"
UNCONFIRMED = frozenset({_NO_FACTS, _HEAD_LINE, _CLAUSE_CUT, _EVENT})
# ", which runs ...", ", qui vise ...", ", que se ejecuta ...": a relative clause after a name, never in a title.
_CLAUSE = re.compile(r",\s+(?:which|who|whose|qui|dont|lequel|laquelle|que|cuyo|cuya|el\s+cual|la\s+cual)\s",
                     re.IGNORECASE)


@dataclass(frozen=True)
class Choice:
    title: str
    sure: bool
    reason: str = ""  # why the title is only proposed, or why the one given was set aside


_INNER_QUOTE = re.compile(r"[\"\u201c\u00ab]\s*(?P<name>[^\"\u201c\u201d\u00ab\u00bb]{8,300}?)\s*[\"\u201d\u00bb]")


def same_title(a: str, b: str) -> bool:
    ka, kb = fold_key(a).strip(_QUOTES), fold_key(b).strip(_QUOTES)
    return ka == kb or (len(ka) > 12 and (ka in kb or kb in ka))


# A quotation a line opens and does not close: the name goes on on the next line.
_OPEN_QUOTE = re.compile(r"[\"\u201c\u00ab]\s*(?P<name>[^\"\u201d\u00bb]{8,})$")


def choose(current: str, kind: str, heads: list[str], quoted: list[str], news: bool = False,
           facts: bool = True) -> Choice:
    """The title among the candidates. kind says where `current` came from: label | prose | heading | ''; facts
    says whether the record's own labelled facts follow the heading (or the head lines) at once."""
    rejected = ""
    clause = _CLAUSE.search(current)
    if clause and len(current[: clause.start()].split()) >= MIN_WORDS:
        # "Registro social de hogares, que se ejecuta de junio de 2022 a ...": a sentence runs on after the name.
        got = choose(current[: clause.start()], kind, heads, quoted, news, facts)
        return Choice(got.title, False, _CLAUSE_CUT) if got.sure else got
    if current and _web_title(current):
        got = choose(clean(current), kind, heads, quoted, news, facts)
        if got.sure and same_title(got.title, clean(current)):
            return Choice(got.title, False, "a web page's title")
        return got
    subject, _rest = subject_rest(current)
    if subject and kind != "label":
        # "Subject: RE: ...", "Objet : TR: ...": an e-mail's subject tells what the mail is about, perhaps the name.
        choice = choose(_rest, kind, heads, quoted, news, facts)
        if not choice.sure or not same_title(choice.title, _rest):
            return choice
        return Choice(choice.title, False, "an e-mail's subject")
    if current:
        title = clean(current)
        why = rejection(title, kind) or menu_row(current)
        inner = _INNER_QUOTE.search(title)
        if not why and inner and inner.group(0) != title:
            # '[A] «Evaluación de ...» — Argentina, Brasil', 'Consultoría para ... del proyecto «...»': the name quoted.
            name = clean(inner.group("name"))
            if not rejection(name):
                return Choice(name, any(same_title(q, name) for q in quoted) and len(quoted) == 1 and not news,
                              f"the name quoted in {' '.join(current.split())!r}")
        if not why and kind == "prose" and quoted and not any(same_title(q, title) for q in quoted):
            # A quoted phrase of a paragraph (an event's name, a platform's) against the name given the project.
            return Choice(quoted[0], len(quoted) == 1, "" if len(quoted) == 1 else "the text names several projects")
        if not why and kind == "prose" and not quoted:
            # A phrase in quotes the text does not say is its project's name (a report's, a workshop's, a motto).
            return Choice(title, False, "a phrase in quotes, not said to be the project's name")
        if not why and kind in ("label", "prose"):
            # One word under a title label ("Projet : Mali", "Proyecto: SIGEF") is a country, an acronym, a code.
            return Choice(title, True) if len(title.split()) > 1 else Choice(title, False, "one word")
        if not why:
            others = [q for q in quoted if not same_title(q, title)]
            if news and quoted:
                return Choice(quoted[0], len(quoted) == 1)  # a news item's headline tells news, not the name
            opened = _OPEN_QUOTE.search(title)  # 'The project "Strengthening ... Public' / 'Budgeting in ..."'
            begun = [q for q in others if opened and fold_key(q).startswith(fold_key(opened.group("name")))]
            if begun:
                return Choice(begun[0], False, f"the name quoted from {' '.join(current.split())!r}")
            if others and not facts and len(quoted) == 1 and not self_named(title):
                # "## Digital ID and inclusion: wrapping up in Malawi" / "Our project **Inclusive Digital Identity
                # ...**": a headline with no facts under it, and the one name the text gives its project.
                return Choice(quoted[0], True, f"{NAME_OVER_HEADLINE} {title!r}")
            if others and not any(same_title(q, title) for q in quoted):
                return Choice(title, False, f"the text names the project {others[0]!r}")
            if news:
                return Choice(title, False, "a news item's headline")
            if not facts and not self_named(title) and not any(same_title(q, title) for q in quoted):
                # A document's first line, a headline, a section's heading: no label and no facts under it.
                return Choice(title, False, _NO_FACTS)
            if event_name(title) and not self_named(title):
                return Choice(title, False, _EVENT)  # "Regional Workshop on ...": an event's name, perhaps no project's
            return Choice(title, True)
        if kind == "label" and why not in _NEVER_TITLES:
            return Choice(title, False, why)  # a label says it is the title: what it holds is proposed at worst
        rejected = f"{why}: {' '.join(current.split())!r}"
    if quoted:
        return Choice(quoted[0], len(quoted) == 1, "" if len(quoted) == 1 else "the text names several projects")
    kept: list[str] = []
    web = False
    for line in heads:
        t = clean(line)
        web = web or _web_title(line)
        is_doc, rest = doc_type_rest(t)
        if is_doc and rest and not rejection(clean(rest)):
            kept.append(clean(rest))
        elif t[:1].isupper() and not rejection(t) and not menu_row(line):
            kept.append(t)
    if current:
        is_doc, rest = doc_type_rest(clean(current))
        if is_doc and rest and not rejection(clean(rest)):
            kept.append(clean(rest))
    if kept:
        sure = len(kept) == 1 and len(kept[0].split()) >= 4 and not news and not web and (facts or self_named(kept[0]))
        if web and not rejected:
            rejected = "a web page's title"
        return Choice(kept[-1], sure, rejected or _HEAD_LINE)
    return Choice("", False, rejected)
