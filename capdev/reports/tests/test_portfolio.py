"""The portfolio report of a filtered project list: the dashboard's numbers, the list's projects and nothing
the requester may not see, a page per project, a limit refused with a message; the reports for donors."""
from __future__ import annotations

import pytest
from django.test import override_settings
from django.urls import reverse

from capdev.portal.charts import format_value
from capdev.portal.views import CHARTS
from capdev.projects.models import Project, ReviewState

from .conftest import read_pdf

pytestmark = pytest.mark.django_db

LIST = "/projects/"


def dashboard(client, query: str = ""):
    response = client.get(reverse("portal:dashboard") + (f"?{query}" if query else ""))
    assert response.status_code == 200
    return response.context


def report(client, query: str = ""):
    return read_pdf(client.get(f"{LIST}?{query}{'&' if query else ''}format=pdf"))


@pytest.mark.parametrize("query", ["", "funding=XBTC", "unit=PACB&start_year_min=2009"])
def test_the_reports_numbers_are_the_dashboards(portfolio, client, db, query):
    figures = dashboard(client, query)
    pdf = report(client, query)
    text = pdf.flat
    totals = figures["totals"]
    assert f"Projects {totals.projects}" in text
    for currency, amount in figures["budget_lines"]:
        assert f"Budget ({currency}) {format_value(amount)}" in text
    assert f"Countries served {totals.countries}" in text
    assert f"Activities {totals.activities}" in text
    checked = 0
    for chart_id in CHARTS:
        chart = figures["charts"][chart_id]
        if chart.is_empty:
            continue
        for row in chart.rows:
            line = " ".join([str(row["label"]), *row["values"]])
            assert line in text, (chart_id, line)
            checked += 1
    for row in figures["world"].rows:
        assert " ".join([row["name"], row["projects"]]) in text
    assert checked > 5


def test_a_page_per_project_after_the_summary(portfolio, client, db):
    projects = Project.objects.published().filter(funding_source__code="XBTC").order_by("pk")
    assert projects.count() >= 2
    pdf = report(client, "funding=XBTC")
    bodies = ["\n".join(line for line in page.splitlines() if not line.startswith("Generated on")).lstrip()
              for page in pdf.pages]
    starts = {i for i, body in enumerate(bodies) for p in projects if body.startswith(" ".join(p.title.split()[:4]))}
    assert len(starts) == projects.count()  # each project's page begins with its title
    assert min(starts) >= 1  # after the totals, charts and table
    assert len(pdf) >= projects.count() + 1
    others = Project.objects.published().exclude(funding_source__code="XBTC")
    for p in others:
        assert p.title not in pdf.flat


def test_the_public_report_has_no_draft(portfolio, client, db, django_user_model):
    draft = Project.objects.published().order_by("pk").first()
    draft.review_state = ReviewState.DRAFT
    draft.save()  # through the model: the list's index follows
    text = report(client).flat
    assert draft.title not in text
    assert f"Projects {Project.objects.published().count()}" in text
    assert "unpublished projects may be included" not in text


def test_staff_reports_say_they_may_hold_drafts(portfolio, client, db, django_user_model):
    from capdev.accounts.roles import PORTFOLIO_ADMIN, assign_role

    draft = Project.objects.published().order_by("pk").first()
    draft.review_state = ReviewState.DRAFT
    draft.save()  # through the model: the list's index follows
    admin = django_user_model.objects.create_user("report-admin", password="unused in tests 123")
    assign_role(admin, PORTFOLIO_ADMIN)
    client.force_login(admin)
    response = client.get(f"{LIST}?format=pdf")
    text = read_pdf(response).flat
    assert draft.title in text and "unpublished projects may be included" in text
    assert "no-store" in response["Cache-Control"]


def test_too_many_projects_is_refused_with_a_message(portfolio, client, db):
    with override_settings(CAPDEV_REPORT_MAX_PROJECTS=3):
        response = client.get(f"{LIST}?format=pdf")
        assert response.status_code == 400
        body = response.content.decode()
        assert "format=pdf" in body and "10 projects" in body and "at most 3" in body
        assert "format=csv" in body  # the way to the same rows
        assert client.get(f"{LIST}?unit=EGB&format=pdf").status_code == 200  # narrowed: within the limit


def test_the_list_offers_the_report(portfolio, client, db):
    page = client.get(f"{LIST}?funding=XBTC").content.decode()
    assert 'href="/projects/?funding=XBTC&amp;format=pdf"' in page
    assert "Portfolio report (PDF)" in page


def test_reports_for_donors_per_funding_source_and_year(portfolio, client, db):
    page = client.get(reverse("reports:donors"))
    assert page.status_code == 200
    rows = {row["code"]: row for row in page.context["rows"]}
    xbtc = Project.objects.published().filter(funding_source__code="XBTC")
    assert rows["XBTC"]["total"] == xbtc.count()
    year = rows["XBTC"]["years"][0]
    assert year["count"] == xbtc.filter(start_date__year=year["year"]).count()
    pdf = read_pdf(client.get(year["url"]))
    assert f"Projects {year['count']}" in pdf.flat
    assert f"Starting from: {year['year']}" in pdf.flat


@pytest.mark.parametrize("query", ["", "country=LCA"])
def test_participants_reached_are_the_dashboards_with_the_attendance_lists(portfolio, client, db, query, settings):
    """The dashboard counts an activity from its attendance list where it has one; the report did not (396 for
    the dashboard's 401), and said "–" while the figures were being counted in the background."""
    from capdev.people.tests.conftest import crowd

    settings.CAPDEV_PEOPLE_BACKGROUND = True  # as in production: the report must not say "being counted"
    caribbean = Project.objects.get(lead_unit__code="DPIDG", draft_of__isnull=True)
    workshop = caribbean.activities.filter(recalled=False, participants__isnull=True).first() or \
        caribbean.activities.filter(recalled=False).first()
    crowd(workshop, 6, 5, country_id="LCA")  # 11 people on one list
    pdf = report(client, query)
    settings.CAPDEV_PEOPLE_BACKGROUND = False
    shown = dashboard(client, query)["people"]["total"]
    assert f"Participants reached {shown}" in pdf.flat, (str(shown), pdf.flat[:600])


def test_a_chart_and_its_table_are_on_one_page(portfolio, client, db):
    figures = dashboard(client)
    pdf = report(client)
    checked = 0
    for chart_id in CHARTS:
        chart = figures["charts"][chart_id]
        if chart.is_empty:
            continue
        first = " ".join([str(chart.rows[0]["label"]), *chart.rows[0]["values"]])
        pages = [i for i, page in enumerate(pdf.pages) if str(chart.title) in " ".join(page.split())]
        assert pages, chart.title
        assert first in " ".join(pdf.pages[pages[0]].split()), (chart.title, pages)
        checked += 1
    assert checked > 5


def test_the_donor_pages_limit_is_written_as_the_language_writes_numbers(portfolio, client, db):
    from django.utils import translation
    from django.utils.formats import number_format

    with translation.override("fr"):
        page = client.get(reverse("reports:donors")).content.decode()
        limit = number_format(1000, force_grouping=True)
    assert limit != "1000" and limit in page
