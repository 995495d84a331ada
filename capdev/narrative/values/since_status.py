"""A project told to run "since" its start, in English, French and Spanish ("Since 2024, the project brings the State
closer to people", "en cours depuis mars 2025", "Desde 2024, el proyecto ..."), is under way on the day its document
is dated, when that start is before the document's date and no end is known or the end is after it (round 16).

The start must be the record's own (the date its start field holds, placed by a rule or suggested), written right
after the word ("since", "ever since", "depuis", "desde", "desde el", "depuis le", maybe "early", "début", "inicios
de"), and no end told right after it ("depuis 2021 jusqu'en 2023", "desde 2020 hasta 2022": a period, whose end
the period readers take). The status is placed FLAGGED with the words it was read from; never over a status a rule
placed, never without the document's date."""
from __future__ import annotations

import re

from ..folding import fold
from ..types import PartialDate
from . import dates as _dates

__all__ = ["since_status"]

_SINCE = re.compile(r"(?<![\w-])(?:ever\s+since|since|depuis|desde)(?:\s+(?:le|el|the|l'|la|los|las))?"
                    r"(?:\s+(?:early|mid|late|the\s+start\s+of|debut|mi|fin|inicios?\s+de|comienzos?\s+de|"
                    r"principios\s+de|mediados\s+de)(?:\s+(?:de|d'|of))?)?\s*$", re.IGNORECASE)
_END_AFTER = re.compile(r"^\s*(?:,\s*)?(?:to|until|till|through|au|a|jusqu|hasta|al)(?![\w])", re.IGNORECASE)
_GAP = 30  # characters between the word and the date


def _told_since(text: str, start: PartialDate) -> str | None:
    """The words "since <the start>" as the text writes them, or None."""
    folded = fold(text)
    for m in _dates.find_dates(text):
        r = m.range
        if r.start != start or (r.end is not None and r.end != r.start) or len(m.parts) > 1:
            continue
        before = folded[max(0, m.start - _GAP) : m.start]
        if _SINCE.search(before) and not _END_AFTER.match(folded[m.end : m.end + 12]):
            at = max(0, m.start - _GAP) + _SINCE.search(before).start()
            return " ".join(text[at : m.end].split())
    return None


def since_status(record, when: PartialDate | None) -> None:
    """Place "active", flagged, on a record with no status whose own start is told with "since" before its
    document's date, and which has no end or an end after that date."""
    text = record.text if isinstance(record.text, str) else ""
    if record.status or when is None or record.start is None or not text:
        return
    if record.start.last_day() >= when.first_day():
        return  # begun on the document's day or after it: not told as under way
    if record.end is not None and record.end.first_day() <= when.last_day():
        return
    words = _told_since(text, record.start)
    if words:
        record.status = "active"
        record.flag("status", f"suggested: active, '{words}' before the document's date ({when.iso()})")
