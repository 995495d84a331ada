"""The API's activity list (/api/activities/): each filter of ActivityFilterSet selects exactly its activities,
filters combine, the count (the in-memory index's) matches the rows, a project in review counts for nothing, and
a value that is not one is a 400 naming the parameter."""
from __future__ import annotations

import datetime as dt

import pytest
from rest_framework.test import APIClient

from capdev.activities.models import Activity
from capdev.reference.tests.test_views import in_review, make_project

pytestmark = pytest.mark.usefixtures("portfolio")
URL = "/api/activities/"


@pytest.fixture
def activities(db):
    """A published project's four activities besides the one make_project gives it, by type, country, year and
    online; and a project in review with an activity of the same kind."""
    project = make_project(title="Activities to filter", start=dt.date(2019, 1, 10))
    rows = {
        "lca_workshop": dict(type="workshop", country_id="LCA", start_date=dt.date(2022, 5, 3)),
        "brb_training": dict(type="training", country_id="BRB", start_date=dt.date(2023, 2, 1)),
        "online_webinar": dict(type="webinar", online=True, start_date=dt.date(2023, 9, 9)),
        "lca_mission": dict(type="advisory_mission", country_id="LCA", start_date=dt.date(2023, 11, 20)),
    }
    made = {name: Activity.objects.create(project=project, title=name, **fields) for name, fields in rows.items()}
    made["first"] = project.activities.exclude(pk__in=[a.pk for a in made.values()]).get()  # BRB workshop, 2019
    hidden = in_review(start=dt.date(2023, 3, 1))
    return {"project": project, "hidden": hidden, **made}


def listed(params: dict) -> tuple[set[int], int]:
    response = APIClient().get(URL, {"page_size": "500", **params})
    assert response.status_code == 200, response.json()
    body = response.json()
    return {row["id"] for row in body["results"]}, body["count"]


def ids(activities, *names) -> set[int]:
    return {activities[name].pk for name in names}


@pytest.mark.parametrize("params, expected", [
    ({}, ("first", "lca_workshop", "brb_training", "online_webinar", "lca_mission")),
    ({"type": "workshop"}, ("first", "lca_workshop")),
    ({"type": ["workshop", "webinar"]}, ("first", "lca_workshop", "online_webinar")),
    ({"country": "LCA"}, ("lca_workshop", "lca_mission")),
    ({"year": "2023"}, ("brb_training", "online_webinar", "lca_mission")),
    ({"online": "true"}, ("online_webinar",)),
    ({"online": "0"}, ("first", "lca_workshop", "brb_training", "lca_mission")),
    ({"country": "LCA", "year": "2023"}, ("lca_mission",)),
])
def test_each_filter_selects_its_activities_and_counts_them(activities, params, expected):
    found, count = listed({"project": str(activities["project"].pk), **params})
    assert found == ids(activities, *expected)
    assert count == len(expected)


def test_a_project_in_review_adds_no_activity_to_the_public_list(activities):
    hidden = activities["hidden"]
    everything, count = listed({})
    assert not set(hidden.activities.values_list("pk", flat=True)) & everything
    assert count == len(everything)
    assert listed({"project": str(hidden.pk)}) == (set(), 0)


@pytest.mark.parametrize("params", [{"year": "twenty"}, {"type": "picnic"}, {"online": "maybe"},
                                    {"country": "ZZZZ"}, {"project": "abc"}])
def test_a_value_that_is_not_one_is_refused_naming_the_parameter(activities, params):
    response = APIClient().get(URL, params)
    assert response.status_code == 400
    assert next(iter(params)) in response.json()
