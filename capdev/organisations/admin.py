"""Admin for organisations, units and funding sources."""
from django.contrib import admin

from capdev.core.admin import CapdevAdmin, CapdevInline

from .models import FundingSource, Organisation, OrganisationAlias, OrgUnit


class OrganisationAliasInline(CapdevInline):
    """Aliases edited on their organisation's page."""

    model = OrganisationAlias
    exclude = ("created", "last_updated", "key")


@admin.register(Organisation)
class OrganisationAdmin(CapdevAdmin):
    """Organisations, searchable by name, acronym and alias."""

    list_display = ("name", "acronym", "type", "country")
    list_filter = ("type",)
    search_fields = ("name", "acronym", "aliases__alias")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("country", "parent")
    inlines = [OrganisationAliasInline]


@admin.register(OrgUnit)
class OrgUnitAdmin(CapdevAdmin):
    """The organisational-unit tree."""

    list_display = ("code", "name", "kind", "parent", "valid_from", "valid_to", "dac_sector")
    list_filter = ("kind", "parent")
    search_fields = ("code", "name")
    autocomplete_fields = ("parent", "successor")


@admin.register(FundingSource)
class FundingSourceAdmin(CapdevAdmin):
    """Funding sources."""

    list_display = ("code", "name", "kind", "tranche")
    list_filter = ("kind",)
    search_fields = ("code", "name")
