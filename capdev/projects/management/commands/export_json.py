"""capdev export-json [--all] [--output FILE] : the portfolio in the JSON shape, which import-json reads back."""
import json
import sys

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from capdev.projects.models import Project
from capdev.projects.records import project_records, relation_entries, with_record_data


class Command(BaseCommand):
    help = _("Write the portfolio as JSON records (published projects unless --all).")

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help=_("include projects that are not published"))
        parser.add_argument("--output", "-o", help=_("file to write (default: standard output)"))

    def handle(self, *args, **options):
        projects = Project.objects.registry() if options["all"] else Project.objects.published()
        projects = list(with_record_data(projects.order_by("pk")))
        records = project_records(projects)
        positions = {p.pk: i for i, p in enumerate(projects)}
        # Each record's relations with their kinds (import-json writes them as stated), to the projects exported.
        rows = [{**r.to_json(), "relations": [e for e in relation_entries(p, True, positions) if "index" in e]}
                for r, p in zip(records, projects)]
        payload = json.dumps(rows, ensure_ascii=False, indent=1, default=str)
        if options["output"]:
            with open(options["output"], "w", encoding="utf-8") as fh:
                fh.write(payload)
            self.stderr.write(_("%(n)d projects written to %(file)s") % {"n": len(records), "file": options["output"]})
        else:
            sys.stdout.write(payload + "\n")
