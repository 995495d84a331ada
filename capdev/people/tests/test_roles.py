"""Roles are checked on every write of the people app: each route that changes something refuses, and changes
nothing for, the anonymous visitor, the unit's viewer, staff of another unit and a reviewer of no unit (and
whoever else its rule leaves out); every route of the app is listed here as a write or as a read."""
from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import get_resolver

from capdev.people import models as pm
from capdev.projects.models import Indicator, IndicatorValue, Outcome

from .conftest import FILES, crowd
from .test_import import imported

pytestmark = pytest.mark.django_db

READS = {"activity", "matches", "reached", "person", "project_people", "networks", "network"}


def snapshot() -> dict:
    """Every people row and its history, by state: a refused write must leave it as it was."""
    models = [pm.Person, pm.Institution, pm.Attendance, pm.Sheet, pm.SheetRow, pm.MatchProposal, pm.Membership,
              pm.Evaluation, pm.Response, pm.IndicatorSource, pm.Erasure, IndicatorValue]
    out = {m._meta.label: m.objects.count() for m in models}
    out.update({f"{m._meta.label} history": m.history.count() for m in models if hasattr(m, "history")})
    out["states"] = sorted(pm.Attendance.objects.values_list("state", flat=True))
    out["sheets"] = sorted(pm.Sheet.objects.values_list("state", flat=True))
    out["proposals"] = sorted(pm.MatchProposal.objects.values_list("state", flat=True))
    out["names"] = sorted(pm.Person.objects.values_list("name", flat=True))
    return out


@pytest.fixture
def scene(caribbean, workshop, staff):
    """A pending list with a match proposal, a sheet awaiting its mapping, a network, a computed indicator."""
    sheet, _plan, _report = imported(workshop, "signin-saint-lucia-en.xlsx", staff["editor"])
    regional = caribbean.activities.get(title__startswith="The Future of Governance")
    imported(regional, "signin-regional-utf16.csv", staff["editor"])
    from capdev.people.importing import store_upload

    waiting = store_upload(workshop, (FILES / "liste-presence-fr.csv").read_bytes(), "liste-presence-fr.csv",
                           staff["editor"])
    crowd(workshop, 1, 0)
    network = pm.Network.objects.create(name="CoP", slug="cop", lead_unit=caribbean.lead_unit, published=True,
                                        started=dt.date(2024, 2, 21))
    pm.NetworkProject.objects.create(network=network, project=caribbean)
    outcome = Outcome.objects.filter(project=caribbean).order_by("position").first()
    indicator = Indicator.objects.create(outcome=outcome, title="Women trained", unit="people")
    pm.IndicatorSource.objects.create(indicator=indicator, measure="people_reached", sex="female", period="year")
    return {"workshop": workshop, "project": caribbean, "sheet": sheet, "waiting": waiting, "network": network,
            "indicator": indicator, "proposal": pm.MatchProposal.objects.get(),
            "person": pm.Person.objects.order_by("pk").first()}


def writes(s: dict) -> dict:
    """Each write route: (url, data, file to upload or None, the users its rule refuses besides the usual)."""
    w, p, i = s["workshop"].pk, s["project"].pk, s["indicator"].pk
    usual = ["viewer", "other", "reviewer_nounit"]
    return {
        "upload": (f"/activities/{w}/people/upload/", {}, "liste-presence-fr.csv", usual),
        "evaluation_upload": (f"/activities/{w}/evaluation/upload/", {}, "survey-export.csv", usual),
        "publish": (f"/activities/{w}/people/publish/", {}, None, usual + ["editor"]),
        "evaluation": (f"/activities/{w}/evaluation/", {"satisfaction": 5, "relevance": 4}, None, usual),
        "sheet": (f"/people/sheets/{s['waiting'].pk}/", {"action": "discard"}, None, usual),
        "decide": (f"/people/matches/{s['proposal'].pk}/split/", {}, None, usual + ["editor"]),
        "erase": (f"/people/{s['person'].pk}/erase/", {"confirm": "yes"}, None, usual + ["editor", "reviewer"]),
        "indicator_source": (f"/projects/{p}/indicators/{i}/source/", {"measure": "people_reached",
                             "role": "participant", "period": "quarter"}, None, usual + ["editor"]),
        # No personal data: computing again is a change of the project's values, for those who change them.
        "indicator_refresh": (f"/projects/{p}/indicators/{i}/source/refresh/", {}, None, ["viewer", "other",
                                                                                         "editor"]),
        "add_members": (f"/networks/{s['network'].slug}/members/add/", {"activity": w, "joined": "2024-08-30"}, None,
                        usual),
    }


def test_every_route_is_a_listed_read_or_write(scene):
    names = {p.name for p in get_resolver("capdev.people.urls").url_patterns}
    assert names == READS | set(writes(scene)), "classify the new route here, with who may use it"


def post(client: Client, url: str, data: dict, upload: str | None):
    if upload is None:
        return client.post(url, data)
    with (FILES / upload).open("rb") as handle:
        return client.post(url, {**data, "file": handle})


def test_each_write_refuses_and_changes_nothing_for_those_its_rule_leaves_out(scene, staff):
    before = snapshot()
    for name, (url, data, upload, refused) in writes(scene).items():
        response = post(Client(), url, data, upload)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], name
        for who in refused:
            client = Client()
            client.force_login(staff[who])
            response = post(client, url, data, upload)
            assert response.status_code in (403, 404), (name, who, response.status_code)
        assert snapshot() == before, name


def test_each_write_does_its_work_for_those_its_rule_lets_in(scene, staff):
    """The other side: the same requests by the unit's editor, reviewer or a portfolio admin change something,
    so that the refusals above are the rule's and not a broken route's."""
    allowed = {"upload": "editor", "evaluation_upload": "editor", "publish": "reviewer", "evaluation": "editor",
               "sheet": "editor", "decide": "reviewer", "erase": "admin", "indicator_source": "reviewer",
               "indicator_refresh": "reviewer", "add_members": "editor"}
    for name, (url, data, upload, _refused) in writes(scene).items():
        before = snapshot()
        client = Client()
        client.force_login(staff[allowed[name]])
        response = post(client, url, data, upload)
        assert response.status_code in (200, 302), (name, response.status_code)
        assert snapshot() != before, name
