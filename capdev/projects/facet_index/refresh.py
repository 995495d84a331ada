"""Catching up with a few changed projects: the index read again for just the projects the change rows name.

`changed_projects` reads which projects changed since the index was read (capdev.projects.index_version), or
raises ReadWhole when only a whole build will do; `refresh` makes a new index of the old one with those
projects' columns, pairs, budgets and activities read again and their places in both title orders found by
the database. The result equals a whole build, array for array (tests/test_index_refresh.py).
"""
from __future__ import annotations

from dataclasses import replace

import numpy as np
from django.db import connections
from django.db.models.functions import Lower

from capdev.projects import index_version
from capdev.projects.models import Project

from .build import ReadWhole, budget_columns, declared_pairs, money_and_activities, project_columns
from .columns import ROW, ActivityYears, Links, Money, PortfolioIndex
from .sources import PairReader


def merged_order(old: np.ndarray, keep: np.ndarray, fresh: np.ndarray) -> np.ndarray:
    """An order (dense positions 0..n-1) with some rows dropped and new ones placed between the old positions.

    old: the dense positions of the old rows; keep: which stay; fresh: each new row's position, strictly
    between two old ones (never a whole number). Returns the positions of the kept rows, then the new ones.
    Counting what went and came before each row, not sorting them all: O(n log m) for m changes.
    """
    gone = np.sort(old[~keep])
    kept = old[keep]
    placed = np.sort(fresh)
    kept_new = kept - np.searchsorted(gone, kept) + np.searchsorted(placed, kept)
    # Old rows before a new one: every whole position below it, but the ones that went.
    fresh_new = np.ceil(fresh).astype(np.int64) - np.searchsorted(gone, fresh) + np.searchsorted(placed, fresh)
    return np.concatenate([kept_new, fresh_new]).astype(old.dtype)




def changed_projects(index: PortfolioIndex, now: dict) -> set[int]:
    """The projects changed since the index was read, from the change rows there are now.

    Raises ReadWhole for a change of anything, too many projects, or rows the index cannot account for
    (a flush; a prune, which may have removed a row committed late that the index never saw).
    """
    if not index.changes or not now:
        raise ReadWhole("no change rows")
    # Every row it saw is still there, but for the oldest ones pruned: else a flush, or a rolled-back
    # transaction whose own rows it saw (then it holds data that never committed).
    oldest = min(now)
    if any(pk >= oldest and now.get(pk, (None,))[0] != token for pk, token in index.changes.items()):
        raise ReadWhole("a change the index took in is gone")
    changed: set[int] = set()
    for pk, (token, project) in now.items():
        if index.changes.get(pk) == token:
            continue
        if project is index_version.ANYTHING or pk % index_version.PRUNE_EVERY == 0:
            raise ReadWhole("a change of anything, or a prune")
        changed.add(project)
    if len(changed) > index_version.INCREMENTAL_LIMIT:
        raise ReadWhole("too many projects changed")
    return changed


def title_positions(index: PortfolioIndex, fresh_pk: np.ndarray, changed: list[int], using: str
                     ) -> tuple[np.ndarray, np.ndarray]:
    """Where each re-read project falls in the two title orders, as positions between the old ones.

    The database says which unchanged project comes just before it (an index lookup: projects_title_idx
    and projects_title_lower_idx), so the order is the database's own collation's, as when built whole.
    """
    table = Project._meta.db_table
    others = ", ".join(["%s"] * len(changed))
    out = []
    for key, lower in (("title", False), ("LOWER(title)", True)):
        titles = Project.objects.using(using).filter(pk__in=fresh_pk.tolist())
        ordered = titles.order_by(Lower("title") if lower else "title", "pk").values_list("pk", "title")
        rel = {pk: i for i, (pk, _title) in enumerate(ordered)}
        title_of = dict(ordered)
        old = index.title_lower_order if lower else index.title_order
        value = "LOWER(%s)" if lower else "%s"
        # (key, id) < (title, pk), spelt out: SQLite searches an expression index for this form only.
        sql = (f"SELECT id FROM {table} WHERE draft_of_id IS NULL AND {key} <= {value} "
               f"AND ({key} < {value} OR id < %s) AND id NOT IN ({others}) ORDER BY {key} DESC, id DESC LIMIT 1")
        before = []
        with connections[using].cursor() as cursor:
            for pk in fresh_pk.tolist():
                cursor.execute(sql, [title_of[pk], title_of[pk], pk, *changed])
                row = cursor.fetchone()
                before.append(row[0] if row else -1)
        before = np.array(before, dtype=np.int64)
        rows, held = index.locate(before)
        if not np.all(held | (before < 0)):
            raise ReadWhole("a neighbour in title order is not in the index")
        base = np.where(before < 0, -1.0, old[rows].astype(np.float64))
        m = fresh_pk.size
        out.append(base + (1.0 + np.array([rel[pk] for pk in fresh_pk.tolist()], dtype=np.float64)) / (m + 1))
    return out[0], out[1]


def refresh(index: PortfolioIndex, changed: set[int], token: str, seen: dict, using: str = "default", *,
            lexemes=None) -> PortfolioIndex:
    """A new index: this one with the changed projects read again (added, updated or gone), holding these
    lexemes (caught up by the caller: cache._lexemes_caught_up)."""
    changes = {pk_: t for pk_, (t, _p) in seen.items()}
    if not changed:  # rows that changed nothing here (already taken in): only the version moves
        return replace(index, token=token, changes=changes, lexemes=lexemes)
    registry = Project.objects.using(using).registry()
    only = sorted(changed)
    fresh = project_columns(registry.filter(pk__in=only), using)
    fresh_pk = fresh["pk"]
    gone_rows, held = index.locate(np.array(only, dtype=np.int64))
    keep = np.ones(index.n, dtype=bool)
    keep[gone_rows[held]] = False
    kept = int(keep.sum())
    pk = np.concatenate([index.pk[keep], fresh_pk])
    order = np.argsort(pk, kind="stable")
    new_row = np.empty(pk.size, dtype=np.int64)
    new_row[order] = np.arange(pk.size)  # concatenated position -> row in the new index
    old_to_new = np.full(index.n, -1, dtype=np.int64)
    old_to_new[keep] = new_row[:kept]

    def merged(old: np.ndarray, new: np.ndarray) -> np.ndarray:
        return np.concatenate([old[keep], new.astype(old.dtype)])[order]

    columns = {name: merged(getattr(index, name), values) for name, values in fresh.items()}
    budgets = budget_columns(fresh_pk, using, only=only)
    columns.update({name: merged(getattr(index, name), values) for name, values in budgets.items()})
    title, title_lower = title_positions(index, fresh_pk, only, using)
    columns["title_order"] = merged_order(index.title_order, keep, title)[order]
    columns["title_lower_order"] = merged_order(index.title_lower_order, keep, title_lower)[order]

    links: dict[str, Links] = {}
    reader = PairReader(declared_pairs(), index.codes, index.labels, using, only=only)
    for name, (r, v) in reader.rows(columns["pk"]).items():
        old = index.links[name]
        links[name] = old.refreshed(keep, old_to_new, pk.size, r, v, max(old.size, int(v.max()) + 1 if v.size else 0))

    money, acts = money_and_activities(columns["pk"], index.codes["currency"], index.codes["country"], using,
                                        only=only)
    old_money, old_acts = index.money, index.activities
    still = keep[old_money.rows]
    money = Money(np.concatenate([old_to_new[old_money.rows[still]].astype(ROW), money.rows]),
                  np.concatenate([old_money.cur[still], money.cur]),
                  np.concatenate([old_money.cents[still], money.cents]))
    still = keep[old_acts.rows]
    acts = ActivityYears(np.concatenate([old_to_new[old_acts.rows[still]].astype(ROW), acts.rows]),
                         *(np.concatenate([getattr(old_acts, name)[still], getattr(acts, name)])
                           for name in ActivityYears.FIELDS))

    return PortfolioIndex(token=token, changes=changes, **columns, links=links, money=money, activities=acts,
                          codes=index.codes, labels=index.labels, lexemes=lexemes)

