"""The published portfolio as IATI 2.03 activity XML, streamed."""
from django.http import HttpRequest, HttpResponseForbidden, StreamingHttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from capdev.core import fields
from capdev.core.access import is_staff_request
from capdev.core.params import Parameters, note_parameters

from .export import projects_for_export, stream_activities

# Parameters of this URL that are not the project list's filters: `all`, and the list's `format` and `page`,
# which a link made from the list's may carry and the file has no use for.
OWN_PARAMETERS = Parameters(all=fields.FLAG)
IGNORED = ("all", "format", "page")


@require_GET
def activities_xml(request: HttpRequest):
    """/iati/activities.xml: published projects; `?all=1` adds unpublished ones for staff only.

    Filtered by the project list's own parameters (ProjectFilterSet: q, unit, country, sdg, status...), so that
    the list, its CSV and JSON, the API and this file hold the same projects; `country` also takes the ISO
    alpha-2 codes IATI uses.
    """
    from capdev.projects.filtersets import ProjectFilterSet
    from capdev.reference.models import Country

    include_all = bool(OWN_PARAMETERS.read(request)["all"])
    if include_all and not is_staff_request(request):
        return HttpResponseForbidden(_("Only staff may export unpublished projects."), content_type="text/plain")
    note_parameters(request, ProjectFilterSet.base_filters, ProjectFilterSet)  # read below, from a copy
    params = request.GET.copy()
    for name in IGNORED:
        params.pop(name, None)
    qs = projects_for_export(include_unpublished=include_all)
    if params:
        codes = [c.strip().upper() for c in params.getlist("country")]
        alpha3 = dict(Country.objects.filter(iso2__in=[c for c in codes if len(c) == 2]).values_list("iso2", "iso3"))
        if codes:
            params.setlist("country", [alpha3.get(c, c) for c in codes])
        fs = ProjectFilterSet(params, queryset=qs, request=request)
        qs = qs.filter(pk__in=fs.qs.order_by().values("pk"))  # a bad filter: InvalidParameters, a 400 naming it
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
