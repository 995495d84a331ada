"""FilterSets of the people app: one per model, shared by the pages and the API.

Persons and attendance are filtered only within what the user may see (capdev.people.permissions); networks
within the published ones for the public.
"""
from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from capdev.core import fields
from capdev.core.filters import CheckedFilterSet, ValueFilter, ValuesFilter

from . import permissions
from .models import Attendance, AttendanceState, InstitutionType, Network, Person, Role, Seniority, Sex


class PersonFilterSet(CheckedFilterSet):
    """People by name or email, sex, country, seniority, institution type, role and activity."""

    q = ValueFilter(fields.SEARCH, label=_("Name or email"), method="filter_q")
    sex = ValuesFilter(fields.Choice(Sex), label=_("Sex"), method="filter_sex")
    country = ValuesFilter(fields.COUNTRY, label=_("Country"), method="filter_country")
    seniority = ValuesFilter(fields.Choice(Seniority), label=_("Seniority"), method="filter_seniority")
    institution_type = ValuesFilter(fields.Choice(InstitutionType), label=_("Institution type"),
                                    method="filter_institution_type")
    role = ValuesFilter(fields.Choice(Role), label=_("Role"), method="filter_role")
    activity = ValuesFilter(fields.ROW_ID, label=_("Activity"), method="filter_activity")

    class Meta:
        model = Person
        fields: list[str] = []

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        if queryset is None:
            queryset = permissions.visible_people(getattr(request, "user", None))
        super().__init__(data, queryset, request=request, prefix=prefix)

    def filter_q(self, qs, name, value):
        """Name (any order of its words) or email containing the text."""
        from .models import name_key

        words = name_key(value).split()
        cond = Q(email__icontains=value.strip().lower())
        if words:
            cond |= Q(*[Q(name_key__contains=w) for w in words])
        return qs.filter(cond)

    def filter_sex(self, qs, name, value):
        """People of these sexes."""
        return qs.filter(sex__in=value)

    def filter_country(self, qs, name, value):
        """People from these countries (ISO alpha-3)."""
        return qs.filter(country_id__in=value)

    def filter_seniority(self, qs, name, value):
        """People at these levels."""
        return qs.filter(seniority__in=value)

    def filter_institution_type(self, qs, name, value):
        """People of institutions of these types."""
        return qs.filter(institution__type__in=value)

    def filter_role(self, qs, name, value):
        """People who attended in one of these roles."""
        return qs.filter(attendances__role__in=value).distinct()

    def filter_activity(self, qs, name, value):
        """People on these activities' lists."""
        return qs.filter(attendances__activity_id__in=value).distinct()


class AttendanceFilterSet(CheckedFilterSet):
    """Attendance by activity, project, role and state (within the projects whose people the user sees)."""

    activity = ValuesFilter(fields.ROW_ID, label=_("Activity"), method="filter_activity")
    project = ValuesFilter(fields.ROW_ID, label=_("Project"), method="filter_project")
    role = ValuesFilter(fields.Choice(Role), label=_("Role"), method="filter_role")
    state = ValuesFilter(fields.Choice(AttendanceState), label=_("State"), method="filter_state")

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

    def filter_activity(self, qs, name, value):
        """Attendance of these activities."""
        return qs.filter(activity_id__in=value)

    def filter_project(self, qs, name, value):
        """Attendance of these projects' activities."""
        return qs.filter(project_id__in=value)

    def filter_role(self, qs, name, value):
        """Attendance in these roles."""
        return qs.filter(role__in=value)

    def filter_state(self, qs, name, value):
        """Attendance published or awaiting review."""
        return qs.filter(state__in=value)


class NetworkFilterSet(CheckedFilterSet):
    """Networks by kind and project (published ones for the public)."""

    kind = ValuesFilter(fields.Choice(Network.Kind), label=_("Kind"), method="filter_kind")
    project = ValuesFilter(fields.ROW_ID, label=_("Project"), method="filter_project")

    class Meta:
        model = Network
        fields: list[str] = []

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        if queryset is None:
            user = getattr(request, "user", None)
            staff = bool(user is not None and user.is_active and user.is_staff)
            queryset = Network.objects.all() if staff else Network.objects.filter(published=True)
        super().__init__(data, queryset, request=request, prefix=prefix)

    def filter_kind(self, qs, name, value):
        """Communities of practice or networks."""
        return qs.filter(kind__in=value)

    def filter_project(self, qs, name, value):
        """Networks behind these projects."""
        return qs.filter(project_links__project_id__in=value).distinct()
