"""People reached counted right on every page that shows them, in the API and the exports: unique people,
attendances and person-days by sex, country, institution type and seniority; second-generation reach."""
from __future__ import annotations

import csv
import io

import openpyxl
import pytest
from django.test import Client

from capdev.people import aggregates as agg
from capdev.people.models import Attendance, Institution, Person

from .conftest import attend, crowd

pytestmark = pytest.mark.django_db


def test_unique_people_attendances_and_person_days(caribbean, workshop, tot):
    ministry = Institution.objects.create(name="Ministry of Finance", type="ministry", country_id="LCA")
    people = crowd(workshop, 3, 2, days=2, country_id="LCA", institution=ministry, seniority="senior")
    for person in people[:3]:  # three of them at the training of trainers too
        a = Attendance(person=person, role="participant", days=4, state="published")
        a.attach(tot)
        a.save()
    attend(workshop, ("Speaker One", "female"), role="speaker")
    reach = agg.project_reach(caribbean, include_pending=False)
    assert (reach.people, reach.attendances, reach.person_days, reach.contributors) == (5, 8, 22, 1)
    assert reach.activities_with_lists == 2
    cells = {d: {c.key: (c.people, c.attendances) for c in cells} for d, cells in reach.breakdowns.items()}
    assert cells["sex"] == {"female": (3, 6), "male": (2, 2)}
    assert cells["institution_type"] == {"ministry": (5, 8)} and cells["seniority"] == {"senior": (5, 8)}
    assert cells["country"] == {"LCA": (5, 8)}


def test_the_public_counts_published_lists_of_published_projects(caribbean, workshop):
    crowd(workshop, 5, 5)
    crowd(workshop, 3, 0, state="pending")
    assert agg.project_reach(caribbean, include_pending=False).people == 10
    assert agg.project_reach(caribbean, include_pending=True).people == 13
    caribbean.review_state = "in_review"
    caribbean.save()
    assert agg.project_reach(caribbean, include_pending=False).people == 0


def test_participant_numbers_from_the_list_else_as_recorded(caribbean, workshop, tot, client):
    crowd(workshop, 4, 3)
    numbers = agg.participant_numbers([workshop, tot], include_pending=False)
    # 7 on the list where 52 were recorded: a partial list, the record's number stays (finding 13).
    assert (numbers[workshop.pk].count, numbers[workshop.pk].from_list, numbers[workshop.pk].listed) == (52, False, 7)
    crowd(workshop, 10, 10)
    numbers = agg.participant_numbers([workshop, tot], include_pending=False)
    assert (numbers[workshop.pk].count, numbers[workshop.pk].from_list) == (27, True)
    assert (numbers[tot.pk].count, numbers[tot.pk].from_list) == (tot.participants, False)
    html = client.get(f"/activities/{workshop.pk}/").content.decode()
    assert "27 (from the attendance list)" in html and "The record said 52" in html
    regional = caribbean.activities.get(title__startswith="The Future of Governance")
    html = client.get(f"/activities/{regional.pk}/").content.decode()
    assert "64 (as recorded)" in html


def test_second_generation_reach(caribbean, tot, staff):
    from capdev.activities.models import Activity
    from capdev.narrative.types import PartialDate

    trainers = crowd(tot, 2, 1)
    cascade = Activity(project=caribbean, type="workshop", title="Cascade training", country_id="BRB")
    cascade.start = PartialDate(2026, 2, 1)
    cascade.save()
    for t in trainers:
        a = Attendance(person=t, role="trainer", state="published",
                       trained_at=Attendance.objects.get(person=t, activity=tot))
        a.attach(cascade)
        a.save()
    crowd(cascade, 6, 4)
    second = agg.second_generation(caribbean, include_pending=False)
    assert second.people == 10 and agg.trainers_trained(caribbean, include_pending=False) == 3
    page = Client().get(f"/projects/{caribbean.pk}/")
    assert page.context["people"]["second"].people.json == 10 and "Second generation" in page.content.decode()


def test_country_page_people_from_the_country_and_held_there(caribbean, workshop, tot, client):
    crowd(workshop, 4, 3, country_id="LCA")   # held in Saint Lucia, people from Saint Lucia
    crowd(tot, 5, 0, country_id="LCA")        # held in Barbados, people from Saint Lucia
    page = client.get("/countries/LCA/")
    people = page.context["people"]
    assert people["from_country"].people.json == 12 and people["held_there"].people.json == 7
    assert "People from Saint Lucia" in page.content.decode()


def test_dashboard_people_for_the_list_s_filters(caribbean, workshop, other_project, client):
    type(workshop).objects.filter(pk=workshop.pk).update(participants=12)  # the list is the whole of it
    crowd(workshop, 6, 6)
    activity = other_project.activities.first() or other_project.activities.create(type="workshop", title="W")
    crowd(activity, 2, 3)
    everyone = client.get("/dashboard/").context["people"]
    assert everyone["reach"].people.json == 17
    caribbean_only = client.get("/dashboard/", {"unit": "DPIDG"}).context["people"]
    assert caribbean_only["reach"].people.json == 12
    assert caribbean_only["participation"].from_lists == 12 and caribbean_only["participation"].recorded > 0


def test_the_api_and_exports_filter_like_the_project_list(caribbean, workshop, other_project, client, staff):
    crowd(workshop, 6, 5)
    activity = other_project.activities.first() or other_project.activities.create(type="workshop", title="W")
    crowd(activity, 2, 1)
    whole = client.get("/api/people-reached/").json()
    assert whole["reach"]["people"] == 14 and whole["exact"] is False
    dpidg = client.get("/api/people-reached/", {"unit": "DPIDG"}).json()
    assert dpidg["reach"]["people"] == 11
    assert {c["key"]: c["people"] for c in dpidg["reach"]["breakdowns"]["sex"]} == {"female": 6, "male": 5}
    small = client.get("/api/people-reached/", {"project": other_project.pk}).json()
    assert small["reach"]["people"] is None and small["reach"]["suppressed"]["people"]
    assert client.get("/api/people-reached/", {"sdg": "x", "start_year_min": "abc"}).status_code == 400
    rows = list(csv.DictReader(io.StringIO(b"".join(client.get("/people/reached/", {"format": "csv"})
                                                    .streaming_content).decode("utf-8-sig"))))
    by_project = {int(r["project_id"]): r for r in rows}
    assert by_project[caribbean.pk]["people"] == "11" and by_project[other_project.pk]["people"] == "<5"
    assert by_project[caribbean.pk]["sex_female"] == "6"
    book = openpyxl.load_workbook(io.BytesIO(b"".join(client.get("/people/reached/", {"format": "xlsx"})
                                                      .streaming_content)))
    assert {"people reached", "Sex", "Country"} <= set(book.sheetnames)
    filtered = client.get("/people/reached/", {"format": "json", "unit": "DPIDG"}).json()
    assert [r["project_id"] for r in filtered["results"]] == [caribbean.pk]
    admin = Client()
    admin.force_login(staff["admin"])
    assert admin.get("/api/people-reached/", {"project": other_project.pk}).json()["reach"]["people"] == 3


def test_the_people_api_for_those_who_may_see_them(caribbean, workshop, other_project, staff):
    mine = crowd(workshop, 1, 1)
    activity = other_project.activities.first() or other_project.activities.create(type="workshop", title="W")
    theirs = crowd(activity, 1, 0)
    editor = Client()
    editor.force_login(staff["editor"])
    listed = {p["id"] for p in editor.get("/api/people/").json()["results"]}
    assert listed == {p.pk for p in mine}
    assert editor.get(f"/api/people/{theirs[0].pk}/").status_code == 404
    assert editor.get("/api/attendance/", {"project": other_project.pk}).json()["count"] == 0
    admin = Client()
    admin.force_login(staff["admin"])
    assert admin.get("/api/people/").json()["count"] == Person.objects.count()
    assert editor.get("/api/people/", {"sex": "female"}).json()["count"] == 1


def test_an_activity_moved_to_another_project_takes_its_list(caribbean, workshop, other_project):
    crowd(workshop, 3, 3)
    workshop.project = other_project
    workshop.save()
    assert agg.project_reach(caribbean, include_pending=False).people == 0
    assert agg.project_reach(other_project, include_pending=False).people == 6


def test_portfolio_figures_answer_the_old_count_while_the_new_one_is_counted(caribbean, workshop, settings,
                                                                             monkeypatch):
    from django.core.cache import cache

    from capdev.projects.models import Project

    cache.clear()  # figures other tests left, of other versions
    crowd(workshop, 5, 5)
    published = Project.objects.published()
    assert agg.projects_reach(published, include_pending=False, key="all").people == 10
    crowd(workshop, 3, 3)  # the portfolio moves on, in a later transaction:
    from capdev.projects import index_version

    index_version.bump()  # (one transaction marks a project once: the test's marked it already)
    settings.CAPDEV_PEOPLE_BACKGROUND = True
    started = []
    monkeypatch.setattr(agg, "refresh_in_background", lambda name, version, compute, language=None: started.append(
        (name, version, compute)))
    stale = agg.projects_reach(published, include_pending=False, key="all")
    assert stale.stale and stale.people == 10 and len(started) == 1
    name, version, compute = started[0]
    cache.set(name, (version, compute()), agg.CACHE_SECONDS)  # what the thread does
    fresh = agg.projects_reach(published, include_pending=False, key="all")
    assert not fresh.stale and fresh.people == 16
    assert "being counted again" not in Client().get("/dashboard/").content.decode()


def test_lists_of_activities_recalled_as_history_are_kept_not_counted(caribbean, workshop, tot, client):
    """Activity.objects.counted()'s rule: a list on an activity recalled from before the project shows on the
    activity's own page, and counts in no total (project, dashboard, participation, public or staff)."""
    from capdev.projects.models import Project

    workshop.participants = 6  # the list counts (not a partial one)
    workshop.save()
    crowd(workshop, 3, 3)
    crowd(tot, 2, 3)
    published = Project.objects.published()
    recorded = agg.participation(published, include_pending=False).recorded
    workshop.recalled = True
    workshop.save()
    assert Attendance.objects.filter(activity=workshop, public=True).count() == 0
    for exact in (False, True):
        assert agg.project_reach(caribbean, include_pending=exact).people == 5
        assert agg.projects_reach(published, include_pending=exact).people == 5
    participation = agg.participation(published, include_pending=False)
    assert (participation.from_lists, participation.activities_with_lists) == (5, 1)
    assert participation.recorded == recorded  # its recorded number no longer counted either...
    assert agg.activity_reach(workshop, include_pending=False).people == 6  # ...its own page still shows its list
    assert agg.participant_numbers([workshop], include_pending=False)[workshop.pk].count == 6
    assert "6 (from the attendance list)" in client.get(f"/activities/{workshop.pk}/").content.decode()
    workshop.recalled = False
    workshop.save()
    assert agg.project_reach(caribbean, include_pending=False).people == 11
    assert Attendance.objects.filter(activity=workshop, public=True).count() == 6


def test_a_project_published_by_an_iati_import_counts_its_lists(portfolio, db, tmp_path):
    """The IATI importer writes projects in bulk (no save signal): the lists of one it publishes count."""
    from capdev.activities.models import Activity
    from capdev.iati.importer import IatiImporter
    from capdev.iati.tests._helpers import FILES
    from capdev.projects.models import Project

    good = FILES / "good_activity.xml"
    IatiImporter().import_file(good)  # in review
    project = Project.objects.get(iati_identifier="XM-DAC-41127-GOOD-1", draft_of__isnull=True)
    activity = Activity.objects.create(project=project, type="workshop", title="Digital skills workshop")
    crowd(activity, 3, 3)
    assert agg.project_reach(project, include_pending=False).people == 0
    changed = tmp_path / "changed.xml"
    changed.write_bytes(good.read_bytes().replace(b'percentage="60"', b'percentage="70"')
                        .replace(b'percentage="40"', b'percentage="30"'))
    result = IatiImporter(publish=True).import_file(changed)
    assert result.updated == 1
    assert agg.project_reach(project, include_pending=False).people == 6


def test_a_figure_not_counted_yet_is_being_counted_and_the_page_says_so(caribbean, workshop, settings, monkeypatch,
                                                                       client):
    """No visitor waits for a portfolio-wide count: the dashboard answers at once, saying it is being counted."""
    from django.core.cache import cache

    cache.clear()
    crowd(workshop, 5, 5)
    settings.CAPDEV_PEOPLE_BACKGROUND = True
    started = []
    monkeypatch.setattr(agg, "refresh_in_background", lambda name, version, compute,
                        language=None: started.append(name))
    page = client.get("/dashboard/")
    assert page.context["people"]["reach"].counting and "being counted" in page.content.decode()
    assert "Woman 0" not in page.content.decode() and len(started) == 2  # the reach and the participation
    country = client.get("/countries/LCA/").content.decode()
    assert "being counted" in country
    api = client.get("/api/people-reached/", {"unit": "DPIDG"}).json()
    assert api["counting"] is True and api["reach"]["people"] is None and api["participants"] is None


def test_a_figure_is_counted_again_at_most_once_per_interval(settings):
    import time

    from django.core.cache import cache

    settings.CAPDEV_PEOPLE_REFRESH_SECONDS = 3600
    cache.clear()
    counted = []

    def compute():
        counted.append(1)
        return len(counted)

    def wait_for(value):
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and (cache.get("capdev-people:test") or (None, None))[1] != value:
            time.sleep(0.01)
        return (cache.get("capdev-people:test") or (None, None))[1]

    agg.refresh_in_background("capdev-people:test", "v1", compute)
    assert wait_for(1) == 1
    agg.refresh_in_background("capdev-people:test", "v2", compute)  # within the interval: not again
    time.sleep(0.2)
    assert counted == [1] and cache.get("capdev-people:test")[0] == "v1"
    settings.CAPDEV_PEOPLE_REFRESH_SECONDS = 0
    agg.refresh_in_background("capdev-people:test", "v3", compute)
    assert wait_for(2) == 2 and cache.get("capdev-people:test")[0] == "v3"


def test_the_per_project_export_is_bounded_and_says_why(caribbean, workshop, settings, client):
    from capdev.projects.models import Project

    crowd(workshop, 5, 5)
    settings.CAPDEV_PEOPLE_EXPORT_MAX_PROJECTS = 1
    response = client.get("/people/reached/", {"format": "csv"})
    n = Project.objects.published().count()
    assert response.status_code == 400 and f"select {n} projects" in response.content.decode()
    assert "narrow the selection" in response.content.decode()
    settings.CAPDEV_PEOPLE_EXPORT_MAX_PROJECTS = n
    assert client.get("/people/reached/", {"format": "csv"}).status_code == 200


def test_the_export_s_rows_and_totals_agree_with_the_pages(caribbean, workshop, tot, client):
    """The per-project rows (one grouped query) count each person once per project, whatever their activities."""
    people = crowd(workshop, 4, 3, days=2)
    for person in people[:3]:
        a = Attendance(person=person, role="participant", days=1, state="published")
        a.attach(tot)
        a.save()
    crowd(tot, 1, 3)
    data = client.get("/people/reached/", {"format": "json"}).json()
    row = [r for r in data["results"] if r["project_id"] == caribbean.pk][0]
    reach = agg.project_reach(caribbean, include_pending=False)
    assert (row["people"], row["attendances"], row["person_days"]) == (reach.people, reach.attendances, 21) == (
        11, 14, reach.person_days)
    assert row["sex_female"] == 5 and row["sex_male"] == 6
    assert data["totals"]["people"] == 11 and data["totals_counting"] is False


def test_a_bad_project_or_activity_is_a_400_naming_it(caribbean, workshop, client):
    """Finding 14: `?project=abc` answered 200 with the whole portfolio's figures under the caller's filter."""
    crowd(workshop, 6, 5)
    for name, value in [("project", "abc"), ("project", "-3"), ("project", ""), ("activity", "1.5"),
                        ("activity", "9" * 40)]:
        response = client.get("/api/people-reached/", {name: value})
        assert response.status_code == 400, (name, value)
        assert list(response.json()) == [name] and "whole number" in response.json()[name][0]
    assert client.get("/api/people-reached/", {"project": caribbean.pk}).json()["reach"]["people"] == 11
    assert client.get("/api/people-reached/", {"activity": workshop.pk}).json()["reach"]["people"] == 11


def test_the_people_reached_exports_name_each_column_once_and_give_numbers(caribbean, workshop, client):
    """Finding 9: `people_not_stated` was the name of two columns (sex and seniority), and the XLSX's figures
    were text ('54'), which SUM and pivot tables count as 0."""
    crowd(workshop, 6, 5, seniority="senior")
    lines = b"".join(client.get("/people/reached/", {"format": "csv"}).streaming_content).decode("utf-8-sig")
    header = next(csv.reader(io.StringIO(lines)))
    assert len(header) == len(set(header)) and {"sex_not_stated", "seniority_not_stated"} <= set(header)
    book = openpyxl.load_workbook(io.BytesIO(b"".join(client.get("/people/reached/", {"format": "xlsx"})
                                                      .streaming_content)))
    sheet = book.worksheets[0]
    head = [c.value for c in sheet[1]]
    row = dict(zip(head, [c.value for c in sheet[2]]))
    assert row["people"] == 11 and row["sex_female"] == 6 and row["seniority_senior"] == 11
    assert row["sex_another"] == 0 and isinstance(row["attendances"], int)
    sex = book["Sex"]
    assert [[c.value for c in r] for r in sex.iter_rows(min_row=2)][:2] == [
        ["female", "Female", 6, 6, 6], ["male", "Male", 5, 5, 5]]


def test_a_partial_list_does_not_replace_the_recorded_number(caribbean, workshop, tot, client):
    """Finding 13: a list of 3 on an activity that recorded 64 made 61 participants vanish from every total.
    A list counting fewer than half the recorded number is taken to be partial: the record's number counts,
    and the page says both."""
    recorded = workshop.participants
    assert recorded and recorded > 10
    crowd(workshop, 2, 1)
    page = client.get(f"/activities/{workshop.pk}/").content.decode()
    assert f"{recorded} (as recorded: the attendance list counts fewer than 5 of them)" in page
    assert "taken to be partial" in page
    timeline = client.get(f"/projects/{caribbean.pk}/").content.decode()
    assert f"Participants: {recorded} (as recorded: the attendance list counts fewer than 5 of them)" in timeline
    participation = client.get("/dashboard/", {"unit": "DPIDG"}).context["people"]["participation"]
    before = participation.recorded
    assert participation.from_lists == 0  # the partial list is not the workshop's number
    # A list of at least half the record counts: the workshop moves from recorded to listed.
    crowd(workshop, (recorded + 1) // 2, 0)
    listed = (recorded + 1) // 2 + 3
    participation = client.get("/dashboard/", {"unit": "DPIDG"}).context["people"]["participation"]
    assert participation.from_lists == listed and participation.recorded == before - recorded
    assert f"{listed} (from the attendance list)" in client.get(f"/activities/{workshop.pk}/").content.decode()


def test_the_dashboard_gives_one_participant_figure(caribbean, workshop, tot, client):
    """Finding 8: the Totals card summed every recorded number (426) while the people section counted lists
    where they are (297). The card now gives the people section's figure."""
    import re

    crowd(workshop, 20, 20)  # a list of 40 where 52 were recorded: it counts
    crowd(tot, 6, 0)
    for url in ("/dashboard/", "/"):
        response = client.get(url)
        html = response.content.decode()
        card = re.search(r"<dt>Participants reached</dt>\s*<dd class=\"stat\">([^<]*)</dd>", html)
        people = response.context["people"]
        assert card and card.group(1).strip() == str(people["total"]), url
        assert people["participation"].from_lists >= 46
    recorded_everywhere = sum(a.participants or 0 for a in caribbean.activities.all())
    dashboard = client.get("/dashboard/", {"unit": "DPIDG"})
    card = re.search(r"<dt>Participants reached</dt>\s*<dd class=\"stat\">([^<]*)</dd>",
                     dashboard.content.decode()).group(1)
    participation = dashboard.context["people"]["participation"]
    assert card.replace(",", "") == str(participation.total) != str(recorded_everywhere)
    assert f"Participants, activity by activity: {card}" in dashboard.content.decode()


def test_figures_being_counted_fetch_themselves_again_until_counted(caribbean, workshop, settings, monkeypatch,
                                                                   client):
    """Finding 20: "being counted: reload in a moment", and the page never updated itself. While counting, the
    sections ask for the page again every few seconds (htmx) and replace themselves; once counted they stop."""
    import re

    from django.core.cache import cache

    cache.clear()
    crowd(workshop, 5, 5)
    settings.CAPDEV_PEOPLE_BACKGROUND = True
    monkeypatch.setattr(agg, "refresh_in_background", lambda name, version, compute, language=None: None)

    def tag(url, element, ident):
        html = client.get(url).content.decode()
        return re.search(rf'<{element}[^>]*id="{ident}"[^>]*>', html).group(0)

    for url, element, ident in [("/dashboard/?unit=DPIDG", "section", "dashboard-people"),
                                ("/dashboard/?unit=DPIDG", "div", "participants-card"),
                                ("/countries/LCA/", "section", "country-people")]:
        polling = tag(url, element, ident)
        assert "hx-trigger=\"load delay:5s\"" in polling and f'hx-select="#{ident}"' in polling, url
        assert f'hx-get="{url.replace("&", "&amp;")}"' in polling
    settings.CAPDEV_PEOPLE_BACKGROUND = False  # counted: what the next poll gets no longer polls
    cache.clear()
    for url, element, ident in [("/dashboard/?unit=DPIDG", "section", "dashboard-people"),
                                ("/dashboard/?unit=DPIDG", "div", "participants-card"),
                                ("/countries/LCA/", "section", "country-people")]:
        assert "hx-get" not in tag(url, element, ident), url
