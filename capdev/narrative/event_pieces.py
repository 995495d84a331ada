"""A piece the segmenter cuts that is one event of the project before it: a side event, a workshop or a seminar
told after the project's facts with labels of its own ("SIDE EVENT / Title: ... / Date: ... / Venue: ..."), often
with its programme of sessions below. Its "Title:" opens a new piece, yet it is no project's record: it has no code
and no fact of a project (no period, budget, funder, partner or status), and its heading or title names a kind of
event (the words of values/event_words.py, in English, French and Spanish). It joins the record before it, whose
events it tells, when that record is a project's (its code, or two facts of its own)."""
from __future__ import annotations

from .lines import Excerpt
from .segment import RawRecord
from .values.event_words import _TYPE_RX
from .values.money import parse_money

# Fields an event's own labels give (its title, where it was held); any other fact is a project's.
_EVENT_FIELDS = frozenset({"title", "countries", "region", "unparsed", "blank", "heading", "chrome", "narrative",
                           "summary"})
# An event's heading and title come first, its kind named there, not in its programme: a line or two of a few words.
_HEAD_LINES = 2
_HEAD_WORDS = 12


def names_an_event(text: str) -> bool:
    return any(rx.search(text) for _, rx in _TYPE_RX)


def is_event_piece(raw: RawRecord, text: Excerpt) -> bool:
    """Is a piece one event (a heading or title naming its kind, no fact of a project's own)?"""
    fields = {b.field for b in raw.blocks}
    if raw.news or not fields <= _EVENT_FIELDS:
        return False
    title = next((b for b in raw.blocks if b.field == "title" and b.kind == "label"), None)
    if title is None or parse_money(text[raw.start : raw.end]):
        return False  # an amount is a project's fact, never an event's
    above = [ln.strip() for ln in text[raw.start : title.start].splitlines() if ln.strip()]
    if len(above) > _HEAD_LINES or any(len(ln.split()) > _HEAD_WORDS or ln[-1:] in ".;," for ln in above):
        return False  # the event's heading is a line or two ("SIDE EVENT"), never a paragraph of narrative
    return names_an_event(text[raw.start : title.end])
