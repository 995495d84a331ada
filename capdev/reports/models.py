"""A portfolio report built in the background: too many projects to lay out while the reader waits.

Not a CapdevModel: a job is work in progress (its progress changes every hundred projects), and its PDF is
made of projects that keep their own history. Jobs expire CAPDEV_REPORT_JOB_DAYS after they were asked for
(capdev.reports.jobs: `expired`, `prune`; `capdev prune-report-jobs`).
"""
from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from capdev.core.jobs import BackgroundJob


class ReportState(models.TextChoices):
    """Where a report stands."""

    QUEUED = "queued", _("Waiting for the worker")
    READING = "reading", _("Reading the projects")
    LAYING_OUT = "laying_out", _("Laying out the pages")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")


class ReportJob(BackgroundJob):
    """One portfolio report asked for: the list's query, who asked (the report shows what they may see), the
    progress, and the PDF once made. Its page is reached by an unguessable token."""

    State = ReportState
    RUNNING = (ReportState.QUEUED, ReportState.READING, ReportState.LAYING_OUT)

    token = models.UUIDField(_("token"), default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("asked for by"), null=True, blank=True,
                             on_delete=models.CASCADE, related_name="report_jobs",
                             help_text=_("Empty for a visitor who is not signed in: published projects only."))
    query = models.TextField(_("list parameters"), blank=True, help_text=_("The project list's query string."))
    host = models.CharField(_("site address"), max_length=255, blank=True)
    language = models.CharField(_("language"), max_length=16, blank=True)
    state = BackgroundJob.state_field(ReportState)  # done of total: projects read
    data = models.BinaryField(_("PDF"), blank=True, default=b"")
    created = models.DateTimeField(_("asked for at"), auto_now_add=True)

    class Meta(BackgroundJob.Meta):
        verbose_name = _("report job")
        verbose_name_plural = _("report jobs")
        indexes = [models.Index(fields=["created"], name="reports_job_created_idx")]
        constraints = BackgroundJob.job_constraints("reports_job", ReportState, _("Unknown report state."))

    def __str__(self) -> str:
        return f"{self.token} ({self.get_state_display()})"
