"""Users for tests: one helper instead of the same few lines in every app's conftest."""
from __future__ import annotations

from django.contrib.auth import get_user_model

from capdev.accounts.models import UnitAssignment
from capdev.accounts.roles import assign_role

TEST_PASSWORD = "unused in tests 123"


def make_user(username: str, role: str | None = None, unit: str | None = None, *, password: str = TEST_PASSWORD):
    """A user with a role (capdev.accounts.roles) and, given a unit's code, assigned to that unit."""
    from capdev.organisations.models import OrgUnit

    user = get_user_model().objects.create_user(username, password=password)
    if role:
        assign_role(user, role)
    if unit:
        UnitAssignment.objects.create(user=user, unit=OrgUnit.objects.get(code=unit))
    return user
