"""URLs of the reports: a project's fact sheet, the reports for donors (the portfolio report is the project
list's `?format=pdf`)."""
from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("projects/<int:pk>/factsheet.pdf", views.factsheet, name="factsheet"),
    path("reports/", views.DonorReportsView.as_view(), name="donors"),
]
