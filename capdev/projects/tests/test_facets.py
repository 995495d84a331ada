"""Facet counts: disjunctive (each facet ignores its own choice), visibility-safe, one query per facet."""
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import QueryDict
from django.test import RequestFactory

from capdev.activities.models import Activity
from capdev.organisations.models import Organisation, OrgUnit
from capdev.projects.facets import facet_counts
from capdev.projects.filtersets import ProjectFilterSet, declared_facets
from capdev.projects.models import Budget, Project, ProjectCountry, ProjectPartner, ProjectSdgGoal, ReviewState
from capdev.reference.models import Country, Currency


def seed_project(index: int) -> Project:
    """The project imported from the seed's record at this index."""
    return Project.objects.get(sources__index=index)


def facets(query: str, user=None) -> dict:
    request = RequestFactory().get("/projects/")
    request.user = user or AnonymousUser()
    return facet_counts(ProjectFilterSet(QueryDict(query), request=request))


def counts(values) -> dict[str, int]:
    return {v.value: v.count for v in values if v.count}


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_user("reviewer", password="x" * 16, is_staff=True)


def test_unit_counts_follow_the_country_choice(portfolio, db):
    assert counts(facets("country=LCA")["unit"]) == {"DPIDG": 1}


def test_unit_counts_roll_up_the_tree(portfolio, db):
    units = {v.value: v for v in facets("")["unit"]}
    assert units["DPADM"].count == 9 and units["UNDESA"].count == 10
    assert (units["PACB"].count, units["DMB"].count, units["EGB"].count, units["DPIDG"].count) == (3, 5, 1, 1)
    assert units["PACB"].depth == units["DPADM"].depth + 1


def test_a_facet_ignores_its_own_choice(portfolio, db):
    country = {v.value: v for v in facets("country=LCA")["country"]}
    assert country["LCA"].selected and country["LCA"].count == 1
    assert country["DJI"].count == 1 and not country["DJI"].selected  # what adding Djibouti would bring


def test_or_within_a_facet_and_the_others_count_the_union(portfolio, db):
    f = facets("country=LCA&country=DJI")
    assert sum(counts(f["unit"]).get(u, 0) for u in ("PACB", "DPIDG")) == 2
    assert counts(f["status"]) and sum(v.count for v in f["status"]) == 2


def test_facets_follow_the_search(portfolio, db):
    f = facets("q=parliament")
    assert sum(v.count for v in f["status"]) == 2  # the two records that say "parliament"
    assert "LCA" not in counts(f["country"])


def test_selected_values_show_even_with_no_project(portfolio, db):
    country = {v.value: v for v in facets("country=LCA&sdg=5")["country"]}
    assert country["LCA"].selected and country["LCA"].count == 0


def test_sdg_status_budget_activity_partner_funding_region(portfolio, db):
    f = facets("")
    assert counts(f["sdg"]) == {"1": 1, "10": 1, "11": 1, "16": 1, "17": 1}
    assert sum(v.count for v in f["status"]) == 10
    totals = [sum(b.amount for b in p.budgets.all() if b.kind == "total") for p in Project.objects.all()]
    assert counts(f["budget"])["lt100k"] == sum(1 for t in totals if t < 100000)
    assert counts(f["activity_type"])["webinar"] == 1
    assert counts(f["partner"])["caricad"] == 2
    assert counts(f["funding"])["DA Tranche 16 Account"] == 1
    assert counts(f["region"])["002"] == 4 and counts(f["region"])["019"] == 1


def test_start_year_counts_ignore_the_year_range_but_mark_it(portfolio, db):
    years = {v.value: v for v in facets("start_year_min=2010&start_year_max=2010")["start_year"]}
    expected = Project.objects.filter(start_date__year=2009).count()
    assert expected and years["2009"].count == expected and not years["2009"].selected
    assert years["2010"].selected and not years["2024"].selected


def test_counts_never_include_unpublished_projects(portfolio, db, staff):
    hidden = Project.objects.create(title="In review in Saint Lucia", review_state=ReviewState.IN_REVIEW)
    ProjectCountry.objects.create(project=hidden, country_id="LCA")
    ProjectSdgGoal.objects.create(project=hidden, goal_id=5)
    public = facets("")
    assert counts(public["country"])["LCA"] == 1
    assert "5" not in counts(public["sdg"])
    assert "review_state" not in public
    mine = facets("", staff)
    assert counts(mine["country"])["LCA"] == 2 and counts(mine["sdg"])["5"] == 1
    assert counts(mine["review_state"]) == {"published": 10, "in_review": 1}


def _grow_portfolio(n: int) -> None:
    """n more published projects, each with its own countries, partner, budget, SDG and activity."""
    usd = Currency.objects.get(code="USD")
    unit = OrgUnit.objects.get(code="DPIDG")
    countries = list(Country.objects.order_by("iso3")[:60])
    for i in range(n):
        p = Project.objects.create(title=f"Extra {i}", review_state=ReviewState.PUBLISHED, lead_unit=unit)
        for c in countries[i % 20: i % 20 + 3]:
            ProjectCountry.objects.create(project=p, country=c)
        org = Organisation.objects.create(name=f"Partner {i}", slug=f"partner-{i}")
        ProjectPartner.objects.create(project=p, organisation=org)
        Budget.objects.create(project=p, amount=Decimal(10000 * (i + 1)), currency=usd)
        ProjectSdgGoal.objects.create(project=p, goal_id=i % 17 + 1)
        Activity.objects.create(project=p, type="workshop", title=f"Workshop {i}")


def test_one_query_per_facet_whatever_the_number_of_values(portfolio, db, staff, django_assert_max_num_queries):
    # and the unit filter reads the unit tree once, and each code parameter's values are checked in one query
    bound = len(declared_facets()) + 1 + 2
    with django_assert_max_num_queries(bound):
        facets("country=LCA&unit=DPIDG", staff)
    _grow_portfolio(30)
    with django_assert_max_num_queries(bound):
        result = facets("unit=DPIDG&unit=UNDESA", staff)
    assert len(result["country"]) > 20 and len(result["partner"]) > 30
