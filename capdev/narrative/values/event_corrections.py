"""A later correction of an event's count wins over the count first told.

An e-mail thread or an updated report tells a figure and then corrects it: "Correction: 42 participants, not 45",
"Rectificatif : 42 participants et non 45", "Corrección: fueron 42 y no 45", "not 45 but 42". The corrected count
replaces the count it names on the events told BEFORE the correction; an event whose count is another number is
left alone (a correction names the figure it corrects). The words are data (data/event_cues.json).
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from ..types import Event
from . import dates as _dates

_DATA = Path(__file__).resolve().parent.parent / "data" / "event_cues.json"
_REACH = 120  # characters after the correction word in which the two figures are written


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    cues = json.loads(_DATA.read_text(encoding="utf-8"))

    def alt(key: str) -> str:
        return "|".join(sorted(cues[key]["words"], key=len, reverse=True))

    num = r"\d{1,3}(?:[ ,.\u00a0]\d{3})*|\d+"
    lead = re.compile(rf"(?<!\w)(?:{alt('correction')})(?!\w)", re.IGNORECASE)
    right_first = re.compile(rf"(?<![\w.,])(?P<new>{num})(?:\s+[^\W\d_][\w'\u2019-]*(?![\w'\u2019-])){{0,3}}\s*,?\s*"
                             rf"(?<!\w)(?:{alt('correction_instead')})\s+(?:(?:the\s+|les\s+|los\s+|las\s+)?)"
                             rf"(?P<old>{num})(?![\w.,]\d)", re.IGNORECASE)
    wrong_first = re.compile(rf"(?<!\w)(?:not|non(?:\s+pas)?|no)\s+(?:[^\W\d_]+\s+){{0,2}}(?P<old>{num})\b"
                             rf"[^.;\d]{{0,30}}?"
                             rf"(?:{alt('correction_but')})\s+(?P<new>{num})(?![\w.,]\d)", re.IGNORECASE)
    return lead, right_first, wrong_first


def _month_after(text: str, at: int) -> bool:
    word = re.match(r"\s*(?:de\s+)?([^\W\d_]+)", text[at:])
    return bool(word) and word.group(1).lower() in _dates.MONTHS


def _int(raw: str) -> int:
    return int(re.sub(r"\D", "", raw))


def corrections(text: str) -> list[tuple[int, int, int]]:
    """(offset, wrong count, right count) of each correction the text writes."""
    lead, right_first, wrong_first = _patterns()
    out = []
    for m in lead.finditer(text):
        window = text[m.end() : m.end() + _REACH]
        window = re.split(r"(?<=[.!?])\s|\n\s*\n", window, maxsplit=1)[0]
        found = min((f for f in (right_first.search(window), wrong_first.search(window)) if f),
                    key=lambda f: f.start(), default=None)
        if found and any(d.start < found.end() and found.start() < d.end for d in _dates.find_dates(window)):
            continue  # "the date is 12 May, not 11 May": a date corrected, not a count
        if found and any(_month_after(window, found.end(g)) for g in ("new", "old")):
            continue  # "12 May, not 11 May"
        if found:
            new, old = _int(found.group("new")), _int(found.group("old"))
            if new != old:
                out.append((m.start(), old, new))
    return out


def apply_corrections(text: str, events: list[Event], offset: int = 0) -> None:
    """Give the events told before a correction the corrected count (spans index text + offset)."""
    if not events:
        return
    for at, old, new in corrections(text):
        for e in events:
            if e.participants == old and e.span and e.span[0] - offset < at:
                e.participants = new
