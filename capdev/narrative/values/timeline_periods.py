"""A project's start and end as a chronology marks them: entries that open with their date, then what happened
("Jan 2023    Project starts.", "Dec 2026    Revised end date following the extension.", "mars 2022 – Démarrage du
projet", "15/01/2023: Inicio del proyecto"), in English, French and Spanish (data/timeline_periods.json).

An entry counts only when its words open with the mark of the project's start or end (a workshop's or a review's
entry is no mark of either), its date is one day, month or year (not a period), and it stands alone on its line's
start. An end called revised, extended or actual wins over one called original or planned; two different starts,
or two ends of one kind, give nothing."""
from __future__ import annotations

import functools
import json
import re
from pathlib import Path

from ..folding import alternation, fold
from ..types import PartialDate
from . import dates as _dates
from .earlier_phases import EARLIER as _EARLIER

__all__ = ["timeline_period"]

_DATA = Path(__file__).resolve().parent.parent / "data" / "timeline_periods.json"
# What stands between an entry's date and its words: a tab or two spaces, a dash, a colon, a bar.
_GAP = re.compile(r"(?:\t|\s{2,}|\s*[:|\u2013\u2014-]\s+|\s*[:|]\s*)[*_]*")
_LEAD = re.compile(r"[\s>*_#-]*(?:[\u2022\u00b7]\s*)?[*_]*")


def _alt(words: list[str]) -> str:
    return alternation(words, letters={"'": "['\u2019]"})


@functools.cache
def _rx() -> dict[str, re.Pattern[str]]:
    data = json.loads(_DATA.read_text(encoding="utf-8"))
    kinds = rf"(?:(?:{_alt(data['original'])}|{_alt(data['revised'])})\s+)?"
    return {
        name: re.compile(rf"(?:the\s+|le\s+|la\s+|l'|el\s+)?{kinds}(?:{_alt(data[name])})"
                         rf"(?:\s+(?:{_alt(data['original'])}|{_alt(data['revised'])}))?(?![\w'-])(?!\s+(?:of|du|de|del)\s)",
                         re.IGNORECASE)
        for name in ("start", "end")
    } | {
        "original": re.compile(rf"(?<![\w-])(?:{_alt(data['original'])})(?![\w-])", re.IGNORECASE),
        "revised": re.compile(rf"(?<![\w-])(?:{_alt(data['revised'])})(?![\w-])", re.IGNORECASE),
    }


def _entry(line: str) -> tuple[PartialDate, str] | None:
    """The date an entry opens with and the words after it, folded; None for a line that is no entry."""
    lead = _LEAD.match(line)
    at = lead.end() if lead else 0
    mentions = _dates.find_dates(line[at : at + 40])
    if not mentions or mentions[0].start != 0:
        return None
    m, r = mentions[0], mentions[0].range
    if r.start is None or r.end != r.start:
        return None
    gap = _GAP.match(line, at + m.end)
    if not gap:
        return None
    return r.start, fold(line[gap.end() :]).casefold()


def timeline_period(text: str) -> tuple[PartialDate | None, PartialDate | None]:
    """(start, end) a chronology's entries mark; (None, None) where no entry marks either."""
    rx = _rx()
    starts: set[PartialDate] = set()
    ends: dict[int, set[PartialDate]] = {0: set(), 1: set(), 2: set()}  # original, plain, revised
    for line in text.splitlines():
        entry = _entry(line)
        if entry is None:
            continue
        date, words = entry
        if _EARLIER.search(words.split(". ")[0]):
            continue  # "Dec 2019  End of the previous phase", "Fin del proyecto anterior": another's mark
        if rx["start"].match(words):
            starts.add(date)
        m = rx["end"].match(words)
        if m:
            said = m.group(0)
            rank = 2 if rx["revised"].search(said) else 0 if rx["original"].search(said) else 1
            ends[rank].add(date)
    start = next(iter(starts)) if len(starts) == 1 else None
    chosen = next((e for rank, e in sorted(ends.items(), reverse=True) if e), set())
    end = next(iter(chosen)) if len(chosen) == 1 else None
    if start and end and end.last_day() < start.first_day():
        return None, None
    return start, end
