"""One request's filters over the index: a mask of rows per parameter, the rows each facet counts, and the list
in order.

Each parameter means here what it means in SQL because both meanings come from its one declaration in
capdev.projects.filtersets: `IndexQuery` asks each declared filter for its mask (`on_index`), which is either
derived from the pairs it declares (`linked`) or written beside its SQL meaning with the helpers below
(`column_in`, `search`, `status`). A parameter without an index meaning raises Unsupported: SQL answers.
The test suite compares both paths for every declared parameter (tests/test_declared_filters.py) and for
every list request it makes (the `index_check` fixture).
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import numpy as np
from django.utils import timezone
from django_filters.constants import EMPTY_VALUES

from capdev.core.filters import NotIndexed
from capdev.projects.models import ProjectStatus, ReviewState

from .columns import REVIEW_STATES, ROW, STATUSES, PortfolioIndex, Unsupported
from .fulltext import ranks_among, search_matches
from .sources import codes_of

WHOLE_ORDER_SHARE = 1 / 16  # a list holding more than this share of the rows is taken out of whole_order


class IndexQuery:
    """One request's filters as masks over an index: the rows each facet counts, and the list in order."""

    def __init__(self, index: PortfolioIndex, filterset, *, today: dt.date | None = None):
        self.index, self.fs = index, filterset
        self.today = today or timezone.localdate()
        n = index.n
        published = REVIEW_STATES.index(ReviewState.PUBLISHED)
        self.visible = np.ones(n, dtype=bool) if filterset.is_staff else index.review == published
        self.searched = False  # whether a full-text query filters the rows
        self.rank: np.ndarray | None = None  # per row, NaN where the search did not match
        given = {name: value for name, value in filterset.cleaned().items()
                 if name != "sort" and name in filterset.filters and value not in EMPTY_VALUES}
        # Ranks are only worth their cost for that order, and only for the rows the filters leave, which
        # ordered_pks ranks once they are known (ranks_among). A search with no other filter ranks every
        # match anyway: then the search itself returns the ranks, in one pass.
        self._ranked = filterset.sort_key == "relevance" and not set(given) - {"q"}
        self.masks: dict[str, np.ndarray] = {}
        for name, value in given.items():
            declared = filterset.filters[name]
            if not getattr(declared, "indexed", False):
                raise Unsupported(name)
            try:
                mask = declared.on_index(self, value)
            except NotIndexed as why:
                raise Unsupported(name) from why
            if mask is not None:
                self.masks[name] = mask
        self._combined: dict[frozenset, np.ndarray] = {}

    # -- what a declaration's index meaning is written with ---------------------------------------

    def linked(self, name: str, values: Iterable) -> np.ndarray:
        """The projects holding one of these values through the pairs parameter `name` declares."""
        codes = codes_of(self.index.codes, self.fs.filters[name].pairs.codes)
        return self.index.links[name].any_of((codes[v] for v in values if v in codes), self.index.n)

    def column_in(self, column: str, codes: Iterable[int]) -> np.ndarray:
        """The projects whose value in this column is one of these codes."""
        return np.isin(getattr(self.index, column), list(codes))

    def coded(self, vocabulary, values: Iterable) -> list[int]:
        """The codes of these values in a vocabulary (a reference one by name, or an enumeration); values the
        index does not know have none (they match nothing)."""
        codes = codes_of(self.index.codes, vocabulary)
        return [codes[v] for v in values if v in codes]

    def starting(self, low: dt.date | None = None, high: dt.date | None = None) -> np.ndarray:
        """The projects with a start date within these bounds (inclusive)."""
        ix = self.index
        mask = ix.start > 0
        if low is not None:
            mask &= ix.start >= low.toordinal()
        if high is not None:
            mask &= ix.start <= high.toordinal()
        return mask

    def search(self, q: str) -> np.ndarray | None:
        """The projects matching a web-search style query (None: it looks for nothing, so filters nothing)."""
        ix = self.index
        found = search_matches(ix, q, self.fs.queryset.db, ranked=self._ranked)
        if found is None:
            return None
        self.searched = True
        ids, ranks = found
        rows, held = ix.locate(ids)
        mask = np.zeros(ix.n, dtype=bool)
        mask[rows[held]] = True
        if ranks is not None:
            self.rank = np.full(ix.n, np.nan)
            self.rank[rows[held]] = ranks[held]
        return mask

    def status(self) -> np.ndarray:
        """Each project's status today as an index in STATUSES (-1 for none): ProjectQuerySet.with_status."""
        day, status = self.index.derived.get("status", (None, None))
        if day != self.today:  # one day kept: the statuses change at midnight
            status = self._status()
            self.index.derived["status"] = (self.today, status)
        return status

    def _status(self) -> np.ndarray:
        ix, today = self.index, self.today.toordinal()
        has_start, has_end = ix.start > 0, ix.end > 0
        derived = np.where(has_start & (ix.start > today), STATUSES.index(ProjectStatus.PLANNED),
                           np.where(has_end & (ix.end < today), STATUSES.index(ProjectStatus.COMPLETED),
                                    np.where(~has_start & ~has_end, -1, STATUSES.index(ProjectStatus.ACTIVE))))
        return np.where(ix.override >= 0, ix.override, derived)

    # -- combining -------------------------------------------------------------------------------

    def rows_without(self, params: Iterable[str] = ()) -> np.ndarray:
        """The visible projects that every filter but these parameters' lets through (computed once per set)."""
        key = frozenset(params).intersection(self.masks)
        if key not in self._combined:
            mask = self.visible.copy()
            for name, m in self.masks.items():
                if name not in key:
                    mask &= m
            self._combined[key] = mask
        return self._combined[key]

    def ordered_pks(self, sort: str) -> np.ndarray:
        """The ids of the matching projects in the list's order (ProjectFilterSet.sorted)."""
        ix = self.index
        mask = self.rows_without()
        if sort == "relevance" and self.searched:
            rows = np.flatnonzero(mask)
            if self.rank is not None:
                rank = self.rank[rows]
            else:
                rank = ranks_among(ix, self.fs.search_text, self.fs.queryset.db, ix.pk[rows])
            keys = (ix.title_order[rows], -np.nan_to_num(rank, nan=-np.inf), np.isnan(rank))
            return ix.pk[rows[np.lexsort(keys)]]
        if np.count_nonzero(mask) > ix.n * WHOLE_ORDER_SHARE:
            # Most rows: taken in order out of every row sorted once (a stable sort of a subset is the subset
            # of the stable sort), not sorted again (docs/performance.md, "Figures once in the code").
            order = whole_order(ix, sort)
            return ix.pk[order[mask[order]]]
        rows = np.flatnonzero(mask)
        return ix.pk[rows[np.lexsort(_sort_keys(ix, sort, rows))]]


def whole_order(ix: PortfolioIndex, sort: str) -> np.ndarray:
    """Every row in the order of a sort that does not rank (IndexQuery.ordered_pks), sorted on first use."""
    key = ("order", sort)
    if key not in ix.derived:
        ix.derived[key] = np.lexsort(_sort_keys(ix, sort, np.arange(ix.n))).astype(ROW)
    return ix.derived[key]


def _sort_keys(ix: PortfolioIndex, sort: str, rows: np.ndarray) -> tuple[np.ndarray, ...]:
    """np.lexsort's keys (last first) putting these rows in a list order that does not rank."""
    if sort == "relevance":
        # A query of exclusions only: nothing ranks (search_annotations gives every row 0), so by title.
        return (ix.title_order[rows],)
    if sort == "title":
        return (ix.title_lower_order[rows],)
    if sort.lstrip("-") in ("start", "end", "budget"):
        column = {"start": ix.start, "end": ix.end, "budget": ix.budget}[sort.lstrip("-")][rows]
        missing = np.isnan(column) if column.dtype.kind == "f" else column == 0
        value = np.where(missing, 0, column)
        return (ix.title_order[rows], -value if sort.startswith("-") else value, missing)
    raise Unsupported(sort)
