"""A project's start or end told by one date and a word of beginning or ending ("Started April 2025", "entré en
vigueur en avril 2025", "concluirá en julio de 2027"), for a record whose text states no whole period
(values.suggest_periods): a suggestion for a reviewer to confirm (values.suggestions flags it).

A single date counts when a word of beginning (data/suggest_cues.json "start_words") or of ending ("end_words")
stands right before it, in English, French or Spanish, and its clause tells of no event ("event_words": a workshop's
start, a report's deadline) and gives the date to no other thing ("period_other_owners": a law, a plan, an earlier
phase, a date being moved). Each side is suggested only when the record gives one such date for it; two different
starts give no start.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..folding import fold
from ..types import PartialDate
from . import dates as _dates
from .suggest_periods import clause_start, cue_rx, flat_text

_CUE_GAP = 28  # characters between the word and its date ("started in early", "a démarré le", "se extiende hasta")


@dataclass(frozen=True)
class SuggestedSides:
    start: PartialDate | None
    end: PartialDate | None
    reason: str


def _side_dates(text: str) -> dict[str, dict[PartialDate, str]]:
    folded = fold(text)
    found: dict[str, dict[PartialDate, str]] = {"start": {}, "end": {}}
    for m in _dates.find_dates(text):
        r = m.range
        date = r.start if r.end is None or r.end == r.start else None
        if date is None or len(m.parts) > 1:
            continue
        lo = clause_start(text, m.start)
        clause = folded[lo : folded.find("\n\n", m.end) if folded.find("\n\n", m.end) > 0 else len(folded)]
        near = folded[max(lo, m.start - _CUE_GAP) : m.start]
        if cue_rx("period_other_owners").search(folded, lo, m.start) or cue_rx("event_words").search(clause[:400]):
            continue
        for side in ("start", "end"):
            cue = None
            for cue in cue_rx(f"{side}_words").finditer(near):
                pass
            # one colon may close a label: "Inicio previsto: 2027", "Démarrage souhaité : janvier 2027" (round 16)
            if cue and re.fullmatch(r"[\s\w'.,-]{0,%d}" % _CUE_GAP, near[cue.end() :].replace(":", " ", 1)):
                at = max(lo, m.start - _CUE_GAP) + cue.start()
                found[side].setdefault(date, f"{text[at : at + len(cue.group(0))]} {' '.join(m.text.split())}")
    return found


def suggest_sides(text: str) -> SuggestedSides | None:
    """The start and the end single dates give, each when the record gives one; None when it gives neither."""
    if not isinstance(text, str) or not text.strip():
        return None
    text = flat_text(text)
    found = _side_dates(text)
    start = next(iter(found["start"])) if len(found["start"]) == 1 else None
    end = next(iter(found["end"])) if len(found["end"]) == 1 else None
    if start and end and end.last_day() < start.first_day():
        return None
    if start is None and end is None:
        return None
    said = [f"'{found[s][d]}'" for s, d in (("start", start), ("end", end)) if d is not None]
    return SuggestedSides(start, end, f"suggested: {' and '.join(said)}, a date after a word of beginning or ending")
