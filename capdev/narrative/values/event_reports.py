"""A report on one event: its head names the event with its place and days, its body tells the attendance.

    REPORT                                                   COMPTE RENDU
    Regional Training of Trainers on Gender-Responsive ...   Atelier national de validation de la stratégie ...
    Gaborone, Botswana, 6-10 March 2023                      Cotonou (Bénin), du 12 au 14 juin 2023
    Project: Gender-Responsive Public Service Delivery ...   Projet : ...
    ...
    Twenty-eight (28) participants attended the full five days: 17 women and 11 men ...

The lines above the record's first label are its head: an event told there with a month and a place (or online) is
the report's event. The record's one event then takes the count of the one sentence that says people attended
("attended", "ont pris part", "participaron": data/event_cues.json "attendance_verbs"), flagged for review; a
sentence of the project's total reach (event_reach) gives none.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from ..types import Event
from .event_facts import _facts
from .event_reach import tells_reach

_DATA = Path(__file__).resolve().parent.parent / "data" / "event_cues.json"
_HEAD_LINES = 6  # lines of a head the report's event is named in (a kicker, the event's name, its place and days)
_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|$)")
_LINES = 400  # lines of a record looked through for the attendance sentence


@lru_cache(maxsize=1)
def _attended() -> re.Pattern[str]:
    words = json.loads(_DATA.read_text(encoding="utf-8"))["attendance_verbs"]["words"]
    return re.compile(rf"(?<!\w)(?:{'|'.join(sorted(words, key=len, reverse=True))})(?!\w)", re.IGNORECASE)


def head_event(head: str, events: list[Event]) -> Event | None:
    """The one event the head (the record's lines above its first label, as extract_events read them) names with a
    month and a place or online, when the rest of the record tells no event of the same days; else None."""
    lines = head.count("\n", 0, len(head.rstrip())) + 1
    if lines > _HEAD_LINES:
        return None
    found = [e for e in events if e.start is not None and e.start.month is not None and e.type != "milestone"
             and (e.country or e.online)]
    return found[0] if len(found) == 1 else None


def same_days(a: Event, b: Event) -> bool:
    if a.start is None or b.start is None:
        return False
    return a.start.first_day() <= (b.end or b.start).last_day() and b.start.first_day() <= (a.end or a.start).last_day()


def told_attendance(text: str, events: list[Event]) -> str | None:
    """The one event of a record without a count, and one sentence saying how many people attended (no kind of
    event, date or place of its own): the count is that event's. Sets it and gives the sentence, or None."""
    own = [e for e in events if not e.recalled]
    if len(own) != 1 or own[0].participants is not None or own[0].start is None:
        return None
    found: list[tuple[int, str]] = []
    for line in text.splitlines()[:_LINES]:
        if not _attended().search(line):
            continue
        for m in _SENTENCE.finditer(line):
            sent = m.group().strip()
            if not _attended().search(sent):
                continue
            f = _facts(sent)
            if f.participants and f.type is None and not f.dates and not f.places \
                    and not tells_reach(sent, f.participants):
                found.append((f.participants, sent))
    if len({n for n, _ in found}) != 1:
        return None
    own[0].participants = found[0][0]
    return found[0][1]
