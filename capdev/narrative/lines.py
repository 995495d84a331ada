"""Text as the layout step and the segmenter read it: lines with their offsets, from a text that arrives in
pieces, and a record's excerpt sliced with the whole text's offsets (what lets the parser hold a record, not the
file)."""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .errors import LimitExceeded

if TYPE_CHECKING:
    from .labels import HeaderMatch, LabelMatch


@dataclass
class Line:
    """One line or piece of a line: [start, end) without its line break, [start, stop) with it; what the layout
    step (layout.py) found in it."""

    start: int
    end: int
    stop: int
    text: str
    label: LabelMatch | None = None  # offsets relative to this piece
    header: HeaderMatch | None = None
    heading: bool = False
    chrome: bool = False  # a menu, breadcrumb, sharing or footer line of a web page
    table: str = ""  # "header" | "row" of an activity table
    piece: bool = False  # a piece cut from a line after another label


def split_lines(text: str) -> list[Line]:
    """Lines with their offsets; '\\r\\n', '\\r' and '\\n' all end a line."""
    return [line for line, _raw in iter_lines([text])]


_BREAK = re.compile(r"\r\n|\r|\n")


def iter_lines(chunks: Iterable[str], max_line: int | None = None) -> Iterator[tuple[Line, str]]:
    """The lines of a text that arrives in pieces, each with its offsets and as written (its line break included).

    A line longer than max_line characters (no line break in it) is refused before it is all read.
    """
    pending, offset, number = "", 0, 0
    for chunk in chunks:
        pending += chunk
        pos = 0
        for m in _BREAK.finditer(pending):
            if m.group() == "\r" and m.end() == len(pending):
                break  # "\r" at the end of a piece may be the first half of "\r\n"
            number += 1
            body = pending[pos : m.start()]
            yield Line(offset + pos, offset + m.start(), offset + m.end(), body), pending[pos : m.end()]
            pos = m.end()
        offset += pos
        pending = pending[pos:]
        if max_line is not None and len(pending) > max_line:
            raise LimitExceeded(f"line {number + 1:,} is longer than {max_line:,} characters, the limit of one "
                                f"record (capdev.narrative.limits.MAX_RECORD_CHARS)")
    if pending:
        end = offset + len(pending)
        body = pending.rstrip("\r")
        yield Line(offset, offset + len(body), end, body), pending


class Excerpt:
    """One record's text, sliced with the whole text's offsets (excerpt[a:b] == text[a:b]): what the assembler
    reads, without the rest of the file."""

    __slots__ = ("text", "offset")

    def __init__(self, text: str, offset: int) -> None:
        self.text = text
        self.offset = offset

    def __getitem__(self, key: slice) -> str:
        start, stop = key.start, key.stop
        if start < self.offset or stop > self.offset + len(self.text):
            raise IndexError(f"text [{start}:{stop}] is outside this record "
                             f"[{self.offset}:{self.offset + len(self.text)}]")
        return self.text[start - self.offset : stop - self.offset]


def too_long(line: int, limit: int) -> str:
    """The message for a record longer than the limit."""
    return (f"the record from line {line:,} runs over {limit:,} characters without another record beginning; "
            f"one record may hold at most {limit:,} characters (capdev.narrative.limits.MAX_RECORD_CHARS)")
