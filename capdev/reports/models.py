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


class ReportState(models.TextChoices):
    """Where a report stands."""

    QUEUED = "queued", _("Waiting for the worker")
    READING = "reading", _("Reading the projects")
    LAYING_OUT = "laying_out", _("Laying out the pages")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")


class ReportJob(models.Model):
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
    state = models.CharField(_("state"), max_length=20, choices=ReportState.choices, default=ReportState.QUEUED)
    done = models.PositiveIntegerField(_("projects read"), default=0)
    total = models.PositiveIntegerField(_("projects in all"), default=0)
    data = models.BinaryField(_("PDF"), blank=True, default=b"")
    error = models.TextField(_("error"), blank=True)
    created = models.DateTimeField(_("asked for at"), auto_now_add=True)
    last_updated = models.DateTimeField(_("last updated"), auto_now=True)

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = _("report job")
        verbose_name_plural = _("report jobs")
        indexes = [models.Index(fields=["created"], name="reports_job_created_idx")]
        constraints = [
            models.CheckConstraint(condition=models.Q(state__in=ReportState.values), name="reports_job_state",
                                   violation_error_message=_("Unknown report state.")),
            models.CheckConstraint(condition=models.Q(done__lte=models.F("total")) | models.Q(total=0),
                                   name="reports_job_done_not_past_total",
                                   violation_error_message=_("Progress cannot pass the total.")),
        ]

    def __str__(self) -> str:
        return f"{self.token} ({self.get_state_display()})"

    @property
    def running(self) -> bool:
        """Waiting for or in the hands of the worker: its page follows the progress."""
        return self.state in self.RUNNING

    @property
    def percent(self) -> int | None:
        """Progress in percent while the projects are read."""
        return round(100 * self.done / self.total) if self.total else None
