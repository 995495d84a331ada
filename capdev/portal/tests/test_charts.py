"""Charts and maps as data, their links back to the project list, CSV, and the _chart/_map includes."""
from __future__ import annotations

import csv
import io
import json
import re
from decimal import Decimal

import pytest
from django.http import QueryDict
from django.template.loader import render_to_string
from django.test import RequestFactory

from capdev.portal.aggregates import Bucket, CountryServed
from capdev.portal.charts import Chart, Series, count_chart, list_url, money_chart, with_params, world_map


def buckets():
    return [
        Bucket("PACB", "PACB – Public Administration Capacity Branch", {"USD": Decimal("1541565"),
                                                                         "EUR": Decimal("10.5")}),
        Bucket("DMB", "DMB – Development Management Branch", {"USD": Decimal("4231124")}),
        Bucket(None, "No lead unit", {"USD": Decimal(7)}),
    ]


def csv_rows(response) -> list[list[str]]:
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff"), "the CSV starts with a byte-order mark"
    return list(csv.reader(io.StringIO(body[1:])))


def test_a_chart_refuses_series_that_do_not_fit_its_labels():
    with pytest.raises(ValueError):
        Chart(id="x", title="X", kind="bar", labels=["a", "b"], series=[Series("n", [1])])
    with pytest.raises(ValueError):
        Chart(id="x", title="X", kind="pie", labels=[], series=[])
    with pytest.raises(ValueError):
        Chart(id="x", title="X", kind="bar", labels=["a"], series=[Series("n", [1])], links=[])


def test_money_chart_has_one_series_per_currency_largest_first():
    chart = money_chart("budget-by-unit", "Budget by unit", buckets())
    assert [s.label for s in chart.series] == ["USD", "EUR"]
    assert chart.series[0].values == [1541565, 4231124, 7]
    assert chart.series[1].values == [10.5, None, None]
    assert chart.value_format == "money"


def test_bars_link_to_the_list_with_the_current_filters_and_their_own_value():
    params = QueryDict("country=LCA&unit=DPADM&map=budget&page=3&sdg=16&sdg=17")
    chart = money_chart("budget-by-unit", "Budget by unit", buckets(), link_param="unit", params=params)
    first = QueryDict(chart.links[0].split("?", 1)[1])
    assert chart.links[0].startswith("/projects/?")
    assert first.getlist("unit") == ["PACB"]
    assert first.getlist("country") == ["LCA"] and first.getlist("sdg") == ["16", "17"]
    assert "map" not in first and "page" not in first
    assert chart.links[2] is None, "the 'not stated' bar has no list to lead to"


def test_link_for_replaces_several_parameters():
    chart = money_chart("y", "By year", [Bucket(2009, "2009", {"USD": Decimal(1)})], kind="bar",
                        params=QueryDict("start_year_min=2000&q=parliament"),
                        link_for=lambda y: {"start_year_min": y, "start_year_max": y})
    query = QueryDict(chart.links[0].split("?", 1)[1])
    assert (query["start_year_min"], query["start_year_max"], query["q"]) == ("2009", "2009", "parliament")


def test_list_url_and_with_params():
    assert list_url(QueryDict("")) == "/projects/"
    assert list_url(QueryDict("map=budget")) == "/projects/"
    assert with_params(QueryDict("a=1&b=2&b=3"), b=None, c=["x", "y"]) == "a=1&c=x&c=y"


def test_count_chart_keeps_unknown_values_unknown():
    chart = count_chart("p", "Participants", [(2024, {"Participants": 92}), (2025, {"Participants": None})])
    assert chart.labels == ["2024", "2025"]
    assert chart.series[0].values == [92, None]
    assert [r["values"] for r in chart.rows] == [["92"], ["–"]]


def test_csv_has_a_bom_a_header_and_plain_numbers():
    chart = money_chart("budget-by-unit", "Budget by unit", buckets(), label_heading="Lead unit")
    rows = csv_rows(chart.csv_response())
    assert rows[0] == ["Lead unit", "USD", "EUR"]
    assert rows[1] == ["PACB – Public Administration Capacity Branch", "1541565", "10.5"]
    assert rows[2] == ["DMB – Development Management Branch", "4231124", ""]
    response = chart.csv_response()
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="capdev-budget-by-unit.csv"' in response["Content-Disposition"]


def test_summary_names_the_largest_value():
    chart = money_chart("budget-by-unit", "Budget by unit", buckets())
    assert "DMB – Development Management Branch" in chart.summary
    assert "4,231,124 USD" in chart.summary
    empty = Chart(id="e", title="Nothing", kind="bar", labels=[], series=[])
    assert empty.is_empty and "no data" in empty.summary


def test_js_data_is_plain_json():
    chart = money_chart("budget-by-unit", "Budget by unit", buckets(), link_param="unit", params=QueryDict(""))
    data = json.loads(json.dumps(chart.js_data))
    assert data["kind"] == "hbar" and data["valueFormat"] == "money"
    assert data["series"][0]["values"] == [1541565, 4231124, 7]
    assert data["links"][1] == "/projects/?unit=DMB"


def served():
    return [CountryServed("BRB", "Barbados", "052", 1, {"USD": Decimal(500000)}),
            CountryServed("LCA", "Saint Lucia", "662", 2, {"USD": Decimal(500000), "EUR": Decimal(9)}),
            CountryServed("TGO", "Togo", "768", 1, {})]


def test_world_map_by_projects_and_by_budget():
    by_projects = world_map("countries", "Countries served", served())
    assert [c["value"] for c in by_projects.js_data["countries"]] == [1, 2, 1]
    by_budget = world_map("countries", "Countries served", served(), "budget")
    assert by_budget.currency == "USD" and by_budget.currencies == ["USD", "EUR"]
    # Togo has no budget in USD: it is not coloured by budget, but stays in the table.
    assert [c["iso3"] for c in by_budget.js_data["countries"]] == ["BRB", "LCA"]
    assert [r["iso3"] for r in by_budget.rows] == ["BRB", "LCA", "TGO"]
    assert by_budget.rows[1]["amounts"] == ["500,000", "9"]


def test_world_map_without_budgets_falls_back_to_projects():
    the_map = world_map("countries", "Countries", [CountryServed("TGO", "Togo", "768", 1, {})], "budget")
    assert the_map.measure == "projects"
    assert world_map("c", "C", served(), "nonsense").measure == "projects"


def test_world_map_csv():
    rows = csv_rows(world_map("countries", "Countries served", served()).csv_response())
    assert rows[0] == ["ISO 3166 alpha-3", "Country", "Projects", "Budget (USD)", "Budget (EUR)"]
    assert rows[2] == ["LCA", "Saint Lucia", "2", "500000", "9"]


def render(template: str, **context) -> str:
    return render_to_string(template, context, request=RequestFactory().get("/"))


def test_chart_include_is_a_figure_with_canvas_table_csv_and_json_data():
    chart = money_chart("budget-by-unit", "Budget by unit", buckets(), link_param="unit", params=QueryDict(""),
                        label_heading="Lead unit", csv_url="/dashboard/budget-by-unit.csv", caption="Totals.")
    html = render("portal/_chart.html", chart=chart)
    assert '<figure class="capdev-chart" id="chart-budget-by-unit" data-chart="chart-budget-by-unit-data">' in html
    assert "<figcaption>" in html and "Totals." in html
    assert re.search(r'<canvas role="img" aria-label="Budget by unit: 3 values; highest DMB', html)
    assert "<caption>Budget by unit</caption>" in html
    assert '<th scope="col">Lead unit</th>' in html and '<th scope="col" class="num">USD</th>' in html
    assert ('<th scope="row"><a href="/projects/?unit=PACB">PACB – Public Administration Capacity Branch</a></th>'
            in html)
    assert '<td class="num">4,231,124</td>' in html
    assert 'href="/dashboard/budget-by-unit.csv" download' in html
    # Data for JS travels as JSON, never as inline script.
    scripts = re.findall(r"<script([^>]*)>", html)
    assert scripts == [' id="chart-budget-by-unit-data" type="application/json"']
    data = json.loads(re.search(r'<script id="chart-budget-by-unit-data" type="application/json">(.*?)</script>',
                                html, re.S).group(1))
    assert data["labels"][0].startswith("PACB")


def test_an_empty_chart_says_so_and_draws_nothing():
    html = render("portal/_chart.html", chart=Chart(id="e", title="Nothing", kind="bar", labels=[], series=[]))
    assert "No data for these filters." in html
    assert "<canvas" not in html and "<script" not in html and "data-chart=" not in html


def test_map_include_links_each_country_and_gives_the_topology_url():
    the_map = world_map("countries", "Countries served", served(), "budget", csv_url="/dashboard/countries.csv",
                        switch=[("By projects", "/dashboard/?map=projects", False),
                                ("By budget", "/dashboard/?map=budget", True)])
    html = render("portal/_map.html", map=the_map)
    assert 'data-topology="/static/vendor/world-atlas/countries-50m.json"' in html
    assert '<th scope="row"><a href="/countries/LCA/">Saint Lucia</a></th>' in html
    assert '<a href="/dashboard/?map=budget" aria-current="true" class="selected">By budget</a>' in html
    assert '<th scope="col" class="num">Budget (EUR)</th>' in html
    assert 'href="/dashboard/countries.csv" download' in html
    assert re.findall(r"<script([^>]*)>", html) == [' id="map-countries-data" type="application/json"']
