"""The project list one request asks for: its parameters, over which projects, and where the answers come from.

One constructor states it: `ProjectList(request, params)` is the list over the projects the request may see
(published ones for the public, the whole registry for staff). The in-memory index holds exactly those, so it
may answer the facets, the order and the dashboard's numbers (`query`). `ProjectList(request, params,
within=queryset)` is a list within a narrower set, which only SQL answers. Nothing is set on it afterwards.

The portal's list and dashboard, the API's list and the country and SDG pages all start here.
"""
from __future__ import annotations

from functools import cached_property

import numpy as np
from django.conf import settings
from django.db.models import QuerySet
from django.http import QueryDict

from .facet_index.cache import get_index, is_current
from .facet_index.columns import Unsupported
from .facet_index.query import IndexQuery
from .facets import FacetValue, facet_counts
from .filtersets import ProjectFilterSet, is_staff_request, visible_projects


class ProjectList:
    """One request's project list: `filterset` (its checked parameters, the SQL reference), `query` (the same
    over the in-memory index, or None where SQL answers)."""

    def __init__(self, request, params: QueryDict | None = None, *, within: QuerySet | None = None):
        self.request = request
        self.staff = is_staff_request(request)
        self.over_visible = within is None  # the projects the index holds for this request: it may answer
        queryset = visible_projects(request) if within is None else within
        self.filterset = ProjectFilterSet(request.GET if params is None else params, queryset=queryset,
                                          request=request)

    @cached_property
    def query(self) -> IndexQuery | None:
        """The request's filters over this process's index, or None where SQL answers: the index switched off, a
        list within a narrower set, a database without full-text support here, the first index still being
        read. A bad parameter raises InvalidParameters (a 400 naming it), as the filterset does."""
        if not settings.CAPDEV_FACET_INDEX or not self.over_visible:
            return None
        try:
            return IndexQuery(get_index(self.filterset.queryset.db, wait=self.staff), self.filterset)
        except Unsupported:
            return None

    @property
    def stale(self) -> bool:
        """Whether the answers come from the index as it was, while it is read again after a large change."""
        return self.query is not None and not is_current(self.query.index, self.filterset.queryset.db)

    def facets(self, names: list[str] | None = None) -> dict[str, list[FacetValue]]:
        """Every facet's values with counts (on the index where it answers)."""
        return facet_counts(self.filterset, names, self.query)

    def index_order(self) -> np.ndarray | None:
        """The ids of the matching projects in the list's order, from the index; None where SQL must order."""
        if self.query is None:
            return None
        try:
            return self.query.ordered_pks(self.filterset.sort_key)
        except Unsupported:
            return None

    def results(self, fetch) -> IndexedResults | None:
        """The filtered projects in the list's order, ordered on the index and read a page at a time by
        fetch(ids); None where SQL must answer. The portal's list and the API's page through a million
        projects this way without counting and offsetting in SQL."""
        pks = self.index_order()
        return None if pks is None else IndexedResults(pks, fetch)


class IndexedResults:
    """The list's ordered ids, read from the database a page at a time (what Paginator slices)."""

    def __init__(self, pks, fetch):
        self.pks, self.fetch = pks, fetch

    def count(self) -> int:
        """How many rows."""
        return int(self.pks.size)

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        if isinstance(index, slice):
            return self.fetch(self.pks[index].tolist())
        return self.fetch([int(self.pks[index])])[0]


def in_order(rows, pks: list[int]) -> list:
    """The rows (projects) in the order of these ids, leaving out ids not among them."""
    by_pk = {row.pk: row for row in rows}
    return [by_pk[pk] for pk in pks if pk in by_pk]
