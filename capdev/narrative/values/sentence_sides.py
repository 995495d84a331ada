"""A project's start or end told by one date after a word of beginning or ending, read within the date's own
sentence (round 17), in English, French and Spanish: "Status: ongoing. Started April 2025.", "Clôturé le 30 juin
2026 (démarré en septembre 2023)", "démarrage envisagé en 2027", "inicio previsto en marzo de 2027".

values.suggest_sides reads the same words, but lets a word of an event anywhere in the paragraph after the date
("Risk: procurement delayed (tender re-launched)", "Séminaire de clôture à Yamoussoukro") veto it. Here a word of
an event, a word giving the date to another thing (a law, a plan, an earlier phase, a date being moved: data/
suggest_cues.json "period_other_owners") or another project's name counts only in the date's own sentence, where it
may be the verb's subject ("the workshop started on 3 May"). A sentence with "original", "initial", "planned"
before its date of ending loses against one with "actual", "revised", "new", "extended" (data/
sentence_sides.json): "original closing date 31 December 2023, extended twice, actual closing 30 June 2025" ends on
30 June 2025. Two different dates of one side, of one rank, give nothing for it.

A suggestion only (values.suggestions flags it, never over a rule's value), used where the readers before it gave
nothing for that side.
"""
from __future__ import annotations

import functools
import json
import re
from pathlib import Path

from ..folding import fold
from ..types import PartialDate
from . import dates as _dates
from .spelled_dates import spelled_to_digits
from .suggest_periods import clause_start, cue_rx, flat_text, phrases_rx
from .suggest_sides import SuggestedSides

__all__ = ["agreeing_range", "sentence_sides"]

_DATA = Path(__file__).resolve().parent.parent / "data" / "sentence_sides.json"
_CUE_GAP = 28  # characters between the word and its date ("started in early", "a démarré le", "envisagé en")
# A sentence's end: a stop before a space, a blank line, a closing bracket's clause ("(démarré en septembre 2023)").
_SENTENCE_STOP = re.compile(r"[.!?;](?=\s)|\n\s*\n|[()\[\]]")
_OPEN = re.compile(r"[()\[\]]")
_UNDER_WAY = re.compile(r"(?<![\w-])(?:en\s+cours|in\s+course\s+of|en\s+curso)(?![\w-])", re.IGNORECASE)


@functools.cache
def _words() -> dict[str, list[str]]:
    return json.loads(_DATA.read_text(encoding="utf-8"))


@functools.cache
def _rx(name: str) -> re.Pattern[str]:
    return phrases_rx(_words()[name])


def _sentence(text: str, at: int, end: int) -> tuple[int, int]:
    """The bounds of the sentence (or bracketed clause) that holds text[at:end]."""
    lo = clause_start(text, at)
    for m in _OPEN.finditer(text, lo, at):
        lo = m.end()
    stop = _SENTENCE_STOP.search(text, end)
    return lo, stop.start() if stop else len(text)


def _rank(before: str) -> int:
    """1 for a date called actual or revised, -1 for one called original or planned, else 0."""
    if _rx("final_words").search(before):
        return 1
    if _rx("first_words").search(before):
        return -1
    return 0


def _side_dates(text: str) -> dict[str, dict[PartialDate, tuple[int, str]]]:
    folded = fold(text)
    found: dict[str, dict[PartialDate, tuple[int, str]]] = {"start": {}, "end": {}}
    for m in _dates.find_dates(text):
        r = m.range
        date = r.start if r.end is None or r.end == r.start else None
        if date is None or len(m.parts) > 1:
            continue
        lo, hi = _sentence(text, m.start, m.end)
        sentence = _UNDER_WAY.sub(" ", folded[lo:hi])  # "en cours depuis janvier 2025": no course of training
        if cue_rx("event_words").search(sentence) or _rx("other_things").search(sentence):
            continue
        # "extended twice, actual closing 30 June 2025": a date called actual or revised is the one a change gave
        owned = cue_rx("period_other_owners").search(folded, lo, m.start) is not None
        for side in ("start", "end"):
            cue = extra = None
            for cue in cue_rx(f"{side}_words").finditer(folded, lo, m.start):  # whole words of the text
                pass
            for extra in _rx(f"{side}_words").finditer(folded, lo, m.start):
                pass
            if extra and (cue is None or extra.start() >= cue.start()):
                cue = extra  # the word nearest the date
            if owned and not (extra and cue is extra and _rank(extra.group(0)) > 0):
                continue
            if cue and re.fullmatch(r"[\s\w'.,-]{0,%d}" % _CUE_GAP, folded[cue.end() : m.start].replace(":", " ", 1)):
                at = cue.start()
                rank = _rank(folded[lo : m.start][-60:])
                said = f"{text[at : at + len(cue.group(0))]} {' '.join(m.text.split())}"
                if date not in found[side] or found[side][date][0] < rank:
                    found[side][date] = (rank, said)
    return found


def _one(found: dict[PartialDate, tuple[int, str]]) -> PartialDate | None:
    """The one date of the best rank, None when there is none or two."""
    if not found:
        return None
    best = max(rank for rank, _ in found.values())
    dates = [d for d, (rank, _) in found.items() if rank == best]
    return dates[0] if len(dates) == 1 else None


def sentence_sides(text: str) -> SuggestedSides | None:
    """The start and the end single dates give, each read within its sentence; None when neither is given."""
    if not isinstance(text, str) or not text.strip():
        return None
    text = flat_text(spelled_to_digits(text))  # "el uno de mayo de dos mil veintinueve": 1 de mayo de 2029
    found = _side_dates(text)
    start, end = _one(found["start"]), _one(found["end"])
    if start and end and end.last_day() < start.first_day():
        return None
    if start is None and end is None:
        return None
    said = [f"'{found[s][d][1]}'" for s, d in (("start", start), ("end", end)) if d is not None]
    return SuggestedSides(start, end, f"suggested: {' and '.join(said)}, a date after a word of beginning or ending "
                                      f"in its sentence")


_WINDOW = 90  # characters before a range, within its sentence, where a word gives it to another thing


def agreeing_range(text: str, start: PartialDate | None, end: PartialDate | None) -> SuggestedSides | None:
    """The other side of a bare range of years ("SUPER: 2024-2027 | US$ 3,5 millones") whose one side is the year
    of the side the record already holds: "Desde 2024, el proyecto ..." placed the start, the range gives the end.
    No range given to another thing (a plan's, a strategy's), and one other side only; None otherwise."""
    if not isinstance(text, str) or (start is None) == (end is None):
        return None
    text = flat_text(text)
    folded = fold(text)
    found: dict[PartialDate, str] = {}
    for m in _dates.find_dates(text):
        r = m.range
        if r.start is None or r.end is None or len(m.parts) > 1 or r.start.precision != "year" or \
                r.end.precision != "year" or r.end.year <= r.start.year:
            continue
        lo = max(clause_start(text, m.start), m.start - _WINDOW)
        if cue_rx("period_other_owners").search(folded, lo, m.start) or _rx("other_things").search(folded, lo, m.end):
            continue
        if start is not None and r.start.year == start.year:
            found.setdefault(r.end, m.text)
        elif end is not None and r.end.year == end.year:
            found.setdefault(r.start, m.text)
    if len(found) != 1:
        return None
    (date, told), = found.items()
    side = "end" if start is not None else "start"
    reason = f"suggested: {side} {date.iso()}, from the range {' '.join(told.split())} that shares the record's " \
             "other side"
    return SuggestedSides(None, date, reason) if side == "end" else SuggestedSides(date, None, reason)
