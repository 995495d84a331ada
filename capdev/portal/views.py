"""Portal pages that span the domain apps: the home page and the dashboard (with a CSV per chart)."""
from __future__ import annotations

from dataclasses import dataclass

from django.contrib.humanize.templatetags.humanize import intcomma
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View
from django.views.generic import TemplateView

from capdev.core import fields
from capdev.core.params import Parameters
from capdev.organisations.models import FundingSource, Organisation, OrgUnit
from capdev.people import presentation as people_presentation
from capdev.portal import aggregates as agg
from capdev.portal.charts import Chart, WorldMap, count_chart, filter_params, list_url, money_chart, world_map
from capdev.projects.facets import ChoiceFacet
from capdev.projects.filtersets import ProjectFilterSet, declared_facets, is_staff_request, visible_projects
from capdev.projects.listing import ProjectList
from capdev.reference.models import Country, Region, SdgGoal
from capdev.reference.names import sdg_title_text


class HomeView(TemplateView):
    """The front page: the portfolio in five numbers, and the ways into it."""

    template_name = "portal/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        projects = filtered_projects(self.request, QueryDict())
        totals = agg.portfolio_totals(projects)
        context["totals"] = totals
        # Participants as the dashboard counts them (lists where they count, recorded numbers elsewhere).
        context["people"] = people_presentation.dashboard_context(self.request, agg.queryset_of(projects), key="all")
        context["budget_lines"] = [(cur, totals.budget[cur]) for cur in agg.currencies(totals.budget)]
        return context


def filtered_projects(request: HttpRequest, params: QueryDict | None = None):
    """The projects the list would show for these filters (the request's by default; published only for the
    public): on the in-memory index where it can answer them, as the list does, else as a queryset.
    A bad filter raises InvalidParameters (a 400 naming it)."""
    listing = ProjectList(request, params)
    listing.filterset.check()
    return listing.filterset.qs if listing.query is None else agg.Indexed(listing, listing.filterset.qs)


# ---- the dashboard's charts ---------------------------------------------------------------------------------------

def _chart_csv_url(chart_id: str, params: QueryDict) -> str:
    query = filter_params(params).urlencode()
    url = reverse("portal:chart_csv", kwargs={"chart": chart_id})
    return f"{url}?{query}" if query else url


def _budget_caption(extra: str = "") -> str:
    base = _("Each project's budget: its total budget lines where it has any, else its other lines, a revised "
             "line replacing the original of its period. One series per currency.")
    return f"{base} {extra}".strip()


def chart_budget_by_unit(qs, params):
    """Budget by lead unit; bars lead to the list filtered to the unit."""
    return money_chart("budget-by-unit", _("Budget by lead unit"), agg.budget_by_unit(qs), link_param="unit",
                       params=params, label_heading=_("Lead unit"), caption=_budget_caption())


def chart_budget_by_region(qs, params):
    """Budget by M49 region; bars lead to the list filtered to the region."""
    return money_chart("budget-by-region", _("Budget by region"), agg.budget_by_region(qs), link_param="region",
                       params=params, label_heading=_("Region"), caption=_budget_caption(
                           _("A project serving several regions counts in full in each.")))


def chart_budget_by_sdg(qs, params):
    """Budget by SDG; bars lead to the list filtered to the goal."""
    return money_chart("budget-by-sdg", _("Budget by Sustainable Development Goal"), agg.budget_by_sdg(qs),
                       link_param="sdg", params=params, label_heading=_("SDG"), caption=_budget_caption(
                           _("A project contributing to several goals counts in full under each.")))


def chart_budget_by_funding(qs, params):
    """Budget by funding source; bars lead to the list filtered to the source."""
    return money_chart("budget-by-funding", _("Budget by funding source"), agg.budget_by_funding(qs),
                       link_param="funding", params=params, label_heading=_("Funding source"),
                       caption=_budget_caption())


def chart_budget_by_start_year(qs, params):
    """Budget by the year projects start; bars lead to the list of projects starting that year."""
    return money_chart("budget-by-start-year", _("Budget by start year"), agg.budget_by_start_year(qs), kind="bar",
                       params=params, link_for=lambda y: {"start_year_min": y, "start_year_max": y},
                       label_heading=_("Start year"), caption=_budget_caption(
                           _("Each project's whole budget counts in the year it starts.")))


def chart_projects_per_year(qs, params):
    """Projects active in each calendar year: the portfolio's timeline."""
    rows = [(year, {_("Active projects"): n}) for year, n in agg.projects_active_per_year(qs)]
    return count_chart("projects-per-year", _("Projects active per year"), rows, kind="bar",
                       label_heading=_("Year"), caption=_(
                           "A project counts in every calendar year from its start to its end; one with only a "
                           "start date counts in its start year."))


def _activity_years(qs):
    years, undated = agg.activities_per_year(qs)
    note = ngettext("%(n)s activity without a date is not shown.", "%(n)s activities without a date are not shown.",
                    undated) % {"n": intcomma(undated)} if undated else ""
    return years, note


def chart_activities_per_year(qs, params):
    """Activities held per year (by their start)."""
    years, note = _activity_years(qs)
    rows = [(y.year, {_("Activities"): y.activities}) for y in years]
    return count_chart("activities-per-year", _("Activities per year"), rows, label_heading=_("Year"),
                       caption=" ".join(filter(None, [_("Workshops, missions, webinars, meetings... by the year they "
                                                        "started."), note])))


def chart_participants_per_year(qs, params):
    """Participants reached per year, from the activities that give a number."""
    years, note = _activity_years(qs)
    rows = [(y.year, {_("Participants"): y.participants}) for y in years]
    what = _("Sum of the participants the activities record (attendance lists aside: see People reached); “–” "
             "where none gave a number.")
    return count_chart("participants-per-year", _("Participants recorded per year"), rows, label_heading=_("Year"),
                       caption=f"{what} {note}")


CHARTS = {
    "budget-by-unit": chart_budget_by_unit,
    "budget-by-region": chart_budget_by_region,
    "budget-by-sdg": chart_budget_by_sdg,
    "budget-by-funding": chart_budget_by_funding,
    "budget-by-start-year": chart_budget_by_start_year,
    "projects-per-year": chart_projects_per_year,
    "activities-per-year": chart_activities_per_year,
    "participants-per-year": chart_participants_per_year,
}
MAP_ID = "countries"


def build_chart(chart_id: str, qs, params: QueryDict) -> Chart:
    """One dashboard chart, with its CSV link."""
    chart = CHARTS[chart_id](qs, params)
    chart.csv_url = _chart_csv_url(chart_id, params)
    return chart


MAP_PARAMETERS = Parameters(map=fields.Choice(("projects", "budget")))


def build_map(qs, params: QueryDict, measure: str | None = None) -> WorldMap:
    """The dashboard's world map of the countries served, by projects or by budget (GET map=..., checked by the
    view: MAP_PARAMETERS)."""
    the_map = world_map(MAP_ID, _("Countries served"), agg.countries_served(qs), measure or "projects",
                        csv_url=_chart_csv_url(MAP_ID, params))
    dashboard = reverse("portal:dashboard")
    for value, label in (("projects", _("By projects")), ("budget", _("By budget"))):
        query = params.copy()
        query["map"] = value
        the_map.switch.append((label, f"{dashboard}?{query.urlencode()}#map", the_map.measure == value))
    the_map.caption = (_("Each country the projects serve, coloured by the number of projects.")
                       if the_map.measure == "projects" else
                       _("Each country the projects serve, coloured by the total budget of the projects serving it "
                         "(a project's whole budget counts in each of its countries); amounts in other currencies "
                         "are in the table."))
    return the_map


# ---- active filters -------------------------------------------------------------------------------------------

def _filter_names() -> dict[str, str]:
    """The list's parameters by the names the dashboard gives them: their declared labels (the years shorter)."""
    shorter = {"start_year_min": _("Starting from"), "start_year_max": _("Starting until")}
    return {name: str(shorter.get(name, declared.label)) for name, declared in ProjectFilterSet.declared()
            if name != "sort"}


def _value_labels(params: QueryDict, staff: bool = False) -> dict[str, dict[str, str]]:
    """Readable names for the filter values in params: one query per filter kind present, none per value.

    For the public, a partner is named only if a published project names it (else the slug typed is shown):
    its name would tell that an unpublished record names it."""
    organisations = Organisation.objects.all() if staff else Organisation.objects.named_by(visible_projects())
    lookups = {
        "unit": lambda v: OrgUnit.objects.filter(code__in=v).values_list("code", "name"),
        "funding": lambda v: FundingSource.objects.filter(code__in=v).values_list("code", "name"),
        "region": lambda v: Region.objects.filter(code__in=v).values_list("code", "name"),
        "country": lambda v: Country.objects.filter(iso3__in=[x.upper() for x in v]).values_list("iso3", "name"),
        # The values were checked by the filters (filtered_projects) before they are named here.
        "sdg": lambda v: [(str(n), f"{n}: {sdg_title_text(n, t)}") for n, t in SdgGoal.objects.filter(
            number__in=[fields.SDG_GOAL.parse(x) for x in v if x.strip()]).values_list("number", "short_title")],
        "partner": lambda v: organisations.filter(slug__in=v).values_list("slug", "name"),
    }
    labels: dict[str, dict[str, str]] = {}
    facets = declared_facets()
    for key, values in params.lists():
        if key in lookups:
            labels[key] = {str(k): str(name) for k, name in lookups[key](values)}
        elif isinstance(facets.get(key), ChoiceFacet):  # a fixed list of values: as its facet names them
            labels[key] = {k: str(v) for k, v in facets[key].pairs()}
    return labels


@dataclass
class ActiveFilter:
    """One filter value in force, and the URL of the same page without it."""

    name: str
    value: str
    remove_url: str


def active_filters(params: QueryDict, base_url: str, staff: bool = False) -> list[ActiveFilter]:
    """The filters in params, named, each with a link to base_url without it (review state for staff only)."""
    names = _filter_names()
    if not staff:
        names.pop("review_state")  # the filter set ignores it for everyone else
    filters = filter_params(params)
    labels = _value_labels(filters, staff)
    out = []
    for key, values in filters.lists():
        if key not in names:
            continue
        for value in values:
            if value == "":
                continue
            rest = params.copy()
            rest.setlist(key, [v for v in values if v != value])
            query = rest.urlencode()
            label = labels.get(key, {}).get(value if key != "country" else value.upper(), value)
            out.append(ActiveFilter(names[key], label, f"{base_url}?{query}" if query else base_url))
    return out


# ---- views --------------------------------------------------------------------------------------------------------

class DashboardView(TemplateView):
    """The portfolio in numbers, charts and a map, for the same filters as the project list."""

    template_name = "portal/dashboard.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        params = self.request.GET
        measure = MAP_PARAMETERS.read(self.request)["map"]
        qs = filtered_projects(self.request)
        totals = agg.portfolio_totals(qs)
        # Numbers from the index as it was, while it is read again after a large change (a notice says so).
        context["index_stale"] = isinstance(qs, agg.Indexed) and qs.listing.stale
        charts = {chart_id: build_chart(chart_id, qs, params) for chart_id in CHARTS}
        dashboard = reverse("portal:dashboard")
        context.update(
            totals=totals,
            budget_lines=[(cur, totals.budget[cur]) for cur in agg.currencies(totals.budget)],
            charts=charts,
            budget_charts=[charts[c] for c in ("budget-by-unit", "budget-by-region", "budget-by-sdg",
                                               "budget-by-funding", "budget-by-start-year")],
            time_charts=[charts[c] for c in ("projects-per-year", "activities-per-year", "participants-per-year")],
            world=build_map(qs, params, measure),
            people=people_presentation.dashboard_context(self.request, agg.queryset_of(qs),
                                                         key=filter_params(params).urlencode() or "all"),
            filters=active_filters(params, dashboard, is_staff_request(self.request)),
            projects_url=list_url(params),
            clear_url=dashboard,
        )
        return context


class ChartCsvView(View):
    """The numbers of one dashboard chart (or the map's table) as CSV, for the same filters."""

    def get(self, request: HttpRequest, chart: str) -> HttpResponse:
        if chart == MAP_ID:
            return world_map(MAP_ID, _("Countries served"), agg.countries_served(filtered_projects(request))
                             ).csv_response()
        if chart not in CHARTS:
            raise Http404(_("There is no chart called “%(chart)s”.") % {"chart": chart})
        return build_chart(chart, filtered_projects(request), request.GET).csv_response()
