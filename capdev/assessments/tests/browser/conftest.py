"""Browser tests of assessments and similar projects: their own live server on a transactional test database with
the reference data, the seed (published), the example framework and a reviewer (chromium, the marking and the
server are capdev.core.testing.browser's)."""
from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import call_command

from capdev.accounts.testing import make_user
from capdev.core.testing import pages
from capdev.core.testing.browser import live_server
from capdev.narrative.tests._shared import SEED

PASSWORD = "browser-test-password-1"


@pytest.fixture
def live(transactional_db):
    """A live server on the test database: reference data, the seed published, the example framework, a reviewer."""
    from capdev.accounts.roles import REVIEWER
    from capdev.projects import similar

    if not SEED.exists():
        pytest.skip(f"the shared seed is not at {SEED} (set CAPDEV_SHARED)")
    out = io.StringIO()
    call_command("load_reference", stdout=out)
    call_command("import_legacy", str(SEED), "--publish", stdout=out)
    call_command("load_framework", str(Path(__file__).resolve().parents[2] / "data" /
                                       "example-digital-government.yaml"), stdout=out)
    make_user("reviewer", REVIEWER, password=PASSWORD)
    similar.clear()
    with live_server() as server:
        yield server
    similar.clear()


def sign_in(page, live) -> None:
    pages.sign_in(page, live.url, "reviewer", PASSWORD)
