"""Autocomplete sources for organisations, countries, regions, SDGs and their targets, thematic areas and projects:
how each is searched, labelled and parsed back.

The editor's lookup inputs are text inputs tied to a <datalist>; a choice reads "Label [key]", so the key
parses back exactly, and a typed code or exact name is accepted too.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from django.db.models import Q

from capdev.organisations.models import Organisation
from capdev.projects.models import Project, ThematicArea
from capdev.reference.models import Country, Region, SdgGoal, SdgTarget

KEY_RE = re.compile(r"\[([^\[\]]+)\]\s*$")
LIMIT = 20


@dataclass(frozen=True)
class Lookup:
    """One autocomplete source."""

    name: str
    model: type
    key: Callable  # obj -> str
    label: Callable  # obj -> str
    search: Callable  # text -> Q
    exact: Callable  # text -> Q
    key_field: str
    queryset: Callable = lambda model: model._default_manager.all()  # what may be chosen at all

    def option(self, obj) -> str:
        """The option text for obj: "Label [key]"."""
        return f"{self.label(obj)} [{self.key(obj)}]"

    def find(self, text: str, limit: int = LIMIT) -> list:
        """Objects matching typed text, best first."""
        text = text.strip()
        qs = self.queryset(self.model)
        if text:
            qs = qs.filter(self.search(text)).distinct()
        return list(qs[:limit])

    def parse(self, text: str):
        """The object an input's text names, or None."""
        text = (text or "").strip()
        if not text:
            return None
        qs = self.queryset(self.model)
        match = KEY_RE.search(text)
        if match:
            return qs.filter(**{self.key_field: match.group(1).strip()}).first()
        found = list(qs.filter(self.exact(text))[:2])
        return found[0] if len(found) == 1 else None


def _row_id(text: str) -> Q:
    return Q(pk=int(text)) if text.isascii() and text.isdigit() and len(text) < 12 else Q(pk__in=[])


def _project_label(p: Project) -> str:
    year = f" ({p.start_date.year})" if p.start_date else ""
    return f"{p.code}: {p.title}{year}" if p.code else f"{p.title}{year}"


def _sdg_number(text: str) -> Q:
    digits = re.match(r"^(?:sdg\s*)?(\d{1,2})\b", text.strip(), re.I)
    return Q(number=int(digits.group(1))) if digits else Q(pk__in=[])


LOOKUPS: dict[str, Lookup] = {
    "organisations": Lookup(
        "organisations", Organisation, key=lambda o: o.slug, label=str, key_field="slug",
        search=lambda t: Q(name__icontains=t) | Q(acronym__icontains=t) | Q(aliases__alias__icontains=t),
        exact=lambda t: Q(name__iexact=t) | Q(acronym__iexact=t) | Q(slug__iexact=t)),
    "countries": Lookup(
        "countries", Country, key=lambda c: c.iso3, label=lambda c: c.name, key_field="iso3",
        search=lambda t: Q(name__icontains=t) | Q(iso3__iexact=t) | Q(iso2__iexact=t) | Q(official_name__icontains=t),
        exact=lambda t: Q(name__iexact=t) | Q(iso3__iexact=t) | Q(iso2__iexact=t)),
    "sdgs": Lookup(
        "sdgs", SdgGoal, key=lambda g: str(g.number), label=lambda g: f"SDG {g.number}: {g.short_title}",
        key_field="number",
        search=lambda t: _sdg_number(t) | Q(short_title__icontains=t) | Q(title__icontains=t),
        exact=lambda t: _sdg_number(t) | Q(short_title__iexact=t)),
    "sdg_targets": Lookup(
        "sdg_targets", SdgTarget, key=lambda t: t.code, label=lambda t: f"{t.code}: {t.text[:90]}", key_field="code",
        search=lambda t: Q(code__startswith=t.strip().removeprefix("SDG").strip()) | Q(text__icontains=t),
        exact=lambda t: Q(code=t.strip())),
    "regions": Lookup(
        "regions", Region, key=lambda r: r.code, label=lambda r: r.name, key_field="code",
        search=lambda t: Q(name__icontains=t) | Q(code__iexact=t),
        exact=lambda t: Q(name__iexact=t) | Q(code__iexact=t)),
    "thematic_areas": Lookup(
        "thematic_areas", ThematicArea, key=lambda a: a.slug, label=lambda a: a.name, key_field="slug",
        search=lambda t: Q(name__icontains=t), exact=lambda t: Q(name__iexact=t) | Q(slug__iexact=t)),
    # Projects of the registry (a working copy is reached through its original), by code or title.
    "projects": Lookup(
        "projects", Project, key=lambda p: str(p.pk), label=_project_label, key_field="pk",
        search=lambda t: Q(title__icontains=t) | Q(code__iexact=t) | _row_id(t),
        exact=lambda t: Q(code__iexact=t) | Q(title__iexact=t),
        queryset=lambda model: model.objects.registry().order_by("title", "pk")),
}
