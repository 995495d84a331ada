"""Accounts: staff roles (viewer, editor, reviewer, portfolio admin) and the units each editor works for."""
from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Staff accounts, roles and unit assignments."""

    name = "capdev.accounts"
    label = "accounts"
    verbose_name = _("Accounts and roles")

    def ready(self) -> None:
        from capdev.core import access

        from . import permissions
        from .roles import ensure_roles

        access.register(permissions)  # core's admin base classes ask these rules (core cannot import accounts)
        # Groups and their model permissions exist only after every app's permissions do: after migrate (and
        # after `flush`, which empties the groups table and sends post_migrate again).
        post_migrate.connect(ensure_roles, dispatch_uid="capdev.accounts.ensure_roles")
