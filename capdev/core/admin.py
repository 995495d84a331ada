"""Admin base classes: history view on every model, read-only timestamps, and Capdev's object permissions.

The admin asks capdev.accounts.permissions like every other write path: an editor sees and changes only the
projects of their units and the rows that belong to them, and only reads a published project (its changes go
through a working copy and a review, in the editor); reference data (countries, organisations, units,
users...) is changed by portfolio admins only. Superusers keep every right.
"""
from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin


def _project_path(model) -> str | None:
    """The ORM path from a model's rows to their project ("" for Project itself), or None."""
    label = model._meta.label
    if label == "projects.Project":
        return ""
    names = {f.name for f in model._meta.get_fields()}
    for path in ("project", "from_project"):
        if path in names:
            return path
    if "outcome" in names:
        return "outcome__project"
    if "indicator" in names:
        return "indicator__outcome__project"
    if "activity" in names:
        return "activity__project"
    return None


class ObjectPermissionMixin:
    """Row-level checks from capdev.accounts.permissions on top of Django's model permissions."""

    def _is_project_row(self) -> bool:
        return _project_path(self.model) is not None

    def get_queryset(self, request):
        """Editors see the projects (and project rows) of their units; everyone else as the model allows."""
        qs = super().get_queryset(request)
        from capdev.accounts import permissions as perms

        path = _project_path(self.model)
        if path is None or perms.editable_unit_ids(request.user) is None or request.user.is_superuser:
            return qs
        if perms.can_view_internal(request.user) and not perms.has_role(request.user, perms.EDITOR):
            return qs  # viewers read everything
        editable = perms.projects_editable_by(request.user).values("pk")
        return qs.filter(**{f"{path}__in" if path else "pk__in": editable})

    def _row_allowed(self, request, obj) -> bool:
        from capdev.accounts import permissions as perms

        if request.user.is_superuser:
            return True
        if self._is_project_row():
            # A published original changes through its working copy unless the user publishes (workflow).
            return obj is None or perms.can_change_row_in_place(request.user, obj)
        return perms.can_manage_reference_data(request.user)

    def has_add_permission(self, request, *args):
        """Model permission, and for reference data a portfolio admin."""
        return super().has_add_permission(request, *args) and self._row_allowed(request, None)

    def has_change_permission(self, request, obj=None):
        """Model permission and the row's project editable by the user."""
        return super().has_change_permission(request, obj) and self._row_allowed(request, obj)

    def has_delete_permission(self, request, obj=None):
        """Model permission and the row's project editable by the user."""
        return super().has_delete_permission(request, obj) and self._row_allowed(request, obj)


class CapdevAdmin(ObjectPermissionMixin, SimpleHistoryAdmin):
    """Base ModelAdmin: change history, timestamps shown read-only; subclasses only declare."""

    readonly_fields: tuple[str, ...] = ("created", "last_updated")
    list_per_page = 50
    show_full_result_count = False  # a COUNT(*) on every page is costly on large tables

    def save_model(self, request, obj, form, change):
        """Refuse moving a project to a unit the editor does not work for."""
        from django.core.exceptions import PermissionDenied

        if not self._row_allowed(request, obj):
            raise PermissionDenied
        super().save_model(request, obj, form, change)

    def get_form(self, request, obj=None, **kwargs):
        """Editors choose a project's lead unit among their own units."""
        form = super().get_form(request, obj, **kwargs)
        from capdev.accounts import permissions as perms

        if "lead_unit" in form.base_fields and perms.editable_unit_ids(request.user) is not None \
                and not request.user.is_superuser:
            form.base_fields["lead_unit"].queryset = perms.editable_units(request.user)
        return form


class CapdevInline(admin.TabularInline):
    """Base inline: no empty extra rows, timestamps hidden."""

    extra = 0
    exclude = ("created", "last_updated")
    show_change_link = True

    def _parent_allowed(self, request, obj) -> bool:
        from capdev.accounts import permissions as perms

        if request.user.is_superuser or obj is None:
            return True
        return perms.can_change_row_in_place(request.user, obj)

    def has_add_permission(self, request, obj=None):
        """The parent row (a project, an outcome...) must be editable by the user."""
        return super().has_add_permission(request, obj) and self._parent_allowed(request, obj)

    def has_change_permission(self, request, obj=None):
        """The parent row must be editable by the user."""
        return super().has_change_permission(request, obj) and self._parent_allowed(request, obj)

    def has_delete_permission(self, request, obj=None):
        """The parent row must be editable by the user."""
        return super().has_delete_permission(request, obj) and self._parent_allowed(request, obj)
