"""Exports of a filtered list of projects: an XLSX workbook with one sheet per entity."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import IO, Any

from django.utils.translation import gettext as _
from openpyxl import Workbook

from capdev.core.views import XLSX_CONTENT_TYPE, partial_iso, xlsx_cell  # noqa: F401 - projects.views reads it here

from .models import Project, project_budget_lines

CHUNK = 500  # projects per prefetch round: memory and queries stay bounded whatever the portfolio's size


_cell = xlsx_cell  # one rule for every workbook a list exports (capdev.core.views)


def project_budget_total(project: Project) -> Decimal | None:
    """The sum of the project's budget lines by the one rule (project_budget_lines), None where it has none."""
    totals = [b.amount for b in project_budget_lines(project.budgets.all())]
    return sum(totals, Decimal(0)) if totals else None


def project_budget_currencies(project: Project) -> list[str]:
    """The currencies of the lines project_budget_total adds, in order."""
    return list(dict.fromkeys(b.currency_id for b in project_budget_lines(project.budgets.all())))


def _chunks(queryset) -> Iterator[list[Project]]:
    """The queryset's projects in prefetched chunks."""
    batch: list[Project] = []
    for project in queryset.iterator(chunk_size=CHUNK):
        batch.append(project)
        if len(batch) == CHUNK:
            yield batch
            batch = []
    if batch:
        yield batch


SHEETS: dict[str, list[str]] = {
    "projects": ["id", "code", "iati_identifier", "title", "lead_unit", "funding_source", "start", "end", "status",
                 "review_state", "regions", "countries", "sdgs", "sdg_targets", "thematic_areas", "summary",
                 "objective", "last_updated", "budget_total", "budget_currency"],
    "outcomes": ["project_id", "project_code", "number", "text", "target_year", "indicator", "unit", "baseline",
                 "target", "latest_actual"],
    "activities": ["project_id", "project_code", "type", "title", "start", "end", "dates_text", "online", "country",
                   "city", "participants", "participants_qualifier", "participants_profile", "participant_countries",
                   "recalled"],
    "partners": ["project_id", "project_code", "organisation", "acronym", "type", "role", "name_as_written"],
    # New columns go last, so that a reader of the older columns by position still finds them.
    "budgets": ["project_id", "project_code", "kind", "amount", "currency", "year", "label", "period_start",
                "period_end", "counted"],
    # The texts in other UN languages (capdev.texts): one row per text and language; outcome_number is empty for
    # the project's own texts (title, summary, objective, background), and field is "outcome" for an outcome's.
    "translations": ["project_id", "project_code", "outcome_number", "field", "language", "text"],
}
WORKBOOK_PREFETCH = (
    "region_links__region", "country_links", "sdg_goal_links", "sdg_target_links",
    "thematic_area_links__thematic_area", "outcomes__indicators__values", "activities", "partner_links__organisation",
    "budgets", "text_translations", "outcomes__translations",
)


def workbook_rows(projects: Iterable[Project]) -> dict[str, list[list[Any]]]:
    """The rows of each sheet for a batch of projects (fetched with WORKBOOK_PREFETCH)."""
    from capdev.people.indicators import public_readings  # computed values resting on few people: not shown

    rows: dict[str, list[list[Any]]] = {name: [] for name in SHEETS}
    projects = list(projects)
    readings = public_readings([v for p in projects for o in p.outcomes.all() for i in o.indicators.all()
                                for v in list(i.values.all())[-1:]])
    for p in projects:
        rows["projects"].append([
            p.pk, p.code, p.iati_identifier, p.title, p.lead_unit.code if p.lead_unit else None,
            p.funding_source.code if p.funding_source else None, partial_iso(p.start_date, p.start_precision),
            partial_iso(p.end_date, p.end_precision), p.status, p.review_state,
            [link.region.name for link in p.region_links.all()], [link.country_id for link in p.country_links.all()],
            [link.goal_id for link in p.sdg_goal_links.all()], [link.target_id for link in p.sdg_target_links.all()],
            [link.thematic_area.name for link in p.thematic_area_links.all()], p.summary, p.objective, p.last_updated,
            project_budget_total(p), project_budget_currencies(p)])
        for o in p.outcomes.all():
            indicators = list(o.indicators.all()) or [None]
            for i in indicators:
                values = list(i.values.all()) if i else []
                latest = values[-1].actual if values else None
                if values and values[-1].pk in readings:
                    latest = readings[values[-1].pk].actual
                rows["outcomes"].append([p.pk, p.code, o.number, o.text, o.target_year, i.title if i else None,
                                         i.unit if i else None, i.baseline_value if i else None,
                                         i.target_value if i else None, latest])
        for a in sorted(p.activities.all(), key=lambda a: a.position):
            rows["activities"].append([p.pk, p.code, a.type, a.title, partial_iso(a.start_date, a.start_precision),
                                       partial_iso(a.end_date, a.end_precision), a.dates_text, a.online,
                                       a.country_id, a.city, a.participants, a.participants_qualifier,
                                       a.participants_profile, a.participant_countries, a.recalled])
        for link in p.partner_links.all():
            org = link.organisation
            rows["partners"].append([p.pk, p.code, org.name, org.acronym, org.type, link.role, link.name_as_written])
        # Which lines the budget adds, so that the counted ones sum to the projects sheet's budget_total.
        counted = {b.pk for b in project_budget_lines(p.budgets.all())}
        for b in p.budgets.all():
            rows["budgets"].append([p.pk, p.code, b.kind, b.amount, b.currency_id, b.year, b.label, b.period_start,
                                    b.period_end, b.pk in counted])
        for t in sorted(p.text_translations.all(), key=lambda t: (t.field, t.language)):
            rows["translations"].append([p.pk, p.code, None, t.field, t.language, t.text])
        for o in p.outcomes.all():
            for t in sorted(o.translations.all(), key=lambda t: t.language):
                rows["translations"].append([p.pk, p.code, o.number, "outcome", t.language, t.text])
    return rows


def write_workbook(queryset, out: IO[bytes]) -> None:
    """Write the projects of a queryset as an XLSX workbook, one sheet per entity, in bounded memory."""
    book = Workbook(write_only=True)
    sheets = {name: book.create_sheet(title=_(name)[:31]) for name in SHEETS}
    for name, header in SHEETS.items():
        sheets[name].append(header)
    queryset = queryset.select_related("lead_unit", "funding_source").prefetch_related(*WORKBOOK_PREFETCH)
    for batch in _chunks(queryset):
        for name, rows in workbook_rows(batch).items():
            for row in rows:
                sheets[name].append([_cell(v) for v in row])
    book.save(out)
