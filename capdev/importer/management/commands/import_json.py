"""capdev import-json FILE... : import project records in the JSON shape (an export of Capdev, or --json output)."""
from django.utils.translation import gettext as _

from capdev.importer.loader import JsonRecordLoader

from .import_legacy import Command as ImportLegacyCommand


class Command(ImportLegacyCommand):
    help = _("Import project records in Capdev's JSON shape (the JSON export, or import-legacy --json output).")
    loader_class = JsonRecordLoader

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.set_defaults(json=False)

    def handle(self, *args, **options):
        options["json"] = False  # --json prints parsed narrative; for JSON input it would only echo the file
        return super().handle(*args, **options)
