"""Core app: the base model, mixins and helpers every domain app shares."""
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Shared base classes; its one table is the content version's (capdev.core.content_version)."""

    name = "capdev.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self):
        from django.db.backends.signals import connection_created

        from .database import without_jit

        connection_created.connect(without_jit, dispatch_uid="capdev-without-jit")

        from . import content_version

        content_version.connect()  # every app's models are loaded by now
