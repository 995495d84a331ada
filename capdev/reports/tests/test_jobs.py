"""Large portfolio reports are built by the background worker: the list answers with the job's page, which
shows the progress and then the download; the report is the requester's (what they may see)."""
from __future__ import annotations

import pytest
from django.test import override_settings
from django.urls import reverse

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
