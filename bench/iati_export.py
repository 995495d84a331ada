"""Benchmark 4: IATI export. Activities/s and peak memory of `capdev iati export` for generated portfolios.

Each export runs in a fresh process (`capdev iati export --output FILE`) on the portfolio's database; peak
memory is the child's maximum resident set size. Baseline, in its own process: lxml serialising as many
activity elements through the same `etree.xmlfile` streaming writer, the elements pre-built (parsed from the
first POOL activities of Capdev's own export, so they have the same shape) and written round-robin, which
times serialisation alone. Running two sizes shows whether memory stays flat in the portfolio size.

Usage: bench/iati_export.py --projects 10000 100000   |   --database-url postgres://... --label pg-1m
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import common

POOL = 1000
SERIALISE = """
import sys, time
from lxml import etree
source, count, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
pool = []
for _e, el in etree.iterparse(source, tag="iati-activity"):
    pool.append(el)
    if len(pool) >= POOL:
        break
t = time.perf_counter()
with open(out, "wb") as fh, etree.xmlfile(fh, encoding="utf-8") as xf:
    xf.write_declaration()
    with xf.element("iati-activities", {"version": "2.03"}):
        for i in range(count):
            xf.write(pool[i % len(pool)], pretty_print=True)
            xf.flush()
print(count, time.perf_counter() - t)
""".replace("POOL", str(POOL))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--projects", type=int, nargs="+", default=[10_000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--database-url", help="export this database instead (one size)")
    parser.add_argument("--label")
    parser.add_argument("--timeout", type=float, default=3600)
    args = parser.parse_args()
    targets = []
    if args.database_url:
        targets.append((args.label or "database", args.database_url))
    else:
        for n in args.projects:
            path, _info = common.portfolio_sqlite(n, args.seed)
            targets.append((f"sqlite-{n}", common.sqlite_url(path)))
    common.WORK.mkdir(parents=True, exist_ok=True)
    rows = []
    for label, url in targets:
        out = common.WORK / f"export-{label}.xml"
        run = common.measure_child([common.PYTHON, "-m", "capdev.cli", "iati", "export", "--output", str(out)],
                                   env=common.capdev_env(url), timeout=args.timeout)
        count = int(run["stderr"].strip().splitlines()[-1].split(":")[-1].split()[0])
        base_out = common.WORK / f"export-{label}-baseline.xml"
        # The baseline's own clock excludes its start-up and pool parsing; Capdev's includes start-up (~2 s).
        base = common.measure_child([common.PYTHON, "-c", SERIALISE, str(out), str(count), str(base_out)],
                                    timeout=args.timeout)
        row = {"label": label, "activities": count, "file_mb": round(out.stat().st_size / 1e6, 1),
               "capdev_seconds": round(run["seconds"], 2), "capdev_activities_per_s": round(count / run["seconds"], 1),
               "capdev_maxrss_mb": round(run["maxrss_mb"], 1),
               "lxml_seconds": round(base["seconds"], 2), "lxml_activities_per_s": round(count / base["seconds"], 1),
               "lxml_maxrss_mb": round(base["maxrss_mb"], 1)}
        row["ratio_speed_vs_lxml"] = common.ratio(row["capdev_activities_per_s"], row["lxml_activities_per_s"])
        rows.append(row)
        print(f"IATI export {label}: {count} activities ({row['file_mb']} MB): capdev "
              f"{row['capdev_activities_per_s']:.0f} act/s, peak {row['capdev_maxrss_mb']:.0f} MB | lxml "
              f"{row['lxml_activities_per_s']:.0f} act/s, peak {row['lxml_maxrss_mb']:.0f} MB | "
              f"speed ratio {row['ratio_speed_vs_lxml']}")
        out.unlink(missing_ok=True)
        base_out.unlink(missing_ok=True)
    growth = common.ratio(rows[-1]["capdev_maxrss_mb"], rows[0]["capdev_maxrss_mb"]) if len(rows) > 1 else None
    if growth:
        print(f"  peak memory x{growth} for a portfolio x{rows[-1]['activities'] / rows[0]['activities']:.0f} larger")
    name = "iati-export" if not args.database_url else f"iati-export-{args.label or 'database'}"
    common.write_result(name, {"sizes": rows, "maxrss_growth_largest_vs_smallest": growth})


if __name__ == "__main__":
    main()
