"""The narrative parser's speed on real layouts: CPU seconds to parse every dev corpus file, against a revision.

The dev parts of bench/narrative_corpora (records in the layouts the parser was written for, in English, French and
Spanish) are parsed in a fresh process by this checkout and, in the same run, by another revision checked out in a
temporary git worktree (`--against REV`, e.g. main). Each is parsed --rounds times, alternately, so that the load of
the machine falls on both; the figure is the fastest round's CPU time (time.process_time, the process's own work),
after a first file parsed to build the parser's tables. The ratio is the baseline's time over this checkout's.

Usage: bench/narrative_speed.py [--against REV] [--rounds 2] [DIR ...]
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import common

CORPORA = common.ROOT / "bench" / "narrative_corpora"
CHILD = """
import json, sys, time
sys.path.insert(0, sys.argv[1])
from capdev.narrative import parse_file
files = json.loads(sys.argv[2])
parse_file(files[0])
began = time.process_time()
records = sum(len(parse_file(f)) for f in files)
print(json.dumps({"seconds": time.process_time() - began, "records": records}))
"""


def files_of(dirs: list[Path]) -> list[str]:
    return [str(f) for d in dirs for f in sorted(d.iterdir()) if f.is_file() and f.suffix != ".json"]


def parse_all(checkout: Path, files: list[str]) -> dict:
    out = subprocess.run([common.PYTHON, "-c", CHILD, str(checkout), json.dumps(files)], check=True,
                         capture_output=True, text=True, timeout=1800)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("dirs", nargs="*", type=Path)
    parser.add_argument("--against", metavar="REV", help="also time this git revision, in the same run")
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    files = files_of(args.dirs or sorted(CORPORA.glob("*/dev")))
    checkouts = [("this checkout", common.ROOT)]
    with tempfile.TemporaryDirectory() as tmp:
        if args.against:
            other = Path(tmp) / "against"
            subprocess.run(["git", "-C", str(common.ROOT), "worktree", "add", "-q", "--detach", str(other),
                            args.against], check=True)
            checkouts.insert(0, (args.against, other))
        try:
            best: dict[str, dict] = {}
            for _ in range(max(1, args.rounds)):
                for label, checkout in checkouts:
                    run = parse_all(checkout, files)
                    if label not in best or run["seconds"] < best[label]["seconds"]:
                        best[label] = run
        finally:
            if args.against:
                subprocess.run(["git", "-C", str(common.ROOT), "worktree", "remove", "--force", str(other)],
                               check=False)
    result = {"files": len(files)}
    for label, run in best.items():
        per = 1000 * run["seconds"] / max(run["records"], 1)
        print(f"{label:16} {len(files)} files, {run['records']} records: {run['seconds']:.2f} s CPU, "
              f"{per:.1f} ms/record")
        result[label] = {**run, "ms_per_record": round(per, 1)}
    if args.against:
        ratio = best[args.against]["seconds"] / max(best["this checkout"]["seconds"], 1e-9)
        print(f"ratio: {args.against} takes {ratio:.2f} times this checkout's time")
        result["ratio"] = round(ratio, 2)
    common.write_result("narrative-speed", result)


if __name__ == "__main__":
    main()
