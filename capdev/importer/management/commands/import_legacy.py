"""capdev import-legacy FILE... : import narrative project records."""
import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from tqdm import tqdm

from capdev import narrative
from capdev.importer.loader import RecordLoader
from capdev.narrative.jsonout import write_json

PROGRESS_THRESHOLD = 100_000  # characters (some 50 records); smaller files finish before a bar is worth drawing


class Command(BaseCommand):
    help = _("Import narrative project records (the text of project pages) into the registry.")
    loader_class = RecordLoader

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", help=_("text, HTML, DOCX or PDF files, one or many records each"))
        parser.add_argument("--dry-run", action="store_true", help=_("parse and check, write nothing"))
        parser.add_argument("--json", action="store_true", help=_("print the parsed records as JSON, write nothing"))
        parser.add_argument("--publish", action="store_true", help=_("publish the projects (default: in review)"))
        parser.add_argument("--update", action="store_true",
                            help=_("overwrite values an editor changed since the last import"))
        parser.add_argument("--user", help=_("run as this staff user: only projects of their units may be "
                                             "written, and --publish needs a reviewer"))

    def handle(self, *args, **options):
        if options["json"]:
            return self._print_json(options["files"])
        loader = self.loader_class(publish=options["publish"], update=options["update"], dry_run=options["dry_run"],
                                   progress=self._progress, user=self._user(options.get("user")))
        failures = []
        totals = dict(found=0, created=0, updated=0, unchanged=0, flags=0)
        for path in options["files"]:
            result = loader.load_path(path)
            if result.error:
                failures.append(result.error)
                self.stderr.write(_("error: %(error)s (nothing written from this file)") % {"error": result.error})
                continue
            for key in totals:
                totals[key] += getattr(result, key)
            for kept in result.kept:
                self.stdout.write(_("kept the editor's value of %(field)s (use --update to overwrite)")
                                  % {"field": kept})
            for note in result.notes:
                self.stdout.write(f"  {note}")
            self.stdout.write(_("%(path)s: %(found)d records, %(created)d created, %(updated)d updated, "
                                "%(unchanged)d unchanged, %(flags)d flags") % {"path": path, **vars(result)})
        if len(options["files"]) > 1:
            self.stdout.write(_("total: %(found)d records, %(created)d created, %(updated)d updated, "
                                "%(unchanged)d unchanged, %(flags)d flags") % totals)
        if options["dry_run"]:
            self.stdout.write(_("dry run: nothing was written"))
        if failures:
            raise CommandError(_("%(n)d of %(total)d files failed") % {"n": len(failures),
                                                                         "total": len(options["files"])})

    def _user(self, username):
        if not username:
            return None
        from django.contrib.auth import get_user_model

        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(_("no active user %(name)s") % {"name": username})
        return user

    def _progress(self, records):
        """The records, passed on while a bar shows how much of the file has been read (records arrive as the
        parser reads them: their number is not known before the end)."""
        size, done = records.size, records.done
        with tqdm(total=size, desc=_("importing"), unit=_("characters"), unit_scale=True, file=sys.stderr,
                  disable=size < PROGRESS_THRESHOLD) as bar:
            for n, record in enumerate(records, 1):
                yield record
                bar.set_postfix_str(_("%(n)d records") % {"n": n}, refresh=False)
                bar.update(done(record) - bar.n)

    def _print_json(self, paths):
        try:
            write_json(paths, _Writer(self.stdout))
        except (narrative.InputError, OSError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write("")


class _Writer:
    """Django's OutputWrapper ends each write with a line break unless told otherwise."""

    def __init__(self, out):
        self.out = out

    def write(self, text):
        self.out.write(text, ending="")
