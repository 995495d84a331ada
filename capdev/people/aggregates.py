"""People reached, counted in SQL: unique people, attendances and person-days, by sex, country, institution type
and seniority, for an activity, a project, a country or any filtered set of projects (the dashboard).

"People reached" are an activity's participants; speakers, facilitators, trainers and organisers are counted
apart ("contributors"). The public counts published attendance lists of published projects only; users who
may see the names (capdev.people.permissions) also count lists awaiting review. Each function runs a fixed
number of queries whatever the numbers of people; a portfolio-wide answer is kept in the cache until the
portfolio's version moves (capdev.projects.index_version, which every change of people data moves too).

The figures here are raw: every channel shows them through capdev.people.privacy.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.cache import cache
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum
from django.utils.translation import gettext as _

from capdev.activities.models import Activity
from capdev.projects import index_version
from capdev.projects.models import Project, ReviewState
from capdev.reference.models import Country

from .models import Attendance, AttendanceState, InstitutionType, Person, Role, Seniority, Sex
from .privacy import Cell

CACHE_SECONDS = 600
DIMENSIONS = ("sex", "country", "institution_type", "seniority")


def dimension_labels() -> dict[str, str]:
    """The breakdowns' headings."""
    return {"sex": _("Sex"), "country": _("Country"), "institution_type": _("Institution type"),
            "seniority": _("Seniority")}


@dataclass
class Reach:
    """Whom a scope's attendance lists reached."""

    people: int = 0
    attendances: int = 0
    person_days: Decimal | None = Decimal(0)
    contributors: int = 0
    activities_with_lists: int = 0
    pending: int = 0
    breakdowns: dict[str, list[Cell]] = field(default_factory=dict)

    @property
    def has_lists(self) -> bool:
        """Whether any attendance list counts here."""
        return self.activities_with_lists > 0


def public_attendance() -> QuerySet:
    """Attendance the public counts: published lists of published projects' activities."""
    return Attendance.objects.filter(state=AttendanceState.PUBLISHED, activity__project__review_state=
                                     ReviewState.PUBLISHED, activity__project__draft_of__isnull=True)


def counted_attendance(include_pending: bool) -> QuerySet:
    """The attendance a user's figures count: public, or (for those who see names) every list of the registry."""
    if not include_pending:
        return public_attendance()
    return Attendance.objects.filter(activity__isnull=False, activity__project__draft_of__isnull=True)


def _labels(dimension: str, keys) -> dict:
    if dimension == "sex":
        return dict(Sex.choices)
    if dimension == "seniority":
        return dict(Seniority.choices)
    if dimension == "institution_type":
        return {**dict(InstitutionType.choices), None: InstitutionType.NOT_STATED.label}
    names = dict(Country.objects.filter(pk__in=[k for k in keys if k]).values_list("iso3", "name"))
    names[None] = _("Not stated")
    return names


_PATHS = {"sex": "person__sex", "country": "person__country_id",
          "institution_type": "person__institution__type", "seniority": "person__seniority"}
_ORDER = {"sex": [s.value for s in Sex], "seniority": [s.value for s in Seniority],
          "institution_type": [t.value for t in InstitutionType]}


def _key(dimension: str, value) -> str:
    if dimension == "country":
        return value or ""
    return value or "not_stated"


def reach_of(attendance: QuerySet, breakdowns: tuple[str, ...] = DIMENSIONS) -> Reach:
    """The reach of these attendance rows (already cut to a scope and to what the user may count); 2-3 queries.

    The participants are counted once, grouped by all four categories together: each person has one value of
    each, so the people of one category's value are the sum over the groups holding it (a person is in exactly
    one group), and every breakdown and the total come from that one query.
    """
    paths = [_PATHS[d] for d in DIMENSIONS]
    groups = list(attendance.filter(role=Role.PARTICIPANT).order_by().values(*paths).annotate(
        people=Count("person_id", distinct=True), attendances=Count("pk"), days=Sum("days")))
    overall = attendance.order_by().aggregate(
        activities=Count("activity_id", distinct=True),
        contributors=Count("person_id", distinct=True, filter=~Q(role=Role.PARTICIPANT)),
        pending=Count("pk", filter=Q(state=AttendanceState.PENDING)))
    days = [g["days"] for g in groups if g["days"] is not None]
    reach = Reach(people=sum(g["people"] for g in groups), attendances=sum(g["attendances"] for g in groups),
                  person_days=sum(days, Decimal(0)) if days else None,  # None: no list says days
                  contributors=overall["contributors"], activities_with_lists=overall["activities"],
                  pending=overall["pending"])
    if reach.people:
        reach.breakdowns = {d: _breakdown(groups, d) for d in breakdowns}
    return reach


def _breakdown(groups: list[dict], dimension: str) -> list[Cell]:
    path = _PATHS[dimension]
    cells: dict[str, Cell] = {}
    for g in groups:
        key = _key(dimension, g[path])
        cell = cells.setdefault(key, Cell(key, key, 0, person_days=None))
        cell.people += g["people"]
        cell.attendances += g["attendances"]
        if g["days"] is not None:
            cell.person_days = (cell.person_days or Decimal(0)) + g["days"]
    labels = _labels(dimension, [k for k in cells if k])
    for cell in cells.values():
        cell.label = str(labels.get(cell.key or None, labels.get(cell.key, cell.key)))
    order = _ORDER.get(dimension)
    if order:
        return sorted(cells.values(), key=lambda c: order.index(c.key) if c.key in order else len(order))
    return sorted(cells.values(), key=lambda c: (-c.people, c.label))


def _cached(key: tuple, compute: Callable[[], Reach]) -> Reach:
    """A portfolio-wide figure once per version of the portfolio (attendance changes move the version)."""
    full = ("capdev-people", index_version.current(), *key)
    text = ":".join(str(k) for k in full)
    value = cache.get(text)
    if value is None:
        value = compute()
        cache.set(text, value, CACHE_SECONDS)
    return value


# -- scopes ---------------------------------------------------------------------------------------------------

def activity_reach(activity: Activity, include_pending: bool) -> Reach:
    """Whom one activity's list reached."""
    return reach_of(counted_attendance(include_pending).filter(activity=activity))


def project_reach(project: Project, include_pending: bool) -> Reach:
    """Whom the project's activities' lists reached (a person at two of its workshops counts once)."""
    return reach_of(counted_attendance(include_pending).filter(activity__project=project))


def projects_reach(projects: QuerySet, include_pending: bool, key: str = "") -> Reach:
    """Whom the lists of a set of projects reached (the dashboard's projects, a filtered list); `key`, when
    given, names the set for the cache (the request's filters)."""
    ids = projects.order_by().values("pk")

    def compute() -> Reach:
        return reach_of(counted_attendance(include_pending).filter(activity__project__in=ids))

    return _cached(("projects", key, include_pending), compute) if key else compute()


def country_reach(country: Country, include_pending: bool) -> tuple[Reach, Reach]:
    """(people from the country, wherever they were reached; people reached at activities held there)."""
    counted = counted_attendance(include_pending)
    return (reach_of(counted.filter(person__country=country), breakdowns=("sex", "institution_type", "seniority")),
            reach_of(counted.filter(activity__country=country)))


# -- participant numbers: from the list where there is one, else as recorded ------------------------------------

@dataclass
class Participants:
    """An activity's participant number and where it comes from."""

    count: int | None
    from_list: bool
    pending: int = 0


def participant_numbers(activities: list[Activity], include_pending: bool) -> dict[int, Participants]:
    """{activity id: its participants}: counted on its attendance list where it has one the user may count,
    else the number recorded (the seed's counts). One query."""
    ids = [a.pk for a in activities]
    rows = (counted_attendance(include_pending).filter(activity_id__in=ids).order_by().values("activity_id")
            .annotate(n=Count("person_id", distinct=True, filter=Q(role=Role.PARTICIPANT)), listed=Count("pk"),
                      pending=Count("pk", filter=Q(state=AttendanceState.PENDING))))
    listed = {row["activity_id"]: row for row in rows}
    out = {}
    for a in activities:
        row = listed.get(a.pk)
        if row:
            out[a.pk] = Participants(row["n"], True, row["pending"])
        else:
            out[a.pk] = Participants(a.participants, False)
    return out


@dataclass
class Participation:
    """Participants over a set of projects' activities: the lists' counts where there are lists, the recorded
    numbers elsewhere."""

    from_lists: int = 0
    activities_with_lists: int = 0
    recorded: int = 0
    activities_recorded: int = 0

    @property
    def total(self) -> int:
        """Both together."""
        return self.from_lists + self.recorded


def participation(projects: QuerySet, include_pending: bool, key: str = "") -> Participation:
    """Participants of the projects' activities, each activity counted from its list if it has one, else by its
    recorded number (a person at two activities counts twice, as recorded numbers do)."""
    ids = projects.order_by().values("pk")

    def compute() -> Participation:
        listed = counted_attendance(include_pending).filter(activity_id=OuterRef("pk"))
        activities = Activity.objects.filter(project__in=ids).annotate(has_list=Exists(listed))
        recorded = activities.filter(has_list=False).aggregate(n=Sum("participants"), k=Count("participants"))
        lists = (counted_attendance(include_pending).filter(activity__project__in=ids, role=Role.PARTICIPANT)
                 .order_by().values("activity_id").annotate(n=Count("person_id", distinct=True)))
        counts = [row["n"] for row in lists]
        return Participation(sum(counts), len(counts), recorded["n"] or 0, recorded["k"])

    if not key:
        return compute()
    full = ("capdev-people-participation", index_version.current(), key, include_pending)
    text = ":".join(str(k) for k in full)
    value = cache.get(text)
    if value is None:
        value = compute()
        cache.set(text, value, CACHE_SECONDS)
    return value


# -- second generation: people trained by the trainers a project trained ----------------------------------------

def second_generation(project: Project, include_pending: bool) -> Reach:
    """Participants of the activities whose trainers were trained at one of the project's activities (a training
    of trainers), wherever those activities were held and whichever project they belong to."""
    counted = counted_attendance(include_pending)
    taught = counted.filter(role=Role.TRAINER, trained_at__activity__project=project).values("activity_id")
    return reach_of(counted.filter(activity_id__in=taught), breakdowns=("sex", "seniority"))


def trainers_trained(project: Project, include_pending: bool) -> int:
    """How many of the project's participants in a training of trainers later trained others."""
    counted = counted_attendance(include_pending)
    return (counted.filter(role=Role.TRAINER, trained_at__activity__project=project)
            .values("person_id").distinct().count())


def people_of_project(project: Project) -> QuerySet:
    """The persons on the project's lists (for those who may see them), every list whatever its state."""
    return Person.objects.filter(pk__in=Attendance.objects.filter(activity__project=project).values("person_id"))
