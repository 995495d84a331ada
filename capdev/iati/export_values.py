"""The values an IATI activity writes: percentages, amounts split into budget periods, money and numbers,
datetimes, and the activity's identifier (capdev.iati.export builds the XML from them)."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal

from capdev.projects.models import Project

from . import conf, mapping
from .export_rows import ProjectRow

HUNDRED = Decimal(100)
CENT = Decimal("0.01")


def percent_text(value: Decimal) -> str:
    """A percentage as IATI writes it: "50", "33.33"."""
    text = f"{value.quantize(CENT):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def allocate(values: list[Decimal | None]) -> list[Decimal]:
    """Percentages for items, given those set: the unset share the rest evenly, to the cent, summing to 100.

    When every item has a percentage they are kept as they are (the validator says if they do not sum to 100).
    """
    if not values:
        return []
    if all(v is not None for v in values):
        return [Decimal(v) for v in values]
    rest = HUNDRED - sum((Decimal(v) for v in values if v is not None), Decimal(0))
    rest = max(rest, Decimal(0))
    unset = [i for i, v in enumerate(values) if v is None]
    cents = int((rest * 100).to_integral_value(rounding=ROUND_DOWN))
    each, extra = divmod(cents, len(unset))
    out = [Decimal(v) if v is not None else None for v in values]
    for n, i in enumerate(unset):
        out[i] = Decimal(each + (1 if n < extra else 0)) / 100
    return out


def budget_periods(start: dt.date, end: dt.date) -> list[tuple[dt.date, dt.date]]:
    """[start, end] cut at calendar years: every period at most one year, together exactly the time frame."""
    periods = []
    s = start
    while s <= end:
        e = min(dt.date(s.year, 12, 31), end)
        periods.append((s, e))
        s = e + dt.timedelta(days=1)
    return periods


def split_amount(amount: Decimal, periods: list[tuple[dt.date, dt.date]]) -> list[Decimal]:
    """amount shared pro rata by days over periods, to the cent; the last period takes the rounding remainder."""
    days = [(e - s).days + 1 for s, e in periods]
    total_days = sum(days)
    shares, given = [], Decimal(0)
    for i, d in enumerate(days):
        if i == len(days) - 1:
            share = amount - given
        else:
            share = (amount * d / total_days).quantize(CENT)
        shares.append(share)
        given += share
    return shares


def needs_split(start: dt.date, end: dt.date) -> bool:
    """True when a period is longer than IATI allows for a budget (more than 365 days from start to end)."""
    return (end - start).days > 365


@dataclass
class BudgetPeriod:
    """One budget element: a period of at most a year, an amount, its currency, type and status."""

    start: dt.date
    end: dt.date
    amount: Decimal
    currency: str
    type: str = "1"
    status: str = "1"


def budget_rows(project: ProjectRow) -> list[BudgetPeriod]:
    """The project's budget lines as IATI budgets of at most one year each.

    Lines with a period (or a year) are published for that period, cut at calendar years when it is longer
    than a year. Lines without one (a total for the project) are spread over the project's time frame pro
    rata by days, one budget per calendar year, but only when the project has no dated lines (those are the
    finer statement of the same money) and has both a start and an end.
    """
    dated, undated = [], []
    for line in project.budgets:
        start, end = line.period_start, line.period_end
        if (start is None or end is None) and line.year:
            start, end = dt.date(line.year, 1, 1), dt.date(line.year, 12, 31)
        (dated if start and end else undated).append((line, start, end))
    out: list[BudgetPeriod] = []
    for line, start, end in dated:
        type_, status = mapping.budget_codes(line.label)
        periods = budget_periods(start, end) if needs_split(start, end) else [(start, end)]
        for (s, e), amount in zip(periods, split_amount(line.amount, periods)):
            out.append(BudgetPeriod(s, e, amount, line.currency_id, type_, status))
    if not dated and undated and project.start_date and project.end_date:
        merged: dict[tuple, BudgetPeriod] = {}
        periods = budget_periods(project.start_date, project.end_date)
        for line, _s, _e in undated:
            type_, status = mapping.budget_codes(line.label)
            for (s, e), amount in zip(periods, split_amount(line.amount, periods)):
                key = (s, e, line.currency_id, type_, status)
                if key in merged:
                    merged[key].amount += amount
                else:
                    merged[key] = BudgetPeriod(s, e, amount, line.currency_id, type_, status)
        out.extend(merged.values())
    return out


def money_text(value: Decimal) -> str:
    """An amount as IATI writes it: "1000", "1234.5"."""
    text = f"{value.quantize(CENT):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def number_text(value: Decimal) -> str:
    """An indicator value without trailing zeros."""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def iso_datetime(value: dt.datetime) -> str:
    """A date-time in UTC to the second, as xsd:dateTime with Z."""
    return value.astimezone(dt.UTC).replace(microsecond=0, tzinfo=None).isoformat() + "Z"


_UNSAFE = re.compile(r"[/&|?\s]+")


def identifier(project: Project | ProjectRow, ref: str | None = None) -> str:
    """The project's iati-identifier: its own when imported, else reporting-org ref + "-" + code (or "capdev-" + pk).

    The characters IATI forbids in identifiers (/ & | ? and spaces) are replaced by "-" ("ZAI/08/001" -> "ZAI-08-001").
    """
    if project.iati_identifier:
        return project.iati_identifier
    ref = ref if ref is not None else conf.reporting_org()["ref"]
    local = _UNSAFE.sub("-", project.code).strip("-") if project.code else f"capdev-{project.pk}"
    return f"{ref}-{local}"
