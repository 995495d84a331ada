"""FilterSets for reference data, shared by the portal and the API."""
import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from capdev.core import fields
from capdev.core.filters import CheckedFilterSet, ValueFilter

from .models import Country, Region, SdgGoal, SdgTarget


class RegionFilterSet(CheckedFilterSet):
    """Regions by kind (M49 level or grouping) and by parent."""

    kind = django_filters.ChoiceFilter(label=_("kind"), choices=Region.Kind.choices)
    parent = django_filters.ModelChoiceFilter(
        label=_("parent"),
        queryset=Region.objects.exclude(kind__in=[Region.Kind.INTERMEDIATE, Region.Kind.GROUPING]),
    )

    class Meta:
        model = Region
        fields = ["kind", "parent"]


class CountryFilterSet(CheckedFilterSet):
    """Countries by free text (name, ISO codes), M49 region and sub-region, UN membership and UN groupings."""

    q = ValueFilter(fields.SEARCH, label=_("search"), method="filter_q",
                    help_text=_("Part of the name, or an ISO alpha-3 or alpha-2 code."))
    region = django_filters.ModelChoiceFilter(label=_("region"),
                                              queryset=Region.objects.filter(kind=Region.Kind.REGION))
    subregion = django_filters.ModelChoiceFilter(label=_("sub-region"),
                                                 queryset=Region.objects.filter(kind=Region.Kind.SUBREGION))
    intermediate_region = django_filters.ModelChoiceFilter(
        label=_("intermediate region"), queryset=Region.objects.filter(kind=Region.Kind.INTERMEDIATE))
    un_member = ValueFilter(fields.FLAG, label=_("UN member state"))
    sids = ValueFilter(fields.FLAG, label=_("small island developing state"))
    ldc = ValueFilter(fields.FLAG, label=_("least developed country"))
    lldc = ValueFilter(fields.FLAG, label=_("landlocked developing country"))

    class Meta:
        model = Country
        fields = ["q", "region", "subregion", "intermediate_region", "un_member", "sids", "ldc", "lldc"]

    def filter_q(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        """Countries whose name or official name contains the text, or whose ISO code is it exactly."""
        value = value.strip()
        if not value:
            return queryset
        # Codes match exactly: a substring search on "AN" would return half the world.
        return queryset.filter(
            Q(name__icontains=value) | Q(official_name__icontains=value)
            | Q(iso3__iexact=value) | Q(iso2__iexact=value)
        )


class SdgTargetFilterSet(CheckedFilterSet):
    """SDG targets by goal."""

    goal = django_filters.ModelChoiceFilter(label=_("goal"), queryset=SdgGoal.objects.all())

    class Meta:
        model = SdgTarget
        fields = ["goal"]
