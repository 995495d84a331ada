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
