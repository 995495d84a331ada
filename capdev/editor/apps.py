"""Editor: staff editing of projects in the portal, the review queue, publishing, change history and revert."""
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EditorConfig(AppConfig):
    """Staff editing, review and history pages."""

    name = "capdev.editor"
    label = "editor"
    verbose_name = _("Editing and review")
