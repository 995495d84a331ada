"""Notes below a table of projects that name one project by its code ("Under project PRJ/GOV/114, a training of
trainers was held in Kampala from 13 to 17 November 2023 (31 participants) ..."): the events a note tells are that
project's, as a keyed activity table's rows are. A note naming two codes, or none, gives no event to any of them.
The note's text stays where it is (with the table's record, unplaced); only its events go to the project it names.
"""
from __future__ import annotations

import re

from ..segment import Block
from ..types import Event

_PARAGRAPH = re.compile(r"\n[ \t]*\n")
# "1. 2023-DA-11: the training of trainers took place in Kigali ...", "- GF-22-011: ...": one note per list item
_ITEM = re.compile(r"\n(?=[ \t]*(?:\d{1,2}[.)]|[-\u2022*])[ \t])")


def code_notes(text: str, blocks: list[Block], codes: set[str]) -> dict[str, list[Event]]:
    """The events of each project code that exactly one note (a paragraph of the text no record holds) names."""
    from ..values.event_clauses import set_aside
    from ..values.events import extract_events, is_planned

    named = [c for c in codes if len(c) >= 4]
    if not blocks or not named:
        return {}
    pattern = re.compile(r"(?<![\w/.-])(?:" + "|".join(re.escape(c) for c in sorted(named, key=len, reverse=True))
                         + r")(?![\w/-])")
    found: dict[str, list[Event]] = {}
    for block in blocks:
        if block.kind != "text":
            continue
        part = text[block.start : block.end]
        at = 0
        for piece in [item for para in _PARAGRAPH.split(part) for item in _ITEM.split(para)]:
            start = part.index(piece, at)
            at = start + len(piece)
            told = {m.group() for m in pattern.finditer(piece)}
            if len(told) != 1:
                continue
            events = extract_events(piece, offset=block.start + start)
            kept, _ = set_aside(events)
            kept = [e for e in kept if e.start is not None and e.start.month is not None and not is_planned(e)]
            if kept:
                found.setdefault(told.pop(), []).extend(kept)
    return found
