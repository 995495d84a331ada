"""Staff editing URLs: project create/edit, activity log, indicators, history, review queue, lookups."""
from django.urls import path

from . import review_views, views

app_name = "editor"
urlpatterns = [
    path("projects/new/", views.project_create, name="create"),
    path("projects/<int:pk>/edit/", views.project_edit, name="edit"),
    path("projects/<int:pk>/outcomes/<int:outcome_pk>/indicators/", views.indicators_edit, name="indicators"),
    path("projects/<int:pk>/outcomes/<int:outcome_pk>/indicators/<int:indicator_pk>/values/",
         views.indicator_values_edit, name="indicator_values"),
    path("projects/<int:pk>/activities/log/", views.log_activity, name="log_activity"),
    path("projects/<int:pk>/history/", review_views.project_history, name="history"),
    path("projects/<int:pk>/history/<int:number>/revert/", review_views.project_revert, name="revert"),
    path("projects/<int:pk>/submit/", review_views.project_submit, name="submit"),
    path("projects/<int:pk>/publish/", review_views.project_publish, name="publish"),
    path("projects/<int:pk>/discard/", review_views.project_discard, name="discard"),
    path("review/", review_views.review_queue, name="review"),
    path("review/flags/<int:pk>/<slug:action>/", review_views.flag_resolve, name="flag"),
    path("editor/lookup/<slug:kind>/", views.lookup, name="lookup"),
]
