"""URLs of the IATI app: the activity XML of the portfolio."""
from django.urls import path

from . import views

app_name = "iati"
urlpatterns = [
    path("iati/activities.xml", views.activities_xml, name="activities"),
    path("iati/check/<int:pk>/", views.project_check, name="project_check"),
]
