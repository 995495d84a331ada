"""Import jobs in the admin: read only, for portfolio admins to see what was uploaded and what became of it."""
from django.contrib import admin

from .models import ImportJob


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    """Uploads and their outcome; the bytes and previews are not shown here."""

    list_display = ("file_name", "format", "state", "user", "unit", "created")
    list_filter = ("state", "format")
    search_fields = ("file_name", "sha256", "user__username")
    fields = ("file_name", "format", "media_type", "size", "sha256", "user", "unit", "state", "stage", "done",
              "total", "error", "notes", "result", "confirmed_by", "confirmed_at", "created", "last_updated")
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
