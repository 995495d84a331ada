"""A project's budget sum: total lines first, and a revised line replacing the original line of its period."""
import datetime as dt
import random
from decimal import Decimal

import pytest

from capdev.projects.models import Budget, Project, counted_budget_lines, project_budget_lines
from capdev.projects.views import budget_summary
from capdev.reference.models import Currency

OTHER, TOTAL, YEARLY = Budget.Kind.OTHER, Budget.Kind.TOTAL, Budget.Kind.YEARLY


def line(amount, kind=OTHER, month=None, label="", year=None, currency="USD") -> Budget:
    """An unsaved budget line; month gives it a period of that month of 2024."""
    start = end = None
    if month:
        start = dt.date(2024, month, 1)
        end = (dt.date(2024, month + 1, 1) if month < 12 else dt.date(2025, 1, 1)) - dt.timedelta(days=1)
    return Budget(kind=kind, amount=Decimal(amount), currency_id=currency, period_start=start, period_end=end,
                  year=year, label=label)


def test_a_revised_line_replaces_the_original_of_its_period():
    lines = [line(50000, month=1), line(50000, month=2), line(20000, month=3),
             line(50000, month=1, label="Revised"), line(70000, month=2, label="Revised committed")]
    assert [(b.period_start.month, b.label) for b in counted_budget_lines(lines)] == [
        (3, ""), (1, "Revised"), (2, "Revised committed")]
    assert budget_summary(lines) == "USD 140,000 (other)"  # not 240,000


def test_originals_alone_are_all_counted():
    assert budget_summary([line(50000, month=1), line(20000, month=2), line(5, month=3)]) == "USD 70,005 (other)"


def test_a_revision_replaces_only_the_same_period_and_kind():
    lines = [line(100000, kind=YEARLY, year=2024), line(30000, month=1, label="Revised"),
             line(900000, kind=TOTAL), line(950000, kind=TOTAL, label="Revised")]
    counted = counted_budget_lines(lines)
    assert [b.amount for b in counted] == [100000, 30000, 950000]
    assert budget_summary(lines) == "USD 950,000"  # the revised total replaces the original total
    assert budget_summary(lines[:2]) == "USD 130,000 (yearly)"  # a month's revision leaves the year alone
    # an undated revised amount of another kind is no revision of the project's total
    assert budget_summary([line(900000, kind=TOTAL), line(50000, label="Revised")]) == "USD 900,000"


def test_a_revised_year_replaces_the_original_year_and_currencies_stay_apart():
    lines = [line(100, kind=YEARLY, year=2023), line(120, kind=YEARLY, year=2023, label="Revised"),
             line(80, kind=YEARLY, year=2024, currency="EUR")]
    assert budget_summary(lines) == "USD 120; EUR 80 (yearly)"


# -- the same rule in SQL ------------------------------------------------------------------------------------

PERIODS = [(None, None), (dt.date(2024, 1, 1), dt.date(2024, 12, 31)), (dt.date(2024, 1, 1), dt.date(2024, 3, 31)),
           (dt.date(2024, 4, 1), dt.date(2024, 6, 30)), (dt.date(2024, 1, 1), None)]


@pytest.mark.django_db
@pytest.mark.parametrize("seed", range(4))
def test_the_sql_rule_keeps_the_lines_the_python_rule_keeps(seed):
    """Random lines over the cases that matter (kinds, periods, years, revisions, currencies) on many projects."""
    rng = random.Random(seed)
    Currency.objects.get_or_create(code="USD", defaults={"name": "US Dollar"})
    Currency.objects.get_or_create(code="EUR", defaults={"name": "Euro"})
    projects = [Project.objects.create(title=f"p{seed}-{i}") for i in range(25)]
    for project in projects:
        for position in range(rng.randint(0, 6)):
            start, end = rng.choice(PERIODS)
            Budget.objects.create(project=project, position=position, kind=rng.choice([TOTAL, YEARLY, OTHER]),
                                  amount=Decimal(rng.randint(1, 9) * 1000), currency_id=rng.choice(["USD", "EUR"]),
                                  period_start=start, period_end=end, year=rng.choice([None, 2023, 2024]),
                                  label=rng.choice(["", "Revised", "Original committed", "revised indicative"]))
    expected = {b.pk for p in projects for b in project_budget_lines(p.budgets.all())}
    assert expected  # the draw holds lines
    assert set(Budget.objects.filter(project__in=projects).counted().values_list("pk", flat=True)) == expected
