"""A kind of event named as part of a body's or a role's name ("Comité Técnico de Capacitación", "Centre de
formation", "Dirección de Capacitación", "Training Committee", "training officer", "workshop coordinator"): the
sentence tells of the body ("Validado por el Comité Técnico de Capacitación el 22 de octubre de 2026": a document
approved on that day), not of an event held. The word is then no event's, as a document's word is not
(values.event_documents; event_facts._find_type looks on for another). Round 17, in English, French and Spanish.
"""
from __future__ import annotations

import re

# The body, then up to two of its qualifiers, then "de/du/del/of": what comes right before the kind of event.
_BODY_BEFORE = re.compile(
    r"\b(?:comit[ée]s?|comisi[óo]n|commission|conseil|consejo|unidad|unit[ée]|direcci[óo]n|direction|"
    r"sous-direction|subdirecci[óo]n|departamento|d[ée]partement|divisi[óo]n|division|centro|centre|instituto|"
    r"institut|escuela|[ée]cole|oficina|bureau|servicio|secretar[íi]a|secr[ée]tariat|coordinaci[óo]n|jefatura|"
    r"gerencia|p[ôo]le|cellule|n[úu]cleo|committee|council|department|office|unit|board)"
    r"(?:\s+[\w\u00c0-\u00ff-]+){0,2}?\s+(?:de\s+la|de\s+l['’]|de|du|des|del|of|for)\s+$",
    re.IGNORECASE,
)
# A body's or a role's noun right after the kind of event ("training committee", "workshop coordinator").
_BODY_AFTER = re.compile(
    r"\s+(?:committees?|commissions?|councils?|units?|departments?|divisions?|cent(?:re|er)s?|institutes?|"
    r"schools?|offices?|officers?|secretariats?|boards?|coordinators?|managers?|specialists?|consultants?|"
    r"needs|plans?|strateg(?:y|ies)|polic(?:y|ies)|calendars?|funds?)\b",
    re.IGNORECASE,
)


def names_a_body(masked: str, start: int, end: int) -> bool:
    """Is the kind of event masked[start:end] part of a body's or a role's name?"""
    return bool(_BODY_AFTER.match(masked, end) or _BODY_BEFORE.search(masked[max(0, start - 60) : start]))
