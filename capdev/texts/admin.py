"""Admin for the translations of project texts (object permissions as for every row of a project: CapdevAdmin)."""
from django.contrib import admin

from capdev.core.admin import CapdevAdmin

from .models import OutcomeTranslation, ProjectTranslation


@admin.register(ProjectTranslation)
class ProjectTranslationAdmin(CapdevAdmin):
    """A project's title, summary, objective and background in other UN languages."""

    list_display = ("project", "field", "language", "text")
    list_filter = ("language", "field")
    search_fields = ("text", "project__title", "project__code")
    autocomplete_fields = ("project",)


@admin.register(OutcomeTranslation)
class OutcomeTranslationAdmin(CapdevAdmin):
    """An outcome's text in other UN languages."""

    list_display = ("outcome", "language", "text")
    list_filter = ("language",)
    search_fields = ("text", "outcome__text", "outcome__project__title")
    autocomplete_fields = ("outcome",)
