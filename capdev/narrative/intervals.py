"""Which of many spans a position or a span falls in, in O(log n) per question.

Scanning every mention of a long text against every other mention, quote or organisation costs the square of
the text's length; the value parsers ask here instead.
"""
from __future__ import annotations

import bisect
from collections.abc import Iterable


class Intervals:
    """Spans [start, end), in any order and possibly overlapping, asked whether a span overlaps one of them."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        pairs = sorted(spans)
        self.starts = [a for a, _ in pairs]
        # reach[i]: the furthest end among the first i + 1 spans (by start), so that one look answers for all.
        self.reach: list[int] = []
        furthest = None
        for _, b in pairs:
            furthest = b if furthest is None or b > furthest else furthest
            self.reach.append(furthest)

    def overlaps(self, start: int, end: int) -> bool:
        """Does some span share a character with [start, end)?"""
        i = bisect.bisect_left(self.starts, end) - 1  # the spans that begin before this one ends
        return i >= 0 and self.reach[i] > start

    def holds(self, pos: int) -> bool:
        """Does some span hold position pos (start <= pos < end)?"""
        return self.overlaps(pos, pos + 1)

    def holds_inside(self, pos: int) -> bool:
        """Does some span hold pos strictly inside (start < pos < end)?"""
        i = bisect.bisect_left(self.starts, pos) - 1  # the spans that begin before pos
        return i >= 0 and self.reach[i] > pos
