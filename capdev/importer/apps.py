"""Importer: loads parsed narrative records into the registry (the parser itself is capdev.narrative)."""
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImporterConfig(AppConfig):
    """The loader and the import-legacy command."""

    name = "capdev.importer"
    label = "importer"
    verbose_name = _("Importer")
