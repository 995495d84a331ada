"""Charts and maps as plain data: what `portal/_chart.html` and `portal/_map.html` draw, tabulate and export.

A `Chart` holds its labels and one `Series` of numbers per line or bar colour; the template turns it into a
<canvas> drawn by Chart.js (static/portal/charts.js), the same numbers as a table, and a CSV link. Money charts
have one series per currency: amounts in different currencies are never added.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Iterable, Mapping

from django.http import HttpResponse, QueryDict
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from capdev.portal.aggregates import Bucket, CountryServed, currencies

KINDS = ("bar", "hbar", "line", "doughnut", "radar")
VALUE_FORMATS = ("number", "money", "score")  # score: up to 3 decimals, as written ("2", "2.5")
# Query parameters that belong to the dashboard or a page of results, never to the project filters.
NOT_FILTERS = frozenset({"map", "page", "per_page", "format"})


@dataclass
class Series:
    """One line, or one colour of bars, of a chart: a label and one value per chart label (None = unknown)."""

    label: str
    values: list[float | int | None]


@dataclass
class Chart:
    """A chart: labels, series, how to format the numbers, where its CSV is and where each label leads."""

    id: str
    title: str
    kind: str
    labels: list[str]
    series: list[Series]
    value_format: str = "number"
    csv_url: str | None = None
    links: list[str | None] | None = None
    caption: str = ""
    # The heading of the label column in the table and the CSV ("Unit", "Year").
    label_heading: str = ""
    # A fixed value axis (a scale of levels 1-5, an index 0-1) instead of one from zero to the largest value.
    scale_min: float | None = None
    scale_max: float | None = None

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"chart kind {self.kind!r} is not one of {KINDS}")
        if self.value_format not in VALUE_FORMATS:
            raise ValueError(f"value format {self.value_format!r} is not one of {VALUE_FORMATS}")
        for s in self.series:
            if len(s.values) != len(self.labels):
                raise ValueError(f"series {s.label!r} has {len(s.values)} values for {len(self.labels)} labels")
        if self.links is not None and len(self.links) != len(self.labels):
            raise ValueError("a chart needs one link per label")

    @property
    def is_empty(self) -> bool:
        """True when there is nothing to draw."""
        return not self.labels or all(v in (None, 0) for s in self.series for v in s.values)

    @property
    def dom_id(self) -> str:
        """The id of the chart's <figure>; its data's <script> is this plus "-data"."""
        return f"chart-{self.id}"

    @property
    def data_id(self) -> str:
        """The id of the json_script element holding the chart's data."""
        return f"chart-{self.id}-data"

    @property
    def js_data(self) -> dict:
        """What charts.js needs, for json_script."""
        return {
            "kind": self.kind,
            "title": self.title,
            "labels": [str(label) for label in self.labels],
            "series": [{"label": str(s.label), "values": [_plain(v) for v in s.values]} for s in self.series],
            "valueFormat": self.value_format,
            "links": self.links or [],
            "min": self.scale_min,
            "max": self.scale_max,
        }

    @property
    def rows(self) -> list[dict]:
        """The table's rows: label, link and the formatted values."""
        links = self.links or [None] * len(self.labels)
        return [{"label": label, "link": links[i],
                 "values": [format_value(s.values[i], self.value_format) for s in self.series]}
                for i, label in enumerate(self.labels)]

    @property
    def summary(self) -> str:
        """A one-sentence text alternative for the canvas: the largest value and where the full table is."""
        if self.is_empty:
            return _("%(title)s: no data.") % {"title": self.title}
        first = self.series[0]
        known = [(v, i) for i, v in enumerate(first.values) if v is not None]
        top_value, top = max(known, key=lambda vi: (vi[0], -vi[1]))
        unit = f" {first.label}" if self.value_format == "money" else ""
        n = len(self.labels)
        return ngettext("%(title)s: %(n)s value; highest %(label)s with %(value)s%(unit)s. "
                        "The table below gives every value.",
                        "%(title)s: %(n)s values; highest %(label)s with %(value)s%(unit)s. "
                        "The table below gives every value.", n) % {
            "title": self.title, "n": n, "label": self.labels[top],
            "value": format_value(top_value), "unit": unit}

    def csv_response(self, filename: str | None = None) -> HttpResponse:
        """The chart's numbers as a UTF-8 CSV download (with a BOM, so that spreadsheet programs read it right)."""
        header = [self.label_heading or _("Label"), *[str(s.label) for s in self.series]]
        rows = [[label, *[_csv_value(s.values[i]) for s in self.series]] for i, label in enumerate(self.labels)]
        return csv_response(header, rows, filename or f"capdev-{self.id}.csv")


def csv_response(header: list[str], rows: Iterable[list], filename: str) -> HttpResponse:
    """A CSV attachment: UTF-8 with a byte-order mark, one header row."""
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(header)
    writer.writerows(rows)
    response = HttpResponse("\ufeff" + buf.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _plain(value) -> float | int | None:
    """A JSON-friendly number: Decimals become int when whole, float otherwise."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _csv_value(value) -> str:
    """A number as CSV text, unformatted (no thousands separators), empty when unknown."""
    value = _plain(value)
    return "" if value is None else str(value)


def format_value(value, value_format: str = "number") -> str:
    """A number for people: grouped digits in the current language, no decimals for whole amounts; "–" if unknown.
    A score keeps the decimals it has, up to 3, without trailing zeros ("2.5", not "2.50")."""
    if value is None:
        return "–"
    value = _plain(value)
    if value_format == "score" and not float(value).is_integer():
        return number_format(Decimal(str(round(float(value), 3))).normalize(), force_grouping=True)
    decimals = 0 if isinstance(value, int) or float(value).is_integer() else 2
    return number_format(value, decimal_pos=decimals, force_grouping=True)


# ---- links back to the project list ---------------------------------------------------------------------------

def filter_params(params: QueryDict) -> QueryDict:
    """The project-list filters of a query string: everything but the dashboard's and pagination's own."""
    out = params.copy()
    for key in NOT_FILTERS:
        out.pop(key, None)
    return out


def with_params(params: QueryDict, **replace) -> str:
    """Params (a QueryDict) with some keys replaced (a value, a list, or None to drop), URL-encoded."""
    out = params.copy()
    for key, value in replace.items():
        out.pop(key, None)
        if value is None:
            continue
        out.setlist(key, [str(v) for v in value] if isinstance(value, (list, tuple)) else [str(value)])
    return out.urlencode()


def list_url(params: QueryDict, **replace) -> str:
    """The project list filtered by params (the current filters) with some replaced: the bar's own value."""
    query = with_params(filter_params(params), **replace)
    projects_url = reverse("projects:list")  # in the page's language: /fr/projects/
    return f"{projects_url}?{query}" if query else projects_url


# ---- building charts from aggregate rows ------------------------------------------------------------------------

def money_chart(chart_id: str, title: str, buckets: list[Bucket], *, kind: str = "hbar",
                link_param: str | None = None, params: QueryDict | None = None, caption: str = "",
                label_heading: str = "", csv_url: str | None = None,
                link_for: callable | None = None) -> Chart:
    """A chart of budgets: one label per bucket, one series per currency (largest total first).

    Each label links to the project list filtered to the bucket (link_param=key on top of params), except the
    "not stated" bucket; link_for(key) -> dict of replacements overrides link_param (e.g. a year range).
    """
    total: dict[str, Decimal] = {}
    for b in buckets:
        for cur, amount in b.amounts.items():
            total[cur] = total.get(cur, Decimal(0)) + amount
    codes = currencies(total)
    series = [Series(cur, [_plain(b.amounts[cur]) if cur in b.amounts else None for b in buckets])
              for cur in codes]
    links = None
    if params is not None and (link_param or link_for):
        links = []
        for b in buckets:
            if b.key is None:
                links.append(None)
            elif link_for is not None:
                links.append(list_url(params, **link_for(b.key)))
            else:
                links.append(list_url(params, **{link_param: b.key}))
    return Chart(id=chart_id, title=title, kind=kind, labels=[b.label for b in buckets], series=series,
                 value_format="money", csv_url=csv_url, links=links, caption=caption, label_heading=label_heading)


def count_chart(chart_id: str, title: str, rows: list[tuple[str, Mapping[str, float | int | None]]], *,
                kind: str = "bar", caption: str = "", label_heading: str = "", csv_url: str | None = None,
                links: list[str | None] | None = None) -> Chart:
    """A chart of counts from (label, {series label: value}) rows; series in the order of the first row."""
    names: list[str] = []
    for _label, values in rows:
        for name in values:
            if name not in names:
                names.append(name)
    series = [Series(name, [values.get(name) for _label, values in rows]) for name in names]
    return Chart(id=chart_id, title=title, kind=kind, labels=[str(label) for label, _v in rows], series=series,
                 value_format="number", csv_url=csv_url, links=links, caption=caption, label_heading=label_heading)


# ---- the world map ------------------------------------------------------------------------------------------------

@dataclass
class MapCountry:
    """One country on the map: its codes, name, value, and the page it links to."""

    iso3: str
    numeric: str
    name: str
    value: float | int
    projects: int
    amounts: dict[str, Decimal] = field(default_factory=dict)

    @property
    def url(self) -> str:
        """The country's page."""
        return reverse("reference:country_detail", args=[self.iso3])


@dataclass
class WorldMap:
    """A world choropleth: countries coloured by projects or by budget (in one currency), with its table."""

    id: str
    title: str
    measure: str  # "projects" or "budget"
    countries: list[MapCountry]
    currency: str | None = None
    caption: str = ""
    csv_url: str | None = None
    # (label, url, selected) for the measure switch; works without JS (plain links).
    switch: list[tuple[str, str, bool]] = field(default_factory=list)
    currencies: list[str] = field(default_factory=list)

    @property
    def measure_label(self) -> str:
        """What the colours show."""
        if self.measure == "budget":
            return _("Budget (%(currency)s)") % {"currency": self.currency}
        return _("Projects")

    @property
    def data_id(self) -> str:
        """The id of the json_script element holding the map's data."""
        return f"map-{self.id}-data"

    @property
    def js_data(self) -> dict:
        """What map.js needs, for json_script (the topology URL is added by the template)."""
        return {
            "measure": self.measure,
            "measureLabel": str(self.measure_label),
            "valueFormat": "money" if self.measure == "budget" else "number",
            "currency": self.currency,
            "countries": [{"iso3": c.iso3, "numeric": c.numeric, "name": c.name, "value": _plain(c.value),
                           "url": c.url} for c in self.countries if c.value],
        }

    @property
    def rows(self) -> list[dict]:
        """The table's rows: the country, its page, projects and budgets per currency (formatted)."""
        return [{"name": c.name, "iso3": c.iso3, "url": c.url, "projects": format_value(c.projects),
                 "amounts": [format_value(c.amounts.get(cur)) for cur in self.currencies]}
                for c in self.countries]

    def csv_response(self) -> HttpResponse:
        """The map's table as a UTF-8 CSV download."""
        header = [_("ISO 3166 alpha-3"), _("Country"), _("Projects"),
                  *[_("Budget (%(currency)s)") % {"currency": cur} for cur in self.currencies]]
        rows = [[c.iso3, c.name, c.projects, *[_csv_value(c.amounts.get(cur)) for cur in self.currencies]]
                for c in self.countries]
        return csv_response(header, rows, f"capdev-{self.id}.csv")


def world_map(map_id: str, title: str, served: list[CountryServed], measure: str = "projects", *,
              caption: str = "", csv_url: str | None = None,
              switch: list[tuple[str, str, bool]] | None = None) -> WorldMap:
    """A WorldMap of the countries served, coloured by projects or by budget in the largest currency."""
    total: dict[str, Decimal] = {}
    for c in served:
        for cur, amount in c.amounts.items():
            total[cur] = total.get(cur, Decimal(0)) + amount
    codes = currencies(total)
    measure = measure if measure in ("projects", "budget") else "projects"
    currency = codes[0] if codes else None
    if measure == "budget" and currency is None:
        measure = "projects"
    countries = [MapCountry(iso3=c.iso3, numeric=c.numeric, name=c.name, projects=c.projects, amounts=c.amounts,
                            value=c.projects if measure == "projects" else _plain(c.amounts.get(currency, 0)))
                 for c in served]
    return WorldMap(id=map_id, title=title, measure=measure, countries=countries, currency=currency,
                    caption=caption, csv_url=csv_url, switch=switch or [], currencies=codes)
