"""Organisations: partners and donors, the organisational-unit tree, funding sources."""
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    """Who takes part: organisations with their aliases, our own units, and where money comes from."""

    name = "capdev.organisations"
    label = "organisations"
    verbose_name = _("Organisations")
