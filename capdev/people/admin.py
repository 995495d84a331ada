"""Admin of the people app: for portfolio admins only (no role but theirs holds these models' permissions)."""
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from capdev.core.admin import CapdevAdmin, CapdevInline

from . import merging
from .models import (
    Attendance,
    Erasure,
    Evaluation,
    IndicatorSource,
    Institution,
    MatchProposal,
    Membership,
    Network,
    NetworkActivity,
    NetworkProject,
    Person,
    Response,
    Sheet,
)


@admin.register(Institution)
class InstitutionAdmin(CapdevAdmin):
    """Institutions; those whose type an import guessed are filtered by `type_guessed`."""

    list_display = ("name", "acronym", "type", "type_guessed", "country")
    list_filter = ("type", "type_guessed", "country")
    search_fields = ("name", "acronym")
    autocomplete_fields = ("country", "organisation")


class AttendanceInline(CapdevInline):
    model = Attendance
    fk_name = "person"
    fields = ("activity", "role", "days", "certificate", "state", "trained_at")
    raw_id_fields = ("activity", "trained_at")


@admin.register(Person)
class PersonAdmin(CapdevAdmin):
    """People, by number: names show on each person's own page (erasure is on the portal's person page)."""

    list_display = ("__str__", "sex", "seniority", "country", "institution", "erased_at")
    list_filter = ("sex", "seniority", "erased_at")
    search_fields = ("name", "email")
    autocomplete_fields = ("country", "institution")
    raw_id_fields = ("merged_into",)
    inlines = [AttendanceInline]
    actions = ["merge_into_first"]

    @admin.action(description=_("Merge the selected records into the first one"))
    def merge_into_first(self, request, queryset):
        people = list(queryset.order_by("pk"))
        for other in people[1:]:
            merging.merge(people[0], other, request.user)
        self.message_user(request, _("%(n)d records merged into person %(id)s.")
                          % {"n": len(people) - 1, "id": people[0].pk}, messages.SUCCESS)


@admin.register(Attendance)
class AttendanceAdmin(CapdevAdmin):
    """Attendance rows (an orphan's activity is empty: its activity was removed; its uid is kept)."""

    list_display = ("__str__", "activity", "role", "days", "certificate", "state")
    list_filter = ("role", "state", "certificate")
    raw_id_fields = ("person", "activity", "sheet", "row", "trained_at")


@admin.register(Sheet)
class SheetAdmin(CapdevAdmin):
    """Uploaded sheets as they came."""

    list_display = ("__str__", "kind", "file_name", "activity", "state", "created")
    list_filter = ("kind", "state")
    raw_id_fields = ("activity", "project", "evaluation")
    readonly_fields = ("created", "last_updated", "sha256", "size", "report", "erased_rows")


@admin.register(MatchProposal)
class MatchProposalAdmin(CapdevAdmin):
    """Proposals that a sheet's row is a known person (decided on the portal's review page)."""

    list_display = ("__str__", "person", "score", "state", "decided_at")
    list_filter = ("state",)
    raw_id_fields = ("person", "attendance", "row")


class MembershipInline(CapdevInline):
    model = Membership
    raw_id_fields = ("person", "institution")


class NetworkProjectInline(CapdevInline):
    model = NetworkProject
    autocomplete_fields = ("project",)


class NetworkActivityInline(CapdevInline):
    model = NetworkActivity
    raw_id_fields = ("activity",)
    exclude = ("created", "last_updated", "activity_uid")


@admin.register(Network)
class NetworkAdmin(CapdevAdmin):
    """Networks and communities of practice."""

    list_display = ("name", "kind", "lead_unit", "started", "published")
    list_filter = ("kind", "published")
    search_fields = ("name", "purpose")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("lead_unit", "lead_organisation")
    inlines = [NetworkProjectInline, NetworkActivityInline, MembershipInline]


class ResponseInline(CapdevInline):
    model = Response
    raw_id_fields = ("person", "sheet", "row")


@admin.register(Evaluation)
class EvaluationAdmin(CapdevAdmin):
    """Evaluations of activities and their responses."""

    list_display = ("__str__", "activity", "score_max", "followup_months")
    raw_id_fields = ("activity",)
    exclude = ("activity_uid",)
    inlines = [ResponseInline]


@admin.register(IndicatorSource)
class IndicatorSourceAdmin(CapdevAdmin):
    """Where computed indicators' values come from."""

    list_display = ("indicator", "measure", "sex", "period", "computed_at")
    raw_id_fields = ("indicator", "network")


@admin.register(Erasure)
class ErasureAdmin(CapdevAdmin):
    """The log of erasures (who asked and how many rows, never whose data)."""

    list_display = ("__str__", "reason", "erased_by", "created")
    readonly_fields = ("person_id", "reason", "erased_by", "counts", "created", "last_updated")
