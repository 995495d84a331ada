"""People reached: participants and attendance, networks, evaluations, and the indicators computed from them."""
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    """Persons, institutions, attendance lists, networks, evaluations (docs/people.md)."""

    name = "capdev.people"
    label = "people"
    verbose_name = _("People reached")

    def ready(self) -> None:
        from . import project_filters, signals

        signals.connect()
        project_filters.register()
