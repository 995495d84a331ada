"""The reference data the generator draws from, read once (units, organisations, countries, SDGs, currencies)."""
from __future__ import annotations

from dataclasses import dataclass

from capdev.organisations.models import FundingSource, Organisation, OrgUnit
from capdev.reference.models import Country, Currency, SdgGoal, SdgTarget

from .vocabulary import FUNDING_WEIGHTS, REGION_WEIGHTS, ROLE_BY_TYPE, SDG_WEIGHTS, TYPE_WEIGHTS, Weighted


@dataclass
class UnitRef:
    """A unit that can lead projects, with its years of existence."""

    pk: int
    code: str
    name: str
    valid_from: int | None
    valid_to: int | None


@dataclass
class OrgRef:
    """A known organisation a project can partner with."""

    pk: int
    name: str
    acronym: str
    role: str


@dataclass
class Reference:
    """The reference rows the generator draws from, read once (in a fixed order, so choices are repeatable)."""

    units: list[UnitRef]
    funding: Weighted
    countries: Weighted
    country_names: dict[str, str]
    goals: Weighted
    targets: dict[int, list[str]]
    partners: Weighted
    currency: str

    @classmethod
    def load(cls, using: str = "default") -> Reference:
        """Read units, funding sources, countries, SDGs and organisations; fails if load-reference has not run."""
        units = [UnitRef(u.pk, u.code, u.name, u.valid_from, u.valid_to)
                 for u in OrgUnit.objects.using(using).order_by("code") if u.kind != OrgUnit.Kind.DEPARTMENT]
        funding = list(FundingSource.objects.using(using).order_by("code").values_list("pk", "code"))
        countries = list(Country.objects.using(using).filter(un_member=True).select_related("region")
                         .order_by("iso3"))
        goals = list(SdgGoal.objects.using(using).order_by("number").values_list("number", flat=True))
        orgs = list(Organisation.objects.using(using).filter(type__in=list(TYPE_WEIGHTS)).order_by("slug"))
        if not (units and funding and countries and goals and orgs):
            raise LookupError("reference data missing: run `capdev load-reference` first")
        targets: dict[int, list[str]] = {}
        for code, goal in SdgTarget.objects.using(using).order_by("goal", "position").values_list("code", "goal"):
            targets.setdefault(goal, []).append(code)
        currency = "USD" if Currency.objects.using(using).filter(code="USD").exists() else \
            Currency.objects.using(using).order_by("code").values_list("code", flat=True).first()

        def country_weight(c: Country) -> float:
            w = REGION_WEIGHTS.get(c.region.name if c.region else "", 0.5)
            return w * (2.0 if c.ldc else 1.0) * (1.5 if c.sids else 1.0) * (1.3 if c.lldc else 1.0)

        return cls(
            units=units,
            funding=Weighted([pk for pk, _c in funding], [FUNDING_WEIGHTS.get(c, 5) for _pk, c in funding]),
            countries=Weighted([c.iso3 for c in countries], [country_weight(c) for c in countries]),
            country_names={c.iso3: c.name for c in countries},
            goals=Weighted(goals, [SDG_WEIGHTS.get(g, 1) for g in goals]),
            targets=targets,
            partners=Weighted([OrgRef(o.pk, o.name, o.acronym, ROLE_BY_TYPE[o.type]) for o in orgs],
                              [TYPE_WEIGHTS[o.type] for o in orgs]),
            currency=currency,
        )

    def units_for(self, year: int) -> list[UnitRef]:
        """The units in existence in a year (all units when none is)."""
        units = [u for u in self.units if (u.valid_from or 0) <= year <= (u.valid_to or 9999)]
        return units or self.units
