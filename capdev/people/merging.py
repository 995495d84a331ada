"""A reviewer's decisions on people: a proposed match confirmed or split off into a new person, and two records
of one person merged."""
from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import reading
from .importing import default_days
from .models import Attendance, Institution, MatchProposal, Membership, Person, Response, SheetRow
from .sheets.normalise import NOT_STATED, fold


def _user(user):
    return user if getattr(user, "pk", None) else None


def confirm(proposal: MatchProposal, user) -> MatchProposal:
    """The row is the known person: the proposal is closed, nothing else changes."""
    with transaction.atomic():
        proposal = MatchProposal.objects.select_for_update().get(pk=proposal.pk)
        if proposal.state != MatchProposal.State.OPEN:
            raise ValidationError(_("This proposal was decided already."), code="decided")
        proposal.state, proposal.decided_by, proposal.decided_at = (MatchProposal.State.CONFIRMED, _user(user),
                                                                     timezone.now())
        proposal._history_user = _user(user)
        proposal.save()
    return proposal


def split(proposal: MatchProposal, user) -> Person:
    """The row is someone else: a new person made from the row as written takes its attendance."""
    with transaction.atomic():
        # Locks the proposal only: PostgreSQL refuses FOR UPDATE on the nullable side of the row's outer join.
        proposal = (MatchProposal.objects.select_for_update(of=("self",)).select_related("row__sheet")
                    .get(pk=proposal.pk))
        if proposal.state != MatchProposal.State.OPEN:
            raise ValidationError(_("This proposal was decided already."), code="decided")
        row = proposal.row
        if row is None or row.erased:
            raise ValidationError(_("The row this proposal came from is gone or erased: the person cannot be split "
                                    "off from it."), code="no_row")
        values = _values_of(row)
        person = Person(name=values.name, title=values.title, sex=values.sex, email=values.email,
                        position=values.position, seniority=values.seniority or NOT_STATED,
                        seniority_guessed=values.seniority_guessed, country_id=values.country, phone=values.phone,
                        institution=_institution(values))
        if values.email and Person.objects.current().filter(email=values.email).exists():
            person.email = ""  # the email is the known person's: the split-off record keeps the row's other fields
        person._history_user = _user(user)
        person.save()
        attendance = proposal.attendance
        if attendance is not None and attendance.row_id == row.pk:
            attendance.person = person
            attendance._history_user = _user(user)
            attendance.save()
        elif attendance is not None and attendance.activity_id:
            moved = Attendance(person=person, role=values.role, days=values.days, certificate=values.certificate,
                               state=attendance.state, sheet=row.sheet, row=row)
            moved.attach(attendance.activity)
            moved._history_user = _user(user)
            moved.save()
        SheetRow.objects.filter(pk=row.pk).update(person=person, outcome=SheetRow.Outcome.NEW)
        proposal.state, proposal.decided_by, proposal.decided_at = (MatchProposal.State.SPLIT, _user(user),
                                                                     timezone.now())
        proposal._history_user = _user(user)
        proposal.save()
    return person


def _values_of(row: SheetRow) -> reading.Values:
    sheet = row.sheet
    mapping = reading.Mapping((sheet.header_row or 1) - 1, {int(k): v for k, v in sheet.mapping.items()})
    options = reading.Options.from_dict(sheet.options)
    days = default_days(sheet.activity) if sheet.activity else None
    m_means = options.m_means or "male"
    return reading.read_row(row.cells, mapping, options, reading.CountryFinder(), m_means, days)


def _institution(values: reading.Values) -> Institution | None:
    if not values.institution:
        return None
    inst, _created = Institution.objects.get_or_create(
        key=fold(values.institution)[:300], country_id=values.country,
        defaults={"name": values.institution, "type": values.institution_type or NOT_STATED,
                  "type_guessed": values.institution_type_guessed})
    return inst


def merge(keep: Person, other: Person, user) -> Person:
    """Two records of one person become one: the other's attendance, memberships, responses and sheet rows move
    to `keep` (an attendance at an activity both attended is kept once, the longer), and the other record
    points to the one kept (merged_into), its own fields staying as they were."""
    if keep.pk == other.pk:
        raise ValidationError(_("A person cannot be merged with themselves."), code="same")
    with transaction.atomic():
        keep, other = (Person.objects.select_for_update().get(pk=keep.pk),
                       Person.objects.select_for_update().get(pk=other.pk))
        if other.merged_into_id or keep.merged_into_id:
            raise ValidationError(_("One of these records was merged already."), code="merged")
        theirs = {a.activity_id: a for a in Attendance.objects.filter(person=keep, activity__isnull=False)}
        for a in Attendance.objects.filter(person=other):
            mine = theirs.get(a.activity_id) if a.activity_id else None
            if mine is not None:
                mine.days = max(mine.days or 0, a.days or 0) or mine.days
                mine.certificate = mine.certificate or a.certificate
                mine._history_user = _user(user)
                mine.save()
                a._history_user = _user(user)
                a.delete()
            else:
                a.person = keep
                a._history_user = _user(user)
                a.save()
        Membership.objects.filter(person=other).update(person=keep)
        Response.objects.filter(person=other).update(person=keep)
        SheetRow.objects.filter(person=other).update(person=keep)
        email = other.email
        other.merged_into = keep
        other.email = ""  # one person, one email: the kept record takes it if it has none
        other._history_user = _user(user)
        other.save()
        if email and not keep.email:
            keep.email = email
            keep._history_user = _user(user)
            keep.save()
        MatchProposal.objects.filter(person=other, state=MatchProposal.State.OPEN).update(person=keep)
    return keep
