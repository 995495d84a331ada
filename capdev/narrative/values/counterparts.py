"""National counterparts named in prose as the body the project supports: "the Division advised the Civil Service
Commission of Lesotho", "la Division a appuyé de mars à décembre 2021 le Ministère de la Fonction publique du
Gabon", "se asesoró a la Oficina Nacional del Servicio Civil (ONSC)". The body supported is a partner (the hand
labels list such counterparts among partners); it is taken only when its name opens with a word that begins a public
institution's name (a ministry, an office, a commission), never a government or a country, which is the country
served. The verbs and heads are data (data/role_cues.json: support_verbs, institution_heads)."""
from __future__ import annotations

import functools
import re

from ..folding import fold
from . import role_cues as _role_cues

# What may stand between the verb and the body: a short span with no stop, no bracket and no other clause
# ("de mars à décembre 2021", "in 2022"), then an article or a preposition with its article.
_MONTHS = (r"jan\w*|feb\w*|mar\w*|apr\w*|may|jun\w*|jul\w*|aug\w*|sep\w*|oct\w*|nov\w*|dec\w*|"
           r"janv\w*|f[eé]v\w*|avr\w*|mai|juin|juil\w*|ao[uû]t|d[eé]c\w*|ene\w*|abr\w*|ago\w*|dic\w*")
# Case counts here: a capitalised word that is no month may open the name itself ("the Civil Service Commission").
_GAP = (rf"(?-i:(?:(?!(?:by|par|por|through|via|with|avec|con)\s)"
        rf"(?:[a-z\u00e0-\u00ff][\w'’-]*|\d[\d,./-]*|(?i:{_MONTHS})\b)\s+){{0,6}}?)")
_ARTICLE = r"(?:the|le|la|les|l['’]\s?|au|aux|a\s+la|a\s+los|a\s+las|al|el|los|las)"


@functools.cache
def _support_rx() -> re.Pattern[str]:
    verbs = _role_cues.alternation("support_verbs")
    heads = _role_cues.alternation("institution_heads")
    return re.compile(
        rf"(?<![\w'-])(?:{verbs})\s+{_GAP}(?:{_ARTICLE}\s*)?"
        rf"(?P<name>(?-i:(?:[A-Z\u00c0-\u00de][\w'’-]*\s+){{0,3}}))(?P<head>(?:{heads}))(?![\w-])",
        re.IGNORECASE,
    )


def supported_institutions(text: str, limit: int = 200) -> list[str]:
    """The institutions named after a support verb, each as written from its head noun to the end of its name
    ("Ministère de la Fonction publique du Gabon"), in the order written, each once."""
    if not isinstance(text, str) or not text:
        return []
    folded = fold(text)
    out: list[str] = []
    for m in _support_rx().finditer(folded):
        at = m.start("name")
        if not text[at].isupper() and not m.group("head").lower().startswith("minist"):
            continue  # "supported the direction of the reform": only a ministry is written with a small head
        if re.match(r"[A-Z]{2,}\b", text[m.start("head") :]):
            continue  # an acronym that merely spells a head ("OFFICE"): no name to read
        whole = " ".join(_extent(text[at : at + limit]).split())
        if len(whole.split()) < 2 or not re.search(r"[\s'’][A-Z\u00c0-\u00de]", whole) and not whole[0].isupper():
            continue  # "the Office", "le ministère concerné": no proper name follows the head
        written = _without_country(whole)
        if written not in out:
            out.append(written)
    return out


# Words that end a name written with small words inside it ("Ministère de la Fonction publique du Gabon dans la
# préparation ..."): a preposition that opens what the body does, or a clause.
_ENDS_NAME = frozenset(
    "in on to during since from between with into within across as which who that where "
    "dans en pour sur pendant depuis entre avec afin qui que dont lors "
    "para con durante desde sobre mediante cuyo cuya donde".split())
_DETERMINERS = frozenset(
    "the a an its their his her le la les un une son sa ses leur leurs el los las una su sus".split())
_CONNECTS = frozenset("of for and the de du des la le les et y del d l".split())


# The name stops at a clause's punctuation or at a bracket that is not its acronym ("(projet BEN/22/004, ...)").
_STOP = re.compile(r"[,;:.!?]|\n\s*\n|\((?![A-Z][A-Za-z&\-]{1,15}\))|\s[-–—]\s")


# "Ministry of Labour, Employment and Social Security": after a comma, capitalised words up to a final "and X"
# go on naming the portfolio of one body.
_CAP = r"[A-Z\u00c0-\u00de][\w'’-]*"
_PORTFOLIO = re.compile(rf",\s*(?:{_CAP}\s*,\s*){{0,4}}{_CAP}(?:\s+{_CAP})?\s+(?:and|et|y|&)\s+[A-Z\u00c0-\u00de]")


def _extent(phrase: str) -> str:
    at = 0
    while True:
        m = _STOP.search(phrase, at)
        if m and m.group(0) == "," and _PORTFOLIO.match(phrase, m.start()):
            at = m.end()
            continue
        return _trim(phrase[: m.start()] if m else phrase)


# A date after a name: "de juin 2022", "desde enero de 2021", "du 3 mars 2023", "de 2021": a preposition, at most
# three short words, a year.
_WHEN = re.compile(r"(?:de|du|from|desde|entre|between|en|in|since|depuis)\s+(?:[\w.]{1,10}\s+){0,3}?(?:19|20)\d\d\b",
                   re.IGNORECASE)


def _trim(name: str) -> str:
    """name up to the first small word that is neither a connector nor an adjective after a capitalised word."""
    words = name.split()
    kept: list[str] = []
    for i, w in enumerate(words):
        low = re.sub(r"^[dl]['’]", "", w.lower()) or w.lower()
        if i and low in _ENDS_NAME:
            break
        if i and _WHEN.match(" ".join(words[i : i + 5])):
            break  # "le Bureau organisation et méthodes de juin 2022 à mai 2024": when, not who
        if i and w[:1].islower() and low not in _CONNECTS and words[i + 1 : i + 2] and (
                words[i + 1].lower() in _DETERMINERS):
            break  # "the National Registration Bureau link the national ID": a verb and its object
        kept.append(w)
    while kept and (kept[-1].lower() in _CONNECTS or re.fullmatch(r"[dl]['’]", kept[-1].lower())):
        kept.pop()
    return " ".join(kept).strip(" ,.;")


# A sentence's subject: a capitalised word and up to ten more (small words too: "École nationale d'administration"),
# an acronym in brackets, after an article; anchored at a sentence's start, so each attempt reads a bounded span.
_SUBJECT = re.compile(
    r"(?:^|(?<=[.!?])\s+|\n\s*\n)\s*(?:(?:the|le|la|les|el|los|las)\s+|l['’]\s?)?"
    r"(?P<name>(?-i:[A-Z\u00c0-\u00de][\w'’&-]*(?:\s+[\w\u00c0-\u00ff][\w'’&-]*){0,10}"
    r"(?:\s+\([A-Z][A-Za-z&-]{1,15}\))?))\s+",
    re.IGNORECASE,
)


@functools.cache
def _co_working_rx() -> re.Pattern[str]:
    return re.compile(rf"{_SUBJECT.pattern}(?:{_role_cues.alternation('co_working_verbs')})(?![\w-])", re.IGNORECASE)


# "L'Institut ... a co-organisé", "The School has co-hosted": the auxiliary is the verb's, not the name's.
_AUXILIARY = re.compile(r"(?:\s+(?:a|ont|ha|han|has|have|had|will|shall|est|sont|va|vont|habia|había|avait|avaient))+$")


def co_working_subjects(text: str) -> list[str]:
    """The bodies that open a sentence whose verb says they worked with the project on it ("The African Union
    Leadership Academy co-facilitated the sessions"), as written, each once."""
    if not isinstance(text, str) or not text:
        return []
    folded = fold(text)
    out: list[str] = []
    for m in _co_working_rx().finditer(folded):
        name = _AUXILIARY.sub("", " ".join(text[m.start("name") : m.end("name")].split()))
        if _a_body(name) and name not in out:
            out.append(name)
    return out


def _a_body(name: str) -> bool:
    """Is a sentence's subject an organisation other than our unit: a known one, an acronym, or two words or more
    with a word that heads an institution's name ("Experts from the region" and "The Division" are none)."""
    from .orgs import _is_acronym, resolve_organisation, resolve_unit
    from .partners import _ORG_HEADS

    if resolve_unit(name) or _role_cues.words_rx("own_units").fullmatch(fold(name)):
        return False
    if resolve_organisation(name) is not None or _is_acronym(name) or re.search(r"\([A-Z][A-Za-z&-]{1,15}\)$", name):
        return True
    words = name.split()
    if len(words) < 2:
        return False  # "The Division", "La Academia": a head alone is our unit or a body not named
    heads = {h.casefold() for h in _ORG_HEADS} | {h.casefold() for h in _role_cues.table()["institution_heads"]}
    return len(words) >= 2 and any(w.casefold() in heads for w in words)


# The last "of/de <Country>" of a name (names are short: read at most _extent's limit, so the greedy head is cheap).
_COUNTRY_TAIL = re.compile(r"^(?P<head>.*)\s+(?:of|in|de|du|des|d['’]|del)\s*(?:the\s+|la\s+|el\s+|l['’]\s?)?"
                           r"(?P<country>[A-Z\u00c0-\u00de][\w'’ -]{2,40})$")


def _without_country(name: str) -> str:
    """"ministère de l'Industrie et du Commerce de Madagascar" -> "ministère de l'Industrie et du Commerce": the
    country is the one served (the record says so), the body's name is what its own documents call it."""
    from .partners import is_country_name

    m = _COUNTRY_TAIL.match(name)
    if m and is_country_name(m.group("country")) and len(m.group("head").split()) >= 3:
        return m.group("head")
    return name
