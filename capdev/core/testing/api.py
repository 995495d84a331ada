"""Base test class for a model's API endpoint, after NetBox's utilities/testing/api.py (APIViewTestCases): a model's
tests declare the router's basename, the fields a row carries and their expected values; the list, detail,
visibility and refused-write tests are written once, here (see capdev.core.testing.views for the pages).

    class TestOrganisationApi(ApiTests):
        model = Organisation
        api_basename = "organisation"
        api_fields = {"id", "slug", "name", "acronym", "type", "country"}
        def api_lookup(self, obj): return obj.slug
        def make_public(self): ...
"""
from __future__ import annotations

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from .views import ModelTestData


class ApiTests(ModelTestData):
    """GET list and detail give a public object with its fields; a hidden one is neither listed nor found; the
    public's writes are refused and change nothing."""

    api_basename: str = ""
    # Keys every row carries.
    api_fields: set[str] = set()
    # Whether the endpoint takes writes at all (staff's, by role): the public's are refused either way.
    api_writable: bool = False

    def api_lookup(self, obj):
        """The value in obj's detail URL (the viewset's lookup_field)."""
        return obj.pk

    def api_values(self, obj) -> dict:
        """Keys and the values a row about obj must have: the id by default."""
        return {"id": obj.pk}

    def api_list_params(self, obj) -> dict[str, str]:
        """Query parameters that bring obj onto the list's first page, if it needs any."""
        return {"page_size": "500"}

    @pytest.fixture
    def api(self):
        return APIClient()

    def list_rows(self, api, obj) -> list[dict]:
        response = api.get(reverse(f"api:{self.api_basename}-list"), self.api_list_params(obj))
        assert response.status_code == 200, response.status_code
        return response.json()["results"]

    def detail_url(self, obj) -> str:
        return reverse(f"api:{self.api_basename}-detail", args=[self.api_lookup(obj)])

    def test_api_lists_a_public_object_with_its_fields(self, api, public_object):
        rows = [r for r in self.list_rows(api, public_object) if r.get("id") == public_object.pk]
        assert len(rows) == 1, f"{public_object!r} is not listed once at /api/ {self.api_basename}"
        assert self.api_fields <= set(rows[0]), self.api_fields - set(rows[0])
        assert {k: rows[0][k] for k in self.api_values(public_object)} == self.api_values(public_object)

    def test_api_detail_gives_the_object(self, api, public_object):
        response = api.get(self.detail_url(public_object))
        assert response.status_code == 200, response.status_code
        row = response.json()
        assert self.api_fields <= set(row), self.api_fields - set(row)
        assert {k: row[k] for k in self.api_values(public_object)} == self.api_values(public_object)

    def test_api_hides_a_hidden_object_from_the_public(self, api, hidden_object):
        assert hidden_object.pk not in {r.get("id") for r in self.list_rows(api, hidden_object)}
        assert api.get(self.detail_url(hidden_object)).status_code == 404

    def test_api_refuses_the_publics_writes(self, api, public_object):
        before = self.model.objects.filter(pk=public_object.pk).values().get()
        count = self.model.objects.count()
        refused = {401, 403} if self.api_writable else {401, 403, 405}
        assert api.post(reverse(f"api:{self.api_basename}-list"), {}, format="json").status_code in refused
        assert api.patch(self.detail_url(public_object), {}, format="json").status_code in refused
        assert api.delete(self.detail_url(public_object)).status_code in refused
        assert self.model.objects.count() == count
        assert self.model.objects.filter(pk=public_object.pk).values().get() == before
