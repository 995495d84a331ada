"""Write parsed narrative records to the registry: idempotent, one transaction per file, provenance kept.

The parser (capdev.narrative) knows nothing of the database; this module knows nothing of text. Records are
taken from the parser as it reads them and written BATCH at a time (names resolved, projects matched per
batch), so that a file's size changes how long an import takes, not how much memory it needs; the whole file
is still one transaction, and any error leaves the database as it was.
"""
from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from capdev import narrative
from capdev.core import fields, statistics
from capdev.narrative import limits
from capdev.narrative.types import PartialDate, Record
from capdev.projects import models as pm
from capdev.projects.records import with_record_data
from capdev.projects.search import reindex_projects

from . import originals, relations
from .batches import Progressing, Written, batches
from .resolve import Resolver
from .rows import RowWriter, sha256
from .snapshot import LIST_FIELDS, SCALAR_FIELDS, project_snapshot, record_snapshot


def reporting_ref() -> str:
    """The IATI reference of the organisation this registry publishes as."""
    from capdev.iati import conf

    return conf.reporting_org()["ref"]


BATCH = 200  # records written at a time: the loader holds no more parsed records than this


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


class RecordLoader(RowWriter):
    """Loads the records of narrative files into the registry."""

    def __init__(self, *, publish: bool = False, update: bool = False, dry_run: bool = False,
                 progress: Callable[[Iterable[Record]], Iterable[Record]] | None = None, user=None,
                 new_only: bool = False, batch: int = BATCH):
        self.user = user  # when set, every record is checked against what this user may create, edit, publish
        # Creating only (the API's POST): a record that finds a project already there is refused, never written
        # over it (changing a project is PUT/PATCH on it, with its own checks).
        self.new_only = new_only
        self.publish = publish
        self.update = update
        self.dry_run = dry_run
        # progress(records): the records, passed on while showing how far they are (a Progressing: records.size,
        # records.done(record)).
        self.progress = progress or (lambda items: items)
        self.batch = batch
        self.records_provenance = True  # imports keep their source; editors' changes through the API do not

    def load_path(self, path: str | Path) -> FileResult:
        """Import one file; on any input error (a limit exceeded included) nothing is written and the error is in
        the result."""
        path = Path(path)
        result = FileResult(str(path))
        try:
            # A plain text file is read a chunk at a time and never held whole, its original kept the same way;
            # a document (HTML, DOCX, PDF) is read whole into text within the CAPDEV_IMPORT_* limits.
            original = originals.open_file(path, max_bytes=limits.MAX_FILE_BYTES)
            records, size, done = self.read(original.source, path)
        except narrative.InputError as exc:
            result.error = str(exc)
            return result
        result.notes.extend(original.notes if original.kind != "text" else ())
        return self.load_records(records, result, file_sha=original.sha256, original=original, size=size, done=done)

    def read(self, source: narrative.TextFile | originals.Text, path: Path
             ) -> tuple[Iterable[Record], int, Callable[[Record], int]]:
        """The records of a file's text as the parser reads them (narrative text here; JsonRecordLoader reads the
        JSON shape), with the text's length and where each record ends in it (for the progress bar)."""
        relater = narrative.Relater(keep_later=False)  # the links are written from the later record's side
        records = narrative.iter_records(source.chunks(), source_file=path.name, relater=relater,
                                         max_record=limits.MAX_RECORD_CHARS)
        return records, source.chars, lambda r: r.offset + len(r.text)

    def load_records(self, records: Iterable[Record], result: FileResult, file_sha: str = "",
                     original: originals.Original | originals.OriginalFile | None = None, size: int = 0,
                     done: Callable[[Record], int] | None = None) -> FileResult:
        """Write a file's records in one transaction (rolled back on a dry run), a batch at a time as they come,
        with the original file when given. size and done(record) say how far the records are (progress)."""
        try:
            with transaction.atomic():
                self._load(self.progress(Progressing(records, size, done or (lambda r: r.index + 1))), result,
                           file_sha)
                if original is not None:
                    original.keep()
                if self.dry_run:
                    raise DryRunRollback
        except DryRunRollback:
            pass
        except (PermissionDenied, narrative.InputError) as exc:
            # The parser's error names the file already; a permission refused does not.
            result.error = str(exc) if isinstance(exc, narrative.InputError) else f"{result.path}: {exc}"
            result.created = result.updated = result.unchanged = result.flags = 0
            result.project_ids = []
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

    def _load(self, records: Iterable[Record], result: FileResult, file_sha: str) -> None:
        written = Written()
        for batch in batches(records, self.batch):
            result.found += len(batch)
            self._load_batch(batch, result, file_sha, written)
            del batch  # let the batch go before the parser reads the next one

    def _load_batch(self, records: list[Record], result: FileResult, file_sha: str, written: Written) -> None:
        matched = self._match(records)
        if self.new_only and matched:
            raise RecordExists(next(iter(matched.values())))
        if self.user is not None:
            self._check_permissions(records, matched)
        resolver = Resolver(records)
        projects_by_index: dict[int, pm.Project] = {}
        for record in records:
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
            written.add(record, project.pk)
        self._relate(records, written)
        result.project_ids.extend(projects_by_index[r.index].pk for r in records)
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
            was = last.get(name)
            if name == "funding_source":  # "Compte pour le développement" as written is the DA the registry holds
                new, was = resolver.funding_code(new), resolver.funding_code(was)
            if current.get(name) == new:
                continue
            if name in last and current.get(name) != was and not self.update:
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

    def _relate(self, records: list[Record], written: Written) -> None:
        """Relations of this batch's records to the records of the file written so far (this batch's included),
        each of the kind the loader can justify (capdev.importer.relations)."""
        if getattr(self, "_linker", None) is None or self._linker.written is not written:
            self._linker = relations.Linker(written)  # one per file: the families seen in it so far
        self._linker.link(records, stated=getattr(self, "stated_relations", None))


class JsonRecordLoader(RecordLoader):
    """Loads files in the JSON shape (`import-legacy --json`, the JSON export, the API) into the registry."""

    def read(self, source: narrative.TextFile | originals.Text, path: Path
             ) -> tuple[Iterable[Record], int, Callable[[Record], int]]:
        """Records from a JSON list of records (or an object holding one under "results" or "records"); the
        relations a JSON export states (kind and other project) are kept for _relate."""
        data = self.json_items(source.text(), path)
        records = self.records_of(data, path)
        self.stated_relations = {i: [e for e in item.get("relations") or [] if isinstance(e, dict)]
                                 for i, item in enumerate(data)
                                 if isinstance(item, dict) and isinstance(item.get("relations"), list)}
        # The bar counts characters, as for narrative files: each record stands for its share of the file.
        share = source.chars / max(1, len(records))
        return records, source.chars, lambda r: round((r.index + 1) * share)

    @classmethod
    def parse_json(cls, text: str, path: Path) -> list[Record]:
        """Records from the JSON text of a file."""
        return cls.records_of(cls.json_items(text, path), path)

    @staticmethod
    def json_items(text: str, path: Path) -> list:
        """The list of record objects the JSON text of a file holds (InputError where it holds none)."""
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise narrative.InputError(f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}",
                                       name=str(path)) from exc
        if isinstance(data, dict):
            data = data.get("results", data.get("records"))
        if not isinstance(data, list) or not data:
            raise narrative.InputError("expected a non-empty JSON list of project records", name=str(path))
        return data

    @staticmethod
    def records_of(data: list, path: Path) -> list[Record]:
        """The records of a JSON list (InputError naming the record and key that is wrong)."""
        try:
            return [Record.from_json(item, i) for i, item in enumerate(data)]
        except ValueError as exc:
            raise narrative.InputError(str(exc), name=str(path)) from exc


def _row_id(text: str) -> int | None:
    """The row id a text writes (fields.ROW_ID: ASCII digits, within the column), or None."""
    try:
        return fields.ROW_ID.parse(text)
    except ValidationError:
        return None
