"""Related projects on a project page: shown only when the visitor may see the other project, in both directions."""
import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from capdev.projects.filtersets import visible_projects, visible_q
from capdev.projects.models import Project, ProjectRelation, ReviewState


@pytest.fixture
def linked(portfolio, db):
    """A published project linked both ways to one in review, to a published one, and to a working copy."""
    page = Project.objects.published().order_by("pk").first()
    other = Project.objects.published().exclude(pk=page.pk).order_by("pk").first()
    in_review = Project.objects.create(title="Next phase, still in review", review_state=ReviewState.IN_REVIEW)
    working_copy = Project.objects.create(title="Working copy of the other", draft_of=other,
                                          review_state=ReviewState.DRAFT)
    ProjectRelation.objects.create(from_project=page, to_project=in_review, kind=ProjectRelation.Kind.PREVIOUS_PHASE)
    ProjectRelation.objects.create(from_project=in_review, to_project=page, note="Builds on it")
    ProjectRelation.objects.create(from_project=page, to_project=other)
    ProjectRelation.objects.create(from_project=working_copy, to_project=page)
    return page, other, in_review, working_copy


def test_an_unpublished_related_project_is_hidden_from_the_public(linked, client):
    page, other, in_review, _working_copy = linked
    html = client.get(f"/projects/{page.pk}/").content.decode()
    assert f'href="/projects/{other.pk}/"' in html
    assert "Next phase, still in review" not in html and f'href="/projects/{in_review.pk}/"' not in html
    assert "Working copy of the other" not in html


def test_staff_see_an_unpublished_related_project_but_not_a_working_copy(linked, staff_client):
    page, other, in_review, _working_copy = linked
    html = staff_client.get(f"/projects/{page.pk}/").content.decode()
    assert f'href="/projects/{other.pk}/"' in html
    # Both links to the project in review show: the one from this page and the one pointing at it.
    assert html.count(f'href="/projects/{in_review.pk}/"') == 2 and "Builds on it" in html
    assert "Working copy of the other" not in html  # working copies show on their original, never on their own


def test_the_other_project_sees_the_link_back_only_when_visible(linked, client, staff_client):
    page, other, in_review, _working_copy = linked
    assert f'href="/projects/{page.pk}/"' in client.get(f"/projects/{other.pk}/").content.decode()
    assert client.get(f"/projects/{in_review.pk}/").status_code == 404
    assert f'href="/projects/{page.pk}/"' in staff_client.get(f"/projects/{in_review.pk}/").content.decode()


@pytest.mark.parametrize("staff", [False, True])
def test_visible_q_selects_what_visible_projects_selects(linked, django_user_model, staff):
    _page, _other, in_review, working_copy = linked
    request = RequestFactory().get("/")
    request.user = (django_user_model.objects.create_user("q-staff", password="x" * 16, is_staff=True) if staff
                    else AnonymousUser())
    expected = set(visible_projects(request).values_list("pk", flat=True))
    assert set(Project.objects.filter(visible_q(request)).values_list("pk", flat=True)) == expected
    assert (in_review.pk in expected) is staff and working_copy.pk not in expected
    by_join = ProjectRelation.objects.filter(visible_q(request, "to_project"))
    by_subquery = ProjectRelation.objects.filter(to_project__in=visible_projects(request).values("pk"))
    assert set(by_join.values_list("pk", flat=True)) == set(by_subquery.values_list("pk", flat=True))
    # The condition is on the row that select_related joins: one join, no subquery.
    sql = str(by_join.select_related("to_project").query).upper()
    assert sql.count("JOIN") == 1 and "SELECT" not in sql[sql.index("FROM"):]
