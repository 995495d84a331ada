"""Browser tests of the staff pages (editor, review, publishing, history, admin): their own live server on a
transactional test database with the seed portfolio and a user per role (chromium, the marking and the server
are capdev.core.testing.browser's)."""
from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from capdev.accounts.testing import make_user
from capdev.core.testing import pages
from capdev.core.testing.browser import live_server
from capdev.narrative.tests._shared import SEED

PASSWORD = "browser-test-password-1"


@pytest.fixture
def live(transactional_db):
    """A live server on the test database: reference data, the seed portfolio published, a reviewer and an admin."""
    from capdev.accounts.roles import PORTFOLIO_ADMIN, REVIEWER

    if not SEED.exists():
        pytest.skip(f"the shared seed is not at {SEED} (set CAPDEV_SHARED)")
    out = io.StringIO()
    call_command("load_reference", stdout=out)
    call_command("import_legacy", str(SEED), "--publish", stdout=out)
    for name, role in (("reviewer", REVIEWER), ("portfolio-admin", PORTFOLIO_ADMIN)):
        make_user(name, role, password=PASSWORD)
    with live_server() as server:
        yield server


def sign_in(page, live, name: str = "reviewer") -> None:
    pages.sign_in(page, live.url, name, PASSWORD)
