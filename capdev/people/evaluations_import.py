"""Evaluation responses from a survey tool's export (CSV or XLSX): one response per row, anonymous unless the row
gives the email of someone known; the rows as written kept like an attendance sheet's."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from capdev.activities.models import Activity

from . import reading
from .importing import ImportRefused, RowPlan
from .models import Evaluation, Person, Response, Sheet, SheetRow
from .reading import Mapping
from .sheets.read import Worksheet

Outcome = SheetRow.Outcome
KIND = Sheet.Kind.EVALUATION


def evaluation_of(activity: Activity, user=None) -> Evaluation:
    """The activity's evaluation, created on first use."""
    found = Evaluation.objects.filter(activity=activity).order_by("pk").first()
    if found is not None:
        return found
    evaluation = Evaluation(title=_("Evaluation of “%(title)s”") % {"title": activity.title[:200]})
    evaluation.attach(activity)
    evaluation._history_user = user if getattr(user, "pk", None) else None
    evaluation.save()
    return evaluation


@dataclass
class ResponsePlan:
    """Every row of a survey export and what it becomes."""

    worksheet: str
    header: int | None
    mapping: Mapping
    rows: list[RowPlan]


def make_plan(sheet: Worksheet, mapping: Mapping) -> ResponsePlan:
    """One response per data row (blank rows left out); a known email links the response to its person."""
    countries = reading.CountryFinder()
    rows: list[RowPlan] = []
    for index, cells in enumerate(sheet.rows):
        number = index + 1
        if mapping.header is None or index < mapping.header:
            rows.append(RowPlan(number, cells, Outcome.ABOVE_HEADER, kind=KIND))
        elif index == mapping.header:
            rows.append(RowPlan(number, cells, Outcome.HEADER, kind=KIND))
        elif not any(c.strip() for c in cells):
            rows.append(RowPlan(number, cells, Outcome.BLANK, kind=KIND))
        else:
            values = reading.read_response(cells, mapping, countries)
            outcome = Outcome.NEW if any(values.scores.get(k) not in (None, "") for k in (
                "satisfaction", "relevance", "pre_score", "post_score", "knowledge_before", "knowledge_after",
                "applied")) else Outcome.ERROR
            row = RowPlan(number, cells, outcome, values, kind=KIND)
            if outcome == Outcome.ERROR:
                row.messages.append(("no_name", {}))
            rows.append(row)
    emails = {r.values.email for r in rows if r.values and r.values.email}
    known = {p.email: p for p in Person.objects.current().filter(email__in=emails)} if emails else {}
    for row in rows:
        if row.values and row.values.email in known and row.outcome == Outcome.NEW:
            row.person, row.outcome = known[row.values.email], Outcome.SAME_EMAIL  # said by the outcome
    return ResponsePlan(sheet.name, mapping.header, mapping, rows)


def _date(text: str) -> dt.date | None:
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%Y/%m/%d", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(text.split(" ")[0], fmt).date()
        except ValueError:
            continue
    return None


def confirm(sheet: Sheet, plan: ResponsePlan, user) -> int:
    """Write the responses and the rows as written in one transaction; returns how many responses."""
    with transaction.atomic():
        locked = Sheet.objects.select_for_update().get(pk=sheet.pk)
        if locked.state != Sheet.State.MAPPING:
            raise ImportRefused(_("This sheet was already confirmed (or discarded): nothing was written again."))
        evaluation = locked.evaluation or evaluation_of(locked.activity, user)
        rows = [SheetRow(sheet=locked, number=r.number, cells=r.cells, outcome=r.outcome, person=r.person,
                         message="; ".join(r.message_texts())[:300]) for r in plan.rows]
        SheetRow.objects.bulk_create(rows, batch_size=500)
        row_of = {r.number: r for r in SheetRow.objects.filter(sheet=locked)}
        responses = []
        for r in plan.rows:
            if r.outcome not in (Outcome.NEW, Outcome.SAME_EMAIL):
                continue
            s = r.values.scores
            responses.append(Response(
                evaluation=evaluation, person=r.person, satisfaction=s.get("satisfaction"),
                relevance=s.get("relevance"), pre_score=s.get("pre_score"), post_score=s.get("post_score"),
                knowledge_before=s.get("knowledge_before"), knowledge_after=s.get("knowledge_after"),
                applied=s.get("applied") or "", followup_date=_date(s.get("followup_date") or ""),
                comment=s.get("comment") or "", sheet=locked, row=row_of[r.number]))
        user_or_none = user if getattr(user, "pk", None) else None
        bulk_create_with_history(responses, Response, batch_size=500, default_user=user_or_none)
        locked.state, locked.confirmed_by, locked.confirmed_at = Sheet.State.CONFIRMED, user_or_none, timezone.now()
        locked.evaluation = evaluation
        locked.report = {"rows": {o: sum(1 for r in plan.rows if r.outcome == o) for o in Outcome.values},
                         "responses": len(responses)}
        locked.mapping = {str(k): v for k, v in plan.mapping.columns.items()}
        locked.header_row = None if plan.header is None else plan.header + 1
        locked._history_user = user_or_none
        locked.save()
        from .indicators import refresh_later

        refresh_later([locked.project_id])
    return len(responses)
