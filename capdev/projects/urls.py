"""Portal URLs of the projects app."""
from django.urls import path

from . import source_download, views

app_name = "projects"
urlpatterns = [
    path("projects/", views.ProjectListView.as_view(), name="list"),
    path("projects/<int:pk>/", views.ProjectDetailView.as_view(), name="detail"),
    path("projects/<int:pk>/sources/<int:source_pk>/original/", source_download.source_file_download,
         name="source_file"),
]
