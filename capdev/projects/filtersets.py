"""The project list's FilterSet: the one set of parameters the portal's list, the dashboard, the API and the
exports share, each declared once (capdev.core.filters).

URL parameters are multi-valued where it makes sense: AND across parameters, OR within one
(`?country=LCA&country=DJI&sdg=16` is "in Saint Lucia or Djibouti, and working on SDG 16").
Each parameter's values are read by a definition of capdev.core.fields: a malformed value, a number out of
range or a code the registry does not hold is an error naming it (a 400), never left out nor matched against.
A partner or project that the request may not see matches nothing, as one that does not exist.

Each declaration says what its parameter selects in SQL (`sql`, or `pairs` for a link table) and on the
in-memory index (`index`, written with IndexQuery's helpers: capdev.projects.facet_index.query), its facet
and its line in the docs: adding a parameter is one declaration and its tests (docs/development.md).
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import numpy as np
from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from capdev.activities.models import Activity, ActivityType
from capdev.core import fields
from capdev.core.filters import CheckedFilterSet, ValueFilter, ValuesFilter
from capdev.organisations.models import Organisation, OrgUnit

from .bands import BudgetBand, budget_total
from .facet_index.sources import Pairs, ServedRegions
from .facets import (
    ChoiceFacet,
    CountryFacet,
    FundingFacet,
    PartnerFacet,
    RegionFacet,
    SdgFacet,
    StartYearFacet,
    UnitTreeFacet,
)
from .models import (
    Project,
    ProjectCountry,
    ProjectPartner,
    ProjectSdgGoal,
    ProjectSdgTarget,
    ProjectStatus,
    ReviewState,
)
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


class UnitTree(ValuesFilter):
    """Projects led by these units or by a unit under them (the unit tree read once per request: the facets
    apply the filter once each)."""

    indexed = True

    def unit_ids(self, codes: list[str]) -> set[int]:
        cache = self.__dict__.setdefault("_unit_ids", {})
        if tuple(codes) not in cache:
            cache[tuple(codes)] = unit_ids_with_descendants(codes)
        return cache[tuple(codes)]

    def filter(self, qs, value):
        return qs.filter(lead_unit_id__in=self.unit_ids(value)) if value else qs

    def on_index(self, query, value):
        return query.column_in("unit", self.unit_ids(value))


def _status_counts(ids) -> dict[str, int]:
    return dict(Project.objects.filter(pk__in=ids).with_status().order_by().values("current_status")
                .annotate(n=Count("pk")).values_list("current_status", "n"))


def _status_counts_on_index(query, mask: np.ndarray) -> np.ndarray:
    status = query.status()[mask]
    return np.bincount(status[status >= 0], minlength=len(ProjectStatus.values))


def _budget_filter(qs, value):
    cond = Q(pk__in=[])
    for code in value:
        cond |= BudgetBand.q(code, "filter_budget_total")
    return qs.annotate(filter_budget_total=budget_total()).filter(cond)


def _band_counts(ids) -> dict[str, int]:
    return dict(Project.objects.filter(pk__in=ids).annotate(budget_total=budget_total())
                .annotate(band=BudgetBand.case()).order_by().values("band").annotate(n=Count("pk"))
                .values_list("band", "n"))


def _band_counts_on_index(query, mask: np.ndarray) -> np.ndarray:
    band = query.index.band[mask]
    return np.bincount(band[band >= 0], minlength=len(BudgetBand.CODES))


def _review_counts(ids) -> dict[str, int]:
    return dict(Project.objects.filter(pk__in=ids).order_by().values("review_state").annotate(n=Count("pk"))
                .values_list("review_state", "n"))


def _review_counts_on_index(query, mask: np.ndarray) -> np.ndarray:
    review = query.index.review
    return np.bincount(review[mask & (review >= 0)], minlength=len(ReviewState.values))


class ProjectFilterSet(CheckedFilterSet):
    """Projects by text, unit, funding, place, SDG, status, start year, budget band, partner, partner type and
    activity type."""

    q = ValueFilter(fields.SEARCH, label=_("Search"), doc=_(
        "Projects whose text matches a web-search style query (words, \"a phrase\", OR, -word)."),
        sql=search_filter, index=lambda query, q: query.search(q))
    unit = UnitTree(fields.UNIT, label=_("Lead unit"), doc=_("Projects led by these units or by a unit under them."),
                    facet=UnitTreeFacet())
    funding = ValuesFilter(fields.FUNDING_SOURCE, label=_("Funding source"), doc=_(
        "Projects funded from these sources."), sql=lambda qs, v: qs.filter(funding_source__code__in=v),
        index=lambda query, v: query.column_in("funding", query.coded("funding", v)), facet=FundingFacet())
    region = ValuesFilter(fields.REGION, label=_("Region"), doc=_(
        "Projects serving these regions: named as served, or serving a country within them (M49 codes)."),
        pairs=ServedRegions(countries="country"), facet=RegionFacet())
    country = ValuesFilter(fields.COUNTRY, label=_("Country"), doc=_("Projects serving these countries."),
                           pairs=Pairs(ProjectCountry, "country_id", codes="country"), facet=CountryFacet())
    sdg = ValuesFilter(fields.SDG_GOAL, label=_("SDG"), doc=_("Projects contributing to these goals."),
                       pairs=Pairs(ProjectSdgGoal, "goal_id", codes="sdg"), facet=SdgFacet())
    target = ValuesFilter(fields.SDG_TARGET, label=_("SDG target"), doc=_(
        "Projects contributing to these SDG targets."), pairs=Pairs(ProjectSdgTarget, "target_id", codes="target"))
    status = ValuesFilter(fields.Choice(ProjectStatus), label=_("Status"), doc=_(
        "Projects planned, active or completed today (by their dates, or the status an editor set)."),
        sql=lambda qs, v: qs.with_status().filter(current_status__in=v),
        index=lambda query, v: np.isin(query.status(), query.coded(ProjectStatus, v)),
        facet=ChoiceFacet(None, ProjectStatus, always=True, sql_counts=_status_counts,
                          index_counts=_status_counts_on_index))
    start_year_min = ValueFilter(fields.YEAR, label=_("Starting from year"), doc=_(
        "Projects starting in this year or later."), sql=lambda qs, v: qs.filter(start_date__gte=dt.date(v, 1, 1)),
        index=lambda query, v: query.starting(low=dt.date(v, 1, 1)),
        facet=StartYearFacet(_("Start year"), name="start_year", low="start_year_min", high="start_year_max"))
    start_year_max = ValueFilter(fields.YEAR, label=_("Starting until year"), doc=_(
        "Projects starting in this year or earlier."), sql=lambda qs, v: qs.filter(start_date__lte=dt.date(v, 12, 31)),
        index=lambda query, v: query.starting(high=dt.date(v, 12, 31)))
    budget = ValuesFilter(fields.Choice(BudgetBand.CODES), label=_("Budget"), doc=_(
        "Projects whose total budget (their counted lines, any currency) falls in these bands."),
        sql=_budget_filter, index=lambda query, v: query.column_in("band", query.coded(BudgetBand.CODES, v)),
        facet=ChoiceFacet(None, [(code, label) for code, label, _low, _high in BudgetBand.BANDS],
                          sql_counts=_band_counts, index_counts=_band_counts_on_index))
    partner = ValuesFilter(fields.ORGANISATION, label=_("Partner"), doc=_(
        "Projects with these organisations as partners, in any role (by slug)."),
        pairs=Pairs(ProjectPartner, "organisation_id", match="organisation__slug", codes="partner", distinct=True),
        facet=PartnerFacet())
    partner_type = ValuesFilter(fields.Choice(Organisation.Type), label=_("Partner type"), doc=_(
        "Projects with a partner organisation of these types (government, UN entity, NGO...), in any role."),
        pairs=Pairs(ProjectPartner, "organisation__type", codes=Organisation.Type, distinct=True),
        facet=ChoiceFacet(None, Organisation.Type))
    activity_type = ValuesFilter(fields.Choice(ActivityType), label=_("Activity type"), doc=_(
        "Projects with at least one activity of these types (recalled history not counted)."),
        pairs=Pairs(Activity.objects.counted, "type", codes=ActivityType, distinct=True),
        facet=ChoiceFacet(None, ActivityType))
    review_state = ValuesFilter(fields.Choice(ReviewState), label=_("Review state"), doc=_(
        "Projects in these review states."), staff_only=True, sql=lambda qs, v: qs.filter(review_state__in=v),
        index=lambda query, v: query.column_in("review", query.coded(ReviewState, v)),
        facet=ChoiceFacet(None, ReviewState, always=True, sql_counts=_review_counts,
                          index_counts=_review_counts_on_index))
    sort = ValueFilter(fields.Choice(SORT_LABELS), label=_("Sort by"), doc=_(
        "The order of the list (newest start first, or best match first when searching)."),
        sql=lambda qs, v: qs)  # applied by sorted(), after every filter

    class Meta:
        model = Project
        fields: list[str] = []

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        if queryset is None:
            queryset = visible_projects(request)
        super().__init__(data, queryset, request=request, prefix=prefix)

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
        declared = self.facets().get(facet)
        params = declared.covers if declared is not None else (facet,)
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


# The list's facets, by name, in the order they show (a request's own: ProjectFilterSet.facets()).
def declared_facets() -> dict:
    """The project list's facets by name, those other apps add when ready (CheckedFilterSet.extend) included:
    read when asked, not when this module is imported (before the apps are ready)."""
    return {f.facet.name: f.facet for _name, f in ProjectFilterSet.declared() if getattr(f, "facet", None)}
