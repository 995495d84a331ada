"""A month written without its year in a sentence that writes the year alone: "In 2023 the project held a workshop
in Lusaka in April", "En 2023, el proyecto realizó un taller en Lima en abril", "organisé en 2022, à Thiès en mai".
The event is of that month of that year, not of the year only (a date read to the year would be a wrong month).
Only one month and one year written: with two months or two years, which month goes with which is told clause by
clause (values/event_clauses.read_mentions), not here."""
from __future__ import annotations

from ..types import DateRange, PartialDate
from .dates import DateMention
from .event_clauses import bare_months


def month_of_year(masked: str, dates: list[DateMention]) -> list[DateMention]:
    """The sentence's dates, its one year-only date made that year's month when one bare month is written."""
    if len(dates) != 1:
        return dates
    rng = dates[0].range
    if rng.start is None or rng.start.month is not None or (rng.end is not None and rng.end != rng.start):
        return dates
    months = bare_months(masked, dates)
    if len({mo[2] for mo in months}) != 1:
        return dates
    s, e, month = months[0]
    day = PartialDate(rng.start.year, month)
    return [DateMention(s, e, DateRange(day, day), text=f"{masked[s:e]} {rng.start.year}")]
