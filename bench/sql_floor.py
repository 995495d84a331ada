"""The database's own share of an IATI import: record the statements an import runs, then replay them alone.

    sql_floor.py record DB FILE OUT   import FILE into the SQLite database DB as `capdev iati import --publish`
                                      does (in one process), writing every statement and its parameters to OUT
    sql_floor.py replay DB OUT        run them again, in order, on another copy of the database DB was before
                                      the import, through the sqlite3 module alone (no Django, no rows built in
                                      Python), and print the seconds spent in SQLite as JSON

The replay's time is a floor for the import: any importer that writes the same rows, history rows, source
text and search documents through SQLite spends at least that long in SQLite, however little its Python
costs and however its reading overlaps its writing. bench/iati_import.py uses it to say how much of the
import is the database's and which speed ratio against iterparse any writer of these rows could reach.
Only the time inside SQLite counts: reading OUT is left out.
"""
from __future__ import annotations

import datetime as dt
import decimal
import json
import os
import pickle
import sqlite3
import sys
import time


def _plain(value):
    """A parameter as the sqlite3 module takes it without Django's adapters (as Django adapts it for SQLite)."""
    if isinstance(value, str):
        return str(value)  # choices are str subclasses whose classes need Django to unpickle
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, dt.datetime):
        return value.isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _params(params):
    if params is None:
        return ()
    if isinstance(params, dict):
        return {k: _plain(v) for k, v in params.items()}
    return tuple(_plain(v) for v in params)


def record(db: str, file: str, out: str) -> None:
    """Import file into db, writing each statement run (SQLite's placeholders, plain parameters) to out."""
    os.environ["DATABASE_URL"] = f"sqlite:///{db}"
    import django

    django.setup()
    from django.db import connection
    from django.db.backends.sqlite3.base import FORMAT_QMARK_REGEX

    from capdev.iati.importer import IatiImporter

    with open(out, "wb") as fh:
        def wrapper(execute, sql, params, many, context):
            if many:
                params = list(params)  # may be a generator: kept to be both recorded and run
            sqlite_sql = FORMAT_QMARK_REGEX.sub("?", sql).replace("%%", "%")
            recorded = [_params(p) for p in params] if many else _params(params)
            pickle.dump((sqlite_sql, recorded, many), fh, protocol=pickle.HIGHEST_PROTOCOL)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(wrapper):
            result = IatiImporter(publish=True, on_finding=lambda finding: None).import_file(file)
        pickle.dump(("COMMIT", (), False), fh)  # what atomic() ends with (the connection's commit, not a statement)
    if result.refused:
        raise SystemExit(f"{file}: the import was refused ({len(result.errors)} errors)")


def replay(db: str, out: str) -> dict:
    """Run out's statements on db; the seconds spent in SQLite and how many statements and rows."""
    connection = sqlite3.connect(db, isolation_level=None)  # BEGIN and savepoints come from the recording
    connection.execute("PRAGMA foreign_keys = ON")  # as Django opens an SQLite connection
    connection.execute("PRAGMA legacy_alter_table = OFF")
    cursor = connection.cursor()
    seconds, statements, rows = 0.0, 0, 0
    with open(out, "rb") as fh:
        while True:
            try:
                sql, params, many = pickle.load(fh)
            except EOFError:
                break
            t = time.perf_counter()
            if many:
                cursor.executemany(sql, params)
            else:
                cursor.execute(sql, params)
                if cursor.description is not None:
                    cursor.fetchall()
            seconds += time.perf_counter() - t
            statements += 1
            rows += len(params) if many else 1
    connection.close()
    return {"sqlite_seconds": seconds, "statements": statements, "rows": rows}


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "record":
        record(*sys.argv[2:])
    elif len(sys.argv) == 4 and sys.argv[1] == "replay":
        print(json.dumps(replay(*sys.argv[2:])))
    else:
        raise SystemExit(__doc__)
