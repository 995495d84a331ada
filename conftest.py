"""Test-session wiring: `pytest --db=postgresql` runs the suite on a PostgreSQL that pytest-postgresql starts."""
from __future__ import annotations

import glob
import os
import pwd
import shutil
import stat
import tempfile
from pathlib import Path

import pytest

# Fixtures and hooks shared by every app's tests: the browser tests' chromium, live servers and screenshots.
pytest_plugins = ["capdev.core.testing.browser"]


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--db", choices=["sqlite", "postgresql"], default="sqlite",
                     help="database to run the suite on (postgresql needs Debian's postgresql binaries)")


def find_pg_ctl() -> str | None:
    """pg_ctl from CAPDEV_PG_CTL, Debian's /usr/lib/postgresql/<newest>/bin, or the PATH."""
    candidates = [os.environ.get("CAPDEV_PG_CTL", "")]
    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"),
                         key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0, reverse=True)
    candidates.append(shutil.which("pg_ctl") or "")
    return next((c for c in candidates if c and os.access(c, os.X_OK)), None)


def _start_postgresql(workdir: Path):
    """Start a throwaway PostgreSQL server in workdir; as root, it runs as the `postgres` user."""
    from port_for import get_port
    from pytest_postgresql.executors import PostgreSQLExecutor

    pg_ctl = find_pg_ctl()
    if pg_ctl is None:
        pytest.exit("--db=postgresql: no pg_ctl found (install Debian's postgresql)", returncode=3)
    executable = pg_ctl
    if os.geteuid() == 0:
        # initdb refuses to run as root: run the server as the postgres user that Debian's package creates.
        try:
            pg_user = pwd.getpwnam("postgres")
        except KeyError:
            pytest.exit("--db=postgresql as root needs a 'postgres' system user", returncode=3)
        os.chown(workdir, pg_user.pw_uid, pg_user.pw_gid)
        wrapper = workdir.parent / f"{workdir.name}-pg_ctl"
        wrapper.write_text(f'#!/bin/sh\nexec runuser -u postgres -- {pg_ctl} "$@"\n')
        wrapper.chmod(wrapper.stat().st_mode | stat.S_IXUSR)
        executable = str(wrapper)
    port = get_port(None)
    executor = PostgreSQLExecutor(
        executable=executable, host="127.0.0.1", port=port, datadir=str(workdir / "data"),
        unixsocketdir=str(workdir), logfile=str(workdir / "postgresql.log"),
        startparams="-w", dbname="capdev_test", user="postgres",
        # A throwaway server: durability buys nothing here and costs time.
        postgres_options="-c fsync=off -c synchronous_commit=off -c full_page_writes=off",
    )
    executor.start()
    executor.wait_for_postgres()
    return executor


@pytest.fixture(scope="session")
def django_db_modify_db_settings(request: pytest.FixtureRequest) -> None:
    """Point Django at a fresh PostgreSQL server when the run asks for one."""
    if request.config.getoption("--db") != "postgresql":
        return
    from django.conf import settings

    workdir = Path(tempfile.mkdtemp(prefix="capdev-pg-"))
    executor = _start_postgresql(workdir)

    def stop() -> None:
        executor.stop()
        shutil.rmtree(workdir, ignore_errors=True)
        Path(f"{workdir}-pg_ctl").unlink(missing_ok=True)

    request.addfinalizer(stop)
    from asgiref.local import Local
    from django.db import connections

    settings.DATABASES["default"].update(
        ENGINE="django.db.backends.postgresql", NAME="postgres", USER="postgres", PASSWORD="",
        HOST="127.0.0.1", PORT=str(executor.port), OPTIONS={},  # (SQLite's options mean nothing to psycopg)
    )
    # The handler may already hold an SQLite connection: drop it so the next use connects to PostgreSQL.
    connections.close_all()
    connections.__dict__.pop("settings", None)
    connections._connections = Local(connections.thread_critical)


@pytest.fixture(scope="session")
def db_vendor(request: pytest.FixtureRequest) -> str:
    """'sqlite' or 'postgresql': the database this run uses."""
    return request.config.getoption("--db")


# Fixtures through which a test reaches the database; a test that requests none of them, carries no django_db
# mark and is no Django TestCase cannot touch it (pytest-django refuses the access), so it gives the same result
# on either database.
_DATABASE_FIXTURES = frozenset({"db", "transactional_db", "django_db_setup", "live_server",
                                "db_vendor"})


def _needs_database(item: pytest.Item) -> bool:
    if item.get_closest_marker("django_db") or item.get_closest_marker("postgres"):
        return True
    if _DATABASE_FIXTURES.intersection(getattr(item, "fixturenames", ())):
        return True
    test_class = getattr(item, "cls", None)
    if test_class is not None:
        from django.test import TransactionTestCase

        return issubclass(test_class, TransactionTestCase)
    return False


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The PostgreSQL run leaves out the tests that touch no database (the narrative parser's, about a third of
    the suite): the SQLite run of the same code has run them, and running them twice cost CI minutes."""
    if config.getoption("--db") != "postgresql" or os.environ.get("CAPDEV_PG_RUN_ALL"):
        return
    kept, left = [], []
    for item in items:
        (kept if _needs_database(item) else left).append(item)
    if left:
        config.hook.pytest_deselected(items=left)
        items[:] = kept
