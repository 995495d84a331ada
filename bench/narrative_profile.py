"""The narrative parser's speed: ms per record of `capdev import-legacy` on generated narrative records.

Writes --records records in the layout of the seed portfolio's recent project pages (summary paragraph,
Objective, Beneficiaries, Lead Division, Partners, Funding Source, Budget, Time Frame, Thematic Area, Region,
Focus Countries, Outcomes, then the activities told in prose: workshops "convened over 40 officials",
advisory missions with dates, webinars), from the synthetic generator's projects (deterministic for a seed).
Then times, each in a fresh process: the parser alone (`python -m capdev.narrative FILE`) and the whole
import (`capdev import-legacy --dry-run FILE` on a database with the reference data); and profiles the
parser with cProfile, printing the functions that take the most time.

Usage: bench/narrative_profile.py [--records 300] [--seed 1]
"""
from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import common

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]


def _month(d) -> str:
    return f"{MONTHS[d.month - 1]} {d.year}"


def record_text(p, ref, funding: dict[int, str]) -> str:
    """One project page as the publisher writes it."""
    from capdev.activities.models import ActivityType

    lines = [p.summary + " " + p.background, "Objective:", p.objective, "Beneficiaries:",
             (f"Direct beneficiaries include {p.expected[0].split(' of ')[-1] if p.expected else 'officials'}. "
              "Indirect beneficiaries include the citizens and communities served by these institutions."),
             f"Lead Division: UN DESA / {p.unit.code}"]
    if p.partners:
        lines.append("Partners: " + ", ".join(o.acronym or o.name for o in p.partners))
    lines += [f"Funding Source: {funding.get(p.funding, 'DA Tranche 16 Account')}",
              f"Budget: ${int(p.budget):,}",
              f"Time Frame: {_month(p.start)} – {_month(p.end) if p.end else 'ongoing'}",
              "Thematic Area: " + ", ".join(f"SDG {g}" for g in p.goals),
              "Focus Countries: " + ", ".join(p.country_names)]
    lines += [f"Outcome {i + 1}: By {p.start.year + 2}, {o[0].lower() + o[1:]}." for i, o in enumerate(p.outcomes)]
    lines.append("Resources related to the project (reports, toolkits, training materials, and links) will be "
                 "made available here.")
    for a in p.activities:
        where = ref.country_names.get(a.country, "") if a.country else ""
        if a.type == ActivityType.ADVISORY_MISSION and where:
            lines.append(f"Advisory Mission to {where}, {a.start.day} - {a.end.day} {MONTHS[a.start.month - 1]} "
                         f"{a.start.year}")
            lines.append(f"Interactive conversations with {a.qualifier or 'some'} {a.participants} {a.profile} "
                         "allowed for open and frank conversations on the gaps and opportunities.")
        elif a.type == ActivityType.WEBINAR:
            lines.append(f"Webinar Series on “{a.title}”, {a.start.day} {MONTHS[a.start.month - 1]} {a.start.year}. "
                         f"The webinar series brought together {a.participants} {a.profile} from "
                         f"{a.participant_countries or 12} countries.")
        elif a.participants:
            place = f" in {where}" if where else ""
            lines.append(f"In {_month(a.start)}, a {a.title.lower()} convened {a.qualifier or 'over'} "
                         f"{a.participants} {a.profile}{place}, with the support of UNDP and the Ministry of Public "
                         "Administration.")
        else:
            lines.append(f"{a.summary} ({_month(a.start)})")
    return "\n".join(lines) + "\n"


def write_records(path: Path, n: int, seed: int) -> None:
    """n generated records in one file."""
    from capdev.organisations.models import FundingSource
    from capdev.projects import synthetic

    ref = synthetic.Reference.load()
    funding = dict(FundingSource.objects.values_list("pk", "code"))
    with open(path, "w", encoding="utf-8") as fh:
        for p in synthetic.iter_projects(n, seed, ref):
            fh.write(f"{p.title}\n")
            fh.write(record_text(p, ref, funding))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--records", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--top", type=int, default=25, help="profile lines to print")
    parser.add_argument("--timeout", type=float, default=1800)
    args = parser.parse_args()
    db = common.WORK / "narrative.sqlite3"
    shutil.copyfile(common.reference_sqlite(), db)
    url = common.sqlite_url(db)
    common.setup_django(url)
    path = common.WORK / f"narrative-{args.records}.txt"
    write_records(path, args.records, args.seed)

    from capdev.narrative import parse_file

    # The parser builds its tables and compiles its patterns on first use, and caches some results by text:
    # warm it up on another portfolio (another seed), time this one, and profile a third, so that neither
    # the one-time set-up nor a cache hit is counted as per-record work.
    others = []
    for offset in (1000, 2000):
        other = common.WORK / f"narrative-{args.records}-s{args.seed + offset}.txt"
        write_records(other, args.records, args.seed + offset)
        others.append(other)
    began = time.perf_counter()
    parse_file(str(others[0]))
    first = time.perf_counter() - began
    began = time.perf_counter()
    records = parse_file(str(path))
    warm = time.perf_counter() - began
    profiler = cProfile.Profile()
    profiler.enable()
    parse_file(str(others[1]))
    profiler.disable()
    print(f"{path.name}: {args.records} records written, the parser finds {len(records)}")

    parse_only = common.measure_child([common.PYTHON, "-m", "capdev.narrative", str(path)], timeout=args.timeout)
    whole = common.measure_child([common.PYTHON, "-m", "capdev.cli", "import-legacy", "--dry-run", str(path)],
                                 env=common.capdev_env(url), timeout=args.timeout)
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("tottime").print_stats(args.top)
    top_tottime = out.getvalue()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(r"capdev/narrative", args.top)
    top_cumulative = out.getvalue()
    n = len(records)
    result = {
        "records": n,
        "parser_process_seconds": round(parse_only["seconds"], 2),
        "parser_ms_per_record": round(parse_only["seconds"] * 1000 / n, 1),
        "import_legacy_dry_run_seconds": round(whole["seconds"], 2),
        "import_legacy_ms_per_record": round(whole["seconds"] * 1000 / n, 1),
        "import_legacy_maxrss_mb": round(whole["maxrss_mb"], 1),
        "in_process_first_file_ms_per_record": round(first * 1000 / n, 2),
        "in_process_ms_per_record": round(warm * 1000 / n, 2),
        "profile_top_tottime": [ln for ln in top_tottime.splitlines() if ln.strip()][:args.top + 8],
        "profile_top_cumulative_narrative": [ln for ln in top_cumulative.splitlines() if ln.strip()][:args.top + 8],
    }
    print(f"  parser alone: {result['parser_ms_per_record']} ms/record; import-legacy --dry-run: "
          f"{result['import_legacy_ms_per_record']} ms/record (both with process start-up); in process: "
          f"first file {result['in_process_first_file_ms_per_record']} ms/record, next file "
          f"{result['in_process_ms_per_record']}")
    print(top_tottime)
    print(top_cumulative)
    common.write_result("narrative-parser", result)
    for f in (path, *others, db):
        f.unlink(missing_ok=True)


if __name__ == "__main__":
    main()
