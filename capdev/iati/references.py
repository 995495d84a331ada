"""The references of a batch of IATI activities (countries, regions, currencies, SDGs, organisations), resolved
with a few bulk queries; the regions and organisations Capdev does not know yet are created in bulk."""
from __future__ import annotations

import hashlib
from functools import lru_cache

from django.utils.text import slugify
from django.utils.translation import gettext as _
from simple_history.utils import bulk_update_with_history

from capdev.core.bulk import RowWriter
from capdev.organisations.models import Organisation, OrganisationAlias
from capdev.organisations.models import alias_key as _alias_key
from capdev.projects import index_version
from capdev.reference.models import Country, Currency, Region, SdgGoal, SdgTarget

from . import codelists, mapping
from .findings import WARNING
from .reader import ActivityData, Reader

# The same organisation names come back in activity after activity: fold each once (bounded, so memory stays flat).
alias_key = lru_cache(maxsize=8192)(_alias_key)


def is_reporting(a: ActivityData, ref: str, name: str) -> bool:
    """True when a participating-org is the activity's reporting organisation (by identifier, else by name)."""
    rep = a.reporting
    if ref and rep.get("ref"):
        return ref == rep["ref"]
    return bool(name) and alias_key(name) == alias_key(rep.get("name", "") or "-")


class References:
    """Countries, regions, currencies, SDGs and organisations of a batch, resolved with a few bulk queries."""

    def __init__(self, reader: Reader, batch: list[ActivityData], writer: RowWriter, importer):
        self.reader, self.writer, self.importer = reader, writer, importer
        iso2 = {c for a in batch for c, _p, _l in a.countries}
        self.countries = dict(Country.objects.filter(iso2__in=iso2).values_list("iso2", "iso3"))
        for a in batch:
            for code, _p, line in a.countries:
                if code not in self.countries and codelists.is_known("Country", code):
                    reader.flag(a, WARNING, _("country %(c)s is not in Capdev's reference data; not linked") %
                                {"c": code}, line, value=code, path="recipient-country/@code")
        currencies = {b[3] for a in batch for b in a.budgets}
        self.currencies = set(Currency.objects.filter(code__in=currencies).values_list("code", flat=True))
        if importer.country_order is None:
            # Where each country sorts by name in the database (its collation), as documents list them.
            importer.country_order = {iso3: (rank, name) for rank, (iso3, name) in
                                      enumerate(Country.objects.order_by("name").values_list("iso3", "name"))}
        self.country_order = importer.country_order
        if importer.goals is None:
            importer.goals = set(SdgGoal.objects.values_list("number", flat=True))
        self.goals = importer.goals
        target_codes = {t for a in batch for t in a.targets}
        self.targets = dict(SdgTarget.objects.filter(code__in=target_codes).values_list("code", "goal_id"))
        self._regions(batch)
        self._organisations(batch)

    def currency(self, code: str) -> str | None:
        """The Currency key, created from the IATI codelist when the reference data lacks it."""
        if code in self.currencies:
            return code
        if not codelists.is_known("Currency", code):
            return None
        Currency.objects.create(code=code, name=codelists.label("Currency", code)[:100])
        self.currencies.add(code)
        return code

    def goal(self, code: str) -> int | None:
        """The SDG goal number of a code ("16", "16.0" is not one)."""
        return int(code) if code.isdigit() and int(code) in self.goals else None

    def target(self, code: str) -> str | None:
        """The SDG target code if Capdev knows it."""
        return code if code in self.targets else None

    def goal_of_target(self, code: str) -> int:
        """The SDG goal number of a target Capdev knows (one target() returned)."""
        return self.targets[code]

    # -- regions
    def _regions(self, batch) -> None:
        wanted_m49, wanted_codes = set(), set()
        for a in batch:
            for vocab, code, _p, _n, _l in a.regions:
                if vocab == "2":
                    wanted_m49.add(code)
                elif vocab == "1":
                    wanted_codes.add(mapping.DAC_REGION_PREFIX + code)
                else:
                    wanted_codes.add(code)
                    wanted_codes.add(self._other_code(vocab, code, a))
        self.by_m49 = {m: pk for pk, m in Region.objects.filter(m49__in=wanted_m49 - {""}).values_list("pk", "m49")}
        self.by_code = dict(Region.objects.filter(code__in=wanted_codes).values_list("code", "pk"))
        self._new_regions: dict[str, Region] = {}
        for a in batch:
            for vocab, code, _p, _n, _l in a.regions:
                self.region_for(vocab, code, a)
        if self._new_regions:
            taken = set(Region.objects.filter(name__in=[r.name for r in self._new_regions.values()])
                        .values_list("name", flat=True))
            for region in self._new_regions.values():
                if region.name in taken:
                    region.name = f"{region.name[:100]} [{region.code}]"[:120]
                taken.add(region.name)
            self.writer.create_with_history(Region, list(self._new_regions.values()))
            index_version.bump()  # bulk rows send no signals: the indexes' labels lack the new regions
            for key, region in self._new_regions.items():
                self.by_code[key] = region.pk

    @staticmethod
    def _other_code(vocab: str, code: str, a: ActivityData) -> str:
        base = f"{mapping.OTHER_REGION_PREFIX}{vocab}-{slugify(a.reporting.get('ref', ''))}-{slugify(code)}"
        if len(base) > 40:
            base = base[:31] + "-" + hashlib.sha1(base.encode()).hexdigest()[:8]
        return base

    def region_for(self, vocab: str, code: str, a: ActivityData) -> int | None:
        """The Region a recipient-region stands for, created (as a grouping) when Capdev has no such region."""
        if vocab == "2" and code in self.by_m49:
            return self.by_m49[code]
        if vocab == "1":
            key, name = mapping.DAC_REGION_PREFIX + code, codelists.label("Region", code)
        elif vocab == "99" and a.reporting.get("ref") == self.reader.own_ref and code in self.by_code:
            return self.by_code[code]
        else:
            key = self._other_code(vocab, code, a)
            name = next((n for v, c, _p, n, _l in a.regions if v == vocab and c == code and n), "") or \
                f"{code} ({a.reporting.get('ref') or vocab})"
        if key in self.by_code:
            return self.by_code[key]
        if key not in self._new_regions:
            if vocab in {"1", "2"} and not codelists.is_known("Region", code) and vocab == "1":
                return None
            self._new_regions[key] = Region(code=key, name=name[:120], kind=Region.Kind.GROUPING,
                                            m49=code if vocab == "2" and len(code) <= 3 else "")
        return self._new_regions[key].pk

    # -- organisations
    def _organisations(self, batch) -> None:
        """Find every participating organisation of the batch, and create the missing ones in bulk."""
        refs, names = set(), {}
        for a in batch:
            a.partners = [p for p in a.partners if not (p[0] == "2" and is_reporting(a, p[1], p[3]))]
            for _role, ref, _type, name in a.partners:
                if ref:
                    refs.add(ref)
                if name:
                    names.setdefault(alias_key(name), name)
        self.by_ref: dict[str, Organisation] = {}
        for org in Organisation.objects.filter(iati_ref__in=refs).order_by("pk"):
            self.by_ref.setdefault(org.iati_ref, org)
        self.by_key: dict[str, Organisation] = {}
        for alias in OrganisationAlias.objects.filter(key__in=list(names)).select_related("organisation"):
            self.by_key[alias.key] = alias.organisation
        for org in Organisation.objects.filter(name__in=list(names.values())).order_by("pk"):
            self.by_key.setdefault(alias_key(org.name), org)
        new, aliases, enriched = [], [], {}
        for a in batch:
            for _role, ref, type_, name in a.partners:
                key = alias_key(name) if name else ""
                org = self.by_ref.get(ref) if ref else None
                if org is None and key:
                    org = self.by_key.get(key)
                    if org is not None and ref and not org.iati_ref and org.pk:
                        org.iati_ref = ref[:100]  # a known organisation learns its IATI identifier
                        enriched[org.pk] = org
                if org is None:
                    if self.importer.slugs is None:
                        self.importer.slugs = set(Organisation.objects.values_list("slug", flat=True))
                    slugs = self.importer.slugs
                    base = (slugify(name or ref) or "organisation")[:110]
                    slug, n = base, 1
                    while slug in slugs:
                        n += 1
                        slug = f"{base}-{n}"
                    slugs.add(slug)
                    org = Organisation(name=(name or ref)[:300], slug=slug, iati_ref=ref[:100],
                                       type=mapping.org_type_from_iati(type_, ref))
                    new.append(org)
                    if key:
                        aliases.append((org, (name or ref)[:300], key[:300]))
                if ref:
                    self.by_ref.setdefault(ref, org)
                if key:
                    self.by_key.setdefault(key, org)
        if new:
            self.writer.create_with_history(Organisation, new)
            self.writer.insert_with_history(OrganisationAlias, [
                {"organisation_id": org.pk, "alias": alias, "key": key} for org, alias, key in aliases])
        if enriched:
            bulk_update_with_history(list(enriched.values()), Organisation, ["iati_ref"], batch_size=500)
        if new:
            index_version.bump()  # bulk rows send no signals: the indexes' labels lack the new organisations

    def organisation(self, ref: str, name: str) -> Organisation:
        """The Organisation of a participating-org (resolved or created for the batch in _organisations)."""
        org = self.by_ref.get(ref) if ref else None
        if org is None and name:
            org = self.by_key.get(alias_key(name))
        return org
