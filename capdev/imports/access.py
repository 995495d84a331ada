"""Who may import, and whose import jobs a user sees (capdev.accounts.permissions decides the rights)."""
from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from capdev.accounts import permissions as perms

from .models import ImportJob


def can_import(user) -> bool:
    """Staff who may create projects: editors with a unit, reviewers, portfolio admins."""
    return perms.is_active_staff(user) and perms.can_create_project(user)


def visible_jobs(user) -> QuerySet:
    """The user's own jobs and those given to one of their units; every job for those who edit everything."""
    if not can_import(user):
        return ImportJob.objects.none()
    units = perms.editable_unit_ids(user)
    if units is None:
        return ImportJob.objects.all()
    return ImportJob.objects.filter(Q(user=user) | Q(unit_id__in=units))


def job_for(user, pk: int) -> ImportJob:
    """A job the user may see and act on; 404 for any other (whether it exists is nobody else's business)."""
    job = visible_jobs(user).select_related("unit", "user", "confirmed_by").filter(pk=pk).first()
    if job is None:
        raise Http404
    return job


def record_allowed(user, project, unit_id: int | None) -> tuple[bool, str]:
    """Whether the user may write this record: change the project it matches, or create one in this unit."""
    from django.utils.translation import gettext as _

    if project is not None:
        if perms.can_change_in_place(user, project):
            return True, ""
        if perms.can_edit_project(user, project):
            return False, _("it would change a published project: edit it through its working copy instead")
        return False, _("it would change a project of another unit")
    units = perms.editable_unit_ids(user)
    if units is None or unit_id in units:
        return True, ""
    if unit_id is None:
        return False, _("it names no unit: choose your unit when uploading")
    return False, _("its unit is not one you edit for")
