"""Whether a new end date a text gives is only asked for or proposed, not granted, in English, French and Spanish:
"a further extension to December 2025 is being requested", "la demande de prorogation jusqu'au 30 juin 2026",
"se solicitó una prórroga hasta diciembre de 2026", "a proposed extension to June 2027". Such an end is no
project's end: the one granted before it stays. A word of granting in the same clause ("the Board approved the
proposed extension to June 2025") settles it. Words are data (data/status_prose.json "unsettled_words",
"granted_words").

The clause of a date is the words between it and the nearest stop, comma, conjunction or other year on either side:
"the end was extended to 30 June 2025, and a further extension to December 2025 is being requested" leaves the
first end granted and the second asked for."""
from __future__ import annotations

import functools
import json
import re
from pathlib import Path

from ..folding import alternation, fold

__all__ = ["unsettled"]

_DATA = Path(__file__).resolve().parent.parent / "data" / "status_prose.json"
_REACH = 90  # a clause's words stand close around its date


def _alt(words: list[str]) -> str:
    return alternation(words)


@functools.cache
def _rx() -> tuple[re.Pattern[str], re.Pattern[str]]:
    data = json.loads(_DATA.read_text(encoding="utf-8"))
    return (re.compile(rf"(?<![\w'-])(?:{_alt(data['unsettled_words'])})(?![\w-])", re.IGNORECASE),
            re.compile(rf"(?<![\w'-])(?:{_alt(data['granted_words'])})(?![\w-])", re.IGNORECASE))


# What closes a clause: a stop, a comma, a conjunction, or another year (another date's clause).
_BOUND = re.compile(r"[.;,:()]|(?<![\w'-])(?:and|but|while|whereas|et|mais|alors\s+que|tandis\s+que|y|e|pero|"
                    r"mientras)(?![\w'-])|(?<!\d)(?:19|20)\d\d(?!\d)", re.IGNORECASE)


def unsettled(text: str, start: int, end: int) -> bool:
    """Is the date at text[start:end] a change only asked for or proposed ("a further extension to December 2025 is
    being requested")?"""
    folded = fold(text)
    before = folded[max(0, start - _REACH) : start]
    after = folded[end : end + _REACH]
    bounds = list(_BOUND.finditer(before))
    if bounds:
        before = before[bounds[-1].end() :]
    stop = _BOUND.search(after)
    clause = before + " " + (after[: stop.start()] if stop else after)
    asked, granted = _rx()
    return bool(asked.search(clause)) and not granted.search(clause)
