"""Country and SDG pages, and the summaries that every portfolio-slice page shares.

A "scope" below is the projects a page is about (those serving a country, contributing to a goal, led by a
unit...), always cut from `visible_projects(request)`: anonymous users never see, nor count, a project that is
not published. It is a queryset, or what `filtered_projects` answers for the page's filters (then the summaries
count on the in-memory index where it can). Every summary costs a fixed number of queries, whatever the number
of rows.
"""
from __future__ import annotations

import json
from collections import defaultdict
from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import Count, F, Prefetch, Q, QuerySet, Sum
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from capdev.activities.models import Activity
from capdev.core.params import check_form
from capdev.organisations.models import Organisation
from capdev.people import presentation as people_presentation
from capdev.portal import aggregates as agg
from capdev.portal.aggregates import Bucket
from capdev.portal.charts import Chart, money_chart
from capdev.portal.views import filtered_projects
from capdev.projects.filtersets import visible_projects
from capdev.projects.models import Budget, ProjectStatus

from .models import Country, Region, SdgGoal, SdgTarget

# How many rows a page lists before it points to the full, filterable project list.
PROJECT_ROWS = 50
ACTIVITY_ROWS = 50
STATUS_LABELS = dict(ProjectStatus.choices)


# --- Summaries shared by the country, SDG, unit and partner pages -------------------------------------------------

def projects_url(**params: Any) -> str:
    """The project list filtered by the given URL parameters (the FilterSet contract's names)."""
    base = reverse("projects:list")
    return f"{base}?{urlencode(params, doseq=True)}" if params else base


def currency_sums(lines) -> list[tuple[str, Decimal]]:
    """(currency, sum) pairs of budget lines, by currency code."""
    sums: dict[str, Decimal] = defaultdict(Decimal)
    for line in lines:
        sums[line.currency_id] += line.amount
    return sorted(sums.items())


def project_table(scope, limit: int = PROJECT_ROWS) -> dict[str, Any]:
    """The first `limit` projects of a scope (newest first) with unit, status and total budget; three queries."""
    total = agg.project_count(scope)
    budget_lines = Prefetch("budgets", queryset=Budget.objects.counted(),
                            to_attr="total_budget_lines")
    rows = list(agg.queryset_of(scope).order_by("-start_date", "title").select_related("lead_unit").with_status()
                .prefetch_related(budget_lines)[:limit])
    for project in rows:
        project.budget_totals = currency_sums(project.total_budget_lines)
        project.status_label = STATUS_LABELS.get(project.current_status, "")
    return {"rows": rows, "total": total, "truncated": total > len(rows)}


def budget_by_year(scope) -> dict[str, Any]:
    """Projects' budgets (the one rule: Budget.objects.counted) by start year and currency, projects, totals."""
    years = agg.by_start_year(scope)
    totals: dict[str, Decimal] = defaultdict(Decimal)
    for start in years:
        for code, amount in start.amounts.items():
            totals[code] += amount
    currencies = sorted(totals)
    rows = [{"year": start.year, "projects": start.projects,
             "amounts": [start.amounts.get(code) for code in currencies]} for start in years]
    return {"currencies": currencies, "rows": rows, "totals": sorted(totals.items()),
            "projects": sum(start.projects for start in years)}


def budget_chart(budget: dict[str, Any], title: str, filters: dict[str, Any]) -> Chart | None:
    """A bar chart of budget_by_year()'s numbers, one series per currency, each year linking to the project list.

    `filters` are the project-list parameters of the page's slice (e.g. {"country": "BRB"}). None when no dated
    project has a budget: an empty chart says nothing the table does not.
    """
    buckets = [Bucket(key=row["year"], label=str(row["year"]),
                      amounts={code: amount for code, amount in zip(budget["currencies"], row["amounts"])
                               if amount is not None})
               for row in budget["rows"] if row["year"] is not None]
    if not any(b.amounts for b in buckets):
        return None
    params = QueryDict(mutable=True)
    for key, value in filters.items():
        params[key] = value
    return money_chart("budget-by-year", title, buckets, kind="bar", params=params,
                       link_for=lambda year: {"start_year_min": year, "start_year_max": year},
                       label_heading=_("Start year"))


def activity_table(activities: QuerySet[Activity], limit: int = ACTIVITY_ROWS) -> dict[str, Any]:
    """The latest `limit` activities with their project and place, how many there are and whom they reached
    (each row's participants from its attendance list where it has a published one: `people_shown`)."""
    stats = activities.aggregate(n=Count("pk"), reached=Sum("participants"), counted=Count("participants"))
    rows = list(activities.select_related("project", "country")
                .order_by(F("start_date").desc(nulls_last=True), "project_id", "position")[:limit])
    people_presentation.annotate_activities(rows, exact=False)  # a list's count where there is one, in public
    return {"rows": rows, "total": stats["n"], "participants": stats["reached"] or 0,
            "counted": stats["counted"], "truncated": stats["n"] > len(rows)}


def countries_served(scope) -> list[Country]:
    """The countries the scope's projects serve, each with `n_projects`, by name."""
    served = agg.projects_per_country(scope)
    countries = list(Country.objects.filter(pk__in=served).order_by("name"))
    for country in countries:
        country.n_projects = served[country.pk]
    return countries


def _slice(request: HttpRequest, **params: Any):
    """The visible projects of a page's slice (e.g. sdg=16), as the project list filters them: on the
    in-memory index where it can answer, else a queryset."""
    query = QueryDict(mutable=True)
    for key, value in params.items():
        query[key] = str(value)
    return filtered_projects(request, query)


# --- Countries ----------------------------------------------------------------------------------------------------

class CountryListForm(forms.Form):
    """The GET form of the country index: a region, UN groupings, and whether to list countries with no project."""

    GROUPS = [("sids", gettext_lazy("Small island developing states (SIDS)")),
              ("ldc", gettext_lazy("Least developed countries (LDC)")),
              ("lldc", gettext_lazy("Landlocked developing countries (LLDC)"))]

    region = forms.ChoiceField(label=gettext_lazy("Region"), required=False)
    group = forms.MultipleChoiceField(label=gettext_lazy("UN grouping"), required=False, choices=GROUPS,
                                      widget=forms.CheckboxSelectMultiple)
    all = forms.BooleanField(label=gettext_lazy("Also list countries no project serves"), required=False)

    def __init__(self, *args, regions: list[Region], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = [("", _("All regions"))] + [(r.code, r.name) for r in regions]


def country_list(request: HttpRequest) -> HttpResponse:
    """The countries the visible projects serve, by region, with projects, budgets and activities held there."""
    regions = list(Region.objects.filter(kind=Region.Kind.REGION).order_by("name"))
    form = CountryListForm(request.GET or None, regions=regions)
    params = check_form(form, request)  # a bad region or grouping: a 400 naming it
    # Projects and budgets per country: a multi-country project's whole budget counts for each country it
    # serves (the records rarely split it). Counted on the index where it can (10 s in SQL at 1M projects).
    slice_ = _slice(request)
    served = {c.iso3: c for c in agg.countries_served(slice_)}
    countries = (Country.objects.select_related("region", "subregion")
                 .order_by(F("region__name").asc(nulls_last=True), "name"))
    if not params.get("all"):
        countries = countries.filter(pk__in=served)
    if params.get("region"):
        countries = countries.filter(region__code=params["region"])
    for group in params.get("group", []):
        countries = countries.filter(**{group: True})
    countries = list(countries)
    budgets = {iso3: sorted(c.amounts.items()) for iso3, c in served.items()}
    held = agg.activities_per_country(slice_)

    groups: list[dict[str, Any]] = []
    for country in countries:
        country.n_projects = served[country.pk].projects if country.pk in served else 0
        country.budget_totals = budgets.get(country.pk, [])
        country.n_activities, country.participants = held.get(country.pk, (0, None))
        country.projects_url = projects_url(country=country.pk)
        name = country.region.name if country.region else _("Other areas")
        if not groups or groups[-1]["name"] != name:
            groups.append({"name": name, "countries": []})
        groups[-1]["countries"].append(country)
    return render(request, "reference/country_list.html", {
        "form": form, "groups": groups, "count": len(countries), "show_all": bool(params.get("all")),
        "all_url": f"{reverse('reference:country_list')}?all=on",
    })


def country_detail(request: HttpRequest, iso3: str) -> HttpResponse:
    """A country's facts, the visible projects serving it, its budget over time, activities and partners there."""
    if iso3 != iso3.upper():
        # One address per country: /countries/brb/ and /countries/BRB/ are the same page.
        get_object_or_404(Country, pk=iso3.upper())
        return redirect("reference:country_detail", iso3=iso3.upper(), permanent=True)
    country = get_object_or_404(Country.objects.select_related("region", "subregion", "intermediate_region"),
                                pk=iso3)
    visible = visible_projects(request)
    scope = _slice(request, country=country.pk)
    activities = Activity.objects.counted().filter(country=country, project__in=visible.values("pk"))
    partners = (Organisation.objects.filter(country=country)
                .annotate(n_projects=Count("project_links__project", distinct=True,
                                           filter=Q(project_links__project__in=visible.values("pk"))))
                .filter(n_projects__gt=0).order_by("name"))
    budget = budget_by_year(scope)
    return render(request, "reference/country_detail.html", {
        "country": country,
        "projects": project_table(scope),
        "projects_url": projects_url(country=country.pk),
        "budget": budget,
        "budget_chart": budget_chart(budget, _("Budget of the projects serving %(country)s, by start year")
                                     % {"country": country.name}, {"country": country.pk}),
        "activities": activity_table(activities),
        "people": people_presentation.country_context(request, country),
        "partners": list(partners),
        "map_countries": [country.pk],
        "map_countries_json": json.dumps([country.pk]),
    })


# --- SDGs ---------------------------------------------------------------------------------------------------------

def sdg_list(request: HttpRequest) -> HttpResponse:
    """The 17 goals, each with the number of visible projects contributing to it."""
    per_goal = agg.projects_per_goal(_slice(request))
    goals = list(SdgGoal.objects.order_by("number"))
    for goal in goals:
        goal.n_projects = per_goal.get(goal.number, 0)
        goal.projects_url = projects_url(sdg=goal.number)
    return render(request, "reference/sdg_list.html", {"goals": goals})


def sdg_detail(request: HttpRequest, number: int) -> HttpResponse:
    """A goal, its targets with their project counts, the visible projects contributing, budgets and countries."""
    goal = get_object_or_404(SdgGoal, number=number)
    scope = _slice(request, sdg=goal.number)
    per_target = agg.projects_per_target(_slice(request))
    targets = list(SdgTarget.objects.filter(goal=goal).order_by("position", "code"))
    for target in targets:
        target.n_projects = per_target.get(target.code, 0)
        target.projects_url = projects_url(target=target.code)
    budget = budget_by_year(scope)
    return render(request, "reference/sdg_detail.html", {
        "goal": goal,
        "targets": targets,
        "projects": project_table(scope),
        "projects_url": projects_url(sdg=goal.number),
        "budget": budget,
        "budget_chart": budget_chart(budget, _("Budget of the projects contributing to SDG %(number)s, "
                                               "by start year") % {"number": goal.number}, {"sdg": goal.number}),
        "countries": countries_served(scope),
    })

