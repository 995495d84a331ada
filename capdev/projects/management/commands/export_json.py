"""capdev export-json [--all] [--output FILE] : the portfolio in the JSON shape, which import-json reads back."""
import json
import sys

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from capdev.projects.models import Project
from capdev.projects.records import project_records, with_record_data


class Command(BaseCommand):
    help = _("Write the portfolio as JSON records (published projects unless --all).")

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help=_("include projects that are not published"))
        parser.add_argument("--output", "-o", help=_("file to write (default: standard output)"))

    def handle(self, *args, **options):
        projects = Project.objects.registry() if options["all"] else Project.objects.published()
        records = project_records(with_record_data(projects.order_by("pk")))
        payload = json.dumps([r.to_json() for r in records], ensure_ascii=False, indent=1, default=str)
        if options["output"]:
            with open(options["output"], "w", encoding="utf-8") as fh:
                fh.write(payload)
            self.stderr.write(_("%(n)d projects written to %(file)s") % {"n": len(records), "file": options["output"]})
        else:
            sys.stdout.write(payload + "\n")
