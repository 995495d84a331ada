"""The published portfolio as IATI 2.03 activity XML, streamed."""
from django.http import HttpRequest, HttpResponseForbidden, StreamingHttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from .export import projects_for_export, stream_activities


@require_GET
def activities_xml(request: HttpRequest):
    """/iati/activities.xml: published projects; `?all=1` adds unpublished ones for staff only.

    Filters: `country` (ISO alpha-3 or alpha-2) and `unit` (a unit's code, its sub-units included).
    """
    include_all = request.GET.get("all") in {"1", "true", "yes"}
    if include_all and not (request.user.is_authenticated and request.user.is_staff):
        return HttpResponseForbidden(_("Only staff may export unpublished projects."), content_type="text/plain")
    qs = projects_for_export(include_unpublished=include_all, country=request.GET.get("country") or None,
                             unit=request.GET.get("unit") or None)
    response = StreamingHttpResponse(stream_activities(qs), content_type="application/xml; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="activities.xml"'
    if include_all:
        response["Cache-Control"] = "private, no-store"
    return response


def project_check(request: HttpRequest, pk: int):
    """What the IATI validator says of a project's activity XML: staff see it before publishing."""
    from django.http import Http404
    from django.shortcuts import get_object_or_404, render

    from capdev.accounts.permissions import can_view_internal
    from capdev.projects.models import Project

    from .validate import validate_project

    if not can_view_internal(request.user):
        raise Http404
    project = get_object_or_404(Project, pk=pk)
    findings = validate_project(project)
    template = "iati/_project_check.html" if request.headers.get("HX-Request") == "true" else "iati/project_check.html"
    return render(request, template, {"project": project, "findings": findings,
                                      "errors": sum(1 for f in findings if f.is_error)})
