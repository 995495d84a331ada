"""Charts and maps drawn on the server as SVG: one bar per value, in proportion; countries highlighted."""
from __future__ import annotations

import re
from decimal import Decimal

from capdev.portal.charts import Chart, Series
from capdev.reports import svg, worldmap


def bars(markup: str) -> list[float]:
    return [float(w) for w in re.findall(r'<rect x="[\d.]+" y="[\d.]+" width="([\d.]+)" height', markup)]


def test_horizontal_bars_in_proportion_with_their_values_written():
    chart = Chart(id="t", title="Budget by unit", kind="hbar", labels=["PACB", "DMB", "EGB"],
                  series=[Series("USD", [Decimal(4000), Decimal(1000), None]), Series("EUR", [None, 500, 250])],
                  value_format="money")
    markup = str(svg.chart_svg(chart))
    widths = bars(markup)
    # legend swatches (10 wide, one per currency) come first, then one bar per known value
    assert widths[:2] == [10.0, 10.0]
    drawn = widths[2:]
    assert len(drawn) == 4
    assert drawn[0] == max(drawn) and abs(drawn[1] / drawn[0] - 0.25) < 0.01
    assert ">4,000<" in markup and ">PACB<" in markup and ">EUR<" in markup


def test_vertical_bars_over_years():
    chart = Chart(id="y", title="Activities per year", kind="bar", labels=["2020", "2021", "2022"],
                  series=[Series("Activities", [2, 0, 8])])
    markup = str(svg.chart_svg(chart))
    heights = [float(h) for h in re.findall(r'<rect [^>]*height="([\d.]+)"', markup)]
    assert len(heights) == 3 and heights[2] == 4 * heights[0] and heights[1] == 0
    assert ">2021<" in markup


def test_an_empty_chart_says_so():
    chart = Chart(id="e", title="Nothing", kind="bar", labels=[], series=[])
    assert "No data" in str(svg.chart_svg(chart))


def test_a_projects_map_highlights_its_countries_and_marks_the_small_ones():
    numerics = ["044", "052", "662"]  # Bahamas, Barbados, Saint Lucia
    markup = str(worldmap.project_map(numerics, "Countries served"))
    assert markup.count(f'fill="{worldmap.HIGHLIGHT}"') == 3
    assert markup.count("<circle") >= 2  # Barbados and Saint Lucia are too small to see at this scale
    assert "<title>Countries served</title>" in markup
    assert worldmap.project_map(["999"], "none") is None


def test_the_world_map_shades_by_projects():
    markup = str(worldmap.choropleth({"124": 1, "356": 4}, "Countries served"))  # Canada, India
    assert markup.count(f'fill="{worldmap.SHADES[-1]}"') == 1  # the most: darkest
    assert markup.count(f'fill="{worldmap.SHADES[1]}"') == 1
    assert markup.count("<path") > 150  # the rest of the world, in grey
