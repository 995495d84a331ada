"""pytest plugin (registered in the root conftest.py): the wiring every app's browser tests share.

Any test under a `tests/browser/` folder is marked `browser` and skips, with the reason, when Debian's chromium
or the playwright package is missing (`apt-get install chromium`; `pip install -e '.[test]'`); with
CAPDEV_BROWSER_TESTS=required (CI) the run fails instead. Screenshots go to test-artifacts/browser/ under the
repository root (gitignored; test-artifacts/browser/postgresql/ for a --db=postgresql run).

Fixtures: `browser` (a chromium for the test module) and `artifacts` (that folder). Apps whose tests write
start a live server of their own on a transactional database with `live_server()`; the portal's read-only tests
share one server and one chromium for the whole run (capdev/portal/tests/browser/conftest.py overrides
`browser`).
"""
from __future__ import annotations

import os
import threading
from contextlib import contextmanager
from pathlib import Path

import pytest

from capdev.core.testing.pages import CHROMIUM, LAUNCH_ARGS

ENV_ASYNC_UNSAFE = "DJANGO_ALLOW_ASYNC_UNSAFE"


def missing_requirement() -> str | None:
    """Why the browser tests cannot run here, or None when chromium and playwright are both available."""
    if os.environ.get("CAPDEV_BROWSER_TESTS") == "0":
        return "CAPDEV_BROWSER_TESTS=0"
    if not CHROMIUM.exists():
        return f"Debian's chromium is not at {CHROMIUM} (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (pip install -e '.[test]')"
    return None


def is_browser_test(item: pytest.Item | None) -> bool:
    """Whether the test lives in an app's tests/browser/ folder."""
    if item is None:
        return False
    parts = Path(str(item.path)).resolve().parts
    return any(a == "tests" and b == "browser" for a, b in zip(parts, parts[1:]))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every browser test `browser`; skip them all, with the reason, when a requirement is missing."""
    browser_items = [item for item in items if is_browser_test(item)]
    if not browser_items:
        return
    reason = missing_requirement()
    if reason and os.environ.get("CAPDEV_BROWSER_TESTS") == "required":
        # CI installs chromium and playwright: there, a missing one is a broken setup, not a reason to skip.
        raise pytest.UsageError(f"CAPDEV_BROWSER_TESTS=required, but {reason}")
    for item in browser_items:
        item.add_marker(pytest.mark.browser)
        if reason:
            item.add_marker(pytest.mark.skip(reason=reason))


# -- chromium ---------------------------------------------------------------------------------------------------


@contextmanager
def orm_beside_playwright():
    """Let this thread make ORM calls while Playwright runs.

    Playwright's sync API leaves an asyncio loop marked as running in the thread that started it, and Django then
    refuses any ORM call from that thread ("SynchronousOnlyOperation"); the calls the tests make there (fixtures,
    the import worker, the demo data's load) are ordinary synchronous ones.
    """
    saved = os.environ.get(ENV_ASYNC_UNSAFE)
    os.environ[ENV_ASYNC_UNSAFE] = "true"
    try:
        yield
    finally:
        if saved is None:
            os.environ.pop(ENV_ASYNC_UNSAFE, None)
        else:
            os.environ[ENV_ASYNC_UNSAFE] = saved


def launch_chromium(playwright):
    """Debian's chromium, started by a running Playwright."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)


@pytest.fixture(scope="module")
def browser():
    """Chromium through Playwright for this module (stopped before another module starts its own)."""
    from playwright.sync_api import sync_playwright

    with orm_beside_playwright():
        playwright = sync_playwright().start()
        try:
            chromium = launch_chromium(playwright)
            yield chromium
            chromium.close()
        finally:
            playwright.stop()


# -- live servers -----------------------------------------------------------------------------------------------


def one_request_at_a_time(turn: threading.Lock | None = None):
    """Django's non-threaded WSGI server, taking the argument LiveServerThread gives its threaded one.

    One request at a time (Django then answers "Connection: close"): with SQLite in memory every request shares
    the test's one connection, and two requests using it at once deadlocked. With `turn`, each request also
    holds that lock, so that the test's thread can take it to use the connection between requests.
    """
    from django.core.servers.basehttp import WSGIServer

    class OneRequestAtATime(WSGIServer):
        def __init__(self, *args, connections_override=None, **kwargs):
            # The server thread itself serves every request, and LiveServerThread.run() has already given
            # it the overridden (shared) connections.
            super().__init__(*args, **kwargs)

        def finish_request(self, request, client_address):
            if turn is None:
                super().finish_request(request, client_address)
            else:
                with turn:
                    super().finish_request(request, client_address)

    return OneRequestAtATime


def start_live_server(turn: threading.Lock | None = None):
    """A live server on the test database serving one request at a time, its host allowed."""
    from unittest import mock

    from django.test.testcases import LiveServerThread
    from pytest_django.live_server_helper import LiveServer

    with mock.patch.object(LiveServerThread, "server_class", one_request_at_a_time(turn)):
        server = LiveServer("127.0.0.1")
    server._live_server_modified_settings.enable()  # ALLOWED_HOSTS += the server's host
    return server


def stop_live_server(server) -> None:
    """Stop a server from start_live_server and put the settings back."""
    server._live_server_modified_settings.disable()
    server.stop()


@contextmanager
def live_server(turn: threading.Lock | None = None):
    """A live server for one test, on its (transactional) database: `with live_server() as server: ...`.

    Not pytest-django's `live_server` fixture: that one serves several requests at once, which the in-memory
    SQLite connection the server shares with the test does not survive.
    """
    server = start_live_server(turn)
    try:
        yield server
    finally:
        stop_live_server(server)


@pytest.fixture(scope="session")
def artifacts(request: pytest.FixtureRequest) -> Path:
    """test-artifacts/browser/ under the repository root (a postgresql/ subfolder for the PostgreSQL run)."""
    path = Path(str(request.config.rootpath)) / "test-artifacts" / "browser"
    if request.config.getoption("--db", "sqlite") == "postgresql":
        path = path / "postgresql"
    path.mkdir(parents=True, exist_ok=True)
    for stale in path.glob("FAILED-*.png"):  # from an earlier run: only this run's failures should be there
        stale.unlink()
    return path
