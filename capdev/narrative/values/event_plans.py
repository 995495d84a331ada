"""Events told as to come ("will be held", "se tiendra", "aura lieu", "se realizará", "tendrá lugar", "está previsto
para"): no event the project held. The sentence that tells the event is read (its first sentence only, so that "A
follow-up will be held next year" after a held workshop's sentence does not make that workshop a plan); such a row is
set aside, flagged, never counted (event_clauses.set_aside). So is an event told after a short lead of plan and its
colon ("Next steps: a workshop in Kumasi in September 2025", "Prochaine étape : un atelier à Sfax en juillet 2025",
"Próximos pasos: un taller en Arequipa"): the words of plan are those of a list's lead (event_plan_lists).
"""
from __future__ import annotations

import re

from .event_words import _FUTURE

_TO_COME = re.compile(
    r"\b(?:will\s+(?:gather|bring\s+together|convene|meet|run|start|begin|open)|(?:is|are)\s+(?:due|set)\s+to|"
    # any passive future ("will be convened", "sera animé", "será impartido") and the future of the verbs of holding
    r"(?<!who\s)(?<!which\s)(?<!that\s)(?:will|shall)\s+(?:also\s+|then\s+|now\s+)?be\s+[a-z]+(?:ed|en|held|run|given)|"
    r"(?<!qui\s)(?<!que\s)(?<!quien\s)(?<!quienes\s)ser[áa]n?\s+[a-záéí]+(?:ad|id)[oa]s?|"
    r"(?<!qui\s)(?:sera|seront)\s+(?:[a-z]+ment\s+)?[a-zéèê]+(?:é|ée|és|ées|is|ise|ises|ts?|tes?|us?|ues?)|"
    r"(?:organiser|accueiller|animer|dispenser|r[ée]aliser|lancer|conduir|offrir|former|r[ée]unir)(?:a|ont)|"
    r"(?:organizar|impartir|realizar|dictar|ofrecer|capacitar|celebrar|lanzar|convocar|desarrollar)[áa]n?|"
    # French
    r"se\s+tiendr(?:a|ont)|aur(?:a|ont)\s+lieu|se\s+d[ée]roulera(?:ient|nt)?|r[ée]unira|r[ée]uniront|"
    r"ser(?:a|ont)\s+(?:organis[ée]e?s?|tenue?s?|conduite?s?|r[ée]alis[ée]e?s?|lanc[ée]e?s?|convoqu[ée]e?s?)|"
    r"(?:est|sont)\s+(?:pr[ée]vue?s?|programm[ée]e?s?|envisag[ée]e?s?|planifi[ée]e?s?)|"
    r"pr[ée]vue?s?\s+(?:pour|en|le|au|du)\b|[àa]\s+venir|"
    # Spanish
    r"se\s+(?:celebrar[áa]n?|realizar[áa]n?|llevar[áa]n?\s+a\s+cabo|desarrollar[áa]n?|dictar[áa]n?|impartir[áa]n?)|"
    r"tendr[áa]n?\s+lugar|reunir[áa]n?|convocar[áa]n?|"
    r"ser[áa]n?\s+(?:organizad|realizad|celebrad|convocad|dictad)[oa]s?|"
    r"(?:est[áa]n?)\s+(?:previst|programad|planificad)[oa]s?|(?:previst|programad)[oa]s?\s+para)\b",
    re.IGNORECASE,
)
# words of plan of a lead ("Planned activities", "Prochaine étape", "Próximas actividades"), never of a name
PLAN_WORDS = re.compile(
    r"\b(?:planned|scheduled|upcoming|forthcoming|next\s+steps?|to\s+come|pr[ée]vue?s?|[àa]\s+venir|prochaines?|"
    r"programm[ée]e?s\b|previst[oa]s?|pr[óo]xim[oa]s?|por\s+realizar|pendientes|programad[oa]s)\b",
    re.I,
)
_LEAD = re.compile(r"^\s*(?P<lead>[^:.;!?\d]{3,60}?)\s*[:\uff1a]\s+\S")
_LEAD_WORDS = 5
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÀ-Ý¿¡\"“«(])")


def told_as_to_come(summary: str) -> bool:
    """Is the event whose text begins summary told as to come, not as held?"""
    first = _SENTENCE_END.split(summary[:400], maxsplit=1)[0]
    return bool(_FUTURE.search(first) or _TO_COME.search(first) or _plan_lead(first))


def _plan_lead(sentence: str) -> bool:
    """Does the sentence open on a short lead of plan and its colon ("Next step:", "Prochaines étapes :",
    "Próximo paso:")? "Programmes:" alone is a heading of names, no plan."""
    m = _LEAD.match(sentence)
    if not m or len(m.group("lead").split()) > _LEAD_WORDS:
        return False
    found = PLAN_WORDS.search(m.group("lead"))
    return bool(found) and not found.group(0).casefold().startswith("programm")
