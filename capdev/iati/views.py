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
