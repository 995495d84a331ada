"""The country an office that runs the project sits in (round 19): "managed from the UNDP Country Office in
Guatemala", "géré par le bureau pays du PNUD au Mali", "la oficina de país del PNUD en Honduras".

A country office (a field office, a project office) runs projects in the country it sits in; named as where the
project is run, it says which country is served, where nothing else does: values.suggest_countries hears it among
its weaker readers (a suggestion, FLAGGED). The office words are data (data/role_cues.json "field_offices"); a
regional office or a headquarters is no such office. Between the office and its country: the body's name or a few
words ("of UNDP", "du PNUD"), within the clause, then "in / en / au / aux / à" and the country."""
from __future__ import annotations

import functools
import re

from ..folding import fold
from . import role_cues as _cues
from .places import find_countries

__all__ = ["office_countries"]


@functools.cache
def _office_before() -> re.Pattern[str]:
    """An office word, a short stretch of its clause, then the preposition of place, right before a country."""
    return re.compile(rf"(?<![\w'-])(?:{_cues.alternation('field_offices')})(?![\w-])[^.;:\n]{{0,40}}?"
                      r"\s(?:in|en|au|aux|a|dans)\s+(?:the\s+|la\s+|le\s+|les\s+|el\s+|l['’]\s?)?$", re.IGNORECASE)


def office_countries(text: str) -> list[str]:
    """The countries a country or field office sits in, as the text names them after it, in order."""
    if not isinstance(text, str) or not text:
        return []
    folded = fold(text)
    found = [c.iso3 for c in find_countries(text)
             if _office_before().search(folded[max(0, c.start - 90) : c.start])]
    return list(dict.fromkeys(found))
