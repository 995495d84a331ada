"""A reviewer's decision to publish a project over the IATI check's errors: recorded, with the reason and the errors,
and shown in the project's history and on its page (capdev.editor.workflow.publish writes it)."""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from capdev.core.models import CapdevModel


class PublishOverride(CapdevModel):
    """Published although the IATI check found errors: who decided, when, why, and which errors."""

    project = models.ForeignKey("projects.Project", verbose_name=_("project"), on_delete=models.CASCADE,
                                related_name="publish_overrides")
    # The publish it allowed: the project's published_at of that version (the history finds the version by it).
    published_at = models.DateTimeField(_("published at"))
    reason = models.TextField(_("reason"))
    errors = models.JSONField(_("errors published over"), default=list,
                              help_text=_("The IATI check's errors as they were: each rule and message."))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("reviewer"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("publication over IATI errors")
        verbose_name_plural = _("publications over IATI errors")
        constraints = [
            models.CheckConstraint(condition=~models.Q(reason=""), name="projects_publishoverride_reason",
                                   violation_error_message=_("Say why the project is published over its errors.")),
        ]

    def __str__(self) -> str:
        return f"{self.project_id} @ {self.published_at:%Y-%m-%d %H:%M}"
