"""Activities a record recalls from before its project began (Activity.recalled) are kept and shown, never counted:
one rule, Activity.objects.counted(), in the dashboard's totals, years and countries (SQL and in-memory index
alike), the activity-type facet and filter, the country and partner pages, the API's activity list and count; the
project page shows them under their own heading; exports and the record shape carry the mark; the migration marks
those already imported."""
from __future__ import annotations

import datetime as dt
import importlib

import pytest
from django.apps import apps as django_apps
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.http import QueryDict
from django.test import RequestFactory
from django.urls import reverse

from capdev.activities.models import Activity, ActivityType
from capdev.portal import aggregates as agg
from capdev.portal import indexed
from capdev.portal.views import filtered_projects
from capdev.projects.models import Project, ReviewState
from capdev.projects.records import project_record, with_record_data
from capdev.reference.models import Country, Region

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    """Two published projects: the Forum's (from September 2010) with a workshop of its own in Barbados (40 people)
    and the 2006 meeting in Togo it recalls (300 people); another with a webinar in Saint Lucia (10 people)."""
    americas = Region.objects.create(code="019", name="Americas", kind=Region.Kind.REGION, m49="019")
    africa = Region.objects.create(code="002", name="Africa", kind=Region.Kind.REGION, m49="002")
    for iso3, iso2, name, region in (("BRB", "BB", "Barbados", americas), ("LCA", "LC", "Saint Lucia", americas),
                                     ("TGO", "TG", "Togo", africa)):
        Country.objects.create(iso3=iso3, iso2=iso2, name=name, region=region)
    forum = Project.objects.create(title="Forum secretariat", review_state=ReviewState.PUBLISHED,
                                   start_date=dt.date(2010, 9, 1), start_precision="month")
    other = Project.objects.create(title="Innovation labs", review_state=ReviewState.PUBLISHED,
                                   start_date=dt.date(2011, 1, 1), start_precision="year")
    own = Activity.objects.create(project=forum, position=0, type=ActivityType.WORKSHOP, title="Workshop",
                                  country_id="BRB", participants=40, start_date=dt.date(2010, 10, 1),
                                  start_precision="month")
    history = Activity.objects.create(project=forum, position=1, type=ActivityType.CONFERENCE, title="Athens meeting",
                                      country_id="TGO", participants=300, start_date=dt.date(2006, 10, 30),
                                      start_precision="day", recalled=True)
    webinar = Activity.objects.create(project=other, position=0, type=ActivityType.WEBINAR, title="Webinar",
                                      country_id="LCA", participants=10, start_date=dt.date(2011, 3, 1),
                                      start_precision="month", online=True)
    return {"forum": forum, "other": other, "own": own, "history": history, "webinar": webinar}


def test_counted_leaves_recalled_history_out(world):
    assert set(Activity.objects.counted()) == {world["own"], world["webinar"]}
    assert Activity.objects.count() == 3  # kept


@pytest.mark.parametrize("use_index", [True, False], ids=["index", "sql"])
def test_dashboard_numbers_leave_recalled_history_out(world, settings, use_index, index_check):
    settings.CAPDEV_FACET_INDEX = use_index
    index_check.enabled = False
    request = RequestFactory().get("/dashboard/")
    request.user = AnonymousUser()
    source = filtered_projects(request, QueryDict())
    if use_index:
        assert isinstance(source, agg.Indexed)
        totals = indexed.portfolio_totals(source.query)
        years, undated = indexed.activities_per_year(source.query)
        places = indexed.activities_per_country(source.query)
    else:
        qs = source.qs if isinstance(source, agg.Indexed) else source
        totals = agg.portfolio_totals(qs)
        years, undated = agg.activities_per_year(qs)
        places = agg.activities_per_country(qs)
    assert (totals.activities, totals.participants, totals.activities_with_participants) == (2, 50, 2)
    assert [(y.year, y.activities) for y in years] == [(2010, 1), (2011, 1)]
    assert undated == 0
    assert set(places) == {"BRB", "LCA"}


@pytest.mark.parametrize("use_index", [True, False], ids=["index", "sql"])
def test_activity_type_facet_and_filter_leave_recalled_history_out(world, client, settings, use_index, index_check):
    settings.CAPDEV_FACET_INDEX = use_index
    index_check.enabled = False
    body = client.get("/projects/", {"activity_type": "conference", "format": "json"}).json()
    assert body["count"] == 0  # the Forum's only conference is its history
    body = client.get("/projects/", {"activity_type": "workshop", "format": "json"}).json()
    assert [p["title"] for p in body["results"]] == ["Forum secretariat"]


def test_country_page_lists_no_recalled_activity(world, client):
    page = client.get(reverse("reference:country_detail", args=["TGO"])).content.decode()
    assert "Athens meeting" not in page
    assert "Workshop" in client.get(reverse("reference:country_detail", args=["BRB"])).content.decode()


@pytest.mark.parametrize("use_index", [True, False], ids=["index", "sql"])
def test_api_activity_list_and_count_leave_recalled_history_out_but_it_is_read_by_id(world, client, settings,
                                                                                      use_index, index_check):
    settings.CAPDEV_FACET_INDEX = use_index
    assert index_check.enabled  # the index's count is checked against SQL's
    body = client.get("/api/activities/").json()
    assert body["count"] == 2 and {a["title"] for a in body["results"]} == {"Workshop", "Webinar"}
    detail = client.get(f"/api/activities/{world['history'].pk}/").json()
    assert detail["recalled"] is True and detail["title"] == "Athens meeting"


def test_project_page_shows_recalled_history_under_its_own_heading(world, client):
    page = client.get(reverse("projects:detail", args=[world["forum"].pk])).content.decode()
    history = page.index("Before the project")
    assert page.index("Workshop") < history < page.index("Athens meeting")


def test_record_shape_and_export_carry_the_mark(world):
    forum = with_record_data(Project.objects.filter(pk=world["forum"].pk)).get()
    record = project_record(forum)
    assert [(e.title, e.recalled) for e in record.activities] == [("Workshop", False), ("Athens meeting", True)]
    assert [a["recalled"] for a in record.to_json()["activities"]] == [False, True]
    from capdev.projects.exports import SHEETS, WORKBOOK_PREFETCH, workbook_rows

    rows = workbook_rows(Project.objects.filter(pk=forum.pk).prefetch_related(*WORKBOOK_PREFETCH))["activities"]
    column = SHEETS["activities"].index("recalled")
    assert [(r[3], r[column]) for r in rows] == [("Workshop", False), ("Athens meeting", True)]


def test_migration_marks_what_ended_before_its_project_began(world):
    migration = importlib.import_module("capdev.activities.migrations.0002_activity_recalled")
    Activity.objects.update(recalled=False)
    same_year = Activity.objects.create(project=world["forum"], position=2, type=ActivityType.WORKSHOP,
                                        title="Sometime in 2010", start_date=dt.date(2010, 1, 1),
                                        start_precision="year")  # might be after September 2010: not history
    ended_before = Activity.objects.create(project=world["forum"], position=3, type=ActivityType.STUDY, title="Study",
                                           start_date=dt.date(2009, 1, 1), start_precision="month",
                                           end_date=dt.date(2010, 8, 31), end_precision="day")

    class Editor:
        pass

    editor = Editor()
    editor.connection = connection
    migration.mark_recalled(django_apps, editor)
    marked = set(Activity.objects.filter(recalled=True).values_list("title", flat=True))
    assert marked == {"Athens meeting", "Study"}
    assert same_year.title not in marked and ended_before.title in marked
