"""People data stay with an activity whose row is written again (a working copy published, a revert), and are
kept, not lost, when it is removed."""
from __future__ import annotations

import pytest

from capdev.activities.models import Activity
from capdev.editor import workflow
from capdev.people.models import Attendance, Evaluation, Sheet

from .conftest import crowd
from .test_import import imported

pytestmark = pytest.mark.django_db


def test_publishing_a_working_copy_keeps_the_lists_on_the_activity(caribbean, workshop, staff):
    sheet, _plan, _r = imported(workshop, "liste-presence-fr.csv", staff["editor"])
    evaluation = Evaluation(title="e")
    evaluation.attach(workshop)
    evaluation.save()
    uid = Activity.objects.get(pk=workshop.pk).uid
    assert uid is not None  # given when the first list attached to it (the import wrote it without one)
    copy = workflow.start_working_copy(caribbean, staff["editor"])
    copied = copy.activities.get(uid=uid)
    assert copied.pk != workshop.pk
    assert Attendance.objects.filter(activity=workshop).count() == 7  # the copy's row takes nothing
    copied.title = "Capacity Development Workshop on Changing Mindsets (renamed)"
    copied.save()
    from capdev.projects.models import ReviewFlag

    ReviewFlag.objects.filter(project=caribbean).update(state=ReviewFlag.State.ACCEPTED)
    workflow.publish(copy, staff["reviewer"])
    new = Activity.objects.get(project=caribbean, uid=uid)
    assert new.pk == workshop.pk and new.title.endswith("(renamed)")  # written over the published row: id kept
    assert Attendance.objects.filter(activity=new).count() == 7
    assert not Attendance.objects.filter(activity__isnull=True).exists()
    sheet.refresh_from_db()
    evaluation.refresh_from_db()
    assert sheet.activity == new and evaluation.activity == new


def test_a_removed_activity_leaves_its_list_kept_for_staff(caribbean, workshop, staff):
    crowd(workshop, 3, 3)
    workshop.delete()
    orphans = Attendance.objects.filter(activity__isnull=True)
    assert orphans.count() == 6 and set(orphans.values_list("activity_uid", flat=True)) != {None}


def test_a_revert_brings_the_list_back(caribbean, workshop, staff):
    crowd(workshop, 2, 2)
    uid = Activity.objects.get(pk=workshop.pk).uid
    from capdev.editor import history

    version = history.versions(caribbean.pk, with_copies=False)[-1].number
    caribbean.review_state = "in_review"
    caribbean.save()
    workshop.delete()
    assert Attendance.objects.filter(activity__isnull=True).count() == 4
    workflow.revert(caribbean, version, staff["reviewer"])
    back = Activity.objects.get(project=caribbean, uid=uid)
    assert Attendance.objects.filter(activity=back).count() == 4


def test_uids_are_unique_across_activities_written_in_bulk(portfolio, db):
    from capdev.projects import synthetic

    synthetic.generate(30, seed=11, batch=30)
    uids = list(Activity.objects.filter(project__code__startswith="SYN11-").values_list("uid", flat=True))
    assert len(uids) > 20 and None not in uids and len(set(uids)) == len(uids)


def test_a_working_copy_s_activity_opens_only_for_those_who_manage_the_project_s_people(caribbean, workshop,
                                                                                          staff, client):
    # An activity logged since the last publication lives only in the copy: its sign-in sheet goes there
    # (test_copy_activity); the public and other units never see the copy's activities.
    copy = workflow.start_working_copy(caribbean, staff["editor"])
    copied = copy.activities.get(title=workshop.title)
    assert client.get(f"/activities/{copied.pk}/").status_code == 404
    client.force_login(staff["other"])
    assert client.get(f"/activities/{copied.pk}/").status_code == 404
    client.force_login(staff["editor"])
    assert client.get(f"/activities/{copied.pk}/").status_code == 200
    assert not Sheet.objects.exists()
