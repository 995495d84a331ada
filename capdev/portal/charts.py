"""Charts and maps as plain data: what `portal/_chart.html` and `portal/_map.html` draw, tabulate and export.

The chart itself (`Chart`, `Series`, number formatting, CSV) is `capdev.core.charts`; here the charts built from
the portal's aggregates, the world map and the links from a chart back to the project list.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Mapping

from django.http import HttpResponse, QueryDict
from django.urls import reverse
from django.utils.translation import gettext as _

# csv_response and format_value: the pages and reports import them from here too.
from capdev.core.charts import Chart, Series, _csv_value, _plain, csv_response, format_value  # noqa: F401
from capdev.portal.aggregates import Bucket, CountryServed, currencies

# Query parameters that belong to the dashboard or a page of results, never to the project filters.
NOT_FILTERS = frozenset({"map", "page", "per_page", "format"})


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
