"""IATI 2.03 activity XML from Capdev projects, streamed: one activity at a time, projects read in chunks.

Memory stays flat in the size of the portfolio: projects are read by primary key in chunks of CHUNK with
their related rows as plain tuples (`export_rows`: a fixed number of queries per chunk, none per project, no
model instances), each activity is built as a small lxml element (its values: `export_values`) and written
out through `lxml.etree.xmlfile` before the next one is built.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import IO

from django.db.models import Q, QuerySet
from django.utils import timezone
from lxml import etree

from capdev.organisations.tree import unit_ids_under
from capdev.projects.models import Project, ProjectStatus, derive_status
from capdev.texts.languages import to_iati

from . import codelists, conf, mapping
from .export_rows import Document, IndicatorRow, OutcomeRow, ProjectRow, Related, iter_project_rows
from .export_values import (  # noqa: F401 - budget_periods and split_amount: read as export.* too
    allocate,
    budget_periods,
    budget_rows,
    identifier,
    iso_datetime,
    money_text,
    number_text,
    percent_text,
    split_amount,
)

CHUNK = 200
VERSION = "2.03"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


# ---------------------------------------------------------------------------------------------- selection
def projects_for_export(*, include_unpublished: bool = False, country: str | None = None,
                        unit: str | None = None, ids: Iterable[int] | None = None) -> QuerySet:
    """The projects to publish: published ones only unless include_unpublished (staff), optionally filtered.

    country is an ISO alpha-3 or alpha-2 code; unit an OrgUnit code (its sub-units included).
    """
    qs = Project.objects.all() if include_unpublished else Project.objects.published()
    if country:
        code = country.strip().upper()
        qs = qs.filter(Q(countries__iso3=code) | Q(countries__iso2=code))
    if unit:
        qs = qs.filter(lead_unit__in=unit_ids_under(codes=[unit.strip()]))
    if ids is not None:
        qs = qs.filter(pk__in=list(ids))
    return qs.distinct().order_by("pk")


def iter_chunks(qs: QuerySet, chunk: int = CHUNK) -> Iterator[list[ProjectRow]]:
    """The projects of qs in primary-key order, chunk by chunk, each with every row its activity needs."""
    return iter_project_rows(qs, chunk)



# ---------------------------------------------------------------------------------------------- building
@dataclass
class Context:
    """What every activity of one export shares: today, the reporting organisation, the language."""

    today: dt.date = field(default_factory=timezone.localdate)
    now: dt.datetime = field(default_factory=timezone.now)
    reporting: dict = field(default_factory=conf.reporting_org)
    language: str = field(default_factory=conf.language)


def _sub(parent: etree._Element, tag: str, attrib: dict | None = None, text: str | None = None) -> etree._Element:
    el = etree.SubElement(parent, tag, {k: v for k, v in (attrib or {}).items() if v not in (None, "")})
    if text is not None:
        el.text = text
    return el


def _narrative(parent: etree._Element, text: str, translations: dict | None = None) -> None:
    """The element's narrative in the activity's language and, after it, one per translation with its xml:lang
    (IATI 2.03: xml:lang is left out only where it is the activity's own, which the original's always is)."""
    _sub(parent, "narrative", text=_clean(text))
    for language, translated in sorted((translations or {}).items()):
        if _clean(translated):
            _sub(parent, "narrative", {XML_LANG: to_iati(language)}, text=_clean(translated))


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _clean(text: str) -> str:
    return _CONTROL.sub("", text or "").strip()


def dac_sector(project: ProjectRow) -> str:
    """The DAC 5-digit sector of a project with no sector rows: its unit's, a parent unit's, or the default."""
    for sector in project.unit_sectors:  # the lead unit, its parent and grandparent
        if sector:
            return sector
    return conf.default_dac_sector()


def activity_status(project: ProjectRow, today: dt.date, iati=None) -> str:
    """The ActivityStatus code: from the editor's status or the dates; cancelled/suspended kept from IATI."""
    if iati is not None and iati.activity_status in {"5", "6"} and not project.status_override:
        return iati.activity_status
    status = project.status_override or derive_status(project.start_date, project.end_date, today)
    return mapping.STATUS_TO_IATI.get(status, "2")


def build_activity(project: ProjectRow, ctx: Context) -> etree._Element:
    """The iati-activity element of one project (its rows read by export_rows)."""
    iati = project.iati
    reporting = ({"ref": iati.reporting_org_ref, "name": iati.reporting_org_name, "type": iati.reporting_org_type}
                 if iati is not None and iati.reporting_org_ref else ctx.reporting)
    budgets = budget_rows(project)
    currency = (iati.default_currency if iati is not None and iati.default_currency else
                budgets[0].currency if budgets else conf.default_currency())
    if (iati is not None and iati.last_updated_datetime and iati.imported_at
            and project.last_updated <= iati.imported_at):
        updated = iati.last_updated_datetime  # unchanged since its import: the publisher's own date stands
    else:
        updated = project.last_updated
    act = etree.Element("iati-activity", {
        # The language the project's texts are in (Project.language; IATI's Language codelist has "zh").
        XML_LANG: ((project.language or "").split("-")[0]
                   or (iati.language if iati is not None and iati.language else ctx.language)),
        "default-currency": currency,
        "last-updated-datetime": iso_datetime(updated),
    })
    _sub(act, "iati-identifier", text=identifier(project, reporting["ref"] if iati is None else None))
    rep = _sub(act, "reporting-org", {"ref": reporting["ref"], "type": reporting["type"]})
    _narrative(rep, reporting["name"] or reporting["ref"])
    translated = project.translations
    _narrative(_sub(act, "title"), project.title, translated.get("title"))
    descriptions = [(type_, text, translated.get(name)) for type_, text, name in (
        ("1", project.summary, "summary"), ("2", project.objective, "objective"),
        ("3", project.beneficiaries_direct, ""), ("3", project.beneficiaries_indirect, ""),
        ("4", project.background, "background")) if _clean(text)]
    if not descriptions:
        # The 2.03 schema requires a description (minOccurs 1): a project with none publishes its title as its
        # general description rather than be rejected (the importer recognises it and stores no summary).
        descriptions = [("1", project.title, translated.get("title"))]
    for type_, text, translations in descriptions:
        _narrative(_sub(act, "description", {"type": type_}), text, translations)
    _participating_orgs(act, project, reporting)
    if project.code:
        other = _sub(act, "other-identifier", {"ref": project.code, "type": "A1"})
        owner = _sub(other, "owner-org", {"ref": reporting["ref"]})
        _narrative(owner, reporting["name"] or reporting["ref"])
    _sub(act, "activity-status", {"code": activity_status(project, ctx.today, iati)})
    _activity_dates(act, project, ctx.today)
    _places(act, project)
    _sectors(act, project)
    for goal in project.goals:
        _sub(act, "tag", {"vocabulary": "2", "code": str(goal)})
    for target in project.targets:
        _sub(act, "tag", {"vocabulary": "3", "code": target})
    for b in budgets:
        el = _sub(act, "budget", {"type": b.type, "status": b.status})
        _sub(el, "period-start", {"iso-date": b.start.isoformat()})
        _sub(el, "period-end", {"iso-date": b.end.isoformat()})
        _sub(el, "value", {"currency": b.currency, "value-date": b.start.isoformat()}, money_text(b.amount))
    for document in project.documents:
        _document_link(act, document)
    for related in project.related:
        _related_activity(act, related, ctx)
    for outcome in project.outcomes:
        _result(act, outcome, project)
    return act


def _participating_orgs(act, project: ProjectRow, reporting: dict) -> None:
    by_role: dict[str, list] = {"1": [], "2": [], "3": [], "4": []}
    for link in project.partners:
        if link.role in mapping.ROLE_TO_IATI:
            by_role[mapping.ROLE_TO_IATI[link.role]].append(link)
    for role in ("1", "2", "3", "4"):
        orgs = by_role[role]
        if role == "2" and not orgs:
            el = _sub(act, "participating-org", {"ref": reporting["ref"], "role": "2", "type": reporting["type"]})
            _narrative(el, reporting["name"] or reporting["ref"])
            continue
        seen = set()
        for org in orgs:
            if org.organisation_id in seen:
                continue
            seen.add(org.organisation_id)
            el = _sub(act, "participating-org", {"ref": org.iati_ref.strip(), "role": role,
                                                 "type": mapping.ORG_TYPE_TO_IATI.get(org.type, "")})
            _narrative(el, org.name)


def _activity_dates(act, project: ProjectRow, today: dt.date) -> None:
    status = project.status_override or derive_status(project.start_date, project.end_date, today)
    if project.start_date:
        _sub(act, "activity-date", {"type": "1", "iso-date": project.start_date.isoformat()})
        if project.start_date <= today and status != ProjectStatus.PLANNED:
            _sub(act, "activity-date", {"type": "2", "iso-date": project.start_date.isoformat()})
    if project.end_date:
        _sub(act, "activity-date", {"type": "3", "iso-date": project.end_date.isoformat()})
        if project.end_date < today and status == ProjectStatus.COMPLETED:
            _sub(act, "activity-date", {"type": "4", "iso-date": project.end_date.isoformat()})


def region_vocabulary(region) -> tuple[str, str]:
    """(RegionVocabulary, code) of a Capdev region: UN M49 (2), OECD DAC (1) for imported ones, else our own (99)."""
    if region.m49:
        return "2", region.m49
    if region.code.startswith(mapping.DAC_REGION_PREFIX):
        return "1", region.code[len(mapping.DAC_REGION_PREFIX):]
    return "99", region.code


def _places(act, project: ProjectRow) -> None:
    countries, regions = project.countries, project.regions
    if not countries and not regions:
        code = conf.unspecified_region()
        if code:
            _sub(act, "recipient-region", {"code": code, "vocabulary": "1", "percentage": "100"})
        return
    shares = allocate([c.percentage for c in countries] + [r.percentage for r in regions])
    for country, share in zip(countries, shares[:len(countries)]):
        _sub(act, "recipient-country", {"code": country.iso2, "percentage": percent_text(share)})
    for region, share in zip(regions, shares[len(countries):]):
        vocabulary, code = region_vocabulary(region)
        el = _sub(act, "recipient-region", {"code": code, "vocabulary": vocabulary,
                                            "percentage": percent_text(share)})
        if vocabulary == "99":
            _narrative(el, region.name)


def sector_rows(project: ProjectRow) -> list[tuple[str, str, str, Decimal]]:
    """(vocabulary, code, narrative, percentage) of each sector to publish; each vocabulary's percentages sum to 100."""
    by_vocab: dict[str, list[tuple[str, str, Decimal | None]]] = {}
    for row in project.sectors:
        by_vocab.setdefault(row.vocabulary, []).append((row.code, row.name, row.percentage))
    if "1" not in by_vocab:
        code = dac_sector(project)
        by_vocab["1"] = [(code, codelists.label("Sector", code), None)]
    if "7" not in by_vocab:
        goals = [str(goal) for goal in project.goals]
        if goals:
            by_vocab["7"] = [(g, "", None) for g in goals]
    if "8" not in by_vocab:
        targets = project.targets
        if targets:
            by_vocab["8"] = [(t, "", None) for t in targets]
    out = []
    order = ["1"] + sorted((v for v in by_vocab if v not in {"1", "7", "8"}), key=lambda v: (len(v), v)) + ["7", "8"]
    for vocab in order:
        items = by_vocab.get(vocab)
        if not items:
            continue
        for (code, name, _p), share in zip(items, allocate([p for _c, _n, p in items])):
            out.append((vocab, code, name, share))
    return out


def _sectors(act, project: ProjectRow) -> None:
    for vocab, code, name, share in sector_rows(project):
        el = _sub(act, "sector", {"vocabulary": vocab, "code": code, "percentage": percent_text(share)})
        if name:
            _narrative(el, name)


def _document_link(act, resource: Document) -> None:
    el = _sub(act, "document-link", {"url": resource.url, "format": mapping.file_format(resource.url)})
    _narrative(_sub(el, "title"), resource.title or resource.url)
    _sub(el, "category", {"code": mapping.RESOURCE_TO_CATEGORY.get(resource.type, mapping.DEFAULT_CATEGORY)})
    if resource.language and codelists.is_known("Language", resource.language.lower()):
        _sub(el, "language", {"code": resource.language.lower()})
    if resource.date:
        _sub(el, "document-date", {"iso-date": resource.date.isoformat()})


def _related_activity(act, related: Related, ctx: Context) -> None:
    el = _sub(act, "related-activity", {"ref": identifier(related, ctx.reporting["ref"]),
                                        "type": mapping.RELATION_TO_IATI.get(related.kind, "3")})
    etree.SubElement(el, mapping.RELATION_KIND_TAG, {"kind": related.kind}, nsmap={"capdev": mapping.CAPDEV_NS})


def indicator_measure(indicator: IndicatorRow) -> str:
    """IndicatorMeasure: 2 for percentages, 1 for other numbers, 5 (qualitative) when nothing is numeric."""
    values = indicator.values
    numeric = (indicator.baseline_value is not None or indicator.target_value is not None
               or any(v.actual is not None or v.target is not None for v in values))
    if not numeric:
        return "5"
    return "2" if indicator.unit.strip().lower() in {"%", "percent", "percentage", "per cent"} else "1"


def _result(act, outcome: OutcomeRow, project: ProjectRow) -> None:
    el = _sub(act, "result", {"type": "2"})
    _narrative(_sub(el, "title"), outcome.text, outcome.translations)
    indicators = outcome.indicators
    if not indicators:
        # IATI requires an indicator per result: a qualitative one that repeats the outcome stands in
        # (the importer recognises it and creates no Indicator for it).
        ind = _sub(el, "indicator", {"measure": "5"})
        _narrative(_sub(ind, "title"), outcome.text, outcome.translations)
        return
    for indicator in indicators:
        measure = indicator_measure(indicator)
        ind = _sub(el, "indicator", {"measure": measure, "ascending": "1" if indicator.ascending else "0"})
        _narrative(_sub(ind, "title"), indicator.title)
        if measure == "5":
            continue
        year = indicator.baseline_year or (project.start_date.year if project.start_date else None)
        if indicator.baseline_value is not None and year:
            _sub(ind, "baseline", {"year": str(year), "value": number_text(indicator.baseline_value)})
        values = indicator.values
        for v in values:
            period = _sub(ind, "period")
            _sub(period, "period-start", {"iso-date": v.period_start.isoformat()})
            _sub(period, "period-end", {"iso-date": v.period_end.isoformat()})
            if v.target is not None:
                _sub(period, "target", {"value": number_text(v.target)})
            if v.breakdowns:
                _people_actuals(period, v)
            elif v.actual is not None:
                _sub(period, "actual", {"value": number_text(v.actual)})
        if not values and indicator.target_value is not None and (indicator.target_year or project.end_date):
            end_year = indicator.target_year or project.end_date.year
            start = project.start_date if project.start_date and project.start_date.year <= end_year \
                else dt.date(end_year, 1, 1)
            period = _sub(ind, "period")
            _sub(period, "period-start", {"iso-date": start.isoformat()})
            _sub(period, "period-end", {"iso-date": dt.date(end_year, 12, 31).isoformat()})
            _sub(period, "target", {"value": number_text(indicator.target_value)})


def _people_actuals(period, value) -> None:
    """A value computed from the people data (capdev.people.indicators): the total, then one actual per sex
    with its `dimension name="sex"`; a value or a part resting on fewer people than the threshold is left out
    (capdev.people.privacy: IATI is public)."""
    from capdev.people.indicators import public_value

    shown = public_value(value.actual, list(value.breakdowns))
    if shown.actual is None:
        return
    _sub(period, "actual", {"value": number_text(shown.actual)})
    for sex, amount in shown.by_sex:
        actual = _sub(period, "actual", {"value": number_text(amount)})
        _sub(actual, "dimension", {"name": "sex", "value": sex})


# ---------------------------------------------------------------------------------------------- writing
def root_attributes(ctx: Context) -> dict[str, str]:
    """The iati-activities attributes: version and generated-datetime."""
    return {"version": VERSION, "generated-datetime": iso_datetime(ctx.now)}


def write_activities(out: IO[bytes], qs: QuerySet, ctx: Context | None = None) -> int:
    """Write the iati-activities document of qs's projects to a binary file; return how many were written."""
    count = 0
    for _chunk in _write(out, qs, ctx or Context()):
        count += 1
    return count


def _write(out, qs: QuerySet, ctx: Context) -> Iterator[None]:
    with etree.xmlfile(out, encoding="utf-8") as xf:
        xf.write_declaration()
        with xf.element("iati-activities", root_attributes(ctx)):
            xf.write("\n")
            for chunk in iter_chunks(qs):
                for project in chunk:
                    if project.start_date is None and project.end_date is None:
                        # activity-date is required: a project with no dates cannot be published yet.
                        xf.write(etree.Comment(f" project {project.pk} not published: it has no start or end date "))
                        xf.write("\n")
                        continue
                    xf.write(build_activity(project, ctx), pretty_print=True)
                    xf.flush()
                    yield None


class _Sink:
    """A write-only buffer drained by the streaming response."""

    def __init__(self):
        self.parts: list[bytes] = []
        self.size = 0

    def write(self, data: bytes) -> None:
        self.parts.append(bytes(data))
        self.size += len(data)

    def drain(self) -> bytes:
        data = b"".join(self.parts)
        self.parts, self.size = [], 0
        return data


def stream_activities(qs: QuerySet, ctx: Context | None = None, buffer: int = 64 * 1024) -> Iterator[bytes]:
    """The iati-activities document of qs's projects as byte chunks, for a StreamingHttpResponse."""
    sink = _Sink()
    for _ in _write(sink, qs, ctx or Context()):
        if sink.size >= buffer:
            yield sink.drain()
    tail = sink.drain()
    if tail:
        yield tail


def project_document(project: Project, ctx: Context | None = None) -> bytes:
    """One project's activity as a whole iati-activities document (for the validator)."""
    qs = Project.objects.filter(pk=project.pk).order_by("pk")
    sink = _Sink()
    for _ in _write(sink, qs, ctx or Context()):
        pass
    return sink.drain()
