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

from . import role_cues as _cues

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
