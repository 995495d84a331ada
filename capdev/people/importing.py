"""An attendance list from a sign-in sheet: a plan of what each row becomes (the preview), then its confirmation,
which writes the people, institutions, attendance, the rows as written and the match proposals in one
transaction. The upload page and `capdev import-attendance` share every step and the report."""
from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from capdev.activities.models import Activity, ActivityType
from capdev.core.models import DatePrecision
from capdev.projects import index_version

from . import reading
from .matching import Institutions, People
from .models import (
    Attendance,
    AttendanceState,
    Institution,
    MatchProposal,
    Person,
    Role,
    Seniority,
    Sheet,
    SheetRow,
    name_key,
)
from .models.attendance import outcome_label
from .reading import Mapping, Options, Values
from .sheets.normalise import NOT_STATED, fold
from .sheets.read import SheetError, Worksheet

Outcome = SheetRow.Outcome
PERSON_OUTCOMES = {Outcome.NEW, Outcome.SAME_EMAIL, Outcome.PROPOSED, Outcome.SAME_AS_ROW}


class ImportRefused(Exception):
    """The confirmation cannot go ahead (the sheet was confirmed meanwhile, the mapping has no name...)."""


@dataclass
class RowPlan:
    """What one row of the sheet becomes."""

    number: int
    cells: list[str]
    outcome: str
    values: Values | None = None
    person: Person | None = None
    score: float | None = None
    same_as: int | None = None
    already_listed: bool = False
    messages: list[tuple[str, dict]] = field(default_factory=list)
    kind: str = "attendance"  # the sheet's kind (Sheet.Kind): an evaluation's rows are responses

    @property
    def outcome_label(self) -> str:
        """The outcome in words."""
        return outcome_label(self.outcome, self.kind)

    @property
    def labels(self) -> dict[str, str]:
        """The row's categories in words (sex, level, institution type, role), for the preview."""
        from .models import InstitutionType, Sex
        from .models import Role as RoleChoices
        from .models import Seniority as Levels

        v = self.values
        if v is None:
            return {}
        return {"sex": str(dict(Sex.choices).get(v.sex, v.sex)),
                "country": reading.country_name(v.country) if v.country else "",
                "seniority": str(dict(Levels.choices).get(v.seniority, "")) if v.seniority else "",
                "institution_type": str(dict(InstitutionType.choices).get(v.institution_type, ""))
                if v.institution_type else "",
                "role": str(dict(RoleChoices.choices).get(v.role, v.role))}

    @property
    def answers(self) -> str:
        """An evaluation row's answers in short ("satisfaction 5, knowledge 2 → 4"), for the preview."""
        from .reading import FIELD_LABELS

        scores = self.values.scores if self.values else {}
        parts = [f"{FIELD_LABELS[k]}: {v}" for k, v in scores.items()
                 if k not in ("comment", "followup_date") and v not in (None, "")]
        return "; ".join(parts)

    def message_texts(self) -> list[str]:
        """The row's messages in the user's language."""
        notes = (self.values.messages if self.values else []) + self.messages
        return [reading.row_message(code, **params) for code, params in notes]


@dataclass
class Plan:
    """Every row of a sheet and what it becomes, before anything is written."""

    worksheet: str
    header: int | None
    mapping: Mapping
    options: Options
    rows: list[RowPlan]

    def counts(self) -> Counter:
        """Rows per outcome."""
        return Counter(r.outcome for r in self.rows)

    @property
    def people_rows(self) -> list[RowPlan]:
        """Rows that are a person."""
        return [r for r in self.rows if r.outcome in PERSON_OUTCOMES]


def default_days(activity: Activity) -> Decimal | None:
    """The activity's length in days, when both its dates are known to the day (a sheet without a days column
    counts everyone as there the whole time)."""
    if (activity.start_date and activity.end_date and activity.start_precision == DatePrecision.DAY
            and activity.end_precision == DatePrecision.DAY):
        days = (activity.end_date - activity.start_date).days + 1
        if 0 < days <= 366:
            return Decimal(days)
    return None


# What a sheet's total and subtotal rows write in the name column (casefolded, without punctuation): never a
# person, whatever the other cells hold (English, French, Spanish).
TOTAL_WORDS = {"total", "totals", "subtotal", "sub total", "grand total", "sum", "total participants",
               "total general", "totaux", "total général", "sous total", "somme", "suma", "total participantes",
               "subtotales", "totales"}


def is_total(name: str) -> bool:
    """Whether a name cell is a total's label ("TOTAL", "Sub-total:", "Grand Total")."""
    words = " ".join("".join(ch if ch.isalpha() else " " for ch in (name or "")).casefold().split())
    return words in TOTAL_WORDS


def longest_days(activity: Activity) -> Decimal | None:
    """The most days anyone can have attended: the activity's length, one day when it has a single date known to
    the day and no end (a one-day event, as "Log an activity" records it)."""
    days = default_days(activity)
    if days is None and activity.start_date and activity.end_date is None \
            and activity.start_precision == DatePrecision.DAY:
        return Decimal(1)
    return days


def earlier_uploads(activity: Activity, sha256: str, exclude: int | None = None):
    """The sheets of the same file (same SHA-256) already recorded on this activity."""
    return (Sheet.objects.filter(activity=activity, sha256=sha256, state=Sheet.State.CONFIRMED)
            .exclude(pk=exclude).order_by("confirmed_at", "pk"))


def make_plan(activity: Activity, sheet: Worksheet, mapping: Mapping, options: Options,
              decisions: dict[int, str] | None = None) -> Plan:
    """What each row becomes. decisions: {row number: "new" | "skip"} chosen in the preview."""
    decisions = decisions or {}
    rows: list[RowPlan] = []
    countries = reading.CountryFinder()
    m_means = reading.m_means_for(sheet, mapping, options)
    days = default_days(activity)
    for index, cells in enumerate(sheet.rows):
        number = index + 1
        if mapping.header is None or index < mapping.header:
            rows.append(RowPlan(number, cells, Outcome.ABOVE_HEADER))
        elif index == mapping.header:
            rows.append(RowPlan(number, cells, Outcome.HEADER))
        elif not any(c.strip() for c in cells):
            rows.append(RowPlan(number, cells, Outcome.BLANK))
        elif decisions.get(number) == "skip":
            rows.append(RowPlan(number, cells, Outcome.SKIPPED, messages=[("skipped", {})]))
        else:
            values = reading.read_row(cells, mapping, options, countries, m_means, days)
            row = RowPlan(number, cells, Outcome.NEW, values)
            if not values.name and not values.email:
                row.outcome, row.messages, values.messages = Outcome.ERROR, [("no_name", {})], []
            elif values.name and any(ch.isdigit() for ch in values.name):
                row.outcome, row.messages, values.messages = Outcome.ERROR, [("not_a_name", {})], []
            elif is_total(values.name):
                row.outcome, row.messages, values.messages = Outcome.ERROR, [("total_row", {})], []
            rows.append(row)
    _match(activity, rows, decisions)
    return Plan(options.worksheet or sheet.name, mapping.header, mapping, options, rows)


def _match(activity: Activity, rows: list[RowPlan], decisions: dict[int, str]) -> None:
    candidates = [r for r in rows if r.outcome == Outcome.NEW]
    institutions = Institutions((r.values.institution, r.values.country) for r in candidates)
    known = People((r.values.email for r in candidates),
                   (i.pk for i in (institutions.get(r.values.institution, r.values.country) for r in candidates)
                    if i is not None))
    seen_email: dict[str, RowPlan] = {}
    seen_name: dict[tuple, RowPlan] = {}
    seen_person: dict[int, RowPlan] = {}
    for row in candidates:
        v = row.values
        earlier = (seen_email.get(v.email) if v.email else None) \
            or seen_name.get((v.key, fold(v.institution), v.country))
        person = known.same_email(v.email)
        if person is not None:
            row.outcome, row.person = Outcome.SAME_EMAIL, person  # the outcome says it: no note
        elif decisions.get(row.number) != "new":
            inst = institutions.get(v.institution, v.country) if v.institution else None
            person, score = known.closest(v.key, v.email, inst.pk if inst else None, v.country)
            if person is not None:
                row.outcome, row.person, row.score = Outcome.PROPOSED, person, round(score, 3)
                row.messages.append(("proposed", {}))
                if v.email and person.email and v.email != person.email:
                    row.messages.append(("emails_differ", {}))
        else:
            row.messages.append(("new_chosen", {}))
        earlier = earlier or (seen_person.get(row.person.pk) if row.person else None)
        if earlier is not None:
            row.outcome, row.same_as, row.person = Outcome.SAME_AS_ROW, earlier.number, earlier.person
            row.messages = [("same_as_row", {"row": earlier.number})]
            continue
        if v.email:
            seen_email[v.email] = row
        seen_name[(v.key, fold(v.institution), v.country)] = row
        if row.person is not None:
            seen_person[row.person.pk] = row
    listed = set(Attendance.objects.filter(activity=activity, person__in=[r.person for r in rows if r.person])
                 .values_list("person_id", flat=True))
    for row in rows:
        if row.person is not None and row.person.pk in listed and row.outcome != Outcome.SAME_AS_ROW:
            row.already_listed = True
            row.messages.append(("already_listed", {}))


# -- confirmation ---------------------------------------------------------------------------------------------------

@dataclass
class Report:
    """What a confirmation wrote, counted (kept on the sheet; no personal data)."""

    rows: dict = field(default_factory=dict)
    people_created: int = 0
    attendance_created: int = 0
    attendance_updated: int = 0
    proposals: int = 0
    institutions_created: int = 0
    institution_types_guessed: int = 0
    already_listed: int = 0

    def as_dict(self) -> dict:
        """For Sheet.report."""
        return {"rows": dict(self.rows), "already_listed": self.already_listed, "people_created": self.people_created,
                "attendance_created": self.attendance_created, "attendance_updated": self.attendance_updated,
                "proposals": self.proposals, "institutions_created": self.institutions_created,
                "institution_types_guessed": self.institution_types_guessed}


def store_upload(activity: Activity, data: bytes, file_name: str, user, kind: str = Sheet.Kind.ATTENDANCE,
                 evaluation=None) -> Sheet:
    """Keep an uploaded file as it came, on the activity (the file is read first: an unreadable one is refused
    with SheetError before anything is kept)."""
    workbook = reading.load(data, file_name)
    sheet = Sheet(kind=kind, project_id=activity.project_id, activity_title=activity.title[:500],
                  evaluation=evaluation, file_name=file_name[:255], sha256=hashlib.sha256(data).hexdigest(),
                  size=len(data), uploaded_by=user if getattr(user, "pk", None) else None)
    sheet.attach(activity)
    chosen = workbook.worksheet()
    mapping = reading.propose(chosen, kind)
    if mapping.header is not None and not any(any(c.strip() for c in cells)
                                              for cells in chosen.rows[mapping.header + 1:]):
        raise SheetError("no_rows", sheet=chosen.name, row=mapping.header + 1)
    sheet.worksheet = chosen.name
    sheet.header_row = None if mapping.header is None else mapping.header + 1
    sheet.mapping = {str(k): v for k, v in mapping.columns.items()}
    sheet.options = Options(worksheet=chosen.name,
                            default_country=default_country(activity)).as_dict()
    sheet.file.save(file_name.rsplit("/", 1)[-1][:100] or "sheet", ContentFile(data), save=False)
    sheet._history_user = sheet.uploaded_by
    sheet.save()
    return sheet


def default_country(activity: Activity) -> str:
    """A national event's country, offered (visibly, in the mapping step) for rows that give none."""
    if activity.online or activity.country_id is None or activity.type == ActivityType.CONFERENCE:
        return ""
    return activity.country_id


def confirm(sheet: Sheet, plan: Plan, user) -> Report:
    """Write the plan in one transaction; refused (ImportRefused) if the sheet was confirmed meanwhile."""
    if plan.mapping.column("name") is None and not (plan.mapping.column("given_name") is not None
                                                    or plan.mapping.column("family_name") is not None
                                                    or plan.mapping.column("email") is not None):
        raise ImportRefused(_("No column is mapped to the name or the email: map one first."))
    if sheet.kind == Sheet.Kind.ATTENDANCE and not plan.people_rows:
        raise ImportRefused(_("No row of this sheet is a person: nothing to record."))
    try:
        with transaction.atomic():
            locked = Sheet.objects.select_for_update().get(pk=sheet.pk)
            if locked.state != Sheet.State.MAPPING:
                raise ImportRefused(_("This sheet was already confirmed (or discarded): nothing was written "
                                      "again."))
            activity = locked.activity
            if activity is None:
                raise ImportRefused(_("The activity of this sheet is gone: attach the sheet to an activity first."))
            report = _write(locked, activity, plan, user)
    except IntegrityError as exc:
        raise ImportRefused(_("Someone recorded some of these people at the same moment: nothing was written. "
                              "Open the preview again and confirm.")) from exc
    sheet.refresh_from_db()
    from .indicators import refresh_later

    refresh_later([activity.project_id])
    return report


def _write(sheet: Sheet, activity: Activity, plan: Plan, user) -> Report:
    report = Report(rows=dict(plan.counts()), already_listed=sum(1 for r in plan.rows if r.already_listed))
    institutions = Institutions((r.values.institution, r.values.country) for r in plan.people_rows)
    _fill_blanks([r for r in plan.rows if r.outcome == Outcome.SAME_EMAIL], institutions, report, user)
    rows = [SheetRow(sheet=sheet, number=r.number, cells=r.cells, outcome=r.outcome,
                     message="; ".join(r.message_texts())[:300], person=r.person) for r in plan.rows]
    SheetRow.objects.bulk_create(rows, batch_size=500)
    row_of = {r.number: r for r in SheetRow.objects.filter(sheet=sheet)}
    created_people = _create_people(plan, institutions, report, user)
    by_number: dict[int, Person] = {}
    for r in plan.rows:
        if r.outcome in (Outcome.NEW,):
            by_number[r.number] = created_people[r.number]
        elif r.outcome in (Outcome.SAME_EMAIL, Outcome.PROPOSED):
            by_number[r.number] = r.person
    for r in plan.rows:
        if r.outcome == Outcome.SAME_AS_ROW:
            by_number[r.number] = by_number[r.same_as]
    SheetRow.objects.bulk_update([_with_person(row_of[n], p) for n, p in by_number.items()], ["person"],
                                 batch_size=500)
    attendance = _write_attendance(sheet, activity, plan, by_number, row_of, report, user)
    proposals = [MatchProposal(person=r.person, attendance=attendance.get(r.person.pk), row=row_of[r.number],
                               score=r.score or 0.0) for r in plan.rows if r.outcome == Outcome.PROPOSED]
    if proposals:
        bulk_create_with_history(proposals, MatchProposal, default_user=user if getattr(user, "pk", None) else None)
    report.proposals = len(proposals)
    link_trainers(list(attendance.values()))
    sheet.state, sheet.confirmed_by, sheet.confirmed_at = Sheet.State.CONFIRMED, _user(user), timezone.now()
    sheet.report = report.as_dict()
    sheet.mapping = {str(k): v for k, v in plan.mapping.columns.items()}
    sheet.header_row = None if plan.header is None else plan.header + 1
    sheet.options = plan.options.as_dict()
    sheet._history_user = _user(user)
    sheet.save()
    index_version.bump(projects=[activity.project_id])  # the counts the pages keep are stale now
    return report


def _user(user):
    return user if getattr(user, "pk", None) else None


def _with_person(row: SheetRow, person: Person) -> SheetRow:
    row.person = person
    return row


def _institution(values: Values, institutions: Institutions, report: Report) -> Institution | None:
    if not values.institution:
        return None
    inst = institutions.get(values.institution, values.country)
    if inst is None:
        inst, created = Institution.objects.get_or_create(
            key=fold(values.institution)[:300], country_id=values.country,
            defaults={"name": values.institution, "type": values.institution_type or NOT_STATED,
                      "type_guessed": values.institution_type_guessed})
        institutions.add(inst)
        if created:
            report.institutions_created += 1
            report.institution_types_guessed += int(values.institution_type_guessed)
    return inst


def _create_people(plan: Plan, institutions: Institutions, report: Report, user) -> dict[int, Person]:
    made: dict[int, Person] = {}
    for r in plan.rows:
        if r.outcome != Outcome.NEW:
            continue
        v = r.values
        made[r.number] = Person(
            name=v.name, title=v.title, name_key=name_key(v.name), sex=v.sex, email=v.email.lower(),
            institution=_institution(v, institutions, report), position=v.position,
            seniority=v.seniority or Seniority.NOT_STATED, seniority_guessed=v.seniority_guessed,
            country_id=v.country, phone=v.phone, consent_contact=v.consent_contact,
            consent_listing=v.consent_listing)
    people = list(made.values())
    if people:
        bulk_create_with_history(people, Person, batch_size=500, default_user=_user(user))
        if any(p.pk is None for p in people):  # databases that do not return keys from bulk inserts
            raise IntegrityError("people were written without their keys")
    report.people_created = len(people)
    return made


def _fill_blanks(rows: list[RowPlan], institutions: Institutions, report: Report, user) -> None:
    """A known person's empty fields filled from the sheet (never a field they already have)."""
    for r in rows:
        person, v, changed = r.person, r.values, False
        for name, value in (("position", v.position), ("phone", v.phone), ("title", v.title)):
            if value and not getattr(person, name):
                setattr(person, name, value)
                changed = True
        if person.sex == NOT_STATED and v.sex != NOT_STATED:
            person.sex, changed = v.sex, True
        if person.country_id is None and v.country:
            person.country_id, changed = v.country, True
        if person.institution_id is None and v.institution:
            person.institution, changed = _institution(v, institutions, report), True
        if person.seniority == Seniority.NOT_STATED and v.seniority:
            person.seniority, person.seniority_guessed, changed = v.seniority, v.seniority_guessed, True
        if changed:
            person._history_user = _user(user)
            person.save()
            r.messages.append(("filled_blanks", {}))


def _write_attendance(sheet: Sheet, activity: Activity, plan: Plan, by_number: dict[int, Person],
                      row_of: dict[int, SheetRow], report: Report, user) -> dict[int, Attendance]:
    existing = {a.person_id: a for a in Attendance.objects.filter(activity=activity,
                                                                 person__in=list(by_number.values()))}
    new: dict[int, Attendance] = {}
    updated: dict[int, Attendance] = {}
    # The same file recorded before on this activity is the same day's list, not another day.
    repeated = earlier_uploads(activity, sheet.sha256, exclude=sheet.pk).exists()
    for r in plan.rows:
        if r.number not in by_number:
            continue
        person, v = by_number[r.number], r.values
        if person.pk in new:  # a later row of the same person in this sheet: one attendance
            continue
        if person.pk in existing:
            a = existing[person.pk]
            if plan.options.one_day and not repeated:  # one more day, never more than the activity lasted
                a.days = (a.days or Decimal(0)) + 1
                longest = longest_days(activity)
                if longest is not None:
                    a.days = min(a.days, longest)
            elif v.days is not None:
                a.days = max(a.days or Decimal(0), v.days)
            if v.role != Role.PARTICIPANT or a.role == Role.PARTICIPANT:
                a.role = v.role
            a.certificate = a.certificate or v.certificate
            updated[person.pk] = a
            continue
        a = Attendance(person=person, role=v.role, days=v.days, certificate=v.certificate,
                       state=AttendanceState.PENDING, sheet=sheet, row=row_of[r.number],
                       project_id=activity.project_id, public=False)  # bulk: no save() works them out
        a.attach(activity)
        new[person.pk] = a
    if new:
        bulk_create_with_history(list(new.values()), Attendance, batch_size=500, default_user=_user(user))
    for a in updated.values():
        a._history_user = _user(user)
        a.save()
    report.attendance_created, report.attendance_updated = len(new), len(updated)
    return {**existing, **updated, **new}


def link_trainers(attendance: list[Attendance]) -> int:
    """Link each trainer to the training of trainers where they were trained: their latest attendance as a
    participant in a training of trainers held before (second-generation reach). Returns how many linked."""
    trainers = [a for a in attendance if a.role == Role.TRAINER and a.trained_at_id is None and a.activity_id]
    if not trainers:
        return 0
    trained = (Attendance.objects.filter(person_id__in=[a.person_id for a in trainers], role=Role.PARTICIPANT,
                                         activity__type=ActivityType.TRAINING_OF_TRAINERS)
               .select_related("activity").order_by("activity__start_date", "pk"))
    by_person: dict[int, list[Attendance]] = {}
    for t in trained:
        by_person.setdefault(t.person_id, []).append(t)
    linked = 0
    for a in trainers:
        start = a.activity.start_date
        earlier = [t for t in by_person.get(a.person_id, ()) if t.activity_id != a.activity_id
                   and (start is None or t.activity.start_date is None or t.activity.start_date <= start)]
        if earlier:
            a.trained_at = earlier[-1]
            a.save(update_fields=["trained_at", "last_updated"])
            linked += 1
    return linked
