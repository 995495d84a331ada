"""A reviewer publishes an activity's attendance awaiting review: from then on it counts in public figures."""
from __future__ import annotations

from django.db import transaction
from simple_history.utils import bulk_update_with_history

from capdev.projects import index_version

from . import indicators
from .models import Attendance, AttendanceState, project_is_public


def publish_attendance(activity, user) -> int:
    """Publish the activity's pending attendance in one transaction (history kept); returns how many rows."""
    with transaction.atomic():
        rows = list(Attendance.objects.select_for_update().filter(activity=activity, state=AttendanceState.PENDING))
        public = project_is_public(activity.project)
        for row in rows:
            row.state, row.project_id, row.public = AttendanceState.PUBLISHED, activity.project_id, public
        bulk_update_with_history(rows, Attendance, ["state", "project", "public"], batch_size=500,
                                 default_user=user if getattr(user, "pk", None) else None)
        if rows:
            # Bulk updates send no signal: mark the project, so that cached counts move.
            index_version.bump(projects=[activity.project_id])
            indicators.refresh_later([activity.project_id])
    return len(rows)
