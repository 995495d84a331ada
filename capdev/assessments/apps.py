"""Capability assessments of countries over time, linked to the projects that act on them."""
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    """Assessment frameworks, assessments and their scores, priorities, documents and links to the work."""

    name = "capdev.assessments"
    label = "assessments"
    verbose_name = _("Capability assessments")

    def ready(self) -> None:
        from . import panels  # noqa: F401 - registers the country, project and dashboard panels
