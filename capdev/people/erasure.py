"""Erasing a person on request, or at the end of the retention period: their personal data blanked everywhere it
is kept, history included, their categories kept so that every count stays right, and the erasure logged
without the personal data.

Where a person's personal data live, and what happens to each:
- their Person row and every HistoricalPerson row: name, title, email, position, phone blanked; sex, country,
  institution and seniority kept (they are what the counts are made of);
- the sheet rows read from them (SheetRow.cells) and the rows of the stored file itself: every cell blanked
  but those of the columns mapped to a category (sex, country, role, days...);
- their evaluation responses: made anonymous, the free-text comment blanked, in the history too;
- the admin's log (LogEntry.object_repr) names a person by number only (Person.__str__), and is made so again;
- people merged into them are the same person and are erased with them.
Attendance, memberships and match proposals hold no personal data and stay, so counts do not move.
"""
from __future__ import annotations

import csv
import hashlib
import io
import logging

from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from capdev.projects import index_version

from .models import Attendance, Erasure, Person, Response, Sheet, SheetRow

log = logging.getLogger("capdev.people.erasure")

# Mapped fields whose cells are categories, kept in an erased row (the rest is blanked).
KEPT_FIELDS = {"sex", "country", "institution_type", "seniority", "role", "days", "day", "certificate",
               "satisfaction", "relevance", "pre_score", "post_score", "knowledge_before", "knowledge_after",
               "applied", "followup_date"}
BLANK = {f: "" for f in Person.PERSONAL_FIELDS}


def erase(person: Person, user=None, reason: str = Erasure.Reason.REQUEST) -> Erasure:
    """Erase a person (and anyone merged into them); returns the log entry (no personal data in it)."""
    with transaction.atomic():
        person = Person.objects.select_for_update().get(pk=person.pk)
        people = [person, *Person.objects.filter(merged_into=person)]
        counts = {"people": 0, "history_rows": 0, "sheet_rows": 0, "files": 0, "responses": 0, "log_entries": 0}
        for p in people:
            _erase_one(p, user, counts)
        entry = Erasure(person_id=person.pk, reason=reason, erased_by=user if getattr(user, "pk", None) else None,
                        counts=counts)
        entry._history_user = entry.erased_by
        entry.save()
        projects = set(Attendance.objects.filter(person__in=people, project__isnull=False)
                       .values_list("project_id", flat=True))
        if projects:
            index_version.bump(projects=projects)
    log.info("person %s erased (%s): %s", person.pk, reason, counts)  # the number only: no personal data
    return entry


def _erase_one(person: Person, user, counts: dict) -> None:
    for name in Person.PERSONAL_FIELDS:
        setattr(person, name, "")
    person.consent_contact = person.consent_listing = False
    person.erased_at = timezone.now()
    person._history_user = user if getattr(user, "pk", None) else None
    person.save()
    history = Person.history.model.objects.filter(id=person.pk)
    counts["history_rows"] += history.update(**BLANK, name_key="")
    counts["people"] += 1
    rows = list(SheetRow.objects.filter(person=person, erased=False).select_related("sheet"))
    responses = list(Response.objects.filter(person=person))
    rows += [r for r in SheetRow.objects.filter(pk__in=[x.row_id for x in responses if x.row_id], erased=False)
             .select_related("sheet") if r not in rows]
    by_sheet: dict[int, list[SheetRow]] = {}
    for row in rows:
        by_sheet.setdefault(row.sheet_id, []).append(row)
    for sheet_rows in by_sheet.values():
        sheet = sheet_rows[0].sheet
        kept = {int(column) for column, field in sheet.mapping.items() if field in KEPT_FIELDS}
        for row in sheet_rows:
            row.cells = [cell if i in kept else "" for i, cell in enumerate(row.cells)]
            row.erased = True
            row.message = ""
        SheetRow.objects.bulk_update(sheet_rows, ["cells", "erased", "message"])
        counts["sheet_rows"] += len(sheet_rows)
        counts["files"] += int(_redact_file(sheet, [r.number for r in sheet_rows], kept))
    if responses:
        ids = [r.pk for r in responses]
        counts["responses"] += Response.objects.filter(pk__in=ids).update(person=None, comment="")
        Response.history.model.objects.filter(id__in=ids).update(person=None, comment="")
    person_type = ContentType.objects.get_for_model(Person)
    counts["log_entries"] += LogEntry.objects.filter(content_type=person_type, object_id=str(person.pk)).update(
        object_repr=str(person), change_message="")


def _redact_file(sheet: Sheet, numbers: list[int], kept: set[int]) -> bool:
    """Blank these rows (but their kept columns) in the stored file itself; True when the file was rewritten."""
    if not sheet.file:
        return False
    try:
        with sheet.file.open("rb") as handle:
            data = handle.read()
    except OSError:
        return False
    redacted = _redact_xlsx(data, sheet.worksheet, numbers, kept) if data.startswith(b"PK\x03\x04") \
        else _redact_csv(data, numbers, kept)
    if redacted is None:
        return False
    old = sheet.file.name
    storage = sheet.file.storage
    name = old.rsplit("/", 1)[-1]
    storage.delete(old)  # the old bytes go; the new file takes a name the storage gives
    sheet.file.save(name, ContentFile(redacted), save=False)
    Sheet.objects.filter(pk=sheet.pk).update(file=sheet.file.name, sha256=hashlib.sha256(redacted).hexdigest(),
                                             size=len(redacted), erased_rows=sheet.erased_rows + len(numbers))
    sheet.erased_rows += len(numbers)
    return True


def _redact_csv(data: bytes, numbers: list[int], kept: set[int]) -> bytes | None:
    from .sheets.read import _decode

    text, encoding = _decode(data)
    try:
        dialect = csv.Sniffer().sniff(text[:20000], delimiters=",;\t|")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = max(",;\t", key=text[:20000].count)
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    wanted = set(numbers)
    for index, row in enumerate(rows, start=1):
        if index in wanted:
            rows[index - 1] = [cell if i in kept else "" for i, cell in enumerate(row)]
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n" if "\r\n" in text[:5000] else "\n").writerows(rows)
    body = out.getvalue()
    if encoding == "utf-8-sig":
        return b"\xef\xbb\xbf" + body.encode("utf-8")
    return body.encode("utf-16" if encoding == "utf-16" else encoding, errors="replace")


def _redact_xlsx(data: bytes, worksheet: str, numbers: list[int], kept: set[int]) -> bytes | None:
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(data))
    ws = book[worksheet] if worksheet in book.sheetnames else book.worksheets[0]
    merged = {(r, c) for m in ws.merged_cells.ranges for r in range(m.min_row, m.max_row + 1)
              for c in range(m.min_col, m.max_col + 1)}
    for number in numbers:
        for column in range(1, ws.max_column + 1):
            if column - 1 in kept:
                continue
            if (number, column) in merged:
                # A merged range's value belongs to other people too: unmerge, keep it in the others' cells.
                for m in list(ws.merged_cells.ranges):
                    if m.min_row <= number <= m.max_row and m.min_col <= column <= m.max_col:
                        value = ws.cell(m.min_row, m.min_col).value
                        ws.unmerge_cells(str(m))
                        for r in range(m.min_row, m.max_row + 1):
                            for c in range(m.min_col, m.max_col + 1):
                                ws.cell(r, c).value = value
                merged = {(r, c) for m in ws.merged_cells.ranges for r in range(m.min_row, m.max_row + 1)
                          for c in range(m.min_col, m.max_col + 1)}
            ws.cell(number, column).value = None
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def due_for_retention(years: int, today=None):
    """People whose personal data the retention period says to erase: not erased yet, and whose last activity
    (or membership, or the record itself when there is neither) is older than `years` years."""
    from django.db.models import Max, Q

    from .models import Membership

    today = today or timezone.localdate()
    try:
        limit = today.replace(year=today.year - years)
    except ValueError:  # 29 February
        limit = today.replace(year=today.year - years, day=28)
    last_activity = Attendance.objects.values("person_id").annotate(
        last=Max("activity__end_date"), started=Max("activity__start_date"))
    recent = {row["person_id"] for row in last_activity
              if (row["last"] or row["started"]) and (row["last"] or row["started"]) > limit}
    members = set(Membership.objects.filter(Q(left__isnull=True) | Q(left__gt=limit), person__isnull=False)
                  .values_list("person_id", flat=True))
    undated = {row["person_id"] for row in last_activity if not (row["last"] or row["started"])}
    return (Person.objects.filter(erased_at__isnull=True, merged_into__isnull=True)
            .exclude(pk__in=recent | members)
            .filter(Q(pk__in={row["person_id"] for row in last_activity} - undated)
                    | Q(attendances__isnull=True, created__date__lte=limit)).distinct())
