"""A bad query parameter is a 400 that names it, in the form the URL answers in, never a 500 nor left out."""
import pytest
from django.http import QueryDict
from django.test import RequestFactory

from capdev.core import fields
from capdev.core.params import InvalidParameters, Parameters

pytestmark = pytest.mark.django_db

# The 500s a probe found (issue 15): Unicode digits that str.isdigit() accepts and int() refuses, a number past
# what a column holds.
FOUND = [
    ("/projects/", "sdg", "²"), ("/projects/?format=csv", "sdg", "²"), ("/projects/?format=json", "sdg", "²"),
    ("/projects/?format=xlsx", "sdg", "²"), ("/api/projects/", "sdg", "²"),
    ("/iati/activities.xml", "sdg", "²"), ("/dashboard/budget-by-unit.csv", "sdg", "²"),
    ("/dashboard/countries.csv", "sdg", "²"), ("/api/activities/", "year", "²"),
    ("/api/activities/", "project", "²"),
    ("/dashboard/", "sdg", "9223372036854775808"), ("/dashboard/", "sdg", "²"),
]
# Values that were left out without a word (the list then showed every project, or the default).
DROPPED = [
    ("/projects/", "start_year_min", "abc"), ("/projects/", "country", "XXX"), ("/partners/", "country", "XXX"),
    ("/countries/", "region", "nowhere"), ("/api/projects/", "page_size", "abc"), ("/api/projects/", "page", "²"),
    ("/api/units/", "existed_in", "²"), ("/api/funding-sources/", "tranche", "9223372036854775808"),
    ("/api/countries/", "sids", "maybe"), ("/api/activities/", "online", "maybe"), ("/partners/", "page", "x"),
    ("/dashboard/", "map", "everything"), ("/iati/activities.xml", "all", "maybe"), ("/api/projects/", "format", "pdf"),
]


@pytest.mark.parametrize("url, name, value", FOUND + DROPPED)
def test_a_bad_value_is_a_400_naming_the_parameter(portfolio, client, url, name, value):
    path, _, fmt = url.partition("?format=")
    response = client.get(path, {name: value, **({"format": fmt} if fmt else {})})
    assert response.status_code == 400, response.content[:300]
    body = response.content.decode()
    assert name in body and value[:20] in body
    if url.startswith("/api/") or "format=json" in url:
        assert name in response.json()
    elif ".csv" in url or ".xml" in url or "format=csv" in url or "format=xlsx" in url:
        assert response["Content-Type"].startswith("text/plain") and body.startswith(f"{name}: ")
    else:
        assert "text/html" in response["Content-Type"] and f"<code>{name}</code>" in body


def test_the_400_page_links_to_the_page_without_the_bad_parameters(portfolio, client):
    response = client.get("/projects/", {"sdg": "²", "country": "LCA"})
    assert response.status_code == 400
    assert 'href="/projects/?country=LCA"' in response.content.decode()


def test_an_api_spreadsheet_asked_with_a_bad_filter_answers_json(portfolio, client):
    response = client.get("/api/projects/", {"sdg": "²", "format": "csv"})
    assert response.status_code == 400 and response["Content-Type"].startswith("application/json")
    assert "sdg" in response.json()


@pytest.mark.parametrize("raw, value", [("2010", 2010), (" 1900 ", 1900), ("2100", 2100), (2024, 2024)])
def test_a_year_is_read_in_ascii_digits(raw, value):
    assert fields.YEAR.check(raw) == value


@pytest.mark.parametrize("raw", ["²", "١٩٩٠", "２０１０", "1e3", "2010.5", "-2010", "0210", "1899", "2101", "",
                                 "9" * 5000, None, True, 2010.5, [2010]])
def test_a_year_refuses_what_int_or_a_person_would_not_read(raw):
    with pytest.raises(Exception) as refused:
        fields.YEAR.check(raw)
    assert "is not a year from 1900 to 2100" in " ".join(refused.value.messages)


def test_parameters_name_every_bad_one_at_once():
    request = RequestFactory().get("/", {"page": "x", "all": "maybe", "other": "ignored"})
    with pytest.raises(InvalidParameters) as refused:
        Parameters(page=fields.PAGE, all=fields.FLAG).read(request)
    assert set(refused.value.errors) == {"page", "all"}
    assert Parameters(page=fields.PAGE).read(RequestFactory().get("/", {"page": "2"})) == {"page": 2}
    assert Parameters(page=fields.PAGE).read(RequestFactory().get("/"), QueryDict("page=")) == {"page": None}
