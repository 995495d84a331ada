"""What a project set out to do and achieved: accomplishments, activities planned, outcomes, indicators."""
from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from capdev.core.models import CapdevModel, DatePrecision, OrderedItem

from .project import Project


class ExpectedAccomplishment(OrderedItem):
    """An expected accomplishment ("Main Expectations")."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="expected_accomplishments")

    class Meta(OrderedItem.Meta):
        verbose_name = _("expected accomplishment")
        verbose_name_plural = _("expected accomplishments")


class PlannedActivity(OrderedItem):
    """A planned activity ("Main activities", "The following activities are envisaged")."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="planned_activities")

    class Meta(OrderedItem.Meta):
        verbose_name = _("planned activity")
        verbose_name_plural = _("planned activities")


class KeyAccomplishment(OrderedItem):
    """A key accomplishment, dated when the record says as of when."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="key_accomplishments")
    as_of = models.DateField(_("as of"), null=True, blank=True)
    as_of_precision = models.CharField(max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY,
                                       blank=True)
    to_date = models.BooleanField(_("reported \"to date\""), default=False)

    class Meta(OrderedItem.Meta):
        verbose_name = _("key accomplishment")
        verbose_name_plural = _("key accomplishments")


class Outcome(OrderedItem):
    """An intended outcome, with the year it is to be reached by."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="outcomes")
    number = models.PositiveSmallIntegerField(_("number"), null=True, blank=True)
    target_year = models.PositiveSmallIntegerField(_("target year"), null=True, blank=True)

    class Meta(OrderedItem.Meta):
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")


class Indicator(CapdevModel):
    """A measure of an outcome, with its baseline and target."""

    outcome = models.ForeignKey(Outcome, on_delete=models.CASCADE, related_name="indicators")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    title = models.CharField(_("title"), max_length=500)
    unit = models.CharField(_("unit of measure"), max_length=100, blank=True)
    ascending = models.BooleanField(_("higher is better"), default=True)
    baseline_value = models.DecimalField(_("baseline"), max_digits=18, decimal_places=4, null=True, blank=True)
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"), null=True, blank=True)
    target_value = models.DecimalField(_("target"), max_digits=18, decimal_places=4, null=True, blank=True)
    target_year = models.PositiveSmallIntegerField(_("target year"), null=True, blank=True)

    class Meta:
        ordering = ["outcome", "position"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self) -> str:
        return self.title


class IndicatorValue(CapdevModel):
    """What an indicator measured in one period."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    actual = models.DecimalField(_("actual"), max_digits=18, decimal_places=4, null=True, blank=True)
    target = models.DecimalField(_("target for the period"), max_digits=18, decimal_places=4, null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        ordering = ["indicator", "period_start"]
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        constraints = [
            models.CheckConstraint(condition=models.Q(period_end__gte=models.F("period_start")),
                                   name="projects_indicatorvalue_period_ordered",
                                   violation_error_message=_("A period cannot end before it starts.")),
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.period_start}–{self.period_end}"
