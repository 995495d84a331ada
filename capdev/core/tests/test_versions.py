"""A row's version as a token, and `hold`: the check that locks the row in the transaction that writes."""
import datetime as dt

import pytest
from django.db import transaction

from capdev.core import versions
from capdev.projects.models import Project
from capdev.settings.base import database_from_env


@pytest.fixture
def project(db):
    return Project.objects.create(title="Digital government strategy")


def test_a_token_names_the_stored_version_exactly(project):
    project.refresh_from_db()  # the version as the database keeps it (microseconds on both databases)
    assert versions.parse(versions.token(project)) == project.last_updated
    with transaction.atomic():
        versions.hold(Project, project.pk, versions.parse(versions.token(project)))


@pytest.mark.parametrize("text", [None, "", " ", "abc", "-5", "1.5", "１２３", "9" * 21, "99999999999999999999"])
def test_anything_but_a_token_is_no_version(text):
    assert versions.parse(text) is None


def test_hold_runs_only_in_the_transaction_that_writes(transactional_db):
    project = Project.objects.create(title="Digital government strategy")
    with pytest.raises(RuntimeError, match="inside the transaction"):
        versions.hold(Project, project.pk, project.last_updated)  # its lock would end with the statement


def test_hold_refuses_another_version(project):
    project.refresh_from_db()
    seen = project.last_updated
    project.title = "Changed by someone"
    project.save()
    with pytest.raises(versions.StaleVersion) as refused, transaction.atomic():
        versions.hold(Project, project.pk, seen)
    assert refused.value.current == Project.objects.get(pk=project.pk).last_updated
    with pytest.raises(versions.StaleVersion), transaction.atomic():
        versions.hold(Project, 10 ** 9, seen)  # gone


def test_hold_changes_nothing(project):
    project.refresh_from_db()
    with transaction.atomic():
        versions.hold(Project, project.pk, project.last_updated)
    assert Project.objects.get(pk=project.pk).last_updated == project.last_updated
    assert Project.history.filter(id=project.pk).count() == 1


def test_sqlite_transactions_take_the_write_lock_as_they_begin(monkeypatch, tmp_path):
    """Else a save that read first could not take the lock after another writer (database is locked)."""
    monkeypatch.delenv("DATABASE_URL", raising=False)
    assert database_from_env(tmp_path / "a.sqlite3")["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'b.sqlite3'}")
    assert database_from_env(None)["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    monkeypatch.setenv("DATABASE_URL", "postgres://capdev:secret@127.0.0.1:5432/capdev")
    assert "transaction_mode" not in database_from_env(None).get("OPTIONS", {})


def test_a_version_is_a_datetime_in_utc(project):
    assert versions.parse("0") == dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
