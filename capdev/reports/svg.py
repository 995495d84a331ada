"""The dashboard's charts drawn as SVG on the server, for PDFs and print: no browser, no script.

Each function takes a `capdev.portal.charts.Chart` as the dashboard builds it (the same object, the same
numbers) and returns the markup of an <svg> element; the report prints the chart's table beside it, so that
every value is also written out. Money charts have one series per currency, drawn side by side, never added.
"""
from __future__ import annotations

from html import escape

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from capdev.portal.charts import Chart, _plain, format_value

# Colours that stay apart in greyscale print too (dark to light), one per series.
PALETTE = ("#1f4e79", "#d9822b", "#5b9bd5", "#7f7f7f", "#9e480e", "#a5a5a5")
WIDTH = 680
FONT = "font-family=\"Noto Sans, DejaVu Sans, sans-serif\""
MAX_LABEL = 38  # characters of a bar's label before it is cut (the table beside gives it whole)


def _text(x: float, y: float, text: str, *, size: float = 9, anchor: str = "start", fill: str = "#222",
          extra: str = "") -> str:
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" fill="{fill}"{extra}>'
            f"{escape(str(text))}</text>")


def _short(label: str) -> str:
    label = str(label)
    return label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1] + "…"


def _values(chart: Chart) -> list[list[float | None]]:
    return [[None if v is None else float(_plain(v)) for v in s.values] for s in chart.series]


def _top(values: list[list[float | None]]) -> float:
    known = [v for series in values for v in series if v is not None]
    top = max(known, default=0.0)
    return top if top > 0 else 1.0


def _legend(chart: Chart, y: float) -> tuple[list[str], float]:
    """One swatch per series when there are several (currencies), on one line; the height it took."""
    if len(chart.series) < 2:
        return [], 0
    parts, x = [], 0.0
    for i, s in enumerate(chart.series):
        colour = PALETTE[i % len(PALETTE)]
        parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="10" height="10" fill="{colour}"/>')
        parts.append(_text(x + 14, y + 9, s.label))
        x += 24 + 7 * len(str(s.label))
    return parts, 18


def _svg(height: float, body: list[str], title: str) -> SafeString:
    return mark_safe(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="report-chart" viewBox="0 0 {WIDTH} {height:.0f}" '
        f'width="{WIDTH}" height="{height:.0f}" role="img" {FONT}><title>{escape(str(title))}</title>'
        + "".join(body) + "</svg>")


def hbar_svg(chart: Chart) -> SafeString:
    """Horizontal bars: a label per row, one bar per series, the value written at the bar's end."""
    values = _values(chart)
    top = _top(values)
    body, legend_h = _legend(chart, 0)
    label_w, value_w = 240.0, 90.0
    bar_h, gap = 11.0, 7.0
    plot_w = WIDTH - label_w - value_w
    y = legend_h + 4
    n = len(chart.series)
    for i, label in enumerate(chart.labels):
        band = n * bar_h
        body.append(_text(label_w - 6, y + band / 2 + 3, _short(label), anchor="end"))
        for j in range(n):
            v = values[j][i]
            if v is None:
                continue
            w = max(plot_w * v / top, 0.5 if v else 0)
            body.append(f'<rect x="{label_w:.1f}" y="{y + j * bar_h:.1f}" width="{w:.1f}" height="{bar_h - 1:.1f}" '
                        f'fill="{PALETTE[j % len(PALETTE)]}"/>')
            body.append(_text(label_w + w + 4, y + j * bar_h + bar_h - 3,
                              format_value(chart.series[j].values[i], chart.value_format), size=8))
        y += band + gap
    body.append(f'<line x1="{label_w}" y1="{legend_h}" x2="{label_w}" y2="{y - gap + 2:.1f}" stroke="#444"/>')
    return _svg(y + 2, body, chart.title)


def bar_svg(chart: Chart) -> SafeString:
    """Vertical bars over the labels (years), a value axis with four gridlines, series side by side."""
    values = _values(chart)
    top = chart.scale_max if chart.scale_max else _top(values)
    body, legend_h = _legend(chart, 0)
    left, bottom, plot_h = 64.0, 30.0, 150.0
    plot_top = legend_h + 8
    plot_w = WIDTH - left - 8
    base = plot_top + plot_h
    for k in range(5):
        v = top * k / 4
        gy = base - plot_h * k / 4
        body.append(f'<line x1="{left}" y1="{gy:.1f}" x2="{WIDTH - 8}" y2="{gy:.1f}" stroke="#ddd"/>')
        body.append(_text(left - 4, gy + 3, format_value(round(v) if top >= 8 else round(v, 2)), size=8,
                          anchor="end"))
    count = max(len(chart.labels), 1)
    slot = plot_w / count
    n = len(chart.series)
    bar_w = max(min(slot * 0.8 / n, 40), 1)
    every = max(1, round(count / 20))  # at most about twenty labels under the axis
    for i, label in enumerate(chart.labels):
        x0 = left + i * slot + (slot - bar_w * n) / 2
        for j in range(n):
            v = values[j][i]
            if v is None:
                continue
            h = plot_h * v / top
            body.append(f'<rect x="{x0 + j * bar_w:.1f}" y="{base - h:.1f}" width="{bar_w:.1f}" height="{h:.1f}" '
                        f'fill="{PALETTE[j % len(PALETTE)]}"/>')
        if i % every == 0:
            body.append(_text(left + i * slot + slot / 2, base + 12, label, size=8, anchor="middle"))
    body.append(f'<line x1="{left}" y1="{base}" x2="{WIDTH - 8}" y2="{base}" stroke="#444"/>')
    return _svg(base + bottom - 10, body, chart.title)


def chart_svg(chart: Chart) -> SafeString:
    """The chart as SVG by its kind (bars across for hbar, up for the rest); an empty chart says so."""
    if chart.is_empty:
        return mark_safe(f"<p class=\"chart-empty\">{escape(_('No data for these filters.'))}</p>")
    return hbar_svg(chart) if chart.kind == "hbar" else bar_svg(chart)
