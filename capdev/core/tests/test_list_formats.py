"""The generic list view: one URL, the same filtered rows as HTML, CSV and JSON; a list only declares columns."""
import csv
import datetime as dt
import io
import json
from decimal import Decimal

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from capdev.core.models import DatePrecision
from capdev.core.views import Column, FilteredListView, csv_cell, format_partial_date, format_period, query_string
from capdev.reference.filtersets import CountryFilterSet
from capdev.reference.models import Country, Region

pytestmark = pytest.mark.django_db


class CountryList(FilteredListView):
    """A list declared the way any portal list is: a model, a FilterSet, columns."""

    model = Country
    filterset_class = CountryFilterSet
    template_name = "never/rendered.html"
    partial_template_name = "never/partial.html"
    paginate_by = 2
    export_name = "countries"
    columns = (
        Column("iso3", "ISO3"),
        Column("name", "Name"),
        Column("region", "Region", "region.name"),
        Column("groups", "Groups", lambda c: [g for g, on in (("SIDS", c.sids), ("LDC", c.ldc)) if on]),
        Column("since", "Member since", "un_member_since"),
        Column("sids", "SIDS"),
    )

    def render_to_response(self, context, **kwargs):
        # The HTML itself belongs to each list's template; here only the rows it would show matter.
        return HttpResponse(",".join(c.iso3 for c in context["object_list"]))


@pytest.fixture
def countries():
    caribbean = Region.objects.create(code="029", name="Caribbean", kind=Region.Kind.INTERMEDIATE)
    rows = [("BRB", "BB", "Barbados", True, False, 1966), ("LCA", "LC", "Saint Lucia", True, False, 1979),
            ("HTI", "HT", "Haiti", True, True, 1945), ("MLI", "ML", "Mali", False, True, 1960),
            ("CIV", "CI", "Côte d’Ivoire", False, False, 1960)]
    for iso3, iso2, name, sids, ldc, since in rows:
        Country.objects.create(iso3=iso3, iso2=iso2, name=name, sids=sids, ldc=ldc, un_member_since=since,
                               region=caribbean if sids else None)
    Country.objects.create(iso3="XEQ", iso2="XQ", name="=HYPERLINK(\"http://x\")", sids=False)


def get(query: str = "", **headers):
    request = RequestFactory().get("/countries/" + (f"?{query}" if query else ""), headers=headers)
    return CountryList.as_view()(request)


def csv_rows(response) -> list[list[str]]:
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff"), "spreadsheets need the BOM to read UTF-8"
    return list(csv.reader(io.StringIO(body[1:])))


def test_csv_streams_every_filtered_row_with_a_bom(countries):
    response = get("sids=true&format=csv")
    assert response.streaming and response["Content-Type"].startswith("text/csv")
    assert 'filename="countries-' in response["Content-Disposition"]
    rows = csv_rows(response)
    assert rows[0] == ["iso3", "name", "region", "groups", "since", "sids"]
    assert [r[0] for r in rows[1:]] == ["BRB", "HTI", "LCA"]  # every row, not one page
    haiti = next(r for r in rows if r[0] == "HTI")
    assert haiti[2:] == ["Caribbean", "SIDS; LDC", "1945", "true"]


def test_csv_keeps_accents_and_defuses_formulas(countries):
    rows = {r[0]: r for r in csv_rows(get("format=csv"))}
    assert rows["CIV"][1] == "Côte d’Ivoire"
    assert rows["XEQ"][1].startswith("'=")
    assert rows["MLI"][2] == "" and rows["MLI"][3] == "LDC"


def test_json_is_paginated_like_the_html(countries):
    html_rows = get("page=2").content.decode().split(",")
    data = json.loads(get("format=json&page=2").content)
    assert [r["iso3"] for r in data["results"]] == html_rows
    assert data["count"] == 6 and data["page"] == 2 and data["num_pages"] == 3 and data["page_size"] == 2
    assert data["next"] == "/countries/?format=json&page=3" and data["previous"] == "/countries/?format=json&page=1"
    haiti = next(r for r in json.loads(get("format=json&q=Haiti").content)["results"])
    assert haiti["groups"] == ["SIDS", "LDC"] and haiti["sids"] is True and haiti["since"] == 1945


def test_json_all_streams_every_row(countries):
    response = get("format=json&all=1&ldc=true")
    data = json.loads(b"".join(response.streaming_content))
    assert data["count"] == 2 and {r["iso3"] for r in data["results"]} == {"HTI", "MLI"}


def test_unknown_format_is_a_bad_request(countries):
    assert get("format=pdf").status_code == 400
    assert get("format=html").status_code == 200


def test_pages_out_of_range_show_the_nearest_page(countries):
    assert get("page=99").content == get("page=3").content


@pytest.mark.parametrize("query", ["page=x", "page=²", "page=0", "page=99999999999999999999", "all=maybe",
                                   "sids=maybe", "q=" + "x" * 300])
def test_a_bad_list_parameter_is_a_400_naming_it(countries, query):
    for fmt in ("", "&format=csv", "&format=json"):
        response = get(query + fmt)
        assert response.status_code == 400, (query, fmt)
        assert query.split("=")[0] in response.content.decode()


def test_htmx_requests_get_the_partial_template(countries):
    view = CountryList()
    view.object_list = Country.objects.none()
    view.request = RequestFactory().get("/countries/", headers={"HX-Request": "true"})
    assert view.get_template_names() == ["never/partial.html"]
    view.request = RequestFactory().get("/countries/", headers={"HX-Request": "true",
                                                                 "HX-History-Restore-Request": "true"})
    assert view.get_template_names()[0] == "never/rendered.html"
    view.request = RequestFactory().get("/countries/")
    assert view.get_template_names()[0] == "never/rendered.html"


def test_a_new_format_is_one_method(countries):
    class WithTsv(CountryList):
        export_formats = ("csv", "json", "tsv")

        def render_tsv(self, queryset):
            return HttpResponse("\n".join("\t".join(str(v) for v in self.export_row(c).values()) for c in queryset))

    request = RequestFactory().get("/countries/?format=tsv&q=Mali")
    assert WithTsv.as_view()(request).content.decode().startswith("MLI\tMali")


def test_csv_cell_values():
    assert csv_cell(None) == "" and csv_cell(True) == "true" and csv_cell(["a", 1]) == "a; 1"
    assert csv_cell(Decimal("1.50")) == "1.50" and csv_cell(-3) == "-3"
    assert csv_cell(dt.date(2010, 2, 1)) == "2010-02-01"
    assert csv_cell("+1 call") == "'+1 call" and csv_cell("@sum") == "'@sum"


def test_dates_at_their_precision():
    d = dt.date(2010, 2, 1)
    assert format_partial_date(d, DatePrecision.YEAR) == "2010"
    assert format_partial_date(d, DatePrecision.MONTH) == "February 2010"
    assert format_partial_date(d, DatePrecision.DAY) == "1 February 2010"
    assert format_period(d, "month", dt.date(2012, 6, 30), "month") == "February 2010 – June 2012"
    assert format_period(d, "year", None, "day") == "From 2010"
    assert format_period(None, "day", dt.date(2030, 12, 31), "year") == "Until 2030"
    assert format_period(d, "month", dt.date(2010, 2, 28), "month") == "February 2010"
    assert format_period(None, "day", None, "day") == ""


def test_query_string_replaces_and_drops():
    request = RequestFactory().get("/x/?a=1&a=2&page=3&q=z")
    assert query_string(request, drop=("page",), format="csv") == "?a=1&a=2&q=z&format=csv"
    assert query_string(request, a=None, page=None, q=None) == "?"
    assert query_string(request, a=["3"]) == "?a=3&page=3&q=z"
