"""The order of a document's numeric dates: day first ("7/1/2026" is 7 January) unless the document shows that it
writes the month first, as US-made exports and reports do ("Implementation Start 7/1/2026", "Run date: 11/30/2026").

The document shows it by saying so ("dates shown M/D/YYYY", "MM/DD/YYYY") or by its own dates: some slash date
is possible only month first (11/30/2026) and none only day first (30/11/2026). The order is decided once per
document from its first part and holds while its records are read (a context variable, set and reset around each
step of the reading, so that it never reaches another document read in the same thread; the readers' kept results
are keyed by it too: text_cache.MONTH_FIRST)."""
from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TypeVar

from capdev.narrative.text_cache import MONTH_FIRST as _MONTH_FIRST

T = TypeVar("T")

_STATED = re.compile(r"(?<![\w/])(?:M{1,2}/D{1,2}/(?:Y{2}|Y{4})|mm/dd/(?:yy|yyyy)|MM-DD-YYYY)(?![\w/])")
_SLASH_DATE = re.compile(r"(?<![\w./-])(\d{1,2})/(\d{1,2})/((?:19|20)\d\d)(?![\w/])")
HEAD_CHARS = 60_000  # the part of a document its order is read from


def month_first() -> bool:
    """Does the document being read write its slash dates month first?"""
    return _MONTH_FIRST.get()


def writes_month_first(head: str) -> bool:
    """Does this first part of a document say, or show by its dates, that it writes the month first?"""
    head = head[:HEAD_CHARS]
    if _STATED.search(head):
        return True
    us = other = 0
    for m in _SLASH_DATE.finditer(head):
        a, b = int(m.group(1)), int(m.group(2))
        us += a <= 12 < b <= 31
        other += b <= 12 < a <= 31
    return us > 0 and other == 0


def within(steps: Iterator[T], first_month: bool) -> Iterator[T]:
    """The items of steps, each read with the document's order set (and reset before the item is handed on)."""
    if not first_month:
        yield from steps
        return
    while True:
        token = _MONTH_FIRST.set(True)
        try:
            item = next(steps, _END)
        finally:
            _MONTH_FIRST.reset(token)
        if item is _END:
            return
        yield item


_END = object()
