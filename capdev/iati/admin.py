"""Admin for the IATI facts of imported activities and their transactions summaries."""
from django.contrib import admin

from capdev.core.admin import CapdevAdmin

from .models import IatiActivity, TransactionSummary


@admin.register(IatiActivity)
class IatiActivityAdmin(CapdevAdmin):
    """IATI facts per imported project."""

    list_display = ("project", "reporting_org_ref", "activity_status", "default_currency", "imported_at")
    list_filter = ("activity_status", "reporting_org_ref")
    search_fields = ("project__title", "project__iati_identifier", "reporting_org_ref", "reporting_org_name")
    raw_id_fields = ("project",)


@admin.register(TransactionSummary)
class TransactionSummaryAdmin(CapdevAdmin):
    """Transactions totalled per project, type and currency."""

    list_display = ("project", "transaction_type", "transaction_type_name", "currency", "total", "count")
    list_filter = ("transaction_type", "currency")
    search_fields = ("project__title", "project__iati_identifier")
    raw_id_fields = ("project",)
