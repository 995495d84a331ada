"""API views of the people app: counts for everyone, persons and attendance for those who may see them."""
from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import viewsets
from rest_framework.exceptions import NotAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from capdev.accounts.permissions import is_portfolio_admin
from capdev.activities.models import Activity
from capdev.core import fields
from capdev.core.access import is_staff_request
from capdev.projects.filtersets import ProjectFilterSet, visible_projects

from .. import aggregates as agg
from .. import permissions, presentation, privacy
from ..filtersets import AttendanceFilterSet, NetworkFilterSet, PersonFilterSet
from ..models import Attendance, Network
from .serializers import AttendanceSerializer, NetworkSerializer, PeopleReachedSerializer, PersonSerializer


class PeopleReachedView(APIView):
    """People reached by the projects the project list's filters select (`?country=LCA&sdg=16`), or by one
    project (`?project=ID`) or activity (`?activity=ID`): unique participants, attendances and person-days, by
    sex, country, institution type and seniority. Counts of fewer than 5 people are null (and one more beside
    a single one, where a total would tell it), unless the caller may see the people themselves."""

    @extend_schema(responses=PeopleReachedSerializer, parameters=[
        OpenApiParameter("project", OpenApiTypes.INT, description="One project's people reached."),
        OpenApiParameter("activity", OpenApiTypes.INT, description="One activity's people reached.")])
    def get(self, request):
        visible = visible_projects(request)
        ids = {}
        for name in ("activity", "project"):  # a bad one is a 400 naming it, never the whole portfolio's figures
            if name in request.query_params:
                try:
                    ids[name] = fields.ROW_ID.parse(request.query_params[name])
                except DjangoValidationError as exc:
                    return Response({name: exc.messages}, status=400)
        if "activity" in ids:
            activity = get_object_or_404(Activity.objects.filter(project__in=visible.values("pk")),
                                         pk=ids["activity"])
            exact = permissions.can_view_people(request.user, activity.project)
            reach = agg.activity_reach(activity, include_pending=exact)
            participation = agg.participation(visible.filter(pk=activity.project_id), include_pending=exact)
        elif "project" in ids:
            project = get_object_or_404(visible, pk=ids["project"])
            exact = permissions.can_view_people(request.user, project)
            reach = agg.project_reach(project, include_pending=exact)
            participation = agg.participation(visible.filter(pk=project.pk), include_pending=exact)
        else:
            fs = ProjectFilterSet(request.query_params, queryset=visible, request=request)
            if not fs.is_valid():
                return Response(fs.errors, status=400)
            exact = is_portfolio_admin(request.user)
            projects = fs.qs
            # Counted once per version of the portfolio for these filters, as the dashboard's figures are.
            params = request.query_params.copy()
            params.pop("format", None)
            key = params.urlencode() or "all"
            reach = agg.projects_reach(projects, include_pending=exact, key=key, whole_portfolio=key == "all")
            participation = agg.participation(projects, include_pending=exact, key=key)
        lists = presentation.participation_lists(participation, exact)
        counting = reach.counting or participation.counting
        return Response({
            "threshold": privacy.threshold(), "exact": exact,
            # Figures not counted yet (null meanwhile: ask again in a moment), or counted before the latest change.
            "counting": counting, "stale": reach.stale or participation.stale,
            "reach": presentation.show(reach, exact).as_json(),
            "participants": None if counting else {
                "from_lists": lists.json, "activities_with_lists": participation.activities_with_lists,
                "recorded": participation.recorded, "activities_recorded": participation.activities_recorded,
                "total": None if lists.suppressed else participation.total},
        })


class NetworkViewSet(viewsets.ReadOnlyModelViewSet):
    """Networks and communities of practice (published ones for the public), in aggregates."""

    serializer_class = NetworkSerializer
    filterset_class = NetworkFilterSet
    lookup_field = "slug"

    def get_queryset(self):
        networks = Network.objects.all() if is_staff_request(self.request) else Network.objects.filter(published=True)
        return networks.select_related("lead_unit", "lead_organisation").order_by("name")


class PeopleOnlyMixin:
    """Personal data: anonymous callers are refused, other users see only the people they may see."""

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if not request.user.is_authenticated:
            raise NotAuthenticated()


class PersonViewSet(PeopleOnlyMixin, viewsets.ReadOnlyModelViewSet):
    """People, for staff of the units whose projects they attended and for portfolio admins (others see none)."""

    serializer_class = PersonSerializer
    filterset_class = PersonFilterSet

    def get_queryset(self):
        return (permissions.visible_people(self.request.user).select_related("institution")
                .order_by("pk"))


class AttendanceViewSet(PeopleOnlyMixin, viewsets.ReadOnlyModelViewSet):
    """Attendance, for staff of the projects' units and for portfolio admins (others see none)."""

    serializer_class = AttendanceSerializer
    filterset_class = AttendanceFilterSet

    def get_queryset(self):
        rows = Attendance.objects.filter(activity__isnull=False).select_related("activity")
        ids = permissions.people_unit_ids(self.request.user)
        if ids is not None:
            rows = rows.filter(project__lead_unit_id__in=ids)
        return rows.order_by("pk")
