"""Full-text search on the index: the ids a query matches, and their ranks for the relevance order.

On SQLite one FTS5 query returns the matching ids (with bm25 ranks when asked); on PostgreSQL the lexemes
the index holds (lexemes.py) answer common words, else the database lists the matches. The results of the
last searches are kept on the index (a visitor changing a facet or a page repeats the search), and ranks are
computed only for the matches the other filters leave (`ranks_among`).
"""
from __future__ import annotations

import logging

import numpy as np
from django.db import connections

from capdev.projects.search import (
    DOC_TABLE,
    FTS5_WEIGHTS,
    FTS_TABLE,
    PG_CONFIG,
    PG_TSQUERY,
    clean_query,
    fts5_query,
    has_terms,
)

from . import lexemes as lexeme_index
from . import tsquery
from .columns import STATE_LOCK, PortfolioIndex, Unsupported
from .lexemes import Lexemes

logger = logging.getLogger(__name__)
SEARCHES_KEPT = 64


def _search_sql(q: str, using: str, *, ranked: bool) -> tuple[str, list] | None:
    """SQL selecting (id[, rank]) of the documents matching q."""
    vendor = connections[using].vendor
    if vendor == "sqlite":
        match = fts5_query(q)
        if match is None:
            return None
        weights = ", ".join(str(w) for w in FTS5_WEIGHTS)
        rank = f", -bm25({FTS_TABLE}, {weights})" if ranked else ""
        return f"SELECT rowid{rank} FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", [match]
    if vendor == "postgresql":
        tsq = PG_TSQUERY
        rank = f", ts_rank_cd(vector, {tsq})" if ranked else ""
        params = [PG_CONFIG, q, PG_CONFIG, q] if ranked else [PG_CONFIG, q]
        return f"SELECT project_id{rank} FROM {DOC_TABLE} WHERE vector @@ {tsq}", params
    raise Unsupported(vendor)


def search_matches(index: PortfolioIndex, q: str, using: str, *, ranked: bool
                   ) -> tuple[np.ndarray, np.ndarray | None] | None:
    """The ids of the projects matching a web-search style query, with their rank (higher is better, as
    search_annotations' `rank`) when asked; None when the query looks for nothing (then it filters nothing,
    as search_filter reads it).

    Ranking is one pass over every match: FTS5 ranks a document asked for by rowid no faster than it ranks
    all of them (measured: 3.5 ms a row at 100,000 projects). Results are kept on the index for the
    queries asked last (most requests repeat the search and change a facet or the page).
    """
    q = clean_query(q)
    if not has_terms(q):
        return None
    key = (q, ranked)
    cached = index.searches.get(key) or (index.searches.get((q, True)) if not ranked else None)
    if cached is not None:
        with STATE_LOCK:
            if (hit := key if key in index.searches else (q, True)) in index.searches:
                index.searches.move_to_end(hit)
        return cached[0], cached[1] if ranked else None
    if not ranked and index.lexemes is not None:
        try:
            ids = lexeme_index.matches(index.lexemes, q, using)
        except tsquery.Unsupported as why:
            logger.debug("search %r left to the database: %s", q, why)
        else:
            _keep_search(index, key, (ids, None))
            return ids, None
    found = _search_sql(q, using, ranked=ranked)
    if found is None:
        return None
    with connections[using].cursor() as cursor:
        if ranked:
            cursor.execute(*found)
            rows = cursor.fetchall()
            ids = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
            ranks = np.fromiter((r[1] for r in rows), dtype=np.float64, count=len(rows))
        else:
            # The ids as one value (a list of tens of thousands of row tuples is slower, and garbage).
            sql, params = found
            vendor = connections[using].vendor
            aggregate = "group_concat(rowid)" if vendor == "sqlite" else "array_agg(project_id)"
            cursor.execute(f"SELECT {aggregate} FROM ({sql}) matches", params)
            value = cursor.fetchone()[0]
            if isinstance(value, str):  # numpy's own parser: a sixth of split() and array() (100,000 ids)
                ids = np.fromstring(value, dtype=np.int64, sep=",")
            else:
                ids = np.array(value or [], dtype=np.int64)
            ranks = None
    _keep_search(index, key, (ids, ranks))
    return ids, ranks


def _keep_search(index: PortfolioIndex, key: tuple, value) -> None:
    with STATE_LOCK:
        index.searches[key] = value
        while len(index.searches) > SEARCHES_KEPT:
            index.searches.popitem(last=False)


RANK_AMONG = 20_000  # up to this many matches left by the filters, rank just those; more, rank every match
RANK_TABLE = "capdev_rank_ids"  # SQLite: a temporary table (one per connection) of the rows to rank


def ranks_among(index: PortfolioIndex, q: str, using: str, pks: np.ndarray) -> np.ndarray:
    """The rank of each of these matching projects for q, as search_annotations' `rank`.

    Ranking costs per document ranked, so only these are: PostgreSQL reads them by primary key; FTS5 ranks
    a document asked for by rowid slowly (3.5 ms each at 100,000 projects), so on SQLite the matches are
    walked once and joined to a temporary table of these ids, and bm25 runs for the joined rows only.
    """
    q = clean_query(q)
    vendor = connections[using].vendor
    if pks.size <= RANK_AMONG and vendor in ("postgresql", "sqlite"):
        # Ranks asked for before, with this query, on this index: the next page, or another facet, reads
        # just the matches not ranked yet (ranking 4,600 documents costs 40-50 ms at a million projects).
        known = index.searches.get((q, "ranks"))
        if known is None:
            known = {}
            _keep_search(index, (q, "ranks"), known)
        wanted = pks.tolist()
        todo = [pk for pk in wanted if pk not in known]
        found = _ranked(q, using, vendor, todo, index.lexemes) if todo else {}
        with STATE_LOCK:
            if len(known) + len(found) <= RANKS_KEPT:
                known.update(found)
        return np.fromiter((found[pk] if pk in found else known[pk] for pk in wanted),
                           dtype=np.float64, count=pks.size)
    ids, ranks = search_matches(index, q, using, ranked=True)
    rows, held = index.locate(ids)
    by_row = np.full(index.n, np.nan)
    by_row[rows[held]] = ranks[held]
    found_rows, _found = index.locate(pks)
    return by_row[found_rows]


RANKS_KEPT = 4 * RANK_AMONG  # ranks kept per query, at most


def _ranked(q: str, using: str, vendor: str, pks: list[int], lexemes: Lexemes | None = None
            ) -> dict[int, float]:
    """The rank of each of these projects for q (NaN for one that does not match)."""
    if vendor == "postgresql":
        found = lexeme_index.ranked(lexemes, q, pks, using)
        return {pk: found.get(pk, np.nan) for pk in pks}
    # SQLite: bm25 for just these rows, joined to a temporary table of their ids.
    with connections[using].cursor() as cursor:
        match = fts5_query(q)
        weights = ", ".join(str(w) for w in FTS5_WEIGHTS)
        cursor.execute(f"CREATE TEMP TABLE IF NOT EXISTS {RANK_TABLE} (id INTEGER PRIMARY KEY)")
        cursor.execute(f"DELETE FROM {RANK_TABLE}")
        cursor.executemany(f"INSERT INTO {RANK_TABLE} (id) VALUES (%s)", [(pk,) for pk in pks])
        # CROSS JOIN keeps FTS5 as the outer loop (the other order asks FTS5 for each rowid).
        cursor.execute(f"SELECT f.rowid, -bm25({FTS_TABLE}, {weights}) FROM {FTS_TABLE} f "
                       f"CROSS JOIN {RANK_TABLE} k WHERE {FTS_TABLE} MATCH %s AND k.id = f.rowid", [match])
        found = dict(cursor.fetchall())
        cursor.execute(f"DELETE FROM {RANK_TABLE}")
    return {pk: found.get(pk, np.nan) for pk in pks}

