"""Load the reference tables (regions, countries, SDG goals and targets, currencies) from their sources.

Sources: ISO 3166-1 and ISO 4217 from pycountry; UN M49 placement and UN membership from country_converter's
data file (read as a TSV: importing country_converter pulls in pandas); the M49 hierarchy, the SIDS/LDC/LLDC
lists and the SDGs from the files in ``data/``.

Loading is an upsert keyed on each table's natural key: rows are created or updated with a few bulk
queries per table, never deleted (projects point at them). Change history is written only for rows that
are actually created or changed, so a second run with nothing new writes no history at all.
"""
from __future__ import annotations

import csv
import importlib.resources
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pycountry
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from .models import Country, Currency, Region, SdgGoal, SdgTarget

DATA_DIR = Path(__file__).resolve().parent / "data"
BATCH_SIZE = 500
# Stored in the history rows, so kept in one language rather than translated at load time.
CHANGE_REASON = "capdev load-reference"


@dataclass
class TableResult:
    """What loading one table did: how many rows the source has, and how many were created or updated."""

    table: str
    total: int
    created: int
    updated: int

    def summary(self) -> str:
        """One line for the command's output: "countries: 249 (249 created, 0 updated)"."""
        return _("%(table)s: %(total)d (%(created)d created, %(updated)d updated)") % {
            "table": self.table, "total": self.total, "created": self.created, "updated": self.updated,
        }


# --- reading the sources -------------------------------------------------------------------------------


def read_code_list(name: str) -> dict[str, str]:
    """The ISO3 codes of a data file such as "sids.txt", each with the rest of its line ("member Fiji")."""
    codes: dict[str, str] = {}
    for line in (DATA_DIR / name).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        code, _sep, rest = line.partition(" ")
        codes[code.upper()] = rest.strip()
    return codes


def read_m49() -> dict:
    """The M49 hierarchy, named groupings and per-country overrides from m49_regions.json."""
    with open(DATA_DIR / "m49_regions.json", encoding="utf-8") as f:
        return json.load(f)


def read_sdgs() -> dict:
    """The 17 goals, each with its targets in official order, from sdgs.json."""
    with open(DATA_DIR / "sdgs.json", encoding="utf-8") as f:
        return json.load(f)


@cache
def read_country_converter() -> dict[str, dict[str, str]]:
    """country_converter's country_data.tsv as rows keyed by ISO3 (read as a file, never imported)."""
    resource = importlib.resources.files("country_converter").joinpath("country_data.tsv")
    with resource.open("r", encoding="utf-8") as f:
        return {row["ISO3"]: row for row in csv.DictReader(f, delimiter="\t") if row.get("ISO3")}


# --- the generic upsert --------------------------------------------------------------------------------


def upsert(model: type[models.Model], rows: Iterable[dict], key: str, fields: list[str],
           existing: dict | None = None) -> tuple[int, int, dict]:
    """Create missing rows and update changed ones in bulk; returns (created, updated, objects by key)."""
    if existing is None:
        existing = {getattr(obj, key): obj for obj in model._default_manager.all()}
    to_create, to_update = [], []
    now = timezone.now()
    for row in rows:
        obj = existing.get(row[key])
        if obj is None:
            obj = model(**{key: row[key]}, **{f: row[f] for f in fields})
            to_create.append(obj)
            existing[row[key]] = obj
        elif any(getattr(obj, f) != row[f] for f in fields):
            for f in fields:
                setattr(obj, f, row[f])
            # bulk_update does not run auto_now, so the timestamp is set by hand.
            obj.last_updated = now
            to_update.append(obj)
    if to_create:
        bulk_create_with_history(to_create, model, batch_size=BATCH_SIZE, default_change_reason=CHANGE_REASON)
    if to_update:
        bulk_update_with_history(to_update, model, [*fields, "last_updated"], batch_size=BATCH_SIZE,
                                 default_change_reason=CHANGE_REASON)
    if to_create or to_update:
        from capdev.core import content_version

        content_version.bump()  # bulk rows send no signals: the pages' validators and cache keys move
    return len(to_create), len(to_update), existing


# --- the tables ----------------------------------------------------------------------------------------


def load_regions() -> TableResult:
    """Upsert the M49 regions (World, regions, sub-regions, intermediate regions) and the named groupings."""
    data = read_m49()
    existing = {region.code: region for region in Region.objects.all()}
    fields = ["name", "kind", "m49", "parent_id"]
    created = updated = 0
    # Parents come before children in the file; one upsert per level lets children refer to new parents' ids.
    levels = [Region.Kind.WORLD, Region.Kind.REGION, Region.Kind.SUBREGION, Region.Kind.INTERMEDIATE]
    for level in levels:
        rows = [
            {"code": r["m49"], "name": r["name"], "kind": level, "m49": r["m49"],
             "parent_id": existing[r["parent"]].pk if r["parent"] else None}
            for r in data["regions"] if r["kind"] == level
        ]
        c, u, existing = upsert(Region, rows, "code", fields, existing)
        created, updated = created + c, updated + u
    groupings = [
        {"code": g["code"], "name": g["name"], "kind": Region.Kind.GROUPING, "m49": g["m49"], "parent_id": None}
        for g in data["groupings"]
    ]
    c, u, existing = upsert(Region, groupings, "code", fields, existing)
    total = len(data["regions"]) + len(groupings)
    return TableResult(_("regions"), total, created + c, updated + u)


def m49_placement(code: str | None, regions: dict[str, Region]
                  ) -> tuple[Region | None, Region | None, Region | None]:
    """(region, sub-region, intermediate region) of the M49 area with this code; all None for no code."""
    if not code or code not in regions:
        # Antarctica, for one, is in no M49 region.
        return None, None, None
    by_pk = {region.pk: region for region in regions.values()}
    node = regions[code]
    if node.kind == Region.Kind.INTERMEDIATE:
        subregion = by_pk[node.parent_id]
        return by_pk[subregion.parent_id], subregion, node
    if node.kind == Region.Kind.SUBREGION:
        return by_pk[node.parent_id], node, None
    if node.kind == Region.Kind.REGION:
        return node, None, None
    return None, None, None


def country_rows() -> list[dict]:
    """One row per ISO 3166-1 country, with its M49 placement, UN membership and SIDS/LDC/LLDC flags."""
    data = read_m49()
    tsv = read_country_converter()
    sids, ldc, lldc = read_code_list("sids.txt"), read_code_list("ldc.txt"), read_code_list("lldc.txt")
    regions = {region.code: region for region in Region.objects.filter(kind__in=[
        Region.Kind.WORLD, Region.Kind.REGION, Region.Kind.SUBREGION, Region.Kind.INTERMEDIATE])}
    code_by_name = {r["name"]: r["m49"] for r in data["regions"]}
    # The placement of each M49 area, worked out once rather than once per country.
    placements = {code: m49_placement(code, regions) for code in regions}
    rows = []
    for country in pycountry.countries:
        iso3 = country.alpha_3
        tsv_row = tsv.get(iso3, {})
        # UNregion names the most specific M49 area: an intermediate region where there is one.
        code = data["country_overrides"].get(iso3) or code_by_name.get(tsv_row.get("UNregion", ""))
        region, subregion, intermediate = placements.get(code, (None, None, None))
        admitted = tsv_row.get("UNmember", "").strip()
        rows.append({
            "iso3": iso3,
            "iso2": country.alpha_2,
            "numeric": country.numeric,
            "name": country.name,
            "official_name": getattr(country, "official_name", ""),
            "region_id": region.pk if region else None,
            "subregion_id": subregion.pk if subregion else None,
            "intermediate_region_id": intermediate.pk if intermediate else None,
            "un_member": bool(admitted),
            "un_member_since": int(admitted) if admitted else None,
            "sids": iso3 in sids,
            "ldc": iso3 in ldc,
            "lldc": iso3 in lldc,
        })
    return rows


def load_countries() -> TableResult:
    """Upsert the ISO 3166-1 countries (regions must be loaded first)."""
    rows = country_rows()
    fields = [f for f in rows[0] if f != "iso3"]
    created, updated, _objs = upsert(Country, rows, "iso3", fields)
    return TableResult(_("countries"), len(rows), created, updated)


def load_sdg_goals() -> TableResult:
    """Upsert the 17 SDG goals."""
    goals = read_sdgs()["goals"]
    rows = [{"number": g["number"], "short_title": g["short_title"], "title": g["title"]} for g in goals]
    created, updated, _objs = upsert(SdgGoal, rows, "number", ["short_title", "title"])
    return TableResult(_("SDG goals"), len(rows), created, updated)


def load_sdg_targets() -> TableResult:
    """Upsert the 169 SDG targets, numbered by position within their goal (goals must be loaded first)."""
    rows = [
        {"code": t["code"], "goal_id": g["number"], "position": position, "text": t["text"]}
        for g in read_sdgs()["goals"]
        for position, t in enumerate(g["targets"], start=1)
    ]
    created, updated, _objs = upsert(SdgTarget, rows, "code", ["goal_id", "position", "text"])
    return TableResult(_("SDG targets"), len(rows), created, updated)


def load_currencies() -> TableResult:
    """Upsert the ISO 4217 currencies."""
    rows = [{"code": c.alpha_3, "name": c.name, "numeric": getattr(c, "numeric", "")}
            for c in pycountry.currencies]
    created, updated, _objs = upsert(Currency, rows, "code", ["name", "numeric"])
    return TableResult(_("currencies"), len(rows), created, updated)


LOADERS: list[Callable[[], TableResult]] = [
    load_regions, load_countries, load_sdg_goals, load_sdg_targets, load_currencies,
]


@transaction.atomic
def load_reference() -> list[TableResult]:
    """Load every reference table, in dependency order, in one transaction; returns one result per table."""
    return [loader() for loader in LOADERS]
