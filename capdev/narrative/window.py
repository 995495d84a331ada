"""The lines the segmenter is reading: taken from the layout step as the walk or a look-ahead reaches them, and let
go once no record still to be handed on holds them. What the walk looks ahead for (the next label, the next line
that is not blank, the next title line) is found once per line and remembered, so that the segmenter's work stays
linear in its input however often it asks.
"""
from __future__ import annotations

import bisect
from collections.abc import Callable, Iterator

from .errors import LimitExceeded
from .lines import Line, too_long


class Window:
    """Laid-out lines (pieces of lines included) by their index in the whole text; sliced with the whole text's
    offsets (window[a:b]), it gives the text of the lines it holds."""

    def __init__(self, source: Iterator[tuple[Line, str]], limit: int | None) -> None:
        self.source = source
        self.limit = limit
        self.base = 0  # the index (in the whole text) of the first line held
        self.lines: list[Line] = []
        self.raws: list[str] = []  # each line as written, its line break included
        self.numbers: list[int] = []  # the line number (from 1) in the text: pieces of a line share theirs
        self.number = 0
        self.exhausted = False
        self.seeks: list[Seek] = []

    def has(self, i: int, floor: int | None) -> bool:
        """Is there a line i (reading up to it)? Lines are read only while they lie within one record's length of
        offset `floor` (where the record or look-ahead they belong to begins): beyond, the record is too long."""
        while i >= self.base + len(self.lines) and not self.exhausted:
            got = next(self.source, None)
            if got is None:
                self.exhausted = True
                break
            ln, raw = got
            floor = ln.start if floor is None else floor  # nothing read yet: a text cut from a longer one
            if self.limit is not None and ln.stop - floor > self.limit:
                raise LimitExceeded(too_long(self.line_number(floor), self.limit))
            if not ln.piece:
                self.number += 1
            self.lines.append(ln)
            self.raws.append(raw)
            self.numbers.append(self.number)
            for seek in self.seeks:
                seek.jump.append(-1)
        return i < self.base + len(self.lines)

    def line(self, i: int) -> Line:
        return self.lines[i - self.base]

    def index_at(self, offset: int) -> int:
        """The index of the line held that holds this offset."""
        return self.base + max(0, bisect.bisect_right(self.lines, offset, key=lambda ln: ln.start) - 1)

    def line_number(self, offset: int) -> int:
        """The line number (from 1) in the text of an offset within the lines held."""
        if not self.lines:
            return self.number + 1
        return self.numbers[self.index_at(offset) - self.base]

    def release(self, offset: int) -> None:
        """Forget the lines that end before this offset, but the two before it (the walk looks back that far)."""
        k = bisect.bisect_right(self.lines, offset, key=lambda ln: ln.stop) - 2
        if k > 0:
            for held in (self.lines, self.raws, self.numbers, *(s.jump for s in self.seeks)):
                del held[:k]
            self.base += k

    def __getitem__(self, key: slice) -> str:
        start, stop = key.start, key.stop
        if not self.lines or start < self.lines[0].start or stop > self.lines[-1].stop:
            raise IndexError(f"text [{start}:{stop}] is not held")
        first = self.index_at(start) - self.base
        last = self.index_at(max(start, stop - 1)) - self.base
        joined = "".join(self.raws[first : last + 1])
        return joined[start - self.lines[first].start : stop - self.lines[first].start]


class Seek:
    """The first line from line i on that passes a test of the lines alone (a label, a line that is not blank, a
    title line), each line tested once.

    jump[k] (per line held, -1 when not known yet) is m >= k such that no line in [k, m) passes and, when m == k,
    line k passes: a search follows the jumps and leaves each line it went through pointing where it stopped, so
    that searches from neighbouring lines, in any order, cost the lines they add, not the lines again."""

    def __init__(self, window: Window, test: Callable[[int, int], bool]) -> None:
        self.window = window
        self.test = test  # test(i, floor)
        self.jump: list[int] = [-1] * len(window.lines)
        window.seeks.append(self)

    def __call__(self, i: int, floor: int, until: int | None = None) -> int | None:
        """The first line in [i, until) that passes, or None (to the end of the text when until is None)."""
        w = self.window
        path: list[int] = []
        k = i
        found = False
        while (until is None or k < until) and w.has(k, floor):
            j = self.jump[k - w.base]
            if j == k:
                found = True
                break
            if j == -1:
                if self.test(k, floor):
                    self.jump[k - w.base] = k
                    found = True
                    break
                j = k + 1
            path.append(k)
            k = j
        for p in path:
            if p >= w.base:
                self.jump[p - w.base] = k
        return k if found else None
