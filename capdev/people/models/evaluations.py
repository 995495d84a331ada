"""Evaluations of activities in Kirkpatrick's levels: reaction, learning, and application months later."""
from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from capdev.core.models import CapdevModel

from .attendance import ActivityLink

LIKERT = [MinValueValidator(1), MaxValueValidator(5)]


class Evaluation(ActivityLink, CapdevModel):
    """The evaluation of one activity: its questionnaire's scales, and its responses."""

    title = models.CharField(_("title"), max_length=300, blank=True)
    score_max = models.DecimalField(_("highest test score"), max_digits=7, decimal_places=2, default=100,
                                    validators=[MinValueValidator(1)],
                                    help_text=_("What a perfect pre- or post-test scores (100, 20, 10...)."))
    followup_months = models.PositiveSmallIntegerField(_("follow-up after (months)"), null=True, blank=True)

    class Meta:
        ordering = ["-created"]
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")

    def __str__(self) -> str:
        return self.title or str(_("Evaluation %(id)s") % {"id": self.pk})


class Applied(models.TextChoices):
    """The follow-up question: has the participant applied what they learned?"""

    YES = "yes", _("Yes")
    PARTLY = "partly", _("Partly")
    NO = "no", _("No")


class Response(CapdevModel):
    """One respondent's answers. Anonymous unless the survey named them (then `person`).

    Level 1, reaction: satisfaction and relevance (1-5). Level 2, learning: pre- and post-test scores, or
    knowledge before and after as the respondent assesses it (1-5). Level 3, application: the follow-up.
    """

    evaluation = models.ForeignKey(Evaluation, verbose_name=_("evaluation"), on_delete=models.CASCADE,
                                   related_name="responses")
    person = models.ForeignKey("people.Person", verbose_name=_("person"), null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="responses")
    satisfaction = models.PositiveSmallIntegerField(_("satisfaction (1-5)"), null=True, blank=True,
                                                    validators=LIKERT)
    relevance = models.PositiveSmallIntegerField(_("relevance (1-5)"), null=True, blank=True, validators=LIKERT)
    pre_score = models.DecimalField(_("pre-test score"), max_digits=7, decimal_places=2, null=True, blank=True,
                                    validators=[MinValueValidator(0)])
    post_score = models.DecimalField(_("post-test score"), max_digits=7, decimal_places=2, null=True, blank=True,
                                     validators=[MinValueValidator(0)])
    knowledge_before = models.PositiveSmallIntegerField(_("knowledge before (1-5)"), null=True, blank=True,
                                                        validators=LIKERT)
    knowledge_after = models.PositiveSmallIntegerField(_("knowledge after (1-5)"), null=True, blank=True,
                                                       validators=LIKERT)
    applied = models.CharField(_("applied what they learned"), max_length=6, choices=Applied.choices, blank=True)
    followup_date = models.DateField(_("follow-up answered on"), null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True,
                               help_text=_("Free text can name people: shown to staff who may see names only."))
    sheet = models.ForeignKey("people.Sheet", verbose_name=_("sheet"), null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="responses")
    row = models.ForeignKey("people.SheetRow", verbose_name=_("sheet row"), null=True, blank=True,
                            on_delete=models.SET_NULL, related_name="responses")

    class Meta:
        ordering = ["evaluation", "pk"]
        verbose_name = _("evaluation response")
        verbose_name_plural = _("evaluation responses")
        constraints = [
            models.CheckConstraint(
                condition=(Q(satisfaction__isnull=True) | Q(satisfaction__gte=1, satisfaction__lte=5))
                & (Q(relevance__isnull=True) | Q(relevance__gte=1, relevance__lte=5))
                & (Q(knowledge_before__isnull=True) | Q(knowledge_before__gte=1, knowledge_before__lte=5))
                & (Q(knowledge_after__isnull=True) | Q(knowledge_after__gte=1, knowledge_after__lte=5)),
                name="people_response_likert_1_5", violation_error_message=_("Scales run from 1 to 5.")),
        ]

    def __str__(self) -> str:
        return _("Response %(id)s") % {"id": self.pk}

    @property
    def learned(self) -> bool | None:
        """Whether the respondent knows more after than before (tests first, else self-assessment); None
        when the response does not say."""
        if self.pre_score is not None and self.post_score is not None:
            return self.post_score > self.pre_score
        if self.knowledge_before is not None and self.knowledge_after is not None:
            return self.knowledge_after > self.knowledge_before
        return None
