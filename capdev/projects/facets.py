"""Facet counts for the project list: disjunctive, so that the counts follow each choice.

Each facet counts the projects that every OTHER filter lets through, not its own: with country=LCA chosen,
the country facet still shows what choosing Djibouti as well would add, while every other facet counts only
Saint Lucia's projects. One aggregate query per facet, whatever the number of values; the projects counted
are always the filterset's visible projects, so an anonymous visitor's counts never include unpublished ones.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from django.conf import settings
from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.utils.translation import gettext_lazy as _

from capdev.activities.models import Activity, ActivityType
from capdev.core.functions import Year
from capdev.organisations.models import FundingSource, Organisation, OrgUnit
from capdev.reference.models import Country, Region, SdgGoal

from .facet_index import REVIEW_STATES, STATUSES, IndexQuery, Unsupported, get_index
from .filtersets import BudgetBand, ProjectFilterSet, budget_total
from .models import Project, ProjectCountry, ProjectPartner, ProjectRegion, ProjectStatus, ReviewState


@dataclass
class FacetValue:
    """One value of a facet: what to send (value), what to show (label), how many projects, whether chosen."""

    value: str
    label: str
    count: int
    selected: bool = False
    depth: int = 0  # nesting in a tree facet (lead units)


FACET_LABELS = {
    "unit": _("Lead unit"),
    "funding": _("Funding source"),
    "region": _("Region"),
    "country": _("Country"),
    "sdg": _("SDG"),
    "status": _("Status"),
    "start_year": _("Start year"),
    "budget": _("Budget"),
    "partner": _("Partner"),
    "activity_type": _("Activity type"),
    "review_state": _("Review state"),
}


class SubqueryCount(Subquery):
    """COUNT(*) of a queryset, as a scalar subquery (correlated through OuterRef where it uses one)."""

    template = "(SELECT COUNT(*) FROM (%(subquery)s) _count)"
    output_field = IntegerField()


def _ids(fs: ProjectFilterSet, facet: str) -> QuerySet:
    return fs.queryset_without(facet).values("pk")


def _order(values: list[FacetValue]) -> list[FacetValue]:
    return sorted(values, key=lambda v: (-v.count, v.label.casefold()))


def unit_facet(fs: ProjectFilterSet, selected: set[str]) -> list[FacetValue]:
    """Lead units as a tree; a unit counts the projects it or any unit under it leads."""
    rows = list(OrgUnit.objects.annotate(n=Count("projects", filter=Q(projects__in=_ids(fs, "unit"))))
                .values("pk", "code", "name", "parent_id", "n"))
    return unit_tree(rows, selected)


def unit_tree(rows: list[dict], selected: set[str]) -> list[FacetValue]:
    """Units (pk, code, name, parent_id, n: projects led directly) as a tree of rolled-up counts.

    A unit that leads nothing itself and groups a single counted unit adds no choice, so it is left out
    (the department above every division, when only one division has projects).
    """
    by_pk = {r["pk"]: r for r in rows}
    children: dict[int | None, list[dict]] = {}
    for r in rows:
        parent = r["parent_id"] if r["parent_id"] in by_pk else None
        children.setdefault(parent, []).append(r)

    def total(r: dict) -> int:
        if "total" not in r:
            r["total"] = r["n"] + sum(total(c) for c in children.get(r["pk"], []))
        return r["total"]

    out: list[FacetValue] = []

    def walk(parent: int | None, depth: int) -> None:
        for r in sorted(children.get(parent, []), key=lambda r: (-total(r), r["code"])):
            counted = [c for c in children.get(r["pk"], []) if total(c)]
            chosen = r["code"] in selected
            shown = chosen or (total(r) and (r["n"] or len(counted) > 1))
            if shown:
                out.append(FacetValue(r["code"], f"{r['code']} – {r['name']}", total(r), chosen, depth))
            walk(r["pk"], depth + 1 if shown else depth)

    walk(None, 0)
    return out


def _funding_label(code: str, name: str) -> str:
    return name if name == code else f"{name} ({code})"


def _partner_label(name: str, acronym: str) -> str:
    return f"{name} ({acronym})" if acronym and acronym not in name else name


def _sdg_numbers(selected: set[str]) -> list[int]:
    return [int(s) for s in selected]  # checked goal numbers (fields.SDG_GOAL), written back as text


def _year_selected(fs: ProjectFilterSet, year: int) -> bool:
    low, high = fs.cleaned().get("start_year_min"), fs.cleaned().get("start_year_max")
    return ((low is not None or high is not None)
            and (low is None or year >= low) and (high is None or year <= high))


def funding_facet(fs: ProjectFilterSet, selected: set[str]) -> list[FacetValue]:
    """Funding sources with their project counts."""
    rows = (FundingSource.objects.annotate(n=Count("projects", filter=Q(projects__in=_ids(fs, "funding"))))
            .filter(Q(n__gt=0) | Q(code__in=selected)).values("code", "name", "n"))
    return _order([FacetValue(r["code"], _funding_label(r["code"], r["name"]), r["n"], r["code"] in selected)
                   for r in rows])


def region_facet(fs: ProjectFilterSet, selected: set[str]) -> list[FacetValue]:
    """Regions served: named as served, or holding a country served (the same rule as the filter)."""
    ids = _ids(fs, "region")
    region = OuterRef(OuterRef("pk"))
    serving = Project.objects.filter(pk__in=ids).filter(
        Exists(ProjectRegion.objects.filter(project=OuterRef("pk"), region=region))
        | Exists(ProjectCountry.objects.filter(project=OuterRef("pk")).filter(
            Q(country__region=region) | Q(country__subregion=region) | Q(country__intermediate_region=region)))
    ).order_by().values("pk")
    rows = (Region.objects.exclude(kind=Region.Kind.WORLD).annotate(n=SubqueryCount(serving))
            .filter(Q(n__gt=0) | Q(code__in=selected)).values("code", "name", "n"))
    return _order([FacetValue(r["code"], r["name"], r["n"], r["code"] in selected) for r in rows])


def country_facet(fs: ProjectFilterSet, selected: set[str]) -> list[FacetValue]:
    """Countries served."""
    selected = {s.upper() for s in selected}
    rows = (Country.objects.annotate(n=Count("project_links", filter=Q(project_links__project__in=_ids(fs, "country"))))
            .filter(Q(n__gt=0) | Q(iso3__in=selected)).values("iso3", "name", "n"))
    return _order([FacetValue(r["iso3"], r["name"], r["n"], r["iso3"] in selected) for r in rows])


def sdg_facet(fs: ProjectFilterSet, selected: set[str]) -> list[FacetValue]:
    """SDGs, in goal order."""
    rows = (SdgGoal.objects.annotate(n=Count("project_links", filter=Q(project_links__project__in=_ids(fs, "sdg"))))
            .filter(Q(n__gt=0) | Q(number__in=_sdg_numbers(selected)))
            .order_by("number").values("number", "short_title", "n"))
    return [FacetValue(str(r["number"]), f"{r['number']}. {r['short_title']}", r["n"], str(r["number"]) in selected)
            for r in rows]


def status_facet(fs: ProjectFilterSet, selected: set[str]) -> list[FacetValue]:
    """Planned, active, completed: always all three, in that order."""
    rows = (Project.objects.filter(pk__in=_ids(fs, "status")).with_status().order_by()
            .values("current_status").annotate(n=Count("pk")))
    counts = {r["current_status"]: r["n"] for r in rows}
    return [FacetValue(value, str(label), counts.get(value, 0), value in selected)
            for value, label in ProjectStatus.choices]


def start_year_facet(fs: ProjectFilterSet, selected: set[str]) -> list[FacetValue]:
    """Projects per start year, oldest first (shown beside the year range inputs)."""
    rows = (Project.objects.filter(pk__in=_ids(fs, "start_year"), start_date__isnull=False)
            .annotate(year=Year("start_date")).order_by("year").values("year").annotate(n=Count("pk")))
    return [FacetValue(str(r["year"]), str(r["year"]), r["n"], _year_selected(fs, r["year"])) for r in rows]


def budget_facet(fs: ProjectFilterSet, selected: set[str]) -> list[FacetValue]:
    """Budget bands, smallest first."""
    rows = (Project.objects.filter(pk__in=_ids(fs, "budget")).annotate(budget_total=budget_total())
            .annotate(band=BudgetBand.case()).order_by().values("band").annotate(n=Count("pk")))
    counts = {r["band"]: r["n"] for r in rows}
    return [FacetValue(code, str(BudgetBand.LABELS[code]), counts.get(code, 0), code in selected)
            for code in BudgetBand.CODES if counts.get(code) or code in selected]


def _chosen_partner_label(row: dict, count: int, named: set[str]) -> str:
    """A partner's label; a chosen one that partners in no visible project is shown as typed (its slug): its
    name would tell the public that an unpublished record names it."""
    return _partner_label(row["name"], row["acronym"]) if count or row["slug"] in named else row["slug"]


def partner_facet(fs: ProjectFilterSet, selected: set[str]) -> list[FacetValue]:
    """Partner organisations (any role)."""
    rows = list(Organisation.objects.annotate(n=Count("project_links__project", distinct=True,
                                                      filter=Q(project_links__project__in=_ids(fs, "partner"))))
                .filter(Q(n__gt=0) | Q(slug__in=selected)).values("slug", "name", "acronym", "n"))
    unseen = [r["slug"] for r in rows if not r["n"]]
    named = set(ProjectPartner.objects.filter(project__in=fs.queryset.values("pk"), organisation__slug__in=unseen)
                .values_list("organisation__slug", flat=True)) if unseen else set()
    return _order([FacetValue(r["slug"], _chosen_partner_label(r, r["n"], named), r["n"], r["slug"] in selected)
                   for r in rows])


def activity_type_facet(fs: ProjectFilterSet, selected: set[str]) -> list[FacetValue]:
    """Types of activity, counting projects with at least one activity of the type."""
    rows = (Activity.objects.counted().filter(project__in=_ids(fs, "activity_type")).order_by()
            .values("type").annotate(n=Count("project", distinct=True)))
    counts = {r["type"]: r["n"] for r in rows}
    return [FacetValue(value, str(label), counts.get(value, 0), value in selected)
            for value, label in ActivityType.choices if counts.get(value) or value in selected]


def review_state_facet(fs: ProjectFilterSet, selected: set[str]) -> list[FacetValue]:
    """Review states (staff only)."""
    rows = (Project.objects.filter(pk__in=_ids(fs, "review_state")).order_by()
            .values("review_state").annotate(n=Count("pk")))
    counts = {r["review_state"]: r["n"] for r in rows}
    return [FacetValue(value, str(label), counts.get(value, 0), value in selected)
            for value, label in ReviewState.choices]


FACETS = {
    "unit": unit_facet,
    "funding": funding_facet,
    "region": region_facet,
    "country": country_facet,
    "sdg": sdg_facet,
    "status": status_facet,
    "start_year": start_year_facet,
    "budget": budget_facet,
    "partner": partner_facet,
    "activity_type": activity_type_facet,
    "review_state": review_state_facet,
}
STAFF_ONLY = {"review_state"}


def facet_counts(filterset: ProjectFilterSet, names: list[str] | None = None,
                 query: IndexQuery | None = None) -> dict[str, list[FacetValue]]:
    """Every facet's values with counts, in FACETS order; review_state only for staff.

    Counted on the in-memory index (capdev.projects.facet_index) when the request allows it, else in SQL.
    """
    query = query or index_query(filterset)
    if query is None:
        return sql_facet_counts(filterset, names)
    result = indexed_facet_counts(query, names)
    if settings.CAPDEV_INDEX_VERIFY:
        expected = sql_facet_counts(filterset, names)
        if result != expected:
            raise AssertionError(f"the index's facets differ from SQL's for {dict(filterset.data)}:\n"
                                 f"index: {result}\nSQL:   {expected}")
    return result


def sql_facet_counts(filterset: ProjectFilterSet, names: list[str] | None = None) -> dict[str, list[FacetValue]]:
    """Every facet counted with one aggregate query each (the reference the index is checked against)."""
    result = {}
    for name, build in FACETS.items():
        if names is not None and name not in names:
            continue
        if name in STAFF_ONLY and not filterset.is_staff:
            continue
        result[name] = build(filterset, set(filterset.selected(name)))
    return result


def index_query(filterset: ProjectFilterSet) -> IndexQuery | None:
    """The request's filters over this process's index, or None when the index cannot answer them
    (switched off, a filterset over another queryset, a database without full-text support here)."""
    if not settings.CAPDEV_FACET_INDEX or not getattr(filterset, "default_visibility", False):
        return None
    try:
        return IndexQuery(get_index(filterset.queryset.db, wait=filterset.is_staff), filterset)
    except Unsupported:
        return None


# -- the same facets counted on the index ------------------------------------------------------------

def indexed_facet_counts(query: IndexQuery, names: list[str] | None = None) -> dict[str, list[FacetValue]]:
    """Every facet's values with counts from the index: the same values, labels and order as SQL's."""
    fs = query.fs
    result: dict[str, list[FacetValue]] = {}
    for name in FACETS:
        if (names is not None and name not in names) or (name in STAFF_ONLY and not fs.is_staff):
            continue
        selected = set(fs.selected(name))
        mask = query.rows_without(ProjectFilterSet.FACET_PARAMS.get(name, (name,)))
        result[name] = INDEXED[name](query, mask, selected)
    return result


def _bincount(values: np.ndarray, mask: np.ndarray, size: int = 0) -> np.ndarray:
    return np.bincount(values[mask], minlength=size) if values.size else np.zeros(size, dtype=np.int64)


def _at(counts: np.ndarray, i: int) -> int:
    return int(counts[i]) if 0 <= i < counts.size else 0


def _indexed_unit(query: IndexQuery, mask: np.ndarray, selected: set[str]) -> list[FacetValue]:
    counts = _bincount(query.index.unit, mask)
    rows = [{**u, "n": _at(counts, u["pk"])} for u in query.index.labels["unit"]]
    return unit_tree(rows, selected)


def _indexed_funding(query: IndexQuery, mask: np.ndarray, selected: set[str]) -> list[FacetValue]:
    counts = _bincount(query.index.funding, mask)
    return _order([FacetValue(f["code"], _funding_label(f["code"], f["name"]), _at(counts, f["pk"]),
                              f["code"] in selected)
                   for f in query.index.labels["funding"] if _at(counts, f["pk"]) or f["code"] in selected])


def _indexed_region(query: IndexQuery, mask: np.ndarray, selected: set[str]) -> list[FacetValue]:
    counts = query.index.links["region"].count(mask)
    return _order([FacetValue(r["code"], r["name"], _at(counts, r["pk"]), r["code"] in selected)
                   for r in query.index.labels["region"]
                   if r["kind"] != Region.Kind.WORLD and (_at(counts, r["pk"]) or r["code"] in selected)])


def _indexed_country(query: IndexQuery, mask: np.ndarray, selected: set[str]) -> list[FacetValue]:
    selected = {s.upper() for s in selected}
    counts = query.index.links["country"].count(mask)
    return _order([FacetValue(c["iso3"], c["name"], _at(counts, i), c["iso3"] in selected)
                   for i, c in enumerate(query.index.labels["country"])
                   if _at(counts, i) or c["iso3"] in selected])


def _indexed_sdg(query: IndexQuery, mask: np.ndarray, selected: set[str]) -> list[FacetValue]:
    counts = query.index.links["sdg"].count(mask)
    numbers = set(_sdg_numbers(selected))
    return [FacetValue(str(g["number"]), f"{g['number']}. {g['short_title']}", _at(counts, g["number"]),
                       str(g["number"]) in selected)
            for g in query.index.labels["sdg"] if _at(counts, g["number"]) or g["number"] in numbers]


def _indexed_status(query: IndexQuery, mask: np.ndarray, selected: set[str]) -> list[FacetValue]:
    status = query.status()[mask]
    counts = np.bincount(status[status >= 0], minlength=len(STATUSES))
    return [FacetValue(value, str(label), _at(counts, STATUSES.index(value)), value in selected)
            for value, label in ProjectStatus.choices]


def _indexed_start_year(query: IndexQuery, mask: np.ndarray, selected: set[str]) -> list[FacetValue]:
    years, counts = np.unique(query.index.start_year[mask & (query.index.start > 0)], return_counts=True)
    return [FacetValue(str(y), str(y), int(n), _year_selected(query.fs, int(y)))
            for y, n in zip(years.tolist(), counts.tolist())]


def _indexed_budget(query: IndexQuery, mask: np.ndarray, selected: set[str]) -> list[FacetValue]:
    band = query.index.band[mask]
    counts = np.bincount(band[band >= 0], minlength=len(BudgetBand.CODES))
    return [FacetValue(code, str(BudgetBand.LABELS[code]), int(counts[i]), code in selected)
            for i, code in enumerate(BudgetBand.CODES) if counts[i] or code in selected]


def _indexed_partner(query: IndexQuery, mask: np.ndarray, selected: set[str]) -> list[FacetValue]:
    counts = query.index.links["partner"].count(mask)
    rows = [o for o in query.index.labels["partner"] if _at(counts, o["pk"]) or o["slug"] in selected]
    named: set[str] = set()
    if any(not _at(counts, o["pk"]) for o in rows):
        anywhere = query.index.links["partner"].count(query.visible)
        named = {o["slug"] for o in rows if _at(anywhere, o["pk"])}
    return _order([FacetValue(o["slug"], _chosen_partner_label(o, _at(counts, o["pk"]), named),
                              _at(counts, o["pk"]), o["slug"] in selected) for o in rows])


def _indexed_activity_type(query: IndexQuery, mask: np.ndarray, selected: set[str]) -> list[FacetValue]:
    counts = query.index.links["activity_type"].count(mask)
    types = list(ActivityType.values)
    return [FacetValue(value, str(label), _at(counts, types.index(value)), value in selected)
            for value, label in ActivityType.choices if _at(counts, types.index(value)) or value in selected]


def _indexed_review_state(query: IndexQuery, mask: np.ndarray, selected: set[str]) -> list[FacetValue]:
    counts = np.bincount(query.index.review[mask & (query.index.review >= 0)], minlength=len(REVIEW_STATES))
    return [FacetValue(value, str(label), _at(counts, REVIEW_STATES.index(value)), value in selected)
            for value, label in ReviewState.choices]


INDEXED = {
    "unit": _indexed_unit,
    "funding": _indexed_funding,
    "region": _indexed_region,
    "country": _indexed_country,
    "sdg": _indexed_sdg,
    "status": _indexed_status,
    "start_year": _indexed_start_year,
    "budget": _indexed_budget,
    "partner": _indexed_partner,
    "activity_type": _indexed_activity_type,
    "review_state": _indexed_review_state,
}
