"""Fixtures shared by every app's tests."""
import io

import pytest
from django.core.management import call_command

from capdev.narrative.tests._shared import SEED


@pytest.fixture(scope="module")
def portfolio(django_db_setup, django_db_blocker):
    """Reference data and the seed portfolio, published, loaded once per test module and removed after it.

    Tests that use it also take `db` (each test's own changes are rolled back).
    """
    if not SEED.exists():
        pytest.skip(f"the shared seed is not at {SEED} (set CAPDEV_SHARED)")
    with django_db_blocker.unblock():
        out = io.StringIO()
        call_command("load_reference", stdout=out)
        call_command("import_legacy", str(SEED), "--publish", stdout=out)
        yield out.getvalue()
        call_command("flush", "--noinput", stdout=io.StringIO())


SYNTHETIC_SIZE = 400


@pytest.fixture(scope="module")
def synthetic(portfolio, django_db_blocker):
    """The seed plus SYNTHETIC_SIZE generated projects, a tenth of them moved back to draft (the public must not count
    them); returns the drafts' ids."""
    from capdev.projects import index_version
    from capdev.projects.models import Project, ReviewState
    from capdev.projects.synthetic import generate

    with django_db_blocker.unblock():
        generate(SYNTHETIC_SIZE, seed=7, batch=150)
        drafts = list(Project.objects.filter(code__startswith="SYN").order_by("pk").values_list("pk", flat=True))[::10]
        Project.objects.filter(pk__in=drafts).update(review_state=ReviewState.DRAFT)
        index_version.bump()  # a queryset update sends no signal
    return drafts


@pytest.fixture(params=[True, False], ids=["index", "sql"])
def counted(request, settings):
    """Queries counted as production runs them: without the SQL double-check, with the in-memory index on
    (warmed by a first request, as after a process's first) or off."""
    settings.CAPDEV_INDEX_VERIFY = False
    settings.CAPDEV_FACET_INDEX = request.param
    return request.param
