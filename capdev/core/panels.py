"""Panels: sections that one app adds to another app's page, without the page's app importing it.

A page names a slot (`{% load panels %}{% panels "country" country %}`); an app registers, in its
AppConfig.ready(), a function for that slot that takes the request and the page's object and returns the
template and context of its section, or None to add nothing. The page's app stays unaware of who fills its
slots, so imports keep running one way (a domain app may fill the portal's or another domain app's page).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest

Builder = Callable[[HttpRequest, Any], "Panel | None"]


@dataclass
class Panel:
    """One section of a page: the template that renders it and that template's context."""

    template: str
    context: dict[str, Any]
    needs_charts: bool = False  # the page must load Chart.js and portal/charts.js


_SLOTS: dict[str, list[tuple[int, str, Builder]]] = {}


def register(slot: str, builder: Builder, *, order: int = 100, name: str | None = None) -> None:
    """Add a section to every page that shows this slot (once per name: registering again replaces it)."""
    key = name or f"{builder.__module__}.{builder.__qualname__}"
    entries = [e for e in _SLOTS.get(slot, []) if e[1] != key]
    entries.append((order, key, builder))
    _SLOTS[slot] = sorted(entries, key=lambda e: (e[0], e[1]))


def panels_for(slot: str, request: HttpRequest, obj: Any = None) -> list[Panel]:
    """The sections registered for a slot that have something to show for this request and object."""
    out = []
    for _order, _key, builder in _SLOTS.get(slot, []):
        panel = builder(request, obj)
        if panel is not None:
            out.append(panel)
    return out
