"""FilterSets for organisations, organisational units and funding sources, shared by the portal and the API."""
from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from capdev.core import fields
from capdev.core.filters import CheckedFilterSet, ValueFilter, ValuesFilter
from capdev.projects.filtersets import visible_projects
from capdev.projects.models import ProjectPartner

from .models import FundingSource, Organisation, OrganisationAlias, OrgUnit, alias_key


def _visible_project_ids(request) -> QuerySet:
    """The ids of the projects the request may see (published only without a signed-in staff user)."""
    return visible_projects(request).values("pk")


class OrganisationFilterSet(CheckedFilterSet):
    """Organisations by text (name, acronym, aliases), type, country, and the role they play in visible projects.

    Filters on related rows are `pk__in` subqueries, so they neither duplicate rows nor disturb annotations the
    caller made on the queryset (such as project counts).
    """

    q = ValueFilter(fields.SEARCH, label=_("Search"), method="filter_q",
                    help_text=_("Part of the name, the acronym or another name."))
    type = django_filters.MultipleChoiceFilter(label=_("Type"), choices=Organisation.Type.choices,
                                               widget=forms.CheckboxSelectMultiple)
    role = django_filters.MultipleChoiceFilter(label=_("Role in a project"), choices=ProjectPartner.Role.choices,
                                               method="filter_role", widget=forms.CheckboxSelectMultiple)
    country = ValuesFilter(fields.COUNTRY, field_name="country_id", label=_("Country"),
                           help_text=_("ISO alpha-3 code"))

    class Meta:
        model = Organisation
        fields = ["q", "type", "role", "country"]

    def filter_q(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        """Organisations whose name or acronym contains the text, or one of whose aliases does."""
        value = value.strip()
        if not value:
            return queryset
        key = alias_key(value)
        aliases = OrganisationAlias.objects.filter(Q(alias__icontains=value) | Q(key__contains=key) if key
                                                   else Q(alias__icontains=value))
        return queryset.filter(Q(name__icontains=value) | Q(acronym__icontains=value)
                               | Q(pk__in=aliases.values("organisation")))

    def filter_role(self, queryset: QuerySet, name: str, value: list[str]) -> QuerySet:
        """Organisations with one of the roles in a project the request may see (OR within the filter)."""
        if not value:
            return queryset
        links = ProjectPartner.objects.filter(role__in=value, project__in=_visible_project_ids(self.request))
        return queryset.filter(pk__in=links.values("organisation"))


class OrgUnitFilterSet(CheckedFilterSet):
    """Organisational units by text, kind, parent (code) and the year they existed in."""

    q = ValueFilter(fields.SEARCH, label=_("Search"), method="filter_q")
    kind = django_filters.MultipleChoiceFilter(label=_("Kind"), choices=OrgUnit.Kind.choices)
    parent = django_filters.ModelChoiceFilter(label=_("Parent unit"), queryset=OrgUnit.objects.all(),
                                              to_field_name="code")
    existed_in = ValueFilter(fields.YEAR, label=_("In existence in (year)"), method="filter_existed_in")

    class Meta:
        model = OrgUnit
        fields = ["q", "kind", "parent", "existed_in"]

    def filter_q(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        """Units whose code or name contains the text."""
        value = value.strip()
        return queryset.filter(Q(code__icontains=value) | Q(name__icontains=value)) if value else queryset

    def filter_existed_in(self, queryset: QuerySet, name: str, value) -> QuerySet:
        """Units whose period (open at either end when unknown) includes the year."""
        return queryset.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=value),
                               Q(valid_to__isnull=True) | Q(valid_to__gte=value))


class FundingSourceFilterSet(CheckedFilterSet):
    """Funding sources by text, kind and Development Account tranche."""

    q = ValueFilter(fields.SEARCH, label=_("Search"), method="filter_q")
    kind = django_filters.MultipleChoiceFilter(label=_("Kind"), choices=FundingSource.Kind.choices)
    tranche = ValueFilter(fields.SMALL_COUNT, label=_("Development Account tranche"))

    class Meta:
        model = FundingSource
        fields = ["q", "kind", "tranche"]

    def filter_q(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        """Funding sources whose code or name contains the text."""
        value = value.strip()
        return queryset.filter(Q(code__icontains=value) | Q(name__icontains=value)) if value else queryset
