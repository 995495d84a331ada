"""Bulk resolution of the names a parsed record uses to rows of the registry, creating what is new.

Each resolver loads what a batch of records needs in a few queries, then answers from memory:
no query per value, whatever the number of records.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from django.utils.text import slugify

from capdev.narrative.types import Partner, Record
from capdev.organisations.models import FundingSource, Organisation, OrganisationAlias, OrgUnit, alias_key, unique_slug
from capdev.projects.models import ThematicArea
from capdev.reference.models import Country, Currency, Region, SdgGoal, SdgTarget

_TRANCHE_RE = re.compile(r"\btranche\s*(\d{1,2})\b", re.I)
_DA_RE = re.compile(r"\b(DA|development account)\b", re.I)
# "Tranche 16", "11th tranche", "11e tranche", "14.º tramo", "tramo 14": a Development Account tranche, in three
# languages.
_ANY_TRANCHE = re.compile(
    r"\b(?:tranche|tramo)\s*(?P<a>\d{1,2})\b|\b(?P<b>\d{1,2})\s*(?:st|nd|rd|th|e|er|eme|ème|\.?\s*º|o)?\s*"
    r"(?:tranche|tramo)\b",
    re.I,
)
# Words that may stand around a funding source's name without making it another source ("DA ... Account").
_FILLER = frozenset("account the un united nations of de la le el del des du l d fund funds resources ressources "
                    "recursos fondos fonds and et y".split())


def _key(text: str) -> str:
    """A funding source's name as compared: no accents, lower case, single spaces, words only."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower().replace("&", " and ")
    return " ".join(re.findall(r"[a-z0-9]+", text))


def tranche_of(text: str) -> int | None:
    """The Development Account tranche a funding text names ("DA Tranche 16 Account", "14.º tramo"), or None."""
    m = _ANY_TRANCHE.search(text or "")
    return int(m.group("a") or m.group("b")) if m else None


def funding_kind(code: str) -> tuple[str, int | None]:
    """The kind of a funding source, and its Development Account tranche, guessed from how it is written."""
    tranche = _TRANCHE_RE.search(code)
    if _DA_RE.search(code) or tranche:
        return FundingSource.Kind.DEVELOPMENT_ACCOUNT, int(tranche.group(1)) if tranche else None
    upper = code.upper()
    if upper.startswith("XB") or "EXTRABUDGETARY" in upper:
        return FundingSource.Kind.EXTRABUDGETARY, None
    if "TRUST" in upper:
        return FundingSource.Kind.TRUST_FUND, None
    if upper in {"RB", "RPTC", "REGULAR BUDGET"} or "REGULAR" in upper:
        return FundingSource.Kind.REGULAR, None
    return FundingSource.Kind.OTHER, None


class Resolver:
    """Maps the values of a batch of parsed records to registry rows, in bulk."""

    def __init__(self, records: Iterable[Record]):
        records = list(records)
        self.created: list[str] = []  # human-readable notes of rows created on the way
        self.countries = Country.objects.in_bulk({c for r in records for c in r.countries}
                                                 | {e.country for r in records for e in r.activities if e.country})
        self.targets = SdgTarget.objects.in_bulk({t for r in records for t in r.sdg_targets})
        self.goals = SdgGoal.objects.in_bulk({g for r in records for g in r.sdgs}
                                             | {t.goal_id for t in self.targets.values()})
        self.currencies = Currency.objects.in_bulk({b.currency for r in records for b in r.budgets})
        region_names = {n for r in records for n in (r.regions or [r.region]) if n}
        self.regions = {x.name.casefold(): x for x in Region.objects.filter(name__in=region_names)}
        self.units = {u.code: u for u in OrgUnit.objects.filter(code__in={r.lead_unit for r in records if r.lead_unit})}
        # The whole table (a few dozen rows): a source is found by its code, name or aliases before one is created.
        self.funding = {f.code: f for f in FundingSource.objects.all()}
        self.funding_keys: dict[str, FundingSource] = {}
        for f in sorted(self.funding.values(), key=lambda f: f.tranche or 0):
            for name in (f.code, f.name, *f.aliases):
                if f.tranche is None:
                    self.funding_keys.setdefault(_key(name), f)
        self.fresh: list[tuple[str, str]] = []  # (field, name) of rows created for the record being loaded
        self.themes = {t.name.casefold(): t for t in ThematicArea.objects.filter(
            name__in={t for r in records for t in r.thematic_areas})}
        keys = {alias_key(n) for r in records for n in _org_names(r)}
        self.orgs = {a.key: a.organisation for a in
                     OrganisationAlias.objects.filter(key__in=keys).select_related("organisation")}

    def country(self, iso3: str | None) -> Country | None:
        """The country of an ISO alpha-3 code, or None when the reference data lacks it."""
        return self.countries.get(iso3) if iso3 else None

    def goal(self, number: int) -> SdgGoal | None:
        """The SDG goal of a number."""
        return self.goals.get(number)

    def target(self, code: str) -> SdgTarget | None:
        """The SDG target of a code such as "16.6"."""
        return self.targets.get(code)

    def goals_with_targets(self, numbers: Iterable[int], codes: Iterable[str]) -> list[SdgGoal]:
        """The goals of these numbers, then the goal of each of these targets, once each (unknown ones left out)."""
        # A target implies its goal: a record (JSON, the API) may give targets only, and without the goal link
        # the project would be missing from the goal's counts, its page and the ?sdg= filter.
        implied = [t.goal_id for t in (self.target(c) for c in codes) if t is not None]
        return [g for g in (self.goal(n) for n in dict.fromkeys([*numbers, *implied])) if g is not None]

    def currency(self, code: str) -> Currency | None:
        """The currency of an ISO 4217 code."""
        return self.currencies.get(code)

    def region(self, name: str | None) -> Region | None:
        """The region of a name, created as a grouping when the reference data has no such region."""
        if not name:
            return None
        found = self.regions.get(name.casefold())
        if found is None:
            found = Region.objects.create(code=unique_slug_for_region(name), name=name, kind=Region.Kind.GROUPING)
            self.regions[name.casefold()] = found
            self.created.append(f"region {name!r}")
        return found

    def unit(self, code: str | None) -> OrgUnit | None:
        """The organisational unit of a code, created (and noted) when the tree lacks it."""
        if not code:
            return None
        found = self.units.get(code)
        if found is None:
            found = OrgUnit.objects.create(code=code, name=code)
            self.units[code] = found
            self.created.append(f"unit {code!r}")
        return found

    def funding_source(self, code: str | None) -> FundingSource | None:
        """The funding source a record names: by its code, else by a known source's code, name or alias found in
        the words as written (with a Development Account tranche, that tranche's source); created on first sight,
        and then noted in `fresh` for a review flag."""
        if not code:
            return None
        found = self.funding.get(code)
        if found is not None:
            return found
        base = self.known_funding(code)
        tranche = tranche_of(code)
        if base is not None and tranche is None:
            return base
        if base is not None:
            found = next((f for f in self.funding.values()
                          if f.kind == base.kind and f.tranche == tranche), None)
            if found is not None:
                return found
        kind, guessed = funding_kind(code)
        written = code[:60]
        found = FundingSource.objects.create(
            code=written, name=(f"{base.name}, tranche {tranche}" if base else code)[:200],
            kind=base.kind if base else kind, tranche=tranche if tranche is not None else guessed)
        self.funding[written] = self.funding[code] = found
        self.created.append(f"funding source {code!r}")
        self.fresh.append(("funding_source", code))
        return found

    def funding_code(self, text: str | None) -> str | None:
        """The code of the known source a funding text names, as funding_source would resolve it but creating
        nothing; the text itself when no known source matches (so that a re-import compares like with like)."""
        if not text:
            return text
        found = self.funding.get(text)
        base = None if found is not None else self.known_funding(text)
        if base is not None:
            tranche = tranche_of(text)
            found = base if tranche is None else next(
                (f for f in self.funding.values() if f.kind == base.kind and f.tranche == tranche), None)
        return found.code if found is not None else text

    def known_funding(self, text: str) -> FundingSource | None:
        """The known source whose code, name or alias a funding text is made of ("Development Account - 11th
        tranche" is DA's; "Government of Japan Trust Fund" is no known source's)."""
        key = _key(_ANY_TRANCHE.sub(" ", text))
        whole = self.funding_keys.get(key) or self.funding_keys.get(_key(re.sub(r"\([^)]*\)", " ", text)))
        if whole is not None:
            return whole
        words = key.split()[:20]  # a source's name is short; a longer text is read for its first words only
        for size in range(len(words), 0, -1):  # the longest known name first
            for i in range(len(words) - size + 1):
                found = self.funding_keys.get(" ".join(words[i : i + size]))
                if found is None:
                    continue
                rest = words[:i] + words[i + size :]
                if all(w in _FILLER or w in self.funding_keys for w in rest):
                    return found
        return None

    def theme(self, name: str) -> ThematicArea:
        """The thematic area of a name, created on first sight."""
        found = self.themes.get(name.casefold())
        if found is None:
            found = ThematicArea.objects.create(name=name, slug=unique_slug(ThematicArea, name, 200))
            self.themes[name.casefold()] = found
        return found

    def organisation(self, partner: Partner) -> Organisation:
        """The organisation a partner names, by acronym or any alias; created with its aliases when new."""
        for name in filter(None, (partner.acronym, partner.name, partner.text)):
            found = self.orgs.get(alias_key(name))
            if found is not None:
                return found
        self.fresh.append(("partners", partner.name))
        org = Organisation.objects.create(
            name=partner.name, acronym=partner.acronym or "",
            type=partner.org_type if partner.org_type in Organisation.Type.values else Organisation.Type.OTHER,
        )
        for name in {n for n in (partner.name, partner.acronym, partner.text) if n}:
            key = alias_key(name)
            if key and key not in self.orgs:
                OrganisationAlias.objects.create(organisation=org, alias=name)
                self.orgs[key] = org
        self.created.append(f"organisation {partner.name!r}")
        return org

    def take_fresh(self) -> list[tuple[str, str]]:
        """The rows created since the last call, as (field, name): the loader flags them on the record."""
        fresh, self.fresh = self.fresh, []
        return fresh

    def organisation_named(self, name: str) -> Organisation | None:
        """A known organisation by name or alias; None when unknown (organisers are not created)."""
        return self.orgs.get(alias_key(name))


def unique_slug_for_region(name: str) -> str:
    """A code for a region that has no M49 code."""
    base = slugify(name)[:32] or "region"
    code, n = base, 1
    while Region.objects.filter(code=code).exists():
        n += 1
        code = f"{base}-{n}"
    return code


def _org_names(record: Record) -> Iterable[str]:
    for p in record.partners:
        yield from filter(None, (p.acronym, p.name, p.text))
    for e in record.activities:
        yield from e.organisers
