"""`capdev import-assessments FILE [--dry-run]`: scores from a CSV or XLSX file into assessments
(docs/assessments.md)."""
from __future__ import annotations

from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from capdev.assessments import score_files, score_import
from capdev.assessments.models import AssessorType, Framework


class Command(BaseCommand):
    help = _("Import assessment scores from a CSV or XLSX file: one row per score (country, date, framework, "
             "assessor_type, dimension, score, evidence, comments) or one row per assessment with a column per "
             "dimension. Several countries and years per file. Nothing is written if a cell does not fit.")

    def add_arguments(self, parser):
        parser.add_argument("file", help=_("the CSV or XLSX file"))
        parser.add_argument("--dry-run", action="store_true", help=_("show what would be written, write nothing"))
        parser.add_argument("--framework", help=_("the framework's identifier, for files without a framework column"))
        parser.add_argument("--assessor-type", choices=AssessorType.values,
                            help=_("the assessor type of rows that give none"))
        parser.add_argument("--publish", action="store_true", help=_("publish the new assessments (else drafts)"))
        parser.add_argument("--internal", action="store_true",
                            help=_("keep the new assessments internal: never shown to the public"))

    def handle(self, *args, **options):
        path = Path(options["file"])
        framework = None
        if options["framework"]:
            framework = Framework.objects.filter(slug=options["framework"]).first()
            if framework is None:
                raise CommandError(_("No framework has the identifier %(slug)s.") % {"slug": options["framework"]})
        try:
            table = score_files.read(path.read_bytes(), path.name)
        except OSError as exc:
            raise CommandError(f"{path}: {exc.strerror or exc}") from None
        except score_files.FileProblem as exc:
            raise CommandError(f"{path.name}: {exc}") from None
        plan = score_import.plan(table, framework=framework, assessor_type=options["assessor_type"])
        if not plan.ok:
            lines = [f"  {p}" for p in plan.problems]
            if plan.more_problems:
                lines.append(_("  … and %(n)d more problems") % {"n": plan.more_problems})
            raise CommandError(_("%(name)s: nothing imported, %(n)d problem(s):\n%(lines)s")
                               % {"name": path.name, "n": len(plan.problems) + plan.more_problems,
                                  "lines": "\n".join(lines)})
        for a in plan.assessments:
            changed = [s for s in a.ordered_scores() if s.changed]
            self.stdout.write(f"{a.action:9} {a.country.iso3} {a.institution or ''} {a.framework.slug} "
                              f"{a.date.iso()} {a.assessor_type}: "
                              + ", ".join(f"{s.dimension.code} {'' if s.old is None else f'{s.old.score}→'}{s.score}"
                                          for s in changed))
        if options["dry_run"]:
            self.stdout.write(_("Dry run: %(c)d to create, %(u)d to update, %(n)d unchanged; nothing written.")
                              % {"c": plan.count("create"), "u": plan.count("update"), "n": plan.count("unchanged")})
            return
        try:
            result = score_import.write(plan, publish=options["publish"], internal=options["internal"])
        except PermissionDenied as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(_("%(c)d created, %(u)d updated, %(n)d unchanged; %(s)d scores written.")
                          % {"c": result.created, "u": result.updated, "n": result.unchanged, "s": result.scores})
