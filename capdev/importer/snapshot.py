"""Comparable values of a project, from a parsed record or from the registry, field by field.

A re-import compares three snapshots of each field: what the file says now, what the registry holds,
and what the last import wrote. Where the registry differs from the last import, an editor changed it.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Any

from capdev.narrative.types import Record
from capdev.projects.models import Project

from .status import status_from_text

SCALAR_FIELDS = (
    "code", "title", "title_is_proposed", "summary", "objective", "background", "lead_unit", "funding_source",
    "start", "end", "status_override", "beneficiaries_direct", "beneficiaries_indirect", "accomplishments_as_of",
    "accomplishments_to_date",
)
LIST_FIELDS = (
    "expected_accomplishments", "planned_activities", "key_accomplishments", "outcomes", "budgets", "countries",
    "regions", "sdgs", "sdg_targets", "thematic_areas", "partners", "activities", "resources",
)
FIELDS = SCALAR_FIELDS + LIST_FIELDS

# Prefetches that let project_snapshot read a batch of projects in a fixed number of queries.
SNAPSHOT_PREFETCH = (
    "expected_accomplishments", "planned_activities", "key_accomplishments", "outcomes", "budgets",
    "country_links", "region_links__region", "sdg_goal_links", "sdg_target_links", "thematic_area_links__thematic_area",
    "partner_links", "activities", "resources",
)
SNAPSHOT_RELATED = ("lead_unit", "funding_source")


def money(amount: Decimal | int | float) -> str:
    """An amount as a string with two decimals, so that 1308543 and 1308543.00 compare equal."""
    return f"{Decimal(str(amount)):.2f}"


def record_snapshot(record: Record) -> dict[str, Any]:
    """The values a parsed record gives each field, in comparable form."""
    return {
        "code": record.code or None,
        "title": record.title,
        "title_is_proposed": record.title_is_proposed,
        "summary": record.summary,
        "objective": record.objective,
        "background": record.background,
        "lead_unit": record.lead_unit,
        "funding_source": record.funding_source,
        "start": record.start.iso() if record.start else None,
        "end": record.end.iso() if record.end else None,
        "status_override": status_from_text(record.status),
        "beneficiaries_direct": record.beneficiaries_direct,
        "beneficiaries_indirect": record.beneficiaries_indirect,
        "accomplishments_as_of": record.accomplishments_as_of.iso() if record.accomplishments_as_of else None,
        "accomplishments_to_date": record.accomplishments_to_date and bool(record.key_accomplishments),
        "expected_accomplishments": list(record.expected_accomplishments),
        "planned_activities": list(record.planned_activities),
        "key_accomplishments": list(record.key_accomplishments),
        "outcomes": [[o.number, o.text, o.target_year] for o in record.outcomes],
        "budgets": [[money(b.amount), b.currency, b.kind, b.label] for b in record.budgets],
        "countries": sorted(set(record.countries)),
        "regions": [record.region] if record.region else [],
        "sdgs": sorted(set(record.sdgs)),
        "sdg_targets": sorted(set(record.sdg_targets)),
        "thematic_areas": list(dict.fromkeys(record.thematic_areas)),
        "partners": _dedupe([[p.text or p.name, p.role] for p in record.partners]),
        "activities": [
            [e.type, e.title, e.start.iso() if e.start else None, e.end.iso() if e.end else None, e.country,
             e.city or "", e.online, e.participants, e.participants_qualifier or "", e.participants_profile or "",
             e.participant_countries, e.dates_text, e.summary]
            for e in record.activities
        ],
        "resources": [[r.type, r.title, r.url or ""] for r in record.resources],
    }


def project_snapshot(project: Project) -> dict[str, Any]:
    """The values the registry holds for each field, in the same form as record_snapshot.

    Use on projects fetched with SNAPSHOT_PREFETCH and SNAPSHOT_RELATED, or it costs a query per list.
    """
    p = project
    return {
        "code": p.code,
        "title": p.title,
        "title_is_proposed": p.title_is_proposed,
        "summary": p.summary,
        "objective": p.objective,
        "background": p.background,
        "lead_unit": p.lead_unit.code if p.lead_unit else None,
        "funding_source": p.funding_source.code if p.funding_source else None,
        "start": p.start.iso() if p.start else None,
        "end": p.end.iso() if p.end else None,
        "status_override": p.status_override,
        "beneficiaries_direct": p.beneficiaries_direct,
        "beneficiaries_indirect": p.beneficiaries_indirect,
        "accomplishments_as_of": p.accomplishments_as_of_partial.iso() if p.accomplishments_as_of else None,
        "accomplishments_to_date": any(k.to_date for k in p.key_accomplishments.all()),
        "expected_accomplishments": [x.text for x in p.expected_accomplishments.all()],
        "planned_activities": [x.text for x in p.planned_activities.all()],
        "key_accomplishments": [x.text for x in p.key_accomplishments.all()],
        "outcomes": [[o.number, o.text, o.target_year] for o in p.outcomes.all()],
        "budgets": [[money(b.amount), b.currency_id, b.kind, b.label] for b in p.budgets.all()],
        "countries": sorted(link.country_id for link in p.country_links.all()),
        "regions": [link.region.name for link in p.region_links.all()],
        "sdgs": sorted(link.goal_id for link in p.sdg_goal_links.all()),
        "sdg_targets": sorted(link.target_id for link in p.sdg_target_links.all()),
        "thematic_areas": [link.thematic_area.name for link in p.thematic_area_links.all()],
        "partners": [[link.name_as_written, link.role] for link in p.partner_links.all()],
        "activities": [
            [a.type, a.title, a.start.iso() if a.start else None, a.end.iso() if a.end else None, a.country_id,
             a.city, a.online, a.participants, a.participants_qualifier, a.participants_profile,
             a.participant_countries, a.dates_text, a.summary]
            for a in sorted(p.activities.all(), key=lambda a: a.position)
        ],
        "resources": [[r.type, r.title, r.url] for r in p.resources.all()],
    }


def _dedupe(rows: list[list[Any]]) -> list[list[Any]]:
    seen, out = set(), []
    for row in rows:
        key = tuple(row)
        if key not in seen:
            seen.add(key)
            out.append(row)
    return out
