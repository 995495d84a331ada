"""What the index reads from the database: columns through the raw cursor, and the pairs of each many-valued
property as its filter declares them (`Pairs`, capdev.core.filters).

A filter over a link table declares its pairs once: `Pairs(ProjectCountry, "country_id", codes="country")`.
From that one declaration the filter's SQL meaning ("has a link row with one of these values"), the pairs
the index reads at its build and refresh, the mask of a request (`IndexQuery.linked`) and the facet counts
of both paths follow.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import numpy as np
from django.db import connections
from django.db.models import Exists, OuterRef, Q, QuerySet

from capdev.projects.models import ProjectCountry, ProjectRegion

from .columns import ROW, VALUE, enum_codes, rows_of

FETCH = 50_000
# Vocabularies whose codes are the rows' own ids (or goal numbers): a link row's value is its code as read.
# The others number their values by position (countries by ISO code, targets, currencies, enumerations).
BY_ID = frozenset({"region", "sdg", "partner", "funding"})


def read_columns(qs, using: str, *converters) -> list[np.ndarray]:
    """The columns of a values_list queryset as int64 arrays, read through the raw cursor a chunk at a time
    (no model or tuple per row kept: at a million projects the rows would not fit otherwise).

    Each converter maps a column's raw values to integers (None: they are integers or NULL, read as 0).
    """
    sql, params = qs.query.sql_with_params()
    parts: list[list[np.ndarray]] = [[] for _ in converters]
    # A server-side cursor on PostgreSQL: a client-side one holds the whole result in libpq first (3.2 million
    # rows of activity groups at a million projects: some 400 MB more at the build's peak).
    with connections[using].chunked_cursor() as cursor:
        cursor.execute(sql, params)
        while chunk := cursor.fetchmany(FETCH):
            if not any(converters):
                try:  # integers only, no NULL: numpy converts the whole chunk at C speed
                    block = np.array(chunk, dtype=np.int64).reshape(len(chunk), len(converters))
                except TypeError:
                    pass
                else:
                    for i in range(len(converters)):
                        parts[i].append(block[:, i])
                    continue
            for i, (column, convert) in enumerate(zip(zip(*chunk), converters)):
                values = (v or 0 for v in column) if convert is None else map(convert, column)
                parts[i].append(np.fromiter(values, dtype=np.int64, count=len(column)))
    return [np.concatenate(p) if p else np.zeros(0, dtype=np.int64) for p in parts]


def ordinal(value) -> int:
    if value is None:
        return 0
    if isinstance(value, str):  # SQLite through the raw cursor
        value = dt.date.fromisoformat(value[:10])
    return value.toordinal()


def coder(codes: dict) -> callable:
    """A converter from a code to its number (-1 for a code not in the table)."""
    return lambda value: codes.get(value, -1)


def to_cents(value) -> int:
    # Amounts have two decimals: whole cents keep band bounds exact (no float rounding at 100,000.00).
    return int((Decimal(str(value)) * 100).to_integral_value())


def pair_rows(index_pk: np.ndarray, pids: np.ndarray, vals: np.ndarray, *, dedupe: bool = False
           ) -> tuple[np.ndarray, np.ndarray]:
    """(project rows, values) of (project id, value) pairs: unknown projects and values (< 0) dropped, and
    duplicate pairs too when asked (the tables' unique constraints or DISTINCT make the others unique)."""
    if not pids.size or not index_pk.size:
        return np.zeros(0, dtype=ROW), np.zeros(0, dtype=VALUE)
    rows, held = rows_of(index_pk, pids)
    keep = held & (vals >= 0)
    rows, vals = rows[keep].astype(np.int64), vals[keep]  # 64-bit: the dedupe below multiplies them
    if dedupe and rows.size:
        width = int(vals.max()) + 1
        pair = np.sort(rows * width + vals)
        first = np.ones(pair.size, dtype=bool)
        first[1:] = pair[1:] != pair[:-1]
        pair = pair[first]
        rows, vals = pair // width, pair % width
    return rows.astype(ROW), vals.astype(VALUE)


class Pairs:
    """The (project, value) pairs of a many-valued property: the link rows of each project.

    rows: the model of the link rows (each has a `project`), or a function giving their queryset
        (`Activity.objects.counted`: a project's recalled history is no value of it).
    value: the column the index reads ("country_id", "organisation__type").
    match: the lookup a request's values are compared with in SQL (default: `value`); "organisation__slug"
        where a URL names an organisation by slug and the index holds its id.
    codes: how values become the index's value codes: the name of a reference vocabulary the index reads
        (build.vocabularies: "country", "region", "sdg", "target", "partner"), or an enumeration (its values'
        positions).
    distinct: a project may hold a value through several rows (a partner in several roles): one pair.
    """

    dedupe = False  # pairs from several sources may repeat (ServedRegions): drop duplicates once read

    def __init__(self, rows, value: str, *, codes, match: str | None = None, distinct: bool = False):
        self.rows, self.value, self.codes = rows, value, codes
        self.match, self.distinct = match or value, distinct

    def __deepcopy__(self, memo):
        return self  # a declaration, shared by every filterset made from it (django-filter copies its filters)

    def queryset(self) -> QuerySet:
        """Every link row."""
        return self.rows() if not hasattr(self.rows, "_meta") else self.rows._default_manager.all()

    def condition(self, values) -> Q | Exists:
        """The SQL condition on a project: it holds one of these values."""
        return Exists(self.queryset().filter(project=OuterRef("pk"), **{f"{self.match}__in": values}))

    def read(self, reader: PairReader) -> tuple[np.ndarray, np.ndarray]:
        """(project ids, value codes) of every pair (or of the projects being read again: reader.only)."""
        qs = self.queryset().using(reader.using).order_by().values_list("project_id", self.value)
        if reader.only is not None:
            qs = qs.filter(project_id__in=reader.only)
        if self.distinct:
            qs = qs.distinct()
        convert = None if self.codes in BY_ID else coder(reader.codes_of(self.codes))
        return tuple(read_columns(qs, reader.using, None, convert))


class ServedRegions(Pairs):
    """The regions a project serves: each it names, and each holding one of its countries (a region, sub-region
    or intermediate region of the country), through the countries' pairs (`countries`: their filter's name)."""

    dedupe = True  # a region named that also holds one of the project's countries would count twice

    LEVELS = ("region", "subregion", "intermediate_region")

    def __init__(self, countries: str = "country"):
        super().__init__(ProjectRegion, "region_id", match="region__code", codes="region")
        self.countries = countries

    def condition(self, values) -> Q:
        named = ProjectRegion.objects.filter(project=OuterRef("pk"), region__code__in=values)
        held = Q()
        for level in self.LEVELS:
            held |= Q(**{f"country__{level}__code__in": values})
        countries = ProjectCountry.objects.filter(project=OuterRef("pk")).filter(held)
        return Exists(named) | Exists(countries)

    def read(self, reader: PairReader) -> tuple[np.ndarray, np.ndarray]:
        pids, vals = super().read(reader)
        country_pids, country_vals = reader(self.countries)
        known = country_vals >= 0
        for level in self.LEVELS:
            of_country = np.array([c[f"{level}_id"] or -1 for c in reader.labels["country"]] or [-1], dtype=np.int64)
            pids = np.concatenate([pids, country_pids[known]])
            vals = np.concatenate([vals, of_country[country_vals[known]]])
        return pids, vals


def codes_of(codes: dict[str, dict], vocabulary) -> dict:
    """A vocabulary's codes (value as a request or a link row names it -> value code): a reference vocabulary the
    index read, by name, or an enumeration's."""
    return codes[vocabulary] if isinstance(vocabulary, str) else enum_codes(vocabulary)


class PairReader:
    """Reads the pairs of each declared property once, by name (one may read another's: regions through
    countries), for every project or for the projects in `only`."""

    def __init__(self, declared: dict[str, Pairs], codes: dict, labels: dict, using: str, only=None):
        self.declared, self.codes, self.labels, self.using, self.only = declared, codes, labels, using, only
        self.done: dict[str, tuple[np.ndarray, np.ndarray]] = {}

    def __call__(self, name: str) -> tuple[np.ndarray, np.ndarray]:
        if name not in self.done:
            self.done[name] = self.declared[name].read(self)
        return self.done[name]

    def codes_of(self, vocabulary) -> dict:
        """A vocabulary's codes: a reference one by name, or an enumeration's."""
        return codes_of(self.codes, vocabulary)

    def rows(self, index_pk: np.ndarray) -> dict[str, tuple[np.ndarray, np.ndarray]]:
        """Every property's (rows, values) among the projects of index_pk."""
        return {name: pair_rows(index_pk, *self(name), dedupe=pairs.dedupe) for name, pairs in self.declared.items()}

