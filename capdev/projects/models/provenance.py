"""Where a project record came from (source records and files) and what review flagged in it."""
from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from capdev.core.models import CapdevModel

from .project import Project


class SourceRecord(CapdevModel):
    """Where an imported project came from: the file, the record's place in it, and its text verbatim."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="sources")
    file_name = models.CharField(_("file name"), max_length=500)
    file_sha256 = models.CharField(_("file SHA-256"), max_length=64, blank=True)
    index = models.PositiveIntegerField(_("record index in file"))
    offset = models.PositiveIntegerField(_("character offset in file"), default=0)
    format = models.CharField(_("format"), max_length=20, default="narrative")
    text = models.TextField(_("original text"))
    text_sha256 = models.CharField(_("text SHA-256"), max_length=64, db_index=True, blank=True,
                                   help_text=_("Finds the project of a record seen before when it has no code."))
    importer_version = models.CharField(_("importer version"), max_length=40)
    parsed = models.JSONField(_("values as parsed"), default=dict,
                              help_text=_("The importer's values, so a re-import can tell an editor's change."))
    spans = models.JSONField(_("field spans"), default=list,
                             help_text=_("[field, start, end] offsets into the original text."))
    unparsed = models.JSONField(_("unparsed text"), default=list)
    imported_at = models.DateTimeField(_("imported at"), default=timezone.now)

    class Meta:
        ordering = ["-imported_at"]
        verbose_name = _("source record")
        verbose_name_plural = _("source records")
        indexes = [models.Index(fields=["file_sha256", "index"], name="projects_source_file_idx")]

    def __str__(self) -> str:
        return f"{self.file_name} #{self.index}"

    @property
    def original(self) -> SourceFile | None:
        """The file this record was read from, as imported (None for records that came without one)."""
        if not self.file_sha256:
            return None
        return SourceFile.objects.defer("data").filter(sha256=self.file_sha256).first()

    def spans_for(self, field: str) -> list[tuple[int, int, str]]:
        """The spans a field came from, with their text."""
        return [(s, e, self.text[s:e]) for f, s, e in self.spans if f == field]


class SourceFile(models.Model):
    """An imported file's original bytes (a text, a web page, a Word document, a PDF), kept once however often
    it is imported; its SourceRecords find it by file_sha256.

    Not a CapdevModel: the bytes never change, and a change history would copy them into a second table. Kept in
    the database rather than on disk so that it is written and rolled back with the import that brought it, and
    so that nothing serves it but the staff-only download (capdev.projects.source_download.source_file_download).
    """

    sha256 = models.CharField(_("SHA-256"), max_length=64, unique=True)
    file_name = models.CharField(_("file name"), max_length=500)
    media_type = models.CharField(_("media type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    created = models.DateTimeField(_("first imported"), auto_now_add=True)
    # Last: SQLite then makes room for a large original without holding it (migration 0012, importer.originals).
    data = models.BinaryField(_("original bytes"))

    class Meta:
        ordering = ["-created"]
        verbose_name = _("source file")
        verbose_name_plural = _("source files")

    def __str__(self) -> str:
        return f"{self.file_name} ({self.sha256[:12]})"


class ReviewFlag(CapdevModel):
    """Something the importer was unsure of, for a reviewer to accept or correct."""

    class State(models.TextChoices):
        OPEN = "open", _("Open")
        ACCEPTED = "accepted", _("Accepted")
        CORRECTED = "corrected", _("Corrected")

    class Origin(models.TextChoices):
        NARRATIVE = "narrative", _("Narrative import")
        IATI = "iati", _("IATI import")

    class Severity(models.TextChoices):
        ERROR = "error", _("Error")
        WARNING = "warning", _("Warning")
        INFO = "info", _("Corrected on import")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="review_flags")
    field = models.CharField(_("field"), max_length=60)
    reason = models.CharField(_("reason"), max_length=500)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.OPEN, db_index=True)
    # Which importer raised it: a re-import replaces the open flags of its own kind only.
    origin = models.CharField(_("raised by"), max_length=10, choices=Origin.choices, default=Origin.NARRATIVE)
    rule = models.CharField(_("rule"), max_length=40, blank=True,
                            help_text=_("The check that raised it: an IATI ruleset rule (\"3.4.2\"), \"codelist\" "
                                        "(an unknown code), \"normalised\" (a code corrected on import)..."))
    severity = models.CharField(_("severity"), max_length=10, choices=Severity.choices, blank=True)
    value = models.CharField(_("value as written"), max_length=500, blank=True,
                             help_text=_("The value as the source wrote it, before any correction."))
    resolved_by = models.ForeignKey("auth.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)

    class Meta:
        ordering = ["project", "field"]
        verbose_name = _("review flag")
        verbose_name_plural = _("review flags")

    def __str__(self) -> str:
        return f"{self.field}: {self.reason}"
