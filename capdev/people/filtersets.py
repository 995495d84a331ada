"""FilterSets of the people app: one per model, shared by the pages and the API.

Persons and attendance are filtered only within what the user may see (capdev.people.permissions); networks
within the published ones for the public.
"""
from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from capdev.core import fields
from capdev.core.access import is_staff_request
from capdev.core.filters import CheckedFilterSet, ValueFilter, ValuesFilter

from . import permissions
from .models import (
    Attendance,
    AttendanceState,
    InstitutionType,
    Network,
    Person,
    Role,
    Seniority,
    Sex,
    name_key,
)


def search_people(qs, value: str):
    """Name (any order of its words) or email containing the text."""
    words = name_key(value).split()
    cond = Q(email__icontains=value.strip().lower())
    if words:
        cond |= Q(*[Q(name_key__contains=w) for w in words])
    return qs.filter(cond)


class PersonFilterSet(CheckedFilterSet):
    """People by name or email, sex, country, seniority, institution type, role and activity. Each parameter is
    declared once (capdev.core.filters) with its SQL meaning and its sentence for the docs' table."""

    q = ValueFilter(fields.SEARCH, label=_("Name or email"), sql=search_people,
                    doc=_("People whose name holds every word (in any order), or whose email holds the text."))
    sex = ValuesFilter(fields.Choice(Sex), label=_("Sex"), field_name="sex", doc=_("People of these sexes."))
    country = ValuesFilter(fields.COUNTRY, label=_("Country"), field_name="country_id",
                           doc=_("People from these countries."))
    seniority = ValuesFilter(fields.Choice(Seniority), label=_("Seniority"), field_name="seniority",
                             doc=_("People at these levels."))
    institution_type = ValuesFilter(fields.Choice(InstitutionType), label=_("Institution type"),
                                    field_name="institution__type", doc=_("People of institutions of these types."))
    role = ValuesFilter(fields.Choice(Role), label=_("Role"), field_name="attendances__role", distinct=True,
                        doc=_("People who attended in one of these roles."))
    activity = ValuesFilter(fields.ROW_ID, label=_("Activity"), field_name="attendances__activity_id",
                            distinct=True, doc=_("People on these activities' lists (by id)."))

    class Meta:
        model = Person
        fields: list[str] = []

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        if queryset is None:
            queryset = permissions.visible_people(getattr(request, "user", None))
        super().__init__(data, queryset, request=request, prefix=prefix)


class AttendanceFilterSet(CheckedFilterSet):
    """Attendance by activity, project, role and state (within the projects whose people the user sees)."""

    activity = ValuesFilter(fields.ROW_ID, label=_("Activity"), field_name="activity_id",
                            doc=_("Attendance of these activities (by id)."))
    project = ValuesFilter(fields.ROW_ID, label=_("Project"), field_name="project_id",
                           doc=_("Attendance of these projects' activities (by id)."))
    role = ValuesFilter(fields.Choice(Role), label=_("Role"), field_name="role", doc=_("Attendance in these roles."))
    state = ValuesFilter(fields.Choice(AttendanceState), label=_("State"), field_name="state",
                         doc=_("Attendance published or awaiting review."))

    class Meta:
        model = Attendance
        fields: list[str] = []

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        if queryset is None:
            user = getattr(request, "user", None)
            queryset = Attendance.objects.filter(activity__isnull=False)
            if not permissions.sees_all_people(user):
                queryset = queryset.filter(project__lead_unit_id__in=permissions.people_unit_ids(user))
        super().__init__(data, queryset, request=request, prefix=prefix)


class NetworkFilterSet(CheckedFilterSet):
    """Networks by kind and project (published ones for the public)."""

    kind = ValuesFilter(fields.Choice(Network.Kind), label=_("Kind"), field_name="kind",
                        doc=_("Communities of practice, or networks."))
    project = ValuesFilter(fields.ROW_ID, label=_("Project"), field_name="project_links__project_id", distinct=True,
                           doc=_("Networks behind these projects (by id)."))

    class Meta:
        model = Network
        fields: list[str] = []

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        if queryset is None:
            queryset = Network.objects.all() if is_staff_request(request) else Network.objects.filter(published=True)
        super().__init__(data, queryset, request=request, prefix=prefix)
