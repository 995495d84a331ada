"""Budget lines, and which of a project's lines its budget adds up."""
from __future__ import annotations

from collections.abc import Iterable

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from capdev.core.models import CapdevModel

from ..index_version import RemembersProject
from .project import Project


class BudgetQuerySet(models.QuerySet):
    """Budget lines, and the ones a project's budget adds up."""

    def counted(self) -> BudgetQuerySet:
        """The lines project_budget_lines keeps, in SQL: a project's total lines where it has any, else its
        other lines; an original line left out where a revised line of its kind states its period."""
        revised = Q(label__icontains=BUDGET_REVISED_WORD)
        same_kind_revised = Budget.objects.filter(revised, project=OuterRef("project"), kind=OuterRef("kind"))
        full_period = Q(period_start__isnull=False, period_end__isnull=False)
        # Keyed as Budget.period_key: by the whole period where a line has one, else by its year (none = none).
        superseded = ~revised & (
            (full_period & Exists(same_kind_revised.filter(full_period, period_start=OuterRef("period_start"),
                                                           period_end=OuterRef("period_end"))))
            | (~full_period & Exists(same_kind_revised.exclude(full_period)
                                     .annotate(year_key=Coalesce("year", -1))
                                     .filter(year_key=Coalesce(OuterRef("year"), -1)))))
        has_total = Exists(Budget.objects.filter(project=OuterRef("project"), kind=Budget.Kind.TOTAL))
        return self.filter(~superseded & (Q(kind=Budget.Kind.TOTAL) | ~has_total))


class Budget(RemembersProject, CapdevModel):
    """A budget line: a total, a yearly amount or another amount, in an ISO 4217 currency."""

    class Kind(models.TextChoices):
        TOTAL = "total", _("Total")
        YEARLY = "yearly", _("Yearly")
        OTHER = "other", _("Other")

    project = models.ForeignKey(Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="budgets")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    kind = models.CharField(_("kind"), max_length=6, choices=Kind.choices, default=Kind.TOTAL)
    amount = models.DecimalField(_("amount"), max_digits=18, decimal_places=2,
                                 validators=[MinValueValidator(0)])
    currency = models.ForeignKey("reference.Currency", verbose_name=_("currency"), on_delete=models.PROTECT,
                                 related_name="+")
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    period_start = models.DateField(_("period start"), null=True, blank=True)
    period_end = models.DateField(_("period end"), null=True, blank=True)
    donor = models.ForeignKey("organisations.Organisation", verbose_name=_("donor"), null=True, blank=True,
                              on_delete=models.PROTECT, related_name="budget_lines")
    label = models.CharField(_("label"), max_length=200, blank=True)

    objects = BudgetQuerySet.as_manager()

    class Meta:
        ordering = ["project", "position"]
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="projects_budget_amount_not_negative"),
            models.CheckConstraint(
                condition=models.Q(period_start__isnull=True) | models.Q(period_end__isnull=True)
                | models.Q(period_end__gte=models.F("period_start")),
                name="projects_budget_period_ordered",
                violation_error_message=_("A budget period cannot end before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.currency_id} {self.amount:,.2f}"

    @property
    def is_revised(self) -> bool:
        """True for a revised budget (IATI BudgetType 2): its label says "revised"."""
        return BUDGET_REVISED_WORD in self.label.lower()

    def period_key(self) -> tuple:
        """The kind and period (else the year) a line states: a revised line replaces the original one of its key."""
        if self.period_start and self.period_end:
            return self.kind, self.period_start, self.period_end
        return self.kind, self.year


# The word of Budget.label that marks IATI's revised budget type, as the IATI importer writes it ("Revised",
# "Revised committed") and its export reads it back (capdev.iati.mapping): the type has no field of its own.
BUDGET_REVISED_WORD = "revised"


def counted_budget_lines(lines: Iterable[Budget]) -> list[Budget]:
    """The lines a project's budget adds up: an original line is left out where a revised line states its period."""
    # IATI's rule: a revised budget replaces the original one for the same period. Publishers send both (the
    # World Bank sends every month twice), and adding both counted the money twice.
    lines = list(lines)
    revised = {b.period_key() for b in lines if b.is_revised}
    return [b for b in lines if b.is_revised or b.period_key() not in revised]


def project_budget_lines(lines: Iterable[Budget]) -> list[Budget]:
    """What a project's budget is, from all its lines: its total lines where it has any (a record's "Budget:
    USD 1.2M"), else its yearly and other lines (IATI's budgets by period), with counted_budget_lines' rule.
    Every sum of budgets follows it: the portal in Python, BudgetQuerySet.counted in SQL, the in-memory index."""
    counted = counted_budget_lines(lines)
    return [b for b in counted if b.kind == Budget.Kind.TOTAL] or counted
