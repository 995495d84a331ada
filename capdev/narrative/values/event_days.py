"""Days written without their year in the programme of a dated activity: a mission "du 3 au 7 mars 2025" and,
below it, "Mercredi 5 mars : atelier national de validation ..., avec 41 participants"; a workshop "5–7 June 2024"
and its "Thursday 6 June: field visit". A day that falls within exactly one such dated stretch written before it
takes that stretch's year, and, when it names no place of its own, the one place written on the stretch's line
("Mission : du 3 au 7 mars 2025 à Nouakchott"). A day no stretch covers stays undated (set aside, flagged): its
year is not written.
"""
from __future__ import annotations

import bisect
from functools import lru_cache

from ..types import Event, PartialDate
from . import dates as _dates
from . import places as _places
from .cities import find_cities

_LONGEST = 45  # days: a longer stretch is a period (a quarter, a project's), not one activity's days
_NEAREST = 12  # stretches before an event looked at: its programme's own is near it
_LINE = 240  # characters either side of a stretch's date read for its place
_PLACEHOLDER = PartialDate(2000, 12, 31)  # a leap year, so that 29 February reads too


@lru_cache(maxsize=2)
def _stretches(text: str) -> tuple[list[int], list[tuple]]:
    """Where each stretch of days written with its year begins, and its (first day, last day, place of its line),
    in text order."""
    starts, spans = [], []
    for d in _dates.find_dates(text):
        r = d.range
        if r.start is None or r.start.day is None:
            continue
        end = r.end if r.end is not None and r.end.day is not None else r.start
        first, last = r.start.first_day(), end.last_day()
        if 0 <= (last - first).days <= _LONGEST:
            starts.append(d.start)
            spans.append((first, last, d.start))
    return starts, spans


def date_days_in_stretch(text: str, events: list[Event], offset: int = 0) -> None:
    """Undated events whose day is written without a year take the year of the one dated stretch before them that
    holds that day (offset: where text begins, as the events' spans count)."""
    if not any(e.start is None and e.span for e in events):
        return
    starts, spans = _stretches(text)
    if not starts:
        return
    for e in events:
        if e.start is not None or not e.span:
            continue
        pos = e.span[0] - offset
        told = text[max(0, pos) : max(0, e.span[1] - offset)] or e.summary
        found = _dates.find_dates_near(told, _PLACEHOLDER)
        if not found or found[0].range.start is None or found[0].range.start.day is None:
            continue
        day = found[0].range.start
        years, places = set(), set()
        upto = bisect.bisect_right(starts, pos)
        for first, last, at in spans[max(0, upto - _NEAREST) : upto]:
            for year in {first.year, last.year}:
                try:
                    when = PartialDate(year, day.month, day.day).first_day()
                except ValueError:
                    continue
                if first <= when <= last:
                    years.add(year)
                    places.add(_line_place(text, at))
        if len(years) != 1:
            continue
        year = years.pop()
        if e.country is None and not e.online and len(places) == 1 and None not in places:
            e.country, e.city = next(iter(places))
        end = found[0].range.end or day
        try:
            e.start = PartialDate(year, day.month, day.day)
            e.end = PartialDate(year + (end.month < day.month), end.month, end.day)
        except ValueError:
            e.start, e.end = None, None
            continue
        e.dates_text = e.dates_text or found[0].text


def _line_place(text: str, at: int) -> tuple[str, str | None] | None:
    """The one place (country, city) the line holding text[at] names, else None."""
    a = text.rfind("\n", max(0, at - _LINE), at) + 1 or max(0, at - _LINE)
    b = text.find("\n", at, at + _LINE)
    line = text[a : b if b >= 0 else min(len(text), at + _LINE)]
    cities = {(c.iso3, c.name) for c in find_cities(line)}
    countries = {c.iso3 for c in _places.find_countries(line)}
    if len(cities) == 1 and countries <= {next(iter(cities))[0]}:
        return next(iter(cities))
    if not cities and len(countries) == 1:
        return next(iter(countries)), None
    return None
