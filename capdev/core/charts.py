"""Charts as plain data: what `portal/_chart.html` draws, tabulates and exports.

Here, below the apps, so that any app's page part can build a chart (the assessments' panels do); the charts
built from the portal's aggregates, the maps and the links back to the project list are in `capdev.portal.charts`.
A `Chart` holds its labels and one `Series` of numbers per line or bar colour; the template turns it into a
<canvas> drawn by Chart.js (static/portal/charts.js), the same numbers as a table, and a CSV link. Money charts
have one series per currency: amounts in different currencies are never added.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from decimal import Decimal
from typing import Iterable

from django.http import HttpResponse
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

KINDS = ("bar", "hbar", "line", "doughnut", "radar")
VALUE_FORMATS = ("number", "money", "score")  # score: up to 3 decimals, as written ("2", "2.5")


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
