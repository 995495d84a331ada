"""A page of projects that the segmenter read as one labelled record because of a label at its foot: a donor's
country page gives each project as a title line over a meta line ("CVE/040 - En cours - 2022-2026", "Kenya · Ongoing
· 2021-2024") and a paragraph, and ends with "Contact : Ambassade ..." or "Contacto: ..."; a newsletter gives each
item under a headline in capitals and ends with its links under "References" / "Références" (read as a code's label,
its value "[1] https://..."). That one label made the whole page one record, the other projects lost with it.

A record whose labels are only such labels of the page (a contact, or a code label whose value is a list of links:
no fact, no code, no title labelled, no header) and whose text reads as two cards or more by their shared shape
(parallel_blocks.card_records, cut at each title line over a meta line, never guessed), or else as two headed
sections or more that each tell of a project (headed_records: numbered headings, headlines in capitals), is cut
into those; the page's head joins the first and its foot the last, unplaced.
"""
from __future__ import annotations

import dataclasses
import re

from .headed_records import headed_records
from .lines import Excerpt
from .parallel_blocks import card_records
from .segment import Block, RawRecord

# Labels of a page rather than of a project: they open no record of their own.
_PAGE_FIELDS = frozenset({"contact"})
# A line of a list of links: "[3] https://...", "3. http://...", "<https://...>", a bare address.
_LINK_LINE = re.compile(r"^\s*(?:\[\d{1,3}\]|\d{1,3}[.)])?\s*<?(?:https?://|www\.)\S+>?\s*$", re.IGNORECASE)


def _page_label(block: Block, text: Excerpt) -> bool:
    """A label of the page: a contact, or a code's label whose value is nothing but a list of links."""
    if block.field in _PAGE_FIELDS:
        return True
    if block.field != "code" or block.label is None:
        return False
    first, _, rest = text[block.value_start:block.end].partition("\n")
    lines = [ln for ln in rest.splitlines() if ln.strip()]
    return not first.strip() and bool(lines) and all(_LINK_LINE.match(ln) for ln in lines)


def drop_link_codes(raw: RawRecord, text: Excerpt) -> None:
    """A code's label over a list of links ("References" / "[1] https://...") gives no code: kept, unplaced."""
    for n, b in enumerate(raw.blocks):
        if b.kind == "label" and b.field == "code" and _page_label(b, text):
            raw.blocks[n] = Block("unparsed", "text", b.start, b.end, b.start)


def split_cards(raw: RawRecord, text: Excerpt) -> list[tuple[RawRecord, Excerpt]] | None:
    """The cards of a page read as one record, each with its text; None when the record is no such page (its
    code's label over a list of links then unplaced: drop_link_codes)."""
    cards = _cards(raw, text)
    if cards is None:
        drop_link_codes(raw, text)
        return None
    out = []
    for card in cards:
        blocks = [dataclasses.replace(b, start=b.start + text.offset, end=b.end + text.offset,
                                      value_start=b.value_start + text.offset) for b in card.blocks]
        rec = RawRecord(blocks, sections=True)
        out.append((rec, Excerpt(text[rec.start:rec.end], rec.start)))
    return out


def _cards(raw: RawRecord, text: Excerpt) -> list[RawRecord] | None:
    if raw.news or not raw.blocks or any(b.kind == "header" for b in raw.blocks):
        return None
    labels = [b for b in raw.blocks if b.kind == "label"]
    if not labels or not all(_page_label(b, text) for b in labels):
        return None
    if raw.start != text.offset or raw.end != text.offset + len(text.text):
        return None
    cards, guessed = card_records(text.text)
    if guessed or len(cards) < 2:
        cards = headed_records(text.text)
    return cards if len(cards) >= 2 else None
