"""Portal URLs."""
from django.urls import path

from . import views

app_name = "portal"
urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("dashboard/", views.DashboardView.as_view(), name="dashboard"),
    path("dashboard/<slug:chart>.csv", views.ChartCsvView.as_view(), name="chart_csv"),
]
