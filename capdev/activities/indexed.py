"""How many activities a filtered list holds, counted on the in-memory index (the page itself comes from SQL).

Counting the activities of the projects a caller may see is a join of both tables, slow at a million projects
(docs/performance.md, "The API's list"), for every page of /api/activities/, while the page's 50 rows are
quick. The facet
index holds each project's activities grouped by start year, country, type and online or not
(facet_index.columns.ActivityYears), so the count is a sum over the groups of the visible projects that the
filters keep: each filter's index meaning is declared beside its SQL one (capdev.activities.filtersets), written
with the helpers of `ActivityGroups`. Only an index that is current answers (not one kept while a whole
rebuild runs): the count must be the one of the rows the pages show.
"""
from __future__ import annotations

import numpy as np
from django.conf import settings
from django_filters.constants import EMPTY_VALUES

from capdev.projects.facet_index.cache import get_index, is_current
from capdev.projects.facet_index.columns import REVIEW_STATES, PortfolioIndex, Unsupported
from capdev.projects.facet_index.sources import codes_of
from capdev.projects.filtersets import is_staff_request
from capdev.projects.models import ReviewState


class ActivityGroups:
    """The index's activity groups that one request may count: those of the projects it may see."""

    def __init__(self, index: PortfolioIndex, staff: bool):
        self.index, self.acts = index, index.activities
        visible = np.ones(index.n, bool) if staff else index.review == REVIEW_STATES.index(ReviewState.PUBLISHED)
        self.visible = visible[self.acts.rows]

    def column_in(self, column: str, codes: list[int]) -> np.ndarray:
        """The groups whose value in this column is one of these codes."""
        return np.isin(getattr(self.acts, column), codes)

    def coded(self, vocabulary, values) -> list[int]:
        """The codes of these values (values the index does not know have none: they match nothing)."""
        codes = codes_of(self.index.codes, vocabulary)
        return [codes[v] for v in values if v in codes]

    def of_projects(self, pks: list[int]) -> np.ndarray:
        """The groups of these projects (by id)."""
        rows, found = self.index.locate(np.array(pks, dtype=np.int64))
        chosen = np.zeros(self.index.n, dtype=bool)
        chosen[rows[found]] = True
        return chosen[self.acts.rows]

    def in_years(self, years: list[int]) -> np.ndarray:
        """The groups starting in these years (0 stands for undated: in no year)."""
        return np.isin(self.acts.year, years) & (self.acts.year != 0)

    def online(self, value: bool) -> np.ndarray:
        """The groups held online (or not)."""
        return self.acts.online == value


def activity_count(filterset) -> int | None:
    """The number of activities of this (validated) ActivityFilterSet, or None where SQL must count them."""
    if not settings.CAPDEV_FACET_INDEX:
        return None
    given = {name: value for name, value in filterset.form.cleaned_data.items()
             if name in filterset.filters and value not in EMPTY_VALUES}
    if not all(getattr(filterset.filters[name], "indexed", False) for name in given):
        return None
    staff = is_staff_request(filterset.request)
    using = filterset.queryset.db
    try:
        index = get_index(using, wait=staff)
    except Unsupported:
        return None
    if not is_current(index, using):
        return None
    return count_on_index(filterset, ActivityGroups(index, staff), given)


def count_on_index(filterset, groups: ActivityGroups, given: dict) -> int:
    """The activities of the groups every given parameter keeps, as each declares it on the index."""
    keep = groups.visible.copy()
    for name, value in given.items():
        keep &= filterset.filters[name].on_index(groups, value)
    return int(groups.acts.n[keep].sum())


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
