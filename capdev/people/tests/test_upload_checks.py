"""What an upload must not let through (new-user findings 3, 19, 23): a total row taken for a person, the same
file recorded twice counted as more days, a sheet with no one on it recorded as a list."""
from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse

from capdev.core.models import DatePrecision
from capdev.people import importing
from capdev.people.models import Attendance, Person, Sheet, SheetRow
from capdev.people.sheets.read import SheetError

from .conftest import FILES, upload
from .test_import import plan_of

pytestmark = pytest.mark.django_db


def test_total_and_subtotal_rows_are_not_read_as_people(workshop, staff, client):
    sheet = upload(workshop, "signin-with-totals.csv", staff["editor"])
    plan = plan_of(sheet)
    by_number = {r.number: r for r in plan.rows}
    assert [r.values.name for r in plan.people_rows] == ["John Pierre", "Marie Joseph", "Gina Felix",
                                                          "Alvin Compton"]
    for number in (7, 10, 11):  # "Sub-total:", "TOTAL" (with a number and a country), "Grand Total"
        assert by_number[number].outcome == SheetRow.Outcome.ERROR, number
        assert by_number[number].message_texts() == ["a total or subtotal row: not a person"]
    # The preview says so, and offers no decision on them.
    client.force_login(staff["editor"])
    page = client.get(reverse("people:sheet", args=[sheet.pk]) + "?step=preview").content.decode()
    assert page.count("a total or subtotal row: not a person") == 3
    assert 'name="decision_10"' not in page and 'name="decision_4"' in page
    importing.confirm(sheet, plan, staff["editor"])
    assert not Person.objects.filter(name__icontains="total").exists() and Person.objects.count() == 4


def test_is_total_reads_the_usual_labels_only():
    for label in ("TOTAL", "Total:", "Sub-total", "Grand Total", "Sum", "Totaux", "Suma", " total participants "):
        assert importing.is_total(label), label
    for name in ("Totaro Maria", "Sumner Lewis", "Grand Jean"):
        assert not importing.is_total(name), name


def one_day_activity(activity):
    activity.start_date, activity.start_precision = dt.date(2026, 11, 18), DatePrecision.DAY
    activity.end_date = None
    activity.save()
    return activity


def test_the_same_file_three_times_is_one_day_and_is_announced(workshop, staff, client):
    activity = one_day_activity(workshop)
    data = (FILES / "one-day.csv").read_bytes()
    for _time in range(3):
        sheet = importing.store_upload(activity, data, "one-day.csv", staff["editor"])
        if _time == 2:  # the preview tells before anything is recorded
            client.force_login(staff["editor"])
            page = client.get(reverse("people:sheet", args=[sheet.pk]) + "?step=preview").content.decode()
            assert "already recorded on this activity 2 times" in page and 'id="already-uploaded"' in page
        importing.confirm(sheet, plan_of(sheet, one_day=True), staff["editor"])
    assert list(Attendance.objects.filter(activity=activity).values_list("days", flat=True)) == [Decimal(1)] * 2
    assert Person.objects.count() == 2


def test_day_sheets_never_take_anyone_past_a_one_day_activity(workshop, staff):
    activity = one_day_activity(workshop)
    for day in range(3):  # three different files: still a one-day event
        data = f"Sheet {day}\nName,Email\nLisa Greaves,lgreaves@barbados.gov.bb\n".encode()
        sheet = importing.store_upload(activity, data, "day.csv", staff["editor"])
        importing.confirm(sheet, plan_of(sheet, one_day=True), staff["editor"])
    assert Attendance.objects.get(activity=activity).days == Decimal(1)


def test_the_command_warns_about_a_file_already_recorded(workshop, staff):
    activity = one_day_activity(workshop)
    for _time in range(2):
        err = io.StringIO()
        call_command("import_attendance", "--activity", str(activity.pk), str(FILES / "one-day.csv"), "--one-day",
                     "--user", staff["editor"].username, stdout=io.StringIO(), stderr=err)
    assert "already recorded on this activity" in err.getvalue()
    assert set(Attendance.objects.filter(activity=activity).values_list("days", flat=True)) == {Decimal(1)}


def test_a_sheet_with_only_a_header_row_is_refused_at_upload(workshop, staff, client):
    with pytest.raises(SheetError) as refused:
        upload(workshop, "header-only.csv", staff["editor"])
    assert refused.value.code == "no_rows"
    assert not Sheet.objects.exists()
    client.force_login(staff["editor"])
    with open(FILES / "header-only.csv", "rb") as handle:
        response = client.post(reverse("people:upload", args=[workshop.pk]), {"file": handle}, follow=True)
    assert "has no row below its header row (1): no one to record" in response.content.decode()
    assert not Sheet.objects.exists()
