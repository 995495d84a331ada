"""A date glued to a title's end ("Project: Land Registry Digitisation in Rural Lesotho, 12 March 2025", "Appui à
... — mars 2024", "Fortalecimiento de ... (15 de mayo de 2025)"): the date of the note, the update or the meeting,
never part of the project's name (round 12). Only a day and a month, or a month and a year, after a comma, a dash
between spaces or an opening bracket, at the very end, is cut: a title's own years ("... 2030 Agenda", "(2021-2023)")
stay where they are (title_periods reads them).
"""
from __future__ import annotations

import re
from functools import lru_cache


@lru_cache(maxsize=1)
def _date() -> str:
    """A day and a month, or a month and a year, or a date in figures, as a pattern's text."""
    from .values.dates import MONTHS

    month = "(?:" + "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True)) + r")\.?"
    day = r"(?:the\s+|le\s+|el\s+)?\d{1,2}(?:st|nd|rd|th|er|o|\u00ba)?"
    year = r"(?:19|20)\d\d"
    date = (rf"(?:{day}\s+(?:de\s+|of\s+)?{month}(?:,?\s+(?:de\s+)?{year})?|{month}\s+{day},?\s+{year}"
            rf"|{month}\s+(?:de\s+)?{year}|\d{{1,2}}[./]\d{{1,2}}[./]{year})")
    return date


@lru_cache(maxsize=1)
def _glued_date() -> re.Pattern[str]:
    return re.compile(rf"(?:\s*,|\s+[-\u2013\u2014|]|\s*\()\s*{_date()}\s*\)?\s*$", re.IGNORECASE)


@lru_cache(maxsize=1)
def _front_date() -> re.Pattern[str]:
    """A date, then a separator, opening the line: "March 2025 - X", "12/05/2025 | X", "2025-03-12: X"."""
    return re.compile(rf"^\s*(?:{_date()}|(?:19|20)\d\d-[01]\d(?:-[0-3]\d)?)\s*(?:[:|]|[-\u2013\u2014](?=\s))\s*",
                      re.IGNORECASE)


def without_front_date(title: str) -> str:
    """The title without a date and a separator before it ("March 2025 - Digital Archives ..."); the title itself
    when there is none (or fewer than three words would be left)."""
    m = _front_date().match(title)
    return title[m.end() :] if m and len(title[m.end() :].split()) >= 3 else title


def without_glued_date(title: str) -> str:
    """The title without a date glued to its end; the title itself when there is none (or nothing would be left)."""
    m = _glued_date().search(title)
    if not m or len(title[: m.start()].split()) < 3:
        return title
    return title[: m.start()].rstrip(" ,;:-\u2013\u2014|")
