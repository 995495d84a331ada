"""API views of assessments and frameworks (read-only: staff enter assessments in the portal, by form or file)."""
from django.db.models import Prefetch
from rest_framework import viewsets

from capdev.assessments.filtersets import AssessmentFilterSet, visible_assessments, visible_links
from capdev.assessments.models import DimensionScore, Framework, Priority

from .serializers import AssessmentSerializer, FrameworkSerializer


class AssessmentViewSet(viewsets.ReadOnlyModelViewSet):
    """Assessments the caller may see (the public: published and not internal), with their scores; the
    portal's filters (`country`, `framework`, `assessor_type`, `year_min`, `year_max`, `q`)."""

    serializer_class = AssessmentSerializer
    filterset_class = AssessmentFilterSet

    def get_queryset(self):
        scores = Prefetch("scores", queryset=DimensionScore.objects.select_related("dimension").order_by(
            "dimension__position", "pk"))
        links = Prefetch("links", queryset=visible_links(self.request).select_related("dimension", "priority"),
                         to_attr="visible_links")
        return (visible_assessments(self.request).select_related("framework", "country", "institution", "assessor")
                .prefetch_related(scores, Prefetch("priorities", queryset=Priority.objects.select_related(
                    "dimension")), "documents", links).order_by("-date", "pk"))


class FrameworkViewSet(viewsets.ReadOnlyModelViewSet):
    """Assessment frameworks: scale, weak threshold, dimensions with their questions or indicators and levels."""

    serializer_class = FrameworkSerializer
    lookup_field = "slug"
    queryset = Framework.objects.prefetch_related("levels", "dimensions__questions", "dimensions__levels").order_by(
        "name")
