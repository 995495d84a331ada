"""Facet counts for the project list: disjunctive, so that the counts follow each choice.

Each facet counts the projects that every OTHER filter lets through, not its own: with country=LCA chosen,
the country facet still shows what choosing Djibouti as well would add, while every other facet counts only
Saint Lucia's projects. The projects counted are always the filterset's visible projects, so an anonymous
visitor's counts never include unpublished ones.

A facet belongs to its parameter's declaration (`facet=` in capdev.projects.filtersets). As Datasette has a
class per way of faceting, there is one class per way of counting here; each counts in SQL (`sql`: one
aggregate query, whatever the number of values; the reference) and on the in-memory index (`index`: a
`bincount` over the rows the other filters leave), and shows both the same way (the same values, labels and
order: the test suite compares them for every declared parameter).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery

from capdev.core.functions import Year
from capdev.organisations.models import FundingSource, Organisation, OrgUnit
from capdev.reference.models import Country, Region, SdgGoal

from .models import Project, ProjectCountry, ProjectPartner, ProjectRegion


@dataclass
class FacetValue:
    """One value of a facet: what to send (value), what to show (label), how many projects, whether chosen."""

    value: str
    label: str
    count: int
    selected: bool = False
    depth: int = 0  # nesting in a tree facet (lead units)


class Facet:
    """A parameter's values counted beside the list. `label`: the parameter's unless given; `covers`: the
    parameters whose choice the counts leave out (the facet's own parameter by default; both ends of a range)."""

    def __init__(self, label=None, *, name: str | None = None, covers: tuple[str, ...] | None = None):
        self._label, self._name, self._covers = label, name, covers
        self.param = None  # the declared filter it belongs to (capdev.core.filters.Declared sets it)

    def __deepcopy__(self, memo):
        return self  # a declaration, shared by every filterset made from it (django-filter copies its filters)

    @property
    def label(self):
        """What the list calls it: its parameter's label, unless given."""
        return self._label or self.param.label

    @property
    def name(self) -> str:
        """Its name among the list's facets: its parameter's, unless given."""
        return self._name or self.param.param

    @property
    def covers(self) -> tuple[str, ...]:
        return tuple(self._covers or (self.name,))

    def ids(self, fs) -> QuerySet:
        """The ids of the projects it counts in SQL: every other filter applied."""
        return fs.queryset_without(self.name).values("pk")

    def sql(self, fs, selected: set[str]) -> list[FacetValue]:
        """Its values counted in SQL."""
        raise NotImplementedError

    def index(self, query, mask: np.ndarray, selected: set[str]) -> list[FacetValue]:
        """Its values counted on the index, among the masked rows."""
        raise NotImplementedError


def _order(values: list[FacetValue]) -> list[FacetValue]:
    return sorted(values, key=lambda v: (-v.count, v.label.casefold()))


def _bincount(values: np.ndarray, mask: np.ndarray, size: int = 0) -> np.ndarray:
    return np.bincount(values[mask], minlength=size) if values.size else np.zeros(size, dtype=np.int64)


def _at(counts: np.ndarray, i: int) -> int:
    return int(counts[i]) if 0 <= i < counts.size else 0


class ChoiceFacet(Facet):
    """The values of an enumeration (or a list of (value, label)), in its order: every one (`always`), or those
    counted or chosen. Counted through the pairs its parameter declares, else by `sql_counts(ids)` ({value: n})
    and `index_counts(query, mask)` (counts by value code: the value's position)."""

    def __init__(self, label, choices, *, always: bool = False, sql_counts: Callable | None = None,
                 index_counts: Callable | None = None, **kwargs):
        super().__init__(label, **kwargs)
        self.choices, self.always = choices, always
        self.sql_counts, self.index_counts = sql_counts, index_counts

    def pairs(self) -> list[tuple[str, str]]:
        choices = self.choices
        return list(choices.choices if hasattr(choices, "choices") else choices)

    def values(self, counts: dict[str, int], selected: set[str]) -> list[FacetValue]:
        return [FacetValue(value, str(label), counts.get(value, 0), value in selected)
                for value, label in self.pairs() if self.always or counts.get(value) or value in selected]

    def sql(self, fs, selected: set[str]) -> list[FacetValue]:
        ids = self.ids(fs)
        if self.sql_counts is not None:
            return self.values(self.sql_counts(ids), selected)
        pairs = self.param.pairs
        rows = (pairs.queryset().filter(project__in=ids).order_by().values(pairs.match)
                .annotate(n=Count("project", distinct=True)))
        return self.values({r[pairs.match]: r["n"] for r in rows}, selected)

    def index(self, query, mask: np.ndarray, selected: set[str]) -> list[FacetValue]:
        if self.index_counts is not None:
            by_code = self.index_counts(query, mask)
        else:
            by_code = query.index.links[self.name].count(mask)
        return self.values({value: _at(by_code, i) for i, (value, _label) in enumerate(self.pairs())}, selected)


class UnitTreeFacet(Facet):
    """Lead units as a tree; a unit counts the projects it or any unit under it leads."""

    def sql(self, fs, selected: set[str]) -> list[FacetValue]:
        rows = list(OrgUnit.objects.annotate(n=Count("projects", filter=Q(projects__in=self.ids(fs))))
                    .values("pk", "code", "name", "parent_id", "n"))
        return unit_tree(rows, selected)

    def index(self, query, mask: np.ndarray, selected: set[str]) -> list[FacetValue]:
        counts = _bincount(query.index.unit, mask)
        return unit_tree([{**u, "n": _at(counts, u["pk"])} for u in query.index.labels["unit"]], selected)


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


class FundingFacet(Facet):
    """Funding sources with their project counts."""

    @staticmethod
    def value(code: str, name: str, count: int, selected: set[str]) -> FacetValue:
        return FacetValue(code, name if name == code else f"{name} ({code})", count, code in selected)

    def sql(self, fs, selected: set[str]) -> list[FacetValue]:
        rows = (FundingSource.objects.annotate(n=Count("projects", filter=Q(projects__in=self.ids(fs))))
                .filter(Q(n__gt=0) | Q(code__in=selected)).values("code", "name", "n"))
        return _order([self.value(r["code"], r["name"], r["n"], selected) for r in rows])

    def index(self, query, mask: np.ndarray, selected: set[str]) -> list[FacetValue]:
        counts = _bincount(query.index.funding, mask)
        return _order([self.value(f["code"], f["name"], _at(counts, f["pk"]), selected)
                       for f in query.index.labels["funding"] if _at(counts, f["pk"]) or f["code"] in selected])


class SubqueryCount(Subquery):
    """COUNT(*) of a queryset, as a scalar subquery (correlated through OuterRef where it uses one)."""

    template = "(SELECT COUNT(*) FROM (%(subquery)s) _count)"
    output_field = IntegerField()


class RegionFacet(Facet):
    """Regions served: named as served, or holding a country served (the same rule as the filter)."""

    def sql(self, fs, selected: set[str]) -> list[FacetValue]:
        region = OuterRef(OuterRef("pk"))
        serving = Project.objects.filter(pk__in=self.ids(fs)).filter(
            Exists(ProjectRegion.objects.filter(project=OuterRef("pk"), region=region))
            | Exists(ProjectCountry.objects.filter(project=OuterRef("pk")).filter(
                Q(country__region=region) | Q(country__subregion=region) | Q(country__intermediate_region=region)))
        ).order_by().values("pk")
        rows = (Region.objects.exclude(kind=Region.Kind.WORLD).annotate(n=SubqueryCount(serving))
                .filter(Q(n__gt=0) | Q(code__in=selected)).values("code", "name", "n"))
        return _order([FacetValue(r["code"], r["name"], r["n"], r["code"] in selected) for r in rows])

    def index(self, query, mask: np.ndarray, selected: set[str]) -> list[FacetValue]:
        counts = query.index.links[self.name].count(mask)
        return _order([FacetValue(r["code"], r["name"], _at(counts, r["pk"]), r["code"] in selected)
                       for r in query.index.labels["region"]
                       if r["kind"] != Region.Kind.WORLD and (_at(counts, r["pk"]) or r["code"] in selected)])


class CountryFacet(Facet):
    """Countries served."""

    def sql(self, fs, selected: set[str]) -> list[FacetValue]:
        selected = {s.upper() for s in selected}
        rows = (Country.objects.annotate(n=Count("project_links", filter=Q(project_links__project__in=self.ids(fs))))
                .filter(Q(n__gt=0) | Q(iso3__in=selected)).values("iso3", "name", "n"))
        return _order([FacetValue(r["iso3"], r["name"], r["n"], r["iso3"] in selected) for r in rows])

    def index(self, query, mask: np.ndarray, selected: set[str]) -> list[FacetValue]:
        selected = {s.upper() for s in selected}
        counts = query.index.links[self.name].count(mask)
        return _order([FacetValue(c["iso3"], c["name"], _at(counts, i), c["iso3"] in selected)
                       for i, c in enumerate(query.index.labels["country"])
                       if _at(counts, i) or c["iso3"] in selected])


class SdgFacet(Facet):
    """SDGs, in goal order."""

    @staticmethod
    def value(number: int, short_title: str, count: int, selected: set[str]) -> FacetValue:
        return FacetValue(str(number), f"{number}. {short_title}", count, str(number) in selected)

    def sql(self, fs, selected: set[str]) -> list[FacetValue]:
        numbers = [int(s) for s in selected]  # checked goal numbers (fields.SDG_GOAL), written back as text
        rows = (SdgGoal.objects.annotate(n=Count("project_links",
                                                 filter=Q(project_links__project__in=self.ids(fs))))
                .filter(Q(n__gt=0) | Q(number__in=numbers)).order_by("number").values("number", "short_title", "n"))
        return [self.value(r["number"], r["short_title"], r["n"], selected) for r in rows]

    def index(self, query, mask: np.ndarray, selected: set[str]) -> list[FacetValue]:
        counts = query.index.links[self.name].count(mask)
        numbers = {int(s) for s in selected}
        return [self.value(g["number"], g["short_title"], _at(counts, g["number"]), selected)
                for g in query.index.labels["sdg"] if _at(counts, g["number"]) or g["number"] in numbers]


class PartnerFacet(Facet):
    """Partner organisations (any role). A chosen one that partners in no visible project is shown as typed
    (its slug): its name would tell the public that an unpublished record names it."""

    @staticmethod
    def value(row: dict, count: int, named: set[str], selected: set[str]) -> FacetValue:
        name, acronym = row["name"], row["acronym"]
        label = f"{name} ({acronym})" if acronym and acronym not in name else name
        return FacetValue(row["slug"], label if count or row["slug"] in named else row["slug"], count,
                          row["slug"] in selected)

    def sql(self, fs, selected: set[str]) -> list[FacetValue]:
        rows = list(Organisation.objects.annotate(n=Count("project_links__project", distinct=True,
                                                          filter=Q(project_links__project__in=self.ids(fs))))
                    .filter(Q(n__gt=0) | Q(slug__in=selected)).values("slug", "name", "acronym", "n"))
        unseen = [r["slug"] for r in rows if not r["n"]]
        named = set(ProjectPartner.objects.filter(project__in=fs.queryset.values("pk"), organisation__slug__in=unseen)
                    .values_list("organisation__slug", flat=True)) if unseen else set()
        return _order([self.value(r, r["n"], named, selected) for r in rows])

    def index(self, query, mask: np.ndarray, selected: set[str]) -> list[FacetValue]:
        links = query.index.links[self.name]
        counts = links.count(mask)
        rows = [o for o in query.index.labels["partner"] if _at(counts, o["pk"]) or o["slug"] in selected]
        named: set[str] = set()
        if any(not _at(counts, o["pk"]) for o in rows):
            anywhere = links.count(query.visible)
            named = {o["slug"] for o in rows if _at(anywhere, o["pk"])}
        return _order([self.value(o, _at(counts, o["pk"]), named, selected) for o in rows])


class StartYearFacet(Facet):
    """Projects per start year, oldest first (shown beside the year range inputs); a year is chosen when the
    range holds it."""

    def __init__(self, label, *, low: str, high: str, name: str):
        super().__init__(label, name=name, covers=(low, high))
        self.low, self.high = low, high

    def chosen(self, fs, year: int) -> bool:
        low, high = fs.cleaned().get(self.low), fs.cleaned().get(self.high)
        return ((low is not None or high is not None)
                and (low is None or year >= low) and (high is None or year <= high))

    def sql(self, fs, selected: set[str]) -> list[FacetValue]:
        rows = (Project.objects.filter(pk__in=self.ids(fs), start_date__isnull=False)
                .annotate(year=Year("start_date")).order_by("year").values("year").annotate(n=Count("pk")))
        return [FacetValue(str(r["year"]), str(r["year"]), r["n"], self.chosen(fs, r["year"])) for r in rows]

    def index(self, query, mask: np.ndarray, selected: set[str]) -> list[FacetValue]:
        years, counts = np.unique(query.index.start_year[mask & (query.index.start > 0)], return_counts=True)
        return [FacetValue(str(y), str(y), int(n), self.chosen(query.fs, int(y)))
                for y, n in zip(years.tolist(), counts.tolist())]


def facet_counts(filterset, names: list[str] | None = None, query=None) -> dict[str, list[FacetValue]]:
    """Every facet's values with counts, in the order their parameters are declared (staff-only ones for staff
    only): on the in-memory index when the request's `query` is given (capdev.projects.listing), else in SQL."""
    if query is None:
        return sql_facet_counts(filterset, names)
    return indexed_facet_counts(query, names)


def sql_facet_counts(filterset, names: list[str] | None = None) -> dict[str, list[FacetValue]]:
    """Every facet counted with one aggregate query each (the reference)."""
    return {name: facet.sql(filterset, set(filterset.selected(name)))
            for name, facet in filterset.facets().items() if names is None or name in names}


def indexed_facet_counts(query, names: list[str] | None = None) -> dict[str, list[FacetValue]]:
    """Every facet counted on the index: the same values, labels and order as in SQL."""
    fs = query.fs
    return {name: facet.index(query, query.rows_without(facet.covers), set(fs.selected(name)))
            for name, facet in fs.facets().items() if names is None or name in names}
