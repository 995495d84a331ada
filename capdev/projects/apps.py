"""Projects: the portfolio's core records and their ordered lists, results, provenance and review."""
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    """The project registry."""

    name = "capdev.projects"
    label = "projects"
    verbose_name = _("Projects")

    def ready(self) -> None:
        from . import index_version, panels, signals  # noqa: F401 - panels registers the similar projects

        signals.connect()
        index_version.connect()
