"""Reference data: countries, regions, SDGs and currencies."""
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReferenceConfig(AppConfig):
    """Lists that Capdev does not own but refers to: ISO 3166, UN M49, SDGs, ISO 4217."""

    name = "capdev.reference"
    label = "reference"
    verbose_name = _("Reference data")
