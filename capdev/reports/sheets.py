"""A project as a printed sheet shows it: the fact sheet's and the portfolio report's page per project.

One builder for both, from a project read with SHEET_PREFETCH (in chunks for a report: `sheets_of`). People
figures are aggregates through capdev.people's suppression helper, always as the public sees them (exact=False):
a PDF travels further than the page it came from, so even a reader allowed the names gets the public figures.
Names of people never reach a sheet.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import F, Prefetch

from capdev.activities.models import Activity
from capdev.core.views import format_period
from capdev.people import aggregates as people_aggregates
from capdev.people import presentation as people_presentation
from capdev.projects.models import (
    Indicator,
    Outcome,
    ProjectCountry,
    ProjectPartner,
    ProjectSdgGoal,
    ProjectStatus,
    project_budget_lines,
)
from capdev.projects.presentation import budget_summary, participants_text

from .capping import REPORT_PAGE, Limits

SHEET_PREFETCH = (
    "budgets", "region_links__region",
    Prefetch("country_links", queryset=ProjectCountry.objects.select_related("country").order_by("country__name")),
    Prefetch("sdg_goal_links", queryset=ProjectSdgGoal.objects.select_related("goal").order_by("goal_id")),
    Prefetch("outcomes", queryset=Outcome.objects.order_by("position", "pk").prefetch_related(
        Prefetch("indicators", queryset=Indicator.objects.select_related("people_source")
                 .prefetch_related("values__breakdowns")))),
    Prefetch("activities", queryset=Activity.objects.order_by(F("start_date").asc(nulls_last=True), "position")),
    Prefetch("partner_links", queryset=ProjectPartner.objects.select_related("organisation").order_by("position")),
)
CHUNK = 100  # projects per prefetch round in a report: memory stays bounded whatever the report's size
ACTIVITIES_LISTED = 12  # a fact sheet lists this many activities, then says how many more there are


@dataclass
class ProjectSheet:
    """What a printed sheet shows of one project."""

    project: object
    period: str
    status: str
    budget_text: str
    budget_totals: list[tuple[str, Decimal]]
    regions: list[str]
    countries: list
    sdgs: list
    outcomes: list
    activities: list
    activities_more: int
    activity_count: int
    participants_recorded: int
    partners: list[tuple[str, list[str]]]
    reach: object | None = None  # people reached from attendance lists (fact sheet only), suppressed
    map_svg: str | None = None
    extra: dict = field(default_factory=dict)
    # What a fact sheet shows of the project's lists and texts (capping.capped): the shown lists above are the
    # first items of these, the *_more counts what is left out, and `url` is the page where all of it is.
    limits: Limits = REPORT_PAGE
    url: str = ""
    all_outcomes: list = field(default_factory=list)
    all_activities: list = field(default_factory=list)
    all_partners: list = field(default_factory=list)
    all_countries: list = field(default_factory=list)
    outcomes_more: int = 0
    partners_more: int = 0
    countries_more: int = 0


def sheet_queryset(queryset):
    """The queryset with what a sheet shows read in a fixed number of queries."""
    return queryset.select_related("lead_unit", "funding_source").prefetch_related(*SHEET_PREFETCH)


def project_sheet(project, *, activities_listed: int = ACTIVITIES_LISTED) -> ProjectSheet:
    """The sheet of a project read through sheet_queryset."""
    budget_lines = list(project.budgets.all())
    totals: dict[str, Decimal] = {}
    for line in project_budget_lines(budget_lines):
        totals[line.currency_id] = totals.get(line.currency_id, Decimal(0)) + line.amount
    outcomes = list(project.outcomes.all())
    for outcome in outcomes:
        for ind in outcome.indicators.all():
            actuals = [v for v in ind.values.all() if v.actual is not None]
            ind.latest = actuals[-1] if actuals else None
        outcome.shown_indicators = list(outcome.indicators.all())
        outcome.indicators_more = 0
    counted = [a for a in project.activities.all() if not a.recalled]  # Activity.objects.counted()'s rule
    for a in counted:
        a.when = a.dates_text or format_period(a.start_date, a.start_precision, a.end_date, a.end_precision)
        a.who = participants_text(a)
    role_labels = dict(ProjectPartner.Role.choices)
    partners: dict[str, list[str]] = {}
    for link in project.partner_links.all():
        names = partners.setdefault(str(role_labels.get(link.role, link.role)), [])
        if link.organisation.name not in names:
            names.append(link.organisation.name)
    countries = [link.country for link in project.country_links.all()]
    return ProjectSheet(
        project=project,
        period=format_period(project.start_date, project.start_precision, project.end_date, project.end_precision),
        status=str(dict(ProjectStatus.choices).get(project.status, "")),
        budget_text=budget_summary(budget_lines),
        budget_totals=sorted(totals.items()),
        regions=[link.region.name for link in project.region_links.all()],
        countries=countries,
        sdgs=[link.goal for link in project.sdg_goal_links.all()],
        outcomes=outcomes,
        activities=counted[:activities_listed],
        activities_more=max(len(counted) - activities_listed, 0),
        activity_count=len(counted),
        participants_recorded=sum(a.participants or 0 for a in counted),
        partners=list(partners.items()),
        all_outcomes=outcomes,
        all_activities=counted,
        all_partners=list(partners.items()),
        all_countries=countries,
    )


def with_people(sheet: ProjectSheet) -> ProjectSheet:
    """The sheet with its people figures as the public sees them: reach from the published attendance lists,
    list-based participant numbers and computed indicators, small counts suppressed."""
    project = sheet.project
    original = project.draft_of if project.draft_of_id else project
    sheet.reach = people_presentation.show(people_aggregates.project_reach(original, include_pending=False),
                                           exact=False)
    people_presentation.annotate_activities(sheet.activities, exact=False)
    people_presentation.annotate_indicators(sheet.outcomes, exact=False)
    return sheet


def sheets_of(queryset, pks: Iterable[int], *, people: bool = True) -> Iterator[ProjectSheet]:
    """The sheets of these projects, in this order, read CHUNK at a time from queryset (the visible ones);
    people=False leaves out the computed indicators' suppressed figures (a table row does not show them)."""
    pks = list(pks)
    for start in range(0, len(pks), CHUNK):
        chunk = pks[start:start + CHUNK]
        by_pk = {p.pk: p for p in sheet_queryset(queryset.filter(pk__in=chunk).order_by())}
        for pk in chunk:
            if pk in by_pk:
                sheet = project_sheet(by_pk[pk], activities_listed=0)
                if people:
                    people_presentation.annotate_indicators(sheet.outcomes, exact=False)
                yield sheet


def sheet_heading(sheet: ProjectSheet) -> str:
    """The sheet's title line: code and title."""
    p = sheet.project
    return f"{p.code} – {p.title}" if p.code else p.title

