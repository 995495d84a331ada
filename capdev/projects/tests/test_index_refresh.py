"""After an edit the in-memory index reads just the edited projects again, and ends up exactly as an index
built from scratch would be: every column, every link pair, both title orders, and the list SQL gives."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import numpy as np
import pytest
from django.db import transaction

from capdev.activities.models import Activity, ActivityType
from capdev.organisations.models import Organisation
from capdev.projects import index_version
from capdev.projects.facet_index import build, cache, columns, query, refresh
from capdev.projects.filtersets import SORTS, ProjectFilterSet
from capdev.projects.models import (
    Budget,
    IndexChange,
    Project,
    ProjectCountry,
    ProjectPartner,
    ProjectSdgGoal,
    ReviewState,
)
from capdev.reference.models import Country

COLUMNS = ("pk", "review", "unit", "funding", "start", "end", "start_year", "override", "band", "budget",
           "title_order", "title_lower_order")


def _published(synthetic, k: int) -> list[Project]:
    return list(Project.objects.filter(code__startswith="SYN").exclude(pk__in=synthetic).order_by("pk")[:k])


def _rename(synthetic):
    # Two titles that fall between the same two neighbours (their own order decides), one that the
    # case-blind order puts elsewhere than the binary one, and one moved to the end.
    a, b, c, d = _published(synthetic, 4)
    for project, title in ((a, "Aardvark governance b"), (b, "Aardvark governance a"), (c, "aardvark lower case"),
                           (d, "Zzz last of all")):
        project.title = title
        project.save()


def _publish(synthetic):
    project = Project.objects.get(pk=synthetic[3])
    project.review_state = ReviewState.PUBLISHED
    project.save()


def _unpublish(synthetic):
    (project,) = _published(synthetic, 1)
    project.review_state = ReviewState.DRAFT
    project.save()


def _dates(synthetic):
    (project,) = _published(synthetic, 1)
    project.start_date, project.end_date = dt.date(2031, 1, 1), dt.date(2032, 6, 30)  # now planned
    project.save()


def _country_link(synthetic):
    (project,) = _published(synthetic, 1)
    ProjectCountry.objects.create(project=project, country=Country.objects.exclude(projects=project).first())
    ProjectCountry.objects.filter(project=project).first().delete()


def _countries_set(synthetic):
    (project,) = _published(synthetic, 1)
    project.countries.set(Country.objects.filter(iso3__in=["LCA", "NPL"]))  # m2m_changed, not post_save


def _countries_from_the_other_side(synthetic):
    first, second = _published(synthetic, 2)
    Country.objects.get(iso3="HTI").projects.add(first, second)  # the projects come as pk_set


def _budget(synthetic):
    (project,) = _published(synthetic, 1)
    line = Budget.objects.filter(project=project, kind=Budget.Kind.TOTAL).first()
    line.amount = Decimal("7500000.00")  # into the top band
    line.save()


def _activity_moved(synthetic):
    source, target = _published(synthetic, 2)
    activity = Activity.objects.filter(project=source).first() or Activity.objects.create(
        project=source, type=ActivityType.WEBINAR, title="moved webinar")
    Activity.objects.filter(project=target).delete()
    activity.project = target  # the project it left changes too
    activity.save()


def _activity_created_then_moved(synthetic):
    source, target = _published(synthetic, 2)
    Activity.objects.filter(project__in=[source, target]).delete()
    activity = Activity.objects.create(project=source, type=ActivityType.WEBINAR, title="moved at once")
    cache.get_index()  # takes the new webinar in under the source project
    activity.project = target  # never read from the database: the save that created it tells where it was
    activity.save()


def _partner_and_goal(synthetic):
    (project,) = _published(synthetic, 1)
    ProjectPartner.objects.create(project=project, organisation=Organisation.objects.exclude(projects=project).first())
    ProjectSdgGoal.objects.filter(project=project).delete()


def _new_project(synthetic):
    project = Project.objects.create(title="A brand new project", review_state=ReviewState.PUBLISHED,
                                     start_date=dt.date(2020, 1, 1))
    project.countries.add(Country.objects.get(iso3="KEN"))
    Budget.objects.create(project=project, amount=Decimal("250000"), currency_id="USD")


def _deleted(synthetic):
    _published(synthetic, 1)[0].delete()
    Project.objects.get(pk=synthetic[4]).delete()


EDITS = {f.__name__.strip("_"): f for f in (
    _rename, _publish, _unpublish, _dates, _country_link, _countries_set, _countries_from_the_other_side, _budget,
    _activity_moved, _activity_created_then_moved, _partner_and_goal, _new_project, _deleted)}


def pairs_by_value(links: columns.Links) -> tuple[np.ndarray, np.ndarray]:
    """(rows, values) of the pairs as the by-value half of the links holds them."""
    vals = np.repeat(np.arange(links.size), np.diff(links.value_starts))
    return links.by_value, vals


def assert_same(got: columns.PortfolioIndex, want: columns.PortfolioIndex) -> None:
    """Two indexes hold the same projects, columns, link pairs (duplicates counted) and orders."""
    for name in COLUMNS:
        np.testing.assert_array_equal(getattr(got, name), getattr(want, name), err_msg=name)
    assert got.links.keys() == want.links.keys()
    for name, links in want.links.items():
        mine = got.links[name]
        assert mine.size == links.size, name
        width = links.size + 1
        want_rows, want_vals = links.pairs()
        expected = np.sort(want.pk[want_rows] * width + want_vals)
        # Both ways round: the pairs by row, and by value (where a filter reads them).
        for rows, vals in (mine.pairs(), pairs_by_value(mine)):
            np.testing.assert_array_equal(np.sort(got.pk[rows] * width + vals), expected, err_msg=name)
    for part, fields in (("money", ("cur", "cents")), ("activities", columns.ActivityYears.FIELDS)):
        mine, theirs = getattr(got, part), getattr(want, part)
        assert sorted(zip(got.pk[mine.rows].tolist(), *(getattr(mine, f).tolist() for f in fields))) == sorted(
            zip(want.pk[theirs.rows].tolist(), *(getattr(theirs, f).tolist() for f in fields))), part


@pytest.fixture
def whole_reads(monkeypatch):
    """Counts the times the whole portfolio is read (build.build), and keeps the real build callable."""
    class Calls(list):
        real = staticmethod(build.build)

    calls = Calls()
    real = build.build

    def counted(using="default"):
        calls.append(using)
        return real(using)

    monkeypatch.setattr(cache, "build", counted)
    return calls


def _assert_lists_as_sql(index, staff: bool = True) -> None:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import AnonymousUser
    from django.test import RequestFactory

    request = RequestFactory().get("/projects/")
    request.user = get_user_model()(username="s", is_staff=True, is_active=True) if staff else AnonymousUser()
    for sort in SORTS:
        fs = ProjectFilterSet({"sort": sort}, request=request)
        got = query.IndexQuery(index, fs).ordered_pks(fs.sort_key).tolist()
        assert got == list(fs.qs.values_list("pk", flat=True)), sort


@pytest.mark.parametrize("edit", EDITS)
def test_an_edit_is_taken_in_by_reading_those_projects_alone(synthetic, db, edit, whole_reads):
    before = cache.get_index()
    whole_reads.clear()
    EDITS[edit](synthetic)
    after = cache.get_index()
    assert whole_reads == []  # caught up project by project
    assert after is not before and after.token == index_version.current()
    assert_same(after, whole_reads.real())
    _assert_lists_as_sql(after, staff=True)
    _assert_lists_as_sql(after, staff=False)


def test_a_public_request_is_caught_up_at_once_too(synthetic, db, settings, whole_reads):
    settings.CAPDEV_FACET_INDEX_BACKGROUND = True
    before = cache.get_index()
    whole_reads.clear()
    _rename(synthetic)
    after = cache.get_index(wait=False)  # not the old index while a thread rebuilds: caught up now
    assert after is not before and after.token == index_version.current() and whole_reads == []
    assert_same(after, whole_reads.real())


def test_a_change_of_reference_data_reads_the_whole_portfolio(synthetic, db, whole_reads):
    cache.get_index()
    whole_reads.clear()
    country = Country.objects.get(iso3="KEN")
    country.name = "Kenya (renamed)"
    country.save()
    index = cache.get_index()
    assert whole_reads == ["default"]
    assert "Kenya (renamed)" in [c["name"] for c in index.labels["country"]]


def test_a_change_committed_after_a_later_one_is_taken_in(synthetic, db, whole_reads):
    # Ids are taken when a row is written and become visible at commit: a row with a lower id than the newest
    # the index saw can still appear. Leave a gap, read the index, then fill the gap as a late commit would.
    newest = IndexChange.objects.order_by("-id").first().pk
    IndexChange.objects.create(id=newest + 10, token="after-a-gap", project_id=None)
    cache.get_index()
    whole_reads.clear()
    (project,) = _published(synthetic, 1)
    Project.objects.filter(pk=project.pk).update(title="Aaa committed late")  # no signal: the row comes below
    IndexChange.objects.create(id=newest + 5, token="late", project_id=project.pk)
    index = cache.get_index()
    assert whole_reads == []
    assert_same(index, whole_reads.real())


def test_an_edit_rolled_back_after_the_index_took_it_in_is_undone(synthetic, db, whole_reads):
    (project,) = _published(synthetic, 1)
    before = cache.get_index()
    whole_reads.clear()
    with pytest.raises(RuntimeError), transaction.atomic():
        project.title = "Aaa never committed"
        project.save()
        inside = cache.get_index()  # took the uncommitted title in
        assert inside is not before and whole_reads == []
        raise RuntimeError("roll back")
    after = cache.get_index()
    assert whole_reads == ["default"]  # a row it had seen is gone: read whole, not trusted
    assert_same(after, whole_reads.real())
    assert after.token == before.token


def test_a_prune_or_a_flush_means_reading_whole(synthetic, db):
    index = cache.get_index()
    now = index_version.changes()
    newest = max(now)
    late = dict(now)
    late[newest + 1] = ("t", 1)
    assert refresh.changed_projects(index, late) == {1}
    pruned = dict(now)
    pruned[index_version.PRUNE_EVERY * (newest // index_version.PRUNE_EVERY + 1)] = ("t", 1)
    with pytest.raises(build.ReadWhole):
        refresh.changed_projects(index, pruned)
    with pytest.raises(build.ReadWhole):
        refresh.changed_projects(index, {1: ("after-a-flush", 1)})


def test_merged_order_is_the_order_of_all_positions_sorted():
    rng = np.random.default_rng(7)
    for _ in range(200):
        n = int(rng.integers(1, 60))
        old = rng.permutation(n)
        keep = rng.random(n) < 0.8
        m = int(rng.integers(0, 6))
        fresh = rng.integers(-1, n, m) + rng.random(m) * 0.98 + 0.01  # between two whole positions
        fresh = np.unique(fresh)
        got = refresh.merged_order(old, keep, fresh)
        positions = np.concatenate([old[keep].astype(float), fresh])
        want = np.empty(positions.size, dtype=np.int64)
        want[np.argsort(positions)] = np.arange(positions.size)
        np.testing.assert_array_equal(got, want)
