"""`/api/projects/<id>/translations/`: read a project's translations (as the project is visible), replace them
(PUT, with If-Match and the editor's rights, on a project that is not published: a published one is changed
through its working copy in the editor, as every other text of it)."""
from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from capdev.accounts import permissions as perms
from capdev.api import preconditions
from capdev.api.permissions import WritesByRole
from capdev.projects.filtersets import visible_projects
from capdev.projects.models import Project, ReviewState
from capdev.texts import editing

from .serializers import TranslationsSerializer, translations_data


class ProjectTranslationsView(APIView):
    """A project's texts in the other UN languages."""

    permission_classes = [WritesByRole]

    def may_write(self, request) -> bool:
        return perms.can_view_internal(request.user)

    def project(self, pk) -> Project:
        return get_object_or_404(visible_projects(self.request), pk=pk)

    @extend_schema(responses=TranslationsSerializer)
    def get(self, request, pk: int):
        project = self.project(pk)
        return preconditions.with_etag(Response(translations_data(project)), project)

    @extend_schema(request=TranslationsSerializer, responses={200: TranslationsSerializer, **preconditions.REFUSALS},
                   parameters=[preconditions.IF_MATCH])
    def put(self, request, pk: int):
        project = self.project(pk)
        if not perms.can_edit_project(request.user, project):
            raise PermissionDenied(_("You may create and edit projects of your own units only."))
        if project.review_state == ReviewState.PUBLISHED:
            raise ValidationError({"detail": _(
                "This project is published: edit its working copy in the editor, then publish it.")})
        seen = preconditions.if_match(request)
        serializer = TranslationsSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)

        try:
            with transaction.atomic():
                preconditions.hold(Project, project.pk, seen, _("project"))
                editing.replace(project, serializer.wanted(), request.user)
        except DjangoValidationError as exc:
            raise ValidationError(exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}) \
                from exc
        project.refresh_from_db()
        return preconditions.with_etag(Response(translations_data(project)), project)
