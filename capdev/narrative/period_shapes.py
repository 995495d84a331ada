"""Is a record's period (start, end) its project's, by the words written before the dates it was read from?

A date a document gives itself (its posting, issue or publication, a meeting's: "Posting date: 23-Nov-2026",
"Fecha de publicación: ...") or a law's ("Decree No. 45 of 12 March 2021") is not when the project runs. The words
are data/value_shapes.json (document_date_labels, act_words), in English, French and Spanish. Also: the end does
not come before the start. The answer is a reason a reviewer reads, or "": value_shapes.py flags the period.
"""
from __future__ import annotations

import functools
import re

from .folding import fold
from .org_shapes import _json
from .types import PartialDate, Record
from .values.dates import find_dates

_PERIOD_FIELDS = ("time_frame", "start", "end")


@functools.cache
def _document_label_rx() -> re.Pattern[str]:
    data = _json("value_shapes.json")
    labels = sorted((re.escape(fold(w).casefold()) for w in data["document_date_labels"]), key=len, reverse=True)
    acts = "|".join(re.escape(w) for w in data["act_words"])
    return re.compile(rf"(?:\b(?:{'|'.join(labels)})\s*[:\-\u2013]?\s*(?:on|le|el|du|del)?"
                      rf"|\b(?:{acts})\b[^.:;\n]{{0,30}}\b(?:of|du|de|del|dated|en date du)|\b(?:{acts})\s+of)"
                      r"\s*(?:\d{1,2}(?:st|nd|rd|th|er)?[\s./-]*)?$")


def _same(found: PartialDate | None, placed: PartialDate | None) -> bool:
    """Is the placed date the found one, at the placed date's precision?"""
    if found is None or placed is None:
        return False
    return found.year == placed.year and (placed.month is None or found.month == placed.month) and (
        placed.day is None or found.day == placed.day)


def document_date_label(record: Record) -> str:
    """The words that make the date the record's start or end was read from a document's or a law's, or ""."""
    for span in record.spans:
        if span.field not in _PERIOD_FIELDS:
            continue
        start, end = span.start - record.offset, span.end - record.offset
        if not 0 <= start < end <= len(record.text):
            continue
        line_start = record.text.rfind("\n", 0, start) + 1
        window = record.text[line_start:end]
        found = find_dates(window)[:3]
        for mention in found:
            r = mention.range
            if r is None or not any(_same(d, record.start) or _same(d, record.end) for d in (r.start, r.end)):
                continue
            # The words before this date, or before the line's first ("Posting date: 23-Nov-2026   Closing date:
            # 15-Dec-2026": a line of the document's own dates).
            for before in {mention.start, found[0].start}:
                m = _document_label_rx().search(fold(window[max(0, before - 60) : before]).casefold())
                if m:
                    return re.sub(r"[\s:\-\u2013\d./]+$", "", m.group(0)).strip()
    return ""


def period_fault(record: Record) -> str:
    """Why the record's start and end cannot be its project's period, or ""."""
    start, end = record.start, record.end
    if start and end and end.last_day() < start.first_day():
        return "the end comes before the start"
    if start or end:
        label = document_date_label(record)
        if label:
            return f"read from a document's or an act's own date (“{label}”)"
    return ""
