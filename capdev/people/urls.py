"""Pages of the people app."""
from django.urls import path

from .models import Sheet
from .views import activity, evaluations, exports, indicators, networks, persons, sheets

app_name = "people"
urlpatterns = [
    path("activities/<int:pk>/", activity.activity_page, name="activity"),
    path("activities/<int:pk>/people/upload/", activity.upload, name="upload"),
    path("activities/<int:pk>/people/publish/", activity.publish, name="publish"),
    path("activities/<int:pk>/evaluation/", evaluations.evaluation_page, name="evaluation"),
    path("activities/<int:pk>/evaluation/upload/", activity.upload, {"kind": Sheet.Kind.EVALUATION},
         name="evaluation_upload"),
    path("people/sheets/<int:pk>/", sheets.sheet_page, name="sheet"),
    path("people/matches/", persons.matches, name="matches"),
    path("people/matches/<int:pk>/<slug:action>/", persons.decide, name="decide"),
    path("people/reached/", exports.reached, name="reached"),
    path("people/<int:pk>/", persons.person_page, name="person"),
    path("people/<int:pk>/erase/", persons.erase, name="erase"),
    path("projects/<int:pk>/people/", persons.project_people, name="project_people"),
    path("projects/<int:pk>/indicators/<int:indicator_pk>/source/", indicators.source_page,
         name="indicator_source"),
    path("projects/<int:pk>/indicators/<int:indicator_pk>/source/refresh/", indicators.refresh,
         name="indicator_refresh"),
    path("networks/", networks.network_list, name="networks"),
    path("networks/<slug:slug>/", networks.network_page, name="network"),
    path("networks/<slug:slug>/members/add/", networks.add_members, name="add_members"),
]
