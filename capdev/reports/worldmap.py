"""Maps drawn as SVG on the server from the world atlas the site's map.js reads (Natural Earth 1:50m, TopoJSON).

A project's small map (its countries highlighted, zoomed to them) and the portfolio's choropleth (countries
shaded by their number of projects, as the dashboard's map) for PDFs, with no browser. Plain equirectangular
projection; outlines thinned to what the map's scale can show; a country too small to see gets a circle.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from html import escape
from pathlib import Path

from django.contrib.staticfiles import finders
from django.utils.safestring import SafeString, mark_safe

ATLAS = "vendor/world-atlas/countries-50m.json"
SHADES = ("#dbe9f6", "#a9cbe8", "#6fa8d6", "#3a7fbf", "#1f4e79")  # light to dark: few to many projects
LAND, BORDER, HIGHLIGHT = "#e4e4e4", "#ffffff", "#1f4e79"
LAT_TOP, LAT_BOTTOM = 84.0, -58.0  # the world map leaves Antarctica out


@dataclass
class Shape:
    """A country's outline as rings of (lon, lat) points, and its bounding box."""

    numeric: str
    name: str
    rings: list[list[tuple[float, float]]]
    box: tuple[float, float, float, float]  # west, south, east, north

    @property
    def centre(self) -> tuple[float, float]:
        """The middle of the largest ring's box (a marker for a shape too small to see)."""
        ring = max(self.rings, key=len)
        xs, ys = [p[0] for p in ring], [p[1] for p in ring]
        return (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2


@lru_cache(maxsize=1)
def shapes() -> dict[str, Shape]:
    """The atlas's countries by ISO numeric code, decoded once per process."""
    path = finders.find(ATLAS)
    topo = json.loads(Path(path).read_text(encoding="utf-8"))
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)

    def ring(indexes: list[int]) -> list[tuple[float, float]]:
        out: list[tuple[float, float]] = []
        for i in indexes:
            points = arcs[i] if i >= 0 else arcs[~i][::-1]
            out.extend(points if not out else points[1:])
        return out

    found: dict[str, Shape] = {}
    for geometry in topo["objects"]["countries"]["geometries"]:
        polygons = geometry.get("arcs") or []
        if geometry["type"] == "Polygon":
            polygons = [polygons]
        rings = [ring(r) for polygon in polygons for r in polygon]
        points = [p for r in rings for p in r]
        if not points or "id" not in geometry:
            continue
        box = (min(p[0] for p in points), min(p[1] for p in points),
               max(p[0] for p in points), max(p[1] for p in points))
        found[str(geometry["id"])] = Shape(str(geometry["id"]), geometry.get("properties", {}).get("name", ""),
                                           rings, box)
    return found


def _path(shape: Shape, project, tolerance: float) -> str:
    """The shape's SVG path data, dropping points closer than tolerance (degrees) to the last one kept."""
    parts = []
    for ring in shape.rings:
        kept = [ring[0]]
        for p in ring[1:]:
            q = kept[-1]
            if abs(p[0] - q[0]) + abs(p[1] - q[1]) >= tolerance:
                kept.append(p)
        if len(kept) < 3:
            continue
        parts.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in (project(p) for p in kept)) + "Z")
    return "".join(parts)


def _svg(width: float, height: float, body: list[str], title: str, css_class: str) -> SafeString:
    return mark_safe(f'<svg xmlns="http://www.w3.org/2000/svg" class="{css_class}" viewBox="0 0 {width:.0f} '
                     f'{height:.0f}" width="{width:.0f}" height="{height:.0f}" role="img">'
                     f"<title>{escape(title)}</title>{''.join(body)}</svg>")


def _view(west: float, south: float, east: float, north: float, width: float):
    """A projection of this box onto a map width pixels wide: (project, height)."""
    scale = width / (east - west)
    height = (north - south) * scale

    def project(p: tuple[float, float]) -> tuple[float, float]:
        return (p[0] - west) * scale, (north - p[1]) * scale

    return project, height, scale


def _draw(box, width: float, fills: dict[str, str], marker: str | None) -> tuple[list[str], float]:
    """Every country meeting the box, grey or filled; filled ones too small to see get a circle marker."""
    west, south, east, north = box
    project, height, scale = _view(west, south, east, north, width)
    tolerance = 1.2 / scale  # about a pixel and a bit
    land, filled = [], []
    for numeric, shape in shapes().items():
        w, s, e, n = shape.box
        if e < west or w > east or n < south or s > north:
            continue
        fill = fills.get(numeric)
        d = _path(shape, project, tolerance)
        if d:
            (filled if fill else land).append(
                f'<path d="{d}" fill="{fill or LAND}" stroke="{BORDER}" stroke-width="0.5"/>')
        if fill and marker and ((e - w) * scale < 4 or (n - s) * scale < 4 or not d):
            cx, cy = project(shape.centre)
            filled.append(f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="3.5" fill="none" stroke="{marker}" '
                          f'stroke-width="1.3"/>')
    return land + filled, height


def project_map(numerics: list[str], title: str, width: float = 300) -> SafeString | None:
    """A small map zoomed to these countries (ISO numeric codes), highlighted; None when none is on the atlas."""
    known = [shapes()[n] for n in numerics if n in shapes()]
    if not known:
        return None
    west = min(s.box[0] for s in known)
    south = min(s.box[1] for s in known)
    east = max(s.box[2] for s in known)
    north = max(s.box[3] for s in known)
    # A country stretching across the antimeridian (Fiji, Russia) would make the whole world the box.
    if east - west > 200:
        west, east = -180.0, 180.0
    # At least a region's size around small countries, and a margin, so that the reader sees where they are.
    cx, cy = (west + east) / 2, (south + north) / 2
    half_w = max((east - west) / 2 * 1.25, 14.0)
    half_h = max((north - south) / 2 * 1.25, half_w * 0.55)
    half_w = max(half_w, half_h / 0.7)
    box = (max(cx - half_w, -180.0), max(cy - half_h, -85.0), min(cx + half_w, 180.0), min(cy + half_h, 85.0))
    body, height = _draw(box, width, {s.numeric: HIGHLIGHT for s in known}, marker="#d9822b")
    return _svg(width, height, body, title, "report-map")


def shade(value: float, top: float) -> str:
    """The colour of a value on a scale from 0 to top, in five steps."""
    if top <= 0:
        return SHADES[0]
    return SHADES[min(int(len(SHADES) * value / top), len(SHADES) - 1)]


def choropleth(values: dict[str, float], title: str, width: float = 680) -> SafeString:
    """The world, countries (by ISO numeric code) shaded by their value (the dashboard map's projects)."""
    top = max(values.values(), default=0)
    fills = {numeric: shade(v, top) for numeric, v in values.items() if v}
    body, height = _draw((-180.0, LAT_BOTTOM, 180.0, LAT_TOP), width, fills, marker="#d9822b")
    return _svg(width, height, body, title, "report-map world")
