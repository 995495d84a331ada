"""Activities and resources by the shared base classes (capdev.core.testing): their pages, the resources library's
exports and the API show what the public may see, with its fields, and nothing of a project in review; the public
cannot write. The API's activity filters are in test_filters.py."""
from __future__ import annotations

import datetime as dt

import pytest

from capdev.activities.models import Activity, Resource
from capdev.core.testing.api import ApiTests
from capdev.core.testing.views import DetailViewTests, ExportTests, ListViewTests
from capdev.reference.tests.test_views import in_review, make_project

pytestmark = pytest.mark.usefixtures("portfolio")


class ActivityData:
    """An activity of a published project is public; one of a project in review is not."""

    model = Activity
    fields = ("title", "city")

    def make_public(self):
        project = make_project(title="Tide gauges for small islands")
        return Activity.objects.create(project=project, type="workshop", title="Workshop on tide-gauge networks",
                                       city="Bridgetown", country_id="BRB", participants=23,
                                       start_date=dt.date(2021, 4, 12))

    def make_hidden(self):
        return in_review().activities.get()


class TestActivityPage(ActivityData, DetailViewTests):
    detail_url = "people:activity"


class TestActivityApi(ActivityData, ApiTests):
    api_basename = "activity"
    api_writable = True  # by editors of the project's unit (capdev/api/tests)
    api_fields = {"id", "project", "type", "title", "start_iso", "end_iso", "dates_text", "online", "country",
                  "city", "participants", "participants_qualifier", "participants_profile", "participant_countries",
                  "organisers", "summary", "recalled", "last_updated"}

    def api_values(self, obj):
        return {"id": obj.pk, "project": obj.project_id, "type": "workshop", "title": obj.title,
                "country": "BRB", "city": "Bridgetown", "participants": 23, "start_iso": "2021-04-12",
                "online": False}

    def api_list_params(self, obj):
        return {"project": str(obj.project_id)}


class ResourceData:
    """A resource of a published project is public; one of a project in review is not."""

    model = Resource
    fields = ("title",)

    def make_public(self):
        return Resource.objects.create(project=make_project(), type="toolkit", title="Tide-gauge maintenance toolkit",
                                       url="https://example.org/toolkit.pdf", date=dt.date(2021, 6, 1),
                                       language="en")

    def make_hidden(self):
        return Resource.objects.create(project=in_review(), type="report", title="E-participation report, a draft",
                                       url="https://example.org/draft.pdf", language="en")


class TestResourceLibrary(ResourceData, ListViewTests, ExportTests):
    list_url = export_url = "activities:resources"


class TestResourceApi(ResourceData, ApiTests):
    api_basename = "resource"
    api_fields = {"id", "title", "type", "url", "date", "language", "project", "project_title", "project_url"}

    def api_values(self, obj):
        return {"id": obj.pk, "title": obj.title, "type": "toolkit", "url": obj.url, "language": "en",
                "project": obj.project_id, "project_title": obj.project.title}
