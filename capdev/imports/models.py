"""An import started on the import page: the uploaded file, what the worker read from it, what was kept, the
outcome. Not CapdevModels: a job is a piece of work in progress (its progress changes every few records), not
registry data, and the projects it writes carry their own history and provenance (SourceRecord, SourceFile).
"""
from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from capdev.core.jobs import BackgroundJob


class ImportState(models.TextChoices):
    """Where an import stands."""

    QUEUED = "queued", _("Waiting for the worker")
    READING = "reading", _("Reading the file")
    READY = "ready", _("Ready: choose the records to keep")
    IMPORTING = "importing", _("Importing")
    DONE = "done", _("Imported")
    FAILED = "failed", _("Failed")


class ImportFormat(models.TextChoices):
    """What an uploaded file holds."""

    NARRATIVE = "narrative", _("Project records (text, web page, Word, PDF)")
    IATI = "iati", _("IATI activity XML")


# A running import with no progress for this long has lost its worker (a task is not retried after a hard stop).
STALLED_AFTER = dt.timedelta(minutes=30)


class ImportJob(BackgroundJob):
    """One uploaded file on its way into the registry: read in the background, previewed, confirmed, imported."""

    State = ImportState
    Format = ImportFormat

    RUNNING = (ImportState.QUEUED, ImportState.READING, ImportState.IMPORTING)

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), on_delete=models.CASCADE,
                             related_name="import_jobs")
    unit = models.ForeignKey("organisations.OrgUnit", verbose_name=_("unit"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+",
                             help_text=_("The lead unit given to records that name none."))
    file_name = models.CharField(_("file name"), max_length=255)
    media_type = models.CharField(_("media type"), max_length=100, blank=True)
    format = models.CharField(_("format"), max_length=20, choices=ImportFormat.choices,
                              default=ImportFormat.NARRATIVE)
    size = models.PositiveBigIntegerField(_("size in bytes"), default=0)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    data = models.BinaryField(_("uploaded bytes"), blank=True, default=b"",
                              help_text=_("Kept until the import is done; the imported file then lives on as the "
                                          "records' source file."))
    state = BackgroundJob.state_field(ImportState)
    stage = models.CharField(_("current step"), max_length=200, blank=True)
    notes = models.JSONField(_("notes"), default=list, blank=True)
    result = models.JSONField(_("result"), default=dict, blank=True)
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("confirmed by"), null=True,
                                     blank=True, on_delete=models.SET_NULL, related_name="+")
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    created = models.DateTimeField(_("uploaded at"), auto_now_add=True)  # what the admin calls it

    class Meta(BackgroundJob.Meta):
        verbose_name = _("import job")
        verbose_name_plural = _("import jobs")
        indexes = [models.Index(fields=["user", "-created"], name="imports_job_user_idx"),
                   models.Index(fields=["unit", "-created"], name="imports_job_unit_idx")]
        constraints = BackgroundJob.job_constraints("imports_job", ImportState, _("Unknown import state."))

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_state_display()})"

    @property
    def stalled(self) -> bool:
        """Running, but with no news for STALLED_AFTER: the worker was stopped hard, or is not running at all."""
        from django.utils import timezone

        return self.running and self.last_updated < timezone.now() - STALLED_AFTER


class ImportRecord(models.Model):
    """One record (or IATI activity) read from an uploaded file, as previewed, and whether to keep it."""

    job = models.ForeignKey(ImportJob, verbose_name=_("import"), on_delete=models.CASCADE, related_name="records")
    index = models.PositiveIntegerField(_("index in file"))
    title = models.CharField(_("title"), max_length=500, blank=True)
    preview = models.JSONField(_("preview"), default=dict,
                               help_text=_("Fields, flags, text with spans, and what the record would change."))
    text_sha256 = models.CharField(_("text SHA-256"), max_length=64, blank=True,
                                   help_text=_("Checks that the file reads the same when it is imported."))
    allowed = models.BooleanField(_("may be imported"), default=True)
    why_not = models.CharField(_("why not"), max_length=300, blank=True)
    keep = models.BooleanField(_("keep"), default=True)

    class Meta:
        ordering = ["job", "index"]
        verbose_name = _("import record")
        verbose_name_plural = _("import records")
        constraints = [
            models.UniqueConstraint(fields=["job", "index"], name="imports_record_unique_index",
                                    violation_error_message=_("A file's record is read once.")),
            models.CheckConstraint(condition=models.Q(allowed=True) | models.Q(keep=False),
                                   name="imports_record_keep_only_allowed",
                                   violation_error_message=_("A record that may not be imported cannot be kept.")),
        ]

    def __str__(self) -> str:
        return f"{self.job_id}#{self.index} {self.title[:60]}"
