"""Benchmark 2: page throughput under gunicorn (2 workers) on loopback, against a static file from the same server,
with and without HTTP caching (capdev.core.http_cache, docs/deployment.md).

Two gunicorns serve Capdev (DEBUG off) on 127.0.0.1, one after the other, on the same database: "uncached" with
CAPDEV_HTTP_CACHE=0 and CAPDEV_PAGE_CACHE=0 (as before caching: the baseline), then "cached" with the defaults.
wrk (Debian's `wrk`, or a bounded Python client when it is missing) requests, for a fixed duration each:

- on both: the static stylesheet (WhiteNoise in the same gunicorn: the ratio's denominator), random project pages
  over the whole portfolio (cold: nearly every one rendered, as before) and list pages /projects/?page=N with N
  random (cold too);
- on "cached" also: project pages over a fixed set of --warm-pages ids asked once before (warm), the list page
  /projects/ (warm), and the list page asked with the If-None-Match of its ETag (a conditional request: 304).

Then, in a process of its own through Django's handler (every middleware, no network), the server time of a
conditional request (p50/p95 over --conditional-rounds), and the freshness check: a project's title is changed
as an editor's save changes it, and its page, the API, the list searched for it and the CSV export are asked
once each: the number of requests until each shows the change (1 is the target).

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
import urllib.error
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


def start_gunicorn(port: int, env: dict) -> subprocess.Popen:
    server = subprocess.Popen(
        [str(common.ROOT / ".venv" / "bin" / "gunicorn"), "capdev.wsgi", "--bind", f"127.0.0.1:{port}",
         "--workers", "2", "--timeout", "120", "--log-level", "warning"],
        cwd=common.ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wait_for(port)
    return server


def stop(server: subprocess.Popen) -> None:
    server.terminate()
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def get(url: str, headers: dict | None = None) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=120) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:  # a 304 is an HTTPError to urllib
        return e.code, dict(e.headers), b""


def lua_paths(paths: list[str], headers: dict | None = None) -> str:
    """A wrk script cycling through paths (shuffled once, seed 7), with extra headers."""
    import random

    shuffled = list(paths)
    random.Random(7).shuffle(shuffled)
    lines = ["local paths = {" + ", ".join(f'"{p}"' for p in shuffled) + "}", "local i = 0"]
    for name, value in (headers or {}).items():
        lines.append(f'wrk.headers["{name}"] = "{value}"')
    lines.append("request = function()\n  i = i % #paths + 1\n  return wrk.format(\"GET\", paths[i])\nend")
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as lua:
        lua.write("\n".join(lines) + "\n")
    return lua.name


def load(base: str, paths: list[str], args, headers: dict | None = None) -> dict:
    """Requests/s and latencies of the paths cycled through for the duration."""
    if shutil.which("wrk") and not args.python_client:
        script = lua_paths(paths, headers)
        try:
            return run_wrk(base + "/", args.duration, args.connections, script)
        finally:
            Path(script).unlink(missing_ok=True)
    if headers:
        return {"tool": "python", "skipped": "conditional requests need wrk"}
    return run_python_client([base + p for p in paths], args.duration, args.connections)


IN_PROCESS = r"""
import json, sys, time
import django
django.setup()
from django.test import Client
from capdev.projects.models import Project
from capdev.projects.search import reindex_projects

rounds, pk = int(sys.argv[1]), int(sys.argv[2])
client = Client()
url = "/projects/"
etag = client.get(url)["ETag"]
times = []
for _ in range(rounds):
    began = time.perf_counter()
    response = client.get(url, headers={"If-None-Match": etag})
    times.append(time.perf_counter() - began)
    assert response.status_code == 304, response.status_code
project = Project.objects.get(pk=pk)
word = "Zanzibarian" + str(int(time.time()))
channels = {"project page": f"/projects/{pk}/", "api": f"/api/projects/{pk}/",
            "list searched": f"/projects/?q={word}", "csv export": f"/projects/?q={word}&format=csv"}
for path in channels.values():
    client.get(path)  # kept at the version before the change
project.title = f"{word} {project.title}"[:300]
project.save()
reindex_projects([pk])  # as the editor's save does
visible = {}
for name, path in channels.items():
    for n in range(1, 4):
        r = client.get(path)
        body = b"".join(r.streaming_content) if r.streaming else r.content
        if word.encode() in body:
            visible[name] = n
            break
    else:
        visible[name] = None
print(json.dumps({"times": times, "visible_at_request": visible}))
"""


def in_process(env: dict, rounds: int, pk: int) -> dict:
    """Server time of a conditional request through Django's handler, and the requests until a change shows."""
    import json

    out = subprocess.run([common.PYTHON, "-c", IN_PROCESS, str(rounds), str(pk)], cwd=common.ROOT, env=env,
                         capture_output=True, text=True, timeout=600, check=True).stdout
    data = json.loads(out.strip().splitlines()[-1])
    return {"conditional_request": common.summary_ms(data["times"]), "visible_at_request": data["visible_at_request"]}


def main() -> None:
    parser = common.portfolio_parser(__doc__)
    parser.add_argument("--port", type=int, default=8021)
    parser.add_argument("--duration", type=int, default=10, help="seconds per URL set (default 10)")
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--warm-pages", type=int, default=200, help="project pages in the warm set (default 200)")
    parser.add_argument("--conditional-rounds", type=int, default=2000)
    parser.add_argument("--python-client", action="store_true", help="use the Python client even if wrk exists")
    args = parser.parse_args()

    if args.database_url:
        url = args.database_url
    else:
        path, _info = common.portfolio_sqlite(args.projects, args.seed)
        url = common.sqlite_url(path)
    common.capdev(["collectstatic", "--noinput"], url)
    env = common.capdev_env(url)
    ids_out = subprocess.run(
        [common.PYTHON, "-c", ("import django; django.setup(); from capdev.projects.models import Project; "
                               "print(list(Project.objects.published().order_by('pk').values_list('pk', flat=True)))")],
        cwd=common.ROOT, env=env, capture_output=True, text=True, check=True).stdout
    ids = eval(ids_out.strip().splitlines()[-1])
    label = args.label or f"{'postgresql' if url.startswith('postgres') else 'sqlite'}-{len(ids)}"
    import random

    rng = random.Random(7)
    cold_pages = [f"/projects/{rng.choice(ids)}/" for _ in range(5000)]
    cold_lists = [f"/projects/?page={rng.randint(1, max(len(ids) // 20, 1))}" for _ in range(2000)]
    warm_pages = [f"/projects/{pk}/" for pk in rng.sample(ids, min(args.warm_pages, len(ids)))]
    results: dict = {"label": label, "published_projects": len(ids), "duration_s": args.duration,
                     "connections": args.connections, "workers": 2, "warm_pages": len(warm_pages)}
    base = f"http://127.0.0.1:{args.port}"

    for mode, extra in (("uncached", {"CAPDEV_HTTP_CACHE": "0", "CAPDEV_PAGE_CACHE": "0"}), ("cached", {})):
        server = start_gunicorn(args.port, {**env, **extra})
        runs: dict = {}
        try:
            ready_by = time.monotonic() + 300  # each worker reads its indexes in threads as it starts: wait
            while b"being worked out" in get(base + warm_pages[0])[2] and time.monotonic() < ready_by:
                time.sleep(1)
            for path in (STATIC, warm_pages[0], "/projects/"):  # warm-up (each worker's index), a check
                for _ in range(4):
                    status, _h, _b = get(base + path)
                    assert status == 200, (path, status)
            runs["static"] = load(base, [STATIC], args)
            runs["project_page_cold"] = load(base, cold_pages, args)
            runs["list_page_cold"] = load(base, cold_lists, args)
            if mode == "cached":
                for path in warm_pages:  # each worker keeps its own pages (in-memory cache): ask a few times
                    for _ in range(4):
                        get(base + path)
                runs["project_page_warm"] = load(base, warm_pages, args)
                runs["list_page_warm"] = load(base, ["/projects/"], args)
                status, headers, _b = get(base + "/projects/")
                etag = headers.get("ETag", "")
                assert get(base + "/projects/", {"If-None-Match": etag})[0] == 304
                runs["list_conditional"] = load(base, ["/projects/"], args, {"If-None-Match": etag})
        finally:
            stop(server)
        static = runs["static"]["requests_per_s"]
        for r in runs.values():
            r.pop("raw", None)
            if r.get("requests_per_s") is not None:
                r["ratio_vs_static"] = common.ratio(r["requests_per_s"], static)
        results[mode] = runs

    results["in_process"] = in_process(env, args.conditional_rounds, ids[len(ids) // 2])
    print(f"page throughput on {label} (gunicorn, 2 workers, {args.connections} connections, {args.duration} s each)")
    for mode in ("uncached", "cached"):
        for key, r in results[mode].items():
            if r.get("requests_per_s") is None:
                continue
            print(f"  {mode:8} {key:18} {r['requests_per_s']:9.1f} req/s   p50 {r.get('p50_ms')} ms   "
                  f"p99 {r.get('p99_ms')} ms   non-2xx {r.get('non_2xx')}   ratio to static {r['ratio_vs_static']}")
    for key in ("project_page_cold", "list_page_cold"):
        before, after = (results[m][key]["requests_per_s"] for m in ("uncached", "cached"))
        results[f"{key}_cached_vs_uncached"] = common.ratio(after, before)
        print(f"  {key} with caching / without: {results[f'{key}_cached_vs_uncached']}")
    c = results["in_process"]["conditional_request"]
    print(f"  conditional request (304), server time in process: p50 {c['p50_ms']} ms, p95 {c['p95_ms']} ms "
          f"over {c['n']}")
    print(f"  a title changed: requests until each channel shows it: {results['in_process']['visible_at_request']}")
    common.write_result(f"pages-{label}", results)


if __name__ == "__main__":
    main()
