"""A funding value that names the instrument of a gift or a loan with its number: "Don IDA n° E1184-GN", "Grant
TF-0B1234 (World Bank)", "Préstamo BID 4567/OC-PE", "Crédit IDA 6543-BJ", "Loan No. 3345-KG from the Asian
Development Bank". Who gives it is the payer named beside the noun (a funding partner); the noun and the number are
no body. The nouns are data/role_cues.json (gift_nouns, help_nouns) and a few words of agreement ("accord de don",
"grant agreement", "convenio de préstamo"); the caller keeps the payer only when it is a body that pays
(values/funding.py)."""
from __future__ import annotations

import functools
import re

from ..folding import fold
from . import role_cues as _cues

_NUMBER = r"(?:(?:n[°ºo]|no\.?|nr\.?|num\.?|#)\s*)?(?=[A-Z0-9-]*\d)[A-Z0-9][A-Z0-9/.-]{2,}"
def _payer(group: str) -> str:
    """A payer's name: a capitalised word and up to eight more (small linking words among them)."""
    return (rf"(?P<{group}>(?-i:[A-Z][\w&'’.-]*(?:\s+(?:[A-Z][\w&'’.-]*|of|for|de|du|des|del|la|le|el|the|pour|para|"
            rf"et|y|and)){{0,8}}))")



@functools.cache
def _instrument_rxs() -> tuple[re.Pattern[str], ...]:
    """The noun, the payer, the number ("Don IDA n° E1184-GN"); the noun, the number, the payer ("Grant TF-0B1234
    (World Bank)", "Loan No. 3345-KG from the Asian Development Bank")."""
    nouns = f"{_cues.alternation('gift_nouns')}|{_cues.alternation('help_nouns')}"
    agreement = r"(?:(?:accord|convention|contrat|agreement|convenio|contrato)\s+(?:de\s+|of\s+)?)?"
    link = r"(?:\s+(?:from|of|de|du|del|de\s+la|de\s+l['’]|d['’]|of\s+the)\s*)?"
    article = r"(?:(?:the|la|le|el|l['’])\s*)?"
    return (re.compile(rf"^\s*{agreement}(?:{nouns})(?:\s+|{link}){article}{_payer('payer')}\s*,?\s+{_NUMBER}\s*$",
                       re.IGNORECASE),
            re.compile(rf"^\s*{agreement}(?:{nouns})\s+{_NUMBER}\s*(?:\(\s*{_payer('payer')}\s*\)|\s+(?:from|of|de|du|del)\s+"
                       rf"{article}{_payer('after')})\s*$", re.IGNORECASE),
            # no number, the giver after its preposition: "Don du Japon", "Grant from the Government of Ireland"
            re.compile(rf"^\s*{agreement}(?:{nouns})\s+(?:from|of\s+the|de|du|del|de\s+la|de\s+l['’]|d['’])\s*"
                       rf"{article}{_payer('payer')}\s*$", re.IGNORECASE))


def instrument_payer(value: str) -> str | None:
    """Who gives the gift or the loan a funding value names by its number, as written, or None; the caller keeps it
    only when it is a body that pays (values/funding.py)."""
    if not isinstance(value, str) or not value.strip():
        return None
    folded = fold(value).strip(" .,;:-\u2013\u2014")
    m = next((m for m in (rx.match(folded) for rx in _instrument_rxs()) if m), None)
    if m is None:
        return None
    group = "after" if "after" in m.re.groupindex and m.group("after") else "payer"
    start, end = m.span(group)
    lead = len(value) - len(value.lstrip(" .,;:-\u2013\u2014"))  # fold keeps offsets: the payer as written
    payer = value[lead + start : lead + end].strip()
    return payer or None
