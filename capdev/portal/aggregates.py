"""Portfolio totals and breakdowns, computed with SQL aggregates on a (filtered) queryset of projects.

Every function takes the queryset the project list would show (``ProjectList(...).filterset.qs``) and reads it
as a subquery of project ids, so that the facets, full-text search and the published-only rule for anonymous
users apply to every number without being repeated here. Each function runs a fixed number of queries,
whatever the number of projects.

Each is declared with its twin on the in-memory index (`@aggregate(indexed.<twin>)`): given an `Indexed` (the
list's request over the index) it answers there, else in SQL, the reference. The test suite compares both for
every aggregate declared (AGGREGATES) and for every dashboard request it makes (the `index_check` fixture).

Budgets: a project's budget is the sum of its *total* budget lines (as the list's budget band filter reads it);
amounts are never added across currencies: every money figure is a ``{currency: amount}`` mapping.
"""
from __future__ import annotations

import decimal
from collections.abc import Callable
from decimal import Decimal
from functools import update_wrapper, wraps

from django.db import connections
from django.db.models import Count, QuerySet, Sum

from capdev.activities.models import Activity
from capdev.core.functions import Year
from capdev.projects.models import Budget, Project, ProjectCountry, ProjectRegion, ProjectSdgGoal, ProjectSdgTarget
from capdev.reference.models import Region

from . import indexed
from .figures import (  # noqa: F401
    CENTS,
    MAX_TIMELINE_YEARS,
    Bucket,
    CountryServed,
    StartYear,
    Totals,
    YearActivity,
    by_size,
    currencies,
    funding_buckets,
    sdg_buckets,
    spread_spans,
    start_year_buckets,
    unit_buckets,
    year_series,
)


class Indexed:
    """The projects a request shows, answerable on the in-memory index (`query`) as well as in SQL (`qs`).

    Passed where a queryset goes, it makes each aggregate below count on the index (its twin in indexed.py).
    """

    def __init__(self, listing, qs: QuerySet):
        self.listing, self.query, self.qs = listing, listing.query, qs


AGGREGATES: dict[str, "Aggregate"] = {}  # every aggregate declared with its twin on the index, by name


class Aggregate:
    """An aggregate in SQL (`sql`, the reference) declared with its twin on the index (`on_index`)."""

    def __init__(self, sql: Callable, twin: Callable):
        self.sql, self.twin = sql, twin
        update_wrapper(self, sql)

    def __call__(self, source):
        return self.on_index(source) if isinstance(source, Indexed) else self.sql(source)

    def on_index(self, source: Indexed):
        """The twin's answer, for the projects of the list's request on the index."""
        return self.twin(source.query)


def aggregate(twin: Callable) -> Callable[[Callable], Aggregate]:
    """Declare an SQL aggregate with its twin on the index."""
    def declare(sql: Callable) -> Aggregate:
        AGGREGATES[sql.__name__] = declared = Aggregate(sql, twin)
        return declared

    return declare


def queryset_of(source) -> QuerySet:
    """The projects as a queryset, whether given as one or as an Indexed."""
    return source.qs if isinstance(source, Indexed) else source


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


@aggregate(indexed.portfolio_totals)
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


@aggregate(indexed.budget_by_unit)
def budget_by_unit(qs: QuerySet) -> list[Bucket]:
    """Total budget per lead unit and currency (one query); key = unit code, label = "CODE – name"."""
    return unit_buckets(_total_budgets(qs).values("project__lead_unit__code", "project__lead_unit__name", "currency")
                        .annotate(amount=Sum("amount")).order_by())


@aggregate(indexed.budget_by_funding)
def budget_by_funding(qs: QuerySet) -> list[Bucket]:
    """Total budget per funding source and currency (one query); key = funding source code."""
    return funding_buckets(_total_budgets(qs).values("project__funding_source__code", "currency")
                           .annotate(amount=Sum("amount")).order_by())


@aggregate(indexed.budget_by_start_year)
def budget_by_start_year(qs: QuerySet) -> list[Bucket]:
    """Total budget per start year and currency (one query), oldest first; key = the year."""
    return start_year_buckets(_total_budgets(qs).annotate(start_year=Year("project__start_date"))
                              .values("start_year", "currency").annotate(amount=Sum("amount"))
                              .order_by("start_year", "currency"))


@aggregate(indexed.budget_by_sdg)
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


@aggregate(indexed.budget_by_region)
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
@aggregate(indexed.portfolio_budget)
def portfolio_budget(qs: QuerySet) -> dict[str, Decimal]:
    """Total budget per currency (one query)."""
    return {row["currency"]: row["amount"]
            for row in _total_budgets(qs).values("currency").annotate(amount=Sum("amount")).order_by()}


@aggregate(indexed.projects_active_per_year)
def projects_active_per_year(qs: QuerySet) -> list[tuple[int, int]]:
    """(year, number of projects active in it) for every year from the first start to the last end.

    One query whatever the number of years or projects: the projects counted per (start year, end year),
    then each count spread over the years its span covers: a 2010-02..2012-06 project counts in 2010, 2011
    and 2012; one with only a start or only an end counts in that one year (its span is not known).
    """
    return spread_spans(Project.objects.filter(pk__in=project_ids(qs)).order_by()
                        .values_list(Year("start_date"), Year("end_date")).annotate(n=Count("pk")))


@_once
@aggregate(indexed.activities_per_year)
def activities_per_year(qs: QuerySet) -> tuple[list[YearActivity], int]:
    """Activities and participants per year of the activity's start (one query), and the undated activities.

    Years between the first and the last are all present (zero activities), so the series reads as a timeline;
    participants is None for a year where no activity gave a number (SUM ignores unknown numbers).
    """
    return year_series(Activity.objects.counted().filter(project__in=project_ids(qs)).annotate(year=Year("start_date"))
                       .values("year").annotate(n=Count("pk"), reached=Sum("participants")).order_by("year"))


@aggregate(indexed.countries_served)
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


@aggregate(indexed.project_count)
def project_count(qs: QuerySet) -> int:
    """How many projects."""
    return qs.order_by().count()


def _projects_per(link_model, value: str, qs: QuerySet) -> dict:
    """Projects per value of a link table (value -> projects), values with none left out; one query."""
    rows = (link_model.objects.filter(project__in=project_ids(qs)).values(value)
            .annotate(n=Count("project", distinct=True)).order_by())
    return {r[value]: r["n"] for r in rows}


@aggregate(indexed.projects_per_country)
def projects_per_country(qs: QuerySet) -> dict[str, int]:
    """Projects per country they serve (ISO3 -> projects)."""
    return _projects_per(ProjectCountry, "country", qs)


@aggregate(indexed.projects_per_goal)
def projects_per_goal(qs: QuerySet) -> dict[int, int]:
    """Projects per SDG they contribute to (goal number -> projects)."""
    return _projects_per(ProjectSdgGoal, "goal", qs)


@aggregate(indexed.projects_per_target)
def projects_per_target(qs: QuerySet) -> dict[str, int]:
    """Projects per SDG target their records name (target code -> projects)."""
    return _projects_per(ProjectSdgTarget, "target", qs)


@aggregate(indexed.activities_per_country)
def activities_per_country(qs: QuerySet) -> dict[str, tuple[int, int | None]]:
    """Activities held in each country (ISO3 -> activities, participants reached or None when no activity
    there gave a number), of these projects; countries with none left out."""
    rows = (Activity.objects.counted().filter(project__in=project_ids(qs), country__isnull=False).values("country")
            .annotate(n=Count("pk"), reached=Sum("participants")).order_by())
    return {r["country"]: (r["n"], r["reached"]) for r in rows}


@aggregate(indexed.by_start_year)
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
