"""The dashboard's numbers counted on the in-memory index (capdev.projects.facet_index) instead of in SQL.

Each function here is the twin of an aggregate in `aggregates` (declared there with `@aggregate(indexed.x)`):
it answers the same, for the projects an `IndexQuery` leaves (the same filters and visibility rule as the
list), with the same values in the same order; the SQL functions stay the reference, and the test suite
compares both. Money is summed in whole cents, in integers: exact.
"""
from __future__ import annotations

from decimal import Decimal

import numpy as np

from capdev.projects.facet_index.query import IndexQuery
from capdev.reference.models import Region

from . import figures as fig

EPOCH_ORDINAL = 719163  # date(1970, 1, 1).toordinal()


def _money(cents: int) -> Decimal:
    return (Decimal(int(cents)) / 100).quantize(fig.CENTS)


EXACT = 2 ** 53  # float64 adds integers exactly below this


def _sum_by(keys: np.ndarray, cents: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The keys present (small non-negative integers), in order, and the exact sum of cents for each.

    `bincount` with float weights is exact while the sums stay under 2**53 cents (90 trillion units of a
    currency), checked; beyond, integer `add.at` (slower).
    """
    if not keys.size:
        return keys.astype(np.int64), np.zeros(0, dtype=np.int64)
    keys = keys.astype(np.int64)
    present = np.flatnonzero(np.bincount(keys))
    if int(np.abs(cents).sum()) < EXACT:
        sums = np.rint(np.bincount(keys, weights=cents.astype(np.float64))).astype(np.int64)
    else:
        sums = np.zeros(int(keys.max()) + 1, dtype=np.int64)
        np.add.at(sums, keys, cents)
    return present, sums[present]


def _lines(q: IndexQuery):
    """(project rows, currency codes, cents) of the shown projects' total budget per currency."""
    money = q.index.money
    shown = q.rows_without()[money.rows]
    return money.rows[shown], money.cur[shown], money.cents[shown]


def _by_project_key(q: IndexQuery, key_of_row: np.ndarray) -> list[tuple[int, str, Decimal]]:
    """(key, currency, amount) summed over the shown projects' budgets, keyed by a per-project value."""
    rows, cur, cents = _lines(q)
    currencies = q.index.labels["currency"]
    width = len(currencies)
    uniq, sums = _sum_by(key_of_row[rows].astype(np.int64) * width + cur, cents)
    return [(int(k // width), currencies[int(k % width)], _money(s)) for k, s in zip(uniq.tolist(), sums.tolist())]


def _by_link(q: IndexQuery, name: str, values=None) -> list[tuple[int, str, Decimal]]:
    """(link value, currency, amount): each shown project's budget counted once under each value it links to."""
    ix = q.index
    link_rows, link_vals = ix.links[name].select(q.rows_without())
    if values is not None:
        wanted = np.isin(link_vals, values)
        link_rows, link_vals = link_rows[wanted], link_vals[wanted]
    rows, cur, cents = _lines(q)
    currencies = ix.labels["currency"]
    out = []
    for code in np.unique(cur).tolist():
        per_project = np.zeros(ix.n, dtype=np.int64)
        has = np.zeros(ix.n, dtype=bool)
        mine = cur == code
        per_project[rows[mine]] = cents[mine]  # one (project, currency) triple each: summed when read
        has[rows[mine]] = True
        with_line = has[link_rows]
        uniq, sums = _sum_by(link_vals[with_line], per_project[link_rows[with_line]])
        out.extend((int(v), currencies[code], _money(s)) for v, s in zip(uniq.tolist(), sums.tolist()))
    return sorted(out, key=lambda t: (t[0], t[1]))


def _years(ordinals: np.ndarray) -> np.ndarray:
    """The calendar year of each day ordinal (0 for none)."""
    days = (ordinals.astype(np.int64) - EPOCH_ORDINAL).astype("datetime64[D]")
    return np.where(ordinals > 0, days.astype("datetime64[Y]").astype(np.int64) + 1970, 0)


def portfolio_budget(q: IndexQuery) -> dict[str, Decimal]:
    """aggregates.portfolio_budget on the index."""
    rows, cur, cents = _lines(q)
    uniq, sums = _sum_by(cur, cents)
    labels = q.index.labels["currency"]
    return {labels[c]: _money(s) for c, s in zip(uniq.tolist(), sums.tolist())}


def portfolio_totals(q: IndexQuery) -> fig.Totals:
    """aggregates.portfolio_totals on the index."""
    ix = q.index
    shown = q.rows_without()
    countries = ix.links["country"]
    acts = ix.activities
    mine = shown[acts.rows]
    reported = int(acts.reported[mine].sum())
    return fig.Totals(projects=int(shown.sum()), budget=portfolio_budget(q),
                      countries=int(np.count_nonzero(countries.count(shown))),
                      activities=int(acts.n[mine].sum()),
                      participants=int(acts.reached[mine].sum()) if reported else None,
                      activities_with_participants=reported)


def budget_by_unit(q: IndexQuery) -> list[fig.Bucket]:
    """aggregates.budget_by_unit on the index."""
    units = {u["pk"]: u for u in q.index.labels["unit"]}
    rows = [{"project__lead_unit__code": units[k]["code"] if k else None,
             "project__lead_unit__name": units[k]["name"] if k else None, "currency": cur, "amount": amount}
            for k, cur, amount in _by_project_key(q, q.index.unit)]
    return fig.unit_buckets(rows)


def budget_by_funding(q: IndexQuery) -> list[fig.Bucket]:
    """aggregates.budget_by_funding on the index."""
    codes = {f["pk"]: f["code"] for f in q.index.labels["funding"]}
    rows = [{"project__funding_source__code": codes[k] if k else None, "currency": cur, "amount": amount}
            for k, cur, amount in _by_project_key(q, q.index.funding)]
    return fig.funding_buckets(rows)


def budget_by_start_year(q: IndexQuery) -> list[fig.Bucket]:
    """aggregates.budget_by_start_year on the index."""
    rows = [{"start_year": k or None, "currency": cur, "amount": amount}
            for k, cur, amount in _by_project_key(q, q.index.start_year)]
    return fig.start_year_buckets(rows)


def budget_by_sdg(q: IndexQuery) -> list[fig.Bucket]:
    """aggregates.budget_by_sdg on the index."""
    titles = {g["number"]: g["short_title"] for g in q.index.labels["sdg"]}
    rows = [{"project__sdg_goal_links__goal": k, "project__sdg_goal_links__goal__short_title": titles.get(k, ""),
             "currency": cur, "amount": amount} for k, cur, amount in _by_link(q, "sdg")]
    return fig.sdg_buckets(rows)


def budget_by_region(q: IndexQuery) -> list[fig.Bucket]:
    """aggregates.budget_by_region on the index (the region links hold budget_by_region's rule)."""
    ix = q.index
    regions = {r["pk"]: r for r in ix.labels["region"] if r["kind"] == Region.Kind.REGION}
    wanted = np.fromiter(regions, dtype=np.int64, count=len(regions))
    counts = ix.links["region"].count(q.rows_without())
    amounts: dict[int, dict[str, Decimal]] = {}
    for k, cur, amount in _by_link(q, "region", wanted):
        if amount:
            amounts.setdefault(k, {})[cur] = amount
    buckets = [fig.Bucket(key=r["code"], label=r["name"], amounts=amounts.get(pk, {}), projects=int(counts[pk]))
               for pk, r in regions.items() if counts[pk]]
    return fig.by_size(buckets)


def projects_active_per_year(q: IndexQuery) -> list[tuple[int, int]]:
    """aggregates.projects_active_per_year on the index."""
    shown = q.rows_without()
    starts, ends = q.index.start_year[shown].astype(np.int64), _years(q.index.end[shown])
    pairs, counts = np.unique(starts * 100_000 + ends, return_counts=True)  # years are under 100,000
    return fig.spread_spans([(int(k // 100_000) or None, int(k % 100_000) or None, int(n))
                             for k, n in zip(pairs.tolist(), counts.tolist())])


def activities_per_year(q: IndexQuery) -> tuple[list[fig.YearActivity], int]:
    """aggregates.activities_per_year on the index."""
    acts = q.index.activities
    mine = q.rows_without()[acts.rows]
    years, n = _sum_by(acts.year[mine], acts.n[mine])
    _years_again, reached = _sum_by(acts.year[mine], acts.reached[mine])
    _years_again, reported = _sum_by(acts.year[mine], acts.reported[mine])
    return fig.year_series([{"year": y or None, "n": int(c), "reached": int(r) if k else None}
                            for y, c, r, k in zip(years.tolist(), n.tolist(), reached.tolist(), reported.tolist())])


def countries_served(q: IndexQuery) -> list[fig.CountryServed]:
    """aggregates.countries_served on the index, in the database's order of country names."""
    ix = q.index
    counts = ix.links["country"].count(q.rows_without())
    countries = ix.labels["country"]
    served = {i: fig.CountryServed(iso3=countries[i]["iso3"], name=countries[i]["name"],
                                   numeric=countries[i]["numeric"], projects=int(counts[i]))
              for i in np.flatnonzero(counts).tolist()}
    for k, cur, amount in _by_link(q, "country"):
        if k in served:
            served[k].amounts[cur] = amount
    order = ix.labels["country_by_name"]
    return sorted(served.values(), key=lambda c: order[c.iso3])



def project_count(q: IndexQuery) -> int:
    """aggregates.project_count on the index."""
    return int(np.count_nonzero(q.rows_without()))


def projects_per_country(q: IndexQuery) -> dict[str, int]:
    """aggregates.projects_per_country on the index."""
    counts = q.index.links["country"].count(q.rows_without())
    countries = q.index.labels["country"]
    return {countries[i]["iso3"]: int(counts[i]) for i in np.flatnonzero(counts).tolist()}


def projects_per_goal(q: IndexQuery) -> dict[int, int]:
    """aggregates.projects_per_goal on the index."""
    counts = q.index.links["sdg"].count(q.rows_without())
    return {int(g): int(counts[g]) for g in np.flatnonzero(counts).tolist()}


def projects_per_target(q: IndexQuery) -> dict[str, int]:
    """aggregates.projects_per_target on the index."""
    counts = q.index.links["target"].count(q.rows_without())
    code_of = {i: code for code, i in q.index.codes["target"].items()}
    return {code_of[i]: int(counts[i]) for i in np.flatnonzero(counts).tolist()}


def by_start_year(q: IndexQuery) -> list[fig.StartYear]:
    """aggregates.by_start_year on the index (start year 0 stands for none)."""
    ix = q.index
    years, counts = np.unique(ix.start_year[q.rows_without()], return_counts=True)
    out = {int(y): fig.StartYear(int(y) or None, int(n)) for y, n in zip(years.tolist(), counts.tolist())}
    for year, cur, amount in _by_project_key(q, ix.start_year):
        out[year].amounts[cur] = amount
    return sorted(out.values(), key=lambda s: (s.year is None, s.year or 0))


def activities_per_country(q: IndexQuery) -> dict[str, tuple[int, int | None]]:
    """aggregates.activities_per_country on the index."""
    acts = q.index.activities
    mine = q.rows_without()[acts.rows] & (acts.country >= 0)
    where, size = acts.country[mine], len(q.index.labels["country"])
    n = np.bincount(where, weights=acts.n[mine], minlength=size)
    reached = np.bincount(where, weights=acts.reached[mine], minlength=size)
    reported = np.bincount(where, weights=acts.reported[mine], minlength=size)
    countries = q.index.labels["country"]
    return {countries[i]["iso3"]: (int(n[i]), int(reached[i]) if reported[i] else None)
            for i in np.flatnonzero(n).tolist()}
