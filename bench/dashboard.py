"""Benchmark 5: the dashboard. p50/p95 of /dashboard/ (every total, chart and the map) and the median of each
aggregate behind it, against the project list /projects/ for the same (no) filters in the same run.

Both pages give an anonymous visitor the whole published portfolio; both count on the in-memory index
(capdev/projects/facet_index/; the dashboard through capdev/portal/indexed.py). Each aggregate is also
timed on the index and in SQL (capdev/portal/aggregates.py, the reference path): the sum of the SQL times is
what the page cost before it counted on the index.

Usage:
  bench/dashboard.py --projects 10000                       # SQLite, generated once under $CAPDEV_BENCH_DIR
  bench/dashboard.py --database-url postgres://... --label postgresql-1m --rounds 1
"""
from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import common

PARTS = ("portfolio_totals", "budget_by_unit", "budget_by_region", "budget_by_sdg", "budget_by_funding",
         "budget_by_start_year", "projects_active_per_year", "activities_per_year", "countries_served")


def page_timings(url: str, rounds: int, deadline: float) -> list[float]:
    """Seconds per request of one page through Django's test client, anonymous."""
    from django.test import Client

    client = Client()
    times = []
    for _round in range(rounds):
        if time.monotonic() > deadline:
            break
        began = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - began)
        assert response.status_code == 200, (url, response.status_code)
    return times


def part_medians(rounds: int, deadline: float, on_index: bool) -> dict[str, float]:
    """Median milliseconds of each aggregate over the published portfolio, in SQL or on the in-memory index
    (a new source each time: nothing reused between rounds)."""
    from django.contrib.auth.models import AnonymousUser
    from django.http import QueryDict
    from django.test import RequestFactory

    from capdev.portal import aggregates as agg
    from capdev.portal.views import filtered_projects
    from capdev.projects.models import Project

    request = RequestFactory().get("/dashboard/")
    request.user = AnonymousUser()
    out = {}
    for name in PARTS:
        times = []
        for _round in range(rounds):
            if time.monotonic() > deadline:
                break
            began = time.perf_counter()
            source = filtered_projects(request, QueryDict()) if on_index else Project.objects.published()
            getattr(agg, name)(source)
            times.append(time.perf_counter() - began)
        out[name] = round(statistics.median(times) * 1000, 1) if times else None
    return out


def main() -> None:
    parser = common.portfolio_parser(__doc__)
    parser.add_argument("--rounds", type=int, default=5, help="timed requests per page (default 5)")
    parser.add_argument("--max-seconds", type=float, default=600, help="stop each timed loop after this long")
    args = parser.parse_args()

    _path, info, label = common.open_portfolio(args)
    print(f"dashboard on {label}: {args.rounds} requests per page")
    # Warm-up (untimed): templates, the list's index, the database's pages in memory.
    page_timings("/projects/", 1, time.monotonic() + args.max_seconds)
    page_timings("/dashboard/", 1, time.monotonic() + args.max_seconds)

    results: dict = {"label": label, "portfolio": info, "rounds": args.rounds}
    results["list_page"] = common.summary_ms(page_timings("/projects/", args.rounds,
                                                          time.monotonic() + args.max_seconds))
    results["dashboard"] = common.summary_ms(page_timings("/dashboard/", args.rounds,
                                                          time.monotonic() + args.max_seconds))
    results["ratio_p50_vs_list"] = common.ratio(results["dashboard"]["p50_ms"], results["list_page"]["p50_ms"])
    parts_rounds = max(1, min(args.rounds, 3))
    results["parts_median_ms"] = part_medians(parts_rounds, time.monotonic() + args.max_seconds, on_index=True)
    results["parts_in_sql_median_ms"] = part_medians(parts_rounds, time.monotonic() + args.max_seconds,
                                                     on_index=False)
    results["sql_total_ms"] = round(sum(v or 0 for v in results["parts_in_sql_median_ms"].values()), 1)
    results["ratio_p50_vs_sql_parts"] = common.ratio(results["dashboard"]["p50_ms"], results["sql_total_ms"])
    print(f"  list page  p50 {results['list_page']['p50_ms']:9.1f} ms   p95 {results['list_page']['p95_ms']:9.1f} ms")
    print(f"  dashboard  p50 {results['dashboard']['p50_ms']:9.1f} ms   p95 {results['dashboard']['p95_ms']:9.1f} ms"
          f"   dashboard/list p50 = {results['ratio_p50_vs_list']}")
    print("  aggregates on the index (median ms): "
          + ", ".join(f"{k} {v}" for k, v in results["parts_median_ms"].items()))
    print("  the same in SQL (median ms): "
          + ", ".join(f"{k} {v}" for k, v in results["parts_in_sql_median_ms"].items())
          + f"; sum {results['sql_total_ms']} ms, dashboard page / that sum = {results['ratio_p50_vs_sql_parts']}")
    common.write_result(f"dashboard-{label}", results)


if __name__ == "__main__":
    main()
