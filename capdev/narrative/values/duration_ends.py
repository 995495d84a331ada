"""The end a project's length gives from its start, when its labelled period is a length only, in English, French
and Spanish: "Inicio: 1 de marzo de 2025" and "Duración: 18 meses" end on 31 August 2026, "Démarrage prévu : avril
2027 ; durée : 24 mois" in March 2029, "Start: 2024" and "Duration: 3 years" in 2026. The length is read from the
record's own period field (a value that the period reader found to be "a length only, no dates"), and counted as
values.counted_periods counts it; a record with two different lengths, a length in days or weeks, or months from a
start known to the year only gives nothing. The record flags the end as counted."""
from __future__ import annotations

from ..types import Flag
from . import dates as _dates
from .counted_periods import _length_rx, _months

__all__ = ["LENGTH_ONLY", "counted_end"]

LENGTH_ONLY = "a length only, no dates"  # values.roles.period_flag's reason
COUNTED = "the end counted from the duration"
QUARTER_YEAR = "a quarter or semester: its year only"  # values.period_values: a start within its year, not January


def counted_end(record) -> None:
    """Give a record with a start, no end and a period field that is a length only the end that length gives."""
    start = record.start
    if start is None or record.end is not None or Flag("time_frame", LENGTH_ONLY) not in record.flags:
        return
    months = set()
    for span in record.spans:
        if span.field == "time_frame":
            value = record.text[max(0, span.start - record.offset) : max(0, span.end - record.offset)]
            months |= {n for m in _length_rx().finditer(value) if (n := _months(m))}
    if len(months) != 1:
        return
    n = months.pop()
    if start.month is None and (n % 12 or Flag("time_frame", QUARTER_YEAR) in record.flags):
        return  # "Start: 2022", "Duration: 18 months", "Inicio: 2.º semestre de 2026": the end's month is not known
    record.end = _dates._add_months(start, n)
    record.flag("time_frame", COUNTED)
