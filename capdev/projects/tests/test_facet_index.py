"""The in-memory index answers as SQL does: facet counts and list order for many filter combinations, and it
knows when it is stale (the version token) after saves, bulk writes and rolled-back transactions."""
from __future__ import annotations

import random

import pytest
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from capdev.projects import index_version
from capdev.projects.facet_index import cache, columns, fulltext, query
from capdev.projects.facet_index.build import build
from capdev.projects.facets import indexed_facet_counts, sql_facet_counts
from capdev.projects.filtersets import SORTS, ProjectFilterSet
from capdev.projects.models import IndexChange, Project, ReviewState

WORDS = ["government", "digital", "parliament", "open data", "-workshop", "public OR civil", '"service delivery"']


def _request(staff: bool):
    request = RequestFactory().get("/projects/")
    request.user = get_user_model()(username="s", is_staff=True, is_active=True) if staff else _anonymous()
    return request


def _anonymous():
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser()


def _filterset(params: dict, staff: bool = False) -> ProjectFilterSet:
    return ProjectFilterSet(params, request=_request(staff))


def _random_params(rng: random.Random, staff: bool) -> dict:
    """A mix of the list's parameters, several values each sometimes (unknown codes are refused before the index
    answers: test_filtersets; a partner no project names matches nothing, as in SQL)."""
    choices = {
        "q": lambda: rng.choice(WORDS),
        "unit": lambda: rng.sample(["DPIDG", "DPADM", "PACB", "EGB", "DMB", "pacb"], rng.randint(1, 2)),
        "funding": lambda: rng.sample(["DA", "XBTC", "RPTC", "XB", "RB", "TF"], rng.randint(1, 2)),
        "region": lambda: rng.sample(["002", "142", "019", "009", "150", "029", "014", "722",
                                      "199"], rng.randint(1, 2)),
        "country": lambda: rng.sample(["ETH", "KEN", "lca", "NPL", "BGD", "HTI", "UGA", "FJI"], rng.randint(1, 3)),
        "sdg": lambda: rng.sample(["16", "17", "5", "10", "11", "1", "016"], rng.randint(1, 2)),
        "target": lambda: rng.sample(["16.6", "16.7", "17.9", "5.5"], rng.randint(1, 2)),
        "status": lambda: rng.sample(["planned", "active", "completed"], rng.randint(1, 2)),
        "start_year_min": lambda: str(rng.randint(1998, 2020)),
        "start_year_max": lambda: str(rng.randint(2010, 2031)),
        "budget": lambda: rng.sample(["lt100k", "100k-500k", "500k-1m", "1m-5m", "gt5m"], rng.randint(1, 2)),
        "partner": lambda: rng.sample(["undp", "unitar", "world-bank", "oecd", "no-such-org"], rng.randint(1, 2)),
        "activity_type": lambda: rng.sample(["workshop", "webinar", "advisory_mission", "training_of_trainers"],
                                            rng.randint(1, 2)),
        "sort": lambda: rng.choice(list(SORTS)),
    }
    if staff:
        choices["review_state"] = lambda: rng.sample(["draft", "in_review", "published"], rng.randint(1, 2))
    names = rng.sample(sorted(choices), rng.randint(0, 5))
    return {name: choices[name]() for name in names}


@pytest.mark.parametrize("staff", [False, True], ids=["public", "staff"])
@pytest.mark.parametrize("share", [0, 2], ids=["taken-out-of-the-whole-order", "sorted-alone"])
def test_the_index_counts_and_orders_as_sql_does_for_random_filters(synthetic, db, staff, share, monkeypatch):
    monkeypatch.setattr(query, "WHOLE_ORDER_SHARE", share)  # every list one way, then every list the other
    rng = random.Random(20261129 + staff)
    checked = 0
    for _ in range(60):
        params = _random_params(rng, staff)
        fs = _filterset(params, staff)
        request = query.IndexQuery(cache.get_index(), fs)
        assert indexed_facet_counts(request) == sql_facet_counts(fs), params
        try:
            pks = request.ordered_pks(fs.sort_key).tolist()
        except columns.Unsupported:
            pytest.fail(f"the index could not order {params}")
        assert pks == list(fs.qs.values_list("pk", flat=True)), params
        checked += bool(pks)
    assert checked > 20  # most combinations match something: the comparisons are not all of empty lists


def test_drafts_are_counted_for_staff_only(synthetic, db):
    public = query.IndexQuery(cache.get_index(), _filterset({}))
    staff = query.IndexQuery(cache.get_index(), _filterset({}, staff=True))
    assert staff.rows_without().sum() - public.rows_without().sum() == len(synthetic)


def test_a_saved_change_makes_the_index_stale(synthetic, db):
    before = cache.get_index()
    assert cache.get_index() is before  # nothing changed: the same index is reused
    project = Project.objects.get(pk=synthetic[0])
    project.review_state = ReviewState.PUBLISHED
    project.save()
    after = cache.get_index()
    assert after is not before
    fs = _filterset({})
    assert query.IndexQuery(after, fs).rows_without().sum() == fs.qs.count()


def test_a_rolled_back_change_leaves_no_stale_index(synthetic, db):
    before = cache.get_index()
    with pytest.raises(RuntimeError), transaction.atomic():
        Project.objects.filter(pk=synthetic[1]).update(review_state=ReviewState.PUBLISHED)
        index_version.bump()
        inside = cache.get_index()
        assert inside is not before
        raise RuntimeError("roll back")
    # The token is the one from before the transaction, which the index built inside it does not carry.
    after = cache.get_index()
    assert after.token == before.token and after is not inside
    fs = _filterset({})
    assert query.IndexQuery(after, fs).rows_without().sum() == fs.qs.count()


def _change_inserts(queries) -> list[dict]:
    return [q for q in queries.captured_queries
            if IndexChange._meta.db_table in q["sql"] and q["sql"].lstrip().upper().startswith("INSERT")]


def test_a_transaction_marks_each_project_once_however_many_of_its_rows_it_saves(synthetic, db):
    from capdev.projects.models import Budget, ProjectCountry
    from capdev.reference.models import Country

    projects = list(Project.objects.filter(pk__in=synthetic[2:6]))
    before = IndexChange.objects.count()
    with CaptureQueriesContext(connection) as queries, transaction.atomic():
        for p in projects:
            p.title += " (renamed)"
            p.save()
        first = projects[0]
        ProjectCountry.objects.create(project=first, country=Country.objects.exclude(projects=first).first())
        Budget.objects.filter(project=first).update(amount=1)  # no signal
        for line in Budget.objects.filter(project=first):
            line.save()
        first.save()
    assert len(_change_inserts(queries)) == len(projects)
    new = IndexChange.objects.order_by("id")[before:]
    assert sorted(c.project_id for c in new) == sorted(p.pk for p in projects)
    # Only rows added, never one updated: concurrent transactions do not wait for each other on it.
    assert not [q for q in queries.captured_queries
                if IndexChange._meta.db_table in q["sql"] and q["sql"].lstrip().upper().startswith("UPDATE")]


def test_more_projects_than_the_limit_in_one_transaction_mark_anything(synthetic, db, monkeypatch):
    monkeypatch.setattr(index_version, "INCREMENTAL_LIMIT", 3)
    before = IndexChange.objects.order_by("-id").first().pk
    with transaction.atomic():
        index_version.bump(projects=synthetic[:2])
        index_version.bump(projects=synthetic[1:4])  # the fourth project: over the limit
        index_version.bump(projects=synthetic[5:6])  # "anything" covers it: nothing more written
    assert list(IndexChange.objects.filter(id__gt=before).order_by("id").values_list("project_id", flat=True)) == [
        synthetic[0], synthetic[1], None]


def test_the_version_never_comes_back_with_other_data(synthetic, db):
    first = index_version.current()
    IndexChange.objects.all().delete()  # as a flush does: ids may start again
    assert index_version.current() == "0:0:"
    IndexChange.objects.create(id=int(first.split(":")[1]), token="after-the-flush")
    assert index_version.current() != first  # same count and id as before, another token
    seen = index_version.current()
    # A transaction that took a lower id commits after the one that took a higher id: the count moves.
    IndexChange.objects.create(id=1, token="late")
    assert index_version.current() != seen


def test_a_bump_undone_by_a_savepoint_rollback_is_done_again(synthetic, db):
    start = index_version.current()
    with transaction.atomic():
        with pytest.raises(RuntimeError), transaction.atomic():
            index_version.bump()
            raise RuntimeError("roll back the savepoint")
        assert index_version.current() == start
        index_version.bump()
        assert index_version.current() != start


def test_budget_bands_agree_at_their_edges(synthetic, db):
    from decimal import Decimal

    from capdev.projects.models import Budget

    edges = ["99999.99", "100000.00", "499999.99", "500000.00", "999999.99", "1000000.00", "4999999.99",
             "5000000.00", "0.00", "0.01"]
    projects = Project.objects.filter(code__startswith="SYN").exclude(pk__in=synthetic).order_by("pk")[:len(edges)]
    for project, amount in zip(projects, edges):
        Budget.objects.filter(project=project).delete()
        Budget.objects.create(project=project, kind=Budget.Kind.TOTAL, amount=Decimal(amount), currency_id="USD")
    for band in ([], ["lt100k"], ["100k-500k"], ["500k-1m"], ["1m-5m"], ["gt5m"]):
        fs = _filterset({"budget": band} if band else {})
        request = query.IndexQuery(cache.get_index(), fs)
        assert indexed_facet_counts(request) == sql_facet_counts(fs), band
        assert request.ordered_pks(fs.sort_key).tolist() == list(fs.qs.values_list("pk", flat=True)), band


def test_public_requests_keep_the_old_index_while_one_thread_rebuilds(synthetic, db, settings, monkeypatch):
    import dataclasses
    import threading

    settings.CAPDEV_FACET_INDEX_BACKGROUND = True
    old = cache.get_index()
    index_version.bump()  # a change: the index is stale
    new = dataclasses.replace(old, token=index_version.current(), searches=type(old.searches)())
    release, calls = threading.Event(), []

    def slow_refresh(using):
        # Stands in for the rebuild (a thread of its own cannot see the test's in-memory database).
        calls.append(using)
        assert release.wait(10)
        cache._CACHE[using] = new
        return new

    monkeypatch.setattr(cache, "_refresh", slow_refresh)
    assert cache.get_index(wait=False) is old  # answered at once, from the index before the change
    assert cache.get_index(wait=False) is old
    builder = cache._BUILDERS["default"]
    assert builder.is_alive() and calls == ["default"]  # one rebuild, however many requests
    release.set()
    builder.join(10)
    assert cache.get_index(wait=False) is new


def test_staff_wait_for_a_whole_rebuild_no_longer_than_the_setting_then_see_a_notice(
        synthetic, db, settings, monkeypatch, staff_client, client):
    import dataclasses
    import threading
    import time

    settings.CAPDEV_FACET_INDEX_BACKGROUND = True
    settings.CAPDEV_FACET_INDEX_WAIT = 0.2
    old = cache.get_index()
    assert cache.is_current(old) and "index-stale" not in staff_client.get("/projects/").content.decode()
    index_version.bump()  # a change of anything: the whole portfolio must be read again
    new = dataclasses.replace(old, token=index_version.current(), searches=type(old.searches)())
    release = threading.Event()

    def slow_refresh(using):
        # Stands in for the rebuild (a thread of its own cannot see the test's in-memory database).
        assert release.wait(10)
        cache._CACHE[using] = new
        return new

    monkeypatch.setattr(cache, "_refresh", slow_refresh)
    began = time.monotonic()
    got = cache.get_index(wait=True)
    waited = time.monotonic() - began
    assert got is old and 0.2 <= waited < 5 and not cache.is_current(got)
    for who in (staff_client, client):
        for url in ("/projects/", "/dashboard/"):
            page = who.get(url).content.decode()
            assert 'class="index-stale"' in page and "being brought up to date" in page, url
    release.set()
    cache._BUILDERS["default"].join(10)
    got = cache.get_index(wait=True)
    assert got is new and cache.is_current(got)
    assert "index-stale" not in staff_client.get("/projects/").content.decode()
    assert "index-stale" not in staff_client.get("/dashboard/").content.decode()


@pytest.mark.parametrize("spread", [1, 50], ids=["dense-ids-table", "sparse-ids-search"])
def test_locate_finds_each_held_id_and_only_those(synthetic, db, spread):
    """Ids are located by a table of every id while they are dense, by binary search when they are not:
    both give each held id its row and mark the others (gaps, beyond either end, negative) as not held."""
    import dataclasses

    import numpy as np

    built = build()
    index = dataclasses.replace(built, pk=built.pk * spread, derived={})
    assert (index.row_of_id() is None) == (spread > 1)
    held = index.pk[::7]
    absent = np.array([0, -5, int(index.pk[-1]) + 1, int(index.pk[-1]) * 10, *(index.pk[:40] + 1)], dtype=np.int64)
    absent = np.setdiff1d(absent, index.pk)
    asked = np.concatenate([held, absent, held[:3]])
    rows, found = index.locate(asked)
    assert found.tolist() == [True] * held.size + [False] * absent.size + [True] * 3
    np.testing.assert_array_equal(index.pk[rows[found]], asked[found])


def test_while_the_first_index_is_read_requests_wait_a_while_then_sql_answers(synthetic, db, settings, client):
    """A worker starts reading its index as it boots; a request meanwhile waits CAPDEV_FACET_INDEX_WAIT at
    most, then the list comes from SQL (a million projects take half a minute to read: past the timeout)."""
    import threading
    import time

    from django.http import QueryDict

    from capdev.projects.listing import ProjectList

    def index_query(params: str):
        return ProjectList(_request(False), QueryDict(params)).query

    settings.CAPDEV_FACET_INDEX_BACKGROUND = True
    settings.CAPDEV_FACET_INDEX_WAIT = 0.2
    cache.clear()
    release = threading.Event()
    reader = threading.Thread(target=release.wait, args=(10,), daemon=True)  # stands in for the reading thread
    reader.start()
    cache._BUILDERS["default"] = reader
    try:
        began = time.monotonic()
        assert index_query("q=government") is None  # SQL answers
        assert 0.2 <= time.monotonic() - began < 5
        page = client.get("/projects/", {"sdg": "16"})
        assert page.status_code == 200 and page.context["page_obj"].paginator.count == Project.objects.published(
        ).filter(sdg_goals=16).distinct().count()
    finally:
        release.set()
        reader.join(10)
    assert index_query("") is not None  # no reader left: the request reads the index itself


def test_gunicorn_workers_start_reading_the_index_as_they_boot(monkeypatch, settings):
    import importlib.util
    from pathlib import Path

    spec = importlib.util.spec_from_file_location("gunicorn_conf", Path(__file__).parents[3] / "gunicorn.conf.py")
    conf = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(conf)
    started = []
    monkeypatch.setattr(cache, "build_in_background", lambda: started.append(True))
    settings.CAPDEV_FACET_INDEX_BACKGROUND = True
    conf.post_worker_init(worker=None)
    assert started == [True]
    settings.CAPDEV_FACET_INDEX = False
    conf.post_worker_init(worker=None)
    assert started == [True]


def test_ranks_asked_for_again_are_not_ranked_again(synthetic, db, monkeypatch):
    """The next page or another facet of the same search ranks only the matches not ranked before, and the
    ranks are those ranking them all at once gives."""
    import numpy as np

    index = build()
    ids, _ranks = fulltext.search_matches(index, "government", "default", ranked=False)
    ids = np.sort(ids)
    assert ids.size > 20
    fresh = fulltext.ranks_among(build(), "government", "default", ids)
    asked = []
    real = fulltext._ranked
    monkeypatch.setattr(fulltext, "_ranked", lambda q, using, vendor, pks, lexemes=None: asked.append(list(pks))
                        or real(q, using, vendor, pks, lexemes))
    first = fulltext.ranks_among(index, "government", "default", ids[:10])
    again = fulltext.ranks_among(index, "government", "default", ids[:10])
    more = fulltext.ranks_among(index, "government", "default", ids[5:20])
    assert asked == [ids[:10].tolist(), ids[10:20].tolist()]
    np.testing.assert_array_equal(first, fresh[:10])
    np.testing.assert_array_equal(again, fresh[:10])
    np.testing.assert_array_equal(more, fresh[5:20])
