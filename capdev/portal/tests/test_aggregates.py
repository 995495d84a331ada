"""Portfolio aggregates on hand-built data: currencies kept apart, years, participants, places, query counts."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db.models import Count

from capdev.activities.models import Activity, ActivityType
from capdev.organisations.models import FundingSource, OrgUnit
from capdev.portal import aggregates as agg
from capdev.projects.models import Budget, Project, ProjectCountry, ProjectRegion, ProjectSdgGoal, ReviewState
from capdev.reference.models import Country, Currency, Region, SdgGoal

pytestmark = pytest.mark.django_db


@pytest.fixture
def ref():
    """A small world: two regions, three countries, two currencies, two units, a funding source, two SDGs."""
    americas = Region.objects.create(code="019", name="Americas", kind=Region.Kind.REGION, m49="019")
    africa = Region.objects.create(code="002", name="Africa", kind=Region.Kind.REGION, m49="002")
    caribbean = Region.objects.create(code="029", name="Caribbean", kind=Region.Kind.INTERMEDIATE, parent=americas)
    countries = {
        "LCA": Country.objects.create(iso3="LCA", iso2="LC", numeric="662", name="Saint Lucia", region=americas,
                                      intermediate_region=caribbean),
        "BRB": Country.objects.create(iso3="BRB", iso2="BB", numeric="052", name="Barbados", region=americas,
                                      intermediate_region=caribbean),
        "TGO": Country.objects.create(iso3="TGO", iso2="TG", numeric="768", name="Togo", region=africa),
    }
    for code in ("USD", "EUR"):
        Currency.objects.create(code=code, name=code)
    units = {code: OrgUnit.objects.create(code=code, name=f"{code} branch") for code in ("PACB", "DMB")}
    funding = FundingSource.objects.create(code="XBTC", name="Extrabudgetary")
    goals = {n: SdgGoal.objects.create(number=n, short_title=f"Goal {n}", title=f"Goal {n}") for n in (16, 17)}
    return {"regions": {"019": americas, "002": africa}, "countries": countries, "units": units,
            "funding": funding, "goals": goals}


def make_project(ref, title, *, start=None, end=None, unit=None, budgets=(), countries=(), goals=(), regions=(),
                 state=ReviewState.PUBLISHED, funding=True):
    """A project with its budget lines ((amount, currency[, kind]) tuples), countries, SDGs and regions."""
    p = Project.objects.create(title=title, start_date=start, end_date=end, review_state=state,
                               lead_unit=ref["units"][unit] if unit else None,
                               funding_source=ref["funding"] if funding else None)
    for i, b in enumerate(budgets):
        amount, cur, kind = (*b, Budget.Kind.TOTAL) if len(b) == 2 else b
        Budget.objects.create(project=p, position=i, amount=Decimal(amount), currency_id=cur, kind=kind)
    for iso3 in countries:
        ProjectCountry.objects.create(project=p, country=ref["countries"][iso3])
    for n in goals:
        ProjectSdgGoal.objects.create(project=p, goal=ref["goals"][n])
    for code in regions:
        ProjectRegion.objects.create(project=p, region=ref["regions"][code])
    return p


def test_budget_per_currency_never_mixes_currencies(ref):
    make_project(ref, "a", unit="PACB", budgets=[(100, "USD")])
    make_project(ref, "b", unit="PACB", budgets=[(50, "EUR")])
    make_project(ref, "c", unit="DMB", budgets=[(30, "USD"), (7, "USD", Budget.Kind.YEARLY)])
    qs = Project.objects.all()
    assert agg.portfolio_totals(qs).budget == {"USD": Decimal(130), "EUR": Decimal(50)}
    by_unit = {b.key: b.amounts for b in agg.budget_by_unit(qs)}
    assert by_unit == {"PACB": {"USD": Decimal(100), "EUR": Decimal(50)}, "DMB": {"USD": Decimal(30)}}
    assert {b.key: b.amounts for b in agg.budget_by_funding(qs)} == {"XBTC": {"USD": Decimal(130),
                                                                             "EUR": Decimal(50)}}


def test_a_project_without_a_total_line_counts_its_other_lines(ref):
    """IATI's budgets come by period (no total): they count, once (a total, where there is one, counts alone)."""
    make_project(ref, "yearly only", unit="PACB", budgets=[(500, "USD", Budget.Kind.YEARLY)])
    assert agg.portfolio_totals(Project.objects.all()).budget == {"USD": Decimal(500)}
    assert {b.key: b.amounts for b in agg.budget_by_unit(Project.objects.all())} == {"PACB": {"USD": Decimal(500)}}
    make_project(ref, "total and yearly", unit="DMB", budgets=[(30, "USD"), (7, "USD", Budget.Kind.YEARLY)])
    assert agg.portfolio_totals(Project.objects.all()).budget == {"USD": Decimal(530)}


def test_buckets_are_largest_first_and_not_stated_last(ref):
    make_project(ref, "small", unit="PACB", budgets=[(10, "USD")])
    make_project(ref, "big", unit="DMB", budgets=[(99, "USD")])
    make_project(ref, "no unit", budgets=[(1000, "USD")])
    keys = [b.key for b in agg.budget_by_unit(Project.objects.all())]
    assert keys == ["DMB", "PACB", None]


def test_projects_active_per_year_counts_every_year_the_span_covers(ref):
    make_project(ref, "parliaments", start=dt.date(2010, 2, 1), end=dt.date(2012, 6, 30))
    make_project(ref, "later", start=dt.date(2014, 3, 1), end=dt.date(2014, 5, 31))
    make_project(ref, "start only", start=dt.date(2011, 9, 1))
    make_project(ref, "no dates")
    years = agg.projects_active_per_year(Project.objects.all())
    assert years == [(2010, 1), (2011, 2), (2012, 1), (2013, 0), (2014, 1)]


def test_projects_active_per_year_on_one_project(ref):
    make_project(ref, "parliaments", start=dt.date(2010, 2, 1), end=dt.date(2012, 6, 30))
    assert agg.projects_active_per_year(Project.objects.all()) == [(2010, 1), (2011, 1), (2012, 1)]
    assert agg.projects_active_per_year(Project.objects.none()) == []


def test_projects_active_per_year_takes_one_query_whatever_the_years(ref, django_assert_num_queries):
    for year in range(1990, 2030, 3):
        make_project(ref, f"p{year}", start=dt.date(year, 1, 1), end=dt.date(year + 2, 1, 1))
    with django_assert_num_queries(1):
        years = agg.projects_active_per_year(Project.objects.all())
    assert years[0] == (1990, 1) and years[-1] == (2031, 1) and len(years) == 42


def test_participants_sum_ignores_unknown_numbers(ref):
    p = make_project(ref, "workshops")
    for i, n in enumerate((10, None, 5)):
        Activity.objects.create(project=p, position=i, type=ActivityType.WORKSHOP, title=f"w{i}",
                                start_date=dt.date(2024, 3 + i, 1), participants=n)
    Activity.objects.create(project=p, type=ActivityType.WEBINAR, title="undated", participants=None)
    Activity.objects.create(project=p, type=ActivityType.WEBINAR, title="2026", start_date=dt.date(2026, 1, 5))
    totals = agg.portfolio_totals(Project.objects.all())
    assert (totals.activities, totals.participants, totals.activities_with_participants) == (5, 15, 2)
    years, undated = agg.activities_per_year(Project.objects.all())
    assert undated == 1
    assert [(y.year, y.activities, y.participants) for y in years] == [(2024, 3, 15), (2025, 0, None),
                                                                        (2026, 1, None)]


def test_participants_are_none_when_no_activity_gives_a_number(ref):
    p = make_project(ref, "quiet")
    Activity.objects.create(project=p, type=ActivityType.WORKSHOP, title="w", participants=None)
    assert agg.portfolio_totals(Project.objects.all()).participants is None


def test_countries_served_and_their_budgets(ref):
    make_project(ref, "caribbean", budgets=[(300, "USD")], countries=["LCA", "BRB"])
    make_project(ref, "lucia", budgets=[(20, "EUR")], countries=["LCA"])
    make_project(ref, "nowhere", budgets=[(1, "USD")])
    served = {c.iso3: c for c in agg.countries_served(Project.objects.all())}
    assert set(served) == {"LCA", "BRB"}
    assert served["LCA"].projects == 2
    assert served["LCA"].amounts == {"USD": Decimal(300), "EUR": Decimal(20)}
    assert served["BRB"].amounts == {"USD": Decimal(300)} and served["BRB"].numeric == "052"
    assert agg.portfolio_totals(Project.objects.all()).countries == 2


def test_region_counts_a_project_once_however_many_of_its_countries_are_there(ref):
    make_project(ref, "caribbean", budgets=[(300, "USD")], countries=["LCA", "BRB"])
    make_project(ref, "named region", budgets=[(40, "USD")], regions=["019"])
    make_project(ref, "togo", budgets=[(5, "USD")], countries=["TGO"])
    buckets = {b.key: b for b in agg.budget_by_region(Project.objects.all())}
    assert buckets["019"].amounts == {"USD": Decimal(340)} and buckets["019"].projects == 2
    assert buckets["002"].amounts == {"USD": Decimal(5)} and buckets["002"].projects == 1


def test_sdg_counts_a_project_under_each_of_its_goals(ref):
    make_project(ref, "two goals", budgets=[(100, "USD"), (5, "EUR")], goals=[16, 17])
    make_project(ref, "one goal", budgets=[(1, "USD")], goals=[16])
    buckets = {b.key: b for b in agg.budget_by_sdg(Project.objects.all())}
    assert buckets[16].amounts == {"USD": Decimal(101), "EUR": Decimal(5)}
    assert buckets[17].amounts == {"USD": Decimal(100), "EUR": Decimal(5)}
    assert buckets[16].label.startswith("SDG 16")


def test_budget_by_start_year(ref):
    make_project(ref, "a", start=dt.date(2009, 4, 1), budgets=[(10, "USD")])
    make_project(ref, "b", start=dt.date(2009, 6, 1), budgets=[(5, "USD")])
    make_project(ref, "c", budgets=[(1, "USD")])
    buckets = agg.budget_by_start_year(Project.objects.all())
    assert [(b.key, b.amounts) for b in buckets] == [(2009, {"USD": Decimal(15)}), (None, {"USD": Decimal(1)})]


def test_aggregates_read_only_the_queryset_given(ref):
    """Anything outside the queryset (here: an in-review project) changes no number."""
    make_project(ref, "public", budgets=[(10, "USD")], countries=["LCA"], unit="PACB", goals=[16])
    hidden = make_project(ref, "in review", budgets=[(999, "USD")], countries=["TGO"], unit="DMB", goals=[17],
                          state=ReviewState.IN_REVIEW, start=dt.date(2001, 1, 1), end=dt.date(2002, 1, 1))
    Activity.objects.create(project=hidden, type=ActivityType.WORKSHOP, title="w", participants=50,
                            start_date=dt.date(2001, 5, 1))
    qs = Project.objects.published()
    totals = agg.portfolio_totals(qs)
    assert (totals.projects, totals.budget, totals.countries, totals.activities) == (1, {"USD": Decimal(10)}, 1, 0)
    assert [b.key for b in agg.budget_by_unit(qs)] == ["PACB"]
    assert [b.key for b in agg.budget_by_sdg(qs)] == [16]
    assert [b.key for b in agg.budget_by_region(qs)] == ["019"]
    assert agg.projects_active_per_year(qs) == []
    assert agg.activities_per_year(qs) == ([], 0)
    assert [c.iso3 for c in agg.countries_served(qs)] == ["LCA"]
    assert agg.portfolio_totals(Project.objects.all()).projects == 2


def test_aggregates_accept_ordered_distinct_annotated_querysets(ref):
    make_project(ref, "a", budgets=[(10, "USD")], countries=["LCA", "BRB"])
    qs = (Project.objects.filter(country_links__country__in=["LCA", "BRB"]).distinct()
          .annotate(n=Count("country_links")).order_by("-n", "title"))
    assert agg.portfolio_totals(qs).projects == 1
    assert agg.portfolio_totals(qs).budget == {"USD": Decimal(10)}


def test_each_aggregate_runs_a_fixed_number_of_queries(ref, django_assert_num_queries):
    for i in range(12):
        p = make_project(ref, f"p{i}", unit="PACB" if i % 2 else "DMB", budgets=[(i + 1, "USD"), (1, "EUR")],
                         countries=["LCA", "TGO"][: 1 + i % 2], goals=[16, 17][: 1 + i % 2],
                         start=dt.date(2000 + i, 1, 1), end=dt.date(2003 + i, 1, 1))
        Activity.objects.create(project=p, type=ActivityType.WORKSHOP, title="w", participants=i,
                                start_date=dt.date(2000 + i, 2, 1))
    qs = Project.objects.published()
    for func, n in ((agg.portfolio_totals, 4), (agg.budget_by_unit, 1), (agg.budget_by_funding, 1),
                    (agg.budget_by_sdg, 1), (agg.budget_by_start_year, 1), (agg.budget_by_region, 2),
                    (agg.projects_active_per_year, 1), (agg.activities_per_year, 1), (agg.countries_served, 2)):
        with django_assert_num_queries(n):
            func(qs)


def test_a_region_named_and_served_through_a_country_counts_once(ref):
    make_project(ref, "both", budgets=[(100, "USD"), (7, "EUR")], countries=["LCA", "BRB"], regions=["019"])
    make_project(ref, "draft elsewhere", budgets=[(9, "USD")], countries=["TGO"], state=ReviewState.DRAFT)
    buckets = {b.key: b for b in agg.budget_by_region(Project.objects.published())}
    assert set(buckets) == {"019"}  # the draft's Africa is not among the published projects' regions
    assert buckets["019"].projects == 1
    assert buckets["019"].amounts == {"USD": Decimal("100.00"), "EUR": Decimal("7.00")}


def test_projects_active_per_year_with_an_end_only(ref):
    make_project(ref, "ends 2015", end=dt.date(2015, 3, 1))
    make_project(ref, "2013 to 2014", start=dt.date(2013, 1, 1), end=dt.date(2014, 1, 1))
    assert agg.projects_active_per_year(Project.objects.all()) == [(2013, 1), (2014, 1), (2015, 1)]


def test_an_aggregate_asked_twice_of_one_queryset_runs_once(ref, django_assert_num_queries):
    p = make_project(ref, "workshops", start=dt.date(2020, 1, 1))
    Activity.objects.create(project=p, type=ActivityType.WORKSHOP, title="w", participants=4,
                            start_date=dt.date(2021, 5, 1))
    Activity.objects.create(project=p, type=ActivityType.WEBINAR, title="undated", participants=None)
    qs = Project.objects.all()
    with django_assert_num_queries(1):
        first = agg.activities_per_year(qs)
        assert agg.activities_per_year(qs) is first
    assert first == ([agg.YearActivity(year=2021, activities=1, participants=4)], 1)
