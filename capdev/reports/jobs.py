"""Portfolio reports too large to lay out while the reader waits: asked for on the list (`format=pdf` above
CAPDEV_REPORT_INLINE_PROJECTS projects), built by the background worker (`capdev db_worker`, tasks.py), followed
on the job's page (progress while the projects are read, then while the pages are laid out), downloaded there.

The worker builds the report as the request that asked for it would have: the same list parameters, the same
user (what they may see), the same site address and language.
"""
from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import ngettext

from capdev.projects.listing import ProjectList

from .models import ReportJob, ReportState
from .portfolio import PortfolioReport, max_projects

log = logging.getLogger(__name__)


def inline_max() -> int:
    """The most projects a report is laid out for in the request itself; more go to the worker."""
    return int(getattr(settings, "CAPDEV_REPORT_INLINE_PROJECTS", 100))


def kept() -> dt.timedelta:
    """How long a job and its PDF are kept after they were asked for (CAPDEV_REPORT_JOB_DAYS)."""
    return dt.timedelta(days=int(getattr(settings, "CAPDEV_REPORT_JOB_DAYS", 7)))


def expires(job: ReportJob) -> dt.datetime:
    """When the job expires."""
    return job.created + kept()


def is_expired(job: ReportJob) -> bool:
    """Whether the job is past its time (its page then says so, even before `prune` deleted it)."""
    return expires(job) <= timezone.now()


def expired():
    """The jobs past their time."""
    return ReportJob.objects.filter(created__lte=timezone.now() - kept())


def prune() -> int:
    """Delete the expired jobs with their PDFs; how many were deleted."""
    return expired().delete()[1].get(ReportJob._meta.label, 0)


def start(request, query: str, total: int) -> ReportJob:
    """A job for this request's report, queued for the worker (expired jobs are deleted first)."""
    from .tasks import build_report

    prune()
    job = ReportJob.objects.create(user=request.user if request.user.is_authenticated else None, query=query,
                                   host=request.get_host(), language=translation.get_language() or "",
                                   total=total)
    build_report.enqueue(job.pk)
    return job


def job_request(job: ReportJob):
    """A request like the one that asked for the report: the list's URL and query, the user, the host."""
    factory = RequestFactory(HTTP_HOST=job.host or "localhost")
    path = reverse("projects:list") + (f"?{job.query}" if job.query else "")
    request = factory.get(path)
    request.user = job.user or AnonymousUser()
    return request


def _update(job: ReportJob, **fields) -> None:
    ReportJob.objects.filter(pk=job.pk).update(last_updated=timezone.now(), **fields)


def build(job_id: int) -> None:
    """Build a queued job's PDF, saying how far it is; a failure is kept on the job with its reason."""
    job = ReportJob.objects.select_related("user").filter(pk=job_id).first()
    if job is None or job.state != ReportState.QUEUED:
        return
    try:
        with translation.override(job.language or settings.LANGUAGE_CODE):
            request = job_request(job)
            report = PortfolioReport(request, ProjectList(request).filterset)
            if report.count > max_projects():
                _update(job, state=ReportState.FAILED, error=ngettext(
                    "These filters now give %(n)s project, and a report holds at most %(limit)s.",
                    "These filters now give %(n)s projects, and a report holds at most %(limit)s.", report.count) % {
                    "n": report.count, "limit": max_projects()})
                return
            _update(job, state=ReportState.READING, total=report.count, done=0)
            data = report.pdf(progress=lambda state, n: _update(job, state=state, done=min(n, report.count)))
        _update(job, state=ReportState.DONE, done=report.count, data=data)
    except Exception as exc:  # noqa: BLE001 - the job's page says it failed instead of waiting for ever
        log.exception("report job %s failed", job.pk)
        _update(job, state=ReportState.FAILED, error=str(exc)[:500])
