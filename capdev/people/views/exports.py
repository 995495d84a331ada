"""People reached per project, for the project list's filters, as CSV, XLSX or JSON: counts only, small ones
shown as "<5" (exact for those who may see the people of a project)."""
from __future__ import annotations

import csv
import datetime as dt
import tempfile
from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, Sum
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


def rows(request):
    """(header, rows, totals): one row per project of the filters with an attendance list the user may count."""
    projects = _projects(request)
    ids = projects.values("pk")
    counted = agg.counted_attendance(permissions.sees_all_people(request.user)).filter(
        project__in=ids, role=Role.PARTICIPANT)
    cells: dict[int, dict[str, dict[str, agg.Cell]]] = defaultdict(lambda: defaultdict(dict))
    for dimension, path, keys in (("sex", "person__sex", SEXES), ("seniority", "person__seniority", LEVELS)):
        for r in counted.order_by().values("project_id", path).annotate(
                people=Count("person_id", distinct=True), attendances=Count("pk"), days=Sum("days")):
            cells[r["project_id"]][dimension][r[path]] = agg.Cell(
                r[path], r[path], r["people"], r["attendances"], r["days"] or Decimal(0))
    totals = {r["project_id"]: r for r in counted.order_by().values("project_id").annotate(
        people=Count("person_id", distinct=True), attendances=Count("pk"), days=Sum("days"))}
    header = ["project_id", "code", "title", "url", "people", "attendances", "person_days",
              *[f"people_{s}" for s in SEXES], *[f"people_{s}" for s in LEVELS]]
    out = []
    for project in Project.objects.filter(pk__in=list(totals)).select_related("lead_unit").order_by("pk"):
        exact = permissions.can_view_people(request.user, project)
        t = totals[project.pk]
        people = privacy.shown(t["people"], exact)
        row = [project.pk, project.code or "", project.title,
               request.build_absolute_uri(reverse("projects:detail", args=[project.pk])), people,
               privacy.HIDDEN if people.suppressed else privacy.Shown(t["attendances"]),
               privacy.HIDDEN if people.suppressed else privacy.Shown(t["days"] or Decimal(0))]
        for dimension, keys in (("sex", SEXES), ("seniority", LEVELS)):
            found = cells[project.pk][dimension]
            listed = [found.get(k, agg.Cell(k, k, 0)) for k in keys]
            shown = privacy.hide_all(listed) if people.suppressed else privacy.breakdown(listed, exact)
            row += [c.people for c in shown]
        out.append(row)
    exact_all = permissions.sees_all_people(request.user)
    total = presentation.show(agg.reach_of(agg.counted_attendance(exact_all).filter(project__in=ids)),
                              exact_all)
    return header, out, total


def reached(request):
    """`/people/reached/?<the project list's filters>&format=csv|xlsx|json`."""
    fmt = (request.GET.get("format") or "csv").lower()
    if fmt not in ("csv", "xlsx", "json"):
        return HttpResponseBadRequest(_("Unknown format: use one of csv, xlsx, json."))
    header, data, total = rows(request)
    name = f"people-reached-{dt.date.today().isoformat()}"
    if fmt == "json":
        keys = header
        return JsonResponse({"count": len(data), "threshold": privacy.threshold(), "totals": total.as_json(),
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
        sheet.append([v.csv if isinstance(v, privacy.Shown) else v for v in row])
    for key, label, cells in total.breakdowns:
        part = book.create_sheet(str(label)[:31])
        part.append([key, "label", "people", "attendances", "person_days"])
        for c in cells:
            part.append([c.key, str(c.label), c.people.csv, c.attendances.csv, c.person_days.csv])
    out = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)
    book.save(out)
    out.seek(0)
    return FileResponse(out, as_attachment=True, filename=f"{name}.xlsx", content_type=XLSX)
