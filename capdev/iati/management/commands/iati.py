"""`capdev iati export|validate|import|build-data`: IATI 2.03 publishing, validation and import."""
from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from tqdm import tqdm

from capdev.iati import conf

PROGRESS_MIN_BYTES = 1 << 20  # a smaller file is read before a bar would be worth drawing


class Command(BaseCommand):
    """IATI 2.03: export the portfolio, validate a file, import files, regenerate the codelist/ruleset data."""

    help = ("IATI 2.03 activity XML. `export [--all] [--country ISO] [--unit CODE] [--output FILE]` writes "
            "published projects (stdout by default); `validate FILE...` prints FILE:LINE: activity ID: message and "
            "exits 1 on errors; `import FILE... [--publish] [--dry-run]` imports activities (one transaction per "
            "file; activities invalid against the schema are skipped, codelist and ruleset findings flagged); "
            "`build-data [--shared DIR]` regenerates capdev/iati/data/ from shared/iati.")

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        exp = sub.add_parser("export", help="write IATI activity XML")
        exp.add_argument("--all", action="store_true", help="include unpublished projects (staff use)")
        exp.add_argument("--country", help="only projects serving this country (ISO alpha-3 or alpha-2)")
        exp.add_argument("--unit", help="only projects led by this unit (code) or a unit under it")
        exp.add_argument("--output", "-o", help="file to write (default: standard output)")
        val = sub.add_parser("validate", help="check files against the XSD, the IATI ruleset and codelists")
        val.add_argument("files", nargs="+")
        val.add_argument("--errors-only", action="store_true", help="do not print warnings")
        imp = sub.add_parser("import", help="import IATI activity files")
        imp.add_argument("files", nargs="+")
        imp.add_argument("--publish", action="store_true", help="publish the imported projects")
        imp.add_argument("--dry-run", action="store_true", help="read and check everything, write nothing")
        imp.add_argument("--one-process", action="store_true",
                         help="read each file in this process (by default a large file is read by a second "
                              "process while this one writes)")
        bld = sub.add_parser("build-data", help="regenerate data/codelists.json and data/ruleset.json")
        bld.add_argument("--shared", help="the shared/iati folder (default: beside the checkout)")
        bld.add_argument("--output", help="folder to write to (default: capdev/iati/data)")

    def handle(self, *args, **options):
        action = options["action"].replace("-", "_")
        return getattr(self, f"do_{action}")(options)

    # -- export
    def do_export(self, options):
        from capdev.iati.export import projects_for_export, write_activities

        qs = projects_for_export(include_unpublished=options["all"], country=options.get("country"),
                                 unit=options.get("unit"))
        if options.get("output"):
            with open(options["output"], "wb") as fh:
                count = write_activities(fh, qs)
            self.stderr.write(f"{options['output']}: {count} activities")
        else:
            out = getattr(self.stdout, "_out", sys.stdout)
            binary = getattr(out, "buffer", None)
            if binary is not None:
                count = write_activities(binary, qs)
                binary.flush()
            else:  # a text stream (tests' StringIO): write through a bytes buffer
                import io

                buf = io.BytesIO()
                count = write_activities(buf, qs)
                out.write(buf.getvalue().decode("utf-8"))
            self.stderr.write(f"{count} activities")

    # -- validate
    def do_validate(self, options):
        from capdev.iati.validate import validate_file

        errors = warnings = 0
        for name in options["files"]:
            if not Path(name).exists():
                raise CommandError(f"{name}: no such file")
            for finding in validate_file(name):
                if finding.is_error:
                    errors += 1
                else:
                    warnings += 1
                    if options["errors_only"]:
                        continue
                self.stdout.write(finding.format(name))
        self.stderr.write(f"{errors} errors, {warnings} warnings")
        if errors:
            sys.exit(1)

    # -- import
    def do_import(self, options):
        from capdev.iati.importer import IatiImporter
        from capdev.iati.read_ahead import ReaderStopped
        from capdev.iati.reader import SKIPPED

        def report(finding) -> None:
            # As they come: a large file's findings are printed, not kept (the import's memory stays flat). Skipped
            # activities always; the findings about imported ones with -v2 (the summary counts them by rule).
            if finding.rule == SKIPPED or options["verbosity"] > 1:
                self.stderr.write(finding.format())

        importer = IatiImporter(publish=options["publish"], dry_run=options["dry_run"], on_finding=report,
                                read_ahead=not options["one_process"], progress=self._progress)
        failed = False
        for name in options["files"]:
            try:
                result = importer.import_file(name)
            except ReaderStopped as exc:
                raise CommandError(str(exc)) from None
            if result.refused:
                self.stderr.write(result.refusal.format())
            self.stdout.write(result.summary())
            failed = failed or result.refused
        if failed:
            raise CommandError(_("some files were refused whole; the database is unchanged for them"))

    def _progress(self, name: str, size: int):
        """A progress bar over the file's bytes, on a terminal and for files large enough to wait for."""
        out = getattr(self.stderr, "_out", sys.stderr)
        shown = size >= PROGRESS_MIN_BYTES and hasattr(out, "isatty") and out.isatty()
        return tqdm(total=size, desc=Path(name).name, unit="B", unit_scale=True, unit_divisor=1024, file=out,
                    disable=not shown, leave=False)

    # -- build-data
    def do_build_data(self, options):
        from capdev.iati.build_data import build

        shared = Path(options["shared"]) if options.get("shared") else conf.shared_dir() / "iati"
        if not (shared / "codelists").exists():
            raise CommandError(f"{shared}/codelists not found (set --shared or CAPDEV_SHARED)")
        out = Path(options["output"]) if options.get("output") else conf.DATA_DIR
        for path in build(shared, out):
            self.stdout.write(f"wrote {path}")
