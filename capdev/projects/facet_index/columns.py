"""The index's data: per-project columns, the link pairs of many-valued properties, and the exceptions that send
a request back to SQL.

A `PortfolioIndex` holds one entry per registry project (in primary-key order) in each column, the pairs of
each many-valued property as `Links` (held both ways round), each project's budget per currency (`Money`) and
its activities in groups (`ActivityYears`), and the reference rows that label facet values (`labels`) with the
codes a URL's values map to (`codes`). Nothing here reads the database: `build` fills it, `refresh` brings it
up to date, `query` reads it for a request.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from capdev.activities.models import ActivityType
from capdev.projects.models import ProjectStatus, ReviewState

if TYPE_CHECKING:
    from .lexemes import Lexemes

# Narrow types: at a million projects the arrays are some 140 MB smaller per process than in int64, and the
# gathers and counts over them faster. Row positions and value codes fit in 32 bits, day ordinals too.
ROW = np.int32
ACTIVITY_TYPE_CODES = {t: i for i, t in enumerate(ActivityType.values)}  # an activity type -> its number
VALUE = np.int32
REVIEW_STATES = list(ReviewState.values)
STATUSES = list(ProjectStatus.values)



@dataclass
class Links:
    """Distinct (project row, value) pairs of one many-valued property, stored both ways round: by row (the
    values of row r are vals[starts[r]:starts[r + 1]]) and by value (the rows holding value v are
    by_value[value_starts[v]:value_starts[v + 1]]).

    Why both: a facet counts the values of the rows a request leaves, and a filter wants the rows holding
    some values; with the pairs in no order either meant a pass over every pair (twenty million at a million
    projects: 40 ms a request). Sorted each way round, each reads just the pairs it needs.
    """

    starts: np.ndarray  # n + 1 offsets into vals
    vals: np.ndarray  # value of each pair, the pairs in row order
    by_value: np.ndarray  # row of each pair, the pairs in value order
    value_starts: np.ndarray  # size + 1 offsets into by_value
    size: int  # one more than the largest value code

    # A request leaving fewer rows than this share of them reads their pairs one row at a time; more, and a
    # pass over every pair is the cheaper.
    SPARSE = 1 / 8

    @classmethod
    def from_pairs(cls, rows: np.ndarray, vals: np.ndarray, n: int, size: int) -> Links:
        """The links of these (row, value) pairs among n rows (in any order; each pair at most once)."""
        by_row = np.lexsort((vals, rows))
        rows, vals = rows[by_row], vals[by_row]
        by_val = np.argsort(vals, kind="stable")
        return cls(starts=_offsets(rows, n), vals=vals.astype(VALUE), by_value=rows[by_val].astype(ROW),
                   value_starts=_offsets(vals[by_val], size), size=size)

    @property
    def n(self) -> int:
        """How many rows (projects) the pairs are of."""
        return self.starts.size - 1

    def degree(self) -> np.ndarray:
        """How many values each row has."""
        return np.diff(self.starts)

    def pairs(self) -> tuple[np.ndarray, np.ndarray]:
        """(rows, values) of every pair, in row order."""
        return np.repeat(np.arange(self.n, dtype=ROW), self.degree()), self.vals

    def select(self, mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(rows, values) of the pairs of the masked rows, in row order."""
        chosen = np.flatnonzero(mask)
        return np.repeat(chosen.astype(ROW), self.starts[chosen + 1] - self.starts[chosen]), self._values(mask, chosen)

    def _values(self, mask: np.ndarray, chosen: np.ndarray | None = None) -> np.ndarray:
        """The values of the masked rows' pairs, in row order."""
        if chosen is None:
            if np.count_nonzero(mask) > self.n * self.SPARSE:
                return self.vals[np.repeat(mask, self.degree())]
            chosen = np.flatnonzero(mask)
        elif chosen.size > self.n * self.SPARSE:
            return self.vals[np.repeat(mask, self.degree())]
        lo = self.starts[chosen]
        lengths = self.starts[chosen + 1] - lo
        # The positions lo..hi-1 of every chosen row, end to end, without a Python loop.
        ends = np.cumsum(lengths)
        positions = np.arange(int(ends[-1]) if ends.size else 0, dtype=np.int64) + np.repeat(lo - ends + lengths,
                                                                                             lengths)
        return self.vals[positions]

    def any_of(self, codes: Iterable[int], n: int) -> np.ndarray:
        """A mask of the projects with at least one of these values."""
        mask = np.zeros(n, dtype=bool)
        for code in set(codes):
            if 0 <= code < self.size:
                mask[self.by_value[self.value_starts[code]:self.value_starts[code + 1]]] = True
        return mask

    def count(self, mask: np.ndarray) -> np.ndarray:
        """Projects per value among the masked projects."""
        return np.bincount(self._values(mask), minlength=self.size)

    def refreshed(self, keep: np.ndarray, old_to_new: np.ndarray, n: int, rows: np.ndarray, vals: np.ndarray,
                  size: int) -> Links:
        """These links with the rows not kept dropped, the others renumbered (old_to_new, in the same order),
        and the pairs of re-read rows added (rows in the new numbering, none of them a kept row).

        The result is what from_pairs would build from the same pairs, array for array. Why not just that:
        at a million projects it sorts twenty million pairs; here the few dropped and added pairs are cut
        out and spliced in, and the rows renumbered only when projects came or went.
        """
        gone = np.flatnonzero(~keep)
        lo, hi = self.starts[gone].astype(np.int64), self.starts[gone + 1].astype(np.int64)
        gone_pairs = np.concatenate([np.arange(a, b) for a, b in zip(lo.tolist(), hi.tolist())] or [np.zeros(0, int)])
        gone_vals = self.vals[gone_pairs]
        gone_rows = np.repeat(gone, hi - lo)
        order = np.lexsort((vals, rows))
        rows, vals = rows[order].astype(np.int64), vals[order].astype(VALUE)
        # By row: cut the dropped rows' runs out, then put each new row's run where its row falls.
        kept_degree = np.zeros(n, dtype=np.int64)
        kept_degree[old_to_new[keep]] = np.diff(self.starts)[keep]
        kept_before = np.concatenate([[0], np.cumsum(kept_degree)])
        new_vals = _inserted(_without(self.vals, lo, hi), kept_before[rows], vals)
        starts = np.concatenate([[0], np.cumsum(kept_degree + np.bincount(rows, minlength=n))])
        starts = starts.astype(_offset_type(int(starts[-1])))
        # By value: each value's run is in row order; cut out the dropped pairs, renumber, splice in the new.
        value_starts = self.value_starts.astype(np.int64)
        at = np.array([value_starts[v] + np.searchsorted(self.by_value[value_starts[v]:value_starts[v + 1]], r)
                       for v, r in zip(gone_vals.tolist(), gone_rows.tolist())], dtype=np.int64)
        at.sort()
        kept = _without(self.by_value, at, at + 1)
        still = np.flatnonzero(keep)
        if not np.array_equal(old_to_new[still], still):  # rows move when a project goes or comes between
            kept = old_to_new[kept].astype(ROW)
        per_value = np.zeros(size, dtype=np.int64)
        per_value[:self.size] = np.diff(value_starts) - np.bincount(gone_vals, minlength=self.size)
        kept_starts = np.concatenate([[0], np.cumsum(per_value)])
        by_value_order = np.lexsort((rows, vals))
        into = [kept_starts[v] + np.searchsorted(kept[kept_starts[v]:kept_starts[v + 1]], r)
                for v, r in zip(vals[by_value_order].tolist(), rows[by_value_order].tolist())]
        by_value = _inserted(kept, np.array(into, dtype=np.int64), rows[by_value_order].astype(ROW))
        value_starts = np.concatenate([[0], np.cumsum(per_value + np.bincount(vals, minlength=size))])
        return Links(starts=starts, vals=new_vals, by_value=by_value, value_starts=value_starts.astype(starts.dtype),
                     size=size)


def _inserted(values: np.ndarray, at: np.ndarray, items: np.ndarray) -> np.ndarray:
    """The array with items[i] put before position at[i] (at sorted; as np.insert, in one copy of slices:
    np.insert's mask assignment costs several times that over twenty million pairs)."""
    if not at.size:
        return values
    bounds = [0, *at.tolist(), values.size]
    pieces = []
    for i in range(at.size):
        pieces += [values[bounds[i]:bounds[i + 1]], items[i:i + 1]]
    pieces.append(values[bounds[-2]:])
    return np.concatenate(pieces).astype(values.dtype, copy=False)


def _without(values: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """The array with the ranges lo[i]:hi[i] (sorted, apart) left out: one copy of what stays."""
    if not lo.size:
        return values
    cuts = np.concatenate([[0], np.column_stack([lo, hi]).ravel(), [values.size]]).tolist()
    return np.concatenate([values[a:b] for a, b in zip(cuts[::2], cuts[1::2])])


def _offsets(sorted_keys: np.ndarray, n: int) -> np.ndarray:
    """Where each key 0..n-1 begins in these sorted keys, and their end: n + 1 offsets (32-bit while they fit)."""
    return np.searchsorted(sorted_keys, np.arange(n + 1)).astype(_offset_type(sorted_keys.size))


def _offset_type(count: int) -> type:
    return np.int32 if count < 2**31 else np.int64



@dataclass
class Money:
    """Each project's total budget per currency: (project row, currency code, sum in cents) triples."""

    rows: np.ndarray
    cur: np.ndarray
    cents: np.ndarray


@dataclass
class ActivityYears:
    """Each project's activities per start year (0: undated), country held in (-1: none, online), type and
    online or not: how many, the participants reached, and how many gave a number (the dashboard's and the
    country list's activity figures, and the count of the API's activity list)."""

    rows: np.ndarray
    year: np.ndarray
    n: np.ndarray
    reached: np.ndarray
    reported: np.ndarray
    country: np.ndarray
    type: np.ndarray  # index in ACTIVITY_TYPE_CODES (-1: a type it does not list)
    online: np.ndarray  # bool

    FIELDS = ("year", "n", "reached", "reported", "country", "type", "online")


@dataclass
class PortfolioIndex:
    """Column arrays of every registry project, the link pairs, and the reference rows that label them."""

    token: str  # the portfolio version it was built at (index_version.current)
    changes: dict[int, str]  # the change rows it has taken in: id -> token (index_version.changes)
    pk: np.ndarray
    review: np.ndarray  # index in REVIEW_STATES
    unit: np.ndarray  # lead unit id, 0 for none
    funding: np.ndarray  # funding source id, 0 for none
    start: np.ndarray  # date ordinal, 0 for none
    end: np.ndarray
    start_year: np.ndarray  # 0 for none
    override: np.ndarray  # index in STATUSES, -1 for none
    band: np.ndarray  # index in BudgetBand.CODES, -1 for no budget line
    budget: np.ndarray  # the total as a float (NaN for none): only ever used to order
    title_order: np.ndarray  # position in ORDER BY title, pk
    title_lower_order: np.ndarray  # position in ORDER BY LOWER(title), pk
    links: dict[str, Links]
    money: Money
    activities: ActivityYears
    codes: dict[str, dict[str, int]]  # per property: code or slug as sent in the URL -> value code
    labels: dict[str, list[dict]] = field(default_factory=dict)  # reference rows, as facets.py reads them
    # (query, ranked) -> (ids, ranks) of the searches asked last, oldest first; (query, "ranks") -> the
    # ranks of the matches ranked among a request's rows so far (ranks_among)
    searches: OrderedDict = field(default_factory=OrderedDict)
    # Arrays derived from the others on first use (the row of each id, the status on a given day, each
    # sort's order of every row)
    derived: dict = field(default_factory=dict)
    # Which documents hold each frequent lexeme (PostgreSQL; None until read, or where not used)
    lexemes: Lexemes | None = None

    @property
    def n(self) -> int:
        """How many projects."""
        return int(self.pk.size)

    def locate(self, pks: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(rows, found): the row of each id, and which ids the index holds (the rows of the others are 0)."""
        table = self.row_of_id()
        if table is None or not pks.size:
            return rows_of(self.pk, pks)
        inside = (pks >= 0) & (pks < table.size)
        rows = table[np.where(inside, pks, 0)]
        found = inside & (rows >= 0)
        return np.where(found, rows, 0).astype(ROW), found

    def row_of_id(self) -> np.ndarray | None:
        """Each id's row (-1 for an id the index does not hold), while ids are dense enough for a table of
        them to stay small (up to 4 entries a project); else None. A search's 300,000 ids are located by
        one gather instead of a binary search each (9 ms at a million projects)."""
        if "row_of_id" not in self.derived:
            top = int(self.pk[-1]) + 1 if self.pk.size else 0
            table = None
            if top <= 4 * self.n + 1024:
                table = np.full(top, -1, dtype=ROW)
                table[self.pk] = np.arange(self.n, dtype=ROW)
            self.derived["row_of_id"] = table
        return self.derived["row_of_id"]


def rows_of(pk: np.ndarray, pids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(rows, held): the index row of each project id, and which ids the index holds."""
    if not pk.size or not pids.size:
        return np.zeros(pids.size, dtype=ROW), np.zeros(pids.size, dtype=bool)
    rows = np.searchsorted(pk, pids)
    rows[rows >= pk.size] = 0
    return rows.astype(ROW), pk[rows] == pids


def enum_codes(choices) -> dict[str, int]:
    """The values of an enumeration (or a list) as value codes, their positions: an index's columns and pairs."""
    values = choices if isinstance(choices, (list, tuple)) else choices.values
    return {value: i for i, value in enumerate(values)}


class Unsupported(Exception):
    """The request uses something the index cannot answer: fall back to SQL."""


class NotReady(Unsupported):
    """The process's first index is still being read: SQL answers meanwhile."""



# Short: held by the builder threads' bookkeeping and by the searches kept on an index, never while building.
STATE_LOCK = threading.Lock()
