"""Core app: the base model, mixins and helpers every domain app shares."""
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Shared base classes; it owns no tables of its own."""

    name = "capdev.core"
    label = "core"
    verbose_name = _("Core")
