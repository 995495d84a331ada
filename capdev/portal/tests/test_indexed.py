"""The dashboard's numbers counted on the in-memory index equal the SQL aggregates, for many filter
combinations over a generated portfolio, for the public and for staff, and after an edit taken in."""
from __future__ import annotations

import random
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.http import QueryDict
from django.test import RequestFactory

from capdev.portal import aggregates as agg
from capdev.portal import indexed
from capdev.portal.views import filtered_projects
from capdev.projects.models import Budget, Project

FUNCTIONS = ("portfolio_totals", "budget_by_unit", "budget_by_funding", "budget_by_start_year", "budget_by_sdg",
             "budget_by_region", "projects_active_per_year", "activities_per_year", "countries_served",
             # the country and SDG pages'
             "project_count", "projects_per_country", "projects_per_goal", "projects_per_target", "by_start_year",
             "activities_per_country")
CHOICES = {
    "q": ["government", "digital", "-workshop", "public OR civil"],
    "unit": ["DPIDG", "DPADM", "PACB", "EGB"],
    "funding": ["DA", "XBTC", "RPTC"],
    "region": ["002", "142", "019", "029"],  # Africa, Asia, the Americas, the Caribbean
    "country": ["ETH", "KEN", "LCA", "NPL", "BGD"],
    "sdg": ["16", "17", "5", "10"],
    "status": ["planned", "active", "completed"],
    "start_year_min": ["2005", "2015"],
    "budget": ["lt100k", "100k-500k", "1m-5m"],
    "activity_type": ["workshop", "webinar", "advisory_mission"],
}


def _request(staff: bool):
    request = RequestFactory().get("/dashboard/")
    request.user = get_user_model()(username="s", is_staff=True, is_active=True) if staff else AnonymousUser()
    return request


def _params(rng: random.Random) -> QueryDict:
    params = QueryDict(mutable=True)
    for name in rng.sample(sorted(CHOICES), rng.randint(0, 3)):
        params.setlist(name, rng.sample(CHOICES[name], rng.randint(1, 2)))
    return params


def _both(request, params):
    source = filtered_projects(request, params)
    assert isinstance(source, agg.Indexed), "the index should answer these filters"
    return source


@pytest.mark.parametrize("staff", [False, True], ids=["public", "staff"])
def test_every_dashboard_number_on_the_index_equals_sql(synthetic, db, staff, index_check):
    index_check.enabled = False  # compared here, one function at a time
    rng = random.Random(1129 + staff)
    request = _request(staff)
    compared = 0
    for _ in range(25):
        source = _both(request, _params(rng))
        for name in FUNCTIONS:
            got = getattr(indexed, name)(source.query)
            want = getattr(agg, name)(source.qs)
            assert got == want, (name, dict(source.query.fs.data.lists()))
        compared += source.query.rows_without().sum() > 0
    assert compared > 10  # most combinations leave projects: the comparisons are not of empty answers


def test_the_index_sums_money_exactly(synthetic, db, index_check):
    index_check.enabled = False
    project = Project.objects.published().first()
    Budget.objects.create(project=project, amount=Decimal("0.10"), currency_id="USD", position=90)
    Budget.objects.create(project=project, amount=Decimal("0.20"), currency_id="USD", position=91)
    source = _both(_request(False), QueryDict())
    assert indexed.portfolio_budget(source.query)["USD"] == agg.portfolio_budget(source.qs)["USD"]
    total = indexed.portfolio_budget(source.query)["USD"]
    assert total == total.quantize(Decimal("0.01")) and total.as_tuple().exponent == -2
