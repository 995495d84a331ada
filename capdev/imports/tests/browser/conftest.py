"""Browser tests of the import page: their own live server on a transactional test database, and the worker
run in the test's thread between the page's requests (a lock keeps the two from sharing the SQLite connection
at once). Chromium, the marking and the server are capdev.core.testing.browser's."""
from __future__ import annotations

import io
import threading

import pytest
from django.core.management import call_command

from capdev.accounts.testing import make_user
from capdev.core.testing.browser import live_server
from capdev.core.testing.pages import sign_in

# One request or one worker run at a time: with SQLite in memory the server and the test share one connection.
DATABASE_TURN = threading.Lock()
EDITOR_NAME = "editor-pacb"
PASSWORD = "browser-test-password-1"


@pytest.fixture
def live(transactional_db, settings):
    """A live server on the test database, with reference data and an editor of PACB."""
    from capdev.accounts.roles import EDITOR

    settings.CAPDEV_IMPORT_POLL_SECONDS = 1
    call_command("load_reference", stdout=io.StringIO())
    make_user(EDITOR_NAME, EDITOR, "PACB", password=PASSWORD)
    with live_server(DATABASE_TURN) as server:
        yield server


def sign_in_as_editor(page, live) -> None:
    sign_in(page, live.url, EDITOR_NAME, PASSWORD)


def work() -> None:
    """Run the queued tasks, as `capdev db_worker` does, taking the database turn."""
    from capdev.imports.tests.conftest import run_worker

    with DATABASE_TURN:
        run_worker()
