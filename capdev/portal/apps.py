"""Portal: the public site's frame (base templates, static assets, home and dashboard)."""
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """Pages that span the domain apps: home, dashboard; the shared templates and assets."""

    name = "capdev.portal"
    label = "portal"
    verbose_name = _("Portal")
