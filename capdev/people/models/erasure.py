"""The record of each erasure: that it happened, when, by whom and how many rows, never whose data it was."""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from capdev.core.models import CapdevModel


class Erasure(CapdevModel):
    """A person's personal data erased on request or at the end of the retention period (docs/people.md)."""

    class Reason(models.TextChoices):
        REQUEST = "request", _("At the person's request")
        RETENTION = "retention", _("Retention period over")

    person_id = models.BigIntegerField(_("person number"), db_index=True,
                                       help_text=_("The record's number, which names no one."))
    reason = models.CharField(_("reason"), max_length=10, choices=Reason.choices)
    erased_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")
    counts = models.JSONField(_("rows changed"), default=dict, help_text=_("How many rows of each kind."))

    class Meta:
        ordering = ["-created"]
        verbose_name = _("erasure")
        verbose_name_plural = _("erasures")

    def __str__(self) -> str:
        return _("Erasure of person %(id)s") % {"id": self.person_id}
