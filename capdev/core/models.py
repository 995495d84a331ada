"""Base models: timestamps and change history for every Capdev model, and dates with a precision."""
from __future__ import annotations

import datetime as dt

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from capdev.narrative.types import PartialDate


class DatePrecision(models.TextChoices):
    """How much of a date the source gave: "2010", "February 2010" or "3 February 2010"."""

    YEAR = "year", _("Year")
    MONTH = "month", _("Month")
    DAY = "day", _("Day")


class CapdevModel(models.Model):
    """Abstract base of every Capdev model: created/updated timestamps and full change history."""

    created = models.DateTimeField(_("created"), auto_now_add=True)
    last_updated = models.DateTimeField(_("last updated"), auto_now=True)

    history = HistoricalRecords(inherit=True)

    class Meta:
        abstract = True


def to_partial(date: dt.date | None, precision: str) -> PartialDate | None:
    """The PartialDate a stored (date, precision) pair stands for."""
    if date is None:
        return None
    if precision == DatePrecision.YEAR:
        return PartialDate(date.year)
    if precision == DatePrecision.MONTH:
        return PartialDate(date.year, date.month)
    return PartialDate(date.year, date.month, date.day)


def from_partial(value: PartialDate | None, edge: str) -> tuple[dt.date | None, str]:
    """The (date, precision) pair to store for a PartialDate; edge is 'first' or 'last'."""
    if value is None:
        return None, DatePrecision.DAY
    day = value.first_day() if edge == "first" else value.last_day()
    return day, value.precision


class StartEndMixin(models.Model):
    """A start and an end, each with its precision, and a check that the end is not before the start."""

    start_date = models.DateField(_("start"), null=True, blank=True, db_index=True,
                                  help_text=_("The first day of the period the precision gives."))
    start_precision = models.CharField(_("start precision"), max_length=5, choices=DatePrecision.choices,
                                       default=DatePrecision.DAY, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True, db_index=True,
                                help_text=_("The last day of the period the precision gives."))
    end_precision = models.CharField(_("end precision"), max_length=5, choices=DatePrecision.choices,
                                     default=DatePrecision.DAY, blank=True)

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=models.Q(start_date__isnull=True)
                | models.Q(end_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="%(app_label)s_%(class)s_end_not_before_start",
                violation_error_message=_("The end cannot be before the start."),
            ),
        ]

    @property
    def start(self) -> PartialDate | None:
        """The start at its precision."""
        return to_partial(self.start_date, self.start_precision)

    @start.setter
    def start(self, value: PartialDate | None) -> None:
        self.start_date, self.start_precision = from_partial(value, "first")

    @property
    def end(self) -> PartialDate | None:
        """The end at its precision."""
        return to_partial(self.end_date, self.end_precision)

    @end.setter
    def end(self, value: PartialDate | None) -> None:
        self.end_date, self.end_precision = from_partial(value, "last")


class OrderedItem(CapdevModel):
    """A row in an ordered list that belongs to a parent (expected accomplishments, activities, ...)."""

    position = models.PositiveIntegerField(_("position"), default=0)
    text = models.TextField(_("text"))

    class Meta:
        abstract = True
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.text[:80]


class ContentChange(models.Model):
    """One committed change of what pages may show (capdev.core.content_version): the pages' validators and the
    page cache's keys follow it. Not a CapdevModel: a technical marker. Rows are only added, old ones pruned."""

    id = models.BigAutoField(primary_key=True)
    # Random: ids start again at 1 after a flush, and a version must never come back with other data.
    token = models.CharField(_("token"), max_length=32)
    changed = models.DateTimeField(_("changed"), auto_now_add=True)

    class Meta:
        verbose_name = _("content change")
        verbose_name_plural = _("content changes")

    def __str__(self) -> str:
        return f"content change {self.pk}"
