"""Always fresh: with the page cache on, a change is seen on every public channel at the next request, and a
conditional request for a copy made before it gets the new page (capdev.core.http_cache, docs/deployment.md).

Each public channel is asked once before the change (so that its page is kept, and its ETag known), then again
after it: the change must be there, whether the request is plain or conditional."""
from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from capdev.accounts.roles import REVIEWER, assign_role
from capdev.editor.tests.helpers import publish
from capdev.projects.models import Project, ReviewState
from capdev.projects.search import reindex_projects

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.CAPDEV_PAGE_CACHE = True


def channels(project: Project | None, word: str) -> dict[str, str]:
    """Every public channel that shows a project, found by a word of its title."""
    urls = {"list": f"/projects/?q={word}", "csv": f"/projects/?q={word}&format=csv",
            "json": f"/projects/?q={word}&format=json", "api list": f"/api/projects/?q={word}",
            "iati": "/iati/activities.xml", "dashboard": "/dashboard/", "home": "/"}
    if project is not None:
        urls.update({"page": f"/projects/{project.pk}/", "api": f"/api/projects/{project.pk}/"})
    return urls


def read(client: Client, url: str, **headers) -> tuple[int, str, str]:
    response = client.get(url, headers=headers)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response.status_code, body.decode("utf-8", "replace"), response.get("ETag", "")


def seen_before(client: Client, urls: dict[str, str]) -> dict[str, tuple[str, str]]:
    """Each channel's text and ETag, asked twice so that the second answer comes from the page cache."""
    out = {}
    for name, url in urls.items():
        read(client, url)
        status, text, etag = read(client, url)
        assert status == 200 and etag, (name, status)
        out[name] = (text, etag)
    return out


def assert_fresh(client: Client, urls: dict[str, str], before: dict, expect) -> None:
    """Each channel, plain and conditional on its old ETag, answers anew and passes `expect(name, text)`."""
    for name, url in urls.items():
        _old_text, old_etag = before[name]
        status, text, etag = read(client, url, **{"If-None-Match": old_etag})
        assert status == 200 and etag != old_etag, (name, status)
        assert expect(name, text), f"{name} ({url}) does not show the change"
        assert expect(name, read(client, url)[1]), name


def test_an_edit_of_a_published_title_is_on_every_channel_at_the_next_request(portfolio, client):
    project = Project.objects.filter(review_state=ReviewState.PUBLISHED, draft_of__isnull=True).order_by("pk")[0]
    urls = {k: v for k, v in channels(project, "Zanzibarian").items() if k not in ("dashboard", "home")}
    urls.update({"list": "/projects/", "csv": "/projects/?format=csv", "json": "/projects/?format=json",
                 "api list": "/api/projects/?page_size=100"})
    before = seen_before(client, urls)
    assert not any("Zanzibarian" in text for text, _etag in before.values())
    project.title = "Zanzibarian e-government review"
    project.save()  # as the editor's publish and the API save it
    assert_fresh(client, urls, before, lambda name, text: "Zanzibarian" in text)


def test_a_publish_by_a_reviewer_is_on_every_channel_at_the_next_request(portfolio, client, django_user_model):
    project = Project.objects.create(title="Quokkaland digital government strategy", review_state=ReviewState.IN_REVIEW,
                                     start_date=dt.date(2024, 1, 1), end_date=dt.date(2025, 12, 31))
    reindex_projects([project.pk])  # as the editor's save does
    urls = channels(None, "Quokkaland")
    before = seen_before(client, urls)
    assert not any("Quokkaland digital" in before[k][0] for k in ("list", "csv", "json", "api list", "iati"))
    reviewer = Client()
    user = django_user_model.objects.create_user("reviewer", password="unused in tests 123")
    assign_role(user, REVIEWER)
    reviewer.force_login(user)
    answer = publish(reviewer, project, **{"publish-reason": "Fresh-page test: published over the IATI check."})
    assert answer.status_code == 302, answer.status_code
    projects_before = before["dashboard"][0]
    assert_fresh(client, urls, before, lambda name,
                 text: ("Quokkaland digital" in text) if name not in ("dashboard", "home")
                 else text != projects_before if name == "dashboard" else True)
    status, text, _etag = read(client, f"/projects/{project.pk}/")
    assert status == 200 and "Quokkaland" in text


def test_an_import_is_on_every_channel_at_the_next_request(portfolio, client, tmp_path):
    urls = channels(None, "Wombatia")
    before = seen_before(client, urls)
    source = tmp_path / "wombatia.txt"
    source.write_text("Title: Wombatia public service innovation\nObjective: To test fresh pages.\n"
                      "Time Frame: February 2024 - June 2025\nBudget: US$100,000\n")
    call_command("import_legacy", str(source), "--publish", stdout=io.StringIO())
    assert_fresh(client, {k: v for k, v in urls.items() if k not in ("home",)}, before,
                 lambda name, text: "Wombatia public" in text if name != "dashboard" else text != before[name][0])


def test_an_assessments_publication_is_on_its_pages_at_the_next_request(portfolio, client):
    from capdev.assessments import frameworks
    from capdev.assessments.models import Assessment, AssessmentState, DimensionScore
    from capdev.assessments.tests.conftest import EXAMPLE

    framework = frameworks.load(frameworks.read_file(EXAMPLE.read_bytes(), EXAMPLE.name)).framework
    assessment = Assessment.objects.create(framework=framework, country_id="LCA", date="2025-02-01",
                                           title="Numbat readiness review", state=AssessmentState.DRAFT)
    DimensionScore.objects.create(assessment=assessment, dimension=framework.dimensions.order_by("position")[0],
                                  score=3)  # the CSV has a row per score
    urls = {"list": "/assessments/", "csv": "/assessments/?format=csv", "country": "/countries/LCA/",
            "api": "/api/assessments/"}
    before = seen_before(client, urls)
    assert not any("Numbat" in text for text, _etag in before.values())
    assessment.state = AssessmentState.PUBLISHED
    assessment.published_at = dt.datetime.now(dt.UTC)
    assessment.save()
    assert_fresh(client, urls, before, lambda name, text: "Numbat" in text or (name == "country" and "2025" in text))


def test_an_erasure_makes_every_public_validator_new(portfolio, client):
    from capdev.people import erasure
    from capdev.people.models import Person

    person = Person.objects.create(name="Erin Example", sex="female")
    project = Project.objects.filter(review_state=ReviewState.PUBLISHED, draft_of__isnull=True).order_by("pk")[0]
    urls = {"page": f"/projects/{project.pk}/", "dashboard": "/dashboard/", "api": "/api/people-reached/"}
    before = seen_before(client, urls)
    erasure.erase(person)
    assert_fresh(client, urls, before, lambda name, text: True)


def test_a_signed_in_page_is_never_the_kept_anonymous_one(portfolio, client, django_user_model):
    project = Project.objects.filter(review_state=ReviewState.PUBLISHED, draft_of__isnull=True).order_by("pk")[0]
    url = reverse("projects:detail", args=[project.pk])
    anonymous = client.get(url)
    assert anonymous["Cache-Control"] == "public, no-cache"
    staff = Client()
    user = django_user_model.objects.create_user("reviewer", password="unused in tests 123")
    assign_role(user, REVIEWER)
    staff.force_login(user)
    signed_in = staff.get(url)
    assert signed_in["Cache-Control"] == "private, no-store" and signed_in.content != anonymous.content
    export = staff.get("/iati/activities.xml?all=1")
    assert "no-store" in export["Cache-Control"] and "public" not in export["Cache-Control"]
