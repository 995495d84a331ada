"""`capdev load-framework FILE`: load an assessment framework from a YAML or JSON file (docs/assessments.md)."""
from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from capdev.assessments import frameworks


class Command(BaseCommand):
    help = _("Load an assessment framework (dimensions, questions or indicators, scale) from a YAML or JSON file; "
             "loading it again updates the framework of the same slug. Nothing is written if the file has a problem.")

    def add_arguments(self, parser):
        parser.add_argument("file", help=_("the framework file (.yaml, .yml or .json)"))
        parser.add_argument("--dry-run", action="store_true", help=_("check the file and write nothing"))

    def handle(self, *args, **options):
        path = Path(options["file"])
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"{path}: {exc.strerror or exc}") from None
        try:
            checked = frameworks.read_file(data, path.name)
            if options["dry_run"]:
                self.stdout.write(_("%(name)s: a valid framework, %(n)d dimensions (nothing written).")
                                  % {"name": path.name, "n": len(checked["dimensions"])})
                return
            result = frameworks.load(checked)
        except frameworks.FrameworkError as exc:
            raise CommandError(_("%(name)s is not loaded:\n%(problems)s")
                               % {"name": path.name, "problems": "\n".join(f"  {p}" for p in exc.problems)}) from None
        what = _("created") if result.created else _("unchanged") if result.unchanged else _("updated")
        self.stdout.write(_("Framework %(slug)s %(what)s: %(n)d dimensions, %(q)d questions or indicators.")
                          % {"slug": result.framework.slug, "what": what,
                             "n": len(checked["dimensions"]), "q": result.questions})
        if result.dimensions_added and not result.created:
            self.stdout.write(_("  added: %(codes)s") % {"codes": ", ".join(result.dimensions_added)})
        if result.dimensions_removed:
            self.stdout.write(_("  removed: %(codes)s") % {"codes": ", ".join(result.dimensions_removed)})
