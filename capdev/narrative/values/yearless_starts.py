"""A project's start told with a day and a month but no year, after a verb of beginning in the past, in a document
that states its own date (round 17), in English, French and Spanish: a briefing dated "Friday, 4 December 2026" that
says "the project started on 1 December" tells of 1 December 2026; "a démarré le 3 mars", "arrancó el 2 de
febrero" likewise, at the latest such day not after the document's date (values.dates.find_dates_near).

Only a verb told in the past (data/sentence_sides.json "past_start_words": a start to come, "will start on 1 March",
may be in a later year), within the date's own sentence, which tells of no event and gives the date to no other
thing (as values.sentence_sides reads it); one such start only. Placed FLAGGED, never over a start already there,
never after the record's end, never without the document's date.
"""
from __future__ import annotations

import re

from ..folding import fold
from . import dates as _dates
from .sentence_sides import _UNDER_WAY, _rx, _sentence
from .suggest_periods import cue_rx

__all__ = ["yearless_start"]

_CUE_GAP = 16  # "started on", "a démarré le", "arrancó el": the verb stands right before its date


def yearless_start(record, when) -> None:
    """Give record a start from a yearless day after a verb of beginning in the past, flagged; else leave it."""
    text = record.text if isinstance(record.text, str) else ""
    if record.start is not None or when is None or when.month is None or not text.strip():
        return
    folded = fold(text)
    found = {}
    for m in _dates.find_dates_near(text, when):
        r = m.range
        if r.start is None or (r.end is not None and r.end != r.start) or len(m.parts) > 1:
            continue
        lo, hi = _sentence(text, m.start, m.end)
        sentence = _UNDER_WAY.sub(" ", folded[lo:hi])
        if cue_rx("event_words").search(sentence) or _rx("other_things").search(sentence) or \
                cue_rx("period_other_owners").search(folded, lo, m.start):
            continue
        cue = None
        for cue in _rx("past_start_words").finditer(folded, lo, m.start):
            pass
        if cue and re.fullmatch(r"[\s\w'.,-]{0,%d}" % _CUE_GAP, folded[cue.end() : m.start]):
            found.setdefault(r.start, f"{text[cue.start() : cue.end()]} {' '.join(m.text.split())}")
    if len(found) != 1:
        return
    (start, said), = found.items()
    if record.end is not None and record.end.last_day() < start.first_day():
        return
    record.start = start
    record.flag("start", f"suggested: '{said}', a day without its year after a verb of beginning, dated by the "
                         f"document's date ({when.iso()})")
