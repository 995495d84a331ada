"""API views for organisations, units and funding sources (read-only; portfolio admins edit in the admin)."""
from rest_framework import viewsets

from capdev.organisations.models import FundingSource, Organisation, OrgUnit
from capdev.organisations.filtersets import FundingSourceFilterSet, OrganisationFilterSet, OrgUnitFilterSet

from .serializers import FundingSourceSerializer, OrganisationSerializer, OrgUnitSerializer


class OrganisationViewSet(viewsets.ReadOnlyModelViewSet):
    """Organisations (partners, donors, counterparts)."""

    serializer_class = OrganisationSerializer
    filterset_class = OrganisationFilterSet
    queryset = Organisation.objects.prefetch_related("aliases").order_by("pk")
    lookup_field = "slug"


class OrgUnitViewSet(viewsets.ReadOnlyModelViewSet):
    """The organisational-unit tree."""

    serializer_class = OrgUnitSerializer
    queryset = OrgUnit.objects.select_related("parent", "successor").order_by("code")
    lookup_field = "code"
    filterset_class = OrgUnitFilterSet


class FundingSourceViewSet(viewsets.ReadOnlyModelViewSet):
    """Funding sources."""

    serializer_class = FundingSourceSerializer
    queryset = FundingSource.objects.order_by("code")
    lookup_field = "code"
    filterset_class = FundingSourceFilterSet
