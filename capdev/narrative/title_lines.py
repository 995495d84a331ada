"""Whether a line of the text being segmented looks like a title: a short line without end punctuation, over
narrative or labels. The segmenter asks it of paragraphs' first lines to find where a record's title opens it.

A paragraph's first line is no title when the paragraph goes on under it as one sentence (continuation.runs_on),
nor when it is narrative that a later title line, before the next record's labels, follows: of the paragraphs
between two records' facts, a title line is the next record's head and the prose before it is the record's own
("4.1 Programme ... / Code: X / <prose> / 4.2 Project ... / Code: Y": the prose belongs to 4.1).
"""
from __future__ import annotations

import re
from typing import Protocol

from .continuation import runs_on
from .lines import Line

TITLE_WORDS = 24  # French and Spanish titles run long
_DECORATION = re.compile(r"^[ \t]*(?:#{1,6}|\*\*|__|=+|[\u25aa\u25a0\u25cf\u2022\u25ba\u27a2])[ \t]*|"
                         r"[ \t]*(?:\*\*|__|#+|=+)[ \t]*$")
_COLUMN_GAP = re.compile(r"\S(?: {3,}|\t)\S")
_BULLET = re.compile(r"^[ \t]*([\u2022\u25aa\u25a0\u25cf\u25ba\u27a2\u2013\u2014*-])[ \t]")


class _Lines(Protocol):
    here: int

    def line(self, i: int) -> Line: ...
    def nonblank(self, i: int) -> int | None: ...
    def mark(self, i: int) -> int | None: ...
    def next_title(self, i: int, floor: int, until: int | None = None) -> int | None: ...


def looks_like_title(seg: _Lines, i: int) -> bool:
    """A short line without end punctuation, followed by narrative or labels (not a code header): a heading."""
    ln = seg.line(i)
    text = _DECORATION.sub("", ln.text)  # "## Title", "**Title**"
    words = text.split()
    if not words or len(words) > TITLE_WORDS or text.rstrip()[-1:] in ".:;,!?" or ln.heading:
        return False
    if _COLUMN_GAP.search(text.strip()):
        return False  # "6. Modalités de l'aide      Appui budgétaire ...": a row of two columns, not a title
    bullet = _BULLET.match(ln.text)
    if bullet and i > 0 and seg.line(i - 1).text.lstrip().startswith(bullet.group(1)):
        return False  # the last item of a list ("• 8 June 2022: ..." under "• 12 March 2021: ..."), no title
    if not words[0][:1].isupper() and not words[0][:1].isdigit() and not (
            words[0][:1].isalpha() and any(c.isupper() for c in words[0][1:])):
        return False  # "e-Procurement Capacity in ...", "eGovernment ..." open with a small letter
    j = seg.nonblank(i + 1)
    return j is not None and not seg.line(j).header and not (j == i + 1 and runs_on(ln.text, seg.line(j).text))


def title_below(seg: _Lines, i: int) -> bool:
    """Is line i the first line of a paragraph that goes on under it, with a title line after it before the next
    labels? Then it is prose of the record before, and the later line is the next record's title."""
    if seg.nonblank(i + 1) != i + 1 or seg.line(i + 1).label is not None or seg.line(i + 1).header is not None:
        return False
    return seg.next_title(i + 1, seg.here, until=seg.mark(i + 1)) is not None
