"""A month and its year in each language: Russian writes the month in lower case ("январь 2024 г."), where
Django's YEAR_MONTH_FORMAT gives it capitalised (newuser4 #16)."""
import datetime as dt

import pytest
from django.utils import translation

from capdev.core.views import format_period


@pytest.mark.parametrize(("language", "expected"), [
    ("ru", "январь 2024 г. – июнь 2027 г."), ("fr", "janvier 2024 – juin 2027"),
    ("es", "enero de 2024 – junio de 2027"), ("en", "January 2024 – June 2027")])
def test_a_period_in_months(language, expected):
    with translation.override(language):
        assert format_period(dt.date(2024, 1, 1), "month", dt.date(2027, 6, 30), "month") == expected
