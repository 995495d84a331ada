"""An event told in a stamped line (a chat export's "[2/12/26, 08:10:19] Byron: el taller del 18-19 de noviembre en
Quetzaltenango ...", a log's "2026-12-02 08:10 - ...") with days and a month but no year: it was held on the latest
such days not after the line was written.

The stamp is a date and a time of day opening the line. A stamp written d/m/y or m/d/y whose two first numbers are
both 12 or less is read either way only when both readings date the event alike, else in the order of the line's
language (day first in French and Spanish); an English line so written dates nothing (a missed date is flagged
downstream, a wrong one is not).
"""
from __future__ import annotations

import re

from ..types import Event, PartialDate
from . import dates as _dates
from .event_words import language_of

__all__ = ["date_from_stamps"]

_STAMP = re.compile(
    r"[ \t]*\[?(?:(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<y>\d{4}|\d{2})|(?P<iso>(?:19|20)\d\d-\d\d-\d\d))"
    r",?[ \t]+\d{1,2}:\d\d(?::\d\d)?(?:[ \t]*[AaPp]\.?[Mm]\.?)?\]?[ \t]*(?:[-\u2013\u2014][ \t]*)?")


def _stamp_days(m: re.Match[str]) -> list[PartialDate]:
    """The days the stamp may be, the day-first reading first: one, or two when its order is not written."""
    if m.group("iso"):
        y, mo, d = (int(x) for x in m.group("iso").split("-"))
        return [PartialDate(y, mo, d)] if 1 <= mo <= 12 and 1 <= d <= 31 else []
    a, b, y = int(m.group("a")), int(m.group("b")), int(m.group("y"))
    y = y + 2000 if y < 100 else y
    out = []
    for day, month in ((a, b), (b, a)):
        if 1 <= month <= 12 and 1 <= day <= 31:
            out.append(PartialDate(y, month, day))
    return list(dict.fromkeys(out))


def date_from_stamps(text: str, events: list[Event], offset: int = 0) -> None:
    """Date each undated event of EVENTS told in a stamped line of TEXT from its yearless days and the stamp."""
    for e in events:
        if e.span is None or e.recalled or (e.start is not None and not e.dates_text):
            continue
        at = e.span[0] - offset
        if not 0 <= at <= len(text):
            continue
        line_start = text.rfind("\n", 0, at) + 1
        line_end = text.find("\n", at)
        line = text[line_start : line_end if line_end >= 0 else len(text)]
        m = _STAMP.match(line)
        if not m or (e.start is not None and e.dates_text not in m.group(0)):
            continue  # dated by its own words, not by the stamp ("[02/12/2026 08:10]" is read as a date too)
        told = line[m.end() :]
        days = _stamp_days(m)
        readings = {}
        for day in days:
            near = _dates.find_dates_near(told, day)
            if near:
                readings[day] = near[0]
        found = _choose(readings, days, told, m)
        if found is not None:
            e.start, e.end, e.dates_text = found.range.start, found.range.end, found.text


def _choose(readings: dict, days: list[PartialDate], told: str, m: re.Match[str]):
    """The date read, when the stamp's readings agree or the line's language orders its numbers (days[0]: the
    day-first reading)."""
    if not readings:
        return None
    found = list(readings.values())
    if len(found) == len(days) and len({(f.range.start.year, f.range.start.month) for f in found}) == 1:
        return found[0]
    if m.group("iso") or language_of(told) == "en":
        return None
    return readings.get(days[0])
