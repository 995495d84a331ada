"""Benchmark: the narrative import at 1, 10 and 50 MB. Time per record and peak memory of `capdev import-legacy`
as the file grows, against the parser's own speed per record measured in the same run.

The files are generated from the synthetic portfolio (`capdev.projects.synthetic`, deterministic for a seed),
each project written in one of three layouts in turn, as the publisher's pages come: the recent page (a
summary, labelled facts, then the activities told in prose: narrative_profile.record_text), the 2010 page of
the seed file ("Main Expectations: 1. ...;" ... "Division: PACB"), and a page under a project-code header
("KEN/19/A0B1: Title" then its labels). Each size is one file; each import runs in a fresh process on a fresh
SQLite database holding the reference data only, and writes (no --dry-run). The baseline, the parser alone,
reads the smallest file in its own process (`iter_file`, records counted and dropped). Peak memory is the
child's maximum resident set size.

What linear time and flat memory look like: the import's ms per record about the same at every size (its ratio
to the 1 MB run near 1), and its peak memory about the same at every size (ratio near 1).

Usage: bench/narrative_scale.py [--sizes 1 10 50] [--seed 1] [--timeout 7200] [--keep]
"""
from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import common
from narrative_profile import MONTHS, record_text

PARSER = """
import sys, time
from capdev.narrative import iter_file
began = time.perf_counter()
n = sum(1 for _ in iter_file(sys.argv[1]))
print(n, time.perf_counter() - began)
"""
_BASE36 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _month(d) -> str:
    return f"{MONTHS[d.month - 1]} {d.year}"


def _code(p) -> str:
    """A code in a pattern of labels.json ("KEN/19/A0B1"), unique in the file (the index in base 36)."""
    n, tail = p.index, ""
    for _ in range(4):
        n, r = divmod(n, 36)
        tail = _BASE36[r] + tail
    return f"{(p.countries[0] if p.countries else 'INT')[:3]}/{p.start.year % 100:02d}/{tail}"


def seed_layout(p, funding: dict[int, str]) -> str:
    """A page as the 2010 portfolio wrote them (the shared seed file's layout)."""
    lines = ["Main Expectations: " + "\n".join(f"{i}. {e};" for i, e in enumerate(p.expected or [p.objective], 1)),
             f"Objective/Purpose of Project: Overall objective: {p.objective}"]
    if p.activities:
        lines.append("Key Accomplishments (to-date): " + " ".join(a.summary for a in p.activities[:3]))
    if p.partners:
        lines.append("Cooperation Partners: " + ", ".join(o.name for o in p.partners))
    lines += [f"Time Frame: {_month(p.start)} - {_month(p.end) if p.end else 'ongoing'}",
              f"Funding: {funding.get(p.funding, 'XBTC')}",
              f"Proposed Budget: US${int(p.budget):,}",
              f"Division: {p.unit.code}"]
    return "\n".join(lines) + "\n"


def header_layout(p) -> str:
    """A page under its project code, facts first."""
    lines = [f"{_code(p)}: {p.title}", f"Objective: {p.objective}",
             f"Time Frame: {_month(p.start)} - {_month(p.end) if p.end else 'ongoing'}",
             f"Budget: US$ {int(p.budget):,}", f"Division: {p.unit.code}"]
    if p.country_names:
        lines.append("Countries: " + ", ".join(p.country_names))
    if p.goals:
        lines.append("SDGs: " + ", ".join(str(g) for g in p.goals))
    lines += [a.summary for a in p.activities]
    return "\n".join(lines) + "\n"


def write_file(path: Path, megabytes: float, seed: int) -> int:
    """Pages of the synthetic portfolio of this seed, in the three layouts in turn, up to this size; their number."""
    from capdev.organisations.models import FundingSource
    from capdev.projects import synthetic

    ref = synthetic.Reference.load()
    funding = dict(FundingSource.objects.values_list("pk", "code"))
    target, written, n = int(megabytes * 1_000_000), 0, 0
    tmp = path.with_suffix(".tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        for p in synthetic.iter_projects(10_000_000, seed, ref):
            kind = p.index % 3
            page = (f"{p.title}\n{record_text(p, ref, funding)}" if kind == 0 else
                    seed_layout(p, funding) if kind == 1 else header_layout(p))
            fh.write(page)
            written += len(page.encode("utf-8"))
            n += 1
            if written >= target:
                break
    tmp.rename(path)
    return n


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=float, nargs="+", default=[1, 10, 50], help="file sizes in MB")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=7200, help="seconds per import at most")
    parser.add_argument("--keep", action="store_true", help="keep the generated files (in $CAPDEV_BENCH_DIR)")
    args = parser.parse_args()
    common.WORK.mkdir(parents=True, exist_ok=True)
    gen_db = common.WORK / "narrative-scale-gen.sqlite3"
    shutil.copyfile(common.reference_sqlite(), gen_db)
    common.setup_django(common.sqlite_url(gen_db))
    files = []
    for size in args.sizes:
        path = common.WORK / f"narrative-{size:g}MB-s{args.seed}.txt"
        if not path.exists():
            write_file(path, size, args.seed)
        files.append((size, path))
    gen_db.unlink(missing_ok=True)

    rows = []
    parser_ms = None  # the baseline: the parser alone on the smallest file, in its own process
    for size, path in files:
        parse = common.measure_child([common.PYTHON, "-c", PARSER, str(path)], timeout=args.timeout, keep_stdout=True)
        records = int(parse["stdout"].split()[0])
        db = common.WORK / f"narrative-scale-{size:g}.sqlite3"
        shutil.copyfile(common.reference_sqlite(), db)
        run = common.measure_child([common.PYTHON, "-m", "capdev.cli", "import-legacy", str(path)],
                                   env=common.capdev_env(common.sqlite_url(db)), timeout=args.timeout)
        db.unlink(missing_ok=True)
        row = {
            "file_mb": round(path.stat().st_size / 1e6, 2), "records": records,
            "parser_seconds": round(parse["seconds"], 2),
            "parser_ms_per_record": round(parse["seconds"] * 1000 / records, 2),
            "parser_maxrss_mb": round(parse["maxrss_mb"], 1),
            "import_seconds": round(run["seconds"], 1),
            "import_ms_per_record": round(run["seconds"] * 1000 / records, 2),
            "import_maxrss_mb": round(run["maxrss_mb"], 1),
        }
        if parser_ms is None:
            parser_ms = row["parser_ms_per_record"]
        row["import_vs_parser"] = common.ratio(row["import_ms_per_record"], parser_ms)
        rows.append(row)
        print(f"{row['file_mb']:g} MB, {records} records: import {row['import_ms_per_record']} ms/record "
              f"(x{row['import_vs_parser']} the parser's {parser_ms} ms/record), peak {row['import_maxrss_mb']:.0f} MB "
              f"| parser alone {row['parser_ms_per_record']} ms/record, peak {row['parser_maxrss_mb']:.0f} MB",
              flush=True)
        if not args.keep:
            path.unlink(missing_ok=True)
    first = rows[0]
    for row in rows:
        row["time_per_record_vs_smallest"] = common.ratio(row["import_ms_per_record"], first["import_ms_per_record"])
        row["peak_memory_vs_smallest"] = common.ratio(row["import_maxrss_mb"], first["import_maxrss_mb"])
        row["parser_time_per_record_vs_smallest"] = common.ratio(row["parser_ms_per_record"],
                                                                 first["parser_ms_per_record"])
        row["parser_peak_memory_vs_smallest"] = common.ratio(row["parser_maxrss_mb"], first["parser_maxrss_mb"])
    print("size      records   import ms/rec  x smallest  peak MB  x smallest | parser ms/rec  x smallest  peak MB")
    for row in rows:
        print(f"{row['file_mb']:>6.1f} MB {row['records']:>8} {row['import_ms_per_record']:>14} "
              f"{row['time_per_record_vs_smallest']:>11} {row['import_maxrss_mb']:>8.0f} "
              f"{row['peak_memory_vs_smallest']:>11} |"
              f" {row['parser_ms_per_record']:>13} {row['parser_time_per_record_vs_smallest']:>11} "
              f"{row['parser_maxrss_mb']:>8.0f}")
    common.write_result("narrative-scale", {
        "database": "sqlite", "seed": args.seed, "sizes": rows,
        "baseline": {"what": "the parser alone (iter_file, records counted and dropped) on the smallest file, in "
                             "its own process, ms per record", "parser_ms_per_record": parser_ms},
    })


if __name__ == "__main__":
    main()
