"""The project list's people parameters and facets (capdev.people.project_filters): a project holds a value only
when its published participant lists count at least the small-count threshold of people with it, on the
in-memory index as in SQL, on the page, in the API and in the exports' rows."""
from __future__ import annotations

import pytest

from capdev.people.models import Seniority

from .conftest import attend, crowd


def _list(client, settings, indexed: bool, query: str) -> str:
    settings.CAPDEV_FACET_INDEX = indexed
    return client.get(f"/projects/?{query}").content.decode()


def _api_ids(client, query: str) -> set[int]:
    rows = client.get(f"/api/projects/?{query}&page_size=500").json()["results"]
    return {row["id"] for row in rows}


@pytest.fixture
def reached(caribbean, workshop, other_project):
    """The Caribbean project: 5 women and 4 men at a workshop (published), 6 more men on a list awaiting review;
    the other project: 4 women (published), at senior level."""
    crowd(workshop, 5, 4)
    crowd(workshop, 0, 6, state="pending")
    other = other_project.activities.first()
    if other is None:
        other = other_project.activities.create(title="A seminar", type="workshop")
    attend(other, *[(f"Senior {i}", "female") for i in range(4)], seniority=Seniority.SENIOR)
    return caribbean, other_project


@pytest.mark.parametrize("indexed", [True, False], ids=["index", "sql"])
def test_a_project_counts_for_a_value_from_the_threshold_up(client, settings, reached, indexed):
    caribbean, other = reached
    settings.CAPDEV_FACET_INDEX = indexed
    women = _api_ids(client, "reached_sex=female")
    assert caribbean.pk in women and other.pk not in women  # 5 women; 4 is under the threshold
    men = _api_ids(client, "reached_sex=male")
    assert caribbean.pk not in men  # 4 published men; the 6 awaiting review do not count
    assert other.pk not in _api_ids(client, "reached_seniority=senior")
    settings.CAPDEV_PEOPLE_SMALL_COUNT = 4  # the threshold is the privacy setting's
    from capdev.projects import index_version

    index_version.bump()
    assert {caribbean.pk, other.pk} <= _api_ids(client, "reached_sex=female")
    assert other.pk in _api_ids(client, "reached_seniority=senior")


@pytest.mark.parametrize("indexed", [True, False], ids=["index", "sql"])
def test_the_facet_counts_projects_over_the_threshold_only(client, settings, reached, indexed):
    caribbean, _other = reached
    page = _list(client, settings, indexed, "unit=DPIDG")
    assert 'name="reached_sex" value="female"' in page
    assert 'name="reached_sex" value="male"' not in page  # 4 published men: no value a reader could narrow to
    page = _list(client, settings, indexed, "reached_sex=female")
    assert f'href="/projects/{caribbean.pk}/"' in page


def test_an_unpublished_project_lists_count_for_nobody(client, settings, reached):
    caribbean, _other = reached
    from capdev.people.models import Attendance

    Attendance.objects.filter(project=caribbean).update(public=False)
    from capdev.projects import index_version

    index_version.bump()
    settings.CAPDEV_FACET_INDEX = True
    assert caribbean.pk not in _api_ids(client, "reached_sex=female")


def test_the_dashboard_names_a_people_parameter_as_its_facet_does(client, reached):
    """The chips of the filters a dashboard applies name the value as the facet does, not by its code."""
    page = client.get("/dashboard/?reached_seniority=not_stated").content.decode()
    assert "Remove filter People reached: seniority: Not stated" in page
