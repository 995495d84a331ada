"""Dates after "runs from", "lasted from", "se déroule du", "se extiende desde": a project's period, unless an event
is the subject and the days are an event's.

"The project, which runs from January 2022 to December 2024" gives the project's period, no event's date; "A
regional course ran from 28 November to 2 December 2023 in Kumasi", "le séminaire se déroule du 3 au 5 mars 2024",
"el taller se extendió del 28 de octubre al 1 de noviembre" give the event's days: the kind of event is written
just before the verb (a few words at most, none of them a project's noun) and the days are at most a few weeks.
"""
from __future__ import annotations

import re

from .event_project_start import told_as_project_start

PERIOD = re.compile(
    r"\b(?:(?:which|that|qui|que|el\s+cual|la\s+cual)\s+(?:has\s+|had\s+)?(?:started|begun|began|commenced|ended|closed|"
    r"a\s+d[ée]marr[ée]|a\s+commenc[ée]|s'est\s+achev[ée]|inici[óo]|comenz[óo]|termin[óo]|concluy[óo])"
    r"(?:\s+(?:[\w'\u2019]+\s+){0,2}?(?:from|between|du|de|entre|desde))?|"
    r"(?:runs?|ran|running|lasts?|lasted|spans?|spanned|extends?|extended|implemented|executed|ejecutad[oa]|"
    r"mis\s+en\s+(?:\u0153|oe)uvre|se\s+d[ée]roule|s'[ée]tend|se\s+extiende)\s+(?:[\w'\u2019]+\s+){0,2}?"
    r"(?:from|between|du|de|entre|desde)|dur[ée]e?\s+du\s+projet|project\s+period)"
    r"(?:\s+(?:in|on|en|el|le))?\s*$",
    re.I,
)
_MAX_DAYS = 45  # an event's days; a longer run is a period
_MAX_GAP_WORDS = 4  # words between the kind of event and the verb ("course ran", "workshop, which ran")
# A project's or a programme's noun between the kind of event and the verb: "the training programme ran from ..."
_PROJECT_NOUN = re.compile(r"\b(?:project|programme|program|initiative|phase|projet|programa|proyecto|iniciativa|"
                           r"fase|cycle|ciclo|series|s[ée]rie)s?\b", re.I)


def project_period(text: str, date_start: int, kw_end: int, rng) -> bool:
    """Is the date mention starting at date_start written as a period ("which runs from", "se déroule du") that is
    no event's days (kw_end: where the sentence's kind of event ends, -1 for none; rng: the mention's range)?"""
    if told_as_project_start(text, date_start):
        return True  # "le projet, démarré le 15 janvier 2024, a tenu ...": the project's start, no event's
    lo = max(0, date_start - 40)
    m = PERIOD.search(text, lo, date_start)
    if m is None:
        return False
    return not _event_run(text, kw_end, m.start(), rng)


def _event_run(text: str, kw_end: int, verb_at: int, rng) -> bool:
    if kw_end < 0 or kw_end > verb_at:
        return False
    between = text[kw_end:verb_at]
    if len(re.findall(r"[\w'\u2019-]+", between)) > _MAX_GAP_WORDS or _PROJECT_NOUN.search(between):
        return False
    if _PROJECT_NOUN.match(text, kw_end) or re.match(r"\s+(?:programme|program|project)", text[kw_end:], re.I):
        return False
    start, end = rng.start, rng.end or rng.start
    if start is None or start.month is None or end is None or end.month is None:
        return False
    return (end.last_day() - start.first_day()).days <= _MAX_DAYS
