"""Counts that tell what the project reached over all its activities, not the attendance of one event.

"The validation workshop (Kigali, 9 May 2023) counted 37 participants. Overall, the project reached more than 2,000
public servants.": the second sentence goes on after the workshop ("Overall" opens a continuation) but its count is
the project's, summed over its activities; given to the workshop it would be a wrong count on a public page. The
words that say so are data (data/event_cues.json, "project_reach"), in English, French and Spanish.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

_DATA = Path(__file__).resolve().parent.parent / "data" / "event_cues.json"


@lru_cache(maxsize=1)
def _reach() -> re.Pattern[str]:
    words = json.loads(_DATA.read_text(encoding="utf-8"))["project_reach"]["words"]
    return re.compile(rf"(?<!\w)(?:{'|'.join(sorted(words, key=len, reverse=True))})(?!\w)", re.IGNORECASE)


def tells_reach(text: str, count: int | None = None) -> bool:
    """Does the sentence count what the project reached over its activities (not one event's attendance)? With the
    count read, only the piece of text that writes it is asked ("... met in Podgorica: 27 officers completed the
    module. Since the start of the project, 81 have been certified." read as one: 27 is the cohort's)."""
    if count is not None:
        for piece in _PIECES.split(text):
            if str(count) in _GROUPED.sub("", piece):
                return bool(_reach().search(piece))
    return bool(_reach().search(text))


_PIECES = re.compile(r"(?<=[.!?;])\s+")
_GROUPED = re.compile(r"(?<=\d)[\s,.\u00a0\u202f](?=\d{3}(?!\d))")
