"""Benchmark 3: IATI import. Activities/s and peak memory of `capdev iati import` on large files.

The files are built by repeating the real files of ../shared/iati/data/ under new identifiers (copy k of
activity X becomes X-capdevbenchK), at two or more sizes, so that "memory flat in the file size" can be
read off. Each import runs in a fresh process on a fresh SQLite database holding the reference data only;
the baseline is a bare lxml.iterparse pass (clearing each activity) over the same file, also in its own
process. Peak memory is the child's maximum resident set size (getrusage).

A second baseline, the SQL floor (bench/sql_floor.py): the statements one import runs, recorded and replayed
alone through the sqlite3 module on a fresh copy of the database. Its time is what any writer of the same rows
spends inside SQLite, so iterparse's time over it is the speed ratio no importer writing these rows can pass.

Usage: bench/iati_import.py [--copies 1 4] [--no-floor]
"""
from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import common

BARE = """
import sys, time
from lxml import etree
t = time.perf_counter()
n = 0
root = None
for event, el in etree.iterparse(sys.argv[1], events=("start", "end"), resolve_entities=False, no_network=True):
    if event == "start":
        if root is None:
            root = el
        continue
    if el.tag == "iati-activity":
        n += 1
        el.clear(keep_tail=False)
        while el.getprevious() is not None:
            del root[0]
print(n, time.perf_counter() - t)
"""


def build_file(copies: int, out: Path) -> int:
    """Write an iati-activities file with every activity of the shared files repeated `copies` times."""
    from lxml import etree

    files = sorted((common.SHARED / "iati" / "data").glob("*.xml"))
    if not files:
        raise SystemExit(f"no IATI files in {common.SHARED / 'iati' / 'data'}")
    count = 0
    with open(out, "wb") as fh, etree.xmlfile(fh, encoding="utf-8") as xf:
        xf.write_declaration()
        with xf.element("iati-activities", {"version": "2.03", "generated-datetime": "2026-01-01T00:00:00Z"}):
            for k in range(copies):
                for f in files:
                    for _event, el in etree.iterparse(str(f), tag="iati-activity", resolve_entities=False,
                                                      no_network=True):
                        ident = el.find("iati-identifier")
                        if ident is not None and ident.text:
                            ident.text = f"{ident.text.strip()}-capdevbench{k}"
                        xf.write(el)
                        xf.write("\n")
                        count += 1
                        el.clear(keep_tail=False)
                        parent = el.getparent()
                        while parent is not None and el.getprevious() is not None:
                            del parent[0]
    return count


def table_counts(db: Path) -> dict[str, int]:
    """Rows in each table of an SQLite file (the full-text index's own tables included)."""
    import sqlite3

    with sqlite3.connect(db) as connection:
        tables = [name for (name,) in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'")]
        return {t: connection.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}


def sql_floor(path: Path, env: dict, timeout: float) -> dict:
    """Record the statements of an import of path, replay them on a fresh copy: seconds inside SQLite (sql_floor.py)."""
    script = str(Path(__file__).resolve().parent / "sql_floor.py")
    recorded, replayed = common.WORK / "floor-record.sqlite3", common.WORK / "floor-replay.sqlite3"
    statements = common.WORK / "floor-statements.pickle"
    try:
        for copy in (recorded, replayed):
            shutil.copyfile(common.reference_sqlite(), copy)
        env = {**env, "DATABASE_URL": common.sqlite_url(recorded)}
        subprocess.run([common.PYTHON, script, "record", str(recorded), str(path), str(statements)], env=env,
                       cwd=common.ROOT, check=True, timeout=timeout, stdout=subprocess.DEVNULL)
        out = subprocess.run([common.PYTHON, script, "replay", str(replayed), str(statements)], cwd=common.ROOT,
                             check=True, timeout=timeout, capture_output=True, text=True).stdout
        if table_counts(replayed) != table_counts(recorded):
            raise SystemExit("the replayed statements did not write what the import wrote: no floor")
        return json.loads(out.strip().splitlines()[-1])
    finally:
        for leftover in (recorded, replayed, statements):
            leftover.unlink(missing_ok=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--copies", type=int, nargs="+", default=[1, 4],
                        help="file sizes, in copies of the shared files")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds per import at most")
    parser.add_argument("--no-floor", dest="floor", action="store_false",
                        help="skip the SQL floor (the import's statements replayed alone: bench/sql_floor.py)")
    args = parser.parse_args()
    common.WORK.mkdir(parents=True, exist_ok=True)
    rows = []
    for copies in args.copies:
        path = common.WORK / f"iati-{copies}x.xml"
        n = build_file(copies, path)
        size_mb = path.stat().st_size / 1e6
        bare = common.measure_child([common.PYTHON, "-c", BARE, str(path)], timeout=args.timeout)
        db = common.WORK / f"iati-import-{copies}x.sqlite3"
        shutil.copyfile(common.reference_sqlite(), db)
        env = common.capdev_env(common.sqlite_url(db))
        run = common.measure_child([common.PYTHON, "-m", "capdev.cli", "iati", "import", "--publish", str(path)],
                                   env=env, timeout=args.timeout)
        row = {
            "copies": copies, "activities": n, "file_mb": round(size_mb, 1),
            "capdev_seconds": round(run["seconds"], 2), "capdev_activities_per_s": round(n / run["seconds"], 1),
            "capdev_maxrss_mb": round(run["maxrss_mb"], 1),
            "iterparse_seconds": round(bare["seconds"], 3), "iterparse_activities_per_s": round(n / bare["seconds"], 1),
            "iterparse_maxrss_mb": round(bare["maxrss_mb"], 1),
        }
        row["ratio_speed_vs_iterparse"] = common.ratio(row["capdev_activities_per_s"],
                                                       row["iterparse_activities_per_s"])
        rows.append(row)
        print(f"IATI import, {n} activities ({size_mb:.1f} MB): capdev {row['capdev_activities_per_s']:.0f} act/s, "
              f"peak {row['capdev_maxrss_mb']:.0f} MB | iterparse {row['iterparse_activities_per_s']:.0f} act/s, "
              f"peak {row['iterparse_maxrss_mb']:.0f} MB | speed ratio {row['ratio_speed_vs_iterparse']}")
        if args.floor:
            floor = sql_floor(path, env, args.timeout)
            row["sql_floor_seconds"] = round(floor["sqlite_seconds"], 2)
            row["sql_floor_statements"], row["sql_floor_rows"] = floor["statements"], floor["rows"]
            # However fast the rest, a writer of these rows takes the floor's time: the speed ratio it could reach.
            row["ratio_ceiling_vs_iterparse"] = common.ratio(bare["seconds"], floor["sqlite_seconds"])
            print(f"  the same statements replayed alone in SQLite: {floor['sqlite_seconds']:.2f} s ({floor['rows']} "
                  f"rows in {floor['statements']} statements), {row['sql_floor_seconds'] / run['seconds']:.0%} of "
                  f"capdev's time; ceiling speed ratio {row['ratio_ceiling_vs_iterparse']}")
        db.unlink(missing_ok=True)
        path.unlink(missing_ok=True)
    growth = None
    if len(rows) > 1:
        growth = common.ratio(rows[-1]["capdev_maxrss_mb"], rows[0]["capdev_maxrss_mb"])
        print(f"  peak memory x{growth} for a file x{rows[-1]['copies'] / rows[0]['copies']:.0f} larger")
    common.write_result("iati-import",
                        {"database": "sqlite", "sizes": rows, "maxrss_growth_largest_vs_smallest": growth})


if __name__ == "__main__":
    main()
