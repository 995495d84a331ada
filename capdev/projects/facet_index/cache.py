"""This process's index of each database: kept, brought up to date when the portfolio changed, read anew in a
background thread where a whole read is needed, and the lexemes read beside it (PostgreSQL).

`get_index(using)` is the way in: it reads the portfolio's version (one small query), and answers the index
it holds when current; else it catches up project by project (refresh), or reads the whole portfolio again
(build), in the request or in a thread (CAPDEV_FACET_INDEX_BACKGROUND), as its docstring tells.
"""
from __future__ import annotations

import gc
import logging
import threading
import time

from django.conf import settings
from django.db import connections

from capdev.core import http_cache
from capdev.core.memory import release_freed_memory
from capdev.projects import index_version

from . import lexemes as lexeme_index
from .build import ReadWhole, build
from .columns import STATE_LOCK, NotReady, PortfolioIndex
from .refresh import changed_projects, refresh

logger = logging.getLogger(__name__)


def _lexemes_caught_up(lexemes, changed: set[int], token: str, changes: dict, using: str):
    """The index's lexemes with the changed projects' documents read again; None when there were none, or
    when too many documents were re-read since they were read whole (then they are read whole again: in
    the background, or here when the index is not read in the background)."""
    if lexemes is None:
        return None
    updated = lexeme_index.caught_up(lexemes, changed, token, changes, using)
    if updated is None:
        if not settings.CAPDEV_FACET_INDEX_BACKGROUND:
            return lexeme_index.read_or_none(using, token, changes)
        _read_lexemes_in_background(using)
    return updated



_CACHE: dict[str, PortfolioIndex] = {}
_LOCK = threading.Lock()  # held while building: one build at a time, and waiting requests use its result
_BUILDERS: dict[str, threading.Thread] = {}
_SEEN: dict[str, str] = {}  # the version this process read last, per database


def get_index(using: str = "default", *, wait: bool = True) -> PortfolioIndex:
    """This process's index of the database, brought up to date when the portfolio changed since it was read.

    A change of a few projects is read for those projects alone (milliseconds, whoever asks). A change that
    needs the whole portfolio read again (reference data, a bulk import) runs in a background thread when
    CAPDEV_FACET_INDEX_BACKGROUND is on: public requests (wait=False) keep the index as it was meanwhile;
    staff, who may have just made the change, wait for the new one, but no longer than
    CAPDEV_FACET_INDEX_WAIT seconds (half a minute at a million projects would time the request out), after
    which they too get the index as it was. `is_current` tells a page to say so.
    """
    token = index_version.current(using)
    _SEEN[using] = token
    index = _CACHE.get(using)
    if index is not None and index.token == token:
        return index
    if index is None and settings.CAPDEV_FACET_INDEX_BACKGROUND and _building(using):
        # A process's first index, read by a thread since it started (gunicorn.conf.py): half a minute at a
        # million projects, past the worker timeout if a request waited for all of it. Wait a while, then
        # let SQL answer.
        _BUILDERS[using].join(settings.CAPDEV_FACET_INDEX_WAIT)
        index = _CACHE.get(using)
        if index is None:
            raise NotReady("the index is still being read")
    if index is None or not settings.CAPDEV_FACET_INDEX_BACKGROUND:
        with _LOCK:  # one thread reads; the others wait and use its index
            return _refresh(using)
    deadline = time.monotonic() + (settings.CAPDEV_FACET_INDEX_WAIT if wait else 0)
    # Never queue behind a whole rebuild longer than the request may wait.
    if _LOCK.acquire(timeout=max(deadline - time.monotonic(), 0)) if wait else _LOCK.acquire(blocking=False):
        try:
            updated = _catch_up(using)
        finally:
            _LOCK.release()
        if updated is not None:
            return updated
    builder = build_in_background(using)
    if wait:
        builder.join(max(deadline - time.monotonic(), 0))
    answer = _CACHE.get(using, index)
    if answer.token != token:
        http_cache.incomplete("the facet index is being read again")  # no page built on it is kept
    return answer


def is_current(index: PortfolioIndex, using: str = "default") -> bool:
    """Whether this index holds the portfolio as of the version this process read last (a request that was
    given the index as it was, while a rebuild runs, shows a notice)."""
    return index.token == _SEEN.get(using, index.token)


def _catch_up(using: str) -> PortfolioIndex | None:
    """The cached index, current or brought up to date project by project; None when it must be read whole
    (the caller holds _LOCK)."""
    index = _CACHE.get(using)
    if index is None:
        return None
    token = index_version.current(using)
    if index.token == token:
        return index
    seen = index_version.changes(using)
    try:
        changed = changed_projects(index, seen)
        lexemes = _lexemes_caught_up(index.lexemes, changed, token, {pk: t for pk, (t, _p) in seen.items()}, using)
        updated = refresh(index, changed, token, seen, using, lexemes=lexemes)
    except ReadWhole as why:
        logger.info("facet index: reading the whole portfolio again (%s)", why)
        return None
    _CACHE[using] = updated
    return updated


def _refresh(using: str) -> PortfolioIndex:
    """The cached index if it is current, else brought up to date, else a new one (the caller holds _LOCK)."""
    index = _catch_up(using)
    if index is None:
        index = build(using)
        _CACHE[using] = index
        release_freed_memory()  # the build's transient columns (hundreds of MB at a million projects)
        _freeze_heap_once()
        if index.lexemes is None and lexeme_index.wanted(using):
            _read_lexemes_in_background(using)
    return index


_FROZEN = []


def _freeze_heap_once() -> None:
    """After this process's first index: move every object alive now out of the cyclic collector's reach.

    Why: a full collection walks every tracked object, the framework's own included (modules, templates,
    URL patterns); at 100,000 projects it paused list requests noticeably (docs/performance.md), and its turn
    comes every
    few hundred requests. Frozen objects are still freed by reference counting; garbage collected first.
    """
    if not _FROZEN:
        _FROZEN.append(True)
        gc.collect()
        gc.freeze()


def _building(using: str) -> bool:
    builder = _BUILDERS.get(using)
    return builder is not None and builder.is_alive()


def _in_background(threads: dict[str, threading.Thread], using: str, name: str, work, failure: str
                   ) -> threading.Thread:
    """The thread doing `work` for this database: the one already at it, or one started now. Its own
    connections are closed when it ends; a failure is logged (the next request or build tries again)."""
    with STATE_LOCK:
        running = threads.get(using)
        if running is not None and running.is_alive():
            return running

        def run() -> None:
            try:
                work()
            except Exception:  # noqa: BLE001 - the index (or the database) keeps answering meanwhile
                logger.exception(failure)
            finally:
                connections.close_all()

        thread = threading.Thread(target=run, name=f"{name}-{using}", daemon=True)
        threads[using] = thread
        thread.start()
        return thread


def build_in_background(using: str = "default") -> threading.Thread:
    """The thread reading this process's index anew: the one already at it, or one started now (a server's
    worker starts one as it boots, so that no request waits for the whole read)."""
    def rebuild() -> None:
        with _LOCK:
            _refresh(using)

    return _in_background(_BUILDERS, using, "capdev-facet-index", rebuild, "rebuilding the facet index failed")


_LEXEME_READERS: dict[str, threading.Thread] = {}


def _read_lexemes_in_background(using: str) -> threading.Thread:
    """The thread reading the lexemes whole (the one already at it, or one started now); it gives them to
    the index current when it is done, caught up with the changes made while it read."""
    def read_and_give() -> None:
        token = index_version.current(using)  # the version first, as build() reads it
        seen = index_version.changes(using)
        lexemes = lexeme_index.read_or_none(using, token, {pk: t for pk, (t, _p) in seen.items()})
        if lexemes is None:
            return
        with _LOCK:
            index = _CACHE.get(using)
            if index is None:
                return
            now = index_version.changes(using)
            try:
                changed = changed_projects(lexemes, now) if lexemes.token != index.token else set()
            except ReadWhole as why:  # the next whole build of the index reads them again
                logger.info("lexemes: changes while reading cannot be caught up (%s)", why)
                return
            lexemes = lexeme_index.caught_up(lexemes, changed, index_version.current(using),
                                             {pk: t for pk, (t, _p) in now.items()}, using)
            if lexemes is not None:  # in place: requests holding this index may use them at once
                index.lexemes = lexemes

    return _in_background(_LEXEME_READERS, using, "capdev-lexemes", read_and_give,
                          "reading the lexemes failed (searches keep going to the database)")


def wait_for_lexemes(using: str = "default", timeout: float | None = None) -> bool:
    """Wait for a background read of the lexemes, if one runs; whether the index now holds them."""
    reader = _LEXEME_READERS.get(using)
    if reader is not None:
        reader.join(timeout)
    index = _CACHE.get(using)
    return index is not None and index.lexemes is not None


def clear() -> None:
    """Forget every process-level index (tests)."""
    with _LOCK:
        _CACHE.clear()


