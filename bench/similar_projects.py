"""Benchmark: similar projects and possible duplicates (capdev/projects/similar.py) at portfolio scale.

Measured in one run, on one portfolio:
- reading the similarity index whole (what a process does once), its size in memory;
- a project page's similar projects (`similar_to`, anonymous: the candidates scored on the index, then scored
  again by the definition from the database, their reasons named), p50/p95 with the results cache emptied, and
  the index's scoring alone;
- possible duplicates of a project (`possible_duplicates`);
- taking in one edited project (a title and objective changed, as an editor saves them) before the next answer;
- the baseline: the definition itself (capdev.core.similarity.compare) applied to every project one by one, as a
  plain implementation would, reading the portfolio from the database as the index does; its top five are
  checked equal to the index's.

Usage:
  bench/similar_projects.py --projects 100000                # SQLite, generated once under $CAPDEV_BENCH_DIR
  bench/similar_projects.py --database-url postgres://... --label postgresql-1m --baseline-queries 1
"""
from __future__ import annotations

import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import common


def anonymous():
    from django.contrib.auth.models import AnonymousUser
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    return request


def baseline_top(project_pk: int, k: int) -> tuple[list[tuple[int, float]], float]:
    """The k most similar published projects by the definition applied to every project, reading everything;
    and the seconds it took."""
    from capdev.core import similarity as definition
    from capdev.projects import similar

    began = time.perf_counter()
    q = similar.profiles([project_pk])[project_pk][0]
    links = {aspect: iter(rows) for aspect, rows in similar._link_rows("default").items()}
    pending = {aspect: next(rows, None) for aspect, rows in links.items()}
    best: list[tuple[float, int]] = []
    for pk, published, unit, tokens in similar._registry_rows("default"):
        sets = {}
        for aspect, rows in links.items():
            found = set()
            row = pending[aspect]
            while row is not None and row[0] <= pk:
                if row[0] == pk:
                    found.add(row[1])
                row = next(rows, None)
            pending[aspect] = row
            sets[aspect] = frozenset(found)
        if pk == project_pk or not published:
            continue
        like = definition.compare(q, definition.Profile(tokens=tokens, unit=unit, **sets))
        if like.similar:
            best.append((-like.score, pk))
    best.sort()
    return [(pk, -score) for score, pk in best[:k]], time.perf_counter() - began


def main() -> None:
    parser = common.portfolio_parser(__doc__)
    parser.add_argument("--queries", type=int, default=30, help="projects asked about (timed)")
    parser.add_argument("--baseline-queries", type=int, default=2, help="projects the baseline scores (slow)")
    parser.add_argument("--max-seconds", type=float, default=3600)
    args = parser.parse_args()
    _path, info, label = common.open_portfolio(args)
    deadline = time.monotonic() + args.max_seconds

    from django.conf import settings

    settings.CAPDEV_FACET_INDEX_BACKGROUND = False  # read the index in this thread, timed
    from capdev.projects import similar, similar_index
    from capdev.projects.models import Project

    similar.clear()
    began = time.perf_counter()
    index = similar.get_index()
    build_s = time.perf_counter() - began
    text = index.aspects["text"]
    print(f"index: {index.n:,} projects read in {build_s:.1f} s, {index.nbytes() / 2**20:.1f} MB "
          f"({len(text.codes):,} words, {len(text.bits)} held as bits)")

    pks = list(Project.objects.published().values_list("pk", flat=True))
    chosen = random.Random(args.seed).sample(pks, min(args.queries, len(pks)))
    request = anonymous()
    page, scoring, dups = [], [], []
    for pk in chosen:
        if time.monotonic() > deadline:
            break
        project = Project.objects.get(pk=pk)
        similar._RESULTS.clear()
        t = time.perf_counter()
        found = similar.similar_to(project, request)
        page.append(time.perf_counter() - t)
        assert found is not None
        q = similar.profiles([pk])[pk][0]
        t = time.perf_counter()
        values, reason, _text = index.scores(q)
        similar_index.top(index, values, exclude={pk}, public=True, k=similar.CANDIDATES, at_least=0.02, only=reason)
        scoring.append(time.perf_counter() - t)
        t = time.perf_counter()
        similar.possible_duplicates(project, request)
        dups.append(time.perf_counter() - t)

    # One edited project, then the next answer (it takes the edit in).
    edited = Project.objects.get(pk=chosen[0])
    edited.title, edited.objective = edited.title + " (revised)", edited.objective + " Revised in the benchmark."
    edited.save()
    similar._RESULTS.clear()
    t = time.perf_counter()
    similar.similar_to(Project.objects.get(pk=chosen[1]), request)
    catch_up_s = time.perf_counter() - t
    edited.title = edited.title[:-len(" (revised)")]
    edited.objective = edited.objective[:-len(" Revised in the benchmark.")]
    edited.save()

    baseline, agree = [], []
    for pk in chosen[:args.baseline_queries]:
        if time.monotonic() > deadline:
            break
        expected, seconds = baseline_top(pk, similar.SHOWN)
        baseline.append(seconds)
        similar._RESULTS.clear()
        got = [(s.project.pk, s.likeness.score) for s in similar.similar_to(Project.objects.get(pk=pk), request)]
        agree.append([g[0] for g in got] == [e[0] for e in expected])
        print(f"baseline for project {pk}: {seconds:.2f} s; index's top five {'equal' if agree[-1] else 'DIFFER'}")

    page_s, scoring_s, dups_s = common.summary_ms(page), common.summary_ms(scoring), common.summary_ms(dups)
    baseline_s = common.summary_ms(baseline)
    result = {
        "portfolio": info, "registry_projects": index.n, "index_build_s": round(build_s, 2),
        "index_mb": round(index.nbytes() / 2**20, 1), "words": len(text.codes), "words_as_bits": len(text.bits),
        "similar_to": page_s, "index_scoring": scoring_s, "possible_duplicates": dups_s,
        "after_one_edit_ms": round(catch_up_s * 1000, 1), "baseline_brute_force": baseline_s,
        "baseline_top5_equal": agree,
        "ratio_similar_to_p50_vs_baseline": round(page_s["p50_ms"] / baseline_s["p50_ms"], 6)
        if baseline_s["n"] else None,
    }
    print(f"similar_to p50 {page_s['p50_ms']} ms p95 {page_s['p95_ms']} ms; scoring p50 {scoring_s['p50_ms']} ms; "
          f"duplicates p50 {dups_s['p50_ms']} ms; after an edit {catch_up_s * 1000:.0f} ms; "
          f"baseline p50 {baseline_s['p50_ms']} ms (ratio {result['ratio_similar_to_p50_vs_baseline']}, "
          f"{baseline_s['p50_ms'] / max(page_s['p50_ms'], 1e-9):,.0f} times faster)")
    common.write_result(f"similar_projects-{label}", result)


if __name__ == "__main__":
    main()
