"""The portal's browser tests: one chromium (Playwright), one live server and the demo data, shared by all of
them, for the whole run. What every app's browser tests share (marking, chromium, live servers, screenshots) is
in capdev.core.testing.browser; this folder adds the demo data and the session-long run, and marks its tests
`django_db`. A failing test leaves `FAILED-<test>.png` in test-artifacts/browser/.
"""
from __future__ import annotations

import io
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command

from capdev.core.testing.browser import (
    launch_chromium,
    missing_requirement,
    orm_beside_playwright,
    start_live_server,
    stop_live_server,
)
from capdev.core.testing.pages import new_page
from capdev.narrative.tests._shared import SEED

HERE = Path(__file__).resolve().parent
# The seed project the browser tests' data gives IATI-style monthly budget lines (add_monthly_budgets below).
MONTHLY_BUDGETS = "Supervising the Poverty Observatory of Mali"


def _is_browser_test(item: pytest.Item | None) -> bool:
    return item is not None and HERE in Path(str(item.path)).resolve().parents


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark this folder's tests `django_db` (the plugin marks them `browser` and skips them if need be).

    `django_db` makes pytest-django create the test database and lets the live server's thread read it during
    the test; each test runs in a transaction rolled back at its end, like the rest of the suite (the tests
    only read: the demo data was committed once, before the first of them; see _BrowserRun).
    """
    for item in items:
        if _is_browser_test(item):
            item.add_marker(pytest.mark.django_db)


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
        self._orm_allowed = None  # the orm_beside_playwright() context while chromium runs

    def get_browser(self):
        """The running browser, started if need be."""
        if self.browser is None:
            from playwright.sync_api import sync_playwright

            self._orm_allowed = orm_beside_playwright()
            self._orm_allowed.__enter__()
            self.playwright = sync_playwright().start()
            self.browser = launch_chromium(self.playwright)
        return self.browser

    def get_server(self, blocker):
        """The live server on the test database, with the demo data loaded, started if need be.

        Not pytest-django's `live_server` fixture: that one turns every test into a transactional test whose
        flush would empty the demo data after the first test; here the data is loaded once and the tests only
        read it. With SQLite in memory the server thread shares the test connection (LiveServer passes it over);
        with PostgreSQL it opens its own and sees the committed data.
        """
        self.get_browser()  # first: the data load below needs the ORM beside Playwright
        if self.blocker is None:
            # Database access stays open until stop(): the server's request threads and the module-scoped page
            # fixtures (test_audit's tour) read outside any test's own database access.
            self.blocker = blocker
            blocker.unblock()
        if not self.data_loaded:
            load_demo_data()
            self.data_loaded = True
        if self.server is None:
            self.server = start_live_server()
        return self.server

    def stop(self) -> None:
        """Stop chromium, then the live server, then flush the demo data; put Django's async check back."""
        if not (self.browser or self.server or self.data_loaded or self.blocker or self._orm_allowed):
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
                stop_live_server(self.server)
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
            if self._orm_allowed is not None:
                self._orm_allowed.__exit__(None, None, None)
                self._orm_allowed = None


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
def site(browser, django_db_setup, django_db_blocker, artifacts):
    """The live server serving the demo data (reference data + the seed, published)."""
    server = _RUN.get_server(django_db_blocker)
    return Site(base=server.url, artifacts=artifacts)


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
