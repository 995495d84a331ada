"""Keeping the people data attached to activities whose rows are written again, and the cached counts current.

- An activity's row written again (a working copy published, a revert) has a new id and the same uid: the
  attendance, sheets, evaluations and network links that lost it (set NULL by the delete) find it again.
  Only an original's activity takes them back, never a working copy's.
- A change of attendance, people or memberships marks the projects concerned as changed
  (capdev.projects.index_version): the counts cached by capdev.people.aggregates are keyed on that version.
"""
from __future__ import annotations

from django.db.models.signals import post_delete, post_save

from capdev.projects import index_version


def _linked_models():
    from .models import Attendance, Evaluation, NetworkActivity, Sheet

    return (Attendance, Sheet, Evaluation, NetworkActivity)


def relink(activity) -> int:
    """Give back to this activity the rows that lost its uid's earlier row; returns how many."""
    if activity.uid is None:
        return 0
    project = activity.project
    if project.draft_of_id is not None:
        return 0  # a working copy's activity: the rows stay with the original's, published or not
    from django.db.models import Case, Value, When

    from .models import Attendance, AttendanceState, Sheet, counts_in_public

    moved = 0
    for model in _linked_models():
        changes = {"activity": activity}
        if model is Attendance:
            public = counts_in_public(AttendanceState.PUBLISHED, project, activity.recalled)
            changes.update(project_id=project.pk, public=Case(
                When(state=AttendanceState.PUBLISHED, then=Value(public)), default=Value(False)))
        elif model is Sheet:
            changes["project_id"] = project.pk
        moved += model.objects.filter(activity__isnull=True, activity_uid=activity.uid).update(**changes)
    if moved:
        index_version.bump(projects=[activity.project_id])
    return moved


def orphaned_uids(uids) -> set:
    """Those of these activity uids that rows kept about an activity point at with no activity (one query per
    kind of row): the activities relink has work for."""
    wanted = [u for u in uids if u]
    found = set()
    for model in _linked_models():
        found.update(model.objects.filter(activity__isnull=True, activity_uid__in=wanted)
                     .values_list("activity_uid", flat=True).distinct())
    return found


def _activity_saved(sender, instance, created, raw=False, **kwargs) -> None:
    if raw:
        return
    if created:
        relink(instance)
        return
    from .publishing import sync_activity

    sync_activity(instance)  # moved to another project, recalled as history or no longer: its list follows


def _project_saved(sender, instance, raw=False, **kwargs) -> None:
    """A project published, sent back to review or turned into a copy: its published lists count in public
    or no longer."""
    if raw:
        return
    from .publishing import sync_projects

    sync_projects([instance])


def _attendance_changed(sender, instance, raw=False, **kwargs) -> None:
    if raw:
        return
    if instance.project_id:
        index_version.bump(projects=[instance.project_id])


def _person_changed(sender, instance, raw=False, created=False, **kwargs) -> None:
    if raw or created:
        return  # a new person counts nowhere until an attendance names them (which marks its project)
    from .models import Attendance

    projects = set(Attendance.objects.filter(person=instance, project__isnull=False)
                   .values_list("project_id", flat=True)[:index_version.INCREMENTAL_LIMIT + 1])
    if projects:
        index_version.bump(projects=projects)


def connect() -> None:
    """Connect the handlers (from PeopleConfig.ready)."""
    from capdev.activities.models import Activity
    from capdev.projects.models import Project

    from .models import Attendance, Person

    post_save.connect(_activity_saved, sender=Activity, dispatch_uid="capdev-people-relink")
    post_save.connect(_project_saved, sender=Project, dispatch_uid="capdev-people-project-public")
    post_save.connect(_attendance_changed, sender=Attendance, dispatch_uid="capdev-people-attendance-save")
    post_delete.connect(_attendance_changed, sender=Attendance, dispatch_uid="capdev-people-attendance-delete")
    post_save.connect(_person_changed, sender=Person, dispatch_uid="capdev-people-person")
