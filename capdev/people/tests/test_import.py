"""Attendance lists from messy sign-in sheets: the plan (preview), the confirmation, matching across events,
nothing lost, and the command line doing the same."""
from __future__ import annotations

import hashlib
import io
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from capdev.people import importing, reading
from capdev.people import report as reports
from capdev.people.models import Attendance, AttendanceState, Institution, MatchProposal, Person, Sheet, SheetRow
from capdev.people.sheets.read import SheetError

from .conftest import FILES, upload

pytestmark = pytest.mark.django_db


def plan_of(sheet: Sheet, decisions=None, **option_changes) -> importing.Plan:
    """The preview of a stored sheet with its proposed mapping (options changed as given)."""
    with sheet.file.open("rb") as handle:
        workbook = reading.load(handle.read(), sheet.file_name)
    worksheet = workbook.worksheet(sheet.worksheet)
    mapping = reading.Mapping(sheet.header_row - 1, {int(k): v for k, v in sheet.mapping.items()})
    options = reading.Options.from_dict({**sheet.options, **option_changes})
    return importing.make_plan(sheet.activity, worksheet, mapping, options, decisions)


def imported(activity, name, user, decisions=None, **options):
    """Upload, preview and confirm a sample sheet; returns (sheet, plan, report)."""
    sheet = upload(activity, name, user)
    plan = plan_of(sheet, decisions, **options)
    return sheet, plan, importing.confirm(sheet, plan, user)


def test_a_ministry_sign_in_sheet_becomes_people_and_attendance(workshop, staff):
    sheet, plan, report = imported(workshop, "signin-saint-lucia-en.xlsx", staff["editor"])
    people = {p.name: p for p in Person.objects.all()}
    assert len(people) == report.people_created == 10
    pierre = people["John Pierre"]
    assert (pierre.title, pierre.sex, pierre.email, pierre.position, pierre.seniority, pierre.country_id) == (
        "Mr.", "male", "john.pierre@govt.lc", "Permanent Secretary", "senior", "LCA")
    assert pierre.seniority_guessed
    # The merged ministry cell names the institution of the three people under it.
    assert {people[n].institution.name for n in ("John Pierre", "Ann-Marie Joseph", "Karen St. Rose")} == {
        "Ministry of Public Service"}
    assert people["Marcus Joseph"].email == "marcus.joseph@finance.gov.lc"  # "JOSEPH, Marcus", any case
    assert people["Claudia Louis"].seniority == "political" and people["Claudia Louis"].title == "H.E. Dr."
    assert people["Gregory Auguste"].sex == "not_stated"
    assert people["Shanelle Felix"].email == ""  # "not given" is no address
    ministry = Institution.objects.get(name="Ministry of Public Service")
    assert (ministry.type, ministry.type_guessed, ministry.country_id) == ("ministry", True, "LCA")
    assert Attendance.objects.filter(activity=workshop).count() == 10
    assert set(Attendance.objects.values_list("state", flat=True)) == {AttendanceState.PENDING}
    assert sheet.report["attendance_created"] == 10 and sheet.state == Sheet.State.CONFIRMED


def test_nothing_in_the_sheet_is_lost(workshop, staff):
    data = (FILES / "signin-saint-lucia-en.xlsx").read_bytes()
    sheet, plan, _report = imported(workshop, "signin-saint-lucia-en.xlsx", staff["editor"])
    with sheet.file.open("rb") as handle:
        assert handle.read() == data
    assert sheet.sha256 == hashlib.sha256(data).hexdigest()
    rows = list(SheetRow.objects.filter(sheet=sheet).order_by("number"))
    worksheet = reading.load(data, "x.xlsx").worksheet()
    assert [r.cells for r in rows] == worksheet.rows  # every row, title rows, blanks and the total included
    outcomes = {r.number: r.outcome for r in rows}
    assert outcomes[1] == outcomes[2] == outcomes[3] == SheetRow.Outcome.ABOVE_HEADER
    assert outcomes[5] == SheetRow.Outcome.HEADER and outcomes[10] == SheetRow.Outcome.BLANK
    assert outcomes[18] == SheetRow.Outcome.ERROR  # "Total participants: 10"
    pierre = SheetRow.objects.get(sheet=sheet, number=6)
    assert pierre.cells[1] == "Mr. John PIERRE" and pierre.person.name == "John Pierre"
    assert Attendance.objects.get(person=pierre.person).row == pierre


def test_the_same_person_across_events(workshop, caribbean, staff):
    imported(workshop, "signin-saint-lucia-en.xlsx", staff["editor"])
    regional = caribbean.activities.get(title__startswith="The Future of Governance")
    sheet, plan, report = imported(regional, "signin-regional-utf16.csv", staff["editor"])
    rows = {r.number: r for r in plan.rows}
    pierre = Person.objects.get(email="john.pierre@govt.lc")
    # JOHN.PIERRE@govt.lc: the same email in another case is the same person.
    assert rows[2].outcome == SheetRow.Outcome.SAME_EMAIL and rows[2].person == pierre
    # "Jon Pierre", same ministry and country, no email: the same person as row 2 (through the proposal).
    assert rows[3].outcome == SheetRow.Outcome.SAME_AS_ROW and rows[3].same_as == 2
    # "Karen St Rose", no email: a close name in the same institution and country is proposed, not decided.
    assert rows[4].outcome == SheetRow.Outcome.PROPOSED and rows[4].person.name == "Karen St. Rose"
    proposal = MatchProposal.objects.get()
    assert proposal.state == MatchProposal.State.OPEN and proposal.row.number == 4
    # Devon Rolle twice (DRolle@Bahamas.gov.bs): one person, one attendance.
    assert Person.objects.filter(email="drolle@bahamas.gov.bs").count() == 1
    assert Attendance.objects.filter(activity=regional, person__email="drolle@bahamas.gov.bs").count() == 1
    assert Attendance.objects.filter(activity=regional, person=pierre).count() == 1
    assert Person.objects.filter(name="Karen St Rose").count() == 0  # tentatively the known Karen
    roles = dict(Attendance.objects.filter(activity=regional).values_list("person__name", "role"))
    assert roles["Keisha Greaves"] == "speaker" and roles["Ria Mohammed"] == "facilitator"
    assert Person.objects.get(name="Ria Mohammed").institution.type == "international"


def test_preview_decisions_new_person_and_skip(workshop, caribbean, staff):
    imported(workshop, "signin-saint-lucia-en.xlsx", staff["editor"])
    regional = caribbean.activities.get(title__startswith="The Future of Governance")
    _sheet, plan, _report = imported(regional, "signin-regional-utf16.csv", staff["editor"],
                                     decisions={4: "new", 8: "skip"})
    rows = {r.number: r for r in plan.rows}
    assert rows[4].outcome == SheetRow.Outcome.NEW and rows[8].outcome == SheetRow.Outcome.SKIPPED
    assert Person.objects.filter(name="Karen St Rose").count() == 1
    assert not MatchProposal.objects.exists()
    assert not Person.objects.filter(email="apersad@gov.tt").exists()
    assert SheetRow.objects.get(sheet__activity=regional, number=8).cells[0] == "Anil Persad"  # kept as written


def test_a_sheet_is_confirmed_once(workshop, staff):
    sheet = upload(workshop, "signin-saint-lucia-en.xlsx", staff["editor"])
    plan = plan_of(sheet)
    importing.confirm(sheet, plan, staff["editor"])
    with pytest.raises(importing.ImportRefused):
        importing.confirm(sheet, plan, staff["editor"])
    assert Person.objects.count() == 10 and SheetRow.objects.filter(sheet=sheet).count() == 18


def test_french_and_spanish_lists(workshop, tot, staff):
    imported(workshop, "liste-presence-fr.csv", staff["editor"])
    marie = Person.objects.get(email="marie.dupont@mef.gouv.ht")
    assert (marie.name, marie.sex, marie.country_id, marie.institution.type) == ("Marie Dupont", "female", "HTI",
                                                                                "ministry")
    rose = Person.objects.get(email="rose.celestin@mairiepap.ht")
    assert (rose.name, rose.title) == ("Rose Célestin", "Mme")  # "Mme CÉLESTIN" | "Rose"
    assert Person.objects.get(name="Nadège Pierre-Louis").sex == "another"
    assert Person.objects.get(name="Jean Étienne").institution.type == "parliament"
    imported(tot, "lista-asistencia-es.xlsx", staff["editor"])
    ana = Person.objects.get(email="ana.perez@inap.gob.gt")
    assert (ana.name, ana.sex, ana.country_id) == ("Ana Pérez Gómez", "female", "GTM")  # M is Mujer here
    assert Person.objects.get(name="Carlos Ruiz").sex == "male"  # H is Hombre
    assert Person.objects.get(name="Lucía Fernández").sex == "female"
    days = dict(Attendance.objects.filter(activity=tot).values_list("person__name", "days"))
    assert days["Ana Pérez Gómez"] == 3 and days["Carlos Ruiz"] == 2  # a tick per day
    certificates = dict(Attendance.objects.filter(activity=tot).values_list("person__name", "certificate"))
    assert certificates["Ana Pérez Gómez"] and not certificates["Jorge Méndez"]


def test_m_means_can_be_set_in_the_mapping_step(tot, staff):
    sheet = upload(tot, "lista-asistencia-es.xlsx", staff["editor"])
    plan = plan_of(sheet, m_means="male")
    assert {r.values.name: r.values.sex for r in plan.people_rows}["Ana Pérez Gómez"] == "male"


def test_days_from_the_activity_from_a_column_and_from_day_sheets(tot, staff):
    # The training of trainers runs 21-24 October 2025 (day precision): four days for a sheet without days.
    sheet, plan, _r = imported(tot, "signin-regional-utf16.csv", staff["editor"])
    assert {r.values.days for r in plan.people_rows} == {Decimal(4)}
    two = Person.objects.get(email="apersad@gov.tt")
    data = "Name,Email\nAnil Persad,apersad@gov.tt\n".encode()
    for _day in range(2):
        sheet = importing.store_upload(tot, data, "day.csv", staff["editor"])
        importing.confirm(sheet, plan_of(sheet, one_day=True), staff["editor"])
    # Listed for the whole event already: a day's sheet never takes anyone past the event's four days.
    assert Attendance.objects.get(activity=tot, person=two).days == 4


def test_one_day_sheets_add_a_day_each(workshop, staff):
    for day in range(3):  # each day's own sheet (the same file twice is one day: test_upload_checks)
        data = f"Day {day + 1}\nName,Email\nAnil Persad,apersad@gov.tt\nKeisha Greaves,keisha@gov.bb\n".encode()
        sheet = importing.store_upload(workshop, data, "day.csv", staff["editor"])
        importing.confirm(sheet, plan_of(sheet, one_day=True), staff["editor"])
    assert set(Attendance.objects.filter(activity=workshop).values_list("days", flat=True)) == {Decimal(3)}
    assert Person.objects.count() == 2


def test_an_unreadable_file_is_refused_and_nothing_is_kept(workshop, staff, settings):
    for name in ("old-excel.xls", "damaged.xlsx", "empty.csv"):
        with pytest.raises(SheetError):
            upload(workshop, name, staff["editor"])
    assert not Sheet.objects.exists()
    media = settings.MEDIA_ROOT
    assert not any(p.is_file() for p in media.rglob("*")) if media.exists() else True


def test_trainers_link_back_to_where_they_were_trained(caribbean, tot, workshop, staff):
    imported(tot, "lista-asistencia-es.xlsx", staff["editor"])
    from capdev.activities.models import Activity
    from capdev.narrative.types import PartialDate

    later = Activity(project=caribbean, type="workshop", title="Cascade training at the public service institute",
                     country_id="GTM")
    later.start = PartialDate(2026, 2, 10)
    later.save()
    data = "Name,Email,Rol\nAna Perez Gomez,ANA.PEREZ@inap.gob.gt,Formadora\nNew Person,np@x.lc,Participante\n".encode()
    sheet = importing.store_upload(later, data, "cascade.csv", staff["editor"])
    importing.confirm(sheet, plan_of(sheet), staff["editor"])
    trainer = Attendance.objects.get(activity=later, person__email="ana.perez@inap.gob.gt")
    assert trainer.role == "trainer" and trainer.trained_at.activity == tot
    assert Attendance.objects.get(activity=later, person__email="np@x.lc").trained_at is None


def test_the_command_does_what_the_page_does_and_dry_run_writes_nothing(workshop, staff):
    path = str(FILES / "signin-saint-lucia-en.xlsx")
    out = io.StringIO()
    call_command("import_attendance", path, "--activity", str(workshop.pk), "--dry-run", stdout=out)
    assert not Person.objects.exists() and not Sheet.objects.exists()
    dry = out.getvalue().splitlines()
    assert "header on row 5, 13 rows below it" in dry[0] and "10 × new person" in dry[1]
    assert "Nothing written (preview)." in dry
    out = io.StringIO()
    call_command("import_attendance", path, "--activity", str(workshop.pk), "--user", "ed-dpidg", stdout=out)
    written = out.getvalue().splitlines()
    assert Person.objects.count() == 10 and Sheet.objects.get().uploaded_by == staff["editor"]
    # The same report as the page builds from the same plan.
    page = reports.stored_report(Sheet.objects.get())  # what the sheet's page shows
    assert written == page and sum(line.startswith("Row ") for line in written) == 11


def test_the_command_refuses_clearly(workshop, tmp_path):
    with pytest.raises(CommandError, match="old Excel file"):
        call_command("import_attendance", str(FILES / "old-excel.xls"), "--activity", str(workshop.pk))
    with pytest.raises(CommandError, match="no activity 999999"):
        call_command("import_attendance", str(FILES / "empty.csv"), "--activity", "999999")
    with pytest.raises(CommandError, match="no header row"):
        call_command("import_attendance", str(FILES / "no-header.csv"), "--activity", str(workshop.pk))
    with pytest.raises(CommandError, match="cannot read"):
        call_command("import_attendance", str(tmp_path / "missing.csv"), "--activity", str(workshop.pk))
    assert not Sheet.objects.exists() and not Person.objects.exists()


def test_the_command_takes_a_header_row_and_a_mapping(workshop):
    out = io.StringIO()
    call_command("import_attendance", str(FILES / "no-header.csv"), "--activity", str(workshop.pk),
                 "--header-row", "1", "--map", "1=name", "--map", "2=email", "--dry-run", stdout=out)
    assert "Rows: 1 × new person" in out.getvalue()  # row 1 is taken as the header, row 2 is a person
