"""What a project is linked to: countries, regions, SDGs, themes, sectors, partners and other projects."""
from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from capdev.core.models import CapdevModel

from ..index_version import RemembersProject
from .project import PERCENT_VALIDATORS, Project, ThematicArea


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
