"""Benchmark: the portfolio report as PDF. Wall time and peak memory of `/projects/?format=pdf` for a generated
portfolio (1,000 projects by default: totals, charts, map, the table and a page per project), against the same
rows as CSV (`/projects/?format=csv`) in the same run, each request in a fresh process so that its peak RSS is
its own. Also the time to read the projects (the report's context) apart from laying out the pages.

The report is built as the background worker builds it (capdev.reports.jobs runs the same PortfolioReport and
render_pdf): here inline, CAPDEV_REPORT_INLINE_PROJECTS raised above the portfolio's size.

Usage:
  bench/report_pdf.py --projects 1000
  bench/report_pdf.py --database-url postgres://... --label postgresql-1000
"""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import common

CHILD = """
import json, os, sys, time
sys.path.insert(0, {root!r})
import django
django.setup()
from django.test import Client
url = sys.argv[1]
began = time.perf_counter()
response = Client(HTTP_HOST="127.0.0.1").get(url)
body = b"".join(response.streaming_content) if response.streaming else response.content
seconds = time.perf_counter() - began
out = {{"status": response.status_code, "bytes": len(body), "seconds": seconds}}
if body.startswith(b"%PDF"):
    import io
    from pypdf import PdfReader
    out["pages"] = len(PdfReader(io.BytesIO(body)).pages)
else:
    out["rows"] = body.count(b"\\n") - 1
print(json.dumps(out))
"""


def run(url: str, env: dict, timeout: float) -> dict:
    """One request in a fresh process: its own timing, the process's wall time and peak RSS."""
    script = CHILD.format(root=str(common.ROOT))
    result = common.measure_child([common.PYTHON, "-c", script, url], env=env, timeout=timeout, keep_stdout=True)
    inner = json.loads(result["stdout"].strip().splitlines()[-1])
    if inner["status"] != 200:
        raise RuntimeError(f"{url} answered {inner['status']}")
    return {**inner, "process_seconds": round(result["seconds"], 2), "maxrss_mb": round(result["maxrss_mb"], 1),
            "seconds": round(inner["seconds"], 2)}


def html_seconds() -> float:
    """The time to read the report's figures and projects and write its HTML parts, in this process (no
    layout)."""
    from django.contrib.auth.models import AnonymousUser
    from django.test import RequestFactory

    from capdev.projects.listing import ProjectList
    from capdev.reports.portfolio import PortfolioReport

    request = RequestFactory(HTTP_HOST="127.0.0.1").get("/projects/?format=pdf")
    request.user = AnonymousUser()
    began = time.perf_counter()
    parts = list(PortfolioReport(request, ProjectList(request).filterset).parts())
    seconds = time.perf_counter() - began
    assert len(parts) > 1, "no project in the report"
    return round(seconds, 2)


def main() -> None:
    parser = common.portfolio_parser(__doc__)
    parser.set_defaults(projects=1000)
    parser.add_argument("--timeout", type=float, default=1800, help="seconds allowed for each request")
    args = parser.parse_args()
    _path, info, label = common.open_portfolio(args)
    n = info["published_projects"]
    url = args.database_url or common.sqlite_url(Path(info["path"]))
    env = common.capdev_env(url, CAPDEV_REPORT_MAX_PROJECTS=str(max(n, 1)),
                            CAPDEV_REPORT_INLINE_PROJECTS=str(max(n, 1) + 1))
    print(f"report_pdf on {label}: {n} published projects")
    csv = run("/projects/?format=csv", env, args.timeout)
    print(f"  CSV (baseline): {csv['seconds']} s, {csv['rows']} rows, {csv['bytes']:,} bytes, "
          f"peak RSS {csv['maxrss_mb']} MB")
    pdf = run("/projects/?format=pdf", env, args.timeout)
    print(f"  PDF report:     {pdf['seconds']} s, {pdf['pages']} pages, {pdf['bytes']:,} bytes, "
          f"peak RSS {pdf['maxrss_mb']} MB")
    reading = html_seconds()
    print(f"  of which reading the figures and projects and writing the HTML: {reading} s "
          "(the rest is WeasyPrint's layout)")
    time_ratio = common.ratio(pdf["seconds"], csv["seconds"])
    rss_ratio = common.ratio(pdf["maxrss_mb"], csv["maxrss_mb"])
    print(f"  ratio PDF/CSV: time x{time_ratio}, peak RSS x{rss_ratio}; "
          f"{round(pdf['seconds'] / max(n, 1) * 1000, 1)} ms and "
          f"{round((pdf['maxrss_mb'] - csv['maxrss_mb']) / max(n, 1), 2)} MB per project above the CSV")
    common.write_result(f"report_pdf-{label}", {
        "portfolio": info, "csv": csv, "pdf": pdf, "html_seconds": reading,
        "ratio_time": time_ratio, "ratio_maxrss": rss_ratio})


if __name__ == "__main__":
    main()
