"""What IATI says about an activity that Capdev's project model does not hold, and its transactions summary."""
from django.db import models
from django.utils.translation import gettext_lazy as _

from capdev.core.models import CapdevModel


class IatiActivity(CapdevModel):
    """IATI facts of an imported activity that a Project has no field for, so it can be published as it was."""

    project = models.OneToOneField("projects.Project", verbose_name=_("project"), on_delete=models.CASCADE,
                                   related_name="iati")
    reporting_org_ref = models.CharField(_("reporting organisation identifier"), max_length=200, blank=True)
    reporting_org_name = models.CharField(_("reporting organisation name"), max_length=500, blank=True)
    reporting_org_type = models.CharField(_("reporting organisation type"), max_length=3, blank=True)
    activity_status = models.CharField(_("IATI activity status"), max_length=2, blank=True,
                                       help_text=_("ActivityStatus code as published (5 cancelled and 6 "
                                                   "suspended have no Capdev status)."))
    default_currency = models.CharField(_("default currency"), max_length=3, blank=True)
    language = models.CharField(_("default language"), max_length=8, blank=True)
    last_updated_datetime = models.DateTimeField(_("last updated (as published)"), null=True, blank=True)
    file_name = models.CharField(_("imported from"), max_length=500, blank=True)
    imported_at = models.DateTimeField(_("imported at"), null=True, blank=True)

    class Meta:
        verbose_name = _("IATI activity")
        verbose_name_plural = _("IATI activities")
        indexes = [models.Index(fields=["reporting_org_ref"], name="iati_activity_reporting_idx")]

    def __str__(self) -> str:
        return f"{self.reporting_org_ref}: {self.project_id}"


class TransactionSummary(CapdevModel):
    """The transactions of an imported activity, totalled by transaction type and currency."""

    project = models.ForeignKey("projects.Project", verbose_name=_("project"), on_delete=models.CASCADE,
                                related_name="iati_transactions")
    transaction_type = models.CharField(_("transaction type"), max_length=3,
                                        help_text=_("IATI TransactionType code (2 commitment, 3 disbursement, "
                                                    "4 expenditure...)."))
    transaction_type_name = models.CharField(_("transaction type name"), max_length=100, blank=True)
    currency = models.CharField(_("currency"), max_length=3)
    total = models.DecimalField(_("total"), max_digits=20, decimal_places=2)
    count = models.PositiveIntegerField(_("number of transactions"))
    first_date = models.DateField(_("first transaction"), null=True, blank=True)
    last_date = models.DateField(_("last transaction"), null=True, blank=True)

    class Meta:
        ordering = ["project", "transaction_type", "currency"]
        verbose_name = _("transactions summary")
        verbose_name_plural = _("transactions summaries")
        constraints = [
            models.UniqueConstraint(fields=["project", "transaction_type", "currency"],
                                    name="iati_transactionsummary_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.transaction_type_name or self.transaction_type}: {self.currency} {self.total:,.2f}"
