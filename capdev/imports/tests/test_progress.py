"""The import step's progress is seen while its transaction is still open (PostgreSQL), never half-written."""
from __future__ import annotations

import pytest
from django.db import connection, transaction

from capdev.imports.models import ImportJob
from capdev.imports.runs import Counter, report_from_inside


@pytest.fixture
def job(transactional_db, django_user_model):
    user = django_user_model.objects.create_user("someone", password="unused in tests 123")
    return ImportJob.objects.create(user=user, file_name="records.txt", state=ImportJob.State.IMPORTING)


def test_progress_is_written_from_outside_the_imports_transaction(job):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has one writer at a time: progress there is shown when the import step ends")
    with transaction.atomic():
        ImportJob.objects.create(user=job.user, file_name="the import's own write.txt")
        list(Counter(job.pk, "writing 4 records", 4)(["a", "b", "c", "d"]))
        # Committed by the other connection, so this one (and the page's) reads it before the import ends.
        assert ImportJob.objects.values_list("done", "total", "stage").get(pk=job.pk) == (4, 4, "writing 4 records")
        transaction.set_rollback(True)
    assert not ImportJob.objects.filter(file_name="the import's own write.txt").exists()


def test_on_sqlite_progress_waits_for_the_import_step(job):
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL writes progress from a second connection")
    report_from_inside(job.pk, done=1, total=2)
    assert ImportJob.objects.values_list("done", "total").get(pk=job.pk) == (0, 0)
