"""URL configuration: the portal, each domain app's pages, the admin."""
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("capdev.portal.urls")),
    path("", include("capdev.editor.urls")),  # before projects: /projects/new/ and /projects/<id>/edit/
    path("", include("capdev.accounts.urls")),
    path("", include("capdev.reports.urls")),  # before projects: /projects/<id>/factsheet.pdf
    path("", include("capdev.projects.urls")),
    path("", include("capdev.people.urls")),
    path("", include("capdev.activities.urls")),
    path("", include("capdev.reference.urls")),
    path("", include("capdev.organisations.urls")),
    path("", include("capdev.iati.urls")),
    path("", include("capdev.imports.urls")),
    path("", include("capdev.assessments.urls")),
    path("api/", include("capdev.api.urls")),
    path("admin/", admin.site.urls),
]
