"""Portal pages of projects: the searchable, faceted list (also CSV and JSON) and the project page."""
from __future__ import annotations

import json
import tempfile
from collections import defaultdict
from functools import cached_property

from django.conf import settings
from django.db.models import F, Prefetch
from django.http import FileResponse, Http404
from django.urls import reverse
from django.utils.text import capfirst, format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView

from capdev.accounts.permissions import can_view_internal
from capdev.activities.models import Activity, ActivityOrganiser
from capdev.core import fields
from capdev.core.filters import ValuesFilter
from capdev.core.views import (
    Column,
    FilteredListView,
    event_when,
    format_partial_date,
    format_period,
    partial_iso,
    query_string,
)
from capdev.organisations.models import OrgUnit
from capdev.people import permissions as people_permissions
from capdev.people import presentation as people_presentation
from capdev.reference.models import Country

from .api.serializers import project_detail_data
from .exports import (
    XLSX_CONTENT_TYPE,
    project_budget_currencies,
    project_budget_total,
    write_workbook,
)
from .facets import FacetValue
from .filtersets import (
    SORT_LABELS,
    ProjectFilterSet,
    is_staff_request,
    visible_projects,
    visible_q,
)
from .listing import ProjectList, in_order
from .models import (
    Indicator,
    KeyAccomplishment,
    Outcome,
    Project,
    ProjectCountry,
    ProjectPartner,
    ProjectRelation,
    ProjectSdgGoal,
    ProjectStatus,
    ReviewFlag,
    ReviewState,
    SourceRecord,
    project_budget_lines,
)
from .presentation import (
    budget_summary,
    facet_items_html,
    participants_text,
    source_markup,
)
from .records import project_record, relations_seen, with_record_data
from .search import has_terms, snippet_html, snippets

# Facets whose values can run long: the top ones show, the rest sit behind a "show all" disclosure.
LONG_FACETS = {"country", "partner", "region", "funding"}
# Budget lines a project page lists in full; more are summed, their table folded (IATI sends one per month).
BUDGET_LINES_INLINE = 4
FACET_TOP = 8


def _as_int(value) -> int | None:
    return None if value is None else int(value)


def translated_title(project: Project, language: str) -> str:
    """The project's title in a language from its prefetched translations ("" where it has none)."""
    return next((t.text for t in project.text_translations.all() if t.field == "title" and t.language == language),
                "")


def related_projects(project: Project) -> list[tuple[str, Project, str]]:
    """The project's relations both ways (records.relations_seen), labelled, by kind then the other's start."""
    labels = dict(ProjectRelation.Kind.choices)
    rows = relations_seen(project)
    order = list(labels)
    rows.sort(key=lambda row: (order.index(row[0]) if row[0] in order else len(order),
                               row[1].start_date is None, row[1].start_date, row[1].pk))
    return [(capfirst(str(labels.get(kind, kind))), other, note) for kind, other, note in rows]


class ProjectListView(FilteredListView):
    """The project list: full-text search, facets with live counts, sort, pages; CSV and JSON of the same rows."""

    model = Project
    filterset_class = ProjectFilterSet
    template_name = "projects/project_list.html"
    partial_template_name = "projects/_browser.html"
    export_name = "projects"
    export_formats = ("csv", "json", "xlsx")
    paginate_by = 20
    context_object_name = "projects"
    columns = (
        Column("id", gettext_lazy("ID"), "pk"),
        Column("code", gettext_lazy("Code")),
        Column("iati_identifier", gettext_lazy("IATI identifier")),
        Column("title", gettext_lazy("Title")),
        Column("url", gettext_lazy("Page"), lambda p: reverse("projects:detail", args=[p.pk])),
        Column("lead_unit", gettext_lazy("Lead unit"), "lead_unit.code"),
        Column("lead_unit_name", gettext_lazy("Lead unit name"), "lead_unit.name"),
        Column("funding_source", gettext_lazy("Funding source"), "funding_source.code"),
        Column("start", gettext_lazy("Start"), lambda p: partial_iso(p.start_date, p.start_precision)),
        Column("end", gettext_lazy("End"), lambda p: partial_iso(p.end_date, p.end_precision)),
        Column("status", gettext_lazy("Status"), lambda p: p.status or ""),
        Column("regions", gettext_lazy("Regions"), lambda p: [r.name for r in p.regions.all()]),
        Column("countries", gettext_lazy("Countries (ISO 3166-1 alpha-3)"),
               lambda p: [c.iso3 for c in p.countries.all()]),
        Column("country_names", gettext_lazy("Countries"), lambda p: [c.name for c in p.countries.all()]),
        Column("sdgs", gettext_lazy("SDGs"), lambda p: [link.goal_id for link in p.sdg_goal_links.all()]),
        Column("budget_total", gettext_lazy("Total budget"), project_budget_total),
        Column("budget_currency", gettext_lazy("Budget currency"), project_budget_currencies),
        Column("partners", gettext_lazy("Partners"),
               lambda p: list(dict.fromkeys(link.organisation.name for link in p.partner_links.all()))),
        Column("last_updated", gettext_lazy("Last updated"), "last_updated"),
        Column("language", gettext_lazy("Language of the texts"), "language"),
        # The title in each other UN language where translated (capdev.texts; the XLSX and JSON give every text).
        *(Column(f"title_{code}", format_lazy(gettext_lazy("Title ({language})"), language=code),
                 lambda p, code=code: translated_title(p, code)) for code, _name in settings.LANGUAGES),
    )

    def get_base_queryset(self):
        """Published projects for the public; the whole registry for staff."""
        return visible_projects(self.request)

    @cached_property
    def listing(self) -> ProjectList:
        """The list this request asks for, over the projects it may see (the in-memory index may answer)."""
        return ProjectList(self.request)

    def get_filterset(self):
        """The request's filterset (the listing's)."""
        return self.listing.filterset

    def get_queryset(self):
        """The page's rows: ordered on the in-memory index when it can, then read by id; else all in SQL."""
        results = self.listing.results(self.rows_by_id) if self.get_format() in ("", "html") else None
        return super().get_queryset() if results is None else results

    def rows_by_id(self, pks: list[int]) -> list[Project]:
        """These projects, as a result row shows them, in this order (with their snippet when searching)."""
        fs = self.get_filterset()
        # What a result row shows, and no more (the exports' columns need the rest: optimise_queryset).
        # No ORDER BY: the rows come back in the index's order below (and compiling one takes time).
        qs = (self.get_base_queryset().filter(pk__in=pks).order_by().defer("summary", "objective", "background")
              .select_related("lead_unit").prefetch_related(
                  Prefetch("countries", queryset=Country.objects.order_by("name").only("iso3", "name")), "budgets"))
        marked = snippets(pks, fs.search_text, qs.db)
        rows = in_order(qs, pks)
        for project in rows:
            project.snippet = marked.get(project.pk, "")
        return rows

    def get_export_queryset(self):
        """Exports always read the filtered rows in SQL (streamed in chunks)."""
        if self.get_format() == "json":
            return with_record_data(self.get_filterset().qs)
        return self.optimise_queryset(self.get_filterset().qs)

    def optimise_queryset(self, queryset):
        """Everything a result row and an export row show, in a fixed number of queries."""
        return queryset.select_related("lead_unit", "funding_source").prefetch_related(
            Prefetch("countries", queryset=Country.objects.order_by("name")),
            "regions",
            Prefetch("sdg_goal_links", queryset=ProjectSdgGoal.objects.order_by("goal_id")),
            "budgets",
            Prefetch("partner_links", queryset=ProjectPartner.objects.select_related("organisation")),
            "text_translations",
        )

    def export_row(self, obj):
        """A project's CSV row, its page's URL absolute (as in the JSON: a downloaded file has no site to be
        relative to)."""
        row = super().export_row(obj)
        row["url"] = self.request.build_absolute_uri(row["url"])
        return row

    def json_row(self, obj):
        """A project in the record shape (what `capdev import-json` reads back), with its absolute page URL."""
        row = project_detail_data(obj, project_record(obj), can_view_internal(self.request.user),
                                  people_exact=people_permissions.can_view_people(self.request.user, obj))
        row["url"] = self.request.build_absolute_uri(row["url"])
        return row

    def render_xlsx(self, queryset):
        """The filtered projects as a workbook: one sheet each for projects, outcomes, activities, partners, budgets."""
        out = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)
        write_workbook(self.get_filterset().qs, out)
        out.seek(0)
        return FileResponse(out, as_attachment=True, filename=self.export_filename("xlsx"),
                            content_type=XLSX_CONTENT_TYPE)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        fs = self.get_filterset()
        facets = self.listing.facets()
        for project in context["projects"]:
            project.period_text = format_period(project.start_date, project.start_precision,
                                                project.end_date, project.end_precision)
            project.budget_text = budget_summary(project.budgets.all())
            project.snippet_markup = snippet_html(getattr(project, "snippet", ""))
        active = self.active_filters(fs, facets)
        q = fs.search_text
        context.update({
            "q": q,
            "searching": has_terms(q),
            "facet_groups": self.facet_groups(facets, fs),
            "active_filters": active,
            "empty_reason": self.empty_reason(q, active),
            "sort_options": [(key, label) for key, label in SORT_LABELS.items()
                             if key != "relevance" or has_terms(q)],
            "sort": fs.sort_key,
            "sort_requested": fs.cleaned().get("sort") or "",
            # The same projects counted and charted (the dashboard takes the list's filters).
            "dashboard_url": reverse("portal:dashboard") + query_string(self.request, drop=("page", "sort", "format")),
            "start_year_min": _as_int(fs.cleaned().get("start_year_min")),
            "start_year_max": _as_int(fs.cleaned().get("start_year_max")),
            "year_bounds": self.year_bounds(facets.get("start_year", [])),
            "year_range": fields.YEAR,  # the inputs' bounds: the years a filter takes
            "clear_url": self.request.path,
            "page_links": self.page_links(context.get("page_obj")),
            "previous_url": self.neighbour_url(context.get("page_obj"), -1),
            "next_url": self.neighbour_url(context.get("page_obj"), +1),
            "is_staff": is_staff_request(self.request),
            "htmx": self.is_htmx(),
            # Counts and order from the index as it was, while it is read again after a large change.
            "index_stale": self.listing.stale,
        })
        return context

    # -- context helpers ---------------------------------------------------------------------------

    def facet_groups(self, facets: dict[str, list[FacetValue]], fs: ProjectFilterSet) -> list[dict]:
        """Facets as the template shows them: a legend, the leading values, and the rest behind "show all"."""
        groups = []
        for name, values in facets.items():
            if name == "start_year":
                continue  # shown as a range of two inputs
            if name in LONG_FACETS and len(values) > FACET_TOP + 2:
                chosen = [v for v in values if v.selected]
                lead = chosen + [v for v in values if not v.selected][: max(FACET_TOP - len(chosen), 0)]
                shown = {id(v) for v in lead}  # by identity: comparing the dataclasses was quadratic
                rest = [v for v in values if id(v) not in shown]
            else:
                lead, rest = values, []
            groups.append({"name": name, "label": fs.facets()[name].label, "values": lead, "more": rest,
                           "values_html": facet_items_html(name, lead), "more_html": facet_items_html(name, rest),
                           "total": len(values)})
        return groups

    @staticmethod
    def year_bounds(years: list[FacetValue]) -> dict:
        """The earliest and latest start years among the projects the other filters leave."""
        if not years:
            return {}
        return {"min": years[0].value, "max": years[-1].value, "years": years}

    def active_filters(self, fs: ProjectFilterSet, facets: dict[str, list[FacetValue]]) -> list[dict]:
        """Each chosen filter value, with a label and the URL that drops it."""
        labels = {(name, v.value): v.label for name, values in facets.items() for v in values}
        active = []
        q = fs.search_text
        if q:
            active.append({"param": "q", "label": _("search"), "value": q,
                           "url": self.request.path + query_string(self.request, drop=("page", "q", "sort"))})
        for name, declared in fs.filters.items():
            if name == "q" or not isinstance(declared, ValuesFilter):  # the search, above; the years, below
                continue
            chosen = fs.selected(name)
            for value in chosen:
                rest = [v for v in chosen if v != value]
                active.append({
                    "param": name, "label": str(declared.label).lower(),
                    "value": labels.get((name, value.upper() if name == "country" else value), value),
                    "url": self.request.path + query_string(self.request, drop=("page",), **{name: rest or None}),
                })
        for name, label in (("start_year_min", _("start year from")), ("start_year_max", _("start year until"))):
            value = fs.cleaned().get(name)
            if value is not None:
                active.append({"param": name, "label": label, "value": int(value),
                               "url": self.request.path + query_string(self.request, drop=("page", name))})
        return active

    @staticmethod
    def empty_reason(q: str, active: list[dict]) -> str:
        """Why nothing matched, in words: the search and every filter in effect."""
        filters = [f"{a['label']} = {a['value']}" for a in active if a["param"] != "q"]
        joined = _(" and ").join(filters)
        if q and filters:
            return _("No project matches “%(q)s” with %(filters)s.") % {"q": q, "filters": joined}
        if q:
            return _("No project matches “%(q)s”.") % {"q": q}
        if filters:
            return _("No project matches %(filters)s.") % {"filters": joined}
        return _("There are no projects to show yet.")

    def neighbour_url(self, page, step: int) -> str | None:
        """The URL of the previous (-1) or next (+1) page, None at either end."""
        if page is None:
            return None
        number = page.number + step
        if not 1 <= number <= page.paginator.num_pages:
            return None
        return self.request.path + query_string(self.request, page=number)

    def page_links(self, page) -> list[dict]:
        """Links to the first, nearby and last pages (None for a gap)."""
        if page is None or page.paginator.num_pages <= 1:
            return []
        n, last = page.number, page.paginator.num_pages
        numbers = sorted({1, last, *range(max(1, n - 2), min(last, n + 2) + 1)})
        links, previous = [], 0
        for number in numbers:
            if number - previous > 1:
                links.append(None)
            links.append({"number": number, "current": number == n,
                          "url": self.request.path + query_string(self.request, page=number)})
            previous = number
        return links


# -- the project page --------------------------------------------------------------------------------

class ProjectDetailView(DetailView):
    """A project's page: everything the registry holds about it; for staff, its review flags and source text."""

    template_name = "projects/project_detail.html"
    context_object_name = "project"

    def get_queryset(self):
        """The project if this request may see it, with every related row prefetched."""
        visible = visible_projects(self.request)
        prefetches = [
            "budgets", "region_links__region",
            Prefetch("country_links",
                     queryset=ProjectCountry.objects.select_related("country").order_by("country__name")),
            Prefetch("sdg_goal_links", queryset=ProjectSdgGoal.objects.select_related("goal").order_by("goal_id")),
            "sdg_target_links__target", "thematic_area_links__thematic_area",
            "expected_accomplishments", "planned_activities",
            Prefetch("key_accomplishments", queryset=KeyAccomplishment.objects.order_by("position", "pk")),
            Prefetch("outcomes", queryset=Outcome.objects.order_by("position", "pk").prefetch_related(
                Prefetch("indicators", queryset=Indicator.objects.select_related("people_source")
                         .prefetch_related("values__breakdowns")))),
            # Undated activities go last on both databases (SQLite sorts NULL first, PostgreSQL last).
            Prefetch("activities", queryset=Activity.objects.select_related("country").order_by(
                F("start_date").asc(nulls_last=True), "position").prefetch_related(
                Prefetch("organiser_links", queryset=ActivityOrganiser.objects.select_related("organisation")))),
            "resources", "iati_transactions",
            Prefetch("partner_links",
                     queryset=ProjectPartner.objects.select_related("organisation").order_by("position")),
            # Links to projects this request may not see are left out: a title can leak as well as a page.
            # Visibility is tested on the joined project row: `__in=visible.values("pk")` made SQLite list
            # every visible project first.
            Prefetch("relations_from", queryset=ProjectRelation.objects.filter(
                visible_q(self.request, "to_project")).select_related("to_project")),
            Prefetch("relations_to", queryset=ProjectRelation.objects.filter(
                visible_q(self.request, "from_project")).select_related("from_project")),
        ]
        if is_staff_request(self.request):
            prefetches += [
                Prefetch("review_flags", queryset=ReviewFlag.objects.filter(state=ReviewFlag.State.OPEN),
                         to_attr="open_flags"),
                Prefetch("sources", queryset=SourceRecord.objects.order_by("-imported_at", "-pk"),
                         to_attr="source_list"),
            ]
        return visible.select_related("lead_unit", "funding_source").prefetch_related(*prefetches)

    def get_object(self, queryset=None):
        try:
            return super().get_object(queryset)
        except Http404:
            raise Http404(_("No such project.")) from None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        p = self.object
        staff = is_staff_request(self.request)
        countries = [link.country for link in p.country_links.all()]
        partners: dict[str, list] = defaultdict(list)
        for link in p.partner_links.all():
            partners[link.role].append(link)
        role_labels = dict(ProjectPartner.Role.choices)
        activities, recalled = [], []
        for a in p.activities.all():
            a.when, _written = event_when(a, p.language)
            a.who = participants_text(a)
            (recalled if a.recalled else activities).append(a)  # Activity.objects.counted()'s rule
        outcomes = []
        for o in p.outcomes.all():
            for ind in o.indicators.all():
                actuals = [v for v in ind.values.all() if v.actual is not None]
                ind.latest = actuals[-1] if actuals else None
            outcomes.append(o)
        key_accomplishments = list(p.key_accomplishments.all())
        as_of = format_partial_date(p.accomplishments_as_of, p.accomplishments_as_of_precision)
        if not as_of:
            dated = [k for k in key_accomplishments if k.as_of]
            as_of = format_partial_date(dated[0].as_of, dated[0].as_of_precision) if dated else ""
        budget_lines = list(p.budgets.all())
        counted = {b.pk for b in project_budget_lines(budget_lines)}
        for b in budget_lines:
            b.counted = b.pk in counted  # a line the budget's sum leaves out is listed, marked (nothing hidden)
        people = people_presentation.project_context(self.request, p)  # people reached: counts, or names
        people_presentation.annotate_activities(activities + recalled, people["exact"])
        people_presentation.annotate_indicators(outcomes, people["exact"])
        related = related_projects(p)
        context.update({
            "period_text": format_period(p.start_date, p.start_precision, p.end_date, p.end_precision),
            "unit_chain": self.unit_chain(p.lead_unit),
            "budget_lines": budget_lines, "budget_text": budget_summary(budget_lines),
            "BUDGET_LINES_INLINE": BUDGET_LINES_INLINE, "transactions": list(p.iati_transactions.all()),
            "status": p.status,
            "status_label": dict(ProjectStatus.choices).get(p.status, ""),
            "countries": countries,
            "map_countries": json.dumps([c.iso3 for c in countries]),
            "regions": [link.region for link in p.region_links.all()],
            "sdgs": [link.goal for link in p.sdg_goal_links.all()],
            "targets": [link.target for link in p.sdg_target_links.all()],
            "themes": [link.thematic_area for link in p.thematic_area_links.all()],
            "partner_groups": [(role_labels.get(role, role), links) for role, links in partners.items()],
            "activities": activities,
            "recalled_activities": recalled,
            "outcomes": outcomes,
            "key_accomplishments": key_accomplishments,
            "accomplishments_as_of": as_of,
            "accomplishments_to_date": any(k.to_date for k in key_accomplishments),
            "related": related,
            "people": people,
            "is_staff": staff,
            "is_published": p.review_state == ReviewState.PUBLISHED,
        })
        if staff:
            source = p.source_list[0] if p.source_list else None
            context.update({
                "open_flags": p.open_flags,
                "source": source,
                "source_markup": source_markup(source) if source else "",
                "source_file": source.original if source else None,
                "unparsed": [u for u in (source.unparsed if source else []) if str(u).strip()],
            })
        return context

    @staticmethod
    def unit_chain(unit: OrgUnit | None) -> list[OrgUnit]:
        """The lead unit and its parents, outermost first (the unit tree read in one query)."""
        if unit is None:
            return []
        units = {u.pk: u for u in OrgUnit.objects.only("pk", "code", "name", "parent_id")}
        chain, node, seen = [], unit, set()
        while node is not None and node.pk not in seen:
            chain.append(node)
            seen.add(node.pk)
            node = units.get(node.parent_id)
        return list(reversed(chain))
