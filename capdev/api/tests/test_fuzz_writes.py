"""Arbitrary JSON at every field the API writes, as a signed-in editor: never a 500, a 400 names the field and
writes nothing.

The fields are the writable serializers' (each viewset's create serializer), walked into their nested
serializers and lists, so that a new field is covered without a change here. Each value replaces the field in
a record that is valid without it; each request runs in a savepoint rolled back after it.
"""
from __future__ import annotations

import copy
import json

import pytest
from django.db import transaction
from hypothesis import given
from rest_framework import serializers
from rest_framework.test import APIClient

from capdev.accounts.models import UnitAssignment
from capdev.accounts.roles import EDITOR, assign_role
from capdev.api.urls import router
from capdev.core.tests import fuzz
from capdev.organisations.models import OrgUnit
from capdev.projects.models import Project, ReviewState

pytestmark = pytest.mark.django_db

# Each of these at each field, before the arbitrary ones: numbers past the columns, digits int() refuses, a year
# the editor refuses, NUL (PostgreSQL refuses it), a long text, the wrong kind.
SWEEP = [10 ** 20, "²", "0210", "a\x00b", "x" * 5000]
# A record with an element of every list, so that each nested field has a place to be put.
PROJECT = {
    "title": "Digital skills for public servants", "lead_unit": "PACB", "start": "2025-01", "end": "2026-12",
    "countries": ["KEN"], "country_percentages": {"KEN": 50}, "sdgs": [16], "sdg_targets": ["16.6"],
    "regions": ["Africa"], "expected_accomplishments": ["Skills"], "planned_activities": ["Workshops"],
    "key_accomplishments": ["A course"], "thematic_areas": ["Digital government"],
    "partners": [{"name": "UNDP", "role": "cooperating"}],
    "budgets": [{"amount": 120000, "currency": "USD", "period_start": "2025-01-01", "period_end": "2025-12-31"}],
    "outcomes": [{"text": "Officials apply digital tools.", "target_year": 2026, "number": 1, "indicators": [
        {"title": "Officials trained", "baseline_year": 2024, "target_year": 2026, "values": [
            {"period_start": "2025-01-01", "period_end": "2025-12-31", "actual": 10, "target": 20}]}]}],
    "activities": [{"type": "workshop", "title": "Kick-off", "start": "2025-03", "country": "KEN",
                    "participants": 30, "participant_countries": 3, "organisers": ["UNDP"]}],
    "resources": [{"type": "report", "title": "Report", "url": "https://example.org/r", "date": "2025"}],
    "sectors": [{"vocabulary": "1", "code": "15110"}], "beneficiaries": {"direct": "Officials"},
}


def writable_paths(serializer, prefix=()):
    """The path of every field a client may write: ("activities", 0, "participants"), ("sdgs", 0)..."""
    for name, field in serializer.fields.items():
        if field.read_only:
            continue
        path = (*prefix, name)
        yield path
        if isinstance(field, serializers.ListSerializer):
            yield from writable_paths(field.child, (*path, 0))
        elif isinstance(field, serializers.Serializer):
            yield from writable_paths(field, path)
        elif isinstance(field, serializers.ListField):
            yield (*path, 0)
        elif isinstance(field, serializers.DictField):
            yield (*path, "KEN")


def create_serializer(viewset):
    view = viewset(action="create", request=None, format_kwarg=None, kwargs={})
    return view.get_serializer_class()()


WRITABLE = [(prefix, viewset) for prefix, viewset, _name in router.registry if hasattr(viewset, "create")]
CASES = [(prefix, path) for prefix, viewset in WRITABLE for path in writable_paths(create_serializer(viewset))]


def put(body: dict, path: tuple, value):
    """The body with the value at the path (lists and objects on the way made as needed)."""
    body = copy.deepcopy(body)
    node = body
    for step, following in zip(path, path[1:]):
        empty = [] if isinstance(following, int) else {}
        if isinstance(step, int):
            while len(node) <= step:
                node.append(copy.deepcopy(empty))
            if not isinstance(node[step], type(empty)):
                node[step] = empty
        elif not isinstance(node.get(step), type(empty)):
            node[step] = empty
        node = node[step]
    last = path[-1]
    if isinstance(last, int):
        while len(node) <= last:
            node.append(None)
    node[last] = value
    return body


@pytest.fixture(scope="module")
def editor(portfolio, django_db_blocker):
    from django.contrib.auth import get_user_model

    with django_db_blocker.unblock():
        user = get_user_model().objects.create_user("fuzz-editor", password="unused in tests 123", is_staff=True)
        assign_role(user, EDITOR)
        UnitAssignment.objects.create(user=user, unit=OrgUnit.objects.get(code="PACB"))
        yield user
        user.delete()


@pytest.fixture
def bodies(editor, db):
    """A valid body for each writable list: a project record, an activity of a project in review of the unit."""
    project = Project.objects.filter(lead_unit__code="PACB").order_by("pk").first()
    project.review_state = ReviewState.IN_REVIEW
    project.save()
    return {"projects": PROJECT, "activities": {"project": project.pk, "type": "workshop", "title": "Kick-off",
                                                "start": "2025-03", "country": "KEN", "participants": 30}}


def test_every_writable_list_has_a_body_and_its_fields_are_covered(bodies):
    assert {prefix for prefix, _viewset in WRITABLE} == set(bodies)
    assert ("activities", 0, "participants") in [path for prefix, path in CASES if prefix == "projects"]


def test_the_bodies_are_valid(editor, bodies):
    client = APIClient()
    client.force_authenticate(editor)
    for prefix, body in bodies.items():
        with transaction.atomic():
            response = client.post(f"/api/{prefix}/", body, format="json")
            assert response.status_code == 201, (prefix, response.content)
            transaction.set_rollback(True)


@pytest.mark.parametrize("prefix, path", CASES, ids=lambda x: x if isinstance(x, str) else ".".join(map(str, x)))
def test_no_value_of_a_written_field_makes_a_500(editor, bodies, prefix, path):
    client = APIClient()
    client.force_authenticate(editor)
    before = Project.objects.count()
    names = {p[0] for viewset_prefix, p in CASES if viewset_prefix == prefix}

    def throw(value):
        body = put(bodies[prefix], path, value)
        with transaction.atomic():
            response = client.post(f"/api/{prefix}/", body, format="json")
            transaction.set_rollback(True)
        assert response.status_code < 500, (path, value)
        if response.status_code == 400:
            # The field, or the one it contradicts (a percentage for a country no longer in the record).
            errors = response.json()
            assert errors and set(errors) <= names, f"{path} = {value!r}: a 400 that names no field: {errors}"
        assert Project.objects.count() == before

    for value in SWEEP:
        throw(value)
    fuzz.fuzz_settings(fuzz.WRITE_EXAMPLES)(given(value=fuzz.json_values())(throw))()


def test_a_refused_record_writes_nothing(editor, bodies):
    client = APIClient()
    client.force_authenticate(editor)
    before = (Project.objects.count(), json.dumps(list(Project.objects.values_list("pk", "title"))))
    response = client.post("/api/projects/", put(PROJECT, ("activities", 0, "participants"), 10 ** 20),
                           format="json")
    assert response.status_code == 400 and "participants" in json.dumps(response.json())
    assert (Project.objects.count(), json.dumps(list(Project.objects.values_list("pk", "title")))) == before
