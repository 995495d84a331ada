"""A page of project cards that the segmenter read as one labelled record because of its foot: a donor's country
page gives each project as a title line over a meta line ("CVE/040 - En cours - 2022-2026", "Kenya · Ongoing ·
2021-2024") and a paragraph, and ends with "Contact : Ambassade ..." or "Contacto: ...". That one label made the
whole page one record, the first card's title lost under the page's heading and the other cards lost with it.

A record whose labels are only such labels of the page (no fact, no code, no title labelled, no header) and whose
text reads as two cards or more by their shared shape (parallel_blocks.card_records, cut at each title line over
a meta line, never guessed) is cut into those cards; the page's head joins the first card and its foot the last,
unplaced.
"""
from __future__ import annotations

import dataclasses

from .lines import Excerpt
from .parallel_blocks import card_records
from .segment import Block, RawRecord

# Labels of a page rather than of a project: they open no record of their own.
_PAGE_FIELDS = frozenset({"contact"})


def split_cards(raw: RawRecord, text: Excerpt) -> list[tuple[RawRecord, Excerpt]] | None:
    """The cards of a page read as one record, each with its text; None when the record is no such page."""
    if raw.news or not raw.blocks or any(b.kind == "header" for b in raw.blocks):
        return None
    if not raw.label_fields() or not raw.label_fields() <= _PAGE_FIELDS:
        return None
    if raw.start != text.offset or raw.end != text.offset + len(text.text):
        return None
    cards, guessed = card_records(text.text)
    if guessed or len(cards) < 2:
        return None
    out = []
    for card in cards:
        blocks = [dataclasses.replace(b, start=b.start + text.offset, end=b.end + text.offset,
                                      value_start=b.value_start + text.offset) for b in card.blocks]
        rec = RawRecord(blocks)
        out.append((rec, Excerpt(text[rec.start:rec.end], rec.start)))
    return out
