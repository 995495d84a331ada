"""Which organisational units a staff member edits for."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from capdev.core.models import CapdevModel


class UnitAssignment(CapdevModel):
    """A staff member works for an organisational unit (and so for every unit below it)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE,
                             related_name="unit_assignments")
    unit = models.ForeignKey("organisations.OrgUnit", verbose_name=_("unit"), on_delete=models.CASCADE,
                             related_name="staff_assignments")

    class Meta:
        ordering = ["user", "unit"]
        verbose_name = _("unit assignment")
        verbose_name_plural = _("unit assignments")
        constraints = [models.UniqueConstraint(fields=["user", "unit"], name="accounts_unitassignment_unique")]

    def __str__(self) -> str:
        return f"{self.user} → {self.unit}"
