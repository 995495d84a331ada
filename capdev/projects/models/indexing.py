"""Derived data kept beside the projects: the full-text search documents and the index's change markers."""
from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from .project import Project


class ProjectSearchDocument(models.Model):
    """The text a project is found by in full-text search: derived data, rebuilt by `capdev reindex`.

    Not a CapdevModel: it is recomputed from the project, so a change history would only repeat the project's.
    Three weighted parts (heading > body > context) let both databases rank a title hit above a partner's name.
    The index itself lives outside the model, created by migration 0004 per database: an FTS5 table kept in
    step by triggers on SQLite, a generated `vector` tsvector column with a GIN index on PostgreSQL
    (see capdev.projects.search).
    """

    project = models.OneToOneField(Project, verbose_name=_("project"), primary_key=True, on_delete=models.CASCADE,
                                   related_name="search_document")
    heading = models.TextField(_("heading"), blank=True, help_text=_("Title and code."))
    body = models.TextField(_("body"), blank=True,
                            help_text=_("Summary, objective, background, expected accomplishments, outcomes."))
    context = models.TextField(_("context"), blank=True,
                               help_text=_("Activities, partners, countries and the lead unit."))
    last_updated = models.DateTimeField(_("indexed at"), auto_now=True)

    class Meta:
        verbose_name = _("project search document")
        verbose_name_plural = _("project search documents")

    def __str__(self) -> str:
        return f"search document of {self.project_id}"

    @property
    def document(self) -> str:
        """The whole searchable text."""
        return "\n".join(part for part in (self.heading, self.body, self.context) if part)


class IndexChange(models.Model):
    """One committed change to the portfolio, so that an in-memory index can tell it is stale.

    Not a CapdevModel: a technical marker, not registry data (see capdev.projects.index_version). Rows are
    only ever added (old ones pruned), so concurrent transactions never wait for one another on it.
    """

    id = models.BigAutoField(primary_key=True)
    # Random: ids start again at 1 after a flush, and a version must never come back with other data.
    token = models.CharField(_("token"), max_length=32)
    # The project whose rows changed, so that an index can read just that project again; empty when the
    # change may touch any project (reference data, bulk writes). Not a foreign key: it may be deleted.
    project_id = models.BigIntegerField(_("project"), null=True, blank=True)
    changed = models.DateTimeField(_("changed"), auto_now_add=True)

    class Meta:
        verbose_name = _("index change")
        verbose_name_plural = _("index changes")

    def __str__(self) -> str:
        return f"change {self.pk}"
