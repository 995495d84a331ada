"""A list under a heading or lead line that tells a plan: its items are planned events, none the project held.

"2. Activités prévues" / "- Atelier de restitution à Yaoundé en mai 2024", "Planned activities:" / "- Regional
workshop, Livingstone, June 2024", "Próximas actividades" / "- Taller en Cusco, agosto de 2024": each item names a
kind of event, a month and a place, yet the list is of what is to come. The lead is the first line above the items
that is no item, or a short dateless item line of a numbered outline ("2. Activités prévues"); its words of plan are
those of a heading, never of a name ("Programme" is no plan).
"""
from __future__ import annotations

from .dates import find_dates
from .event_facts import _LIST_MARK
from .event_plans import PLAN_WORDS

_MAX_ITEMS = 30  # item lines looked back over to the lead
_MAX_WORDS = 8  # a lead line is short
_PLAN = PLAN_WORDS


def _lead_plan(text: str) -> bool:
    words = _LIST_MARK.sub("", text.strip()).rstrip(" :").split()
    return 0 < len(words) <= _MAX_WORDS and bool(_PLAN.search(" ".join(words))) and not find_dates(text)


def under_plan(lines: list, i: int) -> bool:
    """Is lines[i] an item of a list whose lead (or outline heading) tells a plan?"""
    if not _LIST_MARK.match(lines[i].text.strip()):
        return False
    j = i - 1
    while j >= 0 and i - j <= _MAX_ITEMS:
        text = lines[j].text.strip()
        if _lead_plan(text):
            return True
        if not _LIST_MARK.match(text) or not find_dates(text) and len(text.split()) <= _MAX_WORDS:
            return False  # the lead (or an outline heading) tells no plan
        j -= 1
    return False
