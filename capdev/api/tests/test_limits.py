"""The API takes what the editor takes: the same years, counts and codes, refused with the field named."""
import json

import pytest
from django.contrib.auth.models import Group
from rest_framework.test import APIClient

from capdev.accounts.models import UnitAssignment
from capdev.activities.models import Activity
from capdev.editor.forms import ActivityForm, IndicatorForm, OutcomeForm, ProjectForm
from capdev.organisations.models import OrgUnit
from capdev.projects.models import Project, ReviewState

pytestmark = pytest.mark.django_db

NEW = {"title": "Digital skills for public servants", "lead_unit": "PACB", "start": "2025-01", "end": "2026-12",
       "countries": ["KEN"], "outcomes": [{"text": "Trained officials apply digital tools.", "target_year": 2026}]}


@pytest.fixture
def editor(portfolio, django_user_model):
    user = django_user_model.objects.create_user("api-editor", password="a long passphrase here", is_staff=True)
    user.groups.add(Group.objects.get(name="editor"))
    UnitAssignment.objects.create(user=user, unit=OrgUnit.objects.get(code="PACB"))
    client = APIClient()
    client.force_authenticate(user)
    client.user = user
    return client


def refused(response, *words) -> str:
    assert response.status_code == 400, response.content
    text = json.dumps(response.json(), ensure_ascii=False)
    assert all(w in text for w in words), text
    return text


# (record change, the field named, the value quoted; the editor form and its data refusing the same)
SAME_AS_THE_EDITOR = [
    ({"start": "0210"}, "start", "0210", ProjectForm, {"start": "0210"}),
    ({"end": "2204-05"}, "end", "2204-05", ProjectForm, {"end": "2204-05"}),
    ({"activities": [{"type": "workshop", "participants": 10 ** 20}]}, "participants", "100000000000000000000",
     ActivityForm, {"participants": str(10 ** 20)}),
    ({"activities": [{"type": "workshop", "participants": "²"}]}, "participants", "²",
     ActivityForm, {"participants": "²"}),
    ({"activities": [{"type": "workshop", "participant_countries": 40000}]}, "participant_countries", "40000",
     ActivityForm, {"participant_countries": "40000"}),
    ({"outcomes": [{"text": "o", "target_year": 2200}]}, "target_year", "2200", OutcomeForm, {"target_year": "2200"}),
    ({"outcomes": [{"text": "o", "number": 10 ** 20}]}, "number", "100000000000000000000",
     OutcomeForm, {"number": str(10 ** 20)}),
    ({"outcomes": [{"text": "o", "indicators": [{"title": "i", "baseline_year": 1850}]}]}, "baseline_year", "1850",
     IndicatorForm, {"baseline_year": "1850"}),
]


@pytest.mark.parametrize("change, field, value, form_class, form_data", SAME_AS_THE_EDITOR,
                         ids=[c[1] + "=" + c[2][:8] for c in SAME_AS_THE_EDITOR])
def test_the_api_refuses_what_the_editor_refuses(editor, change, field, value, form_class, form_data):
    before = Project.objects.count()
    refused(editor.post("/api/projects/", {**NEW, **change}, format="json"), field, value)
    assert Project.objects.count() == before
    kwargs = {"user": editor.user} if form_class is ProjectForm else {}
    form = form_class(data=form_data, **kwargs)
    assert not form.is_valid() and field in form.errors, form.errors
    assert value[:8] in " ".join(form.errors[field])


def test_a_project_the_api_made_can_be_saved_in_the_editor(editor):
    """The API once stored a start in the year 0210, after which the editor could not save the project."""
    response = editor.post("/api/projects/", {**NEW, "start": "1990", "end": "2100-12-31"}, format="json")
    assert response.status_code == 201, response.content
    project = Project.objects.get(pk=response.json()["id"])
    seen = ProjectForm(instance=project, user=editor.user)["seen"].value()  # the version the page carries
    form = ProjectForm(data={"title": project.title, "lead_unit": project.lead_unit_id, "seen": seen,
                             "start": project.start.iso(), "end": project.end.iso()}, instance=project,
                       user=editor.user)
    assert form.is_valid(), form.errors


@pytest.mark.parametrize("change, code", [
    ({"countries": ["KEN", "XXA"]}, "XXA"),
    ({"activities": [{"type": "workshop", "country": "QQQ"}]}, "QQQ"),
    ({"budgets": [{"amount": 5, "currency": "QQQ"}]}, "QQQ"),
    ({"sdg_targets": ["16.99"]}, "16.99"),
    ({"sdgs": [18]}, "18"),
    ({"country_percentages": {"DJI": 40}}, "DJI"),
    ({"regions": ["Atlantis"]}, "Atlantis"),
], ids=["country", "activity-country", "currency", "target", "sdg", "percentage", "region"])
def test_an_unknown_code_is_refused_naming_it_not_dropped(editor, change, code):
    before = Project.objects.count()
    refused(editor.post("/api/projects/", {**NEW, **change}, format="json"), code)
    assert Project.objects.count() == before


def test_codes_are_taken_in_any_case_and_stored_as_the_registry_writes_them(editor):
    response = editor.post("/api/projects/", {**NEW, "countries": ["ken"], "country_percentages": {"ken": 100},
                                              "budgets": [{"amount": 5, "currency": "usd"}]}, format="json")
    assert response.status_code == 201, response.content
    project = Project.objects.get(pk=response.json()["id"])
    assert [(c.country_id, c.percentage) for c in project.country_links.all()] == [("KEN", 100)]
    assert [b.currency_id for b in project.budgets.all()] == ["USD"]


def test_the_activities_api_takes_the_same_limits(editor):
    project = Project.objects.filter(lead_unit__code="PACB").order_by("pk").first()
    project.review_state = ReviewState.IN_REVIEW
    project.save()
    body = {"project": project.pk, "type": "workshop", "title": "Kick-off"}
    for change, field in (({"participants": 10 ** 20}, "participants"), ({"start": "0210"}, "start"),
                          ({"country": "QQQ"}, "country"), ({"participant_countries": 0}, "participant_countries")):
        refused(editor.post("/api/activities/", {**body, **change}, format="json"), field)
    response = editor.post("/api/activities/", {**body, "country": "ken", "participants": 2147483647}, format="json")
    assert response.status_code == 201, response.content
    assert Activity.objects.get(pk=response.json()["id"]).country_id == "KEN"


def test_a_body_that_is_not_a_record_is_a_400(editor):
    project = Project.objects.filter(lead_unit__code="PACB").order_by("pk").first()
    project.review_state = ReviewState.IN_REVIEW
    project.save()
    version = editor.get(f"/api/projects/{project.pk}/")["ETag"]
    response = editor.patch(f"/api/projects/{project.pk}/", [1, 2], format="json", headers={"If-Match": version})
    assert response.status_code == 400, response.content
    assert editor.post("/api/projects/", [NEW], format="json").status_code == 400


def test_a_record_listing_regions_the_registry_holds_is_created_with_them(editor):
    """The loader read only `region`'s name ahead, so a name in `regions` was created again: a UNIQUE error."""
    response = editor.post("/api/projects/", {**NEW, "regions": ["Africa", "Caribbean"]}, format="json")
    assert response.status_code == 201, response.content
    project = Project.objects.get(pk=response.json()["id"])
    assert sorted(r.name for r in project.regions.all()) == ["Africa", "Caribbean"]


def _undeclared(data, serializer, path=""):
    from rest_framework import serializers

    for key, value in data.items():
        field = serializer.fields.get(key)
        if field is None:
            yield path + key
        elif isinstance(field, serializers.ListSerializer) and value:
            yield from _undeclared(value[0], field.child, f"{path}{key}.0.")
        elif isinstance(field, serializers.Serializer) and isinstance(value, dict):
            yield from _undeclared(value, field, f"{path}{key}.")


def test_every_key_of_a_records_lists_is_declared_so_that_none_is_dropped():
    """A record is written from its checked values: a key of an activity, budget, outcome... that the serializer
    does not declare would be lost (only the record's own keys pass through unchecked: its source, spans...)."""
    from capdev.narrative.types import Record
    from capdev.projects.api.serializers import RecordSerializer

    shape = Record.from_json({
        "title": "t", "activities": [{"type": "workshop"}], "partners": [{"name": "x"}],
        "budgets": [{"amount": 1, "currency": "USD"}], "resources": [{"title": "t"}],
        "sectors": [{"vocabulary": "1", "code": "1"}], "beneficiaries": {"direct": "x"},
        "outcomes": [{"text": "o", "indicators": [{"title": "i", "values": [
            {"period_start": "2020-01-01", "period_end": "2020-12-31", "actual": 1}]}]}]}).to_json()
    assert [key for key in _undeclared(shape, RecordSerializer()) if "." in key] == []


def test_a_patch_keeps_what_it_does_not_name(editor):
    project = Project.objects.filter(lead_unit__code="PACB").order_by("pk").first()
    project.review_state = ReviewState.IN_REVIEW
    project.save()
    Activity.objects.create(project=project, type="workshop", title="Before the project", recalled=True)
    version = editor.get(f"/api/projects/{project.pk}/")["ETag"]
    response = editor.patch(f"/api/projects/{project.pk}/", {"title": "A clearer title"}, format="json",
                            headers={"If-Match": version})
    assert response.status_code == 200, response.content
    assert project.activities.get(title="Before the project").recalled
