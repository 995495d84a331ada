"""URL configuration: the portal, each domain app's pages, the admin."""
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("capdev.portal.urls")),
    path("", include("capdev.projects.urls")),
    path("", include("capdev.reference.urls")),
    path("", include("capdev.organisations.urls")),
    path("admin/", admin.site.urls),
]
