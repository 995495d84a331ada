"""Weekday names written inside dates: "from Monday 30 October to Thursday 2 November 2023", "du lundi 30 octobre
au jeudi 2 novembre 2023", "del lunes 30 de octubre al jueves 2 de noviembre de 2023", "Tuesday 14 to Thursday 16
November 2023". Read as they are, the range's first day is lost behind its weekday and the event is dated by its
last day (a month off when it runs across two). They are blanked (same length: offsets hold) before dates are read.
Only a weekday followed by a day's number is blanked ("on Monday the team met" is left as it is).
"""
from __future__ import annotations

import re

_WEEKDAY = re.compile(
    r"(?<![^\W\d_])(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|fri|"
    r"lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|"
    r"lunes|martes|mi[ée]rcoles|jueves|viernes|s[áa]bado|domingo)\.?,?(?=\s{1,3}\d)",
    re.IGNORECASE,
)
_ANY = re.compile(r"day|di\b|es\b|jeudi|lundi|mardi|vendredi|samedi|dimanche|mon|tue|wed|thu|fri|jueves|domingo",
                  re.IGNORECASE)


def blank_weekdays(text: str) -> str:
    """The text with each weekday written before a day's number replaced by as many spaces."""
    if not _ANY.search(text):
        return text
    return _WEEKDAY.sub(lambda m: " " * len(m.group(0)), text)
