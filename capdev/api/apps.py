"""The REST API's shared parts: routing, permissions, pagination, export renderers, the OpenAPI schema."""
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    """`/api/`: each domain app declares its serializers and viewsets in its own api/ package."""

    name = "capdev.api"
    label = "api"
    verbose_name = _("REST API")
