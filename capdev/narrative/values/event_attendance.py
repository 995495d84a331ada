"""Who signed up for an event and who came: "210 registered and 164 attended", "87 inscrits, 61 participants",
"se registraron 64 personas y asistieron 52", "150 inscritos y 112 asistentes". The event's count is the people
who came, never the people who signed up. The words are data (data/event_cues.json "registered",
"attended_count"), in English, French and Spanish.

Every pattern is matched in a window of a few dozen characters around one number, so a sentence is read in time
linear in its length.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

_DATA = Path(__file__).resolve().parent.parent / "data" / "event_cues.json"
_WINDOW = 48  # characters read either side of a number for its registration or attendance word
_NUMBER = re.compile(r"(?<![\w.,])\d{1,3}(?:[,\u00a0\u202f ]\d{3})+(?![\w,.]\d)|(?<![\w.,])\d{1,5}(?![\w])")


class Attendance(NamedTuple):
    count: int
    start: int
    end: int
    qualifier: str | None  # "more than", "about": the count is no exact one


@lru_cache(maxsize=1)
def _rx() -> dict[str, re.Pattern[str]]:
    cues = json.loads(_DATA.read_text(encoding="utf-8"))

    def alt(key: str) -> str:
        entry = cues[key]
        return "|".join(sorted(entry["words"] if isinstance(entry, dict) else entry, key=len, reverse=True))

    reg, att = alt("registered"), alt("attended_count")
    # a number, then a word for people and an auxiliary at most, then the word: "210 registered", "64 people
    # registered" (no attendance), "61 participants", "140 connectés"
    after = (r"^\s+(?:(?:people|persons|personnes|personas|officials|agents|funcionari[oa]s)\s+)?"
             r"(?:(?:had|have|were|ont|se|y)\s+)?")
    return {
        "reg_after": re.compile(rf"{after}(?:{reg})(?!\w)", re.I),
        "att_after": re.compile(rf"{after}(?:{att})(?!\w)", re.I),
        # the verb, then the number: "se registraron 64 personas", "asistieron 52", "ont participé 61 agents"
        "reg_before": re.compile(rf"(?<!\w)(?:{reg})\s+$", re.I),
        "att_before": re.compile(rf"(?<!\w)(?:{att})\s+$", re.I),
        "approx": re.compile(rf"(?<!\w)(?:{alt('approximate')}|more\s+than|over|plus\s+de|m[áa]s\s+de)\s+$", re.I),
    }


def _value(raw: str) -> int:
    return int(re.sub(r"\D", "", raw))


def attended_of_registered(text: str) -> Attendance | None:
    """The count of the people who came, when the sentence tells both how many signed up and how many came, the
    second no more than the first; None otherwise (a sentence that tells only who signed up gives no count here)."""
    rx = _rx()
    registered: list[int] = []
    attended: list[tuple[int, int, int]] = []
    for m in _NUMBER.finditer(text):
        before = text[max(0, m.start() - _WINDOW) : m.start()]
        after = text[m.end() : m.end() + _WINDOW]
        if rx["reg_after"].match(after) or rx["reg_before"].search(before):
            registered.append(_value(m.group(0)))
        elif rx["att_after"].match(after) or rx["att_before"].search(before):
            attended.append((_value(m.group(0)), m.start(), m.end()))
    if len(registered) != 1 or len(attended) != 1:
        return None
    n, s, e = attended[0]
    if not 0 < n <= registered[0]:
        return None
    lead = text[max(0, s - 30) : s]
    qual = rx["approx"].search(lead)
    return Attendance(n, s, e, re.sub(r"\s+", " ", qual.group(0).strip().lower()) if qual else None)
