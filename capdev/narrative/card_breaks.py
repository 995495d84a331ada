"""Where a list of project cards opens its next record: at the rule drawn above a card, or at a title in capitals
right above its labels after a page's introduction.

A projects map's popups or a page of fact cards set each project apart with a rule ("-----", "=====", "* * *"):
above each card's labels stand a few short lines (a marker's caption, a country in capitals, the title right above
the labels). The rule ends the record before it, and the page's head above the first rule (its name and a line of
help) is no record's: it joins the first card unplaced. Only a rule followed, before its labels, by short lines the
last of which is a title line right above them opens a card; a rule right above labels is drawn inside one record.

A page that introduces a list of projects in a paragraph and then gives each project as a title in CAPITALS over
its labels: the paragraph is the page's, the capitals line the first project's title. This is read only where the
page gives a second capitals title over labels further on (a list of projects, not one record's section heading).

Each test looks at a few lines after the one read (CARD_HEAD), or finds the next capitals title once per line
(window.Seek): the cost stays linear in the text.
"""
from __future__ import annotations

from typing import Protocol

from .blocks import Block, RawRecord, RecordState
from .lines import Line
from .page_lines import is_rule
from .title_lines import TITLE_WORDS
from .window import Seek, Window

CARD_HEAD = 6  # lines between a card's rule and its first label: a caption, a country, a title, blank lines


class _Seg(Protocol):
    here: int
    state: RecordState
    next_caps: Seek | None
    card_title: int | None
    window: Window

    def line(self, i: int) -> Line: ...

    def nonblank(self, i: int) -> int | None: ...

    def looks_like_title(self, i: int) -> bool: ...

    def add(self, rec: RawRecord, block: Block) -> None: ...

    def add_title(self, rec: RawRecord, ln: Line) -> None: ...

    def after_break(self, i: int) -> bool: ...


def _facts_at(seg: _Seg, j: int | None) -> bool:
    """A label at line j with another label right under it: a block of facts."""
    if j is None or seg.line(j).label is None:
        return False
    k = seg.nonblank(j + 1)
    return k is not None and seg.line(k).label is not None


def rule_opens_card(seg: _Seg, i: int) -> int | None:
    """Line i is a rule with short lines under it, the last a title line, right above a block of facts: that title
    line's index; None otherwise."""
    if not seg.state.has_content() or not is_rule(seg.line(i).text):
        return None
    last = None
    for k in range(i + 1, i + 1 + CARD_HEAD):
        if not seg.window.has(k, seg.here):
            return None
        ln = seg.line(k)
        if not ln.text.strip():
            continue
        if ln.label is not None:
            right_above = last is not None and last == k - 1  # "## Chapter" then a blank line: a section's head
            return last if right_above and seg.looks_like_title(last) and _facts_at(seg, k) else None
        if ln.header or ln.table or is_rule(ln.text) or len(ln.text.split()) > TITLE_WORDS:
            return None
        last = k
    return None


def card_head_line(seg: _Seg, rec: RawRecord, ln: Line, i: int) -> bool:
    """A line of a card's head (after its rule): its title line is the record's title (lines before it, a marker's
    caption or a country in capitals, are set aside, unplaced). False for lines past the head."""
    if seg.card_title is None or i > seg.card_title:
        seg.card_title = None
        return False
    if i == seg.card_title:
        seg.card_title = None
        seg.add_title(rec, ln)
    else:
        seg.add(rec, Block("unparsed", "text", ln.start, ln.stop, ln.start))
    return True


def _in_capitals(text: str) -> bool:
    words = [w for w in text.split() if any(c.isalpha() for c in w)]
    letters = [c for c in text if c.isalpha()]
    return len(words) >= 3 and all(c.isupper() for c in letters)


def caps_title(seg: _Seg, j: int) -> bool:
    """A title in capitals at the head of its paragraph, with a block of facts right under it."""
    ln = seg.line(j)
    if ln.label or ln.header or ln.heading or ln.chrome or ln.table or not _in_capitals(ln.text):
        return False
    return seg.after_break(j) and seg.nonblank(j + 1) == j + 1 and _facts_at(seg, j + 1) and seg.looks_like_title(j)


def caps_title_after_intro(seg: _Seg, i: int) -> bool:
    """Line i is a capitals title over facts, the record so far holds only a page's introduction (narrative and
    title lines, no facts), and another capitals title over facts follows further on."""
    state = seg.state
    if state.label_fields() or not state.has_text_but_titles() or not caps_title(seg, i):
        return False
    return seg.next_caps is not None and seg.next_caps(i + 2, seg.here) is not None
