"""The result page of a search, current against proposed (SQLite): the 20 best matches with rank and snippet.

Current (capdev/projects/search.py `search_annotations` + filtersets `sorted`): `rank` and `snippet` are
correlated subqueries in the SELECT list (`SELECT -bm25(...) FROM fts WHERE fts MATCH ? AND rowid = pk`),
so SQLite runs a full-text query and builds a snippet for every matching project before it can sort and
keep 20. Proposed: let FTS5 rank inside its own index (`ORDER BY bm25(...) LIMIT 20` on the FTS table,
restricted to the filtered projects), then build the 20 snippets only. Checks both give the same ids in the
same order, then times them.

Usage: bench/results_query.py --projects 100000
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))
import common
from search_facets import QUERIES

PAGE = 20


def current_page(fs) -> list[tuple[int, str]]:
    """The first page as the list view reads it (with the view's own ordering)."""
    return [(p.pk, p.snippet) for p in fs.qs[:PAGE]]


def proposed_page(fs) -> list[tuple[int, str]]:
    """The first page ranked inside FTS5, snippets for the page only (same order: rank, then title, pk)."""
    from django.db import connection

    from capdev.projects.search import (
        FTS5_WEIGHTS,
        FTS_TABLE,
        HIGHLIGHT_END,
        HIGHLIGHT_START,
        SNIPPET_TOKENS,
        fts5_query,
    )

    match = fts5_query(fs.search_text)
    others = fs.queryset_without("q").values("pk")  # every other filter, as a subquery
    sql, params = others.query.sql_with_params()
    weights = ", ".join(str(w) for w in FTS5_WEIGHTS)
    with connection.cursor() as cursor:
        # Ties on rank are broken by title then pk, as the view does: rank first inside FTS5, keep a margin.
        cursor.execute(
            f"SELECT f.rowid, -bm25({FTS_TABLE}, {weights}) AS r, p.title FROM {FTS_TABLE} f "
            f"JOIN projects_project p ON p.id = f.rowid "
            f"WHERE {FTS_TABLE} MATCH %s AND f.rowid IN ({sql}) ORDER BY r DESC, p.title, p.id LIMIT {PAGE}",
            [match, *params])
        ranked = [row[0] for row in cursor.fetchall()]
        if not ranked:
            return []
        marks = ", ".join(["%s"] * len(ranked))
        cursor.execute(
            f"SELECT rowid, snippet({FTS_TABLE}, -1, %s, %s, %s, %s) FROM {FTS_TABLE} "
            f"WHERE {FTS_TABLE} MATCH %s AND rowid IN ({marks})",
            [HIGHLIGHT_START, HIGHLIGHT_END, "…", SNIPPET_TOKENS, match, *ranked])
        snippets = dict(cursor.fetchall())
    return [(pk, snippets.get(pk)) for pk in ranked]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--projects", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--max-seconds", type=float, default=300)
    args = parser.parse_args()
    path, _info = common.portfolio_sqlite(args.projects, args.seed)
    common.setup_django(common.sqlite_url(path))
    from django.http import QueryDict

    from capdev.projects.filtersets import ProjectFilterSet

    sets = [ProjectFilterSet(QueryDict(urlencode({"q": q, "country": c, "sdg": s}))) for q, c, s in QUERIES]
    same = sum(current_page(fs) == proposed_page(fs) for fs in sets)
    times: dict[str, list[float]] = {"current": [], "proposed": []}
    deadline = time.monotonic() + args.max_seconds
    for _round in range(args.rounds):
        for fs in sets:
            for name, fn in (("current", current_page), ("proposed", proposed_page)):
                if time.monotonic() > deadline:
                    break
                fs = ProjectFilterSet(fs.data)  # a fresh filterset: no cached queryset
                began = time.perf_counter()
                fn(fs)
                times[name].append(time.perf_counter() - began)
    result = {k: common.summary_ms(v) for k, v in times.items()}
    result["same_page"] = f"{same}/{len(sets)}"
    result["ratio_p50_current_vs_proposed"] = common.ratio(result["current"]["p50_ms"], result["proposed"]["p50_ms"])
    print(f"result page of a search on sqlite-{args.projects}: same ids, order and snippets for {result['same_page']}")
    for k in ("current", "proposed"):
        print(f"  {k:9} p50 {result[k]['p50_ms']:8.1f} ms  p95 {result[k]['p95_ms']:8.1f} ms  "
              f"(median {statistics.median(times[k]) * 1000:.1f})")
    common.write_result(f"results-query-sqlite-{args.projects}", {"projects": args.projects, **result})


if __name__ == "__main__":
    main()
