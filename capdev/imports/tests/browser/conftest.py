"""Browser tests of the import page: their own live server on a transactional test database, and the worker
run in the test's thread between the page's requests (a lock keeps the two from sharing the SQLite connection
at once). Chromium and the page helpers are the portal's (capdev/portal/tests/browser)."""
from __future__ import annotations

import io
import os
import threading
from pathlib import Path
from unittest import mock

import pytest
from django.core.management import call_command

from capdev.portal.tests.browser.conftest import missing_requirement
from capdev.portal.tests.browser.helpers import CHROMIUM, LAUNCH_ARGS

HERE = Path(__file__).resolve().parent
# One request or one worker run at a time: with SQLite in memory the server and the test share one connection.
DATABASE_TURN = threading.Lock()


def pytest_collection_modifyitems(config, items):
    """Mark these tests `browser`; skip them, saying why, where chromium or playwright is missing (fail in CI)."""
    reason = missing_requirement()
    for item in items:
        if HERE in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.browser)
            if reason and os.environ.get("CAPDEV_BROWSER_TESTS") == "required":
                raise pytest.UsageError(f"CAPDEV_BROWSER_TESTS=required, but {reason}")
            if reason:
                item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(scope="module")
def browser():
    """Chromium through Playwright for this module (stopped before the portal's browser tests start theirs)."""
    from playwright.sync_api import sync_playwright

    saved = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    # Playwright's sync API keeps an event loop marked running in this thread; the ORM calls the tests make here
    # (fixtures, the worker) are ordinary synchronous ones.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield chromium
        chromium.close()
    finally:
        playwright.stop()
        if saved is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = saved


def _serial_server():
    from django.core.servers.basehttp import WSGIServer

    class OneTurnAtATime(WSGIServer):
        """Django's single-threaded server, each request taking the database turn."""

        def __init__(self, *args, connections_override=None, **kwargs):
            super().__init__(*args, **kwargs)

        def finish_request(self, request, client_address):
            with DATABASE_TURN:
                super().finish_request(request, client_address)

    return OneTurnAtATime


@pytest.fixture
def live(transactional_db, settings):
    """A live server on the test database, with reference data and an editor of PACB."""
    from django.contrib.auth import get_user_model
    from django.test.testcases import LiveServerThread
    from pytest_django.live_server_helper import LiveServer

    from capdev.accounts.models import UnitAssignment
    from capdev.accounts.roles import EDITOR, assign_role
    from capdev.organisations.models import OrgUnit

    settings.CAPDEV_IMPORT_POLL_SECONDS = 1
    call_command("load_reference", stdout=io.StringIO())
    editor = get_user_model().objects.create_user("editor-pacb", password="browser-test-password-1")
    assign_role(editor, EDITOR)
    UnitAssignment.objects.create(user=editor, unit=OrgUnit.objects.get(code="PACB"))
    with mock.patch.object(LiveServerThread, "server_class", _serial_server()):
        server = LiveServer("127.0.0.1")
    server._live_server_modified_settings.enable()
    yield server
    server._live_server_modified_settings.disable()
    server.stop()


@pytest.fixture(scope="session")
def artifacts(request) -> Path:
    path = Path(str(request.config.rootpath)) / "test-artifacts" / "browser"
    if request.config.getoption("--db", "sqlite") == "postgresql":
        path = path / "postgresql"
    path.mkdir(parents=True, exist_ok=True)
    return path


def work() -> None:
    """Run the queued tasks, as `capdev db_worker` does, taking the database turn."""
    from capdev.imports.tests.conftest import run_worker

    with DATABASE_TURN:
        run_worker()
