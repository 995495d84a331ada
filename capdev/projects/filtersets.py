"""FilterSets for projects and activities: the one set of filters the portal, API and exports share.

URL parameters are multi-valued where it makes sense: AND across parameters, OR within one
(`?country=LCA&country=DJI&sdg=16` is "in Saint Lucia or Djibouti, and working on SDG 16").
Each parameter's values are read by a definition of capdev.core.fields: a malformed value, a number out of
range or a code the registry does not hold is an error naming it (a 400), never left out nor matched against.
A partner or project that the request may not see matches nothing, as one that does not exist.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from django.db.models import (Case, DecimalField, Exists, F, OuterRef, Q, QuerySet, Subquery, Sum, Value,
                              When)
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from capdev.activities.models import Activity, ActivityType
from capdev.core import fields
from capdev.core.filters import CheckedFilterSet, ValueFilter, ValuesFilter
from capdev.organisations.models import OrgUnit

from .models import (Budget, Project, ProjectCountry, ProjectPartner, ProjectRegion, ProjectSdgGoal,
                     ProjectSdgTarget, ProjectStatus, ReviewState)
from .search import has_terms, search_annotations, search_filter


def visible_projects(request=None) -> QuerySet:
    """The projects this request may see: every project of the registry for staff, published ones otherwise."""
    user = getattr(request, "user", None)
    if user is not None and user.is_active and user.is_staff:
        return Project.objects.registry()
    return Project.objects.published()


def is_staff_request(request) -> bool:
    """Whether the request comes from a signed-in, active staff member."""
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_active and user.is_staff)


def visible_q(request=None, path: str = "") -> Q:
    """visible_projects' rule as a condition on the project at `path` ("to_project"; "" for Project itself).

    For filtering rows by a related project on the joined row: `to_project__in=visible_projects(...)` makes
    SQLite list every visible project first. Keep it the same rule as ProjectQuerySet.published() and
    registry(): tests/test_detail_relations.py checks that both select the same projects.
    """
    prefix = f"{path}__" if path else ""
    rule = {"draft_of__isnull": True}
    if not is_staff_request(request):
        rule["review_state"] = ReviewState.PUBLISHED
    return Q(**{prefix + name: value for name, value in rule.items()})


# -- budget bands -----------------------------------------------------------------------------------

class BudgetBand:
    """Budget bands over the sum of a project's budget lines (Budget.objects.counted; amounts as written, any
    currency)."""

    BANDS = [
        ("lt100k", _("Under 100,000"), None, Decimal("100000")),
        ("100k-500k", _("100,000 – 499,999"), Decimal("100000"), Decimal("500000")),
        ("500k-1m", _("500,000 – 999,999"), Decimal("500000"), Decimal("1000000")),
        ("1m-5m", _("1 – 5 million"), Decimal("1000000"), Decimal("5000000")),
        ("gt5m", _("5 million and more"), Decimal("5000000"), None),
    ]
    CODES = [b[0] for b in BANDS]
    LABELS = {b[0]: b[1] for b in BANDS}

    @classmethod
    def q(cls, code: str, field: str = "budget_total") -> Q:
        """The condition on an annotated total for one band (an unknown band matches nothing)."""
        for c, _label, low, high in cls.BANDS:
            if c == code:
                cond = Q(**{f"{field}__isnull": False})
                if low is not None:
                    cond &= Q(**{f"{field}__gte": low})
                if high is not None:
                    cond &= Q(**{f"{field}__lt": high})
                return cond
        return Q(pk__in=[])

    @classmethod
    def case(cls, field: str = "budget_total") -> Case:
        """An expression naming each row's band ("" with no budget line)."""
        return Case(*(When(cls.q(c, field), then=Value(c)) for c in cls.CODES), default=Value(""))


def budget_total() -> Subquery:
    """The sum of a project's budget lines (Budget.objects.counted), as a correlated subquery (no join, so no
    duplicate rows)."""
    lines = (Budget.objects.counted().filter(project=OuterRef("pk")).order_by()
             .values("project").annotate(s=Sum("amount")).values("s"))
    return Subquery(lines, output_field=DecimalField(max_digits=20, decimal_places=2))


# -- filters -----------------------------------------------------------------------------------------

def unit_ids_with_descendants(codes: Iterable[str]) -> set[int]:
    """The ids of the units with these codes and of every unit under them (one query over the unit tree)."""
    wanted = {c.casefold() for c in codes}
    units = list(OrgUnit.objects.values_list("pk", "code", "parent_id"))
    children: dict[int | None, list[int]] = {}
    for pk, _code, parent in units:
        children.setdefault(parent, []).append(pk)
    found, stack = set(), [pk for pk, code, _p in units if code.casefold() in wanted]
    while stack:
        pk = stack.pop()
        if pk in found:
            continue
        found.add(pk)
        stack.extend(children.get(pk, []))
    return found


SORTS = {
    "relevance": None,  # by rank, only with a search
    "start": ("start_date", "title", "pk"),
    "-start": ("-start_date", "title", "pk"),
    "end": ("end_date", "title", "pk"),
    "-end": ("-end_date", "title", "pk"),
    "budget": ("budget_total", "title", "pk"),
    "-budget": ("-budget_total", "title", "pk"),
    "title": ("title_lower", "pk"),
}
SORT_LABELS = {
    "relevance": _("Relevance"),
    "-start": _("Start date, newest first"),
    "start": _("Start date, oldest first"),
    "-end": _("End date, latest first"),
    "end": _("End date, earliest first"),
    "-budget": _("Budget, largest first"),
    "budget": _("Budget, smallest first"),
    "title": _("Title, A to Z"),
}


class ProjectFilterSet(CheckedFilterSet):
    """Projects by text, unit, funding, place, SDG, status, start year, budget band, partner and activity type."""

    q = ValueFilter(fields.SEARCH, label=_("Search"), method="filter_q")
    unit = ValuesFilter(fields.UNIT, label=_("Lead unit"), method="filter_unit")
    funding = ValuesFilter(fields.FUNDING_SOURCE, label=_("Funding source"), method="filter_funding")
    region = ValuesFilter(fields.REGION, label=_("Region"), method="filter_region")
    country = ValuesFilter(fields.COUNTRY, label=_("Country"), method="filter_country")
    sdg = ValuesFilter(fields.SDG_GOAL, label=_("SDG"), method="filter_sdg")
    target = ValuesFilter(fields.SDG_TARGET, label=_("SDG target"), method="filter_target")
    status = ValuesFilter(fields.Choice(ProjectStatus), label=_("Status"), method="filter_status")
    start_year_min = ValueFilter(fields.YEAR, label=_("Starting from year"), method="filter_start_year_min")
    start_year_max = ValueFilter(fields.YEAR, label=_("Starting until year"), method="filter_start_year_max")
    budget = ValuesFilter(fields.Choice(BudgetBand.CODES), label=_("Budget"), method="filter_budget")
    partner = ValuesFilter(fields.ORGANISATION, label=_("Partner"), method="filter_partner")
    activity_type = ValuesFilter(fields.Choice(ActivityType), label=_("Activity type"), method="filter_activity_type")
    review_state = ValuesFilter(fields.Choice(ReviewState), label=_("Review state"), method="filter_review_state")
    sort = ValueFilter(fields.Choice(SORT_LABELS), label=_("Sort by"), method="filter_sort")

    # The parameters each facet leaves out when it counts (disjunctive faceting).
    FACET_PARAMS = {"start_year": ("start_year_min", "start_year_max")}

    class Meta:
        model = Project
        fields: list[str] = []

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        if queryset is None:
            queryset = visible_projects(request)
        super().__init__(data, queryset, request=request, prefix=prefix)
        if not is_staff_request(request):
            # Only staff may ask about review states; for everyone else the parameter does not exist.
            self.filters.pop("review_state", None)

    # -- state -------------------------------------------------------------------------------------

    @property
    def is_staff(self) -> bool:
        """Whether the request comes from staff (who see every review state)."""
        return is_staff_request(self.request)

    def cleaned(self) -> dict:
        """The parameters' values (InvalidParameters, a 400 naming them, where one is bad)."""
        return self.checked()

    def selected(self, name: str) -> list[str]:
        """The values chosen for a multi-valued parameter, as the URL and the facets write them ("16", "LCA")."""
        value = self.cleaned().get(name)
        return [str(v) for v in value] if isinstance(value, list) else []

    @property
    def search_text(self) -> str:
        """The full-text query, "" when none."""
        return (self.cleaned().get("q") or "").strip()

    def is_default(self, name: str, value: str) -> bool:
        """Whether a parameter says no more than leaving it out would (the sort the list takes without one)."""
        if name != "sort":
            return False
        searching = has_terms(self.search_text)
        return value == ("relevance" if searching else "-start") or (value == "relevance" and not searching)

    @property
    def sort_key(self) -> str:
        """The order in effect: the one asked for, else relevance when searching, else newest start first."""
        sort = self.cleaned().get("sort") or ""
        if sort == "relevance" and not has_terms(self.search_text):
            sort = ""
        if not sort:
            sort = "relevance" if has_terms(self.search_text) else "-start"
        return sort

    # -- filtering ---------------------------------------------------------------------------------

    def filter_queryset(self, queryset: QuerySet, exclude: Iterable[str] = ()) -> QuerySet:
        """Apply every filter except the parameters in exclude, then the sort (the sort only on the full set)."""
        exclude = set(exclude)
        for name, value in self.cleaned().items():
            if name in exclude or name == "sort" or name not in self.filters:
                continue
            queryset = self.filters[name].filter(queryset, value)
        if exclude:
            return queryset
        return self.sorted(queryset)

    def queryset_without(self, facet: str) -> QuerySet:
        """The visible projects filtered by every parameter but this facet's own (no order, no annotations)."""
        params = self.FACET_PARAMS.get(facet, (facet,))
        return self.filter_queryset(self.queryset.all(), exclude=(*params, "sort")).order_by()

    def sorted(self, qs: QuerySet) -> QuerySet:
        """The queryset in the requested order, with search rank and snippet when searching."""
        q = self.search_text
        if has_terms(q):
            qs = qs.annotate(**search_annotations(qs, q))
        sort = self.sort_key
        if sort == "relevance":
            return qs.order_by(F("rank").desc(nulls_last=True), "title", "pk")
        if sort in ("budget", "-budget"):
            qs = qs.annotate(budget_total=budget_total())
            field = F("budget_total")
            return qs.order_by(field.desc(nulls_last=True) if sort == "-budget" else field.asc(nulls_last=True),
                               "title", "pk")
        if sort == "title":
            return qs.annotate(title_lower=Lower("title")).order_by("title_lower", "pk")
        field_name = SORTS[sort][0].lstrip("-")
        field = F(field_name)
        # Projects without the date go last whichever way the list runs.
        first = field.desc(nulls_last=True) if sort.startswith("-") else field.asc(nulls_last=True)
        return qs.order_by(first, "title", "pk")

    def filter_sort(self, qs, name, value):
        """Sorting is applied by sorted(), after every filter."""
        return qs

    def filter_q(self, qs, name, value):
        """Projects whose search document matches the web-search style query."""
        return search_filter(qs, value)

    def filter_unit(self, qs, name, value):
        """Projects led by these units or by a unit under them."""
        # Read the unit tree once per filterset: facets apply this filter once each.
        key = tuple(value)
        cache = self.__dict__.setdefault("_unit_ids", {})
        if key not in cache:
            cache[key] = unit_ids_with_descendants(value)
        return qs.filter(lead_unit_id__in=cache[key])

    def filter_funding(self, qs, name, value):
        """Projects funded from these sources (by code)."""
        return qs.filter(funding_source__code__in=value)

    def filter_region(self, qs, name, value):
        """Projects serving these regions: named as served, or serving a country within them."""
        links = ProjectRegion.objects.filter(project=OuterRef("pk"), region__code__in=value)
        countries = ProjectCountry.objects.filter(project=OuterRef("pk")).filter(
            Q(country__region__code__in=value) | Q(country__subregion__code__in=value)
            | Q(country__intermediate_region__code__in=value))
        return qs.filter(Exists(links) | Exists(countries))

    def filter_country(self, qs, name, value):
        """Projects serving these countries (ISO alpha-3)."""
        return qs.filter(Exists(ProjectCountry.objects.filter(project=OuterRef("pk"), country_id__in=value)))

    def filter_sdg(self, qs, name, value):
        """Projects contributing to these SDGs (goal numbers)."""
        return qs.filter(Exists(ProjectSdgGoal.objects.filter(project=OuterRef("pk"), goal_id__in=value)))

    def filter_target(self, qs, name, value):
        """Projects contributing to these SDG targets ("16.6")."""
        return qs.filter(Exists(ProjectSdgTarget.objects.filter(project=OuterRef("pk"), target_id__in=value)))

    def filter_status(self, qs, name, value):
        """Projects planned, active or completed today (the editor's status where set)."""
        return qs.with_status().filter(current_status__in=value)

    def filter_start_year_min(self, qs, name, value):
        """Projects starting in this year or later."""
        return qs.filter(start_date__gte=dt.date(value, 1, 1))

    def filter_start_year_max(self, qs, name, value):
        """Projects starting in this year or earlier."""
        return qs.filter(start_date__lte=dt.date(value, 12, 31))

    def filter_budget(self, qs, name, value):
        """Projects whose total budget falls in one of these bands."""
        cond = Q(pk__in=[])
        for code in value:
            cond |= BudgetBand.q(code, "filter_budget_total")
        return qs.annotate(filter_budget_total=budget_total()).filter(cond)

    def filter_partner(self, qs, name, value):
        """Projects with these organisations (by slug) as partners in any role."""
        return qs.filter(Exists(ProjectPartner.objects.filter(project=OuterRef("pk"), organisation__slug__in=value)))

    def filter_activity_type(self, qs, name, value):
        """Projects with at least one activity of these types."""
        return qs.filter(Exists(Activity.objects.counted().filter(project=OuterRef("pk"), type__in=value)))

    def filter_review_state(self, qs, name, value):
        """Projects in these review states (staff only: the filter is removed for everyone else)."""
        return qs.filter(review_state__in=value)


class ActivityFilterSet(CheckedFilterSet):
    """Activities by project, type, country, year and online or not (of visible projects only)."""

    project = ValuesFilter(fields.ROW_ID, label=_("Project"), method="filter_project")
    type = ValuesFilter(fields.Choice(ActivityType), label=_("Type"), method="filter_type")
    country = ValuesFilter(fields.COUNTRY, label=_("Country"), method="filter_country")
    year = ValuesFilter(fields.YEAR, label=_("Year"), method="filter_year")
    # 1/0 as well as true/false (Django's own widget read "1" as "unknown", and the filter was then ignored).
    online = ValueFilter(fields.FLAG, label=_("Online"))

    class Meta:
        model = Activity
        fields = ["online"]

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        if queryset is None:
            queryset = Activity.objects.counted().filter(project__in=visible_projects(request).values("pk"))
        super().__init__(data, queryset, request=request, prefix=prefix)

    def filter_project(self, qs, name, value):
        """Activities of these projects (by id)."""
        return qs.filter(project_id__in=value)

    def filter_type(self, qs, name, value):
        """Activities of these types."""
        return qs.filter(type__in=value)

    def filter_country(self, qs, name, value):
        """Activities held in these countries (ISO alpha-3)."""
        return qs.filter(country_id__in=value)

    def filter_year(self, qs, name, value):
        """Activities starting in these years."""
        return qs.filter(start_date__year__in=value)
