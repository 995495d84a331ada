"""Project model: constraints, dates with precision, status derivation."""
import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from capdev.core.bulk import IN_CHUNK
from capdev.narrative.types import PartialDate
from capdev.projects.models import (
    Budget,
    Project,
    ProjectCountry,
    ProjectStatus,
    derive_status,
)
from capdev.reference.models import Country, Currency

pytestmark = pytest.mark.django_db


@pytest.fixture
def project() -> Project:
    p = Project(title="Strengthening ICT in Caribbean parliaments")
    p.start = PartialDate(2010, 2)
    p.end = PartialDate(2012, 6)
    p.save()
    return p


def test_month_precision_is_stored_as_period_edges(project):
    project.refresh_from_db()
    assert project.start_date == dt.date(2010, 2, 1)
    assert project.end_date == dt.date(2012, 6, 30)
    assert project.start.iso() == "2010-02"
    assert project.end.iso() == "2012-06"


def test_year_precision_round_trips():
    p = Project(title="t")
    p.start, p.end = PartialDate(2006, 6), PartialDate(2030)
    p.save()
    p.refresh_from_db()
    assert (p.start.iso(), p.end.iso()) == ("2006-06", "2030")
    assert p.end_date == dt.date(2030, 12, 31)


def test_end_before_start_is_refused_by_the_database():
    p = Project(title="reversed")
    p.start, p.end = PartialDate(2012, 6), PartialDate(2010, 2)
    with pytest.raises(IntegrityError), transaction.atomic():
        p.save()


def test_end_before_start_is_a_validation_error():
    p = Project(title="reversed")
    p.start, p.end = PartialDate(2012, 6), PartialDate(2010, 2)
    with pytest.raises(ValidationError) as info:
        p.full_clean()
    assert "end cannot be before the start" in str(info.value)


def test_same_month_start_and_end_is_allowed():
    p = Project(title="one month")
    p.start, p.end = PartialDate(2010, 9), PartialDate(2010, 9)
    p.save()
    assert p.pk


def test_code_is_unique_when_set():
    Project.objects.create(title="a", code="ZAI/08/001")
    with pytest.raises(IntegrityError), transaction.atomic():
        Project.objects.create(title="b", code="ZAI/08/001")


@pytest.fixture
def originals_and_a_copy() -> dict[str, Project]:
    """Three originals (one with a working copy carrying its code and identifier) and one without either."""
    made = {k: Project.objects.create(title=k, code=f"C-{k}", iati_identifier=f"XM-DAC-41127-{k}") for k in "abc"}
    made["copy"] = Project.objects.create(title="a (copy)", code="C-a", iati_identifier="XM-DAC-41127-a",
                                          draft_of=made["a"])
    made["bare"] = Project.objects.create(title="no code")
    return made


@pytest.mark.parametrize("field", ["code", "iati_identifier"])
def test_registry_with_finds_originals_never_their_working_copies(originals_and_a_copy, field):
    made = originals_and_a_copy
    # More values than one IN (...) takes on SQLite, most of them unknown, with blanks and repeats.
    values = [getattr(made[k], field) for k in "ab"] + ["", None, getattr(made["a"], field)] + \
        [f"unknown-{i}" for i in range(IN_CHUNK + 10)]
    found = Project.objects.registry_with(field, values)
    assert sorted(p.pk for p in found) == [made["a"].pk, made["b"].pk]
    assert set(found) == set(Project.objects.registry().filter(**{f"{field}__in": [v for v in values if v]}))
    assert not Project.objects.registry_with(field, ["", None]).exists()


@pytest.mark.parametrize("field", ["code", "iati_identifier"])
def test_registry_with_looks_up_through_the_unique_index_on_sqlite(originals_and_a_copy, field):
    """Without statistics SQLite took the draft link's index for `draft_of IS NULL` and walked every original."""
    if connection.vendor != "sqlite":
        pytest.skip("a query plan of SQLite's (PostgreSQL plans from the statistics autovacuum keeps)")
    with CaptureQueriesContext(connection) as queries:
        list(Project.objects.registry_with(field, ["C-a", "XM-DAC-41127-b", "other"]))
    plans = []
    with connection.cursor() as cursor:
        for query in queries.captured_queries:
            cursor.execute("EXPLAIN QUERY PLAN " + query["sql"])
            plans += [row[3] for row in cursor.fetchall()]
    assert plans
    assert not [p for p in plans if "projects_project" in p and ("SCAN" in p or "autoindex" in p)], plans


def test_many_projects_may_have_no_code():
    Project.objects.create(title="a", code="")
    Project.objects.create(title="b", code=None)
    Project.objects.create(title="c", code="  ")
    assert Project.objects.filter(code__isnull=True).count() == 3


@pytest.mark.parametrize("percentage", [Decimal("-1"), Decimal("100.01")])
def test_country_percentage_outside_0_100_is_refused(project, percentage):
    country = Country.objects.create(iso3="BRB", iso2="BB", name="Barbados")
    with pytest.raises(IntegrityError), transaction.atomic():
        ProjectCountry.objects.create(project=project, country=country, percentage=percentage)


@pytest.mark.parametrize("percentage", [Decimal("0"), Decimal("33.33"), Decimal("100")])
def test_country_percentage_within_0_100_is_kept(project, percentage):
    country = Country.objects.create(iso3="BRB", iso2="BB", name="Barbados")
    link = ProjectCountry.objects.create(project=project, country=country, percentage=percentage)
    link.refresh_from_db()
    assert link.percentage == percentage


def test_negative_budget_is_refused(project):
    usd = Currency.objects.create(code="USD", name="US Dollar")
    with pytest.raises(IntegrityError), transaction.atomic():
        Budget.objects.create(project=project, amount=Decimal("-5"), currency=usd)


@pytest.mark.parametrize(
    "today, expected",
    [
        (dt.date(2010, 1, 31), ProjectStatus.PLANNED),
        (dt.date(2010, 2, 1), ProjectStatus.ACTIVE),  # "February 2010" starts on the 1st
        (dt.date(2012, 6, 30), ProjectStatus.ACTIVE),  # "June 2012" ends on the 30th
        (dt.date(2012, 7, 1), ProjectStatus.COMPLETED),
    ],
)
def test_status_is_derived_from_dates_at_their_precision(project, today, expected):
    assert derive_status(project.start_date, project.end_date, today) == expected
    annotated = Project.objects.with_status(today).get(pk=project.pk)
    assert annotated.current_status == expected


def test_status_set_by_an_editor_wins(project):
    project.status_override = ProjectStatus.ACTIVE
    project.save()
    annotated = Project.objects.with_status(dt.date(2030, 1, 1)).get(pk=project.pk)
    assert annotated.current_status == ProjectStatus.ACTIVE
    assert project.status == ProjectStatus.ACTIVE


def test_status_is_unknown_without_dates():
    p = Project.objects.create(title="undated")
    assert p.status is None
    assert Project.objects.with_status().get(pk=p.pk).current_status == ""


def test_changes_are_kept_in_history(project):
    project.title = "Renamed"
    project.save()
    titles = list(project.history.order_by("history_date").values_list("title", flat=True))
    assert titles == ["Strengthening ICT in Caribbean parliaments", "Renamed"]
