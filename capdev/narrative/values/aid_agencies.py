"""Countries named in the name of their own aid agency, wherever the text names it: a country that pays, never one
served. The names are built alike in the three languages: "Agencia Mexicana de Cooperación Internacional para el
Desarrollo", "Agence française de développement", "Agência Brasileira de Cooperação" (agency, the country's
adjective, a word of cooperation or development); "the Norwegian Agency for Development Cooperation", "Swedish
International Development Cooperation Agency", "Japan International Cooperation Agency" (the country or its
adjective, then the agency's words). Read case-free on folded text, each match bounded to a few words."""
from __future__ import annotations

import functools
import json
import re
from pathlib import Path

from ..folding import fold
from . import prose_facts as _prose
from . import role_cues as _cues
from .places import find_countries, find_demonyms

__all__ = ["agency_countries"]

_DATA = Path(__file__).resolve().parent.parent / "data"

# A word of development that qualifies itself ("agencia ... de desarrollo municipal") names a domestic body.
_AID_WORD = (r"(?:cooperation|cooperacion|cooperacao|(?:developpement|desarrollo|desenvolvimento)(?!\s+(?:municipal|"
             r"local|regional|rural|territorial|urbain|urbano|agricole|agricola|economique|economico|social)))")
_EN_AGENCY = re.compile(
    r"\s+(?:international\s+)?(?:development\s+)?(?:cooperation\s+)?agency(?![\w-])"
    r"|\s+agency\s+for\s+(?:international\s+)?(?:development|cooperation)(?![\w-])", re.IGNORECASE)


@functools.cache
def _romance_rx() -> tuple[re.Pattern[str], dict[str, str]]:
    """agence / agencia, a paying country's adjective (any gender and number), then a word of cooperation or
    development."""
    forms: dict[str, str] = {}
    more = json.loads((_DATA / "aid_agencies.json").read_text(encoding="utf-8"))["agency_adjectives"]
    for table in (_cues.table()["funder_adjectives"], more):
        for iso3, words in table.items():
            for i, word in enumerate(words):
                for form in _prose._inflections(fold(word).lower(), i == 0):
                    forms.setdefault(form, iso3)
    adjectives = "|".join(re.escape(f) for f in sorted(forms, key=lambda s: (-len(s), s)))
    rx = re.compile(rf"(?<![\w-])(?:agence|agencia)\s+(?P<adj>{adjectives})\s+(?:(?:de|pour|para|por)\s+"
                    rf"(?:(?:le|la|el|l')\s*)?)?(?:(?:international|internationale|internacional)\s+(?:de\s+|"
                    rf"pour\s+(?:le\s+)?|para\s+el\s+)?)?{_AID_WORD}(?![\w-])")
    return rx, forms


def agency_countries(text: str) -> list[str]:
    """ISO3 codes of the countries whose aid agency the text names, in order."""
    if not isinstance(text, str) or not text:
        return []
    found: list[tuple[int, str]] = []
    rx, forms = _romance_rx()
    for m in rx.finditer(fold(text).lower()):
        found.append((m.start(), forms[m.group("adj")]))
    for c in find_countries(text) + find_demonyms(text):
        if _EN_AGENCY.match(text, c.end):
            found.append((c.start, c.iso3))
    return list(dict.fromkeys(iso3 for _, iso3 in sorted(found)))
