"""Load the organisations, units and funding sources Capdev knows before any import, from data files.

The parser reads the same organisation and unit files, so that a name it resolves is a row here.
"""
from __future__ import annotations

import json
from importlib import resources
from typing import Any

from django.db import transaction

from .models import FundingSource, Organisation, OrganisationAlias, OrgUnit, alias_key, unique_slug


def _data(package: str, name: str) -> dict[str, Any]:
    return json.loads(resources.files(package).joinpath("data", name).read_text(encoding="utf-8"))


@transaction.atomic
def load_units() -> tuple[int, int]:
    """Create or update the organisational-unit tree; returns (created, updated)."""
    rows = _data("capdev.narrative", "units.json")["units"]
    existing = OrgUnit.objects.in_bulk([r["code"] for r in rows], field_name="code")
    created = updated = 0
    # A tree of tens of rows: plain saves keep the history, and parents may come after their children.
    for row in rows:
        values = {"name": row["name"], "kind": row.get("kind", OrgUnit.Kind.DIVISION),
                  "valid_from": row.get("valid_from"), "valid_to": row.get("valid_to"),
                  "dac_sector": row.get("dac_sector", "")}
        unit = existing.get(row["code"])
        if unit is None:
            existing[row["code"]] = OrgUnit.objects.create(code=row["code"], **values)
            created += 1
        elif _assign(unit, values):
            unit.save()
            updated += 1
    for row in rows:
        unit = existing[row["code"]]
        links = {"parent": existing.get(row.get("parent") or ""), "successor": existing.get(row.get("successor") or "")}
        if _assign(unit, links):
            unit.save()
    return created, updated


def _assign(obj: Any, values: dict[str, Any]) -> bool:
    """Set the attributes that differ; True when any did."""
    changed = False
    for key, value in values.items():
        if getattr(obj, key) != value:
            setattr(obj, key, value)
            changed = True
    return changed


@transaction.atomic
def load_organisations() -> tuple[int, int]:
    """Create the known organisations and their aliases (name, acronym, aliases); returns (created, aliases added)."""
    from capdev.reference.models import Country

    rows = _data("capdev.narrative", "organisations.json")["organisations"]
    alias_owner = dict(OrganisationAlias.objects.values_list("key", "organisation_id"))
    owners = Organisation.objects.in_bulk(set(alias_owner.values()))
    countries = set(Country.objects.values_list("iso3", flat=True))
    created = 0
    orgs: dict[str, Organisation] = {}  # by acronym and by name, as the file's parent fields refer to them
    for row in rows:
        acronym = row.get("acronym") or ""
        owner = alias_owner.get(alias_key(acronym)) if acronym else None
        org = owners.get(owner or alias_owner.get(alias_key(row["name"])))
        if org is None:
            org = Organisation.objects.create(
                name=row["name"], acronym=acronym, type=row.get("type", Organisation.Type.OTHER),
                iati_ref=row.get("iati_ref", ""), slug=unique_slug(Organisation, acronym or row["name"]),
                country_id=row.get("country") if row.get("country") in countries else None)
            created += 1
        orgs[row["name"]] = org
        if acronym:
            orgs[acronym] = org
    new_aliases = []
    for row in rows:
        org = orgs[row["name"]]
        parent = orgs.get(row.get("parent") or "")
        if parent is not None and org.parent_id != parent.pk:
            org.parent = parent
            org.save(update_fields=["parent", "last_updated"])
        names = [row["name"], row.get("acronym") or "", *row.get("aliases", []), *row.get("own_names", {})]
        for name in names:
            key = alias_key(name)
            if key and key not in alias_owner:
                alias_owner[key] = org.pk
                new_aliases.append(OrganisationAlias(organisation=org, alias=name, key=key))
    OrganisationAlias.objects.bulk_create(new_aliases)
    return created, len(new_aliases)


@transaction.atomic
def load_funding_sources() -> int:
    """Create the known funding sources and give them their aliases; returns how many were created."""
    rows = _data("capdev.organisations", "funding_sources.json")["funding_sources"]
    known = {f.code: f for f in FundingSource.objects.filter(code__in=[r["code"] for r in rows])}
    new = []
    for r in rows:
        source = known.get(r["code"])
        if source is None:
            new.append(FundingSource(code=r["code"], name=r["name"], kind=r["kind"], aliases=r.get("aliases", [])))
        elif set(r.get("aliases", [])) - set(source.aliases):
            # Aliases added to the data file reach a registry loaded before; the ones an administrator added stay.
            source.aliases = source.aliases + [a for a in r.get("aliases", []) if a not in source.aliases]
            source.save(update_fields=["aliases", "last_updated"])
    FundingSource.objects.bulk_create(new)
    return len(new)
