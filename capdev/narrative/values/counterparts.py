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
from .prose_names import name_extent

# What may stand between the verb and the body: a short span with no stop, no bracket and no other clause
# ("de mars à décembre 2021", "in 2022"), then an article or a preposition with its article.
_MONTHS = (r"jan\w*|feb\w*|mar\w*|apr\w*|may|jun\w*|jul\w*|aug\w*|sep\w*|oct\w*|nov\w*|dec\w*|"
           r"janv\w*|f[eé]v\w*|avr\w*|mai|juin|juil\w*|ao[uû]t|d[eé]c\w*|ene\w*|abr\w*|ago\w*|dic\w*")
# Case counts here: a capitalised word that is no month may open the name itself ("the Civil Service Commission").
_GAP = rf"(?-i:(?:(?!(?:by|par|por|through|via|with|avec|con)\s)(?:[a-z\u00e0-\u00ff][\w'’-]*|\d[\d,./-]*|(?i:{_MONTHS})\b)\s+){{0,6}}?)"
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
        if re.match(r"[A-Z]{2,}\b", text[m.start("head") :]):
            continue  # an acronym that merely spells a head ("OFFICE"): no name to read
        phrase = text[at : at + limit]
        # "le ministère de l'Industrie": a name written with a small head is still a name; read it capitalised
        # (same length, so the extent maps back onto the words as written).
        name = name_extent(phrase[:1].upper() + phrase[1:])
        if not name or len(name.split()) < 2:
            continue  # "the Office": no proper name follows the head
        written = _trim(phrase[: len(name)])
        if written not in out:
            out.append(written)
    return out


# Words that end a name written with small words inside it ("Ministère de la Fonction publique du Gabon dans la
# préparation ..."): a preposition that opens what the body does, or a clause.
_ENDS_NAME = frozenset(
    "in on to during since from between with into within across as which who that where dans en pour sur pendant depuis "
    "entre avec afin qui que dont lors para con durante desde sobre mediante cuyo cuya donde".split())
_CONNECTS = frozenset("of for and the de du des la le les et y del d l".split())


def _trim(name: str) -> str:
    """name up to the first small word that is neither a connector nor an adjective after a capitalised word."""
    words = name.split()
    kept: list[str] = []
    for i, w in enumerate(words):
        low = re.sub(r"^[dl]['’]", "", w.lower()) or w.lower()
        if i and low in _ENDS_NAME:
            break
        kept.append(w)
    while kept and (kept[-1].lower() in _CONNECTS or re.fullmatch(r"[dl]['’]", kept[-1].lower())):
        kept.pop()
    return " ".join(kept).strip(" ,.;")
