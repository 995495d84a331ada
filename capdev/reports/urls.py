"""URLs of the reports: a project's fact sheet, the reports for donors (the portfolio report is the project
list's `?format=pdf`)."""
from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("projects/<int:pk>/factsheet.pdf", views.factsheet, name="factsheet"),
    path("reports/", views.DonorReportsView.as_view(), name="donors"),
    path("reports/jobs/<uuid:token>/", views.report_job, name="job"),
    path("reports/jobs/<uuid:token>/report.pdf", views.report_job_pdf, name="job_pdf"),
]
