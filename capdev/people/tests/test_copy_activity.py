"""An activity logged on a published project lives in its working copy until a reviewer publishes the copy: its
sign-in sheet can be uploaded at once by the unit's staff, nothing of it is public before, and the list follows
the activity to the published project (new-user finding 17)."""
from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from capdev.activities.models import Activity
from capdev.editor import workflow
from capdev.people.models import Attendance, AttendanceState, Sheet
from capdev.projects.models import Project, ReviewFlag

from .test_import import imported

pytestmark = pytest.mark.django_db


def test_a_sheet_uploaded_on_a_logged_activity_follows_it_to_the_published_project(caribbean, staff):
    editor = Client()
    editor.force_login(staff["editor"])
    response = editor.post(reverse("editor:log_activity", args=[caribbean.pk]), {
        "log-type": "workshop", "log-start": "2026-11-18", "log-country": "Saint Lucia [LCA]",
        "log-city": "Castries", "log-title": "Follow-up workshop for Permanent Secretaries",
        "log-participants": "25"}, follow=True)
    copy = Project.objects.get(draft_of=caribbean)
    logged = Activity.objects.get(project=copy, title="Follow-up workshop for Permanent Secretaries")
    page = response.content.decode()
    assert f'href="/activities/{logged.pk}/"' in page and "sign-in sheet can be uploaded now" in page
    # Its page opens for the unit's staff, with the upload; not for the public, nor another unit's editor.
    assert editor.get(f"/activities/{logged.pk}/").status_code == 200
    assert Client().get(f"/activities/{logged.pk}/").status_code == 404
    other = Client()
    other.force_login(staff["other"])
    assert other.get(f"/activities/{logged.pk}/").status_code == 404
    sheet, plan, report = imported(logged, "signin-saint-lucia-en.xlsx", staff["editor"])
    assert report.attendance_created == 10 and sheet.activity == logged
    reviewer = Client()
    reviewer.force_login(staff["reviewer"])
    reviewer.post(reverse("people:publish", args=[logged.pk]))
    assert Attendance.objects.filter(activity=logged, state=AttendanceState.PUBLISHED).count() == 10
    assert not Attendance.objects.filter(activity=logged, public=True).exists()  # the copy is not public
    for flag in workflow.open_flags(copy):
        workflow.resolve_flag(flag, staff["reviewer"], ReviewFlag.State.ACCEPTED)
    workflow.publish(copy, staff["reviewer"], override_reason="test")
    published = caribbean.activities.get(title="Follow-up workshop for Permanent Secretaries")
    rows = Attendance.objects.filter(activity=published)
    assert rows.count() == 10 and set(rows.values_list("public", flat=True)) == {True}
    assert set(rows.values_list("project_id", flat=True)) == {caribbean.pk}
    assert Sheet.objects.get(pk=sheet.pk).activity == published
    assert Client().get(f"/activities/{published.pk}/").status_code == 200
