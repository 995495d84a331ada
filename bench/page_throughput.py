"""Benchmark 2: page throughput under gunicorn (2 workers) on loopback, against a static file from the same server.

gunicorn serves Capdev (DEBUG off) on 127.0.0.1:PORT; wrk (Debian's `wrk`, or a bounded Python client when
it is missing) requests, for a fixed duration each: the static stylesheet (baseline: WhiteNoise in the same
gunicorn), random project pages /projects/<id>/, and the list page /projects/ (all published projects,
every facet counted). Prints requests/s, latency percentiles and the ratio to the static file.

Usage: bench/page_throughput.py --projects 10000 [--duration 10] [--connections 4] [--port 8021]
"""
from __future__ import annotations

import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import common

STATIC = "/static/portal/capdev.css"


def wait_for(port: int, timeout: float = 60) -> None:
    """Until something listens on 127.0.0.1:port (or raise)."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise RuntimeError(f"nothing listens on 127.0.0.1:{port} after {timeout} s")


def parse_wrk(text: str) -> dict:
    """Requests/s, latency percentiles and errors from wrk --latency output."""
    out: dict = {}
    m = re.search(r"Requests/sec:\s+([\d.]+)", text)
    out["requests_per_s"] = float(m.group(1)) if m else None
    m = re.search(r"(\d+) requests in ([\d.]+)(\w+)", text)
    if m:
        out["requests"] = int(m.group(1))
    for pct in ("50", "90", "99"):
        m = re.search(rf"^\s+{pct}%\s+([\d.]+)(us|ms|s)\s*$", text, re.MULTILINE)
        if m:
            value = float(m.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[m.group(2)]
            out[f"p{pct}_ms"] = round(value, 2)
    m = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    out["non_2xx"] = int(m.group(1)) if m else 0
    m = re.search(r"Socket errors: (.*)", text)
    out["socket_errors"] = m.group(1).strip() if m else ""
    return out


def run_wrk(url: str, duration: int, connections: int, script: str | None = None) -> dict:
    """wrk on one URL for a fixed duration (bounded by its own -d and a subprocess timeout)."""
    cmd = ["wrk", "-t1", f"-c{connections}", f"-d{duration}s", "--timeout", "60s", "--latency"]
    if script:
        cmd += ["-s", script]
    proc = subprocess.run([*cmd, url], capture_output=True, text=True, timeout=duration + 120, check=False)
    return {"tool": "wrk", **parse_wrk(proc.stdout), "raw": proc.stdout.strip().splitlines()[-12:]}


def run_python_client(urls, duration: int, connections: int) -> dict:
    """A bounded load generator: `connections` threads, each looping over urls until the duration is over."""
    end = time.monotonic() + duration
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()

    def worker(offset: int) -> None:
        i = offset
        while time.monotonic() < end:
            url = urls[i % len(urls)]
            i += 1
            began = time.perf_counter()
            try:
                with urllib.request.urlopen(url, timeout=60) as r:
                    r.read()
                    ok = r.status == 200
            except OSError:
                ok = False
            with lock:
                latencies.append(time.perf_counter() - began)
                errors[0] += not ok

    began = time.monotonic()
    threads = [threading.Thread(target=worker, args=(k,)) for k in range(connections)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=duration + 120)
    spent = time.monotonic() - began
    s = common.summary_ms(latencies)
    return {"tool": "python", "requests_per_s": round(len(latencies) / spent, 2), "requests": len(latencies),
            "p50_ms": s["p50_ms"], "p90_ms": round(common.percentile([x * 1000 for x in latencies], 90), 2),
            "p99_ms": round(common.percentile([x * 1000 for x in latencies], 99), 2), "non_2xx": errors[0]}


def main() -> None:
    parser = common.portfolio_parser(__doc__)
    parser.add_argument("--port", type=int, default=8021)
    parser.add_argument("--duration", type=int, default=10, help="seconds per URL (default 10)")
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--python-client", action="store_true", help="use the Python client even if wrk exists")
    args = parser.parse_args()

    if args.database_url:
        url = args.database_url
    else:
        path, _info = common.portfolio_sqlite(args.projects, args.seed)
        url = common.sqlite_url(path)
    common.capdev(["collectstatic", "--noinput"], url)
    env = common.capdev_env(url)
    # The ids of published projects, for random project pages.
    ids_out = subprocess.run(
        [common.PYTHON, "-c", ("import django; django.setup(); from capdev.projects.models import Project; "
                               "from django.db.models import Min, Max, Count; "
                               "print(Project.objects.published().aggregate(lo=Min('pk'), hi=Max('pk'), "
                               "n=Count('pk')))")],
        cwd=common.ROOT, env=env, capture_output=True, text=True, check=True).stdout
    bounds = eval(ids_out.strip().splitlines()[-1])
    label = args.label or f"{'postgresql' if url.startswith('postgres') else 'sqlite'}-{bounds['n']}"

    server = subprocess.Popen(
        [str(common.ROOT / ".venv" / "bin" / "gunicorn"), "capdev.wsgi", "--bind", f"127.0.0.1:{args.port}",
         "--workers", "2", "--timeout", "120", "--log-level", "warning"],
        cwd=common.ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    results: dict = {"label": label, "projects": bounds, "duration_s": args.duration,
                     "connections": args.connections, "workers": 2}
    try:
        wait_for(args.port)
        base = f"http://127.0.0.1:{args.port}"
        for path in (STATIC, f"/projects/{bounds['lo']}/", "/projects/"):  # warm-up, and a correctness check
            with urllib.request.urlopen(base + path, timeout=120) as r:
                assert r.status == 200, (path, r.status)
        use_wrk = shutil.which("wrk") and not args.python_client
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as lua:
            lua.write(f"math.randomseed(7)\nrequest = function()\n  return wrk.format(\"GET\", \"/projects/\" .. "
                      f"math.random({bounds['lo']}, {bounds['hi']}) .. \"/\")\nend\n")
        if use_wrk:
            results["static"] = run_wrk(base + STATIC, args.duration, args.connections)
            results["project_page"] = run_wrk(base + "/", args.duration, args.connections, lua.name)
            results["list_page"] = run_wrk(base + "/projects/", args.duration, args.connections)
        else:
            import random
            rng = random.Random(7)
            pages = [f"{base}/projects/{rng.randint(bounds['lo'], bounds['hi'])}/" for _ in range(500)]
            results["static"] = run_python_client([base + STATIC], args.duration, args.connections)
            results["project_page"] = run_python_client(pages, args.duration, args.connections)
            results["list_page"] = run_python_client([base + "/projects/"], args.duration, args.connections)
        Path(lua.name).unlink(missing_ok=True)
        for key, path in (("project_page", f"/projects/{bounds['lo']}/"), ("list_page", "/projects/")):
            if not results[key].get("requests"):
                # Not one response within the duration: time a single request, so the row still says how slow.
                began = time.perf_counter()
                with urllib.request.urlopen(base + path, timeout=600) as r:
                    r.read()
                results[key]["single_request_ms"] = round((time.perf_counter() - began) * 1000, 1)
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
    static = results["static"]["requests_per_s"]
    print(f"page throughput on {label} (gunicorn, 2 workers, {args.connections} connections, {args.duration} s each)")
    for key in ("static", "project_page", "list_page"):
        r = results[key]
        r["ratio_vs_static"] = common.ratio(r["requests_per_s"], static)
        print(f"  {key:13} {r['requests_per_s']:9.1f} req/s   p50 {r.get('p50_ms')} ms   p99 {r.get('p99_ms')} ms"
              f"   non-2xx {r.get('non_2xx')}   ratio to static {r['ratio_vs_static']}"
              + (f"   (no response within the run; one request took {r['single_request_ms']} ms)"
                 if "single_request_ms" in r else ""))
    common.write_result(f"pages-{label}", results)


if __name__ == "__main__":
    main()
