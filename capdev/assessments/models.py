"""Capability assessments: frameworks as data (dimensions, questions, scales), and assessments of a country or
an institution in it, scored per dimension, with priorities, documents and links to the work that answers them."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from capdev.core.models import CapdevModel, DatePrecision, to_partial
from capdev.narrative.types import PartialDate

SCORE_DIGITS = {"max_digits": 6, "decimal_places": 3}


class ScaleKind(models.TextChoices):
    """How a framework scores a dimension."""

    LEVELS = "levels", _("Levels 1 to 5")
    INDEX = "index", _("Index from 0 to 1")


SCALE_RANGE = {ScaleKind.LEVELS: (Decimal(1), Decimal(5)), ScaleKind.INDEX: (Decimal(0), Decimal(1))}


class Framework(CapdevModel):
    """An assessment framework: its dimensions, their questions or indicators, and one scale (levels or index)."""

    slug = models.SlugField(_("identifier"), max_length=80, unique=True,
                            help_text=_("Names the framework in files and URLs "
                                        "(\"capdev-example-digital-government\")."))
    name = models.CharField(_("name"), max_length=300)
    version = models.CharField(_("version"), max_length=40, blank=True)
    description = models.TextField(_("description"), blank=True)
    publisher = models.CharField(_("publisher"), max_length=300, blank=True,
                                 help_text=_("Who wrote the instrument."))
    url = models.URLField(_("web page"), blank=True)
    is_example = models.BooleanField(_("example"), default=False,
                                     help_text=_("An example shipped with Capdev, not an official instrument: "
                                                 "every page that shows it says so."))
    scale = models.CharField(_("scale"), max_length=6, choices=ScaleKind.choices, default=ScaleKind.LEVELS)
    weak_at_or_below = models.DecimalField(_("weak at or below"), **SCORE_DIGITS,
                                           help_text=_("A dimension scoring this or less is a weak one: its country "
                                                       "page lists the projects working on it."))

    class Meta:
        ordering = ["name"]
        verbose_name = _("assessment framework")
        verbose_name_plural = _("assessment frameworks")
        constraints = [
            models.CheckConstraint(
                condition=(Q(scale=ScaleKind.LEVELS, weak_at_or_below__gte=1, weak_at_or_below__lte=5)
                           | Q(scale=ScaleKind.INDEX, weak_at_or_below__gte=0, weak_at_or_below__lte=1)),
                name="assessments_framework_weak_within_scale",
                violation_error_message=_("The weak threshold must lie on the framework's scale."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def scale_range(self) -> tuple[Decimal, Decimal]:
        """The lowest and highest score on the framework's scale."""
        return SCALE_RANGE[ScaleKind(self.scale)]

    def is_weak(self, score: Decimal | None) -> bool:
        """Whether a score marks a weak dimension."""
        return score is not None and score <= self.weak_at_or_below


class Dimension(CapdevModel):
    """A dimension of a framework (a capability, a pillar, an index component), scored in each assessment."""

    framework = models.ForeignKey(Framework, verbose_name=_("framework"), on_delete=models.CASCADE,
                                  related_name="dimensions")
    code = models.SlugField(_("code"), max_length=60)
    name = models.CharField(_("name"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["framework", "position", "pk"]
        verbose_name = _("dimension")
        verbose_name_plural = _("dimensions")
        constraints = [models.UniqueConstraint(fields=["framework", "code"], name="assessments_dimension_unique",
                                               violation_error_message=_("The framework has a dimension of this "
                                                                         "code already."))]

    def __str__(self) -> str:
        return self.name


class Question(CapdevModel):
    """A question or an indicator a dimension is judged by."""

    class Kind(models.TextChoices):
        QUESTION = "question", _("Question")
        INDICATOR = "indicator", _("Indicator")

    dimension = models.ForeignKey(Dimension, verbose_name=_("dimension"), on_delete=models.CASCADE,
                                  related_name="questions")
    code = models.CharField(_("code"), max_length=60)
    kind = models.CharField(_("kind"), max_length=9, choices=Kind.choices, default=Kind.QUESTION)
    text = models.TextField(_("text"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["dimension", "position", "pk"]
        verbose_name = _("question or indicator")
        verbose_name_plural = _("questions and indicators")
        constraints = [models.UniqueConstraint(fields=["dimension", "code"], name="assessments_question_unique")]

    def __str__(self) -> str:
        return self.text[:80]


class Level(CapdevModel):
    """What a level of a 1-5 scale means: for the whole framework (no dimension), or for one dimension."""

    framework = models.ForeignKey(Framework, verbose_name=_("framework"), on_delete=models.CASCADE,
                                  related_name="levels")
    dimension = models.ForeignKey(Dimension, verbose_name=_("dimension"), null=True, blank=True,
                                  on_delete=models.CASCADE, related_name="levels")
    value = models.PositiveSmallIntegerField(_("level"))
    label = models.CharField(_("label"), max_length=100, blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["framework", "dimension", "value"]
        verbose_name = _("scale level")
        verbose_name_plural = _("scale levels")
        constraints = [
            models.CheckConstraint(condition=Q(value__gte=1, value__lte=5), name="assessments_level_1_to_5",
                                   violation_error_message=_("A level is a whole number from 1 to 5.")),
            models.UniqueConstraint(fields=["framework", "value"], condition=Q(dimension__isnull=True),
                                    name="assessments_level_unique_framework"),
            models.UniqueConstraint(fields=["dimension", "value"], condition=Q(dimension__isnull=False),
                                    name="assessments_level_unique_dimension"),
        ]

    def __str__(self) -> str:
        return f"{self.value}: {self.label}" if self.label else str(self.value)


class AssessorType(models.TextChoices):
    """Who assessed."""

    SELF = "self", _("Self-assessment")
    PEER = "peer", _("Peer assessment")
    EXTERNAL = "external", _("External assessment")


class AssessmentState(models.TextChoices):
    """Where an assessment stands: drafts are for staff only."""

    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class AssessmentQuerySet(models.QuerySet):
    """Queries every view of assessments shares."""

    def public(self) -> AssessmentQuerySet:
        """What the public may see: published, and not kept internal."""
        return self.filter(state=AssessmentState.PUBLISHED, internal=False)


class Assessment(CapdevModel):
    """An assessment of one country (or one institution in it) with one framework at a date."""

    framework = models.ForeignKey(Framework, verbose_name=_("framework"), on_delete=models.PROTECT,
                                  related_name="assessments")
    country = models.ForeignKey("reference.Country", verbose_name=_("country"), on_delete=models.PROTECT,
                                related_name="assessments")
    institution = models.ForeignKey("organisations.Organisation", verbose_name=_("institution"), null=True,
                                    blank=True, on_delete=models.PROTECT, related_name="assessments",
                                    help_text=_("Set when one institution of the country was assessed."))
    date = models.DateField(_("date"), help_text=_("The first day of the period the precision gives."))
    date_precision = models.CharField(_("date precision"), max_length=5, choices=DatePrecision.choices,
                                      default=DatePrecision.DAY)
    assessor_type = models.CharField(_("assessed by"), max_length=8, choices=AssessorType.choices,
                                     default=AssessorType.SELF)
    assessor = models.ForeignKey("organisations.Organisation", verbose_name=_("assessing organisation"), null=True,
                                 blank=True, on_delete=models.PROTECT, related_name="assessments_made",
                                 help_text=_("The body that assessed (for a peer or external assessment). "
                                             "An organisation, never a person."))
    title = models.CharField(_("title"), max_length=300, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    state = models.CharField(_("state"), max_length=9, choices=AssessmentState.choices,
                             default=AssessmentState.DRAFT, db_index=True)
    internal = models.BooleanField(
        _("keep internal"), default=False,
        help_text=_("An internal assessment is never shown to the public: not on any page, in the API, the "
                    "exports, the CSV files, search or the dashboard, even once published."))
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["country", "-date", "pk"]
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        constraints = [
            # One assessment per framework, country (or institution), date and kind of assessor: what a score
            # file's rows are matched by.
            models.UniqueConstraint(fields=["framework", "country", "date", "assessor_type"],
                                    condition=Q(institution__isnull=True), name="assessments_assessment_unique",
                                    violation_error_message=_("This country already has an assessment with this "
                                                              "framework, date and kind of assessor.")),
            models.UniqueConstraint(fields=["framework", "institution", "date", "assessor_type"],
                                    condition=Q(institution__isnull=False),
                                    name="assessments_assessment_unique_institution",
                                    violation_error_message=_("This institution already has an assessment with "
                                                              "this framework, date and kind of assessor.")),
        ]
        indexes = [models.Index(fields=["country", "date"], name="assessments_country_date_idx"),
                   models.Index(fields=["framework", "date"], name="assessments_framework_date_idx")]

    def __str__(self) -> str:
        who = self.institution.name if self.institution_id and self.institution else str(self.country)
        return f"{who}, {self.framework}, {self.partial_date.iso()}"

    @property
    def partial_date(self) -> PartialDate:
        """The date at its precision."""
        return to_partial(self.date, self.date_precision)

    @property
    def is_public(self) -> bool:
        """Whether the public may see it."""
        return self.state == AssessmentState.PUBLISHED and not self.internal

    def period_end(self) -> dt.date:
        """The last day of the assessment's date at its precision (a "2023" assessment ends 31 December 2023)."""
        return self.partial_date.last_day()


class DimensionScore(CapdevModel):
    """An assessment's score on one dimension, with the evidence and comments behind it."""

    assessment = models.ForeignKey(Assessment, verbose_name=_("assessment"), on_delete=models.CASCADE,
                                   related_name="scores")
    dimension = models.ForeignKey(Dimension, verbose_name=_("dimension"), on_delete=models.PROTECT,
                                  related_name="scores")
    score = models.DecimalField(_("score"), **SCORE_DIGITS)
    evidence = models.TextField(_("evidence"), blank=True)
    comments = models.TextField(_("comments"), blank=True)

    class Meta:
        ordering = ["assessment", "dimension__position", "pk"]
        verbose_name = _("dimension score")
        verbose_name_plural = _("dimension scores")
        constraints = [
            models.UniqueConstraint(fields=["assessment", "dimension"], name="assessments_score_unique",
                                    violation_error_message=_("The assessment has a score for this dimension "
                                                              "already.")),
            models.CheckConstraint(condition=Q(score__gte=0, score__lte=5), name="assessments_score_0_to_5",
                                   violation_error_message=_("A score lies between 0 and 5.")),
        ]

    def __str__(self) -> str:
        return f"{self.dimension_id}: {self.score}"


class Priority(CapdevModel):
    """A priority the assessment identified, optionally about one of its dimensions."""

    assessment = models.ForeignKey(Assessment, verbose_name=_("assessment"), on_delete=models.CASCADE,
                                   related_name="priorities")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    text = models.TextField(_("priority"))
    dimension = models.ForeignKey(Dimension, verbose_name=_("dimension"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="priorities")

    class Meta:
        ordering = ["assessment", "position", "pk"]
        verbose_name = _("priority")
        verbose_name_plural = _("priorities")

    def __str__(self) -> str:
        return self.text[:80]


class AssessmentDocument(CapdevModel):
    """A document of an assessment: its report, the questionnaire, a presentation, the data."""

    class Kind(models.TextChoices):
        REPORT = "report", _("Report")
        QUESTIONNAIRE = "questionnaire", _("Questionnaire")
        PRESENTATION = "presentation", _("Presentation")
        DATA = "data", _("Data")
        OTHER = "other", _("Other")

    assessment = models.ForeignKey(Assessment, verbose_name=_("assessment"), on_delete=models.CASCADE,
                                   related_name="documents")
    kind = models.CharField(_("kind"), max_length=13, choices=Kind.choices, default=Kind.REPORT)
    title = models.CharField(_("title"), max_length=300)
    url = models.URLField(_("link"), max_length=500)
    language = models.CharField(_("language"), max_length=8, blank=True)

    class Meta:
        ordering = ["assessment", "pk"]
        verbose_name = _("assessment document")
        verbose_name_plural = _("assessment documents")

    def __str__(self) -> str:
        return self.title


class WorkLink(CapdevModel):
    """A project (or one of its outcomes or activities) that addresses a dimension or a priority of an assessment."""

    assessment = models.ForeignKey(Assessment, verbose_name=_("assessment"), on_delete=models.CASCADE,
                                   related_name="links")
    dimension = models.ForeignKey(Dimension, verbose_name=_("dimension"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="links")
    priority = models.ForeignKey(Priority, verbose_name=_("priority"), null=True, blank=True,
                                 on_delete=models.CASCADE, related_name="links")
    project = models.ForeignKey("projects.Project", verbose_name=_("project"), on_delete=models.CASCADE,
                                related_name="assessment_links")
    outcome = models.ForeignKey("projects.Outcome", verbose_name=_("outcome"), null=True, blank=True,
                                on_delete=models.CASCADE, related_name="assessment_links")
    activity = models.ForeignKey("activities.Activity", verbose_name=_("activity"), null=True, blank=True,
                                 on_delete=models.CASCADE, related_name="assessment_links")
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["assessment", "pk"]
        verbose_name = _("link to the work")
        verbose_name_plural = _("links to the work")
        constraints = [
            models.CheckConstraint(
                condition=(Q(dimension__isnull=False, priority__isnull=True)
                           | Q(dimension__isnull=True, priority__isnull=False)),
                name="assessments_worklink_dimension_or_priority",
                violation_error_message=_("A link addresses either a dimension or a priority."),
            ),
        ]
        indexes = [models.Index(fields=["project", "assessment"], name="assessments_link_project_idx")]

    def __str__(self) -> str:
        return f"{self.assessment_id} → {self.project_id}"

    @property
    def addressed_dimension_id(self) -> int | None:
        """The dimension the link is about: its own, or its priority's."""
        if self.dimension_id:
            return self.dimension_id
        return self.priority.dimension_id if self.priority_id and self.priority else None
