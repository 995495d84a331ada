"""Whether the public counts an attendance: a reviewer publishes an activity's list, and Attendance.public
follows its project (published or not) and its activity (moved, recalled as history or not) in bulk."""
from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from simple_history.utils import bulk_update_with_history

from capdev.projects import index_version

from . import indicators
from .models import Attendance, AttendanceState, counts_in_public, project_is_public


def publish_attendance(activity, user) -> int:
    """Publish the activity's pending attendance in one transaction (history kept); returns how many rows."""
    with transaction.atomic():
        rows = list(Attendance.objects.select_for_update().filter(activity=activity, state=AttendanceState.PENDING))
        public = counts_in_public(AttendanceState.PUBLISHED, activity.project, activity.recalled)
        for row in rows:
            row.state, row.project_id, row.public = AttendanceState.PUBLISHED, activity.project_id, public
        bulk_update_with_history(rows, Attendance, ["state", "project", "public"], batch_size=500,
                                 default_user=user if getattr(user, "pk", None) else None)
        if rows:
            # Bulk updates send no signal: mark the project, so that cached counts move.
            index_version.bump(projects=[activity.project_id])
            indicators.refresh_later([activity.project_id])
    return len(rows)


def sync_projects(projects: Iterable) -> int:
    """Bring Attendance.public in step with these projects (published, sent back, turned into a copy): for a
    project's own save (capdev.people.signals) and the paths that write projects in bulk (the IATI importer).
    Two UPDATEs per 500 projects, through the index on (project, public); returns the rows changed."""
    public, hidden = [], []
    for project in projects:
        (public if project_is_public(project) else hidden).append(project.pk)
    changed, touched = 0, []
    for ids, to in ((public, True), (hidden, False)):
        for i in range(0, len(ids), 500):
            batch = ids[i:i + 500]
            rows = Attendance.objects.filter(project_id__in=batch, state=AttendanceState.PUBLISHED, public=not to)
            n = (rows.filter(activity__recalled=False) if to else rows).update(public=to)
            if n:
                changed += n
                touched += batch
    if touched:
        index_version.bump(projects=touched)
    return changed


def sync_activity(activity) -> int:
    """Bring an activity's attendance in step with it after a save: the project it belongs to now, and whether
    the public counts it (its project public, the activity not recalled history). Two indexed UPDATEs, which
    change nothing mostly; returns the rows changed."""
    rows = Attendance.objects.filter(activity=activity)
    elsewhere = rows.exclude(project_id=activity.project_id)
    before = set(elsewhere.values_list("project_id", flat=True).distinct())
    changed = elsewhere.update(project_id=activity.project_id) if before else 0
    public = counts_in_public(AttendanceState.PUBLISHED, activity.project, activity.recalled)
    changed += rows.filter(state=AttendanceState.PUBLISHED).exclude(public=public).update(public=public)
    if changed:
        index_version.bump(projects=[activity.project_id, *(pk for pk in before if pk)])
    return changed
