"""The work the background worker does for an import job: read the file into a preview, then import the
records kept. Plain functions of a job id (capdev.imports.tasks wraps them as tasks), safe to run twice: each
starts only from the state it expects, so a task run again after a worker restart does nothing twice.

Reading happens outside any transaction, so the page sees its progress as it goes. Importing is one transaction
(all the kept records, or none); on PostgreSQL its progress is written from a second connection, which SQLite,
with one writer at a time, cannot offer: there the page shows the step without a count.
"""
from __future__ import annotations

import hashlib
import logging
import threading
from typing import Any

from django.conf import settings
from django.db import connection, connections, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from capdev import narrative
from capdev.importer import originals
from capdev.importer.loader import FileResult, RecordLoader

from . import access
from .models import ImportJob, ImportRecord
from .preview import record_preview

log = logging.getLogger(__name__)


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# -- progress ---------------------------------------------------------------------------------------------------

def report(job_id: int, **fields) -> None:
    """Write progress (and any other fields) on the job, at once (outside a transaction)."""
    ImportJob.objects.filter(pk=job_id).update(last_updated=timezone.now(), **fields)


def report_from_inside(job_id: int, **fields) -> None:
    """Progress while the import's transaction is open, written through another connection (a thread has its
    own) where the database lets two connections write at once."""
    if connection.vendor != "postgresql":
        return

    def write():
        try:
            report(job_id, **fields)
        finally:
            connections.close_all()  # this thread's own connection

    thread = threading.Thread(target=write, name="capdev-import-progress")
    thread.start()
    thread.join()


class Counter:
    """Wraps the records the loader walks, reporting every few of them."""

    def __init__(self, job_id: int, stage: str, total: int):
        self.job_id, self.stage, self.total = job_id, stage, total

    def __call__(self, records):
        total = self.total  # the loader may hand the records over in batches: the count is known here
        step = max(1, total // 50)
        for n, record in enumerate(records, start=1):
            yield record
            if n % step == 0 or n == total:
                report_from_inside(self.job_id, stage=self.stage, done=min(n, total), total=total)


def fail(job_id: int, message: str) -> None:
    """End a job with a message the person importing can act on."""
    report(job_id, state=ImportJob.State.FAILED, error=message[:5000], stage="")


def _claim(job_id: int, expected: str, new: str, stage: str) -> ImportJob | None:
    """Move the job from expected to new in one statement; None when it was not in the expected state."""
    if not ImportJob.objects.filter(pk=job_id, state=expected).update(state=new, stage=stage, done=0, total=0,
                                                                      last_updated=timezone.now()):
        return None
    return ImportJob.objects.select_related("unit", "user", "confirmed_by").get(pk=job_id)


def _guard(step):
    """Run a step; any error it did not foresee ends the job as failed (never left running) and is logged."""
    def run(job_id: int) -> None:
        try:
            step(job_id)
        except Exception:  # noqa: BLE001 - the job must end, whatever went wrong
            log.exception("import job %s failed", job_id)
            fail(job_id, _("The import stopped on an unexpected error; nothing was written. The error is in the "
                           "server log."))
    run.__name__ = step.__name__
    run.__doc__ = step.__doc__
    return run


# -- reading ----------------------------------------------------------------------------------------------------

def narrative_records(job: ImportJob) -> tuple[originals.Original, list]:
    """The file's text and records, with the job's unit given to records that name none."""
    original = originals.read(bytes(job.data), job.file_name)
    records = narrative.parse_text(original.text, source_file=job.file_name)
    if job.unit_id:
        for r in records:
            if not r.lead_unit:
                r.lead_unit = job.unit.code
    return original, records


def _matches(records) -> dict:
    """The project each record would update (the loader's own matching: code, IATI identifier, text seen)."""
    return RecordLoader()._match(records)


@_guard
def read_job(job_id: int) -> None:
    """Read an uploaded file into previews, one ImportRecord per record (or IATI activity)."""
    job = _claim(job_id, ImportJob.State.QUEUED, ImportJob.State.READING, _("reading the file"))
    if job is None:
        return
    if job.format == ImportJob.Format.IATI:
        from .iati import read_iati

        return read_iati(job)
    try:
        original, records = narrative_records(job)
    except narrative.InputError as exc:
        return fail(job.pk, str(exc))
    limit = settings.CAPDEV_IMPORT_MAX_RECORDS
    if len(records) > limit:
        return fail(job.pk, _("%(file)s holds %(n)d records, more than the import page takes (%(limit)d): split it, "
                              "or import it with `capdev import-legacy`") % {"file": job.file_name, "n": len(records),
                                                                            "limit": limit})
    report(job.pk, stage=_("checking the records against the registry"), total=len(records), notes=original.notes,
           media_type=original.media_type)
    matched = _matches(records)
    units = _unit_ids(records)
    rows = []
    step = max(1, len(records) // 50)
    for n, r in enumerate(records, start=1):
        project = matched.get(r.index)
        allowed, why = access.record_allowed(job.user, project, units.get(r.lead_unit))
        item = record_preview(r)
        item["match"] = ({"pk": project.pk, "title": project.title, "state": project.review_state}
                         if project is not None else None)
        rows.append(ImportRecord(job=job, index=r.index, title=(r.title or "")[:500], preview=item,
                                 text_sha256=sha256(r.text), allowed=allowed, why_not=why[:300], keep=allowed))
        if n % step == 0:
            report(job.pk, done=n)
    with transaction.atomic():
        ImportRecord.objects.filter(job=job).delete()
        ImportRecord.objects.bulk_create(rows, batch_size=500)
        report(job.pk, state=ImportJob.State.READY, stage="", done=len(rows), total=len(rows))


def _unit_ids(records) -> dict[str, int]:
    """The id of each unit code the records name, in one query."""
    from capdev.organisations.models import OrgUnit

    return dict(OrgUnit.objects.filter(code__in={r.lead_unit for r in records if r.lead_unit})
                .values_list("code", "pk"))


# -- importing --------------------------------------------------------------------------------------------------

def confirm(job: ImportJob, user) -> bool:
    """Start importing the kept records: True the first time, False when the job was already confirmed (a double
    click) or is not ready. The check and the change are one UPDATE; the task is queued in the same transaction."""
    from .tasks import import_selected

    with transaction.atomic():
        started = ImportJob.objects.filter(pk=job.pk, state=ImportJob.State.READY).update(
            state=ImportJob.State.IMPORTING, stage=_("waiting for the worker"), confirmed_by=user,
            confirmed_at=timezone.now(), done=0, total=0, error="", last_updated=timezone.now())
        if started:
            import_selected.enqueue(job.pk)
    return bool(started)


@_guard
def import_job(job_id: int) -> None:
    """Import the kept records of a confirmed job as projects in review, in one transaction."""
    if not ImportJob.objects.filter(pk=job_id, state=ImportJob.State.IMPORTING, result={}).exists():
        return
    job = ImportJob.objects.select_related("unit", "user", "confirmed_by").get(pk=job_id)
    report(job.pk, stage=_("reading the file again"))
    if job.format == ImportJob.Format.IATI:
        from .iati import import_iati

        return import_iati(job)
    kept = dict(job.records.filter(keep=True, allowed=True).values_list("index", "text_sha256"))
    try:
        original, records = narrative_records(job)
    except narrative.InputError as exc:
        return fail(job.pk, str(exc))
    chosen = [r for r in records if r.index in kept]
    if len(chosen) != len(kept) or any(sha256(r.text) != kept[r.index] for r in chosen):
        return fail(job.pk, _("The file no longer reads as it did in the preview (was Capdev updated in between?). "
                              "Nothing was written: upload it again."))
    report(job.pk, stage=_("writing %(n)d records") % {"n": len(chosen)}, total=len(chosen))
    loader = RecordLoader(user=job.confirmed_by, publish=False,
                          progress=Counter(job.pk, _("writing %(n)d records") % {"n": len(chosen)}, len(chosen)))
    result = loader.load_records(chosen, FileResult(job.file_name), file_sha=original.sha256, original=original)
    if result.error:
        return fail(job.pk, result.error)
    finish(job, _summary(result))


def _summary(result: FileResult) -> dict[str, Any]:
    return {"found": result.found, "created": result.created, "updated": result.updated,
            "unchanged": result.unchanged, "flags": result.flags, "project_ids": result.project_ids,
            "kept": result.kept, "notes": result.notes}


def finish(job: ImportJob, summary: dict[str, Any]) -> None:
    """The job is done: its outcome kept, its bytes dropped (the projects' SourceFile holds them now)."""
    report(job.pk, state=ImportJob.State.DONE, stage="", result=summary, data=b"", done=summary.get("found", 0),
           total=summary.get("found", 0))
