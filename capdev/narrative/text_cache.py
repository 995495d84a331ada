"""Results of the parser's pure readers kept per text: a record's text, its sections and its lines are read by
several readers, each asking the same question of the same text (which countries, which dates, which amounts) two
or three times. Each reader keeps the results of the texts it read last, up to a number of characters of text, so
that memory stays bounded whatever the file and a long text is kept as a short one is (the work stays linear in
the input). Callers never mutate what they are given: the readers return tuples or objects no one changes."""
from __future__ import annotations

import contextvars
import functools
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")

_KEPT: list[_Kept] = []
# A document's reading option that changes what a reader returns for the same text (its slash dates read month
# first: values.date_order). Part of every kept result's key, so that documents read in other orders, in this
# thread or another, never share a result.
MONTH_FIRST: contextvars.ContextVar[bool] = contextvars.ContextVar("month_first", default=False)


class _Kept(Generic[T]):
    """fn with the results of the most recent texts kept, `budget` characters of them at most."""

    def __init__(self, fn: Callable[[str], T], budget: int) -> None:
        self._fn = fn
        self._budget = budget
        self._items: OrderedDict[str, T] = OrderedDict()
        self._held = 0
        self._lock = threading.Lock()  # the web import's worker parses in threads

    def __call__(self, text: str) -> T:
        if not isinstance(text, str) or len(text) > self._budget // 4:
            return self._fn(text)
        key = ("month first", text) if MONTH_FIRST.get() else text
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        value = self._fn(text)
        with self._lock:
            if key not in self._items:
                self._items[key] = value
                self._held += len(text)
                while self._held > self._budget:
                    old, _ = self._items.popitem(last=False)
                    self._held -= len(old if isinstance(old, str) else old[1])
        return value

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._held = 0


def per_text(budget: int = 1_000_000) -> Callable[[Callable[[str], T]], Callable[[str], T]]:
    """Keep fn(text)'s results for the texts read last, `budget` characters of them at most."""

    def wrap(fn: Callable[[str], T]) -> Callable[[str], T]:
        kept = _Kept(fn, budget)
        _KEPT.append(kept)
        return functools.wraps(fn)(kept)

    return wrap


def clear() -> None:
    """Forget every kept result (a test that counts the work of a parse starts from none)."""
    for kept in _KEPT:
        kept.clear()
