"""Settings Capdev gives each new database connection."""
from __future__ import annotations


def without_jit(sender, connection, **kwargs) -> None:
    """Turn PostgreSQL's JIT compilation off on a new connection (connected to `connection_created`).

    PostgreSQL compiles a query once its estimated cost passes jit_above_cost, and correlated subqueries make
    estimates large whatever the data: the budget facet's sum of counted lines (Budget.objects.counted) spent
    about 4 s compiling for 2,000 projects, and 0.1 s running. Capdev's queries are short (its analytics run on
    the in-memory index), and at a million projects none measured ran faster with JIT (docs/performance.md).
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET jit = off")
