"""The dashboard's figures as both paths give them: the shapes of its numbers (buckets of money per currency,
totals, series per year) and the steps that fold rows into them, shared by the SQL aggregates (aggregates.py)
and their twins on the in-memory index (indexed.py), so that both present their numbers alike."""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from capdev.reference.names import sdg_title_text

CENTS = Decimal("0.01")
# A timeline longer than this many years is cut to its latest years, so that one bad date cannot make
# the "active per year" query unbounded in size.
MAX_TIMELINE_YEARS = 80


@dataclass
class Bucket:
    """One bar of a breakdown: its facet value (for links), its label, and its amounts per currency."""

    key: str | int | None
    label: str
    amounts: dict[str, Decimal] = field(default_factory=dict)
    projects: int | None = None

    def amount(self, currency: str) -> Decimal:
        """The amount in one currency (zero when the bucket has none in it)."""
        return self.amounts.get(currency, Decimal(0))

@dataclass
class Totals:
    """The portfolio's headline figures."""

    projects: int
    budget: dict[str, Decimal]
    countries: int
    activities: int
    participants: int | None
    activities_with_participants: int

@dataclass
class YearActivity:
    """Activities held in one year and the participants they reached (None when no activity gave a number)."""

    year: int
    activities: int
    participants: int | None

@dataclass
class CountryServed:
    """A country the projects serve: how many projects, and their budgets per currency."""

    iso3: str
    name: str
    numeric: str
    projects: int
    amounts: dict[str, Decimal] = field(default_factory=dict)

@dataclass
class StartYear:
    """The projects starting in a year (None: no start date) and the sum of their budgets (counted lines)."""

    year: int | None
    projects: int
    amounts: dict[str, Decimal] = field(default_factory=dict)

def currencies(budget: dict[str, Decimal]) -> list[str]:
    """Currencies of a budget mapping, largest total first (ties by code)."""
    return sorted(budget, key=lambda c: (-budget[c], c))

def _buckets(rows, key: str, label: str, none_label: str | None) -> list[Bucket]:
    """Fold (key, label, currency, amount) rows into buckets, in first-seen order; keys of None use none_label."""
    buckets: dict[object, Bucket] = {}
    for row in rows:
        k = row[key]
        if k is None and none_label is None:
            continue
        bucket = buckets.get(k)
        if bucket is None:
            bucket = buckets[k] = Bucket(key=k, label=none_label if k is None else str(row[label]))
        bucket.amounts[row["currency"]] = bucket.amounts.get(row["currency"], Decimal(0)) + row["amount"]
    return list(buckets.values())

def by_size(buckets: list[Bucket]) -> list[Bucket]:
    """Largest first (by the largest currency of all buckets), 'not stated' last."""
    total: dict[str, Decimal] = {}
    for b in buckets:
        for cur, amount in b.amounts.items():
            total[cur] = total.get(cur, Decimal(0)) + amount
    order = currencies(total)
    return sorted(buckets, key=lambda b: (b.key is None, [-b.amount(c) for c in order], b.label))

def unit_buckets(rows) -> list[Bucket]:
    """budget_by_unit's buckets from its (unit code, unit name, currency, amount) rows."""
    rows = list(rows)
    buckets = _buckets(rows, "project__lead_unit__code", "project__lead_unit__code", _("No lead unit"))
    names = {r["project__lead_unit__code"]: r["project__lead_unit__name"] for r in rows}
    for b in buckets:
        if b.key is not None:
            b.label = f"{b.key} – {names[b.key]}"
    return by_size(buckets)

def funding_buckets(rows) -> list[Bucket]:
    """budget_by_funding's buckets from its (funding code, currency, amount) rows."""
    return by_size(_buckets(rows, "project__funding_source__code", "project__funding_source__code",
                            _("No funding source")))

def start_year_buckets(rows) -> list[Bucket]:
    """budget_by_start_year's buckets from its (year, currency, amount) rows, in year then currency order."""
    buckets = _buckets(rows, "start_year", "start_year", _("No start date"))
    return sorted(buckets, key=lambda b: (b.key is None, b.key or 0))

def sdg_buckets(rows) -> list[Bucket]:
    """budget_by_sdg's buckets from its (goal, short title, currency, amount) rows, in goal then currency order."""
    buckets = _buckets(rows, "project__sdg_goal_links__goal", "project__sdg_goal_links__goal__short_title", None)
    for b in buckets:
        b.label = _("SDG %(number)s: %(title)s") % {"number": b.key, "title": sdg_title_text(b.key, b.label)}
    return buckets

def spread_spans(spans) -> list[tuple[int, int]]:
    """projects_active_per_year from (start year, end year, number of projects) triples (None: no date)."""
    spans = [(s, e, n) for s, e, n in spans if s is not None or e is not None]
    if not spans:
        return []
    first = min(y for s, e, _n in spans for y in (s, e) if y is not None)
    last = max(y for s, e, _n in spans for y in (s, e) if y is not None)
    first = max(first, last - MAX_TIMELINE_YEARS + 1)
    counts = dict.fromkeys(range(first, last + 1), 0)
    for start, end, n in spans:
        low, high = (start, end) if start is not None and end is not None else (start or end, start or end)
        for year in range(max(low, first), min(high, last) + 1):
            counts[year] += n
    return list(counts.items())

def year_series(rows) -> tuple[list[YearActivity], int]:
    """activities_per_year from (year or None, activities, participants reached or None) rows."""
    by_year = {r["year"]: r for r in rows}
    undated = by_year.pop(None, {"n": 0})["n"]
    if not by_year:
        return [], undated
    out = []
    for y in range(min(by_year), max(by_year) + 1):
        r = by_year.get(y)
        out.append(YearActivity(year=y, activities=r["n"] if r else 0, participants=r["reached"] if r else None))
    return out, undated
