"""PUT and PATCH name the version they change (If-Match, the ETag of GET): none is 428, an older one 412."""
import pytest
from django.contrib.auth.models import Group
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from capdev.activities.models import Activity
from capdev.projects.models import Project, ReviewState


def _token(django_user_model, name: str, role: str = "reviewer") -> str:
    user = django_user_model.objects.create_user(name, f"{name}@example.org", "a long passphrase here", is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return Token.objects.create(user=user).key


def _client(key: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


@pytest.fixture
def ana(db, django_user_model):
    return _client(_token(django_user_model, "ana"))


@pytest.fixture
def ben(db, django_user_model):
    return _client(_token(django_user_model, "ben"))


@pytest.fixture
def project(db):
    return Project.objects.create(title="Digital government strategy", summary="The first summary",
                                  review_state=ReviewState.IN_REVIEW)


@pytest.fixture
def activity(project):
    return Activity.objects.create(project=project, type="workshop", title="Validation workshop")


def _title(project) -> str:
    project.refresh_from_db()
    return project.title


def test_get_gives_the_version_and_a_write_the_new_one(ana, project):
    url = f"/api/projects/{project.pk}/"
    etag = ana.get(url)["ETag"]
    assert etag.startswith('"') and etag.endswith('"')
    written = ana.patch(url, {"title": "A clearer title"}, format="json", HTTP_IF_MATCH=etag)
    assert written.status_code == 200, written.content
    assert written["ETag"] != etag and ana.get(url)["ETag"] == written["ETag"]
    assert _title(project) == "A clearer title"


@pytest.mark.parametrize("header", [None, "", "*", 'W/"1"', '"not a version"', '"' + "9" * 40 + '"', "1, 2"])
@pytest.mark.parametrize("method", ["put", "patch"])
def test_a_project_write_without_a_version_is_refused_with_428(ana, project, method, header):
    url = f"/api/projects/{project.pk}/"
    body = {**ana.get(url).json(), "title": "Changed blind"} if method == "put" else {"title": "Changed blind"}
    extra = {} if header is None else {"HTTP_IF_MATCH": header}
    response = getattr(ana, method)(url, body, format="json", **extra)
    assert response.status_code == 428
    assert "If-Match" in response.json()["detail"]
    assert _title(project) == "Digital government strategy"


def test_a_project_write_based_on_an_older_version_is_refused_with_412_naming_who(ana, ben, project):
    url = f"/api/projects/{project.pk}/"
    seen_by_ana, seen_by_ben = ana.get(url)["ETag"], ben.get(url)["ETag"]
    assert ana.patch(url, {"summary": "Ana's summary"}, format="json", HTTP_IF_MATCH=seen_by_ana).status_code == 200
    refused = ben.patch(url, {"title": "Ben's title"}, format="json", HTTP_IF_MATCH=seen_by_ben)
    assert refused.status_code == 412
    assert refused.json()["detail"].startswith("ana changed this project at ")
    project.refresh_from_db()
    assert (project.title, project.summary) == ("Digital government strategy", "Ana's summary")
    # With the version as it is now, Ben's change goes through, over Ana's summary untouched.
    again = ben.patch(url, {"title": "Ben's title"}, format="json", HTTP_IF_MATCH=ben.get(url)["ETag"])
    assert again.status_code == 200
    project.refresh_from_db()
    assert (project.title, project.summary) == ("Ben's title", "Ana's summary")


def test_an_activity_write_names_its_version_too(ana, ben, activity):
    url = f"/api/activities/{activity.pk}/"
    etag = ana.get(url)["ETag"]
    assert ana.patch(url, {"title": "Blind"}, format="json").status_code == 428
    assert ben.patch(url, {"participants": 30}, format="json", HTTP_IF_MATCH=etag).status_code == 200
    refused = ana.patch(url, {"title": "Ana's title"}, format="json", HTTP_IF_MATCH=etag)
    assert refused.status_code == 412 and refused.json()["detail"].startswith("ben changed this activity")
    activity.refresh_from_db()
    assert (activity.title, activity.participants) == ("Validation workshop", 30)


def test_a_change_to_a_projects_activities_makes_its_version_older(ana, ben, project, activity):
    """A project's version covers its rows: a client holding the project from before an activity changed
    cannot write the project's activities back."""
    project_url, activity_url = f"/api/projects/{project.pk}/", f"/api/activities/{activity.pk}/"
    before = ana.get(project_url)["ETag"]
    assert ben.patch(activity_url, {"title": "Renamed by Ben"}, format="json",
                     HTTP_IF_MATCH=ben.get(activity_url)["ETag"]).status_code == 200
    after_change = ana.get(project_url)["ETag"]
    assert after_change != before
    assert ana.patch(project_url, {"title": "Ana's title"}, format="json", HTTP_IF_MATCH=before).status_code == 412
    created = ben.post("/api/activities/", {"project": project.pk, "type": "webinar", "title": "Added"},
                       format="json")
    assert created.status_code == 201 and created["ETag"]
    after_create = ana.get(project_url)["ETag"]
    assert after_create != after_change
    assert ben.delete(activity_url).status_code == 204
    assert ana.get(project_url)["ETag"] != after_create
    assert _title(project) == "Digital government strategy"


@pytest.mark.slow
def test_two_simultaneous_patches_of_one_version_write_one(live_capdev, django_user_model):
    """Real requests at once to a server in its own process, both based on one ETag: one is written, the other
    refused with 412, and nothing of it reaches the database."""
    project = Project.objects.create(title="Digital government strategy", summary="The first summary",
                                     review_state=ReviewState.IN_REVIEW)
    keys = [_token(django_user_model, name) for name in ("ana", "ben")]
    live_capdev.start()
    ana, ben = (live_capdev.browser(Authorization=f"Token {key}", Accept="application/json",
                                    **{"Content-Type": "application/json"}) for key in keys)
    url = f"/api/projects/{project.pk}/"
    etag = ana.get(url).headers["ETag"]
    assert ben.get(url).headers["ETag"] == etag
    replies = live_capdev.race(
        "projects_project", project.pk,
        lambda: ana.request("PATCH", url, body=b'{"summary": "Ana\'s summary"}', headers={"If-Match": etag}),
        lambda: ben.request("PATCH", url, body=b'{"title": "Ben\'s title"}', headers={"If-Match": etag}))
    statuses = [r.status for r in replies]
    assert sorted(statuses) == [200, 412], f"both writes were answered {statuses}: {live_capdev.log()}"
    winner = statuses.index(200)
    title = live_capdev.value("SELECT title FROM projects_project WHERE id = %s", (project.pk,))
    summary = live_capdev.value("SELECT summary FROM projects_project WHERE id = %s", (project.pk,))
    assert (title, summary) == [("Digital government strategy", "Ana's summary"),
                                ("Ben's title", "The first summary")][winner]
