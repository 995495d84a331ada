"""Admin for projects, with inlines for every list a project holds."""
from django.contrib import admin

from capdev.activities.models import Activity, Resource
from capdev.core.admin import CapdevAdmin, CapdevInline

from . import models as m


class BudgetInline(CapdevInline):
    model = m.Budget


class CountryInline(CapdevInline):
    model = m.ProjectCountry
    autocomplete_fields = ("country",)


class RegionInline(CapdevInline):
    model = m.ProjectRegion
    autocomplete_fields = ("region",)


class SdgGoalInline(CapdevInline):
    model = m.ProjectSdgGoal


class SdgTargetInline(CapdevInline):
    model = m.ProjectSdgTarget
    autocomplete_fields = ("target",)


class ThematicAreaInline(CapdevInline):
    model = m.ProjectThematicArea


class SectorInline(CapdevInline):
    model = m.ProjectSector


class PartnerInline(CapdevInline):
    model = m.ProjectPartner
    autocomplete_fields = ("organisation",)


class ExpectedAccomplishmentInline(CapdevInline):
    model = m.ExpectedAccomplishment


class PlannedActivityInline(CapdevInline):
    model = m.PlannedActivity


class KeyAccomplishmentInline(CapdevInline):
    model = m.KeyAccomplishment


class OutcomeInline(CapdevInline):
    model = m.Outcome


class ActivityInline(CapdevInline):
    model = Activity
    fields = ("type", "title", "start_date", "end_date", "country", "city", "online", "participants")
    autocomplete_fields = ("country",)


class ResourceInline(CapdevInline):
    model = Resource


class ReviewFlagInline(CapdevInline):
    model = m.ReviewFlag
    exclude = ("created", "last_updated", "resolved_by", "resolved_at")


class RelationInline(CapdevInline):
    model = m.ProjectRelation
    fk_name = "from_project"
    autocomplete_fields = ("to_project",)


class SourceInline(CapdevInline):
    model = m.SourceRecord
    fields = ("file_name", "index", "importer_version", "imported_at")
    readonly_fields = fields
    can_delete = False


@admin.register(m.Project)
class ProjectAdmin(CapdevAdmin):
    """Projects with all their lists inline."""

    list_display = ("code", "title", "lead_unit", "funding_source", "start_date", "end_date", "review_state")
    readonly_fields = ("created", "last_updated", "iati_identifier")
    list_filter = ("review_state", "lead_unit", "funding_source", "title_is_proposed", "sdg_goals")
    search_fields = ("code", "title", "summary", "objective")
    autocomplete_fields = ("lead_unit", "funding_source")
    date_hierarchy = "start_date"
    list_select_related = ("lead_unit", "funding_source")
    inlines = [
        BudgetInline, CountryInline, RegionInline, SectorInline, SdgGoalInline, SdgTargetInline, ThematicAreaInline,
        PartnerInline, ExpectedAccomplishmentInline, PlannedActivityInline, KeyAccomplishmentInline,
        OutcomeInline, ActivityInline, ResourceInline, RelationInline, ReviewFlagInline, SourceInline,
    ]

    # The workflow's (capdev.editor.workflow): submitting, publishing with the importer's flags resolved, working
    # copies; the admin shows them and never sets them, so it cannot publish around a review.
    workflow_fields = ("review_state", "published_at", "draft_of")

    def get_readonly_fields(self, request, obj=None):
        """The timestamps and identifier, and the workflow's fields."""
        return (*super().get_readonly_fields(request, obj), *self.workflow_fields)


class IndicatorInline(CapdevInline):
    model = m.Indicator


@admin.register(m.Outcome)
class OutcomeAdmin(CapdevAdmin):
    """Outcomes, with their indicators."""

    list_display = ("project", "number", "text", "target_year")
    search_fields = ("text", "project__title", "project__code")
    autocomplete_fields = ("project",)
    inlines = [IndicatorInline]


class IndicatorValueInline(CapdevInline):
    model = m.IndicatorValue


@admin.register(m.Indicator)
class IndicatorAdmin(CapdevAdmin):
    """Indicators, with their values by period."""

    list_display = ("title", "outcome", "baseline_value", "target_value", "target_year")
    search_fields = ("title",)
    autocomplete_fields = ("outcome",)
    inlines = [IndicatorValueInline]


@admin.register(m.ThematicArea)
class ThematicAreaAdmin(CapdevAdmin):
    """Thematic areas."""

    list_display = ("name", "slug")
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}


@admin.register(m.ReviewFlag)
class ReviewFlagAdmin(CapdevAdmin):
    """The review queue of importer flags."""

    list_display = ("project", "field", "reason", "value", "rule", "severity", "state")
    list_filter = ("state", "origin", "severity", "rule")
    search_fields = ("project__title", "project__code", "reason", "value")
    autocomplete_fields = ("project",)


@admin.register(m.SourceRecord)
class SourceRecordAdmin(CapdevAdmin):
    """Provenance of imported projects: the original text, kept verbatim."""

    list_display = ("project", "file_name", "index", "importer_version", "imported_at")
    search_fields = ("file_name", "project__title", "project__code")
    list_filter = ("format", "importer_version")
    readonly_fields = ("created", "last_updated", "text", "parsed", "spans", "unparsed")
    autocomplete_fields = ("project",)


@admin.register(m.SourceFile)
class SourceFileAdmin(admin.ModelAdmin):
    """Imported files as they came: read only (the bytes are downloaded from the project page)."""

    list_display = ("file_name", "media_type", "size", "created")
    search_fields = ("file_name", "sha256")
    list_filter = ("media_type",)
    fields = ("file_name", "media_type", "size", "sha256", "created")
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(m.ProjectRelation)
class ProjectRelationAdmin(CapdevAdmin):
    """Links between projects."""

    list_display = ("from_project", "kind", "to_project")
    list_filter = ("kind",)
    autocomplete_fields = ("from_project", "to_project")


@admin.register(m.Budget)
class BudgetAdmin(CapdevAdmin):
    """Budget lines."""

    list_display = ("project", "kind", "amount", "currency", "year", "label")
    list_filter = ("kind", "currency")
    autocomplete_fields = ("project", "donor")


@admin.register(m.PublishOverride)
class PublishOverrideAdmin(CapdevAdmin):
    """Projects published over the IATI check's errors: a record of the reviewers' decisions, read only."""

    list_display = ("project", "published_at", "user", "reason")
    search_fields = ("project__title", "project__code", "reason")
    readonly_fields = ("project", "published_at", "reason", "errors", "user", "created", "last_updated")

    def has_add_permission(self, request):
        return False  # written by publishing (capdev.editor.workflow.publish), never typed in

    def has_change_permission(self, request, obj=None):
        return False
