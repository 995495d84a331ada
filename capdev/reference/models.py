"""Reference data models: regions (UN M49 and groupings), countries, SDG goals and targets, currencies."""
from django.db import models
from django.utils.translation import gettext_lazy as _

from capdev.core.models import CapdevModel


class Region(CapdevModel):
    """A UN M49 region, sub-region or intermediate region, or a named grouping ("Arab States", "SIDS")."""

    class Kind(models.TextChoices):
        WORLD = "world", _("World")
        REGION = "region", _("Region")
        SUBREGION = "subregion", _("Sub-region")
        INTERMEDIATE = "intermediate", _("Intermediate region")
        GROUPING = "grouping", _("Grouping")

    code = models.SlugField(_("code"), max_length=40, unique=True,
                            help_text=_("The M49 code where there is one (\"019\"), otherwise a slug."))
    name = models.CharField(_("name"), max_length=120, unique=True)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    m49 = models.CharField(_("M49 code"), max_length=3, blank=True)
    parent = models.ForeignKey("self", verbose_name=_("parent"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="children")

    class Meta:
        ordering = ["name"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self) -> str:
        return self.name


class Country(CapdevModel):
    """A country or area of ISO 3166-1, placed in the UN M49 regions, with its UN groupings."""

    iso3 = models.CharField(_("ISO alpha-3"), max_length=3, primary_key=True)
    iso2 = models.CharField(_("ISO alpha-2"), max_length=2, unique=True)
    numeric = models.CharField(_("ISO numeric / M49"), max_length=3, blank=True)
    name = models.CharField(_("name"), max_length=120, db_index=True)
    official_name = models.CharField(_("official name"), max_length=200, blank=True)
    region = models.ForeignKey(Region, verbose_name=_("region"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="countries_in_region")
    subregion = models.ForeignKey(Region, verbose_name=_("sub-region"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="countries_in_subregion")
    intermediate_region = models.ForeignKey(Region, verbose_name=_("intermediate region"), null=True, blank=True,
                                            on_delete=models.PROTECT, related_name="countries_in_intermediate_region",
                                            help_text=_("The M49 intermediate region, where the sub-region has them "
                                                        "(\"Caribbean\", \"Western Africa\")."))
    un_member = models.BooleanField(_("UN member state"), default=False, db_index=True)
    un_member_since = models.PositiveSmallIntegerField(_("UN member since"), null=True, blank=True)
    sids = models.BooleanField(_("small island developing state"), default=False)
    ldc = models.BooleanField(_("least developed country"), default=False)
    lldc = models.BooleanField(_("landlocked developing country"), default=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("country")
        verbose_name_plural = _("countries")

    def __str__(self) -> str:
        return self.name


class SdgGoal(CapdevModel):
    """One of the 17 Sustainable Development Goals."""

    number = models.PositiveSmallIntegerField(_("number"), primary_key=True)
    short_title = models.CharField(_("short title"), max_length=80)
    title = models.CharField(_("title"), max_length=300)

    class Meta:
        ordering = ["number"]
        verbose_name = _("SDG goal")
        verbose_name_plural = _("SDG goals")
        constraints = [
            models.CheckConstraint(condition=models.Q(number__gte=1, number__lte=17),
                                   name="reference_sdggoal_number_1_17"),
        ]

    def __str__(self) -> str:
        return f"SDG {self.number}: {self.short_title}"


class SdgTarget(CapdevModel):
    """One of the 169 SDG targets ("16.6")."""

    code = models.CharField(_("code"), max_length=5, primary_key=True)
    goal = models.ForeignKey(SdgGoal, verbose_name=_("goal"), on_delete=models.CASCADE, related_name="targets")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    text = models.TextField(_("text"))

    class Meta:
        ordering = ["goal", "position"]
        verbose_name = _("SDG target")
        verbose_name_plural = _("SDG targets")

    def __str__(self) -> str:
        return self.code


class Currency(CapdevModel):
    """An ISO 4217 currency."""

    code = models.CharField(_("code"), max_length=3, primary_key=True)
    name = models.CharField(_("name"), max_length=100)
    numeric = models.CharField(_("numeric code"), max_length=3, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("currency")
        verbose_name_plural = _("currencies")

    def __str__(self) -> str:
        return self.code
