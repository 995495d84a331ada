"""Browser tests of assessments and similar projects: their own live server on a transactional test database with
the reference data, the seed (published), the example framework and a reviewer. Chromium and the page helpers are
the portal's (capdev/portal/tests/browser)."""
from __future__ import annotations

import io
import os
from pathlib import Path
from unittest import mock

import pytest
from django.core.management import call_command

from capdev.narrative.tests._shared import SEED
from capdev.portal.tests.browser.conftest import missing_requirement
from capdev.portal.tests.browser.helpers import CHROMIUM, LAUNCH_ARGS

HERE = Path(__file__).resolve().parent
PASSWORD = "browser-test-password-1"


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
    """Chromium through Playwright for this module (stopped before other browser tests start theirs)."""
    from playwright.sync_api import sync_playwright

    saved = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's loop counts as running in this thread
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

    class OneAtATime(WSGIServer):
        """Django's single-threaded server: with SQLite in memory the server and the test share one connection."""

        def __init__(self, *args, connections_override=None, **kwargs):
            super().__init__(*args, **kwargs)

    return OneAtATime


@pytest.fixture
def live(transactional_db):
    """A live server on the test database: reference data, the seed published, the example framework, a reviewer."""
    from django.contrib.auth import get_user_model
    from django.test.testcases import LiveServerThread
    from pytest_django.live_server_helper import LiveServer

    from capdev.accounts.roles import REVIEWER, assign_role
    from capdev.projects import similar

    if not SEED.exists():
        pytest.skip(f"the shared seed is not at {SEED} (set CAPDEV_SHARED)")
    out = io.StringIO()
    call_command("load_reference", stdout=out)
    call_command("import_legacy", str(SEED), "--publish", stdout=out)
    call_command("load_framework", str(Path(__file__).resolve().parents[2] / "data" /
                                       "example-digital-government.yaml"), stdout=out)
    reviewer = get_user_model().objects.create_user("reviewer", password=PASSWORD)
    assign_role(reviewer, REVIEWER)
    similar.clear()
    with mock.patch.object(LiveServerThread, "server_class", _serial_server()):
        server = LiveServer("127.0.0.1")
    server._live_server_modified_settings.enable()
    yield server
    server._live_server_modified_settings.disable()
    server.stop()
    similar.clear()


@pytest.fixture(scope="session")
def artifacts(request) -> Path:
    path = Path(str(request.config.rootpath)) / "test-artifacts" / "browser"
    if request.config.getoption("--db", "sqlite") == "postgresql":
        path = path / "postgresql"
    path.mkdir(parents=True, exist_ok=True)
    return path
