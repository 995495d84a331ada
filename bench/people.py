"""Benchmark: people reached on the dashboard, project, country and activity pages, with a million people and five
million attendances. Each page is timed with its people section and without it (the baseline: the same page as
it was before people were counted, measured in the same run, requests alternating), anonymous.

The dashboard's and the country pages' people figures are kept in the cache until the portfolio's version moves
(capdev.people.aggregates), counted again meanwhile in a thread: each is timed warm (counted), on a first visit
(nothing counted yet: the page says "being counted", answered at once), and counted in the request (what the
count costs the thread). The whole portfolio's reach is also timed in SQL alone.

Usage:
  bench/people.py --projects 10000 --people 100000 --attendances 500000      # SQLite, generated once
  bench/people.py --database-url postgres://... --label postgresql-100k-1m   # people already generated:
      capdev generate-portfolio --projects 100000 --seed 1 --people 1000000 --attendances 5000000
"""
from __future__ import annotations

import shutil
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import common


def people_sqlite(projects: int, people: int, attendances: int, seed: int = 1) -> tuple[Path, dict]:
    """The SQLite portfolio of this size with its people (made once, then reused)."""
    base, info = common.portfolio_sqlite(projects, seed)
    path = common.WORK / f"portfolio-{projects}-s{seed}-people-{people}-{attendances}.sqlite3"
    if not path.exists():
        tmp = path.with_suffix(".tmp")
        shutil.copyfile(base, tmp)
        began = time.perf_counter()
        out = common.capdev(["generate-portfolio", "--projects", "0", "--seed", str(seed), "--people", str(people),
                             "--attendances", str(attendances)], common.sqlite_url(tmp), timeout=7200)
        info["people_generate_seconds"] = round(time.perf_counter() - began, 1)
        info["people_generate_output"] = out.strip().splitlines()[-1]
        tmp.rename(path)
    else:
        common.capdev(["migrate", "--noinput"], common.sqlite_url(path))
    info.update(people=people, attendances=attendances, path=str(path))
    return path, info


class PeopleOff:
    """The pages as they were before people were counted: every people section left empty."""

    def __enter__(self):
        from capdev.people import presentation

        self.saved = {name: getattr(presentation, name) for name in (
            "project_context", "country_context", "dashboard_context", "annotate_activities", "annotate_indicators")}
        empty = presentation.show(presentation.agg.Reach(), False)
        presentation.project_context = lambda request, project: {"reach": empty, "exact": False, "networks": [],
                                                                 "evaluation": None, "can_manage": False}
        presentation.country_context = lambda request, country: {"from_country": empty, "held_there": empty}
        presentation.dashboard_context = lambda request, projects, key: {
            "reach": empty, "participation": presentation.agg.Participation(), "lists": empty.people,
            "total": empty.people}
        presentation.annotate_activities = lambda activities, exact: None
        presentation.annotate_indicators = lambda outcomes, exact: None
        return self

    def __exit__(self, *exc):
        from capdev.people import presentation

        for name, value in self.saved.items():
            setattr(presentation, name, value)


def timed(client, url: str) -> float:
    began = time.perf_counter()
    response = client.get(url)
    spent = time.perf_counter() - began
    assert response.status_code == 200, (url, response.status_code)
    return spent


class NoThreads:
    """The figures not counted yet are said to be "being counted", and no thread counts them (a first visit's
    page, measured without the load of the count it starts)."""

    def __enter__(self):
        from capdev.people import aggregates

        self.saved = aggregates.refresh_in_background
        aggregates.refresh_in_background = lambda name, version, compute: None
        return self

    def __exit__(self, *exc):
        from capdev.people import aggregates

        aggregates.refresh_in_background = self.saved


def compare(urls: list[str], rounds: int, deadline: float, cold: bool = False, background: bool = True) -> dict:
    """p50/p95 of the pages with and without their people sections, requests alternating. cold: the cache
    emptied before each request; background: figures not counted yet are counted in a thread (the page says
    "being counted": measured without the thread), else in the request (what the count costs)."""
    from contextlib import nullcontext

    from django.core.cache import cache
    from django.test import Client, override_settings

    client = Client()
    on, off = [], []
    with override_settings(CAPDEV_PEOPLE_BACKGROUND=background), (NoThreads() if background else nullcontext()):
        for _round in range(rounds):
            for url in urls:
                if time.monotonic() > deadline:
                    break
                if cold:
                    cache.clear()
                on.append(timed(client, url))
                with PeopleOff():
                    off.append(timed(client, url))
    result = {"with_people": common.summary_ms(on), "baseline_without_people": common.summary_ms(off)}
    result["ratio_p50"] = common.ratio(result["with_people"]["p50_ms"], result["baseline_without_people"]["p50_ms"])
    return result


PEOPLE_PARAMS = ("reached_sex", "reached_seniority", "reached_institution")


def list_with_people_facets(rounds: int, country: str) -> dict:
    """The project list with its people facets against the same list without them (the declarations taken out
    of the FilterSet, the index read again without their pairs), one after the other: the index's read time and
    the list pages' p50 and p95. Only the pages both lists have are compared; the people-filtered pages are
    timed too."""
    from django.test import Client, override_settings

    from capdev.projects.facet_index import cache as index_cache
    from capdev.projects.filtersets import ProjectFilterSet

    shared = ["/projects/", f"/projects/?country={country}", "/projects/?q=government"]
    filtered = ["/projects/?reached_sex=female", f"/projects/?country={country}&reached_seniority=senior"]

    def measure(urls: list[str]) -> dict:
        index_cache.clear()
        # The page cache off: the list is computed for each request, not read back (capdev.core.http_cache).
        with override_settings(CAPDEV_FACET_INDEX_BACKGROUND=False, CAPDEV_PAGE_CACHE=False):
            began = time.perf_counter()
            index_cache.get_index()
            read = time.perf_counter() - began
            client = Client()
            for url in urls:
                client.get(url)  # templates and database pages warm
            times: dict[str, list[float]] = {url: [] for url in urls}
            for _round in range(rounds):
                for url in urls:
                    times[url].append(timed(client, url))
        shared_times = [t for url in shared for t in times[url]]
        out = {"index_read_seconds": round(read, 2), **stats(shared_times)}
        if len(urls) > len(shared):
            out["people_filtered"] = stats([t for url in filtered for t in times[url]])
        return out

    with_facets = measure(shared + filtered)
    saved = {name: ProjectFilterSet.base_filters.pop(name) for name in PEOPLE_PARAMS}
    try:
        without = measure(shared)
    finally:
        ProjectFilterSet.base_filters.update(saved)
    return {"with_people": with_facets, "baseline_without_people": without,
            "ratio_p50": round(with_facets["p50_ms"] / without["p50_ms"], 2),
            "index_read_ratio": round(with_facets["index_read_seconds"] / without["index_read_seconds"], 2)}


def stats(times: list[float]) -> dict:
    ordered = sorted(times)
    return {"p50_ms": round(statistics.median(ordered) * 1000, 1),
            "p95_ms": round(ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))] * 1000, 1), "n": len(ordered)}


def main() -> None:
    parser = common.portfolio_parser(__doc__)
    parser.add_argument("--people", type=int, default=100_000, help="SQLite: people to generate (once)")
    parser.add_argument("--attendances", type=int, default=500_000, help="SQLite: attendances to generate")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--max-seconds", type=float, default=900)
    parser.add_argument("--list-only", action="store_true", help="only the project list with its people facets")
    args = parser.parse_args()

    if args.database_url:
        _path, info, label = common.open_portfolio(args)
    else:
        path, info = people_sqlite(args.projects, args.people, args.attendances, args.seed)
        common.setup_django(common.sqlite_url(path))
        label = f"sqlite-{args.projects}-{args.people}-{args.attendances}"
    from django.db.models import Count

    from capdev.people import aggregates as agg
    from capdev.people.models import Attendance, Person
    from capdev.projects.models import Project

    info["people_rows"] = Person.objects.count()
    info["attendance_rows"] = Attendance.objects.count()
    busiest = (Attendance.objects.values("project_id").annotate(n=Count("pk")).order_by("-n")
               .values_list("project_id", flat=True)[:10])
    projects = list(busiest)
    country = (Person.objects.values("country_id").annotate(n=Count("pk")).order_by("-n")
               .values_list("country_id", flat=True).first())
    activity = Attendance.objects.filter(project_id=projects[0]).values_list("activity_id", flat=True)[0]
    print(f"people on {label}: {info['people_rows']} people, {info['attendance_rows']} attendances; "
          f"{args.rounds} rounds; busiest projects {projects[:3]}, country {country}")
    deadline = time.monotonic() + args.max_seconds
    from django.test import Client, override_settings

    if args.list_only:
        part = list_with_people_facets(args.rounds, country)
        w, b = part["with_people"], part["baseline_without_people"]
        print(f"  project list: index read {w['index_read_seconds']} s with people facets, "
              f"{b['index_read_seconds']} s without (ratio {part['index_read_ratio']}); pages p50 {w['p50_ms']} ms "
              f"p95 {w['p95_ms']} | without p50 {b['p50_ms']} ms p95 {b['p95_ms']} | ratio p50 {part['ratio_p50']}; "
              f"filtered by people p50 {w['people_filtered']['p50_ms']} ms p95 {w['people_filtered']['p95_ms']}")
        common.write_result(f"people-list-{label}", {"label": label, "portfolio": info, "list": part})
        return

    warm = Client()
    results: dict = {"label": label, "portfolio": info, "rounds": args.rounds}
    with override_settings(CAPDEV_PEOPLE_BACKGROUND=False):  # counted once, as the thread does after a change
        for url in ("/projects/", "/dashboard/", f"/dashboard/?country={country}", f"/projects/{projects[0]}/",
                    f"/countries/{country}/"):
            warm.get(url)  # the index, templates and database pages in memory, and the figures counted
    results["dashboard_warm"] = compare(["/dashboard/"], args.rounds, deadline)
    results["dashboard_first_visit"] = compare(["/dashboard/"], args.rounds, deadline, cold=True)
    results["dashboard_counted_in_request"] = compare(["/dashboard/"], max(1, args.rounds // 2), deadline, cold=True,
                                                      background=False)
    results["dashboard_filtered_warm"] = compare([f"/dashboard/?country={country}"], args.rounds, deadline)
    results["dashboard_filtered_counted_in_request"] = compare(
        [f"/dashboard/?country={country}"], max(1, args.rounds // 2), deadline, cold=True, background=False)
    results["project_pages"] = compare([f"/projects/{pk}/" for pk in projects], max(1, args.rounds // 2), deadline)
    results["country_page_warm"] = compare([f"/countries/{country}/"], args.rounds, deadline)
    results["country_page_counted_in_request"] = compare([f"/countries/{country}/"], max(1, args.rounds // 2),
                                                         deadline, cold=True, background=False)
    results["activity_page"] = compare([f"/activities/{activity}/"], args.rounds, deadline)
    times = []
    for _round in range(max(1, min(args.rounds, 3))):
        began = time.perf_counter()  # what the thread counts for the whole portfolio (capdev.people.warm_up)
        agg.projects_reach(Project.objects.published(), include_pending=False, whole_portfolio=True)
        agg.participation(Project.objects.published(), include_pending=False)
        times.append(time.perf_counter() - began)
    results["portfolio_reach_in_sql_median_ms"] = round(statistics.median(times) * 1000, 1)
    for name, part in results.items():
        if isinstance(part, dict) and "with_people" in part:
            w, b = part["with_people"], part["baseline_without_people"]
            print(f"  {name:38s} with people p50 {w['p50_ms']:8.1f} ms p95 {w['p95_ms']:8.1f} | without p50 "
                  f"{b['p50_ms']:8.1f} ms p95 {b['p95_ms']:8.1f} | ratio p50 {part['ratio_p50']}")
    print(f"  portfolio reach in SQL (no cache), median {results['portfolio_reach_in_sql_median_ms']} ms")
    common.write_result(f"people-{label}", results)


if __name__ == "__main__":
    main()
