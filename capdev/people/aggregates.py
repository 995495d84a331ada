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

import hashlib
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import Decimal

from django.conf import settings
from django.core.cache import cache
from django.db import connections
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import translation
from django.utils.translation import gettext as _

from capdev.activities.models import Activity
from capdev.core import http_cache
from capdev.projects import index_version
from capdev.projects.models import Project
from capdev.reference.models import Country

from . import privacy
from .models import Attendance, AttendanceState, InstitutionType, Person, Role, Seniority, Sex
from .privacy import Cell

CACHE_SECONDS = 24 * 3600  # keyed by the portfolio's version: a figure is not kept past its version's change
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
    stale: bool = False  # counted before the portfolio's latest change (being counted again)
    counting: bool = False  # not counted yet in this process: being counted (the figures are empty)

    @property
    def has_lists(self) -> bool:
        """Whether any attendance list counts here."""
        return self.activities_with_lists > 0


def public_attendance() -> QuerySet:
    """Attendance the public counts: published lists of published projects' activities (Attendance.public,
    kept in step with both: no join)."""
    return Attendance.objects.filter(public=True, activity__isnull=False)


def counted_attendance(include_pending: bool) -> QuerySet:
    """The attendance a user's totals count: public, or (for those who see names) every list of the registry
    (attendance is only ever on an original's activities); never the lists of activities recalled as a
    project's history (Activity.objects.counted()'s rule: Attendance.public holds it for the public)."""
    if not include_pending:
        return public_attendance()
    return Attendance.objects.filter(activity__isnull=False, activity__recalled=False)


def listed_attendance(activities: list[Activity], include_pending: bool) -> QuerySet:
    """The attendance these activities' own figures count, recalled history or not (their page, their
    participant numbers): each one's published list if its project is public (the few projects concerned
    asked in a subquery of their own, not joined with the rows), or every row for those who see names."""
    rows = Attendance.objects.filter(activity__in=[a.pk for a in activities])
    if include_pending:
        return rows
    public = Project.objects.filter(pk__in={a.project_id for a in activities}, review_state="published",
                                    draft_of__isnull=True).values("pk")
    return rows.filter(state=AttendanceState.PUBLISHED, project_id__in=public)


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


def reach_of(attendance: QuerySet, breakdowns: tuple[str, ...] = DIMENSIONS, pending: bool = False) -> Reach:
    """The reach of these attendance rows (already cut to a scope and to what the user may count); 2-3 queries.

    The participants are counted per person first (how many attendances and days each), then those people
    are grouped by all four categories together: each person has one value of each, so the people of one
    category's value are the sum over the groups holding it, and every breakdown and the total come from that
    one query. Counting per person first is a hash aggregation; COUNT(DISTINCT ...) per group sorted millions
    of rows (42 s for a portfolio of five million attendances on PostgreSQL, against a few).
    """
    groups = _groups(attendance.filter(role=Role.PARTICIPANT))
    days = [g["days"] for g in groups if g["days"] is not None]
    reach = Reach(people=sum(g["people"] for g in groups), attendances=sum(g["attendances"] for g in groups),
                  person_days=sum(days, Decimal(0)) if days else None,  # None: no list says days
                  contributors=_distinct(attendance.exclude(role=Role.PARTICIPANT), "person_id"),
                  activities_with_lists=_distinct(attendance, "activity_id"),
                  pending=attendance.filter(state=AttendanceState.PENDING).count() if pending else 0)
    if reach.people:
        reach.breakdowns = {d: _breakdown(groups, d) for d in breakdowns}
    return reach


def _distinct(rows: QuerySet, column: str) -> int:
    """How many different values of a column the rows hold, grouped first (a hash aggregation, not a sort)."""
    return rows.order_by().values(column).annotate(n=Count("pk")).aggregate(k=Count(column))["k"]


def _groups(participants: QuerySet) -> list[dict]:
    """People, attendances and days by (sex, country, institution type, seniority), counting each person once:
    the rows grouped by person, then the people by their categories (one query)."""
    per_person = participants.order_by().values("person_id").annotate(att=Count("pk"), days=Sum("days"))
    inner, params = per_person.query.sql_with_params()
    connection = connections[participants.db]
    q = connection.ops.quote_name
    person, institution = Person._meta.db_table, Person._meta.get_field("institution").related_model._meta.db_table
    sql = (f"SELECT p.{q('sex')}, p.{q('country_id')}, i.{q('type')}, p.{q('seniority')}, COUNT(*), SUM(x.att), "
           f"SUM(x.days) FROM ({inner}) x JOIN {q(person)} p ON p.{q('id')} = x.{q('person_id')} "
           f"LEFT JOIN {q(institution)} i ON i.{q('id')} = p.{q('institution_id')} GROUP BY 1, 2, 3, 4")
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    keys = [_PATHS[d] for d in DIMENSIONS]
    out = []
    for sex, country, kind, seniority, people, attendances, days in rows:
        group = dict(zip(keys, (sex, country, kind, seniority)))
        group.update(people=people, attendances=attendances,
                     days=None if days is None else Decimal(str(days)))
        out.append(group)
    return out


def per_project(participants: QuerySet) -> dict[int, list[tuple]]:
    """{project id: [(sex, seniority, people, attendances, person-days)]}: each project's participants counted
    once each, by sex and seniority together (a person has one of each, so a project's people of a sex are the
    sum over its seniorities); the rows grouped by (project, person) first, then joined to the people (one
    query, hash aggregations, whatever the number of projects)."""
    per_pair = participants.order_by().values("project_id", "person_id").annotate(att=Count("pk"), days=Sum("days"))
    inner, params = per_pair.query.sql_with_params()
    connection = connections[participants.db]
    q = connection.ops.quote_name
    sql = (f"SELECT x.{q('project_id')}, p.{q('sex')}, p.{q('seniority')}, COUNT(*), SUM(x.att), SUM(x.days) "
           f"FROM ({inner}) x JOIN {q(Person._meta.db_table)} p ON p.{q('id')} = x.{q('person_id')} "
           f"GROUP BY 1, 2, 3")
    out: dict[int, list[tuple]] = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for project, sex, level, people, attendances, days in cursor.fetchall():
            out.setdefault(project, []).append((sex, level, people, attendances,
                                                None if days is None else Decimal(str(days))))
    return out


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


def _marked(value, **flags):
    """A cached figure (or a tuple of them) with flags set: stale, counting."""
    if isinstance(value, tuple):
        return tuple(replace(v, **flags) for v in value)
    return replace(value, **flags)


def _cached(key: tuple, compute: Callable[[], object], empty: object):
    """A figure over many projects, once per version of the portfolio (attendance changes move the version).

    A portfolio-wide count reads millions of attendances (seconds, see docs/performance.md), and no visitor
    waits for it (CAPDEV_PEOPLE_BACKGROUND; the tests, on a database a thread cannot see, count in the
    request): when the portfolio has moved since the figure was counted, the figure as it was is answered,
    marked `stale`; when none was counted yet in this process, `empty` is, marked `counting`; either way a
    thread counts it meanwhile (at most once per CAPDEV_PEOPLE_REFRESH_SECONDS for a figure, so that a busy
    day's edits do not keep the database counting), and the page says so.
    """
    version = index_version.current()
    # The figures' labels are in the request's language: each language has its own (counted in that language).
    language = translation.get_language()
    key = (*key, language)
    # Hashed: a key holds the list's parameters, and memcached (CAPDEV_CACHE_URL) refuses keys over 250 bytes.
    name = "capdev-people:" + hashlib.sha1(":".join(str(k) for k in key).encode()).hexdigest()
    entry = cache.get(name)
    if entry is not None and entry[0] == version:
        return entry[1]
    if getattr(settings, "CAPDEV_PEOPLE_BACKGROUND", True):
        refresh_in_background(name, version, compute, language)
        http_cache.incomplete("people figures are being counted")  # no page showing them is kept
        return _marked(entry[1], stale=True) if entry is not None else _marked(empty, counting=True)
    value = compute()
    cache.set(name, (version, value), CACHE_SECONDS)
    return value


_REFRESHING: set[str] = set()
_STARTED: dict[str, float] = {}  # when each figure was last counted again, for CAPDEV_PEOPLE_REFRESH_SECONDS
_LOCK = threading.Lock()


def refresh_in_background(name: str, version: str, compute: Callable[[], object], language: str | None = None) -> None:
    """Compute a figure again in a thread of its own (one per figure at a time, and not again within
    CAPDEV_PEOPLE_REFRESH_SECONDS of the last time unless none was kept), then keep it for its version."""
    interval = getattr(settings, "CAPDEV_PEOPLE_REFRESH_SECONDS", 60)
    with _LOCK:
        if name in _REFRESHING:
            return
        if cache.get(name) is not None and time.monotonic() - _STARTED.get(name, -interval) < interval:
            return
        _REFRESHING.add(name)
        _STARTED[name] = time.monotonic()

    def run() -> None:
        from django.db import connections as all_connections

        try:
            with translation.override(language):  # a thread starts in the default language
                cache.set(name, (version, compute()), CACHE_SECONDS)
        except Exception:  # noqa: BLE001 - a failed refresh leaves the old figure; the next request tries again
            logging.getLogger(__name__).exception("people figures: refresh of %s failed", name)
        finally:
            all_connections.close_all()
            with _LOCK:
                _REFRESHING.discard(name)

    threading.Thread(target=run, name=f"capdev-people-{name}", daemon=True).start()


def warm_up() -> None:
    """Count the whole portfolio's public figures in the background as a worker starts (gunicorn.conf.py), so
    that the dashboard's first visitor finds them counted."""
    projects = Project.objects.published()
    projects_reach(projects, include_pending=False, key="all", whole_portfolio=True)
    participation(projects, include_pending=False, key="all")


# -- scopes ---------------------------------------------------------------------------------------------------

def activity_reach(activity: Activity, include_pending: bool) -> Reach:
    """Whom one activity's list reached."""
    return reach_of(listed_attendance([activity], include_pending), pending=include_pending)


def project_reach(project: Project, include_pending: bool) -> Reach:
    """Whom the project's activities' lists reached (a person at two of its workshops counts once)."""
    return reach_of(counted_attendance(include_pending).filter(project=project), pending=include_pending)


def projects_reach(projects: QuerySet, include_pending: bool, key: str = "",
                   whole_portfolio: bool = False) -> Reach:
    """Whom the lists of a set of projects reached (the dashboard's projects, a filtered list); `key`, when
    given, names the set for the cache (the request's filters). `whole_portfolio`: the set is every project
    the public sees, so the public figures need no join with it (Attendance.public says it already)."""
    ids = projects.order_by().values("pk")

    def compute() -> Reach:
        rows = counted_attendance(include_pending)
        if not (whole_portfolio and not include_pending):
            rows = rows.filter(project__in=ids)
        return reach_of(rows, pending=include_pending)

    return _cached(("projects", key, include_pending), compute, Reach()) if key else compute()


def country_reach(country: Country, include_pending: bool) -> tuple[Reach, Reach]:
    """(people from the country, wherever they were reached; people reached at activities held there); kept
    per version of the portfolio as the dashboard's figures are (a large country's people are many)."""
    def compute() -> tuple[Reach, Reach]:
        counted = counted_attendance(include_pending)
        return (reach_of(counted.filter(person__country=country),
                         breakdowns=("sex", "institution_type", "seniority")),
                reach_of(counted.filter(activity__country=country)))

    return _cached(("country", country.pk, include_pending), compute, (Reach(), Reach()))


# -- participant numbers: from the list where there is one, else as recorded ------------------------------------

@dataclass
class Participants:
    """An activity's participant number and where it comes from."""

    count: int | None
    from_list: bool
    pending: int = 0
    listed: int | None = None  # a list's participants when it counts fewer than the record: then not the number


def _list_counts(number_recorded: int | None, listed: int) -> bool:
    """Whether an activity's list gives its participant number: unless it counts fewer than half the number the
    record gives, when it is taken to be partial (a speakers' list, one day's sign-in, the few who signed: a
    partial list does not make the participants vanish). A list a little short of a round recorded figure
    ("over 50") counts."""
    return number_recorded is None or listed * 2 >= number_recorded


def participant_numbers(activities: list[Activity], include_pending: bool) -> dict[int, Participants]:
    """{activity id: its participants}: counted on its attendance list where it has one the user may count,
    else the number recorded (the seed's counts). One query."""
    if not activities:
        return {}
    # A person is on an activity's list once (a constraint): its participants are its participant rows.
    rows = (listed_attendance(activities, include_pending).order_by().values("activity_id")
            .annotate(n=Count("pk", filter=Q(role=Role.PARTICIPANT)), listed=Count("pk"),
                      pending=Count("pk", filter=Q(state=AttendanceState.PENDING))))
    listed = {row["activity_id"]: row for row in rows}
    out = {}
    for a in activities:
        row = listed.get(a.pk)
        if row and _list_counts(a.participants, row["n"]):
            out[a.pk] = Participants(row["n"], True, row["pending"])
        elif row:
            out[a.pk] = Participants(a.participants, False, row["pending"], listed=row["n"])
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
    stale: bool = False
    counting: bool = False
    small_lists: tuple[int, ...] = ()  # the lists' counts below the threshold (each shown hidden on its page)

    @property
    def total(self) -> int:
        """Both together."""
        return self.from_lists + self.recorded


def participation(projects: QuerySet, include_pending: bool, key: str = "") -> Participation:
    """Participants of the projects' activities, each activity counted from its list if it has one, else by its
    recorded number (a person at two activities counts twice, as recorded numbers do)."""
    ids = projects.order_by().values("pk")

    def compute() -> Participation:
        # A person is on an activity's list once (a constraint): its participants are its participant rows.
        listed = (counted_attendance(include_pending).filter(activity_id=OuterRef("pk"), role=Role.PARTICIPANT)
                  .order_by().values("activity_id").annotate(n=Count("pk")).values("n")[:1])
        activities = (Activity.objects.counted().filter(project__in=ids)
                      .annotate(has_list=Exists(counted_attendance(include_pending).filter(activity_id=OuterRef("pk"))),
                                listed=Coalesce(Subquery(listed), 0)))
        # The list counts unless it counts fewer than the record (_list_counts): then the record does.
        by_list = Q(has_list=True) & (Q(participants__isnull=True) | Q(participants__lte=F("listed") * 2))
        sums = activities.aggregate(lists=Sum("listed", filter=by_list), k=Count("pk", filter=by_list),
                                    recorded=Sum("participants", filter=~by_list),
                                    m=Count("participants", filter=~by_list))
        small = activities.filter(by_list, listed__gt=0, listed__lt=privacy.threshold()).values_list("listed",
                                                                                                       flat=True)
        return Participation(sums["lists"] or 0, sums["k"], sums["recorded"] or 0, sums["m"], small_lists=tuple(small))

    return _cached(("participation", key, include_pending), compute, Participation()) if key else compute()


# -- second generation: people trained by the trainers a project trained ----------------------------------------

def second_generation(project: Project, include_pending: bool) -> Reach:
    """Participants of the activities whose trainers were trained at one of the project's activities (a training
    of trainers), wherever those activities were held and whichever project they belong to."""
    counted = counted_attendance(include_pending)
    taught = counted.filter(role=Role.TRAINER, trained_at__project=project).values("activity_id")
    return reach_of(counted.filter(activity_id__in=taught), breakdowns=("sex", "seniority"))


def trainers_trained(project: Project, include_pending: bool) -> int:
    """How many of the project's participants in a training of trainers later trained others."""
    counted = counted_attendance(include_pending)
    return (counted.filter(role=Role.TRAINER, trained_at__project=project)
            .values("person_id").distinct().count())


def people_of_project(project: Project) -> QuerySet:
    """The persons on the project's lists (for those who may see them), every list whatever its state."""
    return Person.objects.filter(pk__in=Attendance.objects.filter(project=project).values("person_id"))
