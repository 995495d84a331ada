"""A record never begins in the middle of a sentence: a code named on a paragraph's wrapped line ("... Financed by
ADB's Technical Assistance Special" over "Fund (TASF-7): $1.5 million") opens no record (repeat_cuts.py asks).

(Round 16 also joined a piece cut inside an indented item or a table row to the record before it; scored on the
blind holdouts that join merged records of two files, 25 fields fewer right, and it was left out.)
"""
from __future__ import annotations

import re


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


_SENTENCE_GOES_ON = re.compile(r"[\w,]$")


_WRAPPED = 60  # a line of a paragraph wrapped at its width is at least this long


def mid_sentence(above: str, line: str) -> bool:
    """Does a line carry on the sentence of the line right above it: a paragraph's line wrapped at its width, at the
    same indent, ending on a word or a comma ("Countries: ... Financed by ADB's Technical Assistance Special" over
    "Fund (TASF-7): $1.5 million")? A record never begins there."""
    return (len(above.rstrip()) >= _WRAPPED and _indent(above) == _indent(line) and bool(line.strip())
            and _SENTENCE_GOES_ON.search(above.rstrip()) is not None)
