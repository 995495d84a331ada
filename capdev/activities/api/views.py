"""API views for activities: programme managers log workshops and missions here too."""
from django.db import transaction
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from capdev.accounts import permissions as perms
from capdev.activities.filtersets import ActivityFilterSet
from capdev.activities.indexed import Counted, activity_count
from capdev.activities.models import Activity
from capdev.api import preconditions
from capdev.api.permissions import WritesByRole
from capdev.core import versions
from capdev.projects.filtersets import visible_projects
from capdev.projects.models import Project

from .serializers import ActivitySerializer


@extend_schema_view(**{action: extend_schema(parameters=[preconditions.IF_MATCH],
                                              responses={200: ActivitySerializer, **preconditions.REFUSALS})
                        for action in ("update", "partial_update")})
class ActivityViewSet(viewsets.ModelViewSet):
    """Activities of the projects the caller may see; editors add and change those of their units' projects."""

    serializer_class = ActivitySerializer
    filterset_class = ActivityFilterSet
    permission_classes = [WritesByRole]
    editors_may_delete = True

    def get_queryset(self):
        qs = (Activity.objects.filter(project__in=visible_projects(self.request).values("pk"))
              .select_related("country").prefetch_related("organiser_links__organisation").order_by("pk"))
        # The list is the portfolio's activities, those that count (its count is the index's); an activity a
        # record recalls from before its project is still read and changed by its id.
        return qs.counted() if getattr(self, "action", None) == "list" else qs

    def list(self, request, *args, **kwargs):
        """The filtered activities a page at a time, their count from the in-memory index where it can."""
        queryset = self.filter_queryset(self.get_queryset())  # refuses invalid parameters first (400)
        fs = self.filterset_class(request.query_params, queryset=self.get_queryset(), request=request)
        count = activity_count(fs) if fs.is_valid() else None
        page = self.paginate_queryset(queryset if count is None else Counted(queryset, count))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def may_write(self, request) -> bool:
        """Any editor may try; the project decides (perform_create)."""
        return perms.can_create_project(request.user)

    def retrieve(self, request, *args, **kwargs):
        activity = self.get_object()
        return preconditions.with_etag(Response(self.get_serializer(activity).data), activity)

    def create(self, request, *args, **kwargs):
        response = super().create(request, *args, **kwargs)
        return preconditions.with_etag(response, self._written)

    def update(self, request, *args, **kwargs):
        """PUT and PATCH name the version they change (If-Match), checked in the write's transaction."""
        self.get_object()  # a refusal (404, 403) comes before asking for the version
        self._seen = preconditions.if_match(request)
        response = super().update(request, *args, **kwargs)
        return preconditions.with_etag(response, self._written)

    @transaction.atomic
    def perform_create(self, serializer):
        project = serializer.validated_data["project"]
        self._check(project, _("You may log activities of your own units' projects only."))
        self._written = serializer.save()
        versions.touch(Project, project.pk, self.request.user)  # the project's pages and ETag are stale now

    @transaction.atomic
    def perform_update(self, serializer):
        preconditions.hold(Activity, serializer.instance.pk, self._seen, _("activity"))
        # Both the project the activity is on and the one it moves to.
        projects = {serializer.instance.project, serializer.validated_data.get("project", serializer.instance.project)}
        for project in projects:
            self._check(project, _("You may change activities of your own units' projects only."))
        self._written = serializer.save()
        for project in sorted(projects, key=lambda p: p.pk):  # in one order: two moves cannot deadlock
            versions.touch(Project, project.pk, self.request.user)

    @transaction.atomic
    def perform_destroy(self, instance):
        project_id = instance.project_id
        instance.delete()
        versions.touch(Project, project_id, self.request.user)

    def _check(self, project, refusal: str) -> None:
        """The project's activities may be changed here by this user (a published one's by those who publish)."""
        if not perms.can_edit_project(self.request.user, project):
            raise PermissionDenied(refusal)
        if not perms.can_change_in_place(self.request.user, project):
            raise PermissionDenied(_("This project is published: log or change its activities in its working copy "
                                     "in the editor, then send it for review."))
