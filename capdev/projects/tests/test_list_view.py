"""The project list page: search, facets, sort, pages, the empty state, htmx, CSV and JSON, visibility, queries."""
import csv
import io
import json
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from capdev.activities.models import Activity
from capdev.organisations.models import Organisation, OrgUnit
from capdev.projects.models import Budget, Project, ProjectCountry, ProjectPartner, ProjectSdgGoal, ReviewState
from capdev.projects.search import reindex_projects
from capdev.reference.models import Currency

URL = "/projects/"
HOSTILE = ['"', "*", "AND (", "'; DROP TABLE projects_project; --", "x" * 256, "NEAR(", "-", "\"a", "日本",
           "%00", "<script>alert(1)</script>"]


def seed_project(index: int) -> Project:
    """The project imported from the seed's record at this index."""
    return Project.objects.get(sources__index=index)


@pytest.fixture
def hidden(portfolio, db):
    """An in-review project in Saint Lucia that says "parliament"."""
    p = Project.objects.create(title="Parliament twinning (in review)", review_state=ReviewState.IN_REVIEW)
    ProjectCountry.objects.create(project=p, country_id="LCA")
    reindex_projects([p.pk])
    return p


def csv_rows(response) -> list[dict]:
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(body[1:])))


def result_ids(response) -> list[int]:
    return [p.pk for p in response.context["projects"]]


def test_the_list_shows_every_published_project(portfolio, db, client):
    response = client.get(URL)
    assert response.status_code == 200
    assert len(result_ids(response)) == 10
    html = response.content.decode()
    assert "10 projects" in html
    for legend in ("Lead unit", "Funding source", "Region", "Country", "SDG", "Status", "Start year", "Budget",
                   "Partner", "Activity type"):
        assert f"<legend>{legend}</legend>" in html
    assert 'href="/projects/?format=csv"' in html and 'href="/projects/?format=json"' in html


def test_search_finds_the_parliaments_project_with_a_highlighted_snippet(portfolio, db, client):
    response = client.get(URL, {"q": "parliament"})
    assert result_ids(response)[0] == seed_project(0).pk
    assert seed_project(9).pk not in result_ids(response)
    assert "<mark>parliament</mark>" in response.content.decode().lower()


def test_a_search_with_no_word_to_search_for_says_it_narrows_nothing(portfolio, db, client):
    everything = result_ids(client.get(URL))
    for q in ("😀", "!!!", "--"):
        response = client.get(URL, {"q": q})
        assert result_ids(response) == everything
        assert "holds no word to search for" in response.content.decode()
    assert "holds no word to search for" not in client.get(URL, {"q": "parliament"}).content.decode()


def test_snippets_and_titles_are_escaped(portfolio, db, client):
    p = Project.objects.create(title="<b>Bold</b> project", summary="<script>alert(1)</script> zanzibarite",
                               review_state=ReviewState.PUBLISHED)
    reindex_projects([p.pk])
    html = client.get(URL, {"q": "zanzibarite"}).content.decode()
    assert "<script>alert(1)</script>" not in html and "<b>Bold</b>" not in html
    assert "&lt;b&gt;Bold&lt;/b&gt;" in html
    # The summary's snippet is shown, highlighted (SQLite keeps the tag as escaped text; PostgreSQL's
    # headline parser treats it as markup and leaves it out).
    assert "<mark>zanzibarite</mark>" in html


def test_country_facet_narrows_and_is_checked(portfolio, db, client):
    response = client.get(URL, {"country": "LCA"})
    assert result_ids(response) == [seed_project(9).pk]
    html = response.content.decode()
    assert 'name="country" value="LCA" checked' in html
    assert 'name="country" value="DJI">' in html  # still offered, unchecked


def test_or_within_a_facet(portfolio, db, client):
    response = client.get(URL + "?country=LCA&country=DJI")
    assert set(result_ids(response)) == {seed_project(9).pk, seed_project(3).pk}


def test_an_empty_result_says_why_and_offers_ways_out(portfolio, db, client):
    response = client.get(URL, {"q": "xyz", "country": "LCA"})
    html = response.content.decode()
    assert "No project matches “xyz” with country = Saint Lucia." in html
    assert 'href="/projects/?country=LCA"' in html  # drops the search
    assert 'href="/projects/?q=xyz"' in html  # drops the country


def test_htmx_gets_the_results_region_only(portfolio, db, client):
    response = client.get(URL, {"country": "LCA"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert "<html" not in html and 'id="results-heading"' in html and 'id="facet-country"' in html
    assert 'hx-swap-oob="innerHTML"' in html and "1 project found" in html
    assert "HX-Request" in response["Vary"]
    restore = client.get(URL, headers={"HX-Request": "true", "HX-History-Restore-Request": "true"})
    assert "<html" in restore.content.decode()


def _title(html: str) -> str:
    import lxml.html

    titles = lxml.html.fromstring(f"<div>{html}</div>" if "<html" not in html else html).xpath("//title")
    assert len(titles) == 1, f"{len(titles)} <title> elements"
    return titles[0].text_content()


def test_an_htmx_update_carries_the_title_a_full_load_has(portfolio, db, client):
    full = client.get(URL, {"q": "salud <b>"}).content.decode()
    partial = client.get(URL, {"q": "salud <b>"}, headers={"HX-Request": "true"}).content.decode()
    assert _title(full) == _title(partial) == "Projects matching “salud <b>” · Capdev"
    # At the top of the fragment, where htmx 2 looks for it (a direct child of the response).
    assert partial.startswith("<title>Projects matching “salud &lt;b&gt;” · Capdev</title>")
    partial = client.get(URL, {"q": "", "country": "LCA"}, headers={"HX-Request": "true"}).content.decode()
    assert _title(partial) == "Projects · Capdev"


@pytest.mark.parametrize("params, pushed", [
    ({"q": "", "sort": "-start", "country": "ARG", "start_year_min": "", "start_year_max": ""},
     "/projects/?country=ARG"),
    ({"q": "salud", "sort": "relevance", "country": ["ARG", "BRB"], "start_year_min": "2010"},
     "/projects/?q=salud&country=ARG&country=BRB&start_year_min=2010"),
    ({"q": "salud", "sort": "-start"}, "/projects/?q=salud&sort=-start"),  # not the default when searching
    ({"q": " ", "sort": "title"}, "/projects/?sort=title"),
    ({"q": "", "sort": "relevance"}, "/projects/"),  # relevance without a search is the default order
])
def test_an_htmx_update_pushes_the_url_without_empty_or_default_parameters(portfolio, db, client, params, pushed):
    response = client.get(URL, params, headers={"HX-Request": "true"})
    assert response["HX-Push-Url"] == pushed
    assert "HX-Push-Url" not in client.get(URL, params)  # a full load keeps the URL it was given


def test_the_form_works_without_javascript_and_with_htmx(portfolio, db, client):
    html = client.get(URL).content.decode()
    assert 'method="get" action="/projects/"' in html
    assert 'hx-push-url="true"' in html and 'hx-target="#project-browser"' in html
    assert "<script>" not in html.split("</head>")[1].replace(" ", "")  # no inline script in the body


def test_in_review_projects_are_hidden_from_the_public_everywhere(portfolio, db, client, hidden):
    response = client.get(URL, {"q": "parliament"})
    assert hidden.pk not in result_ids(response)
    assert hidden.title not in response.content.decode()
    facets = client.get(URL, {"country": "LCA"}).context["facet_groups"]
    country = next(g for g in facets if g["name"] == "country")
    assert next(v for v in country["values"] if v.value == "LCA").count == 1
    assert all(g["name"] != "review_state" for g in facets)
    assert hidden.title not in [r["title"] for r in csv_rows(client.get(URL, {"format": "csv"}))]
    data = client.get(URL, {"format": "json", "all": "1"})
    assert hidden.title not in [r["title"] for r in json.loads(b"".join(data.streaming_content))["results"]]
    assert json.loads(client.get(URL, {"format": "json"}).content)["count"] == 10
    assert client.get(URL, {"review_state": "in_review"}).context["paginator"].count == 10


def test_staff_see_every_review_state_and_its_facet(portfolio, db, staff_client, hidden):
    response = staff_client.get(URL, {"q": "parliament"})
    assert hidden.pk in result_ids(response)
    assert "In review" in response.content.decode()
    assert [p.pk for p in staff_client.get(URL, {"review_state": "in_review"}).context["projects"]] == [hidden.pk]
    assert hidden.title in [r["title"] for r in csv_rows(staff_client.get(URL, {"format": "csv"}))]


def test_csv_has_a_bom_and_the_same_rows_as_the_page(portfolio, db, client):
    params = {"country": ["LCA", "DJI"], "sort": "title"}
    page_ids = result_ids(client.get(URL, params))
    rows = csv_rows(client.get(URL, {**params, "format": "csv"}))
    assert [int(r["id"]) for r in rows] == page_ids
    caribbean = next(r for r in rows if int(r["id"]) == seed_project(9).pk)
    assert caribbean["countries"] == "BHS; BRB; LCA"
    assert caribbean["sdgs"] == "1; 10; 11; 16; 17"
    assert caribbean["start"] == "2024-01" and caribbean["lead_unit"] == "DPIDG"
    assert caribbean["url"] == f"http://testserver/projects/{seed_project(9).pk}/"
    assert "iati_identifier" in rows[0]  # as in the XLSX


def test_json_is_paginated_like_the_page_unless_all(portfolio, db, client):
    _grow(25)
    page = json.loads(client.get(URL, {"format": "json"}).content)
    assert page["count"] == 35 and len(page["results"]) == 20 and page["num_pages"] == 2
    assert "page=2" in page["next"] and "format=json" in page["next"]
    second = json.loads(client.get(URL, {"format": "json", "page": 2}).content)
    assert len(second["results"]) == 15
    html_ids = result_ids(client.get(URL, {"page": 2}))
    assert [r["id"] for r in second["results"]] == html_ids
    everything = json.loads(b"".join(client.get(URL, {"format": "json", "all": "1"}).streaming_content))
    assert everything["count"] == 35 and len(everything["results"]) == 35
    assert everything["results"][0]["url"].startswith("http://testserver/projects/")


def test_pagination(portfolio, db, client):
    _grow(25)
    first = client.get(URL)
    assert len(result_ids(first)) == 20 and "page 1 of 2" in first.content.decode()
    second = client.get(URL, {"page": 2})
    assert len(result_ids(second)) == 15
    assert not set(result_ids(first)) & set(result_ids(second))
    assert result_ids(client.get(URL, {"page": 99})) == result_ids(second)  # out of range: the last page
    for bad in ("abc", "²", "0", "-1", "99999999999999999999"):
        response = client.get(URL, {"page": bad})
        assert response.status_code == 400 and "page" in response.content.decode(), bad


def test_sort_by_title_and_budget(portfolio, db, client):
    titles = [p.title.lower() for p in client.get(URL, {"sort": "title"}).context["projects"]]
    assert titles == sorted(titles)
    budgets = [p.pk for p in client.get(URL, {"sort": "-budget"}).context["projects"]]
    assert budgets[0] == Project.objects.get(budgets__amount=Decimal("3454545")).pk


@pytest.mark.parametrize("q", HOSTILE)
def test_hostile_queries_return_200_in_every_format(portfolio, db, client, q):
    page = client.get(URL, {"q": q})
    assert page.status_code == 200
    shown = {p.pk for p in page.context["projects"]}
    assert shown <= set(Project.objects.published().values_list("pk", flat=True))
    fragment = client.get(URL, {"q": q}, headers={"HX-Request": "true"})
    assert fragment.status_code == 200 and "<html" not in fragment.content.decode()
    response = client.get(URL, {"q": q, "format": "csv"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    data = client.get(URL, {"q": q, "format": "json"})
    assert data.status_code == 200
    body = json.loads(b"".join(data.streaming_content) if data.streaming else data.content)
    # The three formats give the same rows: the page's first page of them, the exports all of them.
    assert len(rows) == body["count"] >= len(shown)


def test_a_search_past_its_bound_is_a_400_naming_it_in_every_format(portfolio, db, client):
    named = {"html": "<code>q</code>: “xxx", "csv": "q: “xxx", "json": '"q": ["“xxx', "xlsx": "q: “xxx"}
    for fmt, name in named.items():
        response = client.get(URL, {"q": "x" * 257, "format": fmt})
        assert response.status_code == 400 and name in response.content.decode(), fmt


def test_an_unknown_format_is_a_bad_request(portfolio, db, client):
    assert client.get(URL, {"format": "xml"}).status_code == 400


def _grow(n: int, country: str | None = None) -> None:
    """n more published projects, each with countries, a partner, a budget, an SDG and an activity."""
    usd = Currency.objects.get(code="USD")
    unit = OrgUnit.objects.get(code="DPIDG")
    made = []
    for i in range(n):
        p = Project.objects.create(title=f"Extra project {i}", review_state=ReviewState.PUBLISHED, lead_unit=unit)
        for iso3 in {country or "BRB", "BHS", "TGO"}:
            ProjectCountry.objects.create(project=p, country_id=iso3)
        org = Organisation.objects.create(name=f"Extra partner {i}", slug=f"extra-partner-{i}")
        ProjectPartner.objects.create(project=p, organisation=org)
        Budget.objects.create(project=p, amount=Decimal(1000 * (i + 1)), currency=usd)
        ProjectSdgGoal.objects.create(project=p, goal_id=i % 17 + 1)
        Activity.objects.create(project=p, type="webinar", title=f"Webinar {i}", online=True)
        made.append(p.pk)
    reindex_projects(made)


@pytest.mark.parametrize("index", [True, False], ids=["index", "sql"])
def test_queries_do_not_grow_with_the_rows_shown(portfolio, db, client, settings, django_assert_max_num_queries,
                                                 index, index_check):
    # Counted as production runs: without the SQL double-check, and with the in-memory index (when on) already
    # built for the data, as it is after a process's first request.
    index_check.enabled = False
    settings.CAPDEV_FACET_INDEX = index
    params = {"country": "LCA", "q": "webinar", "sort": "-budget"}
    client.get(URL, params)
    with CaptureQueriesContext(connection) as one:
        assert len(result_ids(client.get(URL, params))) == 1
    first = len(one)  # read now: every request clears the connection's query log
    _grow(30, country="LCA")
    client.get(URL, params)
    with django_assert_max_num_queries(first):
        assert len(result_ids(client.get(URL, params))) == 20
    with django_assert_max_num_queries(30 if not index else first):
        client.get(URL)


def test_the_default_order_follows_the_search_when_the_form_is_sent_as_it_stands(portfolio, db, client):
    """The list unsearched shows its default order selected as "default", not as "newest first": a search typed
    into that form then comes back best match first, not in date order."""
    import lxml.html

    def selected(response) -> str:
        doc = lxml.html.fromstring(response.content.decode())
        return doc.get_element_by_id("id_sort").value or ""

    assert selected(client.get(URL)) == ""
    searched = client.get(URL, {"q": "government", "sort": selected(client.get(URL))})
    by_relevance = client.get(URL, {"q": "government", "sort": "relevance"})
    assert result_ids(searched) == result_ids(by_relevance) != result_ids(client.get(URL, {"q": "government",
                                                                                           "sort": "-start"}))
    assert selected(client.get(URL, {"sort": "-start"})) == "-start"  # a chosen order stays chosen
    assert selected(client.get(URL, {"q": "government", "sort": "title"})) == "title"


def test_the_filtered_list_links_to_the_same_projects_on_the_dashboard(portfolio, db, client):
    import re as regex

    html = client.get(URL, {"country": "LCA", "sdg": "16", "sort": "title", "page": "1"}).content.decode()
    link = regex.search(r'href="(/dashboard/[^"]*)"[^>]*>on the dashboard', html).group(1).replace("&amp;", "&")
    assert "country=LCA" in link and "sdg=16" in link and "sort" not in link and "page" not in link
    filters = client.get(link).context["filters"]
    assert [f.name for f in filters] == ["Country", "SDG"]  # the dashboard counts these same projects
