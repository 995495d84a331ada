"""Portfolio totals and breakdowns, computed with SQL aggregates on a (filtered) queryset of projects.

Every function takes the queryset the project list would show (``ProjectFilterSet(...).qs``) and reads it as
a subquery of project ids, so that the facets, full-text search and the published-only rule for anonymous
users apply to every number without being repeated here. Each function runs a fixed number of queries,
whatever the number of projects.

Budgets: a project's budget is the sum of its *total* budget lines (as the list's budget band filter reads it);
amounts are never added across currencies: every money figure is a ``{currency: amount}`` mapping.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import wraps
import decimal
from decimal import Decimal

from django.conf import settings
from django.db import connections
from django.db.models import Count, QuerySet, Sum
from django.utils.translation import gettext as _

from capdev.activities.models import Activity
from capdev.core.functions import Year
from capdev.projects.models import Budget, Project, ProjectCountry, ProjectRegion, ProjectSdgGoal, ProjectSdgTarget
from capdev.reference.models import Region

CENTS = Decimal("0.01")
# A timeline longer than this many years is cut to its latest years, so that one bad date cannot make
# the "active per year" query unbounded in size.
MAX_TIMELINE_YEARS = 80


class Indexed:
    """The projects a request shows, answerable on the in-memory index (`query`) as well as in SQL (`qs`).

    Passed where a queryset goes, it makes each aggregate below count on the index (capdev.portal.indexed);
    with CAPDEV_INDEX_VERIFY on (the test settings) each also runs in SQL and must give the same answer.
    """

    def __init__(self, query, qs: QuerySet):
        self.query, self.qs = query, qs


def queryset_of(source) -> QuerySet:
    """The projects as a queryset, whether given as one or as an Indexed."""
    return source.qs if isinstance(source, Indexed) else source


def _indexable(func):
    """Answer on the index when given an Indexed, else in SQL."""
    @wraps(func)
    def run(source):
        if not isinstance(source, Indexed):
            return func(source)
        from . import indexed

        got = getattr(indexed, func.__name__)(source.query)
        if settings.CAPDEV_INDEX_VERIFY:
            want = func(source.qs)
            if got != want:
                raise AssertionError(f"{func.__name__} on the index differs from SQL:\nindex: {got}\nSQL:   {want}")
        return got

    return run


def _once(func):
    """Compute an aggregate once per queryset object: a dashboard asks for some of them twice."""
    name = f"_capdev_{func.__name__}"

    @wraps(func)
    def cached(qs: QuerySet):
        if name not in qs.__dict__:
            qs.__dict__[name] = func(qs)
        return qs.__dict__[name]

    return cached


def project_ids(qs: QuerySet) -> QuerySet:
    """The ids of the projects of qs, as a subquery (ordering and extra columns dropped)."""
    return qs.order_by().values("pk")


def _total_budgets(qs: QuerySet) -> QuerySet:
    """The budget lines the projects of qs add up (Budget.objects.counted: totals, else other lines)."""
    return Budget.objects.counted().filter(project__in=project_ids(qs))


@dataclass
class Bucket:
    """One bar of a breakdown: its facet value (for links), its label, and its amounts per currency."""

    key: str | int | None
    label: str
    amounts: dict[str, Decimal] = field(default_factory=dict)
    projects: int | None = None

    def amount(self, currency: str) -> Decimal:
        """The amount in one currency (zero when the bucket has none in it)."""
        return self.amounts.get(currency, Decimal(0))


@dataclass
class Totals:
    """The portfolio's headline figures."""

    projects: int
    budget: dict[str, Decimal]
    countries: int
    activities: int
    participants: int | None
    activities_with_participants: int


@dataclass
class YearActivity:
    """Activities held in one year and the participants they reached (None when no activity gave a number)."""

    year: int
    activities: int
    participants: int | None


@dataclass
class CountryServed:
    """A country the projects serve: how many projects, and their budgets per currency."""

    iso3: str
    name: str
    numeric: str
    projects: int
    amounts: dict[str, Decimal] = field(default_factory=dict)


def currencies(budget: dict[str, Decimal]) -> list[str]:
    """Currencies of a budget mapping, largest total first (ties by code)."""
    return sorted(budget, key=lambda c: (-budget[c], c))


@_indexable
def portfolio_totals(qs: QuerySet) -> Totals:
    """Projects, budget per currency, countries served, activities and participants reached (four queries)."""
    ids = project_ids(qs)
    projects = Project.objects.filter(pk__in=ids).count()
    budget = portfolio_budget(qs)
    countries = ProjectCountry.objects.filter(project__in=ids).values("country").distinct().count()
    acts = Activity.objects.counted().filter(project__in=ids).aggregate(
        n=Count("pk"), reached=Sum("participants"), reported=Count("participants"))
    return Totals(projects=projects, budget=budget, countries=countries, activities=acts["n"],
                  participants=acts["reached"], activities_with_participants=acts["reported"])


def _buckets(rows, key: str, label: str, none_label: str | None) -> list[Bucket]:
    """Fold (key, label, currency, amount) rows into buckets, in first-seen order; keys of None use none_label."""
    buckets: dict[object, Bucket] = {}
    for row in rows:
        k = row[key]
        if k is None and none_label is None:
            continue
        bucket = buckets.get(k)
        if bucket is None:
            bucket = buckets[k] = Bucket(key=k, label=none_label if k is None else str(row[label]))
        bucket.amounts[row["currency"]] = bucket.amounts.get(row["currency"], Decimal(0)) + row["amount"]
    return list(buckets.values())


def by_size(buckets: list[Bucket]) -> list[Bucket]:
    """Largest first (by the largest currency of all buckets), 'not stated' last."""
    total: dict[str, Decimal] = {}
    for b in buckets:
        for cur, amount in b.amounts.items():
            total[cur] = total.get(cur, Decimal(0)) + amount
    order = currencies(total)
    return sorted(buckets, key=lambda b: (b.key is None, [-b.amount(c) for c in order], b.label))


@_indexable
def budget_by_unit(qs: QuerySet) -> list[Bucket]:
    """Total budget per lead unit and currency (one query); key = unit code, label = "CODE – name"."""
    return unit_buckets(_total_budgets(qs).values("project__lead_unit__code", "project__lead_unit__name", "currency")
                        .annotate(amount=Sum("amount")).order_by())


def unit_buckets(rows) -> list[Bucket]:
    """budget_by_unit's buckets from its (unit code, unit name, currency, amount) rows."""
    rows = list(rows)
    buckets = _buckets(rows, "project__lead_unit__code", "project__lead_unit__code", _("No lead unit"))
    names = {r["project__lead_unit__code"]: r["project__lead_unit__name"] for r in rows}
    for b in buckets:
        if b.key is not None:
            b.label = f"{b.key} – {names[b.key]}"
    return by_size(buckets)


@_indexable
def budget_by_funding(qs: QuerySet) -> list[Bucket]:
    """Total budget per funding source and currency (one query); key = funding source code."""
    return funding_buckets(_total_budgets(qs).values("project__funding_source__code", "currency")
                           .annotate(amount=Sum("amount")).order_by())


def funding_buckets(rows) -> list[Bucket]:
    """budget_by_funding's buckets from its (funding code, currency, amount) rows."""
    return by_size(_buckets(rows, "project__funding_source__code", "project__funding_source__code",
                            _("No funding source")))


@_indexable
def budget_by_start_year(qs: QuerySet) -> list[Bucket]:
    """Total budget per start year and currency (one query), oldest first; key = the year."""
    return start_year_buckets(_total_budgets(qs).annotate(start_year=Year("project__start_date"))
                              .values("start_year", "currency").annotate(amount=Sum("amount"))
                              .order_by("start_year", "currency"))


def start_year_buckets(rows) -> list[Bucket]:
    """budget_by_start_year's buckets from its (year, currency, amount) rows, in year then currency order."""
    buckets = _buckets(rows, "start_year", "start_year", _("No start date"))
    return sorted(buckets, key=lambda b: (b.key is None, b.key or 0))


@_indexable
def budget_by_sdg(qs: QuerySet) -> list[Bucket]:
    """Total budget per SDG and currency (one query), by goal number; key = the goal number.

    A project that contributes to several goals counts in full under each, so the bars add up to more than
    the portfolio. Joining budget lines to the (project, goal) links repeats no line within a goal: a
    project links to a goal once.
    """
    return sdg_buckets(_total_budgets(qs)
                       .values("project__sdg_goal_links__goal", "project__sdg_goal_links__goal__short_title",
                               "currency")
                       .annotate(amount=Sum("amount")).order_by("project__sdg_goal_links__goal", "currency"))


def sdg_buckets(rows) -> list[Bucket]:
    """budget_by_sdg's buckets from its (goal, short title, currency, amount) rows, in goal then currency order."""
    buckets = _buckets(rows, "project__sdg_goal_links__goal", "project__sdg_goal_links__goal__short_title", None)
    for b in buckets:
        b.label = _("SDG %(number)s: %(title)s") % {"number": b.key, "title": b.label}
    return buckets


@_indexable
def budget_by_region(qs: QuerySet) -> list[Bucket]:
    """Total budget per M49 region and currency, with the number of projects serving each region.

    Two queries over the distinct (project, region) pairs the projects serve: a region it names, or the
    region of one of its countries (the project list's `region` filter's rule, so that a bar and the list it
    links to agree). A project serving three Caribbean countries
    counts once in the Americas. A project serving several regions counts in full under each; key = the
    region code. (One correlated subquery per region and currency took 20 s at a million projects.)
    """
    ids = project_ids(qs)
    named_sql, named_params = (ProjectRegion.objects.order_by().filter(project__in=ids, region__kind=Region.Kind.REGION)
                               .values("project_id", "region_id").query.sql_with_params())
    via_sql, via_params = (ProjectCountry.objects.order_by().filter(project__in=ids, country__region__isnull=False)
                           .values("project_id", "country__region_id").query.sql_with_params())
    # UNION (not ALL) makes the pairs distinct: a region named and served through a country counts once.
    served = f"{named_sql} UNION {via_sql}"
    params = [*named_params, *via_params]
    region = Region._meta.db_table
    lines_sql, lines_params = (_total_budgets(qs).order_by().values("project_id", "currency_id", "amount")
                               .query.sql_with_params())
    with connections[qs.db].cursor() as cursor:
        cursor.execute(f"SELECT r.code, r.name, COUNT(*) FROM ({served}) p JOIN {region} r ON r.id = p.region_id "
                       f"WHERE r.kind = %s GROUP BY r.code, r.name ORDER BY r.name", [*params, Region.Kind.REGION])
        regions = cursor.fetchall()
        cursor.execute(f"SELECT r.code, b.currency_id, SUM(b.amount) FROM ({served}) p "
                       f"JOIN {region} r ON r.id = p.region_id JOIN ({lines_sql}) b ON b.project_id = p.project_id "
                       f"WHERE r.kind = %s GROUP BY r.code, b.currency_id",
                       [*params, *lines_params, Region.Kind.REGION])
        sums = cursor.fetchall()
    amounts: dict[str, dict[str, Decimal]] = {}
    for code, currency, total in sums:
        if total:
            amounts.setdefault(code, {})[currency] = _money(total)
    return by_size([Bucket(key=code, label=name, amounts=amounts.get(code, {}), projects=n)
                     for code, name, n in regions if n])


def _money(value) -> Decimal:
    """A SUM of amounts as the ORM gives it: a Decimal of two places (SQLite sums them as floats)."""
    if not isinstance(value, Decimal):
        value = decimal.Context(prec=15).create_decimal_from_float(float(value))
    return value.quantize(CENTS)


@_once
@_indexable
def portfolio_budget(qs: QuerySet) -> dict[str, Decimal]:
    """Total budget per currency (one query)."""
    return {row["currency"]: row["amount"]
            for row in _total_budgets(qs).values("currency").annotate(amount=Sum("amount")).order_by()}


@_indexable
def projects_active_per_year(qs: QuerySet) -> list[tuple[int, int]]:
    """(year, number of projects active in it) for every year from the first start to the last end.

    One query whatever the number of years or projects: the projects counted per (start year, end year),
    then each count spread over the years its span covers: a 2010-02..2012-06 project counts in 2010, 2011
    and 2012; one with only a start or only an end counts in that one year (its span is not known).
    """
    return spread_spans(Project.objects.filter(pk__in=project_ids(qs)).order_by()
                        .values_list(Year("start_date"), Year("end_date")).annotate(n=Count("pk")))


def spread_spans(spans) -> list[tuple[int, int]]:
    """projects_active_per_year from (start year, end year, number of projects) triples (None: no date)."""
    spans = [(s, e, n) for s, e, n in spans if s is not None or e is not None]
    if not spans:
        return []
    first = min(y for s, e, _n in spans for y in (s, e) if y is not None)
    last = max(y for s, e, _n in spans for y in (s, e) if y is not None)
    first = max(first, last - MAX_TIMELINE_YEARS + 1)
    counts = dict.fromkeys(range(first, last + 1), 0)
    for start, end, n in spans:
        low, high = (start, end) if start is not None and end is not None else (start or end, start or end)
        for year in range(max(low, first), min(high, last) + 1):
            counts[year] += n
    return list(counts.items())


@_once
@_indexable
def activities_per_year(qs: QuerySet) -> tuple[list[YearActivity], int]:
    """Activities and participants per year of the activity's start (one query), and the undated activities.

    Years between the first and the last are all present (zero activities), so the series reads as a timeline;
    participants is None for a year where no activity gave a number (SUM ignores unknown numbers).
    """
    return year_series(Activity.objects.counted().filter(project__in=project_ids(qs)).annotate(year=Year("start_date"))
                       .values("year").annotate(n=Count("pk"), reached=Sum("participants")).order_by("year"))


def year_series(rows) -> tuple[list[YearActivity], int]:
    """activities_per_year from (year or None, activities, participants reached or None) rows."""
    by_year = {r["year"]: r for r in rows}
    undated = by_year.pop(None, {"n": 0})["n"]
    if not by_year:
        return [], undated
    out = []
    for y in range(min(by_year), max(by_year) + 1):
        r = by_year.get(y)
        out.append(YearActivity(year=y, activities=r["n"] if r else 0, participants=r["reached"] if r else None))
    return out, undated


@_indexable
def countries_served(qs: QuerySet) -> list[CountryServed]:
    """Every country the projects serve, with its number of projects and budget per currency (two queries).

    Budget lines join the (project, country) links once per country, so a project's budget counts in full
    in each country it serves and never twice in one.
    """
    ids = project_ids(qs)
    rows = (ProjectCountry.objects.filter(project__in=ids)
            .values("country", "country__name", "country__numeric")
            .annotate(projects=Count("project", distinct=True)).order_by("country__name"))
    countries = {r["country"]: CountryServed(iso3=r["country"], name=r["country__name"],
                                             numeric=r["country__numeric"], projects=r["projects"])
                 for r in rows}
    amounts = (_total_budgets(qs)
               .values("project__country_links__country", "currency").annotate(amount=Sum("amount")).order_by())
    for r in amounts:
        c = countries.get(r["project__country_links__country"])
        if c is not None:
            c.amounts[r["currency"]] = r["amount"]
    return list(countries.values())


@_indexable
def project_count(qs: QuerySet) -> int:
    """How many projects."""
    return qs.order_by().count()


def _projects_per(link_model, value: str, qs: QuerySet) -> dict:
    """Projects per value of a link table (value -> projects), values with none left out; one query."""
    rows = (link_model.objects.filter(project__in=project_ids(qs)).values(value)
            .annotate(n=Count("project", distinct=True)).order_by())
    return {r[value]: r["n"] for r in rows}


@_indexable
def projects_per_country(qs: QuerySet) -> dict[str, int]:
    """Projects per country they serve (ISO3 -> projects)."""
    return _projects_per(ProjectCountry, "country", qs)


@_indexable
def projects_per_goal(qs: QuerySet) -> dict[int, int]:
    """Projects per SDG they contribute to (goal number -> projects)."""
    return _projects_per(ProjectSdgGoal, "goal", qs)


@_indexable
def projects_per_target(qs: QuerySet) -> dict[str, int]:
    """Projects per SDG target their records name (target code -> projects)."""
    return _projects_per(ProjectSdgTarget, "target", qs)


@_indexable
def activities_per_country(qs: QuerySet) -> dict[str, tuple[int, int | None]]:
    """Activities held in each country (ISO3 -> activities, participants reached or None when no activity
    there gave a number), of these projects; countries with none left out."""
    rows = (Activity.objects.counted().filter(project__in=project_ids(qs), country__isnull=False).values("country")
            .annotate(n=Count("pk"), reached=Sum("participants")).order_by())
    return {r["country"]: (r["n"], r["reached"]) for r in rows}


@dataclass
class StartYear:
    """The projects starting in a year (None: no start date) and the sum of their budgets (counted lines)."""

    year: int | None
    projects: int
    amounts: dict[str, Decimal] = field(default_factory=dict)


@_indexable
def by_start_year(qs: QuerySet) -> list[StartYear]:
    """Projects and total budget per start year, undated last (two queries)."""
    ids = project_ids(qs)
    years: dict[int | None, StartYear] = {}
    for row in (Project.objects.filter(pk__in=ids).annotate(y=Year("start_date")).values("y")
                .annotate(n=Count("pk")).order_by()):
        years[row["y"]] = StartYear(row["y"], row["n"])
    for row in (Budget.objects.counted().filter(project__in=ids).annotate(y=Year("project__start_date"))
                .values("y", "currency").annotate(total=Sum("amount")).order_by()):
        years[row["y"]].amounts[row["currency"]] = _money(row["total"])
    return sorted(years.values(), key=lambda s: (s.year is None, s.year or 0))
