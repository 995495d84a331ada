"""Erasure on request and at the end of retention: personal data gone everywhere, history and stored files
included; counts unchanged; the erasure logged without the personal data."""
from __future__ import annotations

import io
import logging

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.test import Client

from capdev.people import aggregates as agg
from capdev.people import erasure
from capdev.people.models import Erasure, Evaluation, Person, Response, SheetRow
from capdev.people.sheets.read import read_workbook

from .conftest import attend
from .test_import import imported

pytestmark = pytest.mark.django_db


def _everything_about(person: Person) -> str:
    """Every stored text that could hold the person's data, in one string."""
    parts = [repr(list(Person.history.filter(id=person.pk).values()))]
    parts += [repr(r.cells) for r in SheetRow.objects.filter(person=person)]
    for row in SheetRow.objects.filter(person=person).select_related("sheet"):
        with row.sheet.file.open("rb") as handle:
            data = handle.read()
        parts.append(repr(read_workbook(data, row.sheet.file_name).worksheet(row.sheet.worksheet).rows))
    parts += [r.comment for r in Response.objects.all()]
    parts += [repr(list(Response.history.values_list("comment", "person_id")))]
    parts += [e.object_repr + e.change_message for e in LogEntry.objects.all()]
    return "\n".join(parts)


def test_erasure_blanks_the_person_everywhere_and_counts_stay(workshop, caribbean, staff, caplog):
    imported(workshop, "signin-saint-lucia-en.xlsx", staff["editor"])  # XLSX, with a merged ministry cell
    pierre = Person.objects.get(email="john.pierre@govt.lc")
    pierre.position = "Permanent Secretary (acting)"
    pierre.save()  # a second history row
    evaluation = Evaluation(title="e")
    evaluation.attach(workshop)
    evaluation.save()
    Response.objects.create(evaluation=evaluation, person=pierre, satisfaction=5, comment="John Pierre liked it")
    LogEntry.objects.create(user=staff["admin"], content_type=ContentType.objects.get_for_model(Person),
                            object_id=str(pierre.pk), object_repr="John Pierre", action_flag=CHANGE,
                            change_message="x")
    before = agg.project_reach(caribbean, include_pending=True)
    text = _everything_about(pierre)
    assert "John Pierre" in text and "john.pierre@govt.lc" in text.lower()  # control: it was all there

    with caplog.at_level(logging.INFO, logger="capdev.people.erasure"):
        entry = erasure.erase(pierre, staff["admin"])
    pierre.refresh_from_db()
    after = _everything_about(pierre)
    for secret in ("John", "Pierre", "john.pierre", "Permanent Secretary"):
        assert secret.lower() not in after.lower(), secret
    assert pierre.is_erased and pierre.sex == "male" and pierre.country_id == "LCA" and pierre.seniority == "senior"
    assert pierre.institution.name == "Ministry of Public Service"  # the institution stays (it is not personal)
    # Other people's cells in the same file are untouched, the merged ministry cell included.
    row = SheetRow.objects.get(person__email="annmarie.joseph@govt.lc")
    with row.sheet.file.open("rb") as handle:
        rows = read_workbook(handle.read(), "x.xlsx").worksheet().rows
    assert rows[6][1] == "Dr Ann-Marie Joseph" and rows[6][3] == "Ministry of Public Service"
    assert rows[5][4] == "M" and rows[5][1] == ""  # the erased row keeps its sex column only
    # Counts do not move.
    reach = agg.project_reach(caribbean, include_pending=True)
    assert (reach.people, reach.attendances) == (before.people, before.attendances)
    assert {c.key: c.people for c in reach.breakdowns["sex"]} == {c.key: c.people for c in before.breakdowns["sex"]}
    # The log names the record's number only.
    assert entry.person_id == pierre.pk and entry.counts["history_rows"] >= 2 and entry.counts["files"] == 1
    logged = " ".join(r.getMessage() for r in caplog.records)
    assert str(pierre.pk) in logged and "Pierre" not in logged and "govt.lc" not in logged
    assert "Pierre" not in repr(list(Erasure.objects.values())) + repr(list(Erasure.history.values()))
    assert Response.objects.get(satisfaction=5).person is None  # the response stays, anonymous


def test_erasure_of_a_csv_row_keeps_the_file_readable(workshop, staff):
    sheet, _plan, _report = imported(workshop, "liste-presence-fr.csv", staff["editor"])
    marie = Person.objects.get(email="marie.dupont@mef.gouv.ht")
    erasure.erase(marie, staff["admin"])
    sheet.refresh_from_db()
    with sheet.file.open("rb") as handle:
        data = handle.read()
    book = read_workbook(data, "x.csv")
    assert book.encoding == "cp1252" and book.delimiter == ";"
    rows = book.worksheet().rows
    assert "DUPONT" not in data.decode("cp1252") and rows[3][3] == "F" and rows[3][6] == "Haïti"
    assert rows[4][1] == "JEAN-BAPTISTE"  # the next person's row as it was
    assert sheet.erased_rows == 1 and sheet.sha256 != ""


def test_people_merged_into_someone_are_erased_with_them(workshop, staff):
    a, b = attend(workshop, ("Ana Lopez", "female"), ("Ana López", "female"))
    from capdev.people.merging import merge

    merge(a, b, staff["admin"])
    erasure.erase(a, staff["admin"])
    b.refresh_from_db()
    assert b.is_erased and b.name == "" and "López" not in repr(list(Person.history.filter(id=b.pk).values()))


def test_only_portfolio_admins_erase_and_they_must_confirm(workshop, staff):
    person = attend(workshop, ("Keisha Greaves", "female"))[0]
    editor = Client()
    editor.force_login(staff["editor"])
    assert editor.post(f"/people/{person.pk}/erase/", {"confirm": "yes"}).status_code == 403
    admin = Client()
    admin.force_login(staff["admin"])
    admin.post(f"/people/{person.pk}/erase/", {})
    person.refresh_from_db()
    assert not person.is_erased
    admin.post(f"/people/{person.pk}/erase/", {"confirm": "yes"})
    person.refresh_from_db()
    assert person.is_erased and Erasure.objects.get().erased_by == staff["admin"]


def test_retention_erases_people_whose_last_activity_is_older(workshop, tot, staff, settings):
    old = attend(workshop, ("Old Timer", "male"))[0]        # August 2024
    recent = attend(tot, ("Recent Trainee", "female"))[0]   # October 2025
    both = attend(workshop, ("Both Times", "female"))[0]
    from capdev.people.models import Attendance

    a = Attendance(person=both, role="participant")
    a.attach(tot)
    a.save()
    import datetime as dt

    due = set(erasure.due_for_retention(1, today=dt.date(2026, 3, 1)))
    assert due == {old}
    settings.CAPDEV_PEOPLE_RETENTION_YEARS = 1
    out = io.StringIO()
    call_command("people_retention", "--dry-run", "--today", "2026-03-01", stdout=out)
    assert "1 person" in out.getvalue() and not Person.objects.get(pk=old.pk).is_erased
    call_command("people_retention", "--today", "2026-03-01", stdout=io.StringIO())
    assert Person.objects.get(pk=old.pk).is_erased and not Person.objects.get(pk=recent.pk).is_erased
    assert Erasure.objects.get().reason == Erasure.Reason.RETENTION


def test_retention_off_by_default(settings):
    settings.CAPDEV_PEOPLE_RETENTION_YEARS = 0
    out = io.StringIO()
    call_command("people_retention", stdout=out)
    assert "off" in out.getvalue()
