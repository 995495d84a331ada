"""API views for organisations, units and funding sources (read-only; portfolio admins edit in the admin)."""
from rest_framework import viewsets

from capdev.accounts import permissions as perms
from capdev.organisations.filtersets import FundingSourceFilterSet, OrganisationFilterSet, OrgUnitFilterSet
from capdev.organisations.models import FundingSource, Organisation, OrgUnit
from capdev.projects.filtersets import visible_projects

from .serializers import FundingSourceSerializer, OrganisationSerializer, OrgUnitSerializer


class OrganisationViewSet(viewsets.ReadOnlyModelViewSet):
    """Organisations (partners, donors, counterparts): for the public, those a published project names."""

    serializer_class = OrganisationSerializer
    filterset_class = OrganisationFilterSet
    lookup_field = "slug"

    def get_queryset(self):
        organisations = Organisation.objects.prefetch_related("aliases").order_by("pk")
        if perms.can_view_internal(self.request.user):
            return organisations
        # One that only an unpublished record names (an import in review created it) is not shown, in the
        # list or by its slug: it would show that the record exists.
        return organisations.named_by(visible_projects(self.request))


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
