"""The project's own start or end told inside an event's sentence: that date is the project's, never the event's.

"Le projet, démarré le 15 janvier 2024, a tenu son premier séminaire à Lomé du 8 au 10 avril 2024", "el programa,
iniciado en febrero de 2024, impartió en marzo de 2024 un curso", "Building on a 2021 seminar, the ... project began
in March 2022": the date written right after a project's noun and a verb of starting or ending (in apposition, as a
participle, or as the sentence's verb) is when the project began or ended. Only the verb written straight before the
date counts: "the project launched a webinar in May 2024" gives the webinar's date.
"""
from __future__ import annotations

import re

_NOUN = (r"(?:project|programme|program|initiative|projet|programa|proyecto|iniciativa)s?")
# An acronym or a short name in brackets, a comma, a relative pronoun and an auxiliary between the noun and the verb.
_GAP = (r"(?:\s*\([^()\n]{1,40}\))?\s*,?\s*(?:(?:which|that|qui|que|el\s+cual|la\s+cual)\s+)?"
        r"(?:(?:has|had|was|has\s+been|had\s+been|a|a\s+été|avait|est|fue|ha|ha\s+sido|había)\s+)?")
_VERB = (r"(?:started|begun|began|starts|begins|commenced|launched|kicked\s+off|ended|closed|concluded|"
         r"d[ée]marr[ée]e?|d[ée]marre|d[ée]but[ée]e?|d[ée]bute|commenc[ée]e?|commence|lanc[ée]e?|achev[ée]e?|"
         r"s['\u2019]est\s+achev[ée]e?|cl[ôo]tur[ée]e?|"
         r"iniciad[oa]|inici[óo]|inicia|comenzad[oa]|comenz[óo]|comienza|arranc[óo]|lanzad[oa]|"
         r"puest[oa]\s+en\s+marcha|concluid[oa]|conclu[yi][óo]|finalizad[oa]|finaliz[óo])")
_PREP = r"(?:\s+(?:in|on|since|en|le|depuis|el|desde|a\s+principios\s+de|au\s+d[ée]but\s+de|in\s+early))?"
# "The final report of the project was launched", "le rapport du projet": the noun is no subject there.
_OF = r"(?<!\bof\sthe\s)(?<!\bof\sthis\s)(?<!\bdu\s)(?<!\bdel\s)(?<!\bde\sce\s)(?<!\bde\seste\s)"
# The project's name after its noun, up to the comma or bracket of the apposition ("Le projet d'appui à la
# modernisation des douanes togolaises, lancé en janvier 2024, ...").
_NAME = r"(?:\s+(?:d['\u2019]|de|du|des|of|for|on|to|pour|para|del|sur|en)\s*[^,.;:()\n]{1,80}?(?=\s*[,(]))?"
_STARTED = re.compile(rf"{_OF}\b{_NOUN}{_NAME}{_GAP}{_VERB}{_PREP}\s*$", re.I)
_LOOK = 180  # characters before the date read for the noun and the verb


def told_as_project_start(text: str, date_start: int) -> bool:
    """Is the date mention starting at date_start the project's start or end, written straight after a project's
    noun and a verb of starting or ending ("the project began in", "le projet, démarré le", "iniciado en")?"""
    return _STARTED.search(text[max(0, date_start - _LOOK) : date_start]) is not None
