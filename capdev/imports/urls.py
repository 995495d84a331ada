"""The import page's URLs."""
from django.urls import path

from . import views

app_name = "imports"
urlpatterns = [
    path("imports/", views.job_list, name="list"),
    path("imports/<int:pk>/", views.job_detail, name="detail"),
    path("imports/<int:pk>/status/", views.job_status, name="status"),
    path("imports/<int:pk>/records/<int:index>/keep/", views.record_keep, name="record_keep"),
    path("imports/<int:pk>/keep/", views.keep_all, name="keep_all"),
    path("imports/<int:pk>/confirm/", views.job_confirm, name="confirm"),
    path("imports/<int:pk>/discard/", views.job_discard, name="discard"),
]
