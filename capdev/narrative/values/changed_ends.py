"""A project's end date changed by a decision, told with the old and the new end, in English, French and Spanish:
"the Board approved extending the end date of the project from 31 December 2024 to 30 June 2025", "la date de
clôture est reportée du 31 décembre 2024 au 30 juin 2025", "el Comité aprueba extender la fecha de finalización del
proyecto del 31 de diciembre de 2024 al 30 de junio de 2025". The new end is the project's; an end date of a
workshop, a call or a contract (prose_facts' other subjects) is not. Words are data (data/status_prose.json)."""
from __future__ import annotations

import functools
import re

from ..folding import fold
from ..types import PartialDate
from .prose_facts import _NOT_THE_PROJECT, _cue_pattern, cues, dated_mentions, others_before
from .status_prose import _data, unsettled
from .status_prose import _rx as _other_rx  # "del proyecto anterior", "the previous phase"
from .wrapped_lines import rejoin

__all__ = ["changed_end"]

_WINDOW = 120  # the change, the end date's noun and "from" stand close before the two dates


@functools.cache
def _rx() -> re.Pattern[str]:
    change = _cue_pattern(_data()["change_words"])
    noun = _cue_pattern(_data()["end_date_nouns"])
    gap = r"[^.;:]{0,70}?"  # "su finalización, prevista inicialmente para diciembre de 2023, se amplió"
    # "extend the end date ... from", "la date de clôture est reportée du", "fecha de cierre, prorrogada desde el"
    changed = rf"(?<![\w'-])(?:(?:{change})(?![\w-]){gap}(?<![\w'-])(?:{noun})|(?:{noun})(?![\w-]){gap}" \
              rf"(?<![\w'-])(?:{change}))(?![\w-])"
    return re.compile(rf"{changed}[^.;:]{{0,40}}?(?<![\w'-])(?:from|du|de|del|desde)(?:\s+(?:the|le|el|l'))?\s*$",
                      re.IGNORECASE)


@functools.cache
def _to_rx() -> re.Pattern[str]:
    """"ampliar la fecha de finalización prevista, el 31 de enero de 2025, hasta el 31 de julio de 2025", "extend
    the end date to 30 June 2025": the changed end after "to", "until", "jusqu'au", "hasta", "al"."""
    change = _cue_pattern(_data()["change_words"])
    noun = _cue_pattern(_data()["end_date_nouns"])
    gap = r"[^.;:]{0,70}?"  # "su finalización, prevista inicialmente para diciembre de 2023, se amplió"
    return re.compile(rf"(?<![\w'-])(?:(?:{change})(?![\w-]){gap}(?<![\w'-])(?:{noun})|(?:{noun})(?![\w-]){gap}"
                      rf"(?<![\w'-])(?:{change}))(?![\w-])[^.;:]{{0,60}}?(?<![\w'-])(?:to|until|till|through|au|"
                      rf"jusqu'au|jusqu'en|jusqu'a|hasta|al|para)(?:\s+(?:the|le|el|l'))?\s*$", re.IGNORECASE)


@functools.cache
def _of_project_rx() -> re.Pattern[str]:
    """"approuve la prolongation sans coût additionnel du projet jusqu'au", "a no-cost extension of the project
    until", "la prórroga del proyecto hasta el": the project itself extended, to the date after "until"."""
    change = _cue_pattern(_data()["change_words"])
    project = _cue_pattern(cues()["project_words"])
    return re.compile(rf"(?<![\w'-])(?:{change})(?![\w-])[^.;:]{{0,40}}?(?<![\w'-])(?:of|du|de|del|de\s+la)\s+"
                      rf"(?:the\s+|this\s+|ce\s+|cet\s+|este\s+|esta\s+|la\s+|l')?(?:{project})(?![\w-])"
                      rf"[^.;:\d]{{0,30}}?(?<![\w'-])(?:to|until|till|through|jusqu'au|jusqu'en|jusqu'a|hasta|al)"
                      rf"(?:\s+(?:the|le|el|l'))?\s*$", re.IGNORECASE)


@functools.cache
def _granted_rx() -> re.Pattern[str]:
    """"Prórroga aprobada hasta 06/2027", "no-cost extension approved until June 2027", "prolongation accordée
    jusqu'au 30 juin 2027": an extension said granted (data granted_words), to the date after "until"."""
    change = _cue_pattern(_data()["change_words"])
    granted = _cue_pattern(_data()["granted_words"])
    return re.compile(rf"(?<![\w'-])(?:{change})(?![\w-])(?:\s+[\w'-]+){{0,3}}?\s+(?:{granted})(?![\w-])"
                      rf"[^.;:\d]{{0,20}}?(?<![\w'-])(?:until|till|to|through|jusqu'au|jusqu'en|jusqu'a|hasta|al)"
                      rf"(?:\s+(?:the|le|el|l'))?\s*$", re.IGNORECASE)


def changed_end(text: str) -> PartialDate | None:
    """The latest new end a change of the project's end date gives (the second date of "from ... to ..."), else None."""
    text = rejoin(text)  # a wrapped sentence's lines, read as one sentence
    folded = fold(text)
    out: PartialDate | None = None
    for m, lo in dated_mentions(text):
        r = m.range
        before = folded[max(lo, m.start - _WINDOW) : m.start]
        if r.end is not None and r.end.first_day() > r.start.last_day():
            cue = _rx().search(before)  # "from 31 January 2025 to 31 July 2025": the second date
        else:
            cue = _to_rx().search(before) or _of_project_rx().search(before) or _granted_rx().search(before)
            r = type(r)(r.start, r.start)
        if not cue or _NOT_THE_PROJECT.search(cue.group(0)) or _other_rx()["other_project"].search(cue.group(0)) \
                or others_before(folded, lo, m.start) or unsettled(text, m.start, m.end):
            continue  # "the workshop's end date was moved from ...": another thing's end; one only asked for
        if out is None or r.end > out:
            out = r.end
    return out
