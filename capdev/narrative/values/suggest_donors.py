"""Who pays, when no rule read a funder and no funding cue of values.prose names one: the one body the record's
text names beside a word of paying (a suggestion for a reviewer to confirm; values.suggestions flags it).

A body counts when Capdev's reference list knows it (data/organisations.json, through values.orgs) or it is a
government named with its country ("the Government of Canada", "el Gobierno de Chile"), and a word of funding
(data/suggest_cues.json "funding_words": "funded", "paid by", "financé", "bailleur", "financiado", "con el apoyo
de" ...) stands in its sentence, within a few words of it. One such body in the whole record is suggested; two
are split evidence and give nothing, and a body the record already holds in another role is not read as its funder.
"""
from __future__ import annotations

import re

from ..folding import fold
from .orgs import find_organisations
from .places import resolve_country
from .prose_facts import sentences
from .suggest_periods import cue_rx

_NEAR = 90  # characters between the word of funding and the body's name
_GOVERNMENT = re.compile(r"\b(?:(?:the\s+)?Government\s+of(?:\s+the)?|(?:le\s+)?Gouvernement\s+(?:du|de\s+la|de\s+l'|de"
                         r"|des)|(?:el\s+)?Gobierno\s+(?:de\s+la|del|de))\s+((?:[A-Z\u00c0-\u00de][\w'\u2019-]+"
                         r"(?:\s+(?:of|de|du|des|del|the|la)\s+|\s+)?){1,4})")


# A known body's name inside a longer one ("United Nations Development Account", "Programme ordinaire de
# coopération technique des Nations Unies"): the longer one is named, not the body.
_NAME_GOES_ON = re.compile(r"[ \t]+(?:[A-Z][a-z]|[A-Z]{2,}\b)")
_NAME_BEFORE = re.compile(r"[\w)]\s+(?:des|de\s+las?|de\s+los|del|de\s+l'|du|of(?:\s+the)?)\s+$")


def _bodies(text: str, lo: int, hi: int) -> list[tuple[int, int, str]]:
    found = [(lo + s, lo + e, name) for s, e, name in find_organisations(text[lo:hi])
             if not _NAME_GOES_ON.match(text, lo + e) and not _NAME_BEFORE.search(text[max(0, lo + s - 40) : lo + s])]
    for m in _GOVERNMENT.finditer(text, lo, hi):
        words = m.group(1).split()
        for n in range(len(words), 0, -1):  # "the Government of Canada will fund": the country's own words
            country = resolve_country(" ".join(words[:n]))
            if country:
                found.append((m.start(), m.end(), f"{m.group(0)[: m.start(1) - m.start()]}{' '.join(words[:n])}"
                              .strip()))
                break
    return found


def suggest_donor(text: str, others: set[str] = frozenset()) -> str | None:
    """The one body named beside a word of funding, as written (a known body's name or acronym as the list has it);
    None when there is none or two. others: folded names the record already holds in another role."""
    if not isinstance(text, str) or not text.strip():
        return None
    folded = fold(text).lower()
    found: set[str] = set()
    for lo, hi in sentences(text):
        cues = list(cue_rx("funding_words").finditer(folded, lo, hi))
        if not cues:
            continue
        for start, end, name in _bodies(text, lo, hi):
            if fold(name).lower() in others:
                continue
            if any(c.end() <= start and start - c.end() <= _NEAR or end <= c.start() and c.start() - end <= _NEAR
                   for c in cues):
                found.add(" ".join(name.split()))
    return found.pop() if len(found) == 1 else None
