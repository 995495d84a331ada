"""Links: the (project row, value) pairs of the facet index, held by row and by value, against plain sets."""
from __future__ import annotations

import numpy as np
import pytest

from capdev.projects.facet_index.columns import Links


def random_pairs(rng: np.random.Generator, n: int, size: int, per_row: int = 4) -> set[tuple[int, int]]:
    """Distinct pairs: each row holds 0..per_row values below size."""
    return {(r, int(v)) for r in range(n) for v in rng.choice(size, rng.integers(0, per_row + 1), replace=False)}


def links_of(pairs: set[tuple[int, int]], n: int, size: int) -> Links:
    """Links built from a set of pairs, handed over shuffled (the database returns them in any order)."""
    listed = sorted(pairs)
    np.random.default_rng(0).shuffle(listed)
    rows = np.array([r for r, _v in listed], dtype=np.int32)
    vals = np.array([v for _r, v in listed], dtype=np.int32)
    return Links.from_pairs(rows, vals, n, size)


def held(links: Links) -> tuple[set, set]:
    """The pairs as the by-row half holds them, and as the by-value half does."""
    rows, vals = links.pairs()
    by_value = np.repeat(np.arange(links.size), np.diff(links.value_starts))
    return set(zip(rows.tolist(), vals.tolist())), set(zip(links.by_value.tolist(), by_value.tolist()))


@pytest.mark.parametrize("seed", range(5))
def test_select_count_and_any_of_equal_plain_sets(seed):
    rng = np.random.default_rng(seed)
    n, size = 300, 12
    pairs = random_pairs(rng, n, size)
    links = links_of(pairs, n, size)
    assert held(links) == (pairs, pairs)
    # A sparse mask (a few rows: read row by row) and a dense one (a pass over every pair).
    for share in (0.02, 0.1, 0.5, 1.0):
        mask = rng.random(n) < share
        rows, vals = links.select(mask)
        want = {(r, v) for r, v in pairs if mask[r]}
        assert set(zip(rows.tolist(), vals.tolist())) == want and len(rows) == len(want)
        assert np.all(np.diff(rows) >= 0)  # row order
        counts = links.count(mask)
        assert counts.tolist() == [sum(1 for _r, v in want if v == k) for k in range(size)]
    wanted = {int(c) for c in rng.choice(size, 3, replace=False)}
    assert set(np.flatnonzero(links.any_of(wanted | {size + 5, -1}, n)).tolist()) == {
        r for r, v in pairs if v in wanted}


@pytest.mark.parametrize("seed", range(8))
def test_refreshed_equals_links_built_from_the_new_pairs(seed):
    """Rows dropped, the others renumbered, re-read rows added between them, a new value code: the result
    holds, both ways round, exactly the pairs built from scratch would."""
    rng = np.random.default_rng(100 + seed)
    n, size = 200, 10
    pairs = random_pairs(rng, n, size)
    old = links_of(pairs, n, size)
    keep = rng.random(n) > 0.1
    if seed % 2:  # some projects gone, some new: the added rows placed at random among the kept ones
        added = int(rng.integers(0, 15))
        n_new = int(keep.sum()) + added
        new_positions = np.sort(rng.choice(n_new, added, replace=False))
    else:  # edits: the same projects read again, each at its own row (no row moves)
        added, n_new = int((~keep).sum()), n
        new_positions = np.flatnonzero(~keep)
    kept_positions = np.setdiff1d(np.arange(n_new), new_positions)
    old_to_new = np.full(n, -1, dtype=np.int64)
    old_to_new[keep] = kept_positions
    new_size = size + 2
    fresh = random_pairs(rng, added, new_size)
    fresh = {(int(new_positions[r]), v) for r, v in fresh}
    rows = np.array([r for r, _v in fresh], dtype=np.int32)
    vals = np.array([v for _r, v in fresh], dtype=np.int32)
    got = old.refreshed(keep, old_to_new, n_new, rows, vals, new_size)
    want = {(int(old_to_new[r]), v) for r, v in pairs if keep[r]} | fresh
    assert got.n == n_new and got.size == new_size
    assert held(got) == (want, want)
    built = links_of(want, n_new, new_size)
    for name in ("starts", "vals", "by_value", "value_starts"):  # array for array, orders included
        np.testing.assert_array_equal(getattr(got, name), getattr(built, name), err_msg=name)


def test_no_pairs():
    links = Links.from_pairs(np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.int32), 3, 4)
    assert links.count(np.ones(3, dtype=bool)).tolist() == [0, 0, 0, 0]
    assert not links.any_of([1], 3).any()
    assert [a.size for a in links.select(np.zeros(3, dtype=bool))] == [0, 0]
