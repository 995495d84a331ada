"""Staff entry: an assessment by form (a score per dimension, priorities, documents), an upload with its preview
and refusals, links to the work; each checks who may do it, and a save made after someone else's is refused."""
from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from capdev.assessments.models import Assessment, AssessmentState, DimensionScore, Priority, WorkLink
from capdev.core import versions

from .conftest import FILES

pytestmark = pytest.mark.django_db


def form_data(framework, **overrides):
    data = {"country": "LCA", "date_text": "2023-11", "assessor_type": "self", "title": "Baseline",
            "summary": "", "internal": "", "priorities-TOTAL_FORMS": "1", "priorities-INITIAL_FORMS": "0",
            "priorities-0-text": "Rules for sharing data", "priorities-0-dimension": "",
            "documents-TOTAL_FORMS": "1", "documents-INITIAL_FORMS": "0", "documents-0-kind": "report",
            "documents-0-title": "Workshop report", "documents-0-url": "https://example.org/report.pdf",
            "documents-0-language": "en"}
    for d in framework.dimensions.all():
        data[f"score-{d.code}-score"] = ""
        data[f"score-{d.code}-evidence"] = ""
        data[f"score-{d.code}-comments"] = ""
    data.update({"score-strategy-score": "2", "score-strategy-evidence": "Draft strategy of 2019",
                 "score-data-score": "1", "score-mindsets-score": "1.5"})
    data.update(overrides)
    return data


def test_an_editor_enters_a_draft_with_scores_priorities_and_documents(client, countries, framework, staff):
    client.force_login(staff["editor"])
    page = client.get("/assessments/new/?country=LCA")
    assert page.status_code == 200 and "Strategy and leadership" in page.content.decode()
    assert 'name="state"' not in page.content.decode()  # editors enter drafts; reviewers publish
    response = client.post("/assessments/new/?framework=capdev-example-digital-government",
                           form_data(framework, state="published"))
    assert response.status_code == 302, response.content.decode()[:3000]
    a = Assessment.objects.get()
    assert (a.country_id, a.date.isoformat(), a.date_precision, a.state) == ("LCA", "2023-11-01", "month", "draft")
    assert {s.dimension.code: str(s.score) for s in a.scores.all()} == {"strategy": "2.000", "data": "1.000",
                                                                         "mindsets": "1.500"}
    assert a.scores.get(dimension__code="strategy").evidence == "Draft strategy of 2019"
    assert a.priorities.get().text == "Rules for sharing data" and a.documents.get().title == "Workshop report"
    assert a.history.first().history_user == staff["editor"]


def test_the_form_refuses_with_reasons_and_writes_nothing(client, countries, framework, staff):
    client.force_login(staff["editor"])
    url = "/assessments/new/?framework=capdev-example-digital-government"
    for overrides, message in (({"date_text": "2099"}, "not after today"), ({"date_text": "Nov 2023"}, "2023-11"),
                               ({"score-strategy-score": "9"}, "Select a valid choice"),
                               ({"score-strategy-score": "", "score-data-score": "", "score-mindsets-score": ""},
                                "at least one dimension")):
        response = client.post(url, form_data(framework, **overrides))
        assert response.status_code == 400 and message in response.content.decode(), message
    assert not Assessment.objects.exists()
    client.post(url, form_data(framework))
    response = client.post(url, form_data(framework))
    assert response.status_code == 400 and "already an assessment" in response.content.decode()


def test_a_reviewer_publishes_and_only_a_reviewer_changes_a_published_assessment(client, countries, framework,
                                                                                  staff):
    client.force_login(staff["reviewer"])
    client.post("/assessments/new/?framework=capdev-example-digital-government",
                form_data(framework, state="published"))
    a = Assessment.objects.get()
    assert a.state == AssessmentState.PUBLISHED and a.published_at is not None
    client.force_login(staff["editor"])
    assert client.get(f"/assessments/{a.pk}/edit/").status_code == 403
    client.force_login(staff["viewer"])
    assert client.get("/assessments/new/").status_code == 403
    client.logout()
    assert client.get("/assessments/new/").status_code == 302


def test_an_edit_changes_scores_and_removes_an_emptied_one(client, countries, framework, staff):
    client.force_login(staff["editor"])
    client.post("/assessments/new/?framework=capdev-example-digital-government", form_data(framework))
    a = Assessment.objects.get()
    edit = form_data(framework, **{"score-data-score": "", "score-strategy-score": "3",
                                   "seen": versions.token(a), "priorities-INITIAL_FORMS": "1",
                                   "priorities-0-id": str(a.priorities.get().pk),
                                   "documents-INITIAL_FORMS": "1", "documents-0-id": str(a.documents.get().pk)})
    response = client.post(f"/assessments/{a.pk}/edit/", edit)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert {s.dimension.code: str(s.score) for s in a.scores.all()} == {"strategy": "3.000", "mindsets": "1.500"}


def test_a_save_made_after_someone_elses_is_refused(client, countries, framework, staff):
    client.force_login(staff["editor"])
    client.post("/assessments/new/?framework=capdev-example-digital-government", form_data(framework))
    a = Assessment.objects.get()
    seen = versions.token(a)
    Assessment.objects.get().save()  # someone else saves in between
    edit = form_data(framework, **{"score-strategy-score": "4", "seen": seen, "priorities-TOTAL_FORMS": "0",
                                   "documents-TOTAL_FORMS": "0"})
    response = client.post(f"/assessments/{a.pk}/edit/", edit)
    assert response.status_code == 400 and "saved this assessment after you opened this page" in \
        response.content.decode()
    assert a.scores.get(dimension__code="strategy").score == 2


def upload(client, name, **fields):
    data = (FILES / name).read_bytes()
    return client.post("/assessments/upload/", {"file": SimpleUploadedFile(name, data), **fields})


def test_an_upload_shows_what_will_be_written_then_writes_it_on_confirmation(client, countries, framework, staff):
    client.force_login(staff["editor"])
    preview = upload(client, "scores-long.csv")
    page = preview.content.decode()
    assert preview.status_code == 200 and "What will be written" in page and "2 new" in page
    assert "Saint Lucia · 2023-11 · Self-assessment" in page and not Assessment.objects.exists()
    payload = preview.context["payload"]
    done = client.post("/assessments/upload/confirm/", {"payload": payload})
    assert done.status_code == 200 and "Assessments: 2 created" in done.content.decode()
    assert Assessment.objects.count() == 2 and DimensionScore.objects.count() == 8
    again = client.post("/assessments/upload/confirm/", {"payload": payload})  # a double click
    assert "Assessments: 0 created, 0 updated, 2 unchanged" in again.content.decode()
    tampered = payload[:-3] + ("abc" if not payload.endswith("abc") else "xyz")
    assert client.post("/assessments/upload/confirm/", {"payload": tampered}).status_code == 400


def test_an_upload_with_problems_lists_them_by_row_and_column_and_writes_nothing(client, countries, framework,
                                                                                    staff):
    client.force_login(staff["editor"])
    response = upload(client, "scores-faulty.csv")
    page = response.content.decode()
    assert response.status_code == 400 and "Nothing was written" in page
    assert "<td class=\"num\">2</td><td>A (country)</td><td>“Atlantis”</td><td>no country has this code or name" \
        in page
    assert "payload" not in page and not Assessment.objects.exists()
    response = upload(client, "damaged.xlsx")
    assert response.status_code == 400 and "not a workbook" in response.content.decode()


def test_an_index_series_upload_with_the_forms_framework_and_publishing(client, countries, index_framework, staff):
    client.force_login(staff["reviewer"])
    preview = upload(client, "scores-wide.csv", framework=str(index_framework.pk), assessor_type="external",
                     publish="on", internal="on")
    assert "5 new" in preview.content.decode()
    client.post("/assessments/upload/confirm/", {"payload": preview.context["payload"]})
    assert Assessment.objects.filter(state=AssessmentState.PUBLISHED, internal=True).count() == 5


def test_links_to_the_work_need_a_visible_project_and_the_right(client, countries, framework, staff):
    from capdev.projects.models import Outcome, Project, ReviewState

    project = Project.objects.create(title="Digital transformation in the Caribbean", code="DA16-CAR",
                                     review_state=ReviewState.PUBLISHED)
    outcome = Outcome.objects.create(project=project, number=1, text="Policy makers understand digital transformation")
    client.force_login(staff["editor"])
    client.post("/assessments/new/?framework=capdev-example-digital-government", form_data(framework))
    a = Assessment.objects.get()
    data_dim = a.scores.get(dimension__code="data").dimension
    step1 = client.post(f"/assessments/{a.pk}/links/new/", {"target": f"d:{data_dim.pk}", "project": "DA16-CAR"})
    assert "Policy makers understand" in step1.content.decode()  # its outcomes offered
    assert not WorkLink.objects.exists()
    client.post(f"/assessments/{a.pk}/links/new/", {"target": f"d:{data_dim.pk}", "project": str(project.pk),
                                                     "outcome": str(outcome.pk), "save": "1"})
    link = WorkLink.objects.get()
    assert (link.dimension_id, link.project_id, link.outcome_id) == (data_dim.pk, project.pk, outcome.pk)
    priority = Priority.objects.get()
    client.post(f"/assessments/{a.pk}/links/new/", {"target": f"p:{priority.pk}", "project": "DA16-CAR", "save": "1"})
    assert WorkLink.objects.filter(priority=priority).exists()
    draft = Project.objects.create(title="Unpublished", code="SECRET-1")
    client.logout()
    response = client.post(f"/assessments/{a.pk}/links/new/", {"target": f"d:{data_dim.pk}", "project": "DA16-CAR",
                                                                 "save": "1"})
    assert response.status_code == 302 and WorkLink.objects.count() == 2  # to the sign-in page
    client.force_login(staff["viewer"])
    assert client.post(f"/assessments/{a.pk}/links/new/", {}).status_code == 403
    client.force_login(staff["editor"])
    client.post(f"/assessments/{a.pk}/links/{link.pk}/delete/")
    assert WorkLink.objects.count() == 1
    assert draft.pk  # staff see drafts: linking to one is allowed to staff (the public never sees the link)


def test_a_file_too_large_to_confirm_on_the_page_is_refused_saying_what_to_do(client, countries, framework, staff,
                                                                             settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 200
    client.force_login(staff["editor"])
    response = upload(client, "scores-long.csv")
    assert response.status_code == 400 and "capdev import-assessments" in response.content.decode()
    assert "payload" not in response.content.decode()


def test_the_link_page_offers_the_projects_serving_the_country_and_a_click_chooses_one(client, countries, framework,
                                                                                        staff):
    from capdev.projects.models import Project, ReviewState

    serving = Project.objects.create(title="Digital government in Saint Lucia", code="DA16-LCA",
                                     review_state=ReviewState.PUBLISHED)
    serving.country_links.create(country_id="LCA")
    elsewhere = Project.objects.create(title="Statistics in Mali", review_state=ReviewState.PUBLISHED)
    elsewhere.country_links.create(country_id="MLI")
    client.force_login(staff["editor"])
    client.post("/assessments/new/?framework=capdev-example-digital-government", form_data(framework))
    a = Assessment.objects.get()
    page = client.get(f"/assessments/{a.pk}/links/new/").content.decode()
    offered = page.split('class="link-suggestions"')[1].split("</ul>")[0]
    assert "Digital government in Saint Lucia" in offered and "Statistics in Mali" not in offered
    assert f'<option value="{serving.pk}">' in page  # the project field's suggestions too
    data_dim = a.scores.get(dimension__code="data").dimension
    chosen = client.post(f"/assessments/{a.pk}/links/new/", {"target": f"d:{data_dim.pk}", "project": "",
                                                              "pick": str(serving.pk)})
    assert chosen.context["project"] == serving and not WorkLink.objects.exists()
    field = re.search(r'<input[^>]*id="id_project"[^>]*>', chosen.content.decode()).group(0)
    assert f'value="{serving.pk}"' in field and 'list="project-suggestions"' in field


WRITES = ("/assessments/new/?framework=capdev-example-digital-government", "/assessments/{a}/edit/",
          "/assessments/upload/", "/assessments/upload/confirm/", "/assessments/{a}/links/new/",
          "/assessments/{a}/links/{link}/delete/")


def _written():
    return (Assessment.objects.count(), DimensionScore.objects.count(), WorkLink.objects.count(),
            list(Assessment.objects.values_list("title", "state").order_by("pk")))


def test_every_write_refuses_the_anonymous_and_viewers_and_published_ones_refuse_editors(client, countries,
                                                                                          framework, staff):
    """Each page that writes, posted with what would write: sign-in for the anonymous, 403 for a viewer, and for
    an editor on a published assessment; nothing changes. The API writes nothing for anyone."""
    from capdev.projects.models import Project, ReviewState

    project = Project.objects.create(title="Digital government", code="DG-1", review_state=ReviewState.PUBLISHED)
    client.force_login(staff["reviewer"])
    client.post("/assessments/new/?framework=capdev-example-digital-government",
                form_data(framework, state="published"))
    a = Assessment.objects.get()
    dim = a.scores.get(dimension__code="data").dimension
    link = WorkLink.objects.create(assessment=a, dimension=dim, project=project)
    payload = upload(client, "scores-long.csv", publish="on").context["payload"]
    bodies = {
        WRITES[0]: form_data(framework, date_text="2024", title="Intruder"),
        WRITES[1]: form_data(framework, title="Changed", seen=versions.token(a), **{
            "priorities-INITIAL_FORMS": "1", "priorities-0-id": str(a.priorities.get().pk),
            "documents-INITIAL_FORMS": "1", "documents-0-id": str(a.documents.get().pk)}),
        WRITES[2]: {"file": SimpleUploadedFile("s.csv", (FILES / "scores-long.csv").read_bytes())},
        WRITES[3]: {"payload": payload},
        WRITES[4]: {"target": f"d:{dim.pk}", "project": "DG-1", "save": "1"},
        WRITES[5]: {},
    }
    before = _written()

    def post(url):
        body = bodies[url]
        if "file" in body:
            body = {"file": SimpleUploadedFile("s.csv", (FILES / "scores-long.csv").read_bytes())}
        return client.post(url.format(a=a.pk, link=link.pk), body)

    client.logout()
    for url in WRITES:
        response = post(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url
    client.force_login(staff["viewer"])
    for url in WRITES:
        assert post(url).status_code == 403, url
    client.force_login(staff["editor"])
    for url in WRITES[1:2] + WRITES[4:]:
        assert post(url).status_code == 403, url
    assert _written() == before
    for user in (None, staff["admin"]):
        client.logout() if user is None else client.force_login(user)
        for url in ("/api/assessments/", f"/api/assessments/{a.pk}/", "/api/assessment-frameworks/"):
            for method in ("post", "put", "patch", "delete"):
                status = getattr(client, method)(url, {}, content_type="application/json").status_code
                assert status in (401, 403, 405), (user, method, url, status)
    assert _written() == before and a.framework.dimensions.count() == 6
