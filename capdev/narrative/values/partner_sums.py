"""Sums of money written among the names of a partner list: a share after each funder ("l'Union européenne (16 M€)
et le Royaume de Belgique (2,5 M€)", "Gobierno de Suiza (USD 400.000)") or a piece of its own after a comma
("Swiss State Secretariat for Economic Affairs (SECO), USD 1.2 million"). A sum is what a body gives, never a
body: the bracket is taken off the name and a piece that is a sum and nothing else is no partner (the budget
readers read the amounts). A sum is what values/money.py reads with its currency; a few words of estimate before
it ("approx.", "about", "environ", "unos") go with it."""
from __future__ import annotations

import re

from .money import money_spans

_ESTIMATE = re.compile(r"^(?:approx(?:imately|\.)?|about|around|some|up\s+to|over|ca\.?|environ|près\s+de|"
                       r"jusqu['’]à|plus\s+de|aproximadamente|unos|unas|cerca\s+de|hasta|más\s+de|de)\s*$",
                       re.IGNORECASE)
_BRACKET = re.compile(r"\s*\(([^()]{1,60})\)")


def is_sum(text: str) -> bool:
    """Is a piece a sum of money and nothing else ("USD 1.2 million", "approx. 16 M€", "(2,5 M€)")?"""
    bare = (text or "").strip(" .,;:()[]")
    spans = money_spans(bare)
    if len(spans) != 1:
        return False
    start, end = spans[0]
    return not bare[end:].strip(" .,;:") and (not bare[:start].strip() or bool(_ESTIMATE.match(bare[:start].strip())))


def without_sums(name: str) -> str:
    """A name without the brackets that hold a sum and nothing else ("Royaume de Belgique (2,5 M€)": "Royaume de
    Belgique"); the name as it was when it holds none."""
    if "(" not in (name or ""):
        return name
    return _BRACKET.sub(lambda m: "" if is_sum(m.group(1)) else m.group(0), name).strip()
