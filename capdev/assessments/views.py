"""Public pages of assessments: the filtered list with its CSV, JSON and XLSX, one assessment, a country's scores as
CSV, and the dashboard comparison's CSV. Staff pages (entering, uploading, linking) are in entry.py."""
from __future__ import annotations

import csv
import json
import tempfile

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.generic import DetailView
from openpyxl import Workbook

from capdev.accounts import permissions as perms
from capdev.core.charts import csv_response
from capdev.core.views import FilteredListView, _Echo
from capdev.projects.exports import XLSX_CONTENT_TYPE, _cell
from capdev.projects.filtersets import is_staff_request
from capdev.reference.models import Country

from . import exports, panels, series
from .filtersets import AssessmentFilterSet, visible_assessments, visible_links
from .models import Assessment, DimensionScore, Level

CSV_BOM = "\ufeff"


class AssessmentListView(FilteredListView):
    """Assessments, filtered; the same rows as CSV (a row per score), JSON (with scores) and XLSX."""

    model = Assessment
    filterset_class = AssessmentFilterSet
    template_name = "assessments/assessment_list.html"
    export_formats = ("csv", "json", "xlsx")
    export_name = "capdev-assessments"
    paginate_by = 25

    def get_base_queryset(self):
        return visible_assessments(self.request)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        fs = self.get_filterset()
        context.update(choices=fs.choices(), params=self.request.GET, staff=is_staff_request(self.request),
                       can_enter=perms.can_edit_assessments(self.request.user))
        return context

    def render_csv(self, queryset):
        writer = csv.writer(_Echo())
        lines = exports.csv_lines(queryset, self.request, is_staff_request(self.request))

        def text():
            yield CSV_BOM + writer.writerow(next(lines))
            for row in lines:
                yield writer.writerow(row)

        response = StreamingHttpResponse(text(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{self.export_filename("csv")}"'
        return response

    def render_json(self, queryset):
        staff = is_staff_request(self.request)
        records = [exports.json_record(a, staff) for batch in exports.chunks(exports.prefetched(queryset,
                                                                                                  self.request))
                   for a in batch]
        body = json.dumps({"count": len(records), "results": records}, cls=DjangoJSONEncoder, ensure_ascii=False)
        return HttpResponse(body, content_type="application/json")

    def render_xlsx(self, queryset):
        book = Workbook(write_only=True)
        for name, (columns, rows) in exports.workbook_sheets(queryset, self.request,
                                                             is_staff_request(self.request)).items():
            sheet = book.create_sheet(name)
            sheet.append(columns)
            for row in rows:
                sheet.append([_cell(v) for v in row])
        out = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)
        book.save(out)
        out.seek(0)
        return FileResponse(out, as_attachment=True, filename=self.export_filename("xlsx"),
                            content_type=XLSX_CONTENT_TYPE)


class AssessmentDetailView(DetailView):
    """One assessment: its scores with the level they stand for, priorities, documents, the work linked to it."""

    template_name = "assessments/assessment_detail.html"
    context_object_name = "assessment"

    def get_queryset(self):
        scores = Prefetch("scores", queryset=DimensionScore.objects.select_related("dimension").order_by(
            "dimension__position", "pk"))
        links = Prefetch("links", queryset=visible_links(self.request).select_related(
            "project", "outcome", "activity", "dimension", "priority"), to_attr="visible_links")
        return visible_assessments(self.request).select_related(
            "framework", "country", "institution", "assessor").prefetch_related(
            scores, "priorities__dimension", "documents", links)

    def get_object(self, queryset=None):
        try:
            return super().get_object(queryset)
        except Http404:
            raise Http404(_("No such assessment.")) from None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        a = self.object
        labels = series.level_labels([a.framework])[a.framework_id]
        descriptions = {(lv.dimension_id, lv.value): lv.description
                        for lv in Level.objects.filter(framework=a.framework)}
        rows = []
        for s in a.scores.all():
            whole = int(s.score) if s.score == int(s.score) else None
            rows.append({"score": s, "label": series.score_label(a.framework, labels, s.score),
                         "weak": a.framework.is_weak(s.score),
                         "meaning": descriptions.get((s.dimension_id, whole)) or descriptions.get((None, whole), ""),
                         "links": [link for link in a.visible_links if link.dimension_id == s.dimension_id]})
        priorities = [{"priority": p, "links": [link for link in a.visible_links if link.priority_id == p.pk]}
                      for p in a.priorities.all()]
        previous = (visible_assessments(self.request).filter(
            framework=a.framework, country=a.country, institution=a.institution, date__lt=a.date)
            .order_by("-date", "-pk").first())
        context.update(rows=rows, priorities=priorities, previous=previous, staff=is_staff_request(self.request),
                       can_edit=perms.can_edit_assessment(self.request.user, a),
                       can_link=perms.can_edit_assessment(self.request.user, a))
        return context


def country_csv(request, iso3: str) -> StreamingHttpResponse:
    """The scores of a country's visible assessments, a row per score (the country page's CSV)."""
    country = get_object_or_404(Country, pk=iso3.upper())
    staff = is_staff_request(request)
    lines = exports.csv_lines(visible_assessments(request).filter(country=country).order_by("date", "pk"),
                              request, staff)
    writer = csv.writer(_Echo())

    def text():
        yield CSV_BOM + writer.writerow(next(lines))
        for row in lines:
            yield writer.writerow(row)

    response = StreamingHttpResponse(text(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="capdev-assessments-{country.pk}.csv"'
    return response


def compare_csv(request) -> HttpResponse:
    """The dashboard comparison's numbers: each country's latest score on the chosen dimension."""
    _choices, dimension, rows, _chart, _filtered = panels.comparison(request, request.GET)
    if dimension is None:
        raise Http404(_("No assessed dimension to compare."))
    header = [_("ISO 3166 alpha-3"), _("Country"), _("Framework"), _("Dimension"), _("Score"), _("Assessment date"),
              _("Assessed by"), _("Previous score"), _("Previous assessment date"), _("Change")]
    body = [[r.country.pk, r.country.name, dimension.framework.slug, dimension.code, series.score_text(r.score),
             r.assessment.partial_date.iso(), r.assessment.assessor_type, series.score_text(r.previous),
             r.previous_assessment.partial_date.iso() if r.previous_assessment else "",
             "" if r.change is None else series.signed(r.change)] for r in rows]
    return csv_response(header, body, f"capdev-compare-{dimension.framework.slug}-{dimension.code}.csv")
