"""Unit assignments in the admin, also inline on each user."""
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin

from capdev.core.admin import CapdevAdmin, CapdevInline

from .models import UnitAssignment


@admin.register(UnitAssignment)
class UnitAssignmentAdmin(CapdevAdmin):
    """Which units each editor works for."""

    list_display = ("user", "unit")
    list_filter = ("unit",)
    search_fields = ("user__username", "unit__code", "unit__name")
    autocomplete_fields = ("unit",)
    list_select_related = ("user", "unit")


class UnitAssignmentInline(CapdevInline):
    model = UnitAssignment
    fk_name = "user"
    autocomplete_fields = ("unit",)
    show_change_link = False


User = get_user_model()
if admin.site.is_registered(User):
    admin.site.unregister(User)


@admin.register(User)
class CapdevUserAdmin(UserAdmin):
    """Users with the units they edit for."""

    inlines = [*UserAdmin.inlines, UnitAssignmentInline]
