"""A date label's value that goes on into prose: its first sentence is the date.

"Start: March 2024. End: February 2027. Funded by the Government of Sweden." packs three facts in one line; the
layout step gives the end label all that follows it, and "February 2027. Funded by the Government of Sweden." reads
as no date, so the end was lost. A sentence ends after a date's last figure ("2027.") or at a semicolon; the first
sentence alone is read again, and the text after it stays in the label's span, flagged (it is placed nowhere).
"""
from __future__ import annotations

import re

# A stop after a figure ("2027. Funded"), not after an abbreviation ("févr. 2027", "Sept. 2025"); or a semicolon.
_SENTENCE_END = re.compile(r"(?<=\d)\.[ \t]+(?=[^\W\d_])|;[ \t]*(?=\S)")
REST = "its value's first sentence read as the date; the text after it is placed nowhere"


def first_sentence(value: object) -> str | None:
    """The value up to its first sentence's end, when more follows and that sentence ends on a date; else None."""
    from .dates import find_dates

    if not isinstance(value, str):
        return None
    m = _SENTENCE_END.search(value)
    if m is None or not value[m.end():].strip():
        return None
    cut = value[:m.start()]
    found = find_dates(cut)
    if not found or found[-1].end < len(cut.rstrip(" .")) - 1:
        return None
    return cut
