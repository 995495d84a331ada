"""Portal URLs of the activities app: the resources library."""
from django.urls import path

from . import views

app_name = "activities"
urlpatterns = [
    path("resources/", views.ResourceListView.as_view(), name="resources"),
]
