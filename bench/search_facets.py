"""Benchmark 1: search with facets. p50/p95 of /projects/?q=...&country=...&sdg=... (results and every facet count).

Capdev is timed through Django's test client in this process (the whole view: filters, full-text search,
eleven facet counts, template). Baselines, measured in the same run on the same database:

- Datasette (SQLite only): the same search as table requests with `_where` clauses, and the facet counts it
  can express (lead unit, funding source, country, SDG, partner, activity type), disjunctive like Capdev's
  (a facet ignores its own filter), one request per faceted table. Datasette does less than Capdev here:
  no region, status, start-year or budget-band facets, activity types counted per activity.
- SQL floor (both databases): the same counts as hand-written GROUP BY queries on the DB-API cursor, with
  no framework at all: what the database alone needs.

Usage:
  bench/search_facets.py --projects 10000                      # SQLite, generated once under $CAPDEV_BENCH_DIR
  bench/search_facets.py --database-url postgres://...  --label pg-1m
Every loop is bounded by --rounds and --max-seconds.
"""
from __future__ import annotations

import asyncio
import logging
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))
import common

logging.getLogger("httpx").setLevel(logging.WARNING)  # Datasette's client logs every request

# (q, country, sdg): words from the generator's vocabulary, frequent countries, frequent and rare goals.
QUERIES = [
    ("digital government", "ETH", "16"),
    ("open data", "KEN", "17"),
    ("anti-corruption", "BGD", "16"),
    ("workshop statistical", "NPL", "5"),
    ("e-participation", "HTI", "10"),
    ("public service delivery", "UGA", "16"),
    ("civil registration", "SEN", "17"),
    ("policy toolkit", "MOZ", "11"),
]


def capdev_client_timings(queries, rounds: int, deadline: float, cold: bool = True) -> list[float]:
    """Seconds per full /projects/ page, anonymous visitor (published projects only).

    cold: the index's cache of recent searches is emptied before each request, so that every request runs
    its full-text search (the index itself is built before, as after a process's first request); otherwise
    a repeated search is answered from that cache, as when a visitor changes a facet or the page.
    """
    from django.test import Client

    from capdev.projects.facet_index.cache import get_index

    client = Client()
    times = []
    for _round in range(rounds):
        for q, country, sdg in queries:
            if time.monotonic() > deadline:
                return times
            if cold:
                get_index().searches.clear()
            began = time.perf_counter()
            response = client.get("/projects/", {"q": q, "country": country, "sdg": sdg})
            times.append(time.perf_counter() - began)
            assert response.status_code == 200, response.status_code
    return times


def edit_refresh_timings(rounds: int, deadline: float) -> list[float]:
    """Seconds for the index to take in one edited project: a staff member renames a project (saved and
    committed as the editor does, signals and all), then the next list request brings the index up to date.
    Each rename is undone the same way afterwards (also timed), so the portfolio ends as it began."""
    from capdev.projects import index_version
    from capdev.projects.facet_index.cache import get_index
    from capdev.projects.models import Project

    if index_version.current() == "0:0:":
        index_version.bump()  # a portfolio generated before change rows existed: an index needs one to start from
    get_index()
    step = max(Project.objects.count() // (rounds + 1), 1)
    pks = list(Project.objects.published().order_by("pk").values_list("pk", flat=True)[::step][:rounds])
    times = []
    for pk in pks:
        project = Project.objects.get(pk=pk)
        title = project.title
        for new_title in ("Aaa benchmark edit " + title, title):
            if time.monotonic() > deadline:
                return times
            project.title = new_title
            project.save()
            began = time.perf_counter()
            get_index()
            times.append(time.perf_counter() - began)
    return times


def capdev_breakdown(queries) -> dict:
    """Milliseconds of each part of the page, in process, on a warm index: building the request's masks (the
    full-text match included), every facet count, ordering the matches, and reading the 20 rows shown."""
    from django.http import QueryDict

    from capdev.projects.facet_index.cache import get_index
    from capdev.projects.facet_index.query import IndexQuery
    from capdev.projects.facets import indexed_facet_counts
    from capdev.projects.filtersets import ProjectFilterSet

    parts: dict[str, list[float]] = {}

    def timed(name, func):
        began = time.perf_counter()
        out = func()
        parts.setdefault(name, []).append(time.perf_counter() - began)
        return out

    index = timed("index (token check; built before)", get_index)
    for q, country, sdg in queries:
        fs = ProjectFilterSet(QueryDict(urlencode({"q": q, "country": country, "sdg": sdg})))
        index.searches.clear()
        query = timed("masks (search included)", lambda: IndexQuery(index, fs))
        timed("every facet", lambda: indexed_facet_counts(query))
        pks = timed("order (ranking included)", lambda: query.ordered_pks(fs.sort_key))
        timed("20 rows read", lambda: list(fs.queryset.filter(pk__in=pks[:20].tolist())))
    return {k: round(statistics.median(v) * 1000, 2) for k, v in parts.items()}


def capdev_counts(q, country, sdg) -> dict:
    """Capdev's own facet counts for one query, as the list page computes them (to check the baselines
    count the same thing)."""
    from django.http import QueryDict

    from capdev.projects.listing import ProjectList

    listing = ProjectList(None, QueryDict(urlencode({"q": q, "country": country, "sdg": sdg})))  # the public's list
    fs = listing.filterset
    facets = listing.facets(["country", "sdg", "funding", "partner"])
    return {"results": fs.qs.count(),
            **{name: {v.value: v.count for v in values if v.count} for name, values in facets.items()}}


# -- the SQL both baselines share ------------------------------------------------------------------------

class SearchSQL:
    """WHERE clauses for the visible projects matching q, country and sdg, each filter optional."""

    def __init__(self, vendor: str, q: str, country: str, sdg: str):
        from capdev.projects.search import fts5_query

        self.vendor = vendor
        self.clauses = {"published": "review_state = 'published' AND draft_of_id IS NULL"}
        if vendor == "sqlite":
            match = fts5_query(q).replace("'", "''")
            self.clauses["q"] = ("id IN (SELECT rowid FROM projects_search_fts "
                                 f"WHERE projects_search_fts MATCH '{match}')")
        else:
            safe = q.replace("'", "''")
            self.clauses["q"] = ("id IN (SELECT project_id FROM projects_projectsearchdocument "
                                 f"WHERE vector @@ websearch_to_tsquery('english', '{safe}'))")
        self.clauses["country"] = ("id IN (SELECT project_id FROM projects_projectcountry "
                                   f"WHERE country_id = '{country}')")
        self.clauses["sdg"] = f"id IN (SELECT project_id FROM projects_projectsdggoal WHERE goal_id = {int(sdg)})"

    def where(self, without: str = "") -> list[str]:
        """The clauses, leaving out one filter (disjunctive facets)."""
        return [c for k, c in self.clauses.items() if k != without]

    def ids(self, without: str = "") -> str:
        """A subquery of the matching project ids."""
        return "SELECT id FROM projects_project WHERE " + " AND ".join(self.where(without))


def floor_queries(s: SearchSQL) -> list[str]:
    """The hand-written SQL of the page: results, count, and the six facet counts Datasette can also do."""
    all_ = " AND ".join(s.where())
    return [
        (f"SELECT id, title, start_date FROM projects_project WHERE {all_} "
         "ORDER BY start_date DESC, title, id LIMIT 20"),
        f"SELECT COUNT(*) FROM projects_project WHERE {all_}",
        f"SELECT lead_unit_id, COUNT(*) FROM projects_project WHERE {all_} GROUP BY lead_unit_id",
        f"SELECT funding_source_id, COUNT(*) FROM projects_project WHERE {all_} GROUP BY funding_source_id",
        (f"SELECT country_id, COUNT(*) FROM projects_projectcountry WHERE project_id IN ({s.ids('country')}) "
         "GROUP BY country_id"),
        f"SELECT goal_id, COUNT(*) FROM projects_projectsdggoal WHERE project_id IN ({s.ids('sdg')}) GROUP BY goal_id",
        (f"SELECT organisation_id, COUNT(DISTINCT project_id) FROM projects_projectpartner "
         f"WHERE project_id IN ({s.ids()}) GROUP BY organisation_id"),
        (f"SELECT type, COUNT(DISTINCT project_id) FROM activities_activity WHERE project_id IN ({s.ids()}) "
         "GROUP BY type"),
    ]


def floor_timings(queries, rounds: int, deadline: float) -> list[float]:
    """Seconds per page of hand-written SQL on the raw cursor."""
    from django.db import connection

    vendor = connection.vendor
    prepared = [floor_queries(SearchSQL(vendor, *q)) for q in queries]
    times = []
    with connection.cursor() as cursor:
        for _round in range(rounds):
            for sqls in prepared:
                if time.monotonic() > deadline:
                    return times
                began = time.perf_counter()
                for sql in sqls:
                    cursor.execute(sql)
                    cursor.fetchall()
                times.append(time.perf_counter() - began)
    return times


# -- Datasette ---------------------------------------------------------------------------------------

def datasette_urls(db: str, s: SearchSQL) -> list[str]:
    """The Datasette requests that give the results page and the facet counts of one search."""
    def url(table: str, where: list[str], params: list[tuple[str, str]]) -> str:
        return f"/{db}/{table}.json?" + urlencode([("_where", w) for w in where] + params)

    counts_only = [("_size", "0"), ("_facet_size", "max")]
    return [
        url("projects_project", s.where(), [("_facet", "lead_unit_id"), ("_facet", "funding_source_id"),
                                            ("_size", "20"), ("_sort_desc", "start_date"), ("_facet_size", "max")]),
        url("projects_projectcountry", [f"project_id IN ({s.ids('country')})"],
            [("_facet", "country_id"), *counts_only]),
        url("projects_projectsdggoal", [f"project_id IN ({s.ids('sdg')})"], [("_facet", "goal_id"), *counts_only]),
        url("projects_projectpartner", [f"project_id IN ({s.ids()})"], [("_facet", "organisation_id"), *counts_only]),
        url("activities_activity", [f"project_id IN ({s.ids()})"], [("_facet", "type"), *counts_only]),
    ]


async def _datasette_run(path: Path, queries, rounds: int, deadline: float, check: bool) -> tuple[list[float], list]:
    from datasette.app import Datasette

    ds = Datasette(files=[str(path)], settings={
        "sql_time_limit_ms": 120_000, "facet_time_limit_ms": 120_000, "max_returned_rows": 1000,
        "facet_suggest_time_limit_ms": 1, "suggest_facets": False, "allow_facet": True,
    })
    await ds.invoke_startup()
    db = next(iter(ds.databases.keys() - {"_internal"}))
    prepared = [datasette_urls(db, SearchSQL("sqlite", *q)) for q in queries]
    checks = []
    if check:
        for urls in prepared:
            got = {}
            for u in urls:
                r = await ds.client.get(u)
                assert r.status_code == 200, (u, r.status_code, r.text[:500])
                data = r.json()
                if data.get("facets_timed_out"):
                    raise RuntimeError(f"Datasette facets timed out: {data['facets_timed_out']}")
                for name, facet in data.get("facet_results", {}).items():
                    got[name] = {str(v["value"]): v["count"] for v in facet["results"]}
                if "projects_project.json" in u:
                    got["results"] = data.get("filtered_table_rows_count")
            checks.append(got)
    times = []
    for _round in range(rounds):
        for urls in prepared:
            if time.monotonic() > deadline:
                return times, checks
            began = time.perf_counter()
            for u in urls:
                r = await ds.client.get(u)
                r.json()
            times.append(time.perf_counter() - began)
    return times, checks


def datasette_timings(path: Path, queries, rounds: int, deadline: float, check: bool = False):
    """Seconds per search through Datasette's in-process client (all its requests for one search)."""
    return asyncio.run(_datasette_run(path, queries, rounds, deadline, check))


def main() -> None:
    parser = common.portfolio_parser(__doc__)
    parser.add_argument("--rounds", type=int, default=5, help="timed rounds over the query list (default 5)")
    parser.add_argument("--max-seconds", type=float, default=300, help="stop each timed loop after this long")
    parser.add_argument("--profile", action="store_true",
                        help="also profile one request with pyinstrument and print where its time goes")
    args = parser.parse_args()

    path, info, label = common.open_portfolio(args)
    from django.db import connection
    print(f"search with facets on {label}: {len(QUERIES)} queries x {args.rounds} rounds")

    # Warm-up (untimed): caches, compiled templates, the database's pages in memory.
    from capdev.projects.facet_index import build, cache

    began = time.perf_counter()
    build.build()
    index_build_s = round(time.perf_counter() - began, 2)
    print(f"  index built in {index_build_s} s (once per process and change)")
    warm = time.monotonic() + args.max_seconds
    capdev_client_timings(QUERIES, 1, warm)
    floor_timings(QUERIES, 1, warm)

    results: dict = {"label": label, "portfolio": info, "queries": QUERIES, "rounds": args.rounds,
                     "index_build_seconds": index_build_s}
    # PostgreSQL: the lexemes are read in the background after the index; time the searches once they are held.
    if cache.wait_for_lexemes(timeout=args.max_seconds):
        lexemes = cache.get_index().lexemes
        results["lexemes"] = {"read_seconds": round(lexemes.seconds, 2),
                              "held": len(lexemes.bitmaps) + len(lexemes.ids),
                              "as_bitmaps": len(lexemes.bitmaps), "array_mb": round(lexemes.nbytes() / 2**20, 1)}
        print(f"  lexemes read in {results['lexemes']['read_seconds']} s (in the background): "
              f"{results['lexemes']['held']} held, {results['lexemes']['as_bitmaps']} as bitmaps, "
              f"{results['lexemes']['array_mb']} MB of arrays")
    refresh_t = edit_refresh_timings(args.rounds, time.monotonic() + args.max_seconds)
    results["index_refresh_after_edit"] = common.summary_ms(refresh_t)
    results["ratio_refresh_p95_vs_build"] = common.ratio(results["index_refresh_after_edit"]["p95_ms"],
                                                         index_build_s * 1000)
    print(f"  index after one edited project: p50 {results['index_refresh_after_edit']['p50_ms']:.1f} ms, "
          f"p95 {results['index_refresh_after_edit']['p95_ms']:.1f} ms (reading it whole: {index_build_s} s; "
          f"ratio {results['ratio_refresh_p95_vs_build']})")
    deadline = time.monotonic() + args.max_seconds
    capdev_t = capdev_client_timings(QUERIES, args.rounds, deadline)
    results["capdev"] = common.summary_ms(capdev_t)
    if "lexemes" in results:  # what a process answers before it holds them (or with CAPDEV_LEXEME_INDEX off)
        index = cache.get_index()
        held, index.lexemes = index.lexemes, None
        try:
            results["capdev_database_search"] = common.summary_ms(
                capdev_client_timings(QUERIES, args.rounds, time.monotonic() + args.max_seconds))
        finally:
            index.lexemes = held
    deadline = time.monotonic() + args.max_seconds
    capdev_client_timings(QUERIES, 1, deadline, cold=False)  # each search asked once before: the repeat is timed
    results["capdev_repeated_search"] = common.summary_ms(
        capdev_client_timings(QUERIES, args.rounds, deadline, cold=False))
    deadline = time.monotonic() + args.max_seconds
    results["sql_floor"] = common.summary_ms(floor_timings(QUERIES, args.rounds, deadline))
    results["capdev_breakdown_median_ms"] = capdev_breakdown(QUERIES)

    if connection.vendor == "sqlite" and path is not None:
        connection.close()
        _t, checks = datasette_timings(path, QUERIES, 1, time.monotonic() + args.max_seconds, check=True)
        deadline = time.monotonic() + args.max_seconds
        ds_t, _c = datasette_timings(path, QUERIES, args.rounds, deadline)
        results["datasette"] = common.summary_ms(ds_t)
        # Do both count the same? Country and SDG facets, funding (by id) and the number of results.
        agree = {"results": 0, "country": 0, "sdg": 0}
        for (q, country, sdg), got in zip(QUERIES, checks):
            mine = capdev_counts(q, country, sdg)
            agree["results"] += mine["results"] == got.get("results")
            agree["country"] += mine["country"] == got.get("country_id")
            agree["sdg"] += mine["sdg"] == got.get("goal_id")
        results["counts_agree_with_datasette"] = {k: f"{v}/{len(QUERIES)}" for k, v in agree.items()}
        results["ratio_p95_vs_datasette"] = common.ratio(results["capdev"]["p95_ms"], results["datasette"]["p95_ms"])
        results["ratio_p50_vs_datasette"] = common.ratio(results["capdev"]["p50_ms"], results["datasette"]["p50_ms"])
    results["ratio_p95_vs_sql_floor"] = common.ratio(results["capdev"]["p95_ms"], results["sql_floor"]["p95_ms"])

    print(f"  capdev     p50 {results['capdev']['p50_ms']:8.1f} ms   p95 {results['capdev']['p95_ms']:8.1f} ms"
          "   (every search run; the index built)")
    if "capdev_database_search" in results:
        database = results["capdev_database_search"]
        print(f"  capdev     p50 {database['p50_ms']:8.1f} ms   p95 {database['p95_ms']:8.1f} ms"
              "   (every search run by the database: the lexemes not read yet, or off)")
    repeated = results["capdev_repeated_search"]
    print(f"  capdev     p50 {repeated['p50_ms']:8.1f} ms   p95 {repeated['p95_ms']:8.1f} ms"
          "   (the same search again: a facet or page changed)")
    if "datasette" in results:
        print(f"  datasette  p50 {results['datasette']['p50_ms']:8.1f} ms   p95 "
              f"{results['datasette']['p95_ms']:8.1f} ms"
              f"   capdev/datasette p95 = {results['ratio_p95_vs_datasette']}")
        print(f"  counts agree with Datasette: {results['counts_agree_with_datasette']}")
    print(f"  SQL floor  p50 {results['sql_floor']['p50_ms']:8.1f} ms   p95 {results['sql_floor']['p95_ms']:8.1f} ms"
          f"   capdev/floor p95 = {results['ratio_p95_vs_sql_floor']}")
    print("  capdev parts (median ms): "
          + ", ".join(f"{k} {v}" for k, v in results["capdev_breakdown_median_ms"].items()))
    if args.profile:
        results["profile"] = profile_request(QUERIES[0])
    common.write_result(f"search-{label}", results)


def profile_request(query) -> list[str]:
    """pyinstrument's call tree of one /projects/ request (the first query), the lines over 2% of the time."""
    from django.test import Client
    from pyinstrument import Profiler

    q, country, sdg = query
    client = Client()
    profiler = Profiler(interval=0.0005)
    profiler.start()
    client.get("/projects/", {"q": q, "country": country, "sdg": sdg})
    profiler.stop()
    text = profiler.output_text(unicode=False, color=False, show_all=False)
    print(text)
    return [ln for ln in text.splitlines() if ln.strip()][:80]


if __name__ == "__main__":
    main()
