"""Facet queries, current against proposed: the same counts, timed facet by facet on the same database.

The current facets (capdev/projects/facets.py) count from the reference table outwards: every country, SDG,
funding source, organisation or unit LEFT JOINs all of its link rows, and each row is tested for membership
in the matching projects (`COUNT(...) FILTER (WHERE project_id IN (<search>))`, the subquery written twice,
in SELECT and in HAVING). The work grows with the whole portfolio, however few projects match.

The proposed facets below count from the matching projects outwards: `GROUP BY` over the link rows of the
matching projects only (labels come from the small reference tables), the budget total computed once per
project, and the regions of a project found with one UNION instead of one correlated subquery per region.
This script checks that both give identical counts for every query, then times them.

Usage: bench/facet_queries.py --projects 100000   |   --database-url postgres://... --label pg-1m
"""
from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))
import common
from search_facets import QUERIES

# The same searches without a text query too: the list page as first opened, filtered by facets only.
EXTRA = [("", "ETH", "16"), ("", "", "")]


def proposed_counts(fs, name: str, shared: dict | None = None) -> dict[str, int]:
    """Counts of one facet, computed from the matching projects outwards: {value: count}, zeros left out.

    With `shared` (a dict kept for one request), the matching ids are read once per distinct set of
    filters and passed as a list: facets whose own parameter is not in the request all count the same
    projects, so a search with a country and an SDG needs three evaluations of the search, not ten.
    """
    from django.db import connections
    from django.db.models import Count, Sum

    from capdev.activities.models import Activity
    from capdev.organisations.models import FundingSource, Organisation, OrgUnit
    from capdev.projects.bands import BudgetBand
    from capdev.projects.models import (
        Budget,
        ProjectCountry,
        ProjectPartner,
        ProjectSdgGoal,
    )
    from capdev.reference.models import Region

    base = fs.queryset_without(name)  # the visible projects, every other filter applied, unordered
    ids = base.values("pk")
    if shared is not None:
        key = name if fs.selected(name) or name == "start_year" else "*"
        if key not in shared:
            found = list(ids.values_list("pk", flat=True)[:SHARED_LIMIT + 1])
            shared[key] = found if len(found) <= SHARED_LIMIT else None  # too many: keep the subquery
        if shared[key] is not None:
            ids = shared[key]
            base = base.model.objects.filter(pk__in=ids)
    if name == "funding":
        codes = dict(FundingSource.objects.values_list("pk", "code"))
        rows = base.values("funding_source_id").annotate(n=Count("pk")).values_list("funding_source_id", "n")
        return {codes[k]: n for k, n in rows if k is not None}
    if name == "unit":
        units = list(OrgUnit.objects.values_list("pk", "code", "parent_id"))
        direct = dict(base.values("lead_unit_id").annotate(n=Count("pk")).values_list("lead_unit_id", "n"))
        totals: dict[str, int] = {}
        parent = {pk: p for pk, _c, p in units}
        code = {pk: c for pk, c, _p in units}
        for unit, n in direct.items():  # roll each unit's count up its ancestors (the tree facet's totals)
            seen = set()
            while unit is not None and unit not in seen:
                seen.add(unit)
                totals[code[unit]] = totals.get(code[unit], 0) + n
                unit = parent.get(unit)
        return {k: v for k, v in totals.items() if v}
    if name == "country":
        rows = (ProjectCountry.objects.filter(project__in=ids).values("country_id").annotate(n=Count("pk"))
                .values_list("country_id", "n"))
        return dict(rows)
    if name == "sdg":
        rows = (ProjectSdgGoal.objects.filter(project__in=ids).values("goal_id").annotate(n=Count("pk"))
                .values_list("goal_id", "n"))
        return {str(k): n for k, n in rows}
    if name == "partner":
        slugs = dict(Organisation.objects.values_list("pk", "slug"))
        rows = (ProjectPartner.objects.filter(project__in=ids).values("organisation_id")
                .annotate(n=Count("project_id", distinct=True)).values_list("organisation_id", "n"))
        return {slugs[k]: n for k, n in rows}
    if name == "activity_type":
        rows = (Activity.objects.filter(project__in=ids).order_by().values("type")
                .annotate(n=Count("project_id", distinct=True)).values_list("type", "n"))
        return dict(rows)
    if name == "status":
        rows = base.with_status().values("current_status").annotate(n=Count("pk")).values_list("current_status", "n")
        return {k: n for k, n in rows if k and n}
    if name == "start_year":
        from django.db.models.functions import ExtractYear
        rows = (base.filter(start_date__isnull=False).annotate(year=ExtractYear("start_date")).values("year")
                .annotate(n=Count("pk")).values_list("year", "n"))
        return {str(k): n for k, n in rows}
    if name == "budget":
        sums = (Budget.objects.filter(kind=Budget.Kind.TOTAL, project__in=ids).values("project")
                .annotate(budget_total=Sum("amount")))
        counts = sums.aggregate(**{code: Count("project", filter=BudgetBand.q(code)) for code in BudgetBand.CODES})
        return {k: v for k, v in counts.items() if v}
    if name == "region":
        if isinstance(ids, list):
            sql, params = (", ".join(["%s"] * len(ids)) or "NULL"), ids
        else:
            sql, params = ids.query.sql_with_params()
        union = " UNION ".join(
            [f"SELECT project_id AS p, region_id AS r FROM projects_projectregion WHERE project_id IN ({sql})"]
            + [f"SELECT pc.project_id AS p, c.{col} AS r FROM projects_projectcountry pc "
               f"JOIN reference_country c ON c.iso3 = pc.country_id "
               f"WHERE c.{col} IS NOT NULL AND pc.project_id IN ({sql})"
               for col in ("region_id", "subregion_id", "intermediate_region_id")])
        with connections[base.db].cursor() as cursor:
            cursor.execute(f"SELECT r, COUNT(*) FROM ({union}) pairs GROUP BY r", list(params) * 4)
            counted = dict(cursor.fetchall())
        names = dict(Region.objects.exclude(kind=Region.Kind.WORLD).values_list("pk", "code"))
        return {names[k]: n for k, n in counted.items() if k in names}
    raise KeyError(name)


def current_counts(fs, name: str) -> dict[str, int]:
    """Counts of one facet as capdev.projects.facets computes them (zeros and unchosen values left out)."""
    from capdev.projects.filtersets import FACETS

    return {v.value: v.count for v in FACETS[name].sql(fs, set(fs.selected(name))) if v.count}


SHARED_LIMIT = 5_000  # ids passed as a list at most: a longer list costs more to bind than the subquery
NAMES = ["unit", "funding", "region", "country", "sdg", "status", "start_year", "budget", "partner", "activity_type"]


def main() -> None:
    parser = common.portfolio_parser(__doc__)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--max-seconds", type=float, default=300)
    parser.add_argument("--queries", type=int, help="use only the first N searches (slow databases)")
    args = parser.parse_args()
    if args.database_url:
        url = args.database_url
    else:
        path, _info = common.portfolio_sqlite(args.projects, args.seed)
        url = common.sqlite_url(path)
    common.setup_django(url)
    from django.db import connection
    from django.http import QueryDict

    from capdev.projects.filtersets import ProjectFilterSet
    from capdev.projects.models import Project

    n = Project.objects.published().count()
    label = args.label or f"{connection.vendor}-{n}"
    queries = (QUERIES + EXTRA)[:args.queries] if args.queries else QUERIES + EXTRA
    filtersets = []
    for q, country, sdg in queries:
        params = {k: v for k, v in {"q": q, "country": country, "sdg": sdg}.items() if v}
        filtersets.append(ProjectFilterSet(QueryDict(urlencode(params))))

    mismatches = []
    for (q, country, sdg), fs in zip(queries, filtersets):
        shared: dict = {}
        for name in NAMES:
            current = current_counts(fs, name)
            for variant in (proposed_counts(fs, name), proposed_counts(fs, name, shared)):
                if name == "unit":
                    # The tree facet hides a unit that only groups one counted unit: compare what it shows.
                    variant = {k: v for k, v in variant.items() if k in current}
                if current != variant:
                    mismatches.append(f"{name} for q={q!r} country={country} sdg={sdg}")
    print(f"facet queries on {label}: counts identical for {len(queries)} searches x {len(NAMES)} facets: "
          f"{'yes' if not mismatches else 'NO: ' + '; '.join(mismatches)}")

    deadline = time.monotonic() + args.max_seconds
    timing: dict[str, dict[str, list[float]]] = {"current": {}, "proposed": {}}
    per_request: dict[str, list[float]] = {"current": [], "proposed": [], "proposed_shared": []}
    for _round in range(args.rounds):
        for fs in filtersets:
            totals = dict.fromkeys(per_request, 0.0)
            shared: dict = {}
            for name in NAMES:
                for variant, fn in (("current", current_counts), ("proposed", proposed_counts),
                                    ("proposed_shared", lambda f, n, s=shared: proposed_counts(f, n, s))):
                    if time.monotonic() > deadline:
                        break
                    began = time.perf_counter()
                    fn(fs, name)
                    spent = time.perf_counter() - began
                    totals[variant] += spent
                    if variant in timing:
                        timing[variant].setdefault(name, []).append(spent)
            for variant, spent in totals.items():
                per_request[variant].append(spent)
    table = {}
    for name in NAMES:
        cur, new = timing["current"].get(name, []), timing["proposed"].get(name, [])
        if cur and new:
            table[name] = {"current_median_ms": round(statistics.median(cur) * 1000, 2),
                           "proposed_median_ms": round(statistics.median(new) * 1000, 2),
                           "current_p95_ms": round(common.percentile(cur, 95) * 1000, 2),
                           "proposed_p95_ms": round(common.percentile(new, 95) * 1000, 2)}
            table[name]["speedup"] = common.ratio(table[name]["current_median_ms"], table[name]["proposed_median_ms"])
    total_cur = sum(v["current_median_ms"] for v in table.values())
    total_new = sum(v["proposed_median_ms"] for v in table.values())
    print(f"  {'facet':14} {'current ms':>11} {'proposed ms':>12} {'speedup':>8}")
    for name, v in table.items():
        print(f"  {name:14} {v['current_median_ms']:11.1f} {v['proposed_median_ms']:12.1f} {v['speedup']:8}")
    print(f"  {'sum':14} {total_cur:11.1f} {total_new:12.1f} {common.ratio(total_cur, total_new):8}")
    requests = {k: common.summary_ms(v) for k, v in per_request.items()}
    for k, v in requests.items():
        print(f"  all facets of one request, {k:16} p50 {v['p50_ms']:8.1f} ms  p95 {v['p95_ms']:8.1f} ms")
    common.write_result(f"facets-{label}", {
        "label": label, "published_projects": n, "queries": queries, "rounds": args.rounds,
        "counts_identical": not mismatches, "mismatches": mismatches, "facets": table,
        "sum_current_median_ms": round(total_cur, 1), "sum_proposed_median_ms": round(total_new, 1),
        "ratio_current_vs_proposed": common.ratio(total_cur, total_new),
        "all_facets_per_request": requests,
        "ratio_p95_current_vs_proposed_shared": common.ratio(requests["current"]["p95_ms"],
                                                             requests["proposed_shared"]["p95_ms"]),
    })


if __name__ == "__main__":
    main()
