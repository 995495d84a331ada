"""Events dated only by a year ("The savings from travel in 2020 were reallocated to the national assessments").

The gold of an event is its month: a year alone dates no event of the project, and placed it would be a wrong row.
When the sentence gives the day without its year ("En 2023, un webinaire le 15 mars ...", "In 2022, on 4 May, a
webinar ..."), the two together date it; otherwise the event is set aside, kept in the text and flagged.
Recollections keep their year: they are history and counted nowhere.
"""
from __future__ import annotations

import re

from ..types import Event, PartialDate
from .dates import find_dates_near

_FIRST_SENTENCE = re.compile(r"^.*?(?:[.!?](?=\s)|$)", re.S)


def year_only(e: Event) -> bool:
    return (not e.recalled and e.start is not None and e.start.month is None
            and (e.end is None or e.end.month is None))


def date_in_year(e: Event) -> bool:
    """Date a year-only event from the one day its sentence writes without a year; True when it did."""
    if e.start is None or (e.end is not None and e.end.year != e.start.year):
        return False
    first = _FIRST_SENTENCE.match(e.summary[:400])
    found = find_dates_near(first.group() if first else e.summary[:400], PartialDate(e.start.year, 12, 31))
    if len(found) != 1 or found[0].range.start is None or found[0].range.start.year != e.start.year:
        return False
    e.start, e.end = found[0].range.start, found[0].range.end or found[0].range.start
    e.dates_text = found[0].text
    return True


def set_aside_yearly(events: list[Event]) -> list[Event]:
    """The events dated only by a year that no day in their sentence completes: to be set aside."""
    return [e for e in events if year_only(e) and not date_in_year(e)]
