"""The query planner's statistics after bulk writes.

PostgreSQL's autovacuum analyses a table once a tenth of it has changed. SQLite keeps no statistics until
ANALYZE runs, and without them its planner guesses: at 100,000 projects it read `draft_of IS NULL` off the
draft link's unique index as one row and walked every project to list twenty (43 ms instead of 4). Imports
that write many projects therefore analyse an SQLite database as they finish, sampling a bounded number of
rows per index so that this takes milliseconds, not a pass over the whole file.
"""
from __future__ import annotations

from django.db import connections

# Projects written by one import from which SQLite's statistics are refreshed (a small import changes too
# little to matter, and a web request should not pay for the pass).
AFTER_PROJECTS = 500
# Rows SQLite samples per index (PRAGMA analysis_limit): enough for the planner's choices, cheap at any size.
ANALYSIS_LIMIT = 1000


def refresh_after_import(projects_written: int, using: str = "default") -> bool:
    """Analyse an SQLite database after an import that wrote many projects; True when it did."""
    connection = connections[using]
    if connection.vendor != "sqlite" or projects_written < AFTER_PROJECTS:
        return False
    with connection.cursor() as cursor:
        cursor.execute(f"PRAGMA analysis_limit = {int(ANALYSIS_LIMIT)}")
        cursor.execute("ANALYZE")
    return True
