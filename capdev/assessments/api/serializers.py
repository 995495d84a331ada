"""API serializers of assessments (with their scores) and frameworks (with their dimensions and scales)."""
from __future__ import annotations

from rest_framework import serializers

from capdev.assessments.models import Assessment, Dimension, Framework, Level
from capdev.core.access import is_staff_request


class LevelSerializer(serializers.ModelSerializer):
    class Meta:
        model = Level
        fields = ["value", "label", "description"]


class DimensionSerializer(serializers.ModelSerializer):
    questions = serializers.SerializerMethodField()
    levels = LevelSerializer(many=True, read_only=True)

    class Meta:
        model = Dimension
        fields = ["code", "name", "description", "questions", "levels"]

    def get_questions(self, obj) -> list[dict]:
        return [{"code": q.code, "kind": q.kind, "text": q.text} for q in obj.questions.all()]


class FrameworkSerializer(serializers.ModelSerializer):
    """A framework: its scale, weak threshold and dimensions."""

    levels = serializers.SerializerMethodField()
    dimensions = DimensionSerializer(many=True, read_only=True)

    class Meta:
        model = Framework
        fields = ["slug", "name", "version", "description", "publisher", "url", "is_example", "scale",
                  "weak_at_or_below", "levels", "dimensions"]

    def get_levels(self, obj) -> list[dict]:
        return [{"value": lv.value, "label": lv.label, "description": lv.description}
                for lv in obj.levels.all() if lv.dimension_id is None]


class ScoreSerializer(serializers.Serializer):
    dimension = serializers.CharField(source="dimension.code")
    dimension_name = serializers.CharField(source="dimension.name")
    score = serializers.DecimalField(max_digits=6, decimal_places=3)
    evidence = serializers.CharField()
    comments = serializers.CharField()


class AssessmentSerializer(serializers.ModelSerializer):
    """An assessment with its scores, priorities, documents and the links to the work the caller may see."""

    url = serializers.HyperlinkedIdentityField(view_name="api:assessment-detail")
    framework = serializers.CharField(source="framework.slug")
    framework_is_example = serializers.BooleanField(source="framework.is_example")
    country = serializers.CharField(source="country_id")
    institution = serializers.CharField(source="institution.name", default=None)
    assessing_organisation = serializers.CharField(source="assessor.name", default=None)
    date = serializers.SerializerMethodField()
    scores = ScoreSerializer(many=True, read_only=True)
    priorities = serializers.SerializerMethodField()
    documents = serializers.SerializerMethodField()
    links = serializers.SerializerMethodField()

    class Meta:
        model = Assessment
        fields = ["id", "url", "framework", "framework_is_example", "country", "institution", "date",
                  "assessor_type", "assessing_organisation", "title", "summary", "scores", "priorities",
                  "documents", "links", "last_updated"]

    def get_date(self, obj) -> str:
        return obj.partial_date.iso()

    def get_priorities(self, obj) -> list[dict]:
        return [{"text": p.text, "dimension": p.dimension.code if p.dimension else None} for p in obj.priorities.all()]

    def get_documents(self, obj) -> list[dict]:
        return [{"kind": d.kind, "title": d.title, "url": d.url, "language": d.language} for d in obj.documents.all()]

    def get_links(self, obj) -> list[dict]:
        return [{"dimension": link.dimension.code if link.dimension else None,
                 "priority": link.priority.text if link.priority else None, "project": link.project_id,
                 "outcome": link.outcome_id, "activity": link.activity_id, "note": link.note}
                for link in obj.visible_links]

    def to_representation(self, instance):
        data = super().to_representation(instance)
        request = self.context.get("request")
        if is_staff_request(request):
            data.update(state=instance.state, internal=instance.internal)
        return data
