"""Amounts a sentence gives to something that is no project: an economy's aggregate ("Ghana's GDP reached USD 76
billion", "le budget de l'État s'élève à 6 000 milliards de FCFA", "las remesas sumaron USD 4.000 millones"), a
person's pay or a fee ("the coordinator's salary is USD 4,000", "les frais d'inscription sont de 50 000 FCFA"), a
running budget ("the ministry's annual budget"), a rate ("USD 60 per participant", "150 000 FCFA par mois") or a
share written as such after it ("EUR 2 million in co-financing"). The words are data (data/amount_owners.json), in
English, French and Spanish. A sum under a thousand is nobody's project budget either ("a fee of USD 150").
"""
from __future__ import annotations

import functools
import json
import re
from decimal import Decimal
from pathlib import Path

from .prose_facts import _cue_pattern

_DATA = Path(__file__).resolve().parent.parent / "data" / "amount_owners.json"
_SMALLEST = Decimal(1000)
# A word or two between an amount and what makes it a share or a rate: "EUR 2 million in co-financing", "USD 60
# for each", "150 000 FCFA brut par mois", "USD 3.500 mensuales".
_GAP = (r"[\s,]*(?:(?:in|as|of|for|en|de|d'|du|des|comme|como|a\s+titre\s+de|a\s+t[ií]tulo\s+de|brut|bruts|net|"
        r"nets|gross)\s*){0,2}")


@functools.cache
def _rx(name: str) -> re.Pattern[str]:
    words = json.loads(_DATA.read_text(encoding="utf-8"))[name]
    body = rf"(?:{_cue_pattern(words)})(?![\w-])"
    if name == "after":
        return re.compile(rf"^{_GAP}{body}", re.IGNORECASE)
    return re.compile(rf"(?:(?<![\w'’-])|(?<=\b[lLdD]['’]))(?:{body})", re.IGNORECASE)


_PROJECT = re.compile(r"\b(?:project|projet|proyecto|programme|program|programa|initiative|iniciativa)s?\b",
                      re.IGNORECASE)


_ONE_YEAR = r"(?:19|20)\d\d(?!\s*[-–/]\s*(?:19|20)?\d\d)(?!\d)"
# One year's budget or spending, the year after its word ("the budget for 2024 is", "dépenses 2023 :", "el
# presupuesto del ejercicio 2025 asciende a"), or after the amount ("USD 300,000 for 2024"): not the project's total.
_YEARS_BEFORE = re.compile(
    r"\b(?:budget|presupuesto|allocation|asignaci[oó]n|dotation|dotaci[oó]n|enveloppe|envelope|spending|"
    r"expenditures?|d[ée]penses|gastos?)\s+(?:(?:for|of|in|de|del|pour|para|en)\s+)?(?:(?:the\s+)?(?:year|l'ann[ée]e|"
    rf"el\s+a[ñn]o|a[ñn]o|exercice|ejercicio|fiscal\s+year|FY)\s*)?{_ONE_YEAR}", re.IGNORECASE)
_YEARS_AFTER = re.compile(rf"^\s*(?:for|pour|para)\s+(?:the\s+year\s+|l'ann[ée]e\s+|el\s+a[ñn]o\s+)?{_ONE_YEAR}",
                          re.IGNORECASE)


def owned_elsewhere(folded: str, lo: int, window_lo: int, start: int, end: int, total_at: int | None) -> bool:
    """Is the amount at start:end of a folded sentence that begins at lo another thing's? A word of the list in the
    window before the amount (from window_lo), unless a total's cue after it and a project named in the sentence
    make the amount the project's ("the debt management project has a budget of"): "the national budget amounts
    to" is the state's. Or a share's or a rate's words right after the amount."""
    if _rx("after").match(folded[end : end + 40]) or _YEARS_AFTER.match(folded[end : end + 30]):
        return True
    if _YEARS_BEFORE.search(folded, window_lo, start):
        return True
    named = _PROJECT.search(folded, lo, start) is not None
    return any(total_at is None or m.end() > total_at or not named
               for m in _rx("before").finditer(folded, window_lo, start))


def too_small(amount: Decimal) -> bool:
    """A sum under a thousand (of any currency) is a fee, a price or a per diem, never a project's budget."""
    return amount < _SMALLEST
