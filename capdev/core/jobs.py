"""The base of a piece of background work a page follows: its state, its progress, its error, its times.

Import jobs (`capdev.imports`) and report jobs (`capdev.reports`) inherit it. Not a CapdevModel: a job is work in
progress (its progress changes every few records), not registry data with a history.
"""
from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class BackgroundJob(models.Model):
    """State, progress (`done` of `total`), error and times; each job declares its states with `state_field`
    and its constraints with `job_constraints`, under the names its table already has."""

    RUNNING: tuple[str, ...] = ()  # the states in which the worker has it or will take it: the page follows

    done = models.PositiveIntegerField(_("items done"), default=0)
    total = models.PositiveIntegerField(_("items in all"), default=0)
    error = models.TextField(_("error"), blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    last_updated = models.DateTimeField(_("last updated"), auto_now=True)

    class Meta:
        abstract = True
        ordering = ["-created", "-pk"]

    @staticmethod
    def state_field(states: type[models.TextChoices]) -> models.CharField:
        """The job's state, one of `states`, the first of which a new job starts in."""
        return models.CharField(_("state"), max_length=20, choices=states.choices, default=states.values[0])

    @staticmethod
    def job_constraints(prefix: str, states: type[models.TextChoices], unknown_state: str) -> list:
        """The state is one of `states`; progress never passes its total (a total of 0: no count yet)."""
        return [
            models.CheckConstraint(condition=models.Q(state__in=states.values), name=f"{prefix}_state",
                                   violation_error_message=unknown_state),
            models.CheckConstraint(condition=models.Q(done__lte=models.F("total")) | models.Q(total=0),
                                   name=f"{prefix}_done_not_past_total",
                                   violation_error_message=_("Progress cannot pass the total.")),
        ]

    @property
    def running(self) -> bool:
        """Waiting for or in the hands of the worker: the page follows its progress."""
        return self.state in self.RUNNING

    @property
    def percent(self) -> int | None:
        """Progress in percent, when the step has a count."""
        return round(100 * self.done / self.total) if self.total else None
