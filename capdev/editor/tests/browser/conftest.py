"""Browser tests of the staff pages (editor, review, publishing, history, admin): their own live server on a
transactional test database with the seed portfolio and a user per role, as the import page's browser tests do
(chromium, the serial server and the database turn are theirs: capdev/imports/tests/browser/conftest.py)."""
from __future__ import annotations

import io
import os
import re
from pathlib import Path
from unittest import mock

import pytest
from django.core.management import call_command

from capdev.imports.tests.browser.conftest import _serial_server, artifacts, browser  # noqa: F401 - shared fixtures
from capdev.narrative.tests._shared import SEED
from capdev.portal.tests.browser.conftest import missing_requirement

HERE = Path(__file__).resolve().parent
PASSWORD = "browser-test-password-1"


def pytest_collection_modifyitems(config, items):
    """Mark these tests `browser`; skip them, saying why, where chromium, playwright or the seed is missing."""
    reason = missing_requirement() or (None if SEED.exists() else f"the shared seed is not at {SEED}")
    for item in items:
        if HERE in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.browser)
            if reason and os.environ.get("CAPDEV_BROWSER_TESTS") == "required":
                raise pytest.UsageError(f"CAPDEV_BROWSER_TESTS=required, but {reason}")
            if reason:
                item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture
def live(transactional_db, settings):
    """A live server on the test database: reference data, the seed portfolio published, a reviewer and an admin."""
    from django.contrib.auth import get_user_model
    from django.test.testcases import LiveServerThread
    from pytest_django.live_server_helper import LiveServer

    from capdev.accounts.roles import PORTFOLIO_ADMIN, REVIEWER, assign_role

    out = io.StringIO()
    call_command("load_reference", stdout=out)
    call_command("import_legacy", str(SEED), "--publish", stdout=out)
    for name, role in (("reviewer", REVIEWER), ("portfolio-admin", PORTFOLIO_ADMIN)):
        user = get_user_model().objects.create_user(name, password=PASSWORD)
        assign_role(user, role)
    with mock.patch.object(LiveServerThread, "server_class", _serial_server()):
        server = LiveServer("127.0.0.1")
    server._live_server_modified_settings.enable()
    yield server
    server._live_server_modified_settings.disable()
    server.stop()


def sign_in(page, live, name: str = "reviewer") -> None:
    page.goto(live.url + "/accounts/login/")
    page.get_by_label("Username").fill(name)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name=re.compile("sign in", re.I)).click()
    page.wait_for_load_state("load")
