"""Networks (the seed's community of practice) and evaluations (survey exports, typed responses, anonymous)."""
from __future__ import annotations

import datetime as dt

import lxml.html
import pytest
from django.test import Client

from capdev.people import network_stats
from capdev.people.models import Evaluation, Membership, Network, NetworkActivity, NetworkProject, Response, Sheet

from .conftest import FILES, crowd
from .test_import import imported

pytestmark = pytest.mark.django_db


@pytest.fixture
def cop(caribbean):
    """The Caribbean Innovation in Government Community of Practice, launched with the February 2024 webinars."""
    network = Network.objects.create(
        name="Caribbean Innovation in Government Community of Practice", slug="caribbean-innovation-cop",
        purpose="Connects institutions and experts, government officials, academics, civil society organizations "
                "and practitioners working in promoting innovation in the public sector.",
        lead_unit=caribbean.lead_unit, started=dt.date(2024, 2, 21), published=True)
    NetworkProject.objects.create(network=network, project=caribbean)
    return network


def test_growth_countries_and_types_of_a_network(cop, workshop, tot):
    lucians = crowd(workshop, 4, 3, country_id="LCA")
    others = crowd(tot, 2, 1, country_id="BRB")
    for person in lucians:
        Membership.objects.create(network=cop, person=person, joined=dt.date(2024, 3, 1))
    for person in others:
        Membership.objects.create(network=cop, person=person, joined=dt.date(2025, 11, 1))
    Membership.objects.filter(person=lucians[0]).update(left=dt.date(2025, 1, 15))
    s = network_stats.stats(cop, today=dt.date(2026, 1, 10))
    assert (s.people, s.members) == (9, 9)
    assert [(y.year, y.members, y.joined, y.left) for y in s.growth] == [(2024, 7, 7, 0), (2025, 9, 3, 1),
                                                                           (2026, 9, 0, 0)]
    assert {c.key: c.people for c in s.countries} == {"LCA": 6, "BRB": 3}


def test_the_public_page_shows_aggregates_and_the_lead_unit_the_members(cop, workshop, staff, client):
    people = crowd(workshop, 4, 3, country_id="LCA")
    for person in people:
        Membership.objects.create(network=cop, person=person, joined=dt.date(2024, 3, 1))
    html = client.get("/networks/caribbean-innovation-cop/").content.decode()
    assert "7" in html and "Saint Lucia" in html and "Woman 0" not in html and "Members by country" in html
    editor = Client()
    editor.force_login(staff["editor"])
    assert "Woman 0" in editor.get("/networks/caribbean-innovation-cop/").content.decode()
    cop.published = False
    cop.save()
    assert client.get("/networks/caribbean-innovation-cop/").status_code == 404
    assert client.get("/api/networks/").json()["count"] == 0


def test_a_small_network_hides_its_figures(cop, workshop, client):
    for person in crowd(workshop, 2, 1, country_id="LCA"):
        Membership.objects.create(network=cop, person=person, joined=dt.date(2024, 3, 1))
    api = client.get("/api/networks/caribbean-innovation-cop/").json()
    assert api["size"] is None and {c["members"] for c in api["countries"]} == {None}
    assert "fewer than 5" in client.get("/networks/caribbean-innovation-cop/").content.decode()


def test_everyone_on_an_activity_s_list_joins_the_network(cop, workshop, staff):
    crowd(workshop, 3, 3)
    editor = Client()
    editor.force_login(staff["editor"])
    form = editor.get("/networks/caribbean-innovation-cop/").context["from_activity"]
    choices = dict(form.fields["activity"].choices)
    assert workshop.pk in choices and workshop.title[:40] in choices[workshop.pk]  # the lists of its projects
    assert len(choices) == 2  # the prompt, and the one activity with a list
    editor.post("/networks/caribbean-innovation-cop/members/add/", {"activity": workshop.pk, "joined": "2024-08-30"})
    assert Membership.objects.filter(network=cop).count() == 6
    editor.post("/networks/caribbean-innovation-cop/members/add/", {"activity": workshop.pk, "joined": "2024-08-30"})
    assert Membership.objects.filter(network=cop).count() == 6  # members already are left as they are
    other = Client()
    other.force_login(staff["other"])
    assert other.post("/networks/caribbean-innovation-cop/members/add/",
                      {"activity": workshop.pk, "joined": "2024-08-30"}).status_code == 403


def test_survey_exports_become_responses_anonymous_unless_the_email_is_known(workshop, staff):
    imported(workshop, "signin-saint-lucia-en.xlsx", staff["editor"])
    editor = Client()
    editor.force_login(staff["editor"])
    with (FILES / "survey-export.csv").open("rb") as handle:
        response = editor.post(f"/activities/{workshop.pk}/evaluation/upload/", {"file": handle})
    sheet = Sheet.objects.get(kind=Sheet.Kind.EVALUATION)
    assert response["Location"] == f"/people/sheets/{sheet.pk}/"
    form = editor.get(f"/people/sheets/{sheet.pk}/").context["form"]
    assert form["column_2"].value() == "satisfaction" and form["column_4"].value() == "knowledge_before"
    preview = editor.get(f"/people/sheets/{sheet.pk}/?step=preview").content.decode()
    assert "Satisfaction (1-5): 5; Relevance (1-5): 5; Knowledge before (1-5): 2" in preview
    # A row is a response (anonymous, or of someone known), never "a new person": no one is created from it.
    assert "anonymous response: <strong>4</strong>" in preview.lower() and "New person" not in preview
    editor.post(f"/people/sheets/{sheet.pk}/", {"action": "confirm"})
    report = editor.get(f"/people/sheets/{sheet.pk}/").content.decode()
    assert report.count("Anonymous response") == 4 and "Response of a known person (same email)" in report
    assert "New person" not in report
    responses = Response.objects.filter(evaluation__activity=workshop).order_by("pk")
    assert responses.count() == 6
    assert [r.person.email if r.person else None for r in responses][:2] == ["john.pierre@govt.lc", None]
    assert responses[5].satisfaction is None  # "6" is out of the 1-5 scale: left empty, said in the row
    page = editor.get(f"/activities/{workshop.pk}/evaluation/").context["summary"]
    assert page.responses.json == 6 and round(page.learned.json, 1) == 66.7  # 4 of 6 say they know more
    assert page.score_gain.json is None  # no test scores in this survey


def test_a_french_survey_with_tests_before_and_after(workshop, staff):
    imported(workshop, "liste-presence-fr.csv", staff["editor"])
    editor = Client()
    editor.force_login(staff["editor"])
    with (FILES / "evaluation-fr.xlsx").open("rb") as handle:
        editor.post(f"/activities/{workshop.pk}/evaluation/upload/", {"file": handle})
    sheet = Sheet.objects.get(kind=Sheet.Kind.EVALUATION)
    editor.post(f"/people/sheets/{sheet.pk}/", {"action": "confirm"})
    rows = list(Response.objects.filter(evaluation__activity=workshop).order_by("pk")
                .values_list("pre_score", "post_score", "applied"))
    assert [(int(a), int(b), c) for a, b, c in rows] == [(40, 75, "yes"), (55, 70, "partly"), (60, 55, "no"),
                                                         (30, 80, "yes")]
    assert Response.objects.filter(person__email="marie.dupont@mef.gouv.ht").count() == 1


def test_a_response_typed_in_and_the_public_summary(workshop, staff, client):
    editor = Client()
    editor.force_login(staff["editor"])
    assert editor.post(f"/activities/{workshop.pk}/evaluation/", {}).status_code == 200  # empty: refused
    for satisfaction in (5, 4, 4, 3, 5):
        editor.post(f"/activities/{workshop.pk}/evaluation/", {"satisfaction": satisfaction, "relevance": 4,
                                                               "knowledge_before": 2, "knowledge_after": 4})
    assert Evaluation.objects.get().responses.count() == 5
    html = client.get(f"/activities/{workshop.pk}/").content.decode()
    assert "What participants said" in html and "4.2" in html and "80 %" in html
    assert editor.post(f"/activities/{workshop.pk}/evaluation/", {"satisfaction": 9}).status_code == 200
    assert Evaluation.objects.get().responses.count() == 5


def test_a_joined_date_before_the_network_or_after_today_is_refused_with_a_reason(cop, workshop, staff):
    crowd(workshop, 3, 3)
    editor = Client()
    editor.force_login(staff["editor"])
    url = "/networks/caribbean-innovation-cop/members/add/"
    form = editor.get("/networks/caribbean-innovation-cop/").context["from_activity"]
    assert form.fields["joined"].widget.attrs["min"] == "2024-02-21"
    for slip, why in (("1999-01-01", "is before the network started"), ("2099-01-01", "a day that has come")):
        page = editor.post(url, {"activity": workshop.pk, "joined": slip}, follow=True).content.decode()
        assert "Nobody was added" in page and why in page, slip
    assert not Membership.objects.filter(network=cop).exists()
    editor.post(url, {"activity": workshop.pk, "joined": "2024-02-21"})  # the network's first day is fine
    assert Membership.objects.filter(network=cop).count() == 6


def test_the_activity_whose_list_joined_a_network_becomes_one_of_its_activities(cop, workshop, staff):
    crowd(workshop, 3, 3)
    assert not NetworkActivity.objects.filter(network=cop).exists()
    editor = Client()
    editor.force_login(staff["editor"])
    for _twice in range(2):
        editor.post("/networks/caribbean-innovation-cop/members/add/", {"activity": workshop.pk,
                                                                         "joined": "2024-08-30"})
    assert list(NetworkActivity.objects.filter(network=cop).values_list("activity_id", flat=True)) == [workshop.pk]
    page = lxml.html.fromstring(Client().get("/networks/caribbean-innovation-cop/").content)
    listed = [a.text_content() for a in page.cssselect("section[aria-labelledby=activities-h] li a")]
    assert listed == [workshop.title]
