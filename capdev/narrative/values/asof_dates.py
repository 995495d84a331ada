"""The date a document's heading line gives it with "as of" and its kin, at the line's end, in English, French and
Spanish: "PORTFOLIO NOTE - position as of 30 June 2026", "Situation des projets à la date du 31 mars 2025",
"Informe de cartera al 31 de diciembre de 2025", "Rapport d'avancement au 30 juin 2024". The words are data
(data/document_dates.json "as_of"; "as_of_short" ("au", "al", "at") only on a line that opens with a noun of a
report, a note or a portfolio, "as_of_nouns", since "prolongé au 31 décembre" is a project's end, not a date of the
document). The cue and its one date close the line; a period ("du 1er janvier au 31 mars") gives nothing."""
from __future__ import annotations

import functools
import json
import re
from pathlib import Path

from ..folding import alternation, fold
from ..types import PartialDate
from . import dates as _dates

__all__ = ["as_of_date"]

_DATA = Path(__file__).resolve().parent.parent / "data" / "document_dates.json"
_MAX_LINE = 100


def _alt(words: list[str]) -> str:
    return alternation(words)


@functools.cache
def _rx() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    data = json.loads(_DATA.read_text(encoding="utf-8"))
    cue = re.compile(rf"(?<![\w'-])(?:{_alt(data['as_of'])})\s+", re.IGNORECASE)
    short = re.compile(rf"(?<![\w'-])(?:{_alt(data['as_of_short'])})\s+", re.IGNORECASE)
    noun = re.compile(rf"^[\W_]*(?:{_alt(data['as_of_nouns'])})(?![\w-])", re.IGNORECASE)
    return cue, short, noun


def as_of_date(line: str) -> PartialDate | None:
    """The one date that closes a heading line after "as of", "à la date du", "al" ..., or None."""
    if len(line) > _MAX_LINE:
        return None
    folded = fold(line)
    cue_rx, short_rx, noun_rx = _rx()
    cues = list(cue_rx.finditer(folded))
    if not cues and noun_rx.match(folded):
        cues = list(short_rx.finditer(folded))
    for cue in reversed(cues):
        found = _dates.find_dates(line[cue.end() :])
        if len(found) != 1 or found[0].start != 0:
            continue
        r = found[0].range
        if r.start is None or r.end != r.start or line[cue.end() + found[0].end :].strip(" .)]*_|:-\u2013"):
            continue
        return r.start
    return None
