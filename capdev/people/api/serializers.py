"""API serializers of the people app. Persons and attendance carry personal data: their endpoints answer only
those who may see it. Networks and reach carry counts only, small ones null (capdev.people.privacy)."""
from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from ..models import Attendance, Network, Person


class PersonSerializer(serializers.ModelSerializer):
    """A person, for staff of the units whose projects they attended and for portfolio admins."""

    institution = serializers.SerializerMethodField()

    class Meta:
        model = Person
        fields = ["id", "name", "title", "sex", "email", "position", "seniority", "seniority_guessed", "country",
                  "institution", "consent_contact", "consent_listing", "erased_at", "last_updated"]

    def get_institution(self, obj) -> dict | None:
        if obj.institution is None:
            return None
        return {"id": obj.institution_id, "name": obj.institution.name, "type": obj.institution.type,
                "type_guessed": obj.institution.type_guessed, "country": obj.institution.country_id}


class AttendanceSerializer(serializers.ModelSerializer):
    """A person at an activity."""

    project = serializers.IntegerField(source="activity.project_id", read_only=True)

    class Meta:
        model = Attendance
        fields = ["id", "person", "activity", "project", "role", "days", "certificate", "state", "trained_at",
                  "sheet", "last_updated"]


class CountSerializer(serializers.Serializer):
    """One row of a breakdown: null figures where fewer than the threshold of people are behind them."""

    key = serializers.CharField()
    label = serializers.CharField()
    people = serializers.IntegerField(allow_null=True)
    attendances = serializers.IntegerField(allow_null=True)
    person_days = serializers.FloatField(allow_null=True)
    suppressed = serializers.BooleanField()


class ReachSerializer(serializers.Serializer):
    """Whom a set of attendance lists reached, in counts."""

    people = serializers.IntegerField(allow_null=True,
                                      help_text=_("Unique participants (null: fewer than the threshold)."))
    attendances = serializers.IntegerField(allow_null=True)
    person_days = serializers.FloatField(allow_null=True)
    contributors = serializers.IntegerField(allow_null=True,
                                            help_text=_("Speakers, facilitators, trainers and organisers."))
    suppressed = serializers.DictField(child=serializers.BooleanField())
    activities_with_lists = serializers.IntegerField()
    breakdowns = serializers.DictField(child=CountSerializer(many=True),
                                       help_text=_("By sex, country, institution_type and seniority."))


class PeopleReachedSerializer(serializers.Serializer):
    """The answer of /api/people-reached/."""

    threshold = serializers.IntegerField(help_text=_("Counts of fewer people than this are null."))
    exact = serializers.BooleanField(help_text=_("True when the caller may see the people: nothing is suppressed."))
    counting = serializers.BooleanField(help_text=_("True while the figures of these filters are being counted for "
                                                    "the first time: they are null, ask again in a moment."))
    stale = serializers.BooleanField(help_text=_("True when the figures were counted before the portfolio's latest "
                                                 "change (they are being counted again)."))
    reach = ReachSerializer()
    participants = serializers.DictField(allow_null=True,
                                         help_text=_("Participants activity by activity: from the lists where there "
                                                     "are lists, as recorded elsewhere."))


class NetworkSerializer(serializers.ModelSerializer):
    """A network in aggregates: its size and growth, and where its members come from."""

    lead_unit = serializers.CharField(source="lead_unit.code", default=None, read_only=True)
    lead_organisation = serializers.CharField(source="lead_organisation.name", default=None, read_only=True)
    projects = serializers.SerializerMethodField()
    size = serializers.SerializerMethodField()
    growth = serializers.SerializerMethodField()
    countries = serializers.SerializerMethodField()
    institution_types = serializers.SerializerMethodField()

    class Meta:
        model = Network
        fields = ["id", "slug", "name", "kind", "purpose", "lead_unit", "lead_organisation", "started", "ended",
                  "projects", "size", "growth", "countries", "institution_types"]

    def _stats(self, obj):
        from .. import network_stats, permissions, privacy

        if getattr(obj, "_stats", None) is None:
            request = self.context.get("request")
            exact = permissions.can_view_network_members(getattr(request, "user", None), obj)
            s = network_stats.stats(obj)
            size = privacy.shown(s.members, exact)
            obj._stats = {
                "size": size.json,
                "growth": [{"year": y.year, "members": privacy.shown(y.members, exact).json} for y in s.growth],
                "countries": [{"country": c.key or None, "members": c.people.json}
                              for c in (privacy.hide_all(s.countries) if size.suppressed
                                        else privacy.breakdown(s.countries, exact))],
                "institution_types": [{"type": c.key, "members": c.people.json}
                                      for c in (privacy.hide_all(s.institution_types) if size.suppressed
                                                else privacy.breakdown(s.institution_types, exact))]}
        return obj._stats

    def get_projects(self, obj) -> list[int]:
        from capdev.projects.filtersets import visible_q

        return list(obj.projects.filter(visible_q(self.context.get("request"))).values_list("pk", flat=True))

    def get_size(self, obj) -> int | None:
        return self._stats(obj)["size"]

    def get_growth(self, obj) -> list[dict]:
        return self._stats(obj)["growth"]

    def get_countries(self, obj) -> list[dict]:
        return self._stats(obj)["countries"]

    def get_institution_types(self, obj) -> list[dict]:
        return self._stats(obj)["institution_types"]
