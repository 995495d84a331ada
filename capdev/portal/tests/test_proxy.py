"""docs/deployment.md's nginx configuration, run by a real nginx (Debian's) on loopback in front of a real Capdev:
public pages are stored and revalidated at each request, a change is seen at the next request, and nothing
personal is ever stored. Skips where nginx is not installed (CI installs it: .ci/run)."""
from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import shutil
import socket
import sqlite3
import subprocess
import time
import uuid
from pathlib import Path

import pytest

from capdev.accounts.roles import REVIEWER, assign_role
from capdev.core.tests.live import Browser
from capdev.projects.models import Project, ReviewState

DOC = Path(__file__).resolve().parents[3] / "docs" / "deployment.md"
NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)

pytestmark = [pytest.mark.slow, pytest.mark.skipif(
    NGINX is None, reason="nginx is not installed (Debian: apt-get install nginx-light; CI installs it)")]


def documented_config() -> str:
    """The nginx block of docs/deployment.md, between its markers."""
    text = DOC.read_text()
    block = text.split("<!-- nginx-config: begin -->", 1)[1].split("<!-- nginx-config: end -->", 1)[0]
    return re.sub(r"^```\w*\n|```\s*$", "", block.strip(), flags=re.MULTILINE)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def nginx(workdir: Path, upstream_port: int):
    """nginx with the documented configuration, on a free loopback port, its files under workdir."""
    port = _free_port()
    config = documented_config()
    for old, new in (("/var/cache/nginx/capdev", str(workdir / "cache")),
                     ("server 127.0.0.1:8000;", f"server 127.0.0.1:{upstream_port};"),
                     ("listen 80;", f"listen 127.0.0.1:{port};")):
        assert old in config, f"docs/deployment.md's configuration no longer has {old!r}"
        config = config.replace(old, new)
    temp = {name: workdir / name for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")}
    for path in temp.values():
        path.mkdir()
    (workdir / "capdev.conf").write_text(config)
    (workdir / "nginx.conf").write_text(
        ("user root;\n" if os.geteuid() == 0 else "")
        + f"daemon off;\nworker_processes 1;\npid {workdir}/nginx.pid;\nerror_log {workdir}/error.log info;\n"
        "events { worker_connections 64; }\n"
        f"http {{\n access_log {workdir}/access.log;\n"
        + "".join(f" {name}_temp_path {path};\n" for name, path in temp.items())
        + f" include {workdir}/capdev.conf;\n}}\n")
    check = subprocess.run([NGINX, "-t", "-p", str(workdir), "-c", str(workdir / "nginx.conf")],
                           capture_output=True, text=True, timeout=30, check=False)
    assert check.returncode == 0, check.stderr
    process = subprocess.Popen([NGINX, "-p", str(workdir), "-c", str(workdir / "nginx.conf")],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        while True:
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    break
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError((workdir / "error.log").read_text(errors="replace")[-2000:])
            time.sleep(0.1)
        yield port
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def change_title(live, pk: int, title: str) -> None:
    """A change made on the server's database as a save makes it: the row, and a new content version."""
    now = dt.datetime.now(dt.UTC).isoformat()
    statements = [("UPDATE projects_project SET title = %s WHERE id = %s", (title, pk)),
                  ("INSERT INTO core_contentchange (token, changed) VALUES (%s, %s)", (uuid.uuid4().hex, now))]
    if live.vendor == "sqlite":
        with contextlib.closing(sqlite3.connect(live.sqlite_file)) as db:
            for sql, params in statements:
                db.execute(sql.replace("%s", "?"), params)
            db.commit()
    else:
        with contextlib.closing(live._pg()) as db, db.cursor() as cursor:
            for sql, params in statements:
                cursor.execute(sql, params)


def test_the_documented_nginx_keeps_pages_fresh_and_nothing_personal(live_capdev, django_user_model, tmp_path):
    project = Project.objects.create(title="Platypus open data portal", review_state=ReviewState.PUBLISHED,
                                     start_date=dt.date(2024, 1, 1), end_date=dt.date(2026, 12, 31))
    user = django_user_model.objects.create_user("reviewer", password="unused in tests 123")
    assign_role(user, REVIEWER)
    session = live_capdev.signed_in(user).cookies
    live_capdev.start()
    (tmp_path / "nginx").mkdir()
    with nginx(tmp_path / "nginx", live_capdev.port) as port:
        anonymous = Browser(port)
        url = f"/projects/{project.pk}/"

        first = anonymous.get(url)
        assert first.status == 200 and "Platypus" in first.text, first.headers
        assert first.headers["X-Cache-Status"] == "MISS" and "X-Accel-Expires" not in first.headers
        again = anonymous.get(url)  # stored, asked about with If-None-Match, answered 304 by Capdev
        assert (again.status, again.headers["X-Cache-Status"]) == (200, "REVALIDATED") and again.text == first.text

        change_title(live_capdev, project.pk, "Echidna open data portal")
        changed = anonymous.get(url)  # the very next request
        assert changed.headers["X-Cache-Status"] == "EXPIRED" and "Echidna" in changed.text
        assert "Platypus" not in changed.text
        assert anonymous.get(url).headers["X-Cache-Status"] == "REVALIDATED"

        # Signed in: passed through, marked private, and the anonymous copy stays the anonymous one.
        staff = Browser(port, cookies=session)
        own = staff.get(url)
        assert own.headers["X-Cache-Status"] == "BYPASS" and own.headers["Cache-Control"] == "private, no-store"
        assert f"/projects/{project.pk}/edit/" in own.text
        public = anonymous.get(url)
        assert public.headers["X-Cache-Status"] == "REVALIDATED"
        assert f"/projects/{project.pk}/edit/" not in public.text
        # A page first asked by someone signed in is not stored for the next visitor.
        assert staff.get("/dashboard/").headers["X-Cache-Status"] == "BYPASS"
        assert anonymous.get("/dashboard/").headers["X-Cache-Status"] == "MISS"
        # An API token passes through; its answer is not stored either.
        token = Browser(port, headers={"Authorization": "Token not-a-real-one"})
        assert token.get("/api/projects/").headers["X-Cache-Status"] == "BYPASS"
        assert anonymous.get("/api/projects/").headers["X-Cache-Status"] == "MISS"
        # A page with a form (a CSRF token and its cookie) is personal: never stored.
        for _ in range(2):
            login = Browser(port).get("/accounts/login/")
            assert login.headers["X-Cache-Status"] == "MISS" and "csrftoken" in login.headers.get("Set-Cookie", "")
