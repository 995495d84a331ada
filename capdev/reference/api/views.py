"""API views for reference data (read-only)."""
from rest_framework import viewsets

from capdev.reference.filtersets import CountryFilterSet, RegionFilterSet
from capdev.reference.models import Country, Region, SdgGoal

from .serializers import CountrySerializer, RegionSerializer, SdgGoalSerializer


class CountryViewSet(viewsets.ReadOnlyModelViewSet):
    """Countries (ISO 3166-1) with their M49 regions and SIDS/LDC/LLDC membership."""

    serializer_class = CountrySerializer
    filterset_class = CountryFilterSet
    queryset = Country.objects.select_related("region", "subregion").order_by("iso3")
    lookup_field = "iso3"

    def get_object(self):
        """The country whatever the code's case (/api/countries/arg/ as /api/countries/ARG/, as the pages do)."""
        self.kwargs[self.lookup_field] = self.kwargs[self.lookup_field].upper()
        return super().get_object()


class RegionViewSet(viewsets.ReadOnlyModelViewSet):
    """Regions and groupings."""

    serializer_class = RegionSerializer
    filterset_class = RegionFilterSet
    queryset = Region.objects.select_related("parent").order_by("code")
    lookup_field = "code"


class SdgGoalViewSet(viewsets.ReadOnlyModelViewSet):
    """The 17 SDGs with their targets."""

    serializer_class = SdgGoalSerializer
    queryset = SdgGoal.objects.prefetch_related("targets").order_by("number")
