"""A month and its year as the page's language writes them: used by the pages' period formatting
(capdev.core.views) and by the `year_month` template filter, below both."""
from __future__ import annotations

import datetime as dt

from django.utils import formats, translation

# Languages whose month names Django gives capitalised ("Январь 2024 г.") where the language writes them in lower
# case but at the start of a sentence ("Сроки: январь 2024 г. – июнь 2027 г.").
LOWER_CASE_MONTHS = {"ru"}


def year_month(date: dt.date) -> str:
    """A month and its year as the page's language writes them (YEAR_MONTH_FORMAT, the month in lower case
    where the language wants it)."""
    text = formats.date_format(date, "YEAR_MONTH_FORMAT")
    if translation.get_language() in LOWER_CASE_MONTHS:
        text = text[:1].lower() + text[1:]
    return text
