"""Indicators whose actual values are computed from the people data, period by period, and their breakdown by sex."""
from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from capdev.core.models import CapdevModel

from .attendance import Role
from .persons import Sex


class Measure(models.TextChoices):
    """What an indicator counts, from which data."""

    PEOPLE_REACHED = "people_reached", _("Unique people reached (attendance lists)")
    ATTENDANCES = "attendances", _("Attendances (attendance lists)")
    PERSON_DAYS = "person_days", _("Person-days (attendance lists)")
    CERTIFICATES = "certificates", _("Certificates issued (attendance lists)")
    SECOND_GENERATION = "second_generation", _("People trained by the trainers the project trained")
    INCREASED_KNOWLEDGE = "increased_knowledge", _("Share of respondents reporting increased knowledge (%)")
    SATISFIED = "satisfied", _("Share of respondents satisfied, 4 or 5 out of 5 (%)")
    APPLIED = "applied", _("Share of respondents applying what they learned at follow-up (%)")
    NETWORK_MEMBERS = "network_members", _("Members of a network at the end of the period")


class Period(models.TextChoices):
    """The length of the periods values are computed for."""

    YEAR = "year", _("Calendar year")
    HALF = "half", _("Half year")
    QUARTER = "quarter", _("Quarter")


class IndicatorSource(CapdevModel):
    """Where an indicator's actual values come from: a measure over the project's people data, by period.

    One of a project's rows (capdev.editor.tree): a working copy carries it, publishing writes it back.
    """

    indicator = models.OneToOneField("projects.Indicator", verbose_name=_("indicator"), on_delete=models.CASCADE,
                                     related_name="people_source")
    measure = models.CharField(_("measure"), max_length=20, choices=Measure.choices)
    sex = models.CharField(_("only people of sex"), max_length=10, choices=Sex.choices, blank=True,
                           help_text=_("e.g. \"number of women trained\": female; empty for everyone."))
    role = models.CharField(_("role counted"), max_length=12, choices=Role.choices, default=Role.PARTICIPANT)
    network = models.ForeignKey("people.Network", verbose_name=_("network"), null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="indicator_sources")
    period = models.CharField(_("period"), max_length=8, choices=Period.choices, default=Period.YEAR)
    computed_at = models.DateTimeField(_("last computed"), null=True, blank=True)

    class Meta:
        verbose_name = _("indicator source")
        verbose_name_plural = _("indicator sources")

    def __str__(self) -> str:
        return self.get_measure_display()


class ValueBreakdown(CapdevModel):
    """One category's part of a computed value (by sex: what IATI publishes as `dimension name="sex"`)."""

    value = models.ForeignKey("projects.IndicatorValue", verbose_name=_("value"), on_delete=models.CASCADE,
                              related_name="breakdowns")
    dimension = models.CharField(_("dimension"), max_length=20, default="sex")
    category = models.CharField(_("category"), max_length=20)
    actual = models.DecimalField(_("actual"), max_digits=18, decimal_places=4)

    class Meta:
        ordering = ["value", "dimension", "category"]
        verbose_name = _("value breakdown")
        verbose_name_plural = _("value breakdowns")
        constraints = [models.UniqueConstraint(fields=["value", "dimension", "category"],
                                               name="people_valuebreakdown_unique")]

    def __str__(self) -> str:
        return f"{self.dimension}={self.category}: {self.actual}"
