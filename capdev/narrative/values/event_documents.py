"""A kind of event named as what a document is of ("the workshop report", "le rapport de l'atelier", "el informe del
taller", "le manuel de formation", "la convocatoria al curso", "les candidatures à la formation"): the sentence tells
of the document (published, validated, due), not of an event held. The word is then no event's (event_facts
._find_type looks on for another).
"""
from __future__ import annotations

import re

from .event_bodies import names_a_body

# The document right after the kind of event ("workshop report", "mission report", "evaluation mission report").
_AFTER = re.compile(
    r"\s*(?:[\w-]+\s+)?reports?\b|\s*(?:manuals?|handbooks?|toolkits?|curricul\w*|"
    r"concept\s+notes?|terms\s+of\s+reference|applications?|registrations?|certificates?)\b",
    re.IGNORECASE,
)
# The document before it, with its "of" ("report of the workshop", "rapport de l'atelier", "informe del taller"). An
# agenda, minutes or proceedings are dated by their event ("Agenda of the national workshop, Ulaanbaatar, 14-15 May
# 2024"): no such document here.
_BEFORE = re.compile(
    r"(?:\b(?:reports?|manuals?|handbooks?|guides?|toolkits?|curriculum|concept\s+note|"
    r"terms\s+of\s+reference|call|invitations?|applications?|registrations?|certificates?)\s+(?:of|for|on|from|to)"
    r"\s+(?:the\s+|a\s+|an\s+|this\s+|that\s+)?"
    r"|\b(?:rapports?|manuels?|guides?|supports?|note\s+conceptuelle|"
    r"termes\s+de\s+r[ée]f[ée]rence|appels?|invitations?|candidatures?|inscriptions?|attestations?|certificats?)"
    r"\s+(?:de\s+la|de\s+l['’]|du|des|de|d['’]|[àa]\s+la|[àa]\s+l['’]|au|aux|pour\s+la|pour\s+le|pour\s+les)\s*"
    r"|\b(?:informes?|manual(?:es)?|gu[íi]as?|materiales|nota\s+conceptual|"
    r"t[ée]rminos\s+de\s+referencia|convocatorias?|invitaci[óo]n(?:es)?|postulaciones|inscripciones|certificados?)"
    r"\s+(?:del|de\s+la|de\s+los|de\s+las|de|al|a\s+la|a\s+los|para\s+el|para\s+la|para\s+los)\s+)"
    r"(?:[\w\u00e0-\u00ff-]+\s+)?$",
    re.IGNORECASE,
)


def of_a_document(masked: str, start: int, end: int) -> bool:
    """Is the kind of event masked[start:end] named as what a document is of, or as part of a body's name
    ("Comité Técnico de Capacitación": values.event_bodies, round 17)?"""
    return bool(_AFTER.match(masked, end) or _BEFORE.search(masked[max(0, start - 60) : start])) or names_a_body(
        masked, start, end
    )
