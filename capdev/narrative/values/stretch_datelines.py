"""A document's dateline that gives a stretch of days within one month, after a place (maybe with its country in
brackets): "Conakry, 2 au 13 mars 2026", "Libreville (République gabonaise), 24 - 26 septembre 2026", "Gaborone,
6-10 March 2023", "Lima, del 3 al 7 de junio de 2024". An aide-mémoire, a communiqué or a meeting's report is dated
by the days it tells of: the document dates to their month (values.status_dates compares whole stretches, so a
project's period only gives a status where it lies wholly on one side of that month). A stretch over two months, or
a line with more words than a place and its dates, gives nothing; a single day is values.datelines'."""
from __future__ import annotations

import re

from ..types import PartialDate
from . import dates as _dates
from .weekdays import blank_weekdays

__all__ = ["stretch_month"]

_MAX_LINE = 90
# Before the days: a place of a few capitalised words, maybe its country in brackets, and a comma.
_BEFORE = re.compile(r"^\s*(?:[A-ZÀ-Ý][\w'.-]*\s*){1,3}(?:\([^()]{2,40}\)\s*)?,\s*(?:(?:du|del|from|le|el)\s+)?$")


def stretch_month(line: str) -> PartialDate | None:
    """The month of a dateline's stretch of days, or None when the line is no such dateline."""
    if len(line) > _MAX_LINE:
        return None
    text = blank_weekdays(line)
    found = _dates.find_dates(text)
    if len(found) != 1:
        return None
    m = found[0]
    r = m.range
    if not (r.start and r.end and r.start.day and r.end.day and r.start != r.end):
        return None
    if (r.start.year, r.start.month) != (r.end.year, r.end.month):
        return None
    if not _BEFORE.match(text[: m.start]) or text[m.end :].strip(" .,;"):
        return None
    return PartialDate(r.start.year, r.start.month)
