"""Unit and partner pages: the organisational-unit tree, a unit's projects, the partners and a partner's part.

Every number counts only the projects the request may see (`visible_projects`); see capdev.reference.views for
the summaries these pages share with the country and SDG pages.
"""
from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from django.core.paginator import Paginator
from django.db.models import Count, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from capdev.activities.models import Activity
from capdev.core import fields
from capdev.core.access import is_staff_request
from capdev.core.params import Parameters
from capdev.projects.models import ProjectPartner
from capdev.reference.views import (
    activity_table,
    budget_by_year,
    budget_chart,
    countries_served,
    project_table,
    projects_url,
    visible_projects,
)

from .filtersets import OrganisationFilterSet
from .models import Organisation, OrgUnit
from .tree import walk_down

PARTNERS_PER_PAGE = 50
PAGE_PARAMETERS = Parameters(page=fields.PAGE)
ROLES = ProjectPartner.Role


# --- Units --------------------------------------------------------------------------------------------------------

def unit_period(unit: OrgUnit) -> str:
    """The years a unit existed in, as a phrase: "from 2019", "until 2018", "2011–2020", or ""."""
    if unit.valid_from and unit.valid_to:
        return _("%(start)s–%(end)s") % {"start": unit.valid_from, "end": unit.valid_to}
    if unit.valid_from:
        return _("from %(year)s") % {"year": unit.valid_from}
    if unit.valid_to:
        return _("until %(year)s") % {"year": unit.valid_to}
    return ""


def unit_tree(request: HttpRequest) -> dict[str, Any]:
    """Every unit, linked in memory to its parent and children, with visible-project counts; two queries.

    Each unit gets `child_units`, `n_own` (projects it leads) and `n_total` (with its descendants'), `period`.
    The tree is tens of rows: reading it whole is cheaper than walking it with a query per level.
    """
    units = list(OrgUnit.objects.order_by("code"))
    by_pk = {unit.pk: unit for unit in units}
    counts = dict(visible_projects(request).filter(lead_unit__isnull=False).order_by()
                  .values_list("lead_unit").annotate(n=Count("pk")))
    for unit in units:
        unit.child_units, unit.n_own, unit.period = [], counts.get(unit.pk, 0), unit_period(unit)
        unit.successor_unit = by_pk.get(unit.successor_id)
        unit.parent_unit = by_pk.get(unit.parent_id)
    roots = []
    for unit in units:
        parent = by_pk.get(unit.parent_id)
        (parent.child_units if parent is not None and parent is not unit else roots).append(unit)

    def total(unit: OrgUnit, seen: frozenset) -> int:
        # `seen` guards against a cycle an editor might make in the parent links.
        unit.n_total = unit.n_own + sum(total(c, seen | {unit.pk}) for c in unit.child_units if c.pk not in seen)
        return unit.n_total

    for root in roots:
        total(root, frozenset())
    for unit in units:
        unit.child_units.sort(key=lambda u: (u.valid_to is not None, u.name))
        if not hasattr(unit, "n_total"):  # in a cycle with no root: count its own projects only
            unit.n_total = unit.n_own
    roots.sort(key=lambda u: u.name)
    return {"units": units, "by_pk": by_pk, "roots": roots}


def descendants(unit: OrgUnit) -> list[OrgUnit]:
    """A unit's children, their children and so on, from the in-memory tree unit_tree() built."""
    return [node for node in walk_down([unit], lambda node: node.child_units, key=lambda node: node.pk)
            if node is not unit]


def unit_list(request: HttpRequest) -> HttpResponse:
    """The organisational-unit tree with periods, successors and project counts including descendants."""
    tree = unit_tree(request)
    return render(request, "organisations/unit_list.html", {"roots": tree["roots"], "count": len(tree["units"])})


def unit_detail(request: HttpRequest, code: str) -> HttpResponse:
    """A unit, its place in the tree, and the visible projects it and its descendants lead."""
    tree = unit_tree(request)
    unit = next((u for u in tree["units"] if u.code == code), None)
    if unit is None:
        # Codes are written in any case in links and records ("pacb", "FfDO"): send them to the one address.
        unit = next((u for u in tree["units"] if u.code.casefold() == code.casefold()), None)
        if unit is None:
            raise Http404(_("No organisational unit has the code %(code)s.") % {"code": code})
        return redirect("organisations:unit_detail", code=unit.code, permanent=True)
    ancestors, node, seen = [], unit.parent_unit, {unit.pk}
    while node is not None and node.pk not in seen:
        ancestors.append(node)
        seen.add(node.pk)
        node = node.parent_unit
    ancestors.reverse()
    family = [unit, *descendants(unit)]
    visible = visible_projects(request)
    scope = visible.filter(lead_unit__in=[u.pk for u in family])
    budget = budget_by_year(scope)
    countries = countries_served(scope)
    return render(request, "organisations/unit_detail.html", {
        "unit": unit,
        "ancestors": ancestors,
        "predecessors": [u for u in tree["units"] if u.successor_id == unit.pk],
        "projects": project_table(scope),
        "projects_url": projects_url(unit=unit.code),
        "budget": budget,
        "budget_chart": budget_chart(budget, _("Budget of the projects %(unit)s leads, by start year")
                                     % {"unit": unit.code}, {"unit": unit.code}),
        "countries": countries,
        "map_countries": [c.pk for c in countries],
        "map_countries_json": json.dumps([c.pk for c in countries]),
        "activities": activity_table(Activity.objects.counted().filter(project__in=scope.values("pk"))),
    })


# --- Partners -----------------------------------------------------------------------------------------------------

def partner_counts(request: HttpRequest) -> QuerySet[Organisation]:
    """Organisations annotated with visible projects (`n_projects`) and links per role (`n_<role>`)."""
    visible_ids = visible_projects(request).values("pk")
    in_visible = Q(project_links__project__in=visible_ids)
    return Organisation.objects.annotate(
        n_projects=Count("project_links__project", distinct=True, filter=in_visible),
        **{f"n_{role}": Count("project_links", filter=in_visible & Q(project_links__role=role)) for role in ROLES},
    )


def partner_list(request: HttpRequest) -> HttpResponse:
    """Organisations that partner in at least one visible project, filterable by type, role, country and text."""
    base = partner_counts(request).filter(n_projects__gt=0).select_related("country").order_by("name")
    number = PAGE_PARAMETERS.read(request)["page"]
    filterset = OrganisationFilterSet(request.GET or None, queryset=base, request=request)
    organisations = filterset.qs if filterset.is_bound else base  # a bad filter: a 400 naming it
    page = Paginator(organisations, PARTNERS_PER_PAGE).get_page(number)
    page.object_list = list(page.object_list)
    for org in page.object_list:
        # Only the roles it plays: six mostly-zero columns would crowd out the names on a phone.
        org.role_counts = [(label, getattr(org, f"n_{role}")) for role, label in ROLES.choices
                           if getattr(org, f"n_{role}")]
        org.projects_url = projects_url(partner=org.slug)
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "organisations/partner_list.html", {
        "filterset": filterset, "form": filterset.form, "page": page,
        "query": query.urlencode(), "filtered": any(v for k, v in request.GET.items() if k != "page"),
    })


def partner_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """An organisation, the visible projects it takes part in and its role in each, and the activities it organised.

    An organisation with no part in a visible project has no public page: an organisation that only an
    unpublished record names must not show that the record exists.
    """
    organisation = get_object_or_404(Organisation.objects.select_related("country", "parent"), slug=slug)
    visible = visible_projects(request)
    visible_ids = visible.values("pk")
    links = ProjectPartner.objects.filter(organisation=organisation, project__in=visible_ids)
    labels = dict(ROLES.choices)
    # Projects per role, counted in SQL: a large partner (the department itself) may be in thousands.
    per_role = dict(links.order_by().values_list("role").annotate(n=Count("project", distinct=True)))
    activities = Activity.objects.counted().filter(organiser_links__organisation=organisation, project__in=visible_ids)
    activity_rows = activity_table(activities)
    if not per_role and not activity_rows["total"] and not is_staff_request(request):
        raise Http404(_("No published project names this organisation."))
    projects = project_table(visible.filter(pk__in=links.values("project")))
    roles: dict[int, list[str]] = defaultdict(list)
    for project_id, role in links.filter(project__in=[p.pk for p in projects["rows"]]).order_by("role") \
            .values_list("project_id", "role"):
        roles[project_id].append(labels.get(role, role))
    for project in projects["rows"]:
        project.roles = roles[project.pk]
    parts = list(organisation.parts.order_by("name"))
    related = [o for o in [organisation.parent, *parts] if o is not None]
    with_page = set(Organisation.objects.filter(pk__in=[o.pk for o in related]).filter(
        Q(project_links__project__in=visible_ids) | Q(organiser_links__activity__project__in=visible_ids)
    ).values_list("pk", flat=True)) if related else set()
    for other in related:
        other.has_page = is_staff_request(request) or other.pk in with_page
    return render(request, "organisations/partner_detail.html", {
        "organisation": organisation,
        "aliases": [a.alias for a in organisation.aliases.all() if a.alias not in (organisation.name,
                                                                                   organisation.acronym)],
        "parts": parts,
        "projects": projects,
        "projects_url": projects_url(partner=organisation.slug),
        "role_counts": [(label, per_role[role]) for role, label in ROLES.choices if per_role.get(role)],
        "activities": activity_rows,
    })

