"""The index_check fixture fails a request the index answers differently from SQL (it replaced the production
setting that did so): for the list's facets and order, the dashboard's numbers and the activity count."""
from __future__ import annotations

import numpy as np
import pytest

from capdev.activities.indexed import ActivityGroups
from capdev.projects.facet_index.query import IndexQuery


@pytest.fixture
def one_row_lost(monkeypatch):
    """The index forgets the first matching project of every request."""
    real = IndexQuery.rows_without

    def rows_without(self, params=()):
        mask = real(self, params).copy()
        mask[np.flatnonzero(mask)[:1]] = False
        return mask

    monkeypatch.setattr(IndexQuery, "rows_without", rows_without)


@pytest.mark.parametrize("url", ["/projects/", "/projects/?country=LCA&country=DJI", "/dashboard/"])
def test_a_wrong_answer_of_the_index_fails_the_request(portfolio, db, client, settings, one_row_lost, url,
                                                        index_check):
    settings.CAPDEV_FACET_INDEX = True
    with pytest.raises(AssertionError, match="on the index differs from SQL"):
        client.get(url)
    index_check.enabled = False  # as production answers: the same wrong answer goes through unnoticed
    assert client.get(url).status_code == 200


def test_a_wrong_activity_count_fails_the_request(portfolio, db, client, settings, monkeypatch, index_check):
    settings.CAPDEV_FACET_INDEX = True
    monkeypatch.setattr(ActivityGroups, "column_in", lambda self, column, codes: ~np.isin(getattr(self.acts, column),
                                                                                         codes))
    with pytest.raises(AssertionError, match="the activity count on the index differs from SQL"):
        client.get("/api/activities/", {"type": "webinar"})
    assert index_check.compared == 1


def test_right_answers_pass_and_are_compared(portfolio, db, client, settings, index_check):
    settings.CAPDEV_FACET_INDEX = True
    for url in ("/projects/?sdg=16", "/dashboard/?sdg=16", "/api/activities/?type=webinar"):
        assert client.get(url).status_code == 200
    assert index_check.compared >= 3
