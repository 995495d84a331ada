"""Indicators computed from the people data: their actual values, period by period, with where each came from.

An indicator with an IndicatorSource gets its IndicatorValue rows from here (never typed): each value's
comment says what it was computed from, its sex breakdown is kept as ValueBreakdown rows (IATI publishes them as
`dimension name="sex"`), and a "base" row keeps how many people or respondents are behind it, so that public
channels can hide small numbers (capdev.people.privacy). Values count published data only (attendance lists a
reviewer published), whoever looks. They are computed again when the data change (refresh_later, on commit),
and by `capdev compute-indicators`.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from capdev.projects.models import Indicator, IndicatorValue

from . import privacy
from .models import (
    Applied,
    Attendance,
    AttendanceState,
    IndicatorSource,
    Measure,
    Membership,
    Period,
    Response,
    Role,
    Sex,
    ValueBreakdown,
)

BASE = "base"  # ValueBreakdown.dimension of the number of people behind a value, in all and by sex (not published)
ALL = "all"
PERCENT_MEASURES = {Measure.INCREASED_KNOWLEDGE, Measure.SATISFIED, Measure.APPLIED}
MAX_PERIODS = 200


@dataclass
class Computed:
    """One period's value, its sex breakdown, how many people it rests on, and what it came from."""

    start: dt.date
    end: dt.date
    actual: Decimal | None
    by_sex: dict[str, Decimal] = field(default_factory=dict)
    base: int = 0
    note: str = ""
    base_by_sex: dict[str, int] = field(default_factory=dict)


def periods(kind: str, start: dt.date, end: dt.date) -> list[tuple[dt.date, dt.date]]:
    """Calendar years, halves or quarters covering start..end (at most MAX_PERIODS)."""
    months = {Period.YEAR: 12, Period.HALF: 6, Period.QUARTER: 3}[kind]
    out = []
    month = ((start.month - 1) // months) * months + 1
    cursor = dt.date(start.year, month, 1)
    while cursor <= end and len(out) < MAX_PERIODS:
        nxt_month = cursor.month + months
        nxt = dt.date(cursor.year + (nxt_month - 1) // 12, (nxt_month - 1) % 12 + 1, 1)
        out.append((cursor, nxt - dt.timedelta(days=1)))
        cursor = nxt
    return out


def _project(source: IndicatorSource):
    """The project whose data count: a working copy's are its original's (attendance stays on the original)."""
    project = source.indicator.outcome.project
    return project.draft_of if project.draft_of_id else project


def _span(source: IndicatorSource, dates: Iterable[dt.date | None]) -> tuple[dt.date, dt.date] | None:
    project = _project(source)
    known = [d for d in dates if d]
    first = project.start_date or (min(known) if known else None)
    if first is None:
        return None
    today = timezone.localdate()
    last = min(project.end_date or today, today)
    if known:
        last = max(last, max(known)) if max(known) <= today else last
    return (first, max(first, last))


def _people_rows(source: IndicatorSource):
    project = _project(source)
    published = Attendance.objects.filter(state=AttendanceState.PUBLISHED, activity__isnull=False,
                                          activity__recalled=False)  # recalled history is never counted
    if source.measure == Measure.SECOND_GENERATION:
        taught = published.filter(role=Role.TRAINER, trained_at__project=project).values("activity_id")
        rows = published.filter(activity_id__in=taught, role=Role.PARTICIPANT)
    else:
        rows = published.filter(project=project, role=source.role)
    if source.sex:
        rows = rows.filter(person__sex=source.sex)
    return rows.values_list("person_id", "person__sex", "days", "certificate", "activity__start_date")


def _compute_people(source: IndicatorSource) -> list[Computed]:
    rows = list(_people_rows(source))
    span = _span(source, (r[4] for r in rows))
    if span is None:
        return []
    undated = sum(1 for r in rows if r[4] is None)
    out = []
    for start, end in periods(source.period, *span):
        inside = [r for r in rows if r[4] and start <= r[4] <= end]
        people = {r[0]: r[1] for r in inside}
        by_sex: dict[str, Decimal] = defaultdict(Decimal)
        if source.measure in (Measure.PEOPLE_REACHED, Measure.SECOND_GENERATION):
            for sex in people.values():
                by_sex[sex] += 1
        elif source.measure == Measure.ATTENDANCES:
            for r in inside:
                by_sex[r[1]] += 1
        elif source.measure == Measure.PERSON_DAYS:
            for r in inside:
                by_sex[r[1]] += r[2] or 0
        elif source.measure == Measure.CERTIFICATES:
            for r in inside:
                by_sex[r[1]] += int(r[3])
        activities = len({r[4] for r in inside})
        note = _("Computed on %(when)s from the published attendance lists of the activities held in this period "
                 "(%(people)d people, %(rows)d attendances).") % {
            "when": formats.date_format(timezone.localdate(), "j F Y"), "people": len(people), "rows": len(inside)}
        if undated:  # a count of attendances, as public as the value: a small one is "fewer than 5"
            note += " " + _("%(n)s attendances at undated activities are in no period.") % {
                "n": privacy.shown(undated, exact=False)}
        if activities == 0:
            note = _("Computed on %(when)s: no published attendance list in this period.") % {
                "when": formats.date_format(timezone.localdate(), "j F Y")}
        bases: dict[str, int] = defaultdict(int)
        for sex in people.values():
            bases[sex] += 1
        out.append(Computed(start, end, sum(by_sex.values(), Decimal(0)), dict(by_sex), len(people), note,
                            dict(bases)))
    return out


def _compute_responses(source: IndicatorSource) -> list[Computed]:
    project = _project(source)
    responses = Response.objects.filter(evaluation__activity__project=project, evaluation__activity__recalled=False)
    if source.sex:
        responses = responses.filter(person__sex=source.sex)
    rows = list(responses.values_list("person__sex", "satisfaction", "pre_score", "post_score", "knowledge_before",
                                      "knowledge_after", "applied", "evaluation__activity__start_date"))
    span = _span(source, (r[7] for r in rows))
    if span is None:
        return []
    out = []
    for start, end in periods(source.period, *span):
        answered: dict[str, list[bool]] = defaultdict(list)
        for sex, satisfaction, pre, post, before, after, applied, held in rows:
            if not held or not start <= held <= end:
                continue
            verdict = _verdict(source.measure, satisfaction, pre, post, before, after, applied)
            if verdict is not None:
                answered[sex or Sex.NOT_STATED].append(verdict)
        total = [v for votes in answered.values() for v in votes]
        if not total:
            continue
        by_sex = {sex: Decimal(100 * sum(v) / len(v)).quantize(Decimal("0.1")) for sex, v in answered.items()}
        actual = Decimal(100 * sum(total) / len(total)).quantize(Decimal("0.1"))
        note = _("Computed on %(when)s from %(n)d evaluation responses to the activities held in this period.") % {
            "when": formats.date_format(timezone.localdate(), "j F Y"), "n": len(total)}
        out.append(Computed(start, end, actual, by_sex, len(total), note,
                            {sex: len(v) for sex, v in answered.items()}))
    return out


def _verdict(measure, satisfaction, pre, post, before, after, applied) -> bool | None:
    if measure == Measure.SATISFIED:
        return None if satisfaction is None else satisfaction >= 4
    if measure == Measure.APPLIED:
        return None if not applied else applied in (Applied.YES, Applied.PARTLY)
    if pre is not None and post is not None:
        return post > pre
    if before is not None and after is not None:
        return after > before
    return None


def _compute_members(source: IndicatorSource) -> list[Computed]:
    if source.network_id is None:
        return []
    members = list(Membership.objects.filter(network_id=source.network_id)
                   .values_list("person_id", "institution_id", "person__sex", "joined", "left"))
    if not members:
        return []
    first = source.network.started or min(m[3] for m in members)
    today = timezone.localdate()
    out = []
    for start, end in periods(source.period, first, today):
        active = [m for m in members if m[3] <= end and (m[4] is None or m[4] > end)]
        if source.sex:
            active = [m for m in active if m[2] == source.sex]
        by_sex: dict[str, Decimal] = defaultdict(Decimal)
        for m in active:
            by_sex[m[2] if m[0] else "institution"] += 1
        people = sum(1 for m in active if m[0])
        note = _("Computed on %(when)s from the network's memberships: members at the end of the period "
                 "(%(people)d people, %(inst)d institutions).") % {
            "when": formats.date_format(today, "j F Y"), "people": people, "inst": sum(1 for m in active if m[1])}
        if 0 < people < privacy.threshold():  # the value is people and institutions: both or neither
            note = _("Computed on %(when)s from the network's memberships: members at the end of the period.") % {
                "when": formats.date_format(today, "j F Y")}
        sexes = {k: v for k, v in by_sex.items() if k != "institution"}
        out.append(Computed(start, end, Decimal(len(active)), sexes, len(active), note,
                            {k: int(v) for k, v in sexes.items()}))
    return out


def compute(source: IndicatorSource) -> list[Computed]:
    """The values of an indicator's source, period by period."""
    if source.measure in PERCENT_MEASURES:
        return _compute_responses(source)
    if source.measure == Measure.NETWORK_MEMBERS:
        return _compute_members(source)
    return _compute_people(source)


@transaction.atomic
def refresh(source: IndicatorSource) -> int:
    """Write the indicator's computed values (replacing the ones computed before); returns how many."""
    values = compute(source)
    indicator = source.indicator
    IndicatorValue.objects.filter(indicator=indicator).delete()
    written = 0
    for c in values:
        value = IndicatorValue.objects.create(indicator=indicator, period_start=c.start, period_end=c.end,
                                              actual=c.actual, comment=c.note[:2000])
        rows = [ValueBreakdown(value=value, dimension="sex", category=sex, actual=amount)
                for sex, amount in sorted(c.by_sex.items())]
        rows.append(ValueBreakdown(value=value, dimension=BASE, category=ALL, actual=Decimal(c.base)))
        rows += [ValueBreakdown(value=value, dimension=BASE, category=sex, actual=Decimal(n))
                 for sex, n in sorted(c.base_by_sex.items())]
        ValueBreakdown.objects.bulk_create(rows)
        written += 1
    source.computed_at = timezone.now()
    source.save(update_fields=["computed_at", "last_updated"])
    return written


def refresh_projects(project_ids: Iterable[int]) -> int:
    """Compute again every people-based indicator of these projects (originals and their working copies)."""
    ids = [pk for pk in set(project_ids) if pk]
    if not ids:
        return 0
    sources = (IndicatorSource.objects.filter(Q(indicator__outcome__project_id__in=ids)
                                              | Q(indicator__outcome__project__draft_of_id__in=ids))
               .select_related("indicator__outcome__project", "network"))
    return sum(refresh(s) for s in sources)


def refresh_later(project_ids: Iterable[int]) -> None:
    """Compute them again once the current transaction commits (the data it wrote are then there)."""
    ids = list(project_ids)
    transaction.on_commit(lambda: refresh_projects(ids))


def refresh_for_network(network_id: int) -> None:
    """Once committed, compute again the indicators counting this network's members."""
    def run():
        for source in IndicatorSource.objects.filter(network_id=network_id).select_related(
                "indicator__outcome__project", "network"):
            refresh(source)

    transaction.on_commit(run)


def is_computed(indicator: Indicator) -> bool:
    """Whether the indicator's values come from the people data."""
    return IndicatorSource.objects.filter(indicator=indicator).exists()


@dataclass
class PublicValue:
    """A computed value as a public channel may show it: the actual, or None when too few people are behind it,
    and its parts by sex with small ones left out (capdev.people.privacy)."""

    actual: Decimal | None
    by_sex: list[tuple[str, Decimal]]
    suppressed: bool


def public_value(actual: Decimal | None, breakdowns: list[tuple[str, str, Decimal]], exact: bool = False
                 ) -> PublicValue:
    """The public form of a value from its ValueBreakdown rows (dimension, category, actual)."""
    base = {cat: int(v) for dim, cat, v in breakdowns if dim == BASE}
    sexes = [(cat, v) for dim, cat, v in breakdowns if dim == "sex"]
    total = base.get(ALL)
    if total is None:  # a typed value of no people data
        return PublicValue(actual, [], False)
    if not exact and 0 < total < privacy.threshold():
        return PublicValue(None, [], True)
    cells = [privacy.Cell(cat, cat, base.get(cat, 0)) for cat, _v in sexes]
    shown = privacy.breakdown(cells, exact)
    return PublicValue(actual, [(cat, v) for (cat, v), c in zip(sexes, shown) if not c.suppressed], False)


@dataclass
class PublicReading:
    """A stored value as a public channel gives it: its actual and its comment."""

    actual: Decimal | None
    comment: str


def public_readings(values: Iterable[IndicatorValue], exact: bool = False) -> dict[int, PublicReading]:
    """The public actual and comment of each computed value among `values` (typed values are left out: they are
    no one's count), in one query. A value resting on fewer people than the threshold has no actual, and its
    comment, which counts them, gives way to one that says why (capdev.people.privacy)."""
    values = [v for v in values if v.pk]
    rows: dict[int, list[tuple[str, str, Decimal]]] = defaultdict(list)
    for value_id, dimension, category, actual in ValueBreakdown.objects.filter(
            value_id__in=[v.pk for v in values]).values_list("value_id", "dimension", "category", "actual"):
        rows[value_id].append((dimension, category, actual))
    out = {}
    for v in values:
        if not any(dim == BASE for dim, _c, _a in rows.get(v.pk, ())):
            continue
        shown = public_value(v.actual, rows[v.pk], exact)
        comment = v.comment if not shown.suppressed else _(
            "Computed from the people data: fewer than %(n)d people are behind this value, so it is not "
            "shown.") % {"n": privacy.threshold()}
        out[v.pk] = PublicReading(shown.actual, comment)
    return out
