"""API serializers for activities and resources."""
from rest_framework import serializers

from capdev.activities.models import Activity, Resource
from capdev.core import fields
from capdev.core.views import partial_iso


class ActivitySerializer(serializers.ModelSerializer):
    """An activity, with its dates at their precision; numbers, codes and years by the shared definitions."""

    start = fields.ApiValueField(fields.PARTIAL_DATE, required=False, allow_null=True, write_only=True)
    end = fields.ApiValueField(fields.PARTIAL_DATE, required=False, allow_null=True, write_only=True)
    country = fields.ApiValueField(fields.COUNTRY, source="country_id", required=False, allow_null=True)
    participants = fields.ApiValueField(fields.PARTICIPANTS, required=False, allow_null=True)
    participant_countries = fields.ApiValueField(fields.COUNTRIES_REPRESENTED, required=False, allow_null=True)
    start_iso = serializers.SerializerMethodField()
    end_iso = serializers.SerializerMethodField()
    organisers = serializers.SerializerMethodField()

    class Meta:
        model = Activity
        fields = ["id", "project", "type", "title", "start", "end", "start_iso", "end_iso", "dates_text", "online",
                  "country", "city", "participants", "participants_qualifier", "participants_profile",
                  "participant_countries", "organisers", "summary", "recalled", "last_updated"]
        read_only_fields = ["id", "last_updated"]

    def get_start_iso(self, obj) -> str | None:
        return partial_iso(obj.start_date, obj.start_precision)

    def get_end_iso(self, obj) -> str | None:
        return partial_iso(obj.end_date, obj.end_precision)

    def get_organisers(self, obj) -> list[str]:
        return [link.organisation.acronym or link.organisation.name for link in obj.organiser_links.all()]

    def validate(self, attrs):
        start = attrs.pop("start", None) if "start" in attrs else getattr(self.instance, "start", None)
        end = attrs.pop("end", None) if "end" in attrs else getattr(self.instance, "end", None)
        if start and end and end.last_day() < start.first_day():
            raise serializers.ValidationError({"end": "The end cannot be before the start."})
        attrs["_dates"] = (start, end)
        return attrs

    def _save(self, instance, attrs):
        start, end = attrs.pop("_dates")
        for key, value in attrs.items():
            setattr(instance, key, value)
        instance.start, instance.end = start, end
        instance.save()
        return instance

    def create(self, validated_data):
        return self._save(Activity(), validated_data)

    def update(self, instance, validated_data):
        return self._save(instance, validated_data)


class ResourceSerializer(serializers.ModelSerializer):
    """A resource (report, toolkit, link...)."""

    class Meta:
        model = Resource
        fields = ["id", "project", "type", "title", "url", "date", "date_precision", "language"]


class ResourceListSerializer(serializers.ModelSerializer):
    """A resource in the library's list (output only): the columns of /resources/'s CSV, with its date at its
    precision and its project's countries and SDGs."""

    date = serializers.SerializerMethodField(help_text="at its precision: 2010, 2010-02 or 2010-02-03")
    project_title = serializers.CharField(source="project.title")
    project_url = serializers.SerializerMethodField()
    countries = serializers.SerializerMethodField(help_text="the project's countries (ISO 3166-1 alpha-3)")
    sdgs = serializers.SerializerMethodField(help_text="the project's SDG goals")

    class Meta:
        model = Resource
        fields = ["id", "title", "type", "url", "date", "language", "project", "project_title", "project_url",
                  "countries", "sdgs"]

    def get_date(self, obj) -> str | None:
        return partial_iso(obj.date, obj.date_precision)

    def get_project_url(self, obj) -> str:
        from django.urls import reverse

        return reverse("projects:detail", args=[obj.project_id])

    def get_countries(self, obj) -> list[str]:
        return [link.country_id for link in obj.project.country_links.all()]

    def get_sdgs(self, obj) -> list[int]:
        return [link.goal_id for link in obj.project.sdg_goal_links.all()]
