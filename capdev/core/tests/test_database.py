"""The suite runs on the database it was asked for."""
import pytest
from django.db import connection, connections


@pytest.mark.django_db
def test_suite_runs_on_the_requested_database(db_vendor):
    assert connection.vendor == db_vendor


@pytest.mark.django_db
def test_postgresql_connections_do_not_compile_queries(db_vendor):
    """JIT compiling cost seconds per query whose estimate correlated subqueries inflate (capdev.core.database)."""
    if db_vendor != "postgresql":
        pytest.skip("PostgreSQL's JIT setting (SQLite has none)")
    fresh = connections.create_connection("default")  # the setting is made as each connection opens
    try:
        with fresh.cursor() as cursor:
            cursor.execute("SHOW jit")
            assert cursor.fetchone()[0] == "off"
    finally:
        fresh.close()
