"""How the loader writes a record's values to the registry: scalar fields, the rows of each list field
(countries, budgets, partners, activities with their organisers, indicators...), review flags and the source
record kept with its spans. RecordLoader (loader.py) inherits these writers."""
from __future__ import annotations

import hashlib
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from capdev import narrative
from capdev.activities.models import Activity, ActivityOrganiser, Resource
from capdev.core.bulk import create_with_history
from capdev.core.models import from_partial
from capdev.narrative.types import Record
from capdev.projects import models as pm

from .resolve import Resolver
from .status import status_from_text


def sha256(data: bytes | str) -> str:
    """Hex SHA-256 of bytes or of text encoded as UTF-8."""
    return hashlib.sha256(data.encode("utf-8") if isinstance(data, str) else data).hexdigest()



def _decimal(value: Any) -> Decimal | None:
    return None if value is None or value == "" else Decimal(str(value))


class RowWriter:
    """The writers of RecordLoader."""

    # -- writers ----------------------------------------------------------------------------------

    @staticmethod
    def _set_scalars(project: pm.Project, record: Record, names: Iterable[str], resolver: Resolver) -> None:
        for name in names:
            if name == "lead_unit":
                project.lead_unit = resolver.unit(record.lead_unit)
            elif name == "funding_source":
                project.funding_source = resolver.funding_source(record.funding_source)
            elif name == "start":
                project.start = record.start
            elif name == "end":
                project.end = record.end
            elif name in ("code", "iati_identifier"):
                setattr(project, name, getattr(record, name) or None)
            elif name == "status_override":
                project.status_override = status_from_text(record.status)
            elif name == "accomplishments_as_of":
                project.accomplishments_as_of, project.accomplishments_as_of_precision = from_partial(
                    record.accomplishments_as_of, "first")
            elif name == "accomplishments_to_date":
                pass  # stored on each key accomplishment row
            elif name == "title":
                project.title = (record.title or "")[:500]
            else:
                setattr(project, name, getattr(record, name))

    def _write_list(self, project: pm.Project, name: str, record: Record, resolver: Resolver,
                    replace: bool = False) -> None:
        model, rows = self._rows(project, name, record, resolver)
        if replace:
            model.objects.filter(project=project).delete()
        if rows:
            create_with_history(model, rows)
        if name == "activities":
            self._write_organisers(project, record, resolver)
        if name == "outcomes":
            self._write_indicators(project, record)

    def _rows(self, project: pm.Project, name: str, record: Record, resolver: Resolver):
        if name in ("expected_accomplishments", "planned_activities"):
            model = pm.ExpectedAccomplishment if name == "expected_accomplishments" else pm.PlannedActivity
            return model, [model(project=project, position=i, text=t) for i, t in enumerate(getattr(record, name))]
        if name == "key_accomplishments":
            as_of, precision = from_partial(record.accomplishments_as_of, "first")
            return pm.KeyAccomplishment, [
                pm.KeyAccomplishment(project=project, position=i, text=t, as_of=as_of,
                                     as_of_precision=precision, to_date=record.accomplishments_to_date)
                for i, t in enumerate(record.key_accomplishments)]
        if name == "outcomes":
            return pm.Outcome, [pm.Outcome(project=project, position=i, number=o.number, text=o.text,
                                           target_year=o.target_year) for i, o in enumerate(record.outcomes)]
        if name == "sectors":
            rows = {(x.vocabulary, x.code): pm.ProjectSector(project=project, vocabulary=x.vocabulary[:3],
                                                             code=x.code[:20], name=x.name[:300],
                                                             percentage=x.percentage) for x in record.sectors}
            return pm.ProjectSector, list(rows.values())
        if name == "budgets":
            rows = []
            for b in record.budgets:
                currency = resolver.currency(b.currency)
                if currency is None:
                    continue
                kind = b.kind if b.kind in pm.Budget.Kind.values else pm.Budget.Kind.OTHER
                # isascii: "²⁰²⁴" is digits to isdigit(), not to int()
                year = int(b.label) if b.label.isascii() and b.label.isdigit() and len(b.label) == 4 else None
                rows.append(pm.Budget(project=project, position=len(rows), kind=kind, amount=b.amount,
                                      currency=currency, label=b.label[:200], year=year,
                                      period_start=b.period_start or None, period_end=b.period_end or None))
            return pm.Budget, rows
        if name == "countries":
            inferred = not any(s.field == "countries" for s in record.spans)
            return pm.ProjectCountry, [pm.ProjectCountry(project=project, country=resolver.country(c),
                                                         percentage=record.country_percentages.get(c),
                                                         inferred=inferred)
                                       for c in dict.fromkeys(record.countries) if resolver.country(c)]
        if name == "regions":
            names = record.regions or ([record.region] if record.region else [])
            regions = {r.pk: r for r in (resolver.region(n) for n in names) if r is not None}
            return pm.ProjectRegion, [pm.ProjectRegion(project=project, region=r) for r in regions.values()]
        if name == "sdgs":
            return pm.ProjectSdgGoal, [pm.ProjectSdgGoal(project=project, goal=g)
                                       for g in resolver.goals_with_targets(record.sdgs, record.sdg_targets)]
        if name == "sdg_targets":
            return pm.ProjectSdgTarget, [pm.ProjectSdgTarget(project=project, target=resolver.target(t))
                                         for t in dict.fromkeys(record.sdg_targets) if resolver.target(t)]
        if name == "thematic_areas":
            return pm.ProjectThematicArea, [pm.ProjectThematicArea(project=project, thematic_area=resolver.theme(t))
                                            for t in dict.fromkeys(record.thematic_areas)]
        if name == "partners":
            return pm.ProjectPartner, [
                pm.ProjectPartner(project=project, organisation=org, role=role, position=i,
                                  name_as_written=text[:300])
                for i, (org, role, text) in enumerate(self._resolved_partner_rows(record, resolver))]
        if name == "activities":
            rows = []
            for i, e in enumerate(record.activities):
                a = Activity(project=project, position=i, type=e.type, title=(e.title or e.type)[:500],
                             dates_text=e.dates_text[:300], online=e.online, country=resolver.country(e.country),
                             city=(e.city or "")[:120], participants=e.participants,
                             participants_qualifier=(e.participants_qualifier or "")[:20],
                             participants_profile=(e.participants_profile or "")[:300],
                             participant_countries=e.participant_countries or None, summary=e.summary,
                             recalled=e.recalled)
                a.start, a.end = e.start, e.end
                if a.start_date and a.end_date and a.end_date < a.start_date:
                    a.end = None
                rows.append(a)
            return Activity, rows
        if name == "resources":
            rows = []
            for i, r in enumerate(record.resources):
                res = Resource(project=project, position=i, type=r.type if r.type in Resource.Type.values else "other",
                               title=r.title[:500], url=r.url or "", language=r.language or "")
                res.date, res.date_precision = from_partial(r.date, "first")
                rows.append(res)
            return Resource, rows
        raise ValueError(f"unknown list field {name}")

    @staticmethod
    def _resolved_partner_rows(record: Record, resolver: Resolver) -> list[tuple[Any, str, str]]:
        rows, seen = [], set()
        for p in record.partners:
            org = resolver.organisation(p)
            role = p.role if p.role in pm.ProjectPartner.Role.values else pm.ProjectPartner.Role.COOPERATING
            if (org.pk, role) in seen:
                continue
            seen.add((org.pk, role))
            rows.append((org, role, p.text or p.name))
        return rows

    @staticmethod
    def _partner_values(project: pm.Project) -> list[list[str]]:
        return [[link.name_as_written, link.role] for link in pm.ProjectPartner.objects.filter(project=project)]

    @staticmethod
    def _write_organisers(project: pm.Project, record: Record, resolver: Resolver) -> None:
        activities = list(Activity.objects.filter(project=project).order_by("position"))
        links = {}
        for activity, event in zip(activities, record.activities):
            for name in event.organisers:
                org = resolver.organisation_named(name)
                if org is not None:
                    links[(activity.pk, org.pk)] = ActivityOrganiser(activity=activity, organisation=org)
        if links:
            create_with_history(ActivityOrganiser, list(links.values()))

    @staticmethod
    def _write_indicators(project: pm.Project, record: Record) -> None:
        if not any(o.indicators for o in record.outcomes):
            return
        outcomes = list(pm.Outcome.objects.filter(project=project).order_by("position"))
        indicators, values = [], []
        for outcome, data in zip(outcomes, record.outcomes):
            for i, ind in enumerate(data.indicators):
                row = pm.Indicator(outcome=outcome, position=i, title=ind.title[:500], unit=ind.unit[:100],
                                   ascending=ind.ascending, baseline_value=ind.baseline,
                                   baseline_year=ind.baseline_year, target_value=ind.target,
                                   target_year=ind.target_year)
                indicators.append((row, ind.values))
        create_with_history(pm.Indicator, [row for row, _ in indicators])
        saved = list(pm.Indicator.objects.filter(outcome__project=project).order_by("outcome__position", "position"))
        for row, (_unsaved, data_values) in zip(saved, indicators):
            for v in data_values:
                values.append(pm.IndicatorValue(indicator=row, period_start=v["period_start"],
                                                period_end=v["period_end"], actual=_decimal(v.get("actual")),
                                                target=_decimal(v.get("target")), comment=v.get("comment") or ""))
        if values:
            create_with_history(pm.IndicatorValue, values)

    @staticmethod
    def _write_flags(project: pm.Project, record: Record, replace: bool = False) -> None:
        if replace:
            pm.ReviewFlag.objects.filter(project=project, state=pm.ReviewFlag.State.OPEN).delete()
            resolved = set(pm.ReviewFlag.objects.filter(project=project).values_list("field", "reason"))
        else:
            resolved = set()
        flags = [pm.ReviewFlag(project=project, field=f.field[:60], reason=f.reason[:500])
                 for f in record.flags if (f.field[:60], f.reason[:500]) not in resolved]
        if flags:
            create_with_history(pm.ReviewFlag, flags)

    @staticmethod
    def _write_source(project: pm.Project, record: Record, values: dict[str, Any], file_sha: str) -> None:
        pm.SourceRecord.objects.create(
            project=project, file_name=record.source_file or "", file_sha256=file_sha, index=record.index,
            offset=record.offset, format=record.source_format[:20], text=record.text, text_sha256=sha256(record.text),
            importer_version=narrative.PARSER_VERSION, parsed=values,
            spans=[[s.field, s.start - record.offset, s.end - record.offset] for s in record.spans],
            unparsed=list(record.unparsed),
        )

