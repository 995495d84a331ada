"""Cross-cutting: no public URL shows a project in review to an anonymous user; publishing shows it.

Each feature's own tests cover its page in depth; these walk every public URL reachable today with one
project in review (a distinctive title) beside a published one. A URL of the list that no longer resolves, or a
fixed one that answers 404, fails: the list must follow the site, not skip what moved.
"""
import pytest
from django.urls import Resolver404, resolve

from capdev.editor import workflow
from capdev.projects.models import Project, ReviewFlag, ReviewState

SECRET = "Zyxwvut confidential reform"
PUBLIC = "Qwertyuiop open reform"

URLS = [
    "/", "/projects/", "/projects/{secret}/", "/projects/?q=confidential", "/projects/?q=reform",
    "/projects/?country={iso3}", "/projects/?sdg={sdg}", "/projects/?unit={unit}",
    "/dashboard/", "/countries/", "/countries/{iso3}/", "/sdgs/", "/sdgs/{sdg}/", "/units/", "/units/{unit}/",
    "/partners/", "/partners/{partner}/", "/iati/activities.xml",
    "/api/projects/", "/api/projects/{secret}/", "/api/projects/?q=confidential", "/api/activities/",
    "/api/countries/{iso3}/", "/api/sdgs/", "/api/units/{unit}/", "/api/organisations/{partner}/",
    # The exports (XLSX is checked cell by cell in capdev/projects/tests/test_exports.py: it is compressed).
    "/projects/?format=csv", "/projects/?format=json", "/projects/?format=json&all=1", "/api/projects.json",
    "/api/projects.csv", "/api/projects/?format=csv&q=confidential", "/dashboard/budget-by-unit.csv",
]


@pytest.fixture
def secret_project(portfolio, db):
    """The seed's richest project, put back in review under a distinctive title; another one published."""
    from capdev.projects.search import reindex_projects

    projects = list(Project.objects.registry().order_by("pk"))
    secret = max(projects, key=lambda p: p.activities.count() + p.country_links.count())
    twin = next(p for p in projects if p.pk != secret.pk and p.lead_unit_id)
    Project.objects.filter(pk=secret.pk).update(title=SECRET, review_state=ReviewState.IN_REVIEW)
    Project.objects.filter(pk=twin.pk).update(title=PUBLIC, lead_unit=secret.lead_unit)
    # Activity titles, partner names and the like are the project's own text too; keep them out of the way.
    secret.activities.update(title="Zyxwvut activity")
    reindex_projects([secret.pk, twin.pk])
    secret.refresh_from_db()
    link = secret.partner_links.select_related("organisation").first()
    return {
        "project": secret, "secret": secret.pk, "iso3": secret.country_links.first().country_id,
        "sdg": secret.sdg_goal_links.first().goal_id, "unit": secret.lead_unit.code,
        "partner": link.organisation.slug if link else "none",
    }


def _fetch(client, template: str, values: dict):
    url = template.format(**values)
    try:
        resolve(url.split("?")[0])
    except Resolver404:
        pytest.fail(f"{url.split('?')[0]} resolves to no view: update URLS")
    response = client.get(url)
    if "{" not in template:
        assert response.status_code == 200, f"{url} answers {response.status_code}"
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response, body.decode("utf-8", "replace")


@pytest.mark.parametrize("template", URLS)
def test_anonymous_users_never_see_a_project_in_review(secret_project, client, template):
    response, body = _fetch(client, template, secret_project)
    assert response.status_code in (200, 404), response.status_code
    assert "Zyxwvut" not in body
    if template in ("/projects/{secret}/", "/api/projects/{secret}/"):
        assert response.status_code == 404


def test_the_project_page_answers_404_then_200_once_a_reviewer_publishes(secret_project, client,
                                                                          django_user_model):
    from capdev.accounts.roles import REVIEWER, assign_role

    url = f"/projects/{secret_project['secret']}/"
    assert client.get(url).status_code == 404
    reviewer = django_user_model.objects.create_user("rev", password="unused in tests 123")
    assign_role(reviewer, REVIEWER)
    for flag in workflow.open_flags(secret_project["project"]):
        workflow.resolve_flag(flag, reviewer, ReviewFlag.State.ACCEPTED)
    workflow.publish(secret_project["project"], reviewer)
    response = client.get(url)
    assert response.status_code == 200 and SECRET in response.content.decode()


@pytest.mark.parametrize("template", ["/projects/", "/projects/?q=confidential", "/units/{unit}/",
                                      "/countries/{iso3}/", "/iati/activities.xml", "/api/projects/"])
def test_published_projects_appear_where_the_in_review_one_does_not(secret_project, client, template,
                                                                    django_user_model):
    """The same URLs do list the project once it is published: the test above would notice a leak."""
    from capdev.accounts.roles import REVIEWER, assign_role

    reviewer = django_user_model.objects.create_user("rev", password="unused in tests 123")
    assign_role(reviewer, REVIEWER)
    ReviewFlag.objects.filter(project=secret_project["project"]).update(state=ReviewFlag.State.ACCEPTED)
    workflow.publish(secret_project["project"], reviewer)
    from capdev.projects.search import reindex_projects

    reindex_projects([secret_project["secret"]])
    response, body = _fetch(client, template, secret_project)
    assert response.status_code == 200
    assert "Zyxwvut" in body


def test_staff_see_the_project_in_review(secret_project, client, django_user_model):
    from capdev.accounts.roles import VIEWER, assign_role

    viewer = django_user_model.objects.create_user("v", password="unused in tests 123")
    assign_role(viewer, VIEWER)
    client.force_login(viewer)
    response = client.get(f"/projects/{secret_project['secret']}/")
    assert response.status_code == 200 and SECRET in response.content.decode()
