"""Who may do what: the one place every write path (portal forms, admin, API, import commands) asks.

Roles (capdev.accounts.roles): viewer, editor, reviewer, portfolio admin; a superuser is a portfolio admin.
Editors edit the projects whose lead unit is one of their units or below one (OrgUnit.parent); a project
with no lead unit is edited by reviewers and portfolio admins only. Reviewers edit, resolve flags and publish
portfolio-wide. Every role implies `is_staff`, the flag the public pages test to show drafts.
"""
from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet

from capdev.core import access

from .roles import EDITOR, PORTFOLIO_ADMIN, REVIEWER, VIEWER

_CACHE = "_capdev_permission_cache"


def _cache(user) -> dict:
    """Per-user-object memo: a request asks the same questions many times (a list of projects, an admin page)."""
    cache = getattr(user, _CACHE, None)
    if cache is None:
        cache = {}
        try:
            setattr(user, _CACHE, cache)
        except AttributeError:  # pragma: no cover - AnonymousUser allows attributes; be safe anyway
            pass
    return cache


is_active_staff = access.is_staff  # signed in, active and staff: the one rule, in core


def roles_of(user) -> frozenset[str]:
    """The role names the user holds (a superuser holds portfolio admin)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return frozenset()
    cache = _cache(user)
    if "roles" not in cache:
        names = set(user.groups.values_list("name", flat=True))
        if user.is_superuser:
            names.add(PORTFOLIO_ADMIN)
        cache["roles"] = frozenset(names)
    return cache["roles"]


def has_role(user, role: str) -> bool:
    """True when the user holds this role (portfolio admins hold every role)."""
    roles = roles_of(user)
    return role in roles or PORTFOLIO_ADMIN in roles


def is_portfolio_admin(user) -> bool:
    """Everything, reference data and users included."""
    return is_active_staff(user) and PORTFOLIO_ADMIN in roles_of(user)


def can_view_internal(user) -> bool:
    """May see drafts, projects in review and internal fields (every staff role, viewer included)."""
    return is_active_staff(user)


def edits_everything(user) -> bool:
    """Reviewers and portfolio admins edit every project."""
    return is_active_staff(user) and bool({REVIEWER, PORTFOLIO_ADMIN} & roles_of(user))


def editable_unit_ids(user) -> frozenset[int] | None:
    """Ids of the units the user edits for, descendants included; None means every unit."""
    if edits_everything(user):
        return None
    if not (is_active_staff(user) and EDITOR in roles_of(user)):
        return frozenset()
    cache = _cache(user)
    if "unit_ids" not in cache:
        from capdev.organisations.tree import unit_ids_under

        from .models import UnitAssignment

        assigned = set(UnitAssignment.objects.filter(user=user).values_list("unit_id", flat=True))
        cache["unit_ids"] = frozenset(unit_ids_under(pks=assigned) if assigned else ())
    return cache["unit_ids"]


def editable_units(user) -> QuerySet:
    """The organisational units whose projects the user may create and edit."""
    from capdev.organisations.models import OrgUnit

    ids = editable_unit_ids(user)
    return OrgUnit.objects.all() if ids is None else OrgUnit.objects.filter(pk__in=ids)


def projects_editable_by(user) -> QuerySet:
    """The projects (originals and working copies) the user may edit."""
    from capdev.projects.models import Project

    ids = editable_unit_ids(user)
    if ids is None:
        return Project.objects.all()
    # A working copy is editable only with the right to its original too (same rule as can_edit_project).
    return Project.objects.filter(lead_unit_id__in=ids).filter(
        Q(draft_of__isnull=True) | Q(draft_of__lead_unit_id__in=ids))


def can_create_project(user) -> bool:
    """Editors with at least one unit, reviewers and portfolio admins."""
    ids = editable_unit_ids(user)
    return ids is None or bool(ids)


def can_edit_project(user, project) -> bool:
    """May change this project (a working copy also needs the right to its original)."""
    ids = editable_unit_ids(user)
    if ids is None:
        return True
    if not ids or project is None or project.lead_unit_id not in ids:
        return False
    original = project.draft_of if project.draft_of_id else None
    return original is None or original.lead_unit_id in ids


def is_published_original(project) -> bool:
    """A published project that is not itself a working copy: what the public sees."""
    from capdev.projects.models import ReviewState

    return project.review_state == ReviewState.PUBLISHED and project.draft_of_id is None


def can_change_in_place(user, project) -> bool:
    """May change this project or its rows directly: as can_edit_project, and a published original only with
    the right to publish (editors change what the public sees through a working copy and a review)."""
    if not can_edit_project(user, project):
        return False
    return project is None or not is_published_original(project) or can_publish(user, project)


def can_change_row_in_place(user, obj) -> bool:
    """can_edit_row, with a published original's rows changed directly only by those who publish."""
    project = project_of(obj)
    if project is not None:
        return can_change_in_place(user, project)
    return can_manage_reference_data(user)


def can_publish(user, project=None) -> bool:
    """May publish projects (and resolve importer flags): reviewers and portfolio admins."""
    return edits_everything(user)


def can_resolve_flags(user, project=None) -> bool:
    """May accept or mark corrected the importer's flags: the same people who publish."""
    return can_publish(user, project)


def can_manage_reference_data(user) -> bool:
    """May change countries, SDGs, organisations, units, funding sources, users: portfolio admins."""
    return is_portfolio_admin(user)


def project_of(obj: Any):
    """The project a row belongs to (the project itself, a budget's, an indicator value's...), or None."""
    from capdev.projects.models import Project

    if isinstance(obj, Project):
        return obj
    for path in ("project", "from_project", "outcome.project", "indicator.outcome.project", "activity.project"):
        node = obj
        for attr in path.split("."):
            if not hasattr(node, attr + "_id") and not hasattr(node, attr):
                node = None
                break
            node = getattr(node, attr, None)
            if node is None:
                break
        if node is not None and isinstance(node, Project):
            return node
    return None


def can_edit_row(user, obj) -> bool:
    """May change this row: a project row by can_edit_project, reference data by can_manage_reference_data."""
    project = project_of(obj)
    if project is not None:
        return can_edit_project(user, project)
    return can_manage_reference_data(user)


def require(allowed: bool) -> None:
    """Raise PermissionDenied (HTTP 403) unless allowed."""
    if not allowed:
        raise PermissionDenied


class EditRefused(PermissionDenied):
    """A refused edit of a project: the 403 page (capdev.core.errors) names the project's unit and the units the
    user may edit, so that they know whom to ask."""

    def __init__(self, user, project):
        super().__init__(f"may not edit project {getattr(project, 'pk', None)}")
        self.user, self.project = user, project

    def details(self) -> dict:
        """What the 403 page says: the project (the original of a working copy), the name of its unit ("" for
        none) and the names of the units the user may edit."""
        project = self.project
        original = project.draft_of if project.draft_of_id else project
        unit = project.lead_unit
        return {"project": original, "project_unit": str(unit) if unit is not None else "",
                "user_units": sorted(str(u) for u in editable_units(self.user))}


def require_edit(user, project) -> None:
    """Raise EditRefused (HTTP 403) unless the user may edit this project (can_edit_project)."""
    if not can_edit_project(user, project):
        raise EditRefused(user, project)


# -- assessments (capdev.assessments) -----------------------------------------------------------------------------

def can_edit_assessments(user) -> bool:
    """May enter assessments and their scores, priorities, documents and links (as drafts): whoever may create
    projects (editors with a unit, reviewers, portfolio admins)."""
    return can_create_project(user)


def can_publish_assessments(user) -> bool:
    """May publish an assessment and change a published one: the people who publish projects."""
    return can_publish(user)


def can_edit_assessment(user, assessment) -> bool:
    """May change this assessment (None: a new one): a draft by its editors, a published one by publishers."""
    if not can_edit_assessments(user):
        return False
    if assessment is None or getattr(assessment, "state", "draft") == "draft":
        return True
    return can_publish_assessments(user)


def can_manage_frameworks(user) -> bool:
    """May load and change assessment frameworks (their dimensions, questions and scales): portfolio admins."""
    return is_portfolio_admin(user)


__all__ = [
    "VIEWER", "EDITOR", "REVIEWER", "PORTFOLIO_ADMIN", "roles_of", "has_role", "is_portfolio_admin",
    "can_view_internal", "edits_everything", "editable_unit_ids", "editable_units", "projects_editable_by",
    "can_create_project", "can_edit_project", "is_published_original", "can_change_in_place",
    "can_change_row_in_place", "can_publish", "can_resolve_flags", "can_manage_reference_data",
    "project_of", "can_edit_row", "require", "can_edit_assessments", "can_publish_assessments",
    "can_edit_assessment", "can_manage_frameworks",
]
