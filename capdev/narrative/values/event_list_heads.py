"""The kind of event a list's lead line names, lent to its items that name none.

"Workshops held:" / "- Kumasi, 4-5 July 2023: 30 district officers" / "- Tamale, 9 October 2023: 27 officers";
"Ateliers réalisés :" / "- Parakou, 4-5 juillet 2023 : 30 agents"; "Talleres realizados:" / "- Cusco, 3 de mayo de
2024, 41 funcionarios": each item is an event of the kind the lead names, when it gives a month and a place or a
count. The lead is short, ends with a colon, names a kind of event and no date of its own, and tells no plan
("Workshops planned:", "Ateliers prévus :", "Talleres previstos:" lend nothing). An item that names its own kind of
event is read as it is.
"""
from __future__ import annotations

import re
from dataclasses import replace

from .event_facts import _LIST_MARK, _facts
from .event_words import _FUTURE

_MAX_ITEMS = 30  # items looked back over to the lead
_MAX_LEAD = 90  # characters of a lead line

# A plan or an expectation in a lead line ("planned", "prévus", "previstos", "à venir", "próximos").
_PLANNED = re.compile(
    r"\b(?:planned|scheduled|upcoming|forthcoming|foreseen|proposed|to\s+be\s+held|pr[ée]vue?s?|programm[ée]e?s?|"
    r"envisag[ée]e?s?|[àa]\s+venir|pr[ée]vision(?:nel)?s?|previstos?|previstas?|programad[oa]s?|planificad[oa]s?|"
    r"pr[óo]xim[oa]s?|por\s+realizar)\b",
    re.IGNORECASE,
)


def _lead_type(text: str):
    """The facts of a list's lead line when it names a kind of event and nothing else to read, else None."""
    clean = text.strip()
    if not clean.endswith(":") or len(clean) > _MAX_LEAD or _LIST_MARK.match(clean):
        return None
    f = _facts(clean[:-1].rstrip())
    if f.type is None or f.type == "milestone" or f.dates or f.participants or f.future:
        return None
    if _PLANNED.search(clean) or _FUTURE.search(clean):
        return None
    return f


def lead_of_item(lines: list, i: int):
    """The facts of the lead line over the list item lines[i] ("Workshops held:"), or None when the line is no
    item or its list has no such lead."""
    if not _LIST_MARK.match(lines[i].text.strip()):
        return None
    j = i - 1
    while j >= 0 and i - j <= _MAX_ITEMS and _LIST_MARK.match(lines[j].text.strip()):
        j -= 1
    if j < 0 or i - j > _MAX_ITEMS:
        return None
    return _lead_type(lines[j].text)


def typed_by_lead(f, lead):
    """An item's facts with the kind of event its lead names, when the item names none but gives a month and a
    place or a count; else the facts as they are."""
    if lead is None or f.type is not None:
        return f
    if not any(d.range.start and d.range.start.month for d in f.dates):
        return f
    if not (f.places or f.participants or f.online):
        return f
    return replace(f, type=lead.type, kw_start=0, kw_end=0, kw_text=lead.kw_text, occurred=True)
