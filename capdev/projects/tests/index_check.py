"""The in-memory index checked against SQL throughout the test suite.

Production code answers from the index where it can and never computes the SQL answer beside it. The tests
do: the autouse `index_check` fixture (capdev/conftest.py) wraps the four places where an answer leaves the
index (the facet counts, the list's order, each dashboard aggregate, the activity list's count) so that each
answer is also computed in SQL, the reference, and a difference fails the test that made the request. Every
request of the suite thus checks the index, and every write path that forgets to mark it stale shows.

A test that counts queries as production runs them turns it off: `index_check.enabled = False`.
"""
from __future__ import annotations


class IndexCheck:
    """Compares each answer of the index with SQL's while `enabled`; `compared` counts the comparisons."""

    def __init__(self):
        self.enabled = True
        self.compared = 0

    def same(self, what: str, got, want, params) -> None:
        self.compared += 1
        assert got == want, f"{what} on the index differs from SQL for {params}:\nindex: {got}\nSQL:   {want}"

    def install(self, monkeypatch) -> None:
        """Wrap the index's answers for the test's duration."""
        from capdev.activities import indexed as activities
        from capdev.portal.aggregates import Aggregate
        from capdev.projects import facets
        from capdev.projects.listing import ProjectList

        check = self
        index_facets, index_order = facets.indexed_facet_counts, ProjectList.index_order
        aggregate_on_index, activity_count = Aggregate.on_index, activities.count_on_index

        def facet_counts(query, names=None):
            got = index_facets(query, names)
            if check.enabled:
                check.same("the facets", got, facets.sql_facet_counts(query.fs, names), dict(query.fs.data))
            return got

        def order(listing):
            pks = index_order(listing)
            if pks is not None and check.enabled:
                fs = listing.filterset
                check.same("the list's order", pks.tolist(), list(fs.qs.values_list("pk", flat=True)), dict(fs.data))
            return pks

        def aggregate(declared, source):
            got = aggregate_on_index(declared, source)
            if check.enabled:
                check.same(declared.__name__, got, declared.sql(source.qs), dict(source.query.fs.data))
            return got

        def activities_counted(filterset, groups, given):
            got = activity_count(filterset, groups, given)
            if check.enabled:
                check.same("the activity count", got, filterset.qs.count(), dict(filterset.data))
            return got

        monkeypatch.setattr(facets, "indexed_facet_counts", facet_counts)
        monkeypatch.setattr(ProjectList, "index_order", order)
        monkeypatch.setattr(Aggregate, "on_index", aggregate)
        monkeypatch.setattr(activities, "count_on_index", activities_counted)
