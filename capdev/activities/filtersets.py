"""The activity list's FilterSet (the API's /api/activities/), each parameter declared once (capdev.core.filters):
what it selects in SQL, and on the in-memory index's activity groups, where the list's count comes from
(capdev.activities.indexed)."""
from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from capdev.core import fields
from capdev.core.filters import CheckedFilterSet, ValueFilter, ValuesFilter
from capdev.projects.filtersets import visible_projects

from .models import Activity, ActivityType


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
