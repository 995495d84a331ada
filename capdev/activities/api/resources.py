"""The resources library in the API: the same filters and rows as /resources/ (ResourceFilterSet), read only."""
from rest_framework import viewsets
from rest_framework.settings import api_settings

from capdev.activities.filtersets import ResourceFilterSet, visible_resources
from capdev.api.renderers import CSVRenderer, XLSXRenderer

from .serializers import ResourceListSerializer


class ResourceViewSet(viewsets.ReadOnlyModelViewSet):
    """Resources of the projects the caller may see (published ones for anonymous callers), newest first;
    `?format=csv` and `?format=xlsx` give the library's exports of the same filtered rows. They are written
    through their project (the editor, or PUT/PATCH of /api/projects/)."""

    serializer_class = ResourceListSerializer
    filterset_class = ResourceFilterSet
    renderer_classes = [*api_settings.DEFAULT_RENDERER_CLASSES, CSVRenderer, XLSXRenderer]

    def get_queryset(self):
        return (visible_resources(self.request).select_related("project")
                .prefetch_related("project__country_links", "project__sdg_goal_links").order_by("pk"))

    def filter_queryset(self, queryset):
        """The FilterSet's rows in its order (newest first): a bad parameter is a 400 naming it."""
        return self.filterset_class(self.request.query_params, queryset=queryset, request=self.request).qs

    def list(self, request, *args, **kwargs):
        if request.accepted_renderer.format in ("csv", "xlsx"):
            return self._export(request)
        return super().list(request, *args, **kwargs)

    def _export(self, request):
        """The library's export of the same filtered rows, as the caller (token or session) may see them."""
        from capdev.activities.views import ResourceListView

        django_request = request._request
        django_request.user = request.user
        view = ResourceListView()
        view.setup(django_request)
        return view.get(django_request)
