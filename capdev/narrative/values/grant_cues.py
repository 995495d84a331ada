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
            rf"\s+(?:{sources}|of)(?=\s|['’])")


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
    return out
