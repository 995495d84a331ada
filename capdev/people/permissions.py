"""Who may see and change personal data: staff of the project's unit (or a unit above it) and portfolio admins.

Every other user, staff of other units included, sees what the public sees: counts, with small ones suppressed
(capdev.people.privacy). Every view, API endpoint and command of the people app asks these functions.
"""
from __future__ import annotations

from django.db.models import Q, QuerySet

from capdev.accounts import permissions as perms

_CACHE = "_capdev_people_units"


def people_unit_ids(user) -> frozenset[int] | None:
    """The units whose projects' people this user sees (assigned units and those below them, in any staff
    role); None means every unit (portfolio admins)."""
    if perms.is_portfolio_admin(user):
        return None
    if not perms.is_active_staff(user):
        return frozenset()
    cached = getattr(user, _CACHE, None)
    if cached is not None:
        return cached
    from capdev.accounts.models import UnitAssignment
    from capdev.organisations.models import OrgUnit

    assigned = set(UnitAssignment.objects.filter(user=user).values_list("unit_id", flat=True))
    found: set[int] = set()
    if assigned:
        children: dict[int | None, list[int]] = {}
        for pk, parent in OrgUnit.objects.values_list("pk", "parent_id"):
            children.setdefault(parent, []).append(pk)
        todo = list(assigned)
        while todo:
            pk = todo.pop()
            if pk not in found:
                found.add(pk)
                todo.extend(children.get(pk, ()))
    result = frozenset(found)
    try:
        setattr(user, _CACHE, result)
    except AttributeError:  # pragma: no cover
        pass
    return result


def sees_all_people(user) -> bool:
    """Portfolio admins see every person."""
    return people_unit_ids(user) is None


def can_view_people(user, project) -> bool:
    """May see the names, emails and positions of the people of this project's activities."""
    ids = people_unit_ids(user)
    if ids is None:
        return True
    if project is None:
        return False
    original = project.draft_of if project.draft_of_id else project  # a working copy is its original's
    return original.lead_unit_id in ids


def can_manage_people(user, project) -> bool:
    """May upload, correct and remove attendance and evaluations of this project: sees its people and edits it."""
    return can_view_people(user, project) and perms.can_edit_project(user, project)


def can_publish_people(user, project) -> bool:
    """May publish the project's attendance lists and decide match proposals: publishes, and sees the names
    (a list is checked before it counts in public)."""
    return can_view_people(user, project) and perms.can_publish(user, project)


def can_erase(user) -> bool:
    """May erase a person on request: portfolio admins (an erasure reaches every project)."""
    return perms.is_portfolio_admin(user)


def projects_with_people_visible(user) -> Q:
    """The condition on Project for the projects whose people this user sees."""
    ids = people_unit_ids(user)
    if ids is None:
        return Q()
    return Q(lead_unit_id__in=ids)


def visible_people(user) -> QuerySet:
    """The persons this user may see: those who attended an activity of, or are members of a network led by,
    one of the user's units (every person for portfolio admins; no one for anyone else)."""
    from capdev.people.models import Attendance, Membership, Person

    ids = people_unit_ids(user)
    people = Person.objects.current()
    if ids is None:
        return people
    if not ids:
        return people.none()
    attended = Attendance.objects.filter(project__lead_unit_id__in=ids).values("person_id")
    members = Membership.objects.filter(network__lead_unit_id__in=ids, person__isnull=False).values("person_id")
    return people.filter(Q(pk__in=attended) | Q(pk__in=members))


def can_view_network_members(user, network) -> bool:
    """May see a network's members by name: staff of its lead unit, and portfolio admins."""
    ids = people_unit_ids(user)
    return ids is None or (network.lead_unit_id is not None and network.lead_unit_id in ids)


def can_manage_network_members(user, network) -> bool:
    """May add members to a network: sees its members, and edits for its lead unit (an editor of that unit, a
    reviewer or a portfolio admin); a viewer sees them and changes nothing."""
    if not can_view_network_members(user, network):
        return False
    editable = perms.editable_unit_ids(user)
    return editable is None or network.lead_unit_id in editable
