"""IATI's dates and date-times as the standard writes them (xsd:date, xsd:dateTime): one reading for the reader and
the rulesets.

A date-time's zone is `Z` or `+hh:mm` (xsd:dateTime needs the colon); without one it is taken as UTC. A value that
is not a date-time but starts with a date is read as that date at midnight UTC; anything else is None, and so is
what the schema allows and Python does not read (24:00:00, a 60th second).
"""
from __future__ import annotations

import datetime as dt
import re

_DATETIME = re.compile(r"^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})?$")


def parse_date(text: str | None) -> dt.date | None:
    """The date an iso-date attribute (or the start of a date-time) gives, else None."""
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text.strip()[:10])
    except ValueError:
        return None


def parse_datetime(text: str | None) -> dt.datetime | None:
    """An aware date-time (UTC when no zone is written), else None."""
    if not text:
        return None
    text = text.strip()
    m = _DATETIME.match(text)
    if not m:
        day = parse_date(text)
        return dt.datetime.combine(day, dt.time.min, dt.timezone.utc) if day else None
    try:
        base = dt.datetime.fromisoformat(m.group(1))
        zone = m.group(3)
        if zone in (None, "Z"):
            return base.replace(tzinfo=dt.timezone.utc)
        return base.replace(tzinfo=dt.datetime.strptime(zone.replace(":", ""), "%z").tzinfo)
    except ValueError:
        return None
