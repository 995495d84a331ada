"""Template helpers for an outcome's indicators: targets given per period, and the periods themselves.

They read an indicator's values through `values.all()`, which the project page prefetches: no query per row.
"""
from __future__ import annotations

import calendar
import datetime as dt

from django import template
from django.utils import timezone

from capdev.core.models import DatePrecision
from capdev.core.views import format_period, plain_number

register = template.Library()

_FINENESS = [DatePrecision.YEAR, DatePrecision.MONTH, DatePrecision.DAY]


def _start_precision(date: dt.date) -> str:
    if date.day != 1:
        return DatePrecision.DAY
    return DatePrecision.YEAR if date.month == 1 else DatePrecision.MONTH


def _end_precision(date: dt.date) -> str:
    if date.day != calendar.monthrange(date.year, date.month)[1]:
        return DatePrecision.DAY
    return DatePrecision.YEAR if date.month == 12 else DatePrecision.MONTH


@register.filter
def period_target(indicator):
    """The value of the indicator's latest period that has a target (IATI gives targets per period), or None."""
    with_target = [v for v in indicator.values.all() if v.target is not None]
    return max(with_target, key=lambda v: (v.period_end, v.period_start), default=None)


@register.filter
def period_label(value) -> str:
    """An indicator value's period as its dates allow: "2024", "2019 – 2023", "April 2023 – November 2029"."""
    # Both ends at the finer of their two precisions, so that "3 April 2023 – 30 November 2029" is not shown
    # as "3 April 2023 – November 2029".
    precision = max(_start_precision(value.period_start), _end_precision(value.period_end), key=_FINENESS.index)
    return format_period(value.period_start, precision, value.period_end, precision)


@register.filter
def period_running(value) -> bool:
    """Whether an indicator value's period ends after today (its actual is not final)."""
    return value.period_end > timezone.localdate()


@register.filter
def measure(value) -> str:
    """An indicator's baseline, target or actual as written: "30", "30.5" (the column keeps four decimals)."""
    return plain_number(value)
