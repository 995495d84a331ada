"""Facet counts for the project list: disjunctive, so that the counts follow each choice.

Each facet counts the projects that every OTHER filter lets through, not its own: with country=LCA chosen,
the country facet still shows what choosing Djibouti as well would add, while every other facet counts only
Saint Lucia's projects. One aggregate query per facet, whatever the number of values; the projects counted
are always the filterset's visible projects, so an anonymous visitor's counts never include unpublished ones.
"""
from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext_lazy as _

from capdev.activities.models import Activity, ActivityType
from capdev.organisations.models import FundingSource, Organisation, OrgUnit
from capdev.reference.models import Country, Region, SdgGoal

from .filtersets import BudgetBand, ProjectFilterSet, budget_total
from .models import Project, ProjectCountry, ProjectRegion, ProjectStatus, ReviewState


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
    """Lead units as a tree; a unit counts the projects it or any unit under it leads.

    A unit that leads nothing itself and groups a single counted unit adds no choice, so it is left out
    (the department above every division, when only one division has projects).
    """
    rows = list(OrgUnit.objects.annotate(n=Count("projects", filter=Q(projects__in=_ids(fs, "unit"))))
                .values("pk", "code", "name", "parent_id", "n"))
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


def funding_facet(fs: ProjectFilterSet, selected: set[str]) -> list[FacetValue]:
    """Funding sources with their project counts."""
    rows = (FundingSource.objects.annotate(n=Count("projects", filter=Q(projects__in=_ids(fs, "funding"))))
            .filter(Q(n__gt=0) | Q(code__in=selected)).values("code", "name", "n"))
    return _order([FacetValue(r["code"], r["name"] if r["name"] == r["code"] else f"{r['name']} ({r['code']})",
                              r["n"], r["code"] in selected) for r in rows])


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
            .filter(Q(n__gt=0) | Q(number__in=[int(s) for s in selected if s.isdigit() and len(s) < 4]))
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
            .annotate(year=ExtractYear("start_date")).order_by("year").values("year").annotate(n=Count("pk")))
    low, high = fs.cleaned().get("start_year_min"), fs.cleaned().get("start_year_max")
    return [FacetValue(str(r["year"]), str(r["year"]), r["n"],
                       (low is not None or high is not None)
                       and (low is None or r["year"] >= low) and (high is None or r["year"] <= high))
            for r in rows]


def budget_facet(fs: ProjectFilterSet, selected: set[str]) -> list[FacetValue]:
    """Budget bands, smallest first."""
    rows = (Project.objects.filter(pk__in=_ids(fs, "budget")).annotate(budget_total=budget_total())
            .annotate(band=BudgetBand.case()).order_by().values("band").annotate(n=Count("pk")))
    counts = {r["band"]: r["n"] for r in rows}
    return [FacetValue(code, str(BudgetBand.LABELS[code]), counts.get(code, 0), code in selected)
            for code in BudgetBand.CODES if counts.get(code) or code in selected]


def partner_facet(fs: ProjectFilterSet, selected: set[str]) -> list[FacetValue]:
    """Partner organisations (any role)."""
    rows = (Organisation.objects.annotate(n=Count("project_links__project", distinct=True,
                                                  filter=Q(project_links__project__in=_ids(fs, "partner"))))
            .filter(Q(n__gt=0) | Q(slug__in=selected)).values("slug", "name", "acronym", "n"))
    return _order([FacetValue(r["slug"], f"{r['name']} ({r['acronym']})"
                              if r["acronym"] and r["acronym"] not in r["name"] else r["name"],
                              r["n"], r["slug"] in selected) for r in rows])


def activity_type_facet(fs: ProjectFilterSet, selected: set[str]) -> list[FacetValue]:
    """Types of activity, counting projects with at least one activity of the type."""
    rows = (Activity.objects.filter(project__in=_ids(fs, "activity_type")).order_by()
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


def facet_counts(filterset: ProjectFilterSet, names: list[str] | None = None) -> dict[str, list[FacetValue]]:
    """Every facet's values with counts, in FACETS order; review_state only for staff."""
    result = {}
    for name, build in FACETS.items():
        if names is not None and name not in names:
            continue
        if name in STAFF_ONLY and not filterset.is_staff:
            continue
        result[name] = build(filterset, set(filterset.selected(name)))
    return result

