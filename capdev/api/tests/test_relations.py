"""Related projects in the API's detail: with the kind each has as the project reads it, published ones only."""
import pytest
from rest_framework.test import APIClient

from capdev.projects.models import Project, ProjectRelation, ReviewState

from .test_api import token_client

pytestmark = pytest.mark.django_db


def igf(year: int) -> Project:
    return Project.objects.get(title__startswith="Build on the existing structures", start_date__year=year)


def test_the_detail_returns_the_related_projects_with_their_kind_both_ways(portfolio):
    """The seed's two Internet Governance Forum records: the 2010 one continues the 2009 one (the importer's
    proposal); the page showed the link while the API said `related_to: []`."""
    anon = APIClient()
    later, earlier = igf(2010), igf(2009)
    data = anon.get(f"/api/projects/{later.pk}/").json()
    assert [(r["kind"], r["project"]["id"], r["project"]["url"]) for r in data["relations"]] == [
        ("previous_phase", earlier.pk, f"/projects/{earlier.pk}/")]
    assert data["related_to"] == [data["relations"][0]["project"]["iati_identifier"]]  # no code: its identifier
    back = anon.get(f"/api/projects/{earlier.pk}/").json()
    assert [(r["kind"], r["project"]["id"]) for r in back["relations"]] == [("follow_up", later.pk)]
    # The list's JSON export is the same shape.
    rows = anon.get("/projects/?format=json&q=Internet+governance").json()["results"]
    assert {row["id"]: [r["kind"] for r in row["relations"]] for row in rows} == {
        later.pk: ["previous_phase"], earlier.pk: ["follow_up"]}


def test_a_related_project_the_caller_may_not_see_is_left_out(portfolio, django_user_model):
    later = igf(2010)
    secret = Project.objects.create(title="Next phase, still in review", review_state=ReviewState.IN_REVIEW)
    ProjectRelation.objects.create(from_project=secret, to_project=later, kind=ProjectRelation.Kind.PREVIOUS_PHASE)
    public = APIClient().get(f"/api/projects/{later.pk}/").json()
    assert secret.pk not in [r["project"]["id"] for r in public["relations"]]
    staff = token_client(django_user_model, "viewer", "viewer").get(f"/api/projects/{later.pk}/").json()
    assert ("follow_up", secret.pk) in [(r["kind"], r["project"]["id"]) for r in staff["relations"]]


def test_the_schema_describes_relations(portfolio):
    schema = APIClient().get("/api/schema/?format=json").json()
    detail = schema["components"]["schemas"]["ProjectDetail"]["properties"]
    assert "relations" in detail and "related_to" in detail
