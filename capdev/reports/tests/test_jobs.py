"""Large portfolio reports are built by the background worker: the list answers with the job's page, which
shows the progress and then the download; the report is the requester's (what they may see)."""
from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from capdev.imports.tests.conftest import run_worker
from capdev.projects.models import Project, ReviewState
from capdev.reports import jobs, sheets
from capdev.reports import portfolio as report_module
from capdev.reports.models import ReportJob

from .conftest import read_pdf

pytestmark = pytest.mark.django_db(transaction=False)


@pytest.fixture
def small_inline(settings):
    settings.CAPDEV_REPORT_INLINE_PROJECTS = 3


def test_a_large_report_goes_to_the_worker_with_progress(portfolio, client, db, small_inline, monkeypatch):
    monkeypatch.setattr(report_module, "CHUNK", 4)
    monkeypatch.setattr(sheets, "CHUNK", 4)
    seen = []
    update = jobs._update
    monkeypatch.setattr(jobs, "_update", lambda job, **fields: (seen.append(fields), update(job, **fields)))
    response = client.get("/projects/?format=pdf")
    assert response.status_code == 303
    job = ReportJob.objects.get()
    assert response["Location"] == reverse("reports:job", args=[job.token])
    page = client.get(response["Location"]).content.decode()
    assert "Waiting for the worker" in page and 'http-equiv="refresh"' in page
    run_worker()
    job.refresh_from_db()
    assert job.state == ReportJob.State.DONE, job.error
    published = Project.objects.published().count()
    # The table read in chunks, then the projects' pages laid out in chunks.
    assert [(f.get("state"), f["done"]) for f in seen if "done" in f] == [
        ("reading", 0), ("reading", 4), ("reading", 8), ("laying_out", 4), ("laying_out", 8), ("done", published)]
    page = client.get(reverse("reports:job", args=[job.token])).content.decode()
    assert reverse("reports:job_pdf", args=[job.token]) in page and 'http-equiv="refresh"' not in page
    pdf = read_pdf(client.get(reverse("reports:job_pdf", args=[job.token])))
    assert f"Projects {published}" in pdf.flat


def test_a_job_shows_what_its_requester_may_see(portfolio, client, db, small_inline, django_user_model):
    from capdev.accounts.roles import PORTFOLIO_ADMIN, assign_role

    draft = Project.objects.published().order_by("pk").first()
    draft.review_state = ReviewState.DRAFT
    draft.save()
    client.get("/projects/?format=pdf")  # a visitor's
    admin = django_user_model.objects.create_user("report-admin", password="unused in tests 123")
    assign_role(admin, PORTFOLIO_ADMIN)
    client.force_login(admin)
    client.get("/projects/?format=pdf")  # the admin's
    run_worker()
    visitor_job, admin_job = ReportJob.objects.order_by("pk")
    assert draft.title in read_pdf(client.get(reverse("reports:job_pdf", args=[admin_job.token]))).flat
    client.logout()
    assert draft.title not in read_pdf(client.get(reverse("reports:job_pdf", args=[visitor_job.token]))).flat
    # Someone else's job is not found, even with its token.
    assert client.get(reverse("reports:job", args=[admin_job.token])).status_code == 404
    assert client.get(reverse("reports:job_pdf", args=[admin_job.token])).status_code == 404


def test_an_unfinished_job_has_no_pdf_yet(portfolio, client, db, small_inline):
    client.get("/projects/?format=pdf")
    job = ReportJob.objects.get()
    assert client.get(reverse("reports:job_pdf", args=[job.token])).status_code == 404


@override_settings(CAPDEV_REPORT_INLINE_PROJECTS=3, CAPDEV_REPORT_MAX_PROJECTS=5)
def test_the_limit_comes_before_the_worker(portfolio, client, db):
    assert client.get("/projects/?format=pdf").status_code == 400
    assert not ReportJob.objects.exists()


def test_a_jobs_page_is_never_kept_by_a_cache(portfolio, client, db, small_inline, settings):
    """Its progress moves while the portfolio does not: with the page cache on, the second visit still shows the
    report done, and no cache is told it may keep the page (capdev.core.http_cache)."""
    settings.CAPDEV_PAGE_CACHE = True
    location = client.get("/projects/?format=pdf")["Location"]
    first = client.get(location)
    assert "Waiting for the worker" in first.content.decode()
    assert "no-cache" in first["Cache-Control"] and "public" not in first["Cache-Control"]
    run_worker()
    job = ReportJob.objects.get()
    assert reverse("reports:job_pdf", args=[job.token]) in client.get(location).content.decode()


# -- expiry ------------------------------------------------------------------------------------------------------

FILTERED = "start_year_min=2000"


def age(job: ReportJob, days: int) -> None:
    """Make the job as old as this many days."""
    ReportJob.objects.filter(pk=job.pk).update(created=timezone.now() - dt.timedelta(days=days))


def test_an_expired_jobs_page_says_so_and_offers_to_build_it_again(portfolio, client, db, small_inline):
    location = client.get(f"/projects/?{FILTERED}&format=pdf")["Location"]
    assert location.endswith(f"?{FILTERED}")  # the job's address carries the list's parameters
    run_worker()
    job = ReportJob.objects.get()
    age(job, 8)  # the default keeps a report 7 days
    response = client.get(location)
    assert response.status_code == 410
    page = response.content.decode()
    assert "has expired: reports are kept for 7 days" in page
    rebuild = f'href="/projects/?{FILTERED}&amp;format=pdf"'
    assert rebuild in page
    assert reverse("reports:job_pdf", args=[job.token]) not in page
    assert client.get(reverse("reports:job_pdf", args=[job.token])).status_code == 410
    # Building it again is the list's report: a new job.
    again = client.get(f"/projects/?{FILTERED}&format=pdf")
    assert again.status_code == 303 and again["Location"] != location


def test_a_pruned_jobs_page_still_offers_to_build_it_again(portfolio, client, db, small_inline):
    location = client.get(f"/projects/?{FILTERED}&format=pdf")["Location"]
    age(ReportJob.objects.get(), 8)
    out = io.StringIO()
    call_command("prune_report_jobs", stdout=out)
    assert "1 report job(s) older than 7 day(s) deleted" in out.getvalue()
    assert not ReportJob.objects.exists()
    response = client.get(location)
    assert response.status_code == 404
    page = response.content.decode()
    assert "This report is no longer here: reports are kept for 7 days" in page
    assert f'href="/projects/?{FILTERED}&amp;format=pdf"' in page


def test_prune_deletes_only_expired_jobs(portfolio, client, db, small_inline, settings):
    client.get("/projects/?format=pdf")
    client.get(f"/projects/?{FILTERED}&format=pdf")
    old, new = ReportJob.objects.order_by("pk")
    age(old, 8)
    age(new, 6)
    out = io.StringIO()
    call_command("prune_report_jobs", "--dry-run", stdout=out)
    assert "1 report job(s) older than 7 day(s) would be deleted" in out.getvalue()
    assert ReportJob.objects.count() == 2
    settings.CAPDEV_REPORT_JOB_DAYS = 30
    call_command("prune_report_jobs", stdout=io.StringIO())
    assert ReportJob.objects.count() == 2
    assert client.get(reverse("reports:job", args=[old.token])).status_code == 200
    settings.CAPDEV_REPORT_JOB_DAYS = 7
    call_command("prune_report_jobs", stdout=io.StringIO())
    assert list(ReportJob.objects.all()) == [new]


def test_the_worker_prunes_as_it_works(portfolio, client, db, small_inline):
    client.get("/projects/?format=pdf")
    age(ReportJob.objects.get(), 8)
    client.get(f"/projects/?{FILTERED}&format=pdf")  # a new job deletes the expired one...
    assert ReportJob.objects.count() == 1
    age(ReportJob.objects.get(), 8)  # ...and the worker deletes the one it found expired once it has built it
    run_worker()
    assert not ReportJob.objects.exists()
