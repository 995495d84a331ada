"""Comparable values of a project, field by field, from a parsed record or from the registry.

A re-import compares three snapshots of each field: what the file says now, what the registry holds,
and what the last import wrote. Where the registry differs from the last import, an editor changed it.
The registry's side is read through project_record, so both sides go through one function.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Any

from capdev.narrative.types import Record
from capdev.projects.models import Project
from capdev.projects.records import project_record

from .status import status_from_text

SCALAR_FIELDS = (
    "code", "iati_identifier", "title", "title_is_proposed", "summary", "objective", "background", "lead_unit",
    "funding_source", "start", "end", "status_override", "beneficiaries_direct", "beneficiaries_indirect",
    "accomplishments_as_of", "accomplishments_to_date",
)
LIST_FIELDS = (
    "expected_accomplishments", "planned_activities", "key_accomplishments", "outcomes", "budgets", "countries",
    "regions", "sectors", "sdgs", "sdg_targets", "thematic_areas", "partners", "activities", "resources",
)
FIELDS = SCALAR_FIELDS + LIST_FIELDS


def number(value: Decimal | int | float | None) -> str | None:
    """A number as a canonical string, so that 500000, 500000.00 and Decimal("5E+5") compare equal."""
    if value is None or value == "":
        return None
    d = Decimal(str(value))
    return f"{d:.2f}" if d == d.quantize(Decimal("0.01")) else str(d.normalize())


def _iso(value) -> str | None:
    return value.iso() if value else None


def record_snapshot(record: Record) -> dict[str, Any]:
    """The values a record gives each field, in comparable form.

    A record without an IATI identifier (every narrative page) says nothing about it: the key is left out, so
    that the identifier the registry gives the project is neither compared nor overwritten.
    """
    regions = record.regions or ([record.region] if record.region else [])
    values = _values(record, regions)
    if not record.iati_identifier:
        del values["iati_identifier"]
    return values


def _values(record: Record, regions: list[str]) -> dict[str, Any]:
    return {
        "code": record.code or None,
        "iati_identifier": record.iati_identifier or None,
        "title": record.title,
        "title_is_proposed": record.title_is_proposed,
        "summary": record.summary,
        "objective": record.objective,
        "background": record.background,
        "lead_unit": record.lead_unit,
        "funding_source": record.funding_source,
        "start": _iso(record.start),
        "end": _iso(record.end),
        "status_override": status_from_text(record.status),
        "beneficiaries_direct": record.beneficiaries_direct,
        "beneficiaries_indirect": record.beneficiaries_indirect,
        "accomplishments_as_of": _iso(record.accomplishments_as_of),
        "accomplishments_to_date": record.accomplishments_to_date and bool(record.key_accomplishments),
        "expected_accomplishments": list(record.expected_accomplishments),
        "planned_activities": list(record.planned_activities),
        "key_accomplishments": list(record.key_accomplishments),
        "outcomes": [
            [o.number, o.text, o.target_year,
             [[i.title, i.unit, i.ascending, number(i.baseline), i.baseline_year, number(i.target), i.target_year,
               [[v.get("period_start"), v.get("period_end"), number(v.get("actual")), number(v.get("target")),
                 v.get("comment") or ""] for v in i.values]]
              for i in o.indicators]]
            for o in record.outcomes],
        "budgets": [[number(b.amount), b.currency, b.kind, b.label, b.period_start, b.period_end]
                    for b in record.budgets],
        "countries": sorted([c, number(record.country_percentages.get(c))] for c in set(record.countries)),
        "regions": list(dict.fromkeys(regions)),
        "sectors": sorted([s.vocabulary, s.code, s.name, number(s.percentage)] for s in record.sectors),
        "sdgs": sorted(set(record.sdgs)),
        "sdg_targets": sorted(set(record.sdg_targets)),
        "thematic_areas": list(dict.fromkeys(record.thematic_areas)),
        "partners": _dedupe([[p.text or p.name, p.role] for p in record.partners]),
        "activities": [
            [e.type, e.title, _iso(e.start), _iso(e.end), e.country, e.city or "", e.online, e.participants,
             e.participants_qualifier or "", e.participants_profile or "", e.participant_countries, e.dates_text,
             e.summary] + (["recalled"] if e.recalled else [])  # marked only when set: older snapshots still compare
            for e in record.activities
        ],
        "resources": [[r.type, r.title, r.url or ""] for r in record.resources],
    }


def project_snapshot(project: Project) -> dict[str, Any]:
    """The values the registry holds, in the same form (fetch projects with records.with_record_data)."""
    return record_snapshot(project_record(project))


def _dedupe(rows: list[list[Any]]) -> list[list[Any]]:
    seen, out = set(), []
    for row in rows:
        key = tuple(row)
        if key not in seen:
            seen.add(key)
            out.append(row)
    return out
