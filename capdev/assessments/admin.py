"""Admin for frameworks (edited by portfolio admins) and assessments (entered by editors, published by reviewers)."""
from __future__ import annotations

from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from capdev.accounts import permissions as perms
from capdev.core.admin import CapdevAdmin, CapdevInline, ObjectPermissionMixin

from .models import (
    Assessment,
    AssessmentDocument,
    AssessmentState,
    Dimension,
    DimensionScore,
    Framework,
    Level,
    Priority,
    Question,
    WorkLink,
)


def _assessment_of(obj) -> Assessment | None:
    return obj if isinstance(obj, Assessment) else getattr(obj, "assessment", None)


class AssessmentRights:
    """Rows of an assessment follow capdev.accounts.permissions' assessment rules, not a project's or reference
    data's (a link names a project, but belongs to its assessment)."""

    def _is_project_row(self) -> bool:
        return False

    def get_queryset(self, request):
        if isinstance(self, ObjectPermissionMixin):  # not narrowed to the projects the user edits
            return super(ObjectPermissionMixin, self).get_queryset(request)
        return super().get_queryset(request)

    def _row_allowed(self, request, obj) -> bool:
        if request.user.is_superuser:
            return True
        return perms.can_edit_assessment(request.user, _assessment_of(obj))

    def _project_path_of_row(self):
        return None  # an assessment's rows do not change a project's version

    def _parent_allowed(self, request, obj) -> bool:
        return request.user.is_superuser or perms.can_edit_assessment(request.user, _assessment_of(obj))


class FrameworkRights:
    """Frameworks, their dimensions, questions and levels: portfolio admins."""

    def _is_project_row(self) -> bool:
        return False

    def _row_allowed(self, request, obj) -> bool:
        return request.user.is_superuser or perms.can_manage_frameworks(request.user)

    def _parent_allowed(self, request, obj) -> bool:
        return request.user.is_superuser or perms.can_manage_frameworks(request.user)


class DimensionInline(FrameworkRights, CapdevInline):
    model = Dimension
    fields = ("position", "code", "name", "description")


class FrameworkLevelInline(FrameworkRights, CapdevInline):
    model = Level
    fields = ("value", "label", "description")
    verbose_name_plural = _("levels of the scale")

    def get_queryset(self, request):
        return super().get_queryset(request).filter(dimension__isnull=True)


@admin.register(Framework)
class FrameworkAdmin(FrameworkRights, CapdevAdmin):
    """Frameworks: loaded from a file (capdev load-framework) and edited here."""

    list_display = ("name", "slug", "scale", "weak_at_or_below", "is_example", "version")
    list_filter = ("scale", "is_example")
    search_fields = ("name", "slug", "publisher")
    inlines = [FrameworkLevelInline, DimensionInline]


class QuestionInline(FrameworkRights, CapdevInline):
    model = Question
    fields = ("position", "code", "kind", "text")


class DimensionLevelInline(FrameworkRights, CapdevInline):
    model = Level
    fields = ("framework", "value", "description")


@admin.register(Dimension)
class DimensionAdmin(FrameworkRights, CapdevAdmin):
    """A framework's dimensions, with their questions or indicators and what each level means for them."""

    list_display = ("name", "code", "framework", "position")
    list_filter = ("framework",)
    search_fields = ("name", "code", "framework__name")
    inlines = [QuestionInline, DimensionLevelInline]


@admin.register(Question)
class QuestionAdmin(FrameworkRights, CapdevAdmin):
    """Questions and indicators."""

    list_display = ("code", "kind", "dimension")
    list_filter = ("kind", "dimension__framework")
    search_fields = ("code", "text")


@admin.register(Level)
class LevelAdmin(FrameworkRights, CapdevAdmin):
    """Scale levels: the framework's, and each dimension's own descriptions."""

    list_display = ("framework", "dimension", "value", "label")
    list_filter = ("framework",)
    search_fields = ("label", "description")


class ScoreInline(AssessmentRights, CapdevInline):
    model = DimensionScore
    fields = ("dimension", "score", "evidence", "comments")


class PriorityInline(AssessmentRights, CapdevInline):
    model = Priority
    fields = ("position", "text", "dimension")


class DocumentInline(AssessmentRights, CapdevInline):
    model = AssessmentDocument
    fields = ("kind", "title", "url", "language")


class LinkInline(AssessmentRights, CapdevInline):
    model = WorkLink
    fields = ("dimension", "priority", "project", "outcome", "activity", "note")
    autocomplete_fields = ("project",)
    raw_id_fields = ("outcome", "activity")


@admin.register(Assessment)
class AssessmentAdmin(AssessmentRights, CapdevAdmin):
    """Assessments with their scores, priorities, documents and links to the work."""

    list_display = ("__str__", "country", "framework", "date", "assessor_type", "state", "internal")
    list_filter = ("state", "internal", "assessor_type", "framework")
    search_fields = ("title", "summary", "country__name", "institution__name")
    autocomplete_fields = ("country", "institution", "assessor")
    list_select_related = ("country", "framework", "institution")
    inlines = [ScoreInline, PriorityInline, DocumentInline, LinkInline]

    def save_model(self, request, obj, form, change):
        """Publishing is for those who publish; the first publication is dated."""
        if obj.state == AssessmentState.PUBLISHED and not perms.can_publish_assessments(request.user) \
                and not request.user.is_superuser:
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied
        if obj.state == AssessmentState.PUBLISHED and obj.published_at is None:
            obj.published_at = timezone.now()
        super().save_model(request, obj, form, change)


@admin.register(WorkLink)
class WorkLinkAdmin(AssessmentRights, CapdevAdmin):
    """Links from an assessment's dimensions and priorities to the projects, outcomes and activities answering them."""

    list_display = ("assessment", "dimension", "priority", "project")
    search_fields = ("project__title", "note")
    autocomplete_fields = ("project",)
    raw_id_fields = ("assessment", "priority", "outcome", "activity")
    list_select_related = ("assessment__country", "assessment__framework", "dimension", "priority", "project")
