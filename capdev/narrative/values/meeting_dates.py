"""The day a meeting's minutes, a record of a session or a letter give on a line of their head, after a word of holding
or of dating, in English, French and Spanish: "Held on 14 May 2026, Ministry of Public Service, Lusaka", "DU SAMEDI
27 JUIN 2026" (under "PROCÈS-VERBAL DE LA SÉANCE ..."), "Tenue le 3 mars 2025 à Dakar", "Celebrada el 22 de abril de
2026 en Lima", "Réunion du 12 mai 2024", "Sesión del 8 de abril de 2025". It dates the document as a dateline does
(values.datelines), for values.status_dates.

The line is short and gives one day (never a month or a year alone, nor a stretch of days: "du 12 au 16 mai 2026" is
an event's); after the day only the hours or the place ("at the City Hall", ", Lusaka") may stand."""
from __future__ import annotations

import re

from ..folding import fold
from ..types import PartialDate
from .datelines import dateline

__all__ = ["meeting_date"]

_MAX_LINE = 100
_CUE = re.compile(r"^[\W_]*(?:(?:held|convened|meeting|session|sitting)\s+(?:on|of)|"
                  r"(?:meeting|session|sitting)\s+held\s+on|"
                  r"dated|(?:tenue?s?|reunie?s?|convoquee?s?|datee?)\s+(?:le|du)|(?:seance|reunion|session)\s+du|"
                  r"(?:en\s+date\s+)?du|"
                  r"(?:celebrad[ao]s?|realizad[ao]s?|efectuad[ao]s?|convocad[ao]s?|fechad[ao])\s+el|"
                  r"(?:sesion|reunion)\s+del|del)\s+", re.IGNORECASE)
# What may close the line after the day: the place, after a comma or "at", "in", "à", "en" (no digit in it).
# A place is a few words, each capitalised or a small word of a name ("Ministry of Public Service, Lusaka", "à l'Hôtel
# de Ville"): "Du 1er janvier 2024, le projet a formé des agents" is a sentence, no place.
_NAME_WORD = r"(?:[A-ZÀ-Ý][\w'.-]*|of|the|de|du|des|la|le|les|l'|d'|del|el|los|las|y|and|et)"
_PLACE = re.compile(rf"(?:\s*,\s*|\s+(?:at|in|à|a|au|dans|en)\s+)(?:l'|d')?{_NAME_WORD}"
                    rf"(?:[\s,]+{_NAME_WORD}){{0,7}}\W*$")


def meeting_date(line: str) -> PartialDate | None:
    """The day a line of a document's head gives after a word of holding or dating, or None."""
    if len(line) > _MAX_LINE:
        return None
    cue = _CUE.match(fold(line))
    if not cue:
        return None
    rest = line[cue.end() :]
    date = dateline(rest) or dateline(_PLACE.sub("", rest))
    return date if date is not None and date.day is not None else None
