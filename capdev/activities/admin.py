"""Admin for activities and resources."""
from django.contrib import admin

from capdev.core.admin import CapdevAdmin, CapdevInline

from .models import Activity, ActivityOrganiser, Resource


class OrganiserInline(CapdevInline):
    model = ActivityOrganiser
    autocomplete_fields = ("organisation",)


@admin.register(Activity)
class ActivityAdmin(CapdevAdmin):
    """Activities, filterable by type, country and online."""

    list_display = ("title", "type", "project", "start_date", "country", "city", "online", "participants")
    list_filter = ("type", "online", "country")
    search_fields = ("title", "summary", "project__title", "project__code", "city")
    autocomplete_fields = ("project", "country")
    inlines = [OrganiserInline]
    date_hierarchy = "start_date"
    list_select_related = ("project", "country")


@admin.register(Resource)
class ResourceAdmin(CapdevAdmin):
    """Resources."""

    list_display = ("title", "type", "project", "date", "language")
    list_filter = ("type", "language")
    search_fields = ("title", "project__title")
    autocomplete_fields = ("project",)
