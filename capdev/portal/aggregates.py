"""Portfolio totals and breakdowns, computed with SQL aggregates on a (filtered) queryset of projects.

Every function takes the queryset the project list would show (``ProjectFilterSet(...).qs``) and reads it as
a subquery of project ids, so that the facets, full-text search and the published-only rule for anonymous
users apply to every number without being repeated here. Each function runs a fixed number of queries,
whatever the number of projects.

Budgets: a project's budget is the sum of its *total* budget lines (as the list's budget band filter reads it);
amounts are never added across currencies: every money figure is a ``{currency: amount}`` mapping.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import (Count, DecimalField, Exists, F, Func, IntegerField, Max, Min, OuterRef, Q, QuerySet,
                              Subquery, Sum)
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext as _

from capdev.activities.models import Activity
from capdev.projects.models import Budget, Project, ProjectCountry, ProjectRegion
from capdev.reference.models import Region

# A timeline longer than this many years is cut to its latest years, so that one bad date cannot make
# the "active per year" query unbounded in size.
MAX_TIMELINE_YEARS = 80


def project_ids(qs: QuerySet) -> QuerySet:
    """The ids of the projects of qs, as a subquery (ordering and extra columns dropped)."""
    return qs.order_by().values("pk")


def _total_budgets(qs: QuerySet) -> QuerySet:
    """The total budget lines of the projects of qs."""
    return Budget.objects.filter(kind=Budget.Kind.TOTAL, project__in=project_ids(qs))


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


def portfolio_totals(qs: QuerySet) -> Totals:
    """Projects, budget per currency, countries served, activities and participants reached (four queries)."""
    ids = project_ids(qs)
    projects = Project.objects.filter(pk__in=ids).count()
    budget = portfolio_budget(qs)
    countries = ProjectCountry.objects.filter(project__in=ids).values("country").distinct().count()
    acts = Activity.objects.filter(project__in=ids).aggregate(
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


def _by_size(buckets: list[Bucket]) -> list[Bucket]:
    """Largest first (by the largest currency of all buckets), 'not stated' last."""
    total: dict[str, Decimal] = {}
    for b in buckets:
        for cur, amount in b.amounts.items():
            total[cur] = total.get(cur, Decimal(0)) + amount
    order = currencies(total)
    return sorted(buckets, key=lambda b: (b.key is None, [-b.amount(c) for c in order], b.label))


def budget_by_unit(qs: QuerySet) -> list[Bucket]:
    """Total budget per lead unit and currency (one query); key = unit code, label = "CODE – name"."""
    rows = (_total_budgets(qs)
            .values("project__lead_unit__code", "project__lead_unit__name", "currency")
            .annotate(amount=Sum("amount")).order_by())
    buckets = _buckets(rows, "project__lead_unit__code", "project__lead_unit__code", _("No lead unit"))
    names = {r["project__lead_unit__code"]: r["project__lead_unit__name"] for r in rows}
    for b in buckets:
        if b.key is not None:
            b.label = f"{b.key} – {names[b.key]}"
    return _by_size(buckets)


def budget_by_funding(qs: QuerySet) -> list[Bucket]:
    """Total budget per funding source and currency (one query); key = funding source code."""
    rows = (_total_budgets(qs).values("project__funding_source__code", "currency")
            .annotate(amount=Sum("amount")).order_by())
    return _by_size(_buckets(rows, "project__funding_source__code", "project__funding_source__code",
                             _("No funding source")))


def budget_by_start_year(qs: QuerySet) -> list[Bucket]:
    """Total budget per start year and currency (one query), oldest first; key = the year."""
    rows = (_total_budgets(qs).annotate(start_year=ExtractYear("project__start_date"))
            .values("start_year", "currency").annotate(amount=Sum("amount")).order_by("start_year", "currency"))
    buckets = _buckets(rows, "start_year", "start_year", _("No start date"))
    return sorted(buckets, key=lambda b: (b.key is None, b.key or 0))


def budget_by_sdg(qs: QuerySet) -> list[Bucket]:
    """Total budget per SDG and currency (one query), by goal number; key = the goal number.

    A project that contributes to several goals counts in full under each, so the bars add up to more than
    the portfolio. Joining budget lines to the (project, goal) links repeats no line within a goal: a
    project links to a goal once.
    """
    rows = (_total_budgets(qs)
            .values("project__sdg_goal_links__goal", "project__sdg_goal_links__goal__short_title", "currency")
            .annotate(amount=Sum("amount")).order_by("project__sdg_goal_links__goal", "currency"))
    buckets = _buckets(rows, "project__sdg_goal_links__goal", "project__sdg_goal_links__goal__short_title", None)
    for b in buckets:
        b.label = _("SDG %(number)s: %(title)s") % {"number": b.key, "title": b.label}
    return buckets


def _serves_region(project_ref, region_ref) -> Q:
    """A project serves an M49 region when it names the region or serves a country in it.

    The same rule as the project list's `region` filter, so that a bar and the list it links to agree.
    """
    named = ProjectRegion.objects.filter(project=project_ref, region=region_ref)
    via_country = ProjectCountry.objects.filter(project=project_ref, country__region=region_ref)
    return Q(Exists(named)) | Q(Exists(via_country))


def _count_subquery(qs: QuerySet) -> Subquery:
    """COUNT(*) of a correlated queryset, as a scalar subquery (COUNT as a plain function: no GROUP BY)."""
    return Subquery(qs.order_by().values(n=Func(F("pk"), function="COUNT")), output_field=IntegerField())


def _sum_subquery(qs: QuerySet, column: str) -> Subquery:
    """SUM(column) of a correlated queryset, as a scalar subquery (NULL when no row)."""
    money = DecimalField(max_digits=20, decimal_places=2)
    return Subquery(qs.order_by().values(s=Func(F(column), function="SUM", output_field=money)),
                    output_field=money)


def budget_by_region(qs: QuerySet, currency_codes: list[str] | None = None) -> list[Bucket]:
    """Total budget per M49 region and currency, with the number of projects serving each region.

    One query (two when currency_codes is not given): the five regions, each with one correlated subquery
    per currency, so that a project serving three Caribbean countries counts once in the Americas. A project
    serving several regions counts in full under each; key = the region code.
    """
    ids = project_ids(qs)
    if currency_codes is None:
        currency_codes = currencies(portfolio_budget(qs))
    region = OuterRef(OuterRef("pk"))
    serving = Project.objects.filter(pk__in=ids).filter(_serves_region(OuterRef("pk"), region))
    annotations = {"n_projects": _count_subquery(serving)}
    for i, cur in enumerate(currency_codes):
        lines = (Budget.objects.filter(kind=Budget.Kind.TOTAL, currency=cur, project__in=ids)
                 .filter(_serves_region(OuterRef("project"), region)))
        annotations[f"amount_{i}"] = _sum_subquery(lines, "amount")
    rows = (Region.objects.filter(kind=Region.Kind.REGION).annotate(**annotations)
            .values("code", "name", *annotations).order_by("name"))
    buckets = []
    for row in rows:
        if not row["n_projects"]:
            continue
        amounts = {cur: row[f"amount_{i}"] for i, cur in enumerate(currency_codes) if row[f"amount_{i}"]}
        buckets.append(Bucket(key=row["code"], label=row["name"], amounts=amounts, projects=row["n_projects"]))
    return _by_size(buckets)


def portfolio_budget(qs: QuerySet) -> dict[str, Decimal]:
    """Total budget per currency (one query)."""
    return {row["currency"]: row["amount"]
            for row in _total_budgets(qs).values("currency").annotate(amount=Sum("amount")).order_by()}


def _year_range(qs: QuerySet) -> tuple[int, int] | None:
    """The first and last calendar year any project of qs starts or ends in (one query)."""
    span = Project.objects.filter(pk__in=project_ids(qs)).aggregate(
        s0=Min("start_date"), s1=Max("start_date"), e0=Min("end_date"), e1=Max("end_date"))
    starts = [d for d in (span["s0"], span["e0"]) if d]
    ends = [d for d in (span["s1"], span["e1"]) if d]
    if not starts:
        return None
    first, last = min(starts).year, max(ends).year
    return max(first, last - MAX_TIMELINE_YEARS + 1), last


def active_in_year(year: int) -> Q:
    """Projects active at some time in a calendar year: start..end overlaps it.

    A project with only a start (or only an end) counts in that one year: its span is not known.
    """
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    return (Q(start_date__lte=last, end_date__gte=first)
            | Q(end_date__isnull=True, start_date__range=(first, last))
            | Q(start_date__isnull=True, end_date__range=(first, last)))


def projects_active_per_year(qs: QuerySet) -> list[tuple[int, int]]:
    """(year, number of projects active in it) for every year from the first start to the last end.

    Two queries whatever the number of years or projects: the year range, then one conditional COUNT per year
    in a single aggregate (a 2010-02..2012-06 project counts in 2010, 2011 and 2012).
    """
    span = _year_range(qs)
    if span is None:
        return []
    years = range(span[0], span[1] + 1)
    counts = Project.objects.filter(pk__in=project_ids(qs)).aggregate(
        **{f"y{y}": Count("pk", filter=active_in_year(y)) for y in years})
    return [(y, counts[f"y{y}"]) for y in years]


def activities_per_year(qs: QuerySet) -> tuple[list[YearActivity], int]:
    """Activities and participants per year of the activity's start (one query), and the undated activities.

    Years between the first and the last are all present (zero activities), so the series reads as a timeline;
    participants is None for a year where no activity gave a number (SUM ignores unknown numbers).
    """
    rows = (Activity.objects.filter(project__in=project_ids(qs)).annotate(year=ExtractYear("start_date"))
            .values("year").annotate(n=Count("pk"), reached=Sum("participants")).order_by("year"))
    by_year = {r["year"]: r for r in rows}
    undated = by_year.pop(None, {"n": 0})["n"]
    if not by_year:
        return [], undated
    out = []
    for y in range(min(by_year), max(by_year) + 1):
        r = by_year.get(y)
        out.append(YearActivity(year=y, activities=r["n"] if r else 0, participants=r["reached"] if r else None))
    return out, undated


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
