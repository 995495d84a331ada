"""The resources library: every report, toolkit, booklet, recording and link of the projects a visitor may see, with
search and facets (type, language, year, project, country, SDG); the same rows as CSV, XLSX and JSON."""
from __future__ import annotations

from django.db.models import Count
from django.db.models.functions import ExtractYear
from django.urls import reverse
from django.utils.translation import get_language_info, gettext_lazy
from django.utils.translation import gettext as _

from capdev.core.views import (
    Column,
    FilteredListView,
    format_partial_date,
    partial_iso,
    query_string,
)
from capdev.projects.facets import FacetValue
from capdev.projects.filtersets import is_staff_request
from capdev.projects.presentation import facet_items_html, resource_noun
from capdev.reference.names import sdg_title_text

from .filtersets import ResourceFilterSet, visible_resources
from .models import Resource

FACET_LABELS = {
    "type": gettext_lazy("Type"), "language": gettext_lazy("Language"), "year": gettext_lazy("Year"),
    "project": gettext_lazy("Project"), "country": gettext_lazy("Country"), "sdg": gettext_lazy("SDG"),
}
# Projects (and countries) a facet lists at most, the most resourceful first; chosen ones are always listed.
FACET_TOP = 20


def language_name(code: str) -> str:
    """A language's name in the reader's language ("French" for "fr"); the code itself when Django knows none."""
    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:
        return code


def _absolute(request, path: str) -> str:
    return request.build_absolute_uri(path) if request is not None else path


class ResourceListView(FilteredListView):
    """/resources/: the resources of the visible projects, searched and faceted; ?format=csv, json or xlsx."""

    model = Resource
    filterset_class = ResourceFilterSet
    template_name = "activities/resource_list.html"
    partial_template_name = "activities/_resource_browser.html"
    export_name = "resources"
    export_formats = ("csv", "json", "xlsx")
    paginate_by = 25
    context_object_name = "resources"
    columns = (
        Column("id", gettext_lazy("ID"), "pk"),
        Column("title", gettext_lazy("Title")),
        Column("type", gettext_lazy("Type")),
        Column("url", gettext_lazy("Link")),
        Column("date", gettext_lazy("Date"), lambda r: partial_iso(r.date, r.date_precision)),
        Column("language", gettext_lazy("Language (ISO 639-1)")),
        Column("project", gettext_lazy("Project ID"), "project_id"),
        Column("project_title", gettext_lazy("Project"), "project.title"),
        Column("project_url", gettext_lazy("Project page"), lambda r: reverse("projects:detail", args=[r.project_id])),
        Column("countries", gettext_lazy("Countries (ISO 3166-1 alpha-3)"),
               lambda r: [link.country_id for link in r.project.country_links.all()]),
        Column("sdgs", gettext_lazy("SDGs"), lambda r: [link.goal_id for link in r.project.sdg_goal_links.all()]),
    )

    def get_base_queryset(self):
        """Resources of published projects for the public; of the whole registry for staff."""
        return visible_resources(self.request)

    def optimise_queryset(self, queryset):
        """The project, its countries and goals, read once per page (or per export chunk)."""
        return queryset.select_related("project").prefetch_related("project__country_links",
                                                                   "project__sdg_goal_links")

    def export_row(self, obj):
        """A resource's row, its project's page absolute (a downloaded file has no site to be relative to)."""
        row = super().export_row(obj)
        row["project_url"] = _absolute(self.request, row["project_url"])
        return row

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        fs = self.get_filterset()
        facets = resource_facets(fs)
        for resource in context["resources"]:
            resource.date_text = format_partial_date(resource.date, resource.date_precision)
            resource.language_name = language_name(resource.language) if resource.language else ""
        active = []
        q = (fs.checked().get("q") or "").strip()
        if q:
            active.append({"label": _("search"), "value": q,
                           "url": self.request.path + query_string(self.request, drop=("page", "q"))})
        for name, values in facets.items():
            chosen = [v for v in values if v.selected]
            for v in chosen:
                rest = [c.value for c in chosen if c is not v]
                active.append({"label": str(FACET_LABELS[name]).lower(), "value": v.label,
                               "url": self.request.path + query_string(self.request, drop=("page",),
                                                                       **{name: rest or None})})
        context.update({
            "q": q, "active_filters": active, "clear_url": self.request.path,
            "is_staff": is_staff_request(self.request),
            "htmx": self.is_htmx(), "previous_url": self._page_url(context, -1), "next_url": self._page_url(context, 1),
            "facet_groups": [{"name": name, "label": FACET_LABELS[name],
                              "values_html": facet_items_html(name, values, resource_noun),
                              "values": values} for name, values in facets.items()],
        })
        return context


    def _page_url(self, context, step: int) -> str | None:
        page = context.get("page_obj")
        if page is None or not (page.has_next() if step > 0 else page.has_previous()):
            return None
        return self.request.path + query_string(self.request, page=page.number + step)


def resource_facets(fs: ResourceFilterSet) -> dict[str, list[FacetValue]]:
    """Each facet's values with the number of resources each would give, counted with every other filter applied
    (a chosen value never hides the others of its facet); chosen values are listed even when they count none."""
    chosen = {name: [str(v) for v in value] for name, value in fs.checked().items() if isinstance(value, list)}
    facets = {}
    for name, rows in (
            ("type", fs.without("type").values_list("type").annotate(n=Count("pk", distinct=True))),
            ("language", fs.without("language").exclude(language="").values_list("language")
             .annotate(n=Count("pk", distinct=True))),
            ("year", fs.without("year").filter(date__isnull=False).annotate(y=ExtractYear("date"))
             .values_list("y").annotate(n=Count("pk", distinct=True))),
            ("project", fs.without("project").values_list("project_id", "project__title")
             .annotate(n=Count("pk", distinct=True))),
            ("country", fs.without("country").filter(project__country_links__isnull=False)
             .values_list("project__country_links__country_id", "project__country_links__country__name")
             .annotate(n=Count("pk", distinct=True))),
            ("sdg", fs.without("sdg").filter(project__sdg_goal_links__isnull=False)
             .values_list("project__sdg_goal_links__goal_id", "project__sdg_goal_links__goal__short_title")
             .annotate(n=Count("pk", distinct=True)))):
        facets[name] = _values(name, [tuple(r) for r in rows.order_by()], chosen.get(name, []))
    return facets


def _values(name: str, rows: list[tuple], chosen: list[str]) -> list[FacetValue]:
    types = dict(Resource.Type.choices)
    values = []
    for row in rows:
        value, count = str(row[0]), row[-1]
        if name == "type":
            label = str(types.get(value, value))
        elif name == "language":
            label = language_name(value)
        elif name == "sdg":
            label = f"{value}. {sdg_title_text(value, row[1])}"
        elif name in ("project", "country"):
            label = row[1]
        else:
            label = value
        values.append(FacetValue(value, label, count, value in chosen))
    if name == "year":
        values.sort(key=lambda v: v.value, reverse=True)
    elif name == "sdg":
        values.sort(key=lambda v: int(v.value))
    else:
        values.sort(key=lambda v: (-v.count, v.label.casefold()))
    if name in ("project", "country"):
        values = [v for i, v in enumerate(values) if i < FACET_TOP or v.selected]
    listed = {v.value for v in values}
    values += [FacetValue(c, c, 0, True) for c in chosen if c not in listed]  # chosen, though nothing is left
    return values
