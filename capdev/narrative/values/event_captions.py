"""A line that opens on its own dateline, then tells the activity: a photo's caption ("IMG_0044.jpg — Ziguinchor,
juin 2025 (10-14). Session de formation des agents ..., 45 stagiaires certifiés."), a logbook's or a diary's entry
("Kayes, 3 March 2026. Training of municipal clerks, 28 participants."). The dateline is a sentence of its own, a
town (or none) and a date and nothing else (an item's file name or number before a dash may lead it); the sentence
after it names the activity and no date. The two are read as one sentence: the activity took place where and when the
dateline says. A dateline over a sentence naming no activity ("Remise des attestations ...") gives nothing.
"""
from __future__ import annotations

import re

from . import dates as _dates

__all__ = ["lead_dateline"]

# An item's own name before a dash ("IMG_0044.jpg —", "N° 12 –", "#3 -"): no word of the dateline.
_MARKER = re.compile(r"\s*(?:\S{1,30}(?:\s\d{1,4})?\s+[\u2014\u2013-]\s+)?")
_TOWN = re.compile(r"[^\W\d_][\w'\u2019. -]{1,40}?,\s+")
# After the date, only the days in brackets ("juin 2025 (10-14)") and the sentence's end.
_DATE_TAIL = re.compile(r"\s*(?:\([\d\s\u2013\u2014/-]{1,20}\))?\s*[.:;]?\s*")


def dateline_town(text: str) -> str | None:
    """The town of a sentence that is a dateline only ("IMG_0012.jpg — Thiès, 23 avril 2024."), "" for a date
    alone ("IMG_0013.jpg — 24/04/2024."), else None."""
    m = _MARKER.match(text)
    town = _TOWN.match(text, m.end())
    after = text[town.end() if town else m.end() :]
    found = _dates.find_dates(after)
    if not found or found[0].start != 0 or not _DATE_TAIL.fullmatch(after[found[0].end :]):
        return None
    if town:
        return town.group(0).rstrip(", ").strip()
    # A date alone: a day or a month ("2024." opens a paragraph, no entry), after no item's number ("Photo 4 - 3
    # June 2025" would be read as days 4 to 3)
    dated = found[0].range.start is not None and found[0].range.start.month is not None
    return "" if dated and not re.search(r"\d\s+[\u2014\u2013-]\s*$", text[: m.end()]) else None


def lead_dateline(sents: list, facts) -> tuple[list, str | None]:
    """The line's sentences with a leading dateline read with the activity told after it, and the dateline's town
    (None when the line opens on no dateline). sents: event_words._Sentence; facts: event_facts._facts."""
    if len(sents) < 2:
        return sents, None
    first, nxt = sents[0], sents[1]
    town = dateline_town(first.text)
    if town is None or facts(first.text).type is not None:
        return sents, None
    told = facts(nxt.text)
    if told.type is None or told.dates:
        return sents, None
    glued = type(first)(first.start, nxt.end, f"{first.text}{' ' * (nxt.start - first.end)}{nxt.text}")
    return [glued, *sents[2:]], town
