"""API views for projects: list and detail in the record shape; writes through the importer's loader."""
from collections.abc import Mapping
from decimal import InvalidOperation

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError, IntegrityError, transaction
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import status, viewsets
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response
from rest_framework.settings import api_settings

from capdev.accounts import permissions as perms
from capdev.api import preconditions
from capdev.api.permissions import WritesByRole
from capdev.api.renderers import CSVRenderer, XLSXRenderer
from capdev.importer.loader import FileResult, JsonRecordLoader, RecordExists
from capdev.narrative.types import Record
from capdev.people.permissions import can_view_people
from capdev.projects.filtersets import ProjectFilterSet, visible_projects
from capdev.projects.listing import ProjectList, in_order
from capdev.projects.models import Project, ReviewState
from capdev.projects.records import project_record, with_record_data
from capdev.projects.views import ProjectListView

from .serializers import ProjectDetailSerializer, ProjectListSerializer, RecordSerializer, project_detail_data


class ProjectViewSet(viewsets.ModelViewSet):
    """Projects: the same filters as the portal's list; anonymous users see published projects only."""

    filterset_class = ProjectFilterSet
    permission_classes = [WritesByRole]
    http_method_names = ["get", "post", "put", "patch", "delete", "head", "options"]

    def get_queryset(self):
        qs = visible_projects(self.request)
        if self.action == "list":
            return qs.select_related("lead_unit", "funding_source").prefetch_related(
                "country_links", "region_links__region", "sdg_goal_links", "budgets").order_by("pk")
        return with_record_data(qs)

    def get_serializer_class(self):
        return ProjectListSerializer if self.action == "list" else ProjectDetailSerializer

    def may_write(self, request) -> bool:
        """Creating needs a unit to create in; changing is checked per project."""
        return perms.can_create_project(request.user)

    def internal(self) -> bool:
        """Whether the caller may see review flags, source text and spans."""
        return perms.can_view_internal(self.request.user)

    renderer_classes = [*api_settings.DEFAULT_RENDERER_CLASSES, CSVRenderer, XLSXRenderer]

    def list(self, request, *args, **kwargs):
        if request.accepted_renderer.format in ("csv", "xlsx"):
            return self._export(request)
        # The FilterSet's order (the portal list's: newest start first unless asked). Filtering first also
        # refuses invalid parameters (400); the rows then come from the in-memory index where it can answer.
        queryset = self.filter_queryset(self.get_queryset())
        indexed = self._indexed()  # (an empty list of results is falsy: compared with None, not tested for truth)
        page = self.paginate_queryset(queryset if indexed is None else indexed)
        return self.get_paginated_response(ProjectListSerializer(page, many=True).data)

    def _indexed(self):
        """The filtered projects ordered on the in-memory index, a page read at a time (None: SQL answers)."""
        rows = self.get_queryset()
        listing = ProjectList(self.request, self.request.query_params)  # over the visible projects, as the portal's
        return listing.results(lambda pks: in_order(rows.filter(pk__in=pks), pks))

    def _export(self, request):
        """The portal list's export of the same filtered rows, as the caller (token or session) may see them."""
        django_request = request._request
        django_request.user = request.user  # a token's user, which the plain Django request does not know
        view = ProjectListView()
        view.setup(django_request)
        return view.get(django_request)

    @extend_schema(responses=ProjectDetailSerializer)
    def retrieve(self, request, *args, **kwargs):
        project = self.get_object()
        response = Response(project_detail_data(project, project_record(project), self.internal(),
                                                people_exact=can_view_people(request.user, project)))
        return preconditions.with_etag(response, project)  # what a PUT or PATCH sends back in If-Match

    def _record(self, data, partial_of: Project | None = None) -> Record:
        """The record a request's body gives (a PATCH's over the project's own), each field checked and in the
        registry's spelling (RecordSerializer), or a 400 naming what is wrong."""
        if not isinstance(data, Mapping):
            raise ValidationError({api_settings.NON_FIELD_ERRORS_KEY: [_("Send a record: a JSON object.")]})
        if partial_of is not None:
            merged = project_record(partial_of).to_json()
            merged.update(data)
            data = merged
        serializer = RecordSerializer(data=data)
        serializer.is_valid(raise_exception=True)
        try:
            # The checked values over the body: what the serializer does not declare (a PATCH's source text,
            # spans) passes as it was.
            record = Record.from_json({**data, **serializer.data})
        except ValueError as exc:
            raise ValidationError({"detail": str(exc)}) from exc
        record.flags = []  # the importer's doubts about a text it parsed: an API client has none to report
        self._check_reference_data(record)
        return record

    def _check_reference_data(self, record: Record) -> None:
        """Refuse a funding source or region Capdev does not know unless the caller manages reference data (else
        it would be created on the way, by anyone who may edit a project)."""
        from capdev.organisations.models import FundingSource
        from capdev.reference.models import Region

        if perms.can_manage_reference_data(self.request.user):
            return
        code = record.funding_source
        if code and not FundingSource.objects.filter(code=code).exists():
            raise ValidationError({"funding_source": [_(
                "Unknown funding source %(code)s: use one of /api/funding-sources/, or ask a portfolio "
                "administrator to add it.") % {"code": code}]})
        names = [n for n in record.regions or [record.region] if n]
        known = {n.casefold() for n in Region.objects.filter(name__in=names).values_list("name", flat=True)}
        unknown = [n for n in names if n.casefold() not in known]
        if unknown:
            raise ValidationError({"regions": [_(
                "Unknown region %(names)s: use a name of /api/regions/, or ask a portfolio administrator to add "
                "it.") % {"names": ", ".join(unknown)}]})

    def _check_unique(self, record: Record, project: Project | None) -> None:
        """A code or IATI identifier another project holds: a field error (the database would refuse it)."""
        for field, value in (("code", record.code), ("iati_identifier", record.iati_identifier)):
            others = Project.objects.registry_with(field, [value] if value else [])
            if project is not None:
                others = others.exclude(pk__in=[project.pk, project.draft_of_id or 0])
            holder = others.first()
            if holder is not None:
                raise ValidationError({field: [_("Project %(pk)s already has %(value)s: change that project "
                                                 "with PUT or PATCH /api/projects/%(pk)s/.")
                                               % {"pk": holder.pk, "value": value}]})

    def _write(self, write):
        """Run a write; what the database refuses (a broken rule, a number it cannot hold) is a 400, not a 500."""
        try:
            with transaction.atomic():
                return write()
        except (IntegrityError, DataError, InvalidOperation, DjangoValidationError) as exc:
            raise ValidationError({"detail": _("The record breaks a rule of the registry: %(error)s")
                                   % {"error": exc}}) from exc

    def _check_unit(self, record: Record) -> None:
        ids = perms.editable_unit_ids(self.request.user)
        if ids is None:
            return
        from capdev.organisations.models import OrgUnit

        unit = OrgUnit.objects.filter(code=record.lead_unit).first() if record.lead_unit else None
        if unit is None or unit.pk not in ids:
            raise PermissionDenied(_("You may create and edit projects of your own units only."))

    @extend_schema(request=RecordSerializer, responses={201: ProjectDetailSerializer})
    def create(self, request, *args, **kwargs):
        record = self._record(request.data)
        self._check_unit(record)
        self._check_unique(record, None)
        record.source_format, record.source_file = "api", f"api:{request.user.get_username()}"
        loader = JsonRecordLoader(user=request.user, new_only=True)
        try:
            result = self._write(lambda: loader.load_records([record], FileResult("api")))
        except RecordExists as exc:
            # Found by its text or the identifier Capdev made for it: POST creates, it never writes over a project.
            raise ValidationError({"detail": _("This record is project %(pk)s already: change it with PUT or "
                                               "PATCH /api/projects/%(pk)s/.") % {"pk": exc.project.pk}}) from exc
        if result.error:
            raise PermissionDenied(result.error)
        project = with_record_data(Project.objects.filter(pk=result.project_ids[0])).get()
        response = Response(project_detail_data(project, project_record(project), True, people_exact=True),
                            status=status.HTTP_201_CREATED)
        return preconditions.with_etag(response, project)

    @extend_schema(request=RecordSerializer, responses={200: ProjectDetailSerializer, **preconditions.REFUSALS},
                   parameters=[preconditions.IF_MATCH])
    def partial_update(self, request, *args, **kwargs):
        return super().partial_update(request, *args, **kwargs)

    @extend_schema(request=RecordSerializer, responses={200: ProjectDetailSerializer, **preconditions.REFUSALS},
                   parameters=[preconditions.IF_MATCH])
    def update(self, request, *args, **kwargs):
        project = self.get_object()
        if not perms.can_edit_project(request.user, project):
            raise PermissionDenied(_("You may create and edit projects of your own units only."))
        if project.review_state == ReviewState.PUBLISHED:
            raise ValidationError({"detail": _(
                "This project is published: edit its working copy in the editor, then publish it.")})
        seen = preconditions.if_match(request)
        record = self._record(request.data, partial_of=project if kwargs.get("partial") else None)
        self._check_unit(record)
        self._check_unique(record, project)

        def write():
            # The version first, in the write's transaction: a PATCH merges into the record read above, which
            # is the one the client saw only if the project is still at that version.
            preconditions.hold(Project, project.pk, seen, _("project"))
            return JsonRecordLoader().update_project(project, record)

        self._write(write)
        project = with_record_data(Project.objects.filter(pk=project.pk)).get()
        data = project_detail_data(project, project_record(project), True, people_exact=True)
        return preconditions.with_etag(Response(data), project)

    def destroy(self, request, *args, **kwargs):
        project = self.get_object()
        if not perms.is_portfolio_admin(request.user):
            raise PermissionDenied(_("Only portfolio administrators delete projects."))
        project.delete()
        return Response(status=status.HTTP_204_NO_CONTENT)
