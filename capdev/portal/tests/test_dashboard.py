"""The dashboard on the seed portfolio: charts with data, facets, CSV per chart, query counts, published only."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from capdev.activities.models import Activity, ActivityType
from capdev.organisations.models import FundingSource, OrgUnit
from capdev.portal.views import CHARTS, MAP_ID
from capdev.projects.models import Budget, Project, ProjectCountry, ProjectSdgGoal, ReviewState

# Queries for the whole dashboard page, whatever the number of projects (about 17 today).
MAX_DASHBOARD_QUERIES = 24


def json_scripts(html: str) -> dict[str, object]:
    """Every json_script block of a page, by id."""
    return {m.group(1): json.loads(m.group(2)) for m in re.finditer(
        r'<script id="([^"]+)" type="application/json">(.*?)</script>', html, re.S)}


def csv_rows(response) -> list[list[str]]:
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.reader(io.StringIO(body[1:])))


def test_dashboard_renders_the_seed_portfolio_with_data_in_every_chart(portfolio, db, client):
    response = client.get("/dashboard/")
    assert response.status_code == 200
    totals = response.context["totals"]
    assert totals.projects == 10 and totals.countries == 8 and totals.activities >= 10
    assert set(totals.budget) == {"USD"} and totals.budget["USD"] > 0
    data = json_scripts(response.content.decode())
    for chart_id in CHARTS:
        chart = data[f"chart-{chart_id}-data"]
        assert chart["labels"], chart_id
        assert any(v for s in chart["series"] for v in s["values"] if v), chart_id
    world = data["map-countries-data"]
    assert {c["iso3"] for c in world["countries"]} >= {"BHS", "LCA", "BRB"}
    assert all(c["url"] == f"/countries/{c['iso3']}/" for c in world["countries"])
    html = response.content.decode()
    # The page loads its libraries from static files (no CDN), and has no inline script.
    for src in ("vendor/chartjs/chart.umd.min.js", "portal/charts.js", "vendor/d3/d3.min.js",
                "vendor/topojson/topojson-client.min.js", "portal/map.js"):
        assert f'src="/static/{src}"' in html
    assert not re.search(r"<script(?![^>]*(src=|application/json))[^>]*>", html)


def test_budget_chart_captions_state_the_one_rule(portfolio, db, client):
    html = client.get("/dashboard/").content.decode()
    captions = re.findall(r'<span class="chart-caption">(.*?)</span>', html, re.S)
    rule = "its total budget lines where it has any, else its other lines, a revised line replacing the original"
    assert sum(rule in c for c in captions) == sum(chart_id.startswith("budget-") for chart_id in CHARTS) > 1
    assert "Total budget lines" not in html  # a project without one is summed by its other lines


def test_the_unit_chart_links_each_bar_to_the_matching_list(portfolio, db, client):
    response = client.get("/dashboard/?sdg=16")
    chart = json_scripts(response.content.decode())["chart-budget-by-unit-data"]
    assert chart["labels"] == ["DPIDG – Division for Public Institutions and Digital Government"]
    assert QueryDict(chart["links"][0].split("?", 1)[1]).dict() == {"sdg": "16", "unit": "DPIDG"}


def test_facets_narrow_every_number(portfolio, db, client):
    response = client.get("/dashboard/?country=LCA")
    totals = response.context["totals"]
    assert totals.projects == 1
    assert totals.budget == {"USD": Decimal("500000")}
    assert totals.countries == 3  # the project serves the Bahamas, Barbados and Saint Lucia
    data = json_scripts(response.content.decode())
    assert sorted(c["iso3"] for c in data["map-countries-data"]["countries"]) == ["BHS", "BRB", "LCA"]
    assert data["chart-budget-by-sdg-data"]["labels"][0].startswith("SDG 1:")
    assert data["chart-budget-by-start-year-data"]["labels"] == ["2024"]
    whole = client.get("/dashboard/").context["totals"]
    assert whole.projects > totals.projects and whole.activities > totals.activities
    # Filtered, the page says whose activities it counts (a country page counts those held there).
    assert "wherever each activity was held" in response.content.decode()
    assert "wherever each activity was held" not in client.get("/dashboard/").content.decode()


def test_active_filters_are_shown_with_links_to_drop_them(portfolio, db, client):
    response = client.get("/dashboard/?country=LCA&sdg=16&map=budget")
    filters = response.context["filters"]
    assert [(f.name, f.value) for f in filters] == [("Country", "Saint Lucia"), ("SDG", "16: Peace, Justice and "
                                                                                        "Strong Institutions")]
    assert QueryDict(filters[0].remove_url.split("?", 1)[1]).dict() == {"sdg": "16", "map": "budget"}
    html = response.content.decode()
    assert 'href="/projects/?country=LCA&amp;sdg=16"' in html  # "see these projects": the same filters
    assert "Remove filter Country: Saint Lucia" in html


def test_the_map_switch_works_without_javascript(portfolio, db, client):
    by_projects = client.get("/dashboard/").context["world"]
    by_budget = client.get("/dashboard/?map=budget&country=LCA").context["world"]
    assert by_projects.measure == "projects" and by_budget.measure == "budget"
    assert by_budget.currency == "USD"
    assert {c.value for c in by_budget.countries} == {500000}
    labels = {label: (url, selected) for label, url, selected in by_budget.switch}
    assert labels["By budget"][1] is True and labels["By projects"][1] is False
    assert QueryDict(labels["By projects"][0].split("?", 1)[1].split("#")[0]).dict() == {"map": "projects",
                                                                                        "country": "LCA"}


@pytest.mark.parametrize("chart_id", [*CHARTS, MAP_ID])
def test_every_chart_has_a_csv_with_the_same_filters(portfolio, db, client, chart_id):
    response = client.get(f"/dashboard/{chart_id}.csv?country=LCA")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = csv_rows(response)
    assert len(rows) >= 2 and len(rows[0]) >= 2
    whole = csv_rows(client.get(f"/dashboard/{chart_id}.csv"))
    assert len(whole) >= len(rows)


def test_csv_numbers_follow_the_filters(portfolio, db, client):
    rows = csv_rows(client.get("/dashboard/budget-by-unit.csv?country=LCA"))
    assert rows == [["Lead unit", "USD"], ["DPIDG – Division for Public Institutions and Digital Government",
                                           "500000"]]
    countries = csv_rows(client.get("/dashboard/countries.csv?country=LCA"))
    assert [r[0] for r in countries[1:]] == ["BHS", "BRB", "LCA"]


def test_the_dashboard_links_each_chart_to_its_csv(portfolio, db, client):
    html = client.get("/dashboard/?country=LCA").content.decode()
    for chart_id in [*CHARTS, MAP_ID]:
        assert f'href="/dashboard/{chart_id}.csv?country=LCA" download' in html


def test_an_unknown_chart_is_not_found(portfolio, db, client):
    assert client.get("/dashboard/nothing.csv").status_code == 404


def add_projects(n: int, state: str = ReviewState.PUBLISHED) -> list[Project]:
    """n projects with budgets in two currencies, countries, SDGs and activities, spread over units and years."""
    units = list(OrgUnit.objects.all()[:4])
    funding = FundingSource.objects.first()
    projects = []
    for i in range(n):
        p = Project.objects.create(title=f"Extra project {i}", review_state=state, lead_unit=units[i % len(units)],
                                   funding_source=funding, start_date=dt.date(1995 + i % 30, 1, 1),
                                   end_date=dt.date(1997 + i % 30, 6, 30))
        Budget.objects.create(project=p, amount=Decimal(1000 + i), currency_id="USD")
        Budget.objects.create(project=p, amount=Decimal(10), currency_id="EUR", position=1)
        for iso3 in ("KEN", "FJI", "LCA")[: 1 + i % 3]:
            ProjectCountry.objects.create(project=p, country_id=iso3)
        ProjectSdgGoal.objects.create(project=p, goal_id=1 + i % 17)
        Activity.objects.create(project=p, type=ActivityType.WORKSHOP, title="w", participants=i,
                                start_date=dt.date(1995 + i % 30, 3, 1), country_id="KEN")
        projects.append(p)
    return projects


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


@pytest.mark.parametrize("url", ["/dashboard/", "/dashboard/?map=budget&sdg=1&sdg=16&country=LCA&unit=DPADM"])
def test_the_dashboards_query_count_does_not_grow_with_the_portfolio(portfolio, db, client, url, counted,
                                                                     django_assert_max_num_queries):
    client.get(url)
    before = count_queries(client, url)
    add_projects(60)
    client.get(url)  # the index (when on) takes the new projects in
    with django_assert_max_num_queries(MAX_DASHBOARD_QUERIES if not counted else before):
        response = client.get(url)
    assert count_queries(client, url) == before
    if "country" not in url:
        assert response.context["totals"].projects == 70
        assert set(response.context["totals"].budget) == {"USD", "EUR"}


def test_csv_query_count_does_not_grow_with_the_portfolio(portfolio, db, client, counted):
    client.get("/dashboard/")
    before = {c: count_queries(client, f"/dashboard/{c}.csv") for c in [*CHARTS, MAP_ID]}
    add_projects(40)
    client.get("/dashboard/")
    assert {c: count_queries(client, f"/dashboard/{c}.csv") for c in [*CHARTS, MAP_ID]} == before
    assert max(before.values()) <= 3


def test_an_in_review_project_changes_no_number_for_the_public_but_does_for_staff(portfolio, db, client):
    def snapshot(c):
        response = c.get("/dashboard/")
        return response.context["totals"], json_scripts(response.content.decode()), \
            {chart: c.get(f"/dashboard/{chart}.csv").content for chart in [*CHARTS, MAP_ID]}

    public_before = snapshot(client)
    hidden = add_projects(3, state=ReviewState.IN_REVIEW)
    Activity.objects.create(project=hidden[0], type=ActivityType.WEBINAR, title="w", participants=999,
                            start_date=dt.date(2024, 1, 1))
    assert snapshot(client) == public_before
    assert client.get("/").context["totals"] == public_before[0]

    staff = get_user_model().objects.create_user("editor", "e@example.org", "a long enough password", is_staff=True)
    client.force_login(staff)
    staff_totals, staff_data, staff_csv = snapshot(client)
    assert staff_totals.projects == public_before[0].projects + 3
    assert "EUR" in staff_totals.budget and "EUR" not in public_before[0].budget
    assert staff_totals.participants > public_before[0].participants
    assert staff_data != public_before[1] and staff_csv != public_before[2]
    assert client.get("/").context["totals"].projects == public_before[0].projects + 3


def test_home_page_shows_the_portfolio_totals(portfolio, db, client):
    response = client.get("/")
    assert response.status_code == 200
    assert response.context["totals"].projects == 10
    html = response.content.decode()
    assert 'href="/dashboard/"' in html and 'href="/projects/"' in html


def test_review_state_is_a_filter_for_staff_only(portfolio, db, client):
    anonymous = client.get("/dashboard/?review_state=in_review")
    assert anonymous.context["filters"] == [] and anonymous.context["totals"].projects == 10
    add_projects(2, state=ReviewState.IN_REVIEW)
    staff = get_user_model().objects.create_user("editor", "e@example.org", "a long enough password", is_staff=True)
    client.force_login(staff)
    response = client.get("/dashboard/?review_state=in_review")
    assert [(f.name, f.value) for f in response.context["filters"]] == [("Review state", "In review")]
    assert response.context["totals"].projects == 2


def test_every_page_links_to_the_open_data_and_each_link_answers(portfolio, db, client):
    """Donors and member states find the data from any page: the footer's links, each served to the public."""
    page = client.get("/").content.decode()
    footer = page[page.index('class="open-data-links"'):]
    links = re.findall(r'href="([^"]+)"', footer[:footer.index("</nav>")])
    assert len(links) == 5
    for link in links:
        response = client.get(link.replace("&amp;", "&"))
        assert response.status_code == 200, link
    assert 'rel="icon"' in page


@pytest.mark.parametrize("path", ["/", "/dashboard/"])
def test_a_long_budget_figure_gets_the_size_class_that_keeps_it_whole(portfolio, db, client, path):
    """The budget card's figure carries the class the browser test checks at 1024, 1280 and 390 px."""
    from capdev.portal.templatetags.figures import figure_size

    assert [figure_size(t) for t in ("6,406,163", "1,339,347,622", "1,338,832,145,678", "1" * 18)] == [
        "", "figure-long", "figure-longer", "figure-longest"]
    project = Project.objects.published().first()
    Budget.objects.create(project=project, position=9, amount=Decimal("1339341215459"), currency_id="USD")
    html = client.get(path).content.decode()
    figure = re.search(r'<dd class="stat ([\w-]*)"><span class="amount">([\d,]+)</span>', html)
    assert figure is not None and figure.group(2).startswith("1,339,34") and len(figure.group(2)) == 17, html
    assert figure.group(1) == "figure-longer"
