"""A real Capdev server in its own process, on the test's data, for tests that race requests against each other.

The server is `capdev runserver` (a thread per request, each with its own database connection) on the test
database: PostgreSQL's test database itself, or, on SQLite, a file copy of the in-memory test database (an
in-memory database cannot be shared between processes). Tests that use it take `transactional_db`, so that
what they create is committed before the copy or the server reads it.

`held(table, pk)` takes the row's lock from a third connection (on SQLite, the database's write lock): saves sent
meanwhile all wait for it, so that they overlap, whatever the machine's speed, when it is let go.
"""
from __future__ import annotations

import contextlib
import http.client
import os
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.parse
from dataclasses import dataclass
from http.cookies import SimpleCookie
from pathlib import Path

import lxml.html

ROOT = Path(__file__).resolve().parents[3]
START_TIMEOUT = 60.0  # seconds for the server to answer its first request
WAIT_TIMEOUT = 30.0  # seconds for the saves to queue behind a held row
SETTLE = 2.0  # SQLite cannot tell who waits for its lock: seconds given to the saves to reach it


@dataclass
class Reply:
    """An HTTP response as the test reads it."""

    status: int
    headers: http.client.HTTPMessage
    text: str

    def form(self, action: str) -> dict[str, str]:
        """The values a browser would submit for the form posting to action."""
        doc = lxml.html.fromstring(self.text)
        for form in doc.forms:
            if form.get("action") == action:
                return dict(form.form_values())
        raise AssertionError(f"no form posting to {action} in a {self.status} page")


class Browser:
    """A client with its own cookies (a signed-in session), that follows no redirect."""

    def __init__(self, port: int, cookies: dict[str, str] | None = None, headers: dict[str, str] | None = None):
        self.port, self.cookies, self.headers = port, dict(cookies or {}), dict(headers or {})

    def request(self, method: str, path: str, data: dict | None = None, body: bytes | None = None,
                headers: dict[str, str] | None = None) -> Reply:
        sent = {**self.headers, **(headers or {})}
        if data is not None:
            body = urllib.parse.urlencode(data, doseq=True).encode()
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=WAIT_TIMEOUT + 60)
        try:
            connection.request(method, path, body=body, headers=sent)
            response = connection.getresponse()
            text = response.read().decode("utf-8", "replace")
        finally:
            connection.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return Reply(response.status, response.headers, text)

    def get(self, path: str, **kwargs) -> Reply:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, data: dict, **kwargs) -> Reply:
        return self.request("POST", path, data=data, **kwargs)


class LiveCapdev:
    """The server process and the database it runs on."""

    def __init__(self, workdir: Path):
        from django.conf import settings
        from django.db import connection

        self.vendor = connection.vendor
        self.settings = connection.settings_dict
        self.workdir = workdir
        self.port = _free_port()
        self.process: subprocess.Popen | None = None
        self.secret_key = settings.SECRET_KEY
        self.sqlite_file = workdir / "live.sqlite3"

    # -- the server ------------------------------------------------------------------------------------------

    def start(self) -> None:
        if self.vendor == "sqlite":
            self._copy_sqlite()
            url = f"sqlite:///{self.sqlite_file}"
        else:
            s = self.settings
            url = f"postgres://{s['USER']}:{s['PASSWORD']}@{s['HOST']}:{s['PORT']}/{s['NAME']}"
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "capdev.settings.development", "DATABASE_URL": url,
               "SECRET_KEY": self.secret_key, "DEBUG": "0", "CAPDEV_FACET_INDEX": "0",
               "CAPDEV_VAR_DIR": str(self.workdir / "var"), "ALLOWED_HOSTS": "127.0.0.1,localhost"}
        log = (self.workdir / "server.log").open("wb")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "capdev.cli", "runserver", f"127.0.0.1:{self.port}", "--noreload", "--skip-checks"],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server stopped: {self.log()}")
            try:
                Browser(self.port).get("/accounts/login/")
                return
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"the server did not answer in {START_TIMEOUT} s: {self.log()}") from None
                time.sleep(0.2)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def log(self) -> str:
        path = self.workdir / "server.log"
        return path.read_text(errors="replace")[-3000:] if path.exists() else ""

    def _copy_sqlite(self) -> None:
        from django.db import connection

        connection.ensure_connection()
        target = sqlite3.connect(self.sqlite_file)
        try:
            connection.connection.backup(target)
        finally:
            target.close()

    # -- clients ---------------------------------------------------------------------------------------------

    def signed_in(self, user) -> Browser:
        """A browser with a session of this user (made in the test database: before start(), which copies it)."""
        from django.test import Client

        assert self.process is None, "sign in before start(): on SQLite the server reads a copy made as it starts"

        client = Client()
        client.force_login(user)
        return Browser(self.port, {"sessionid": client.cookies["sessionid"].value})

    def browser(self, **headers: str) -> Browser:
        return Browser(self.port, headers=headers)

    # -- reading what the server wrote -----------------------------------------------------------------------

    def value(self, sql: str, params: tuple = ()):
        """The first column of the first row a query returns, read from the server's database."""
        if self.vendor == "sqlite":
            with contextlib.closing(sqlite3.connect(self.sqlite_file)) as db:
                row = db.execute(sql.replace("%s", "?"), params).fetchone()
        else:
            with contextlib.closing(self._pg()) as db, db.cursor() as cursor:
                cursor.execute(sql, params)
                row = cursor.fetchone()
        return None if row is None else row[0]

    def _pg(self):
        import psycopg

        s = self.settings
        return psycopg.connect(host=s["HOST"], port=s["PORT"], user=s["USER"], password=s["PASSWORD"] or None,
                               dbname=s["NAME"], autocommit=True)

    # -- racing ----------------------------------------------------------------------------------------------

    @contextlib.contextmanager
    def held(self, table: str, pk: int):
        """Hold the row's lock (SQLite: the database's write lock) until the block ends."""
        if self.vendor == "sqlite":
            db = sqlite3.connect(self.sqlite_file, isolation_level=None, timeout=WAIT_TIMEOUT)
            db.execute("BEGIN IMMEDIATE")
            try:
                yield
            finally:
                db.execute("COMMIT")
                db.close()
        else:
            db = self._pg()
            try:
                with db.transaction():
                    db.execute(f'SELECT id FROM "{table}" WHERE id = %s FOR UPDATE', (pk,))
                    yield
            finally:
                db.close()

    def race(self, table: str, pk: int, *saves) -> list:
        """Run each save (a function returning a Reply) in its own thread while the row is held, and let them go
        together once each is waiting for it; the replies, in the order of the saves."""
        replies: list = [None] * len(saves)

        def run(i, save):
            try:
                replies[i] = save()
            except BaseException as exc:  # reported below, in the test's thread
                replies[i] = exc

        with self.held(table, pk):
            threads = [threading.Thread(target=run, args=(i, save)) for i, save in enumerate(saves)]
            for thread in threads:
                thread.start()
            self._wait_until_waiting(len(saves))
        for thread in threads:
            thread.join(WAIT_TIMEOUT + 60)
        for reply in replies:
            if isinstance(reply, BaseException):
                raise reply
        return replies

    def _wait_until_waiting(self, count: int) -> None:
        if self.vendor == "sqlite":
            time.sleep(SETTLE)
            return
        deadline = time.monotonic() + WAIT_TIMEOUT
        query = ("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                 "AND datname = current_database()")
        while self.value(query) < count:
            if time.monotonic() > deadline:
                raise AssertionError(f"the saves did not all reach the row lock in {WAIT_TIMEOUT} s: {self.log()}")
            time.sleep(0.05)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
