"""API serializers for reference data."""
from rest_framework import serializers

from capdev.reference.models import Country, Region, SdgGoal, SdgTarget


class RegionSerializer(serializers.ModelSerializer):
    """A UN M49 region or grouping."""

    parent = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Region
        fields = ["code", "name", "kind", "m49", "parent"]


class CountrySerializer(serializers.ModelSerializer):
    """A country with its M49 placing and UN groupings."""

    region = serializers.SlugRelatedField(slug_field="name", read_only=True)
    subregion = serializers.SlugRelatedField(slug_field="name", read_only=True)

    class Meta:
        model = Country
        fields = ["iso3", "iso2", "numeric", "name", "official_name", "region", "subregion", "un_member", "sids",
                  "ldc", "lldc"]


class SdgTargetSerializer(serializers.ModelSerializer):
    """An SDG target."""

    class Meta:
        model = SdgTarget
        fields = ["code", "goal", "text"]


class SdgGoalSerializer(serializers.ModelSerializer):
    """An SDG goal with its targets."""

    targets = SdgTargetSerializer(many=True, read_only=True)

    class Meta:
        model = SdgGoal
        fields = ["number", "short_title", "title", "targets"]
