"""Base test classes for a model's public pages, after NetBox's utilities/testing/views.py (ViewTestCases): a model's
tests subclass them and declare only their data; the tests themselves are written once, here.

    class TestPartnerPages(ListViewTests, DetailViewTests):
        model = Organisation
        list_url = "organisations:partner_list"
        detail_url = "organisations:partner_detail"
        fields = ("name", "acronym")

        def make_public(self): ...   # an object the public may see (a factory)
        def make_hidden(self): ...   # one only staff may see (leave out where every object is public)

Each class is pytest-style (plain classes, fixtures as arguments). Their names do not start with "Test", so pytest
collects only the subclasses. What the public must not see is checked on every page and format: Capdev's pages
are public, so "hidden" is the case each model must declare or say it has none (make_hidden returning None).
"""
from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from django.utils.html import escape

UNKNOWN_PK = 10**9


class ModelTestData:
    """What a model's tests declare: the model, the fields its pages show, and factories for its objects."""

    model: Any = None
    # Attributes whose values every page (and export) of an object shows.
    fields: tuple[str, ...] = ()

    def make_public(self):
        """An object the public may see."""
        raise NotImplementedError(f"{type(self).__name__} declares no make_public()")

    def make_hidden(self):
        """An object only staff may see, or None where every object is public."""
        return None

    def shown(self, obj) -> list[str]:
        """The strings a page about obj shows: the declared fields' values."""
        values = [getattr(obj, name) for name in self.fields]
        return [str(v) for v in values if v not in (None, "")]

    # Factories that need the seed or the reference data: the test module says
    # `pytestmark = pytest.mark.usefixtures("portfolio")`, so that pytest loads it (module-scoped) before the
    # test's transaction begins; loaded inside it, it would be rolled back after the first test.
    @pytest.fixture
    def public_object(self, db):
        return self.make_public()

    @pytest.fixture
    def hidden_object(self, public_object):
        hidden = self.make_hidden()
        if hidden is None:
            pytest.skip(f"every {self.model.__name__} is public")
        return hidden


def html_of(response) -> str:
    body = b"".join(response.streaming_content) if getattr(response, "streaming", False) else response.content
    return body.decode("utf-8-sig")


class ListViewTests(ModelTestData):
    """The model's list page shows a public object's fields and nothing of a hidden one."""

    list_url: str = ""

    def list_params(self, obj) -> dict[str, str]:
        """Query parameters that bring obj onto the list's first page (a search, a filter), if it needs any."""
        return {}

    def get_list(self, client, obj):
        response = client.get(reverse(self.list_url), self.list_params(obj))
        assert response.status_code == 200, (self.list_url, response.status_code)
        return html_of(response)

    def test_list_shows_a_public_object(self, client, public_object):
        html = self.get_list(client, public_object)
        for text in self.shown(public_object):
            assert escape(text) in html, (self.list_url, text)

    def test_list_hides_a_hidden_object_from_the_public(self, client, hidden_object):
        html = self.get_list(client, hidden_object)
        for value in self.list_params(hidden_object).values():  # the search box echoes what was searched
            html = html.replace(f'value="{escape(value)}"', "")
        for text in self.shown(hidden_object):
            assert escape(text) not in html, (self.list_url, text)


class DetailViewTests(ModelTestData):
    """The model's page shows its fields; a hidden object's page and an unknown one answer 404 to the public."""

    detail_url: str = ""

    def detail_args(self, obj) -> tuple:
        """The URL arguments of obj's page."""
        return (obj.pk,)

    unknown_args: tuple = (UNKNOWN_PK,)

    def test_detail_shows_the_object(self, client, public_object):
        response = client.get(reverse(self.detail_url, args=self.detail_args(public_object)))
        assert response.status_code == 200, (self.detail_url, response.status_code)
        html = html_of(response)
        for text in self.shown(public_object):
            assert escape(text) in html, (self.detail_url, text)

    def test_detail_of_a_hidden_object_is_not_found_by_the_public(self, client, hidden_object):
        response = client.get(reverse(self.detail_url, args=self.detail_args(hidden_object)))
        assert response.status_code == 404, (self.detail_url, response.status_code)

    def test_detail_of_an_unknown_object_is_not_found(self, client, public_object):
        assert client.get(reverse(self.detail_url, args=self.unknown_args)).status_code == 404


class ExportTests(ModelTestData):
    """The list's exports (?format=csv, xlsx, json) carry a public object's fields and nothing of a hidden one."""

    export_url: str = ""
    export_formats: dict[str, str] = {"csv": "text/csv", "json": "application/json",
                                      "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}

    def exported_text(self, client, obj, fmt: str) -> str:
        response = client.get(reverse(self.export_url), {"format": fmt})
        assert response.status_code == 200, (self.export_url, fmt, response.status_code)
        assert response["Content-Type"].startswith(self.export_formats[fmt]), response["Content-Type"]
        body = b"".join(response.streaming_content) if response.streaming else response.content
        if fmt == "xlsx":
            return _sheet_text(body)
        return body.decode("utf-8-sig")

    def test_exports_carry_a_public_object(self, client, public_object):
        for fmt in self.export_formats:
            text = self.exported_text(client, public_object, fmt)
            for value in self.shown(public_object):
                assert value in text or _json_escaped(value) in text, (fmt, value)

    def test_exports_leave_out_a_hidden_object(self, client, hidden_object):
        for fmt in self.export_formats:
            text = self.exported_text(client, hidden_object, fmt)
            for value in self.shown(hidden_object):
                assert value not in text and _json_escaped(value) not in text, (fmt, value)


def _json_escaped(value: str) -> str:
    import json

    return json.dumps(value)[1:-1]


def _sheet_text(body: bytes) -> str:
    """Every cell of a workbook's sheets, tab-separated."""
    import io

    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(body), read_only=True)
    return "\n".join("\t".join("" if c is None else str(c) for c in row)
                     for sheet in book.worksheets for row in sheet.iter_rows(values_only=True))
