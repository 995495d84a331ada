"""People reached per project, for the project list's filters, as CSV, XLSX or JSON: counts only, small ones
shown as "<5" (exact for those who may see the people of a project)."""
from __future__ import annotations

import csv
import datetime as dt
import tempfile
from collections import defaultdict
from decimal import Decimal

from django.conf import settings
from django.http import FileResponse, HttpResponseBadRequest, JsonResponse, StreamingHttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from capdev.projects.filtersets import ProjectFilterSet, visible_projects
from capdev.projects.models import Project

from .. import aggregates as agg
from .. import permissions, presentation, privacy
from ..models import Role, Seniority, Sex

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SEXES = [s.value for s in Sex]
LEVELS = [s.value for s in Seniority]


def _projects(request):
    fs = ProjectFilterSet(request.GET, queryset=visible_projects(request), request=request)
    return fs.qs.order_by()


def filter_key(request) -> str:
    """The request's filters as the dashboard names them for the cache ("all" when none): the export of a
    dashboard's selection takes its totals counted already."""
    params = request.GET.copy()
    params.pop("format", None)
    return params.urlencode() or "all"


def rows(request):
    """(header, rows, totals): one row per project of the filters with an attendance list the user may count.

    The rows come from one query (capdev.people.aggregates.per_project); the totals of the whole selection are
    the dashboard's, counted once per version of the portfolio (`counting` until they are)."""
    projects = _projects(request)
    ids = projects.values("pk")
    key = filter_key(request)
    exact_all = permissions.sees_all_people(request.user)
    counted = agg.counted_attendance(exact_all).filter(role=Role.PARTICIPANT)
    if not (key == "all" and not exact_all):  # everything the public sees: Attendance.public says it
        counted = counted.filter(project__in=ids)
    groups = agg.per_project(counted)
    header = ["project_id", "code", "title", "url", "people", "attendances", "person_days",
              *[f"sex_{s}" for s in SEXES], *[f"seniority_{s}" for s in LEVELS]]  # both have not_stated
    out = []
    listed = (Project.objects.filter(pk__in=ids).filter(pk__in=counted.values("project_id"))
              .only("pk", "code", "title", "lead_unit_id", "draft_of_id").order_by("pk"))
    url = request.build_absolute_uri(reverse("projects:detail", args=[0])).replace("/0/", "/{}/")
    for project in listed.iterator(chunk_size=2000):
        exact = permissions.can_view_people(request.user, project)
        cells = {"sex": defaultdict(lambda: [0, 0]), "seniority": defaultdict(lambda: [0, 0])}
        people = attendances = 0
        days = None
        for sex, level, n, att, d in groups.get(project.pk, ()):
            people, attendances = people + n, attendances + att
            if d is not None:
                days = (days or Decimal(0)) + d
            cells["sex"][sex][0] += n
            cells["seniority"][level][0] += n
        shown = privacy.shown(people, exact)
        row = [project.pk, project.code or "", project.title, url.format(project.pk),
               shown, privacy.HIDDEN if shown.suppressed else privacy.Shown(attendances),
               privacy.HIDDEN if shown.suppressed else privacy.Shown(days)]
        for dimension, keys in (("sex", SEXES), ("seniority", LEVELS)):
            parts = [agg.Cell(k, k, cells[dimension][k][0]) for k in keys]
            parts = privacy.hide_all(parts) if shown.suppressed else privacy.breakdown(parts, exact)
            row += [c.people for c in parts]
        out.append(row)
    total = presentation.show(agg.projects_reach(projects, include_pending=exact_all, key=key,
                                                 whole_portfolio=key == "all"), exact_all)
    return header, out, total


def reached(request):
    """`/people/reached/?<the project list's filters>&format=csv|xlsx|json`: refused, saying why, for a
    selection of more than CAPDEV_PEOPLE_EXPORT_MAX_PROJECTS projects (counting each project's people apart
    reads every attendance of the selection: half a minute for 100,000 projects, past a worker's timeout)."""
    fmt = (request.GET.get("format") or "csv").lower()
    if fmt not in ("csv", "xlsx", "json"):
        return HttpResponseBadRequest(_("Unknown format: use one of csv, xlsx, json."))
    limit = getattr(settings, "CAPDEV_PEOPLE_EXPORT_MAX_PROJECTS", 20000)
    selected = _projects(request).count()
    if selected > limit:
        return HttpResponseBadRequest(
            _("These filters select %(n)s projects; people reached are exported project by project for at most "
              "%(limit)s at a time: narrow the selection (a unit, a country, a period...). The totals of any "
              "selection are on the dashboard and at /api/people-reached/.") % {
                "n": f"{selected:,}", "limit": f"{limit:,}"})
    header, data, total = rows(request)
    name = f"people-reached-{dt.date.today().isoformat()}"
    if fmt == "json":
        keys = header
        return JsonResponse({"count": len(data), "threshold": privacy.threshold(), "totals": total.as_json(),
                             "totals_counting": total.counting, "totals_stale": total.stale,
                             "results": [{k: (v.json if isinstance(v, privacy.Shown) else v)
                                          for k, v in zip(keys, row)} for row in data]},
                            json_dumps_params={"ensure_ascii": False})
    if fmt == "csv":
        from capdev.core.views import CSV_BOM, _Echo, csv_cell

        writer = csv.writer(_Echo())

        def lines():
            yield CSV_BOM + writer.writerow(header)
            for row in data:
                yield writer.writerow([v.csv if isinstance(v, privacy.Shown) else csv_cell(v) for v in row])

        response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return response
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet(_("people reached")[:31])
    sheet.append(header)
    for row in data:
        sheet.append([v.xlsx if isinstance(v, privacy.Shown) else v for v in row])
    if total.counting:
        book.create_sheet(_("being counted")[:31]).append([_("The totals of the whole selection are being counted: "
                                                             "download again in a moment.")])
    for key, label, cells in total.breakdowns:
        part = book.create_sheet(str(label)[:31])
        part.append([key, "label", "people", "attendances", "person_days"])
        for c in cells:
            part.append([c.key, str(c.label), c.people.xlsx, c.attendances.xlsx, c.person_days.xlsx])
    out = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)
    book.save(out)
    out.seek(0)
    return FileResponse(out, as_attachment=True, filename=f"{name}.xlsx", content_type=XLSX)
