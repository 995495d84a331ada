"""A network's size and growth over time and where its members come from: aggregates only (the public page and
the API show them through capdev.people.privacy)."""
from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from capdev.reference.models import Country

from .models import InstitutionType, Membership, Network
from .privacy import Cell

MAX_YEARS = 60


@dataclass
class YearSize:
    """Members at the end of a year, and how many joined and left in it."""

    year: int
    people: int
    institutions: int
    joined: int
    left: int

    @property
    def members(self) -> int:
        """People and institutions together."""
        return self.people + self.institutions


@dataclass
class NetworkStats:
    """A network in numbers."""

    people: int = 0
    institutions: int = 0
    growth: list[YearSize] = field(default_factory=list)
    countries: list[Cell] = field(default_factory=list)
    institution_types: list[Cell] = field(default_factory=list)

    @property
    def members(self) -> int:
        """Members now."""
        return self.people + self.institutions


def stats(network: Network, today: dt.date | None = None) -> NetworkStats:
    """Members now, by year since the network started, and by country and institution type (two queries)."""
    today = today or timezone.localdate()
    rows = list(Membership.objects.filter(network=network).values_list(
        "person_id", "institution_id", "joined", "left", "person__country_id", "institution__country_id",
        "person__institution__type", "institution__type"))
    out = NetworkStats()
    if not rows:
        return out
    active = [r for r in rows if r[2] <= today and (r[3] is None or r[3] > today)]
    out.people = len({r[0] for r in active if r[0]})
    out.institutions = len({r[1] for r in active if r[1]})
    first = min([r[2] for r in rows] + ([network.started] if network.started else []))
    for year in range(max(first.year, today.year - MAX_YEARS), today.year + 1):
        end = min(dt.date(year, 12, 31), today)
        at_end = [r for r in rows if r[2] <= end and (r[3] is None or r[3] > end)]
        out.growth.append(YearSize(year, len({r[0] for r in at_end if r[0]}), len({r[1] for r in at_end if r[1]}),
                                   sum(1 for r in rows if r[2].year == year),
                                   sum(1 for r in rows if r[3] and r[3].year == year)))
    countries = Counter(r[4] or r[5] for r in active)
    names = dict(Country.objects.filter(pk__in=[c for c in countries if c]).values_list("iso3", "name"))
    out.countries = sorted((Cell(c or "", names.get(c, _("Not stated")), n, n) for c, n in countries.items()),
                           key=lambda c: (-c.people, c.label))
    types = Counter(r[6] or r[7] or InstitutionType.NOT_STATED for r in active)
    labels = dict(InstitutionType.choices)
    out.institution_types = sorted((Cell(t, str(labels.get(t, t)), n, n) for t, n in types.items()),
                                   key=lambda c: (-c.people, c.label))
    return out
