"""Write parsed narrative records to the registry: idempotent, one transaction per file, provenance kept.

The parser (capdev.narrative) knows nothing of the database; this module knows nothing of text.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from capdev import narrative
from capdev.activities.models import Activity, ActivityOrganiser, Resource
from capdev.core import fields, statistics
from capdev.core.models import from_partial
from capdev.narrative.types import PartialDate, Record
from capdev.projects import models as pm
from capdev.projects.records import with_record_data
from capdev.projects.search import reindex_projects

from . import originals, relations
from .resolve import Resolver
from .snapshot import LIST_FIELDS, SCALAR_FIELDS, project_snapshot, record_snapshot
from .status import status_from_text


def reporting_ref() -> str:
    """The IATI reference of the organisation this registry publishes as."""
    from capdev.iati import conf

    return conf.reporting_org()["ref"]


class RecordExists(Exception):
    """A record meant to create a project found one already there (by code, IATI identifier or text)."""

    def __init__(self, project: pm.Project):
        super().__init__(project.pk)
        self.project = project


@dataclass
class FileResult:
    """What importing one file did."""

    path: str
    found: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    flags: int = 0
    kept: list[str] = field(default_factory=list)  # "project: field" where an editor's value was kept
    notes: list[str] = field(default_factory=list)
    error: str | None = None
    project_ids: list[int] = field(default_factory=list)  # the project of each record, in order


class DryRunRollback(Exception):
    """Raised inside the transaction to undo a dry run."""


def _decimal(value: Any) -> Decimal | None:
    return None if value is None or value == "" else Decimal(str(value))


def sha256(data: bytes | str) -> str:
    """Hex SHA-256 of bytes or of text encoded as UTF-8."""
    return hashlib.sha256(data.encode("utf-8") if isinstance(data, str) else data).hexdigest()


class RecordLoader:
    """Loads the records of narrative files into the registry."""

    def __init__(self, *, publish: bool = False, update: bool = False, dry_run: bool = False,
                 progress: Callable[[Iterable[Record]], Iterable[Record]] | None = None, user=None,
                 new_only: bool = False):
        self.user = user  # when set, every record is checked against what this user may create, edit, publish
        # Creating only (the API's POST): a record that finds a project already there is refused, never written
        # over it (changing a project is PUT/PATCH on it, with its own checks).
        self.new_only = new_only
        self.publish = publish
        self.update = update
        self.dry_run = dry_run
        self.progress = progress or (lambda items: items)
        self.records_provenance = True  # imports keep their source; editors' changes through the API do not

    def load_path(self, path: str | Path) -> FileResult:
        """Import one file; on any input error nothing is written and the error is in the result."""
        path = Path(path)
        result = FileResult(str(path))
        try:
            data = path.read_bytes()
        except OSError as exc:
            result.error = f"{path}: cannot read: {exc.strerror or exc}"
            return result
        try:
            original = originals.read(data, str(path))  # text, HTML, DOCX or PDF (capdev.sources)
            records = self.read(original.text, path)
        except narrative.InputError as exc:
            result.error = str(exc)
            return result
        result.notes.extend(original.notes if original.kind != "text" else ())
        return self.load_records(records, result, file_sha=original.sha256, original=original)

    @staticmethod
    def read(text: str, path: Path) -> list[Record]:
        """The records of a decoded file: narrative text here; JsonRecordLoader reads the JSON shape."""
        return narrative.parse_text(text, source_file=path.name)

    def load_records(self, records: list[Record], result: FileResult, file_sha: str = "",
                     original: originals.Original | None = None) -> FileResult:
        """Write a file's records in one transaction (rolled back on a dry run), with the original file when given."""
        result.found = len(records)
        try:
            with transaction.atomic():
                self._load(records, result, file_sha)
                if original is not None:
                    original.keep()
                if self.dry_run:
                    raise DryRunRollback
        except DryRunRollback:
            pass
        except PermissionDenied as exc:
            result.error = f"{result.path}: {exc}"
            result.created = result.updated = result.unchanged = result.flags = 0
        else:
            if not self.dry_run:
                statistics.refresh_after_import(result.created + result.updated)
        return result

    def _check_permissions(self, records: list[Record], matched: dict[int, pm.Project]) -> None:
        """Refuse the whole file when the user may not write one of its records (an import run for a user)."""
        from capdev.accounts import permissions as perms
        from capdev.organisations.models import OrgUnit

        user = self.user
        if self.publish and not perms.can_publish(user):
            raise PermissionDenied(_("%(user)s may not publish projects") % {"user": user})
        allowed = perms.editable_unit_ids(user)
        units = dict(OrgUnit.objects.filter(code__in={r.lead_unit for r in records if r.lead_unit})
                     .values_list("code", "pk"))
        for r in records:
            project = matched.get(r.index)
            # A published project changes through its working copy and a review (permissions.can_change_in_place).
            ok = (perms.can_change_in_place(user, project) if project is not None
                  else allowed is None or units.get(r.lead_unit) in (allowed or ()))
            if not ok:
                raise PermissionDenied(_("record %(n)d (%(title)s): %(user)s may not write projects of unit "
                                         "%(unit)s") % {"n": r.index + 1, "title": (r.title or "untitled")[:60],
                                                        "user": user, "unit": r.lead_unit or _("(none)")})

    # -- the work --------------------------------------------------------------------------------

    def _load(self, records: list[Record], result: FileResult, file_sha: str) -> None:
        matched = self._match(records)
        if self.new_only and matched:
            raise RecordExists(next(iter(matched.values())))
        if self.user is not None:
            self._check_permissions(records, matched)
        resolver = Resolver(records)
        projects_by_index: dict[int, pm.Project] = {}
        for record in self.progress(records):
            resolver.take_fresh()
            project = matched.get(record.index)
            wanted = self._normalise(record_snapshot(record), resolver)
            if project is None:
                project = self._create(record, wanted, resolver, file_sha)
                result.created += 1
            else:
                changed = self._update(project, record, wanted, resolver, file_sha, result)
                if changed:
                    result.updated += 1
                else:
                    result.unchanged += 1
            result.flags += len(record.flags)
            projects_by_index[record.index] = project
        self._relate(records, projects_by_index)
        result.project_ids = [projects_by_index[r.index].pk for r in records]
        result.notes.extend(f"created {note}" for note in resolver.created)
        reindex_projects(p.pk for p in projects_by_index.values())  # keep full-text search current

    def update_project(self, project: pm.Project, record: Record, result: FileResult | None = None) -> FileResult:
        """Apply a record to a given project (the API's PUT and PATCH), overwriting as --update does.

        This is an editor's change, not an import: it adds no SourceRecord, so that a later re-import of the
        project's page sees the change as an editor's and keeps it.
        """
        self.records_provenance = False
        result = result or FileResult("api")
        result.found = 1
        with transaction.atomic():
            project = with_record_data(pm.Project.objects.filter(pk=project.pk)).get()
            resolver = Resolver([record])
            self._last_parsed = {}
            wanted = self._normalise(record_snapshot(record), resolver)
            if self._update(project, record, wanted, resolver, "", result):
                result.updated = 1
            else:
                result.unchanged = 1
            result.project_ids = [project.pk]
            reindex_projects([project.pk])
        return result

    def _match(self, records: list[Record]) -> dict[int, pm.Project]:
        """The existing project of each record: by code, else by the record's text seen before."""
        codes = {r.code for r in records if r.code}
        identifiers = {r.iati_identifier for r in records if r.iati_identifier}
        text_hashes = {sha256(r.text): r.index for r in records if r.text.strip()}
        by_code = {p.code: p for p in with_record_data(pm.Project.objects.registry_with("code", codes))}
        by_identifier = {p.iati_identifier: p for p in
                         with_record_data(pm.Project.objects.registry_with("iati_identifier", identifiers))}
        # Identifiers this registry minted for projects without one of their own ("<ref>-capdev-<id>").
        minted = {ident: pk for ident in identifiers - set(by_identifier)
                  if ident.startswith(f"{reporting_ref()}-capdev-")
                  and (pk := _row_id(ident.rsplit("-", 1)[1])) is not None}
        for project in self._prefetched().filter(pk__in=minted.values(), iati_identifier__isnull=True):
            by_identifier.update({i: project for i, pk in minted.items() if pk == project.pk})
        sources = pm.SourceRecord.objects.filter(text_sha256__in=text_hashes).values_list("text_sha256", "project_id")
        by_hash = {h: pid for h, pid in sources}
        by_id = {p.pk: p for p in self._prefetched().filter(pk__in=set(by_hash.values()))}
        matched = {}
        for r in records:
            project = by_code.get(r.code) if r.code else None
            if project is None and r.iati_identifier:
                project = by_identifier.get(r.iati_identifier)
            if project is None and r.text.strip():
                project = by_id.get(by_hash.get(sha256(r.text)))
            if project is not None:
                matched[r.index] = project
        # What the last import of each matched project wrote, read in one query.
        self._last_parsed: dict[int, dict] = {}
        for pid, parsed in (pm.SourceRecord.objects.filter(project__in=[p.pk for p in matched.values()])
                            .order_by("project_id", "-imported_at", "-pk").values_list("project_id", "parsed")):
            self._last_parsed.setdefault(pid, parsed)
        return matched

    @staticmethod
    def _prefetched():
        return with_record_data(pm.Project.objects.registry())

    @staticmethod
    def _normalise(values: dict[str, Any], resolver: Resolver) -> dict[str, Any]:
        """Drop what cannot be stored (unknown codes, partners that resolve to one organisation twice)."""
        values["countries"] = [c for c in values["countries"] if resolver.country(c[0])]
        values["sdg_targets"] = [t for t in values["sdg_targets"] if resolver.target(t)]
        values["sdgs"] = sorted(g.number for g in resolver.goals_with_targets(values["sdgs"], values["sdg_targets"]))
        values["budgets"] = [b for b in values["budgets"] if resolver.currency(b[1])]
        for row in values["activities"]:
            if row[4] and not resolver.country(row[4]):
                row[4] = None
            if row[2] and row[3] and PartialDate.from_iso(row[3]).last_day() < PartialDate.from_iso(row[2]).first_day():
                row[3] = None  # a reversed event date is flagged by the parser; the end is not stored
        return values

    def _create(self, record: Record, wanted: dict[str, Any], resolver: Resolver, file_sha: str) -> pm.Project:
        project = pm.Project(
            review_state=pm.ReviewState.PUBLISHED if self.publish else pm.ReviewState.IN_REVIEW,
            published_at=timezone.now() if self.publish else None,
        )
        self._set_scalars(project, record, SCALAR_FIELDS, resolver)
        project.save()
        for name in LIST_FIELDS:
            self._write_list(project, name, record, resolver)
        wanted["partners"] = self._partner_values(project)
        self._flag_fresh(record, resolver)
        self._write_flags(project, record)
        self._write_source(project, record, wanted, file_sha)
        return project

    @staticmethod
    def _flag_fresh(record: Record, resolver: Resolver) -> None:
        """A funding source or organisation the reference data did not know, created for this record: flagged,
        so that a reviewer merges it with a known one or accepts it."""
        for field_name, name in resolver.take_fresh():
            what = _("new funding source") if field_name == "funding_source" else _("new organisation")
            record.flag(field_name, f"{what}, not in the reference data: {name[:200]}")

    def _update(self, project: pm.Project, record: Record, wanted: dict[str, Any], resolver: Resolver,
                file_sha: str, result: FileResult) -> bool:
        current = project_snapshot(project)
        last = self._last_parsed.get(project.pk, {})
        to_write = []
        for name, new in wanted.items():
            if name == "partners":
                continue  # compared after resolution, below
            if current.get(name) == new:
                continue
            if name in last and current.get(name) != last[name] and not self.update:
                result.kept.append(f"{project}: {name}")
                continue
            to_write.append(name)
        partners_changed = self._partners_differ(current["partners"], record, resolver, last)
        if partners_changed == "kept":
            result.kept.append(f"{project}: partners")
        elif partners_changed:
            to_write.append("partners")
        if {"accomplishments_to_date", "accomplishments_as_of"} & set(to_write):
            to_write.append("key_accomplishments")  # both are stored on the accomplishment rows
        if self.publish and project.review_state != pm.ReviewState.PUBLISHED:
            project.review_state = pm.ReviewState.PUBLISHED
            project.published_at = timezone.now()
            project.save(update_fields=["review_state", "published_at", "last_updated"])
            to_write.append("review_state")
        if not to_write:
            return False
        scalars = [n for n in to_write if n in SCALAR_FIELDS]
        if scalars:
            self._set_scalars(project, record, scalars, resolver)
            project.save()
        elif "review_state" not in to_write:
            # Its lists alone change: still a new version of the project (capdev.core.versions), so that an
            # editor's page or an API client holding the one before cannot write it back.
            project.save(update_fields=["last_updated"])
        for name in to_write:
            if name in LIST_FIELDS:
                self._write_list(project, name, record, resolver, replace=True)
        wanted["partners"] = self._partner_values(project) if "partners" in to_write else current["partners"]
        if self.records_provenance:
            self._flag_fresh(record, resolver)
            self._write_flags(project, record, replace=True)
            self._write_source(project, record, wanted, file_sha)
        return True

    def _partners_differ(self, current: list, record: Record, resolver: Resolver, last: dict) -> bool | str:
        new = self._resolved_partner_rows(record, resolver)
        wanted = [[text, role] for _, role, text in new]
        if wanted == current:
            return False
        if "partners" in last and current != last["partners"] and not self.update:
            return "kept"
        return True

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
            bulk_create_with_history(rows, model, batch_size=500)
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
            bulk_create_with_history(list(links.values()), ActivityOrganiser)

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
        bulk_create_with_history([row for row, _ in indicators], pm.Indicator)
        saved = list(pm.Indicator.objects.filter(outcome__project=project).order_by("outcome__position", "position"))
        for row, (_unsaved, data_values) in zip(saved, indicators):
            for v in data_values:
                values.append(pm.IndicatorValue(indicator=row, period_start=v["period_start"],
                                                period_end=v["period_end"], actual=_decimal(v.get("actual")),
                                                target=_decimal(v.get("target")), comment=v.get("comment") or ""))
        if values:
            bulk_create_with_history(values, pm.IndicatorValue)

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
            bulk_create_with_history(flags, pm.ReviewFlag)

    @staticmethod
    def _write_source(project: pm.Project, record: Record, values: dict[str, Any], file_sha: str) -> None:
        pm.SourceRecord.objects.create(
            project=project, file_name=record.source_file or "", file_sha256=file_sha, index=record.index,
            offset=record.offset, format=record.source_format[:20], text=record.text, text_sha256=sha256(record.text),
            importer_version=narrative.PARSER_VERSION, parsed=values,
            spans=[[s.field, s.start - record.offset, s.end - record.offset] for s in record.spans],
            unparsed=list(record.unparsed),
        )

    def _relate(self, records: list[Record], projects: dict[int, pm.Project]) -> None:
        relations.link(records, projects, stated=getattr(self, "stated_relations", None))


class JsonRecordLoader(RecordLoader):
    """Loads files in the JSON shape (`import-legacy --json`, the JSON export, the API) into the registry."""

    def read(self, text: str, path: Path) -> list[Record]:
        """Records from a JSON list of records (or an object holding one under "results" or "records"); the
        relations a JSON export states (kind and other project) are kept for _relate."""
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise narrative.InputError(f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}",
                                       name=str(path)) from exc
        if isinstance(data, dict):
            data = data.get("results", data.get("records"))
        if not isinstance(data, list) or not data:
            raise narrative.InputError("expected a non-empty JSON list of project records", name=str(path))
        try:
            records = [Record.from_json(item, i) for i, item in enumerate(data)]
        except ValueError as exc:
            raise narrative.InputError(str(exc), name=str(path)) from exc
        self.stated_relations = {i: [e for e in item.get("relations") or [] if isinstance(e, dict)]
                                 for i, item in enumerate(data) if isinstance(item.get("relations"), list)}
        return records


def _row_id(text: str) -> int | None:
    """The row id a text writes (fields.ROW_ID: ASCII digits, within the column), or None."""
    try:
        return fields.ROW_ID.parse(text)
    except ValidationError:
        return None
