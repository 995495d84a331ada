"""Bulk writing of plain rows, with or without their change history, at a fixed cost per model.

RowWriter inserts rows of one model at a time, each row a {attname: value} dict: by COPY on PostgreSQL and by
executemany on SQLite (method "copy"), with each column's default and conversion worked out once per model
instead of once per field and row as Django's bulk_create does (about 3.5 times faster), or by bulk_create
itself (method "orm", the reference the fast path is tested against). Unset fields take the field's default,
auto_now/auto_now_add fields the writer's timestamp.

`write` writes rows only. `insert_with_history` and `create_with_history` also write the history rows
django-simple-history's `bulk_create_with_history` writes for the same rows (every tracked field, history_type
"+", history_user from the request as simple-history finds it, history_change_reason NULL); they give every
new row its primary key first (reserved from the table's sequence), so rows pointing at it can follow
without reading keys back. The database copies the history rows from the rows just written (one
INSERT ... SELECT per model and call) rather than Python sending every value a second time.
"""
from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import Enum

from django.conf import settings
from django.db import connections
from django.db.models import AutoField, DateField, DateTimeField, DecimalField, FileField, JSONField, UUIDField
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, get_history_model_for_model

METHODS = ("copy", "orm")
NO_DEFAULT = object()
# Distinct datetimes adapted for SQLite are cached; the cache is emptied past this size so memory stays flat.
ADAPTED_CACHE = 4096
HISTORY_META = ("history_date", "history_change_reason", "history_type", "history_user_id")
# Keys named in one "IN (...)" at most: under SQLite's oldest limit on parameters (999).
IN_CHUNK = 900


@dataclass(frozen=True)
class Column:
    """A field as written: its attname and column, the value of rows that leave it out, its converter."""

    attname: str
    column: str
    default: object
    convert: Callable | None


@dataclass(frozen=True)
class History:
    """A model's history table: its tracked columns, the model's columns they copy, its HISTORY_META columns."""

    model: type
    table: str
    columns: tuple[str, ...]
    sources: tuple[str, ...]
    meta: tuple[str, ...]


_HISTORY: dict[type, History] = {}


def history_of(model) -> History:
    """The model's History, worked out once per process (simple-history's lookup builds a manager class each time)."""
    if model not in _HISTORY:
        history = get_history_model_for_model(model)
        by_attname = {f.attname: f for f in history._meta.concrete_fields}
        tracked = [f.attname for f in history.tracked_fields]
        extra = set(by_attname) - set(tracked) - set(HISTORY_META) - {history._meta.pk.attname}
        if extra:
            raise NotImplementedError(f"{history.__name__}: history fields {sorted(extra)} are not written")
        source = {f.attname: f.column for f in model._meta.concrete_fields}
        _HISTORY[model] = History(history, history._meta.db_table, tuple(by_attname[a].column for a in tracked),
                                  tuple(source[a] for a in tracked), tuple(by_attname[a].column for a in HISTORY_META))
    return _HISTORY[model]


class RowWriter:
    """Writes rows of one model in bulk (see the module docstring)."""

    def __init__(self, using: str = "default", method: str = "copy"):
        if method not in METHODS:
            raise ValueError(f"method must be one of {METHODS}")
        self.using, self.method = using, method
        self.connection = connections[using]
        self.vendor = self.connection.vendor
        self.now = timezone.now()
        self._columns: dict[tuple[type, bool], list[Column]] = {}
        self._adapted: dict[object, object] = {}
        self._reserved: dict[str, int] = {}

    # -- columns
    def columns(self, model, with_pk: bool = False) -> list[Column]:
        """The columns written for a model, the automatic primary key only when the rows carry it."""
        key = (model, with_pk)
        if key not in self._columns:
            cols = []
            for f in model._meta.concrete_fields:
                if f.primary_key and isinstance(f, AutoField) and not with_pk:
                    continue
                if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                    default = self.now
                elif f.has_default() or f.null or f.empty_strings_allowed:
                    default = f.get_default()  # what Model() would set: the default, None or ""
                else:
                    default = NO_DEFAULT
                convert = self.converter(f)
                if convert is not None and default is not NO_DEFAULT:
                    default = convert(default)
                cols.append(Column(f.attname, f.column, default, convert))
            self._columns[key] = cols
        return self._columns[key]

    def converter(self, f) -> Callable | None:
        """How a field's Python value becomes what the driver takes; None when it takes it as it is."""
        if f.choices:
            # Choices enums are str subclasses, but psycopg dumps an Enum by its name: send the value.
            return lambda v: v.value if isinstance(v, Enum) else v
        if isinstance(f, JSONField):
            # As Django's adapt_json_value writes it (PostgreSQL parses the same text into jsonb).
            return lambda v, encoder=f.encoder: None if v is None else json.dumps(v, cls=encoder)
        if isinstance(f, FileField):
            return lambda v: None if v is None else str(getattr(v, "name", v) or "")
        if self.vendor != "sqlite":
            return None
        if isinstance(f, DateTimeField):
            return self._datetime
        if isinstance(f, DateField):
            return lambda v: None if v is None else v.isoformat()
        if isinstance(f, DecimalField):
            return lambda v: None if v is None else str(v)
        if isinstance(f, UUIDField):
            return lambda v: None if v is None else v.hex  # as Django stores a UUID in SQLite: char(32)
        return None

    def _datetime(self, value):
        # As Django writes datetimes to SQLite (UTC, no offset); the few distinct timestamps are cached.
        if value not in self._adapted:
            if len(self._adapted) >= ADAPTED_CACHE:
                self._adapted.clear()
            self._adapted[value] = self.connection.ops.adapt_datetimefield_value(value)
        return self._adapted[value]

    def _values(self, model, rows: list[dict]) -> tuple[list[Column], list[list]]:
        """The columns, in the order written, and each row's values in that order."""
        with_pk = model._meta.pk.attname in rows[0]
        cols = self.columns(model, with_pk)
        missing = [c.attname for c in cols if c.default is NO_DEFAULT and c.attname not in rows[0]]
        if missing:
            raise ValueError(f"{model.__name__}: no value for {missing}")
        plain = [(c.attname, c.default) for c in cols if c.convert is None]
        converted = [(c.attname, c.default, c.convert) for c in cols if c.convert is not None]
        order = [c for c in cols if c.convert is None] + [c for c in cols if c.convert is not None]
        values = [[r.get(a, d) for a, d in plain] + [f(r[a]) if a in r else d for a, d, f in converted]
                  for r in rows]
        return order, values

    # -- writing
    def write(self, model, rows: list[dict]) -> int:
        """Insert the rows (no history); returns how many."""
        if not rows:
            return 0
        if self.method == "orm":
            self._values(model, rows[:1])  # the same check of missing values
            model.objects.using(self.using).bulk_create([model(**r) for r in rows], batch_size=5000)
            return len(rows)
        order, values = self._values(model, rows)
        self._insert(model._meta.db_table, [c.column for c in order], values)
        return len(rows)

    def _insert(self, table: str, columns: list[str], values: Iterable[list]) -> None:
        quote = self.connection.ops.quote_name
        names = ", ".join(quote(c) for c in columns)
        if self.vendor == "postgresql":
            self.connection.ensure_connection()
            raw = self.connection.connection  # psycopg 3: COPY is the fastest way into PostgreSQL
            with raw.cursor() as cursor, cursor.copy(f"COPY {quote(table)} ({names}) FROM STDIN") as copy:
                for row in values:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(columns))
            with self.connection.cursor() as cursor:
                cursor.executemany(f"INSERT INTO {quote(table)} ({names}) VALUES ({marks})", values)

    def reserve_ids(self, model, n: int) -> list[int]:
        """n unused primary keys of the model's table, increasing (for rows inserted in this transaction)."""
        if n <= 0:
            return []
        table, pk = model._meta.db_table, model._meta.pk.column
        quote = self.connection.ops.quote_name
        with self.connection.cursor() as cursor:
            if self.vendor == "postgresql":
                # From the sequence, as the column's default would: safe with other writers.
                cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                               [quote(table), pk, n])
                return sorted(row[0] for row in cursor.fetchall())
            if self.vendor != "sqlite":
                raise NotImplementedError(f"reserving keys on {self.vendor}")
            # Past the largest key ever used (AUTOINCREMENT's sqlite_sequence), so keys of deleted rows, which
            # history rows still name, are not given again; SQLite's serialised writes make this safe.
            cursor.execute(f"SELECT MAX({quote(pk)}) FROM {quote(table)}")
            largest = cursor.fetchone()[0] or 0
            cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
            row = cursor.fetchone()
        first = max(largest, row[0] if row else 0, self._reserved.get(table, 0)) + 1
        self._reserved[table] = first + n - 1
        return list(range(first, first + n))

    # -- writing with history
    def insert_with_history(self, model, rows: list[dict]) -> int:
        """Insert new rows and their "+" history rows; each row gains its primary key. Returns how many."""
        if not rows:
            return 0
        pk = model._meta.pk.attname
        if self.method == "orm":
            objs = bulk_create_with_history([model(**r) for r in rows], model, batch_size=500)
            for r, obj in zip(rows, objs, strict=True):
                r[pk] = obj.pk
            return len(rows)
        if pk not in rows[0]:
            for r, key in zip(rows, self.reserve_ids(model, len(rows)), strict=True):
                r[pk] = key
        order, values = self._values(model, rows)
        self._insert(model._meta.db_table, [c.column for c in order], values)
        keys = [r[pk] for r in rows]
        if all(a < b for a, b in zip(keys, keys[1:])):
            self._copy_history(model, keys)
        else:
            # Copying reads the rows back in key order; history rows must be in the order the rows were given.
            self._insert_history(model, order, values)
        return len(rows)

    def create_with_history(self, model, objs: list) -> list:
        """bulk_create_with_history for unsaved instances: each gains its key and timestamps."""
        if not objs:
            return objs
        if self.method == "orm":
            return bulk_create_with_history(objs, model, batch_size=500)
        skip = {f.attname for f in model._meta.concrete_fields
                if (f.primary_key and isinstance(f, AutoField) and getattr(objs[0], f.attname) is None)
                or getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)}
        fields = [f for f in model._meta.concrete_fields if f.attname not in skip]
        # An instance may hold what its field reads but the fast path does not ("2024-01-01" for a date): the
        # ORM converts on save, so the values are converted here as the field would.
        rows = [{f.attname: f.to_python(getattr(obj, f.attname)) for f in fields} for obj in objs]
        self.insert_with_history(model, rows)
        stamps = [f.attname for f in model._meta.concrete_fields
                  if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)]
        for obj, r in zip(objs, rows, strict=True):
            obj.pk = r[model._meta.pk.attname]
            for a in stamps:
                setattr(obj, a, self.now)
            obj._state.adding, obj._state.db = False, self.using
        return objs

    def _history_meta(self, model, history: History) -> list:
        """The values of HISTORY_META for history rows written now, as simple-history would set them."""
        # One date per model and call where simple-history takes one per row: both come after the rows' own.
        user = history.model.get_default_history_user(model())
        return [self._history_date(timezone.now()), None, "+", user.pk if user is not None else None]

    def _copy_history(self, model, keys: list[int]) -> None:
        """The history rows of the rows just written with these (increasing) keys, copied by the database."""
        if not getattr(settings, "SIMPLE_HISTORY_ENABLED", True):
            return
        history = history_of(model)
        quote = self.connection.ops.quote_name
        pk = quote(model._meta.pk.column)
        columns = ", ".join(quote(c) for c in history.columns + history.meta)
        sources = ", ".join(quote(c) for c in history.sources)
        sql = (f"INSERT INTO {quote(history.table)} ({columns}) SELECT {sources}, %s, %s, %s, %s "
               f"FROM {quote(model._meta.db_table)} WHERE {{}} ORDER BY {pk}")
        meta = self._history_meta(model, history)
        with self.connection.cursor() as cursor:
            if keys[-1] - keys[0] == len(keys) - 1:
                # Contiguous keys (always so on SQLite, nearly always on PostgreSQL): no other row lies between.
                cursor.execute(sql.format(f"{pk} BETWEEN %s AND %s"), [*meta, keys[0], keys[-1]])
            else:
                for i in range(0, len(keys), IN_CHUNK):
                    chunk = keys[i:i + IN_CHUNK]
                    marks = ", ".join(["%s"] * len(chunk))
                    cursor.execute(sql.format(f"{pk} IN ({marks})"), [*meta, *chunk])

    def _insert_history(self, model, order: list[Column], values: list[list]) -> None:
        if not getattr(settings, "SIMPLE_HISTORY_ENABLED", True):
            return
        history = history_of(model)
        written = {c.column: i for i, c in enumerate(order)}
        keep = [written[c] for c in history.sources]
        meta = self._history_meta(model, history)
        if keep == list(range(len(order))):
            rows = (v + meta for v in values)
        else:
            rows = ([v[i] for i in keep] + meta for v in values)
        self._insert(history.table, list(history.columns + history.meta), rows)

    def _history_date(self, value):
        return self._datetime(value) if self.vendor == "sqlite" else value


def create_with_history(model, objs: list, using: str = "default") -> list:
    """New rows of one model and their history rows, by the fast path: the one bulk writer of both importers (the
    IATI importer keeps its RowWriter for a whole batch, the narrative loader writes a record's rows with this)."""
    return RowWriter(using=using).create_with_history(model, list(objs))
