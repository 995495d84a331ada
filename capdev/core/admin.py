"""Admin base classes: history view on every model, read-only timestamps, and Capdev's object permissions.

The admin asks capdev.accounts.permissions like every other write path: an editor sees and changes only the
projects of their units and the rows that belong to them, and only reads a published project (its changes go
through a working copy and a review, in the editor); reference data (countries, organisations, units,
users...) is changed by portfolio admins only. Superusers keep every right.
"""
from django import forms
from django.apps import apps
from django.contrib import admin
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.admin import SimpleHistoryAdmin

from . import access, versions


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


def _project_id(obj, path: str | None):
    """The id of the project a row belongs to, following its path ("outcome__project"), or None."""
    if path is None:
        return None
    if path == "":
        return obj.pk
    *steps, last = path.split("__")
    for step in steps:
        obj = getattr(obj, step, None)
        if obj is None:
            return None
    return getattr(obj, f"{last}_id", None)


class VersionedAdminForm(forms.ModelForm):
    """A change form that carries the version of the row it showed, and is refused when the row was saved since.

    The check runs in clean(), inside the admin's transaction (changeform_view is atomic), and holds the row
    until the save (capdev.core.versions): check and write in one step.
    """

    seen = versions.VersionField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "seen" not in self.fields:
            return  # a read-only page (CapdevAdmin.get_form)
        if self.instance.pk is None:
            self.fields["seen"].required = False  # a new row has no version yet
        else:
            # The row's version now (not the instance's: the history's revert form shows an old one).
            self.fields["seen"].initial = (type(self.instance)._default_manager.filter(pk=self.instance.pk)
                                           .values_list("last_updated", flat=True).first())

    def clean(self):
        cleaned = super().clean()
        seen, model = cleaned.get("seen"), type(self.instance)
        if self.instance.pk is not None and seen is not None:
            try:
                versions.hold(model, self.instance.pk, seen)
            except versions.StaleVersion as exc:
                who = versions.last_saved_by(model, self.instance.pk) or _("someone")
                when = timezone.localtime(exc.current).strftime("%Y-%m-%d %H:%M:%S") if exc.current else "?"
                raise forms.ValidationError(
                    _("%(who)s saved this %(what)s at %(when)s, after you opened this page, so your changes were "
                      "not saved. Copy what you typed, reload the page to see their changes, and make yours "
                      "again.") % {"who": who, "what": model._meta.verbose_name, "when": when},
                    code="stale") from exc
        return cleaned


class ObjectPermissionMixin:
    """Row-level checks from capdev.accounts.permissions on top of Django's model permissions."""

    def _is_project_row(self) -> bool:
        return _project_path(self.model) is not None

    def get_queryset(self, request):
        """Editors see the projects (and project rows) of their units; everyone else as the model allows."""
        qs = super().get_queryset(request)
        perms = access.rules()
        path = _project_path(self.model)
        if path is None or perms.editable_unit_ids(request.user) is None or request.user.is_superuser:
            return qs
        if perms.can_view_internal(request.user) and not perms.has_role(request.user, perms.EDITOR):
            return qs  # viewers read everything
        editable = perms.projects_editable_by(request.user).values("pk")
        return qs.filter(**{f"{path}__in" if path else "pk__in": editable})

    def _row_allowed(self, request, obj) -> bool:
        perms = access.rules()
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
    form = VersionedAdminForm

    # The version goes after the fieldsets, as a bare hidden input: in a fieldset its row carried a "Seen:" label.
    change_form_template = "core/admin/change_form.html"
    object_history_form_template = "core/admin/object_history_form.html"

    def get_fields(self, request, obj=None):
        """The declared fields; never the version, which the change form template puts after them."""
        return [f for f in super().get_fields(request, obj) if f != "seen"]

    def _saves(self, request, obj) -> bool:
        return self.has_change_permission(request, obj) if obj is not None else self.has_add_permission(request)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """The history's revert form, in one transaction like the change form (its version check holds the row)."""
        with transaction.atomic():
            return super().history_form_view(request, object_id, version_id, extra_context)

    def save_model(self, request, obj, form, change):
        """Refuse moving a project to a unit the editor does not work for; a row of a project moves the
        project's version too (an editor's page of the project is then stale)."""
        from django.core.exceptions import PermissionDenied

        if not self._row_allowed(request, obj):
            raise PermissionDenied
        super().save_model(request, obj, form, change)
        self._touch_project(request, obj)

    def delete_model(self, request, obj):
        """Delete, and move the version of the project the row belonged to."""
        project_id = _project_id(obj, self._project_path_of_row())
        super().delete_model(request, obj)
        self._touch_project(request, obj, project_id)

    def _project_path_of_row(self) -> str | None:
        path = _project_path(self.model)
        return None if path == "" else path  # the project itself moves its own version

    def _touch_project(self, request, obj, project_id=None) -> None:
        project_id = project_id or _project_id(obj, self._project_path_of_row())
        if project_id:
            with transaction.atomic():
                versions.touch(apps.get_model("projects", "Project"), project_id, request.user)

    def get_form(self, request, obj=None, **kwargs):
        """The version where the form saves; editors choose a project's lead unit among their own units."""
        form = super().get_form(request, obj, **kwargs)
        if not self._saves(request, obj):
            form.base_fields.pop("seen", None)  # a read-only page sends nothing back: no version to carry
        perms = access.rules()
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
        perms = access.rules()
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
