"""The project itself: its states, its queries and the thematic areas it works on."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import connections, models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from capdev.core.bulk import IN_CHUNK
from capdev.core.models import CapdevModel, DatePrecision, StartEndMixin, to_partial
from capdev.narrative.types import PartialDate

PERCENT_VALIDATORS = [MinValueValidator(0), MaxValueValidator(100)]
# The partial unique indexes that find an original by its code or IATI identifier (Project.Meta.constraints).
REGISTRY_UNIQUE_INDEXES = {"code": "projects_project_code_unique",
                           "iati_identifier": "projects_project_iati_identifier_unique"}


class ProjectStatus(models.TextChoices):
    """Where a project stands in time."""

    PLANNED = "planned", _("Planned")
    ACTIVE = "active", _("Active")
    COMPLETED = "completed", _("Completed")


class ReviewState(models.TextChoices):
    """Where a project stands in the editorial workflow."""

    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    PUBLISHED = "published", _("Published")


def derive_status(start: dt.date | None, end: dt.date | None, today: dt.date | None = None) -> str | None:
    """Planned before the start, completed after the end, active in between; None with no dates."""
    today = today or timezone.localdate()
    if start is None and end is None:
        return None
    if start is not None and today < start:
        return ProjectStatus.PLANNED
    if end is not None and today > end:
        return ProjectStatus.COMPLETED
    return ProjectStatus.ACTIVE


class ProjectQuerySet(models.QuerySet):
    """Queries every view of projects shares."""

    def published(self) -> ProjectQuerySet:
        """Projects the public may see."""
        return self.filter(review_state=ReviewState.PUBLISHED, draft_of__isnull=True)

    def registry(self) -> ProjectQuerySet:
        """Every project once: working copies of published projects are left out (they show on their original)."""
        return self.filter(draft_of__isnull=True)

    def registry_with(self, field: str, values: Iterable[str]) -> ProjectQuerySet:
        """Registry projects whose `code` or `iati_identifier` is one of values, found through its unique index."""
        values = [v for v in dict.fromkeys(values) if v]
        connection = connections[self.db]
        if connection.vendor != "sqlite" or not values:
            return self.registry().filter(**{f"{field}__in": values})
        # SQLite without statistics reads `draft_of IS NULL` off the draft link's unique index as one row and
        # walks every original for each batch an import matches (the match grew with the registry); naming the
        # partial unique index keeps a lookup at the size of its batch.
        quote = connection.ops.quote_name
        meta = self.model._meta
        column, index = meta.get_field(field).column, REGISTRY_UNIQUE_INDEXES[field]
        keys: list[int] = []
        with connection.cursor() as cursor:
            for start in range(0, len(values), IN_CHUNK):
                chunk = values[start:start + IN_CHUNK]
                cursor.execute(
                    f"SELECT {quote(meta.pk.column)} FROM {quote(meta.db_table)} INDEXED BY {quote(index)} "
                    f"WHERE {quote(column)} IN ({', '.join(['%s'] * len(chunk))}) AND {quote(column)} IS NOT NULL "
                    f"AND {quote(meta.get_field('draft_of').column)} IS NULL", chunk)
                keys += [row[0] for row in cursor.fetchall()]
        return self.filter(pk__in=keys)

    def with_status(self, today: dt.date | None = None) -> ProjectQuerySet:
        """Annotate `current_status`: the editor's status where set, otherwise derived from the dates today."""
        today = today or timezone.localdate()
        return self.annotate(
            current_status=models.Case(
                models.When(~models.Q(status_override=""), then=models.F("status_override")),
                models.When(start_date__gt=today, then=models.Value(ProjectStatus.PLANNED)),
                models.When(end_date__lt=today, then=models.Value(ProjectStatus.COMPLETED)),
                models.When(models.Q(start_date__isnull=True, end_date__isnull=True), then=models.Value("")),
                default=models.Value(ProjectStatus.ACTIVE),
                output_field=models.CharField(),
            )
        )


class ThematicArea(CapdevModel):
    """A theme a project works on ("Digital government", "Public administration reform")."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("thematic area")
        verbose_name_plural = _("thematic areas")

    def __str__(self) -> str:
        return self.name


class Project(StartEndMixin, CapdevModel):
    """A capacity-development project: the unit of the portfolio."""

    code = models.CharField(_("code"), max_length=40, null=True, blank=True,
                            help_text=_("The project's own code, e.g. \"ZAI/08/001\" or \"2326B\"; unique when set."))
    iati_identifier = models.CharField(
        _("IATI identifier"), max_length=200, null=True, blank=True,
        help_text=_("Set for activities imported from IATI; published projects without one get "
                    "the reporting organisation's identifier plus the code."))
    title = models.CharField(_("title"), max_length=500)
    title_is_proposed = models.BooleanField(_("title proposed by the importer"), default=False)
    summary = models.TextField(_("summary"), blank=True)
    objective = models.TextField(_("objective"), blank=True)
    background = models.TextField(_("background"), blank=True)
    lead_unit = models.ForeignKey("organisations.OrgUnit", verbose_name=_("lead unit"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="projects")
    funding_source = models.ForeignKey("organisations.FundingSource", verbose_name=_("funding source"),
                                       null=True, blank=True, on_delete=models.PROTECT, related_name="projects")
    status_override = models.CharField(_("status set by an editor"), max_length=10, blank=True,
                                       choices=ProjectStatus.choices,
                                       help_text=_("Leave empty to derive the status from the dates."))
    review_state = models.CharField(_("review state"), max_length=10, choices=ReviewState.choices,
                                    default=ReviewState.DRAFT, db_index=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    draft_of = models.OneToOneField(
        "self", verbose_name=_("draft of"), null=True, blank=True, on_delete=models.CASCADE, related_name="draft",
        help_text=_("Set on the working copy of a published project: the public keeps seeing the published "
                    "version until this draft is published over it."))
    regions = models.ManyToManyField("reference.Region", verbose_name=_("regions"), through="ProjectRegion",
                                     related_name="projects", blank=True)
    countries = models.ManyToManyField("reference.Country", verbose_name=_("focus countries"),
                                       through="ProjectCountry", related_name="projects", blank=True)
    sdg_goals = models.ManyToManyField("reference.SdgGoal", verbose_name=_("SDG goals"), through="ProjectSdgGoal",
                                       related_name="projects", blank=True)
    sdg_targets = models.ManyToManyField("reference.SdgTarget", verbose_name=_("SDG targets"),
                                         through="ProjectSdgTarget", related_name="projects", blank=True)
    thematic_areas = models.ManyToManyField(ThematicArea, verbose_name=_("thematic areas"),
                                            through="ProjectThematicArea", related_name="projects", blank=True)
    partners = models.ManyToManyField("organisations.Organisation", verbose_name=_("partners"),
                                      through="ProjectPartner", related_name="projects", blank=True)
    beneficiaries_direct = models.TextField(_("direct beneficiaries"), blank=True)
    beneficiaries_indirect = models.TextField(_("indirect beneficiaries"), blank=True)
    accomplishments_as_of = models.DateField(_("accomplishments as of"), null=True, blank=True)
    accomplishments_as_of_precision = models.CharField(max_length=5, choices=DatePrecision.choices,
                                                       default=DatePrecision.DAY, blank=True)
    # The language the project's texts (title, summary, objective, outcomes...) were written in, so that a page in
    # another language marks them with it (lang="en" on a French page: docs/languages.md#the-language-of-a-text).
    # The narrative pages are English; IATI import takes the language of the activity's narratives.
    language = models.CharField(
        _("language of the texts"), max_length=8, default="en",
        validators=[RegexValidator(r"^[a-z]{2,3}(-[a-z0-9]{2,8})?$",
                                   _("Give a language code such as en, fr, zh-hans."))],
        help_text=_("The language the title, summary, objective and outcomes are written in (en, fr, es, ar, ru, "
                    "zh...)."))

    objects = ProjectQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date", "title"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        constraints = [
            *StartEndMixin.Meta.constraints,
            # A working copy carries its original's code and identifier, so uniqueness is among originals.
            models.UniqueConstraint(fields=["code"], condition=models.Q(code__isnull=False, draft_of__isnull=True),
                                    name=REGISTRY_UNIQUE_INDEXES["code"],
                                    violation_error_message=_("Another project already has this code.")),
            models.CheckConstraint(condition=~models.Q(code=""), name="projects_project_code_not_empty"),
            models.UniqueConstraint(fields=["iati_identifier"],
                                    condition=models.Q(iati_identifier__isnull=False, draft_of__isnull=True),
                                    name=REGISTRY_UNIQUE_INDEXES["iati_identifier"]),
        ]
        indexes = [
            models.Index(fields=["review_state", "start_date"], name="projects_state_start_idx"),
            models.Index(fields=["lead_unit", "review_state"], name="projects_unit_state_idx"),
            models.Index(fields=["funding_source", "review_state"], name="projects_funding_state_idx"),
            # The list by title, and where an edited project now falls in that order (facet_index.refresh).
            models.Index(fields=["title", "id"], name="projects_title_idx"),
            models.Index(Lower("title"), "id", name="projects_title_lower_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.code}: {self.title}" if self.code else self.title

    def save(self, *args, **kwargs):
        # An empty code means "no code": store NULL so that the unique constraint ignores it.
        if self.code is not None:
            self.code = self.code.strip() or None
        super().save(*args, **kwargs)

    @property
    def status(self) -> str | None:
        """The editor's status where set, otherwise derived from the dates."""
        if self.status_override:
            return self.status_override
        return derive_status(self.start_date, self.end_date)

    @property
    def accomplishments_as_of_partial(self) -> PartialDate | None:
        """The date the key accomplishments are reported as of, at its precision."""
        return to_partial(self.accomplishments_as_of, self.accomplishments_as_of_precision)
