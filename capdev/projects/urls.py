"""Portal URLs of the projects app."""
from django.urls import path  # noqa: F401

app_name = "projects"
urlpatterns: list = []
