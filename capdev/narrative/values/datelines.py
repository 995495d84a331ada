"""A document's dateline: a line of its head that is a date and nothing more, maybe after a place or a weekday and
before the hours ("Martes 8 de abril de 2025, de 15:10 a 16:45 horas", "Nairobi, 3 March 2025", "Genève, le 12 mai
2024", "March 2024"). It dates the document as a label would ("Date: ..."), for values.status_dates. A range of days
("Gaborone, 6-10 March 2023", an event's) or a line with more words is no dateline."""
from __future__ import annotations

import re

from ..types import PartialDate
from . import dates as _dates
from .weekdays import blank_weekdays

__all__ = ["dateline"]

_MAX_LINE = 80
# Before the date: a place and a comma (a few capitalised words), a weekday (blanked), "le", "el", "on".
_BEFORE = re.compile(r"^\s*(?:(?:[A-ZÀ-Ý][\w'.-]*\s*){1,3},\s*)?(?:(?:le|el|on|the)\s+)?[\s,]*$")
# After it: nothing, or the hours ("de 15:10 a 16:45 horas", "9 h 00 - 12 h 30", "at 10:00", "10h00").
_AFTER = re.compile(r"^[\s,.;-]*(?:(?:de|from|at|a\s+las|à|des|dalle)?\s*\d{1,2}\s*(?::|h)\s*\d{0,2}\s*"
                    r"(?:(?:a|to|à|-|\u2013|hasta)\s*\d{1,2}\s*(?::|h)\s*\d{0,2}\s*)?(?:horas|hrs?|h|heures|hours)?\.?)?"
                    r"\s*$", re.IGNORECASE)


def dateline(line: str) -> PartialDate | None:
    """The date a dateline gives, or None when the line is none."""
    if len(line) > _MAX_LINE:
        return None
    text = blank_weekdays(line)
    mentions = _dates.find_dates(text)
    if not mentions:
        return None
    m = mentions[0]
    r = m.range
    if r.start is None or r.end != r.start:
        return None
    if not _BEFORE.match(text[: m.start]) or not _AFTER.match(text[m.end :]):
        return None
    return r.start
