"""capdev import-attendance --activity ID FILE [--dry-run]: a sign-in sheet onto an activity, as the upload page
does."""
from __future__ import annotations

import hashlib
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from capdev.activities.models import Activity
from capdev.people import importing, reading
from capdev.people import report as reports
from capdev.people.models import Role
from capdev.people.reading import FIELD_LABELS, Mapping, Options
from capdev.people.sheets.read import SheetError


class DryRun(Exception):
    """Raised to roll the dry run's transaction back."""


class Command(BaseCommand):
    """Read a CSV or XLSX sign-in sheet, match its people with those already known, and record the attendance."""

    help = _("Record the attendance list of an activity from a CSV or XLSX sign-in sheet: the same column "
             "guessing, matching and report as the upload page. The file is kept as it came. With --dry-run "
             "nothing is written.")

    def add_arguments(self, parser):
        parser.add_argument("file", help=_("the CSV or XLSX file"))
        parser.add_argument("--activity", type=int, required=True, help=_("the activity's id"))
        parser.add_argument("--dry-run", action="store_true", help=_("read, match and report; write nothing"))
        parser.add_argument("--worksheet", default="", help=_("the worksheet of an XLSX (default: the first "
                                                              "with something in it)"))
        parser.add_argument("--header-row", type=int, help=_("the header's row number, when it is not found"))
        parser.add_argument("--map", action="append", default=[], metavar="COLUMN=FIELD",
                            help=_("a column's field, by its number from 1 or its header "
                                   "(e.g. --map 3=position); repeatable"))
        parser.add_argument("--role", default=Role.PARTICIPANT, choices=Role.values,
                            help=_("the role of rows that give none (default participant)"))
        parser.add_argument("--country", default=None,
                            help=_("ISO3 country of rows that give none (default: the activity's, for a national "
                                   "event; '-' for none)"))
        parser.add_argument("--one-day", action="store_true",
                            help=_("the sheet is one day's sign-in: each person on it attended one day"))
        parser.add_argument("--user", default="", help=_("the staff account the import is recorded as"))

    def handle(self, *args, **options):
        path = Path(options["file"])
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(_("%(file)s: cannot read: %(why)s") % {"file": path, "why": exc.strerror}) from exc
        activity = Activity.objects.select_related("project").filter(pk=options["activity"]).first()
        if activity is None:
            raise CommandError(_("There is no activity %(id)s.") % {"id": options["activity"]})
        if activity.project.draft_of_id:
            raise CommandError(_("Activity %(id)s belongs to a working copy: record attendance on the published "
                                 "project's activity.") % {"id": activity.pk})
        user = None
        if options["user"]:
            user = get_user_model().objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(_("There is no user %(name)s.") % {"name": options["user"]})
        try:
            with transaction.atomic():
                self._run(activity, path, data, user, options)
                if options["dry_run"]:
                    raise DryRun
        except DryRun:
            pass
        except SheetError as exc:
            raise CommandError(f"{path}: {reading.sheet_error_message(exc)}") from exc
        except importing.ImportRefused as exc:
            raise CommandError(f"{path}: {exc}") from exc

    def _run(self, activity: Activity, path: Path, data: bytes, user, options) -> None:
        workbook = reading.load(data, path.name)  # refuses an unreadable file before anything is kept
        worksheet = workbook.worksheet(options["worksheet"])
        mapping = reading.propose(worksheet, "attendance")
        if options["header_row"]:
            if not 1 <= options["header_row"] <= len(worksheet.rows):
                raise CommandError(_("--header-row must be between 1 and %(n)d.") % {"n": len(worksheet.rows)})
            header = options["header_row"] - 1
            mapping = Mapping(header, importing_guess(worksheet, header))
        if mapping.header is None:
            raise CommandError(_("%(file)s: no header row found in the first rows: give it with --header-row.")
                               % {"file": path})
        for item in options["map"]:
            column, _sep, field = item.partition("=")
            index = _column_index(column, worksheet.rows[mapping.header])
            if index is None or field not in FIELD_LABELS:
                raise CommandError(_("--map %(item)s: say a column (its number from 1 or its header) and one of "
                                     "%(fields)s.") % {"item": item, "fields": ", ".join(FIELD_LABELS)})
            mapping.columns[index] = field
        country = options["country"]
        plan_options = Options(default_role=options["role"], worksheet=worksheet.name, one_day=options["one_day"],
                               default_country=importing.default_country(activity) if country is None else
                               ("" if country == "-" else country.upper()))
        plan = importing.make_plan(activity, worksheet, mapping, plan_options)
        earlier = importing.earlier_uploads(activity, hashlib.sha256(data).hexdigest()).first()
        if earlier is not None:
            self.stderr.write(_("Warning: this very file (same content) was already recorded on this activity "
                                "(sheet %(sheet)d, %(file)s): no one is counted twice and no day is added.")
                              % {"sheet": earlier.pk, "file": earlier.file_name})
        report = None
        if not options["dry_run"]:
            sheet = importing.store_upload(activity, data, path.name, user)
            try:
                report = importing.confirm(sheet, plan, user)
            except Exception:
                sheet.file.delete(save=False)  # the transaction rolls the sheet back: its file goes too
                raise
        for line in reports.report_lines(plan, report, file_name=path.name):
            self.stdout.write(line)


def importing_guess(worksheet, header: int) -> dict[int, str]:
    """The columns' fields for a header row given by hand."""
    from capdev.people.sheets.columns import guess_mapping

    return guess_mapping(worksheet.rows[header], worksheet.rows[header + 1:header + 21])


def _column_index(column: str, header: list[str]) -> int | None:
    column = column.strip()
    if column.isdigit() and 1 <= int(column) <= max(len(header), 1):
        return int(column) - 1
    for index, cell in enumerate(header):
        if cell.strip().casefold() == column.casefold():
            return index
    return None
