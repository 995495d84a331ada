"""A registry project as a narrative Record: the one JSON shape shared by import, export and the API."""
from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from capdev.core.models import to_partial
from capdev.narrative.types import Event, Flag, Indicator, Money, Outcome, Partner, Record, ResourceRef, Sector, Span

from .models import Project, ProjectRelation, ReviewState

# Everything project_record reads, so that a batch of projects costs a fixed number of queries.
RECORD_RELATED = ("lead_unit", "funding_source")
RECORD_PREFETCH = (
    "expected_accomplishments", "planned_activities", "key_accomplishments", "budgets", "country_links",
    "region_links__region", "sectors", "sdg_goal_links", "sdg_target_links", "thematic_area_links__thematic_area",
    "partner_links__organisation", "outcomes__indicators__values", "activities__organiser_links__organisation",
    "resources", "review_flags", "sources", "relations_from__to_project", "relations_to__from_project",
    # The texts' translations (capdev.texts), which the API's representation and the JSON export give.
    "text_translations", "outcomes__translations",
)

def with_record_data(queryset):
    """The queryset with everything project_record needs prefetched."""
    return queryset.select_related(*RECORD_RELATED).prefetch_related(*RECORD_PREFETCH)

def _num(value: Decimal | None) -> Decimal | None:
    # Decimal("500000.00") and Decimal("500000") are one amount; normalise so round trips compare equal.
    return None if value is None else value.normalize() if value == value.to_integral_value() else value

def project_record(project: Project, index: int = 0, positions: dict[int, int] | None = None) -> Record:
    """The project as a Record; positions maps related projects' ids to their index in the same export."""
    p = project
    sources = sorted(p.sources.all(), key=lambda s: (s.imported_at, s.pk))
    source = sources[-1] if sources else None
    record = Record(index=index, text=source.text if source else "", offset=source.offset if source else 0,
                    source_file=source.file_name if source else None)
    record.source_format = source.format if source else "registry"
    # SourceRecord keeps spans relative to the record's text; a Record's spans index the whole file.
    record.spans = [Span(f, s + record.offset, e + record.offset) for f, s, e in (source.spans if source else [])]
    record.unparsed = list(source.unparsed) if source else []
    # The identifier the project is published under (its own, or the reporting organisation's ref plus its code
    # or id): a JSON export re-imported finds its projects by it, even those without a code.
    from capdev.iati.export import identifier

    record.code, record.iati_identifier = p.code, identifier(p)
    record.title, record.title_is_proposed = p.title, p.title_is_proposed
    record.summary, record.objective, record.background = p.summary, p.objective, p.background
    record.expected_accomplishments = [x.text for x in p.expected_accomplishments.all()]
    record.planned_activities = [x.text for x in p.planned_activities.all()]
    keys = list(p.key_accomplishments.all())
    record.key_accomplishments = [x.text for x in keys]
    record.accomplishments_to_date = any(k.to_date for k in keys)
    record.accomplishments_as_of = to_partial(p.accomplishments_as_of, p.accomplishments_as_of_precision)
    record.partners = [Partner(name=link.organisation.name, acronym=link.organisation.acronym or None, role=link.role,
                               org_type=link.organisation.type, text=link.name_as_written)
                       for link in p.partner_links.all()]
    record.lead_unit = p.lead_unit.code if p.lead_unit else None
    record.funding_source = p.funding_source.code if p.funding_source else None
    record.budgets = [Money(_num(b.amount), b.currency_id, b.kind, b.label,
                            b.period_start.isoformat() if b.period_start else None,
                            b.period_end.isoformat() if b.period_end else None) for b in p.budgets.all()]
    record.start, record.end = p.start, p.end
    record.status = p.status_override or None
    record.regions = [link.region.name for link in p.region_links.all()]
    record.region = record.regions[0] if record.regions else None
    links = list(p.country_links.all())
    record.countries = [link.country_id for link in links]
    record.country_percentages = {link.country_id: _num(link.percentage) for link in links
                                  if link.percentage is not None}
    record.sectors = [Sector(s.vocabulary, s.code, s.name, _num(s.percentage)) for s in p.sectors.all()]
    record.sdgs = [link.goal_id for link in p.sdg_goal_links.all()]
    record.sdg_targets = [link.target_id for link in p.sdg_target_links.all()]
    record.thematic_areas = [link.thematic_area.name for link in p.thematic_area_links.all()]
    record.beneficiaries_direct, record.beneficiaries_indirect = p.beneficiaries_direct, p.beneficiaries_indirect
    record.outcomes = [
        Outcome(o.text, o.target_year, o.number, [
            Indicator(i.title, i.unit, i.ascending, _num(i.baseline_value), i.baseline_year, _num(i.target_value),
                      i.target_year,
                      [{"period_start": v.period_start.isoformat(), "period_end": v.period_end.isoformat(),
                                       "actual": _num(v.actual), "target": _num(v.target), "comment": v.comment}
                                      for v in i.values.all()])
            for i in o.indicators.all()])
        for o in p.outcomes.all()]
    record.activities = [
        Event(type=a.type, title=a.title, start=a.start, end=a.end, country=a.country_id, city=a.city or None,
              online=a.online, participants=a.participants, participants_qualifier=a.participants_qualifier or None,
              participants_profile=a.participants_profile or None, participant_countries=a.participant_countries,
              organisers=[link.organisation.acronym or link.organisation.name for link in a.organiser_links.all()],
              summary=a.summary, dates_text=a.dates_text, recalled=a.recalled)
        for a in sorted(p.activities.all(), key=lambda a: a.position)]
    record.resources = [ResourceRef(r.type, r.title, r.url or None, to_partial(r.date, r.date_precision),
                                    r.language or None) for r in p.resources.all()]
    positions = positions or {}
    related = ([rel.to_project_id for rel in p.relations_from.all()]
               + [rel.from_project_id for rel in p.relations_to.all()])
    record.related_to = [positions[pk] for pk in related if pk in positions]

    record.flags = [Flag(f.field, f.reason) for f in p.review_flags.all() if f.state == "open"]
    return record

def project_records(projects: Iterable[Project]) -> list[Record]:
    """Records for projects fetched with with_record_data(), related ones pointing at each other by index."""
    projects = list(projects)
    positions = {p.pk: i for i, p in enumerate(projects)}
    return [project_record(p, i, positions) for i, p in enumerate(projects)]


def relation_entries(project: Project, staff: bool, positions: dict[int, int] | None = None) -> list[dict]:
    """The project's relations in both directions, each as the project reads it: {"kind", "note", "project":
    {id, code, iati_identifier, title, url}} (and "index", the other's place in the same export). Only projects
    the reader may see: originals, published ones unless staff (filtersets.visible_projects' rule). From
    with_record_data()'s prefetch."""
    from django.urls import reverse

    from capdev.iati.export import identifier

    entries = []
    for kind, other, note in sorted(relations_seen(project), key=lambda row: (row[1].pk, row[0])):
        if other.draft_of_id is not None or not (staff or other.review_state == ReviewState.PUBLISHED):
            continue
        entry = {"kind": str(kind), "note": note, "project": {
            "id": other.pk, "code": other.code, "iati_identifier": identifier(other), "title": other.title,
            "url": reverse("projects:detail", args=[other.pk])}}
        if positions and other.pk in positions:
            entry["index"] = positions[other.pk]
        entries.append(entry)
    return entries


def relations_seen(project: Project) -> list[tuple[str, Project, str]]:
    """(what the other project is to this one, the other project, the note) for each relation in either direction,
    from prefetched relations_from (with to_project) and relations_to (with from_project)."""
    rows = [(r.kind, r.to_project, r.note) for r in project.relations_from.all()]
    rows += [(ProjectRelation.kind_seen_from(r.kind, True), r.from_project, r.note) for r in project.relations_to.all()]
    return rows
