"""Project and everything a project record says: budgets, places, SDGs, partners, lists, results, provenance."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import connections, models
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Coalesce, Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from capdev.core.bulk import IN_CHUNK
from capdev.core.models import CapdevModel, DatePrecision, OrderedItem, StartEndMixin, to_partial
from capdev.narrative.types import PartialDate
from capdev.projects.index_version import RemembersProject

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


class ProjectCountry(RemembersProject, CapdevModel):
    """A country a project serves, with the share of the project that goes to it (for IATI)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="country_links")
    country = models.ForeignKey("reference.Country", on_delete=models.PROTECT, related_name="project_links")
    percentage = models.DecimalField(_("percentage"), max_digits=5, decimal_places=2, null=True, blank=True,
                                     validators=PERCENT_VALIDATORS)
    inferred = models.BooleanField(_("inferred from text"), default=False,
                                   help_text=_("The importer found it in the narrative, not in a labelled field."))

    class Meta:
        ordering = ["project", "country__name"]
        verbose_name = _("focus country")
        verbose_name_plural = _("focus countries")
        constraints = [
            models.UniqueConstraint(fields=["project", "country"], name="projects_projectcountry_unique"),
            models.CheckConstraint(
                condition=models.Q(percentage__isnull=True) | models.Q(percentage__gte=0, percentage__lte=100),
                name="projects_projectcountry_percentage_0_100",
            ),
        ]
        indexes = [models.Index(fields=["country", "project"], name="projects_country_project_idx")]

    def __str__(self) -> str:
        return f"{self.project_id} → {self.country_id}"


class ProjectRegion(RemembersProject, CapdevModel):
    """A region a project serves as a whole, with its share (for IATI)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="region_links")
    region = models.ForeignKey("reference.Region", on_delete=models.PROTECT, related_name="project_links")
    percentage = models.DecimalField(_("percentage"), max_digits=5, decimal_places=2, null=True, blank=True,
                                     validators=PERCENT_VALIDATORS)

    class Meta:
        ordering = ["project", "region__name"]
        verbose_name = _("region served")
        verbose_name_plural = _("regions served")
        constraints = [
            models.UniqueConstraint(fields=["project", "region"], name="projects_projectregion_unique"),
            models.CheckConstraint(
                condition=models.Q(percentage__isnull=True) | models.Q(percentage__gte=0, percentage__lte=100),
                name="projects_projectregion_percentage_0_100",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project_id} → {self.region_id}"


class ProjectSdgGoal(RemembersProject, CapdevModel):
    """An SDG goal a project contributes to."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="sdg_goal_links")
    goal = models.ForeignKey("reference.SdgGoal", on_delete=models.PROTECT, related_name="project_links")

    class Meta:
        ordering = ["project", "goal"]
        verbose_name = _("SDG goal of a project")
        verbose_name_plural = _("SDG goals of projects")
        constraints = [models.UniqueConstraint(fields=["project", "goal"], name="projects_sdggoal_unique")]
        indexes = [models.Index(fields=["goal", "project"], name="projects_goal_project_idx")]


class ProjectSdgTarget(RemembersProject, CapdevModel):
    """An SDG target a project contributes to."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="sdg_target_links")
    target = models.ForeignKey("reference.SdgTarget", on_delete=models.PROTECT, related_name="project_links")

    class Meta:
        ordering = ["project", "target"]
        verbose_name = _("SDG target of a project")
        verbose_name_plural = _("SDG targets of projects")
        constraints = [models.UniqueConstraint(fields=["project", "target"], name="projects_sdgtarget_unique")]


class ProjectThematicArea(CapdevModel):
    """A thematic area a project works in."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="thematic_area_links")
    thematic_area = models.ForeignKey(ThematicArea, on_delete=models.PROTECT, related_name="project_links")

    class Meta:
        ordering = ["project", "thematic_area"]
        verbose_name = _("thematic area of a project")
        verbose_name_plural = _("thematic areas of projects")
        constraints = [
            models.UniqueConstraint(fields=["project", "thematic_area"], name="projects_thematicarea_unique"),
        ]


class ProjectSector(CapdevModel):
    """A sector a project works in, in a sector vocabulary (DAC 5-digit by default), with its share."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="sectors")
    vocabulary = models.CharField(_("vocabulary"), max_length=3, default="1",
                                  help_text=_("IATI SectorVocabulary code: 1 is DAC 5-digit, 7 and 8 are SDG goals "
                                              "and targets, 99 is the reporting organisation's own."))
    code = models.CharField(_("code"), max_length=20)
    name = models.CharField(_("name"), max_length=300, blank=True)
    percentage = models.DecimalField(_("percentage"), max_digits=5, decimal_places=2, null=True, blank=True,
                                     validators=PERCENT_VALIDATORS)

    class Meta:
        ordering = ["project", "vocabulary", "code"]
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")
        constraints = [
            models.UniqueConstraint(fields=["project", "vocabulary", "code"], name="projects_sector_unique"),
            models.CheckConstraint(
                condition=models.Q(percentage__isnull=True) | models.Q(percentage__gte=0, percentage__lte=100),
                name="projects_sector_percentage_0_100",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.vocabulary}:{self.code}"


class ProjectPartner(RemembersProject, CapdevModel):
    """An organisation's part in a project: funding, implementing, cooperating or beneficiary."""

    class Role(models.TextChoices):
        FUNDING = "funding", _("Funding")
        ACCOUNTABLE = "accountable", _("Accountable")
        EXTENDING = "extending", _("Extending")
        IMPLEMENTING = "implementing", _("Implementing")
        COOPERATING = "cooperating", _("Cooperating")
        BENEFICIARY = "beneficiary", _("Beneficiary")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="partner_links")
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT,
                                     related_name="project_links")
    role = models.CharField(_("role"), max_length=12, choices=Role.choices, default=Role.COOPERATING)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    name_as_written = models.CharField(_("name as written"), max_length=300, blank=True)

    class Meta:
        ordering = ["project", "position"]
        verbose_name = _("project partner")
        verbose_name_plural = _("project partners")
        constraints = [
            models.UniqueConstraint(fields=["project", "organisation", "role"], name="projects_partner_unique_role"),
        ]
        indexes = [models.Index(fields=["organisation", "role"], name="projects_partner_org_role_idx")]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.get_role_display()})"


class RelationKind(models.TextChoices):
    """What the other project of a relation is to this one (the relation's from_project)."""

    PREVIOUS_PHASE = "previous_phase", _("previous phase")  # the other came first; this one continues it
    FOLLOW_UP = "follow_up", _("follow-up")  # the other came after, continuing this one's work
    RELATED = "related", _("related project")
    DUPLICATE = "duplicate", _("duplicate")  # the same project recorded twice


class ProjectRelation(CapdevModel):
    """A link from one project to another, read from the first: the second is its previous phase, its follow-up, a
    related project or a duplicate record of it. Seen from the second, the kind reads inverted (INVERSE)."""

    Kind = RelationKind
    # The kind as the other project sees it: a previous phase has this one as its follow-up.
    INVERSE = {RelationKind.PREVIOUS_PHASE: RelationKind.FOLLOW_UP, RelationKind.FOLLOW_UP: RelationKind.PREVIOUS_PHASE,
               RelationKind.RELATED: RelationKind.RELATED, RelationKind.DUPLICATE: RelationKind.DUPLICATE}

    from_project = models.ForeignKey(Project, verbose_name=_("project"), on_delete=models.CASCADE,
                                     related_name="relations_from")
    to_project = models.ForeignKey(Project, verbose_name=_("other project"), on_delete=models.CASCADE,
                                   related_name="relations_to")
    kind = models.CharField(_("the other project is its"), max_length=16, choices=RelationKind.choices,
                            default=RelationKind.RELATED)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["from_project_id", "kind", "id"]  # attnames: ordering by the projects would join them
        verbose_name = _("project relation")
        verbose_name_plural = _("project relations")
        constraints = [
            models.UniqueConstraint(fields=["from_project", "to_project", "kind"], name="projects_relation_unique",
                                    violation_error_message=_("This project is linked to that one this way "
                                                              "already.")),
            models.CheckConstraint(condition=~models.Q(from_project=models.F("to_project")),
                                   name="projects_relation_not_self",
                                   violation_error_message=_("A project cannot be related to itself.")),
        ]

    def __str__(self) -> str:
        return f"{self.from_project_id} → {self.to_project_id} ({self.get_kind_display()})"

    @classmethod
    def kind_seen_from(cls, kind: str, from_other_side: bool) -> str:
        """The kind as a project reads it: as stored on its own relations, inverted on those pointing at it."""
        return cls.INVERSE.get(kind, kind) if from_other_side else kind


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


class SourceRecord(CapdevModel):
    """Where an imported project came from: the file, the record's place in it, and its text verbatim."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="sources")
    file_name = models.CharField(_("file name"), max_length=500)
    file_sha256 = models.CharField(_("file SHA-256"), max_length=64, blank=True)
    index = models.PositiveIntegerField(_("record index in file"))
    offset = models.PositiveIntegerField(_("character offset in file"), default=0)
    format = models.CharField(_("format"), max_length=20, default="narrative")
    text = models.TextField(_("original text"))
    text_sha256 = models.CharField(_("text SHA-256"), max_length=64, db_index=True, blank=True,
                                   help_text=_("Finds the project of a record seen before when it has no code."))
    importer_version = models.CharField(_("importer version"), max_length=40)
    parsed = models.JSONField(_("values as parsed"), default=dict,
                              help_text=_("The importer's values, so a re-import can tell an editor's change."))
    spans = models.JSONField(_("field spans"), default=list,
                             help_text=_("[field, start, end] offsets into the original text."))
    unparsed = models.JSONField(_("unparsed text"), default=list)
    imported_at = models.DateTimeField(_("imported at"), default=timezone.now)

    class Meta:
        ordering = ["-imported_at"]
        verbose_name = _("source record")
        verbose_name_plural = _("source records")
        indexes = [models.Index(fields=["file_sha256", "index"], name="projects_source_file_idx")]

    def __str__(self) -> str:
        return f"{self.file_name} #{self.index}"

    @property
    def original(self) -> SourceFile | None:
        """The file this record was read from, as imported (None for records that came without one)."""
        if not self.file_sha256:
            return None
        return SourceFile.objects.defer("data").filter(sha256=self.file_sha256).first()

    def spans_for(self, field: str) -> list[tuple[int, int, str]]:
        """The spans a field came from, with their text."""
        return [(s, e, self.text[s:e]) for f, s, e in self.spans if f == field]


class SourceFile(models.Model):
    """An imported file's original bytes (a text, a web page, a Word document, a PDF), kept once however often
    it is imported; its SourceRecords find it by file_sha256.

    Not a CapdevModel: the bytes never change, and a change history would copy them into a second table. Kept in
    the database rather than on disk so that it is written and rolled back with the import that brought it, and
    so that nothing serves it but the staff-only download (capdev.projects.views.source_file_download).
    """

    sha256 = models.CharField(_("SHA-256"), max_length=64, unique=True)
    file_name = models.CharField(_("file name"), max_length=500)
    media_type = models.CharField(_("media type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    created = models.DateTimeField(_("first imported"), auto_now_add=True)
    # Last: SQLite then makes room for a large original without holding it (migration 0012, importer.originals).
    data = models.BinaryField(_("original bytes"))

    class Meta:
        ordering = ["-created"]
        verbose_name = _("source file")
        verbose_name_plural = _("source files")

    def __str__(self) -> str:
        return f"{self.file_name} ({self.sha256[:12]})"


class ReviewFlag(CapdevModel):
    """Something the importer was unsure of, for a reviewer to accept or correct."""

    class State(models.TextChoices):
        OPEN = "open", _("Open")
        ACCEPTED = "accepted", _("Accepted")
        CORRECTED = "corrected", _("Corrected")

    class Origin(models.TextChoices):
        NARRATIVE = "narrative", _("Narrative import")
        IATI = "iati", _("IATI import")

    class Severity(models.TextChoices):
        ERROR = "error", _("Error")
        WARNING = "warning", _("Warning")
        INFO = "info", _("Corrected on import")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="review_flags")
    field = models.CharField(_("field"), max_length=60)
    reason = models.CharField(_("reason"), max_length=500)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.OPEN, db_index=True)
    # Which importer raised it: a re-import replaces the open flags of its own kind only.
    origin = models.CharField(_("raised by"), max_length=10, choices=Origin.choices, default=Origin.NARRATIVE)
    rule = models.CharField(_("rule"), max_length=40, blank=True,
                            help_text=_("The check that raised it: an IATI ruleset rule (\"3.4.2\"), \"codelist\" "
                                        "(an unknown code), \"normalised\" (a code corrected on import)..."))
    severity = models.CharField(_("severity"), max_length=10, choices=Severity.choices, blank=True)
    value = models.CharField(_("value as written"), max_length=500, blank=True,
                             help_text=_("The value as the source wrote it, before any correction."))
    resolved_by = models.ForeignKey("auth.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)

    class Meta:
        ordering = ["project", "field"]
        verbose_name = _("review flag")
        verbose_name_plural = _("review flags")

    def __str__(self) -> str:
        return f"{self.field}: {self.reason}"


class ProjectSearchDocument(models.Model):
    """The text a project is found by in full-text search: derived data, rebuilt by `capdev reindex`.

    Not a CapdevModel: it is recomputed from the project, so a change history would only repeat the project's.
    Three weighted parts (heading > body > context) let both databases rank a title hit above a partner's name.
    The index itself lives outside the model, created by migration 0004 per database: an FTS5 table kept in
    step by triggers on SQLite, a generated `vector` tsvector column with a GIN index on PostgreSQL
    (see capdev.projects.search).
    """

    project = models.OneToOneField(Project, verbose_name=_("project"), primary_key=True, on_delete=models.CASCADE,
                                   related_name="search_document")
    heading = models.TextField(_("heading"), blank=True, help_text=_("Title and code."))
    body = models.TextField(_("body"), blank=True,
                            help_text=_("Summary, objective, background, expected accomplishments, outcomes."))
    context = models.TextField(_("context"), blank=True,
                               help_text=_("Activities, partners, countries and the lead unit."))
    last_updated = models.DateTimeField(_("indexed at"), auto_now=True)

    class Meta:
        verbose_name = _("project search document")
        verbose_name_plural = _("project search documents")

    def __str__(self) -> str:
        return f"search document of {self.project_id}"

    @property
    def document(self) -> str:
        """The whole searchable text."""
        return "\n".join(part for part in (self.heading, self.body, self.context) if part)


class IndexChange(models.Model):
    """One committed change to the portfolio, so that an in-memory index can tell it is stale.

    Not a CapdevModel: a technical marker, not registry data (see capdev.projects.index_version). Rows are
    only ever added (old ones pruned), so concurrent transactions never wait for one another on it.
    """

    id = models.BigAutoField(primary_key=True)
    # Random: ids start again at 1 after a flush, and a version must never come back with other data.
    token = models.CharField(_("token"), max_length=32)
    # The project whose rows changed, so that an index can read just that project again; empty when the
    # change may touch any project (reference data, bulk writes). Not a foreign key: it may be deleted.
    project_id = models.BigIntegerField(_("project"), null=True, blank=True)
    changed = models.DateTimeField(_("changed"), auto_now_add=True)

    class Meta:
        verbose_name = _("index change")
        verbose_name_plural = _("index changes")

    def __str__(self) -> str:
        return f"change {self.pk}"


from .overrides import PublishOverride  # noqa: E402,F401 - a model of this app, in a module of its own
