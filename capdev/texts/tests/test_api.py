"""Translations in the API: read in the project's representation and at /api/projects/<id>/translations/, replaced
there with If-Match by the project's editors; never a draft's for the public."""
import pytest
from rest_framework.test import APIClient

from capdev.accounts.roles import REVIEWER, assign_role
from capdev.projects.models import Project
from capdev.texts.models import ProjectTranslation

from .conftest import OUTCOME_FR, SUMMARY_FR, TITLE_FR


@pytest.fixture
def api():
    return APIClient()


def test_the_projects_representation_holds_its_translations(api, translated):
    data = api.get(f"/api/projects/{translated.pk}/").json()
    assert data["language"] == "en"
    assert data["translations"] == {"fr": {"summary": SUMMARY_FR, "title": TITLE_FR}}
    assert [o["translations"] for o in data["outcomes"]] == [{"fr": OUTCOME_FR}, {}]


def test_the_json_export_holds_them_and_the_csv_a_title_per_language(client, translated):
    rows = client.get("/projects/?format=json").json()
    row = rows[0] if isinstance(rows, list) else rows["projects"][0] if "projects" in rows else rows["results"][0]
    assert row["translations"]["fr"]["title"] == TITLE_FR
    csv = b"".join(client.get("/projects/?format=csv").streaming_content).decode("utf-8-sig")
    header, line = csv.splitlines()[:2]
    assert "title_fr" in header.split(",") and TITLE_FR in line


def test_the_xlsx_has_a_sheet_of_translations(client, translated):
    import io

    from openpyxl import load_workbook

    response = client.get("/projects/?format=xlsx")
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    rows = list(book["translations"].iter_rows(values_only=True))
    assert rows[0] == ("project_id", "project_code", "outcome_number", "field", "language", "text")
    assert (translated.pk, "TX-1", None, "title", "fr", TITLE_FR) in rows
    assert any(r[3] == "outcome" and r[5] == OUTCOME_FR for r in rows)


def test_a_draft_projects_translations_are_not_public(api, translated):
    Project.objects.filter(pk=translated.pk).update(review_state="in_review")
    assert api.get(f"/api/projects/{translated.pk}/translations/").status_code == 404
    assert api.get(f"/api/projects/{translated.pk}/").status_code == 404
    listed = api.get("/api/projects/?format=json").content.decode()
    assert TITLE_FR not in listed


def test_translations_are_replaced_with_if_match(api, translated, django_user_model):
    Project.objects.filter(pk=translated.pk).update(review_state="draft")
    user = django_user_model.objects.create_user("rev", password="unused in tests 123")
    assign_role(user, REVIEWER)
    api.force_authenticate(user)
    url = f"/api/projects/{translated.pk}/translations/"
    read = api.get(url)
    body = read.json()
    body["translations"] = {"es": {"title": "Gobierno digital"}, "fr": {"title": TITLE_FR}}
    assert api.put(url, body, format="json").status_code == 428  # no If-Match
    written = api.put(url, body, format="json", HTTP_IF_MATCH=read["ETag"])
    assert written.status_code == 200, written.content
    assert sorted(ProjectTranslation.objects.filter(project=translated).values_list("field", "language")) == [
        ("title", "es"), ("title", "fr")]
    # The old ETag is stale now.
    assert api.put(url, body, format="json", HTTP_IF_MATCH=read["ETag"]).status_code == 412


@pytest.mark.parametrize("translations, outcomes", [
    ({"pt": {"title": "Governo"}}, []),
    ({"en": {"title": "The original's language"}}, []),
    ({"es": {"author": "?"}}, []),
    ({"es": {"title": "x" * 501}}, []),
    ({}, [{"id": 999999, "translations": {"es": "?"}}]),
])
def test_bad_translations_are_a_400_and_change_nothing(api, translated, django_user_model, translations, outcomes):
    Project.objects.filter(pk=translated.pk).update(review_state="draft")
    user = django_user_model.objects.create_user("rev", password="unused in tests 123")
    assign_role(user, REVIEWER)
    api.force_authenticate(user)
    url = f"/api/projects/{translated.pk}/translations/"
    etag = api.get(url)["ETag"]
    before = sorted(ProjectTranslation.objects.values_list("field", "language", "text"))
    response = api.put(url, {"translations": translations, "outcomes": outcomes}, format="json", HTTP_IF_MATCH=etag)
    assert response.status_code == 400, response.content
    assert sorted(ProjectTranslation.objects.values_list("field", "language", "text")) == before


def test_the_public_and_published_projects_cannot_be_written(api, translated, django_user_model):
    url = f"/api/projects/{translated.pk}/translations/"
    assert api.put(url, {"translations": {}}, format="json").status_code in (401, 403)
    user = django_user_model.objects.create_user("rev", password="unused in tests 123")
    assign_role(user, REVIEWER)
    api.force_authenticate(user)
    response = api.put(url, {"translations": {}}, format="json", HTTP_IF_MATCH=api.get(url)["ETag"])
    assert response.status_code == 400 and "working copy" in response.content.decode()
    assert ProjectTranslation.objects.filter(project=translated).count() == 2
