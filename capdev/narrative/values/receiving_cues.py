"""A verb of receiving and a noun of money before who pays ("receives funding from", "bénéficie d'un financement
de", "recibe fondos del"): a cue of funding built from parts like those of values/grant_cues.py, kept apart from it
because it asks values/funding.py whether the name surely pays, and funding reads grant_cues' patterns."""
from __future__ import annotations

import functools
import re

from ..folding import fold
from . import role_cues as _cues
from .funding import pays_surely
from .grant_cues import _ARTICLE
from .prose_names import name_extent


@functools.cache
def _receiving_rx() -> re.Pattern[str]:
    adjectives = _cues.alternation("grant_adjectives")
    return re.compile(rf"(?<![\w'-])(?:{_cues.alternation('receiving_heads')})(?:\s+|(?<=['’])){_ARTICLE}?"
                      rf"(?:(?:{adjectives})\s+)?(?:{_cues.alternation('grant_nouns')})(?:\s+(?:{adjectives}))?"
                      rf"\s+(?:{_cues.alternation('gapped_funding_from')})(?:\s+|(?<=['’]))", re.IGNORECASE)


def receiving_cue_ends(text: str) -> list[int]:
    """Where the payer's name begins after a verb of receiving and a noun of money ("receives funding from ",
    "bénéficie d'un financement de ", "recibe fondos de la ", "cuenta con recursos del "): only where that name
    surely pays (a government, an agency, a bank, a donor: values/funding.pays_surely), since who receives may be
    another than the project ("the ministry received resources from the Treasury")."""
    if not isinstance(text, str) or not text:
        return []
    folded = fold(text)
    out = []
    for m in _receiving_rx().finditer(folded):
        rest = re.sub(r"^(?:the|la|le|el|l['’]|del?|du|des)\s*", "", text[m.end() : m.end() + 160], flags=re.I)
        name = name_extent(re.split(r"[.;]\s", rest)[0])
        if name and pays_surely(name):
            out.append(m.end())
    return out
