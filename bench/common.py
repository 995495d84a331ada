"""Shared helpers of the benchmark scripts: databases, timing, machine facts, results files.

Every script runs from the checkout (`.venv/bin/python bench/<script>.py ...`), talks only to 127.0.0.1,
bounds every loop in count and time, and writes a JSON summary to bench/results/.
"""
from __future__ import annotations

import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent  # the checkout
# Where summaries go: bench/results/ (committed) unless CAPDEV_BENCH_RESULTS says otherwise (make bench).
RESULTS = Path(os.environ.get("CAPDEV_BENCH_RESULTS", ROOT / "bench" / "results"))
PYTHON = str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv" / "bin" / "python").exists() else sys.executable
WORK = Path(os.environ.get("CAPDEV_BENCH_DIR", "/tmp/capdev-bench"))
SHARED = Path(os.environ.get("CAPDEV_SHARED", ROOT.parent / "shared"))


def machine() -> dict:
    """The facts a reader needs to compare figures: CPUs, memory, CPU model, Python, SQLite, platform."""
    import sqlite3

    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem_kb = 0
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem_kb = int(line.split()[1])
    except OSError:
        pass
    return {"nproc": os.cpu_count(), "memory_gb": round(mem_kb / 1024 / 1024, 1), "cpu": model,
            "python": platform.python_version(), "sqlite": sqlite3.sqlite_version, "platform": platform.platform()}


def percentile(values: list[float], p: float) -> float:
    """The p-th percentile (0-100) by linear interpolation between closest ranks."""
    if not values:
        return float("nan")
    s = sorted(values)
    k = (len(s) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (k - lo)


def summary_ms(seconds: list[float]) -> dict:
    """p50, p95, mean and max of durations in seconds, as milliseconds."""
    ms = [s * 1000 for s in seconds]
    return {"n": len(ms), "p50_ms": round(percentile(ms, 50), 2), "p95_ms": round(percentile(ms, 95), 2),
            "mean_ms": round(statistics.fmean(ms), 2) if ms else None, "max_ms": round(max(ms), 2) if ms else None}


def write_result(name: str, data: dict) -> Path:
    """Write bench/results/<name>.json (with the machine and the time of the run) and return its path."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    data = {"benchmark": name, "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "machine": machine(),
            **data}
    path = RESULTS / f"{name}.json"
    path.write_text(json.dumps(data, indent=2, default=str) + "\n")
    print(f"-> {path}")
    return path


def capdev_env(database_url: str, **extra: str) -> dict:
    """The environment of a `capdev` subprocess on this database, DEBUG off, its var/ kept under WORK."""
    env = dict(os.environ)
    env.update({
        "DATABASE_URL": database_url,
        "DEBUG": "0",
        "DJANGO_SETTINGS_MODULE": "capdev.settings.development",
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "CAPDEV_VAR_DIR": str(WORK / "var"),
    })
    env.update(extra)
    return env


def capdev(args: list[str], database_url: str, *, timeout: float = 3600, quiet: bool = True) -> str:
    """Run `capdev ARGS` on a database; raise with its output when it fails."""
    proc = subprocess.run([PYTHON, "-m", "capdev.cli", *args], cwd=ROOT, env=capdev_env(database_url),
                          capture_output=True, text=True, timeout=timeout, check=False)
    if proc.returncode:
        raise RuntimeError(f"capdev {' '.join(args)} failed:\n{proc.stdout}\n{proc.stderr}")
    if not quiet:
        print(proc.stdout + proc.stderr, end="")
    return proc.stdout + proc.stderr


def sqlite_url(path: Path) -> str:
    """A DATABASE_URL for an SQLite file."""
    return f"sqlite:///{path}"


def reference_sqlite() -> Path:
    """An SQLite database with the schema and reference data only, made once and copied for each portfolio."""
    path = WORK / "reference.sqlite3"
    if not path.exists():
        WORK.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.unlink(missing_ok=True)
        capdev(["migrate", "--noinput"], sqlite_url(tmp))
        capdev(["load-reference"], sqlite_url(tmp))
        tmp.rename(path)
    else:
        capdev(["migrate", "--noinput"], sqlite_url(path))  # made by an older checkout: bring its schema up to date
    return path


def portfolio_sqlite(projects: int, seed: int = 1) -> tuple[Path, dict]:
    """An SQLite database holding a generated portfolio of this size (made once, then reused).

    Returns its path and how long generating it took (None when it was already there).
    """
    path = WORK / f"portfolio-{projects}-s{seed}.sqlite3"
    info = {"projects": projects, "seed": seed, "path": str(path), "generate_seconds": None}
    if not path.exists():
        tmp = path.with_suffix(".tmp")
        shutil.copyfile(reference_sqlite(), tmp)
        began = time.perf_counter()
        out = capdev(["generate-portfolio", "--projects", str(projects), "--seed", str(seed)], sqlite_url(tmp),
                     timeout=7200)
        info["generate_seconds"] = round(time.perf_counter() - began, 1)
        info["generate_output"] = out.strip().splitlines()[-1]
        tmp.rename(path)
    else:
        capdev(["migrate", "--noinput"], sqlite_url(path))  # made by an older checkout: bring its schema up to date
    return path, info


def child_maxrss_mb() -> float:
    """Peak resident memory of the finished child processes so far, in MB (Linux reports kB)."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def measure_child(cmd: list[str], *, env: dict | None = None, timeout: float = 3600, cwd: Path = ROOT,
                  keep_stdout: bool = False) -> dict:
    """Run a command in a fresh process; its wall time and peak RSS (via /usr/bin/time-free getrusage in a
    wrapper process, so earlier children do not mask it); with keep_stdout, the last 2,000 characters it printed."""
    out = "subprocess.PIPE" if keep_stdout else "subprocess.DEVNULL"
    wrapper = ("import resource, subprocess, sys, time, json\n"
               "t = time.perf_counter()\n"
               f"p = subprocess.run(sys.argv[1:], stdout={out}, stderr=subprocess.PIPE, text=True)\n"
               "dt = time.perf_counter() - t\n"
               "rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024\n"
               "print(json.dumps({'seconds': dt, 'maxrss_mb': rss, 'returncode': p.returncode,"
               " 'stderr': p.stderr[-2000:], 'stdout': (p.stdout or '')[-2000:]}))\n")
    proc = subprocess.run([sys.executable, "-c", wrapper, *cmd], env=env, cwd=cwd, capture_output=True, text=True,
                          timeout=timeout, check=False)
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    if result["returncode"]:
        raise RuntimeError(f"{' '.join(cmd)} failed: {result['stderr']}")
    return result


def ratio(value: float, baseline: float) -> float | None:
    """value / baseline, rounded; None when the baseline is zero or missing."""
    if not baseline:
        return None
    return round(value / baseline, 3)


def setup_django(database_url: str) -> None:
    """Configure Django in this process for the database (for in-process benchmarks)."""
    os.environ.update(capdev_env(database_url))
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def portfolio_parser(doc: str | None):
    """An argument parser with the options naming the portfolio a benchmark runs on (as open_portfolio reads
    them): --projects and --seed for the SQLite file generated once, or --database-url; --label names the
    results file."""
    import argparse

    parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--projects", type=int, default=10_000, help="SQLite portfolio size (generated once)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--database-url", help="benchmark this database instead (e.g. PostgreSQL)")
    parser.add_argument("--label", help="results file suffix (default: the database and size)")
    return parser


def open_portfolio(args) -> tuple[Path | None, dict, str]:
    """Set Django up on the database a benchmark runs on (--database-url, else the SQLite portfolio of
    --projects and --seed, generated once); returns (the SQLite file or None, facts about it, its label)."""
    info: dict = {}
    if args.database_url:
        url, path = args.database_url, None
        info["database"] = "postgresql" if url.startswith("postgres") else url.split(":", 1)[0]
    else:
        path, info = portfolio_sqlite(args.projects, args.seed)
        url = sqlite_url(path)
        info["database"] = "sqlite"
    setup_django(url)
    from capdev.projects.models import Project

    info["published_projects"] = Project.objects.published().count()
    return path, info, args.label or f"{info['database']}-{info['published_projects']}"
