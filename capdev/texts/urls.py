"""The editor's translations page."""
from django.urls import path

from . import views

app_name = "texts"
urlpatterns = [
    path("projects/<int:pk>/translations/", views.translations_edit, name="edit"),
]
