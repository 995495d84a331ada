"""`capdev prune-report-jobs`: delete the background report jobs past CAPDEV_REPORT_JOB_DAYS, with their PDFs."""
from django.core.management.base import BaseCommand

from capdev.reports import jobs


class Command(BaseCommand):
    help = ("Delete the portfolio reports built in the background that are older than CAPDEV_REPORT_JOB_DAYS "
            "(their PDFs with them). Run it daily (docs/deployment.md); each new report job prunes too.")

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Say how many would be deleted; delete nothing.")

    def handle(self, *args, dry_run=False, **options):
        days = jobs.kept().days
        if dry_run:
            self.stdout.write(f"{jobs.expired().count()} report job(s) older than {days} day(s) would be deleted.")
            return
        self.stdout.write(f"{jobs.prune()} report job(s) older than {days} day(s) deleted.")
