"""IATI publishing and import."""
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IatiConfig(AppConfig):
    """IATI 2.03 export, validation and import."""

    name = "capdev.iati"
    label = "iati"
    verbose_name = _("IATI")
