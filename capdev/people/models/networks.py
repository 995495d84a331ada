"""Networks and communities of practice: their members over time, and the projects and activities behind them."""
from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from capdev.core.models import CapdevModel

from .attendance import ActivityLink


class Network(CapdevModel):
    """A community of practice or a network that a project built or works through (the seed's "Caribbean
    Innovation in Government Community of Practice", its "informal peer-to-peer learning network")."""

    class Kind(models.TextChoices):
        COMMUNITY_OF_PRACTICE = "community_of_practice", _("Community of practice")
        NETWORK = "network", _("Network")

    name = models.CharField(_("name"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices, default=Kind.COMMUNITY_OF_PRACTICE)
    purpose = models.TextField(_("purpose"), blank=True)
    lead_unit = models.ForeignKey("organisations.OrgUnit", verbose_name=_("lead unit"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="networks",
                                  help_text=_("Its staff see the members' names."))
    lead_organisation = models.ForeignKey("organisations.Organisation", verbose_name=_("lead organisation"),
                                          null=True, blank=True, on_delete=models.PROTECT,
                                          related_name="led_networks")
    started = models.DateField(_("started"), null=True, blank=True)
    ended = models.DateField(_("ended"), null=True, blank=True)
    published = models.BooleanField(_("published"), default=False,
                                    help_text=_("Public page (aggregates only); set by a reviewer."))
    projects = models.ManyToManyField("projects.Project", verbose_name=_("projects"), through="NetworkProject",
                                      related_name="networks", blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("network")
        verbose_name_plural = _("networks")
        constraints = [
            models.CheckConstraint(condition=Q(started__isnull=True) | Q(ended__isnull=True)
                                   | Q(ended__gte=models.F("started")), name="people_network_period_ordered",
                                   violation_error_message=_("A network cannot end before it starts.")),
        ]

    def __str__(self) -> str:
        return self.name


class NetworkProject(CapdevModel):
    """A project behind a network (project ids survive working copies, so this is a plain link)."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="project_links")
    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE, related_name="network_links")

    class Meta:
        verbose_name = _("project of a network")
        verbose_name_plural = _("projects of networks")
        constraints = [models.UniqueConstraint(fields=["network", "project"], name="people_networkproject_unique")]

    def __str__(self) -> str:
        return f"{self.network_id} ← {self.project_id}"


class NetworkActivity(ActivityLink, CapdevModel):
    """An activity of or for a network (its launch, its meetings)."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="activity_links")

    class Meta:
        verbose_name = _("activity of a network")
        verbose_name_plural = _("activities of networks")

    def __str__(self) -> str:
        return f"{self.network_id} ← {self.activity_id}"


class Membership(CapdevModel):
    """A person or an institution in a network, from when to when."""

    class Role(models.TextChoices):
        MEMBER = "member", _("Member")
        COORDINATOR = "coordinator", _("Coordinator")
        OBSERVER = "observer", _("Observer")

    network = models.ForeignKey(Network, verbose_name=_("network"), on_delete=models.CASCADE,
                                related_name="memberships")
    person = models.ForeignKey("people.Person", verbose_name=_("person"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="memberships")
    institution = models.ForeignKey("people.Institution", verbose_name=_("institution"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(_("role"), max_length=12, choices=Role.choices, default=Role.MEMBER)
    joined = models.DateField(_("joined"))
    left = models.DateField(_("left"), null=True, blank=True)

    class Meta:
        ordering = ["network", "joined", "pk"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.CheckConstraint(condition=Q(person__isnull=False, institution__isnull=True)
                                   | Q(person__isnull=True, institution__isnull=False),
                                   name="people_membership_person_or_institution",
                                   violation_error_message=_("A member is a person or an institution.")),
            models.CheckConstraint(condition=Q(left__isnull=True) | Q(left__gte=models.F("joined")),
                                   name="people_membership_period_ordered",
                                   violation_error_message=_("A member cannot leave before joining.")),
        ]
        indexes = [models.Index(fields=["network", "joined"], name="people_membership_joined_idx")]

    def __str__(self) -> str:
        return _("Membership %(id)s") % {"id": self.pk}
