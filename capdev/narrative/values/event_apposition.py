"""A known city written between separators just before its event's date: the venue of a listed item.

Training catalogues, agendas and lists of events write "Course on strategic planning, Tegucigalpa, 10-14 April 2023",
"Atelier national – Cotonou – 12 mai 2024" or "Seminario (Quito, 3 de junio de 2023)" with no preposition before the
city: the city is still where the event took place. A city so placed but not followed by a date (", Lima, and ...")
is not taken: its role is not written.
"""
from __future__ import annotations

import re

from . import dates as _dates
from .event_words import _TYPE_RX

_BEFORE = re.compile(r"[,(|\u2013\u2014]\s*$|\s-\s*$| {3,}$")  # a run of spaces: a column or a wrapped line's indent
_AFTER = re.compile(r"\s*(?:[,|\u2013\u2014:]|\s-)\s*(?:(?:on|from|le|du|del|el|de)\s+)?")
_DATE_REACH = 40  # characters after the separator in which the date begins
_ITEM = 200  # characters: a longer text is prose, whose cities need their preposition
_SEPARATORS = re.compile(r"[,(|\u2013\u2014:;]")


def _names_event(text: str, start: int) -> bool:
    """Does the piece written just before the city's separator name a kind of event ("training of planners, Apia")?
    A list of cities ("officials from Suva, Apia, Lautoka") names none."""
    if len(text) > _ITEM:
        return False
    before = text[max(0, start - 120) : start].rstrip()[:-1]
    piece = _SEPARATORS.split(before)[-1]
    return any(rx.search(piece) for _, rx in _TYPE_RX)


def city_before_date(text: str, start: int, end: int) -> bool:
    """Is the city text[start:end] written between separators with a date right after it, or right after the
    event's name in a dated item ("11-13 June 2024: training of planners, Apia, 29 participants")?"""
    opens = not text[:start].strip(" \t-*\u2022\u00b7\u25aa")  # "- Kampala, 2-4 May 2023: training workshop ..."
    if not opens and not _BEFORE.search(text[max(0, start - 4) : start]):
        return False
    m = _AFTER.match(text, end)
    if not m:
        return False
    if not opens and len(text) <= _ITEM and _after_date(text, start):
        return True  # "May 2023 \u2013 Kampala \u2013 Training workshop \u2013 32 participants"
    if _names_event(text, start) and _dates.find_dates(text[:_ITEM]):
        return True
    window = text[m.end() : m.end() + _DATE_REACH]
    found = _dates.find_dates(window)
    return bool(found and found[0].start == 0 and found[0].range.start is not None
                and found[0].range.start.month is not None)


def _after_date(text: str, start: int) -> bool:
    """Is the city's separator right after a date that opens the item ("May 2023 \u2013 Kampala \u2013 ...")?"""
    before = text[:start].rstrip()[:-1].rstrip()
    found = _dates.find_dates(before)
    return bool(found and found[-1].end == len(before) and not before[: found[-1].start].strip(" \t-*\u2022\u00b7")
                and found[-1].range.start is not None and found[-1].range.start.month is not None)
