"""Browser-test wiring: one chromium (Playwright), one live server and the demo data, shared by all browser tests.

Tests here are marked `browser` and skip, with the reason, when Debian's chromium or the playwright package is
missing (`apt-get install chromium`; `pip install -e '.[test]'`); with CAPDEV_BROWSER_TESTS=required (CI) the
run fails instead. Screenshots and axe-report.json go to test-artifacts/browser/ under the repository root
(gitignored; test-artifacts/browser/postgresql/ for a --db=postgresql run), and a failing test leaves
`FAILED-<test>.png` there.
"""
from __future__ import annotations

import io
import os
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command

from capdev.narrative.tests._shared import SEED

from .helpers import CHROMIUM, LAUNCH_ARGS, MONTHLY_BUDGETS, new_page

HERE = Path(__file__).resolve().parent


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


def _is_browser_test(item: pytest.Item | None) -> bool:
    return item is not None and HERE in Path(str(item.path)).resolve().parents


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every test in this folder `browser` and `django_db`; skip them all, with the reason, when a requirement
    is missing.

    `django_db` makes pytest-django create the test database and lets the live server's thread read it during
    the test; each test runs in a transaction rolled back at its end, like the rest of the suite (the tests
    only read: the demo data was committed once, before the first of them; see _BrowserRun).
    """
    reason = missing_requirement()
    if reason and os.environ.get("CAPDEV_BROWSER_TESTS") == "required" and any(map(_is_browser_test, items)):
        # CI installs chromium and playwright: there, a missing one is a broken setup, not a reason to skip.
        raise pytest.UsageError(f"CAPDEV_BROWSER_TESTS=required, but {reason}")
    for item in items:
        if _is_browser_test(item):
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.django_db)
            if reason:
                item.add_marker(pytest.mark.skip(reason=reason))


# -- chromium ------------------------------------------------------------------------------------------------


class _BrowserRun:
    """Playwright, chromium, the live server and the demo data, shared by every browser test of the session.

    All four start on first use and stop together, in this order, right after the last browser test: chromium
    (so no page request is in flight), the live server (waiting for its request threads, each of which holds a
    database connection), then the demo data's flush. Flushing while a request was still being served once
    deadlocked the in-memory SQLite connection that the server thread shares with the tests, which is why the
    data is loaded once for the whole browser package rather than once per module.

    Playwright's sync API leaves an asyncio loop marked as running in the main thread for as long as it is
    started, and Django then refuses any ORM call from that thread ("SynchronousOnlyOperation"). The only ORM
    calls the main thread makes meanwhile are the demo data's load and flush, so DJANGO_ALLOW_ASYNC_UNSAFE is
    set just while chromium runs, and everything is stopped as soon as the last browser test is done, so that the
    rest of the suite runs with Django's check in force.
    """

    def __init__(self) -> None:
        self.playwright = None
        self.browser = None
        self.server = None
        self.blocker = None
        self.data_loaded = False
        self._saved_env: str | None = None
        self._env_set = False

    def get_browser(self):
        """The running browser, started if need be."""
        if self.browser is None:
            from playwright.sync_api import sync_playwright

            self._saved_env = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
            self._env_set = True
            self.playwright = sync_playwright().start()
            self.browser = self.playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        return self.browser

    def get_server(self, blocker):
        """The live server on the test database, with the demo data loaded, started if need be.

        Not pytest-django's `live_server` fixture: that one turns every test into a transactional test whose
        flush would empty the demo data after the first test; here the data is loaded once and the tests only
        read it. With SQLite in memory the server thread shares the test connection (LiveServer passes it over);
        with PostgreSQL it opens its own and sees the committed data.
        """
        self.get_browser()  # first: the data load below needs DJANGO_ALLOW_ASYNC_UNSAFE
        if self.blocker is None:
            # Database access stays open until stop(): the server's request threads and the module-scoped page
            # fixtures (test_audit's tour) read outside any test's own database access.
            self.blocker = blocker
            blocker.unblock()
        if not self.data_loaded:
            load_demo_data()
            self.data_loaded = True
        if self.server is None:
            from unittest import mock

            from django.test.testcases import LiveServerThread
            from pytest_django.live_server_helper import LiveServer

            # One request at a time (Django then answers "Connection: close"): with SQLite in memory every
            # request thread shares the test's one connection, and two requests using it at once deadlocked
            # (seen: two list pages' facet queries, both blocked in sqlite3, the run hung).
            with mock.patch.object(LiveServerThread, "server_class", _one_request_at_a_time()):
                self.server = LiveServer("127.0.0.1")
            self.server._live_server_modified_settings.enable()  # ALLOWED_HOSTS += the server's host
        return self.server

    def stop(self) -> None:
        """Stop chromium, then the live server, then flush the demo data; put Django's async check back."""
        if not (self.browser or self.server or self.data_loaded or self.blocker or self._env_set):
            return
        from django.db import connections

        try:
            if self.browser is not None:
                # While Playwright's loop counts as running, Django keeps this thread's database connections
                # apart from the ones it uses without a loop (asgiref's Local): close them now, while they can
                # still be reached, or PostgreSQL refuses to drop the test database at the end of the run.
                connections.close_all()
                try:
                    self.browser.close()
                finally:
                    self.playwright.stop()
                    self.browser = self.playwright = None
            if self.server is not None:
                self.server._live_server_modified_settings.disable()
                self.server.stop()
                self.server = None
                for thread in threading.enumerate():
                    if "process_request_thread" in thread.name:
                        thread.join(timeout=10)
            if self.data_loaded:
                call_command("flush", "--noinput", stdout=io.StringIO())
                self.data_loaded = False
        finally:
            connections.close_all()  # the flush's, opened once Playwright was gone
            if self.blocker is not None:
                self.blocker.restore()
                self.blocker = None
            if self._env_set:
                if self._saved_env is None:
                    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
                else:
                    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = self._saved_env
                self._env_set = False


def _one_request_at_a_time():
    """Django's non-threaded WSGI server, taking the argument LiveServerThread gives its threaded one."""
    from django.core.servers.basehttp import WSGIServer

    class OneRequestAtATime(WSGIServer):
        def __init__(self, *args, connections_override=None, **kwargs):
            # The server thread itself serves every request, and LiveServerThread.run() has already given
            # it the overridden (shared) connections.
            super().__init__(*args, **kwargs)

    return OneRequestAtATime


def load_demo_data() -> None:
    """Reference data and the seed portfolio, published: what `make demo` serves; and one indicator table."""
    out = io.StringIO()
    call_command("load_reference", stdout=out)
    call_command("import_legacy", str(SEED), "--publish", stdout=out)
    add_indicator_table()
    add_monthly_budgets()


def add_indicator_table() -> None:
    """Indicators as the IATI import stores them (targets per period) on the digital-government project's first
    outcome: the seed has none, and such a table once made the project page scroll sideways on a phone."""
    from capdev.projects.models import Indicator, IndicatorValue, Outcome

    outcome = Outcome.objects.filter(project__title__startswith="Strengthen public sector").order_by("position").first()
    rows = [("Number of connections rehabilitated", 0, 130000),
            ("People provided with water, sanitation, and hygiene", 0, 720000),
            ("Average hours of water supply services per day in the area of influence of the project", 15, 21)]
    for i, (title, actual, target) in enumerate(rows):
        indicator = Indicator.objects.create(outcome=outcome, position=i, title=title)
        IndicatorValue.objects.create(indicator=indicator, period_start="2023-04-03", period_end="2029-11-30",
                                      actual=actual, target=target)


def add_monthly_budgets() -> None:
    """A year of monthly budget lines, original and revised, and a transactions summary, as the IATI import
    stores them, on the Mali project (which keeps its total line, so no figure the other tests read moves)."""
    import datetime as dt
    from decimal import Decimal

    from capdev.iati.models import TransactionSummary
    from capdev.projects.models import Budget, Project

    project = Project.objects.get(title__startswith=MONTHLY_BUDGETS)
    for month in range(1, 13):
        start = dt.date(2024, month, 1)
        end = (dt.date(2024, month + 1, 1) if month < 12 else dt.date(2025, 1, 1)) - dt.timedelta(days=1)
        for n, label in enumerate(("Original committed", "Revised committed")):
            Budget.objects.create(project=project, position=10 + 2 * month + n, kind=Budget.Kind.OTHER, year=2024,
                                  period_start=start, period_end=end, amount=Decimal(10000 + 500 * n),
                                  currency_id="USD", label=label)
    TransactionSummary.objects.create(project=project, transaction_type="4", transaction_type_name="Expenditure",
                                      currency="USD", total=Decimal("98765.43"), count=12,
                                      first_date=dt.date(2024, 1, 31), last_date=dt.date(2024, 12, 31))


_RUN = _BrowserRun()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None):
    """After the last browser test, stop chromium and the server and flush the demo data."""
    yield
    if _is_browser_test(item) and not _is_browser_test(nextitem):
        _RUN.stop()


def pytest_sessionfinish(session: pytest.Session) -> None:
    """Stop everything if a run ended early (-x, Ctrl-C)."""
    _RUN.stop()


@pytest.fixture(scope="module")
def browser():
    """The session's chromium (skips when chromium, playwright or the seed is missing)."""
    reason = missing_requirement()
    if reason:
        pytest.skip(reason)
    if not SEED.exists():
        pytest.skip(f"the shared seed is not at {SEED} (set CAPDEV_SHARED)")
    return _RUN.get_browser()


# -- live server and data --------------------------------------------------------------------------------------


@dataclass
class Site:
    """The live server with the demo data: `site.url("/projects/")` is an absolute URL on it."""

    base: str
    artifacts: Path
    host: str = field(init=False)

    def __post_init__(self) -> None:
        self.host = urlsplit(self.base).netloc

    def url(self, path: str) -> str:
        """The absolute URL of a path on the live server."""
        return self.base + path


@pytest.fixture(scope="module")
def site(browser, django_db_setup, django_db_blocker, artifacts_dir):
    """The live server serving the demo data (reference data + the seed, published)."""
    server = _RUN.get_server(django_db_blocker)
    return Site(base=server.url, artifacts=artifacts_dir)


@pytest.fixture(scope="session")
def artifacts_dir(request: pytest.FixtureRequest) -> Path:
    """test-artifacts/browser/ under the repository root (a postgresql/ subfolder for the PostgreSQL run)."""
    path = Path(str(request.config.rootpath)) / "test-artifacts" / "browser"
    if request.config.getoption("--db", "sqlite") == "postgresql":
        path = path / "postgresql"
    path.mkdir(parents=True, exist_ok=True)
    for stale in path.glob("FAILED-*.png"):  # from an earlier run: only this run's failures should be there
        stale.unlink()
    return path


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call):
    """Keep each phase's report on the item, so that the page fixture can tell that its test failed."""
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"report_{report.when}", report)


# -- pages ------------------------------------------------------------------------------------------------------


def _test_slug(item: pytest.Item) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", item.name).strip("_")[:120]


@pytest.fixture
def page(browser, site, request):
    """A desktop-sized page (1280x900) in its own context; screenshotted as FAILED-<test>.png if the test fails."""
    page = new_page(browser)
    yield page
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        try:
            page.screenshot(path=str(site.artifacts / f"FAILED-{_test_slug(request.node)}.png"), full_page=True)
        except Exception as exc:  # noqa: BLE001 - a failure screenshot must never hide the test's own error
            print(f"no failure screenshot: {exc}")
    page.context.close()
