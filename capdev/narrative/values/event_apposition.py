"""A known city written between separators just before its event's date: the venue of a listed item.

Training catalogues, agendas and lists of events write "Course on strategic planning, Tegucigalpa, 10-14 April 2023",
"Atelier national – Cotonou – 12 mai 2024" or "Seminario (Quito, 3 de junio de 2023)" with no preposition before the
city: the city is still where the event took place. A city so placed but not followed by a date (", Lima, and ...")
is not taken: its role is not written.
"""
from __future__ import annotations

import re

from . import dates as _dates

_BEFORE = re.compile(r"[,(|\u2013\u2014]\s*$|\s-\s*$")
_AFTER = re.compile(r"\s*(?:[,|\u2013\u2014]|\s-)\s*(?:(?:on|from|le|du|del|el|de)\s+)?")
_DATE_REACH = 40  # characters after the separator in which the date begins


def city_before_date(text: str, start: int, end: int) -> bool:
    """Is the city text[start:end] written between separators with a date right after it?"""
    if not _BEFORE.search(text[max(0, start - 3) : start]):
        return False
    m = _AFTER.match(text, end)
    if not m:
        return False
    window = text[m.end() : m.end() + _DATE_REACH]
    found = _dates.find_dates(window)
    return bool(found and found[0].start == 0 and found[0].range.start is not None
                and found[0].range.start.month is not None)
