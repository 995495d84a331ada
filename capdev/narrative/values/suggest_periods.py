"""The period a record's own text makes likeliest for its project, when no rule placed one: a suggestion for a
reviewer to confirm (values.suggestions flags it), never a sure value.

Read by the structure of the text, not by a layout's phrases: every date range the record states that is long
enough to be a project's (two months and more; a workshop's days are not), that no word in its sentence before it
gives to another thing (a plan, a strategy, a law, a report, an earlier phase, a date being moved: data/
suggest_cues.json "period_other_owners", in English, French and Spanish), and that is written as a range ("from
March 2025 to February 2028", "octobre 2024 à septembre 2027", "Enero de 2024 → diciembre de 2026"; a bare
"2019-2023" only on a short line of its own or after "from"/"du"/"desde"). One such period, or one beside a word of
the project's time (its name, "period", "mise en oeuvre", "duración": "period_cues") among several, is suggested;
two that differ with nothing to choose between them give nothing.
"""
from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path

from ..folding import fold
from ..types import PartialDate
from . import dates as _dates
from .period_values import normalise

_DATA = Path(__file__).resolve().parent.parent / "data" / "suggest_cues.json"
_MIN_DAYS = 62  # shorter: an event's days, a mission's weeks
_WINDOW = 90  # characters before a range, within its sentence, where a word tells whose period it is
_SHORT_LINE = 48  # a line this short that holds a bare range of years is a period stated alone ("When: 2024 - 2026")
# A sentence's end, a blank line, a list's bullet, or a line that opens with a label ("Note :", "Calendario:").
_SENTENCE_END = re.compile(r"[.!?;](?=\s)|\n\s*\n|\n(?=\s*(?:[-*\u2022\u25aa]|\d+[.)]\s|[^\W\d][^\n:]{0,40}\s?:\s))")
# "2025-01/2027-12", "2024-04-01/2026-06-30": an interval written as ISO 8601 writes it.
_ISO_DAY = r"(?:19|20)\d\d-[01]\d(?:-[0-3]\d)?"
_ISO_INTERVAL = re.compile(rf"(?<![\w/.-])({_ISO_DAY})/({_ISO_DAY})(?![\w/.-])")
_SPACES = re.compile(r"[ \t]{2,}")
_RANGE_LEAD = re.compile(r"\b(?:from|between|du|de|des|entre|desde|del)\s+(?:the\s+|l'|le\s+|el\s+)?$", re.IGNORECASE)


@functools.cache
def cue_words() -> dict[str, list[str]]:
    return json.loads(_DATA.read_text(encoding="utf-8"))


@functools.cache
def cue_rx(name: str) -> re.Pattern[str]:
    """The words of data/suggest_cues.json NAME as one pattern (phrases_rx)."""
    return phrases_rx(cue_words()[name])


def phrases_rx(phrases: list[str]) -> re.Pattern[str]:
    """Phrases as one pattern of whole words: folded, longest first, any spaces between their words; "word*" is
    the word with any ending, an apostrophe may be a space or nothing."""
    parts = []
    for phrase in sorted({fold(p).lower() for p in phrases}, key=lambda s: (-len(s), s)):
        stem = phrase.rstrip("*")
        body = r"\s+".join(re.escape(w) for w in stem.split()).replace("'", r"['\s]?")
        parts.append(body + (r"[\w-]*" if phrase.endswith("*") else ""))
    return re.compile(rf"(?<![\w-])(?:{'|'.join(parts)})(?![\w-])", re.IGNORECASE)


@dataclass(frozen=True)
class SuggestedPeriod:
    start: PartialDate
    end: PartialDate
    reason: str


def clause_start(text: str, at: int) -> int:
    """Where the sentence holding position at begins (after a stop, a blank line or a list's bullet)."""
    lo = max(0, at - 400)
    last = lo
    for m in _SENTENCE_END.finditer(text, lo, at):
        last = m.end()
    return last


def flat_text(text: str) -> str:
    """The text in the forms values.dates reads ("Enero de 2024 → diciembre de 2026", "2025-01/2027-12"), a value
    wrapped onto an indented line ("(April 2021 -\n                March 2024") with one space."""
    return _SPACES.sub(" ", normalise(_ISO_INTERVAL.sub("\\1 \u2013 \\2", text)))


def _line_of(text: str, start: int, end: int) -> str:
    lo = text.rfind("\n", 0, start) + 1
    hi = text.find("\n", end)
    return text[lo : hi if hi >= 0 else len(text)]


def _candidates(text: str) -> list[tuple[_dates.DateMention, str | None]]:
    """Each range of the text that may be its project's period, with the cue word before it (or None)."""
    folded = fold(text)
    out = []
    for m in _dates.find_dates(text):
        r = m.range
        if r.start is None or r.end is None or len(m.parts) > 1 or r.end.last_day() < r.start.first_day() or (
                r.start.year == r.end.year and (r.start.month is None or r.end.month is None)):
            continue  # a lone date ("2021", "March 2024") is no period
        if (r.end.last_day() - r.start.first_day()).days < _MIN_DAYS:
            continue
        lo = max(clause_start(text, m.start), m.start - _WINDOW)
        before = folded[lo : m.start]
        if cue_rx("period_other_owners").search(before):
            continue  # "the National Development Plan 2019-2023", "la primera fase (2019-2021)", "moves from ... to"
        if r.start.precision == "year" and r.end.precision == "year" and not _RANGE_LEAD.search(before) and len(
                _line_of(text, m.start, m.end).strip()) > _SHORT_LINE:
            continue  # a bare "2019-2023" inside a sentence may be anything's
        cue = None
        for cue in cue_rx("period_cues").finditer(before):
            pass
        out.append((m, text[lo + cue.start() : lo + cue.end()] if cue else None))
    return out


def suggest_period(text: str) -> SuggestedPeriod | None:
    """The one period the text makes its project's, with the reason a reviewer reads; None when there is none or
    two differ with nothing to tell them apart."""
    if not isinstance(text, str) or not text.strip():
        return None
    text = flat_text(text)
    found = _candidates(text)
    values = {(m.range.start, m.range.end) for m, _ in found}
    if len(values) == 1:
        m, cue = found[0]
        told = " ".join(m.text.split())
        where = f"beside '{cue}'" if cue else "the only period stated in the record"
        return SuggestedPeriod(m.range.start, m.range.end, f"suggested: period {told}, {where}")
    cued = [(m, cue) for m, cue in found if cue]
    if len({(m.range.start, m.range.end) for m, _ in cued}) == 1:
        m, cue = cued[0]
        return SuggestedPeriod(m.range.start, m.range.end,
                               f"suggested: period {' '.join(m.text.split())} beside '{cue}' (other periods stated)")
    return None


_COLUMN_GAP = re.compile(r"[\s|;,\t]*")
_HEAD_ROWS = 12  # a record's first lines, where its own row of a schedule stands


def suggest_row_period(text: str) -> SuggestedPeriod | None:
    """Two whole dates side by side, with nothing but a column's gap between them, on one of the record's first
    lines ("1  [P] e-Procurement ...  01.04.2024  30.06.2026  587d"): a schedule's start and finish columns, the first
    such line being the record's own row. None when no line holds such a pair or the pair is no period."""
    if not isinstance(text, str):
        return None
    for line in [x for x in text.splitlines() if x.strip()][:_HEAD_ROWS]:
        found = [m for m in _dates.find_dates(line) if m.range.start is not None
                 and m.range.end in (None, m.range.start) and m.range.start.precision == "day"]
        pairs = [(a, b) for a, b in zip(found, found[1:]) if _COLUMN_GAP.fullmatch(line[a.end : b.start])]
        if not pairs:
            continue
        a, b = pairs[0]
        start, end = a.range.start, b.range.start
        if (end.first_day() - start.first_day()).days < _MIN_DAYS:
            return None
        return SuggestedPeriod(start, end, f"suggested: period {a.text} to {b.text}, two dates side by side on the "
                                           f"record's line (a schedule's start and finish)")
    return None
