"""Admin base classes: history view on every model, read-only timestamps."""
from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin


class CapdevAdmin(SimpleHistoryAdmin):
    """Base ModelAdmin: change history, timestamps shown read-only; subclasses only declare."""

    readonly_fields: tuple[str, ...] = ("created", "last_updated")
    list_per_page = 50
    show_full_result_count = False  # a COUNT(*) on every page is costly on large tables


class CapdevInline(admin.TabularInline):
    """Base inline: no empty extra rows, timestamps hidden."""

    extra = 0
    exclude = ("created", "last_updated")
    show_change_link = True
