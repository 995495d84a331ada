"""A chronology's or an agenda's entry wrapped under its text column:

    Feb 2024    National validation workshop on the digital government readiness
                assessment of Tonga, Nuku'alofa - 22 officials.
    mars 2023   Atelier de validation du plan de formation des inspecteurs, tenu à
                Dakar avec 30 participants.

The second line is indented to where the first line's text begins after its date: it goes on with the entry (read
apart, "assessment of Tonga" would be a second event, and the workshop would lose its place and its count). So is a
label's value wrapped under its column ("Highlights:     A regional workshop ... was held" / "                in Suva in
March 2026 with 64 participants", "Faits marquants :  ...", "Resultados:   ..."): the lead is then a short key
closed by its colon, or one word ("dc.description.abstract    The project ... held two" / "          national
trainings of trainers (Dhaka, November 2021, 46" / "          participants; ...").
"""
from __future__ import annotations

import re

from . import dates as _dates

_LEAD = re.compile(r"^(?P<indent>[ \t]*)(?P<date>\S[^\n]{0,28}?)(?P<gap>[ \t]{2,})(?=\S)")
_KEY = re.compile(r"^[^\W\d_][^\d:|]{1,27}?\s?[:\uff1a]$")
_ONE_KEY = re.compile(r"^[^\W\d_][^\s\d]{1,28}$")
_SLACK = 1  # columns of difference allowed between the text column and the wrapped line's indent


def hang_under_date(text: str, prev, ln) -> bool:
    """Is ln (a line, its start at its first character) indented to the text column of the dated entry prev
    begins ("Feb 2024    National validation workshop ..."), or of the label's value ("Highlights:   A ..."), with
    no date of its own at its start?"""
    first_start = text.rfind("\n", 0, prev.start) + 1
    first_end = text.find("\n", first_start)
    first = text[first_start : first_end if first_end >= 0 else len(text)]
    m = _LEAD.match(first)
    if not m:
        return False
    found = _dates.find_dates(m.group("date"))
    # "Highlights:", "Faits marquants :", "Logros:", a key of one word ("dc.description.abstract", "Résumé")
    keyed = _KEY.match(m.group("date")) is not None or _ONE_KEY.match(m.group("date")) is not None
    if not keyed and (len(found) != 1 or found[0].start != 0
                      or found[0].end != len(m.group("date").rstrip(" :-\u2013"))):
        return False
    own = text.rfind("\n", 0, ln.start) + 1
    if text[own : ln.start].strip():
        return False
    return abs((ln.start - own) - m.end()) <= _SLACK
