"""Reading the whole registry into a new index: each project's columns, the pairs its filters declare, its
budget and activities, and the reference rows that label facet values.

What the index holds of a many-valued property follows its filter's declaration (`pairs=` in
capdev.projects.filtersets): a new filter over a link table is read here without a change to this module.
The per-project columns (review state, lead unit, funding source, dates, status override, budget band and
total, the two title orders) are the ones the list's own filters, sorts and the dashboard read.
"""
from __future__ import annotations

import datetime as dt

import numpy as np
from django.conf import settings
from django.db.models import Count, Sum
from django.db.models.functions import Lower

from capdev.activities.models import Activity
from capdev.core.functions import Year
from capdev.organisations.models import FundingSource, Organisation, OrgUnit
from capdev.projects import index_version
from capdev.projects.bands import BudgetBand
from capdev.projects.filtersets import ProjectFilterSet
from capdev.projects.models import Budget, Project
from capdev.reference.models import Country, Currency, Region, SdgGoal, SdgTarget

from . import lexemes as lexeme_index
from .columns import (
    ACTIVITY_TYPE_CODES,
    REVIEW_STATES,
    ROW,
    STATUSES,
    VALUE,
    ActivityYears,
    Links,
    Money,
    PortfolioIndex,
    rows_of,
)
from .sources import PairReader, Pairs, coder, ordinal, read_columns, to_cents


class ReadWhole(Exception):
    """The changes since the index was read cannot be applied one project at a time: build it anew."""


def declared_pairs() -> dict[str, Pairs]:
    """The pairs each filter of the project list declares, by the filter's name."""
    return {name: f.pairs for name, f in ProjectFilterSet.declared() if getattr(f, "pairs", None) is not None}


def band_of(totals: np.ndarray) -> np.ndarray:
    """The band index of each total in cents (-1 for none), with BudgetBand's bounds."""
    band = np.full(totals.size, -1, dtype=np.int8)
    for i, (_code, _label, low, high) in enumerate(BudgetBand.BANDS):
        inside = totals >= (int(low * 100) if low is not None else 0)  # also leaves out -1 (no total)
        if high is not None:
            inside &= totals < int(high * 100)
        band[inside & (band < 0)] = i
    return band


def project_columns(registry, using: str) -> dict[str, np.ndarray]:
    """The per-project columns of these registry projects, in primary key order."""
    review_code = {state: i for i, state in enumerate(REVIEW_STATES)}
    status_code = {status: i for i, status in enumerate(STATUSES)}
    pk, review, unit, funding, start, end, override = read_columns(
        registry.order_by("pk").values_list("pk", "review_state", "lead_unit_id", "funding_source_id",
                                            "start_date", "end_date", "status_override"),
        using, None, coder(review_code), None, None, ordinal, ordinal, coder(status_code))
    years = {}  # ordinal -> year, per distinct start date

    def year(ordinal: int) -> int:
        if ordinal not in years:
            years[ordinal] = dt.date.fromordinal(ordinal).year if ordinal else 0
        return years[ordinal]

    start_year = np.fromiter(map(year, start.tolist()), dtype=np.int16, count=pk.size)
    return {"pk": pk, "review": review.astype(np.int8), "unit": unit.astype(VALUE),
            "funding": funding.astype(VALUE), "start": start.astype(np.int32), "end": end.astype(np.int32),
            "start_year": start_year, "override": override.astype(np.int8)}


def budget_columns(pk: np.ndarray, using: str, only=None) -> dict[str, np.ndarray]:
    """Each project's budget band and total (from its counted lines: Budget.objects.counted), aligned with pk."""
    lines = Budget.objects.using(using).counted()
    if only is not None:
        lines = lines.filter(project_id__in=only)
    owners, cents = read_columns(lines.order_by().values("project").annotate(s=Sum("amount")).values_list("project",
                                                                                                          "s"),
                             using, None, to_cents)
    n = pk.size
    total = np.full(n, -1, dtype=np.int64)  # cents; -1 for no budget line
    rows, held = rows_of(pk, owners)
    total[rows[held]] = cents[held]
    return {"band": band_of(total), "budget": np.where(total >= 0, total / 100.0, np.nan)}


def money_and_activities(pk: np.ndarray, currency_code: dict[str, int], country_code: dict[str, int],
                          using: str, only=None) -> tuple[Money, ActivityYears]:
    """The projects' budget per currency and activities per year, as rows of this pk order.

    Catching up (only given), a currency the index does not know means reading everything again; a whole
    read leaves such lines out (a currency added while it read: adding it marked a change of anything, so
    the next request reads again)."""
    lines = Budget.objects.using(using).counted()
    activities = Activity.objects.using(using).counted().filter(project__isnull=False)
    if only is not None:
        lines, activities = lines.filter(project_id__in=only), activities.filter(project_id__in=only)
    pids, cur, cents = read_columns(lines.order_by().values("project", "currency").annotate(s=Sum("amount"))
                                .values_list("project", "currency", "s"), using, None, coder(currency_code), to_cents)
    if only is not None and (cur < 0).any():
        raise ReadWhole("a budget line in a currency the index does not know")
    rows, held = rows_of(pk, pids)
    held &= cur >= 0
    money = Money(rows[held], cur[held].astype(VALUE), cents[held])
    pids, year, country, kind, online, n, reached, reported = read_columns(
        activities.order_by().values("project", "country", "type", "online", y=Year("start_date"))
        .annotate(n=Count("pk"), reached=Sum("participants"), reported=Count("participants"))
        .values_list("project", "y", "country", "type", "online", "n", "reached", "reported"), using,
        None, None, coder(country_code), coder(ACTIVITY_TYPE_CODES), None, None, None, None)
    rows, held = rows_of(pk, pids)
    return money, ActivityYears(rows[held], year[held].astype(np.int16), n[held].astype(np.int32), reached[held],
                                reported[held].astype(np.int32), country[held].astype(VALUE),
                                kind[held].astype(np.int8), online[held].astype(bool))


def vocabularies(using: str) -> tuple[dict[str, dict], dict[str, list]]:
    """(codes, labels) of the reference data: per vocabulary, a value as a URL or a link row names it -> its
    value code; and the rows that label facet values (small tables, read whole)."""
    countries = list(Country.objects.using(using).order_by("iso3")
                     .values("iso3", "name", "numeric", "region_id", "subregion_id", "intermediate_region_id"))
    currencies = list(Currency.objects.using(using).order_by("code").values_list("code", flat=True))
    # The database's own order of country names (its collation), for lists sorted by name.
    by_name = {iso3: i for i, iso3 in enumerate(Country.objects.using(using).order_by("name", "iso3")
                                                .values_list("iso3", flat=True))}
    regions = list(Region.objects.using(using).values("pk", "code", "name", "kind"))
    goals = list(SdgGoal.objects.using(using).order_by("number").values("number", "short_title"))
    targets = list(SdgTarget.objects.using(using).order_by("code").values_list("code", flat=True))
    units = list(OrgUnit.objects.using(using).values("pk", "code", "name", "parent_id"))
    fundings = list(FundingSource.objects.using(using).values("pk", "code", "name"))
    organisations = list(Organisation.objects.using(using).values("pk", "slug", "name", "acronym"))
    codes = {
        "country": {c["iso3"]: i for i, c in enumerate(countries)},
        "region": {r["code"]: r["pk"] for r in regions},
        "sdg": {g["number"]: g["number"] for g in goals},
        "target": {code: i for i, code in enumerate(targets)},
        "partner": {o["slug"]: o["pk"] for o in organisations},
        "funding": {f["code"]: f["pk"] for f in fundings},
        "currency": {code: i for i, code in enumerate(currencies)},
    }
    labels = {"country": countries, "region": regions, "sdg": goals, "unit": units, "funding": fundings,
              "partner": organisations, "currency": currencies, "country_by_name": by_name}
    return codes, labels


def links_of(reader: PairReader, pk: np.ndarray) -> dict[str, Links]:
    """Each declared property's links among the projects of pk."""
    links = {}
    for name, (rows, vals) in reader.rows(pk).items():
        size = max(reader.codes_of(reader.declared[name].codes).values(), default=-1) + 1
        links[name] = Links.from_pairs(rows, vals, pk.size, max(size, int(vals.max()) + 1 if vals.size else 0))
    return links


def build(using: str = "default") -> PortfolioIndex:
    """Read the registry into a new index (the version first: a change committed meanwhile makes it stale)."""
    token = index_version.current(using)
    seen = index_version.changes(using)
    registry = Project.objects.using(using).registry()
    columns = project_columns(registry, using)
    pk = columns["pk"]
    n = pk.size

    def order_of(*fields) -> np.ndarray:
        (ids,) = read_columns(registry.order_by(*fields).values_list("pk"), using, None)
        pos = np.empty(n, dtype=ROW)
        pos[np.searchsorted(pk, ids)] = np.arange(ids.size)
        return pos

    codes, labels = vocabularies(using)
    links = links_of(PairReader(declared_pairs(), codes, labels, using), pk)
    money, activities = money_and_activities(pk, codes["currency"], codes["country"], using)
    changes = {pk_: token_ for pk_, (token_, _project) in seen.items()}
    lexemes = None
    if lexeme_index.wanted(using) and not settings.CAPDEV_FACET_INDEX_BACKGROUND:
        lexemes = lexeme_index.read_or_none(using, token, changes)
    return PortfolioIndex(
        token=token, changes=changes, lexemes=lexemes, **columns,
        **budget_columns(pk, using), title_order=order_of("title", "pk"),
        title_lower_order=order_of(Lower("title"), "pk"), links=links, money=money, activities=activities,
        codes=codes, labels=labels,
    )
