"""Fact sheets and portfolio reports as PDF: what the requester may see, nothing more.

`/projects/<id>/factsheet.pdf` is one project's fact sheet; `/projects/?...&format=pdf` (registered with the
project list as one of its formats, `portfolio_pdf`) is the portfolio report of the list's filtered projects;
`/reports/` lists the reports per funding source and year for donors.
"""
from __future__ import annotations

import re

from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from capdev.core.panels import Panel
from capdev.people import privacy
from capdev.projects.filtersets import visible_projects
from capdev.projects.models import ReviewState
from capdev.texts import lookup

from . import capping, jobs, portfolio, worldmap
from .models import ReportJob
from .pdf import PDF_CONTENT_TYPE, layout
from .sheets import project_sheet, sheet_queryset, with_people


def pdf_response(data: bytes, filename: str, *, private: bool) -> HttpResponse:
    """A PDF download; kept out of shared caches when it holds what only staff may see."""
    response = HttpResponse(data, content_type=PDF_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    if private:
        response["Cache-Control"] = "private, no-store"
    return response


def isolated(text: str) -> str:
    """Text between Unicode's left-to-right isolate marks: an address in a line of the page's language keeps its
    order in Arabic also where no element can carry `dir` (the pages' footer repeats the line as plain text)."""
    return f"\u2066{text}\u2069"


def safe_filename(text: str) -> str:
    """A file name's stem from a code or title: letters, digits, dots and hyphens."""
    return re.sub(r"[^A-Za-z0-9.-]+", "-", text).strip("-")[:60] or "project"


def factsheet(request: HttpRequest, pk: int) -> HttpResponse:
    """A project's fact sheet as PDF: published projects for the public, the registry for staff."""
    project = sheet_queryset(visible_projects(request)).filter(pk=pk).first()
    if project is None:
        raise Http404(_("No such project."))
    sheet = with_people(project_sheet(project))
    numerics = [c.numeric for c in sheet.countries if c.numeric]
    sheet.map_svg = worldmap.project_map(numerics, _("Countries served")) if numerics else None
    published = project.review_state == ReviewState.PUBLISHED
    sheet.url = request.build_absolute_uri(reverse("projects:detail", args=[pk]))
    title = _("Fact sheet: %(title)s") % {"title": capping.shorten(lookup.shown(project, "title")[0], 120)}
    context = {
        "document_title": title,
        "generated": timezone.localdate(),
        "page_url": isolated(sheet.url),
        "is_published": published,
        "threshold": privacy.threshold(),
    }

    def lay_out(shown):
        return layout(render_to_string("reports/factsheet.html", {**context, "sheet": shown}, request), title=title)

    data = capping.fit(sheet, lay_out).write_pdf()  # one or two pages, whatever the project holds
    return pdf_response(data, f"factsheet-{safe_filename(project.code or str(project.pk))}.pdf",
                        private=not published)


def factsheet_panel(request, project) -> Panel:
    """The project page's link to its fact sheet."""
    return Panel("reports/_factsheet_link.html", {"url": reverse("reports:factsheet", args=[project.pk])})


def portfolio_pdf(view) -> HttpResponse:
    """The project list's `format=pdf`: the portfolio report of the list's filtered projects (refused, with a
    message, above CAPDEV_REPORT_MAX_PROJECTS)."""
    request = view.request
    report = portfolio.PortfolioReport(request, view.get_filterset())
    if report.count > portfolio.max_projects():
        return portfolio.too_large_response(request, report.count)
    if report.count > jobs.inline_max():
        query = query_without(request, "format", "page")
        job = jobs.start(request, query, report.count)
        # The job's address carries the list's parameters: once the job is deleted, its page can still offer to
        # build the same report again.
        response = redirect(reverse("reports:job", args=[job.token]) + (f"?{query}" if query else ""))
        response.status_code = 303  # see the job's page (a GET), whatever the request was
        return response
    data = report.pdf()
    return pdf_response(data, f"portfolio-{timezone.localdate().isoformat()}.pdf", private=report.staff)


def query_without(request: HttpRequest, *names: str) -> str:
    """The request's query string without these parameters."""
    params = request.GET.copy()
    for name in names:
        params.pop(name, None)
    return params.urlencode()


def _job(request: HttpRequest, token) -> ReportJob | None:
    """The job of this token, if it is this requester's (a visitor's jobs are reached by their token alone)."""
    job = ReportJob.objects.filter(token=token).first()
    if job is None or (job.user_id is not None and job.user_id != request.user.pk):
        return None
    return job


def _gone(request: HttpRequest, job: ReportJob | None) -> HttpResponse:
    """The page of a job past its time (410) or no longer kept (404): it says so, and offers to build the same
    report again from the list's parameters (the job's, else those its address carries)."""
    params = QueryDict(job.query if job is not None else request.GET.urlencode(), mutable=True)
    for name in ("format", "page"):
        params.pop(name, None)
    list_url = reverse("projects:list") + (f"?{params.urlencode()}" if params else "")
    params["format"] = "pdf"
    return render(request, "reports/job_gone.html", {
        "job": job, "days": jobs.kept().days, "list_url": list_url,
        "rebuild_url": f"{reverse('projects:list')}?{params.urlencode()}",
    }, status=410 if job is not None else 404)


@never_cache  # its progress changes without the portfolio changing: no cache may keep it (capdev.core.http_cache)
def report_job(request: HttpRequest, token) -> HttpResponse:
    """A report being built: its progress (the page reloads itself until it is ready), then its download; once
    expired, a page that says so and offers to build it again."""
    job = _job(request, token)
    if job is None or jobs.is_expired(job):
        return _gone(request, job)
    return render(request, "reports/job.html", {
        "job": job, "expires": jobs.expires(job),
        "list_url": reverse("projects:list") + (f"?{job.query}" if job.query else "")})


@never_cache
def report_job_pdf(request: HttpRequest, token) -> HttpResponse:
    """The PDF a job built."""
    job = _job(request, token)
    if job is None or jobs.is_expired(job):
        return _gone(request, job)
    if job.state != ReportJob.State.DONE:
        raise Http404(_("This report is not ready."))
    return pdf_response(bytes(job.data), f"portfolio-{job.created.date().isoformat()}.pdf", private=True)


class DonorReportsView(TemplateView):
    """The reports per funding source and start year: a table of counts, each a link to its PDF."""

    template_name = "reports/donor_reports.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["rows"] = portfolio.donor_rows(self.request)
        context["max_projects"] = portfolio.max_projects()
        return context

