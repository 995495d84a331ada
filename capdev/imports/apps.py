from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImportsConfig(AppConfig):
    """The import page: upload a file, preview its records, keep some, import them as drafts in review."""

    name = "capdev.imports"
    verbose_name = _("Imports")
    default_auto_field = "django.db.models.BigAutoField"
