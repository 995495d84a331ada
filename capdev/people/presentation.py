"""Figures about people as a page, an export or the API shows them: every count through capdev.people.privacy.

The pages of other apps (the project page, the country page, the dashboard) ask `project_context`,
`country_context` and `dashboard_context` for what their people section shows.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from capdev.accounts.permissions import is_portfolio_admin
from capdev.core.access import is_staff_request

from . import aggregates as agg
from . import evaluations_summary, permissions, privacy
from .models import Network


@dataclass
class ShownReach:
    """A Reach as one channel shows it."""

    people: privacy.Shown
    attendances: privacy.Shown
    person_days: privacy.Shown
    contributors: privacy.Shown
    breakdowns: list[tuple[str, str, list[privacy.ShownCell]]] = field(default_factory=list)
    has_lists: bool = False
    activities_with_lists: int = 0
    pending: int = 0
    exact: bool = False
    stale: bool = False
    counting: bool = False

    def as_json(self) -> dict:
        """The API's shape: numbers, null where suppressed."""
        return {
            "people": self.people.json, "attendances": self.attendances.json,
            "person_days": self.person_days.json, "contributors": self.contributors.json,
            "suppressed": {"people": self.people.suppressed, "contributors": self.contributors.suppressed},
            "activities_with_lists": self.activities_with_lists,
            "breakdowns": {key: [c.as_json() for c in cells] for key, _label, cells in self.breakdowns},
        }


def show(reach: agg.Reach, exact: bool) -> ShownReach:
    """A reach with its small counts hidden unless `exact` (no figures while it is being counted)."""
    if reach.counting:
        unknown = privacy.Shown(None)
        return ShownReach(people=unknown, attendances=unknown, person_days=unknown, contributors=unknown,
                          exact=exact, counting=True)
    people = privacy.shown(reach.people, exact)
    labels = agg.dimension_labels()
    breakdowns = []
    for key in agg.DIMENSIONS:
        cells = reach.breakdowns.get(key)
        if not cells:
            continue
        shown = privacy.hide_all(cells) if people.suppressed else privacy.breakdown(cells, exact)
        breakdowns.append((key, labels[key], shown))
    return ShownReach(
        people=people,
        attendances=privacy.HIDDEN if people.suppressed else privacy.Shown(reach.attendances),
        person_days=privacy.HIDDEN if people.suppressed else privacy.Shown(reach.person_days),
        contributors=privacy.shown(reach.contributors, exact),
        breakdowns=breakdowns, has_lists=reach.has_lists, activities_with_lists=reach.activities_with_lists,
        pending=reach.pending if exact else 0, exact=exact, stale=reach.stale, counting=reach.counting)


def project_context(request, project) -> dict:
    """The project page's people section: reach, second generation, evaluations, networks."""
    exact = permissions.can_view_people(request.user, project)
    original = project.draft_of if project.draft_of_id else project
    reach = agg.project_reach(original, include_pending=exact)
    second = agg.second_generation(original, include_pending=exact)
    networks = list(Network.objects.filter(project_links__project=original)
                    .filter(**({} if exact or is_staff_request(request) else {"published": True})).order_by("name"))
    return {
        "reach": show(reach, exact), "second": show(second, exact),
        "trainers": privacy.shown(agg.trainers_trained(original, include_pending=exact), exact),
        "evaluation": evaluations_summary.summary(evaluations_summary.responses_of_project(original), exact),
        "networks": networks, "exact": exact, "project": original,
        "can_manage": permissions.can_manage_people(request.user, original),
    }


def country_context(request, country) -> dict:
    """The country page's people section: people from the country, and people reached at activities held there."""
    exact = is_portfolio_admin(request.user)
    from_country, held_there = agg.country_reach(country, include_pending=exact)
    return {"from_country": show(from_country, exact), "held_there": show(held_there, exact), "exact": exact}


def dashboard_context(request, projects, key: str) -> dict:
    """The dashboard's people section for the projects it shows (`key`: the request's filters, for the cache)."""
    exact = is_portfolio_admin(request.user)
    # No filter: every project its user sees, which for the public figures is what Attendance.public says.
    reach = agg.projects_reach(projects, include_pending=exact, key=key, whole_portfolio=key == "all")
    participation = agg.participation(projects, include_pending=exact, key=key)
    lists = participation_lists(participation, exact)
    return {"reach": show(reach, exact), "participation": participation, "exact": exact, "lists": lists,
            # The sum with the lists in it would tell a hidden count (total minus recorded).
            "total": privacy.WITHHELD if lists.suppressed else privacy.Shown(participation.total)}


def participation_lists(participation: agg.Participation, exact: bool) -> privacy.Shown:
    """The participants counted on lists over many activities, as a channel may show it: hidden when small, and
    withheld when it would tell the lists each activity's page shows as "fewer than 5" (privacy.total_over)."""
    lists = privacy.shown(participation.from_lists, exact)
    if lists.suppressed:
        return lists
    return privacy.total_over(participation.from_lists, participation.small_lists, exact)


def participants_label(number: agg.Participants | None, exact: bool) -> str:
    """"52 (attendance list)" or "40 (as recorded)", as the activity's page and timeline say it."""
    if number is None or number.count is None:
        return ""
    if number.from_list:
        return _("%(n)s (from the attendance list)") % {"n": privacy.shown(number.count, exact)}
    if number.listed is not None:
        return _("%(n)s (as recorded: the attendance list counts %(listed)s of them)") % {
            "n": number.count, "listed": privacy.shown(number.listed, exact)}
    return _("%(n)s (as recorded)") % {"n": number.count}


def annotate_activities(activities: list, exact: bool) -> None:
    """Each activity's participant number from its list where it has one (`people_number`, `people_text`, and
    `people_shown`, the list's count as this channel may show it)."""
    numbers = agg.participant_numbers(activities, include_pending=exact)
    for a in activities:
        a.people_number = numbers.get(a.pk)
        from_list = bool(a.people_number and a.people_number.from_list)
        partial = bool(a.people_number and a.people_number.listed is not None)
        a.people_text = participants_label(a.people_number, exact) if from_list or partial else ""
        a.people_shown = privacy.shown(a.people_number.count, exact) if from_list else None


def headline_value(values: list):
    """The value a computed indicator's headline gives: the latest, unless its period is not over and nothing
    is counted in it yet (a running year's 0 said nothing of the people the project reached before it), then
    the latest before it."""
    today = timezone.localdate()
    actuals = [v for v in values if v.actual is not None]
    while len(actuals) > 1 and actuals[-1].period_end > today and not actuals[-1].actual:
        actuals.pop()
    return actuals[-1] if actuals else None


def annotate_indicators(outcomes: list, exact: bool) -> None:
    """Computed indicators' latest actual as a channel may show it (`latest_shown`; `computed` set)."""
    from .indicators import ALL, BASE

    for outcome in outcomes:
        for ind in outcome.indicators.all():
            source = getattr(ind, "people_source", None)
            ind.computed = source is not None
            if not ind.computed or getattr(ind, "latest", None) is None:
                continue
            ind.latest = headline_value(list(ind.values.all()))
            base = next((b.actual for b in ind.latest.breakdowns.all() if b.dimension == BASE and b.category == ALL),
                        None)
            percent = source.measure in ("increased_knowledge", "satisfied", "applied")
            value = ind.latest.actual
            shown = privacy.share(int(value * (base or 0) / 100), int(base or 0), exact) if percent and base \
                else privacy.shown(int(base) if base is not None else None, exact, value=value)
            ind.latest_shown = shown


def indicator_values_shown(project, data: dict, exact: bool) -> None:
    """A project's record (its JSON shape, `data`) with its computed indicator values as this caller may see
    them: a value resting on fewer than 5 people has no actual, and no comment counting them (the API's project,
    the portal's JSON export; IATI does the same in capdev.iati.export)."""
    if exact:
        return
    from .indicators import public_readings

    pairs = [(v, shown)
             for outcome, outcome_data in zip(project.outcomes.all(), data.get("outcomes") or [])
             for indicator, indicator_data in zip(outcome.indicators.all(), outcome_data.get("indicators") or [])
             for v, shown in zip(indicator.values.all(), indicator_data.get("values") or [])]
    readings = public_readings([v for v, _shown in pairs])
    for value, shown in pairs:
        reading = readings.get(value.pk)
        if reading is not None:
            shown["actual"] = None if reading.actual is None else float(reading.actual) \
                if reading.actual != reading.actual.to_integral() else int(reading.actual)
            shown["comment"] = reading.comment
