"""The portfolio report: the projects a filtered list holds, as the dashboard counts them, then one by one.

Its figures are the dashboard's own (`capdev.portal.views`: `filtered_projects`, `build_chart`, `build_map`,
`portfolio_totals`), drawn as SVG on the server (`svg`, `worldmap`); its rows are the list's FilterSet's,
in the list's order. A report is bounded: above CAPDEV_REPORT_MAX_PROJECTS projects it is refused with a
message that says how many the filters give and how to narrow them.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Count
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from capdev.core.views import query_string
from capdev.people import aggregates as people_aggregates
from capdev.people import presentation as people_presentation
from capdev.portal import aggregates as agg
from capdev.portal.charts import Chart, filter_params
from capdev.portal.views import CHARTS, active_filters, build_chart, build_map, filtered_projects
from capdev.projects.filtersets import is_staff_request, visible_projects

from . import svg, worldmap
from .pdf import join_parts
from .sheets import CHUNK, sheets_of

DEFAULT_MAX_PROJECTS = 1000
YEARS_PER_COLUMN = 10
# The dashboard's charts in the order a report prints them.
REPORT_CHARTS = ("budget-by-funding", "budget-by-unit", "budget-by-region", "budget-by-sdg", "budget-by-start-year",
                 "projects-per-year", "activities-per-year", "participants-per-year")


def max_projects() -> int:
    """The most projects one PDF report holds (CAPDEV_REPORT_MAX_PROJECTS)."""
    return int(getattr(settings, "CAPDEV_REPORT_MAX_PROJECTS", DEFAULT_MAX_PROJECTS))


@dataclass
class DrawnChart:
    """A dashboard chart and its SVG."""

    chart: Chart
    svg: str

    @property
    def row_groups(self) -> list[list[dict]]:
        """The chart's table rows; a chart over years in columns of ten, side by side, so that it stays short."""
        rows = self.chart.rows
        if self.chart.kind == "hbar" or len(rows) <= YEARS_PER_COLUMN:
            return [rows]
        return [rows[i:i + YEARS_PER_COLUMN] for i in range(0, len(rows), YEARS_PER_COLUMN)]


class PortfolioReport:
    """The report of one request's filtered project list."""

    def __init__(self, request, filterset):
        self.request = request
        self.filterset = filterset
        self.staff = is_staff_request(request)
        self.rows = filterset.qs
        self.count = self.rows.count()

    def figures(self) -> dict:
        """The dashboard's totals, charts and map for the same filters, as the dashboard computes them."""
        params = self.request.GET
        source = filtered_projects(self.request)
        totals = agg.portfolio_totals(source)
        charts = {chart_id: build_chart(chart_id, source, params) for chart_id in CHARTS}
        the_map = build_map(source, params, "projects")
        # The dashboard's participant figure: activity by activity, from the attendance lists where they count
        # (capdev.people), else the recorded numbers; counted now if no count is cached.
        with people_aggregates.counted_now():
            people = people_presentation.dashboard_context(
                self.request, agg.queryset_of(source), key=filter_params(params).urlencode() or "all")
        return {"totals": totals, "charts": charts, "map": the_map, "people": people}

    def summary_context(self, pks: list[int], progress=None) -> dict:
        """What the report's first part shows: the filters, the dashboard's figures, the table of projects
        (read a chunk at a time and kept as light rows; progress(n) told after each chunk)."""
        figures = self.figures()
        totals = figures["totals"]
        the_map = figures["map"]
        rows = []
        for sheet in sheets_of(visible_projects(self.request), pks, people=False):
            rows.append(TableRow.of(sheet))
            if progress is not None and len(rows) % CHUNK == 0:
                progress(len(rows))
        list_url = self.request.build_absolute_uri(
            reverse("projects:list") + query_string(self.request, drop=("format", "page")))
        return {
            **self.document(),
            "list_url": list_url,
            "filters": active_filters(self.request.GET, reverse("projects:list"), self.staff),
            "staff": self.staff,
            "totals": totals,
            "people": figures["people"],
            "budget_lines": [(cur, totals.budget[cur]) for cur in agg.currencies(totals.budget)],
            "charts": [DrawnChart(figures["charts"][c], svg.chart_svg(figures["charts"][c])) for c in REPORT_CHARTS],
            "map": the_map,
            "map_svg": worldmap.choropleth({c.numeric: c.projects for c in the_map.countries if c.numeric},
                                           str(the_map.title)),
            "rows": rows,
        }

    def document(self) -> dict:
        """The running title and the date every part's pages carry."""
        return {"document_title": _("Portfolio report"), "generated": timezone.localdate()}

    def parts(self, progress=None) -> Iterator[str]:
        """The report as HTML documents laid out one after the other: the summary, then the pages of CHUNK
        projects at a time (so that the layout holds one part in memory, not the whole report).
        progress(state, n): "reading" while the table is read, "laying_out" as the projects' pages are made."""
        pks = list(self.rows.values_list("pk", flat=True))
        tell = (lambda state: (lambda n: progress(state, n))) if progress else (lambda state: None)
        yield render_to_string("reports/portfolio.html", self.summary_context(pks, tell("reading")), self.request)
        done = 0
        batch = []
        for sheet in sheets_of(visible_projects(self.request), pks):
            sheet.url = self.request.build_absolute_uri(reverse("projects:detail", args=[sheet.project.pk]))
            batch.append(sheet)
            if len(batch) == CHUNK:
                yield render_to_string("reports/portfolio_projects.html", {**self.document(), "sheets": batch},
                                       self.request)
                done += len(batch)
                batch = []
                if progress:
                    progress("laying_out", done)
        if batch:
            yield render_to_string("reports/portfolio_projects.html", {**self.document(), "sheets": batch},
                                   self.request)

    def pdf(self, progress=None) -> bytes:
        """The report's PDF, its parts laid out in turn and joined, pages numbered throughout."""
        return join_parts(self.parts(progress), str(self.document()["document_title"]))


@dataclass
class TableRow:
    """A project in the report's table."""

    code: str
    title: str
    unit: str
    period: str
    countries: list[str]
    more_countries: bool
    budget_totals: list

    @classmethod
    def of(cls, sheet) -> "TableRow":
        p = sheet.project
        iso3 = [c.iso3 for c in sheet.countries]
        return cls(code=p.code or "", title=p.title, unit=p.lead_unit.code if p.lead_unit else "",
                   period=sheet.period, countries=iso3[:6], more_countries=len(iso3) > 6,
                   budget_totals=sheet.budget_totals)


def too_large_response(request, count: int) -> HttpResponse:
    """A 400 naming `format`: the filters give more projects than a PDF holds; narrow them or take the CSV."""
    limit = max_projects()
    base = reverse("projects:list")
    html = render_to_string("reports/too_large.html", {
        "count": count, "limit": limit,
        "list_url": base + query_string(request, drop=("format", "page")),
        "csv_url": base + query_string(request, drop=("page",), format="csv"),
    }, request=request)
    return HttpResponse(html, status=400)


def donor_rows(request) -> list[dict]:
    """Per funding source, the projects by start year (the list's `funding` and start-year filters), each with
    the URL of its report; one query."""
    counts = (visible_projects(request).exclude(funding_source=None).values(
        "funding_source__code", "funding_source__name", "start_date__year")
        .annotate(n=Count("pk")).order_by("funding_source__code", "start_date__year"))
    base = reverse("projects:list")
    rows: dict[str, dict] = {}
    for c in counts:
        code = c["funding_source__code"]
        row = rows.setdefault(code, {"code": code, "name": c["funding_source__name"], "years": [], "total": 0,
                                     "url": f"{base}?{urlencode({'funding': code, 'format': 'pdf'})}"})
        row["total"] += c["n"]
        year = c["start_date__year"]
        if year is not None:
            row["years"].append({"year": year, "count": c["n"],
                                 "url": f"{base}?" + urlencode({
                                     "funding": code, "start_year_min": year, "start_year_max": year,
                                     "format": "pdf"})})
    return list(rows.values())
