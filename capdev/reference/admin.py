"""Admin for reference data: regions, countries, SDG goals and targets, currencies (with change history)."""
from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Country, Currency, Region, SdgGoal, SdgTarget


@admin.register(Region)
class RegionAdmin(SimpleHistoryAdmin):
    """UN M49 regions and named groupings."""

    list_display = ["name", "code", "kind", "m49", "parent"]
    list_filter = ["kind", "parent"]
    search_fields = ["name", "code", "m49"]
    list_select_related = ["parent"]
    # The parent list is short (a few dozen regions); a select is fine, no autocomplete needed.
    ordering = ["kind", "name"]


@admin.register(Country)
class CountryAdmin(SimpleHistoryAdmin):
    """ISO 3166-1 countries and areas with their M49 regions and UN groupings."""

    list_display = ["name", "iso3", "iso2", "region", "subregion", "un_member", "sids", "ldc", "lldc"]
    list_filter = ["region", "subregion", "un_member", "sids", "ldc", "lldc"]
    search_fields = ["name", "official_name", "iso3", "iso2"]
    list_select_related = ["region", "subregion"]


class SdgTargetInline(admin.TabularInline):
    """The targets of a goal, read-only: they come from the official list."""

    model = SdgTarget
    fields = ["code", "position", "text"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None) -> bool:
        """Targets are loaded from the UN list, never added by hand."""
        return False


@admin.register(SdgGoal)
class SdgGoalAdmin(SimpleHistoryAdmin):
    """The 17 Sustainable Development Goals."""

    list_display = ["number", "short_title", "title"]
    list_display_links = ["number", "short_title"]
    search_fields = ["short_title", "title"]
    inlines = [SdgTargetInline]


@admin.register(SdgTarget)
class SdgTargetAdmin(SimpleHistoryAdmin):
    """The 169 SDG targets."""

    list_display = ["code", "goal", "text"]
    list_filter = ["goal"]
    search_fields = ["code", "text"]
    list_select_related = ["goal"]


@admin.register(Currency)
class CurrencyAdmin(SimpleHistoryAdmin):
    """ISO 4217 currencies."""

    list_display = ["code", "name", "numeric"]
    search_fields = ["code", "name", "numeric"]
