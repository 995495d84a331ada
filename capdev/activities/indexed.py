"""How many activities a filtered list holds, counted on the in-memory index (the page itself comes from SQL).

Counting the activities of the projects a caller may see is a join of both tables: 1.2 s at a million projects
(3.5 million activities), for every page of /api/activities/, while the page's 50 rows take 9 ms. The facet
index holds each project's activities grouped by start year, country, type and online or not
(facet_index.ActivityYears), so the count is a sum over the groups of the visible projects that the filters
keep. Only an index that is current answers (not one kept while a whole rebuild runs): the count must be the
one of the rows the pages show.
"""
from __future__ import annotations

import numpy as np
from django.conf import settings

from capdev.projects.facet_index import (ACTIVITY_TYPE_CODES, REVIEW_STATES, Unsupported, get_index, is_current)
from capdev.projects.filtersets import is_staff_request
from capdev.projects.models import ReviewState

FILTERS = {"project", "type", "country", "year", "online"}  # ActivityFilterSet's, each answered below


def activity_count(filterset) -> int | None:
    """The number of activities of this (validated) ActivityFilterSet, or None where SQL must count them."""
    if not settings.CAPDEV_FACET_INDEX or set(filterset.filters) != FILTERS:
        return None
    staff = is_staff_request(filterset.request)
    using = filterset.queryset.db
    try:
        index = get_index(using, wait=staff)
    except Unsupported:
        return None
    if not is_current(index, using):
        return None
    acts = index.activities
    visible = index.review == REVIEW_STATES.index(ReviewState.PUBLISHED) if not staff else np.ones(index.n, bool)
    keep = visible[acts.rows]
    data = filterset.form.cleaned_data
    # Each as the filter method does it, an empty list of valid values included (which keeps nothing).
    if data.get("project"):
        rows, found = index.locate(np.array(data["project"], dtype=np.int64))
        chosen = np.zeros(index.n, dtype=bool)
        chosen[rows[found]] = True
        keep &= chosen[acts.rows]
    if data.get("type"):
        keep &= np.isin(acts.type, [ACTIVITY_TYPE_CODES[t] for t in data["type"] if t in ACTIVITY_TYPE_CODES])
    if data.get("country"):
        codes = index.codes["country"]
        keep &= np.isin(acts.country, [codes[c] for c in data["country"] if c in codes])
    if data.get("year"):
        keep &= np.isin(acts.year, data["year"]) & (acts.year != 0)  # 0: undated, in no year
    if data.get("online") is not None:
        keep &= acts.online == data["online"]
    count = int(acts.n[keep].sum())
    if settings.CAPDEV_INDEX_VERIFY:
        expected = filterset.qs.count()
        if count != expected:
            raise AssertionError(f"the index counts {count} activities for {dict(filterset.data)}, SQL {expected}")
    return count


class Counted:
    """A queryset whose count is already known (what Paginator asks for first), sliced as the queryset."""

    def __init__(self, queryset, count: int):
        self.queryset, self.known = queryset, count
        self.ordered = queryset.ordered

    def count(self) -> int:
        """The count given."""
        return self.known

    def __len__(self) -> int:
        return self.known

    def __getitem__(self, index):
        return self.queryset[index]
