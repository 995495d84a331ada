"""capdev reindex [ID...] : rebuild the full-text search documents (every project's, or these)."""
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from capdev.projects.search import rebuild_index, reindex_projects


class Command(BaseCommand):
    help = _("Rebuild the full-text search documents of every project (or of the projects given by id).")

    def add_arguments(self, parser):
        parser.add_argument("ids", nargs="*", type=int, help=_("project ids (default: every project)"))

    def handle(self, *args, **options):
        ids = options["ids"] or None
        count = reindex_projects(ids)
        if ids is None:
            rebuild_index()  # also repairs an FTS5 index that drifted from its documents
        self.stdout.write(_("%(n)d projects indexed for search.") % {"n": count})
