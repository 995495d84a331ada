"""Activities and resources: what a project did and produced."""
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    """Workshops, missions, webinars and other events; reports, toolkits and links."""

    name = "capdev.activities"
    label = "activities"
    verbose_name = _("Activities and resources")
