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


@pytest.fixture(autouse=True)
def _no_pages_kept_between_tests():
    """Each test starts with an empty page cache (capdev.core.http_cache): a page kept by another test, at a
    version its data happened to share, or under other settings, must not answer."""
    from capdev.core import http_cache

    http_cache.clear()
    yield


@pytest.fixture(autouse=True)
def _page_language_not_kept_between_tests():
    """A request for a /fr/ page leaves French active in the test's thread (LocaleMiddleware activates it and
    nothing deactivates it): the next test's reverse() would give /fr/ addresses and its pages French."""
    yield
    from django.utils import translation

    translation.deactivate()


SYNTHETIC_SIZE = 400
SYNTHETIC_PEOPLE = 1500


@pytest.fixture(scope="module")
def synthetic(portfolio, django_db_blocker):
    """The seed plus SYNTHETIC_SIZE generated projects, a tenth of them moved back to draft (the public must not count
    them), and a seventh budgeted by year as IATI does (no total line; some years revised); returns the drafts' ids."""
    import datetime as dt

    from capdev.people.models import Attendance
    from capdev.people.synthetic import generate_people
    from capdev.projects import index_version
    from capdev.projects.models import Budget, Project, ReviewState
    from capdev.projects.synthetic import generate

    with django_db_blocker.unblock():
        generate(SYNTHETIC_SIZE, seed=7, batch=150)
        generate_people(SYNTHETIC_PEOPLE, SYNTHETIC_PEOPLE * 4, seed=7)  # the list's people facets count these
        generated = list(Project.objects.filter(code__startswith="SYN").order_by("pk").values_list("pk", flat=True))
        drafts = generated[::10]
        Project.objects.filter(pk__in=drafts).update(review_state=ReviewState.DRAFT)
        Attendance.objects.filter(project__in=drafts).update(public=False)  # as the signals would on a save
        by_year = generated[3::7]
        totals = {b.project_id: b for b in Budget.objects.filter(project__in=by_year, kind=Budget.Kind.TOTAL)}
        Budget.objects.filter(pk__in=[b.pk for b in totals.values()]).delete()
        lines = []
        for n, (pk, total) in enumerate(sorted(totals.items())):
            for year in (2020, 2021):
                lines.append(Budget(project_id=pk, position=year - 2020, kind=Budget.Kind.YEARLY, year=year,
                                    period_start=dt.date(year, 1, 1), period_end=dt.date(year, 12, 31),
                                    amount=total.amount / 2, currency_id=total.currency_id, label="Original"))
            if n % 2:  # a revision of the second year, which replaces its original in every sum
                lines.append(Budget(project_id=pk, position=2, kind=Budget.Kind.YEARLY, year=2021,
                                    period_start=dt.date(2021, 1, 1), period_end=dt.date(2021, 12, 31),
                                    amount=total.amount, currency_id=total.currency_id, label="Revised"))
        Budget.objects.bulk_create(lines)
        index_version.bump()  # queryset updates and bulk writes send no signal
    return drafts


@pytest.fixture
def budgeted(db):
    """Two published projects: one budgeted by month (IATI's originals, the first six months revised: USD
    220,000,000.62 counted) and one with a total line (USD 1,308,543.25) beside a yearly line."""
    import datetime as dt
    from decimal import Decimal

    from capdev.projects.models import Budget, Project, ReviewState
    from capdev.reference.models import Currency

    Currency.objects.get_or_create(code="USD", defaults={"name": "US Dollar"})
    monthly = Project.objects.create(title="Budgeted by month", review_state=ReviewState.PUBLISHED)
    for month in range(1, 13):
        start = dt.date(2024, month, 1)
        end = dt.date(2024 + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
        Budget.objects.create(project=monthly, position=month, kind=Budget.Kind.OTHER, amount=Decimal("16666666.67"),
                              currency_id="USD", period_start=start, period_end=end)
        if month <= 6:
            Budget.objects.create(project=monthly, position=100 + month, kind=Budget.Kind.OTHER,
                                  amount=Decimal("20000000.10"), currency_id="USD", period_start=start,
                                  period_end=end, label="Revised")
    total = Project.objects.create(title="Budgeted in total", review_state=ReviewState.PUBLISHED)
    Budget.objects.create(project=total, position=0, kind=Budget.Kind.TOTAL, amount=Decimal("1308543.25"),
                          currency_id="USD")
    Budget.objects.create(project=total, position=1, kind=Budget.Kind.YEARLY, amount=Decimal(96000),
                          currency_id="USD", year=2024)
    return monthly, total


@pytest.fixture(autouse=True)
def index_check(monkeypatch):
    """Every answer of the in-memory index in a test is also computed in SQL and must be the same
    (capdev/projects/tests/index_check.py); `index_check.enabled = False` turns it off for a test."""
    from capdev.projects.tests.index_check import IndexCheck

    check = IndexCheck()
    check.install(monkeypatch)
    return check


@pytest.fixture(params=[True, False], ids=["index", "sql"])
def counted(request, settings, index_check):
    """Queries counted as production runs them: without the SQL double-check, with the in-memory index on
    (warmed by a first request, as after a process's first) or off."""
    index_check.enabled = False
    settings.CAPDEV_FACET_INDEX = request.param
    return request.param


@pytest.fixture
def live_capdev(transactional_db, tmp_path):
    """A Capdev server in its own process on the test's data (capdev.core.tests.live); call .start() once the
    data is made. Stopped after the test."""
    from capdev.core.tests.live import LiveCapdev

    live = LiveCapdev(tmp_path)
    yield live
    live.stop()
