"""Counts of people told rounded: "environ 120 participants", "about 45 officials", "alrededor de 80 funcionarios",
"50+" are the counts the text gives, read with the qualifier "approximately"; a bound ("up to 40", "jusqu'à 40",
"hasta 40", "less than 20"), an estimate ("an estimated 300", "estimé à 300") or an expectation ("expected to gather
60") gives none. The words are data (data/event_cues.json, "rounded"), in English, French and Spanish.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

_DATA = Path(__file__).resolve().parent.parent / "data" / "event_cues.json"


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    words = json.loads(_DATA.read_text(encoding="utf-8"))["rounded"]

    def alt(key: str) -> str:
        return "|".join(sorted(words[key], key=len, reverse=True))

    before = re.compile(rf"(?:^|\W)(?:{alt('before')})\s*$", re.IGNORECASE)
    after = re.compile(rf"^\s*(?:{alt('after')})(?!\w)", re.IGNORECASE)
    return before, after


def rounded_count(text: str, num_start: int, num_end: int) -> bool:
    """Is the count text[num_start:num_end] rounded but still told as the count ("environ 120", "about 45",
    "unos 30", "50+")? The caller has found it no exact count; a bound or an estimate is not rounded."""
    before, after = _patterns()
    lead = text[max(0, num_start - 30) : num_start]
    if before.search(lead):
        return not _BOUND.search(lead)
    return bool(after.match(text[num_end : num_end + 16]))


# "up to some 40", "an estimated 300", "expected to gather around 60": a bound or an estimate before the rounding word
_BOUND = re.compile(r"(?:\bup\s+to|\bjusqu['\u2019]\s*[àa]|\bhasta|\bestimated|\bestim[ée]e?s?\s+[àa]|\bestimad[oa]s?"
                    r"\s+en|\bexpected|\bdevrait|\bdeber[íi]a|\bse\s+espera|\battendue?s?)\W+(?:\w+\W+)?\w+\s*$",
                    re.IGNORECASE)
