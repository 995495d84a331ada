"""Pieces of a funders' or partners' list that name no body at all (round 18): the words a list of funders runs
on to when its sentence goes on after the name ("funded by Danida, the Danish development agency, with a grant of
DKK 120 million, and ran from January 2022 to December 2025": "DKK", "January 2022"; "Funded by KOICA with a grant
of US$ 3 million, the programme runs for 36 months, from March 2025 ..."; "Financed by ADB's Technical Assistance
Special Fund (TASF-7): $1.5 million. Implementation November 2019 - December 2024").

A piece is no body when it is a currency alone ("DKK", "euros") or holds a date with its month ("January 2022",
"March 2025 to February 2028", a month alone) or a reference to goals ("ODD 4 et 16"), and Capdev's reference
list knows no body by its words. values.partner_checks leaves such a piece out and flags it with its words, for a
reviewer: a body's name with a bare year ("Ministry of Finance (since 2020)"), a day ("Movimiento 26 de Julio")
or an acronym ("SEP") stays.
"""
from __future__ import annotations

import re

from .dates import _month, find_dates
from .money import currency_code
from .orgs import resolve_organisation

_MONTH_LETTERS = re.compile(r"[^\W\d_]{3,}")
# A reference to the Sustainable Development Goals ("ODD 4 et 16", "SDGs 11 & 16", "ODS 16"): goals, not a body.
_GOALS = re.compile(r"(?i)^(?:the\s+)?(?:SDGs?|ODDs?|ODSs?|Goals?|Objectifs?|Objetivos?)\s*(?:n[o°º]\.?\s*)?\d{1,2}\b"
                    r"(?:\s*(?:,|&|and|et|y|/|-|–)\s*\d{1,2}\b)*\s*$")


def not_a_body(name: str) -> str:
    """Why a piece read as a funder or partner names no body ("" when it may name one)."""
    if not isinstance(name, str) or not name.strip() or resolve_organisation(name) is not None:
        return ""
    words = name.strip(" .,;:()")
    if currency_code(words) and len(words.split()) <= 2:
        return "a currency, not a body"
    if _GOALS.match(words):
        return "goals, not a body"
    month_only = all(_month(w) and not w.isupper() or w.isdigit() for w in re.findall(r"\w+", words))
    if any(_MONTH_LETTERS.search(m.text) for m in find_dates(name)) or month_only and re.search(r"[^\W\d_]", words):
        return "a date, not a body"
    return ""
