"""Fixtures shared by the projects app's tests."""
import pytest
from django.test import Client

SIZE = 400


@pytest.fixture
def staff_client(django_user_model):
    """A client of its own (the `client` fixture stays anonymous), signed in as staff."""
    staff = Client()
    staff.force_login(django_user_model.objects.create_user("staff-member", password="x" * 16, is_staff=True))
    return staff


@pytest.fixture(scope="module")
def synthetic(portfolio, django_db_blocker):
    """The seed plus SIZE generated projects, a tenth of them moved back to draft (the public must not count
    them); returns the drafts' ids."""
    from capdev.projects import index_version
    from capdev.projects.models import Project, ReviewState
    from capdev.projects.synthetic import generate

    with django_db_blocker.unblock():
        generate(SIZE, seed=7, batch=150)
        drafts = list(Project.objects.filter(code__startswith="SYN").order_by("pk").values_list("pk", flat=True))[::10]
        Project.objects.filter(pk__in=drafts).update(review_state=ReviewState.DRAFT)
        index_version.bump()  # a queryset update sends no signal
    return drafts
