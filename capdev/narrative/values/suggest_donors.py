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
from .bracket_payers import paying_country
from .money import money_spans
from .orgs import find_organisations, resolve_organisation
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


def _bodies(text: str, lo: int, hi: int, cue_ends: tuple[int, ...] = ()) -> list[tuple[int, int, str]]:
    # "financiación prevista de la AECID": a funding word's own complement, not a longer name around the body
    found = [(lo + s, lo + e, name) for s, e, name in find_organisations(text[lo:hi])
             if not _NAME_GOES_ON.match(text, lo + e) and (not _NAME_BEFORE.search(text[max(0, lo + s - 40) : lo + s])
                                                          or any(0 <= lo + s - c <= 25 for c in cue_ends))]
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
        for start, end, name in _bodies(text, lo, hi, tuple(c.end() for c in cues)):
            if fold(name).lower() in others:
                continue
            if any(c.end() <= start and start - c.end() <= _NEAR or end <= c.start() and c.start() - end <= _NEAR
                   for c in cues):
                found.add(" ".join(name.split()))
    return found.pop() if len(found) == 1 else None


# An amount's owner in brackets right after it ("US$ 185.000 (AGCID)", "USD 720,000 (Development Account)"); the
# words right after a funding word ("a grant from the Asian Development Fund"): a body or a funding mechanism.
_OWNER_AFTER = re.compile(r"\s*\(\s*([^()\n]{2,60}?)\s*\)")
_CUE_LEAD = re.compile(r"(?i)\s*(?:from|by|of|de|del|par|por|du|des)?\s*(?:the\s+|la\s+|le\s+|el\s+|l['’]\s?)?")
_FROM_AFTER = re.compile(r"\s+(?:from|provided\s+by|de\s+la\s+part\s+d[eu]|de\s+parte\s+del?|du|des|del|de\s+la|de)\s+"
                         r"(?:the\s+|la\s+|le\s+|el\s+|l['’]\s?)?")
_OTHER_EFFORT = re.compile(r"(?i)\b(?:phase|fase|previous|former|earlier|anterior|pr[eé]c[eé]dent|separate|distinct)")


def _payer_or_mechanism(name: str) -> bool:
    from .funding import _MECHANISM

    org = resolve_organisation(name)
    return bool(_MECHANISM.search(fold(name)) or (org is not None and org.type in ("donor", "igo"))
                or paying_country(name))  # "(Gobierno de Canadá)": values.bracket_payers


def suggest_owner(text: str, others: set[str] = frozenset()) -> tuple[str, str, bool] | None:
    """(the body or mechanism, what it was read from, whether it is a mechanism) that owns the record's amount in
    brackets or follows a word of funding, when there is one such and no earlier phase or separate effort is told
    in its sentence; None when there is none or two."""
    from .prose_names import name_extent

    if not isinstance(text, str) or not text.strip():
        return None
    found: dict[str, str] = {}
    for start, end in money_spans(text):
        m = _OWNER_AFTER.match(text, end)
        if m and _payer_or_mechanism(m.group(1)) and len(m.group(1).split()) <= 6:
            found.setdefault(" ".join(m.group(1).split()), "in brackets after the amount")
        m = _FROM_AFTER.match(text, end)  # "USD 490,000 from the Development Account", "EUR 2 M de la Unión Europea"
        # The name ends at its clause's end, or at a line that opens with the next label ("...of Canada\nPartner: X")
        name = name_extent(re.split(r"\n\s*\n|[.;:](?=\s|$)|\n(?=[ \t]*[^\W\d_][^\n:]{0,40}:)",
                                    text[m.end() : m.end() + 120])[0]) if m else ""
        if name.count(")") > name.count("("):  # "(USD 2.5 million from the Government of Canada)": the bracket closes
            name = name[: name.index(")")].rstrip()
        if name and name[:1].isupper() and _payer_or_mechanism(name) and not re.search(r"\s(?:and|et|y)\s", name) \
                and not _OTHER_EFFORT.search(text, max(0, start - 120), m.end() + len(name)):
            found.setdefault(" ".join(name.split()), "after the amount")
    folded = fold(text).lower()
    for lo, hi in sentences(text):
        if _OTHER_EFFORT.search(text, lo, hi):
            continue
        for cue in cue_rx("funding_words").finditer(folded, lo, hi):
            lead = _CUE_LEAD.match(text, cue.end())
            name = name_extent(text[lead.end() : min(hi, lead.end() + 160)]) if lead else ""
            if name and name[:1].isupper() and _payer_or_mechanism(name) and not re.search(
                    r"\s(?:and|et|y)\s", name):
                found.setdefault(" ".join(name.split()), f"after '{text[cue.start() : cue.end()]}'")
    from .funding import _MECHANISM

    found = {n: why for n, why in found.items() if fold(n).lower() not in others}
    if len(found) != 1:
        return None
    name, why = next(iter(found.items()))
    return name, why, bool(_MECHANISM.search(fold(name))) and resolve_organisation(name) is None
