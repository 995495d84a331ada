"""capdev people-retention [--dry-run]: erase the personal data of people no activity has seen for the retention
period."""
from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from capdev.people.erasure import due_for_retention, erase
from capdev.people.models import Erasure


class Command(BaseCommand):
    """Apply CAPDEV_PEOPLE_RETENTION_YEARS (run it from cron; 0 turns it off)."""

    help = _("Erase the personal data of people whose last activity (or network membership) ended more than "
             "CAPDEV_PEOPLE_RETENTION_YEARS years ago, as an erasure on request does: counts stay.")

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help=_("say how many; erase nothing"))
        parser.add_argument("--today", help=_("the date to count from (YYYY-MM-DD; default today)"))

    def handle(self, *args, **options):
        years = settings.CAPDEV_PEOPLE_RETENTION_YEARS
        if not years:
            self.stdout.write(_("Retention is off (CAPDEV_PEOPLE_RETENTION_YEARS is 0): nothing erased."))
            return
        today = None
        if options["today"]:
            try:
                today = dt.date.fromisoformat(options["today"])
            except ValueError as exc:
                raise CommandError(_("--today must be a date written YYYY-MM-DD.")) from exc
        people = list(due_for_retention(years, today=today).order_by("pk"))
        if options["dry_run"]:
            self.stdout.write(ngettext("%(n)d person would be erased (retention %(years)d years).",
                                       "%(n)d people would be erased (retention %(years)d years).", len(people))
                              % {"n": len(people), "years": years})
            return
        for person in people:
            erase(person, None, reason=Erasure.Reason.RETENTION)
        self.stdout.write(ngettext("%(n)d person erased (retention %(years)d years).",
                                   "%(n)d people erased (retention %(years)d years).", len(people))
                          % {"n": len(people), "years": years})
