"""Reports: a project's fact sheet and the portfolio report as PDF, and the stylesheet pages print with."""
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    """Fact sheets, portfolio and donor reports (docs/reports.md)."""

    name = "capdev.reports"
    label = "reports"
    verbose_name = _("Reports")

    def ready(self) -> None:
        from capdev.core import panels
        from capdev.core.views import register_format

        from . import views

        register_format("projects", "pdf", views.portfolio_pdf)
        panels.register("project-side", views.factsheet_panel, order=10)
