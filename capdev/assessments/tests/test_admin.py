"""The admin of frameworks and assessments: portfolio admins edit frameworks (and see every page), editors only
drafts; a row added to a published assessment by an editor is refused and nothing is written."""
from __future__ import annotations

import pytest

from capdev.assessments.models import (
    Assessment,
    AssessmentState,
    Dimension,
    DimensionScore,
    Framework,
    Level,
    Question,
    WorkLink,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(countries, framework):
    from capdev.projects.models import Project, ReviewState

    a = Assessment.objects.create(framework=framework, country_id="LCA", date="2023-11-01", date_precision="month",
                                  assessor_type="self", state=AssessmentState.PUBLISHED, title="Baseline")
    DimensionScore.objects.create(assessment=a, dimension=Dimension.objects.get(code="data"), score=1)
    project = Project.objects.create(title="Digital government", review_state=ReviewState.PUBLISHED)
    WorkLink.objects.create(assessment=a, dimension=Dimension.objects.get(code="data"), project=project)
    return Assessment.objects.get(pk=a.pk), project


def test_a_portfolio_admin_opens_every_assessment_admin_page(client, staff, published):
    a, _project = published
    client.force_login(staff["admin"])
    pages = {"/admin/assessments/": "Assessment frameworks"}
    for model, obj in ((Framework, a.framework), (Dimension, Dimension.objects.get(code="data")),
                       (Question, Question.objects.first()), (Level, Level.objects.first()), (Assessment, a),
                       (WorkLink, WorkLink.objects.get())):
        base = f"/admin/assessments/{model._meta.model_name}/"
        pages[base] = str(model._meta.verbose_name_plural)
        pages[f"{base}{obj.pk}/change/"] = str(obj)[:20]
    for url, text in pages.items():
        response = client.get(url)
        assert response.status_code == 200, url
        assert text.lower() in response.content.decode().lower(), (url, text)
    page = client.get(f"/admin/assessments/framework/{a.framework.pk}/change/").content.decode()
    assert "levels of the scale" in page.lower() and "Data governance" in page  # the inlines


def test_frameworks_are_changed_by_portfolio_admins_only(client, staff, framework):
    url = f"/admin/assessments/framework/{framework.pk}/change/"
    for name in ("editor", "reviewer"):
        client.force_login(staff[name])
        response = client.post(url, {"name": "Renamed", "slug": framework.slug})
        assert response.status_code == 403, name
    framework.refresh_from_db()
    assert framework.name == "Example: digital government capabilities"


def test_an_editor_cannot_add_a_link_or_publish_through_the_admin(client, staff, published):
    a, project = published
    client.force_login(staff["editor"])
    response = client.post("/admin/assessments/worklink/add/", {
        "assessment": a.pk, "dimension": Dimension.objects.get(code="strategy").pk, "project": project.pk,
        "note": "", "seen": ""})
    assert response.status_code == 403
    draft = Assessment.objects.create(framework=a.framework, country_id="BRB", date="2024-01-01",
                                      assessor_type="peer", title="Draft")
    assert client.get(f"/admin/assessments/assessment/{draft.pk}/change/").status_code == 200
    assert 'name="_save"' in client.get(f"/admin/assessments/assessment/{draft.pk}/change/").content.decode()
    page = client.get(f"/admin/assessments/assessment/{a.pk}/change/")  # published: read only for an editor
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    assert client.post(f"/admin/assessments/assessment/{a.pk}/change/", {"title": "Changed"}).status_code == 403
    assert WorkLink.objects.count() == 1 and Assessment.objects.get(pk=draft.pk).state == AssessmentState.DRAFT
