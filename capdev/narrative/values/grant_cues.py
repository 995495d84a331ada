"""Cues of funding built from their parts rather than listed phrase by phrase, so that wordings no list holds still
name who pays: a head ("thanks to", "with", "through", "under", "grâce à", "avec", "con", "gracias a", "mediante"),
an article, perhaps an adjective ("generous", "additional"), a noun of money ("a grant", "resources", "funds", "une
subvention", "des ressources", "recursos", "una donación") and the preposition before the funder ("from", "of",
"de", "du", "del", "provided by", "otorgada por"): "thanks to a grant from the Government of Finland", "with
resources from Sida", "grâce à une dotation de la Banque mondiale", "con recursos adicionales de la AECID".

A noun that may mean help as well as money ("support", "appui", "apoyo", "contribution") is not one of them: the
cues of support read those (data/prose_cues.json, support_cues). The words are data (data/role_cues.json:
gapped_funding_heads, grant_adjectives, grant_nouns, gapped_funding_from). The pattern has no nested repetition."""
from __future__ import annotations

import functools
import re

from ..folding import fold
from . import role_cues as _cues
from .money import money_spans

_ARTICLE = r"(?:(?:a|an|the|its|their|un|une|le|la|les|des|el|los|las|una|unos|unas|sus?|ses|leurs?)\s+|l['’]\s?)"


@functools.cache
def grant_cue_pattern() -> str:
    """The cue as a pattern over accent-folded text, ending where the funder's name (or its article) begins."""
    heads = _cues.alternation("gapped_funding_heads")
    adjectives = _cues.alternation("grant_adjectives")
    nouns = _cues.alternation("grant_nouns")
    sources = _cues.alternation("gapped_funding_from")
    return (rf"(?:{heads})\s+{_ARTICLE}?(?:(?:{adjectives})\s+)?(?:{nouns})(?:\s+(?:{adjectives}))?"
            rf"\s+(?:{sources}|of)(?=\s|['’])|{gapped_paying_pattern()}|{source_link_pattern()}"
            rf"|(?:{paying_participles()})\s+(?:by|par|por)(?=\s)|{funding_origin_pattern()}|{gift_pattern()}")


@functools.cache
def gift_pattern() -> str:
    """An indefinite article, a noun of a gift or a loan, a few adjectives and the giver's preposition: "a grant
    from ", "d'un prêt concessionnel de ", "una cooperación técnica no reembolsable del ". The indefinite article
    says a gift is meant ("the funding of the training" names what is paid for, not who pays); a noun that may mean
    help ("a contribution of the Ministry to the debate") counts only with an adjective of money. The caller keeps
    only a name in capitals after it (data/role_cues.json: gift_nouns, help_nouns, money_adjectives,
    gift_adjectives)."""
    gifts, helps = _cues.alternation("gift_nouns"), _cues.alternation("help_nouns")
    money, others = _cues.alternation("money_adjectives"), _cues.alternation("gift_adjectives")
    adjectives = f"{money}|{others}"
    return (rf"(?<![\w-])(?:d['’]\s?)?(?:a|an|un|une|una)\s+(?:(?:{adjectives})\s+)?"
            rf"(?:(?:{gifts})(?:\s+(?:{adjectives})){{0,3}}|(?:{helps})(?:\s+(?:{others}))?\s+(?:{money})"
            rf"(?:\s+(?:{others}))?)\s+(?:from|of|de|du|del|d['’])(?=\s|(?<=['’]))")


@functools.cache
def paying_participles() -> str:
    """The passive participles of the verbs of paying, listed (gapped_paying_participles) and built from each
    language's stems and endings (data/role_cues.json, paying_stems): "subsidised", "subventionnées",
    "subvencionado", "costeada"; longest first."""
    built = {f"{stem}{ending}" for lang in _cues.table()["paying_stems"].values() for stem in lang["stems"]
             for ending in lang["endings"]}
    phrases = {p.lower() for p in _cues.table()["gapped_paying_participles"]} | built
    return "|".join(_cues.phrase_pattern(p) for p in sorted(phrases, key=lambda s: (-len(s), s)))


@functools.cache
def funding_origin_pattern() -> str:
    """A noun of money as the subject of a verb that says where it comes from, and the payer's preposition:
    "Funding comes from ", "the funds for this phase are provided by ", "le financement provient de ", "les
    fonds sont apportés par ", "la financiación corre a cargo de ", "los recursos provienen del ". Up to eight
    words between the noun and the verb ("for the second phase", "for the Audit Modernisation Project in Jamaica"),
    none of them a stop."""
    nouns = _cues.alternation("grant_nouns")
    origins = _cues.alternation("funding_origins")
    gap = r"(?:\s+[^\s.,;:!?()]+){0,8}?"
    return (rf"(?<![\w'-])(?:{nouns}){gap}\s+(?:{origins})\s+(?:mainly\s+|principalement\s+|principalmente\s+)?"
            rf"(?:from|by|par|por|de|du|des|del|d['’])(?=\s|(?<=['’]))")


@functools.cache
def source_link_pattern() -> str:
    """A participle of paying and the link to the budget mechanism it names, with the tranche that opens the
    mechanism's name ("funded under the 12th tranche of the ", "financé au titre de la 13e tranche du ",
    "financiado con cargo al 14.º tramo de la "): the name that follows is the funding source. Read only where a
    mechanism (data/role_cues.json: donor_mechanisms, mechanism_codes, a tranche) follows within a few words."""
    participles = paying_participles()
    links = _cues.alternation("source_links")
    codes = _cues.table()["mechanism_codes"]
    mechanisms = "|".join([_cues.alternation("donor_mechanisms"), "tranche", "tramo", *codes])
    ordinal = r"(?:\d{1,3}\s?(?:st|nd|rd|th|e|eme|er|re|[.]?\s?[oa\u00ba\u00aa])|[a-z]+(?:th|ieme|[oa]))"
    tranche = rf"(?:\s+{_ARTICLE}?{ordinal}\s+(?:tranche|tramo)\s+(?:of|de|du|del)(?=\s))"
    return (rf"(?:{participles})(?![\w-])\s+(?:{links})(?=\s+(?:[\w'’.-]+\s+){{0,5}}?(?:{mechanisms})(?![\w-]))"
            rf"(?-i:{tranche})?")


@functools.cache
def gapped_paying_pattern() -> str:
    """A participle of paying, a short gap, the agent's preposition: "financed entirely by", "funded in 2021 by",
    "financé à hauteur de 450 000 $ US par", "financiado en un 80 % por". The gap (2 to 60 characters, one clause)
    holds no verb and no word that opens another clause (data/role_cues.json, gapped_paying_stops), nor an English
    participle in -ed or a Spanish one in -ado/-ido ("funded in 2021 and delivered by" names no payer); the
    pattern ends before the agent's name. Each gap word is taken once: the match stays linear."""
    participles = paying_participles()
    stops = _cues.alternation("gapped_paying_stops")
    word = (rf"(?!(?:{stops})(?![\w'’-]))(?![\w'’-]*(?:ed|ad[oa]s?|id[oa]s?)(?![\w'’-]))"
            r"[\w'’%$€£.,/()-]+")
    return (rf"(?:{participles})(?![\w-])(?=(?:[^.;:!?\n]|\.(?=\d)){{2,60}}?\s(?:by|par|por)\s)"
            rf"(?:,?\s+{word}){{1,10}}?\s+(?:by|par|por)(?![\w'’-])")


@functools.cache
def _paid_by_rx() -> re.Pattern[str]:
    return re.compile(rf"\s(?:{_cues.alternation('paid_by_participles')})\s+(?:by|par|por)\s+", re.IGNORECASE)


def paid_by_ends(text: str) -> list[int]:
    """Where the payer's name begins after a sum of money and a participle of paying ("EUR 500,000 provided by ",
    "500 000 EUR apportés par ", "USD 300.000 aportados por "): the sum must end right before the participle."""
    if not isinstance(text, str) or not text:
        return []
    out = []
    for m in _paid_by_rx().finditer(fold(text)):
        spans = money_spans(text[max(0, m.start() - 40) : m.start()])
        if spans and spans[-1][1] == min(40, m.start()):
            out.append(m.end())
    return out + endowed_by_ends(text)


@functools.cache
def _endowed_rx() -> re.Pattern[str]:
    return re.compile(rf"(?<![\w'-])(?:{_cues.alternation('endowing_participles')})\s+"
                      r"(?:de\s+|d['’]\s?|with\s+|con\s+)?(?P<sum>[^.;:!?\n]{2,40}?)\s+(?:by|par|por)\s+",
                      re.IGNORECASE)


def endowed_by_ends(text: str) -> list[int]:
    """Where the payer's name begins after a participle of endowing, a sum of money and nothing else, and "by" /
    "par" / "por" ("est doté de 6 000 000 EUR par ", "está dotado con USD 2 millones por ", "endowed with EUR 3
    million by "); "doté d'un comité présidé par" names no payer: the gap must be the sum alone (data/role_cues.json,
    endowing_participles)."""
    out = []
    for m in _endowed_rx().finditer(fold(text)):
        gap = text[m.start("sum") : m.end("sum")]
        spans = money_spans(gap)
        if len(spans) == 1 and spans[0][0] == 0 and re.fullmatch(r"\s*(?:US|\(?[A-Z]{3}\)?)?\s*", gap[spans[0][1] :]):
            out.append(m.end())
    return out
