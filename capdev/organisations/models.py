"""Organisations (with aliases), organisational units (a tree with periods), and funding sources."""
from __future__ import annotations

import re
import unicodedata

from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from capdev.core.models import CapdevModel


def alias_key(text: str) -> str:
    """The form under which names and aliases are compared: case, accents, spaces and dots folded."""
    text = unicodedata.normalize("NFKD", text.strip())
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"^the\s+", "", text.casefold())
    return re.sub(r"[\s.\-_/'’]+", "", text)


class OrganisationQuerySet(models.QuerySet):
    """Queries about organisations."""

    def named_by(self, projects: models.QuerySet) -> OrganisationQuerySet:
        """Organisations these projects name: as a partner, as a budget line's donor, or as an activity's
        organiser. The public lists only these, over the published projects: an organisation that only an
        unpublished record names must not show that the record exists."""
        ids = projects.values("pk")
        named = models.Q()
        for path in ("project_links__project", "budget_lines__project", "organiser_links__activity__project"):
            named |= models.Q(pk__in=Organisation.objects.filter(**{f"{path}__in": ids}).values("pk"))
        return self.filter(named)


class Organisation(CapdevModel):
    """A government body, UN entity, intergovernmental body, donor, NGO, university or company."""

    class Type(models.TextChoices):
        GOVERNMENT = "government", _("Government")
        UN = "un", _("UN entity")
        IGO = "igo", _("Intergovernmental organisation")
        DONOR = "donor", _("Donor")
        NGO = "ngo", _("NGO / civil society")
        ACADEMIA = "academia", _("Academia")
        PRIVATE = "private", _("Private sector")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=300)
    acronym = models.CharField(_("acronym"), max_length=40, blank=True, db_index=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    type = models.CharField(_("type"), max_length=12, choices=Type.choices, default=Type.OTHER, db_index=True)
    country = models.ForeignKey("reference.Country", verbose_name=_("country"), null=True, blank=True,
                                on_delete=models.PROTECT, related_name="organisations")
    parent = models.ForeignKey("self", verbose_name=_("part of"), null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="parts")
    iati_ref = models.CharField(_("IATI organisation identifier"), max_length=100, blank=True)
    url = models.URLField(_("web site"), blank=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym and self.acronym != self.name else self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Organisation, self.acronym or self.name)
        super().save(*args, **kwargs)


def unique_slug(model: type[models.Model], text: str, max_length: int = 120) -> str:
    """A slug for text that no row of model has yet."""
    base = (slugify(text) or "item")[: max_length - 8]
    slug, n = base, 1
    while model.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


class OrganisationAlias(CapdevModel):
    """Another name an organisation is known by ("UN DESA", "UNDESA", "DESA" are one)."""

    organisation = models.ForeignKey(Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE,
                                     related_name="aliases")
    alias = models.CharField(_("alias"), max_length=300)
    key = models.CharField(_("lookup key"), max_length=300, unique=True, editable=False)

    class Meta:
        ordering = ["alias"]
        verbose_name = _("organisation alias")
        verbose_name_plural = _("organisation aliases")

    def __str__(self) -> str:
        return self.alias

    def save(self, *args, **kwargs):
        self.key = alias_key(self.alias)
        super().save(*args, **kwargs)


class OrgUnit(CapdevModel):
    """An organisational unit of the publisher (department, division, branch), in a tree with periods."""

    class Kind(models.TextChoices):
        DEPARTMENT = "department", _("Department")
        DIVISION = "division", _("Division")
        BRANCH = "branch", _("Branch")
        UNIT = "unit", _("Unit / office")

    code = models.CharField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.DIVISION)
    parent = models.ForeignKey("self", verbose_name=_("parent"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="children")
    valid_from = models.PositiveSmallIntegerField(_("in existence from (year)"), null=True, blank=True)
    valid_to = models.PositiveSmallIntegerField(_("in existence until (year)"), null=True, blank=True)
    successor = models.ForeignKey("self", verbose_name=_("succeeded by"), null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="predecessors")
    dac_sector = models.CharField(_("default DAC sector"), max_length=5, blank=True,
                                  help_text=_("DAC 5-digit purpose code used when publishing to IATI, "
                                              "e.g. 15110 public sector policy and administrative management."))

    class Meta:
        ordering = ["code"]
        verbose_name = _("organisational unit")
        verbose_name_plural = _("organisational units")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_from__isnull=True) | models.Q(valid_to__isnull=True)
                | models.Q(valid_to__gte=models.F("valid_from")),
                name="organisations_orgunit_period_ordered",
                violation_error_message=_("A unit cannot end before it begins."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} – {self.name}"

    def ancestors(self) -> list[OrgUnit]:
        """The chain of parents, nearest first."""
        chain, node, seen = [], self.parent, {self.pk}
        while node is not None and node.pk not in seen:
            chain.append(node)
            seen.add(node.pk)
            node = node.parent
        return chain


class FundingSource(CapdevModel):
    """Where a project's money comes from: regular budget, extrabudgetary, Development Account tranche, trust fund."""

    class Kind(models.TextChoices):
        REGULAR = "regular", _("Regular programme")
        EXTRABUDGETARY = "extrabudgetary", _("Extrabudgetary")
        DEVELOPMENT_ACCOUNT = "development_account", _("UN Development Account")
        TRUST_FUND = "trust_fund", _("Trust fund")
        OTHER = "other", _("Other")

    code = models.CharField(_("code"), max_length=60, unique=True,
                            help_text=_("As the records write it: \"XBTC\", \"DA Tranche 16 Account\"."))
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    tranche = models.PositiveSmallIntegerField(_("Development Account tranche"), null=True, blank=True)
    aliases = models.JSONField(_("aliases"), default=list, blank=True,
                               help_text=_("Other names records write it with, in any language (\"Development "
                                           "Account\", \"Compte pour le développement\"): an import matches them."))

    class Meta:
        ordering = ["code"]
        verbose_name = _("funding source")
        verbose_name_plural = _("funding sources")

    def __str__(self) -> str:
        return self.code if self.code == self.name else f"{self.code} – {self.name}"
