"""The country and SDG pages: what they show, what they hide from anonymous users, and their query counts."""
from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

import pytest
from django.urls import reverse

from capdev.activities.models import Activity, ActivityOrganiser
from capdev.organisations.models import Organisation, OrgUnit
from capdev.projects.models import (
    Budget,
    Project,
    ProjectCountry,
    ProjectPartner,
    ProjectSdgGoal,
    ProjectSdgTarget,
    ReviewState,
)

# The seed's Caribbean digital-government project serves these; it is published by the `portfolio` fixture.
CARIBBEAN = "Strengthen public sector national capacities for Innovation"
SECRET = "Hidden review-stage project on tide gauges"
_serial = itertools.count(1)


def make_project(*, title: str | None = None, state: str = ReviewState.PUBLISHED, countries=("BRB",),
                 goals=(16,), targets=(), unit: str | None = "PACB", currency: str = "USD",
                 amount: str = "1000", start: dt.date | None = dt.date(2021, 3, 1),
                 activity_country: str | None = "BRB", participants: int | None = 10,
                 partner: Organisation | None = None, role: str = ProjectPartner.Role.COOPERATING) -> Project:
    """A project with a country, goals, a total budget line, an activity and optionally a partner."""
    n = next(_serial)
    project = Project.objects.create(
        title=title or f"Extra project {n}", review_state=state, start_date=start,
        end_date=start + dt.timedelta(days=400) if start else None,
        lead_unit=OrgUnit.objects.get(code=unit) if unit else None)
    for iso3 in countries:
        ProjectCountry.objects.create(project=project, country_id=iso3)
    for goal in goals:
        ProjectSdgGoal.objects.create(project=project, goal_id=goal)
    for code in targets:
        ProjectSdgTarget.objects.create(project=project, target_id=code)
    Budget.objects.create(project=project, amount=Decimal(amount), currency_id=currency)
    activity = Activity.objects.create(project=project, type="workshop", title=f"{project.title} workshop",
                                       country_id=activity_country, participants=participants,
                                       start_date=start)
    if partner is not None:
        ProjectPartner.objects.create(project=project, organisation=partner, role=role)
        ActivityOrganiser.objects.create(activity=activity, organisation=partner)
    return project


def in_review(**kwargs) -> Project:
    """The project the visibility tests hide: in review, budget in EUR, 777 participants at a BRB workshop."""
    kwargs.setdefault("title", SECRET)
    return make_project(state=ReviewState.IN_REVIEW, currency="EUR", amount="424242", participants=777, **kwargs)


def page(client, name: str, *args, **params) -> str:
    """The HTML of a page, asserting it answers 200."""
    response = client.get(reverse(name, args=args), params)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


# --- /countries/ --------------------------------------------------------------------------------------------------

def test_country_list_groups_served_countries_by_region(portfolio, db, client):
    response = client.get(reverse("reference:country_list"))
    groups = {g["name"]: [c.iso3 for c in g["countries"]] for g in response.context["groups"]}
    assert set(groups["Americas"]) == {"BHS", "BRB", "LCA"}
    assert "DJI" in groups["Africa"]
    # Only countries that a project serves: France is not among them.
    assert "FRA" not in {iso3 for codes in groups.values() for iso3 in codes}
    html = response.content.decode()
    assert 'href="/countries/BRB/"' in html and "SIDS" in html and "<caption>" in html
    assert "?country=BRB" in html  # the project count links to the filtered list
    barbados = next(c for g in response.context["groups"] for c in g["countries"] if c.iso3 == "BRB")
    assert barbados.n_projects == 1 and barbados.budget_totals == [("USD", Decimal("500000"))]
    assert barbados.n_activities == 2


def test_country_list_filters_and_lists_all(portfolio, db, client):
    html = page(client, "reference:country_list", region="002")  # M49 Africa
    assert "/countries/DJI/" in html and "/countries/BRB/" not in html
    html = page(client, "reference:country_list", group="ldc")
    assert "/countries/MLI/" in html and "/countries/BRB/" not in html
    html = page(client, "reference:country_list", all="on")
    assert "/countries/FRA/" in html and "All countries and areas" in html


def test_country_list_hides_unpublished_projects(portfolio, db, client, admin_client):
    in_review(countries=("FJI",), activity_country="FJI")
    assert "/countries/FJI/" not in page(client, "reference:country_list")
    assert "/countries/FJI/" in page(admin_client, "reference:country_list")
    anonymous = client.get(reverse("reference:country_list"), {"all": "on"})
    fiji = next(c for g in anonymous.context["groups"] for c in g["countries"] if c.iso3 == "FJI")
    assert fiji.n_projects == 0 and fiji.budget_totals == [] and fiji.n_activities == 0


# --- /countries/BRB/ ----------------------------------------------------------------------------------------------

def test_the_country_budget_note_states_the_one_rule_that_sums_it(portfolio, db, client):
    project = make_project(countries=("BRB",), start=dt.date(2021, 3, 1))
    project.budgets.all().delete()  # budgeted by year only, as IATI publishers do, one year revised
    for amount, label in (("100", ""), ("150", "Revised")):
        Budget.objects.create(project=project, kind=Budget.Kind.YEARLY, year=2021, amount=Decimal(amount),
                              currency_id="USD", label=label)
    response = client.get(reverse("reference:country_detail", args=["BRB"]))
    assert [row["amounts"] for row in response.context["budget"]["rows"] if row["year"] == 2021] == [[150]]
    html = response.content.decode()
    assert "its total budget lines where it has any, else its other lines, a revised line replacing" in html
    assert "yearly and other amounts are not added" not in html  # they are, for a project without a total


def test_country_detail_shows_facts_projects_budget_activities(portfolio, db, client):
    response = client.get(reverse("reference:country_detail", args=["BRB"]))
    html = response.content.decode()
    assert "<title>Barbados: country profile" in html and "<h1>Barbados" in html
    assert 'aria-label="Breadcrumb"' in html
    assert "Latin America and the Caribbean" in html and "Yes (since 1966)" in html
    assert CARIBBEAN in html and "/projects/?country=BRB" in html
    project = Project.objects.get(title__startswith=CARIBBEAN)
    assert f'href="/projects/{project.pk}/"' in html
    assert response.context["budget"]["rows"][0]["year"] == 2024
    assert response.context["budget"]["totals"] == [("USD", Decimal("500000"))]
    activities = response.context["activities"]
    assert activities["total"] == 2 and {a.country_id for a in activities["rows"]} == {"BRB"}
    assert "Participants: the sum of the numbers recorded for activities held in Barbados" in html
    assert 'data-countries=\'[&quot;BRB&quot;]\'' in html


def test_country_detail_sums_participants_and_lists_national_partners(portfolio, db, client):
    ministry = Organisation.objects.create(name="Ministry of Innovation of Barbados", type="government",
                                           country_id="BRB")
    make_project(participants=35, partner=ministry)
    response = client.get(reverse("reference:country_detail", args=["BRB"]))
    assert response.context["activities"]["participants"] == 35
    assert [o.slug for o in response.context["partners"]] == [ministry.slug]
    assert f"/partners/{ministry.slug}/" in response.content.decode()


def test_country_detail_hides_unpublished_projects(portfolio, db, client, admin_client):
    ministry = Organisation.objects.create(name="Barbados Tide Office", type="government", country_id="BRB")
    in_review(partner=ministry)
    anonymous = client.get(reverse("reference:country_detail", args=["BRB"]))
    html = anonymous.content.decode()
    assert SECRET not in html and "EUR" not in html and "777" not in html and "Tide Office" not in html
    assert anonymous.context["projects"]["total"] == 1
    assert anonymous.context["activities"]["participants"] == 0
    staff = admin_client.get(reverse("reference:country_detail", args=["BRB"]))
    html = staff.content.decode()
    assert SECRET in html and "EUR" in html and "Tide Office" in html
    assert staff.context["projects"]["total"] == 2 and staff.context["activities"]["participants"] == 777


def test_country_detail_addresses(portfolio, db, client):
    response = client.get("/countries/brb/")
    assert response.status_code == 301 and response["Location"] == "/countries/BRB/"
    assert client.get("/countries/XYZ/").status_code == 404
    assert client.get("/countries/xyz/").status_code == 404
    # A country no project serves still has its page.
    assert "No project to show." in page(client, "reference:country_detail", "FRA")


# --- /sdgs/ -------------------------------------------------------------------------------------------------------

def test_sdg_list_counts_visible_projects(portfolio, db, client, admin_client):
    def counts(c):
        return {g.number: g.n_projects for g in c.get(reverse("reference:sdg_list")).context["goals"]}

    anonymous = counts(client)
    assert len(anonymous) == 17 and anonymous[16] == 1 and anonymous[2] == 0
    in_review(goals=(16, 2))
    assert counts(client) == anonymous
    staff = counts(admin_client)
    assert staff[16] == 2 and staff[2] == 1
    html = page(client, "reference:sdg_list")
    assert 'href="/sdgs/16/"' in html and "Peace, Justice and Strong Institutions" in html


def test_sdg_detail(portfolio, db, client):
    make_project(targets=("16.6",), countries=("DJI",))
    response = client.get(reverse("reference:sdg_detail", args=[16]))
    html = response.content.decode()
    assert "<h1" in html and "SDG 16: Peace, Justice and Strong Institutions" in html
    assert CARIBBEAN in html and "/projects/?sdg=16" in html and "/projects/?target=16.6" in html
    targets = {t.code: t.n_projects for t in response.context["targets"]}
    assert len(targets) == 12 and targets["16.6"] == 1 and targets["16.1"] == 0
    assert {c.iso3 for c in response.context["countries"]} == {"BHS", "BRB", "LCA", "DJI"}
    assert [row["year"] for row in response.context["budget"]["rows"]] == [2021, 2024]
    assert client.get("/sdgs/18/").status_code == 404


def test_sdg_detail_hides_unpublished_projects(portfolio, db, client, admin_client):
    in_review(targets=("16.6",), countries=("FJI",))
    anonymous = client.get(reverse("reference:sdg_detail", args=[16]))
    html = anonymous.content.decode()
    assert SECRET not in html and "EUR" not in html and "Fiji" not in html
    assert {t.code: t.n_projects for t in anonymous.context["targets"]}["16.6"] == 0
    staff = admin_client.get(reverse("reference:sdg_detail", args=[16]))
    assert SECRET in staff.content.decode() and "Fiji" in staff.content.decode()
    assert {t.code: t.n_projects for t in staff.context["targets"]}["16.6"] == 1


# --- bounded queries ----------------------------------------------------------------------------------------------

# Queries each page needs (measured: counting on the in-memory index, and in SQL), plus two of slack for the
# base template; any per-row query would add 50+. A country page also counts its people reached
# (capdev.people.aggregates.country_reach: two counts of two queries each, and the countries' names).
PEOPLE_QUERIES = 5


@pytest.mark.parametrize("extra", [1, 60])
@pytest.mark.parametrize("url, on_index, in_sql", [
    ("/countries/", 4, 5),
    ("/countries/?all=on&group=sids", 4, 5),
    ("/countries/BRB/", 7 + PEOPLE_QUERIES, 9 + PEOPLE_QUERIES),
    ("/sdgs/", 2, 2),
    ("/sdgs/16/", 7, 10),
])
def test_query_counts_do_not_grow(portfolio, db, client, django_assert_max_num_queries, counted, extra, url, on_index,
                                  in_sql):
    partner = Organisation.objects.create(name="Barbados Statistics Office", type="government", country_id="BRB")
    codes = ["DJI", "FJI", "MLI", "TGO", "NPL"]
    for i in range(extra):
        make_project(countries=("BRB", codes[i % 5]), goals=tuple({16, 1 + i % 17}),
                     targets=("16.6",), currency=["USD", "EUR", "CHF"][i % 3], start=dt.date(2000 + i % 20, 1, 1),
                     partner=partner)
    client.get(url)  # the index (when on) takes the new projects in, as a process's first request does
    with django_assert_max_num_queries((on_index if counted else in_sql) + 2):
        response = client.get(url)
    assert response.status_code == 200
    if url == "/countries/BRB/" and extra == 60:
        assert len(response.context["projects"]["rows"]) == 50  # a full page of rows was rendered


def test_the_api_finds_a_country_whatever_the_codes_case(portfolio, db, client):
    upper = client.get("/api/countries/BRB/")
    assert upper.status_code == 200 and upper.json()["iso3"] == "BRB"
    assert client.get("/api/countries/brb/").json() == upper.json()
    assert client.get("/api/countries/XYZ/").status_code == 404
