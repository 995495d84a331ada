"""A project's period on a line of short facts beside its title, as listings and cards write them ("Kenya · Ongoing ·
2021–2024", "Sénégal | Terminé | 2019-2022", "Paraguay — En curso — marzo de 2021 a febrero de 2024").

Such a line is two to six short items between one kind of separator (a middle dot, a bullet, a bar, a spaced em
dash); the item that is a period and nothing else gives the start and the end. Only a period counts: a year alone
may be a report's, and a few days are an event's ("Workshop · 12-14 March 2023 · Nairobi"). Two such lines with
different periods (two cards read as one record) give nothing.
"""
from __future__ import annotations

import re

from ..types import PartialDate
from . import dates as _dates

_SEPARATORS = ("\u00b7", "\u2022", "|", "\u2014", "\u2219", "\u22c5")
MAX_ITEM = 48


def line_items(line: str) -> list[str] | None:
    """The items of a line of facts, None when the line is none (prose, a single value, a table row of many)."""
    for sep in _SEPARATORS:
        parts = re.split(rf"\s+{re.escape(sep)}\s+" if sep == "\u2014" else rf"\s*{re.escape(sep)}\s*", line.strip())
        if 2 <= len(parts) <= 6 and all(0 < len(p.strip()) <= MAX_ITEM for p in parts):
            return [p.strip() for p in parts]
    return None


def item_period(item: str) -> tuple[PartialDate, PartialDate | None] | None:
    """The period an item is and nothing else ("2021–2024", "March 2021 - February 2024", "2020 - present")."""
    mentions = _dates.find_dates(item)
    if len(mentions) != 1 or item[: mentions[0].start].strip(" ()[]") or item[mentions[0].end :].strip(" ()[].,"):
        return None
    r = mentions[0].range
    if r.start is None or r.end == r.start:
        return None
    if r.end is not None and (r.end.last_day() - r.start.first_day()).days < 62:
        return None  # "12-14 March 2023": an event's days
    return r.start, r.end


def meta_period(text: str) -> tuple[PartialDate | None, PartialDate | None]:
    """(start, end) of the one period that lines of facts give in text; (None, None) otherwise."""
    found: set[tuple[PartialDate, PartialDate | None]] = set()
    for line in text.splitlines():
        if len(line) > 6 * (MAX_ITEM + 3):
            continue
        items = line_items(line)
        periods = [p for p in map(item_period, items or []) if p]
        if len(periods) == 1:
            found.add(periods[0])
    if not found:  # "Jan 2023    Project starts.": a chronology's entries (values.timeline_periods)
        from .timeline_periods import timeline_period

        return timeline_period(text)
    return next(iter(found)) if len(found) == 1 else (None, None)
