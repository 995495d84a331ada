"""API serializers for organisations, units and funding sources."""
from rest_framework import serializers

from capdev.organisations.models import FundingSource, Organisation, OrgUnit


class OrganisationSerializer(serializers.ModelSerializer):
    """An organisation with every name it is known by."""

    aliases = serializers.SerializerMethodField()

    class Meta:
        model = Organisation
        fields = ["id", "slug", "name", "acronym", "type", "country", "parent", "iati_ref", "url", "aliases"]

    def get_aliases(self, obj) -> list[str]:
        return [a.alias for a in obj.aliases.all()]


class OrgUnitSerializer(serializers.ModelSerializer):
    """An organisational unit, with its parent and period of existence."""

    parent = serializers.SlugRelatedField(slug_field="code", read_only=True)
    successor = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = OrgUnit
        fields = ["id", "code", "name", "kind", "parent", "valid_from", "valid_to", "successor", "dac_sector"]


class FundingSourceSerializer(serializers.ModelSerializer):
    """A funding source."""

    class Meta:
        model = FundingSource
        fields = ["id", "code", "name", "kind", "tranche"]
