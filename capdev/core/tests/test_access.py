"""The one "is staff" rule (capdev.core.access): signed in, active and staff; every page and API view asks it."""
import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from capdev.accounts import permissions
from capdev.core import access
from capdev.iati.views import activities_xml


def _user(**flags):
    return get_user_model()(username="u", **flags)


@pytest.mark.parametrize(("flags", "staff"), [
    ({"is_staff": True, "is_active": True}, True),
    ({"is_staff": True, "is_active": False}, False),
    ({"is_staff": False, "is_active": True}, False),
    ({"is_staff": False, "is_active": True, "is_superuser": True}, False),  # a role needs the staff flag too
])
def test_is_staff(flags, staff):
    assert access.is_staff(_user(**flags)) is staff


def test_anonymous_and_no_request_are_not_staff():
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    assert access.is_staff(None) is False
    assert access.is_staff_request(request) is False
    assert access.is_staff_request(None) is False


def test_accounts_uses_the_same_rule():
    assert permissions.is_active_staff is access.is_staff


def test_accounts_registers_its_rules_for_core():
    assert access.rules() is permissions


def test_an_inactive_staff_user_may_not_export_unpublished_projects():
    """The IATI file's `?all=1` asked `is_staff` without `is_active` before the rule was one."""
    request = RequestFactory().get("/iati/activities.xml", {"all": "1"})
    request.user = _user(is_staff=True, is_active=False)
    assert activities_xml(request).status_code == 403
