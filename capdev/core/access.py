"""Who may do what: the one "is staff" rule, and the role rules as core's base classes ask them.

`is_staff` is the rule every page, filter and API view asks before it shows what is not published: a signed-in,
active staff member. The role rules live in `capdev.accounts.permissions`; core sits below the apps and cannot
import accounts, so accounts registers its rules here when it is ready (`AccountsConfig.ready`) and core's admin
base classes ask `rules()`.
"""
from __future__ import annotations

from types import ModuleType

from django.core.exceptions import ImproperlyConfigured

_rules: ModuleType | None = None


def is_staff(user) -> bool:
    """Signed in, active and staff: who may see drafts, internal records and unpublished data."""
    return bool(user is not None and user.is_authenticated and user.is_active and user.is_staff)


def is_staff_request(request) -> bool:
    """Whether the request (or None) comes from a signed-in, active staff member."""
    return is_staff(getattr(request, "user", None))


def register(rules: ModuleType) -> None:
    """Called once by accounts' AppConfig.ready with its permissions module."""
    global _rules
    _rules = rules


def rules() -> ModuleType:
    """The permission rules (`capdev.accounts.permissions`)."""
    if _rules is None:
        raise ImproperlyConfigured("capdev.accounts is not installed: no permission rules are registered")
    return _rules
