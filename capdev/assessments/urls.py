"""URLs of assessments: the public list and pages, the country's CSV, the dashboard comparison's CSV; staff entry."""
from django.urls import path

from . import entry, views

app_name = "assessments"
urlpatterns = [
    path("assessments/", views.AssessmentListView.as_view(), name="list"),
    path("assessments/new/", entry.assessment_create, name="create"),
    path("assessments/upload/", entry.upload, name="upload"),
    path("assessments/upload/confirm/", entry.upload_confirm, name="upload_confirm"),
    path("assessments/compare.csv", views.compare_csv, name="compare_csv"),
    path("assessments/<int:pk>/", views.AssessmentDetailView.as_view(), name="detail"),
    path("assessments/<int:pk>/edit/", entry.assessment_edit, name="edit"),
    path("assessments/<int:pk>/links/new/", entry.link_add, name="link_add"),
    path("assessments/<int:pk>/links/<int:link_pk>/delete/", entry.link_delete, name="link_delete"),
    path("countries/<str:iso3>/assessments.csv", views.country_csv, name="country_csv"),
]
