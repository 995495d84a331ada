"""Fixtures for the import page: reference data, staff in each role, and the worker run in this process."""
from __future__ import annotations

import io
from unittest import mock

import pytest
from django.core.management import call_command

from capdev.accounts.roles import EDITOR, REVIEWER, VIEWER
from capdev.accounts.testing import make_user


def run_worker() -> int:
    """Run every queued task with django-tasks-db's own worker (batch mode: until the queue is empty)."""
    from django_tasks_db.management.commands.db_worker import Worker
    from django_tasks_db.models import DBTaskResult

    before = DBTaskResult.objects.count()
    worker = Worker(queue_names=["default"], interval=0, batch=True, backend_name="default", startup_delay=False,
                    max_tasks=None, worker_id="capdev-test-worker", excluded_queue_names=[])
    # Between tasks the worker closes connections that are not in autocommit, as Django does after a request;
    # inside a test's transaction (PostgreSQL) that would end the test's own transaction.
    with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None):
        worker.run()
    return before


@pytest.fixture
def reference(db):
    call_command("load_reference", stdout=io.StringIO())


@pytest.fixture
def users(reference, db):
    """An editor of PACB, an editor of DMB, a reviewer, a viewer, and someone signed in without a role."""
    return {"pacb": make_user("ed-pacb", EDITOR, "PACB"), "dmb": make_user("ed-dmb", EDITOR, "DMB"),
            "reviewer": make_user("reviewer", REVIEWER), "viewer": make_user("viewer", VIEWER),
            "nobody": make_user("nobody")}
