"""The country page, the project page, the dashboard and the assessment pages, for the public and for staff;
and that an internal (or draft) assessment reaches no public channel: pages, API, exports, CSV, search, dashboard."""
from __future__ import annotations

import csv
import io
import json
import re

import pytest
from openpyxl import load_workbook

from capdev.assessments.models import Assessment, AssessmentState, Dimension, DimensionScore, Priority, WorkLink

from .conftest import EXAMPLE, load_framework

DIGITAL_GOV = "Strengthen public sector"  # the seed's Caribbean project (BHS, LCA, BRB), January 2024 - June 2027
SECRET = "zanzibarite"  # a word only the internal assessment holds
DRAFT_WORD = "quokkaesque"  # a word only the draft holds


def score(assessment, code, value, evidence=""):
    return DimensionScore.objects.create(assessment=assessment, dimension=Dimension.objects.get(code=code),
                                         score=value, evidence=evidence)


@pytest.fixture(scope="module")
def assessed(portfolio, django_db_blocker):
    """Saint Lucia before the seed project (2023-11, self) and since (2026-03, peer), published; Barbados
    published but internal; the Bahamas a draft; the Caribbean project linked to Saint Lucia's data dimension."""
    from capdev.projects.models import Project

    with django_db_blocker.unblock():
        framework = load_framework(EXAMPLE)
        project = Project.objects.get(title__startswith=DIGITAL_GOV)
        before = Assessment.objects.create(framework=framework, country_id="LCA", date="2023-11-01",
                                           date_precision="month", assessor_type="self", title="Baseline",
                                           state=AssessmentState.PUBLISHED)
        since = Assessment.objects.create(framework=framework, country_id="LCA", date="2026-03-01",
                                          date_precision="month", assessor_type="peer",
                                          state=AssessmentState.PUBLISHED)
        for code, b, s in (("strategy", 2, 3), ("institutions", 2, 2), ("legal", 3, 3), ("services", 2, 3),
                           ("data", 1, 2), ("mindsets", 1, 3)):
            score(before, code, b)
            score(since, code, s)
        WorkLink.objects.create(assessment=since, dimension=Dimension.objects.get(code="data"), project=project)
        priority = Priority.objects.create(assessment=before, text="Rules for sharing data between ministries",
                                           dimension=Dimension.objects.get(code="data"))
        WorkLink.objects.create(assessment=before, priority=priority, project=project)
        internal = Assessment.objects.create(framework=framework, country_id="BRB", date="2025-01-01",
                                             date_precision="year", assessor_type="external", internal=True,
                                             state=AssessmentState.PUBLISHED, title="Internal review")
        for code in ("strategy", "data", "mindsets"):
            score(internal, code, 4, evidence=f"Confidential {SECRET} interviews")
        WorkLink.objects.create(assessment=internal, dimension=Dimension.objects.get(code="data"), project=project)
        draft = Assessment.objects.create(framework=framework, country_id="BHS", date="2025-06-01",
                                          assessor_type="self", title="Draft self-assessment")
        for code in ("strategy", "data", "mindsets"):
            score(draft, code, 1, evidence=f"Notes {DRAFT_WORD}")
    return {"before": before, "since": since, "internal": internal, "draft": draft, "project": project}


@pytest.fixture
def reviewer_client(client, db, django_user_model):
    from capdev.accounts.roles import REVIEWER, assign_role

    user = django_user_model.objects.create_user("rev", password="unused in tests 123")
    assign_role(user, REVIEWER)
    client.force_login(user)
    return client


def body(response) -> str:
    return response.content.decode()


def test_the_country_page_shows_latest_scores_the_change_charts_and_the_work_on_weak_dimensions(client, db, assessed):
    page = body(client.get("/countries/LCA/"))
    assert "Capability assessments" in page and "Example framework" in page
    assert "Latest (2026-03)" in page and "Previous (2023-11)" in page
    # Data went from 1 to 2 (still weak: the project working on it is listed); mindsets from 1 to 3.
    # The level's name beside its number (a phone shows the number, and the legend names the levels).
    assert '2<span class="level-name"> – Emerging</span>' in page and "+2" in page and "+1" in page
    assert "Levels: 1 Initial · 2 Emerging · 3 Established · 4 Managed · 5 Leading" in page
    assert f"{DIGITAL_GOV}" in page.split("Projects working on it")[1].split("</table>")[0]
    assert 'id="chart-assessment-' in page and "-radar" in page and "chart.umd.min.js" in page
    assert page.count("data-chart=") >= 7  # a chart per dimension (6) and the radar
    assert "/countries/LCA/assessments.csv" in page


def test_the_project_page_shows_its_countries_before_and_after(client, db, assessed):
    project = assessed["project"]
    page = body(client.get(f"/projects/{project.pk}/"))
    section = page.split("Its countries' assessments, before and after")[1]
    assert "Saint Lucia" in section and "2023-11" in section and "2026-03" in section
    assert "Since it started" in section  # the project runs until June 2027
    assert "this project works on it" in section.split("Data governance")[1].split("</tr>")[0]
    assert "Barbados" not in section.split("</section>")[0]  # internal
    assert "Bahamas" not in section.split("</section>")[0]  # draft


def test_an_assessment_after_a_project_ended_is_shown_as_after(client, db, assessed, portfolio):
    from capdev.projects.models import Project

    ended = Project.objects.filter(end_date__lt="2023-01-01", country_links__country="LCA").first() or \
        Project.objects.filter(end_date__lt="2023-01-01").first()
    if not ended.country_links.filter(country="LCA").exists():
        ended.country_links.create(country_id="LCA")
    page = body(client.get(f"/projects/{ended.pk}/"))
    section = page.split("Its countries' assessments, before and after")[1].split("</section>")[0]
    assert "No assessment before the project; assessed since (2026-03)" in section


def test_the_assessment_page_shows_levels_evidence_priorities_and_links(client, db, assessed):
    page = body(client.get(f"/assessments/{assessed['before'].pk}/"))
    assert "1 – Initial" in page and "2 – Emerging" in page
    assert "First steps taken in places" in page  # strategy 2: the framework's own description of level 2
    assert "Few digital skills outside IT units" in page  # mindsets 1: the dimension's description of level 1
    assert "Rules for sharing data between ministries" in page and DIGITAL_GOV in page


def test_the_dashboard_compares_countries_on_a_dimension_filtered_like_the_list(client, db, assessed):
    page = body(client.get("/dashboard/?assessment_dimension=capdev-example-digital-government:mindsets"))
    assert "Countries compared on an assessed dimension" in page and 'id="chart-assessment-comparison"' in page
    data = json.loads(page.split('id="chart-assessment-comparison-data" type="application/json">')[1].split("<")[0])
    assert data["labels"] == ["Saint Lucia"] and data["series"][0]["values"] == [3.0]
    # Filtered to projects none of which serves Saint Lucia: no country left.
    page = body(client.get("/dashboard/?country=MLI&assessment_dimension=capdev-example-digital-government:mindsets"))
    assert "No country with an assessment on this dimension matches these filters" in page
    rows = list(csv.reader(io.StringIO(body(client.get(
        "/assessments/compare.csv?assessment_dimension=capdev-example-digital-government:data")).lstrip("\ufeff"))))
    assert rows[1] == ["LCA", "Saint Lucia", "capdev-example-digital-government", "data", "2", "2026-03", "peer",
                       "1", "2023-11", "+1"]
    assert len(rows) == 2
    # A sort is no filter: every country, the first dimension offered.
    page = client.get("/dashboard/?sort=title")
    assert page.status_code == 200 and "Every country with a national assessment" in body(page)


def test_the_comparison_shows_the_previous_score_and_the_change_with_scores_as_written(client, db, assessed):
    DimensionScore.objects.filter(assessment=assessed["since"], dimension__code="services").update(score="2.5")
    page = body(client.get("/dashboard/?assessment_dimension=capdev-example-digital-government:services"))
    table = page.split('class="compare-table"')[1].split("</table>")[0]
    row = re.sub(r"<[^>]+>", " ", table.split("Saint Lucia")[1].split("</tr>")[0])
    assert re.findall(r"[+−]?\d[\d.-]*", row) == ["2.5", "2026-03", "2", "2023-11", "+0.5"]
    chart = page.split('id="chart-assessment-comparison"')[1]
    chart_table = chart.split('class="chart-table"')[1].split("</table>")[0]
    assert '<td class="num">2.5</td>' in chart_table and "2.50" not in chart_table
    rows = list(csv.reader(io.StringIO(body(client.get(
        "/assessments/compare.csv?assessment_dimension=capdev-example-digital-government:services"))
        .lstrip("\ufeff"))))
    assert rows[0][-3:] == ["Previous score", "Previous assessment date", "Change"]
    assert rows[1][4:] == ["2.5", "2026-03", "peer", "2", "2023-11", "+0.5"]


@pytest.mark.parametrize("query, named", [
    ("assessment_dimension=nonsense:nothing", "assessment_dimension"),  # no such dimension
    ("assessment_dimension=%C2%B2", "assessment_dimension"),  # not even its form
    ("assessment_dimension=capdev-example-digital-government:data&start_year_min=abc", "start_year_min"),
    ("assessment_dimension=capdev-example-digital-government:data&country=XXX", "country"),
])
def test_the_comparison_refuses_a_bad_parameter_naming_it(client, db, assessed, query, named):
    """As every page: a bad value is a 400 that names the parameter, never a comparison that left it out."""
    for url in (f"/dashboard/?{query}", f"/assessments/compare.csv?{query}"):
        response = client.get(url)
        text = b"".join(response.streaming_content) if response.streaming else response.content
        assert response.status_code == 400 and named in text.decode(), url


def _public_channels(client, assessed) -> dict[str, str]:
    """Every public channel's text for the anonymous client."""
    internal, draft = assessed["internal"], assessed["draft"]
    out = {
        "list": body(client.get("/assessments/")),
        "list search": body(client.get(f"/assessments/?q={SECRET}")),
        "list search draft": body(client.get(f"/assessments/?q={DRAFT_WORD}")),
        "country page": body(client.get("/countries/BRB/")),
        "draft country page": body(client.get("/countries/BHS/")),
        "project page": body(client.get(f"/projects/{assessed['project'].pk}/")),
        "dashboard": body(client.get("/dashboard/?assessment_dimension=capdev-example-digital-government:data")),
        "compare csv": body(client.get("/assessments/compare.csv?assessment_dimension="
                                       "capdev-example-digital-government:data")),
        "csv": b"".join(client.get("/assessments/?format=csv").streaming_content).decode(),
        "json": body(client.get("/assessments/?format=json")),
        "country csv": b"".join(client.get("/countries/BRB/assessments.csv").streaming_content).decode(),
        "api": body(client.get("/api/assessments/")),
        "api search": body(client.get(f"/api/assessments/?q={SECRET}")),
        "api country": body(client.get("/api/assessments/?country=BRB")),
        "project search": body(client.get(f"/projects/?q={SECRET}")),
        "project api search": body(client.get(f"/api/projects/?q={SECRET}")),
    }
    book = load_workbook(io.BytesIO(b"".join(client.get("/assessments/?format=xlsx").streaming_content)))
    out["xlsx"] = "\n".join(str(c) for ws in book.worksheets for row in ws.iter_rows(values_only=True) for c in row)
    for name, obj in (("internal", internal), ("draft", draft)):
        out[f"{name} detail status"] = str(client.get(f"/assessments/{obj.pk}/").status_code)
        out[f"{name} api detail status"] = str(client.get(f"/api/assessments/{obj.pk}/").status_code)
    return out


SEARCHES = ("list search", "list search draft", "api search", "project search", "project api search")


def test_an_internal_or_draft_assessment_reaches_no_public_channel(client, db, assessed):
    channels = _public_channels(client, assessed)
    # Searches echo the words searched for: what they found is counted instead.
    assert "0 assessments" in channels["list search"] and "0 assessments" in channels["list search draft"]
    assert json.loads(channels["api search"])["count"] == 0
    assert json.loads(channels["project api search"])["count"] == 0
    assert '<li class="result">' not in channels["project search"] and ">0 projects<" in channels["project search"]
    for name, text in channels.items():
        if name in SEARCHES:
            continue
        if name.endswith("status"):
            assert text == "404", name
            continue
        for leak in (SECRET, DRAFT_WORD, "Internal review", "Draft self-assessment"):
            assert leak not in text, f"{leak!r} reached the public through the {name}"
    assert "Barbados" not in channels["list"] and "Bahamas" not in channels["list"]
    assert "Capability assessments" not in channels["country page"]  # no panel at all for Barbados
    assert "Capability assessments" not in channels["draft country page"]
    assert "BRB" not in channels["csv"] and "BRB" not in channels["api country"].split('"results"')[1]
    assert json.loads(channels["api country"])["count"] == 0
    # The published, public ones do reach them.
    assert "Saint Lucia" in channels["list"] and "LCA" in channels["csv"] and "Baseline" in channels["xlsx"]


def test_staff_see_internal_and_draft_assessments_marked(reviewer_client, db, assessed):
    page = body(reviewer_client.get("/countries/BRB/"))
    assert "Internal review" not in page and "internal" in page  # the panel, with the badge
    listing = body(reviewer_client.get(f"/assessments/?q={SECRET}"))
    assert "Barbados" in listing and "internal" in listing
    api = json.loads(body(reviewer_client.get("/api/assessments/?country=BRB")))
    assert api["count"] == 1 and api["results"][0]["internal"] is True
    rows = list(csv.reader(io.StringIO(b"".join(reviewer_client.get("/assessments/?format=csv&country=BHS")
                                                  .streaming_content).decode().lstrip("\ufeff"))))
    assert rows[0][-2:] == ["state", "internal"] and rows[1][-2:] == ["draft", "false"]


def test_the_country_page_reads_a_fixed_number_of_queries(client, db, assessed, django_assert_max_num_queries):
    client.get("/countries/LCA/")  # warm the in-memory index
    with django_assert_max_num_queries(40) as first:
        client.get("/countries/LCA/")
    framework = assessed["before"].framework
    for year in (2019, 2020, 2021):
        extra = Assessment.objects.create(framework=framework, country_id="LCA", date=f"{year}-01-01",
                                          date_precision="year", assessor_type="external",
                                          state=AssessmentState.PUBLISHED)
        for code in ("strategy", "data", "mindsets"):
            score(extra, code, 2)
    with django_assert_max_num_queries(len(first.captured_queries)):
        page = body(client.get("/countries/LCA/"))
    assert "5 assessments" in page


def test_the_api_lists_frameworks_and_assessments_with_scores(client, db, assessed):
    frameworks = json.loads(body(client.get("/api/assessment-frameworks/")))
    example = frameworks["results"][0]
    assert example["is_example"] and [d["code"] for d in example["dimensions"]][:2] == ["strategy", "institutions"]
    assert example["levels"][0] == {"value": 1, "label": "Initial",
                                    "description": "Little or nothing in place; efforts depend on individuals."}
    data = json.loads(body(client.get("/api/assessments/?country=LCA")))
    assert data["count"] == 2
    latest = data["results"][0]
    assert latest["date"] == "2026-03" and latest["assessor_type"] == "peer" and "internal" not in latest
    assert {s["dimension"]: s["score"] for s in latest["scores"]}["mindsets"] == "3.000"
    assert latest["links"][0]["project"] == assessed["project"].pk



@pytest.mark.parametrize("query, named", [
    ("year_min=abc", "year_min"), ("year_max=3000", "year_max"), ("country=XXX", "country"),
    ("framework=no-such-framework", "framework"), ("assessor_type=robot", "assessor_type"),
    ("q=" + "x" * 300, "q"),
])
def test_the_list_its_exports_and_the_api_refuse_a_bad_filter_naming_it(client, db, assessed, query, named):
    """The list's FilterSet reads each parameter by its definition (capdev.core.fields): a 400 that names it,
    in the page, the CSV, the JSON and the API alike, instead of a list that left the filter out."""
    for url in (f"/assessments/?{query}", f"/assessments/?format=csv&{query}", f"/assessments/?format=json&{query}",
                f"/api/assessments/?{query}"):
        response = client.get(url)
        text = b"".join(response.streaming_content) if response.streaming else response.content
        assert response.status_code == 400 and named in text.decode(), url
    assert client.get("/assessments/?country=lca&framework=capdev-example-digital-government&year_min=2023"
                      ).status_code == 200
