"""The activities app's FilterSets, each parameter declared once (capdev.core.filters).

ActivityFilterSet (the API's /api/activities/): what each parameter selects in SQL, and on the in-memory index's
activity groups, where the list's count comes from (capdev.activities.indexed). ResourceFilterSet: the resources
library (/resources/, its CSV, XLSX and JSON) and the API (/api/resources/), by text, type, language, year,
project, and the project's countries and SDGs.
"""
from __future__ import annotations

from django.db.models import F, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from capdev.core import fields
from capdev.core.filters import CheckedFilterSet, ValueFilter, ValuesFilter
from capdev.projects.filtersets import visible_projects, visible_q

from .models import Activity, ActivityType, Resource

SEARCH_TERMS = 10  # words of a search that are matched (each against the title and the project's title)


class ActivityFilterSet(CheckedFilterSet):
    """Activities by project, type, country, year and online or not (of visible projects only)."""

    project = ValuesFilter(fields.ROW_ID, label=_("Project"), doc=_("Activities of these projects (by id)."),
                           sql=lambda qs, v: qs.filter(project_id__in=v),
                           index=lambda groups, v: groups.of_projects(v))
    type = ValuesFilter(fields.Choice(ActivityType), label=_("Type"), doc=_("Activities of these types."),
                        sql=lambda qs, v: qs.filter(type__in=v),
                        index=lambda groups, v: groups.column_in("type", groups.coded(ActivityType, v)))
    country = ValuesFilter(fields.COUNTRY, label=_("Country"), doc=_("Activities held in these countries."),
                           sql=lambda qs, v: qs.filter(country_id__in=v),
                           index=lambda groups, v: groups.column_in("country", groups.coded("country", v)))
    year = ValuesFilter(fields.YEAR, label=_("Year"), doc=_("Activities starting in these years."),
                        sql=lambda qs, v: qs.filter(start_date__year__in=v),
                        index=lambda groups, v: groups.in_years(v))
    # 1/0 as well as true/false (Django's own widget read "1" as "unknown", and the filter was then ignored).
    online = ValueFilter(fields.FLAG, label=_("Online"), doc=_("Activities held online, or not."),
                         sql=lambda qs, v: qs.filter(online=v), index=lambda groups, v: groups.online(v))

    class Meta:
        model = Activity
        fields = ["online"]

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        if queryset is None:
            queryset = Activity.objects.counted().filter(project__in=visible_projects(request).values("pk"))
        super().__init__(data, queryset, request=request, prefix=prefix)


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
