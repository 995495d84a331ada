"""A status written in brackets right after a project's period, in English, French and Spanish: "Duration: January
2025 to December 2028 (ongoing)", "Période d'exécution : 2019-2023 (clôturé)", "| 2024-2026 (en ejecución) |".

The period is the project's when it stands alone on its line or in its cell, or after a label of the project's
period (data/labels.json's labels of the field time_frame: "Duration", "Période", "Plazo"); the brackets hold
status words and nothing more (values.status). Never a line of an earlier phase or another project ("Phase I
(2019-2022, completed)", "previous project"), nor a few days ("Call: 1-30 March 2026 (closed)": an event's or a
call's), and a record whose lines give two different statuses so gives none.
"""
from __future__ import annotations

import functools
import json
import re
from pathlib import Path

from ..folding import fold
from . import dates as _dates
from .earlier_phases import EARLIER
from .status import status_category, status_extent

__all__ = ["period_badge"]

_LABELS = Path(__file__).resolve().parent.parent / "data" / "labels.json"
_MAX_LINE = 160
_MIN_DAYS = 62  # a few days or weeks are an event's or a call's, not a project's period
_BRACKET = re.compile(r"^\s*[(\[]\s*([^()\[\]\d]{2,40}?)\s*[)\]]\s*(?:[|.;,]|$)")


def _norm(text: str) -> str:
    return " ".join(fold(text).casefold().replace("\u2019", "'").split())


@functools.cache
def _period_labels() -> frozenset[str]:
    data = json.loads(_LABELS.read_text(encoding="utf-8"))
    out = set()
    for key, table in data.items():
        if key.startswith("labels") and isinstance(table, dict):
            out |= {_norm(s) for s, spec in table.items()
                    if (spec.get("field") if isinstance(spec, dict) else spec) == "time_frame"}
    return frozenset(out)


def _own_place(before: str) -> bool:
    """Is what stands before the period on its line (or in its cell) nothing, or a label of the period?"""
    head = before.rsplit("|", 1)[-1].strip(" \t*_#>-\u2013\u2022")
    head = head.rstrip(" :\uff1a*_").strip()
    return not head or _norm(head) in _period_labels()


def period_badge(text: str) -> str | None:
    """The status the brackets after a project's period give ("January 2025 to December 2028 (ongoing)": "active"),
    or None."""
    found = set()
    for line in text.splitlines():
        if len(line) > _MAX_LINE or EARLIER.search(fold(line)):
            continue
        for m in _dates.find_dates(line):
            r = m.range
            if r.start is None or r.end is None or r.end == r.start:
                continue
            if (r.end.last_day() - r.start.first_day()).days < _MIN_DAYS or not _own_place(line[: m.start]):
                continue
            b = _BRACKET.match(line[m.end :])
            words = b.group(1).strip() if b else ""
            category = status_category(words) if words else None
            if category and status_extent(words) == len(words):
                found.add(category)
    return found.pop() if len(found) == 1 else None
