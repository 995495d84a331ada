"""Benchmark: what one request costs Capdev itself, in CPU time and in Python function calls, for the project list
(every search run, and the search repeated) and the dashboard, on a warm index.

Wall time on a shared machine measures the machine's other work as much as Capdev's (docs/performance.md, issue
17's before and after); the CPU time of this process varies less with it, and the number of Python function
calls (cProfile's count) not at all: two versions of the code compare on it run after run. The baseline is the
same requests answered in SQL (the in-memory index off), in the same run.

Usage:
  bench/request_cost.py --projects 10000 --rounds 5
Every loop is bounded by --rounds.
"""
from __future__ import annotations

import cProfile
import os
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import common
from search_facets import QUERIES


def costs(rounds: int) -> dict:
    """CPU milliseconds and function calls per request, for each kind of request."""
    from django.test import Client

    from capdev.projects.facet_index.cache import get_index

    client = Client()
    lists = [{"q": q, "country": country, "sdg": sdg} for q, country, sdg in QUERIES]

    def every_search_run():
        for params in lists:
            get_index().searches.clear()  # a no-op reading when the index is off: the SQL path searches anyway
            client.get("/projects/", params)

    def search_repeated():
        for params in lists:
            client.get("/projects/", params)

    def dashboard():
        for _params in lists:
            client.get("/dashboard/")

    out = {}
    for name, run in (("list, every search run", every_search_run), ("list, search repeated", search_repeated),
                      ("dashboard", dashboard)):
        run()  # warm: templates, caches, the index
        began = time.process_time()
        for _round in range(rounds):
            run()
        cpu = (time.process_time() - began) / (rounds * len(lists)) * 1000
        profile = cProfile.Profile()
        profile.enable()
        run()
        profile.disable()
        out[name] = {"cpu_ms": round(cpu, 2), "calls": pstats.Stats(profile).total_calls // len(lists)}
    return out


def main() -> None:
    parser = common.portfolio_parser(__doc__)
    parser.add_argument("--rounds", type=int, default=5, help="timed rounds over the query list (default 5)")
    args = parser.parse_args()
    # What a request costs Capdev, not what a kept page costs: with the page cache on (issue 22) every request
    # after the first is a cache hit of a fraction of a millisecond.
    os.environ.setdefault("CAPDEV_PAGE_CACHE", "0")
    _path, info, label = common.open_portfolio(args)
    from django.conf import settings

    print(f"request cost on {label}: {len(QUERIES)} requests of each kind x {args.rounds} rounds, CPU of this process")
    results: dict = {"label": label, "portfolio": info, "rounds": args.rounds}
    results["capdev"] = costs(args.rounds)
    settings.CAPDEV_FACET_INDEX = False
    results["sql"] = costs(max(1, args.rounds // 5))
    for name, mine in results["capdev"].items():
        sql = results["sql"][name]
        mine["ratio_cpu_vs_sql"] = common.ratio(mine["cpu_ms"], sql["cpu_ms"])
        print(f"  {name:24} {mine['cpu_ms']:8.2f} ms CPU {mine['calls']:9,} calls   in SQL {sql['cpu_ms']:8.2f} ms "
              f"{sql['calls']:9,} calls   ratio {mine['ratio_cpu_vs_sql']}")
    common.write_result(f"request-cost-{label}", results)


if __name__ == "__main__":
    main()
