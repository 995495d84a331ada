"""The one FilterSet of resources, shared by the resources library (/resources/, its CSV, XLSX and JSON) and the API
(/api/resources/): by text, type, language, year, project, and the project's countries and SDGs."""
from __future__ import annotations

from django.db.models import F, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from capdev.core import fields
from capdev.core.filters import CheckedFilterSet, ValueFilter, ValuesFilter
from capdev.projects.filtersets import visible_q

from .models import Resource

SEARCH_TERMS = 10  # words of a search that are matched (each against the title and the project's title)


def visible_resources(request=None) -> QuerySet:
    """The resources of the projects this request may see: published ones for the public, the registry for staff
    (a working copy's resources show on their original once published, never on their own)."""
    return Resource.objects.filter(visible_q(request, "project"))


class ResourceFilterSet(CheckedFilterSet):
    """Resources by text, type, language, year, project, country served and SDG (AND across parameters, OR
    within one, as the project list)."""

    q = ValueFilter(fields.SEARCH, label=_("Search"), method="filter_q")
    type = ValuesFilter(fields.Choice(Resource.Type), field_name="type", label=_("Type"))
    language = ValuesFilter(fields.LANGUAGE, field_name="language", label=_("Language"))
    year = ValuesFilter(fields.YEAR, field_name="date", lookup_expr="year__in", label=_("Year"))
    project = ValuesFilter(fields.ROW_ID, field_name="project_id", label=_("Project"))
    country = ValuesFilter(fields.COUNTRY, field_name="project__country_links__country_id", distinct=True,
                           label=_("Country"))
    sdg = ValuesFilter(fields.SDG_GOAL, field_name="project__sdg_goal_links__goal_id", distinct=True,
                       label=_("SDG"))

    class Meta:
        model = Resource
        fields: list[str] = []

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        if queryset is None:
            queryset = visible_resources(request)
        super().__init__(data, queryset, request=request, prefix=prefix)

    def filter_q(self, qs, name, value):
        """Resources whose title, or whose project's title, holds every word of the search."""
        for word in value.split()[:SEARCH_TERMS]:
            qs = qs.filter(Q(title__icontains=word) | Q(project__title__icontains=word))
        return qs

    def without(self, name: str) -> QuerySet:
        """The resources every parameter but `name` keeps (a facet counts its values over these)."""
        qs = self.queryset.all()
        for other, value in self.checked().items():
            if other != name and other in self.filters and value not in (None, "", []):
                qs = self.filters[other].filter(qs, value)
        return qs

    @property
    def qs(self):
        """The filtered resources, newest first (undated last), then by title."""
        return super().qs.order_by(F("date").desc(nulls_last=True), "title", "pk")
