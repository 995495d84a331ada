"""IATI activity files on the import page: previewed with capdev.iati's own reader, imported with its importer.

Reading uses capdev.iati.importer.Reader (the same values and findings as `capdev iati import`); importing writes
the kept activities to a file of their own and runs capdev.iati.importer.IatiImporter on it, in a transaction
that also gives new projects the job's unit, names the uploaded file in their provenance and keeps the original.
The user's right to each activity (change the project it matches, or create one in the unit) is checked when
it is read and again, for the confirming user, before anything is written.
"""
from __future__ import annotations

import copy
import hashlib
import io
import tempfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _
from lxml import etree

from capdev.importer.originals import Original
from capdev.projects.models import Project, SourceRecord
from capdev.projects.search import reindex_projects

from . import access
from .models import ImportJob, ImportRecord
from .runs import fail, finish, report


class _Refused(Exception):
    """Undo the import's transaction, with the message for the job."""


def _read(data: bytes, name: str):
    """Each activity the file holds, as capdev.iati reads it (its values, or Skipped), with the findings about it."""
    from capdev.iati import read_ahead
    from capdev.iati.importer import Reader

    findings = []
    reader = Reader(name, on_finding=findings.append)
    with tempfile.TemporaryDirectory(prefix="capdev-import-") as tmp:
        path = Path(tmp) / "upload.xml"
        path.write_bytes(data)
        for activity in read_ahead.in_this_process(path, reader):
            yield activity, findings
            findings.clear()


def _spans(xml: str, values: list[tuple[str, str]]) -> list[list]:
    """Where each value first appears in the activity's XML (values XML escapes differently are not marked)."""
    spans = []
    for field, value in values:
        at = xml.find(value) if value else -1
        if at >= 0:
            spans.append([field, at, at + len(value)])
    return spans


def _preview(a, findings) -> dict[str, Any]:
    summary = " ".join(a.descriptions.get("1", []))[:2000]
    countries = [c[0] for c in a.countries]
    start = a.dates.get("2") or a.dates.get("1")
    end = a.dates.get("4") or a.dates.get("3")
    fields = [("code", a.identifier), ("title", a.title), ("status", a.status),
              ("period", " – ".join(d.isoformat() for d in (start, end) if d)),
              ("partners", [f"{name or ref} ({role})" for role, ref, _type, name in a.partners]),
              ("countries", countries), ("budgets", [f"{b[3]} {b[2]:,} ({b[0]} – {b[1]})" for b in a.budgets]),
              ("sdgs", [f"SDG {g}" for g in a.goals] + list(a.targets)), ("summary", summary)]
    marks = [("code", a.identifier), ("title", a.title), ("summary", a.descriptions.get("1", [""])[0][:500])]
    marks += [("countries", f'code="{c}"') for c in countries]
    return {"kind": "iati", "title": a.title, "code": a.identifier, "text": a.xml, "line": a.line,
            "spans": _spans(a.xml, marks),
            "fields": [{"key": k, "value": v, "span": k if k in {m for m, _v in marks} else ""}
                       for k, v in fields if v not in ("", [], None)],
            # Every finding is a flag: the import keeps the activity and flags it (capdev.iati.flags), whatever
            # the severity; only a skipped activity cannot be kept.
            "flags": [[f.path or f.rule or f.severity, _flag_text(f)] for f in findings]}


def _flag_text(finding) -> str:
    """A finding as the preview shows it: the message, the value as written, the rule, the line."""
    text = finding.message
    if finding.value and repr(finding.value) not in text:
        text += _(" (as written: %(v)s)") % {"v": finding.value}
    text += f" [{finding.rule}]" if finding.rule else ""
    return text + (_(" (line %(line)d)") % {"line": finding.line} if finding.line else "")


def read_iati(job: ImportJob) -> None:
    """Preview each activity of an uploaded IATI file (the job is READING)."""
    from capdev.iati.reader import Skipped
    from capdev.iati.safexml import UnsafeXML

    rows, limit = [], settings.CAPDEV_IMPORT_MAX_RECORDS
    try:
        for n, (a, findings) in enumerate(_read(bytes(job.data), job.file_name), start=1):
            if n > limit:
                return fail(job.pk, _("%(file)s holds more than %(limit)d activities, more than the import page "
                                      "takes: use `capdev iati import`") % {"file": job.file_name, "limit": limit})
            if isinstance(a, Skipped):  # invalid against the schema, or no identifier: shown, never importable
                why = next((f.message for f in findings if f.rule == "skipped"), _("it cannot be imported"))
                rows.append(ImportRecord(job=job, index=n - 1,
                                         title=a.identifier if not a.identifier.startswith("#") else
                                         _("(activity without an identifier)"),
                                         preview={"kind": "iati", "fields": [], "line": a.line, "flags": [
                                             [f.path or f.rule or f.severity, _flag_text(f)] for f in findings]},
                                         allowed=False, why_not=why[:300], keep=False))
                continue
            rows.append(ImportRecord(job=job, index=n - 1, title=a.title[:500], preview=_preview(a, findings),
                                     text_sha256=a.sha))
            if n % 50 == 0:
                report(job.pk, stage=_("reading activities"), done=n, total=n)
    except UnsafeXML as exc:
        where = _(" (line %(line)s)") % {"line": exc.line} if exc.line else ""
        return fail(job.pk, f"{job.file_name}{where}: {exc.message}")
    if not rows:
        return fail(job.pk, _("%(file)s holds no iati-activity") % {"file": job.file_name})
    idents = [r.preview["code"] for r in rows if r.preview.get("code")]
    seen: set[str] = set()
    matched = {p.iati_identifier: p for p in Project.objects.registry_with("iati_identifier", idents)}
    for row in rows:
        if not row.preview.get("code"):
            continue
        project = matched.get(row.preview["code"])
        allowed, why = access.record_allowed(job.user, project, job.unit_id)
        if row.preview["code"] in seen:  # as the importer does: the first activity of an identifier is imported
            allowed, why = False, _("the file gives this iati-identifier already, above")
        seen.add(row.preview["code"])
        row.allowed, row.why_not, row.keep = allowed, why[:300], allowed
        row.preview["match"] = ({"pk": project.pk, "title": project.title, "state": project.review_state}
                                if project is not None else None)
    with transaction.atomic():
        ImportRecord.objects.filter(job=job).delete()
        ImportRecord.objects.bulk_create(rows, batch_size=500)
        report(job.pk, state=ImportJob.State.READY, stage="", done=len(rows), total=len(rows),
               media_type="application/xml")


def _kept_activities(data: bytes, kept: dict[str, str]) -> bytes:
    """A file with the root of the upload and only the kept activities; _Refused when one reads differently."""
    from capdev.iati.safexml import iter_activities

    out, found = None, set()
    for kind, el in iter_activities(io.BytesIO(data)):
        if kind == "root":
            out = etree.Element(el.tag, dict(el.attrib), nsmap=el.nsmap)
            continue
        ident = (el.findtext("iati-identifier") or "").strip()
        if ident in kept and ident not in found:
            xml = etree.tostring(el, encoding="unicode", with_tail=False)
            if hashlib.sha256(xml.encode("utf-8")).hexdigest() != kept[ident]:
                raise _Refused(_("The file no longer reads as it did in the preview. Nothing was written: upload "
                                 "it again."))
            found.add(ident)
            out.append(copy.deepcopy(el))
    if found != set(kept):
        raise _Refused(_("The file no longer holds every activity of the preview. Nothing was written."))
    return etree.tostring(out, xml_declaration=True, encoding="utf-8")


def import_iati(job: ImportJob) -> None:
    """Import the kept activities of a confirmed IATI job."""
    from capdev.iati.importer import IatiImporter

    kept = {r.preview["code"]: r.text_sha256 for r in job.records.filter(keep=True, allowed=True)}
    user = job.confirmed_by
    try:
        with transaction.atomic(), tempfile.TemporaryDirectory(prefix="capdev-import-") as tmp:
            existing = list(Project.objects.registry_with("iati_identifier", kept))
            for project in existing:
                ok, why = access.record_allowed(user, project, job.unit_id)
                if not ok:
                    raise _Refused(_("%(id)s: %(why)s") % {"id": project.iati_identifier, "why": why})
            if len(existing) < len(kept):
                ok, why = access.record_allowed(user, None, job.unit_id)
                if not ok:
                    raise _Refused(why)
            path = Path(tmp) / "kept.xml"
            path.write_bytes(_kept_activities(bytes(job.data), kept))
            report(job.pk, stage=_("writing %(n)d activities") % {"n": len(kept)}, total=len(kept))
            result = IatiImporter(publish=False).import_file(path)
            if result.refused:
                raise _Refused("; ".join(f.format(job.file_name) for f in result.errors[:5]))
            projects = Project.objects.registry_with("iati_identifier", kept)
            ids = list(projects.values_list("pk", flat=True))
            if job.unit_id:
                # Saved one by one: the change history, the list's index and the search text all hear of it.
                for project in Project.objects.filter(pk__in=ids, lead_unit__isnull=True):
                    project.lead_unit = job.unit
                    project._history_user = user
                    project.save(update_fields=["lead_unit", "last_updated"])
                reindex_projects(ids)
            # The records name the uploaded file, not the worker's copy of its kept activities.
            tmp_sha = hashlib.sha256(path.read_bytes()).hexdigest()
            SourceRecord.objects.filter(project__in=ids, file_sha256=tmp_sha).update(
                file_name=job.file_name, file_sha256=job.sha256)
            from capdev.iati.models import IatiActivity

            IatiActivity.objects.filter(project__in=ids, file_name=str(path)).update(file_name=job.file_name)
            Original(data=bytes(job.data), name=job.file_name, text="", kind="iati",
                     media_type="application/xml").keep()
    except _Refused as exc:
        return fail(job.pk, str(exc))
    finish(job, {"found": len(kept), "created": result.created, "updated": result.updated,
                 "unchanged": result.unchanged, "flags": result.flags, "project_ids": ids, "kept": [],
                 "notes": [result.summary()]})
