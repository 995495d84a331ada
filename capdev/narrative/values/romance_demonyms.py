"""French and Spanish adjectives of nationality, written after their noun ("le service public canadien", "la
experiencia del servicio civil chileno"), as mentions of the country that begin where the noun phrase does: the
words before the phrase say whether the country is served or only compared, paid by or visited
(values/who_is_served.py reads them as it reads the English "Chilean civil service")."""
from __future__ import annotations

import re

from ..folding import fold
from .places import CountryMention
from .prose_facts import _romance_demonyms

__all__ = ["romance_mentions"]

_WORD_BEFORE = re.compile(r"([a-z\u00e0-\u00ff-]+)\s+$")
_FUNCTION_WORDS = frozenset({"de", "del", "du", "des", "la", "le", "les", "el", "los", "las", "en", "a", "al", "au",
                             "aux", "et", "y", "ou", "o", "con", "avec", "por", "par", "pour", "para", "que", "qui"})
_MAX_NOUN_WORDS = 3


def romance_mentions(text: str) -> list[CountryMention]:
    """Each lower-case French or Spanish adjective of nationality, from the start of the nouns it follows."""
    if not isinstance(text, str) or not text:
        return []
    folded = fold(text)
    scanner, forms = _romance_demonyms()
    out: list[CountryMention] = []
    for m in scanner.finditer(folded):
        start = m.start()
        for _ in range(_MAX_NOUN_WORDS):
            w = _WORD_BEFORE.search(folded, max(0, start - 40), start)
            if not w or w.group(1) in _FUNCTION_WORDS:
                break
            start = w.start(1)
        out.append(CountryMention(start, m.end(), forms[m.group(0)], text[start : m.end()]))
    return out
